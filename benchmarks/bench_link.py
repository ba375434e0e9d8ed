"""How linking scales: time per added document as the corpus grows.

Generates a synthetic corpus (random words: a shared Zipf-distributed
background vocabulary plus a topic vocabulary per story, three to five
articles per story published within two days, stories spread over five
years) and adds it to one `Linker` in publication order, printing the
milliseconds per document for each slice of the corpus and the story pair
F1 against the generated stories. With blocking (LSH buckets, term-by-day
postings) the cost per document stays flat as the corpus grows.

With ``--store`` the same corpus goes into a DuckDB store (in a temporary
directory) in batches of 100, each followed by `update_links`, as ingest
does; the times then include the store's reads and writes.

    PYTHONPATH=. python benchmarks/bench_link.py [DOCUMENTS] [SLICE] [--store]
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date
from itertools import combinations

from sayso.link import Linker
from sayso.link.persist import update_links
from sayso.model import Analysis, Document
from sayso.store import Store

BACKGROUND = [f"word{i}" for i in range(20000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(BACKGROUND))]
START = date(2020, 1, 1).toordinal()
STORE_BATCH = 100


def story_articles(story: int, rng: random.Random) -> list[Document]:
    topic = [f"topic{story}x{i}" for i in range(25)]
    day = START + rng.randrange(5 * 365)
    articles = []
    for n in range(rng.randint(3, 5)):
        words = rng.choices(BACKGROUND, WEIGHTS, k=160) + rng.choices(topic, k=40)
        rng.shuffle(words)
        published = date.fromordinal(day + rng.randint(0, 2)).isoformat()
        articles.append(Document(id=f"s{story}-{n}", text=" ".join(words),
                                 title=" ".join(rng.sample(topic, 5)), published=published))
    return articles


def corpus(size: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    documents: list[Document] = []
    story = 0
    while len(documents) < size:
        documents.extend(story_articles(story, rng))
        story += 1
    return sorted(documents[:size], key=lambda d: (d.published, d.id))


def pair_f1(gold: dict[str, str], predicted: dict[str, str]) -> float:
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for doc, label in labels.items():
            groups.setdefault(label, []).append(doc)
        return {pair for members in groups.values() for pair in combinations(sorted(members), 2)}
    gold_pairs, predicted_pairs = pairs(gold), pairs(predicted)
    correct = len(gold_pairs & predicted_pairs)
    if not correct:
        return 0.0
    precision, recall = correct / len(predicted_pairs), correct / len(gold_pairs)
    return 2 * precision * recall / (precision + recall)


class InMemory:
    """Adds documents to one `Linker`."""

    def __init__(self) -> None:
        self.linker = Linker()

    def add(self, documents: list[Document]) -> None:
        for document in documents:
            self.linker.add(Analysis(document=document))

    def stories(self) -> dict[str, str]:
        return {d["id"]: d["story"] for d in self.linker.documents()}


class InStore:
    """Puts documents in a DuckDB store in batches and links each batch."""

    def __init__(self, directory: str) -> None:
        self.store = Store(os.path.join(directory, "bench.duckdb"))

    def add(self, documents: list[Document]) -> None:
        for start in range(0, len(documents), STORE_BATCH):
            self.store.put_many([Analysis(document=d)
                                 for d in documents[start:start + STORE_BATCH]])
            update_links(self.store)

    def stories(self) -> dict[str, str]:
        return dict(self.store.fetch("SELECT id, story FROM documents"))


def run(target, documents: list[Document], slice_size: int) -> None:
    for start in range(0, len(documents), slice_size):
        part = documents[start:start + slice_size]
        began = time.perf_counter()
        target.add(part)
        elapsed = time.perf_counter() - began
        print(f"documents {start + 1}-{start + len(part)}: "
              f"{1000 * elapsed / len(part):.2f} ms/doc")
    gold = {d.id: d.id.split("-")[0] for d in documents}
    print(f"synthetic story_pair_f1={pair_f1(gold, target.stories()):.3f} "
          f"documents={len(documents)}")


def main(size: int = 10000, slice_size: int = 2000, in_store: bool = False) -> None:
    documents = corpus(size)
    if not in_store:
        run(InMemory(), documents, slice_size)
        return
    with tempfile.TemporaryDirectory() as directory:
        run(InStore(directory), documents, slice_size)


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:] if arg.isdigit()]
    main(*numbers[:2], in_store="--store" in sys.argv)
