"""JSONL (optionally gzipped): one document per line.

Each line holds ``id`` and ``text`` or ``html``, and optionally ``title``,
``url``, ``outlet``, ``published`` and ``author``. A bad line (malformed
JSON, not UTF-8, no id, no text) becomes a `Failure` naming ``file:line``;
the other lines are still read. A truncated ``.gz`` file fails after the
lines read before the damage. A line over the size limit
(`sayso.read.limits`) is a Failure too, skipped without being held whole.
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Document, Failure
from .document import make_document
from .html import extract_article
from .limits import (OversizedLine, bounded_lines, file_chunks, gzip_chunks,
                     max_document_bytes, too_large)

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
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
    _check_unicode({"id": str(doc_id), "text": text, "html": html, **metadata}, source)
    if isinstance(text, str) and text.strip():
        return make_document(str(doc_id), text, **metadata)
    if isinstance(html, str) and html.strip():
        return extract_article(html, source, str(doc_id), **metadata)
    raise InputError(source, "record has no non-empty 'text' or 'html'")


def _string(value: object) -> str | None:
    return None if value is None else str(value)


def _check_unicode(fields: dict[str, object], source: str) -> None:
    """InputError when a field holds a lone surrogate ("\\ud800"): JSON allows
    it, but it is not text and cannot be stored or hashed."""
    for key, value in fields.items():
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(source, f"'{key}' holds a lone surrogate "
                                     f"(\\u{ord(value[exc.start]):04x} at character "
                                     f"{exc.start}), not text") from exc


def line_document(raw: bytes | str, source: str) -> Document:
    """The document on one JSONL line, or InputError naming the line."""
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise InputError(source, f"line is not valid UTF-8 (byte {exc.start})") from exc
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"malformed JSON ({exc.msg} at column {exc.colno})") from exc
    return record_to_document(record, source)


def read_jsonl_lines(lines: Iterable[bytes | str | OversizedLine], name: str,
                     limit: int | None = None) -> Iterator[Document | Failure]:
    """Documents from JSONL lines; a bad line is a Failure naming ``name:line``."""
    limit = limit or max_document_bytes()
    for number, raw in enumerate(lines, start=1):
        source = f"{name}:{number}"
        if isinstance(raw, OversizedLine):
            yield Failure(source, f"line {too_large(raw.size, limit)}")
            continue
        if not raw.strip():
            continue
        try:
            yield line_document(raw, source)
        except InputError as exc:
            yield Failure(exc.source, exc.problem)


class _CountedLines:
    """Lines of a file, counting how many were read (to report a failure)."""

    def __init__(self, lines: Iterable[bytes | OversizedLine]):
        self.lines, self.count = lines, 0

    def __iter__(self) -> Iterator[bytes | OversizedLine]:
        for line in self.lines:
            self.count += 1
            yield line


def read_jsonl_file(path: Path) -> Iterator[Document | Failure]:
    """Documents from a .jsonl or .jsonl.gz file, one line in memory at a time:
    a line over the size limit (`sayso.read.limits`) is skipped unread."""
    limit = max_document_bytes()
    lines = _CountedLines(())
    try:
        with open(path, "rb") as handle:
            chunks = gzip_chunks(handle) if path.name.lower().endswith(".gz") \
                else file_chunks(handle)
            lines = _CountedLines(bounded_lines(chunks, limit))
            yield from read_jsonl_lines(lines, str(path), limit)
    except (EOFError, zlib.error) as exc:
        yield Failure(str(path), f"truncated or corrupt gzip file after line "
                                 f"{lines.count}: {exc}")
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
