"""The web UI, driven in-process over an in-memory store."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from link_corpus import wire_corpus  # noqa: E402
from store_helpers import sample_analysis  # noqa: E402
from test_link_claims import engineer_says, mayor_says, residents_deny  # noqa: E402

from sayso.link.persist import update_links  # noqa: E402
from sayso.model import Analysis  # noqa: E402
from sayso.store import Store  # noqa: E402
from sayso.web.app import create_app  # noqa: E402
from sayso.web.highlight import highlight_runs  # noqa: E402
from sayso.web.provenance import ProvenanceGraph, provenance_svg  # noqa: E402


@pytest.fixture(scope="module")
def client():
    store = Store(":memory:")
    store.put_many([sample_analysis(), *wire_corpus(), mayor_says(), engineer_says(),
                    residents_deny()])
    update_links(store)
    with TestClient(create_app(store)) as client:
        yield client
    store.close()


def test_overview_lists_counts_sources_and_stories(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "documents" in page.text and "Stories" in page.text
    assert "Ana Ruiz" in page.text
    assert "Dock strike halts cargo" in page.text


def test_document_page_highlights_every_role(client):
    page = client.get("/documents/d1")
    assert page.status_code == 200
    for role in ("hl-source", "hl-cue", "hl-content", "hl-boilerplate"):
        assert f'class="{role}"' in page.text
    assert '<span class="hl-source" data-q="q1"' in page.text
    assert "interview: Harbour Gazette" in page.text


def test_document_json_is_the_stored_analysis(client):
    data = client.get("/api/documents/d1").json()
    assert Analysis.from_dict(data) == sample_analysis()


def test_unknown_document_and_claim_are_404(client):
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/claims/c999").status_code == 404


def test_claims_filter_and_claim_provenance(client):
    listing = client.get("/api/claims", params={"contested": "1"}).json()
    assert listing["kind"] == "claims"
    assert listing["records"] and all(c["contested"] for c in listing["records"])
    wire = client.get("/api/claims", params={"about": "forty million"}).json()["records"]
    assert len(wire) == 1 and wire[0]["origins"] == 1
    page = client.get(f"/claims/{wire[0]['claim']}")
    assert page.status_code == 200
    assert "<svg" in page.text and "Mara Lindqvist" in page.text
    html = client.get("/claims", params={"actor": "Lindqvist"}).text
    assert "forty million" in html


def test_highlight_runs_rebuild_the_text_exactly():
    analysis = sample_analysis()
    runs = highlight_runs(analysis)
    assert "".join(run.text for run in runs) == analysis.document.text
    cue = next(run for run in runs if "cue" in run.roles)
    assert cue.text == "told" and cue.attributions == ("q1",)


def test_provenance_graph_merges_shared_sources_and_escapes_labels():
    graph = ProvenanceGraph()
    graph.add_path(["Source <A>", "interview: X", "Wire: d1"])
    graph.add_path(["Source <A>", "interview: X", "Paper: d2"])
    svg = provenance_svg(graph)
    assert [len(column) for column in graph.columns] == [1, 1, 2]
    assert len(graph.edges) == 3
    assert "Source &lt;A&gt;" in svg and "<A>" not in svg
