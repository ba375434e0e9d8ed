"""A claim's provenance as a layered graph drawn in SVG.

Each member statement is a path: its source, then the channels it travelled
through (in `via` order), then the article that carries it (by outlet). Paths
that share a node merge, so a claim with one origin fans out from one box.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Analysis, Attribution

BOX_WIDTH, BOX_HEIGHT, COLUMN_GAP, ROW_GAP = 190, 34, 60, 14


@dataclass
class ProvenanceGraph:
    columns: list[list[str]] = field(default_factory=list)
    edges: set[tuple[str, str]] = field(default_factory=set)

    def add_path(self, labels: list[str]) -> None:
        keys = [f"{depth}:{label}" for depth, label in enumerate(labels)]
        for depth, key in enumerate(keys):
            while len(self.columns) <= depth:
                self.columns.append([])
            if key not in self.columns[depth]:
                self.columns[depth].append(key)
        self.edges.update(zip(keys, keys[1:]))


def statement_path(analysis: Analysis, attribution: Attribution | None) -> list[str]:
    """Source → channels → carrying article, as display labels.

    A statement the article makes in its own voice (no attribution) starts
    at the article itself.
    """
    document = analysis.document
    carrier = f"{document.outlet or 'article'}: {document.id}"
    if attribution is None:
        return ["(the article's own voice)", carrier]
    hops = [f"{c.role}: {c.text}" for c in attribution.via]
    return [_origin(analysis, attribution), *hops, carrier]


def _origin(analysis: Analysis, attribution: Attribution) -> str:
    if attribution.source is None:
        return "(unsourced)"
    actor = analysis.actor(attribution.source.actor)
    return actor.name if actor else attribution.source.text


def provenance_svg(graph: ProvenanceGraph) -> str:
    """The graph as a standalone SVG string, columns left to right."""
    positions = {}
    for depth, column in enumerate(graph.columns):
        for row, key in enumerate(column):
            positions[key] = (depth * (BOX_WIDTH + COLUMN_GAP) + 10,
                              row * (BOX_HEIGHT + ROW_GAP) + 10)
    width = len(graph.columns) * (BOX_WIDTH + COLUMN_GAP) + 20
    height = max((len(c) for c in graph.columns), default=1) * (BOX_HEIGHT + ROW_GAP) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" class="provenance" role="img">']
    for a, b in sorted(graph.edges):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        parts.append(f'<line x1="{x1 + BOX_WIDTH}" y1="{y1 + BOX_HEIGHT // 2}" '
                     f'x2="{x2}" y2="{y2 + BOX_HEIGHT // 2}" class="edge"/>')
    for key, (x, y) in positions.items():
        label = key.split(":", 1)[1]
        parts.append(f'<g class="node"><rect x="{x}" y="{y}" width="{BOX_WIDTH}" '
                     f'height="{BOX_HEIGHT}" rx="6"/><text x="{x + 8}" y="{y + 21}">'
                     f'<title>{_escape(label)}</title>{_escape(_clip(label))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))
