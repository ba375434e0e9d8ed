"""Dask output reaches the corpus: part files ingested as they are, and
``sayso ingest --engine dask`` analysing on a cluster, storing here,
resumable after ``kill -9`` of the client."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from dask import distributed  # noqa: E402

from sayso.config import Config  # noqa: E402
from sayso.engines.dask import analyze_on_cluster, analyze_with_dask  # noqa: E402
from sayso.engines.parts import recorded_analyser  # noqa: E402
from sayso.model import Document  # noqa: E402
from sayso.resources import data_file  # noqa: E402
from sayso.store import Store  # noqa: E402
from sayso.store.export import export_records  # noqa: E402
from sayso.store.fingerprint import analyser_fingerprint  # noqa: E402
from sayso.store.ingest import ingest_paths  # noqa: E402
from store_helpers import (assert_stored_once, generated_articles, sample_analysis,  # noqa: E402
                           write_jsonl)

ROOT = Path(__file__).resolve().parents[1]
DEMO = [str(data_file("demo", "articles.jsonl")), str(data_file("demo", "html"))]
LINKED = ("documents", "stories", "claims", "attributions")


def corpus(store: Store) -> dict[str, list[dict]]:
    return {what: list(export_records(store, what)) for what in LINKED}


def nothing_to_analyse(items, config):
    """An analyser for ingests that must not analyse anything."""
    for item in items:
        assert not isinstance(item, Document), f"{item.id} was analysed again"
        yield item


@pytest.fixture(scope="module")
def local_demo(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("local") / "c.duckdb") as store:
        summary = ingest_paths(DEMO, store)
        assert (summary.stored, summary.unchanged, summary.failed) == (32, 5, 0), \
            "the 5 HTML pages are copies of 5 JSONL articles"
        return corpus(store)


def test_demo_part_files_ingest_as_the_local_ingest_does(nlp, tmp_path, local_demo):
    results, _ = analyze_with_dask(DEMO, tmp_path / "out", scheduler="sync")
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))   # failures files too
    assert recorded_analyser(parts[-1]) == analyser_fingerprint(Config())
    with Store(tmp_path / "c.duckdb") as store:
        summary = ingest_paths([str(p) for p in parts], store, analyse=nothing_to_analyse)
        assert sum(r.documents for r in results) == 37
        assert (summary.stored, summary.unchanged, summary.failed) == (32, 5, 0)
        assert corpus(store) == local_demo
        pages = ingest_paths(DEMO[1:], store, analyse=nothing_to_analyse)
        assert (pages.stored, pages.unchanged) == (0, 5), "the parts' analyser is this one"
        again = ingest_paths([str(tmp_path / "out")], store, analyse=nothing_to_analyse)
        assert (again.unchanged, again.failed) == (32, 0)  # the 5 ids of copies, as locally


def test_demo_ingested_on_a_cluster_is_the_local_ingest(nlp, tmp_path, local_demo):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client, Store(tmp_path / "c.duckdb") as store:
        summary = ingest_paths(DEMO, store, analyse=lambda items, config:
                               analyze_on_cluster(items, client, config, chunk_size=3))
        assert (summary.stored, summary.unchanged, summary.failed) == (32, 5, 0)
        assert corpus(store) == local_demo


def test_cluster_results_come_in_input_order_with_failures_in_place(nlp):
    from sayso.model import Failure
    from sayso.read import read_text
    items = [read_text(f"The mayor said plan {n} would pass.", f"d{n}") for n in range(7)]
    items.insert(3, Failure("bad.txt", "cannot read"))
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=":0") as client:
        out = list(analyze_on_cluster(items, client, chunk_size=2, in_flight=2))
    names = [r.source if isinstance(r, Failure) else r.document.id for r in out]
    assert names == ["d0", "d1", "d2", "bad.txt", "d3", "d4", "d5", "d6"]


def test_bad_lines_of_a_part_file_are_quarantined_and_the_rest_stored(nlp, tmp_path):
    good = sample_analysis("ok").to_dict()
    edited = sample_analysis("edited").to_dict()
    edited["document"]["text"] = edited["document"]["text"].replace("Border", "Harder")
    lines = [json.dumps(good), json.dumps(edited), '{"schema": "sayso.analysis/1"}',
             '{"id": "raw", "text": "A raw document."}', "{not json"]
    part = tmp_path / "part-00000.jsonl"
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "part-00000.failures.jsonl").write_text(
        '{"source": "in/empty.txt", "message": "empty document"}\n', encoding="utf-8")
    with Store(":memory:") as store:
        summary = ingest_paths([str(tmp_path)], store, analyse=nothing_to_analyse)
        assert (summary.stored, summary.failed) == (1, 5)
        assert store.get("ok").to_dict() == good
        sources = sorted(f.source for f in store.quarantined())
    assert sources == sorted(["in/empty.txt", *(f"{part}:{n}" for n in range(2, 6))])


def test_cli_scheduler_needs_the_dask_engine_and_an_address(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", generated_articles(1))
    for args in (["--scheduler", "tcp://127.0.0.1:1"], ["--engine", "dask", "--scheduler",
                                                        "processes"], ["--engine", "spark"]):
        result = run_sayso("ingest", str(source), "--db", str(tmp_path / "c.duckdb"), *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("sayso: ") and "Traceback" not in result.stderr


def run_sayso(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sayso", *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)


def children(pid: int) -> set[int]:
    """The processes whose parent is pid (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_kill_9_of_a_dask_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    total = 24
    source = write_jsonl(tmp_path / "many.jsonl", generated_articles(total, sentences=30))
    db = tmp_path / "corpus.duckdb"
    command = [sys.executable, "-m", "sayso", "ingest", str(source), "--db", str(db),
               "--engine", "dask", "--workers", "1", "--batch-size", "4"]
    ingest = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        for line in ingest.stderr:
            if line.startswith("ingest: 4 documents done"):
                break
        workers = children(ingest.pid)
        ingest.send_signal(signal.SIGKILL)
    finally:
        ingest.wait(timeout=60)
    assert ingest.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not any(alive(pid) for pid in workers), "Dask workers outlived their client"
    with Store(db) as store:
        assert 4 <= store.counts()["documents"] < total, "the kill came too late to test"
    rerun = run_sayso("ingest", str(source), "--db", str(db), "--engine", "dask",
                      "--workers", "1", "--batch-size", "4")
    assert rerun.returncode == 0, rerun.stderr
    assert "skipped" in rerun.stdout and "failed 0" in rerun.stdout
    with Store(db) as store:
        assert_stored_once(store, generated_articles(total, sentences=30))
