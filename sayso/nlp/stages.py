"""The one place where analysis stages are registered and chained.

A stage is a function ``(ParsedDocument, Analysis) -> Analysis``: it reads
the parse and the records earlier stages produced, and returns the analysis
with its own records added (``dataclasses.replace``). Stages run in the order
of ``Config.stages``; each may rely on the stages listed before it.
"""
from __future__ import annotations

from collections.abc import Callable

from ..errors import UsageError
from ..model import Analysis
from .parse import ParsedDocument

Stage = Callable[[ParsedDocument, Analysis], Analysis]

STAGES: dict[str, Stage] = {}


def register(name: str) -> Callable[[Stage], Stage]:
    """Decorator: make a stage available under ``name``."""
    def add(stage: Stage) -> Stage:
        STAGES[name] = stage
        return stage
    return add


def resolve(names: tuple[str, ...] | None) -> list[tuple[str, Stage]]:
    """The registered stages for these names, in order (None: all built-in)."""
    _load_builtin_stages()
    if names is None:
        names = tuple(STAGES)
    unknown = [name for name in names if name not in STAGES]
    if unknown:
        raise UsageError(f"unknown stage {unknown[0]!r}; "
                         f"choose from {', '.join(sorted(STAGES))}")
    return [(name, STAGES[name]) for name in names]


def run_stages(parsed: ParsedDocument, stages: list[tuple[str, Stage]]) -> Analysis:
    """Run the stages over one parsed document."""
    analysis = Analysis(document=parsed.document)
    for _name, stage in stages:
        analysis = stage(parsed, analysis)
    return analysis


def _load_builtin_stages() -> None:
    """Import the modules whose stages ship with sayso (they self-register)."""
    from . import builtin  # noqa: F401
