"""Rule-based coreference for sources: which actor "he", "the spokesman" or
"a senior IDF officer" refers to.

No neural coreference model can be installed offline, so this reads the
actors stage's mentions and the parse:

1. a source that overlaps an actor mention is that actor (a named one
   before an anonymous one: "Its spokesman, Omar Saleh" is Omar Saleh);
2. a personal pronoun is the nearest preceding actor of a fitting kind
   ("he"/"she": a person; "it": an organisation, country, group or outlet;
   "they": a group or organisation, else a person), preferring actors last
   seen as the subject of a clause (the speaker of "He said" is usually the
   subject of an earlier sentence, not a name inside its object);
3. a description without a name ("the spokesman", "a senior IDF officer",
   "the ministry") is the nearest preceding actor whose name, title or role
   holds the description's head noun.

Anything else stays unresolved (None): an unnamed "official" with no
matching earlier actor is an anonymous source, not a guess.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...model import Actor, Span
from ..mentions import actor_for_span

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
ORGANISATION_KINDS = ("organization", "country", "group", "outlet")


def source_actor(actors: Sequence[Actor], doc: Doc, span: Span) -> str | None:
    """The id of the actor a source span refers to, or None."""
    if not actors:
        return None
    named = [a for a in actors if a.kind != "anonymous"]
    if found := actor_for_span(named, span) or actor_for_span(actors, span):
        return found
    head = head_token(doc, span)
    if head is None:
        return None
    if head.pos_ == "PRON":
        return _pronoun_actor(actors, head)
    if head.pos_ == "NOUN":
        return _description_actor(actors, head)
    return None


def head_token(doc: Doc, span: Span) -> Token | None:
    """The syntactic head of a character span (the token whose head is outside)."""
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    return tokens.root


def _kinds_for_pronoun(pronoun: str) -> tuple[str, ...]:
    if pronoun in PERSON_PRONOUNS:
        return ("person",)
    if pronoun in THING_PRONOUNS:
        return ORGANISATION_KINDS
    if pronoun in PLURAL_PRONOUNS:
        return ("group", "organization", "country", "person")
    return ()


def _pronoun_actor(actors: Sequence[Actor], pronoun: Token) -> str | None:
    """The nearest fitting actor last seen as a subject, else the nearest one."""
    doc = pronoun.doc
    for kind in _kinds_for_pronoun(pronoun.lower_):
        fitting = [a for a in actors if a.kind == kind]
        subjects = [_subject_mentions(doc, a) for a in fitting]
        found = (_nearest_before(subjects, pronoun.idx, lambda a: True)
                 or _nearest_before(fitting, pronoun.idx, lambda a: True))
        if found:
            return found
    return None


def _subject_mentions(doc: Doc, actor: Actor) -> Actor:
    """The actor with only the mentions that are a clause's subject."""
    def is_subject(span: Span) -> bool:
        tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
        return tokens is not None and len(tokens) > 0 and \
            tokens.root.dep_ in ("nsubj", "nsubjpass")
    return replace(actor, mentions=tuple(m for m in actor.mentions if is_subject(m)))


def _description_actor(actors: Sequence[Actor], noun: Token) -> str | None:
    word = noun.lemma_.lower()

    def describes(actor: Actor) -> bool:
        labels = (actor.name, actor.title or "", actor.role or "", *actor.aliases)
        return any(word in label.lower() for label in labels)

    return _nearest_before(actors, noun.idx, describes)


def _nearest_before(actors: Sequence[Actor], position: int, fits) -> str | None:
    """The fitting actor with the last mention that ends before position."""
    best, best_end = None, -1
    for actor in actors:
        if not fits(actor):
            continue
        ends = [end for start, end in actor.mentions if end <= position]
        if ends and max(ends) > best_end:
            best, best_end = actor.id, max(ends)
    return best
