"""Run the analysis over a stream of documents in this process."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import Config
from ..model import Analysis, Document, Failure
from ..nlp.parse import load_pipeline, parse_documents
from ..nlp.stages import prepare_stages, resolve, run_stages


def analyze_documents(items: Iterable[Document | Failure], config: Config = Config()
                      ) -> Iterator[Analysis | Failure]:
    """Analyse documents in input order; failures pass through unchanged.

    A document whose analysis raises becomes a `Failure` naming it, so one
    bad document never stops the batch (nor does one longer than the parser
    takes, which becomes a Failure); a stage that cannot load what it
    needs (a missing extra) raises before the first document.
    """
    nlp = load_pipeline(config.model)
    stages = resolve(config.stages, accurate=config.accurate)
    prepare_stages(stages)
    pending: list[Failure] = []

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                pending.append(item)
            elif len(item.text) > nlp.max_length:
                pending.append(Failure(item.id, f"too large: {len(item.text):,} characters, "
                                                f"over the parser's {nlp.max_length:,}"))
            else:
                yield item

    for parsed in parse_documents(documents(), nlp, batch_size=config.batch_size,
                                  n_process=config.n_process):
        yield from _drain(pending)
        try:
            yield run_stages(parsed, stages)
        except Exception as exc:  # a stage bug must not stop the batch
            yield Failure(parsed.document.id, f"analysis failed: {type(exc).__name__}: {exc}")
    yield from _drain(pending)


def _drain(pending: list[Failure]) -> Iterator[Failure]:
    while pending:
        yield pending.pop(0)
