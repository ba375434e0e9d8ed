"""The web UI's lists: one SQL base per list, filtered, faceted, sorted, paged.

A `Listing` is a SELECT giving one row per item; a request's filters become
WHERE conditions on it, its sort one of the listing's named ORDER BY keys, its
page a LIMIT and OFFSET. Facets count the filtered rows by one column (or by
each value of a list column), so a page can offer "Global Voices (12)".
"""
from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..store import Store
from .params import Paging

FACET_SIZE = 15
Condition = tuple[str, list[Any]]
VERSION_SQL = ("SELECT (SELECT count(*) FROM documents), "
               "(SELECT max(ingested)::TEXT FROM documents), (SELECT count(*) FROM claims), "
               "(SELECT count(*) FROM stories)")
_built: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Listing:
    base: str
    sorts: dict[str, str]
    default_sort: str
    default_order: str = "asc"
    json_fields: tuple[str, ...] = ()
    facets: dict[str, str] = field(default_factory=dict)
    list_facets: dict[str, str] = field(default_factory=dict)

    @property
    def sort_names(self) -> tuple[str, ...]:
        return tuple(self.sorts)


def run_listing(store: Store, listing: Listing, conditions: list[Condition],
                paging: Paging, *, facets: bool = True) -> dict[str, Any]:
    """One page of items, the total, and the facet counts."""
    where, params = _where(conditions)
    base = f"WITH base AS (SELECT * FROM {materialized(store, listing)}) "
    total = store.fetch(f"{base}SELECT count(*) FROM base {where}", params)[0][0]
    order = f"{listing.sorts[paging.sort]} {paging.order.upper()} NULLS LAST"
    columns, rows = store.columns_and_rows(
        f"{base}SELECT * FROM base {where} ORDER BY {order}, "
        f"{listing.sorts[listing.default_sort]} LIMIT ? OFFSET ?",
        [*params, paging.limit, paging.offset])
    items = [_decoded(dict(zip(columns, row)), listing.json_fields) for row in rows]
    counted = _facets(store, listing, base, where, params) if facets else {}
    return {"items": items, "total": total, **paging.to_dict(),
            "pages": max(1, -(-total // paging.limit)), "facets": counted}


def materialized(store: Store, listing: Listing) -> str:
    """A temporary table of the listing's rows, rebuilt when the corpus changed.

    Every request of a list filters, counts and pages the same rows; computing
    them once per corpus version keeps a page to a few small queries.
    """
    name = "web_" + hashlib.sha1(listing.base.encode()).hexdigest()[:12]
    version = store.fetch(VERSION_SQL)[0]
    built = _built.setdefault(store, {})
    if built.get(name) != version:
        store.fetch(f"CREATE OR REPLACE TEMP TABLE {name} AS {listing.base}")
        built[name] = version
    return name


def _where(conditions: list[Condition]) -> tuple[str, list[Any]]:
    if not conditions:
        return "", []
    return ("WHERE " + " AND ".join(f"({sql})" for sql, _ in conditions),
            [value for _, values in conditions for value in values])


def _facets(store: Store, listing: Listing, base: str, where: str,
            params: list[Any]) -> dict[str, list[list[Any]]]:
    counted = {}
    for name, expression in listing.facets.items():
        counted[name] = _count(store, f"{base}SELECT {expression} AS value, count(*) "
                                      f"FROM base {where} GROUP BY 1", params)
    for name, expression in listing.list_facets.items():
        counted[name] = _count(store, f"{base}SELECT value, count(*) FROM base, "
                                      f"unnest({expression}) AS t(value) {where} "
                                      "GROUP BY 1", params)
    return counted


def _count(store: Store, sql: str, params: list[Any]) -> list[list[Any]]:
    rows = store.fetch(f"{sql} HAVING value IS NOT NULL ORDER BY 2 DESC, 1 "
                       f"LIMIT {FACET_SIZE}", params)
    return [[value, count] for value, count in rows]


def _decoded(record: dict[str, Any], json_fields: tuple[str, ...]) -> dict[str, Any]:
    for key in json_fields:
        if isinstance(record.get(key), str):
            record[key] = json.loads(record[key])
    return record


def contains(column: str, value: str | None) -> list[Condition]:
    """Case-insensitive substring filter (nothing when the value is None)."""
    return [] if value is None else [(f"{column} ILIKE ?", [f"%{value}%"])]


def equals(column: str, value: Any) -> list[Condition]:
    return [] if value is None else [(f"{column} = ?", [value])]


def has(list_column: str, value: str | None) -> list[Condition]:
    """A list column holds this value (exactly)."""
    return [] if value is None else [(f"list_contains({list_column}, ?)", [value])]


def between(column: str, first: str | None, last: str | None) -> list[Condition]:
    """Dates (ISO text) from ``first`` to ``last``, each a day, month or year."""
    conditions = []
    if first:
        conditions.append((f"{column} >= ?", [first]))
    if last:
        conditions.append((f"substr({column}, 1, {len(last)}) <= ?", [last]))
    return conditions
