"""Finding the events of one sentence: triggers, codes, frames and participants.

Verbs are coded with the CAMEO verb dictionary (and `event_triggers.tsv`),
nouns with `event_triggers.tsv`. A verb that frames another ("wants to
attack", "refused to meet", "asked Obama to help") makes one event out of
the pair, typed by the frame (see `event_frames.tsv`). Participles and
relative clauses that only describe a noun ("the imprisoned mayor") are not
events. An event needs a political actor (only an attack may lack one, if its
target is political), and most types need a target: this is how "the tanks
head back" and "the governor left" stay uncoded.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .dictionary import clause_after, code_verb
from .lexicon import (HOSTILE_TYPES, Plover, frame_code, frame_roles, plover_for,
                      trigger_lexicon)
from .modality import is_future, is_negated, will_happen
from .participants import (can_participate, child, conjuncts, head_political,
                           inherited_subject, is_passive, is_political, light_verb_subject,
                           noun_participants, phrase_tokens, prep_object,
                           relative_subject, verb_participants)

DESCRIPTIVE_DEPS = frozenset({"amod", "acl", "relcl", "compound", "pcomp"})
CONTROL_ROLES = frozenset({"transparent", "intent", "promise", "threat", "request", "refuse",
                           "compel", "fail"})
OBJECT_ROLES = frozenset({"intent", "request", "compel"})
PRONOUN_ACTORS = frozenset({"he", "she", "it", "they", "we"})
NO_DEFAULT = "---"
# Types a verb may state without a target ("protesters rallied", "troops
# withdrew", "the parliament voted it down"); the others need one ("the
# governor left" is no CONSULT).
INTRANSITIVE_TYPES = frozenset({"PROTEST", "MOBILIZE", "RETREAT", "ASSAULT", "THREATEN",
                                "REJECT"})
# Types whose place stands for their target when none (nor a partner) is named,
# as CAMEO codes them: a protest, a show of force or a visit in a country is
# aimed at it.
PLACE_TARGET_TYPES = frozenset({"PROTEST", "MOBILIZE", "CONSULT"})
# Types whose target must be a political actor or a place: one meets or
# visits someone ("left the stage" is no CONSULT).
PARTNER_TYPES = frozenset({"CONSULT"})
# Types anyone may act in, political or not ("workers rallied").
ANYONE_TYPES = frozenset({"PROTEST"})
# What one receives ("received weapons from Iran") runs from the giver; what
# one accepts ("accepted the demands") is one's own act.
RECEIVED_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT"})
# Types whose target may be the subject of the clause they govern.
CLAUSE_TARGET_TYPES = frozenset({"ACCUSE", "REQUEST"})
UNSPECIFIED_INTENT = "030"
# Prepositions that name whom a request is addressed to ("appealed to", "called on").
ADDRESS_PREPS = ("to", "on", "with")
# Children of a verb that make a two-word trigger with it, most specific first.
VERB_KEY_DEPS = ("dobj", "prt", "prep")
REFUSABLE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})


@dataclass(frozen=True)
class Found:
    """One event found in a sentence, still in tokens.

    trigger: the trigger's tokens; frame: the framing verb, if any, whose
    context also decides the modality; refusal: a negated promise turned REJECT.
    """

    trigger: tuple[Token, ...]
    code: Plover
    actor: tuple[Token, ...]
    target: tuple[Token, ...]
    frame: Token | None = None
    frame_role: str | None = None
    refusal: bool = False


def phrase_keys(token: Token, pos: str) -> list[str]:
    """The two-word keys a trigger may have in the lexicon, most specific first:
    a noun with its compound or adjective ("air strike", "joint exercise"); a
    verb with its object ("restore tie"), particle ("turn down") or preposition
    ("work with")."""
    lemma = token.lemma_.lower()
    if pos == "NOUN":
        return [f"{c.lemma_.lower()} {lemma}" for c in token.children
                if c.dep_ in ("compound", "amod")]
    return [f"{lemma} {c.lemma_.lower()}" for dep in VERB_KEY_DEPS
            for c in token.children if c.dep_ == dep]


def lexicon_code(token: Token, pos: str) -> str | None:
    lexicon = trigger_lexicon()
    for key in [*phrase_keys(token, pos), token.lemma_.lower()]:
        entry = lexicon.get((pos, key))
        if entry:
            return entry.cameo
    return None


def verb_code(verb: Token) -> tuple[str, bool] | None:
    """(CAMEO code, reversed) for a verb: sayso's lexicon, else the CAMEO
    dictionary (its best pattern, else the verb's default). A lexicon code
    ``---`` keeps the dictionary's patterns but drops the verb's default
    ("give" alone is no event; "give aid" is). Verbs of saying are statements
    (CAMEO 01, which PLOVER drops) unless the lexicon codes them; verbs of
    denying only code through patterns ("rejected the proposal")."""
    own = lexicon_code(verb, "VERB")
    role = frame_roles().get(verb.lemma_.lower())
    if own is None and role == "report":
        return None
    if own is None and role == "deny":
        own = NO_DEFAULT
    found = code_verb(verb)
    if own == NO_DEFAULT:
        return (found.cameo, found.reversed) if found and found.pattern else None
    if own is not None:
        return own, False
    return (found.cameo, found.reversed) if found is not None else None


def event_nouns(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.pos_ == "NOUN" and lexicon_code(t, "NOUN")]


def phrase(head: Token | None) -> tuple[Token, ...]:
    return tuple(phrase_tokens(head)) if head is not None else ()


def compound_split(actor: Token | None, target: Token | None
                   ) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """A coordinated actor with no target acts with its partners:
    "the US and Russia met" is the US meeting Russia."""
    if actor is None or len(conjuncts(actor)) < 2 or (
            target is not None and head_political(target)):
        return phrase(actor), phrase(target)
    partners = [t for c in conjuncts(actor)[1:] for t in phrase_tokens(c)]
    first, last = min(partners, key=lambda t: t.i), max(partners, key=lambda t: t.i)
    return phrase(actor), tuple(actor.doc[first.i:last.i + 1])


def acceptable_actor(head: Token | None) -> bool:
    return head is not None and (head_political(head) or head.lower_ in PRONOUN_ACTORS)


def keep(actor: Token | None, target: Token | None, plover: Plover) -> bool:
    """An event needs a political actor (anyone may protest: "workers rallied");
    only an attack may go without one ("four children were killed"), if its
    target is political."""
    if actor is not None:
        return acceptable_actor(actor) or (plover.type in ANYONE_TYPES
                                           and actor.pos_ in ("NOUN", "PROPN"))
    return plover.type == "ASSAULT" and target is not None and head_political(target)


def passive_nominal_actor(verb: Token) -> tuple[Token, ...]:
    """ "killed in Israeli tank shelling": the actor named with the event noun."""
    for noun in event_nouns(clause_after(verb)):
        actor, _target = noun_participants(noun)
        if actor:
            return tuple(actor)
    return ()


def place_target(verb: Token) -> Token | None:
    """The country or city where it happens: "staged a protest in Beijing"."""
    obj = child(verb, "dobj")
    for holder in (verb, obj):
        place = prep_object(holder, "in") if holder is not None else None
        if place is not None and place.ent_type_ == "GPE":
            return place
    return None


def participants(verb: Token, reversed_code: bool, role: str | None, plover: Plover
                 ) -> tuple[tuple[Token, ...], tuple[Token, ...], bool]:
    """(actor tokens, target tokens, keep?) of a verb event."""
    nominal = next(iter(event_nouns(clause_after(verb))), None)
    actor, target = verb_participants(verb, nominal)
    if reversed_code or (role == "receive" and plover.type in RECEIVED_TYPES):
        source = (prep_object(verb, "from", "by")
                  or prep_object(child(verb, "dobj") or verb, "from", "by"))
        actor, target = source, inherited_subject(verb)
    alone = actor is None or len(conjuncts(actor)) < 2
    if (target is None or not head_political(target)) and alone and (
            plover.type in PLACE_TARGET_TYPES):
        target = place_target(verb) or target
    actor_tokens, target_tokens = compound_split(actor, target)
    if actor is None and is_passive(verb):
        actor_tokens = passive_nominal_actor(verb)
        if actor_tokens and is_political(actor_tokens):
            return actor_tokens, target_tokens, True
    partnered = bool(target_tokens) and is_political(target_tokens)
    if plover.type in PARTNER_TYPES and not partnered:
        return actor_tokens, target_tokens, False
    return actor_tokens, target_tokens, keep(actor, target, plover)


def light_verb_code(verb: Token) -> tuple[str, bool] | None:
    """ "conduct airstrikes": a light verb takes the code of its event noun."""
    obj = child(verb, "dobj")
    if frame_roles().get(verb.lemma_.lower()) != "light" or obj is None:
        return None
    code = lexicon_code(obj, "NOUN") if obj.pos_ == "NOUN" else None
    return (code, False) if code else None


def plain_verb_event(verb: Token) -> Found | None:
    coded = light_verb_code(verb) or verb_code(verb)
    plover = plover_for(coded[0]) if coded else None
    if plover is None:
        return None
    actor, target, ok = participants(verb, coded[1], frame_roles().get(verb.lemma_.lower()),
                                     plover)
    if plover.type in CLAUSE_TARGET_TYPES and not target:
        target = phrase(accused_subject(verb))
    if not ok or not (target or plover.type in INTRANSITIVE_TYPES):
        return None
    return Found(verb_trigger(verb), plover, actor, target)


def verb_trigger(verb: Token) -> tuple[Token, ...]:
    """The verb, with the event noun it takes as object: "launched an air strike"."""
    obj = child(verb, "dobj")
    if obj is not None and obj.pos_ == "NOUN" and lexicon_code(obj, "NOUN"):
        return (verb, obj)
    return (verb,)


def accused_subject(verb: Token) -> Token | None:
    """ "alleged that France was aware", "demanded that the minister resign": who
    the clause an accusation or a demand governs is about."""
    clause = child(verb, "ccomp")
    subject = child(clause, "nsubj", "nsubjpass") if clause is not None else None
    return subject if subject is not None and can_participate(subject) else None


def framed_code(role: str, inner: Plover | None, addressed: bool = False) -> Plover | None:
    """The type a frame gives the event it governs (see event_frames.tsv)."""
    root = inner.cameo[:2] if inner else ""
    if role == "promise" and inner is None:
        return plover_for(UNSPECIFIED_INTENT)
    if role == "intent" and addressed:
        role = "request"
    elif role in ("intent", "promise") and inner and inner.type in HOSTILE_TYPES:
        role = "threat"
    elif role == "promise":
        role = "intent"
    if role in ("intent", "request", "refuse", "threat"):
        return plover_for(frame_code(role, root)) or inner
    return inner


def addressee(frame: Token, inner_verb: Token) -> Token | None:
    """Whom a request or wish is addressed to: "wants Putin to attack",
    "appealed to both sides to return", "called on Poland to restore"."""
    subject = child(inner_verb, "nsubj")
    if inner_verb.dep_ == "ccomp" and subject is not None:
        return subject
    return child(frame, "dobj") or prep_object(frame, *ADDRESS_PREPS)


def framed_event(frame: Token, role: str, inner_verb: Token) -> Found | None:
    """One event for a frame verb and the verb it governs ("wants to attack")."""
    if role == "compel":
        return plain_verb_event(frame)
    coded = verb_code(inner_verb)
    inner = plover_for(coded[0]) if coded else None
    if inner is None and role in ("transparent", "intent", "fail"):
        return None
    code = framed_code(role, inner, addressee(frame, inner_verb) is not None)
    if code is None:
        return None
    if role == "request" or (role == "intent" and addressee(frame, inner_verb) is not None):
        actor, target = inherited_subject(frame), addressee(frame, inner_verb)
        actor_tokens, target_tokens = phrase(actor), phrase(target)
        ok = keep(actor, target, code)
    else:
        actor_tokens, target_tokens, ok = participants(inner_verb, bool(coded and coded[1]),
                                                       None, code)
    if not ok:
        return None
    trigger = (frame, inner_verb) if role not in ("transparent", "fail") else (inner_verb,)
    return Found(trigger, code, actor_tokens, target_tokens, frame, role)


def as_refusal(found: Found) -> Found:
    """A negated promise or future cooperation is a refusal: "would not provide support"."""
    code = plover_for(frame_code("refuse", found.code.cameo[:2]))
    return Found(found.trigger, code, found.actor, found.target, found.frame,
                 found.frame_role, refusal=True)


def refusable(found: Found, verb: Token) -> bool:
    cooperative = found.code.cameo[:2] in REFUSABLE_ROOTS
    anchors = [verb, *([found.frame] if found.frame is not None else [])]
    return cooperative and any(is_negated(t) for t in anchors) and (
        any(is_future(t) for t in anchors) or found.frame_role in CONTROL_ROLES)


def is_complement(verb: Token) -> bool:
    """An open complement, or an infinitive the parser hung as an adverbial
    clause ("pressured by Congress to help Iran")."""
    return verb.dep_ == "xcomp" or (
        verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def stated_intent(found: Found, verb: Token) -> Found:
    """ "Japan will provide Vietnam with boats": an act announced for the future
    is an intent, as CAMEO codes it (03 AGREE, 13 THREATEN); a planned meeting
    stays a (hypothetical) CONSULT."""
    if (found.frame is not None or found.refusal or not will_happen(verb)
            or found.code.type == "CONSULT"):
        return found
    code = framed_code("intent", found.code)
    return dataclasses.replace(found, code=code) if code is not None else found


def adjective_frame(verb: Token) -> str | None:
    """The role of an adjective framing the verb: "Serbia is ready to resume talks"."""
    role = frame_roles().get(verb.head.lemma_.lower())
    framing = verb.head.pos_ == "ADJ" and role in CONTROL_ROLES and is_complement(verb)
    return role if framing else None


def verb_event(verb: Token) -> Found | None:
    """The event of a verb in the sentence (frames included), or None."""
    adjective_role = adjective_frame(verb)
    found = (framed_event(verb.head, adjective_role, verb) if adjective_role
             else own_verb_event(verb))
    if found is not None and refusable(found, verb):
        found = as_refusal(found)
    return stated_intent(found, verb) if found is not None else None


def own_verb_event(verb: Token) -> Found | None:
    """The event of a verb not framed by an adjective."""
    roles = frame_roles()
    head_role = roles.get(verb.head.lemma_.lower())
    if (is_complement(verb) and head_role in CONTROL_ROLES) or (
            verb.dep_ == "ccomp" and head_role in OBJECT_ROLES):
        return None
    role = roles.get(verb.lemma_.lower())
    inner = child(verb, "xcomp", "ccomp") if role in CONTROL_ROLES else None
    if inner is not None and inner.dep_ == "ccomp" and role not in OBJECT_ROLES:
        inner = None
    framed = inner is not None and inner.pos_ in ("VERB", "AUX") and inner.i > verb.i
    found = framed_event(verb, role, inner) if framed else None
    if found is None and role not in ("transparent", "fail"):
        found = plain_verb_event(verb)
    return found


def noun_event(noun: Token, light_verbs: frozenset[str]) -> Found | None:
    plover = plover_for(lexicon_code(noun, "NOUN"))
    if plover is None:
        return None
    actor, target = noun_participants(noun)
    if not actor:
        subject = light_verb_subject(noun, light_verbs)
        actor = phrase_tokens(subject) if subject is not None else []
    if not actor or not (is_political(actor) or actor[0].lower_ in PRONOUN_ACTORS):
        return None
    return Found((noun,), plover, tuple(actor), phrase(target))


def is_event_verb(token: Token) -> bool:
    """A verb that states an event: not a participle or relative clause
    describing a noun (but a noun's "that" clause is, and so is a relative
    clause whose subject is the relative pronoun: "militants who attacked"),
    nor a participial adjunct elaborating its main verb (", killing eight
    people")."""
    adjunct = token.dep_ == "advcl" and token.tag_ == "VBG" and not any(
        c.dep_ in ("mark", "nsubj") for c in token.children)
    return token.pos_ == "VERB" and not adjunct and (
        token.dep_ not in DESCRIPTIVE_DEPS or is_content_clause(token)
        or relative_subject(token) is not None)


def is_content_clause(token: Token) -> bool:
    """The clause a noun reports: "reports that its fighters had trained"."""
    return token.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that"
                                       for c in token.children)


def sentence_events(sentence: SpacySpan) -> list[Found]:
    """Every event stated in one sentence, verbs first, then event nouns
    that no coded verb has taken as its object."""
    found: list[Found] = []
    taken: set[int] = set()
    for token in sentence:
        if not is_event_verb(token):
            continue
        event = verb_event(token)
        if event is not None:
            found.append(event)
            for verb in event.trigger:
                taken.update(t.i for t in event_nouns(clause_after(verb)))
    light = frozenset(w for w, r in frame_roles().items() if r == "light")
    for noun in event_nouns(list(sentence)):
        if noun.i not in taken and noun.dep_ not in ("compound",):
            event = noun_event(noun, light)
            found.extend([event] if event is not None else [])
    return found
