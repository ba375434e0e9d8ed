"""Asking a corpus questions: who said what, which actors, and raw SQL.

The questions are SQL kept in ``sayso/data/store/queries.sql``. `sql_query`
runs a user's SQL through `sayso.store.readonly`: one reading statement,
no files outside the corpus, bounded in time and rows.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .db import Store
from .readonly import QueryLimits, QueryResult, run_user_sql
from .sql import sql_sections

ROW_FIELDS = {
    "statements": ("document", "attribution", "source", "cue", "content", "stance",
                   "hedged", "via"),
    "claims": ("claim", "text", "sources", "members", "origins", "outlets", "contested"),
    "actors": ("name", "kind", "documents", "mentions", "statements"),
}
JSON_FIELDS = ("sources", "members")


def _pattern(text: str | None) -> str | None:
    return None if text is None else f"%{text}%"


def _records(store: Store, name: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = store.fetch(sql_sections("queries.sql")[name], params)
    records = [dict(zip(ROW_FIELDS[name], row)) for row in rows]
    for record in records:
        for key in JSON_FIELDS:
            if key in record:
                record[key] = json.loads(record[key])
    return records


def has_claims(store: Store) -> bool:
    """Whether linking has grouped statements into claims."""
    return store.fetch("SELECT count(*) FROM claims")[0][0] > 0


def claims(store: Store, *, actor: str | None = None, about: str | None = None,
           contested: bool = False) -> tuple[str, list[dict[str, Any]]]:
    """Who said what: linked claims when linking has run, else single statements.

    ``actor`` and ``about`` match case-insensitively inside the source's name
    (or alias, or the claim's sources) and the content; ``contested`` keeps
    claims that some member denies or disputes (for single statements: the
    denials and disputes themselves). Returns the kind ("claims" or
    "statements") and the records.
    """
    kind = "claims" if has_claims(store) else "statements"
    return kind, _records(store, kind, [_pattern(actor), _pattern(about), contested])


def actors(store: Store) -> list[dict[str, Any]]:
    """Every actor by name and kind, most quoted first."""
    return _records(store, "actors", [])


def top_sources(store: Store, limit: int = 5) -> list[tuple[str, int]]:
    return store.fetch(sql_sections("queries.sql")["top_sources"], [limit])


def sql_query(db: str | Path, sql: str, limits: QueryLimits = QueryLimits()) -> QueryResult:
    """Column names and rows of one reading SQL statement (`run_user_sql`)."""
    return run_user_sql(db, sql, limits)
