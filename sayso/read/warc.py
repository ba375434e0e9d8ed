"""WARC and WARC.gz web archives: each HTML page crawled becomes an article.

Only ``response`` records with HTTP status 200 and an HTML content type are
read; the rest (requests, metadata, images, redirects, errors) are skipped.
The record's WARC-Target-URI is the document's id and url; ``published`` is
the date the page states, else the record's WARC-Date. A truncated or
corrupt archive fails with one message after the pages read before the
damage (warcio itself stops quietly at a cut, so `_CheckedStream` watches
the bytes for a record or gzip member that does not end).
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
from .limits import max_document_bytes, too_large

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_RECORD_END = b"\r\n\r\n"
_GZIP_MAGIC = b"\x1f\x8b"


class TruncatedArchive(Exception):
    """The archive ends inside a record."""


class _CheckedStream:
    """A byte stream that remembers whether it ended where a record ends.

    For gzip data, every member must reach its end-of-stream marker; for
    plain WARC, the data must end with the blank line closing a record.
    """

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.position = 0
        self.tail = b""
        self.gzip: bool | None = None
        self.inflater = zlib.decompressobj(wbits=31)
        self.in_member = False

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if self.gzip is None and data:
            self.gzip = data.startswith(_GZIP_MAGIC)
        if self.gzip:
            self._inflate(data)
        self.tail = (self.tail + data)[-len(_RECORD_END):]
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position

    def _inflate(self, data: bytes) -> None:
        while data:
            self.in_member = True
            self.inflater.decompress(data)
            if not self.inflater.eof:
                return
            data, self.in_member = self.inflater.unused_data, False
            self.inflater = zlib.decompressobj(wbits=31)

    def ended_cleanly(self) -> bool:
        if self.gzip:
            return not self.in_member
        return self.position == 0 or self.tail == _RECORD_END


def read_warc(path: Path) -> Iterator[Document | Failure]:
    """Articles from the HTML responses in a WARC file, in archive order."""
    try:
        with open(path, "rb") as stream:
            yield from read_warc_stream(stream, str(path))
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")


def read_warc_stream(stream: BinaryIO, name: str) -> Iterator[Document | Failure]:
    """Articles from the HTML responses in a WARC byte stream."""
    checked = _CheckedStream(stream)
    read = 0
    try:
        for record in ArchiveIterator(checked):
            if record.format != "warc":
                raise ArchiveLoadFailed("not a WARC file")
            if is_html_page(record):
                item = _record_document(record, name)
                read += 1
                yield item
        if not checked.ended_cleanly():
            raise TruncatedArchive("the last record is cut off")
    except (ArchiveLoadFailed, TruncatedArchive, EOFError, zlib.error, ValueError,
            OSError) as exc:
        yield Failure(name, f"truncated or corrupt WARC (read {read} pages before it): "
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
    limit = max_document_bytes()
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return Failure(source, too_large(len(data), limit))
    if record.raw_stream.limit:
        raise TruncatedArchive(f"the record of {uri} is cut off")
    try:
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
