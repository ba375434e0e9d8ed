"""The web UI: a read-only view of a corpus store, each page with a JSON twin.

``create_app(source)`` builds a Starlette app over an open `Store` (tests
drive it in-process with Starlette's TestClient) or over `Snapshots` of a
corpus file that `sayso ingest` may be writing (`sayso serve`). Every page
``/X`` has its twin ``/api/X`` giving the page's data as JSON; the OpenAPI
schema at ``/api/openapi.json`` documents them all. Errors are styled pages
for browsers and ``{"error", "status"}`` JSON under ``/api``.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from ..errors import MissingExtraError, StoreError

try:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup
    from starlette.applications import Starlette
    from starlette.datastructures import QueryParams
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles
except ImportError as exc:  # the web UI is an optional extra
    raise MissingExtraError("the web UI", "web", exc.name or "starlette") from exc

from ..store import Store
from ..store.query import top_sources
from . import corpus
from .highlight import highlight_runs, own_voice_spans
from .params import MAX_QUERY_LENGTH, text
from .provenance import Member, custody_graph
from .snapshot import Snapshots

Loader = Callable[[Store, Request], dict[str, Any]]


@dataclass(frozen=True)
class View:
    """A page and its JSON twin: the same loader, rendered or sent as JSON."""

    path: str
    template: str
    load: Loader
    summary: str
    listing: str | None = None       # the corpus list it pages through, if any
    filters: tuple[str, ...] = ()


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a javascript: URL is never a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def page_link(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None drops one)."""
    params = dict(request.query_params)
    params.update({k: v for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        params.pop(key, None)
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


def _json_script(data: Any) -> Markup:
    """JSON safe to put inside a <script type="application/json"> element."""
    dumped = json.dumps(data, ensure_ascii=False)
    return Markup(dumped.replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))


TEMPLATES = Environment(loader=PackageLoader("sayso.web", "templates"),
                        autoescape=select_autoescape())
TEMPLATES.filters.update(safe_url=safe_url, json_script=_json_script,
                         param=lambda v: str(v).lower() if isinstance(v, bool) else str(v),
                         shown=lambda v: ("yes" if v else "no") if isinstance(v, bool) else v,
                         q=lambda value: quote(str(value), safe=""))
TEMPLATES.globals.update(page_link=page_link)


# -- loaders: each gives a page's data, JSON-ready -------------------------------

def load_overview(store: Store, request: Request) -> dict[str, Any]:
    return {"counts": store.counts(), "top_sources": [list(t) for t in top_sources(store, 10)],
            "stories": corpus.list_stories(store, QueryParams("limit=10"))["items"],
            "documents": corpus.list_documents(store, QueryParams(
                "limit=10&sort=published&order=desc&copy=false"))["items"],
            "contested": corpus.list_claims(store, QueryParams(
                "contested=true&limit=10"))["items"],
            "laundered": corpus.list_claims(store, QueryParams(
                "laundered=true&limit=10"))["items"]}


def load_documents(store: Store, request: Request) -> dict[str, Any]:
    return corpus.list_documents(store, request.query_params)


def load_document(store: Store, request: Request) -> dict[str, Any]:
    doc_id = request.path_params["doc_id"]
    try:
        analysis = store.get(doc_id)
    except StoreError:
        raise HTTPException(404, f"no document {doc_id!r} in this corpus") from None
    return analysis.to_dict()


def load_statements(store: Store, request: Request) -> dict[str, Any]:
    return corpus.list_statements(store, request.query_params)


def load_claims(store: Store, request: Request) -> dict[str, Any]:
    return corpus.list_claims(store, request.query_params)


def load_claim(store: Store, request: Request) -> dict[str, Any]:
    claim_id = request.path_params["claim_id"]
    record = corpus.claim(store, claim_id)
    if record is None:
        raise HTTPException(404, f"no claim {claim_id!r} in this corpus")
    members = _members(store, record["members"])
    denials = _members(store, record["contested_by"])
    copies_of = _originals(store, [m.analysis.document.id for m in members + denials])
    denials = _without_copies(denials, copies_of)
    graph = custody_graph(members, denials, _laundering(record, members), copies_of)
    record["statements_read"] = [_member_record(m, copies_of) for m in members]
    record["denials_read"] = [_member_record(m, copies_of) for m in denials]
    record["laundered_read"] = [corpus.document_brief(store, d) or {"id": d}
                                for d in record["laundered_in"]]
    record["graph"] = graph.elements()
    return record


def load_actors(store: Store, request: Request) -> dict[str, Any]:
    return corpus.list_actors(store, request.query_params)


def load_actor(store: Store, request: Request) -> dict[str, Any]:
    name = request.path_params["name"]
    record = corpus.actor(store, name)
    if record is None:
        raise HTTPException(404, f"no actor named {name!r} in this corpus")
    return record


def load_stories(store: Store, request: Request) -> dict[str, Any]:
    return corpus.list_stories(store, request.query_params)


def load_story(store: Store, request: Request) -> dict[str, Any]:
    story_id = request.path_params["story_id"]
    record = corpus.story(store, story_id)
    if record is None:
        raise HTTPException(404, f"no story {story_id!r} in this corpus")
    return record


def load_search(store: Store, request: Request) -> dict[str, Any]:
    query = text(request.query_params, "q") or ""
    return corpus.search(store, query)


VIEWS = (
    View("/", "overview.html", load_overview, "The corpus at a glance"),
    View("/documents", "documents.html", load_documents, "Documents", "documents",
         ("outlet", "story", "from", "to", "copy", "q")),
    View("/documents/{doc_id:path}", "document.html", load_document,
         "A document with its attributions, events and actors (sayso.analysis/1)"),
    View("/statements", "statements.html", load_statements, "Who said what", "statements",
         ("stance", "outlet", "story", "actor", "about", "from", "to")),
    View("/claims", "claims.html", load_claims, "Claims across outlets", "claims",
         ("contested", "laundered", "outlet", "story", "actor", "about", "from", "to")),
    View("/claims/{claim_id}", "claim.html", load_claim,
         "A claim: members, denials, laundering articles, chain of custody"),
    View("/actors", "actors.html", load_actors, "Actors", "actors", ("q", "kind")),
    View("/actors/{name:path}", "actor.html", load_actor,
         "An actor: aliases, codes, what they said and what was said about them"),
    View("/stories", "stories.html", load_stories, "Stories", "stories", ("q", "outlet")),
    View("/stories/{story_id}", "story.html", load_story,
         "A story: its outlets side by side and who each quotes"),
    View("/search", "search.html", load_search,
         "Documents, statements and claims holding every word of q", None, ("q",)),
)


def _laundering(record: dict[str, Any], members: list[Member]) -> set[str]:
    """The articles stating the claim as fact: ``laundered_in``, or for a corpus
    linked before it was recorded, the articles with an own-voice member."""
    if record["laundered_in"] or not record["laundered"]:
        return set(record["laundered_in"])
    return {m.analysis.document.id for m in members if m.attribution is None}


def _without_copies(denials: list[Member], copies_of: dict[str, str]) -> list[Member]:
    """Denials less those a syndicated copy repeats from its original."""
    listed = {(d.analysis.document.id, d.statement_id) for d in denials}
    return [d for d in denials
            if (copies_of.get(d.analysis.document.id), d.statement_id) not in listed]


def _members(store: Store, pairs: list[list[str]]) -> list[Member]:
    """Claim members (or denials) read back from their articles."""
    analyses: dict[str, Any] = {}
    texts = _statement_texts(store, pairs)
    members = []
    for doc_id, statement_id in pairs:
        if doc_id not in analyses:
            try:
                analyses[doc_id] = store.get(doc_id)
            except StoreError:
                continue
        analysis = analyses[doc_id]
        q = next((a for a in analysis.attributions if a.id == statement_id), None)
        members.append(Member(analysis, statement_id, q,
                              q.content.text if q else texts.get((doc_id, statement_id), "")))
    return members


def _statement_texts(store: Store, pairs: list[list[str]]) -> dict[tuple[str, str], str]:
    """The text of own-voice statements, from the linking tables."""
    if not pairs:
        return {}
    rows = store.fetch("SELECT document, member, text FROM link_statements "
                       "WHERE [document, member] IN (SELECT unnest(?::TEXT[][]))",
                       [[list(p) for p in pairs]])
    return {(d, m): t for d, m, t in rows}


def _originals(store: Store, docs: list[str]) -> dict[str, str]:
    """Document id -> the original it is a syndicated copy of, for the copies."""
    rows = store.fetch("SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL "
                       "AND id IN (SELECT unnest(?::TEXT[]))", [list(docs)])
    return dict(rows)


def _member_record(member: Member, copies_of: dict[str, str]) -> dict[str, Any]:
    document, q = member.analysis.document, member.attribution
    source = None
    if q is not None and q.source is not None:
        actor = member.analysis.actor(q.source.actor)
        source = actor.name if actor else q.source.text
    return {"document": document.id, "id": member.statement_id, "outlet": document.outlet,
            "published": document.published, "title": document.title, "text": member.text,
            "source": source, "own_voice": q is None,
            "stance": q.stance if q else "asserts", "hedged": q.hedged if q else False,
            "via": [f"{c.role}: {c.text}" for c in q.via] if q else [],
            "copy_of": copies_of.get(document.id)}


# -- the page extras a template needs beyond the JSON ---------------------------

def _document_extras(store: Store, request: Request, data: dict[str, Any]) -> dict[str, Any]:
    analysis = store.get(request.path_params["doc_id"])
    doc_id = analysis.document.id
    own_voice = corpus.own_voice_statements(store, doc_id)
    return {"analysis": analysis, "own_voice": own_voice,
            "runs": highlight_runs(analysis, own_voice_spans(own_voice)),
            "brief": corpus.document_brief(store, doc_id),
            "copies": corpus.document_copies(store, doc_id),
            "claim_of": corpus.claims_of_document(store, doc_id)}


EXTRAS = {"document.html": _document_extras}


def create_app(source: Store | Snapshots) -> Starlette:
    """A Starlette app serving this store or these snapshots (read, never written)."""
    current = source.store if isinstance(source, Snapshots) else (lambda: source)

    def html(view: View) -> Callable:
        async def endpoint(request: Request) -> Response:
            _check_size(request)
            store = current()
            data = view.load(store, request)
            extra = EXTRAS.get(view.template, lambda *_: {})(store, request, data)
            return _render(view.template, request, status=200, data=data, view=view,
                           api=_api_path(request), **extra)
        return endpoint

    def api(view: View) -> Callable:
        async def endpoint(request: Request) -> Response:
            _check_size(request)
            return JSONResponse(view.load(current(), request))
        return endpoint

    async def openapi(request: Request) -> Response:
        from .openapi import openapi_schema
        return JSONResponse(openapi_schema(VIEWS))

    routes = [Route("/api/openapi.json", openapi)]
    for view in VIEWS:
        api_path = "/api" + (view.path if view.path != "/" else "/overview")
        routes += [Route(view.path, html(view)), Route(api_path, api(view))]
    routes.append(Mount("/static", StaticFiles(packages=[("sayso.web", "static")]),
                        name="static"))
    handlers = {HTTPException: _error, StoreError: _error, Exception: _error}
    return Starlette(routes=routes, exception_handlers=handlers)


def _check_size(request: Request) -> None:
    if len(request.url.query) > MAX_QUERY_LENGTH:
        raise HTTPException(414, f"the query string is longer than {MAX_QUERY_LENGTH} "
                                 "characters")


def _api_path(request: Request) -> str:
    path = quote(request.url.path) if request.url.path != "/" else "/overview"
    return "/api" + path + (f"?{request.url.query}" if request.url.query else "")


def _render(template: str, request: Request, *, status: int, **context: Any) -> HTMLResponse:
    page = TEMPLATES.get_template(template).render(request=request, **context)
    return HTMLResponse(page, status_code=status)


async def _error(request: Request, exc: Exception) -> Response:
    """JSON under /api, a styled page elsewhere; never a traceback."""
    if isinstance(exc, HTTPException):
        status, message = exc.status_code, str(exc.detail)
    elif isinstance(exc, StoreError):
        status, message = 503, str(exc)
    else:
        status, message = 500, "internal error: the server could not answer this request"
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return _render("error.html", request, status=status, status_code=status,
                   message=message, api=None)
