"""Reading inputs into `Document` records.

`read_paths` turns files, directories and ``-`` (stdin) into a stream of
documents and failures, one bad input never stopping the rest.
"""
from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Document, Failure
from .boilerplate import mark_boilerplate
from .document import make_document
from .html import read_html_document
from .jsonl import read_jsonl_lines
from .text import decode_bytes, read_text_document

__all__ = ["make_document", "read_paths", "read_text"]

FileReader = Callable[[bytes, str, str], Document]

SINGLE_DOCUMENT_READERS: dict[str, FileReader] = {
    ".txt": read_text_document,
    ".text": read_text_document,
    ".md": read_text_document,
    ".html": read_html_document,
    ".htm": read_html_document,
}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


def read_text(text: str, doc_id: str = "text", **metadata: str | None) -> Document:
    """A Document from a string, kept verbatim, with boilerplate marked."""
    return mark_boilerplate(make_document(doc_id, text, **metadata))


def read_paths(paths: Iterable[str]) -> Iterator[Document | Failure]:
    """Documents from files, directories (recursive, sorted) and ``-`` (stdin)."""
    for path in paths:
        for item in _read_one(path):
            yield mark_boilerplate(item) if isinstance(item, Document) else item


def _read_one(path: str) -> Iterator[Document | Failure]:
    if path == "-":
        yield from _read_stdin()
        return
    target = Path(path)
    if not target.exists():
        yield Failure(path, "no such file or directory")
    elif target.is_dir():
        yield from _read_directory(target)
    else:
        yield from _read_file(target)


def _read_directory(directory: Path) -> Iterator[Document | Failure]:
    files = sorted(p for p in directory.rglob("*") if p.is_file() and _is_readable(p))
    if not files:
        yield Failure(str(directory), "directory holds no readable documents "
                      "(.txt, .html, .htm, .jsonl, .jsonl.gz)")
    for file in files:
        yield from _read_file(file)


def _is_readable(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(JSONL_SUFFIXES) or path.suffix.lower() in SINGLE_DOCUMENT_READERS


def _read_file(path: Path) -> Iterator[Document | Failure]:
    name = path.name.lower()
    try:
        if name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl_lines(_jsonl_lines(path), str(path))
            return
        reader = SINGLE_DOCUMENT_READERS.get(path.suffix.lower(), read_text_document)
        yield reader(path.read_bytes(), str(path), _doc_id(path))
    except InputError as exc:
        yield Failure(exc.source, exc.problem)
    except (OSError, EOFError) as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")


def _jsonl_lines(path: Path) -> Iterator[str]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield decode_bytes(raw, f"{path}:{number}")


def _doc_id(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".html", ".htm", ".txt", ".text", ".md"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.name


def _read_stdin() -> Iterator[Document | Failure]:
    data = sys.stdin.buffer.read()
    try:
        head = data.lstrip()[:1]
        if head == b"{":
            lines = data.decode("utf-8").splitlines()
            yield from read_jsonl_lines(iter(lines), "<stdin>")
        elif head == b"<":
            yield read_html_document(data, "<stdin>", "stdin")
        else:
            yield read_text_document(data, "<stdin>", "stdin")
    except InputError as exc:
        yield Failure(exc.source, exc.problem)
