"""The event data tables: CAMEO → PLOVER, trigger lexicon, frames, agent nouns."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...resources import read_table

HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE"})


@dataclass(frozen=True)
class Plover:
    """A PLOVER type and mode for one CAMEO code."""

    type: str
    mode: str | None
    cameo: str


@dataclass(frozen=True)
class TriggerEntry:
    words: tuple[str, ...]
    pos: str
    cameo: str


@lru_cache(maxsize=1)
def plover_table() -> dict[str, Plover]:
    """CAMEO code → PLOVER type for every code PLOVER keeps (01 is dropped).
    The mode is PLOVER's mode, or where it gives none its context
    ("military" for 062 cooperate militarily), as the contract's example."""
    table = {}
    for row in read_table("cameo2plover.tsv"):
        code, _name, plover, mode, context = (list(row) + [""] * 5)[:5]
        if code == "cameo" or not plover:
            continue
        table[code] = Plover(plover.split("|")[0], mode or context or None, code)
    return table


def plover_for(cameo: str | None) -> Plover | None:
    """The PLOVER type of a CAMEO code, trying its parent and root codes."""
    if not cameo or not cameo[:2].isdigit():
        return None
    table = plover_table()
    for candidate in (cameo, cameo[:3], cameo[:2]):
        if candidate in table:
            return table[candidate]
    return None


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[tuple[str, str], TriggerEntry]:
    """(pos, trigger phrase) → entry."""
    return {(pos, trigger): TriggerEntry(tuple(trigger.split()), pos, cameo)
            for trigger, pos, cameo, *_ in read_table("event_triggers.tsv")}


@lru_cache(maxsize=1)
def frame_roles() -> dict[str, str]:
    """Frame word → role (see event_frames.tsv)."""
    return {word: role for word, role in read_table("event_frames.tsv")}


@lru_cache(maxsize=1)
def frame_codes() -> dict[tuple[str, str], str]:
    """(frame, CAMEO root of the framed event) → CAMEO code (event_frame_codes.tsv)."""
    return {(frame, root): cameo for frame, root, cameo in read_table("event_frame_codes.tsv")}


def frame_code(frame: str, inner_root: str) -> str | None:
    """The code a frame gives an event of this root, or None where it keeps its own."""
    codes = frame_codes()
    return codes.get((frame, inner_root)) or codes.get((frame, "*"))


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """Nouns that name political agents ("rebels", "police", "court"): Phoenix's
    and sayso's own (event_agents.tsv)."""
    return frozenset(noun for table in ("cameo_agents.tsv", "event_agents.tsv")
                     for noun, _note in read_table(table))
