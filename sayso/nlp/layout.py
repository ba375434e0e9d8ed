"""Where news layout, not grammar, ends a sentence.

Plain-text news puts headlines, bylines, datelines and captions on lines of
their own, usually without final punctuation. A paragraph break (a blank
line) always ends a unit; a single line break ends one when the line before
it has no final punctuation, or when the next line opens a new quote or
list item. Returned offsets are the character offsets where a unit starts.
"""
from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]*(?:\n|$)")
_FINAL_PUNCTUATION = tuple(".!?:;\"'”’)…")


def _lines(text: str) -> list[tuple[int, str]]:
    """(start offset, line without its newline) for each line of text."""
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and lines:
            break
        lines.append((match.start(), match.group().rstrip("\n")))
    return lines


def layout_sentence_starts(text: str) -> set[int]:
    """Character offsets at which layout starts a new sentence."""
    starts: set[int] = set()
    previous = ""
    break_seen = False
    for start, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            break_seen = True
            continue
        first = start + (len(line) - len(line.lstrip()))
        ends_open = not previous.rstrip().endswith(_FINAL_PUNCTUATION)
        if break_seen or (previous and ends_open):
            starts.add(first)
        previous, break_seen = stripped, False
    return starts
