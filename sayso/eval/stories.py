"""Predicted stories for `sayso eval stories`: link documents, write the export.

`--docs` is a JSONL of documents (id, text, published ...) or a directory
of .txt/.html files; a directory may hold a `docs.jsonl` sidecar giving
each file's metadata by id (title, outlet, url, author, and `published` or
`date`), as the BASIL dev set does. Story linking only needs the
documents' text, titles and dates, so no NLP model is run.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..link import link_analyses
from ..model import Analysis, Document, Failure
from ..read import read_paths
from .records import read_records

SIDECAR = "docs.jsonl"
TEXT_SUFFIXES = (".txt", ".html", ".htm")
SIDECAR_FIELDS = ("title", "outlet", "url", "author", "published")


def read_corpus(path: Path) -> Iterator[Document | Failure]:
    """Documents from a JSONL file or a directory with an optional metadata sidecar."""
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if not path.is_dir():
        yield from read_paths([str(path)])
        return
    metadata = _sidecar(path / SIDECAR)
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
    if not files:
        raise InputError(str(path), "directory holds no .txt or .html documents")
    for item in read_paths(str(p) for p in files):
        if isinstance(item, Document) and item.id in metadata:
            item = dataclasses.replace(item, **metadata[item.id])
        yield item


def _sidecar(path: Path) -> dict[str, dict[str, str]]:
    """{id: metadata} from a docs.jsonl without text; {} when there is none."""
    if not path.is_file():
        return {}
    return dict(read_records(path, lambda record: (str(record["id"]), _fields(record)),
                             "a metadata record with an id"))


def _fields(record: dict) -> dict[str, str]:
    values = {**record, "published": record.get("published") or record.get("date")}
    return {key: str(values[key]) for key in SIDECAR_FIELDS if values.get(key)}


def write_story_predictions(docs: Path, out: Path,
                            on_failure: Callable[[Failure], None]) -> None:
    """Link the documents at `docs` and write their stories export to `out`."""
    analyses = []
    for item in read_corpus(docs):
        if isinstance(item, Failure):
            on_failure(item)
        else:
            analyses.append(Analysis(document=item))
    with open(out, "w", encoding="utf-8") as handle:
        for story in link_analyses(analyses).story_records():
            handle.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
