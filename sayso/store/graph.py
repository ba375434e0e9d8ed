"""Who said what, through whom: the corpus as a PROV-O provenance graph.

For every attribution the graph holds:

- the statement as the article reports it (a ``prov:Entity``), which
  ``prov:wasAttributedTo`` its source (a ``prov:Agent``), and which its
  document (a ``prov:Collection``) ``prov:hadMember``;
- where the statement travelled through channels (an interview, a
  translation ...): the original statement, attributed to the source, and one
  entity per hop, each ``prov:wasDerivedFrom`` the one before it and
  ``prov:wasAttributedTo`` the channel; the reported statement
  ``prov:wasDerivedFrom`` the last hop and ``prov:hadPrimarySource`` the original.

Named actors are one agent across the corpus (by name); anonymous sources
and unresolved mentions are agents of their own document only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TextIO
from urllib.parse import quote
from xml.etree import ElementTree as ET

from ..model import Analysis, Attribution, Channel
from .db import Store

NAMESPACE = "urn:sayso:"
PROV = "http://www.w3.org/ns/prov#"
PERSON_KINDS = ("person", "named", "author")
ORGANIZATION_KINDS = ("organization", "outlet", "country", "group")
NODE_KEYS = ("prov_type", "kind", "label", "document", "stance", "hedged", "form")


@dataclass
class Graph:
    """Nodes by id with their attributes; edges as (from, relation, to)."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)

    def node(self, node_id: str, prov_type: str, kind: str, label: str,
             **extra: str) -> str:
        self.nodes.setdefault(node_id, {"prov_type": prov_type, "kind": kind,
                                        "label": label, **extra})
        return node_id

    def edge(self, source: str, relation: str, target: str) -> None:
        self.edges.append((source, relation, target))


def provenance_graph(store: Store) -> Graph:
    """The provenance graph of every stored analysis."""
    graph = Graph()
    for analysis in store.analyses():
        add_analysis(graph, analysis)
    return graph


def add_analysis(graph: Graph, analysis: Analysis) -> None:
    document = analysis.document
    doc_node = graph.node(f"doc:{quote(document.id)}", "prov:Collection", "document",
                          document.title or document.id)
    if document.outlet:
        outlet = _agent(graph, document.outlet, "outlet", scope=None)
        graph.edge(doc_node, "prov:wasAttributedTo", outlet)
    for attribution in analysis.attributions:
        statement = _statement(graph, analysis, attribution)
        graph.edge(doc_node, "prov:hadMember", statement)


def _statement(graph: Graph, analysis: Analysis, attribution: Attribution) -> str:
    doc_id = analysis.document.id
    node_id = f"statement:{quote(doc_id)}/{attribution.id}"
    graph.node(node_id, "prov:Entity", "statement", attribution.content.text,
               document=doc_id, stance=attribution.stance,
               hedged=str(attribution.hedged).lower(), form=attribution.form)
    source = _source_agent(graph, analysis, attribution)
    if source:
        graph.edge(node_id, "prov:wasAttributedTo", source)
    if attribution.via:
        _channels(graph, analysis, attribution, node_id, source)
    return node_id


def _channels(graph: Graph, analysis: Analysis, attribution: Attribution,
              statement: str, source: str | None) -> None:
    original = graph.node(f"{statement}/original", "prov:Entity", "original statement",
                          attribution.content.text, document=analysis.document.id)
    if source:
        graph.edge(original, "prov:wasAttributedTo", source)
    previous = original
    for hop, channel in enumerate(attribution.via):
        relayed = graph.node(f"{statement}/via{hop}", "prov:Entity", channel.role,
                             f"{channel.role}: {channel.text}",
                             document=analysis.document.id)
        graph.edge(relayed, "prov:wasDerivedFrom", previous)
        graph.edge(relayed, "prov:wasAttributedTo", _channel_agent(graph, analysis, channel))
        previous = relayed
    graph.edge(statement, "prov:wasDerivedFrom", previous)
    graph.edge(statement, "prov:hadPrimarySource", original)


def _source_agent(graph: Graph, analysis: Analysis, attribution: Attribution) -> str | None:
    source = attribution.source
    if source is None:
        return None
    actor = analysis.actor(source.actor)
    if actor is not None and actor.kind != "anonymous":
        return _agent(graph, actor.name, actor.kind, scope=None)
    return _agent(graph, source.text, source.kind, scope=analysis.document.id)


def _channel_agent(graph: Graph, analysis: Analysis, channel: Channel) -> str:
    actor = analysis.actor(channel.actor)
    if actor is not None:
        return _agent(graph, actor.name, actor.kind, scope=None)
    return _agent(graph, channel.text, "outlet", scope=analysis.document.id)


def _agent(graph: Graph, name: str, kind: str, scope: str | None) -> str:
    key = " ".join(name.split()).lower()
    local = quote(key) if scope is None else f"{quote(scope)}/{quote(key)}"
    return graph.node(f"agent:{local}", _agent_type(kind), kind, name)


def _agent_type(kind: str) -> str:
    if kind in PERSON_KINDS:
        return "prov:Person"
    return "prov:Organization" if kind in ORGANIZATION_KINDS else "prov:Agent"


def write_graphml(graph: Graph, out: TextIO) -> None:
    """GraphML: node attributes as data keys, each edge's PROV relation as ``relation``."""
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key in NODE_KEYS:
        ET.SubElement(root, "key", {"id": key, "for": "node", "attr.name": key,
                                    "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "relation", "for": "edge",
                                "attr.name": "relation", "attr.type": "string"})
    body = ET.SubElement(root, "graph", id="sayso", edgedefault="directed")
    for node_id, attributes in graph.nodes.items():
        node = ET.SubElement(body, "node", id=node_id)
        for key, value in attributes.items():
            ET.SubElement(node, "data", key=key).text = value
    for number, (source, relation, target) in enumerate(graph.edges):
        edge = ET.SubElement(body, "edge", id=f"r{number}", source=source, target=target)
        ET.SubElement(edge, "data", key="relation").text = relation
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def prov_jsonld(graph: Graph) -> dict:
    """PROV-O in JSON-LD with an inline context (no network needed to read it)."""
    context = {"prov": PROV, "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
               "sayso": f"{NAMESPACE}vocab#",
               **{prefix: f"{NAMESPACE}{prefix}:"
                  for prefix in ("doc", "statement", "agent")}}
    items: dict[str, dict] = {}
    for node_id, attributes in graph.nodes.items():
        item = {"@id": node_id, "@type": attributes["prov_type"],
                "rdfs:label": attributes["label"]}
        item.update({f"sayso:{key}": value for key, value in attributes.items()
                     if key not in ("prov_type", "label")})
        items[node_id] = item
    for source, relation, target in graph.edges:
        items[source].setdefault(relation, []).append({"@id": target})
    return {"@context": context, "@graph": list(items.values())}


def write_prov_jsonld(graph: Graph, out: TextIO) -> None:
    out.write(json.dumps(prov_jsonld(graph), ensure_ascii=False, indent=1))
    out.write("\n")


GRAPH_WRITERS = {"graphml": write_graphml, "prov-jsonld": write_prov_jsonld}
