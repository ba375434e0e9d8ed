"""Unit tests of the document-level attribution pass (`document.py`)."""
from __future__ import annotations

import pytest

from sayso.api import analyze
from sayso.nlp.attribution import document


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def test_a_content_with_an_open_quote_takes_its_closing_mark():
    text = 'The director called the strike "illegal" on Monday.'
    span = _span(text, 'the strike "illegal')
    assert text[slice(*document._balanced(text, span))] == 'the strike "illegal"'


def test_a_balanced_content_is_kept():
    text = 'He called it "illegal" and "void".'
    span = _span(text, '"illegal" and "void"')
    assert document._balanced(text, span) == span


@pytest.mark.parametrize("tail", [", a claim the union rejects", ", an allegation the firm denies",
                                  ", a charge the ministry disputes."])
def test_a_trailing_comment_is_not_content(tail):
    text = f"The director said the workers had been paid in full{tail}"
    span = (text.index("the workers"), len(text))
    assert text[slice(*document._without_tail(text, span))] == "the workers had been paid in full"


def test_a_content_without_a_tail_is_kept():
    text = "He said the claim was false, and the union agreed."
    span = (text.index("the claim"), len(text) - 1)
    assert document._without_tail(text, span) == span


def test_relayed_by_is_split_off_the_source_and_the_content():
    text = "According to local sources reported by the Daily Ledger, the clinic closed."
    source = _span(text, "local sources reported by the Daily Ledger")
    assert text[slice(*document._unrelayed_source(text, source))] == "local sources"
    content = _span(text, "reported by the Daily Ledger, the clinic closed")
    assert text[slice(*document._unrelayed(text, content))] == "the clinic closed"


@pytest.mark.parametrize("sentence,scene", [
    ("On Tuesday, at a press conference, Osei said so.", True),
    ("Later, Osei added that the plan was sound.", True),
    ("On the border, the fighters waited.", False),
    ("Osei said the plan would create jobs.", False),
])
def test_a_new_scene_opens_with_a_time_or_an_occasion(sentence, scene):
    assert document._new_scene(sentence) is scene


def test_channels_carry_until_the_speaker_names_another(nlp):
    text = ("Mayor Clara Osei told the Harbour Times in an interview that the quay would open.\n\n"
            "Osei said the council had the money.\n\n"
            "Osei said in a statement that the plan was final.\n\n"
            "Osei added that the port backed it.\n")
    found = analyze(text).to_dict()["attributions"]
    roles = {a["content"]["text"]: [c["role"] for c in a["via"]] for a in found}
    assert roles["the council had the money"] == ["interview"]
    assert roles["that the plan was final"] == ["statement"]
    assert roles["that the port backed it"] == ["statement"]


def test_another_speaker_does_not_inherit_a_channel(nlp):
    text = ("Mayor Clara Osei told the Harbour Times in an interview that the quay would open.\n\n"
            "Residents said the noise would be unbearable.\n")
    found = analyze(text).to_dict()["attributions"]
    residents = next(a for a in found if "noise" in a["content"]["text"])
    assert residents["via"] == []


def test_a_standalone_quote_needs_a_person_in_focus(nlp):
    text = 'The bridge was closed. "It will reopen in June." Nobody knew when.\n'
    found = analyze(text).to_dict()["attributions"]
    assert not any("reopen" in a["content"]["text"] for a in found)
