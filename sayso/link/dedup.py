"""Near-duplicates and syndicated copies: MinHash over word shingles, banded LSH.

A wire story reprinted by twenty outlets with light edits (a new headline,
a dropped paragraph, a local dateline) keeps most of its five-word
shingles. Each document gets a MinHash signature; the signature is cut into
bands and every band is a bucket key, so finding the copies of a new
document costs one lookup per band, whatever the corpus size. Candidates
sharing a bucket are confirmed with the Jaccard estimate of the signatures.

Every copy points (`duplicate_of`) at the earliest copy of its group: the
one published first, ties broken by the order of arrival. Texts are
compared without their boilerplate (promos, share lines, credits), which
differs between outlets reprinting the same story.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from .terms import shingles

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
MIN_JACCARD = 0.6
MIN_WORDS = 30


@dataclass(frozen=True)
class Copy:
    """One document as the duplicate finder knows it."""

    id: str
    day: int | None
    arrival: int
    signature: np.ndarray


@lru_cache(maxsize=4096)
def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of a text's word shingles; None when it is too short.

    Cached (read-only arrays), as one ingest batch asks for it more than once.
    """
    grams = shingles(text, SHINGLE_WORDS)
    if len(grams) < MIN_WORDS - SHINGLE_WORDS + 1:
        return None
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    values = minhash.hashvalues.astype(np.uint64)
    values.flags.writeable = False
    return values


def band_keys(values: np.ndarray) -> list[int]:
    """One bucket key per band of the signature: a signed 64-bit hash of the
    band's number and values (so a store can index it as a BIGINT)."""
    rows = NUM_PERM // BANDS
    return [int.from_bytes(hashlib.blake2b(
                band.to_bytes(2, "big") + values[band * rows:(band + 1) * rows].tobytes(),
                digest_size=8).digest(), "big", signed=True)
            for band in range(BANDS)]


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateFinder:
    """Incremental near-duplicate groups; `add` returns the changed assignments."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[str]] = defaultdict(list)
        self._copies: dict[str, Copy] = {}
        self._root: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._next_arrival = 0

    def duplicate_of(self, doc_id: str) -> str | None:
        """The earliest copy this document duplicates, or None for an original."""
        root = self._root.get(doc_id)
        return None if root in (None, doc_id) else root

    def root(self, doc_id: str) -> str:
        """The earliest copy of the document's group (itself when it is original)."""
        return self._root.get(doc_id, doc_id)

    def add(self, doc_id: str, text: str, day: int | None) -> dict[str, str | None]:
        """Index a new document; return {doc: duplicate_of} for every doc whose
        link changed (the new one if it is a copy, older ones if it is older)."""
        values = signature(text)
        if values is None:
            self._root[doc_id] = doc_id
            self._members[doc_id] = [doc_id]
            return {}
        copy = Copy(doc_id, day, self._next_arrival, values)
        matched = self._matches(copy, band_keys(values))
        self._index(copy)
        return self._join(doc_id, {self.root(other) for other in matched})

    def restore(self, copy: Copy, duplicate_of: str | None = None) -> None:
        """Index a document whose link is already known (read back from a store)."""
        self._index(copy)
        root = duplicate_of or copy.id
        self._root[copy.id] = root
        members = self._members.setdefault(root, [root])
        if copy.id not in members:
            members.append(copy.id)

    def _index(self, copy: Copy) -> None:
        self._copies[copy.id] = copy
        self._next_arrival = max(self._next_arrival, copy.arrival + 1)
        for key in band_keys(copy.signature):
            self._buckets[key].append(copy.id)

    def _matches(self, copy: Copy, keys: list[int]) -> set[str]:
        candidates = {other for key in keys for other in self._buckets.get(key, ())}
        return {other for other in candidates
                if jaccard_estimate(copy.signature, self._copies[other].signature)
                >= MIN_JACCARD}

    def _join(self, doc_id: str, roots: set[str]) -> dict[str, str | None]:
        """Merge the document and the groups it matches under their earliest copy."""
        members = [doc_id] + [m for root in sorted(roots)
                              for m in self._members.pop(root, [root])]
        new_root = min(members, key=self._age)
        before = {m: self.duplicate_of(m) for m in members}
        for member in members:
            self._root[member] = new_root
        self._members[new_root] = members
        return {m: self.duplicate_of(m) for m in members
                if before[m] != self.duplicate_of(m)}

    def _age(self, doc_id: str) -> tuple[int, int]:
        """Sort key: earliest day first (unknown days last), then arrival order."""
        copy = self._copies.get(doc_id)
        if copy is None:
            return (1 << 30, 1 << 30)
        return (copy.day if copy.day is not None else 1 << 30, copy.arrival)
