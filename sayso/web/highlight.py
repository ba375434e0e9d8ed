"""Text with its attribution spans highlighted, as runs ready for a template.

The document text is cut at every span boundary; each run carries the roles
that cover it (source, cue, content, boilerplate) and the attribution ids it
belongs to. The template wraps runs in ``<span>`` elements, so nothing is
ever inserted into or removed from the text itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Analysis, Span

ROLE_ORDER = ("source", "cue", "content", "boilerplate")


@dataclass(frozen=True)
class Run:
    text: str
    roles: tuple[str, ...]
    attributions: tuple[str, ...]

    @property
    def css(self) -> str:
        return " ".join(f"hl-{role}" for role in self.roles)


def labelled_spans(analysis: Analysis) -> list[tuple[Span, str, str | None]]:
    """(span, role, attribution id) for every highlighted stretch of text."""
    spans: list[tuple[Span, str, str | None]] = [
        (b.span, "boilerplate", None) for b in analysis.document.boilerplate]
    for q in analysis.attributions:
        if q.source:
            spans.append((q.source.span, "source", q.id))
        if q.cue:
            spans.append((q.cue.span, "cue", q.id))
        spans.extend((span, "content", q.id) for span in q.content.spans)
    return [item for item in spans if item[0][0] < item[0][1]]


def highlight_runs(analysis: Analysis) -> list[Run]:
    """The document text as consecutive runs, each with the roles covering it."""
    text = analysis.document.text
    spans = labelled_spans(analysis)
    cuts = sorted({0, len(text), *(s for (s, _), _, _ in spans),
                   *(e for (_, e), _, _ in spans)})
    runs = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(role, q) for (s, e), role, q in spans if s <= start and end <= e]
        roles = tuple(r for r in ROLE_ORDER if any(role == r for role, _ in covering))
        ids = tuple(dict.fromkeys(q for _, q in covering if q))
        runs.append(Run(text[start:end], roles, ids))
    return runs
