"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from sayso.config import DEFAULT_MODEL
    from sayso.nlp.parse import load_pipeline
    return load_pipeline(DEFAULT_MODEL)
