"""Putting back paragraphs that the extractor lost, and finding captions.

trafilatura drops some article paragraphs (translations in ``div``s,
captions, short lines between quotes). The article's container in the page
is the deepest element holding nearly all the text trafilatura kept; every
block inside it that trafilatura did not keep and that is not in a skipped
element (share bars, comments: ``sayso/data/html_blocks.tsv``) is put back
where it stood in the page.
"""
from __future__ import annotations

from collections import Counter

from lxml import etree

from .blocks import Block, normalized

_CONTAINER_SHARE = 0.9
_ANCHOR_CHARS = 60
_EDGE_CHARS = 40
_MIN_ANCHOR_BLOCK = 20
_TOO_WIDE = frozenset({"html", "body"})


def is_covered(block: Block, kept: str) -> bool:
    """True when the kept text already holds this block's text."""
    text = block.text
    if text in kept:
        return True
    return len(text) > 2 * _EDGE_CHARS and text[:_EDGE_CHARS] in kept \
        and text[-_EDGE_CHARS:] in kept


def article_container(blocks: list[Block], covered: list[bool]
                      ) -> etree._Element | None:
    """The deepest element that holds nearly all the kept block text.

    None when only ``<body>`` does: the kept text is spread over the page,
    and recovering everything in it would bring back navigation and ads.
    """
    chars: Counter[etree._Element] = Counter()
    depth: dict[etree._Element, int] = {}
    total = 0
    for block, kept in zip(blocks, covered):
        if not kept or block.skipped or len(block.text) < _MIN_ANCHOR_BLOCK:
            continue
        total += len(block.text)
        ancestors = list(block.element.iterancestors())
        for level, element in enumerate(reversed(ancestors)):
            chars[element] += len(block.text)
            depth[element] = level
    holding = [e for e, n in chars.items() if n >= _CONTAINER_SHARE * total
               and e.tag not in _TOO_WIDE]
    return max(holding, key=depth.__getitem__) if holding else None


def _inside(element: etree._Element, container: etree._Element) -> bool:
    return element is container or any(p is container for p in element.iterancestors())


def _anchors(paragraphs: list[str], blocks: list[Block]) -> list[int | None]:
    """For each paragraph, the index of the page block it comes from."""
    anchors: list[int | None] = []
    position = 0
    for paragraph in paragraphs:
        head = normalized(paragraph)[:_ANCHOR_CHARS]
        found = next((i for i in range(position, len(blocks))
                      if head and head in blocks[i].text), None)
        anchors.append(found)
        position = found if found is not None else position
    return anchors


def recover_lost_blocks(paragraphs: list[str], blocks: list[Block]) -> list[str]:
    """The paragraphs with the article blocks the extractor lost put back."""
    kept = " ".join(normalized(p) for p in paragraphs)
    covered = [is_covered(block, kept) for block in blocks]
    container = article_container(blocks, covered)
    if container is None:
        return paragraphs
    lost = [i for i, block in enumerate(blocks) if not covered[i]
            and not block.skipped and _inside(block.element, container)]
    merged: list[str] = []
    for paragraph, anchor in zip(paragraphs, _anchors(paragraphs, blocks)):
        while lost and anchor is not None and lost[0] < anchor:
            merged.append(blocks[lost.pop(0)].text)
        merged.append(paragraph)
    return merged + [blocks[i].text for i in lost]


def caption_kinds(paragraphs: list[str], blocks: list[Block]) -> list[str | None]:
    """``caption``/``credit`` for paragraphs that are a caption block's text."""
    kinds = {block.text: block.kind for block in blocks if block.kind}
    return [kinds.get(normalized(paragraph)) for paragraph in paragraphs]
