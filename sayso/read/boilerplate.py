"""Marking boilerplate lines (promos, credits, share lines ...) with spans.

The patterns live in ``sayso/data/boilerplate.tsv``. A line is boilerplate
when one pattern matches the whole line (leading and trailing white space
aside). Text is never changed: only spans are added, so every offset stays
valid against the input.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Boilerplate, Document
from ..resources import read_table


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, compiled pattern) pairs from the data file."""
    return tuple((kind, re.compile(pattern, re.IGNORECASE))
                 for kind, pattern in read_table("boilerplate.tsv"))


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Boilerplate spans over the lines of text, in text order."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        for kind, pattern in boilerplate_patterns():
            if pattern.fullmatch(stripped):
                found.append(Boilerplate(kind=kind, span=(start, start + len(stripped))))
                break
    return found


def mark_boilerplate(document: Document) -> Document:
    """The document with its boilerplate spans added to any it already had."""
    spans = sorted(set(document.boilerplate) | set(find_boilerplate(document.text)),
                   key=lambda b: (b.span, b.kind))
    return replace(document, boilerplate=tuple(spans))
