"""CAMEO actor codes from the Phoenix tables (``sayso/data/phoenix``).

Phrases are matched word by word: a word is a run of letters or digits, so
"al-Qaeda", "AL_QAEDA" and "Al Qaeda" all read ``AL QAEDA`` and a possessive
"'s" never hides a name. The tables are read once per process, on first use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import read_table

WORD = re.compile(r"[^\W_]+")
SHORT_STEM = 4
NAME_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"}


@dataclass(frozen=True)
class Entry:
    """One Phoenix phrase: its words, code, kind hint and block head."""

    words: tuple[str, ...]
    whole: bool
    code: str
    kind: str
    head: str


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """The upper-cased words of text with their character spans."""
    return [(m.group().upper(), m.start(), m.end()) for m in WORD.finditer(text)]


def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().upper() for m in WORD.finditer(phrase))


@lru_cache(maxsize=1)
def actor_index() -> dict[str, tuple[Entry, ...]]:
    """Phoenix actor phrases by first word, longest first."""
    by_first: dict[str, list[Entry]] = {}
    for phrase, whole, code, kind, head in read_table("phoenix", "actors.tsv"):
        words = tuple(phrase.split(" "))
        by_first.setdefault(words[0], []).append(
            Entry(words, whole == "w", code, kind, head))
    return {first: tuple(sorted(entries, key=lambda e: -len(e.words)))
            for first, entries in by_first.items()}


@lru_cache(maxsize=1)
def agent_index() -> dict[tuple[str, ...], str]:
    """Phoenix agent phrases (as word tuples) to agent codes."""
    return {tuple(phrase.split(" ")): code
            for phrase, code in read_table("phoenix", "agents.tsv")}


@lru_cache(maxsize=1)
def agent_codes() -> frozenset[str]:
    """Every agent code the agent table uses (GOV, MIL, COP ...)."""
    return frozenset(agent_index().values())


def _word_fits(pattern: str, word: str, stem: bool) -> bool:
    if word == pattern:
        return True
    return stem and len(pattern) >= SHORT_STEM and word.startswith(pattern)


def _entry_fits(entry: Entry, words: list[tuple[str, int, int]], at: int,
                text: str) -> bool:
    size = len(entry.words)
    if at + size > len(words):
        return False
    for offset, pattern in enumerate(entry.words):
        stem = not entry.whole and offset == size - 1
        if not _word_fits(pattern, words[at + offset][0], stem):
            return False
    return _looks_like_name(text, words[at], size)


def _looks_like_name(text: str, first: tuple[str, int, int], size: int) -> bool:
    """Names start with a capital (or an article: "al-Qaeda"); a short
    one-word name is all capitals ("US")."""
    surface = text[first[1]:first[2]]
    if not surface[:1].isupper():
        return size > 1 and surface in NAME_ARTICLES
    return size > 1 or len(surface) > 3 or surface.isupper()


def find_phrases(text: str) -> list[Match]:
    """Longest Phoenix phrase matches, left to right, not overlapping."""
    index = actor_index()
    words = words_with_offsets(text)
    found, at = [], 0
    while at < len(words):
        entry = next((e for e in index.get(words[at][0], ())
                      if _entry_fits(e, words, at, text)), None)
        if entry is None:
            at += 1
            continue
        last = words[at + len(entry.words) - 1]
        found.append(Match(words[at][1], last[2], entry))
        at += len(entry.words)
    return found


def lookup(name: str) -> Entry | None:
    """The Phoenix entry for exactly this name, if any."""
    words = phrase_words(name)
    if words[:1] == ("THE",):
        words = words[1:]
    if not words:
        return None
    return next((e for e in actor_index().get(words[0], ())
                 if len(e.words) == len(words)
                 and all(_word_fits(p, w, not e.whole and i == len(words) - 1)
                         for i, (p, w) in enumerate(zip(e.words, words)))), None)


def agent_code(text: str) -> str | None:
    """The agent code of the most specific agent phrase in text
    ("defense officials" → MIL: the longest phrase wins, then the rightmost)."""
    words = [_singular(w) for w in phrase_words(text)]
    index = agent_index()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size, -1, -1):
            code = index.get(tuple(words[start:start + size]))
            if code:
                return code
    return None


def _singular(word: str) -> str:
    if word.endswith("IES") and len(word) > 4:
        return word[:-3] + "Y"
    if word.endswith("S") and not word.endswith("SS") and len(word) > 3:
        return word[:-1]
    return word


KEEP_AS_IS = ("IGO", "NGO", "MNC", "IMG")


def compose(base: str | None, agent: str | None) -> str | None:
    """State code plus agent ("ISR" + "MIL"); codes of international bodies
    and armed groups stay as they are."""
    if not base or not agent or base.startswith(KEEP_AS_IS) or "REB" in base:
        return base
    return base[:3] + agent
