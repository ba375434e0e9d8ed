"""Finding which actor a stretch of text mentions.

Each actor's mentions are indexed once (sorted by start, with the longest
mention's length) so a look-up bisects instead of scanning every mention:
the time per look-up stays flat however long the document.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from ..model import Actor, Span

_INDEX_LIMIT = 50_000


def overlap(a: Span, b: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def actor_for_span(actors: Iterable[Actor], span: Span) -> str | None:
    """The id of the actor whose mention shares the most characters with span.

    On a tie the tightest mention wins, so "Egypt" maps to the country, not
    to "Egypt's army" whose mention contains it (and on a full tie the
    earlier actor).
    """
    best, best_key = None, (0, 0)
    for actor in actors:
        for mention in mentions_overlapping(actor, span):
            shared = overlap(span, mention)
            key = (shared, -(mention[1] - mention[0]))
            if shared and key > best_key:
                best, best_key = actor.id, key
    return best


def mentions_overlapping(actor: Actor, span: Span) -> Iterator[Span]:
    """The actor's mentions that may share characters with span (a superset
    of those that do, found by bisection)."""
    starts, ordered, longest = _index(actor.mentions)
    index = bisect_left(starts, span[1])
    while index > 0 and starts[index - 1] + longest > span[0]:
        index -= 1
        yield ordered[index]


def mentions_within(actor: Actor, span: Span) -> Iterator[Span]:
    """The actor's mentions that lie inside span, by start."""
    starts, ordered, _ = _index(actor.mentions)
    index = bisect_left(starts, span[0])
    while index < len(starts) and starts[index] <= span[1]:
        if ordered[index][1] <= span[1]:
            yield ordered[index]
        index += 1


def last_end_before(actor: Actor, position: int) -> int | None:
    """The latest end of a mention of the actor that ends by position."""
    ends = by_identity(actor.mentions, _sorted_ends)
    index = bisect_right(ends, position)
    return ends[index - 1] if index else None


def _sorted_ends(mentions: tuple[Span, ...]) -> list[int]:
    return sorted(e for _, e in mentions)


def _index(mentions: tuple[Span, ...]) -> tuple[list[int], list[Span], int]:
    """Mention starts in order, the mentions in that order and the longest
    mention's length."""
    return by_identity(mentions, _build_index)


def _build_index(mentions: tuple[Span, ...]) -> tuple[list[int], list[Span], int]:
    ordered = sorted(mentions)
    return [s for s, _ in ordered], ordered, max((e - s for s, e in ordered), default=0)


_cache: dict[tuple[int, object], tuple[object, object]] = {}


def by_identity(value, build):
    """build(value), computed once per (immutable) value object and build:
    the per-document indexes of actors and mentions."""
    key = (id(value), build)
    cached = _cache.get(key)
    if cached is not None and cached[0] is value:
        return cached[1]
    result = build(value)
    if isinstance(value, (tuple, str, Actor)):
        if len(_cache) >= _INDEX_LIMIT:
            _cache.clear()
        _cache[key] = (value, result)
    return result
