"""The fast slice of the fuzzing campaign (the long run is
benchmarks/fuzz_campaign.py): adversarial text and HTML from
`tests/adversarial.py` are read and analysed; only sayso's own errors may
escape, and every analysis validates against the schema with every span
indexing ``document.text`` and equal to its text field."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from adversarial import (EXOTIC, QUOTE_PAIRS, adversarial_html, adversarial_input,
                         long_paragraph)
from sayso.engines.local import analyze_documents
from sayso.errors import InputError
from sayso.model import Analysis
from sayso.nlp.layout import layout_boundaries
from sayso.read.boilerplate import mark_boilerplate
from sayso.read.html import read_html_document
from sayso.read.text import read_text_document
from sayso.schema import validate

READERS = {"text": read_text_document, "html": read_html_document}
HOSTILE_CHARACTERS = st.sampled_from(
    [*EXOTIC, *(q for pair in QUOTE_PAIRS for q in pair), "\r", "\r\n", "\n\n", " ", "."])


def read_and_analyse(kind: str, data: bytes, doc_id: str = "fuzz") -> Analysis | None:
    """The validated analysis of these bytes, or None when the reader refuses them."""
    try:
        document = mark_boilerplate(READERS[kind](data, doc_id, doc_id))
    except InputError:
        return None
    [result] = analyze_documents([document])
    assert isinstance(result, Analysis), result
    validate(result.to_dict())
    return result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32))
@example(seed=1000487)  # a channel phrase of space tokens only (hull of no spans)
@example(seed=1050146)
def test_adversarial_inputs_are_read_and_analysed_cleanly(nlp, seed):
    for small in (True, False):
        item = adversarial_input(seed, small=small)
        read_and_analyse(item.kind, item.data, str(seed))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.one_of(HOSTILE_CHARACTERS, st.text(max_size=8)), max_size=60))
def test_hostile_characters_between_words(nlp, pieces):
    text = "The minister said " + " ".join(pieces) + " on Monday."
    result = read_and_analyse("text", text.encode("utf-8"))
    assert result is None or result.document.text == text


def test_a_200_kb_paragraph_is_read_verbatim_and_laid_out():
    text = long_paragraph(random.Random(7), 200_000)
    document = mark_boilerplate(read_text_document(text.encode("utf-8"), "long", "long"))
    assert document.text == text
    validate(Analysis(document=document).to_dict())
    boundaries = layout_boundaries(text)
    assert all(0 < offset < len(text) for offset in boundaries.starts)


def test_a_20_kb_paragraph_is_analysed(nlp):
    """(200 KB takes minutes: attribution and actors grow faster than the
    text; benchmarks/fuzz_campaign.py --linearity measures it.)"""
    text = long_paragraph(random.Random(7), 20_000)
    result = read_and_analyse("text", text.encode("utf-8"))
    assert result.document.text == text and result.attributions


@pytest.mark.parametrize("depth", [2_000, 20_000])
def test_deeply_nested_html(nlp, depth):
    page = ("<html><body>" + "<div>" * depth
            + "<p>The minister said on Monday that the talks would go on.</p>")
    read_and_analyse("html", page.encode("utf-8"))


@pytest.mark.parametrize("declared, encoding", [
    ("shift_jis", "utf-8"), ("utf-8", "cp1252"), ("utf-16", "utf-8"),
    ("x-no-such-charset", "latin-1"), ("utf-8", "utf-16"),
])
def test_html_lying_about_its_charset(nlp, declared, encoding):
    page = (f'<html><head><meta charset="{declared}"><title>Caf\u00e9 talks</title></head>'
            "<body><p>\u201cWe will stay,\u201d the caf\u00e9 owner said on Monday, "
            "according to the mayor.</p></body></html>")
    read_and_analyse("html", page.encode(encoding, errors="xmlcharrefreplace"))


def test_generated_broken_html_pages(nlp):
    for seed in range(8):
        page = adversarial_html(random.Random(seed), "A said \u201cno\u201d.\n\nB denied it.")
        read_and_analyse("html", page.encode("utf-8"), f"page-{seed}")
