"""Reading the JSONL files `sayso eval` takes: gold records and metadata."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from ..errors import InputError

T = TypeVar("T")


def read_records(path: Path, build: Callable[[dict], T], expected: str) -> Iterator[T]:
    """``build(record)`` for each non-blank line; a line that is not JSON, or
    that ``build`` cannot use, is an InputError naming ``path:line`` and what
    was ``expected`` there."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield build(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}", f"not {expected} ({exc})") from exc
