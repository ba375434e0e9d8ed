"""Finding which actor a stretch of text mentions."""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Actor, Span


def overlap(a: Span, b: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def actor_for_span(actors: Iterable[Actor], span: Span) -> str | None:
    """The id of the actor with a mention sharing the most characters with span."""
    best, best_overlap = None, 0
    for actor in actors:
        shared = max((overlap(span, mention) for mention in actor.mentions), default=0)
        if shared > best_overlap:
            best, best_overlap = actor.id, shared
    return best
