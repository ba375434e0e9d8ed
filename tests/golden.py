"""Golden files: expected output kept in the repository, rewritten only on purpose.

Run ``SAYSO_UPDATE_GOLDEN=1 python -m pytest ...`` to rewrite the files a
test checks, then review the diff before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

UPDATE = os.environ.get("SAYSO_UPDATE_GOLDEN") == "1"


def check_golden_json(path: Path, produced: object) -> None:
    """Assert produced equals the JSON in path (written first when updating)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(produced, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with SAYSO_UPDATE_GOLDEN=1"
    assert produced == json.loads(path.read_text(encoding="utf-8"))


def check_golden_text(path: Path, produced: str) -> None:
    """Assert produced equals the text in path, byte for byte."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced.encode("utf-8"))
    assert path.exists(), f"no golden file {path}; run with SAYSO_UPDATE_GOLDEN=1"
    assert produced == path.read_bytes().decode("utf-8")
