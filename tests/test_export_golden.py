"""Golden files for the whole-corpus exports of a hand-built two-document store.

Regenerate only on purpose: ``SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_export_golden.py``.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from golden import check_golden_text
from sayso.store import Store
from sayso.store.export import export
from sayso.store.graph import GRAPH_WRITERS, provenance_graph
from store_helpers import sample_analysis

GOLDEN = Path(__file__).parent / "golden" / "store"


@pytest.fixture(scope="module")
def store():
    with Store(":memory:") as fresh:
        fresh.put(sample_analysis("d1"))
        fresh.put(sample_analysis("d2", url="https://example.org/d2"))
        yield fresh


def check(name: str, produced: str) -> None:
    check_golden_text(GOLDEN / name, produced)


@pytest.mark.parametrize("format", sorted(GRAPH_WRITERS))
def test_graph_exports_match_golden(store, format):
    out = io.StringIO()
    GRAPH_WRITERS[format](provenance_graph(store), out)
    check(f"graph.{format}", out.getvalue())


@pytest.mark.parametrize("what", ["documents", "attributions"])
def test_csv_exports_match_golden(store, what):
    out = io.StringIO()
    export(store, what, "csv", out, None)
    check(f"{what}.csv", out.getvalue())
