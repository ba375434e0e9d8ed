"""Stories and syndicated duplicates over hand-written fixture corpora."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from link_corpus import UNRELATED, unrelated, wire_copy, wire_corpus

from sayso.cli import app
from sayso.errors import UsageError
from sayso.eval import evaluate
from sayso.link import Linker, link_analyses
from sayso.link.dedup import DuplicateFinder
from sayso.model import Boilerplate

DEMO = Path(__file__).resolve().parents[1] / "sayso" / "data" / "demo"
DEMO_MIN_PAIR_F1 = 0.96


def test_wire_story_and_five_unrelated_stories_make_six_stories():
    linker = link_analyses(wire_corpus())
    stories = linker.story_records()
    assert len(stories) == 6
    wire = next(s for s in stories if "wire-00" in s.documents)
    assert sorted(wire.documents) == [f"wire-{n:02d}" for n in range(21)]
    assert wire.label == "Dock strike halts cargo at Port Halvard for a third day"


def test_syndicated_copies_point_at_the_earliest_copy():
    links = {d["id"]: d for d in link_analyses(wire_corpus()).documents()}
    assert links["wire-00"]["duplicate_of"] is None
    assert all(links[f"wire-{n:02d}"]["duplicate_of"] == "wire-00" for n in range(1, 21))
    assert all(links[f"other-{n}"]["duplicate_of"] is None for n in range(5))


def test_an_earlier_copy_arriving_late_becomes_the_original():
    finder = DuplicateFinder()
    late, early = wire_copy(3).document, wire_copy(0).document
    assert finder.add(late.id, late.text, 10) == {}
    assert finder.add(early.id, early.text, 9) == {"wire-03": "wire-00"}
    assert finder.duplicate_of("wire-00") is None


def test_unrelated_articles_are_not_duplicates():
    finder = DuplicateFinder()
    for number, (_, text) in enumerate(UNRELATED):
        finder.add(f"u{number}", text, 1)
    assert all(finder.duplicate_of(f"u{n}") is None for n in range(len(UNRELATED)))


FOLLOW_UP = ("Work on the light-rail line from the central station to the airport "
             "began on Friday. The city council expects the tram line, with eleven "
             "stops and trams every six minutes at peak times, to open in four years; "
             "shop owners on the route are still waiting for compensation.")


def test_a_follow_up_a_month_later_is_another_story():
    first = unrelated(3)
    follow_up = dataclasses.replace(first.document, id="later", text=FOLLOW_UP,
                                    title="Building starts on airport tram line")
    same_week = dataclasses.replace(follow_up, id="week", published="2031-03-06")
    month_later = dataclasses.replace(follow_up, published="2031-04-20")
    linker = link_analyses([first, dataclasses.replace(first, document=same_week)])
    assert len(linker.story_records()) == 1
    linker = link_analyses([first, dataclasses.replace(first, document=month_later)])
    assert len(linker.story_records()) == 2


def test_incremental_adds_match_the_batch():
    corpus = wire_corpus()
    linker = Linker()
    for analysis in corpus:
        linker.add(analysis)
    assert ({frozenset(s.documents) for s in linker.story_records()}
            == {frozenset(s.documents) for s in link_analyses(corpus).story_records()})


def test_story_export_has_the_contract_fields():
    story = link_analyses(wire_corpus()).story_records()[0].to_dict()
    assert list(story) == ["story", "documents", "label"]


def test_demo_corpus_story_groups_score_at_least_the_gate(tmp_path, capsys):
    assert evaluate("stories", DEMO / "stories.jsonl",
                    docs=DEMO / "articles.jsonl") == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    scores = dict(item.split("=") for item in last.split())
    assert float(scores["story_pair_f1"]) >= DEMO_MIN_PAIR_F1


def test_eval_reads_a_directory_with_a_metadata_sidecar(tmp_path, capsys):
    for analysis in wire_corpus()[:3] + wire_corpus()[21:23]:
        (tmp_path / f"{analysis.document.id}.txt").write_text(analysis.document.text)
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"id": "wire-01", "date": "2031-03-05", "outlet": "x"}) + "\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"story": "w", "documents": ["wire-00", "wire-01", "wire-02"]})
                    + "\n" + json.dumps({"story": "o", "documents": ["other-0"]}) + "\n")
    assert evaluate("stories", gold, docs=tmp_path) == 0
    assert "story_pair_f1=1.000" in capsys.readouterr().out


def test_eval_stories_names_missing_documents_in_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"story": "s", "documents": ["a"]}) + "\n")
    result = CliRunner().invoke(app, ["eval", "stories", "--gold", str(gold),
                                      "--docs", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.output.strip().endswith("missing: no such file or directory")
    assert "Traceback" not in result.output


def test_eval_stories_needs_documents(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"story": "s", "documents": ["a"]}) + "\n")
    with pytest.raises(UsageError, match="--docs"):
        evaluate("stories", gold)


def test_a_document_given_twice_is_linked_once():
    corpus = wire_corpus()
    stories = link_analyses(corpus + corpus[:3]).story_records()
    assert sum(len(s.documents) for s in stories) == len(corpus)


PROMO = " ".join(f"Partner offer {n}: save {n * 7} euros at shop {n * 13} with code {n * 17}."
                 for n in range(10, 40))


def test_boilerplate_does_not_hide_a_copy():
    original = wire_copy(0)
    text = original.document.text + "\n\n" + PROMO
    promo = Boilerplate("promo", (len(text) - len(PROMO), len(text)))
    reprint = dataclasses.replace(original, document=dataclasses.replace(
        original.document, id="reprint", text=text, boilerplate=(promo,),
        published="2031-03-06"))
    links = {d["id"]: d["duplicate_of"] for d in link_analyses([original, reprint]).documents()}
    assert links["reprint"] == "wire-00"
