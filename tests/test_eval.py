"""The vendored scorers must stay identical to the project's shared ones."""
from pathlib import Path

import pytest

from conftest import SHARED

VENDORED = Path(__file__).resolve().parents[1] / "sayso" / "eval" / "scorers"


@pytest.mark.parametrize("name", sorted(p.name for p in VENDORED.glob("score_*.py")))
def test_vendored_scorer_matches_shared_copy(name):
    shared = SHARED / "tools" / name
    if not shared.exists():
        pytest.skip("../shared/tools is not beside this checkout")
    assert (VENDORED / name).read_bytes() == shared.read_bytes()
