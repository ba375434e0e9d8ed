"""Plain text: kept verbatim, decoded as UTF-8 or the detected encoding."""
from __future__ import annotations

import charset_normalizer

from ..errors import DecodeError, InputError
from ..model import Document
from .document import headline_of, make_document

_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15} | set(range(16, 27)) | set(range(28, 32))


def decode_bytes(data: bytes, source: str) -> str:
    """Text of these bytes: UTF-8 if valid, else the detected encoding."""
    if b"\x00" in data[:8192]:
        raise DecodeError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError(source, "undecodable bytes: not UTF-8 and no other encoding fits")
    text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) in _BINARY_CONTROL)
    if controls > 0.01 * min(len(text), 8192):
        raise DecodeError(source, "binary file, not text")
    return text


def read_text_document(data: bytes, source: str, doc_id: str) -> Document:
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, "empty document (no text)")
    return make_document(doc_id, text, title=headline_of(text))
