"""Reading sayso's bundled data files (lexicons, patterns, code maps, models).

Tables are UTF-8 TSV files under ``sayso/data``: ``#`` starts a comment
line, blank lines are skipped, and each remaining line is split on tabs.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable


def data_file(*parts: str) -> Traversable:
    """A file under sayso/data."""
    node = resources.files("sayso") / "data"
    for part in parts:
        node = node / part
    return node


@lru_cache(maxsize=64)
def read_table(*parts: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a TSV data file, comments and blank lines left out."""
    text = data_file(*parts).read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))
