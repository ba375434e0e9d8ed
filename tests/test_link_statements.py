"""Statements: attribution contents, their second propositions, own-voice sentences."""
from __future__ import annotations

from link_corpus import attribution, wire_corpus
from test_link_claims import article, mayor_says

from sayso.link.statements import is_allegation, own_voice, split_content, statements


def test_a_content_with_two_propositions_gives_two_statements():
    content = ("the port had paid officials for years, and accused the minister of "
               "covering up the payments")
    text = f"Auditor Ilse Harel said {content}."
    analysis = article("two", "Courier", 10, text,
                       attribution(text, "q1", "Ilse Harel", "said", content))
    found = [s for s in statements(analysis, "two") if s.attribution == "q1"]
    assert [s.id for s in found] == ["q1", "s1"]
    assert found[1].text == "accused the minister of covering up the payments"


def test_every_statement_span_indexes_its_text():
    for analysis in [*wire_corpus()[:3], mayor_says()]:
        for statement in statements(analysis, analysis.document.id):
            start, end = statement.span
            assert analysis.document.text[start:end] == statement.text


def test_split_keeps_a_short_tail_with_its_content():
    assert split_content("prices rose, and said so", (0, 24)) == [
        ("prices rose, and said so", (0, 24))]


def test_own_voice_needs_a_plain_unhedged_sentence():
    assert own_voice("Troops shelled the old market square overnight.")
    assert not own_voice("Troops reportedly shelled the old market square overnight.")
    assert not own_voice("The army said troops shelled the old market square.")
    assert not own_voice("Did troops shell the old market square overnight?")
    assert not own_voice("“Troops shelled the old market square overnight.”")


def test_an_announcement_of_ones_own_act_is_not_an_allegation():
    assert is_allegation("the port had paid officials", "Ilse Harel", "asserts")
    assert not is_allegation("we will withdraw the artillery", "The army", "asserts")
    assert not is_allegation("Harel had resigned", "Ilse Harel", "asserts")
    assert not is_allegation("the port had paid officials", "Osan", "denies")


def test_a_question_is_no_allegation():
    assert not is_allegation("What did the mayor mean by a safe dam?", "Ilse Harel", "asserts")
    assert not is_allegation("whether the port paid officials", "Ilse Harel", "questions")
