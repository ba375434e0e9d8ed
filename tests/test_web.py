"""The web UI and its JSON API, driven in-process over an in-memory store."""
from __future__ import annotations

import dataclasses
import socket

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from link_corpus import WIRE_CLAIM, wire_corpus  # noqa: E402
from store_helpers import sample_analysis  # noqa: E402
from test_link_claims import engineer_says, mayor_says, residents_deny  # noqa: E402

from sayso.cli import app as cli  # noqa: E402
from sayso.link.persist import update_links  # noqa: E402
from sayso.model import Analysis  # noqa: E402
from sayso.store import Store  # noqa: E402
from sayso.web.app import VIEWS, create_app, safe_url  # noqa: E402
from sayso.web.highlight import highlight_runs  # noqa: E402
from sayso.web.snapshot import Snapshots  # noqa: E402


def unsafe_link_article() -> Analysis:
    analysis = sample_analysis("evil")
    document = dataclasses.replace(analysis.document, url="javascript:alert(1)")
    return dataclasses.replace(analysis, document=document)


@pytest.fixture(scope="module")
def store():
    store = Store(":memory:")
    store.put_many([sample_analysis(), *wire_corpus(), mayor_says(), engineer_says(),
                    residents_deny(), unsafe_link_article()])
    update_links(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store)) as client:
        yield client


def wire_claim(client) -> dict:
    found = client.get("/api/claims", params={"about": "forty million"}).json()["items"]
    assert len(found) == 1
    return found[0]


