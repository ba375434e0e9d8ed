"""The hand-made tables the actor stage reads, loaded once per process:
titles and roles, organisation name patterns, outlets, context cues and
alias groups (all under ``sayso/data``, each file commented)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...resources import read_table


@dataclass(frozen=True)
class Title:
    text: str
    type: str            # "title" (honorific, rank) or "role" (office)
    agent: str | None    # CAMEO agent code it implies


@dataclass(frozen=True)
class Known:
    """An entity known by name: an outlet or an alias group's member."""

    name: str
    kind: str
    code: str | None


def _cells(row: tuple[str, ...], size: int) -> list[str]:
    return [cell.strip() for cell in row] + [""] * (size - len(row))


@lru_cache(maxsize=1)
def titles() -> dict[str, Title]:
    """Titles and roles by lower-cased phrase."""
    table = {}
    for row in read_table("titles.tsv"):
        text, kind, agent = _cells(row, 3)[:3]
        table[text.lower()] = Title(text, kind, None if agent in ("", "-") else agent)
    return table


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern[str]:
    """Any title or role phrase, longest first, as whole words, ignoring case."""
    return re.compile(rf"(?<![\w.-])(?:{_title_alternatives()})(?![\w-])",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def title_before_pattern() -> re.Pattern[str]:
    """A title or role phrase at the very end of a text, then whitespace."""
    return re.compile(rf"(?<![\w.-])(?:{_title_alternatives()})\s+$", re.IGNORECASE)


def _title_alternatives() -> str:
    """Titles as written (case matters: "Major", not "a major"), roles in any case."""
    def alternatives(type_: str) -> str:
        phrases = sorted((t.text for t in titles().values() if t.type == type_),
                         key=len, reverse=True)
        return "|".join(map(re.escape, phrases))
    return f"(?-i:{alternatives('title')})|{alternatives('role')}"


@lru_cache(maxsize=1)
def org_patterns() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(where, words, kind) rows of org_patterns.tsv."""
    return tuple((where, tuple(words.split()), kind)
                 for where, words, kind in (_cells(r, 3)[:3]
                                            for r in read_table("org_patterns.tsv")))


def org_kind(name: str) -> str | None:
    """The kind an organisation name pattern gives this name, if any."""
    words = tuple(name.replace("-", " ").split())
    for where, pattern, kind in org_patterns():
        size = len(pattern)
        if where == "prefix" and words[:size] == pattern and len(words) > size:
            return kind
        if where == "suffix" and words[-size:] == pattern and len(words) > size:
            return kind
        if where == "contains" and any(words[i:i + size] == pattern
                                       for i in range(len(words) - size + 1)):
            return kind
    return None


@lru_cache(maxsize=1)
def outlets() -> dict[str, tuple[Known, bool]]:
    """Lower-cased outlet names and aliases to the outlet (code: country +
    MED) and whether the name needs an outlet cue."""
    table = {}
    for row in read_table("outlets.tsv"):
        name, _type, country, aliases, cue = _cells(row, 5)[:5]
        known = Known(name, "outlet", country + "MED" if len(country) == 3 else None)
        for alias in [name, *filter(None, aliases.split("|"))]:
            table[alias.lower()] = (known, cue == "needs-cue")
            if alias.startswith("The "):
                table[alias[4:].lower()] = (known, cue == "needs-cue")
    return table


@lru_cache(maxsize=1)
def outlet_pattern() -> re.Pattern[str]:
    names = sorted(outlets(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(map(re.escape, names)),
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def aliases() -> dict[str, Known]:
    """Lower-cased alias to its entity (aliases.tsv)."""
    table = {}
    for row in read_table("aliases.tsv"):
        name, kind, code, names = _cells(row, 4)[:4]
        known = Known(name, kind, code or None)
        for alias in [name, *filter(None, names.split("|"))]:
            table[alias.lower()] = known
    return table


@lru_cache(maxsize=1)
def alias_pattern() -> re.Pattern[str]:
    names = sorted((known_name for known_name in _alias_surfaces()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(map(re.escape, names)))


def _alias_surfaces() -> list[str]:
    surfaces = []
    for row in read_table("aliases.tsv"):
        name, _kind, _code, names = _cells(row, 4)[:4]
        surfaces.extend([name, *filter(None, names.split("|"))])
    return surfaces


@lru_cache(maxsize=8)
def cues(kind: str) -> dict[str, str]:
    """Cue phrases of one kind from actor_cues.tsv, lower-cased, to their value."""
    return {words.lower(): value for cue, words, value in
            (_cells(r, 3)[:3] for r in read_table("actor_cues.tsv")) if cue == kind}
