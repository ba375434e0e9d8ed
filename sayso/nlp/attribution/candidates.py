"""Attribution candidates: the spans of one attribution before enrichment.

Two finders propose candidates over a parsed document: the learned tagger
(`tagger.py`, trained on PolNeAR) and the rules (`rules.py`). They are merged
into one list, and enrichment then gives each its form, stance, hedge,
channels, source kind and actor.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Span


@dataclass(frozen=True)
class Candidate:
    """Where one attribution's parts are, as character spans.

    cue: the cue ("said", "according to", "reportedly", a headline ":").
    content: one or more spans (a quote running over paragraphs, a quote
        interrupted by its speaker).
    source: the source span, or None when there is none (unsourced).
    finder: which finder proposed it ("tagger", "rules", or "document" for
        a standalone quote the document-level pass gives its speaker).
    score: the finder's confidence in [0, 1].
    """

    cue: Span
    content: tuple[Span, ...]
    source: Span | None
    finder: str
    score: float = 1.0
