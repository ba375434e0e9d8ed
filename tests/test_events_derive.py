"""Deriving the verb tables from the PETRARCH CAMEO verb dictionary."""
from __future__ import annotations

import pytest

from conftest import SHARED
from sayso.nlp.events.derive import parse_agents, parse_dictionary, write_tables
from sayso.resources import data_file

EXCERPT = """\
&WEAPON
+GUN
+ROCKET_LAUNCHER

####### VERB PATTERNS #######

---  STRIKE   [190]  ---
+WAGE_WAR {+WAGES_WAR +WAGED_WAR}
HIT
BOMB [195]  # a comment
- * &WEAPON                                   [194]         # HIT
- * (IN ACCIDENT)                             [---]         # HIT
- * TRIAL                                     [:173]        # HIT
- PRESS *                                     [110]         # HIT
"""

TABLES = ("cameo_synsets.tsv", "cameo_verbs.tsv", "cameo_patterns.tsv", "cameo_agents.tsv")


def test_parse_dictionary_excerpt():
    synsets, verbs, patterns = parse_dictionary(EXCERPT)
    assert synsets == [("&weapon", "gun"), ("&weapon", "rocket launcher")]
    assert [(v.verb, v.code, v.needs) for v in verbs] == [
        ("wage", "190", "war"), ("hit", "190", ""), ("bomb", "195", "")]
    assert [(p.before, p.after, p.code, p.reversed) for p in patterns] == [
        ("", "&weapon", "194", False), ("", "in accident", "---", False),
        ("", "trial", "173", True), ("press", "", "110", False)]


def test_parse_agents_with_plural_forms():
    text = "POLICE {POLICEMEN} [~COP]\nREBEL [~REB]\nCATTLE!PERSON! [~AGR]\n"
    assert list(parse_agents(text)) == [("police", "COP"), ("policemen", "COP"),
                                        ("rebel", "REB")]


def test_shipped_tables_are_the_derivation_of_the_shared_dictionary(tmp_path):
    phoenix = SHARED / "data" / "phoenix"
    if not (phoenix / "CAMEO.2.0.txt").exists():
        pytest.skip("../shared/data/phoenix is not beside this checkout")
    write_tables(phoenix / "CAMEO.2.0.txt", phoenix / "Phoenix.agents.txt", tmp_path)
    for name in TABLES:
        assert (tmp_path / name).read_text() == data_file(name).read_text(), name
