"""JSONL (optionally gzipped): one document per line.

Each line holds ``id`` and ``text`` or ``html``, and optionally ``title``,
``url``, ``outlet``, ``published`` and ``author``. A bad line becomes a
`Failure` naming ``file:line``; the other lines are still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError
from ..model import Document, Failure
from .document import make_document
from .html import extract_article

METADATA_FIELDS = ("title", "url", "outlet", "published", "author")


def record_to_document(record: object, source: str) -> Document:
    """A Document from one parsed JSONL record."""
    if not isinstance(record, dict):
        raise InputError(source, "a JSONL line must be a JSON object")
    doc_id = record.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        raise InputError(source, "record has no 'id'")
    metadata = {key: _string(record.get(key)) for key in METADATA_FIELDS}
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return make_document(str(doc_id), text, **metadata)
    if isinstance(html, str) and html.strip():
        return extract_article(html, source, str(doc_id), **metadata)
    raise InputError(source, "record has no non-empty 'text' or 'html'")


def _string(value: object) -> str | None:
    return None if value is None else str(value)


def read_jsonl_lines(lines: Iterator[str], name: str) -> Iterator[Document | Failure]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        source = f"{name}:{number}"
        try:
            yield record_to_document(json.loads(line), source)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"malformed JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield Failure(exc.source, exc.problem)
