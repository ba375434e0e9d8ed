"""The indexed attribute ruler finds exactly what spaCy's Matcher finds."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from sayso.config import DEFAULT_MODEL
from sayso.nlp.ruler import compile_pattern, indexed_matcher

TEXTS = [
    "Y'all gonna see it. I ain't got nothin' to say, she said. Let's go, c'm on!",
    "It's gotta be there: there is a dog and there're two cats; I told it to you and me.",
    "\n\n  \t Do you? She does. He did it, had it, has it, and that is that.",
    "The senator, who had not voted, said on Tuesday that the bill wasn't dead.",
    "“We will not stop,” the minister told reporters in Cairo, adding: \"Never.\"",
    "Whether or not it rains, unless told otherwise, we go; which one? That one.",
]
PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP]


@pytest.fixture(scope="module")
def plain():
    return spacy.load(DEFAULT_MODEL)


def test_the_model_ruler_is_indexed(plain):
    assert indexed_matcher(plain.get_pipe("attribute_ruler")) is not None


@pytest.mark.parametrize("text", TEXTS)
def test_indexed_matches_equal_the_matchers(plain, text):
    ruler = plain.get_pipe("attribute_ruler")
    doc = plain(text, disable=["attribute_ruler", "lemmatizer", "ner"])
    assert indexed_matcher(ruler).match(doc) == ruler.match(doc)


def test_the_sayso_pipeline_annotates_like_spacy(plain, nlp):
    for ours, theirs in zip(nlp.pipe(TEXTS), plain.pipe(TEXTS)):
        assert [t.text for t in ours] == [t.text for t in theirs]
        assert (ours.to_array(PARSE_ATTRS) == theirs.to_array(PARSE_ATTRS)).all()


def test_the_memo_answers_as_the_first_time(plain):
    ruler = plain.get_pipe("attribute_ruler")
    matcher = indexed_matcher(ruler)
    docs = [plain(text, disable=["attribute_ruler", "lemmatizer", "ner"]) for text in TEXTS]
    first = [matcher.match(doc) for doc in docs]
    assert [matcher.match(doc) for doc in reversed(docs)] == first[::-1]


@pytest.mark.parametrize("tokens", [
    [{"LOWER": "a", "OP": "?"}],
    [{"SHAPE": "Xx"}],
    [{"LOWER": {"FUZZY": "said"}}],
    [{"IS_SPACE": "yes"}],
    [],
])
def test_other_patterns_keep_spacys_matcher(tokens):
    assert compile_pattern(tokens) is None
