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
PREPARERS: dict[str, Callable[[], object]] = {}


def register(name: str, *, prepare: Callable[[], object] | None = None
             ) -> Callable[[Stage], Stage]:
    """Decorator: make a stage available under ``name``.

    ``prepare`` loads what the stage needs (a model, an optional package);
    `prepare_stages` calls it once before any document, so a missing extra
    is one error for the run, not one failure per document."""
    def add(stage: Stage) -> Stage:
        STAGES[name] = stage
        if prepare is not None:
            PREPARERS[name] = prepare
        return stage
    return add


def prepare_stages(stages: list[tuple[str, Stage]]) -> None:
    """Load what these stages need; raises the stage's SaysoError if it cannot."""
    for name, _stage in stages:
        if name in PREPARERS:
            PREPARERS[name]()


def resolve(names: tuple[str, ...] | None, *, accurate: bool = False
            ) -> list[tuple[str, Stage]]:
    """The registered stages for these names, in order.

    None means every built-in stage in `builtin.PIPELINE` order, then any
    other registered stage that is not a built-in variant, in the order it
    was registered, whatever order the modules happened to be imported in.
    With `accurate`, a stage that has an accurate variant is replaced by it.
    """
    pipeline, variants = _load_builtin_stages()
    if names is None:
        builtin = {*pipeline, *variants.values()}
        names = (*pipeline, *(name for name in STAGES if name not in builtin))
    if accurate:
        names = tuple(variants.get(name, name) for name in names)
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


def _load_builtin_stages() -> tuple[tuple[str, ...], dict[str, str]]:
    """Import the modules whose stages ship with sayso; their pipeline order
    and their accurate variants."""
    from .builtin import ACCURATE_VARIANTS, PIPELINE
    return PIPELINE, ACCURATE_VARIANTS
