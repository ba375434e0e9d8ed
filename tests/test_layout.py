"""Layout-aware segmentation: headlines, bylines, datelines and captions are
sentences of their own; hard-wrapped lines are not split."""
from __future__ import annotations

from pathlib import Path

import pytest

from sayso.nlp.layout import layout_boundaries, layout_sentence_starts, wrap_width, text_lines

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_headline_byline_dateline_and_caption_are_their_own_sentences(nlp):
    text = (FIXTURES / "harbour.txt").read_text(encoding="utf-8")
    found = sentences(nlp, text)
    assert found[:4] == ["Harbour strike ends after nine days", "By Maria Okafor",
                         "PORT ELLIS (Coastline Wire) -",
                         found[3]]
    assert found[3].startswith("Dock workers in Port Ellis voted")
    assert "Workers gather outside the union hall in Port Ellis on Friday " \
           "(Jane Doe/Coastline Wire)" in found
    assert "READ MORE: Why the port matters to the regional economy" in found


def test_hard_wrapped_lines_stay_in_one_sentence(nlp):
    text = (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")
    found = sentences(nlp, text)
    assert found[0] == "Council approves new budget"
    first = found[1].replace("\n", " ")
    assert first.startswith("The city council approved") and first.endswith("coming winter.")
    assert len(found) == 4


def test_wrapped_continuations_are_marked():
    text = "A long line of text that the writer wrapped here\nbecause it was long."
    boundaries = layout_boundaries(text)
    assert boundaries.continuations == {text.index("because")}
    assert not boundaries.starts


def test_short_line_without_punctuation_starts_a_unit_in_wrapped_text():
    text = ("Storm warning\n"
            "The weather office warned on Monday that a strong storm would reach\n"
            "the coast by Wednesday.")
    assert layout_sentence_starts(text) == {text.index("The weather")}


def test_blank_lines_and_list_items_start_units():
    text = "First paragraph.\n\nSecond paragraph.\n- one item\n- another item"
    starts = layout_sentence_starts(text)
    assert {text.index("Second"), text.index("- one"), text.index("- another")} <= starts


@pytest.mark.parametrize("line,dateline", [
    ("GAZA CITY (Reuters) - Israeli troops pulled back.", "GAZA CITY (Reuters) - "),
    ("WASHINGTON — The president spoke.", "WASHINGTON — "),
    ("LONDON, March 3 (AP) -- Prices rose.", "LONDON, March 3 (AP) -- "),
    ("KYIV, Ukraine — Sirens sounded.", "KYIV, Ukraine — "),
    ("GAZA CITY (Reuters) - \tGaza truce holds", "GAZA CITY (Reuters) - \t"),
])
def test_datelines_end_a_unit(line, dateline):
    assert len(dateline) in layout_sentence_starts(line)


def test_a_sentence_opening_in_capitals_is_no_dateline():
    line = "NATO members met in Brussels on Monday."
    assert layout_sentence_starts(line) == set()


def test_offsets_hold_with_crlf_line_ends():
    text = "Headline here\r\nBody text starts here and goes on.\r\n"
    assert layout_sentence_starts(text) == {text.index("Body")}


def test_wrap_width_ignores_blank_lines():
    assert wrap_width(text_lines("abc\n\nabcdef\n")) == 6


def test_a_colon_at_the_end_of_a_line_leaves_the_choice_to_the_parser():
    text = "The minister said:\n\u201cWe will not leave.\u201d"
    assert layout_sentence_starts(text) == set()
    assert text.index("\u201cWe") not in layout_boundaries(text).continuations


def test_an_abbreviation_at_the_end_of_a_line_leaves_the_choice_to_the_parser():
    text = "He met Gen.\nSmith on Monday."
    assert layout_sentence_starts(text) == set()
    assert layout_sentence_starts("He left.\nShe stayed.") == {9}


def test_a_closing_quote_stays_with_its_sentence(nlp):
    text = '"We got most of it," said Reyes. "Nobody wanted this to go on."\nThe end came.'
    assert sentences(nlp, text) == ['"We got most of it," said Reyes.',
                                    '"Nobody wanted this to go on."', "The end came."]
