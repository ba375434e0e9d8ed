"""Rendering analyses for people and programs: JSON, JSONL and a rich table."""
from __future__ import annotations

import json
import re
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import Analysis

FORMATS = ("json", "jsonl", "table")


# A list of numbers, or of number pairs, that json.dumps spread over lines.
# JSON strings never hold a raw newline, so these only match real arrays.
_NUMBER_LIST = re.compile(r"\[\n\s*(-?\d+(?:,\n\s*-?\d+)*)\n\s*\]")
_SPAN_LIST = re.compile(r"\[\n\s*(\[-?\d+, -?\d+\](?:,\n\s*\[-?\d+, -?\d+\])*)\n\s*\]")
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_FLAT_VALUE = rf'(?:{_STRING}|-?[\d.eE+-]+|true|false|null|\[[^\n]*\])'
# An object whose members are all scalars or one-line lists.
_FLAT_OBJECT = re.compile(rf"\{{\n\s*({_STRING}: {_FLAT_VALUE}(?:,\n\s*{_STRING}: "
                          rf"{_FLAT_VALUE})*)\n\s*\}}")
_BREAK = re.compile(r",\n\s*")
_ONE_LINE_MAX = 100


def pretty_json(data: object) -> str:
    """Indented JSON with spans and small records on one line.

    ``"span": [12, 40]`` rather than four lines, and a boilerplate entry as
    ``{"kind": "promo", "span": [565, 620]}`` when it fits in 100 characters.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = _NUMBER_LIST.sub(lambda m: "[" + _BREAK.sub(", ", m.group(1)) + "]", text)
    text = _SPAN_LIST.sub(lambda m: "[" + _BREAK.sub(", ", m.group(1)) + "]", text)
    return _FLAT_OBJECT.sub(_one_line_object, text)


def _one_line_object(match: re.Match[str]) -> str:
    joined = "{" + _BREAK.sub(", ", match.group(1)) + "}"
    return joined if len(joined) <= _ONE_LINE_MAX else match.group()


def write_json(analysis: Analysis, out: TextIO, *, pretty: bool) -> None:
    data = analysis.to_dict()
    out.write(pretty_json(data) if pretty else json.dumps(data, ensure_ascii=False))
    out.write("\n")


def attribution_table(analysis: Analysis) -> Table:
    """Who said what in one document, one row per attribution."""
    table = Table(title=analysis.document.title or analysis.document.id,
                  show_lines=True)
    for column in ("source", "cue", "content", "stance", "via"):
        table.add_column(column, overflow="fold")
    for attribution in analysis.attributions:
        stance = attribution.stance + (" (hedged)" if attribution.hedged else "")
        via = " → ".join(f"{c.role}: {c.text}" for c in attribution.via)
        table.add_row(_source_label(analysis, attribution),
                      attribution.cue.text if attribution.cue else "",
                      _shortened(attribution.content.text), stance, via)
    return table


def _source_label(analysis: Analysis, attribution) -> str:
    """The source as written, with the actor it resolves to when that differs."""
    if attribution.source is None:
        return "(unsourced)"
    actor = analysis.actor(attribution.source.actor) if attribution.source.actor else None
    if actor and actor.name != attribution.source.text:
        return f"{attribution.source.text} → {actor.name}"
    return attribution.source.text


def _shortened(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def write_table(analysis: Analysis, out: TextIO) -> None:
    """A rich table of who said what, or a note that nobody said anything."""
    console = Console(file=out, width=max(100, Console(file=out).width),
                      highlight=False)
    if analysis.attributions:
        console.print(attribution_table(analysis))
    else:
        heading = analysis.document.title or analysis.document.id
        console.print(f"{escape(heading)}\n"
                      f"[dim]{escape(analysis.document.id)}: no attributions found[/dim]")
