"""The vendored scorers must stay identical to the project's shared ones."""
from pathlib import Path

import pytest

from conftest import SHARED

VENDORED = Path(__file__).resolve().parents[1] / "sayso" / "eval" / "scorers"


@pytest.mark.parametrize("name", sorted(p.name for p in VENDORED.glob("score_*.py")))
def test_vendored_scorer_matches_shared_copy(name):
    shared = SHARED / "tools" / name
    if not shared.exists():
        pytest.skip(f"../shared/tools has no {name} (a scorer of this project only)")
    assert (VENDORED / name).read_bytes() == shared.read_bytes()


def test_a_malformed_gold_line_is_named(tmp_path):
    from sayso.errors import InputError
    from sayso.eval import gold_documents

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "Fine."}\n\n{"id": "b"}\n', encoding="utf-8")
    documents = gold_documents(gold)
    assert next(documents).id == "a"
    with pytest.raises(InputError, match=r"gold.jsonl:3: not a gold record"):
        next(documents)
