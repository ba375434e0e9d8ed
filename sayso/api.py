"""The Python API: analyse a string, a file, or many paths."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .config import Config
from .engines.local import analyze_documents
from .errors import InputError
from .model import Analysis, Failure
from .read import read_paths, read_text


def analyze(text: str, *, config: Config = Config(), doc_id: str = "text",
            **metadata: str | None) -> Analysis:
    """Analyse one text; metadata (title, outlet, url, published, author) is kept."""
    return _only(analyze_documents([read_text(text, doc_id, **metadata)], config))


def analyze_file(path: str, *, config: Config = Config()) -> Analysis:
    """Analyse the single document in a file; raises InputError when it fails."""
    return _only(analyze_documents(read_paths([str(path)]), config))


def analyze_paths(paths: Iterable[str], *, config: Config = Config()
                  ) -> Iterator[Analysis | Failure]:
    """Analyse every document under these paths; failures are yielded, not raised."""
    return analyze_documents(read_paths(paths), config)


def _only(results: Iterator[Analysis | Failure]) -> Analysis:
    for result in results:
        if isinstance(result, Failure):
            raise InputError(result.source, result.message)
        return result
    raise InputError("<input>", "no document found")
