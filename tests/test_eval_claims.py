"""The claims scorer on tiny hand-made predictions, and the claims gold corpus itself."""
import json
from pathlib import Path

import pytest

from sayso.eval.scorers import score_claims

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "claims"
TEXTS = {
    "d1": "Harel said the port paid customs officers. Osan denied the reports. "
          "Harel said the accounts were never audited.",
    "d2": "The auditor said the port had bribed customs staff. The port paid "
          "customs officers, the paper wrote.",
    "d3": "Harel told the paper that customs officers were paid by the port.",
}
GOLD = [
    {"claim": "G1", "members": [["d1", "the port paid customs officers"],
                                ["d2", "the port had bribed customs staff"],
                                ["d3", "customs officers were paid by the port"]],
     "origins": ["Ilse Harel"], "contested": True,
     "contested_by": [["d1", "the reports"]], "laundered": False, "laundered_in": []},
    {"claim": "G2", "members": [["d1", "the reports"]], "origins": ["Viktor Osan"],
     "contested": False, "contested_by": [], "laundered": False, "laundered_in": []},
    {"claim": "G3", "members": [["d1", "the accounts were never audited"]],
     "origins": ["Ilse Harel"], "contested": False, "contested_by": [],
     "laundered": False, "laundered_in": []},
]


def span(doc, quote):
    start = TEXTS[doc].index(quote)
    return [start, start + len(quote)]


STATEMENTS = {("d1", "q1"): span("d1", "the port paid customs officers"),
              ("d1", "q2"): span("d1", "the reports"),
              ("d1", "q3"): span("d1", "the accounts were never audited"),
              ("d2", "q1"): span("d2", "the port had bribed customs staff"),
              ("d3", "q1"): span("d3", "customs officers were paid by the port")}


def claim(cid, members, **fields):
    return {"claim": cid, "members": [list(m) for m in members], "origins": 1,
            "contested": False, "contested_by": [], "laundered": False,
            "laundered_in": [], **fields}


