"""Text features for linking: content terms, TF-IDF vectors, shingles, days.

Everything here is a plain function of strings, so the linkers can keep
term counts (not vectors) and weigh them with the corpus's current document
frequencies at comparison time: the weights stay right as the corpus grows.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Document

_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?|\d[\d,.]*\d", re.UNICODE)
_MIN_TERM_CHARS = 3
TITLE_WEIGHT = 2

Vector = dict[str, float]


def normalise(word: str) -> str:
    """Lowercase, drop a possessive and a plural ending: a crude, fast stem."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def content_terms(text: str) -> list[str]:
    """The text's words that carry content, normalised, in order."""
    terms = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.lower() in STOP_WORDS or len(word) < _MIN_TERM_CHARS:
            continue
        terms.append(normalise(word))
    return terms


def body_text(document: Document) -> str:
    """The document's text with its boilerplate spans blanked out."""
    if not document.boilerplate:
        return document.text
    chars = list(document.text)
    for mark in document.boilerplate:
        start, end = mark.span
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def document_terms(document: Document) -> Counter[str]:
    """Term counts of a document's body, its title counted `TITLE_WEIGHT` times."""
    counts = Counter(content_terms(body_text(document)))
    for term in content_terms(document.title or ""):
        counts[term] += TITLE_WEIGHT
    return counts


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def tfidf(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int) -> Vector:
    """A unit-length vector of sublinear term frequency times idf."""
    weights = {term: (1.0 + math.log(count)) * idf(df.get(term, 0), n_docs)
               for term, count in counts.items() if count > 0}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / norm for term, w in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit-length sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def top_terms(vector: Vector, k: int) -> list[str]:
    """The k heaviest terms of a vector (ties broken alphabetically)."""
    return [term for term, _ in sorted(vector.items(), key=lambda tw: (-tw[1], tw[0]))[:k]]


def shingles(text: str, size: int) -> set[str]:
    """Overlapping word n-grams of the lowercased text (all words, stop words too)."""
    words = [m.group().lower() for m in _WORD.finditer(text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def day_number(published: str | None) -> int | None:
    """Days since 0001-01-01 for an ISO date or datetime string, else None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def within(day: int | None, other: int | None, window: int) -> bool:
    """True when two days are at most `window` apart, or both are unknown
    (undated documents are compared only with each other)."""
    if day is None or other is None:
        return day is None and other is None
    return abs(day - other) <= window


def posted_near(postings: Mapping[int | None, list], day: int | None, window: int
                ) -> Iterator[list]:
    """The posting lists of the days within `window` of `day`; for an unknown
    day, the list of the undated."""
    days = (None,) if day is None else range(day - window, day + window + 1)
    for near in days:
        if near in postings:
            yield postings[near]


def posted_items(postings: Mapping[str, Mapping[int | None, list]], keys: Iterable[str],
                 day: int | None, window: int) -> Iterator:
    """Every item posted under one of these index keys on a day within
    `window` of `day` (the blocking step of incremental linking)."""
    for term in keys:
        for items in posted_near(postings.get(term, {}), day, window):
            yield from items


def best_above(scores: Mapping[str, float], minimum: float) -> str | None:
    """The best-scoring key (ties: the first in sorted order), if it reaches minimum."""
    best = max(sorted(scores), key=scores.get, default=None)
    return best if best is not None and scores[best] >= minimum else None
