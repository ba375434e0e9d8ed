"""Run the analysis over a stream of documents on this machine.

With ``Config.n_process`` 1 everything runs in this process. With more, each
worker process parses a batch of documents and runs the stages on it too,
returning finished analyses: were only the parse in the workers (spaCy's
``n_process``), this process would run every stage alone and cap the speed-up
well below the number of cores.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from ..config import Config
from ..model import Analysis, Document, Failure
from ..nlp.parse import load_pipeline, parse_documents
from ..nlp.stages import Stage, prepare_stages, resolve, run_stages

Result = Analysis | Failure


def analyze_documents(items: Iterable[Document | Failure], config: Config = Config()
                      ) -> Iterator[Result]:
    """Analyse documents in input order; failures pass through unchanged.

    A document whose analysis raises becomes a `Failure` naming it, so one
    bad document never stops the batch (nor does one longer than the parser
    takes, which becomes a Failure); a stage that cannot load what it
    needs (a missing extra) raises before the first document.
    """
    stages = resolve(config.stages, accurate=config.accurate)
    prepare_stages(stages)
    max_length = load_pipeline(config.model).max_length
    items = (_within_parser_limit(item, max_length) for item in items)
    if config.n_process > 1:
        yield from _in_workers(items, config)
        return
    pending: list[Failure] = []

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                pending.append(item)
            else:
                yield item

    for result in _analyse(documents(), config, stages):
        yield from _drain(pending)
        yield result
    yield from _drain(pending)


def _within_parser_limit(item: Document | Failure, max_length: int) -> Document | Failure:
    """The item, or a Failure naming a document longer than the parser takes."""
    if isinstance(item, Document) and len(item.text) > max_length:
        return Failure(item.id, f"too large: {len(item.text):,} characters, "
                                f"over the parser's {max_length:,}")
    return item


def _analyse(documents: Iterable[Document], config: Config,
             stages: list[tuple[str, Stage]]) -> Iterator[Result]:
    """Parse and analyse the documents here, one batch at a time."""
    nlp = load_pipeline(config.model)
    for parsed in parse_documents(documents, nlp, batch_size=config.batch_size):
        try:
            yield run_stages(parsed, stages)
        except Exception as exc:  # a stage bug must not stop the batch
            yield Failure(parsed.document.id, f"analysis failed: {type(exc).__name__}: {exc}")


def _in_workers(items: Iterable[Document | Failure], config: Config) -> Iterator[Result]:
    """The analyses of `config.n_process` worker processes, each given a batch
    of documents at a time, and the failures among them, in input order.
    Items are read here, and only two batches per worker ahead of the one
    being yielded (so a corpus never sits in memory)."""
    iterator = iter(items)
    batches = iter(lambda: list(islice(iterator, config.batch_size)), [])
    # a forked onnxruntime session may hang: the accurate stage's workers start
    # afresh; the others inherit the loaded pipeline
    context = multiprocessing.get_context("spawn" if config.accurate else "fork")
    if not config.accurate:
        load_pipeline(config.model)
    with context.Pool(config.n_process, initializer=_start_worker, initargs=(config,)) as pool:
        waiting: deque = deque()
        for batch in batches:
            waiting.append(pool.apply_async(_analyse_batch, (batch,)))
            if len(waiting) >= 2 * config.n_process:
                yield from waiting.popleft().get()
        while waiting:
            yield from waiting.popleft().get()


_WORKER: dict[str, object] = {}


def _start_worker(config: Config) -> None:
    stages = resolve(config.stages, accurate=config.accurate)
    prepare_stages(stages)
    _WORKER.update(config=config, stages=stages)


def _analyse_batch(items: list[Document | Failure]) -> list[Result]:
    """One worker's analyses of one batch, failures left in their places."""
    config, stages = _WORKER["config"], _WORKER["stages"]
    documents = [item for item in items if isinstance(item, Document)]
    analysed = iter(_analyse(documents, config, stages))  # type: ignore[arg-type]
    return [item if isinstance(item, Failure) else next(analysed) for item in items]


def _drain(pending: list[Failure]) -> Iterator[Failure]:
    while pending:
        yield pending.pop(0)
