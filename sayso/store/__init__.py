"""The corpus store: analyses in DuckDB, ingest, queries and exports."""
from __future__ import annotations

from .db import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
