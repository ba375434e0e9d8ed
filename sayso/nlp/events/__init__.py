"""The "events" stage: PLOVER/CAMEO events with their modality.

For each sentence (`coding.sentence_events`) the events stated are coded
with a PLOVER type and mode, the closest CAMEO code, the trigger, the actor
and target (text, span and the id of the `actors[]` entry they mention), and
the modality (`modality.event_modality`); an event inside an attribution's
content points to it. A political actor who says that another committed a
hostile act ("The US said ISIL attacked Iraq") also makes an ACCUSE event
(CAMEO 112) against that other: the accusation is in the article's voice,
the reported act inside the attribution.

Runs after "actors" and "attributions" and reads what they found; without
them, reporting verbs found in the parse still mark events `reported`.
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from ...model import Analysis, Attribution, Event, Participant, Trigger
from ..boilerplate import in_boilerplate
from ..language import in_foreign_paragraph
from ..mentions import actor_for_span
from ..parse import ParsedDocument, doc_text
from ..stages import register
from .coding import CONTROL_ROLES, Found, framed_code, sentence_events
from .lexicon import HOSTILE_TYPES, frame_roles, plover_for
from .modality import (Report, enclosing_attribution, event_modality, governing_report,
                       is_future)
from .participants import PERSONAL_PRONOUNS, POLITICAL_ENTS, known_actors, phrase_tokens

ACCUSING_CUES = frozenset({"say", "claim", "allege", "insist", "assert", "charge", "tell",
                           "accord"})
SILENT_SOURCES = frozenset({"outlet", "anonymous", "author", "document"})


@dataclasses.dataclass(frozen=True)
class Located:
    """A found event with the report (if any) that governs it."""

    found: Found
    report: Report | None


def char_span(tokens: tuple[Token, ...]) -> tuple[int, int]:
    """The character span from the first to the last of the tokens, in text order."""
    return (min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens))


def participant(tokens: tuple[Token, ...], analysis: Analysis) -> Participant | None:
    if not tokens:
        return None
    span = char_span(tokens)
    return Participant(text=doc_text(tokens[0].doc)[span[0]:span[1]], span=span,
                       actor=actor_for_span(analysis.actors, span))


def speaker_for_pronoun(tokens: tuple[Token, ...], report: Report | None) -> tuple[Token, ...]:
    """ "Obama said he would not ...": the pronoun stands for the speaker."""
    if (report is not None and report.source is not None and len(tokens) == 1
            and tokens[0].lower_ in PERSONAL_PRONOUNS):
        return tuple(phrase_tokens(report.source))
    return tokens


def anchors(found: Found) -> list[Token]:
    return [*found.trigger, *([found.frame] if found.frame is not None else [])]


def reporting(attributions: tuple[Attribution, ...]) -> list[Attribution]:
    """Attributions that report speech: not those whose cue frames an act
    ("urged Egypt to ...", "threatened to ..."), which the events code themselves."""
    roles = frame_roles()
    return [a for a in attributions
            if a.cue is None or roles.get(a.cue.lemma) not in CONTROL_ROLES]


def to_event(located: Located, analysis: Analysis, number: int) -> Event:
    found, report = located.found, located.report
    trigger_start, trigger_end = char_span(found.trigger)
    attribution = enclosing_attribution(reporting(analysis.attributions),
                                        (found.frame or found.trigger[0]).idx)
    sentence = found.trigger[0].sent
    return Event(
        id=f"e{number}", type=found.code.type, mode=found.code.mode,
        cameo=found.code.cameo,
        trigger=Trigger(text=analysis.document.text[trigger_start:trigger_end],
                        span=(trigger_start, trigger_end)),
        actor=participant(speaker_for_pronoun(found.actor, report), analysis),
        target=participant(speaker_for_pronoun(found.target, report), analysis),
        sentence=(sentence.start_char, sentence.end_char),
        attribution=attribution.id if attribution is not None else None,
        modality=event_modality(anchors(found), found.frame_role, attribution, report,
                                refusal=found.refusal))


def accuser(report: Report | None) -> tuple[Token, ...]:
    """The speaker of a report who accuses by saying: a named political actor
    speaking before the reported act, not a generic "officials said"."""
    if report is None or report.source is None or report.role != "report":
        return ()
    if report.cue.lemma_.lower() not in ACCUSING_CUES or report.source_kind in SILENT_SOURCES:
        return ()
    head = report.source
    named = head.pos_ == "PROPN" or head.ent_type_ in POLITICAL_ENTS
    return tuple(phrase_tokens(head)) if named else ()


def accusation(located: Located) -> Located | None:
    """ACCUSE by the speaker against whoever the reported hostile act names."""
    found, report = located.found, located.report
    if found.code.type not in HOSTILE_TYPES or report is None:
        return None
    if report.cue.i > found.trigger[0].i:
        return None
    speaker = accuser(report)
    accused = found.actor
    if (not speaker or not accused or {t.i for t in speaker} & {t.i for t in accused}
            or accused[0].lower_ in PERSONAL_PRONOUNS):
        return None
    code = plover_for("112")
    trigger = report.cue_tokens or (report.cue,)
    return Located(Found(trigger, code, speaker, accused), governing_report(report.cue))


def declared_intent(found: Found, report: Report | None) -> Found:
    """ "Israel announced it would free prisoners": a speaker's own future act is
    a promise (AGREE) or a threat (THREATEN), as CAMEO codes intents (03, 13)."""
    if (report is None or found.frame is not None or found.refusal
            or not any(is_future(t) for t in found.trigger) or len(found.actor) != 1
            or found.actor[0].lower_ not in PERSONAL_PRONOUNS):
        return found
    code = framed_code("intent", found.code)
    return dataclasses.replace(found, code=code) if code is not None else found


def attribution_report(parsed: ParsedDocument, attributions: list[Attribution],
                       found: Found) -> Report | None:
    """The report holding the event as the attributions stage found it
    ("according to Israel, ..."), for events no reporting verb governs."""
    attribution = enclosing_attribution(attributions, (found.frame or found.trigger[0]).idx)
    if attribution is None or attribution.cue is None:
        return None
    cue = parsed.doc.char_span(*attribution.cue.span, alignment_mode="expand")
    source = (parsed.doc.char_span(*attribution.source.span, alignment_mode="expand")
              if attribution.source is not None else None)
    if cue is None:
        return None
    role = "deny" if attribution.stance in ("denies", "disputes") else "report"
    return Report(cue.root, role, source.root if source is not None else None,
                  attribution.source.kind if attribution.source is not None else None,
                  tuple(cue))


def locate(parsed: ParsedDocument, attributions: list[Attribution], found: Found) -> Located:
    report = (governing_report(found.frame or found.trigger[-1])
              or attribution_report(parsed, attributions, found))
    return Located(declared_intent(found, report), report)


def with_accused(coded: Located, extra: Located) -> Located:
    """A coded accusation verb with no target ("claimed that ...") takes the accused."""
    found = coded.found
    if found.code.type != "ACCUSE" or found.target:
        return coded
    return Located(dataclasses.replace(found, actor=found.actor or extra.found.actor,
                                       target=extra.found.target), coded.report)


def document_events(parsed: ParsedDocument, analysis: Analysis) -> list[Located]:
    attributions = reporting(analysis.attributions)
    located = {}
    for sentence in parsed.doc.sents:
        if (in_foreign_paragraph(parsed.text, sentence.start_char)
                or in_boilerplate(parsed.document, sentence.start_char)):
            continue
        for found in sentence_events(sentence):
            located[(found.trigger[0].i, found.trigger[-1].i)] = locate(
                parsed, attributions, found)
    by_cue = {key[0]: key for key in located}
    for loc in list(located.values()):
        extra = accusation(loc)
        if extra is None:
            continue
        cue = extra.found.trigger[0].i
        if cue in by_cue:
            located[by_cue[cue]] = with_accused(located[by_cue[cue]], extra)
        else:
            by_cue[cue] = (cue, cue)
            located[(cue, cue)] = extra
    return sorted(located.values(), key=lambda loc: loc.found.trigger[0].i)


def mentioned_tokens(parsed: ParsedDocument, analysis: Analysis) -> frozenset[int]:
    """Indices of the tokens inside the actors' mentions."""
    ids = set()
    for actor in analysis.actors:
        for start, end in actor.mentions:
            span = parsed.doc.char_span(start, end, alignment_mode="expand")
            ids.update(range(span.start, span.end) if span is not None else ())
    return frozenset(ids)


@register("events")
def code_events(parsed: ParsedDocument, analysis: Analysis) -> Analysis:
    """Add the events of the document to the analysis."""
    with known_actors(mentioned_tokens(parsed, analysis)):
        located = document_events(parsed, analysis)
    events = tuple(to_event(loc, analysis, number)
                   for number, loc in enumerate(located, start=1))
    return dataclasses.replace(analysis, events=events)
