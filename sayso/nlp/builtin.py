"""The stages that ship with sayso. Importing this module registers them,
in pipeline order: each stage may read what the ones before it produced.
"""
from __future__ import annotations

from . import actors  # noqa: F401  (actors first: later stages read analysis.actors)
from .attribution import stage as _attributions  # noqa: F401
from .events import code_events  # noqa: F401  (after actors and attributions)
