"""The rule finder (without the tagger) and enrichment on short sentences: (source, cue, content)
and the enriched fields, one expectation per pattern."""
from __future__ import annotations

import pytest

from sayso.model import Actor, Analysis
from sayso.nlp.attribution.enrich import enrich
from sayso.nlp.attribution.rules import rule_candidates
from sayso.nlp.parse import ParsedDocument
from sayso.read import read_text
from sayso.schema import validate


def attributions(nlp, text: str, actors: tuple[Actor, ...] = ()):
    """The rule finder's attributions, enriched, checked against the schema."""
    document = read_text(text, "t")
    parsed = ParsedDocument(document, nlp(document.text))
    found = enrich(parsed, actors, rule_candidates(parsed))
    validate(Analysis(document=document, actors=actors, attributions=found).to_dict())
    return found


def triples(nlp, text: str) -> list[tuple[str | None, str, str]]:
    return [(a.source.text if a.source else None, a.cue.text, a.content.text)
            for a in attributions(nlp, text)]


@pytest.mark.parametrize("text, expected", [
    ('The mayor said: "The repairs will start soon."',
     ("The mayor", "said", "The repairs will start soon.")),
    ('"The repairs will start soon," she said.',
     ("she", "said", "The repairs will start soon,")),
    ('"Nobody will be left behind," said the minister.',
     ("the minister", "said", "Nobody will be left behind,")),
    ("Police said the road was closed.", ("Police", "said", "the road was closed")),
    ("The union warned that prices would rise.",
     ("The union", "warned", "that prices would rise")),
    ("The company denied the allegations.",
     ("The company", "denied", "the allegations")),
    ("According to the report, the dam leaked for years.",
     ("the report", "According to", "the dam leaked for years")),
    ("The dam leaked for years, according to engineers.",
     ("engineers", "according to", "The dam leaked for years")),
    ("The general reportedly fled the country.",
     (None, "reportedly", "The general … fled the country")),
    ("The union's claim that the strike was legal was upheld by a court.",
     ("The union", "claim", "that the strike was legal")),
])
def test_one_attribution_per_pattern(nlp, text, expected):
    assert triples(nlp, text) == [expected]


def test_a_quote_interrupted_by_its_speaker_is_one_content(nlp):
    [found] = attributions(nlp, '"The plan," Verne said, "will not fail."')
    assert [found.content.text] == ["The plan, … will not fail."]
    assert found.form == "direct" and len(found.content.spans) == 2


def test_a_quote_closing_its_sentence_belongs_to_the_next_short_one(nlp):
    [found] = attributions(nlp, '"Who pays for this?" Graham asked. Nobody answered.')
    assert (found.source.text, found.cue.text) == ("Graham", "asked")
    assert found.stance == "questions"


def test_headline_colon(nlp):
    [found] = attributions(nlp, "Hamas: 'We will respond to the attack'\n\nText follows here.")
    assert (found.source.text, found.cue.text, found.form) == ("Hamas", ":", "direct")


def test_quote_signed_with_a_dash(nlp):
    text = "“We are ashamed of this vote.” ― Maria Lopez\n\nMore text."
    [found] = attributions(nlp, text)
    assert (found.source.text, found.cue.text) == ("Maria Lopez", "―")


@pytest.mark.parametrize("text, form", [
    ('She said: "We will win."', "direct"),
    ("She said the plan was a 'disaster' for the town.", "mixed"),
    ("She said the plan was a disaster.", "indirect"),
    ("According to Reuters, the plan failed.", "according_to"),
    ("The bridge is said to have been built without a permit.", "unsourced"),
    ("It is understood that the minister will resign.", "unsourced"),
])
def test_forms(nlp, text, form):
    assert [a.form for a in attributions(nlp, text)] == [form]


@pytest.mark.parametrize("text, stance", [
    ("The ministry denied the reports.", "denies"),
    ("The ministry rejected the claims.", "denies"),
    ("The union rejected two offers.", "asserts"),
    ("The spokesman said the claims were baseless.", "disputes"),
    ("Analysts questioned whether the plan would work.", "questions"),
    ("The spokesman said the plan would work.", "asserts"),
])
def test_stance(nlp, text, stance):
    assert [a.stance for a in attributions(nlp, text)] == [stance]


@pytest.mark.parametrize("text, hedged", [
    ("Officials said the weapons may have been moved.", True),
    ("Investigators believe the money is believed to be abroad.", True),
    ("The weapons were allegedly stored in a barn.", True),
    ("Officials said the repairs will start in May.", False),
    ("Officials said the weapons were moved.", False),
])
def test_hedges(nlp, text, hedged):
    assert attributions(nlp, text)[0].hedged is hedged


