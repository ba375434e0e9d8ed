"""Claims across articles: members, origins, contested, laundering."""
from __future__ import annotations

import dataclasses

import pytest
from link_corpus import attribution, own_voice_event, span_of, wire_corpus

from sayso.link import link_analyses
from sayso.link.claims import Statement, summarise
from sayso.link.provenance import distinct_names, independent_origins, name_key, same_person
from sayso.model import Actor, Analysis, Channel, Content, Document

DAM = "the Varn dam had been fully inspected in March and showed no cracks"


def article(doc_id: str, outlet: str, day: int, text: str, *attributions,
            actors=(), events=()) -> Analysis:
    document = Document(id=doc_id, text=text, outlet=outlet,
                        title=f"{outlet} report", published=f"2031-05-{day:02d}")
    return Analysis(document=document, actors=tuple(actors),
                    attributions=tuple(attributions), events=tuple(events))


def mayor_says(doc_id="berg", outlet="Morning Ledger", day=10) -> Analysis:
    text = f"Mayor Tomas Berg said {DAM}. Flood barriers were tested on Monday."
    actor = Actor("a1", "Tomas Berg", "person", title="Mayor",
                  mentions=(span_of(text, "Tomas Berg"),))
    return article(doc_id, outlet, day, text,
                   attribution(text, "q1", "Tomas Berg", "said", DAM, actor="a1"),
                   actors=[actor])


def engineer_says() -> Analysis:
    content = "the Varn dam was fully inspected in March and showed no cracks"
    text = f"Regional engineer Ana Ruiz told reporters {content}."
    return article("ruiz", "Evening Post", 11, text,
                   attribution(text, "q1", "Ana Ruiz", "told", content))


def residents_deny() -> Analysis:
    content = "the Varn dam had been fully inspected in March"
    text = (f"The residents' group Varn Watch denied that {content}, "
            "saying engineers had only walked along the crest.")
    return article("watch", "Valley Herald", 12, text,
                   attribution(text, "q1", "Varn Watch", "denied", content,
                               stance="denies", kind="organization"))


def interview_rewrite() -> Analysis:
    """A rewrite quoting the mayor through his interview with another paper."""
    text = f"In an interview with the Morning Ledger, Berg said {DAM}."
    channel = Channel("the Morning Ledger", span_of(text, "the Morning Ledger"), "interview")
    return article("rewrite", "Daily Digest", 13, text,
                   attribution(text, "q1", "Berg", "said", DAM, via=(channel,)))


def dam_claim(analyses):
    claims = [c for c in link_analyses(analyses).claim_records() if "Varn" in c.text]
    assert len(claims) == 1
    return claims[0]


def test_wire_claim_has_one_origin_across_syndicated_copies():
    claims = link_analyses(wire_corpus()).claim_records()
    assert len(claims) == 1
    claim = claims[0]
    assert len(claim.members) == 21
    assert (claim.origins, claim.outlets, claim.contested) == (1, 21, False)
    assert claim.sources == ("Mara Lindqvist",)


def test_two_officials_making_the_same_claim_are_two_origins():
    claim = dam_claim([mayor_says(), engineer_says()])
    assert (claim.origins, claim.outlets, claim.contested) == (2, 2, False)
    assert set(claim.sources) == {"Tomas Berg", "Ana Ruiz"}
    assert (claim.first_seen, claim.last_seen) == ("2031-05-10", "2031-05-11")


def test_a_denial_makes_the_claim_contested():
    claim = dam_claim([mayor_says(), engineer_says(), residents_deny()])
    assert ["watch", "q1"] in [list(m) for m in claim.members]
    assert claim.contested


def test_a_speaker_quoted_through_an_interview_counts_once():
    claim = dam_claim([mayor_says(), interview_rewrite()])
    assert len(claim.members) == 2
    assert claim.origins == 1


def test_unrelated_statements_do_not_form_a_claim():
    text = "Coach Lena Holm said the team would play its home games in the old stadium."
    other = article("sport", "Sports Daily", 10, text,
                    attribution(text, "q1", "Lena Holm", "said",
                                "the team would play its home games in the old stadium"))
    assert link_analyses([mayor_says(), other]).claim_records() == []


SHELLING = "rebels shelled the village of Kesh overnight, killing four civilians"


