"""Ingest throughput against `analyze` alone, and ingest peak memory by corpus size.

    PYTHONPATH=$PWD python benchmarks/bench_ingest.py --docs 1000 10000 --ratio-docs 1000

Each measurement runs in its own process (so peak RSS is its own): the
model is loaded first and not timed, then the same generated documents are
either analysed and written as JSONL to /dev/null (what ``sayso analyze``
does) or ingested into a fresh DuckDB file. Prints a Markdown table, with
CPU time beside wall time: on a shared machine the wall clock mostly
measures the neighbours.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = ("Officials in {city} said on {day} that the council would vote on the "
             "budget again.", "Mayor {name} told reporters the plan was fair.",
             "Opposition members denied that the vote had been rigged.",
             "According to the {city} Herald, talks lasted {n} hours.",
             "A spokesman reportedly warned that more protests may follow.",
             "Residents said they had not been consulted.")
CITIES = ("Lisbon", "Accra", "Quito", "Hanoi", "Tartu", "Perth")
NAMES = ("Ana Ruiz", "Kofi Mensah", "Li Wei", "Maria Tamm")


def generated_document(n: int) -> dict:
    fill = {"city": CITIES[n % len(CITIES)], "name": NAMES[n % len(NAMES)],
            "day": f"day {n}", "n": n % 17 + 1}
    text = "\n\n".join(sentence.format(**fill) for sentence in SENTENCES)
    return {"id": f"bench-{n:06d}", "title": f"Budget vote {n}", "outlet": "Bench Wire",
            "text": f"Budget vote {n}\n\n{text}"}


def write_corpus(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(generated_document(n)) + "\n")


def run_analyze(corpus: str) -> int:
    from sayso.api import analyze_paths
    with open("/dev/null", "w", encoding="utf-8") as sink:
        count = 0
        for result in analyze_paths([corpus]):
            if not hasattr(result, "to_dict"):
                continue
            sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def run_ingest(corpus: str, db: str) -> int:
    from sayso.store import Store
    from sayso.store.ingest import ingest_paths
    with Store(db) as store:
        return ingest_paths([corpus], store).stored


def measure(mode: str, corpus: str, db: str) -> None:
    """Child process: load the model, time one run, print JSON."""
    from sayso.config import DEFAULT_MODEL
    from sayso.nlp.parse import load_pipeline
    load_pipeline(DEFAULT_MODEL)
    started, cpu_started = time.perf_counter(), time.process_time()
    count = run_analyze(corpus) if mode == "analyze" else run_ingest(corpus, db)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "documents": count, "seconds": seconds, "cpu": cpu,
                      "per_second": count / seconds, "per_cpu_second": count / cpu,
                      "peak_mib": peak_mib}))


def child(mode: str, corpus: Path, scratch: Path) -> dict:
    db = scratch / f"{mode}-{corpus.stem}.duckdb"
    output = subprocess.run([sys.executable, __file__, "--child", mode, str(corpus), str(db)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000],
                        help="corpus sizes for the memory measurement")
    parser.add_argument("--ratio-docs", type=int, default=1000,
                        help="corpus size for the throughput ratio")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="sayso-bench-") as name:
        scratch = Path(name)
        rows = []
        for count in sorted({args.ratio_docs, *args.docs}):
            corpus = scratch / f"corpus-{count}.jsonl"
            write_corpus(corpus, count)
            modes = ("analyze", "ingest") if count == args.ratio_docs else ("ingest",)
            rows += [{"size": count, **child(mode, corpus, scratch)} for mode in modes]
    print("| run | documents | wall s | documents/s | CPU s | documents/CPU s "
          "| peak RSS (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['mode']} | {row['documents']} | {row['seconds']:.1f} | "
              f"{row['per_second']:.1f} | {row['cpu']:.1f} | {row['per_cpu_second']:.1f} | "
              f"{row['peak_mib']:.0f} |")
    analyze = next(r for r in rows if r["mode"] == "analyze")
    ingest = next(r for r in rows if r["mode"] == "ingest" and r["size"] == args.ratio_docs)
    print(f"\ningest/analyze throughput on {args.ratio_docs} documents: "
          f"{ingest['per_second'] / analyze['per_second']:.2f} (wall clock), "
          f"{ingest['per_cpu_second'] / analyze['per_cpu_second']:.2f} (CPU time)")


if __name__ == "__main__":
    main()
