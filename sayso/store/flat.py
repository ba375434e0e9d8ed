"""Flat rows for CSV: attributions and events one value a column, and events
in the shape GDELT users load (SQL in ``sayso/data/store/exports.sql``)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .db import Store
from .sql import sql_sections

CSV_FIELDS = {
    "attributions": ("document", "id", "form", "source_text", "source_actor", "source_kind",
                     "cue", "cue_lemma", "content", "stance", "hedged", "via", "parent",
                     "source_start", "source_end", "cue_start", "cue_end", "content_start",
                     "content_end"),
    "events": ("document", "id", "type", "mode", "cameo", "trigger", "actor_text",
               "actor_name", "actor_code", "target_text", "target_name", "target_code",
               "modality", "attribution", "attribution_source", "trigger_start",
               "trigger_end", "sentence_start", "sentence_end"),
}
GDELT_FIELDS = ("GlobalEventID", "SQLDATE", "Actor1Name", "Actor1Code", "Actor2Name",
                "Actor2Code", "EventCode", "EventBaseCode", "EventRootCode", "PloverType",
                "PloverMode", "Modality", "AttributionSource", "Trigger", "DocumentID",
                "SOURCEURL", "Outlet")


def flat_records(store: Store, name: str) -> Iterator[dict[str, Any]]:
    """The rows of one section of exports.sql, as dicts in column order."""
    columns, rows = store.columns_and_rows(sql_sections("exports.sql")[name])
    for row in rows:
        yield dict(zip(columns, row))


def flat_rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The flat CSV rows of the attributions or events export."""
    return flat_records(store, what)


def gdelt_events(store: Store) -> Iterator[dict[str, Any]]:
    """One row per event with GDELT's column names (SQLDATE, Actor1Code, ...)."""
    return flat_records(store, "gdelt-events")
