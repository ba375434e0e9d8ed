"""Dependency patterns for an event's actor (who acts) and target (acted on).

Verbs: the subject acts on the direct object or on the object of a target
preposition ("fired at Russia", "war against ISIS"); in the passive the
"by" phrase acts on the subject. A verb without a subject of its own
inherits one: from the verb it is coordinated with, or, as the complement of
"want"/"plan", from that verb's subject (or its object: "wants Putin to attack").
Nouns: a possessor ("Israel's attack"), a "by" phrase, a nationality or
name before the noun ("Israeli tank shelling"), "between A and B", or the
subject of the light verb that takes the noun ("Egypt waged a war").
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from spacy.tokens import Token

from .lexicon import agent_nouns

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
TARGET_PREPS = ("against", "at", "on", "upon", "with", "to", "toward", "towards", "into",
                "for", "from", "across", "near", "inside")
NOUN_ACTOR_DEPS = ("amod", "compound", "nmod", "npadvmod")
POLITICAL_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC"})
NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY"})
CORE_DEPS = frozenset({"amod", "compound", "poss", "nmod", "appos"})
CUT_DEPS = frozenset({"relcl", "conj", "cc", "advcl", "punct", "prep"})
KEPT_PREPS = frozenset({"of", "in", "from"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "him", "her", "them", "us"})

MENTIONED: ContextVar[frozenset[int]] = ContextVar("mentioned", default=frozenset())


@contextmanager
def known_actors(token_ids: frozenset[int]) -> Iterator[None]:
    """While coding one document: the tokens the actors stage found mentions
    of, which count as political whatever the parse says."""
    reset = MENTIONED.set(token_ids)
    try:
        yield
    finally:
        MENTIONED.reset(reset)


def listed_partners(head: Token) -> list[Token]:
    """Appositions that continue a list of names: "The US, Russia, and Switzerland"."""
    return [c for c in head.children
            if c.dep_ == "appos" and c.ent_type_ and c.ent_type_ == head.ent_type_]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_object(token: Token, *preps: str) -> Token | None:
    """The object of the first of these prepositions hanging on token."""
    for prep in preps:
        for c in token.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                pobj = child(c, "pobj")
                if pobj is not None:
                    return pobj
    return None


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of head: its subtree without clauses, coordination and
    most prepositional phrases ("of", "in", "from" stay: "A court in Guyana",
    unless they hold a clause: "accused the army of shelling villages")."""
    partner_ids = {p.i for p in listed_partners(head)}
    cut = {t.i for c in head.children
           if (c.dep_ in CUT_DEPS and not (c.dep_ == "prep" and c.lower_ in KEPT_PREPS))
           or c.i in partner_ids or any(g.dep_ == "pcomp" for g in c.children)
           or (c.dep_ == "appos" and c.tag_ == "PRP")
           for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in cut and not t.is_space]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "case")):
        tokens.pop()
    return tokens or [head]


def conjuncts(head: Token) -> list[Token]:
    """The head and the names coordinated with it, in text order."""
    found = {head.i: head}
    for partner in [*head.conjuncts, *listed_partners(head)]:
        if partner.i > head.i:
            found[partner.i] = partner
            found.update({c.i: c for c in partner.conjuncts if c.i > head.i})
    return [found[i] for i in sorted(found)]


def is_political(tokens: Iterable[Token]) -> bool:
    """Does this phrase name a political actor (a known actor's mention, a
    named entity or an agent noun)?"""
    mentioned = MENTIONED.get()
    return any(t.i in mentioned or t.ent_type_ in POLITICAL_ENTS or
               (t.pos_ == "PROPN" and not t.ent_type_) or
               (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in agent_nouns())
               for t in tokens)


def core_tokens(head: Token) -> list[Token]:
    """The words that say what a noun phrase names: the head, its modifiers
    and apposition, and the core of an "of" phrase ("hundreds of troops"),
    not its other prepositional phrases ("talks in Geneva")."""
    tokens = [head]
    for c in head.children:
        if c.dep_ in CORE_DEPS:
            tokens.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ == "of":
            tokens.extend(t for pobj in c.children if pobj.dep_ == "pobj"
                          for t in core_tokens(pobj))
    return tokens


