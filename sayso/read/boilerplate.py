"""Marking boilerplate lines (promos, credits, share lines ...) with spans.

The patterns live in ``sayso/data/boilerplate.tsv``. A line is boilerplate
when one pattern matches the whole line (leading and trailing white space
aside); a pattern with a group named ``span`` marks only that part of the
line (a caption's closing "(Photo: Name/Agency)"). Text is never changed: only spans are added, so every offset stays
valid against the input. Spans a reader already set (HTML captions) win
over pattern matches on the same text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Boilerplate, Document
from ..resources import read_table

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class BoilerplatePattern:
    kind: str
    name: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[BoilerplatePattern, ...]:
    """The patterns of the data file, in file order."""
    return tuple(BoilerplatePattern(kind, name, re.compile(pattern))
                 for kind, name, pattern in read_table("boilerplate.tsv"))


def matching_pattern(line: str) -> BoilerplatePattern | None:
    """The first pattern matching this whole line, if any."""
    stripped = line.strip()
    for pattern in boilerplate_patterns():
        if stripped and pattern.regex.fullmatch(stripped):
            return pattern
    return None


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Boilerplate spans over the lines of text, in text order."""
    found = []
    for match in _LINE.finditer(text):
        pattern = matching_pattern(match.group())
        if pattern is not None:
            found.append(Boilerplate(pattern.kind, _marked(pattern, match)))
    return found


def _marked(pattern: BoilerplatePattern, line: re.Match[str]) -> tuple[int, int]:
    """The span a matching pattern marks: its "span" group, else the line
    without its leading and trailing white space."""
    text = line.group()
    start = line.start() + len(text) - len(text.lstrip())
    if "span" not in pattern.regex.groupindex:
        return (start, start + len(text.strip()))
    part = pattern.regex.fullmatch(text.strip())
    return (start + part.start("span"), start + part.end("span"))


def mark_boilerplate(document: Document) -> Document:
    """The document with pattern matches added to the spans it already had."""
    kept = list(document.boilerplate)
    kept += [b for b in find_boilerplate(document.text)
             if not any(_overlaps(b.span, k.span) for k in document.boilerplate)]
    return replace(document, boilerplate=tuple(sorted(kept, key=lambda b: b.span)))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
