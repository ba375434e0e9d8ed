"""The long run of the fuzzing campaign: many adversarial documents, and
time per KB on long paragraphs.

Documents come from `tests/adversarial.py` (seeds START .. START+N-1, nine in
ten of them one or two sentences, the rest a few paragraphs): each is
read by the reader its kind takes (plain text or HTML bytes, in any of nine
encodings, some lying about their charset), then analysed in batches as
`sayso analyze` does. A document passes when the reader refuses it with
sayso's own `InputError` (one line) or when its analysis validates against
`sayso schema` with every span indexing ``document.text`` and equal to its
text field. Anything else (another exception from a reader, a stage failure,
a span that does not index the text) is a finding, logged with its seed.

``--read-only`` stops after the readers: each document read (or refused)
is checked as an analysis with no records (its text, metadata and
boilerplate spans against the schema), many times faster than analysing.

``--linearity [CHARS ...]`` instead times the analysis of one paragraph of
each size (default 10 KB, 100 KB and 1 MB; the same generator) and prints the
CPU milliseconds per KB of each as a ratio to the first size, measured in
the same run (CPU time: the machine is shared).

    nice -n 19 python benchmarks/fuzz_campaign.py [N] [START] [--log FILE]
    nice -n 19 python benchmarks/fuzz_campaign.py [N] [START] --read-only
    nice -n 19 python benchmarks/fuzz_campaign.py --linearity [5000 10000 ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sayso.api import analyze  # noqa: E402
from sayso.engines.local import analyze_documents  # noqa: E402
from sayso.errors import InputError  # noqa: E402
from sayso.model import Analysis, Document, Failure  # noqa: E402
from sayso.read.boilerplate import mark_boilerplate  # noqa: E402
from sayso.read.html import read_html_document  # noqa: E402
from sayso.read.text import read_text_document  # noqa: E402
from sayso.schema import validate  # noqa: E402
from tests.adversarial import adversarial_input, long_paragraph  # noqa: E402

BATCH = 64
READERS = {"text": read_text_document, "html": read_html_document}


class Tally:
    """Counts of the run and the findings, with their seeds."""

    def __init__(self, log) -> None:
        self.log = log
        self.counts = {"documents": 0, "text": 0, "html": 0, "refused": 0,
                       "analysed": 0, "findings": 0}
        self.findings: list[dict] = []

    def finding(self, seed: int, where: str, problem: str) -> None:
        self.counts["findings"] += 1
        record = {"seed": seed, "where": where, "problem": problem[:300]}
        self.findings.append(record)
        print(json.dumps({"finding": record}), file=self.log, flush=True)


def read_one(seed: int, tally: Tally) -> Document | None:
    item = adversarial_input(seed, small=True)
    tally.counts["documents"] += 1
    tally.counts[item.kind] += 1
    try:
        return mark_boilerplate(READERS[item.kind](item.data, f"seed-{seed}", str(seed)))
    except InputError:
        tally.counts["refused"] += 1
    except Exception as exc:  # a finding: only sayso's own errors may escape
        tally.finding(seed, f"read {item.kind}", f"{type(exc).__name__}: {exc}")
    return None


def check_batch(documents: list[Document], tally: Tally) -> None:
    try:
        results = list(analyze_documents(documents))
    except Exception as exc:  # escaped the engine: find which document
        if len(documents) == 1:
            tally.finding(int(documents[0].id), "analyze", f"{type(exc).__name__}: {exc}")
            return
        for document in documents:
            check_batch([document], tally)
        return
    for result in results:
        check_result(result, tally)


def check_result(result: Analysis | Failure, tally: Tally) -> None:
    if isinstance(result, Failure):
        tally.finding(int(result.source), "stage", result.message)
        return
    try:
        validate(result.to_dict())
        tally.counts["analysed"] += 1
    except Exception as exc:
        tally.finding(int(result.document.id), "validate", f"{type(exc).__name__}: {exc}")


def check_read_only(documents: list[Document], tally: Tally) -> None:
    for document in documents:
        check_result(Analysis(document=document), tally)


def run(total: int, start: int, log, read_only: bool = False) -> dict:
    check = check_read_only if read_only else check_batch
    tally = Tally(log)
    began = time.perf_counter()
    batch: list[Document] = []
    for seed in range(start, start + total):
        document = read_one(seed, tally)
        if document is not None:
            batch.append(document)
        if len(batch) == BATCH or seed == start + total - 1:
            check(batch, tally)
            batch = []
        if (seed - start + 1) % 1000 == 0:
            rate = (seed - start + 1) / (time.perf_counter() - began)
            print(json.dumps({"progress": tally.counts, "docs_per_s": round(rate, 1)}),
                  file=log, flush=True)
    summary = {"start": start, "read_only": read_only, "seconds": round(time.perf_counter() - began),
               **tally.counts}
    print(json.dumps({"summary": summary}), file=log, flush=True)
    return summary


def linearity(sizes: list[int]) -> None:
    import random
    analyze(long_paragraph(random.Random(0), 2000))  # loads what stages load lazily
    base = None
    for chars in sizes:
        text = long_paragraph(random.Random(chars), chars)
        began, cpu = time.perf_counter(), time.process_time()
        result = analyze(text)
        wall, seconds = time.perf_counter() - began, time.process_time() - cpu
        validate(result.to_dict())
        per_kb = 1000 * seconds / (chars / 1000)
        base = base or per_kb
        print(f"{chars // 1000:>5} KB paragraph: {seconds:7.2f} CPU s ({wall:.1f} s wall), "
              f"{per_kb:6.2f} CPU ms/KB, "
              f"{per_kb / base:4.2f}x the {sizes[0] // 1000} KB cost per KB, "
              f"{len(result.attributions)} attributions", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("total", nargs="?", type=int, default=10_000)
    parser.add_argument("start", nargs="?", type=int, default=0)
    parser.add_argument("--log", type=Path)
    parser.add_argument("--read-only", action="store_true")
    parser.add_argument("--linearity", nargs="*", type=int, metavar="CHARS",
                        help="time paragraphs of these sizes (default 10 KB, 100 KB, 1 MB)")
    args = parser.parse_args()
    if args.linearity is not None:
        linearity(args.linearity or [10_000, 100_000, 1_000_000])
        return
    log = open(args.log, "a", encoding="utf-8") if args.log else sys.stdout
    summary = run(args.total, args.start, log, args.read_only)
    if args.log:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
