"""How much attribution adds to spaCy parsing, as a ratio.

Usage:
    PYTHONPATH=$PWD python benchmarks/bench_attribution.py [--docs N] [--repeat R]

Parses the first N bundled demo articles (sayso/data/demo/articles.jsonl),
then runs on the parsed documents (R times each) the attribution tagger
alone and the whole "attributions" stage (tagger, rules, merge, enrichment,
speaker resolution; the actors stage it reads runs first and is not timed),
and prints the best parse time, the best time of each and their ratios.
The budget is a ratio of at most 0.25: the stage may add a quarter to parsing.
With --accurate it also times the opt-in "attributions-accurate" stage
(the transformer tagger of ``sayso analyze --accurate``), which has no budget
but whose cost the docs report.
The ratio compares two timings from the same run on the same machine, so it
holds across machines where absolute seconds do not.
"""
from __future__ import annotations

import argparse

from sayso.config import DEFAULT_MODEL
from sayso.model import Analysis
from sayso.nlp.attribution.tagger import load_model, tag_doc
from sayso.nlp.parse import ParsedDocument, load_pipeline
from sayso.nlp.stages import resolve
from sayso.read import read_text
from timing import best_time, demo_texts

BUDGET = 0.25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--accurate", action="store_true",
                        help="also time the transformer tagger's stage")
    args = parser.parse_args()
    nlp = load_pipeline(DEFAULT_MODEL)
    load_model()
    texts = demo_texts(args.docs)
    parse_s, docs = best_time(lambda: list(nlp.pipe(texts)), args.repeat)
    tag_s, candidates = best_time(lambda: [tag_doc(doc) for doc in docs], args.repeat)
    (_, find_actors), (_, find_attributions) = resolve(("actors", "attributions"))
    parsed = [ParsedDocument(read_text(text, f"d{n}"), doc)
              for n, (text, doc) in enumerate(zip(texts, docs))]
    with_actors = [(p, find_actors(p, Analysis(document=p.document))) for p in parsed]
    stage_s, analyses = best_time(
        lambda: [find_attributions(p, a) for p, a in with_actors], args.repeat)
    tokens = sum(len(doc) for doc in docs)
    found = sum(len(c) for c in candidates)
    attributions = sum(len(a.attributions) for a in analyses)
    print(f"{len(docs)} documents, {tokens} tokens, {found} tagger candidates, "
          f"{attributions} attributions")
    print(f"parse {parse_s:.2f}s  tagger {tag_s:.2f}s (ratio {tag_s / parse_s:.3f})  "
          f"attributions stage {stage_s:.2f}s (ratio {stage_s / parse_s:.3f}, "
          f"budget {BUDGET})  {'ok' if stage_s / parse_s <= BUDGET else 'OVER'}")
    if args.accurate:
        (_, find_accurate), = resolve(("attributions-accurate",))
        accurate_s, _ = best_time(
            lambda: [find_accurate(p, a) for p, a in with_actors], args.repeat)
        print(f"accurate attributions stage {accurate_s:.2f}s "
              f"(ratio {accurate_s / parse_s:.3f}, opt-in, no budget)")


if __name__ == "__main__":
    main()
