"""A claim's chain of custody, as Cytoscape.js elements laid out left to right.

Each member statement is a path: its original source, the channels it
travelled through (in ``via`` order, from the source outward), then the
article that carries it (outlet and date). Paths sharing a source or channel
merge, so a claim with one origin fans out from one node. Syndicated copies
are folded into their original's node; denials, in a column left of the
sources, point at the sources they deny; articles that state the claim in
their own voice (laundering) are marked. Positions are computed here, so
the page needs no layout extension: columns by depth, articles in date order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..model import Analysis, Attribution

COLUMN_WIDTH, ROW_HEIGHT = 340, 80


@dataclass(frozen=True)
class Member:
    """One member statement, read back from its article."""

    analysis: Analysis
    statement_id: str
    attribution: Attribution | None
    text: str
    claim_of: str | None = None


@dataclass
class Custody:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)

    def node(self, key: str, depth: int, **data: Any) -> str:
        if key not in self.nodes:
            self.nodes[key] = {"id": key, **data}
        self.depth[key] = max(self.depth.get(key, depth), depth)
        return key

    def edge(self, source: str, target: str, **data: Any) -> None:
        self.edges.setdefault((source, target), {"id": f"{source}->{target}",
                                                 "source": source, "target": target,
                                                 **data})

    def elements(self) -> list[dict[str, Any]]:
        """Cytoscape elements with preset positions: depth left to right."""
        columns: dict[int, list[str]] = {}
        for key in self.nodes:
            columns.setdefault(self.depth[key], []).append(key)
        placed = []
        for depth, keys in sorted(columns.items()):
            keys.sort(key=lambda k: (self.nodes[k].get("order", ""), k))
            for row, key in enumerate(keys):
                data = self.nodes[key]
                placed.append({"data": data, "classes": data.get("kind", ""),
                               "position": {"x": depth * COLUMN_WIDTH,
                                            "y": row * ROW_HEIGHT}})
        return placed + [{"data": data, "classes": data.get("kind", "")}
                         for data in self.edges.values()]


def custody_graph(members: list[Member], denials: list[Member],
                  laundered_in: set[str], copies_of: dict[str, str]) -> Custody:
    """The chain of custody of a claim's members, denials attached."""
    graph = Custody()
    denying = {(d.analysis.document.id, d.statement_id) for d in denials}
    members = [m for m in members if (m.analysis.document.id, m.statement_id) not in denying]
    member_docs = {m.analysis.document.id for m in members}
    carriers = [m for m in members if copies_of.get(m.analysis.document.id) not in member_docs]
    deepest = 1 + max((len(m.attribution.via) for m in carriers if m.attribution), default=0)
    for member in carriers:
        _add_member(graph, member, deepest, laundered_in)
    for member in members:
        original = copies_of.get(member.analysis.document.id)
        if original in member_docs:
            _fold_copy(graph, member, original)
    sources = [key for key, data in graph.nodes.items() if data["kind"] == "source"]
    for denial in denials:
        _add_denial(graph, denial, sources)
    return graph


def _article_key(doc_id: str) -> str:
    return f"doc:{doc_id}"


def _add_member(graph: Custody, member: Member, deepest: int,
                laundered_in: set[str]) -> None:
    document = member.analysis.document
    q = member.attribution
    own_voice = q is None
    kind = "article laundered" if document.id in laundered_in else "article"
    article = graph.node(_article_key(document.id), deepest, kind=kind,
                         label=_article_label(document), order=document.published or "",
                         href=f"/documents/{quote(document.id)}#{member.statement_id}",
                         title=document.title or document.id)
    if own_voice:
        graph.nodes[article]["label"] += "\n(own voice)"
        return
    previous = _source_node(graph, member.analysis, q)
    for hop, channel in enumerate(q.via, start=1):
        hop_key = graph.node(f"via:{channel.role}:{' '.join(channel.text.lower().split())}",
                             hop, kind="channel", label=f"{channel.role}\n{channel.text}")
        graph.edge(previous, hop_key, kind="hop", label=channel.role)
        previous = hop_key
    graph.edge(previous, article, kind=f"carried stance-{q.stance}",
               label=" · ".join(filter(None, [q.stance if q.stance != "asserts" else None,
                                              "hedged" if q.hedged else None,
                                              document.published]))
               or q.stance)


def _source_node(graph: Custody, analysis: Analysis, q: Attribution) -> str:
    if q.source is None:
        return graph.node("source:(unsourced)", 0, kind="source", label="(unsourced)")
    actor = analysis.actor(q.source.actor)
    name = actor.name if actor else q.source.text
    href = f"/actors/{quote(name, safe='')}" if actor else None
    return graph.node(f"source:{name.lower()}", 0, kind="source", label=name, href=href)


def _fold_copy(graph: Custody, member: Member, original: str) -> None:
    node = graph.nodes.get(_article_key(original))
    if node is None:
        return
    copies = node.setdefault("copies", [])
    if member.analysis.document.id not in copies:
        copies.append(member.analysis.document.id)
        node["label"] = node["label"].split("\n+")[0] + f"\n+{len(copies)} copies"


def _add_denial(graph: Custody, denial: Member, sources: list[str]) -> None:
    document = denial.analysis.document
    q = denial.attribution
    who = "(unsourced)"
    if q is not None and q.source is not None:
        actor = denial.analysis.actor(q.source.actor)
        who = actor.name if actor else q.source.text
    stance = q.stance if q else "denies"
    key = graph.node(f"denial:{document.id}/{denial.statement_id}", -1, kind="denial",
                     label=f"{who} {stance}\n{_article_label(document)}",
                     order="~" + (document.published or ""),
                     href=f"/documents/{quote(document.id)}#{denial.statement_id}",
                     title=denial.text)
    own = f"source:{who.lower()}"
    for source in [s for s in sources if s != own] or [k for k in graph.nodes
                                                        if k.startswith("doc:")]:
        graph.edge(key, source, kind="denies", label=stance)


def _article_label(document) -> str:
    return f"{document.outlet or document.id}\n{document.published or 'undated'}"
