"""Actors named by a common noun phrase rather than a name.

- unnamed sources: "Israeli defense officials", "officials in the Israeli
  defense establishment", "a senior Guyanese police officer" (kind
  ``anonymous``, code from the nationality and the agent words: ISRMIL);
- agencies of a state or group: "Egypt's army", "Iraqi police" (kind
  ``organization`` or ``group``, only with a country or group attached);
- back-references: "the group", "the movement" (resolved later).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..parse import doc_text
from . import lexicon, phoenix
from .candidates import Mention

# What may stand between a title and the name it describes; matched in place,
# since slicing the text between a phrase and every far-away name was cubic.
_BLANK_OR_COMMA = re.compile(r"\s*,?\s*")
_COMMA = re.compile(r"\s*,\s*")
_BLANKS_AND_COMMAS = re.compile(r"[\s,]*")

ATTACHED_PREPOSITIONS = {"in", "from", "at", "of", "with"}
GROUP_AGENTS = {"REB", "UAF", "INS", "SEP", "RAD"}
NAME_FOLLOWS = re.compile(r"\s+[A-Z]")


def agent_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Unnamed sources and state agencies, one mention per noun phrase."""
    text, found, index = doc_text(doc), [], _Named(named)
    for chunk in doc.noun_chunks:
        mention = _agent_mention(text, chunk, index)
        if mention and not any(mention.overlaps(m) for m in found):
            found.append(mention)
    return found


class _Named:
    """The named mentions by start and by end, so those near a phrase are
    found by bisection."""

    def __init__(self, named: list[Mention]) -> None:
        self._by_start = sorted(named, key=lambda m: m.start)
        self._starts = [m.start for m in self._by_start]
        self._by_end = sorted(named, key=lambda m: m.end)
        self._ends = [m.end for m in self._by_end]
        self._longest = max((m.end - m.start for m in named), default=0)

    def starting(self, low: int, high: int) -> list[Mention]:
        return self._by_start[bisect_left(self._starts, low):bisect_right(self._starts, high)]

    def ending(self, low: int, high: int) -> list[Mention]:
        return self._by_end[bisect_left(self._ends, low):bisect_right(self._ends, high)]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Those with m.start < end and start < m.end."""
        return [m for m in self.starting(start - self._longest, end - 1) if start < m.end]


def _agent_mention(text: str, chunk: Span, named: _Named) -> Mention | None:
    root = chunk.root
    if root.pos_ == "PROPN":
        return None
    anonymous = root.lower_ in lexicon.cues("anonymous")
    agent = phoenix.agent_code(root.text) or specific_agent(root.text)
    if not anonymous and not agent:
        return None
    start, end = _extent(chunk, with_attachment=anonymous)
    if any(_clashes(m, start, root) for m in named.overlapping(start, end)):
        return None
    if _title_of_a_name(text, start, end, named) or _heads_a_named_apposition(root, named):
        return None
    country = country_code(text[start:end])
    if not anonymous and not country:
        return None
    kind = _agent_kind(root.lower_, agent, anonymous)
    return Mention(start, end, "agent", kind=kind,
                   code=_code(text[start:end], country, agent or _cue_agent(root.lower_)))


def _code(phrase: str, country: str | None, head_agent: str | None) -> str | None:
    """A modifier's agent beats the head noun's ("defense officials": MIL);
    the head noun's does not replace a named body's ("Pentagon officials")."""
    specific = specific_agent(phrase)
    if specific:
        return phoenix.compose(country, specific)
    if country and len(country) > 3:
        return country
    return phoenix.compose(country, head_agent)


def _clashes(name: Mention, start: int, root: Token) -> bool:
    """A name before the head may only modify it ("Pentagon officials",
    "Hamas officials"), never be a person or an outlet; names after the
    head ("the embassy in Bogota") are its own business."""
    if name.kind in ("person", "outlet"):
        return True
    if name.start >= root.idx + len(root):
        return False
    return name.start < start or name.end > root.idx


def _title_of_a_name(text: str, start: int, end: int, named: _Named) -> bool:
    """"UN envoy Jeanine Hennis-Plasschaert", "Aleksandr Lukashevich,
    Russia's foreign minister": the phrase describes a person next to it
    (only names within the blanks and commas around it can be)."""
    after = _BLANKS_AND_COMMAS.match(text, end).end()
    before = start
    while before > 0 and (text[before - 1].isspace() or text[before - 1] == ","):
        before -= 1
    return (any(m.kind == "person" and _BLANK_OR_COMMA.fullmatch(text, end, m.start)
                for m in named.starting(end, after))
            or any(m.kind == "person" and _COMMA.fullmatch(text, m.end, start)
                   for m in named.ending(before, start)))


def _heads_a_named_apposition(root: Token, named: _Named) -> bool:
    """"A spokeswoman for the governor, Ruth Adams": the phrase is the role
    of the person in apposition to it, not an unnamed source of its own."""
    return any(child.dep_ == "appos" and any(
        m.kind == "person"
        for m in named.overlapping(child.idx, child.idx + 1)) for child in root.rights)


def _agent_kind(noun: str, agent: str | None, anonymous: bool) -> str:
    if anonymous:
        return "anonymous"
    if agent in GROUP_AGENTS:
        return "group"
    return "organization" if noun in lexicon.cues("institution") else "anonymous"


def _extent(chunk: Span, with_attachment: bool) -> tuple[int, int]:
    """The chunk without a leading determiner; for an unnamed source, with
    an attached "in the Israeli defense establishment"."""
    tokens = [t for t in chunk if not (t.i == chunk.start and t.dep_ == "det")]
    start = tokens[0].idx if tokens else chunk.start_char
    end = chunk.end_char
    if not with_attachment:
        return start, end
    for child in chunk.root.rights:
        if child.dep_ == "prep" and child.lower_ in ATTACHED_PREPOSITIONS and child.i == chunk.end:
            end = max(end, max(t.idx + len(t) for t in child.subtree))
    return start, end


def country_code(text: str) -> str | None:
    """The code of the first state or nationality named in text, else of the
    first other body Phoenix knows ("Pentagon officials": USAMIL)."""
    matches = phoenix.find_phrases(text)
    states = [m for m in matches if m.entry.kind != "entity"]
    return next((m.entry.code for m in states + matches), None)


def specific_agent(text: str) -> str | None:
    """The agent of the most specific modifier ("defense officials" → MIL)."""
    lowered = text.lower()
    for pattern, code in agent_patterns():
        if pattern.search(lowered):
            return code
    return None


@lru_cache(maxsize=1)
def agent_words() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(lexicon.cues("agent_word").items(), key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def agent_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """`agent_words` as whole-word patterns, compiled once."""
    return tuple((re.compile(rf"\b{re.escape(words)}\b"), code) for words, code in agent_words())


def _cue_agent(noun: str) -> str | None:
    value = lexicon.cues("anonymous").get(noun)
    return None if value in (None, "-") else value


def reference_mentions(text: str) -> list[Mention]:
    """"the group", "the movement" ...: definite back-references."""
    found = []
    for pattern, kinds in reference_patterns():
        for match in pattern.finditer(text):
            if NAME_FOLLOWS.match(text, match.end()):
                continue
            found.append(Mention(match.start(), match.end(), "reference",
                                 kind=kinds))
    return sorted(found, key=lambda m: m.start)


@lru_cache(maxsize=1)
def reference_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The back-reference phrases as patterns, compiled once."""
    return tuple((re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE), kinds)
                 for phrase, kinds in lexicon.cues("reference").items())
