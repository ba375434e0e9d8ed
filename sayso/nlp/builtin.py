"""The stages that ship with sayso. Importing this module registers them;
`PIPELINE` is the order they run in: each stage may read what the ones
before it produced.
"""
from __future__ import annotations

from . import actors  # noqa: F401  (actors first: later stages read analysis.actors)

PIPELINE = ("actors",)
