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
from functools import lru_cache

from spacy.tokens import Doc, Span

from . import lexicon, phoenix
from .candidates import Mention

ATTACHED_PREPOSITIONS = {"in", "from", "at", "of", "with"}
GROUP_AGENTS = {"REB", "UAF", "INS", "SEP", "RAD"}
NAME_FOLLOWS = re.compile(r"\s+[A-Z]")


def agent_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Unnamed sources and state agencies, one mention per noun phrase."""
    found = []
    for chunk in doc.noun_chunks:
        mention = _agent_mention(doc, chunk, named)
        if mention and not any(mention.overlaps(m) for m in found):
            found.append(mention)
    return found


def _agent_mention(doc: Doc, chunk: Span, named: list[Mention]) -> Mention | None:
    root = chunk.root
    if root.pos_ == "PROPN":
        return None
    anonymous = root.lower_ in lexicon.cues("anonymous")
    agent = phoenix.agent_code(root.text)
    if not anonymous and not agent:
        return None
    start, end = _extent(chunk)
    if any(_clashes(m, start, root.idx) for m in named if m.start < end and start < m.end):
        return None
    country = country_code(doc.text[start:end])
    if not anonymous and not country:
        return None
    kind = _agent_kind(root.lower_, agent, anonymous)
    return Mention(start, end, "agent", kind=kind,
                   code=_code(doc.text[start:end], country, agent or _cue_agent(root.lower_)))


def _code(phrase: str, country: str | None, head_agent: str | None) -> str | None:
    """A modifier's agent beats the head noun's ("defense officials": MIL);
    the head noun's does not replace a named body's ("Pentagon officials")."""
    specific = specific_agent(phrase)
    if specific:
        return phoenix.compose(country, specific)
    if country and len(country) > 3:
        return country
    return phoenix.compose(country, head_agent)


def _clashes(name: Mention, start: int, root_start: int) -> bool:
    """A name inside the phrase may only modify its head ("Pentagon
    officials", "Hamas officials"), never be a person or an outlet."""
    return (name.kind in ("person", "outlet") or name.start < start
            or name.end > root_start)


def _agent_kind(noun: str, agent: str | None, anonymous: bool) -> str:
    if anonymous:
        return "anonymous"
    if agent in GROUP_AGENTS:
        return "group"
    return "organization" if noun in lexicon.cues("institution") else "anonymous"


def _extent(chunk: Span) -> tuple[int, int]:
    """The chunk without a leading determiner, with an attached "in the X
    establishment" phrase."""
    tokens = [t for t in chunk if not (t.i == chunk.start and t.dep_ == "det")]
    start = tokens[0].idx if tokens else chunk.start_char
    end = chunk.end_char
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
    for words, code in agent_words():
        if re.search(rf"\b{re.escape(words)}\b", lowered):
            return code
    return None


@lru_cache(maxsize=1)
def agent_words() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(lexicon.cues("agent_word").items(), key=lambda p: -len(p[0])))


def _cue_agent(noun: str) -> str | None:
    value = lexicon.cues("anonymous").get(noun)
    return None if value in (None, "-") else value


def reference_mentions(text: str) -> list[Mention]:
    """"the group", "the movement" ...: definite back-references."""
    found = []
    for phrase, kinds in lexicon.cues("reference").items():
        pattern = rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if NAME_FOLLOWS.match(text, match.end()):
                continue
            found.append(Mention(match.start(), match.end(), "reference",
                                 kind=kinds))
    return sorted(found, key=lambda m: m.start)
