"""The attribution lexicons, read once from sayso/data.

cues.tsv (cue words and their default stance), hedges.tsv, channels.tsv,
source_kinds.tsv and stance_terms.tsv; each file documents its columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...errors import SchemaError
from ...model import CHANNEL_ROLES, SOURCE_KINDS, STANCES
from ...resources import read_table

CUE_KINDS = ("verb", "noun", "phrase", "adverb")
CONTENT_KINDS = ("clause", "object", "naming")


@dataclass(frozen=True)
class CueEntry:
    """One cue of the lexicon."""

    cue: str
    kind: str
    stance: str
    content: str


@dataclass(frozen=True)
class ChannelTrigger:
    """Words that introduce a channel, and where the channel's words are:
    after them, in their verb's subject ("subject") or in themselves ("self")."""

    words: tuple[str, ...]
    role: str
    subject: bool
    self_named: bool = False


@dataclass(frozen=True)
class Lexicon:
    cues: dict[tuple[str, str], CueEntry]
    hedges: tuple[tuple[str, ...], ...]
    channels: tuple[ChannelTrigger, ...]
    source_kinds: dict[str, str]
    stance_terms: dict[tuple[str, ...], str]

    def cue(self, lemma: str, kind: str) -> CueEntry | None:
        return self.cues.get((lemma.lower(), kind))


def _checked(value: str, allowed: tuple[str, ...], file: str, row: tuple) -> str:
    if value not in allowed:
        raise SchemaError(f"{file}: {value!r} in row {row!r} is not one of "
                          f"{', '.join(allowed)}")
    return value


def _cue_entries() -> dict[tuple[str, str], CueEntry]:
    entries = {}
    for row in read_table("cues.tsv"):
        cue, kind, stance, content = row
        entries[(cue, _checked(kind, CUE_KINDS, "cues.tsv", row))] = CueEntry(
            cue, kind, _checked(stance, STANCES, "cues.tsv", row),
            _checked(content, CONTENT_KINDS, "cues.tsv", row))
    return entries


def _channel_triggers() -> tuple[ChannelTrigger, ...]:
    triggers = []
    for row in read_table("channels.tsv"):
        words, role = row
        triggers.append(ChannelTrigger(tuple(words.rstrip("*=").split()),
                                       _checked(role, CHANNEL_ROLES, "channels.tsv", row),
                                       subject=words.endswith("*"),
                                       self_named=words.endswith("=")))
    return tuple(sorted(triggers, key=lambda t: -len(t.words)))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The attribution lexicons (read once)."""
    return Lexicon(
        cues=_cue_entries(),
        hedges=tuple(tuple(row[0].split()) for row in read_table("hedges.tsv")),
        channels=_channel_triggers(),
        source_kinds={row[0]: _checked(row[1], SOURCE_KINDS, "source_kinds.tsv", row)
                      for row in read_table("source_kinds.tsv")},
        stance_terms={tuple(row[0].split()): _checked(row[1], STANCES,
                                                      "stance_terms.tsv", row)
                      for row in read_table("stance_terms.tsv")},
    )
