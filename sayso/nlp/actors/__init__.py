"""The "actors" stage: who and what the article names, one actor per entity.

Pipeline: find names (`candidates`), decide their kinds (`kinds`), add
unnamed sources and back-references (`phrases`), group mentions into
entities (`resolve`), read titles, roles and affiliations (`describe`), then
give each entity its CAMEO code and an id (a1, a2 ... in order of first
mention). Rules live in data files: titles.tsv, org_patterns.tsv,
outlets.tsv, actor_cues.tsv, aliases.tsv and the Phoenix tables.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ...model import Actor, Analysis, Document
from ..boilerplate import in_boilerplate
from ..language import in_foreign_paragraph
from ..parse import ParsedDocument, doc_text
from ..stages import register
from .candidates import Mention, named_mentions
from .codes import assign_codes
from .describe import describe
from .kinds import mention_kind
from .phrases import agent_mentions, reference_mentions
from .resolve import (Entity, add_uncovered_mentions, attach_references, cluster,
                      merge_early_surnames, merge_person_names)

__all__ = ["actors_stage", "find_actors"]


@register("actors")
def actors_stage(parsed: ParsedDocument, analysis: Analysis) -> Analysis:
    """Add the document's actors to the analysis."""
    return replace(analysis, actors=find_actors(parsed.document, parsed.doc))


def find_actors(document: Document, doc: Doc) -> tuple[Actor, ...]:
    """The actors of one parsed document, ids in order of first mention."""
    text = document.text
    named = [m for m in _mentions(doc) if not in_boilerplate(document, m.start)]
    entities = cluster(text, named)
    merge_early_surnames(text, entities)
    merge_person_names(text, entities)
    add_uncovered_mentions(text, entities)
    describe(doc, entities)
    attach_references(entities, [m for m in reference_mentions(text)
                                 if not any(m.overlaps(other) for other in named)])
    assign_codes(doc, entities)
    _mark_author(document, entities)
    for entity in entities:
        entity.mentions = [m for m in entity.mentions if not in_boilerplate(document, m.start)]
    entities = sorted(entities, key=lambda e: e.first)
    ids = {id(entity): f"a{n}" for n, entity in enumerate(entities, 1)}
    return tuple(_actor(text, entity, ids) for entity in entities)


def _mentions(doc: Doc) -> list[Mention]:
    """Names with their kinds, and unnamed sources and agencies; none in a
    paragraph not in English (`language.py`)."""
    text = doc_text(doc)
    named = [replace(m, kind=kind) for m in named_mentions(doc)
             if not in_foreign_paragraph(text, m.start) and (kind := mention_kind(text, m))]
    return named + agent_mentions(doc, named)


def _actor(text: str, entity: Entity, ids: dict[int, str]) -> Actor:
    name = _name(text, entity)
    surfaces = [text[m.start:m.end] for m in entity.named()] + entity.acronyms
    aliases: list[str] = []
    for surface in surfaces:
        if surface.lower() not in {a.lower() for a in [name, entity.role or "", *aliases]}:
            aliases.append(surface)
    affiliation = ids.get(id(entity.affiliation)) if entity.affiliation else None
    code = entity.code
    return Actor(id=ids[id(entity)], name=name, kind=entity.kind,
                 title=entity.title, role=entity.role, affiliation=affiliation,
                 aliases=tuple(aliases), codes={"cameo": code} if code else {},
                 mentions=tuple(sorted({m.span for m in entity.mentions})))


def _name(text: str, entity: Entity) -> str:
    """A listed entity's canonical name; a person's longest name; else the
    first name used (not a dateline's capitals: "BEIRUT")."""
    if entity.canonical:
        return entity.canonical
    named = sorted(entity.named(), key=lambda m: m.start)
    if entity.kind == "person":
        named = [m for m in named if m.source != "office"] or named
        return max((text[m.start:m.end] for m in named), key=len)
    names = [text[m.start:m.end] for m in named]
    name = next((n for n in names if not n.isupper()), names[0])
    return name.title() if entity.kind == "location" and name.isupper() else name


def _mark_author(document: Document, entities: list[Entity]) -> None:
    """The byline author becomes an actor of kind author: the person of that
    name if the text names them, else a new actor (mentions: where the
    byline names them, possibly none)."""
    author = document.author
    if not author:
        return
    text = document.text
    person = next((e for e in entities if e.kind == "person" and any(
        text[m.start:m.end] == author for m in e.named())), None)
    if person is not None:
        person.kind = "author"
        return
    spans = [found.span() for found in re.finditer(re.escape(author), text)]
    entities.append(Entity(kind="author", canonical=author,
                           mentions=[Mention(s, e, "author") for s, e in spans]))
