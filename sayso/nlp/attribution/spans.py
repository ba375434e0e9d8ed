"""Turning sets of spaCy tokens into character spans."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from spacy.tokens import Doc, Span as TokenSpan, Token

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
    trimmed = [trimmed_run(run) for run in runs]
    return [run for run in trimmed if run]


def _only_filler_between(left: Token, right: Token) -> bool:
    return all(_is_filler(t) for t in left.doc[left.i + 1:right.i])


def trimmed_run(run: list[Token], drop: Callable[[Token], bool] = _is_filler
                ) -> list[Token]:
    """The run less the tokens at either end for which `drop` holds
    (punctuation and spaces by default)."""
    start, end = 0, len(run)
    while start < end and drop(run[start]):
        start += 1
    while end > start and drop(run[end - 1]):
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


@lru_cache(maxsize=4)
def _sentence_bounds(doc: Doc) -> tuple[tuple[int, int], ...]:
    """(start, end) token indices of each token's sentence, computed once:
    spaCy's ``Token.sent`` walks the whole document on every call."""
    bounds: list[tuple[int, int]] = []
    for sentence in doc.sents:
        bounds.extend([(sentence.start, sentence.end)] * len(sentence))
    return tuple(bounds)


def sentence_of(token: Token) -> TokenSpan:
    """The sentence holding a token (like ``token.sent``, but fast)."""
    start, end = _sentence_bounds(token.doc)[token.i]
    return token.doc[start:end]
