"""The OpenAPI 3.1 schema of the JSON API, built from the web UI's views.

Every page ``/X`` has its twin ``/api/X``; a list takes the paging
parameters and its own filters, and its ``sort`` lists the keys it accepts.
"""
from __future__ import annotations

import re
from typing import Any

from .. import __version__
from . import corpus
from .params import DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE, ORDERS

FILTER_HELP = {
    "outlet": "the outlet's name, exactly", "story": "a story id (s1, ...)",
    "from": "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "to": "on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "copy": "true: only syndicated copies; false: only originals",
    "q": "words to look for (case-insensitive)",
    "stance": "asserts, denies, disputes or questions",
    "actor": "the source's name contains this", "about": "the content contains this",
    "contested": "true: only claims some statement denies or disputes",
    "laundered": "true: only claims some article states as fact from a single source",
    "kind": "an actor kind (person, organization, ...)",
}
BOOLEAN_FILTERS = ("copy", "contested", "laundered")
LISTINGS = {"documents": corpus.DOCUMENTS, "statements": corpus.STATEMENTS,
            "actors": corpus.ACTORS, "stories": corpus.STORIES}
CLAIM_SORTS = ("outlets", "origins", "statements", "first_seen", "last_seen", "claim", "text")
ERROR = {"description": "an error", "content": {"application/json": {"schema": {
    "type": "object", "required": ["error", "status"],
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}}}}
PAGE_SCHEMA = {"type": "object", "required": ["items", "total", "page", "limit", "pages"],
               "properties": {"items": {"type": "array", "items": {"type": "object"}},
                              "total": {"type": "integer"}, "page": {"type": "integer"},
                              "limit": {"type": "integer"}, "pages": {"type": "integer"},
                              "sort": {"type": "string"}, "order": {"type": "string"},
                              "facets": {"type": "object"}}}


def openapi_schema(views) -> dict[str, Any]:
    paths = {}
    for view in views:
        api_path = "/api" + (view.path if view.path != "/" else "/overview")
        paths[re.sub(r":path}", "}", api_path)] = {"get": _operation(view)}
    paths["/api/openapi.json"] = {"get": {"summary": "This schema", "responses": {
        "200": {"description": "the OpenAPI schema"}}}}
    return {"openapi": "3.1.0",
            "info": {"title": "sayso corpus API", "version": __version__,
                     "description": "The JSON twin of every page of `sayso serve`."},
            "paths": paths}


def _operation(view) -> dict[str, Any]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in re.findall(r"{(\w+)", view.path)]
    parameters += [_filter(name) for name in view.filters]
    if view.listing:
        parameters += _paging(view.listing)
    schema = PAGE_SCHEMA if view.listing else {"type": "object"}
    return {"summary": view.summary, "parameters": parameters,
            "responses": {"200": {"description": view.summary, "content": {
                "application/json": {"schema": schema}}},
                "400": ERROR, "404": ERROR, "414": ERROR}}


def _filter(name: str) -> dict[str, Any]:
    kind = {"type": "boolean"} if name in BOOLEAN_FILTERS else {"type": "string",
                                                                "maxLength": 300}
    return {"name": name, "in": "query", "required": False,
            "description": FILTER_HELP[name], "schema": kind}


def _paging(listing: str) -> list[dict[str, Any]]:
    sorts = CLAIM_SORTS if listing == "claims" else LISTINGS[listing].sort_names
    return [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                   "maximum": MAX_PAGE, "default": 1}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                    "maximum": MAX_LIMIT,
                                                    "default": DEFAULT_LIMIT}},
        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": list(sorts)}},
        {"name": "order", "in": "query", "schema": {"type": "string", "enum": list(ORDERS)}},
    ]
