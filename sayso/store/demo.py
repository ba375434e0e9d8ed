"""The demo: ingest the bundled sample corpus (``sayso/data/demo``) and sum it up.

The 32 articles come from ``articles.jsonl``; the 5 raw HTML pages are the
same posts as 5 of them, read from the page (boilerplate and all) with the
metadata of ``html/manifest.json``, under the id ``<article id>.html`` so
both copies are kept and linking can find them to be duplicates.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from ..errors import InputError
from ..link.persist import unlinked_count
from ..model import Document, Failure
from ..read import read_paths
from ..read.boilerplate import mark_boilerplate
from ..read.html import extract_article
from ..read.text import decode_bytes
from ..resources import data_file
from .db import Store
from .ingest import CommitHook, DocumentHook, IngestSummary, ProgressHook, ingest_documents
from .query import top_sources
from .sql import sql_sections

DEFAULT_DEMO_DB = "sayso-demo.duckdb"
HTML_METADATA = ("title", "outlet", "url", "published", "author")


def demo_documents() -> Iterator[Document | Failure]:
    """The bundled demo corpus: the JSONL articles, then the raw HTML pages."""
    articles = data_file("demo", "articles.jsonl")
    return chain(read_paths([str(articles)]), _html_pages())


def demo_size() -> int:
    """How many documents the demo corpus holds."""
    articles = data_file("demo", "articles.jsonl").read_text(encoding="utf-8")
    pages = json.loads(data_file("demo", "html", "manifest.json").read_text(encoding="utf-8"))
    return sum(1 for line in articles.splitlines() if line.strip()) + len(pages)


def ingest_demo(store: Store, *, on_progress: ProgressHook | None = None,
                on_commit: CommitHook | None = None,
                on_document: DocumentHook | None = None) -> IngestSummary:
    """Ingest the demo corpus; a second run skips what is already stored."""
    return ingest_documents(demo_documents(), store, on_progress=on_progress,
                            on_commit=on_commit, on_document=on_document)


def _html_pages() -> Iterator[Document | Failure]:
    folder = data_file("demo", "html")
    for page in json.loads((folder / "manifest.json").read_text(encoding="utf-8")):
        source = str(folder / page["file"])
        try:
            html = decode_bytes((folder / page["file"]).read_bytes(), source)
            metadata = {key: page.get(key) for key in HTML_METADATA}
            yield mark_boilerplate(extract_article(html, source, f"{page['id']}.html",
                                                   **metadata))
        except InputError as exc:
            yield Failure(exc.source, exc.problem)


@dataclass(frozen=True)
class CorpusSummary:
    """The few numbers `sayso demo` prints about a corpus."""

    documents: int
    copies: int
    attributions: int
    events: int
    actors: int
    stories: int
    claims: int
    top_sources: list[tuple[str, int]]
    examples: list[tuple[str, str, str]]   # (contested|laundered, claim id, text)
    unlinked: int = 0


def corpus_summary(store: Store, *, top: int = 5) -> CorpusSummary:
    counts = store.counts()
    copies = store.fetch("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")
    examples = store.fetch(sql_sections("queries.sql")["example_claims"])
    return CorpusSummary(documents=counts["documents"], copies=copies[0][0],
                         attributions=counts["attributions"], events=counts["events"],
                         actors=counts["actors"], stories=counts["stories"],
                         claims=counts["claims"], top_sources=top_sources(store, top),
                         examples=[tuple(row) for row in examples],
                         unlinked=unlinked_count(store))
