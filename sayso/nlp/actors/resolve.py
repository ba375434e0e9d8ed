"""Grouping mentions into entities: one entity per person, group, state or
outlet, with every mention of it.

A later surname ("Mordechai", "Abu Zuhri") joins the person whose full name
ends with it, whatever spaCy labelled it; names from one alias group or one
Phoenix block join; an acronym joins the name it abbreviates or follows in
parentheses; "the group"/"the movement" join the nearest earlier entity of a
fitting kind.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import lru_cache

from .candidates import Mention

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
INITIAL = re.compile(r"[A-Z]\.")
PARTICLES = {"al", "el", "abu", "bin", "ibn", "bint", "de", "van", "von", "der", "ben"}
APPOSITION_REACH = 80
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9.&-]{1,9})\)")


@dataclass
class Entity:
    """An actor being built: its kind and mentions (title, role and
    affiliation are filled in later by `describe`)."""

    kind: str
    mentions: list[Mention]
    code: str | None = None
    canonical: str | None = None
    acronyms: list[str] = field(default_factory=list)
    title: str | None = None
    role: str | None = None
    affiliation: Entity | None = None

    @property
    def first(self) -> int:
        """Where the entity is first mentioned (an unmentioned author: last)."""
        return min((m.start for m in self.mentions), default=10**12)

    def named(self) -> list[Mention]:
        return [m for m in self.mentions if m.source != "reference"]


def key_of(text: str, mention: Mention) -> str:
    """What makes two mentions one entity: a listed name, a Phoenix block
    (not for people: Phoenix lists a group's leaders in the group's block),
    else the name itself."""
    if mention.known:
        return "known:" + mention.known.name
    if mention.entry and mention.entry.kind == "place":
        return "name:" + normal(text[mention.start:mention.end])
    if mention.source == "agent" and mention.kind != "anonymous" and mention.code:
        return f"agent:{mention.kind}:{mention.code}"
    if mention.entry and mention.kind != "person":
        return "phoenix:" + mention.entry.head
    return "name:" + normal(text[mention.start:mention.end])


def normal(name: str) -> str:
    return " ".join(re.sub(r"[-‐–]", " ", name).lower().split())


@lru_cache(maxsize=4096)
def surname_forms(name: str) -> frozenset[str]:
    """The endings of a full name a later mention may use: "Mordechai",
    "Abu Zuhri" (a surname starting with a particle keeps it), "Clapper"
    for "James R. Clapper Jr." (initials and Jr., III left out). Kept per
    name: clustering asks for every earlier person at every mention."""
    words = [w for w in name.split() if w.lower().strip(".,") not in NAME_SUFFIXES
             and not INITIAL.fullmatch(w)]
    if len(words) < 2:
        return frozenset()
    forms = {" ".join(words[i:]) for i in range(1, len(words))}
    return frozenset(form for form in forms if form.split()[0].lower() not in PARTICLES
                     or len(form.split()) > 1)


def cluster(text: str, mentions: list[Mention]) -> list[Entity]:
    """Group named mentions (in text order) into entities."""
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        entity = _existing(text, mention, entities, by_key)
        if entity is None:
            entity = Entity(kind=mention.kind, mentions=[],
                            canonical=mention.known.name if mention.known else None)
            entities.append(entity)
        entity.mentions.append(mention)
        by_key.setdefault(key_of(text, mention), entity)
        _note_acronym(text, mention, entity, by_key)
    return entities


def _existing(text: str, mention: Mention, entities: list[Entity],
              by_key: dict[str, Entity]) -> Entity | None:
    surface = text[mention.start:mention.end]
    person = _person_with_surname(text, surface, mention, entities)
    if person:
        return person
    entity = by_key.get(key_of(text, mention)) or by_key.get("acronym:" + surface)
    if entity and (entity.kind == "person") == (mention.kind == "person"):
        return entity
    return None


def _person_with_surname(text: str, surface: str, mention: Mention,
                         entities: list[Entity]) -> Entity | None:
    if mention.kind in ("country", "outlet") or mention.known:
        return None
    for entity in reversed(entities):
        if entity.kind == "person" and any(
                surface in surname_forms(text[m.start:m.end]) for m in entity.named()):
            return entity
    return None


def _note_acronym(text: str, mention: Mention, entity: Entity,
                  by_key: dict[str, Entity]) -> None:
    """"Coordinator of ... Territories (COGAT)": COGAT now names this entity."""
    found = ACRONYM_AFTER.match(text, mention.end)
    if found and mention.kind != "person":
        acronym = found.group(1)
        if acronym not in entity.acronyms:
            entity.acronyms.append(acronym)
        by_key.setdefault("acronym:" + acronym, entity)
    initials = "".join(w[0] for w in text[mention.start:mention.end].split() if w[:1].isupper())
    if len(initials) >= 3 and mention.kind not in ("person", "country", "location"):
        by_key.setdefault("acronym:" + initials, entity)


def attach_references(entities: list[Entity], references: list[Mention]) -> None:
    """Join each "the group" to the nearest earlier entity of an allowed
    kind, or to the entity that nearest one is an apposition of ("Ansar
    Beit al-Maqdis, ISIS' affiliate in the Sinai, ... the group")."""
    for reference in references:
        _attach_reference(entities, reference)


def _attach_reference(entities: list[Entity], mention: Mention) -> None:
    kinds = set((mention.kind or "").split("|"))
    before = {id(e): (max(m.end for m in e.named() if m.end <= mention.start), e)
              for e in entities if e.kind in kinds
              and any(m.end <= mention.start and m.source != "agent" for m in e.named())}
    if not before:
        return
    end, nearest = max(before.values(), key=lambda pair: pair[0])
    main = next((e for last, e in before.values() if e.affiliation is nearest
                 and 0 <= end - last <= APPOSITION_REACH), nearest)
    main.mentions.append(mention)


def merge_early_surnames(text: str, entities: list[Entity]) -> None:
    """"Obama said ... Barack Obama": a person named first by a surname alone
    joins the one later person whose full name ends with it."""
    people = [e for e in entities if e.kind == "person"]
    for early in people:
        names = {text[m.start:m.end] for m in early.named()}
        later = [e for e in people if e is not early and e.first > early.first
                 and names <= {f for m in e.named() for f in surname_forms(text[m.start:m.end])}]
        if len(later) == 1:
            later[0].mentions.extend(early.mentions)
            entities.remove(early)
            people.remove(early)


def add_uncovered_mentions(text: str, entities: list[Entity]) -> None:
    """Mentions the name finders missed: a person's surname alone, an
    acronym given in parentheses, an organisation's name found elsewhere,
    wherever no other mention covers them."""
    taken = _Taken([m.span for e in entities for m in e.mentions])
    for entity in entities:
        for form in _short_forms(text, entity):
            for found in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                span = found.span()
                if span[0] > entity.first and not taken.overlaps(span):
                    entity.mentions.append(Mention(span[0], span[1], "short"))
                    taken.add(span)


class _Taken:
    """Spans by start, with the longest one's length, so whether a span
    overlaps any of them is a bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in spans), default=0)

    def overlaps(self, span: tuple[int, int]) -> bool:
        index = bisect_left(self._spans, (span[1],))
        while index > 0 and self._spans[index - 1][0] + self._longest > span[0]:
            index -= 1
            if self._spans[index][1] > span[0]:
                return True
        return False

    def add(self, span: tuple[int, int]) -> None:
        insort(self._spans, span)
        self._longest = max(self._longest, span[1] - span[0])


def _short_forms(text: str, entity: Entity) -> list[str]:
    """A person's surnames; an organisation's acronyms and the names it was
    found by, wherever the name finders missed them ("The River Guard
    denied" after "the River Guard" was found elsewhere)."""
    if entity.kind == "person":
        names = {text[m.start:m.end] for m in entity.named()}
        return sorted({f for name in names for f in surname_forms(name)},
                      key=len, reverse=True)
    names = {text[m.start:m.end] for m in entity.named() if m.source != "agent"}
    multiword = {n for n in names if " " in n and n[:1].isupper() and "\n" not in n}
    return sorted({*entity.acronyms, *multiword}, key=len, reverse=True)


def merge_person_names(text: str, entities: list[Entity]) -> None:
    """One person, one actor: an entity of another kind named only by a
    person's full name or surname ("Daniel Harel" alone on a caption line,
    typed an organisation) joins that person. Not a listed name or place:
    "India" stays a country whatever person the parse made of "Dalit India"."""
    people = [e for e in entities if e.kind == "person"]
    for other in [e for e in entities if e.kind in ("organization", "group")
                  and not e.canonical and not any(m.entry or m.known for m in e.mentions)]:
        names = {normal(text[m.start:m.end]) for m in other.named()}
        same = [p for p in people if names and names <= _person_forms(text, p)]
        if len(same) == 1:
            same[0].mentions.extend(other.mentions)
            entities.remove(other)


def _person_forms(text: str, person: Entity) -> set[str]:
    names = {text[m.start:m.end] for m in person.named()}
    return {normal(f) for name in names for f in {name, *surname_forms(name)}}
