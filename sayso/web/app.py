"""The web UI: a read-only view of a corpus store.

``create_app(store)`` builds a Starlette app over an open `Store`, so tests
drive it in-process with Starlette's TestClient. Pages: the corpus overview,
a document with its spans highlighted, claims (filterable) and a claim's
provenance graph; ``/api/...`` gives the same records as JSON.
"""
from __future__ import annotations

from typing import Any

from ..errors import MissingExtraError, StoreError
from ..store import Store
from ..store.export import export_records
from ..store.query import claims, top_sources
from .highlight import highlight_runs
from .provenance import ProvenanceGraph, provenance_svg, statement_path

try:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles
except ImportError as exc:  # the web UI is an optional extra
    raise MissingExtraError("the web UI", "web", exc.name or "starlette") from exc

TEMPLATES = Environment(loader=PackageLoader("sayso.web", "templates"),
                        autoescape=select_autoescape())


def create_app(store: Store) -> Starlette:
    """A Starlette app serving this store (which it reads, never writes)."""
    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(TEMPLATES.get_template(name).render(**context))

    async def overview(request: Request) -> HTMLResponse:
        stories = sorted(export_records(store, "stories"),
                         key=lambda story: -len(story["documents"]))
        kind, records = claims(store, contested=True)
        return page("overview.html", counts=store.counts(), stories=stories,
                    sources=top_sources(store, 10), listed=_listed_documents(store),
                    contested=records[:20], kind=kind)

    async def document(request: Request) -> HTMLResponse:
        analysis = _analysis(store, request.path_params["doc_id"])
        return page("document.html", analysis=analysis, runs=highlight_runs(analysis))

    async def claim_list(request: Request) -> HTMLResponse:
        kind, records = _claims(request)
        return page("claims.html", kind=kind, records=records, query=request.query_params)

    async def claim_detail(request: Request) -> HTMLResponse:
        claim = _claim(store, request.path_params["claim_id"])
        members, graph = _members(store, claim)
        return page("claim.html", claim=claim, members=members,
                    graph=provenance_svg(graph))

    async def api_document(request: Request) -> JSONResponse:
        return JSONResponse(_analysis(store, request.path_params["doc_id"]).to_dict())

    async def api_claims(request: Request) -> JSONResponse:
        kind, records = _claims(request)
        return JSONResponse({"kind": kind, "records": records})

    def _claims(request: Request) -> tuple[str, list[dict[str, Any]]]:
        params = request.query_params
        return claims(store, actor=params.get("actor") or None,
                      about=params.get("about") or None,
                      contested=params.get("contested") in ("1", "true", "on"))

    routes = [
        Route("/", overview),
        Route("/documents/{doc_id:path}", document),
        Route("/claims", claim_list),
        Route("/claims/{claim_id}", claim_detail),
        Route("/api/documents/{doc_id:path}", api_document),
        Route("/api/claims", api_claims),
        Mount("/static", StaticFiles(packages=[("sayso.web", "static")]), name="static"),
    ]
    return Starlette(routes=routes)


def _analysis(store: Store, doc_id: str):
    try:
        return store.get(doc_id)
    except StoreError as exc:
        raise HTTPException(404, f"no document {doc_id!r} in this corpus") from exc


def _listed_documents(store: Store) -> dict[str, dict[str, Any]]:
    """Title, outlet and original (for syndicated copies) of every document."""
    rows = store.fetch("SELECT id, title, outlet, duplicate_of FROM documents")
    return {doc_id: {"title": title or doc_id, "outlet": outlet, "copy_of": original}
            for doc_id, title, outlet, original in rows}


def _claim(store: Store, claim_id: str) -> dict[str, Any]:
    for record in export_records(store, "claims"):
        if record["claim"] == claim_id:
            return record
    raise HTTPException(404, f"no claim {claim_id!r} in this corpus")


def _members(store: Store, claim: dict[str, Any]) -> tuple[list[dict[str, Any]], ProvenanceGraph]:
    """The claim's member statements, and the provenance graph they draw."""
    graph, members = ProvenanceGraph(), []
    for doc_id, member_id in claim["members"]:
        analysis = store.get(doc_id)
        attribution = next((q for q in analysis.attributions if q.id == member_id), None)
        event = next((e for e in analysis.events if e.id == member_id), None)
        graph.add_path(statement_path(analysis, attribution))
        text = (attribution.content.text if attribution else
                analysis.document.text[slice(*event.sentence)] if event else "")
        members.append({"document": analysis.document, "attribution": attribution,
                        "text": text})
    return members, graph
