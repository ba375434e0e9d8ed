"""sayso's exceptions. Library code raises these; only the CLI turns them
into a one-line message and an exit code.

    SaysoError
    ├── UsageError          a bad option or argument (exit 2)
    ├── InputError          one input could not be read (names the input)
    │   └── DecodeError     bytes that are not text in any known encoding
    ├── SchemaError         a record that does not fit sayso.analysis/1
    ├── StoreError          the DuckDB store could not be opened or written
    ├── MissingExtraError   an optional extra is not installed (exit 3)
    └── PortInUseError      `sayso serve` cannot listen on its port (exit 4)
"""
from __future__ import annotations


class SaysoError(Exception):
    """Base of every error sayso raises on purpose."""


class UsageError(SaysoError):
    """A bad option, argument or configuration value."""


class InputError(SaysoError):
    """One input (file, line, record) could not be read.

    ``source`` names the input ("feed.xml", "batch.jsonl:12"), ``problem``
    says what is wrong; ``str()`` gives the one line the CLI prints.
    """

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self):
        """Picklable (a Dask worker sends it back to the client)."""
        return type(self), (self.source, self.problem)


class DecodeError(InputError):
    """The bytes could not be decoded as text."""


class SchemaError(SaysoError):
    """A record does not fit the output contract."""


class StoreError(SaysoError):
    """The store could not be opened, read or written."""


class MissingExtraError(SaysoError):
    """An optional dependency is missing; the message names the extra."""

    def __init__(self, feature: str, extra: str, module: str):
        super().__init__(
            f"{feature} needs the optional package {module!r}: "
            f"pip install 'sayso[{extra}]'")
        self.feature = feature
        self.extra = extra
        self.module = module

    def __reduce__(self):
        """Picklable (a Dask worker sends it back to the client)."""
        return type(self), (self.feature, self.extra, self.module)


class PortInUseError(SaysoError):
    """The port `sayso serve` was asked to listen on is taken."""
