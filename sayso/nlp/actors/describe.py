"""Titles, roles and affiliations, from the words before a name and from an
apposition after it:

- "Maj.-Gen. Yoav Mordechai" → title Maj.-Gen.
- "Hamas spokesman in Gaza Sami Abu Zuhri" → role spokesman, affiliation Hamas
- "Its spokesman, Omar Saleh" / "the group's spokesman, Omar Saleh" → role
  spokesman, affiliation the organisation "its" or "the group" refers to
- "Yoav Mordechai, the Coordinator of Government Activities in the
  Territories (COGAT)" → that office is his role, COGAT his alias
- "Ansar Beit al-Maqdis, ISIS' affiliate in the Sinai" → affiliation ISIS
- "Pavel Drach of the Riverside Traders Guild" → affiliation the guild
- "Coordinator of Civil Affairs in the Valley Daniel Harel" → that office
  is his role
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..parse import doc_text
from . import lexicon
from .candidates import Mention
from .resolve import Entity

DESCRIPTIVE_POS = {"PROPN", "NOUN", "ADJ", "PART", "NUM"}
LINK_WORDS = {"in", "of", "for", "'s", "’s", "-", "."}
APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+)?([^,;:()\"“”]{3,90}?)(?=\s*(?:[,;:.\"“”]|\(|$))")
AFFILIATION_KINDS = ("group", "organization", "country", "outlet")
POSSESSED_REACH = 120
TITLE_REACH = 40
SPACES = re.compile(r"\s*")
OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
SERVING = re.compile(r"\s+(?:for|of|to)\s+(?:the\s+)?")


def describe(doc: Doc, entities: list[Entity]) -> None:
    """Fill in title, role and affiliation of each entity, in place."""
    text = doc_text(doc)
    for entity in list(entities):
        if entity.kind == "person":
            _describe_person(doc, text, entity, entities)
        elif entity.kind in ("group", "organization", "anonymous"):
            _describe_body(text, entity, entities)


def _describe_person(doc: Doc, text: str, person: Entity,
                     entities: list[Entity]) -> None:
    for mention in sorted(person.named(), key=lambda m: m.start):
        prefix_start, prefix = prefix_of(doc, text, mention.start)
        _take_title_and_role(person, prefix)
        _take_possessed_role(text, mention.start, person, entities)
        _take_role_in_apposition_to(doc, mention, person, entities)
        if person.affiliation is None:
            person.affiliation = _entity_inside(entities, prefix_start, mention.start, person)
        if person.affiliation is None and OF_BODY.match(text, mention.end):
            person.affiliation = _served(text, mention.end, entities, person)
        _take_apposition(text, mention.end, person, entities)


def prefix_of(doc: Doc, text: str, start: int) -> tuple[int, str]:
    """The descriptive words right before a name: nouns, adjectives, names
    and "in"/"of" back to a verb, a comma or the sentence start ("Hamas
    spokesman in Gaza", "Syrian President"); for the object of a
    preposition only its own title ("a spokesperson for Sen. Chuck
    Grassley": Sen. is his title, spokesperson not his role)."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return start, ""
    first = last = span[0].i
    title_start = _own_title_start(doc, text, start)
    if title_start is not None:
        return title_start, text[title_start:start]
    while first > 0 and _descriptive(doc[first - 1]) and (
            not doc[first].is_sent_start or _title_ends_before(text, doc[first].idx)):
        first -= 1
    while first < last and doc[first].lower_ in LINK_WORDS:
        first += 1
    begin = doc[first].idx if first < last else start
    return begin, text[begin:start]


def _own_title_start(doc: Doc, text: str, start: int) -> int | None:
    """Where the name's own words begin when a preposition governs it: the
    start of a title right before it ("for Sen. Chuck Grassley"), or the
    name's start when it has none ("for Tom Hale"); None when no preposition
    comes first."""
    title_start = _title_start_before(text, start)
    begin = start if title_start is None else title_start
    before = doc.char_span(begin, begin + 1, alignment_mode="expand")
    if before is None or before[0].i == 0 or doc[before[0].i - 1].pos_ != "ADP":
        return None
    return begin


def _title_ends_before(text: str, at: int) -> bool:
    """The small model ends a sentence after "Maj.-Gen."; a title is no end."""
    return _title_start_before(text, at) is not None


def _title_start_before(text: str, at: int) -> int | None:
    """Where a title or role ending (with its space) right at `at` starts."""
    reach = max(0, at - TITLE_REACH)
    title = lexicon.title_before_pattern().search(text[reach:at])
    return reach + title.start() if title else None


def _descriptive(token: Token) -> bool:
    """A word of a description before a name ("the" only after "in" or
    "of": "Coordinator of Civil Affairs in the Valley")."""
    linked_the = (token.lower_ == "the" and token.i > 0
                  and token.doc[token.i - 1].lower_ in LINK_WORDS)
    return (token.pos_ in DESCRIPTIVE_POS or token.lower_ in LINK_WORDS
            or token.text in (".", "-") or linked_the)


def _take_title_and_role(person: Entity, prefix: str) -> None:
    for match in lexicon.title_pattern().finditer(prefix):
        title = lexicon.titles()[match.group().lower()]
        if title.type == "title" and person.title is None:
            person.title = match.group()
        elif title.type == "role" and person.role is None:
            person.role = _office(prefix, match)


def _office(prefix: str, role: re.Match[str]) -> str:
    """A role with the office it heads when one follows in the prefix:
    "Coordinator of Civil Affairs in the Valley", else the role word."""
    rest = prefix[role.end():].rstrip()
    if not rest.startswith(" of ") or not role.group()[:1].isupper():
        return role.group()
    title = lexicon.title_pattern().search(rest)
    return role.group() + (rest[:title.start()].rstrip() if title else rest)


def _take_possessed_role(text: str, start: int, person: Entity,
                         entities: list[Entity]) -> None:
    """"Its spokesman, Omar Saleh": the role, and the organisation "its" (or
    "the group's", or a name with "'s") stands for as the affiliation."""
    window_start = max(0, start - POSSESSED_REACH)
    found = _possessed_role_pattern().search(text[window_start:start])
    if not found or not _ends_with_role(found.group("role")):
        return
    if person.role is None:
        person.role = found.group("role")
    if person.affiliation is None:
        person.affiliation = _possessor(text, window_start, found, entities, person)


def _take_role_in_apposition_to(doc: Doc, mention: Mention, person: Entity,
                                entities: list[Entity]) -> None:
    """"A spokeswoman for the governor, Ruth Adams": the role noun the name
    is in apposition to is the person's role, a body named in its "for" or
    "of" phrase their affiliation."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.root.dep_ != "appos":
        return
    head = span.root.head
    title = lexicon.titles().get(head.lower_)
    if (head.i >= span.start or title is None or title.type != "role"
            or not any(t.dep_ in ("det", "poss") for t in head.lefts)):
        return
    if person.role is None:
        person.role = head.text
    for prep in (t for t in head.rights if t.dep_ == "prep" and t.i < span.start):
        end = prep.right_edge.idx + len(prep.right_edge)
        if person.affiliation is None:
            person.affiliation = _entity_inside(entities, prep.idx, end, person)


@lru_cache(maxsize=1)
def _possessed_role_pattern() -> re.Pattern[str]:
    """A possessive pronoun (actor_cues.tsv) or "'s", then up to four words
    and a comma, at the end of a text."""
    pronouns = "|".join(map(re.escape, lexicon.cues("possessive")))
    return re.compile(rf"(?:(?<![\w-])(?P<pronoun>{pronouns})|(?P<owner_end>['’])s?)"
                      r"\s+(?P<role>(?:[\w-]+\s+){0,3}[\w-]+)\s*,\s*$", re.IGNORECASE)


def _ends_with_role(phrase: str) -> bool:
    return any(match.end() == len(phrase)
               and lexicon.titles()[match.group().lower()].type == "role"
               for match in lexicon.title_pattern().finditer(phrase))


def _possessor(text: str, offset: int, found: re.Match[str], entities: list[Entity],
               itself: Entity) -> Entity | None:
    """The actor a possessive stands for: a name right before "'s", else the
    nearest earlier actor of the kinds the pronoun or reference allows."""
    if found.group("pronoun"):
        kinds = lexicon.cues("possessive").get(found.group("pronoun").lower(), "")
        return _nearest_before(entities, offset + found.start(), kinds.split("|"), itself)
    end = offset + found.start("owner_end")
    named = [e for e in entities if e is not itself and e.kind in AFFILIATION_KINDS
             and any(m.end == end for m in e.named())]
    if named:
        return named[0]
    reference = next((kinds for phrase, kinds in lexicon.cues("reference").items()
                      if text[:end].lower().endswith(phrase)), None)
    if reference is None:
        return None
    return _nearest_before(entities, end, reference.split("|"), itself)


def _nearest_before(entities: list[Entity], position: int, kinds: list[str],
                    itself: Entity) -> Entity | None:
    """The entity of one of the kinds whose last named mention before
    position is nearest to it."""
    ends = [(m.end, e) for e in entities if e is not itself and e.kind in kinds
            for m in e.named() if m.end <= position]
    return max(ends, key=lambda pair: pair[0])[1] if ends else None


def _entity_inside(entities: list[Entity], start: int, end: int,
                   itself: Entity) -> Entity | None:
    inside = [(m.start, e) for e in entities if e is not itself
              and e.kind in AFFILIATION_KINDS
              for m in e.named() if start <= m.start and m.end <= end]
    return max(inside, key=lambda pair: pair[0])[1] if inside else None


def _take_apposition(text: str, end: int, entity: Entity,
                     entities: list[Entity]) -> None:
    found = APPOSITION.match(text, end)
    if not found:
        return
    phrase, start = found.group(1), found.start(1)
    office = _office_named(text, entities, start)
    if office is not None and entity.kind == "person":
        _fold_office(entity, office, entities, text)
        return
    role = lexicon.title_pattern().search(phrase)
    if entity.kind == "person" and role and entity.role is None:
        entity.role = phrase if role.start() == 0 else role.group()
    if entity.affiliation is None and (role or _has_affiliation_noun(phrase)):
        entity.affiliation = _entity_inside(entities, start, found.end(1), entity)


def _office_named(text: str, entities: list[Entity], start: int) -> Entity | None:
    """An organisation named where the apposition starts, whose name starts
    with a role word ("the Coordinator of Government Activities ..."): an
    office, not a body of its own."""
    for entity in entities:
        for mention in entity.named():
            if (mention.start == start and entity.kind == "organization"
                    and lexicon.title_pattern().match(text, mention.start)):
                return entity
    return None


def _fold_office(person: Entity, office: Entity, entities: list[Entity],
                 text: str) -> None:
    """The office is the person's role; its acronym and mentions are his."""
    name = office.canonical or text[office.mentions[0].start:office.mentions[0].end]
    person.role = name
    person.mentions.extend(replace(m, source="office") for m in office.mentions
                           if m.source != "reference")
    person.acronyms.extend(a for a in office.acronyms if a not in person.acronyms)
    entities.remove(office)


def _has_affiliation_noun(phrase: str) -> bool:
    words = set(re.findall(r"[\w-]+", phrase.lower()))
    return bool(words & set(lexicon.cues("affiliation_noun")))


def _describe_body(text: str, body: Entity, entities: list[Entity]) -> None:
    for mention in body.named():
        if body.affiliation is None and mention.source == "agent":
            body.affiliation = _entity_inside(entities, mention.start, mention.end, body)
        if body.affiliation is None and body.kind == "anonymous":
            body.affiliation = _served(text, mention.end, entities, body)
        if body.affiliation is None:
            _take_apposition(text, mention.end, body, entities)


def _served(text: str, end: int, entities: list[Entity], itself: Entity) -> Entity | None:
    """The actor named right after "for", "of" or "to" (behind its title,
    if any) that an unnamed actor works for: "a spokesperson for Sen. Chuck
    Grassley", "an aide to the governor"."""
    found = SERVING.match(text, end)
    if not found:
        return None
    title = lexicon.title_pattern().match(text, found.end())
    start = SPACES.match(text, title.end()).end() if title else found.end()
    return next((e for e in entities if e is not itself and e.kind != "anonymous"
                 and any(m.start == start for m in e.named())), None)
