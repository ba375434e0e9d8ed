"""The `sayso` command line: each command validates, calls the library, prints.

Exit codes: 0 all inputs succeeded, 1 some inputs failed, 2 usage errors.
"""
from __future__ import annotations

import itertools
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, TextIO

import typer
from rich.console import Console

from .api import analyze_paths
from .config import Config
from .errors import SaysoError, UsageError
from .model import Analysis, Failure
from .render import FORMATS, write_json, write_table
from .schema import analysis_schema

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who claims what, about whom, through which channels, "
                       "how surely, and who denies it.")
errors = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def fail(message: str, code: int) -> typer.Exit:
    errors.print(f"sayso: {message}", markup=False)
    return typer.Exit(code)


def report(failure: Failure) -> None:
    errors.print(f"sayso: {failure}", markup=False)


ACCURATE_OPTION = typer.Option(
    False, "--accurate", help="Find attributions with the transformer tagger: more accurate, "
                              "about twice the analysis time (needs sayso\\[accurate]).")


@contextmanager
def output_stream(path: Optional[Path]) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8") as handle:
            yield handle
    except OSError as exc:
        raise fail(f"{path}: cannot write: {exc.strerror}", EXIT_USAGE) from exc


@app.command()
def analyze(
    paths: list[str] = typer.Argument(
        ..., help="Files (.txt, .html, .jsonl[.gz], .warc[.gz], .rss/.atom/.xml feeds), "
                  "directories (read recursively, in sorted order) or - for stdin."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f",
        help="json (one pretty object), jsonl (one per line) or table. "
             "Default: json for one document, jsonl for several."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="Write here instead of stdout (with --engine dask: a directory of part files)."),
    engine: str = typer.Option(
        "local", "--engine", help="local (this process) or dask (parts of files as "
                                  "Dask tasks; needs sayso\\[dask] and --output DIR)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="With --engine dask: a scheduler address "
                                  "(tcp://host:8786) or processes, threads, sync."),
    accurate: bool = ACCURATE_OPTION,
    workers: int = typer.Option(1, "--workers", help="Processes that parse and analyse "
                                                     "(local engine)."),
) -> None:
    """Analyse documents and print sayso.analysis/1 records."""
    if workers < 1:
        raise fail(f"--workers must be at least 1, not {workers}", EXIT_USAGE)
    config = Config(accurate=accurate, n_process=workers)
    if engine == "dask":
        _analyze_on_dask(paths, output, scheduler, config)
    if engine != "local":
        raise fail(f"unknown --engine {engine!r}; choose from local, dask", EXIT_USAGE)
    if format is not None and format not in FORMATS:
        raise fail(f"unknown --format {format!r}; choose from {', '.join(FORMATS)}",
                   EXIT_USAGE)
    failed = 0
    try:
        with output_stream(output) as out:
            failed = _print_analyses(paths, format, out, config)
    except SaysoError as exc:
        raise fail(str(exc), EXIT_USAGE if isinstance(exc, UsageError) else 1) from exc
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _print_analyses(paths: list[str], format: Optional[str], out: TextIO,
                    config: Config) -> int:
    """Print every analysis as it is ready; return how many inputs failed.

    Without --format, one document prints as pretty JSON and several as
    JSONL, so the first two documents are read before anything is printed.
    """
    results = analyze_paths(paths, config=config)
    head: list[Analysis | Failure] = []
    for result in results:
        head.append(result)
        if sum(isinstance(item, Analysis) for item in head) > 1:
            break
    several = sum(isinstance(item, Analysis) for item in head) > 1
    chosen = format or ("jsonl" if several else "json")
    failed = 0
    for result in itertools.chain(head, results):
        if isinstance(result, Failure):
            report(result)
            failed += 1
        elif chosen == "table":
            write_table(result, out)
        else:
            write_json(result, out, pretty=chosen == "json")
        out.flush()
    return failed


