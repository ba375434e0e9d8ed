"""Rendering: pretty JSON with one-line spans, and the who-said-what table."""
from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from sayso.model import Actor, Analysis, Attribution, Channel, Content, Cue, Source
from sayso.read import read_text
from sayso.render import attribution_table, pretty_json, write_json, write_table

TEXT = 'Mordechai said that "operatives entered Gaza", in an interview with Elaph.'


def analysis() -> Analysis:
    document = read_text(TEXT, "d1", title="Operatives entered Gaza")
    attribution = Attribution(
        id="q1", form="mixed",
        source=Source("Mordechai", (0, 9), actor="a1"),
        cue=Cue("said", "say", (10, 14)),
        content=Content('"operatives entered Gaza"', ((20, 45),)),
        stance="asserts", hedged=True,
        via=(Channel("Elaph", (68, 73), "interview", actor=None),))
    actor = Actor("a1", "Yoav Mordechai", "person", mentions=((0, 9),))
    return Analysis(document=document, actors=(actor,), attributions=(attribution,))


def test_table_is_printed_to_the_stream():
    out = io.StringIO()
    write_table(analysis(), out)
    assert "Operatives entered Gaza" in out.getvalue()
    assert "no attributions found" not in out.getvalue()


def test_pretty_json_puts_spans_and_span_lists_on_one_line():
    data = {"span": [12, 40], "spans": [[1, 2], [3, 4]], "names": ["a", "b"],
            "text": "a [1, 2] list\nin a string"}
    text = pretty_json(data)
    assert '"span": [12, 40]' in text
    assert '"spans": [[1, 2], [3, 4]]' in text
    assert '"names": [\n' in text
    assert json.loads(text) == data


def test_json_round_trips():
    out = io.StringIO()
    write_json(analysis(), out, pretty=True)
    assert Analysis.from_dict(json.loads(out.getvalue())) == analysis()


def test_table_shows_source_actor_cue_content_stance_and_channel():
    out = io.StringIO()
    Console(file=out, width=250).print(attribution_table(analysis()))
    table = out.getvalue()
    for expected in ("Operatives entered Gaza", "Mordechai → Yoav Mordechai", "said",
                     "operatives entered Gaza", "asserts (hedged)", "interview: Elaph"):
        assert expected in table


def test_table_note_when_nobody_is_quoted_escapes_markup():
    out = io.StringIO()
    write_table(Analysis(document=read_text("Text.", "d[1]", title="[bold]Title")), out)
    assert out.getvalue() == "[bold]Title\nd[1]: no attributions found\n"


def test_pretty_json_puts_small_records_on_one_line():
    data = {"boilerplate": [{"kind": "promo", "span": [5, 9]}],
            "long": {"text": "x" * 120, "span": [0, 120]}, "nested": {"a": {"b": 1}}}
    text = pretty_json(data)
    assert '{"kind": "promo", "span": [5, 9]}' in text
    assert '"text": "' + "x" * 120 + '",\n' in text
    assert json.loads(text) == data


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(alphabet=st.sampled_from('ab"\\\n[]{},: 1\u2014')),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(alphabet=st.sampled_from('ab"\\\n[]{},: '), max_size=5),
                      inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(data=JSON)
def test_pretty_json_is_the_same_json(data):
    assert json.loads(pretty_json(data)) == data
