"""The SQL that flattens stored records, read from ``sayso/data/store/records.sql``."""
from __future__ import annotations

from functools import lru_cache

from ..resources import data_file

SECTION = "-- table: "


@lru_cache(maxsize=1)
def record_statements() -> dict[str, str]:
    """Table name -> the INSERT ... SELECT that fills it from documents.records."""
    statements: dict[str, list[str]] = {}
    current: list[str] | None = None
    text = data_file("store", "records.sql").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith(SECTION):
            current = statements.setdefault(line.removeprefix(SECTION).strip(), [])
        elif current is not None and line.strip() and not line.startswith("--"):
            current.append(line)
    return {table: "\n".join(lines) for table, lines in statements.items()}
