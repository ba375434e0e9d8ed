"""Modality: in whose voice, and how surely, an event is stated.

In order of precedence: ``negated`` ("did not attack"), ``denied`` (inside a
denial: an attribution whose stance denies or disputes, or a "deny" verb
governing the event), ``hypothetical`` (future or conditional, "threatened to",
"wants to", "is scheduled to"), ``hedged`` ("reportedly", "may", a hedged
attribution), ``reported`` (inside an attribution or under a reporting verb),
else ``asserted``: the article's own voice.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from ...model import Attribution
from .lexicon import frame_roles
from .participants import inherited_subject

CLAUSE_UP_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "pcomp",
                            "acl", "dobj", "pobj", "prep", "nsubj", "nsubjpass",
                            "compound", "amod"})
HYPOTHETICAL_FRAMES = frozenset({"transparent", "intent", "promise", "threat"})
MAX_STEPS = 6


@dataclass(frozen=True)
class Report:
    """A reporting or denying verb that governs an event, and who speaks;
    from the attributions stage, also the source's kind and the whole cue."""

    cue: Token
    role: str
    source: Token | None
    source_kind: str | None = None
    cue_tokens: tuple[Token, ...] = ()


def governing_report(anchor: Token) -> Report | None:
    """The nearest "say"/"deny" verb above the anchor in its sentence; a verb
    coordinated with it ("denied it and threatened ...") is not its content."""
    token, steps = anchor, 0
    while token.dep_ in CLAUSE_UP_DEPS and token.head.i != token.i and steps < MAX_STEPS:
        below, token, steps = token, token.head, steps + 1
        role = frame_roles().get(token.lemma_.lower())
        if token.pos_ == "VERB" and role in ("report", "deny") and below.dep_ != "conj":
            return Report(token, role, inherited_subject(token))
    return None


def enclosing_attribution(attributions: Iterable[Attribution], start: int
                          ) -> Attribution | None:
    """The innermost attribution whose content holds this character offset."""
    holding = [(end - begin, a) for a in attributions
               for begin, end in a.content.spans if begin <= start < end]
    return min(holding, key=lambda pair: pair[0])[1] if holding else None


def has_child_role(token: Token, roles: frozenset[str], deps: tuple[str, ...]) -> bool:
    table = frame_roles()
    return any(c.dep_ in deps and table.get(c.lower_) in roles for c in token.children)


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def is_future(token: Token) -> bool:
    """A future or conditional verb: "will attack", "would attack", "if they attack"."""
    return (has_child_role(token, frozenset({"future", "obligation"}), ("aux",))
            or has_child_role(token, frozenset({"condition"}), ("mark",)))


def will_happen(token: Token) -> bool:
    """A verb with a future auxiliary ("will provide"), not under a condition."""
    return has_child_role(token, frozenset({"future"}), ("aux",)) and not has_child_role(
        token, frozenset({"condition"}), ("mark",))


def is_hedged(token: Token) -> bool:
    return has_child_role(token, frozenset({"hedge", "hedge_modal"}), ("advmod", "aux"))


def is_sourceless(report: Report) -> bool:
    """A passive report with no one reporting: "is believed to", "was said to"."""
    return report.source_kind is None and report.cue.tag_ == "VBN" and not any(
        c.dep_ == "agent" for c in report.cue.children)


def event_modality(anchors: list[Token], frame_role: str | None,
                   attribution: Attribution | None, report: Report | None,
                   refusal: bool = False) -> str:
    """The modality of an event whose trigger (and frame verb) are the anchors.
    A refusal ("will not negotiate", coded REJECT) is not negated: the
    negation is what makes it a refusal."""
    if frame_role == "fail" or (not refusal and any(is_negated(t) for t in anchors)):
        return "negated"
    if (attribution is not None and attribution.stance in ("denies", "disputes")) or (
            report is not None and report.role == "deny"):
        return "denied"
    if not refusal and (frame_role in HYPOTHETICAL_FRAMES or any(is_future(t) for t in anchors)):
        return "hypothetical"
    if (any(is_hedged(t) for t in anchors)
            or (attribution is not None and attribution.hedged)
            or (report is not None and (is_hedged(report.cue) or is_sourceless(report)))):
        return "hedged"
    if attribution is not None or report is not None:
        return "reported"
    return "asserted"
