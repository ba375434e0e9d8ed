"""How much the events stage adds to spaCy parsing, as a ratio.

Usage:
    PYTHONPATH=$PWD python benchmarks/bench_events.py [--docs N] [--repeat R] [--profile]

Parses the first N bundled demo articles (sayso/data/demo/articles.jsonl),
runs the stages the events stage reads ("actors", "attributions"; not timed),
then runs the "events" stage on the parsed documents R times and prints the
best parse time, the best events time and their ratio. The budget is a ratio
of at most 0.10: events may add a tenth to parsing. The ratio compares two
timings from the same run on the same machine, so it holds across machines
where absolute seconds do not; both are CPU times of this process, which
other jobs on the machine disturb less than wall-clock time. With --profile
it prints the functions that take the most time inside the events stage.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from sayso.config import DEFAULT_MODEL
from sayso.model import Analysis
from sayso.nlp.parse import ParsedDocument, load_pipeline
from sayso.nlp.stages import resolve
from sayso.read import read_text
from timing import best_time, demo_texts

BUDGET = 0.10


def prepared(nlp, texts: list[str], repeat: int):
    """(parse seconds, [(parsed, analysis with actors and attributions)])."""
    parse_s, docs = best_time(lambda: list(nlp.pipe(texts)), repeat, clock=time.process_time)
    (_, find_actors), (_, find_attributions) = resolve(("actors", "attributions"))
    ready = []
    for n, (text, doc) in enumerate(zip(texts, docs)):
        parsed = ParsedDocument(read_text(text, f"d{n}"), doc)
        analysis = find_actors(parsed, Analysis(document=parsed.document))
        ready.append((parsed, find_attributions(parsed, analysis)))
    return parse_s, ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    nlp = load_pipeline(DEFAULT_MODEL)
    parse_s, ready = prepared(nlp, demo_texts(args.docs), args.repeat)
    (_, find_events), = resolve(("events",))
    find_events(*ready[0])  # load the tables once, outside the timing
    events_s, analyses = best_time(lambda: [find_events(p, a) for p, a in ready], args.repeat,
                                   clock=time.process_time)
    tokens = sum(len(p.doc) for p, _ in ready)
    events = sum(len(a.events) for a in analyses)
    ratio = events_s / parse_s
    print(f"{len(ready)} documents, {tokens} tokens, {events} events")
    print(f"parse {parse_s:.2f}s  events stage {events_s:.3f}s (ratio {ratio:.3f}, "
          f"budget {BUDGET})  {'ok' if ratio <= BUDGET else 'OVER'}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [find_events(p, a) for p, a in ready])
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