PERFECT = [claim("c1", [("d1", "q1"), ("d2", "q1"), ("d3", "q1")], contested=True,
                 contested_by=[["d1", "q2"]]),
           claim("c2", [("d1", "q2")]), claim("c3", [("d1", "q3")])]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def score(tmp_path, capsys, claims, statements=STATEMENTS, extra=()):
    write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = tmp_path / "pred"
    pred.mkdir(exist_ok=True)
    write_jsonl(pred / "documents.jsonl", [{"id": d, "text": t} for d, t in TEXTS.items()])
    write_jsonl(pred / "claims.jsonl", claims)
    if statements:
        write_jsonl(pred / "statements.jsonl", [
            {"document": d, "id": s, "span": sp} for (d, s), sp in statements.items()])
    for name, rows in extra:
        write_jsonl(pred / f"{name}.jsonl", rows)
    assert score_claims.main([str(tmp_path / "gold.jsonl"), str(pred)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    pairs = [item for item in lines[1].split() if item.startswith(("precision", "recall"))]
    return {k: float(v) for k, v in (item.split("=") for item in lines[-1].split() + pairs)}


def test_a_perfect_prediction_scores_one(tmp_path, capsys):
    assert score(tmp_path, capsys, PERFECT) == {
        "claims_pair_f1": 1.0, "origins_acc": 1.0, "contested_f1": 1.0, "laundered_f1": 1.0,
        "precision": 1.0, "recall": 1.0}


def test_a_split_claim_lowers_recall_only(tmp_path, capsys):
    split = [claim("c1", [("d1", "q1"), ("d2", "q1")], contested=True,
                   contested_by=[["d1", "q2"]]),
             claim("c4", [("d3", "q1")]), *PERFECT[1:]]
    metrics = score(tmp_path, capsys, split)
    assert metrics["precision"] == 1.0
    assert metrics["recall"] == pytest.approx(1 / 3, abs=1e-3)  # one of the three pairs


def test_a_merged_claim_lowers_precision_only(tmp_path, capsys):
    merged = [claim("c1", [("d1", "q1"), ("d2", "q1"), ("d3", "q1"), ("d1", "q3")]),
              PERFECT[1]]
    metrics = score(tmp_path, capsys, merged)
    assert metrics["recall"] == 1.0
    assert metrics["precision"] == pytest.approx(0.5)  # 3 of the 6 pairs


def test_two_propositions_in_one_statement_count_as_a_merge(tmp_path, capsys):
    both = [span("d1", "the port paid customs officers")[0],
            span("d1", "the accounts were never audited")[1]]
    metrics = score(tmp_path, capsys, PERFECT[:2],
                    statements={**STATEMENTS, ("d1", "q1"): both})
    assert metrics["recall"] == 1.0
    assert metrics["precision"] < 1.0


def test_a_denial_inside_the_claim_it_denies_is_a_false_contested(tmp_path, capsys):
    # today's shape: the denial is a member of a contested claim of its own
    denial_alone = [PERFECT[0] | {"contested": False, "contested_by": []},
                    claim("c2", [("d1", "q2")], contested=True), PERFECT[2]]
    metrics = score(tmp_path, capsys, denial_alone)
    assert metrics["contested_f1"] == 0.0
    assert metrics["claims_pair_f1"] == 1.0


def test_without_a_statements_export_attribution_and_event_spans_stand_in(tmp_path, capsys):
    attributions = [{"document": d, "id": s, "content": {"spans": [sp]}}
                    for (d, s), sp in STATEMENTS.items()]
    own = span("d2", "The port paid customs officers")
    events = [{"document": "d2", "id": "e1", "sentence": own}]
    claims = [claim("c1", [("d1", "q1"), ("d2", "q1"), ("d2", "e1"), ("d3", "q1")],
                    contested=True,
                    contested_by=[["d1", "q2"]]), *PERFECT[1:]]
    metrics = score(tmp_path, capsys, claims, statements=None,
                    extra=[("attributions", attributions), ("events", events)])
    assert metrics["claims_pair_f1"] == 1.0
    assert metrics["contested_f1"] == 1.0


def test_a_laundered_claim_is_scored_by_gold_claim(tmp_path, capsys):
    laundered = [PERFECT[0], PERFECT[1], claim("c3", [("d1", "q3")], laundered=True,
                                                laundered_in=["d2"])]
    metrics = score(tmp_path, capsys, laundered)
    assert metrics["laundered_f1"] == 0.0  # one false positive, no gold positive


def test_a_gold_quote_missing_from_its_document_is_named(tmp_path, capsys):
    write_jsonl(tmp_path / "gold.jsonl", [GOLD[0] | {"members": [["d1", "not there"]]}])
    pred = tmp_path / "pred"
    pred.mkdir()
    write_jsonl(pred / "documents.jsonl", [{"id": d, "text": t} for d, t in TEXTS.items()])
    write_jsonl(pred / "claims.jsonl", [])
    with pytest.raises(SystemExit, match="gold quote not in document 'd1'"):
        score_claims.main([str(tmp_path / "gold.jsonl"), str(pred)])


def read_half(half):
    folder = FIXTURES / half
    docs = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    gold = [json.loads(line) for line in (folder / "claims.jsonl").open(encoding="utf-8")]
    return {d["id"]: d for d in docs}, gold


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_every_gold_quote_occurs_once_in_its_document(half):
    if not (FIXTURES / half / "claims.jsonl").exists():
        pytest.skip(f"no {half} gold yet")
    docs, gold = read_half(half)
    for record in gold:
        for doc, quote in record["members"] + record["contested_by"]:
            assert docs[doc]["text"].count(quote) == 1, (record["claim"], doc, quote)


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_gold_claims_are_consistent(half):
    if not (FIXTURES / half / "claims.jsonl").exists():
        pytest.skip(f"no {half} gold yet")
    docs, gold = read_half(half)
    members = {tuple(m) for record in gold for m in record["members"]}
    assert len({record["claim"] for record in gold}) == len(gold)
    for record in gold:
        assert record["contested"] == bool(record["contested_by"])
        assert record["laundered"] == bool(record["laundered_in"])
        assert set(record["laundered_in"]) <= {m[0] for m in record["members"]}
        assert {tuple(m) for m in record["contested_by"]} <= members
        assert record["origins"]
    assert 150 <= min(len(d["text"].split()) for d in docs.values())


def test_cli_eval_claims_scores_a_directory_of_exports(tmp_path, capsys):
    from typer.testing import CliRunner

    from sayso.cli import app

    score(tmp_path, capsys, PERFECT)
    result = CliRunner().invoke(app, ["eval", "claims", "--gold", str(tmp_path / "gold.jsonl"),
                                      "--pred", str(tmp_path / "pred")])
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1].startswith("claims_pair_f1=1.000 ")


def test_details_name_each_gold_members_predicted_claim(tmp_path, capsys):
    split = [claim("c1", [("d1", "q1"), ("d2", "q1")]), *PERFECT[1:]]
    score(tmp_path, capsys, split)
    assert score_claims.main([str(tmp_path / "gold.jsonl"), str(tmp_path / "pred"),
                              "--details"]) == 0
    out = capsys.readouterr().out
    assert "G1 (gold/pred) contested=1/0 laundered=0/0 origins=1/1" in out
    assert "  d1 'the port paid customs officers' -> c1 q1" in out
    assert "  d3 'customs officers were paid by the port' -> q1 (in no claim)" in out


def test_eval_claims_needs_exactly_one_prediction_source(tmp_path):
    from sayso.errors import UsageError
    from sayso.eval import evaluate

    gold = FIXTURES / "tune" / "claims.jsonl"
    with pytest.raises(UsageError, match="eval claims needs one of --db"):
        evaluate("claims", gold)
    with pytest.raises(UsageError, match="eval claims needs one of --db"):
        evaluate("claims", gold, db=tmp_path / "x.duckdb", docs=tmp_path)


def test_eval_claims_names_a_missing_database(tmp_path):
    from sayso.errors import InputError
    from sayso.eval import evaluate

    with pytest.raises(InputError, match="no such database"):
        evaluate("claims", FIXTURES / "tune" / "claims.jsonl", db=tmp_path / "none.duckdb")


def test_origins_are_scored_only_on_claims_found_together(tmp_path, capsys):
    singletons = [claim(f"c{i}", [member]) for i, member in enumerate(STATEMENTS)]
    score(tmp_path, capsys, singletons)
    assert score_claims.main([str(tmp_path / "gold.jsonl"), str(tmp_path / "pred")]) == 0
    assert "origins: claims=0 correct=0" in capsys.readouterr().out
    wrong = [claim("c1", [("d1", "q1"), ("d2", "q1"), ("d3", "q1")], origins=2), *PERFECT[1:]]
    assert score(tmp_path, capsys, wrong)["origins_acc"] == 0.0


@pytest.mark.parametrize("gold, message", [
    ([GOLD[0] | {"members": [["d9", "the port"]]}], "gold document 'd9' is not among"),
    ([{"claim": "G1"}], "not a gold claim record"),
])
def test_a_bad_gold_record_is_named_in_one_line(tmp_path, capsys, gold, message):
    score(tmp_path, capsys, PERFECT)
    write_jsonl(tmp_path / "gold.jsonl", gold)
    with pytest.raises(SystemExit, match=message):
        score_claims.main([str(tmp_path / "gold.jsonl"), str(tmp_path / "pred")])


def test_a_missing_claims_export_is_named(tmp_path):
    write_jsonl(tmp_path / "gold.jsonl", GOLD)
    with pytest.raises(SystemExit, match=r"claims.jsonl: cannot read it"):
        score_claims.main([str(tmp_path / "gold.jsonl"), str(tmp_path)])


def gold_as_prediction(half, out):
    """The gold itself written as sayso's exports: every member a statement."""
    docs, gold = read_half(half)
    ids = {}
    for record in gold:
        for doc, quote in record["members"]:
            ids.setdefault((doc, quote), f"s{len(ids) + 1}")
    out.mkdir()
    write_jsonl(out / "documents.jsonl", list(docs.values()))
    write_jsonl(out / "statements.jsonl", [
        {"document": doc, "id": sid, "span": [docs[doc]["text"].index(quote),
                                              docs[doc]["text"].index(quote) + len(quote)]}
        for (doc, quote), sid in ids.items()])
    write_jsonl(out / "claims.jsonl", [
        {"claim": r["claim"], "members": [[d, ids[(d, q)]] for d, q in r["members"]],
         "origins": len(r["origins"]), "contested": r["contested"],
         "contested_by": [[d, ids[(d, q)]] for d, q in r["contested_by"]],
         "laundered": r["laundered"], "laundered_in": r["laundered_in"]} for r in gold])


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_the_gold_scores_one_against_itself(half, tmp_path, capsys):
    gold_as_prediction(half, tmp_path / "pred")
    assert score_claims.main([str(FIXTURES / half / "claims.jsonl"), str(tmp_path / "pred")]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == (
        "claims_pair_f1=1.000 origins_acc=1.000 contested_f1=1.000 laundered_f1=1.000")
    found, total = out.split("contested_by links found=")[1].split()[0].split("/")
    assert found == total != "0"
    assert "laundered_in precision=1.000 recall=1.000" in out
