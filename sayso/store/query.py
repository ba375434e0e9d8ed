"""Asking a corpus questions: who said what, which actors, and raw SQL.

The questions are SQL kept in ``sayso/data/store/queries.sql``. `sql_query`
runs a user's SQL through `sayso.store.readonly`: one reading statement,
no files outside the corpus, bounded in time and rows.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .db import Store
from .readonly import QueryLimits, QueryResult, run_user_sql
from .sql import sql_sections

ROW_FIELDS = {
    "statements": ("document", "attribution", "source", "cue", "content", "stance",
                   "hedged", "via"),
    "claims": ("claim", "story", "text", "sources", "origins", "outlets", "articles",
               "statements", "contested", "contested_by", "laundered", "laundered_in",
               "first_seen", "last_seen", "members"),
    "actors": ("name", "kind", "documents", "mentions", "statements"),
}
JSON_FIELDS = ("sources", "members", "contested_by", "laundered_in")
TABLE_TEXT = 90
TABLE_SOURCES = 40
CLAIM_SORTS = {
    "articles": "articles DESC, outlets DESC, origins DESC",
    "outlets": "outlets DESC, articles DESC",
    "origins": "origins DESC, articles DESC",
    "statements": "statements DESC, articles DESC",
    "first_seen": "first_seen NULLS LAST",
    "last_seen": "last_seen DESC NULLS LAST",
    "contested": "contested DESC, articles DESC",
}


def _pattern(text: str | None) -> str | None:
    return None if text is None else f"%{text}%"


def _records(store: Store, name: str, params: list[Any], tail: str = ""
             ) -> list[dict[str, Any]]:
    rows = store.fetch(sql_sections("queries.sql")[name].rstrip().rstrip(";") + tail, params)
    records = [dict(zip(ROW_FIELDS[name], row)) for row in rows]
    for record in records:
        for key in JSON_FIELDS:
            if key in record:
                record[key] = json.loads(record[key])
    return records


def has_claims(store: Store) -> bool:
    """Whether linking has grouped statements into claims."""
    return store.fetch("SELECT count(*) FROM claims")[0][0] > 0


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims `claims` returns, in which order, how many at most.

    ``actor`` and ``about`` match case-insensitively inside the source's name
    (or alias, or the claim's sources) and the content; ``contested`` keeps
    claims some statement denies or disputes (for single statements: the
    denials and disputes themselves); ``laundered``, ``outlet`` (some member's
    outlet contains it), ``since``/``until`` (ISO dates the claim was seen
    between) and ``min_articles`` apply to linked claims only.
    """

    actor: str | None = None
    about: str | None = None
    contested: bool = False
    laundered: bool = False
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    min_articles: int = 1
    sort: str = "articles"
    limit: int | None = None


def claims(store: Store, where: ClaimFilter | None = None, **filters: Any
           ) -> tuple[str, list[dict[str, Any]]]:
    """Who said what: linked claims when linking has run, else single statements.

    Takes a `ClaimFilter`, or its fields as keywords. Returns the kind
    ("claims" or "statements") and the records.
    """
    where = where or ClaimFilter(**filters)
    if where.sort not in CLAIM_SORTS:
        raise UsageError(f"unknown --sort {where.sort!r}; choose from {', '.join(CLAIM_SORTS)}")
    if where.limit is not None and where.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {where.limit}")
    if where.min_articles < 1:
        raise UsageError(f"--min-articles must be at least 1, not {where.min_articles}")
    limit = "" if where.limit is None else f" LIMIT {int(where.limit)}"
    common = [_pattern(where.actor), _pattern(where.about), where.contested]
    if not has_claims(store):
        return "statements", _records(store, "statements", common)[:where.limit]
    params = common + [where.laundered, _pattern(where.outlet), where.since, where.until,
                       where.min_articles]
    return "claims", _records(store, "claims", params,
                              f" ORDER BY {CLAIM_SORTS[where.sort]}, claim{limit}")


def readable_claims(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims for a table: lists as short text, long texts cut, members left out."""
    return [{"claim": r["claim"], "text": _cut(r["text"], TABLE_TEXT),
             "sources": _cut("; ".join(r["sources"]), TABLE_SOURCES),
             "origins": r["origins"], "outlets": r["outlets"], "articles": r["articles"],
             "contested by": " ".join(f"{d}/{s}" for d, s in r["contested_by"]),
             "laundered in": " ".join(r["laundered_in"]),
             "seen": _seen(r["first_seen"], r["last_seen"])} for r in records]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _seen(first: str | None, last: str | None) -> str:
    if first is None:
        return ""
    return first if first == last else f"{first} – {last}"


def actors(store: Store) -> list[dict[str, Any]]:
    """Every actor by name and kind, most quoted first."""
    return _records(store, "actors", [])


def top_sources(store: Store, limit: int = 5) -> list[tuple[str, int]]:
    return store.fetch(sql_sections("queries.sql")["top_sources"], [limit])


def sql_query(db: str | Path, sql: str, limits: QueryLimits = QueryLimits()) -> QueryResult:
    """Column names and rows of one reading SQL statement (`run_user_sql`)."""
    return run_user_sql(db, sql, limits)
