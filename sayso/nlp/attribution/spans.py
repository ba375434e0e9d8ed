"""Turning sets of spaCy tokens into character spans."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ...model import Span


def _is_filler(token: Token) -> bool:
    return token.is_punct or token.is_space


def token_runs(tokens: Iterable[Token]) -> list[list[Token]]:
    """Tokens grouped into runs of consecutive tokens, ends trimmed of punctuation.

    A gap made only of punctuation and spaces does not break a run.
    """
    ordered = sorted(set(tokens), key=lambda t: t.i)
    runs: list[list[Token]] = []
    for token in ordered:
        if runs and _only_filler_between(runs[-1][-1], token):
            runs[-1].append(token)
        else:
            runs.append([token])
    trimmed = [_trim(run) for run in runs]
    return [run for run in trimmed if run]


def _only_filler_between(left: Token, right: Token) -> bool:
    return all(_is_filler(t) for t in left.doc[left.i + 1:right.i])


def _trim(run: list[Token]) -> list[Token]:
    start, end = 0, len(run)
    while start < end and _is_filler(run[start]):
        start += 1
    while end > start and _is_filler(run[end - 1]):
        end -= 1
    return run[start:end]


def run_span(run: list[Token]) -> Span:
    return (run[0].idx, run[-1].idx + len(run[-1].text))


def token_spans(tokens: Iterable[Token]) -> tuple[Span, ...]:
    """The character spans of the runs of these tokens."""
    return tuple(run_span(run) for run in token_runs(tokens))


def merge_spans(spans: Iterable[Span], text: str) -> tuple[Span, ...]:
    """Sorted spans with touching ones, or ones apart by spaces only, joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def hull(spans: Iterable[Span]) -> Span:
    spans = list(spans)
    return (min(s for s, _ in spans), max(e for _, e in spans))
