"""How large one document (a file, a JSONL line, a WARC record) may be, and
reading that never holds more than that in memory.

The limit is `DEFAULT_MAX_DOCUMENT_BYTES` (4 MiB) unless the environment
variable ``SAYSO_MAX_DOCUMENT_BYTES`` sets another number of bytes. A
document over it is refused with one line (and quarantined by ingest); a
JSONL line over it, even inside a gzip bomb, is skipped as it streams by,
its bytes never held whole.
"""
from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, UsageError

DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
LIMIT_VARIABLE = "SAYSO_MAX_DOCUMENT_BYTES"
CHUNK = 1 << 16


def max_document_bytes() -> int:
    """The size limit of one document, in bytes."""
    value = os.environ.get(LIMIT_VARIABLE, "").strip()
    if not value:
        return DEFAULT_MAX_DOCUMENT_BYTES
    if not value.isdigit() or int(value) < 1:
        raise UsageError(f"{LIMIT_VARIABLE} must be a positive number of bytes, not {value!r}")
    return int(value)


def too_large(size: int, limit: int) -> str:
    """The problem of a document of at least ``size`` bytes."""
    return (f"too large: {size:,} bytes or more, over the limit of {limit:,} bytes "
            f"(set {LIMIT_VARIABLE} to change it)")


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes, or InputError when it is over the limit (not read whole)."""
    limit = limit or max_document_bytes()
    with open(path, "rb") as handle:
        return read_stream_bounded(handle, str(path), limit)


def read_stream_bounded(stream: BinaryIO, source: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream, or InputError when it holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(source, too_large(len(data), limit))
    return data


@dataclass(frozen=True)
class OversizedLine:
    """A line longer than the limit, skipped: only its length is kept."""

    size: int


def bounded_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes | OversizedLine]:
    """The lines in a stream of byte chunks; a line over ``limit`` bytes is an
    `OversizedLine`, dropped chunk by chunk instead of being held."""
    pending = bytearray()
    skipped = 0  # bytes of an oversized line seen so far; 0 while under the limit
    for chunk in chunks:
        start = 0
        while start <= len(chunk):
            newline = chunk.find(b"\n", start)
            end = len(chunk) if newline < 0 else newline + 1
            if skipped:
                skipped += end - start
            else:
                pending += chunk[start:end]
                if len(pending) > limit:
                    skipped, pending = len(pending), bytearray()
            if newline < 0:
                break
            yield OversizedLine(skipped) if skipped else bytes(pending)
            skipped, pending = 0, bytearray()
            start = end
    if skipped or pending:
        yield OversizedLine(skipped) if skipped else bytes(pending)


def file_chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def gzip_chunks(handle: BinaryIO) -> Iterator[bytes]:
    """The decompressed bytes of a gzip stream, at most 16 chunks' worth at a time.

    A truncated stream yields everything before the damage, then raises EOFError.
    """
    inflater = zlib.decompressobj(wbits=31)
    for chunk in file_chunks(handle):
        data = chunk
        while True:
            out = inflater.decompress(data, 16 * CHUNK)
            if out:
                yield out
            data = inflater.unconsumed_tail
            if not data and len(out) < 16 * CHUNK:
                break
    if not inflater.eof:
        raise EOFError("compressed file ended before the end-of-stream marker")
