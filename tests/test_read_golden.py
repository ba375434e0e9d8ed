"""Golden files: the documents read from whole fixture articles, and their
sentences. Regenerate with ``SAYSO_UPDATE_GOLDEN=1 python -m pytest
tests/test_read_golden.py`` and review the diff before committing."""
from __future__ import annotations

from pathlib import Path

import pytest

from golden import check_golden_json
from sayso.model import Document
from sayso.read import read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "read"
GOLDEN = Path(__file__).parent / "golden" / "read"
INPUTS = ["harbour.txt", "wrapped.txt", "article.html", "feed.rss", "feed.atom"]


def check_golden(name: str, produced: object) -> None:
    check_golden_json(GOLDEN / name, produced)


@pytest.mark.parametrize("name", INPUTS)
def test_documents_match_golden(name):
    documents = [item.to_dict() for item in read_paths([str(FIXTURES / name)])
                 if isinstance(item, Document)]
    check_golden(f"{name}.documents.json", documents)


@pytest.mark.parametrize("name", ["harbour.txt", "wrapped.txt", "article.html"])
def test_sentences_match_golden(nlp, name):
    [document] = [item for item in read_paths([str(FIXTURES / name)])
                  if isinstance(item, Document)]
    sentences = [[s.start_char, s.end_char, s.text] for s in nlp(document.text).sents]
    check_golden(f"{name}.sentences.json", sentences)
