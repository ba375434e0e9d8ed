"""Named SQL statements kept as data under ``sayso/data/store``.

A file holds sections, each starting with a ``-- name: NAME`` line; other
``--`` lines are comments.
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import data_file

SECTION = "-- name: "


@lru_cache(maxsize=8)
def sql_sections(filename: str) -> dict[str, str]:
    """Section name -> statement, in file order."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    text = data_file("store", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith(SECTION):
            current = sections.setdefault(line.removeprefix(SECTION).strip(), [])
        elif current is not None and line.strip() and not line.lstrip().startswith("--"):
            current.append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


def record_statements() -> dict[str, str]:
    """Table name -> the INSERT ... SELECT that fills it from documents.records."""
    return sql_sections("records.sql")