def head_political(head: Token) -> bool:
    return any(is_political(core_tokens(c)) for c in conjuncts(head))


def relative_subject(verb: Token) -> Token | None:
    """The antecedent of a relative clause whose subject is "who"/"that"/"which":
    "the terrorists who attacked Egypt's forces" are who attacked."""
    subject = child(verb, "nsubj")
    if verb.dep_ == "relcl" and subject is not None and subject.tag_ in ("WP", "WDT"):
        return verb.head
    return None


def inherited_subject(verb: Token) -> Token | None:
    """The subject of a verb (a relative clause's antecedent), or the one it
    inherits through xcomp/conj/advcl."""
    seen = 0
    while verb is not None and seen < 6:
        subject = relative_subject(verb) or child(verb, *SUBJECT_DEPS)
        if subject is not None:
            return subject
        if verb.dep_ == "xcomp":
            obj = child(verb.head, "dobj")
            if obj is not None:
                return obj
        if verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acomp") or verb.head.i == verb.i:
            return None
        verb, seen = verb.head, seen + 1
    return None


def can_participate(head: Token) -> bool:
    """Dates, amounts and wh-words are no participants ("on Wednesday")."""
    return head.ent_type_ not in NOT_PARTICIPANT_ENTS and head.tag_ not in ("WP", "WDT")


def verb_target_candidates(verb: Token, nominal: Token | None) -> list[Token]:
    """Possible targets, best first: the object, then an indirect object
    ("gave the president a welcome") and target prepositions."""
    obj = child(verb, "dobj")
    dative = child(verb, "dative")
    found = [dative] if dative is not None and dative.pos_ in ("NOUN", "PROPN") else []
    for holder in (verb, obj, nominal):
        if holder is not None:
            found.extend(t for t in (prep_object(holder, p) for p in TARGET_PREPS)
                         if t is not None)
    found.extend(nested for t in list(found) for nested in
                 (prep_object(t, p) for p in TARGET_PREPS) if nested is not None)
    if obj is not None and not can_participate(obj):
        obj = None
    found = [t for t in found if can_participate(t)]
    political = [t for t in [obj, *found] if t is not None and head_political(t)]
    if political:
        return political
    if obj is not None and (nominal is None or obj.i != nominal.i):
        return [obj]
    return found


def verb_participants(verb: Token, nominal: Token | None = None
                      ) -> tuple[Token | None, Token | None]:
    """(actor head, target head) of a verb event; nominal is the event noun it
    takes as object, if any ("launched an air strike against ...")."""
    if is_passive(verb):
        agent = prep_object(verb, "by") or prep_object(verb, "from")
        return agent, inherited_subject(verb)
    targets = verb_target_candidates(verb, nominal)
    return inherited_subject(verb), (targets[0] if targets else None)


def noun_actor_tokens(noun: Token) -> list[Token]:
    """Modifiers before the noun that name who acts ("Israeli tank shelling")."""
    modifiers = [c for c in noun.lefts if c.dep_ in NOUN_ACTOR_DEPS]
    start = next((i for i, c in enumerate(modifiers) if is_political(c.subtree)), None)
    if start is None:
        return []
    return [t for c in modifiers[start:] for t in c.subtree]


def noun_participants(noun: Token) -> tuple[list[Token], Token | None]:
    """(actor tokens, target head) of a nominal event."""
    between = prep_object(noun, "between")
    if between is not None:
        others = [c for c in between.conjuncts if c.i > between.i]
        return phrase_tokens(between), (others[0] if others else None)
    target = next((t for t in (prep_object(noun, p) for p in TARGET_PREPS) if t is not None), None)
    possessor = child(noun, "poss")
    if possessor is not None:
        return phrase_tokens(possessor), target
    agent = prep_object(noun, "by")
    if agent is not None:
        return phrase_tokens(agent), target
    modifiers = noun_actor_tokens(noun)
    if modifiers:
        return modifiers, target
    return [], target


def light_verb_subject(noun: Token, light_verbs: frozenset[str]) -> Token | None:
    """The subject of the light verb whose object is this noun ("waged a war")."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in light_verbs:
        return inherited_subject(noun.head) if not is_passive(noun.head) else None
    return None
