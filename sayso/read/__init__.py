"""Reading inputs into `Document` records.

`read_paths` turns files, directories and ``-`` (stdin) into a stream of
documents and failures, one bad input never stopping the rest. The reader is
chosen by the file name's suffix:

    .txt .text .md        one plain-text document, kept verbatim
    .html .htm .xhtml     one article, extracted with trafilatura
    .jsonl .ndjson (.gz)  one document per line (`sayso.read.jsonl`)
    .warc .arc (.gz)      one article per HTML page crawled (`sayso.read.warc`)
    .rss .atom .xml       one article per feed item (`sayso.read.feeds`)

Any other file named on the command line is read as plain text. A document
over the size limit (`sayso.read.limits`, 4 MiB unless
``SAYSO_MAX_DOCUMENT_BYTES`` says otherwise) is a Failure, never read whole.
"""
from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Document, Failure
from .boilerplate import mark_boilerplate
from .document import make_document
from .feeds import FEED_SUFFIXES, read_feed, read_feed_file
from .html import read_html_document
from .jsonl import JSONL_SUFFIXES, read_jsonl_file, read_jsonl_lines
from .limits import (bounded_lines, file_chunks, max_document_bytes, read_bounded,
                     read_stream_bounded)
from .text import read_text_document
from .warc import WARC_SUFFIXES, read_warc, read_warc_stream

__all__ = ["expand_paths", "make_document", "read_paths", "read_text"]

FileReader = Callable[[bytes, str, str], Document]
ManyReader = Callable[[Path], Iterator[Document | Failure]]

SINGLE_DOCUMENT_READERS: dict[str, FileReader] = {
    ".txt": read_text_document, ".text": read_text_document,
    ".md": read_text_document, ".html": read_html_document,
    ".htm": read_html_document, ".xhtml": read_html_document,
}
MANY_DOCUMENT_READERS: tuple[tuple[tuple[str, ...], ManyReader], ...] = (
    (JSONL_SUFFIXES, read_jsonl_file),
    (WARC_SUFFIXES, read_warc),
    (FEED_SUFFIXES, read_feed_file),
)
READABLE = ", ".join((*SINGLE_DOCUMENT_READERS, *JSONL_SUFFIXES, *WARC_SUFFIXES,
                      *FEED_SUFFIXES))


def read_text(text: str, doc_id: str = "text", **metadata: str | None) -> Document:
    """A Document from a string, kept verbatim, with boilerplate marked."""
    return mark_boilerplate(make_document(doc_id, text, **metadata))


def read_paths(paths: Iterable[str]) -> Iterator[Document | Failure]:
    """Documents from files, directories (recursive, sorted) and ``-`` (stdin)."""
    for source in expand_paths(paths):
        if isinstance(source, Failure):
            yield source
            continue
        items = _read_stdin() if source == "-" else _read_file(Path(source))
        for item in items:
            yield mark_boilerplate(item) if isinstance(item, Document) else item


def expand_paths(paths: Iterable[str]) -> Iterator[str | Failure]:
    """Every input named by paths: directories expanded to their readable files
    (recursive, sorted), ``-`` kept, a missing or empty input as a Failure."""
    for path in paths:
        target = Path(path)
        if not target.exists() and path != "-":
            yield Failure(path, "no such file or directory")
        elif path == "-" or not target.is_dir():
            yield path
        else:
            files = sorted(p for p in target.rglob("*") if p.is_file() and _is_readable(p))
            if not files:
                yield Failure(path, f"directory holds no readable documents ({READABLE})")
            yield from (str(file) for file in files)


def _is_readable(path: Path) -> bool:
    return _many_reader(path) is not None or path.suffix.lower() in SINGLE_DOCUMENT_READERS


def _many_reader(path: Path) -> ManyReader | None:
    name = path.name.lower()
    return next((reader for suffixes, reader in MANY_DOCUMENT_READERS
                 if name.endswith(suffixes)), None)


def _read_file(path: Path) -> Iterator[Document | Failure]:
    many = _many_reader(path)
    if many is not None:
        yield from many(path)
        return
    reader = SINGLE_DOCUMENT_READERS.get(path.suffix.lower(), read_text_document)
    try:
        yield reader(read_bounded(path), str(path), document_id(path))
    except InputError as exc:
        yield Failure(exc.source, exc.problem)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")


def document_id(path: Path) -> str:
    """A file's document id: its name without the reader's suffixes."""
    name = path.name
    for suffix in (".gz", *SINGLE_DOCUMENT_READERS):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _read_stdin() -> Iterator[Document | Failure]:
    """Documents from stdin; the first bytes tell JSONL, WARC, feed, HTML, text.

    JSONL and WARC are streamed; any other input is read up to the size limit.
    """
    stream = sys.stdin.buffer
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)
    head = stream.peek(512).lstrip()[:512].lower()
    try:
        if head.startswith(b"{"):
            lines = bounded_lines(file_chunks(stream), max_document_bytes())
            yield from read_jsonl_lines(lines, "<stdin>")
        elif head.startswith(b"warc/"):
            yield from read_warc_stream(stream, "<stdin>")
        else:
            yield from _read_stdin_document(
                read_stream_bounded(stream, "<stdin>", max_document_bytes()), head)
    except InputError as exc:
        yield Failure(exc.source, exc.problem)


def _read_stdin_document(data: bytes, head: bytes) -> Iterator[Document | Failure]:
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        yield from read_feed(data, "<stdin>")
    elif head.startswith(b"<"):
        yield read_html_document(data, "<stdin>", "stdin")
    else:
        yield read_text_document(data, "<stdin>", "stdin")
