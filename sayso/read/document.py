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
    """The first line, when it looks like a headline (short, no final full stop)."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not first or len(first) > _HEADLINE_MAX_CHARS or first.endswith("."):
        return None
    rest = text.lstrip()[len(first):]
    return first if rest.startswith("\n") else None
