"""The stages that ship with sayso. Importing this module registers them;
`PIPELINE` is the order they run in: each stage may read what the ones
before it produced.
"""
from __future__ import annotations

from . import actors  # noqa: F401
from .attribution import stage as _attributions  # noqa: F401
from .events import code_events  # noqa: F401

PIPELINE = ("actors", "attributions", "events")

ACCURATE_VARIANTS = {"attributions": "attributions-accurate"}
"""Stages with a slower, more accurate variant, run with ``Config(accurate=True)``."""
