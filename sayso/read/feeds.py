"""RSS and Atom feeds saved to disk: each item becomes an article.

An item's text is its title, then the paragraphs of its full content (or of
its summary when there is none), HTML stripped. Its link is the url, its
date the published date, the feed's title the outlet. A file that is not a
feed fails with one message; a malformed feed yields the items read, then
fails.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
from lxml import etree

from ..errors import InputError
from ..model import Document, Failure
from .blocks import fragment_paragraphs, normalized
from .document import make_document
from .limits import read_bounded

FEED_SUFFIXES = (".rss", ".atom", ".xml")
# feedparser flags these but reads the feed correctly
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read_feed(data: bytes, source: str) -> Iterator[Document | Failure]:
    """Articles from the items of an RSS or Atom feed, in feed order."""
    feed = feedparser.parse(data)
    if not feed.get("version") or (feed.get("bozo") and not feed.entries):
        raise InputError(source, "not an RSS or Atom feed"
                         + _parse_problem(feed.get("bozo_exception")))
    outlet = normalized(feed.feed.get("title") or "") or None
    for number, entry in enumerate(feed.entries, start=1):
        item = f"{source}#item{number}"
        try:
            yield entry_document(entry, item, outlet)
        except InputError as exc:
            yield Failure(exc.source, exc.problem)
    if feed.get("bozo") and not isinstance(feed.get("bozo_exception"), _BENIGN):
        yield Failure(source, "malformed feed XML, read the items before the damage"
                      + _parse_problem(feed.get("bozo_exception")))


def entry_document(entry, source: str, outlet: str | None) -> Document:
    """The article of one feed item."""
    markup = _entry_html(entry)
    try:
        paragraphs = fragment_paragraphs(markup) if markup else []
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, f"feed item content is not readable HTML: {exc}") from exc
    if not paragraphs:
        raise InputError(source, "feed item has no content or summary")
    title = normalized(entry.get("title") or "") or None
    text = "\n\n".join(([title] if title else []) + paragraphs)
    link = entry.get("link") or None
    return make_document(entry.get("id") or link or source, text, title=title,
                         url=link, outlet=outlet, author=entry.get("author"),
                         published=_published(entry))


def _entry_html(entry) -> str:
    contents = entry.get("content") or []
    full = max((c.get("value") or "" for c in contents), key=len, default="")
    return full.strip() or (entry.get("summary") or "").strip()


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated") or None


def _parse_problem(exc: BaseException | None) -> str:
    return f" ({str(exc).splitlines()[0]})" if exc and str(exc).strip() else ""


def read_feed_file(path: Path) -> Iterator[Document | Failure]:
    try:
        yield from read_feed(read_bounded(path), str(path))
    except InputError as exc:
        yield Failure(exc.source, exc.problem)
