"""HTML pages: the article text and metadata, extracted with trafilatura.

``document.text`` is the title, then the body paragraphs separated by blank
lines (the contract's layout for HTML input); offsets index that text.
Paragraphs trafilatura lost are put back (`sayso.read.recovery`), and
captions and image credits stay in the text, marked as boilerplate.
"""
from __future__ import annotations

import re
from dataclasses import replace

import trafilatura
from lxml import etree

from ..errors import InputError
from ..model import Boilerplate, Document
from .blocks import normalized, page_blocks, parse_html
from .document import make_document
from .recovery import caption_kinds, recover_lost_blocks
from .text import decode_bytes

_MIN_ARTICLE_CHARS = 20
_WORD = re.compile(r"\w+")
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|»·•]|::|[-–—])\s+")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", re.IGNORECASE)


def extract_article(markup: str, source: str, doc_id: str, *, url: str | None = None,
                    **metadata: str | None) -> Document:
    """The article in an HTML page, or InputError when there is none."""
    tree = _parsed(markup, source)
    extracted = _extracted(markup, source, url)
    paragraphs = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    blocks = page_blocks(tree)
    paragraphs = recover_lost_blocks(paragraphs, blocks)
    headline, site = title_and_site(extracted.title, tree)
    if headline and paragraphs and normalized(paragraphs[0]) == headline:
        paragraphs = paragraphs[1:]
    text, boilerplate = assemble(headline, paragraphs, caption_kinds(paragraphs, blocks))
    found = {"title": headline, "url": url or extracted.url,
             "outlet": extracted.sitename or site or extracted.hostname,
             "published": extracted.date, "author": extracted.author}
    merged = {key: metadata.get(key) or value for key, value in found.items()}
    return replace(make_document(doc_id, text, **merged), boilerplate=tuple(boilerplate))


def _parsed(markup: str, source: str) -> etree._Element:
    try:
        return parse_html(markup)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, f"malformed HTML: {exc}") from exc


def _extracted(markup: str, source: str, url: str | None):
    try:
        extracted = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, favor_recall=True)
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken markup
        raise InputError(source, f"malformed HTML: {exc}") from exc
    if not extracted or len((extracted.text or "").strip()) < _MIN_ARTICLE_CHARS:
        raise InputError(source, "no article text found in the HTML page")
    return extracted


def title_and_site(title: str | None, tree: etree._Element) -> tuple[str | None, str | None]:
    """The headline, and the site name when the page title also holds it.

    trafilatura sometimes takes the site's half of "Site » Headline" as the
    title. When the other half of the page's ``<title>`` is also a heading
    of the page, that half is the headline and the first one names the site.
    """
    title = normalized(title or "") or None
    parts = [p for p in _TITLE_SEPARATOR.split(normalized(tree.findtext(".//title") or ""))
             if p]
    if title is None or len(parts) != 2 or title not in parts:
        return title, None
    other = parts[1] if title == parts[0] else parts[0]
    if _words(other) in {_words(h.text_content()) for h in tree.iter("h1", "h2", "h3")}:
        return other, title
    return title, None


def _words(text: str) -> tuple[str, ...]:
    """The words of a text, lowercased: headings and titles differ in quotes."""
    return tuple(_WORD.findall(text.lower()))


def assemble(title: str | None, paragraphs: list[str], kinds: list[str | None]
             ) -> tuple[str, list[Boilerplate]]:
    """The document text (title, blank line, paragraphs) and caption spans."""
    pieces = [title] if title else []
    boilerplate = []
    offset = len(title) + 2 if title else 0
    for paragraph, kind in zip(paragraphs, kinds):
        if kind:
            boilerplate.append(Boilerplate(kind, (offset, offset + len(paragraph))))
        pieces.append(paragraph)
        offset += len(paragraph) + 2
    return "\n\n".join(pieces), boilerplate


def decode_html(data: bytes, source: str) -> str:
    """Text of an HTML page: its declared charset when that fits, else detected."""
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, source)


def read_html_document(data: bytes, source: str, doc_id: str) -> Document:
    """The article of an HTML file."""
    markup = decode_html(data, source)
    if not markup.strip():
        raise InputError(source, "empty document (no text)")
    return extract_article(markup, source, doc_id)
