"""The learned attribution span tagger: sentences, a golden article, errors.

Regenerate the golden file after retraining the model with
``SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_attribution_tagger.py``.
"""
from __future__ import annotations


import pytest

from conftest import FIXTURES
from golden import check_golden_json
from sayso.errors import SaysoError
from sayso.nlp.attribution import tagger
from sayso.nlp.parse import ParsedDocument
from sayso.read import read_text

GOLDEN = FIXTURES.parent / "golden" / "attribution_tagger_harbour_bridge.json"
ARTICLE = FIXTURES / "attribution" / "harbour_bridge.txt"


def candidates_for(nlp, text):
    document = read_text(text, "test")
    return tagger.tag_candidates(ParsedDocument(document=document, doc=nlp(text)))


def surface(text, candidate):
    """(source, cue, content) as text, content fragments joined by " | "."""
    source = text[slice(*candidate.source)] if candidate.source else None
    content = " | ".join(text[s:e] for s, e in candidate.content)
    return source, text[slice(*candidate.cue)], content


@pytest.mark.parametrize("text, expected", [
    ("The senator said the bill would fail.",
     ("The senator", "said", "the bill would fail")),
    ("Police said the suspect had fled the country.",
     ("Police", "said", "the suspect had fled the country")),
    ("The minister told reporters that prices would fall next year.",
     ("The minister", "told", "prices would fall next year")),
])
def test_reported_speech_gives_source_cue_and_content(nlp, text, expected):
    found = [surface(text, c) for c in candidates_for(nlp, text)]
    assert [(s, c, content.removeprefix("that ")) for s, c, content in found] == [expected]


def test_interrupted_quote_is_one_content_with_two_fragments(nlp):
    text = ('"We will not give up," the coach said. '
            '"This team has fought all season."\n')
    [candidate] = candidates_for(nlp, text)
    source, cue, content = surface(text, candidate)
    assert (source, cue) == ("the coach", "said")
    assert "We will not give up" in content
    assert "This team has fought all season" in content


def test_according_to_takes_its_object_as_source(nlp):
    text = "According to the report, unemployment rose in March."
    [candidate] = candidates_for(nlp, text)
    source, cue, content = surface(text, candidate)
    assert cue.lower() == "according to"
    assert source == "the report"
    assert content.startswith("unemployment rose")


def test_plain_narration_gives_no_candidates(nlp):
    text = "The river flooded the valley after three days of rain."
    assert candidates_for(nlp, text) == []


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Rain."])
def test_empty_or_tiny_text_gives_no_candidates(nlp, text):
    assert candidates_for(nlp, text) == []


def test_candidates_are_tagger_spans_inside_the_text(nlp):
    text = ARTICLE.read_text(encoding="utf-8")
    found = candidates_for(nlp, text)
    assert found
    for candidate in found:
        assert candidate.finder == "tagger"
        assert 0.0 <= candidate.score <= 1.0
        spans = [candidate.cue, *candidate.content] + (
            [candidate.source] if candidate.source else [])
        assert all(0 <= s < e <= len(text) for s, e in spans)


def test_golden_article(nlp):
    text = ARTICLE.read_text(encoding="utf-8")
    found = [dict(zip(("source", "cue", "content"), surface(text, c)))
             for c in candidates_for(nlp, text)]
    check_golden_json(GOLDEN, found)


def test_join_spans_joins_across_punctuation_but_not_words():
    text = "Alpha beta. Gamma delta, he said, epsilon."
    spans = [_span(text, "Alpha beta"), _span(text, "Gamma delta"), _span(text, "epsilon")]
    joined = tagger.join_spans(text, spans)
    assert [text[s:e] for s, e in joined] == ["Alpha beta. Gamma delta", "epsilon"]


def test_missing_model_is_a_sayso_error(monkeypatch):
    tagger.load_model.cache_clear()
    monkeypatch.setattr(tagger, "MODEL_FILE", ("models", "no-such-model.crfsuite"))
    with pytest.raises(SaysoError, match="attribution tagger model is missing"):
        tagger.load_model()
    tagger.load_model.cache_clear()


def _span(text, fragment):
    """A stand-in tagged span covering `fragment` (join_spans reads `chars`)."""
    start = text.index(fragment)

    class Stub:
        chars = (start, start + len(fragment))
    return Stub()
