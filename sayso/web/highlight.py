"""Text with its spans highlighted and labelled, as runs ready for a template.

The document text is cut at every span boundary; each run carries the roles
that cover it (source, cue, content, own voice, event, boilerplate) and the attribution
and event ids it belongs to. A run that ends a span also carries that span's
label ("q3 source", "e2 ASSAULT"), which the template shows after it the way
displaCy does, so a source, its cue and its content read as one statement.
The template wraps runs in ``<span>`` elements and adds labels as separate
elements: the text itself is never changed.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Analysis, Span

ROLE_ORDER = ("source", "cue", "content", "own", "event", "boilerplate")


@dataclass(frozen=True)
class Label:
    role: str
    record: str
    text: str


@dataclass(frozen=True)
class Marked:
    span: Span
    role: str
    record: str | None
    label: str | None


@dataclass(frozen=True)
class Run:
    text: str
    roles: tuple[str, ...]
    attributions: tuple[str, ...]
    labels: tuple[Label, ...] = ()

    @property
    def css(self) -> str:
        return " ".join(f"hl-{role}" for role in self.roles)


def labelled_spans(analysis: Analysis) -> list[Marked]:
    """Every highlighted stretch of text, with its role, record id and label."""
    spans = [Marked(b.span, "boilerplate", None, None) for b in analysis.document.boilerplate]
    for q in analysis.attributions:
        if q.source:
            spans.append(Marked(q.source.span, "source", q.id, f"{q.id} source"))
        if q.cue:
            spans.append(Marked(q.cue.span, "cue", q.id, f"{q.id} cue"))
        last = len(q.content.spans) - 1
        spans.extend(Marked(span, "content", q.id, f"{q.id} {q.stance}" if n == last else None)
                     for n, span in enumerate(q.content.spans))
    for e in analysis.events:
        spans.append(Marked(e.trigger.span, "event", e.id, f"{e.id} {e.type}"))
    return [m for m in spans if m.span[0] < m.span[1]]


def own_voice_spans(statements: list[dict]) -> list[Marked]:
    """Statements the article makes in its own voice ({"id", "span"}), as marks."""
    return [Marked(tuple(s["span"]), "own", s["id"], f"{s['id']} own voice")
            for s in statements if s.get("span") and s["span"][0] < s["span"][1]]


def highlight_runs(analysis: Analysis, extra: list[Marked] = ()) -> list[Run]:
    """The document text as consecutive runs, each with the roles covering it."""
    text = analysis.document.text
    spans = [*labelled_spans(analysis), *(m for m in extra if m.span[1] <= len(text))]
    cuts = sorted({0, len(text), *(m.span[0] for m in spans), *(m.span[1] for m in spans)})
    runs = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in spans if m.span[0] <= start and end <= m.span[1]]
        roles = tuple(r for r in ROLE_ORDER if any(m.role == r for m in covering))
        ids = tuple(dict.fromkeys(m.record for m in covering if m.record))
        labels = tuple(Label(m.role, m.record, m.label) for m in covering
                       if m.label and m.span[1] == end)
        runs.append(Run(text[start:end], roles, ids, labels))
    return runs
