"""How linking scales: time per added document as the corpus grows.

Generates a synthetic corpus (random words: a shared Zipf-distributed
background vocabulary plus a topic vocabulary per story, three to five
articles per story published within two days, stories spread over five
years) and adds it to one `Linker` in publication order, printing the
milliseconds per document for each slice of the corpus and the story pair
F1 against the generated stories. With blocking (LSH buckets, term-by-day
postings) the cost per document stays flat as the corpus grows.

    PYTHONPATH=. python benchmarks/bench_link.py [DOCUMENTS] [SLICE]
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from itertools import combinations

from sayso.link import Linker
from sayso.model import Analysis, Document

BACKGROUND = [f"word{i}" for i in range(20000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(BACKGROUND))]
START = date(2020, 1, 1).toordinal()


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


def main(size: int = 10000, slice_size: int = 2000) -> None:
    documents = corpus(size)
    linker = Linker()
    for start in range(0, size, slice_size):
        began = time.perf_counter()
        for document in documents[start:start + slice_size]:
            linker.add(Analysis(document=document))
        elapsed = time.perf_counter() - began
        count = len(documents[start:start + slice_size])
        print(f"documents {start + 1}-{start + count}: {1000 * elapsed / count:.2f} ms/doc")
    gold = {d.id: d.id.split("-")[0] for d in documents}
    predicted = {d["id"]: d["story"] for d in linker.documents()}
    print(f"synthetic story_pair_f1={pair_f1(gold, predicted):.3f} documents={size}")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
