"""Channels: the interviews, reports and translations a statement passed
through ("told Elaph in an interview", "as translated by Haaretz",
"Haaretz quoted him as saying"), from channels.tsv.

A trigger is matched on the lowercased words of the cue's sentence outside
the content; the channel is the noun phrase after the trigger, or, for
triggers marked with "*", the subject of the trigger verb, or, for triggers
marked with "=", the trigger's own noun phrase ("in a statement"). Only
phrases after or before a trigger that name something (a proper noun, an
organisation or an outlet word) count, so "told reporters" is no channel.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from ...model import Actor, Channel, Span
from ..mentions import actor_for_span
from ..parse import doc_text
from .lexicon import ChannelTrigger, lexicon
from .spans import hull, token_spans

ROLE_ORDER = {"interview": 0, "statement": 0, "document": 1, "report": 1,
              "publication": 1, "translation": 2}
NAMING_ENTITIES = ("ORG", "PERSON", "NORP", "GPE", "WORK_OF_ART")


def find_channels(sentence: TokenSpan, content: Sequence[Span],
                  actors: Sequence[Actor]) -> tuple[Channel, ...]:
    """The channels named in a sentence, ordered from the source outward."""
    outside = [t for t in sentence if not _in_spans(t.idx, content)]
    found: list[tuple[int, Channel]] = []
    taken: list[Span] = []
    for start, trigger in _trigger_matches(outside):
        phrase = _channel_phrase(outside[start], trigger)
        if phrase is None:
            continue
        span = hull(token_spans(phrase))
        if any(span[0] < end and start_ < span[1] for start_, end in taken):
            continue
        taken.append(span)
        text = doc_text(sentence.doc)[span[0]:span[1]]
        found.append((span[0], Channel(text=text, span=span, role=trigger.role,
                                       actor=actor_for_span(actors, span))))
    found.sort(key=lambda item: (ROLE_ORDER[item[1].role], item[0]))
    return tuple(channel for _, channel in found)


def _in_spans(position: int, spans: Sequence[Span]) -> bool:
    return any(start <= position < end for start, end in spans)


def _trigger_matches(tokens: list[Token]) -> Iterator[tuple[int, ChannelTrigger]]:
    """(index of the trigger's last token, trigger), longest triggers first."""
    words = [t.lower_ for t in tokens]
    starts: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        starts.setdefault(word, []).append(position)
    used: set[int] = set()
    for trigger in lexicon().channels:
        size = len(trigger.words)
        for start in starts.get(trigger.words[0], ()):
            positions = set(range(start, start + size))
            if tuple(words[start:start + size]) == trigger.words and not positions & used:
                used |= positions
                yield start + size - 1, trigger


def _channel_phrase(last: Token, trigger: ChannelTrigger) -> list[Token] | None:
    if trigger.self_named:
        return list(last.doc[last.i - len(trigger.words) + 2:last.i + 1])
    if trigger.subject:
        subjects = [c for c in last.children if c.dep_ in ("nsubj", "nsubjpass")]
        phrase = list(subjects[0].subtree) if subjects else None
    else:
        phrase = _noun_phrase_after(last)
    return phrase if phrase and _names_something(phrase) else None


def _noun_phrase_after(token: Token) -> list[Token] | None:
    """The noun phrase governed by (or right after) a trigger's last word."""
    for child in token.children:
        if child.dep_ in ("pobj", "dobj", "dative") and child.i > token.i:
            return _without_clauses(child)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.pos_ in ("DET", "PROPN", "NOUN", "ADJ"):
        head = following
        while head.head.i > head.i and head.head.pos_ in ("PROPN", "NOUN"):
            head = head.head
        return _without_clauses(head)
    return None


def _without_clauses(head: Token) -> list[Token]:
    """A noun phrase's head with its modifiers, but not its clauses or
    prepositional tails ("Haaretz, which ..." is "Haaretz")."""
    kept = [head]
    for child in head.children:
        if child.dep_ in ("det", "amod", "compound", "nmod", "poss", "case", "nummod",
                          "appos") or (child.dep_ == "punct" and child.i < head.i):
            kept.extend(child.subtree)
    return kept


def _names_something(phrase: list[Token]) -> bool:
    kinds = lexicon().source_kinds
    return any(t.pos_ == "PROPN" or t.ent_type_ in NAMING_ENTITIES
               or kinds.get(t.lower_) == "outlet" for t in phrase)
