"""The actor stage's data tables and the Phoenix look-up, without a model."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sayso.nlp.actors import lexicon, phoenix

ROOT = Path(__file__).resolve().parents[1]
PHOENIX_ORIGINALS = ROOT.parent / "shared" / "data" / "phoenix"


@pytest.mark.parametrize("text, surface, code", [
    ("Talks with al-Qaeda in Iraq stalled.", "al-Qaeda in Iraq", "IMGMUSISI"),
    ("The IDF said", "IDF", "ISRMIL"),
    ("Israeli troops", "Israeli", "ISR"),
    ("Then Barack Obama spoke", "Barack Obama", "USAGOV"),
])
def test_phoenix_phrases_match_word_by_word(text, surface, code):
    matches = {text[m.start:m.end]: m.entry.code for m in phoenix.find_phrases(text)}
    assert matches.get(surface) == code


def test_short_phoenix_names_need_capitals():
    assert not phoenix.find_phrases("they told us so")
    assert [m.entry.code for m in phoenix.find_phrases("the US said")] == ["USA"]


@pytest.mark.parametrize("text, agent", [
    ("police officer", "COP"), ("rebels", "REB"), ("army", "MIL"), ("farmers", "AGR"),
])
def test_agent_codes(text, agent):
    assert phoenix.agent_code(text) == agent


@pytest.mark.parametrize("base, agent, code", [
    ("ISR", "MIL", "ISRMIL"), ("IGOUNO", "GOV", "IGOUNO"),
    ("PSEREBHMS", "MED", "PSEREBHMS"), (None, "MIL", None), ("EGY", None, "EGY"),
])
def test_compose(base, agent, code):
    assert phoenix.compose(base, agent) == code


@pytest.mark.parametrize("name, kind", [
    ("Ansar Beit al-Maqdis", "group"), ("al-Aqsa Martyrs Brigades", "group"),
    ("Popular Front", "group"), ("Likud Party", "organization"),
    ("Ministry of Interior", "organization"), ("Palestinian Authority", "organization"),
    ("Yoav Mordechai", None), ("Ansar", None),
])
def test_org_name_patterns(name, kind):
    assert lexicon.org_kind(name) == kind


def test_outlets_and_aliases_are_listed_once_per_name():
    assert lexicon.outlets()["haaretz"][0].code == "ISRMED"
    assert lexicon.outlets()["the national"][1] is True
    assert lexicon.aliases()["daesh"].name == "Islamic State"


def test_titles_are_case_sensitive_roles_are_not():
    pattern = lexicon.title_pattern()
    assert [m.group() for m in pattern.finditer("a major Hamas Spokesman")] == ["Spokesman"]
    assert [m.group() for m in pattern.finditer("Maj.-Gen. Yoav")] == ["Maj.-Gen."]


@pytest.mark.skipif(not PHOENIX_ORIGINALS.exists(), reason="shared Phoenix files absent")
def test_shipped_phoenix_tables_are_what_the_script_builds(tmp_path):
    path = ROOT / "scripts" / "build_phoenix_index.py"
    spec = importlib.util.spec_from_file_location("build_phoenix_index", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(PHOENIX_ORIGINALS, tmp_path)
    for name in ("actors.tsv", "agents.tsv"):
        shipped = (ROOT / "sayso" / "data" / "phoenix" / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == shipped
