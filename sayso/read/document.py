"""Building `Document` records: ids, hashes, headline-looking titles."""
from __future__ import annotations

import hashlib

from ..model import Document

_HEADLINE_MAX_CHARS = 200


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_document(doc_id: str, text: str, **metadata: str | None) -> Document:
    """A Document with its hash computed; unknown metadata stays None."""
    clean = {key: (value or None) for key, value in metadata.items()}
    return Document(id=doc_id, text=text, sha256=text_sha256(text), **clean)


def headline_of(text: str) -> str | None:
    """The first line, when it looks like a headline: short, no final full
    stop, and followed by more lines."""
    first, newline, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not first or not newline or not rest.strip() or len(first) > _HEADLINE_MAX_CHARS \
            or first.endswith("."):
        return None
    return first
