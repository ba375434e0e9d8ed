"""Linking across documents: syndicated duplicates, stories and claims.

    Linker            incremental: add analysed documents one at a time
    link_analyses     link a batch of analyses, earliest first
    Story, Claim      the `stories` and `claims` export records
"""
from __future__ import annotations

from .claims import Claim
from .linker import Linker, link_analyses
from .stories import Story

__all__ = ["Claim", "Linker", "Story", "link_analyses"]
