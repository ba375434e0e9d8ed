"""Corpus exports, the provenance graph, and the query commands."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import duckdb
import pytest

from sayso.errors import StoreError, UsageError
from sayso.store import Store
from sayso.store.export import FIELDS, export, export_records, export_to
from sayso.store.graph import prov_jsonld, provenance_graph
from sayso.store.query import actors, claims, sql_query
from store_helpers import sample_analysis


@pytest.fixture
def store():
    with Store(":memory:") as fresh:
        fresh.put(sample_analysis("d1"))
        fresh.put(sample_analysis("d2", url="https://example.org/d2"))
        yield fresh


def exported(store, what, format="jsonl"):
    out = io.StringIO()
    export(store, what, format, out, None)
    return out.getvalue()


def test_documents_export_adds_link_fields(store):
    records = [json.loads(line) for line in exported(store, "documents").splitlines()]
    assert [r["id"] for r in records] == ["d1", "d2"]
    expected = sample_analysis("d2", url="https://example.org/d2").document.to_dict()
    assert records[1] == {**expected, "duplicate_of": None, "story": None}


@pytest.mark.parametrize("what", ["actors", "attributions", "events"])
def test_per_document_exports_are_the_records_with_document(store, what):
    records = [json.loads(line) for line in exported(store, what).splitlines()]
    originals = sample_analysis().to_dict()[what]
    assert records == ([{"document": "d1", **r} for r in originals]
                       + [{"document": "d2", **r} for r in originals])
    assert tuple(records[0]) == FIELDS[what]


def test_stories_and_claims_are_empty_until_linking(store):
    assert exported(store, "stories") == ""
    assert exported(store, "claims") == ""


def test_linked_tables_export_in_contract_shape(store):
    store.fetch("INSERT INTO stories VALUES ('s1', 'Border', '[\"d1\", \"d2\"]')")
    assert json.loads(exported(store, "stories")) == {
        "story": "s1", "documents": ["d1", "d2"], "label": "Border"}


def test_attributions_csv_is_flat_columns(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "attributions", "csv"))))
    assert len(rows) == 4
    assert rows[0]["source_text"] == "Minister Ana Ruiz" and rows[0]["source_actor"] == "Ana Ruiz"
    assert rows[0]["source_kind"] == "named" and rows[0]["cue"] == "told"
    assert rows[0]["content"] == "the convoy crossed the river"
    assert rows[0]["via"] == "interview: Harbour Gazette"
    assert rows[1]["stance"] == "denies" and rows[1]["hedged"] == "false"
    assert rows[1]["parent"] == "" and rows[1]["via"] == ""
    assert not any(cell.startswith(("{", "[")) for row in rows for cell in row.values())


def test_events_csv_is_flat_columns_with_actor_codes(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "events", "csv"))))
    assert [r["document"] for r in rows] == ["d1", "d2"]
    assert rows[0]["type"] == "ACCUSE" and rows[0]["cameo"] == "112"
    assert rows[0]["trigger"] == "accused" and rows[0]["actor_name"] == "Ana Ruiz"
    assert rows[0]["actor_code"] == "GOV"


def test_gdelt_events_have_gdelt_columns(store):
    text = exported(store, "gdelt-events", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == FIELDS["gdelt-events"]
    first = rows[0]
    assert first["GlobalEventID"] == "d1:e1" and first["EventCode"] == "112"
    assert first["EventRootCode"] == "11" and first["Actor1Code"] == "GOV"
    assert first["PloverType"] == "ACCUSE" and first["Outlet"] == "Test Wire"
    assert rows[1]["SOURCEURL"] == "https://example.org/d2"
    jsonl = [json.loads(line) for line in exported(store, "gdelt-events").splitlines()]
    assert jsonl[0]["DocumentID"] == "d1"


def test_gdelt_dates_are_yyyymmdd(tmp_path):
    with Store(":memory:") as dated:
        dated.put(sample_analysis("d1", published="2024-03-05T10:00:00Z"))
        rows = list(csv.DictReader(io.StringIO(exported(dated, "gdelt-events", "csv"))))
    assert rows[0]["SQLDATE"] == "20240305"


def test_parquet_keeps_nested_records(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, "events", "parquet", None, path) == 2
    row = duckdb.sql(f"SELECT document, trigger.text, actor.actor FROM '{path}' "
                     "ORDER BY document").fetchall()
    assert row == [("d1", "accused", "a1"), ("d2", "accused", "a1")]


def test_empty_parquet_has_the_columns(store, tmp_path):
    path = tmp_path / "claims.parquet"
    export(store, "claims", "parquet", None, path)
    columns = [c[0] for c in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()]
    assert tuple(columns) == FIELDS["claims"]


def test_parquet_needs_an_output_file(store):
    with pytest.raises(UsageError, match="--output"):
        export(store, "events", "parquet", None, None)


def test_unknown_export_and_format_are_usage_errors(store):
    with pytest.raises(UsageError, match="unknown export 'quotes'"):
        export_records(store, "quotes")
    with pytest.raises(UsageError, match="unknown --format 'xml'"):
        export(store, "events", "xml", io.StringIO(), None)
    with pytest.raises(UsageError, match="choose from graphml, prov-jsonld"):
        export_to(store, "graph", "jsonl", None)


def test_graph_follows_the_statement_through_its_channel(store):
    graph = provenance_graph(store)
    edges = set(graph.edges)
    said = "statement:d1/q1"
    assert (said, "prov:wasAttributedTo", "agent:ana%20ruiz") in edges
    assert (said, "prov:wasDerivedFrom", f"{said}/via0") in edges
    assert (f"{said}/via0", "prov:wasDerivedFrom", f"{said}/original") in edges
    assert (f"{said}/via0", "prov:wasAttributedTo", "agent:harbour%20gazette") in edges
    assert (said, "prov:hadPrimarySource", f"{said}/original") in edges
    assert ("doc:d1", "prov:hadMember", said) in edges
    assert graph.nodes["agent:ana%20ruiz"]["prov_type"] == "prov:Person"


def test_named_sources_are_one_agent_across_documents(store):
    graph = provenance_graph(store)
    sources = {target for source, relation, target in graph.edges
               if relation == "prov:wasAttributedTo" and source.endswith("/q1")}
    assert sources == {"agent:ana%20ruiz"}


def test_prov_jsonld_is_self_contained(store):
    document = prov_jsonld(provenance_graph(store))
    assert document["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    by_id = {item["@id"]: item for item in document["@graph"]}
    assert by_id["statement:d2/q2"]["prov:wasAttributedTo"] == [
        {"@id": "agent:northern%20front"}]
    assert by_id["statement:d2/q2"]["sayso:stance"] == "denies"


def test_graphml_has_claims_statements_actors_outlets_with_typed_attributes(tmp_path):
    from link_corpus import wire_corpus
    from test_link_claims import engineer_says, mayor_says, residents_deny

    from sayso.link.persist import update_links
    with Store(":memory:") as linked:
        linked.put_many([*wire_corpus(), mayor_says(), engineer_says(), residents_deny()])
        update_links(linked)
        path = tmp_path / "graph.graphml"
        nodes = export_to(linked, "graph", "graphml", path)
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", ns)) == nodes
    types = {k.get("attr.name"): k.get("attr.type") for k in root.findall("g:key", ns)}
    assert types["contested"] == "boolean" and types["origins"] == "int"
    assert types["hop"] == "int"
    kinds = {d.text for d in root.findall("g:graph/g:node/g:data[@key='n_type']", ns)}
    assert kinds == {"claim", "statement", "actor", "outlet", "document"}
    relations = {d.text for d in root.findall("g:graph/g:edge/g:data[@key='e_relation']", ns)}
    assert {"said", "member-of", "copy-of", "in", "published-by"} <= relations
    booleans = {d.text for d in root.findall("g:graph/g:node/g:data[@key='n_contested']", ns)}
    assert booleans == {"true", "false"}
    ids = {n.get("id") for n in root.findall("g:graph/g:node", ns)}
    assert all(e.get("source") in ids and e.get("target") in ids
               for e in root.findall("g:graph/g:edge", ns))


def test_statements_filter_by_actor_content_and_contest(store):
    kind, found = claims(store, actor="RUIZ", about="convoy")
    assert kind == "statements"
    assert [(r["document"], r["attribution"], r["via"]) for r in found] == [
        ("d1", "q1", "interview: Harbour Gazette"), ("d2", "q1", "interview: Harbour Gazette")]
    _, contested = claims(store, contested=True)
    assert {r["source"] for r in contested} == {"Northern Front"}
    assert claims(store, actor="nobody")[1] == []


def test_claims_come_from_linking_when_present(store):
    store.fetch("INSERT INTO claims (claim, text, members, sources, origins, outlets, contested, "
                "contested_by, articles) VALUES ('c1', 'the convoy crossed the river', "
                "'[[\"d1\", \"q1\"], [\"d2\", \"q1\"]]', '[\"Ana Ruiz\"]', 1, 1, true, "
                "'[[\"d3\", \"q2\"]]', 2)")
    kind, found = claims(store, actor="ruiz", contested=True)
    assert kind == "claims"
    assert found[0]["members"] == [["d1", "q1"], ["d2", "q1"]]
    assert claims(store, about="bridge")[1] == []


def test_actors_are_counted_across_documents(store):
    assert actors(store)[0] == {"name": "Ana Ruiz", "kind": "person", "documents": 2,
                                "mentions": 4, "statements": 2}


def test_sql_query_is_read_only(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as writable:
        writable.put(sample_analysis())
    result = sql_query(path, "SELECT count(*) AS n FROM attributions")
    assert (result.columns, result.rows) == (["n"], [(2,)])
    with pytest.raises(StoreError, match="read-only"):
        sql_query(path, "DELETE FROM documents")
    with Store(path) as again:
        assert again.counts()["documents"] == 1


def test_linked_records_come_in_natural_id_order(store):
    for story in ("s10", "s2", "s1"):
        store.fetch(f"INSERT INTO stories VALUES ('{story}', NULL, '[]')")
    assert [json.loads(line)["story"] for line in exported(store, "stories").splitlines()] == [
        "s1", "s2", "s10"]
