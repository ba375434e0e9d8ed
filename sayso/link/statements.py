"""Statements: what a claim is made of.

Every attribution's content is a statement (`q…`); a content holding a
second proposition ("said X, and accused Y of Z") gives a second one (`s…`,
its `attribution` the same `q…`). Every sentence an article states in its
own voice is a statement too (`s…`, `attribution` null): a sentence that no
attribution's source, cue or content touches, that reports no speech ("said",
"according to", "called a press conference"), is not hedged, holds no
quotation and ends with a full stop. The rules are data:
``sayso/data/statements.tsv``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Analysis, Attribution
from ..resources import read_table
from .provenance import channel_names, name_key, origin_key, source_name
from .terms import body_text, content_terms, day_number

MIN_OWN_VOICE_TERMS = 4
MAX_OWN_VOICE_WORDS = 60
MIN_PART_TERMS = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n")
_QUOTES = re.compile("[\"“”«»„]")
_CONJUNCTION = re.compile(r"(?:and|but)\s+", re.IGNORECASE)
CONTESTING = ("denies", "disputes")


@dataclass(frozen=True)
class Statement:
    """One claim member: an attribution's content or an own-voice sentence."""

    document: str
    id: str
    text: str
    terms: Counter
    day: int | None
    outlet: str
    source: str | None
    origin: str | None
    channels: frozenset[str] = frozenset()
    stance: str = "asserts"
    own_voice: bool = False
    event_types: frozenset[str] = frozenset()
    span: tuple[int, int] = (0, 0)
    attribution: str | None = None
    story: str | None = None
    published: str | None = None
    allegation: bool = False
    root: str | None = None
    keys: tuple[str, ...] = field(default=(), compare=False)

    @property
    def contesting(self) -> bool:
        return self.stance in CONTESTING


@lru_cache(maxsize=None)
def rule(kind: str) -> re.Pattern:
    """The word-bounded, case-insensitive pattern of one kind of statements.tsv."""
    words = "|".join(pattern for k, pattern in read_table("statements.tsv") if k == kind)
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def statements(analysis: Analysis, root: str, story: str | None = None
               ) -> Iterator[Statement]:
    """Every statement of one analysed document, attributed ones first.

    `root` is the document's earliest syndicated copy (itself if original).
    """
    numbers = iter(range(1, 1 << 30))
    events = _event_types(analysis)
    for attribution in analysis.attributions:
        yield from _attributed(analysis, attribution, root, story, numbers, events)
    yield from _own_voice(analysis, root, story, numbers)


def _common(analysis: Analysis, root: str, story: str | None) -> dict:
    document = analysis.document
    return {"document": document.id, "day": day_number(document.published),
            "outlet": document.outlet or root, "story": story,
            "published": document.published, "root": root}


def _attributed(analysis: Analysis, attribution: Attribution, root: str,
                story: str | None, numbers: Iterator[int],
                events: dict[str | None, set[str]]) -> Iterator[Statement]:
    text = attribution.content.text.strip()
    if not text:
        return
    source = source_name(analysis, attribution)
    shared = dict(_common(analysis, root, story), source=source,
                  origin=origin_key(analysis, attribution, root),
                  channels=frozenset(channel_names(analysis, attribution)),
                  stance=attribution.stance, attribution=attribution.id,
                  event_types=frozenset(events.get(attribution.id, ())))
    for index, (part, span) in enumerate(split_content(text, content_span(attribution))):
        yield Statement(id=attribution.id if index == 0 else f"s{next(numbers)}",
                        text=part, terms=Counter(content_terms(part)), span=span,
                        allegation=is_allegation(part, source, attribution.stance),
                        **shared)


def content_span(attribution: Attribution) -> tuple[int, int]:
    spans = attribution.content.spans
    return (spans[0][0], spans[-1][1]) if spans else (0, 0)


def split_content(text: str, span: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
    """The propositions of a content: split before ", and accused ..." when the
    second part has content of its own. Spans of parts are exact only for a
    content with one span (else each part gets the whole content's span)."""
    exact = span[1] - span[0] == len(text)
    parts, start = [], 0
    for match in re.finditer(r"[,;]\s+(?=" + rule("split").pattern + ")", text,
                             re.IGNORECASE):
        if len(content_terms(text[match.end():])) >= MIN_PART_TERMS:
            parts.append((start, match.start()))
            conjunction = _CONJUNCTION.match(text, match.end())
            start = conjunction.end() if conjunction else match.end()
    parts.append((start, len(text)))
    return [(text[a:b], (span[0] + a, span[0] + b) if exact else span) for a, b in parts]


def is_allegation(content: str, source: str | None, stance: str) -> bool:
    """An asserted content about others, not the source announcing its own act
    ("we will ...", "it has ...", or naming the source up front), nor a
    question ("What did Obama mean by ...?")."""
    if stance in CONTESTING or stance == "questions" or content.rstrip().endswith("?"):
        return False
    head = content.split()[:4]
    if head and rule("own_act").fullmatch(head[0].strip(",.")):
        return False
    return not (source and name_key(source).split()[-1:] and
                name_key(source).split()[-1] in name_key(" ".join(head)).split())


def _event_types(analysis: Analysis) -> dict[str | None, set[str]]:
    types: dict[str | None, set[str]] = {}
    for event in analysis.events:
        types.setdefault(event.attribution, set()).add(event.type)
    return types


def _own_voice(analysis: Analysis, root: str, story: str | None,
               numbers: Iterator[int]) -> Iterator[Statement]:
    attributed = _attributed_spans(analysis)
    events = [(e.sentence, e.type) for e in analysis.events if e.attribution is None]
    for start, end in sentences(body_text(analysis.document)):
        text = analysis.document.text[start:end]
        if not own_voice(text) or any(a < end and start < b for a, b in attributed):
            continue
        types = frozenset(t for (a, b), t in events if a < end and start < b)
        yield Statement(id=f"s{next(numbers)}", text=text, terms=Counter(content_terms(text)),
                        span=(start, end), source=None, origin=None, own_voice=True,
                        event_types=types, **_common(analysis, root, story))


def _attributed_spans(analysis: Analysis) -> list[tuple[int, int]]:
    spans = []
    for attribution in analysis.attributions:
        spans.extend(attribution.content.spans)
        spans.append(attribution.cue.span)
        if attribution.source is not None:
            spans.append(attribution.source.span)
    return [tuple(s) for s in spans if s[1] > s[0]]


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of a text (blanked boilerplate splits like a paragraph break)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)


def own_voice(sentence: str) -> bool:
    """Whether a sentence states a proposition in the article's own voice."""
    return (sentence.endswith(".") and not _QUOTES.search(sentence)
            and len(sentence.split()) <= MAX_OWN_VOICE_WORDS
            and len(content_terms(sentence)) >= MIN_OWN_VOICE_TERMS
            and not rule("speech").search(sentence) and not rule("hedge").search(sentence))
