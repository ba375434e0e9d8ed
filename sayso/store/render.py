"""Printing query results: a rich table for people, JSONL or CSV for programs."""
from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from ..errors import UsageError
from .demo import CorpusSummary

ROW_FORMATS = ("table", "jsonl", "csv")
TABLE_MIN_WIDTH = 120


def check_row_format(format: str) -> None:
    if format not in ROW_FORMATS:
        raise UsageError(f"unknown --format {format!r}; choose from {', '.join(ROW_FORMATS)}")


def write_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], format: str,
               out: TextIO, *, title: str | None = None) -> None:
    """Rows under these column names, in one of `ROW_FORMATS`."""
    check_row_format(format)
    if format == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False,
                                 default=str) + "\n")
    elif format == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([[_text(value) for value in row] for row in rows])
    else:
        table = Table(*columns, title=title, show_lines=False)
        for row in rows:
            table.add_row(*(_text(value) for value in row))
        Console(file=out, width=max(TABLE_MIN_WIDTH, Console().width)).print(table)


def write_records(records: Sequence[dict[str, Any]], format: str, out: TextIO, *,
                  title: str | None = None) -> None:
    columns = list(records[0]) if records else []
    write_rows(columns, [list(r.values()) for r in records], format, out, title=title)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict, bool)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_corpus_summary(summary: CorpusSummary, db: str, out: TextIO) -> None:
    """The few lines `sayso demo` ends with, and what to try next."""
    console = Console(file=out, highlight=False, soft_wrap=True)
    originals = summary.documents - summary.copies
    copies = (f" ({originals} articles and {summary.copies} syndicated copies of them)"
              if summary.copies else "")
    console.print(f"[bold]{summary.documents}[/bold] documents{copies}, "
                  f"[bold]{summary.attributions}[/bold] attributions, "
                  f"[bold]{summary.events}[/bold] events, "
                  f"[bold]{summary.actors}[/bold] actor records, "
                  f"{summary.stories} stories, {summary.claims} claims in {db}")
    if summary.unlinked:
        console.print(f"{summary.unlinked} documents are not linked yet: "
                      f"sayso link --db {db}", markup=False)
    if summary.top_sources:
        console.print("most quoted (copies not counted again): "
                      + ", ".join(f"{name} ({count})" for name, count in summary.top_sources),
                      markup=False)
    for flag, claim, text in summary.examples:
        shown = text if len(text) <= 100 else text[:99] + "…"
        console.print(f"a {flag} claim, {claim}: {shown}", markup=False)
    console.print(f"next: sayso claims --db {db}   sayso actors --db {db}   "
                  f"sayso export --db {db} --what attributions -f csv", markup=False)
    console.print(f"browse it: sayso serve --db {db}   (needs pip install 'sayso[web]')",
                  markup=False)
