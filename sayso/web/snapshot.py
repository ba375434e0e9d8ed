"""Serving a corpus that `sayso ingest` keeps writing to.

DuckDB lets one process write a database file, and no other process open it
meanwhile, not even to read. So the server never keeps the corpus open: it
reads a private copy (a snapshot), and when the corpus file changes it opens
the corpus read-only for just as long as copying it takes, then serves the
new copy. While an ingest holds the corpus, the copy in hand keeps being
served, and the next request after the ingest's commit picks up its data.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..store import Store

RECHECK_SECONDS = 1.0


class Snapshots:
    """The freshest copy of the corpus at ``path`` that could be taken."""

    def __init__(self, path: str | Path, *, recheck: float = RECHECK_SECONDS):
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"{self.path}: no such database")
        self._folder = Path(tempfile.mkdtemp(prefix="sayso-serve-"))
        self._recheck = recheck
        self._checked = 0.0
        self._version: tuple[int, int] | None = None
        self._store: Store | None = None
        self._taken = 0
        self.refresh(wait=True)

    def store(self) -> Store:
        """The store to answer this request from (refreshed when the corpus changed)."""
        now = time.monotonic()
        if now - self._checked >= self._recheck:
            self._checked = now
            self.refresh()
        assert self._store is not None
        return self._store

    def refresh(self, *, wait: bool = False) -> bool:
        """Take a new copy if the corpus changed and is not being written."""
        version = _file_version(self.path)
        if version == self._version and self._store is not None:
            return False
        copy = self._copy(wait)
        if copy is None:
            return False
        old, self._store, self._version = self._store, Store(copy), version
        if old is not None:
            old.close()
            _remove(Path(old.path))
        return True

    def _copy(self, wait: bool) -> Path | None:
        """Copy the corpus (and its write-ahead log) while holding it read-only."""
        self._taken += 1
        target = self._folder / f"corpus-{self._taken}.duckdb"
        deadline = time.monotonic() + (30.0 if wait else 0.0)
        while True:
            try:
                with duckdb.connect(str(self.path), read_only=True):
                    shutil.copyfile(self.path, target)
                    wal = self.path.with_name(self.path.name + ".wal")
                    if wal.exists():
                        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
                return target
            except duckdb.Error as exc:
                if time.monotonic() >= deadline:
                    if self._store is None:
                        raise StoreError(f"{self.path}: cannot open the database: "
                                         f"{str(exc).splitlines()[0]}") from exc
                    return None
                time.sleep(0.2)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        shutil.rmtree(self._folder, ignore_errors=True)


def _file_version(path: Path) -> tuple[int, int]:
    stat = path.stat()
    wal = path.with_name(path.name + ".wal")
    wal_time = wal.stat().st_mtime_ns if wal.exists() else 0
    return (max(stat.st_mtime_ns, wal_time), stat.st_size)


def _remove(path: Path) -> None:
    for item in (path, path.with_name(path.name + ".wal")):
        item.unlink(missing_ok=True)
