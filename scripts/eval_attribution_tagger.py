"""Score the attribution span tagger alone on PolNeAR gold (dev by default).

Usage:
    PYTHONPATH=$PWD python scripts/eval_attribution_tagger.py \
        [--gold ../shared/data/polnear/dev.jsonl] [--out pred.jsonl] \
        [--cache /tmp/tagger] [--json]

Parses the gold texts, runs `tag_candidates` on each, wraps every candidate
into a minimal contract-shaped attribution (form "indirect", stance
"asserts", cue lemma from the parse; no enrichment), writes the predictions
as sayso.analysis/1 JSONL and prints the vendored scorer's report.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from spacy.tokens import Doc

from sayso.eval.scorers import score_attribution
from sayso.model import Analysis, Attribution, Content, Cue, Source
from sayso.nlp.attribution.candidates import Candidate
from sayso.nlp.attribution.tagger import tag_candidates
from sayso.nlp.parse import ParsedDocument
from sayso.read import read_text
from sayso.schema import validate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_attribution_tagger import parse_gold, read_gold  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"


def minimal_attribution(doc: Doc, candidate: Candidate, number: int) -> Attribution:
    """A candidate as an attribution with default form and stance."""
    text = doc.text
    cue_start, cue_end = candidate.cue
    cue_lemma = " ".join(t.lemma_ for t in doc.char_span(
        cue_start, cue_end, alignment_mode="expand") or ()) or text[cue_start:cue_end]
    source = None
    if candidate.source:
        start, end = candidate.source
        source = Source(text=text[start:end], span=candidate.source)
    content = Content(text=" ".join(text[s:e] for s, e in candidate.content),
                      spans=candidate.content)
    return Attribution(id=f"q{number}", form="indirect", source=source,
                       cue=Cue(text=text[cue_start:cue_end], lemma=cue_lemma,
                               span=candidate.cue),
                       content=content)


def analyse(row: dict, doc: Doc) -> Analysis:
    document = read_text(row["text"], row["id"])
    candidates = tag_candidates(ParsedDocument(document=document, doc=doc))
    attributions = tuple(minimal_attribution(doc, candidate, number)
                         for number, candidate in enumerate(candidates, start=1))
    analysis = Analysis(document=document, attributions=attributions)
    validate(analysis.to_dict())
    return analysis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = read_gold(args.gold)
    docs = parse_gold(rows, args.cache, args.gold.stem)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "pred.jsonl"
        with open(out, "w", encoding="utf-8") as handle:
            for row, doc in zip(rows, docs):
                handle.write(json.dumps(analyse(row, doc).to_dict(),
                                        ensure_ascii=False) + "\n")
        score_attribution.main([str(args.gold), str(out)]
                               + (["--json"] if args.json else []))


if __name__ == "__main__":
    main()
