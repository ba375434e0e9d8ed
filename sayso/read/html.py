"""HTML pages: the article text and metadata, extracted with trafilatura.

``document.text`` is the title, then the body paragraphs separated by blank
lines (the contract's layout for HTML input); offsets index that text.
"""
from __future__ import annotations

import trafilatura

from ..errors import InputError
from ..model import Document
from .document import make_document
from .text import decode_bytes


def extract_article(html: str, source: str, doc_id: str, *, url: str | None = None,
                    **metadata: str | None) -> Document:
    """The article in an HTML page, or InputError when there is none."""
    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, favor_recall=True)
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise InputError(source, f"malformed HTML: {exc}") from exc
    body = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not body:
        raise InputError(source, "no article text found in the HTML page")
    title = (extracted.title or "").strip() or None
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    found = {"title": title, "outlet": extracted.sitename or extracted.hostname,
             "url": url or extracted.url, "published": extracted.date,
             "author": extracted.author}
    merged = {key: metadata.get(key) or value for key, value in found.items()}
    return make_document(doc_id, text, **merged)


def read_html_document(data: bytes, source: str, doc_id: str) -> Document:
    return extract_article(decode_bytes(data, source), source, doc_id)
