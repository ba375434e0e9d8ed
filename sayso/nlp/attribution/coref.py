"""Rule-based coreference for sources: which actor "he", "the spokesman" or
"a senior IDF officer" refers to.

No neural coreference model can be installed offline, so this reads the
actors stage's mentions and the parse:

1. a source that overlaps an actor mention is that actor (a named one
   before an anonymous one: "Its spokesman, Omar Saleh" is Omar Saleh;
   and "the spokeswoman" is the earlier named spokeswoman, see 3, before
   an unnamed source of its own);
2. a personal pronoun is the nearest preceding actor of a fitting kind
   ("he"/"she": a person; "it": an organisation, country, group or outlet;
   "they": a group or organisation, else a person), preferring actors last
   seen as a source (the speaker of "He said" usually spoke just before),
   then as the subject of a clause in the article's own voice; "he" and
   "she" skip a person of the other gender (see `gender`);
3. a description without a name ("the spokesman", "a senior IDF officer",
   "the ministry") is the nearest preceding actor whose name, title or role
   holds the description's head noun, or whose title or role is an office
   the description stands for (descriptions.tsv: "the senator" is "Sen.").

Anything else stays unresolved (None): an unnamed "official" with no
matching earlier actor is an anonymous source, not a guess.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...model import Actor, Span
from ...resources import read_table
from ..mentions import actor_for_span, last_end_before, mentions_within
from ..parse import doc_text
from . import gender
from .quotes import find_quotes, quoted

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
ORGANISATION_KINDS = ("organization", "country", "group", "outlet")
DESCRIPTION_MODIFIERS = ("compound", "amod")
SERVING_PREPOSITIONS = frozenset({"for", "of", "to"})
NAME_PREPOSITIONS = frozenset({"for", "of", "to", "at", "with", "from", "by", "on", "in",
                               "about", "against"})


@dataclass(frozen=True)
class Office:
    """The titles and roles a description stands for, and those it does not."""

    names: frozenset[str]
    excluded: frozenset[str]


@lru_cache(maxsize=1)
def offices() -> dict[str, Office]:
    """descriptions.tsv: description to the office it names."""
    def names(cell: str) -> frozenset[str]:
        return frozenset(n.strip().lower() for n in cell.split("|") if n.strip())
    return {row[0].strip().lower(): Office(names(row[1]), names(row[2] if len(row) > 2 else ""))
            for row in read_table("descriptions.tsv")}


def source_actor(actors: Sequence[Actor], doc: Doc, span: Span,
                 speakers: Sequence[tuple[str, int]] = ()) -> str | None:
    """The id of the actor a source span refers to, or None (speakers: the
    source actors of earlier attributions and where their sources end, the
    latest last)."""
    if not actors:
        return None
    named = [a for a in actors if a.kind != "anonymous"]
    head = head_token(doc, span)
    genders = Genders(actors, doc, speakers)
    if found := (actor_for_span(named, span)
                 or (_definite_description(head) and _description_actor(named, head, genders))
                 or actor_for_span(actors, span)):
        return found
    if head is None:
        return None
    if head.pos_ == "PRON":
        return _pronoun_actor(actors, head, speakers, genders)
    if head.pos_ == "NOUN":
        return _description_actor(actors, head, genders)
    return None


def named_person(actors: Sequence[Actor], doc: Doc, span: Span) -> str | None:
    """The person a source span names as the speaker: in "Name, the general
    secretary of the Union", "the mayor of Port Ellis, Name", "Name of the
    Guild" and "Civil Defense Authority director Name" (the name heads the
    phrase) the person speaks and the organisation is their affiliation.
    A person after a preposition ("a spokesperson for Sen. Chuck Grassley")
    or a possessor ("Name's office") is not the speaker."""
    text = doc_text(doc)
    head = head_token(doc, span)

    def heads(start: int, end: int) -> bool:
        return head is not None and start <= head.idx < end

    def speaking(start: int, end: int) -> bool:
        before = text[span[0]:start].rstrip()
        placed = (not before or before.endswith(",")
                  or (end == span[1] and heads(start, end) and not _preposition_near_end(before)))
        return placed and not text.startswith(("'s", "’s"), end)
    people = [a for a in actors if a.kind == "person"
              and any(speaking(s, e) for s, e in mentions_within(a, span))]
    return actor_for_span(people, span) if people else None


def _preposition_near_end(words: str) -> bool:
    """"a spokesperson for Sen.": a preposition among the last two words
    before a name makes the name its object, not the speaker."""
    return any(w.lower() in NAME_PREPOSITIONS for w in words.split()[-2:])


def speaker_part(doc: Doc, span: Span) -> Span:
    """The source span up to a "for", "of" or "to" phrase on its head noun:
    "a spokesperson for Sen. Chuck Grassley" is the spokesperson, not the
    senator. The whole span where a name stands in apposition ("A
    spokeswoman for the governor, Ruth Adams"), or after "in" (the small
    model hangs the name of "Hamas spokesman in Gaza Fawzi Barhoum" under
    it)."""
    head = head_token(doc, span)
    if head is None or head.pos_ != "NOUN" or any(c.dep_ == "appos" for c in head.rights):
        return span
    served = next((child for child in head.rights
                   if child.dep_ == "prep" and child.lower_ in SERVING_PREPOSITIONS), None)
    if served is None or served.idx <= span[0]:
        return span
    before = doc[served.i - 1]
    return (span[0], before.idx + len(before.text))


def _definite_description(head: Token | None) -> bool:
    """"The spokeswoman": one earlier actor, named or described, before an
    unnamed source of its own."""
    return (head is not None and head.tag_ == "NN"
            and any(t.dep_ == "det" and t.lower_ == "the" for t in head.lefts))


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


class Genders:
    """Each actor's gender, from its names and titles and from the pronouns
    earlier sources resolved to it, worked out when first asked for."""

    def __init__(self, actors: Sequence[Actor], doc: Doc,
                 speakers: Sequence[tuple[str, int]]) -> None:
        self._actors = {a.id: a for a in actors}
        self._text = doc_text(doc)
        self._speakers = speakers
        self._pronouns: dict[str, list[str]] | None = None
        self._known: dict[str, str | None] = {}

    def __getitem__(self, ident: str) -> str | None:
        if ident not in self._known:
            if self._pronouns is None:
                self._pronouns = gender.resolved_pronouns(self._text, self._speakers)
            self._known[ident] = gender.actor_gender(
                self._actors[ident], self._text, self._pronouns.get(ident, ()))
        return self._known[ident]


def _pronoun_actor(actors: Sequence[Actor], pronoun: Token,
                   speakers: Sequence[tuple[str, int]],
                   genders: Genders) -> str | None:
    """The latest earlier speaker of a fitting kind and gender, unless
    another fitting actor has been a subject since; else the nearest fitting
    subject; else the nearest fitting actor."""
    doc = pronoun.doc
    wanted = gender.pronoun_gender(pronoun.lower_)
    kinds = {a.id: a.kind for a in actors
             if wanted is None or gender.compatible(wanted, genders[a.id])}
    for kind in _kinds_for_pronoun(pronoun.lower_):
        fitting = [a for a in actors if kinds.get(a.id) == kind]
        subjects = [_subject_mentions(doc, a) for a in fitting]
        subject, subject_end = _nearest_with_end(subjects, pronoun.idx)
        speaker = next(((s, end) for s, end in reversed(speakers)
                        if kinds.get(s) == kind and end <= pronoun.idx), None)
        if speaker and (subject is None or speaker[1] >= subject_end
                        or speaker[0] == subject):
            return speaker[0]
        found = subject or _nearest_with_end(fitting, pronoun.idx)[0]
        if found:
            return found
    return None


def _subject_mentions(doc: Doc, actor: Actor) -> Actor:
    """The actor with only the mentions that are the subject of a sentence
    in the article's own voice (not a name inside a quote or a clause);
    worked out once per document and actor."""
    cache = _document_cache(doc)
    if id(actor) not in cache or cache[id(actor)][0] is not actor:
        quotes = find_quotes(doc_text(doc))

        def is_subject(span: Span) -> bool:
            tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
            return (tokens is not None and len(tokens) > 0
                    and tokens.root.dep_ in ("nsubj", "nsubjpass")
                    and tokens.root.head.dep_ == "ROOT"
                    and not quoted(quotes, span[0]))
        subjects = tuple(m for m in actor.mentions if is_subject(m))
        cache[id(actor)] = (actor, replace(actor, mentions=subjects))
    return cache[id(actor)][1]


_documents: list = [None, {}]


def _document_cache(doc: Doc) -> dict:
    """A cache for the document being analysed (only the latest is kept)."""
    if _documents[0] is not doc:
        _documents[:] = [doc, {}]
    return _documents[1]


def _description_actor(actors: Sequence[Actor], noun: Token,
                       genders: Genders) -> str | None:
    word = noun.lemma_.lower()
    office = _office(noun)
    wanted = gender.title_gender(noun.lower_)

    def describes(actor: Actor) -> bool:
        if wanted and not gender.compatible(wanted, genders[actor.id]):
            return False
        offices_held = [label.lower() for label in (actor.title, actor.role) if label]
        if office and any(label in office.excluded for label in offices_held):
            return False
        if office and any(_holds_office(label, office) for label in offices_held):
            return True
        labels = (actor.name, actor.title or "", actor.role or "", *actor.aliases)
        return any(word in label.lower().split() for label in labels)

    return _nearest_before(actors, noun.idx, describes)


def _office(noun: Token) -> Office | None:
    """The office of the longest listed description ending in a singular
    noun: "the prime minister", else "the minister" (none for "lawmakers",
    nor for "the attorney general", an office "the general" excludes)."""
    if noun.tag_ in ("NNS", "NNPS"):
        return None
    modifiers = []
    for left in reversed(list(noun.lefts)):
        if left.dep_ not in DESCRIPTION_MODIFIERS or left.i != noun.i - len(modifiers) - 1:
            break
        modifiers.insert(0, left.lower_)
    phrases = [" ".join([*modifiers[i:], noun.lower_]) for i in range(len(modifiers) + 1)]
    table = offices()
    office = next((table[p] for p in [*phrases, noun.lemma_.lower()] if p in table), None)
    return None if office and phrases[0] in office.excluded else office


def _holds_office(label: str, office: Office) -> bool:
    """Whether a title or role is one of the office's names or ends with one
    ("foreign minister" holds "minister")."""
    return any(label == name or label.endswith((" " + name, "-" + name))
               for name in office.names)


def _nearest_before(actors: Sequence[Actor], position: int, fits) -> str | None:
    """The fitting actor with the last mention that ends before position."""
    return _nearest_with_end([a for a in actors if fits(a)], position)[0]


def _nearest_with_end(actors: Sequence[Actor], position: int) -> tuple[str | None, int]:
    """The actor whose last mention before position ends latest, and that end."""
    best, best_end = None, -1
    for actor in actors:
        end = last_end_before(actor, position)
        if end is not None and end > best_end:
            best, best_end = actor.id, end
    return best, best_end
