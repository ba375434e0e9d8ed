"""Plain text: kept verbatim, decoded as UTF-8 or the detected encoding.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) names the
encoding and is not part of the text; then UTF-8; then Windows-1252 when
the bytes read as mostly-ASCII Western text; then charset-normalizer's
best guess. NUL bytes or many control characters mean a binary file.
"""
from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import DecodeError, InputError
from ..model import Document
from .document import headline_of, make_document

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = frozenset(chr(c) for c in (*range(0, 9), 11, 14, 15, *range(16, 27),
                                      *range(28, 32), 127))
_SAMPLE = 8192
_MAX_CONTROL_SHARE = 0.01
_MAX_WESTERN_NON_ASCII_SHARE = 0.3


def decode_bytes(data: bytes, source: str) -> str:
    """Text of these bytes, or DecodeError naming the source and the problem."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with(data, encoding, source), source)
    if b"\x00" in data[:_SAMPLE]:
        raise DecodeError(source, "binary file (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    return _checked(_western_text(data) or _detected_text(data, source), source)


def _decode_with(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(source, f"undecodable bytes: {encoding} byte-order mark "
                                  f"but invalid {encoding} at byte {exc.start}") from exc


def _western_text(data: bytes) -> str | None:
    """The bytes as Windows-1252, when that reads as mostly-ASCII prose."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return text if non_ascii <= _MAX_WESTERN_NON_ASCII_SHARE * len(text) else None


def _detected_text(data: bytes, source: str) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError(source, "undecodable bytes: not UTF-8 and no other "
                                  "encoding fits")
    return str(best)


def _checked(text: str, source: str) -> str:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch in _CONTROL)
    if controls > _MAX_CONTROL_SHARE * max(len(sample), 1):
        raise DecodeError(source, "binary file (control bytes), not text")
    return text


def read_text_document(data: bytes, source: str, doc_id: str) -> Document:
    """A plain-text document, its text exactly as decoded."""
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "empty document (no text)")
    return make_document(doc_id, text, title=headline_of(text))
