"""The accurate (transformer) attribution tagger behind ``--accurate``."""
from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXTURES
from sayso.api import analyze
from sayso.cli import app
from sayso.config import Config
from sayso.engines.local import analyze_documents
from sayso.errors import MissingExtraError
from sayso.nlp import stages
from sayso.nlp.attribution import minilm
from sayso.nlp.builtin import PIPELINE
from sayso.read import read_text
from sayso.schema import validate
from sayso.store import Store

pytest.importorskip("onnxruntime")

ACCURATE = Config(accurate=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(0.001, 1.0), min_size=7, max_size=7),
                min_size=1, max_size=30))
def test_decoded_labels_respect_bio_order(rows):
    probabilities = np.asarray(rows) / np.asarray(rows).sum(axis=1, keepdims=True)
    labels = minilm.best_labels(probabilities)
    assert len(labels) == len(rows)
    for previous, label in zip(["O", *labels], labels):
        if label.startswith("I-"):
            assert previous[2:] == label[2:]


@pytest.mark.parametrize("length", [0, 1, 191, 192, 193, 500, 1000])
def test_windows_cover_every_piece(length):
    covered = set()
    for start in minilm.window_starts(length) if length else []:
        covered |= set(range(start, min(start + minilm.WINDOW, length)))
    assert covered == set(range(length))


def test_accurate_stage_replaces_the_crf_stage_only_when_asked():
    assert [name for name, _ in stages.resolve(None)] == list(PIPELINE)
    accurate = [name for name, _ in stages.resolve(None, accurate=True)]
    assert accurate == ["actors", "attributions-accurate", "events"]


def test_reported_speech_and_a_quote(nlp):
    text = ('The senator said the bill would fail.\n\n'
            '"We will not give up," the coach told reporters on Sunday.\n')
    analysis = analyze(text, config=ACCURATE)
    validate(analysis.to_dict())
    found = {(a.source.text if a.source else "", a.cue.text, a.content.text)
             for a in analysis.attributions}
    # roles, not bytes: int8 output moves a boundary token between CPUs
    assert any(cue == "said" and "senator" in source and "bill would fail" in content
               for source, cue, content in found)
    assert any(cue == "told" and "coach" in source and "will not give up" in content
               for source, cue, content in found)


def test_denial_keeps_its_stance_and_anonymous_source():
    text = ("Officials in the defense ministry said the convoy was hit by a drone. "
            "The group denied the report on Monday.\n")
    attributions = analyze(text, config=ACCURATE).attributions
    denial = next(a for a in attributions if a.cue.text == "denied")
    assert denial.stance == "denies"
    officials = next(a for a in attributions if a.cue.text == "said")
    assert officials.source.kind == "anonymous"


def test_cli_analyze_accepts_accurate(tmp_path):
    article = FIXTURES / "attribution" / "harbour_bridge.txt"
    result = CliRunner().invoke(app, ["analyze", str(article), "--accurate", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"attributions": [{' in result.output


def test_cli_ingest_accepts_accurate(tmp_path):
    article = FIXTURES / "attribution" / "harbour_bridge.txt"
    db = tmp_path / "corpus.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(article), "--db", str(db), "--accurate"])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        assert store.get("harbour_bridge").attributions


def test_missing_extra_is_one_error_before_any_document(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    minilm.load_model.cache_clear()
    try:
        documents = [read_text("The senator said the bill would fail.", f"d{n}") for n in range(3)]
        with pytest.raises(MissingExtraError, match=r"sayso\[accurate\]"):
            list(analyze_documents(documents, ACCURATE))
    finally:
        minilm.load_model.cache_clear()


def test_sources_keep_abbreviation_points_and_contents_lose_quotation_marks():
    text = ('Officials in the U.S. said the plan would fail.\n\n'
            '"We cannot afford the new bridge this year," the mayor said.\n')
    found = {(a.source.text, a.content.text) for a in analyze(text, config=ACCURATE).attributions}
    assert any(source.endswith("in the U.S.") and "plan would fail" in content
               for source, content in found)
    assert any("mayor" in source and content.startswith("We cannot")
               and '"' not in content for source, content in found)


def test_a_token_inside_a_word_piece_takes_that_piece(nlp):
    text = "He cannot go, she said."
    doc = nlp(text)
    probabilities = minilm.token_probabilities(doc, text)
    can, not_ = doc[1], doc[2]
    assert (can.text, not_.text) == ("can", "not")
    assert (probabilities[not_.i] == probabilities[can.i]).all()


def test_cli_eval_refuses_accurate_with_given_predictions(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "d1", "text": "Hi.", "attributions": []}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "attribution", "--gold", str(gold),
                                      "--pred", str(gold), "--accurate"])
    assert result.exit_code == 2
    assert "with --pred nothing is analysed" in result.output