def colonel_says(doc_id: str, outlet: str, day: int) -> Analysis:
    text = f"Colonel Ivan Petrov said {SHELLING}."
    return article(doc_id, outlet, day, text,
                   attribution(text, "q1", "Ivan Petrov", "said", SHELLING))


def own_voice_lead(doc_id: str = "lead") -> Analysis:
    sentence = "Rebels shelled the village of Kesh overnight, killing four civilians."
    text = f"{sentence} The army is preparing a response."
    return article(doc_id, "Frontline News", 12, text,
                   events=[own_voice_event(text, sentence)])


def test_a_single_source_claim_stated_as_fact_is_laundered():
    claims = link_analyses([colonel_says("p1", "Capital Times", 10),
                            colonel_says("p2", "Border Voice", 11),
                            own_voice_lead()]).claim_records()
    assert len(claims) == 1
    claim = claims[0]
    assert ["lead", "e1"] in [list(m) for m in claim.members]
    assert claim.origins == 1
    assert claim.laundered


def test_independently_sourced_claim_is_not_laundered():
    text = f"Aid worker Sara Lind said {SHELLING}."
    witness = article("aid", "Relief Wire", 11, text,
                      attribution(text, "q1", "Sara Lind", "said", SHELLING))
    claims = link_analyses([colonel_says("p1", "Capital Times", 10), witness,
                            own_voice_lead()]).claim_records()
    assert claims[0].origins == 2
    assert not claims[0].laundered


def test_claim_export_has_the_contract_fields():
    claim = dam_claim([mayor_says(), engineer_says()]).to_dict()
    assert list(claim)[:7] == ["claim", "text", "members", "sources", "origins",
                               "outlets", "contested"]
    assert claim["members"] == [["berg", "q1"], ["ruiz", "q1"]]


def test_claim_of_own_voice_members_only_counts_outlets_as_origins():
    members = [Statement(document=d, id="e1", text="x", terms={}, day=None,
                         outlet=d, source=None, origin=None, own_voice=True)
               for d in ("a", "b")]
    claim = summarise("c1", members)
    assert (claim.origins, claim.laundered, claim.sources) == (2, False, ())


def test_a_denier_is_a_source_but_not_an_origin():
    claim = dam_claim([mayor_says(), engineer_says(), residents_deny(), interview_rewrite()])
    assert claim.origins == 2
    assert claim.sources == ("Tomas Berg", "Ana Ruiz", "Varn Watch")


@pytest.mark.parametrize("a, b, same", [
    ("Berg", "Tomas Berg", True),
    ("Jacob Lew", "Jacob J. Lew", True),
    ("John A. Boehner", "House Speaker John Boehner", True),
    ("Hillary Clinton", "Bill Clinton", False),
    ("Tomas Berg", "Tomas Bergman", False),
])
def test_name_variants_of_one_person(a, b, same):
    assert same_person(name_key(a), name_key(b)) is same


def test_each_source_is_named_once_by_its_usual_name():
    names = ["House Speaker John Boehner", "John Boehner", "John Boehner", "Jacob Lew",
             "Jacob J. Lew"]
    assert distinct_names(names) == ("John Boehner", "Jacob J. Lew")


def test_a_channel_named_elsewhere_as_speaker_is_not_an_origin():
    keys = ["name:mordechai", "name:yoav mordechai", "name:elaph"]
    assert independent_origins(keys, ["Elaph"]) == {"name:yoav mordechai"}


def test_a_pronoun_source_is_not_a_separate_origin():
    text = f"He said {DAM}."
    pronoun = article("pronoun", "Weekly Star", 11, text,
                      attribution(text, "q1", "He", "said", DAM))
    claim = dam_claim([mayor_says(), pronoun])
    assert (claim.origins, claim.sources) == (1, ("Tomas Berg",))


def test_a_statement_repeated_within_one_article_is_not_a_claim():
    text = f"Mayor Tomas Berg said {DAM}. Later he repeated that {DAM}."
    second = text.rindex(DAM)
    repeat = dataclasses.replace(
        attribution(text, "q2", "Tomas Berg", "repeated", DAM),
        content=Content(DAM, ((second, second + len(DAM)),)))
    analysis = article("twice", "Morning Ledger", 10, text,
                       attribution(text, "q1", "Tomas Berg", "said", DAM), repeat)
    assert link_analyses([analysis]).claim_records() == []
