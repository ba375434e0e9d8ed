"""CAMEO actor codes for entities: a listed or Phoenix code where the name
has one, else one composed from the state named or affiliated and an agent
("Palestinian Ministry of Interior" → PSEGOV; Maj.-Gen. + Israel → ISRMIL).
Bodies are coded before people, whose codes may build on their affiliation's.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..parse import doc_text
from . import lexicon, phoenix
from .describe import prefix_of
from .phrases import GROUP_AGENTS, country_code, specific_agent
from .resolve import Entity

def assign_codes(doc: Doc, entities: list[Entity]) -> None:
    """Set ``code`` on every entity that can have one, in place."""
    text = doc_text(doc)
    for entity in sorted(entities, key=lambda e: e.kind == "person"):
        entity.code = entity.code or listed_code(entity) or _composed(doc, text, entity)


def listed_code(entity: Entity) -> str | None:
    """The code a mention carries from a list or the Phoenix tables."""
    for mention in entity.named():
        if mention.source == "office":
            continue
        code = mention.code or (mention.known.code if mention.known else None) or (
            mention.entry.code if mention.entry else None)
        if code:
            return code
    return None


def _composed(doc: Doc, text: str, entity: Entity) -> str | None:
    if entity.kind == "person":
        first = min(entity.named(), key=lambda m: m.start)
        return person_code(entity, prefix_of(doc, text, first.start)[1])
    if entity.kind in ("organization", "group"):
        return body_code(text, entity)
    if entity.kind == "outlet":
        return _outlet_code(text, entity)
    return None


def _outlet_code(text: str, outlet: Entity) -> str | None:
    """The code of an outlet found by its context that the list knows."""
    for mention in outlet.named():
        listed = lexicon.outlets().get(text[mention.start:mention.end].lower())
        if listed and listed[0].code:
            return listed[0].code
    return None


def body_code(text: str, entity: Entity) -> str | None:
    """An unlisted body's code from the state it names and its agent noun."""
    first = min(entity.named(), key=lambda m: m.start)
    name = text[first.start:first.end]
    country = country_code(name) or (entity.affiliation.code if entity.affiliation else None)
    agent = specific_agent(name) or phoenix.agent_code(name)
    if entity.kind == "group" and agent not in GROUP_AGENTS:
        agent = "REB"
    return phoenix.compose(country, agent)


def person_code(person: Entity, prefix: str) -> str | None:
    """A person's code from their affiliation (or office, or the nationality
    before their name) and the agent their title or role implies."""
    base = person.affiliation.code if person.affiliation else None
    base = base or _office_code(person) or _nationality_code(prefix)
    agents = [lexicon.titles()[m.group().lower()].agent
              for m in lexicon.title_pattern().finditer(prefix)]
    return phoenix.compose(base, next((a for a in agents if a), None))


def _office_code(person: Entity) -> str | None:
    """The code of an office folded into the person (COGAT: ISRGOV)."""
    return next((m.known.code for m in person.mentions
                 if m.source == "office" and m.known), None)


def _nationality_code(text: str) -> str | None:
    for match in phoenix.find_phrases(text):
        if match.entry.kind in ("nationality", "country"):
            return match.entry.code
    return None
