"""Predicted claims for `sayso eval claims`: the exports the claims scorer reads.

The scorer (`scorers/score_claims.py`) reads a directory of JSONL exports of
one corpus database: documents (the texts its gold quotes index), claims,
statements (the members' spans) and, where a store has no statements export
yet, attributions and events, whose content and sentence spans stand in for
them. `--db` scores a database as it is; `--docs` ingests a corpus into a
temporary one first.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..errors import InputError
from ..model import Failure
from ..store import Store
from ..store.export import FIELDS, export_records
from ..store.ingest import ingest_paths

EXPORTS = ("documents", "claims", "statements", "attributions", "events")


def write_claim_exports(store: Store, out_dir: Path) -> None:
    """Write `<what>.jsonl` into out_dir for each export the store offers."""
    for what in EXPORTS:
        if what not in FIELDS:
            continue
        with open(out_dir / f"{what}.jsonl", "w", encoding="utf-8") as handle:
            for record in export_records(store, what):
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def write_claim_predictions(out_dir: Path, *, db: Path | None, docs: Path | None,
                            config: Config, on_failure: Callable[[Failure], None]) -> None:
    """Export the claims of `db`, or of `docs` ingested into a database in out_dir."""
    if db is not None:
        if not db.is_file():
            raise InputError(str(db), "no such database")
        with Store(db, read_only=True) as store:
            write_claim_exports(store, out_dir)
        return
    with Store(out_dir / "corpus.duckdb") as store:
        summary = ingest_paths([str(docs)], store, config=config)
        for failure in store.quarantined():
            on_failure(failure)
        if not summary.stored:
            raise InputError(str(docs), "no document could be ingested")
        write_claim_exports(store, out_dir)
