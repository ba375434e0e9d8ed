"""Rendering analyses for people and programs: JSON, JSONL and a rich table."""
from __future__ import annotations

import json
from typing import TextIO

from rich.console import Console
from rich.table import Table

from .model import Analysis

FORMATS = ("json", "jsonl", "table")


def write_json(analysis: Analysis, out: TextIO, *, pretty: bool) -> None:
    indent = 2 if pretty else None
    out.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent))
    out.write("\n")


def attribution_table(analysis: Analysis) -> Table:
    """Who said what in one document, one row per attribution."""
    table = Table(title=analysis.document.title or analysis.document.id,
                  show_lines=True)
    for column in ("source", "cue", "content", "stance", "via"):
        table.add_column(column, overflow="fold")
    for attribution in analysis.attributions:
        source = attribution.source.text if attribution.source else "(unsourced)"
        actor = analysis.actor(attribution.source.actor) if attribution.source else None
        if actor and actor.name != source:
            source = f"{source} → {actor.name}"
        stance = attribution.stance + (" (hedged)" if attribution.hedged else "")
        via = " → ".join(f"{c.role}: {c.text}" for c in attribution.via)
        table.add_row(source, attribution.cue.text if attribution.cue else "",
                      attribution.content.text, stance, via)
    return table


def write_table(analysis: Analysis, out: TextIO) -> None:
    console = Console(file=out, width=max(100, Console().width))
    console.print(attribution_table(analysis))
    if not analysis.attributions:
        console.print(f"[dim]{analysis.document.id}: no attributions found[/dim]")