def _analyze_on_dask(paths: list[str], output: Optional[Path],
                     scheduler: Optional[str], config: Config) -> None:
    from .engines.dask import analyze_with_dask
    if output is None:
        raise fail("--engine dask writes part files: give --output DIR", EXIT_USAGE)
    try:
        results, unlisted = analyze_with_dask(paths, output, config=config, scheduler=scheduler)
    except SaysoError as exc:
        raise fail(str(exc), EXIT_USAGE if isinstance(exc, UsageError) else 1) from exc
    for failure in unlisted:
        report(failure)
    failed = len(unlisted) + sum(r.failures for r in results)
    print(f"analysed {sum(r.documents for r in results)} documents in "
          f"{len(results)} parts ({sum(r.skipped for r in results)} already done), "
          f"failed {failed} (see {output}/*.failures.jsonl)")
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of sayso.analysis/1."""
    print(json.dumps(analysis_schema(), indent=2))


@app.command("eval")
def eval_command(
    task: str = typer.Argument(..., help="attribution, events, speakers or stories."),
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL (id and text per line)."),
    predictions: Optional[Path] = typer.Option(
        None, "--pred", help="Score these sayso.analysis/1 JSONL predictions "
                             "instead of analysing the gold texts."),
    docs: Optional[Path] = typer.Option(
        None, "--docs", help="stories: the documents to link (JSONL, or a directory "
                             "of .txt/.html with an optional docs.jsonl of metadata)."),
    accurate: bool = ACCURATE_OPTION,
) -> None:
    """Analyse gold texts and print the project's metrics for a task."""
    from .eval import evaluate
    try:
        status = evaluate(task, gold, predictions=predictions, docs=docs,
                          config=Config(accurate=accurate), on_failure=report)
    except SaysoError as exc:
        raise fail(str(exc), EXIT_USAGE if isinstance(exc, UsageError) else 1) from exc
    raise typer.Exit(status)


DB_OPTION = typer.Option(Path("sayso.duckdb"), "--db", help="The corpus database file.")


def exit_code(exc: SaysoError) -> int:
    return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_SOME_FAILED


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories, JSONL(.gz), WARC, feeds."),
    db: Path = DB_OPTION,
    workers: int = typer.Option(1, "--workers", help="Parser processes."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size",
                                             help="Documents per commit (default 100)."),
    accurate: bool = ACCURATE_OPTION,
    reanalyze: bool = typer.Option(
        False, "--reanalyze", help="Re-analyse every document under PATHS even when neither "
                                   "its text nor the analyser changed (after editing a "
                                   "lexicon, say). Interrupted, it resumes when re-run over "
                                   "the same PATHS; a run that finishes makes the next "
                                   "--reanalyze start afresh."),
) -> None:
    """Analyse documents into a corpus database; re-running resumes or skips unchanged.

    A document is skipped when its id, text and analyser (sayso version, model,
    stages, --accurate) are those stored; otherwise it is (re-)analysed and
    replaced. --reanalyze replaces every one. Run again over the same PATHS
    after an interruption (Ctrl-C, kill -9), it skips the documents already
    re-analysed and does the rest; once a --reanalyze run over those PATHS
    finishes (failed documents go to quarantine and do not hold it up), the
    next one re-analyses everything again. A --reanalyze run over other PATHS
    does not resume it: it re-analyses all of its own PATHS and leaves the
    interrupted one pending until re-run. Editing lexicons or changing the
    analyser (--accurate, another sayso) in between starts it over.
    """
    from .store import Store
    from .store.ingest import DEFAULT_BATCH_SIZE, estimate_documents, ingest_paths
    from .store.progress import ingest_display
    if workers < 1:
        raise fail(f"--workers must be at least 1, not {workers}", EXIT_USAGE)
    try:
        config = Config(n_process=workers, accurate=accurate)
        batch = DEFAULT_BATCH_SIZE if batch_size is None else batch_size
        with Store(db) as store, ingest_display(errors, estimate_documents(paths)) as shown:
            summary = ingest_paths(paths, store, config=config, batch_size=batch,
                                   reanalyze=reanalyze, on_progress=shown.advance,
                                   on_commit=shown.committed)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    hint = f" (see: sayso quarantine --db {db})" if summary.failed else ""
    print(f"{summary}{hint}")
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


