"""How much the attribution tagger adds to spaCy parsing, as a ratio.

Usage:
    PYTHONPATH=$PWD python benchmarks/bench_attribution.py [--docs N] [--repeat R]

Parses the first N bundled demo articles (sayso/data/demo/articles.jsonl),
then tags the parsed documents with the attribution tagger, R times each,
and prints the best parse time, the best tagging time and their ratio.
The budget is a ratio of at most 0.25: tagging may add a quarter to parsing.
The ratio compares two timings from the same run on the same machine, so it
holds across machines where absolute seconds do not.
"""
from __future__ import annotations

import argparse
import json
import time

from sayso.config import DEFAULT_MODEL
from sayso.nlp.attribution.tagger import load_model, tag_doc
from sayso.nlp.parse import load_pipeline
from sayso.resources import data_file

BUDGET = 0.25


def demo_texts(count: int) -> list[str]:
    lines = data_file("demo", "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines[:count]]


def best_time(run, repeat: int) -> tuple[float, object]:
    """The fastest of `repeat` runs, and the last run's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = load_pipeline(DEFAULT_MODEL)
    load_model()
    texts = demo_texts(args.docs)
    parse_s, docs = best_time(lambda: list(nlp.pipe(texts)), args.repeat)
    tag_s, candidates = best_time(lambda: [tag_doc(doc) for doc in docs], args.repeat)
    tokens = sum(len(doc) for doc in docs)
    found = sum(len(c) for c in candidates)
    ratio = tag_s / parse_s
    print(f"{len(docs)} documents, {tokens} tokens, {found} candidates")
    print(f"parse {parse_s:.2f}s  tagging {tag_s:.2f}s  "
          f"ratio {ratio:.3f} (budget {BUDGET})  {'ok' if ratio <= BUDGET else 'OVER'}")


if __name__ == "__main__":
    main()
