"""Quotation-mark pairing over whole texts (no model needed)."""
from __future__ import annotations

import pytest

from sayso.nlp.attribution.quotes import find_quotes


def quoted(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in quote.pieces] for quote in find_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said: "We will respond."', [["We will respond."]]),
    ("“The plan,” he said, “will fail.”", [["The plan,"], ["will fail."]]),
    ("She called it “a disgrace” and left.", [["a disgrace"]]),
    ("Hamas: 'We will respond.'", [["We will respond."]]),
    ("It's the group's third 'warning' this year.", [["warning"]]),
    ("The '90s were different, he said.", []),
    ("Curly “opening never closes", [["opening never closes"]]),
])
def test_quotes_in_one_paragraph(text, expected):
    assert quoted(text) == expected


def test_a_paragraph_that_opens_a_quote_is_continued_by_the_next():
    text = ("“We owe them an account.\n\n"
            "“And we will give it,” she said.\n\n"
            "Later she left.")
    assert quoted(text) == [["We owe them an account.", "And we will give it,"]]


def test_an_open_quote_not_continued_ends_with_its_paragraph():
    text = "“We owe them an account.\n\nShe left.\n\n“Next,” he said."
    assert quoted(text) == [["We owe them an account."], ["Next,"]]


def test_quote_spans_index_the_text():
    text = 'Intro.\n\n"A.\n\n"B," she said.'
    for quote in find_quotes(text):
        for start, end in quote.pieces:
            assert text[start - 1] == '"'
            assert 0 <= start < end <= len(text)
