"""Pairing quotation marks over the whole text.

A quote is the text between an opening and a closing mark. News style lets a
quote run over several paragraphs: a paragraph that opens a quote without
closing it is continued by the next paragraph when that one opens with a
quotation mark. A quote is returned as one inner span per paragraph, marks
left out. Single quotation marks count only where they cannot be an
apostrophe: an opening mark after a space or line start, a closing one
before a space, punctuation or line end, both in the same paragraph. A
closing double mark typed where an opening one belongs (after a space or at
a line start: '”Fear,” she said') opens a quote.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...model import Span
from ..mentions import by_identity

_OPENING = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’", "'": "'", "”": "”"}
_CLOSING_FOR_SINGLE = {"’", "'"}
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quote:
    """One quotation: its inner text spans, one per paragraph it runs through."""

    pieces: tuple[Span, ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def covers(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.pieces)


def quoted(quotes: Sequence[Quote], position: int) -> bool:
    """Whether any of the quotes covers position (bisecting their pieces by
    start, with the furthest end reached so far; indexed once per tuple)."""
    starts, reach = by_identity(quotes, _pieces_index)
    index = bisect_right(starts, position)
    return index > 0 and reach[index - 1] > position


def _pieces_index(quotes: Sequence[Quote]) -> tuple[list[int], list[int]]:
    pieces = sorted((s, e) for quote in quotes for s, e in quote.pieces if s < e)
    return [s for s, _ in pieces], list(accumulate((e for _, e in pieces), max))


@lru_cache(maxsize=8)
def find_quotes(text: str) -> tuple[Quote, ...]:
    """Every quotation in text, in order, with paragraph continuations joined
    (cached: the finders, enrichment and coreference all ask for them)."""
    quotes: list[Quote] = []
    carried: list[Span] = []
    for paragraph in _PARAGRAPH.finditer(text):
        pieces, open_at = _paragraph_quotes(text, paragraph.start(), paragraph.end())
        if carried and not _opens_with_quote(text, paragraph.start(), paragraph.end()):
            quotes.append(Quote(tuple(carried)))
            carried = []
        if carried and pieces and pieces[0][0] == _first_char(text, paragraph.start()) + 1:
            first, *pieces = pieces
            quotes.append(Quote((*carried, first)))
            carried = []
        quotes.extend(Quote((piece,)) for piece in pieces)
        if open_at is not None:
            carried.append((open_at, _trimmed_end(text, paragraph.end())))
        elif carried:
            quotes.append(Quote(tuple(carried)))
            carried = []
    if carried:
        quotes.append(Quote(tuple(carried)))
    return tuple(quote for quote in quotes if _has_words(text, quote))


def _paragraph_quotes(text: str, start: int, end: int
                      ) -> tuple[list[Span], int | None]:
    """Closed quotes in one paragraph, and where a still-open quote starts."""
    pieces: list[Span] = []
    position = start
    while position < end:
        mark = text[position]
        if mark in _OPENING and _can_open(text, position, start):
            close = _find_close(text, position + 1, end, _OPENING[mark])
            if close is None and mark in "‘'":
                position += 1
                continue
            if close is None:
                return pieces, position + 1
            pieces.append((position + 1, close))
            position = close + 1
            continue
        position += 1
    return pieces, None


def _can_open(text: str, position: int, paragraph_start: int) -> bool:
    before = text[position - 1] if position > paragraph_start else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if after.isspace():
        return False
    if text[position] in _CLOSING_FOR_SINGLE or text[position] == "‘":
        return before.isspace() or before in "([—–-:"
    if text[position] == "”":
        return before.isspace()
    return not before.isalnum()


def _find_close(text: str, position: int, end: int, closing: str) -> int | None:
    single = closing in _CLOSING_FOR_SINGLE
    while position < end:
        if text[position] == closing or (closing == "”" and text[position] == '"'):
            after = text[position + 1] if position + 1 < len(text) else " "
            if not single or not after.isalnum():
                return position
        position += 1
    return None


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    first = _first_char(text, start)
    return first < end and text[first] in "“”\"„«"


def _trimmed_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _has_words(text: str, quote: Quote) -> bool:
    return any(any(ch.isalnum() for ch in text[s:e]) for s, e in quote.pieces)
