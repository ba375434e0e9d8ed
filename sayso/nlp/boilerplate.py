"""Boilerplate spans as the stages see them: nothing inside a span the
reader marked (a promo, a credit, a caption, a share line ...) yields an
actor mention, an attribution or an event."""
from __future__ import annotations

from ..model import Document


def in_boilerplate(document: Document, position: int) -> bool:
    """Whether the character at `position` lies in a boilerplate span."""
    return any(b.span[0] <= position < b.span[1] for b in document.boilerplate)
