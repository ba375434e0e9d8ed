from sayso.model import Actor
from sayso.nlp.mentions import actor_for_span

TEXT = "Egypt's army said Egypt would act."
ARMY = Actor(id="a1", name="Egyptian army", kind="organization", mentions=((0, 12),))
EGYPT = Actor(id="a2", name="Egypt", kind="country", mentions=((0, 5), (18, 23)))


def test_the_tightest_mention_wins_a_tie():
    assert actor_for_span([ARMY, EGYPT], (0, 5)) == "a2"


def test_the_largest_overlap_wins():
    assert actor_for_span([ARMY, EGYPT], (0, 12)) == "a1"
    assert actor_for_span([ARMY, EGYPT], (18, 23)) == "a2"


def test_no_overlap_is_no_actor():
    assert actor_for_span([ARMY, EGYPT], (24, 29)) is None
