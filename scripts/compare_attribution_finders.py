"""Score the attribution finders separately and merged on a gold file.

    PYTHONPATH=$PWD python scripts/compare_attribution_finders.py \
        /work/shared/data/polnear/dev.jsonl

Parses each gold text once, then writes predictions from the rules alone,
each tagger alone (the CRF, and the MiniLM transformer of ``--accurate``)
and each tagger merged with the rules (all through the same enrichment),
and prints the project scorer's last line for each. This is how the merge
policy in sayso/nlp/attribution/merge.py was chosen.
"""
from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

from sayso.config import DEFAULT_MODEL
from sayso.eval import gold_documents
from sayso.eval.scorers import score_attribution
from sayso.model import Analysis
from sayso.nlp.attribution.enrich import enrich
from sayso.nlp.attribution.minilm import minilm_candidates
from sayso.nlp.attribution.rules import rule_candidates
from sayso.nlp.attribution.stage import find_candidates
from sayso.nlp.attribution.tagger import tag_candidates
from sayso.nlp.parse import load_pipeline, parse_documents

FINDERS = {
    "rules": rule_candidates,
    "crf": tag_candidates,
    "crf+rules": lambda parsed: find_candidates(parsed, tag_candidates),
    "minilm": minilm_candidates,
    "minilm+rules": lambda parsed: find_candidates(parsed, minilm_candidates, prefer_tagger=True),
}


def main(gold: str) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    parsed = list(parse_documents(gold_documents(Path(gold)), nlp))
    with tempfile.TemporaryDirectory() as tmp:
        for name, finder in FINDERS.items():
            predictions = Path(tmp) / f"{name}.jsonl"
            with open(predictions, "w", encoding="utf-8") as out:
                for document in parsed:
                    found = [c for c in finder(document) if c.content]
                    analysis = Analysis(document=document.document,
                                        attributions=enrich(document, (), found))
                    out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
            report = io.StringIO()
            with contextlib.redirect_stdout(report):
                score_attribution.main([gold, str(predictions)])
            print(f"{name:12} {report.getvalue().strip().splitlines()[-1]}")


if __name__ == "__main__":
    main(sys.argv[1])
