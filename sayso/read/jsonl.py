"""JSONL (optionally gzipped): one document per line.

Each line holds ``id`` and ``text`` or ``html``, and optionally ``title``,
``url``, ``outlet``, ``published`` and ``author``. A bad line (malformed
JSON, not UTF-8, no id, no text) becomes a `Failure` naming ``file:line``;
the other lines are still read. A truncated ``.gz`` file fails after the
lines read before the damage.
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
    if isinstance(text, str) and text.strip():
        return make_document(str(doc_id), text, **metadata)
    if isinstance(html, str) and html.strip():
        return extract_article(html, source, str(doc_id), **metadata)
    raise InputError(source, "record has no non-empty 'text' or 'html'")


def _string(value: object) -> str | None:
    return None if value is None else str(value)


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


def read_jsonl_lines(lines: Iterable[bytes | str], name: str) -> Iterator[Document | Failure]:
    """Documents from JSONL lines; a bad line is a Failure naming ``name:line``."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield line_document(raw, f"{name}:{number}")
        except InputError as exc:
            yield Failure(exc.source, exc.problem)


class _CountedLines:
    """Lines of a file, counting how many were read (to report a failure)."""

    def __init__(self, lines: Iterable[bytes]):
        self.lines, self.count = lines, 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.lines:
            self.count += 1
            yield line


def gzip_lines(path: Path, chunk_size: int = 1 << 16) -> Iterator[bytes]:
    """The lines of a gzip file, each yielded as soon as it is decompressed.

    Unlike `gzip.open`, a truncated file yields every whole line before the
    damage, then raises EOFError.
    """
    inflater = zlib.decompressobj(wbits=31)
    pending = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            pending += inflater.decompress(chunk)
            *lines, pending = pending.split(b"\n")
            yield from (line + b"\n" for line in lines)
    if not inflater.eof:
        raise EOFError("compressed file ended before the end-of-stream marker")
    if pending:
        yield pending


def read_jsonl_file(path: Path) -> Iterator[Document | Failure]:
    """Documents from a .jsonl or .jsonl.gz file."""
    lines = _CountedLines(())
    try:
        if path.name.lower().endswith(".gz"):
            lines = _CountedLines(gzip_lines(path))
            yield from read_jsonl_lines(lines, str(path))
        else:
            with open(path, "rb") as handle:
                lines = _CountedLines(handle)
                yield from read_jsonl_lines(lines, str(path))
    except (EOFError, zlib.error) as exc:
        yield Failure(str(path), f"truncated or corrupt gzip file after line "
                                 f"{lines.count}: {exc}")
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
