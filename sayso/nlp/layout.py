"""Where news layout, not grammar, starts or continues a sentence.

Plain-text news puts headlines, bylines, datelines and captions on lines of
their own, usually without final punctuation; the small spaCy model would
merge them into the next sentence. Hard-wrapped text (lines of ~70
characters that end mid-sentence) must not be split at every line.

The rules, for a line break between two lines:

- a blank line (paragraph break) always starts a new unit;
- the next line starts a new unit when it opens a list item;
- a line that ends with a full stop, "!", "?" or "…" ends its sentence,
  unless its last word may be an abbreviation ("Mr.", "U.S.", "Gen.");
  after such a word, or a colon or semicolon ("He said:"), the parser
  decides;
- a line without final punctuation is a *wrap* when the next line's first
  word would not have fitted on it (the greedy line-filling test against the
  text's wrap width): the sentence continues;
- otherwise the short line is a unit of its own (headline, byline, caption).

A dateline ("GAZA CITY (Reuters) -") opening a line that is not a wrapped
continuation is a unit of its own, never split inside; its patterns live in
``sayso/data/datelines.tsv``. A list item's bullet stays with its text, and
a closing quote stays with the sentence it closes ('on."' is not split
before the quote, which the small model does).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_table

_SENTENCE_END = tuple(".!?:;…")
_CLOSERS = "\"'”’)]»"
_LIST_ITEM = re.compile(r"(?:[-*•–—]\s|\d{1,2}[.)]\s)")
_FIRST_WORD = re.compile(r"\S+")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Z]\.)+[A-Z])\.$")
_CLOSING_QUOTE = re.compile(r"(?<=[.!?…,])[\"”’»]+(?=\s|$)")
_WRAP_PERCENTILE = 0.9


@dataclass(frozen=True)
class Line:
    start: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def first(self) -> int:
        """Offset of the line's first non-space character."""
        return self.start + len(self.text) - len(self.text.lstrip())


@dataclass(frozen=True)
class LayoutBoundaries:
    """Offsets where a sentence must start, and where it must not."""

    starts: frozenset[int]
    continuations: frozenset[int]


@lru_cache(maxsize=1)
def dateline_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for (pattern,) in read_table("datelines.tsv"))


def text_lines(text: str) -> list[Line]:
    """Every line of text with its start offset (``\\r`` kept out of the text)."""
    lines, start = [], 0
    for raw in text.split("\n"):
        lines.append(Line(start, raw.rstrip("\r")))
        start += len(raw) + 1
    return lines


def wrap_width(lines: list[Line]) -> int:
    """The width the text seems wrapped at: a high percentile of line lengths."""
    lengths = sorted(len(line.stripped) for line in lines if line.stripped)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(_WRAP_PERCENTILE * len(lengths)))]


def is_wrapped(line: Line, following: Line, width: int) -> bool:
    """True when the break after ``line`` only wraps a long line."""
    word = _FIRST_WORD.match(following.stripped)
    return len(line.stripped) + 1 + len(word.group() if word else "") > width


def ends_sentence(line: Line) -> bool:
    """True when the line ends with final punctuation, closing quotes aside.

    A bracket without a full stop before it does not count: a caption's
    "(Reuters/Jane Doe)" leaves the line open.
    """
    return line.stripped.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def dateline_end(line: Line) -> int | None:
    """Offset just past a dateline opening this line, if there is one."""
    body = line.text[line.first - line.start:]
    for pattern in dateline_patterns():
        match = pattern.match(body)
        if match and match.end() < len(body.rstrip()):
            after = len(body) - len(body[match.end():].lstrip())
            return line.first + after
    return None


def break_kind(previous: Line | None, line: Line, width: int) -> str:
    """What the line break before ``line`` means: ``unit`` (a new unit starts),
    ``wrap`` (the sentence goes on) or ``parser`` (grammar decides)."""
    if previous is None or _LIST_ITEM.match(line.stripped):
        return "unit"
    if ends_sentence(previous):
        closed = previous.stripped.rstrip(_CLOSERS)
        undecided = closed.endswith((":", ";")) or _ABBREVIATION_END.search(closed)
        return "parser" if undecided else "unit"
    return "wrap" if is_wrapped(previous, line, width) else "unit"


def layout_boundaries(text: str) -> LayoutBoundaries:
    """Sentence starts and continuations that layout, not grammar, decides."""
    lines = text_lines(text)
    width = wrap_width(lines)
    starts: set[int] = set()
    continuations: set[int] = set()
    previous: Line | None = None
    for line in lines:
        if not line.stripped:
            previous = None
            continue
        kind = break_kind(previous, line, width)
        if kind == "wrap":
            continuations.add(line.first)
        else:
            if kind == "unit":
                starts.add(line.first)
            after_dateline = dateline_end(line)
            if after_dateline is not None:
                starts.add(after_dateline)
                continuations.update(range(line.first + 1, after_dateline))
            bullet = _LIST_ITEM.match(line.stripped)
            if bullet:
                continuations.add(line.first + bullet.end())
        previous = line
    continuations.update(m.start() for m in _CLOSING_QUOTE.finditer(text))
    starts.discard(0)
    return LayoutBoundaries(frozenset(starts), frozenset(continuations))


def layout_sentence_starts(text: str) -> set[int]:
    """Character offsets at which layout starts a new sentence."""
    return set(layout_boundaries(text).starts)