def test_overview_lists_counts_sources_and_stories(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "documents" in page.text and "Biggest stories" in page.text
    assert "Ana Ruiz" in page.text and "Dock strike halts cargo" in page.text
    data = client.get("/api/overview").json()
    assert data["counts"]["documents"] == 31
    assert data["top_sources"][0][1] >= 1


def test_every_page_has_a_json_twin(client):
    claim_id = wire_claim(client)["claim"]
    for path in ("/", "/documents", "/documents/d1", "/statements", "/claims",
                 f"/claims/{claim_id}", "/actors", "/actors/Ana%20Ruiz", "/stories",
                 "/stories/s1", "/search?q=strike"):
        page = client.get(path)
        assert page.status_code == 200, path
        api = "/api" + (path if path != "/" else "/overview")
        assert f'href="{api}' in page.text.replace("&amp;", "&"), path
        response = client.get(api)
        assert response.status_code == 200 and response.headers["content-type"] == \
            "application/json", api


def test_document_page_labels_every_role_and_event(client):
    page = client.get("/documents/d1")
    assert page.status_code == 200
    for role in ("hl-source", "hl-cue", "hl-content", "hl-event", "hl-boilerplate"):
        assert role in page.text
    assert '<span class="hl-source" data-q="q1">Minister Ana Ruiz</span>' \
           '<span class="label label-source" data-q="q1"' in page.text
    assert ">q1 source</span>" in page.text and ">e1 ACCUSE</span>" in page.text
    assert "interview: Harbour Gazette" in page.text


def test_document_json_is_the_stored_analysis(client):
    data = client.get("/api/documents/d1").json()
    assert Analysis.from_dict(data) == sample_analysis()


def test_a_syndicated_copy_says_so_and_its_original_lists_it(client, store):
    copy_id, original = store.fetch("SELECT id, duplicate_of FROM documents "
                                    "WHERE duplicate_of IS NOT NULL ORDER BY id LIMIT 1")[0]
    assert "A syndicated copy of" in client.get(f"/documents/{copy_id}").text
    assert copy_id in client.get(f"/documents/{original}").text.split("Copies of")[1]


def test_only_http_urls_become_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None and safe_url("data:text/html,x") is None


def test_a_javascript_url_is_shown_not_linked(client):
    page = client.get("/documents/evil").text
    assert 'href="javascript' not in page.lower()
    assert "javascript:alert(1)" in page


def test_unknown_pages_are_styled_for_browsers_and_json_for_the_api(client):
    for path in ("/documents/nope", "/claims/c999", "/actors/Nobody", "/stories/s999", "/x"):
        page = client.get(path)
        assert page.status_code == 404 and "text/html" in page.headers["content-type"]
        assert "404" in page.text and "<header>" in page.text
        api = client.get("/api" + path)
        assert api.status_code == 404 and api.json()["status"] == 404
        assert api.json()["error"]


@pytest.mark.parametrize("query", [
    "page=-1", "page=0", "page=x", "limit=1000000000", "limit=0", "sort=evil",
    "order=sideways", "contested=maybe", "from=yesterday", "about=" + "a" * 400])
def test_bad_list_parameters_are_400_naming_the_parameter(client, query):
    response = client.get(f"/api/claims?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["error"]
    assert client.get(f"/claims?{query}").status_code == 400


def test_a_huge_query_string_is_414(client):
    assert client.get("/api/documents?q=" + "x" * 10_000).status_code == 414
    assert client.get("/documents?q=" + "x" * 10_000).status_code == 414


def test_lists_page_and_sort(client):
    first = client.get("/api/documents", params={"limit": 5, "sort": "id"}).json()
    second = client.get("/api/documents", params={"limit": 5, "sort": "id", "page": 2}).json()
    assert first["total"] == 31 and first["pages"] == 7 and len(first["items"]) == 5
    ids = [d["id"] for d in first["items"] + second["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 10
    down = client.get("/api/documents", params={"limit": 5, "sort": "id",
                                                "order": "desc"}).json()["items"]
    assert [d["id"] for d in down] == sorted((d["id"] for d in down), reverse=True)
    past = client.get("/api/documents", params={"page": 99}).json()
    assert past["items"] == [] and past["total"] == 31
    assert "No documents match" in client.get("/documents?q=zzzzqqq").text


def test_claims_facets_filter_what_they_count(client):
    listing = client.get("/api/claims").json()
    assert set(listing["facets"]) >= {"contested", "laundered", "outlet", "actor", "story"}
    outlet, count = listing["facets"]["outlet"][0]
    narrowed = client.get("/api/claims", params={"outlet": outlet, "limit": 200}).json()
    assert narrowed["total"] == count
    contested = client.get("/api/claims", params={"contested": "true"}).json()["items"]
    assert contested and all(c["contested"] for c in contested)
    by_source = client.get("/api/claims", params={"actor": "lindqvist"}).json()["items"]
    assert [c["text"] for c in by_source] == [wire_claim(client)["text"]]


def test_statements_facet_by_stance(client):
    denials = client.get("/api/statements", params={"stance": "denies"}).json()
    assert denials["total"] >= 2 and all(s["stance"] == "denies" for s in denials["items"])
    linked = client.get("/api/statements", params={"actor": "Lindqvist"}).json()["items"]
    assert linked and all(s["claim"] == wire_claim(client)["claim"] for s in linked)
    assert ["denies", denials["total"]] in client.get("/api/statements").json()["facets"][
        "stance"]


def test_claim_page_reads_like_a_chain_of_custody(client):
    claim = wire_claim(client)
    assert claim["origins"] == 1 and claim["text"] == WIRE_CLAIM
    data = client.get(f"/api/claims/{claim['claim']}").json()
    nodes = [e["data"] for e in data["graph"] if "source" not in e["data"]]
    edges = [e["data"] for e in data["graph"] if "source" in e["data"]]
    sources = [n for n in nodes if n["kind"] == "source"]
    articles = [n for n in nodes if n["kind"].startswith("article")]
    assert [n["label"] for n in sources] == ["Mara Lindqvist"]
    assert sources[0]["href"] == "/actors/Mara%20Lindqvist"
    assert all(n["href"].startswith("/documents/") for n in articles)
    assert len(articles) + sum(len(n.get("copies", [])) for n in articles) == \
        len({d for d, _ in data["members"]})
    assert all(e["kind"].startswith("carried") for e in edges)
    page = client.get(f"/claims/{claim['claim']}").text
    assert 'id="graph"' in page and "/static/cytoscape.min.js" in page
    assert "Mara Lindqvist" in page and "Members" in page


def test_claim_page_shows_denials_when_the_claim_lists_them(client, store):
    contested = client.get("/api/claims", params={"contested": "true"}).json()["items"][0]
    data = client.get(f"/api/claims/{contested['claim']}").json()
    assert data["contested_by"] == [] or data["denials_read"]
    for denial in data["denials_read"]:
        assert denial["stance"] in ("denies", "disputes")
    kinds = {e["data"].get("kind") for e in data["graph"]}
    assert ("denial" in kinds) == bool(data["denials_read"])


def test_actor_and_story_pages(client):
    actor = client.get("/api/actors/Ana%20Ruiz").json()
    assert actor["aliases"] == ["Ruiz"] and "cameo:GOV" in actor["codes"]
    assert any(s["content"] == "the convoy crossed the river" for s in actor["said"])
    said = client.get("/api/actors/Mara%20Lindqvist").json()["said"]
    copies = {d["id"] for d in client.get("/api/documents", params={
        "copy": "true", "limit": 200}).json()["items"]}
    assert said and copies and not {s["document"] for s in said} & copies
    listed = client.get("/api/actors", params={"q": "ruiz"}).json()["items"]
    assert "Ana Ruiz" in [a["name"] for a in listed]
    story_id = client.get("/api/stories", params={"sort": "documents"}).json()[
        "items"][0]["story"]
    story = client.get(f"/api/stories/{story_id}").json()
    assert len(story["outlets"]) >= 2
    page = client.get(f"/stories/{story_id}").text
    assert "side-by-side" in page


def test_search_finds_documents_statements_and_claims(client):
    found = client.get("/api/search", params={"q": "forty million euros"}).json()
    assert found["terms"] == ["forty", "million", "euros"]
    assert found["claims"] and found["statements"] and found["documents"]
    assert client.get("/api/search", params={"q": "zzzqqq"}).json()["claims"] == []
    assert "No claim holds every word" in client.get("/search?q=zzzqqq").text


def test_openapi_schema_documents_every_twin(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for view in VIEWS:
        path = "/api" + (view.path if view.path != "/" else "/overview")
        assert path.replace(":path}", "}") in schema["paths"]
    claims = schema["paths"]["/api/claims"]["get"]["parameters"]
    limit = next(p for p in claims if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200


def test_highlight_runs_rebuild_the_text_exactly():
    analysis = sample_analysis()
    runs = highlight_runs(analysis)
    assert "".join(run.text for run in runs) == analysis.document.text
    cue = next(run for run in runs if "cue" in run.roles)
    assert cue.text == "told" and cue.attributions == ("q1",)
    assert [label.text for label in cue.labels] == ["q1 cue"]


def test_serving_never_blocks_ingest_and_picks_up_new_documents(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as writer:
        writer.put(sample_analysis("first"))
    snapshots = Snapshots(path, recheck=0)
    try:
        with TestClient(create_app(snapshots)) as client:
            assert client.get("/api/documents").json()["total"] == 1
            with Store(path) as writer:        # ingest opens the corpus while served
                writer.put(sample_analysis("second"))
                assert client.get("/api/documents").json()["total"] == 1
            assert client.get("/api/documents").json()["total"] == 2
    finally:
        snapshots.close()


def test_a_busy_port_is_one_line_and_exit_4(tmp_path):
    path = tmp_path / "corpus.duckdb"
    Store(path).close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", str(port)])
    assert result.exit_code == 4
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "port is in use" in lines[0]


def test_claims_export_v2_fields_show_denials_and_laundering(tmp_path):
    """A corpus whose claims carry contested_by and laundered_in (export v2)."""
    store = Store(":memory:")
    store.put_many([mayor_says(), engineer_says(), residents_deny()])
    update_links(store)
    claim_id = store.fetch("SELECT claim FROM claims WHERE contested")[0][0]
    store.fetch("UPDATE claims SET contested_by = '[[\"watch\", \"q1\"]]', laundered = true, "
                "laundered_in = '[\"ruiz\"]' WHERE claim = ?", [claim_id])
    with TestClient(create_app(store)) as client:
        data = client.get(f"/api/claims/{claim_id}").json()
        page = client.get(f"/claims/{claim_id}").text
    store.close()
    assert data["contested_by"] == [["watch", "q1"]] and data["laundered_in"] == ["ruiz"]
    assert [d["source"] for d in data["denials_read"]] == ["Varn Watch"]
    denial = next(e["data"] for e in data["graph"] if e["data"].get("kind") == "denial")
    assert denial["href"] == "/documents/watch#q1" and "Varn Watch denies" in denial["label"]
    assert any(e["data"].get("kind") == "denies" for e in data["graph"])
    laundered = [e["data"]["id"] for e in data["graph"] if "laundered" in e.get("classes", "")]
    assert laundered == ["doc:ruiz"]
    assert 'class="laundered-in" href="/documents/ruiz"' in page
    assert "Varn Watch" in page.split("Denied or disputed by")[1]


def test_own_voice_statements_are_marked_when_linking_keeps_their_spans():
    from sayso.web.highlight import own_voice_spans
    analysis = sample_analysis()
    start = analysis.document.text.index("the convoy")
    marks = own_voice_spans([{"id": "s3", "span": [start, start + 10]},
                             {"id": "s4", "span": None}])
    runs = highlight_runs(analysis, marks)
    assert "".join(run.text for run in runs) == analysis.document.text
    own = [run for run in runs if "own" in run.roles]
    assert "".join(run.text for run in own) == "the convoy"
    assert [label.text for run in own for label in run.labels] == ["s3 own voice"]


def test_a_running_sayso_serve_lets_another_process_write_the_corpus(tmp_path):
    """The real thing: `sayso serve` in its own process, a writer in this one."""
    import json
    import subprocess
    import sys
    import time
    import urllib.request
    path = tmp_path / "corpus.duckdb"
    with Store(path) as writer:
        writer.put(sample_analysis("first"))
    server = subprocess.Popen([sys.executable, "-m", "sayso", "serve", "--db", str(path),
                               "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        url = server.stderr.readline().split(" on ")[1].split()[0]

        def total() -> int:
            with urllib.request.urlopen(url + "api/documents") as response:
                return json.load(response)["total"]
        assert total() == 1
        with Store(path) as writer:              # not locked out by the server
            writer.put(sample_analysis("second"))
        deadline = time.monotonic() + 20
        while total() != 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert total() == 2
    finally:
        server.terminate()
        assert server.wait(timeout=20) == 0
    assert not any(line.startswith("Traceback") for line in server.stderr)
