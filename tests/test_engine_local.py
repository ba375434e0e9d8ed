"""Worker processes give the same analyses, in the same order, as one process."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from sayso.cli import app
from sayso.config import Config
from sayso.engines.local import analyze_documents
from sayso.model import Analysis, Failure
from sayso.read import read_text

TEXTS = [
    "The minister said on Monday that the talks had failed.",
    "“We will not give up,” Maria Lopez, a union leader, told reporters in Madrid.",
    "Police arrested three protesters, officials said. The mayor denied the reports.",
    "According to the report, exports fell by a tenth last year.",
    "Nothing was said.",
]


def items():
    documents = [read_text(text, f"d{n}") for n, text in enumerate(TEXTS)]
    return [*documents[:2], Failure("bad.html", "cannot read"), *documents[2:]]


def analyses(results):
    return [r for r in results if isinstance(r, Analysis)]


def test_two_workers_analyse_like_one_process():
    alone = list(analyze_documents(items(), Config(batch_size=2)))
    shared = list(analyze_documents(items(), Config(batch_size=2, n_process=2)))
    assert analyses(shared) == analyses(alone)
    assert any(r.attributions for r in analyses(shared))
    assert [r.document.id if isinstance(r, Analysis) else r.source for r in shared] == [
        "d0", "d1", "bad.html", "d2", "d3", "d4"]


def test_analyze_workers_must_be_positive():
    result = CliRunner().invoke(app, ["analyze", "x.txt", "--workers", "0"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "sayso: --workers must be at least 1, not 0"


def test_analyze_with_two_workers_prints_every_document(tmp_path):
    for n, text in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--workers", "2",
                                      "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"]["text"] for r in records] == TEXTS
