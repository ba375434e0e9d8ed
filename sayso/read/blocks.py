"""The text blocks of an HTML tree: paragraphs, captions, and what to skip.

A *block* is a run of text between block-level boundaries (``p``, ``li``,
``h2``, ``figcaption``, ``div`` ...): the unit a reader sees as one
paragraph. Text sitting directly in a ``div`` next to nested paragraphs is a
block of its own. Class and id words that mark captions, credits and
non-article containers live in ``sayso/data/html_blocks.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree, html

from ..resources import read_table

BLOCK_TAGS = frozenset({
    "p", "div", "li", "dd", "dt", "blockquote", "pre", "figcaption", "caption",
    "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "figure", "ul", "ol", "dl", "table", "tr", "main", "center", "address",
    "body", "html", "hr"})
ALWAYS_SKIPPED_TAGS = frozenset({
    "nav", "aside", "footer", "form", "header", "script", "style", "noscript",
    "button", "select", "textarea", "iframe", "svg", "template", "head"})
_PAGE_TAGS = frozenset({"html", "body"})
_WORD_PARTS = re.compile(r"[\s_-]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    """One paragraph-like run of text, the element holding it, whether it is
    a caption or credit, and whether it sits in a non-article element."""

    text: str
    kind: str | None
    skipped: bool
    element: etree._Element


@lru_cache(maxsize=1)
def _roles() -> dict[str, frozenset[str]]:
    rows = read_table("html_blocks.tsv")
    return {role: frozenset(word for r, word in rows if r == role)
            for role in {r for r, _ in rows}}


def normalized(text: str) -> str:
    """Text with runs of white space made one space, for comparing blocks."""
    return _SPACE.sub(" ", text).strip()


def _class_words(element: etree._Element) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return set(names.split()) | set(_WORD_PARTS.split(names)) - {""}


def _has_role(element: etree._Element, role: str) -> bool:
    return bool(_class_words(element) & _roles().get(role, frozenset()))


def _ancestry(element: etree._Element, root: etree._Element):
    """The element and its ancestors up to root, below ``<body>``.

    Page-wide classes on ``<body>`` (WordPress puts the author and the
    categories there) say nothing about one block.
    """
    node = element
    while node is not None and node.tag not in _PAGE_TAGS:
        yield node
        if node is root:
            return
        node = node.getparent()


def describe(element: etree._Element, root: etree._Element, text: str) -> Block:
    """The block for a run of element's text: caption kind, skipped or not."""
    kind, skipped = None, False
    for node in _ancestry(element, root):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in ALWAYS_SKIPPED_TAGS or _has_role(node, "skip"):
            skipped = True
        if kind is None and (tag == "figcaption" or _has_role(node, "caption")):
            kind = "caption"
        if _has_role(node, "credit"):
            kind = "credit"
    return Block(normalized(text), kind, skipped, element)


def page_blocks(root: etree._Element) -> list[Block]:
    """Every run of text between block boundaries under root, in page order."""
    blocks: list[Block] = []
    _collect(root, root, blocks)
    return [block for block in blocks if block.text]


def _collect(element: etree._Element, root: etree._Element, blocks: list[Block]) -> None:
    """Add the text runs of element and of the blocks inside it to blocks.

    A block's own text is cut into runs by the blocks nested in it: in
    ``<div>Intro<p>Para</p>tail</div>`` the runs are "Intro", "Para", "tail".
    """
    run = [element.text or ""]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag is None or tag in ALWAYS_SKIPPED_TAGS:
            pass
        elif tag in BLOCK_TAGS:
            blocks.append(describe(element, root, "".join(run)))
            _collect(child, root, blocks)
            run = []
        else:
            run.append(_inline_text(child))
        run.append(child.tail or "")
    blocks.append(describe(element, root, "".join(run)))


def _inline_text(element: etree._Element) -> str:
    """Text of an inline element, leaving out scripts and styles inside it."""
    if element.tag == "br":
        return "\n"
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() not in ALWAYS_SKIPPED_TAGS:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def parse_html(markup: str) -> etree._Element:
    """The lxml tree of an HTML page or fragment (raises on empty input)."""
    return html.document_fromstring(markup)


def fragment_paragraphs(markup: str) -> list[str]:
    """The paragraphs of an HTML fragment (a feed item's content), in order."""
    root = html.fragment_fromstring(markup, create_parent="div")
    return [block.text for block in page_blocks(root) if not block.skipped]
