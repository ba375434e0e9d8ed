"""Finding which actor a stretch of text mentions."""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Actor, Span


def overlap(a: Span, b: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def actor_for_span(actors: Iterable[Actor], span: Span) -> str | None:
    """The id of the actor whose mention shares the most characters with span.

    On a tie the tightest mention wins, so "Egypt" maps to the country, not
    to "Egypt's army" whose mention contains it.
    """
    best, best_key = None, (0, 0)
    for actor in actors:
        for mention in actor.mentions:
            shared = overlap(span, mention)
            key = (shared, -(mention[1] - mention[0]))
            if shared and key > best_key:
                best, best_key = actor.id, key
    return best