@pytest.mark.parametrize("text, kind", [
    ("Officials in the defense establishment said the border was closed.", "anonymous"),
    ("A source familiar with the talks said a deal was near.", "anonymous"),
    ("Palestinian sources said the border was closed.", "anonymous"),
    ("The ministry said the border was closed.", "organization"),
    ("The newspaper reported that the border was closed.", "outlet"),
    ("A report by the ministry found that exports fell.", "document"),
    ("Defense Minister Karl Lind said the border was closed.", "named"),
])
def test_source_kinds(nlp, text, kind):
    assert attributions(nlp, text)[0].source.kind == kind


def test_channels_from_the_source_outward(nlp):
    text = ("Daniel Harel told the news site Al-Marsad in an interview translated "
            "by the Daily Ledger that fighters had entered the valley.")
    [found] = attributions(nlp, text)
    assert [(c.text, c.role) for c in found.via] == [
        ("the news site Al-Marsad", "interview"), ("the Daily Ledger", "translation")]


def test_quoted_as_saying(nlp):
    [found] = attributions(nlp, "The Evening Courier quoted Reyes as saying the sales went on.")
    assert found.source.text == "Reyes"
    assert [(c.text, c.role) for c in found.via] == [("The Evening Courier", "report")]


def test_source_actor_from_mentions_and_pronouns(nlp):
    text = "Daniel Harel spoke on Monday. He said the valley was quiet."
    harel = Actor(id="a1", name="Daniel Harel", kind="person", mentions=((0, 12),))
    [found] = attributions(nlp, text, (harel,))
    assert (found.source.text, found.source.actor, found.source.kind) == ("He", "a1", "named")


def test_a_description_resolves_to_the_actor_whose_role_it_names(nlp):
    text = "Omar Saleh leads the group. The spokesman said the claims were false."
    saleh = Actor(id="a1", name="Omar Saleh", kind="person", role="spokesman",
                  mentions=((0, 10),))
    [found] = attributions(nlp, text, (saleh,))
    assert found.source.actor == "a1"


def test_nested_attribution_gets_its_parent(nlp):
    text = "The senator said the general had told aides that the war was lost."
    found = attributions(nlp, text)
    assert [(a.cue.text, a.parent) for a in found] == [("said", None), ("had told", "q1")]


def test_ids_follow_text_order(nlp):
    text = '"We will win," she said. Police said the road was closed.'
    assert [a.id for a in attributions(nlp, text)] == ["q1", "q2"]


def _person(ident: str, name: str, text: str) -> Actor:
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return Actor(id=ident, name=name, kind="person", mentions=tuple(spans))


def test_he_said_is_the_last_speaker_not_a_name_in_between(nlp):
    text = ("Kane said he welcomed Moss releasing a statement. "
            '"It was the right thing to do," he told reporters.')
    actors = (_person("a1", "Kane", text), _person("a2", "Moss", text))
    found = attributions(nlp, text, actors)
    assert found[-1].cue.text == "told"
    assert {a.source.actor for a in found} == {"a1"}


def test_a_new_sentence_subject_takes_over_from_the_last_speaker(nlp):
    text = ("Kane said the vote was fair. Moss arrived an hour later. "
            "He said the count was wrong.")
    actors = (_person("a1", "Kane", text), _person("a2", "Moss", text))
    assert [a.source.actor for a in attributions(nlp, text, actors)] == ["a1", "a2"]


@pytest.mark.parametrize("text", [
    "The money went to a group called the Northern Front.",
    "The program, called EB-5, lets investors buy visas.",
])
def test_naming_is_no_attribution(nlp, text):
    assert attributions(nlp, text) == ()


def test_calling_something_something_is(nlp):
    [found] = attributions(nlp, "The senator called the plan a disaster.")
    assert (found.source.text, found.cue.text, found.content.text) == (
        "The senator", "called", "the plan a disaster")


def test_a_sentence_opening_in_a_poll_speaks_through_it(nlp):
    [found] = attributions(nlp, "In the latest poll, the mayor led by five points.")
    assert (found.source.text, found.cue.text, found.source.kind) == (
        "the latest poll", "In", "document")


def test_in_a_statement_before_a_cue_verb_is_a_channel(nlp):
    [found] = attributions(nlp, "In a statement, the firm said it would appeal.")
    assert found.cue.text == "said"
    assert [(c.text, c.role) for c in found.via] == [("a statement", "statement")]


def test_a_relative_pronoun_after_only_punctuation_keeps_its_own_source(nlp):
    text = ("A blogger writes at Lakeside Notes [Fr], who also mentions the port, "
            "wonders about what will happen after the election and says:\n\n"
            "\u201cThe vote will change nothing.\u201d\n")
    for attribution in attributions(nlp, text):
        assert attribution.source is None or attribution.source.text.strip()
