"""Property: for any text, the analysis keeps the text verbatim and every
span it emits (boilerplate, actors, attributions, events) indexes it."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sayso
from sayso.nlp.layout import layout_boundaries
from sayso.schema import validate

NEWS_PIECES = st.sampled_from([
    "Gaza truce holds", "By Jane Doe", "GAZA CITY (Reuters) - ",
    '"We will not leave," said the mayor.', "Officials said on Monday that ",
    "READ MORE: Why it matters", "Photo: AP", "(John Doe/Reuters)",
    "Hamas denied the reports.", "according to the ministry, ", "© 2024 Wire",
    "Read  Why is it so?", "\u201cNo,\u201d she said.", "Mr. Smith", "U.S.",
    "\n", "\n\n", "\r\n", "\t", " ", "\u00a0", "\u2014", "\ufeff", "é", "日本",
    "🙂", "'", '"', "\u2019",
])
TEXTS = st.one_of(
    st.lists(NEWS_PIECES, max_size=25).map("".join),
    st.text(max_size=200),
    st.lists(st.one_of(NEWS_PIECES, st.text(max_size=15)), max_size=15).map("".join),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_analysis_keeps_text_and_every_span_indexes_it(nlp, text):
    analysis = sayso.analyze(text).to_dict()
    assert analysis["document"]["text"] == text
    validate(analysis)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_layout_boundaries_are_offsets_of_words_in_the_text(text):
    boundaries = layout_boundaries(text)
    assert not boundaries.starts & boundaries.continuations
    for offset in boundaries.starts:
        assert 0 < offset < len(text) and not text[offset].isspace()
    assert all(0 < offset < len(text) for offset in boundaries.continuations)
