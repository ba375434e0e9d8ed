"""The "attributions" stage: find candidates, enrich them, add them to the analysis."""
from __future__ import annotations

from dataclasses import replace

from ...model import Analysis
from ..parse import ParsedDocument
from ..stages import register
from .enrich import enrich
from .rules import rule_candidates


@register("attributions")
def attributions_stage(parsed: ParsedDocument, analysis: Analysis) -> Analysis:
    """Attributions from the rule finder, enriched with form, stance, hedge,
    channels, source kind and actor (actors come from the earlier stage)."""
    candidates = rule_candidates(parsed)
    return replace(analysis, attributions=enrich(parsed, analysis.actors, candidates))
