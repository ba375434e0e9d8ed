"""Claims across articles: members, origins, contested, laundering."""
from __future__ import annotations

import dataclasses

import pytest
from link_corpus import WIRE_CLAIM, attribution, own_voice_event, span_of, wire_corpus

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
    """The claim the mayor's statement is in."""
    return claim_of(link_analyses(analyses), "berg", "q1")


def claim_of(linker, document, member):
    return next(c for c in linker.claim_records() if (document, member) in c.members)


def test_wire_claim_has_one_origin_across_syndicated_copies():
    claims = [c for c in link_analyses(wire_corpus()).claim_records() if c.text == WIRE_CLAIM]
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


def test_a_denial_contests_the_claim_it_answers_and_is_a_claim_of_its_own():
    linker = link_analyses([mayor_says(), engineer_says(), residents_deny()])
    claim = claim_of(linker, "berg", "q1")
    assert ("watch", "q1") not in claim.members
    assert claim.contested and claim.contested_by == (("watch", "q1"),)
    denial = claim_of(linker, "watch", "q1")
    assert denial.members == (("watch", "q1"),)
    assert not denial.contested


def test_an_anaphoric_denial_by_the_accused_answers_the_accusation():
    accusation = "Governor Pell had taken bribes from the harbour contractor"
    text = (f"Prosecutor Ida Kron said {accusation}. Pell denied the allegations on "
            "Friday.")
    analysis = article("pell", "City Paper", 10, text,
                       attribution(text, "q1", "Ida Kron", "said", accusation),
                       attribution(text, "q2", "Pell", "denied", "the allegations",
                                   stance="denies"))
    linker = link_analyses([analysis])
    assert claim_of(linker, "pell", "q1").contested_by == (("pell", "q2"),)
    assert not claim_of(linker, "pell", "q2").contested


def test_every_statement_is_in_exactly_one_claim():
    linker = link_analyses([mayor_says(), engineer_says(), residents_deny(),
                            own_voice_lead()])
    members = [m for c in linker.claim_records() for m in c.members]
    assert len(members) == len(set(members))
    assert {("berg", "q1"), ("ruiz", "q1"), ("watch", "q1"), ("lead", "s1")} <= set(members)
    assert ("berg", "s1") in members  # "Flood barriers were tested on Monday."


def test_a_speaker_quoted_through_an_interview_counts_once():
    claim = dam_claim([mayor_says(), interview_rewrite()])
    assert len(claim.members) == 2
    assert claim.origins == 1


def test_unrelated_statements_do_not_form_a_claim():
    text = "Coach Lena Holm said the team would play its home games in the old stadium."
    other = article("sport", "Sports Daily", 10, text,
                    attribution(text, "q1", "Lena Holm", "said",
                                "the team would play its home games in the old stadium"))
    assert link_analyses([mayor_says(), other]).claim_records(min_articles=2) == []


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
    claim = next(c for c in claims if ("lead", "s1") in c.members)
    assert ("p1", "q1") in claim.members
    assert claim.origins == 1
    assert claim.laundered_in == ("lead",)


def test_an_actors_own_announcement_stated_as_fact_is_not_laundered():
    content = "it shelled the village of Kesh overnight, killing four civilians"
    text = f"The rebel command said {content}."
    command = article("cmd", "Relief Wire", 11, text,
                      attribution(text, "q1", "The rebel command", "said", content))
    claims = link_analyses([command, own_voice_lead()]).claim_records()
    claim = next(c for c in claims if ("lead", "s1") in c.members)
    assert ("cmd", "q1") in claim.members
    assert not claim.laundered


def test_an_attributed_sentence_is_never_own_voice():
    text = ("The opposition called a press conference and stated that the government "
            "has committed genocide in the valley. Troops shelled the old market square "
            "overnight.")
    linker = link_analyses([article("conf", "Daily", 10, text)])
    own = [c.text for c in linker.claim_records()]
    assert own == ["Troops shelled the old market square overnight."]


def test_claim_export_has_the_contract_fields():
    claim = dam_claim([mayor_says(), engineer_says()]).to_dict()
    assert list(claim) == ["claim", "story", "text", "members", "statements", "sources",
                           "origins", "outlets", "contested", "contested_by", "laundered",
                           "laundered_in", "first_seen", "last_seen"]
    assert claim["members"] == [["berg", "q1"], ["ruiz", "q1"]]


def test_claim_of_own_voice_members_only_counts_outlets_as_origins():
    members = [Statement(document=d, id="s1", text="x", terms={}, day=None,
                         outlet=d, source=None, origin=None, own_voice=True)
               for d in ("a", "b")]
    claim = summarise("c1", members)
    assert (claim.origins, claim.laundered, claim.sources) == (2, False, ())


def test_a_denier_is_neither_a_source_nor_an_origin_of_what_it_denies():
    claim = dam_claim([mayor_says(), engineer_says(), residents_deny(), interview_rewrite()])
    assert claim.origins == 2
    assert claim.sources == ("Tomas Berg", "Ana Ruiz")
    assert claim.contested_by == (("watch", "q1"),)


@pytest.mark.parametrize("a, b, same", [
    ("Berg", "Tomas Berg", True),
    ("Jacob Lew", "Jacob J. Lew", True),
    ("John A. Boehner", "House Speaker John Boehner", True),
    ("Hillary Clinton", "Bill Clinton", False),
    ("Tomas Berg", "Tomas Bergman", False),
    ("Abdel Baset al-Megrahi", "Abdelbaset al-Megrahi", True),
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


def test_a_statement_repeated_within_one_article_is_one_single_article_claim():
    text = f"Mayor Tomas Berg said {DAM}. Later he repeated that {DAM}."
    second = text.rindex(DAM)
    repeat = dataclasses.replace(
        attribution(text, "q2", "Tomas Berg", "repeated", DAM),
        content=Content(DAM, ((second, second + len(DAM)),)))
    analysis = article("twice", "Morning Ledger", 10, text,
                       attribution(text, "q1", "Tomas Berg", "said", DAM), repeat)
    linker = link_analyses([analysis])
    assert claim_of(linker, "twice", "q1").members == (("twice", "q1"), ("twice", "q2"))
    assert linker.claim_records(min_articles=2) == []


def test_a_statement_of_one_word_joins_no_claim():
    """"On the speech" shares its one term with a sentence about the speech,
    not a proposition: each stays a claim of its own."""
    text = "Readers wrote to the paper. On the speech, they wrote at length."
    short = article("notes", "Morning Ledger", 10, text,
                    attribution(text, "q1", "Readers", "wrote", "On the speech"))
    applause = article("hall", "Evening Post", 10,
                       "The speech delivered at the hall was met with long applause.")
    linker = link_analyses([*wire_corpus(), short, applause])  # "speech" is rare
    assert claim_of(linker, "notes", "q1").id != claim_of(linker, "hall", "s1").id
