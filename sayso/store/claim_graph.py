"""The corpus as a claim graph in GraphML, for Gephi, networkx or igraph.

Nodes (``type``): ``claim``, ``statement`` (a claim member or a denial),
``actor`` (one per name across the corpus), ``outlet`` and ``document``.
Edges (``relation``): an actor ``said`` a statement; a statement came ``via``
a channel (an actor, with ``hop`` and ``role``); a statement is a
``member-of`` a claim, or ``denies`` it; a statement is ``in`` a document,
which is ``published-by`` an outlet; a syndicated document is a ``copy-of``
its original. Attributes are typed (boolean, int, string), so readers get
``True`` and ``3``, not ``"true"`` and ``"3"``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, TextIO
from xml.etree import ElementTree as ET

from .db import Store

NODE_KEYS = {"type": "string", "label": "string", "kind": "string", "cameo": "string",
             "text": "string", "document": "string", "stance": "string",
             "hedged": "boolean", "own_voice": "boolean", "published": "string",
             "url": "string", "origins": "int", "outlets": "int", "statements": "int",
             "contested": "boolean", "laundered": "boolean", "first_seen": "string",
             "last_seen": "string"}
EDGE_KEYS = {"relation": "string", "hop": "int", "role": "string"}
GRAPHML_TYPES = {"string": "string", "int": "int", "boolean": "boolean"}


@dataclass
class ClaimGraph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def node(self, node_id: str, **attributes: Any) -> str:
        self.nodes.setdefault(node_id, {k: v for k, v in attributes.items() if v is not None})
        return node_id

    def edge(self, source: str, target: str, relation: str, **attributes: Any) -> None:
        self.edges.append((source, target, {"relation": relation, **attributes}))


def claim_graph(store: Store) -> ClaimGraph:
    graph = ClaimGraph()
    _documents(graph, store)
    for claim in _claims(store):
        _claim(graph, store, claim)
    return graph


def _documents(graph: ClaimGraph, store: Store) -> None:
    rows = store.fetch("SELECT id, title, outlet, published, url, duplicate_of FROM documents "
                       "ORDER BY id")
    for doc_id, title, outlet, published, url, original in rows:
        graph.node(f"document:{doc_id}", type="document", label=title or doc_id,
                   published=published, url=url)
        if outlet:
            graph.node(f"outlet:{outlet}", type="outlet", label=outlet)
            graph.edge(f"document:{doc_id}", f"outlet:{outlet}", "published-by")
    for doc_id, *_, original in rows:
        if original:
            graph.edge(f"document:{doc_id}", f"document:{original}", "copy-of")


def _claims(store: Store) -> list[dict[str, Any]]:
    columns, rows = store.columns_and_rows(
        "SELECT * FROM claims ORDER BY length(claim), claim")
    claims = [dict(zip(columns, row)) for row in rows]
    for claim in claims:
        for key in ("members", "contested_by"):
            value = claim.get(key)
            claim[key] = json.loads(value) if isinstance(value, str) else (value or [])
    return claims


def _claim(graph: ClaimGraph, store: Store, claim: dict[str, Any]) -> None:
    key = graph.node(f"claim:{claim['claim']}", type="claim", label=claim["text"],
                     text=claim["text"], origins=claim["origins"], outlets=claim["outlets"],
                     statements=len(claim["members"]), contested=claim["contested"],
                     laundered=claim["laundered"], first_seen=claim.get("first_seen"),
                     last_seen=claim.get("last_seen"))
    for doc_id, member in claim["members"]:
        graph.edge(_statement(graph, store, doc_id, member), key, "member-of")
    for doc_id, member in claim["contested_by"]:
        graph.edge(_statement(graph, store, doc_id, member), key, "denies")


def _statement(graph: ClaimGraph, store: Store, doc_id: str, member: str) -> str:
    key = f"statement:{doc_id}/{member}"
    if key in graph.nodes:
        return key
    rows = store.fetch(
        "SELECT q.content_text, q.stance, q.hedged, a.name, a.kind, a.codes->>'cameo' "
        "FROM attributions q LEFT JOIN actors a "
        "ON a.document = q.document AND a.id = q.source_actor "
        "WHERE q.document = ? AND q.id = ?", [doc_id, member])
    if rows:
        text, stance, hedged, source, kind, cameo = rows[0]
        graph.node(key, type="statement", label=text, text=text, document=doc_id,
                   stance=stance, hedged=hedged, own_voice=False)
        if source:
            graph.edge(_actor(graph, source, kind, cameo), key, "said")
        _channels(graph, store, doc_id, member, key)
    else:
        text = _own_voice_text(store, doc_id, member)
        graph.node(key, type="statement", label=text, text=text, document=doc_id,
                   stance="asserts", hedged=False, own_voice=True)
    graph.edge(key, f"document:{doc_id}", "in")
    return key


def _channels(graph: ClaimGraph, store: Store, doc_id: str, member: str, key: str) -> None:
    rows = store.fetch(
        "SELECT c.hop, c.role, coalesce(a.name, c.text), a.kind, a.codes->>'cameo' "
        "FROM channels c LEFT JOIN actors a ON a.document = c.document AND a.id = c.actor "
        "WHERE c.document = ? AND c.attribution = ? ORDER BY c.hop", [doc_id, member])
    for hop, role, name, kind, cameo in rows:
        graph.edge(key, _actor(graph, name, kind or "outlet", cameo), "via", hop=hop, role=role)


def _own_voice_text(store: Store, doc_id: str, member: str) -> str:
    rows = store.fetch("SELECT text FROM link_statements WHERE document = ? AND member = ?",
                       [doc_id, member])
    return rows[0][0] if rows else ""


def _actor(graph: ClaimGraph, name: str, kind: str | None, cameo: str | None) -> str:
    return graph.node(f"actor:{' '.join(name.split()).lower()}", type="actor", label=name,
                      kind=kind, cameo=cameo)


def write_claim_graphml(store: Store, out: TextIO) -> int:
    """Write the claim graph as GraphML; return how many nodes it has."""
    graph = claim_graph(store)
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for target, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys.items():
            ET.SubElement(root, "key", {"id": f"{target[0]}_{name}", "for": target,
                                        "attr.name": name, "attr.type": GRAPHML_TYPES[kind]})
    body = ET.SubElement(root, "graph", id="sayso-claims", edgedefault="directed")
    for node_id, attributes in graph.nodes.items():
        _data(ET.SubElement(body, "node", id=node_id), "n", attributes)
    for number, (source, target, attributes) in enumerate(graph.edges):
        edge = ET.SubElement(body, "edge", id=f"e{number}", source=source, target=target)
        _data(edge, "e", attributes)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return len(graph.nodes)


def _data(element: ET.Element, prefix: str, attributes: dict[str, Any]) -> None:
    for name, value in attributes.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        ET.SubElement(element, "data", key=f"{prefix}_{name}").text = text