@app.command()
def quarantine(db: Path = DB_OPTION) -> None:
    """List the inputs that could not be ingested, with the reason."""
    from .store import Store
    try:
        with Store(db, read_only=True) as store:
            failures = store.quarantined()
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    for failure in failures:
        print(failure)


FORMAT_OPTION = typer.Option("table", "--format", "-f", help="table, jsonl or csv.")


@app.command()
def claims(
    db: Path = DB_OPTION,
    actor: Optional[str] = typer.Option(None, "--actor", help="Source name contains this."),
    about: Optional[str] = typer.Option(None, "--about", help="Content contains this."),
    contested: bool = typer.Option(False, "--contested", help="Only denied or disputed."),
    format: str = FORMAT_OPTION,
) -> None:
    """Who said what: claims across outlets once linked, else single statements."""
    from .store import Store
    from .store.query import claims as find_claims
    from .store.render import check_row_format, write_records
    try:
        check_row_format(format)
        with Store(db, read_only=True) as store:
            kind, records = find_claims(store, actor=actor, about=about, contested=contested)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    write_records(records, format, sys.stdout, title=f"{len(records)} {kind}")


@app.command()
def actors(db: Path = DB_OPTION, format: str = FORMAT_OPTION) -> None:
    """Every actor in the corpus: documents, mentions and statements."""
    from .store import Store
    from .store.query import actors as list_actors
    from .store.render import check_row_format, write_records
    try:
        check_row_format(format)
        with Store(db, read_only=True) as store:
            records = list_actors(store)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    write_records(records, format, sys.stdout, title=f"{len(records)} actors")


@app.command()
def query(
    sql: str = typer.Argument(..., help="One SQL statement; the database is read-only."),
    db: Path = DB_OPTION,
    format: str = FORMAT_OPTION,
) -> None:
    """Run SQL on a corpus database, read-only (tables: documents, actors, ...)."""
    from .store.query import sql_query
    from .store.render import check_row_format, write_rows
    try:
        check_row_format(format)
        columns, rows = sql_query(db, sql)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    write_rows(columns, rows, format, sys.stdout)


@app.command()
def export(
    what: str = typer.Option(..., "--what", help="documents, actors, attributions, "
                             "events, stories, claims or graph."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet; "
                               "for graph: graphml or prov-jsonld."),
    db: Path = DB_OPTION,
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write here instead of stdout."),
) -> None:
    """Export corpus records (CONTRACT.md, corpus-level exports) or the provenance graph."""
    from .store import Store
    from .store.export import export_to
    try:
        with Store(db, read_only=True) as store:
            export_to(store, what, format, output)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc


@app.command()
def demo(db: Path = typer.Option(Path("sayso-demo.duckdb"), "--db",
                                 help="The demo corpus database file.")) -> None:
    """Ingest the bundled sample corpus and show what sayso found (resumable)."""
    from .store import Store
    from .store.demo import corpus_summary, demo_size, ingest_demo
    from .store.progress import ingest_display
    from .store.render import write_corpus_summary
    try:
        with Store(db) as store, ingest_display(errors, demo_size()) as shown:
            ingest_demo(store, on_progress=shown.advance, on_commit=shown.committed)
            summary = corpus_summary(store)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    write_corpus_summary(summary, str(db), sys.stdout)


@app.command()
def link(db: Path = DB_OPTION) -> None:
    """Link the stored documents not linked yet: duplicates, stories, claims."""
    from .link.persist import update_links
    from .store import Store
    try:
        with Store(db) as store:
            count = update_links(store)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    print(f"linked {count} documents in {db}")


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Browse a corpus in the web UI: highlighted spans, claims, provenance."""
    from .store import Store
    try:
        from .web.app import create_app
        import uvicorn
    except ImportError as exc:
        raise fail("the web UI needs its extra: pip install 'sayso[web]'", EXIT_USAGE) from exc
    except SaysoError as exc:
        raise fail(str(exc), EXIT_USAGE) from exc
    try:
        with Store(db, read_only=True) as store:
            errors.print(f"sayso: serving {db} on http://{host}:{port}/", markup=False)
            uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc


def main() -> None:
    app()
