"""sayso: who claims what, about whom, through which channels, how surely,
and who denies it.

    >>> import sayso
    >>> analysis = sayso.analyze("Hamas denied the reports, its spokesman said.")
    >>> analysis.to_dict()["schema"]
    'sayso.analysis/1'
"""
from __future__ import annotations

from .api import analyze, analyze_file, analyze_paths
from .config import Config
from .errors import InputError, SaysoError, UsageError
from .model import SCHEMA, Analysis, Document, Failure

__all__ = [
    "Analysis", "Config", "Document", "Failure", "InputError", "SCHEMA",
    "SaysoError", "UsageError", "analyze", "analyze_file", "analyze_paths",
]
__version__ = "0.1.0"
