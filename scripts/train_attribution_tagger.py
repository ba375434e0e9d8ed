"""Train the attribution span tagger (a CRF) on PolNeAR train.

Usage:
    PYTHONPATH=$PWD python scripts/train_attribution_tagger.py \
        [--gold ../shared/data/polnear/train.jsonl] [--cache /tmp/tagger]

Writes sayso/data/models/attribution-tagger.crfsuite and
sayso/data/models/attribution-cue-lemmas.tsv. Training is deterministic
(L-BFGS, fixed hyperparameters, no sampling). With --cache, parses are kept
as spaCy DocBin files so later runs skip parsing.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc, DocBin, Token

from sayso.config import DEFAULT_MODEL
from sayso.nlp.attribution.features import CueLexicon, paragraphs, sequence_features
from sayso.nlp.attribution.tagger import LEXICON_FILE, MODEL_FILE, ROLES
from sayso.nlp.parse import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "train.jsonl"
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200,
          "feature.possible_transitions": True, "feature.minfreq": 2}
MIN_LEMMA_COUNT = 2
MIN_CUE_SCORE = 0.02


def read_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def parse_gold(rows: list[dict], cache: Path | None, name: str) -> list[Doc]:
    """Parse the gold texts with sayso's pipeline, reusing a DocBin cache."""
    nlp = load_pipeline(DEFAULT_MODEL)
    cached = cache / f"{name}.spacy" if cache else None
    if cached and cached.is_file():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
        if [doc.text for doc in docs] == [row["text"] for row in rows]:
            return docs
    docs = list(nlp.pipe((row["text"] for row in rows), batch_size=16))
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(docs=docs)
        bin_.to_disk(cached)
    return docs


def char_roles(row: dict) -> list[tuple[str, int] | None]:
    """For each character, its (role, attribution number) or None.

    Fragments of one role separated only by spaces and punctuation (a quote
    selected sentence by sentence) are joined first.
    """
    text = row["text"]
    roles: list[tuple[str, int] | None] = [None] * len(text)
    for number, attribution in enumerate(row["attributions"]):
        for role in ROLES:
            for start, end in joined(text, attribution[role.lower()] or []):
                for position in range(start, end):
                    roles[position] = roles[position] or (role, number)
    return roles


def joined(text: str, spans: list[list[int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and not any(ch.isalnum() for ch in text[out[-1][1]:start]):
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def token_role(token: Token, roles: list) -> tuple[str, int] | None:
    """The role of the token's first letter or digit (else first character)."""
    text = token.text
    offset = next((i for i, ch in enumerate(text) if ch.isalnum()), 0)
    return roles[token.idx + offset]


def bio_labels(paragraph: list[Token], roles: list) -> list[str]:
    labels, previous = [], None
    for token in paragraph:
        role = token_role(token, roles)
        if role is None:
            labels.append("O")
        else:
            labels.append(("I-" if role == previous else "B-") + role[0])
        previous = role
    return labels


def cue_lexicon(docs: list[Doc], rows: list[dict]) -> CueLexicon:
    """Each lemma's share of training occurrences that fall inside a cue."""
    seen, in_cue = Counter(), Counter()
    for doc, row in zip(docs, rows):
        roles = char_roles(row)
        for token in doc:
            if token.is_space or token.is_punct:
                continue
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            role = token_role(token, roles)
            in_cue[lemma] += bool(role and role[0] == "CUE")
    scores = {lemma: round(in_cue[lemma] / (count + 1), 3)
              for lemma, count in seen.items() if count >= MIN_LEMMA_COUNT}
    return CueLexicon({k: v for k, v in scores.items() if v >= MIN_CUE_SCORE})


def write_lexicon(lexicon: CueLexicon, path: Path) -> None:
    lines = ["# lemma<TAB>share of its PolNeAR-train occurrences inside a cue span",
             "# written by scripts/train_attribution_tagger.py; do not edit by hand"]
    lines += [f"{lemma}\t{score}" for lemma, score in sorted(lexicon.scores.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train(docs: list[Doc], rows: list[dict], lexicon: CueLexicon, model: Path,
          verbose: bool = False) -> None:
    trainer = pycrfsuite.Trainer(verbose=verbose)
    trainer.set_params(PARAMS)
    for doc, row in zip(docs, rows):
        roles = char_roles(row)
        for paragraph in paragraphs(doc):
            trainer.append(sequence_features(paragraph, lexicon),
                           bio_labels(paragraph, roles))
    trainer.train(str(model))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "sayso" / "data")
    parser.add_argument("--verbose", action="store_true", help="print the CRF's training log")
    args = parser.parse_args()
    started = time.time()
    rows = read_gold(args.gold)
    docs = parse_gold(rows, args.cache, args.gold.stem)
    parsed = time.time()
    lexicon = cue_lexicon(docs, rows)
    write_lexicon(lexicon, args.out.joinpath(*LEXICON_FILE))
    train(docs, rows, lexicon, args.out.joinpath(*MODEL_FILE), args.verbose)
    print(f"parsed {len(docs)} documents in {parsed - started:.0f}s, "
          f"trained in {time.time() - parsed:.0f}s")


if __name__ == "__main__":
    main()
