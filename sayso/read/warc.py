"""WARC and WARC.gz web archives: each HTML page crawled becomes an article.

Only ``response`` records with HTTP status 200 and an HTML content type are
read; the rest (requests, metadata, images, redirects, errors) are skipped.
The record's WARC-Target-URI is the document's id and url, its WARC-Date the
``published`` date unless the page states one. A truncated or corrupt
archive fails with one message after the records read before the damage.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..model import Document, Failure
from .html import decode_html, extract_article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def read_warc(path: Path) -> Iterator[Document | Failure]:
    """Articles from the HTML responses in a WARC file, in archive order."""
    try:
        with open(path, "rb") as stream:
            yield from read_warc_stream(stream, str(path))
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")


def read_warc_stream(stream: BinaryIO, name: str) -> Iterator[Document | Failure]:
    """Articles from the HTML responses in a WARC byte stream."""
    read = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            if is_html_page(record):
                read += 1
                yield _record_document(record, name)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as exc:
        yield Failure(name, f"truncated or corrupt WARC after {read} pages: "
                            f"{_first_line(exc)}")


def is_html_page(record) -> bool:
    """True for a response record holding an HTML page fetched with status 200."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return record.http_headers.get_statuscode() == "200" and \
        content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _record_document(record, name: str) -> Document | Failure:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    source = f"{name} [{uri}]"
    try:
        data = record.content_stream().read()
        markup = _decode_record(data, record.http_headers.get_header("Content-Type"), source)
        document = extract_article(markup, source, uri or source, url=uri)
    except InputError as exc:
        return Failure(exc.source, exc.problem)
    if document.published is None:
        document = replace(document, published=record.rec_headers.get_header("WARC-Date"))
    return document


def _decode_record(data: bytes, content_type: str | None, source: str) -> str:
    declared = _CHARSET.search(content_type or "")
    if declared:
        try:
            return data.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_html(data, source)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
