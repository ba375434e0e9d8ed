"""The Dask engine: parts written once, resumed, failures kept apart."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("dask.bag")

from sayso.engines.dask import analyze_with_dask, plan_parts  # noqa: E402
from sayso.errors import UsageError  # noqa: E402
from sayso.schema import validate  # noqa: E402


def write_articles(folder, count):
    for n in range(count):
        (folder / f"doc{n}.txt").write_text(
            f"Council vote {n}\n\nThe mayor said the council would vote on plan {n}.\n",
            encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")


def read_parts(out):
    return [json.loads(line) for part in sorted(out.glob("part-*[0-9].jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]


def test_parts_hold_every_analysis_and_failures_apart(tmp_path):
    (tmp_path / "in").mkdir()
    write_articles(tmp_path / "in", 5)
    results, unlisted = analyze_with_dask([str(tmp_path / "in"), str(tmp_path / "missing")],
                                          tmp_path / "out", files_per_part=2,
                                          scheduler="sync")
    analyses = read_parts(tmp_path / "out")
    assert sorted(a["document"]["id"] for a in analyses) == [f"doc{n}" for n in range(5)]
    for analysis in analyses:
        validate(analysis)
    assert sum(r.failures for r in results) == 1
    assert [f.source for f in unlisted] == [str(tmp_path / "missing")]
    failures = [json.loads(line) for part in (tmp_path / "out").glob("*.failures.jsonl")
                for line in part.read_text().splitlines()]
    assert failures[0]["source"].endswith("empty.txt")


def test_a_rerun_skips_finished_parts(tmp_path):
    (tmp_path / "in").mkdir()
    write_articles(tmp_path / "in", 3)
    analyze_with_dask([str(tmp_path / "in")], tmp_path / "out", files_per_part=2,
                      scheduler="sync")
    (tmp_path / "out" / "part-00001.jsonl").unlink()
    results, _ = analyze_with_dask([str(tmp_path / "in")], tmp_path / "out",
                                   files_per_part=2, scheduler="sync")
    assert [r.skipped for r in results] == [True, False]
    assert len(read_parts(tmp_path / "out")) == 3


def test_plan_rejects_stdin_and_bad_part_sizes(tmp_path):
    with pytest.raises(UsageError):
        plan_parts(["-"], 10)
    with pytest.raises(UsageError):
        plan_parts([str(tmp_path)], 0)


def test_runs_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    (tmp_path / "in").mkdir()
    write_articles(tmp_path / "in", 2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        results, _ = analyze_with_dask([str(tmp_path / "in")], tmp_path / "out",
                                       scheduler=cluster.scheduler_address)
    assert sum(r.documents for r in results) == 2
