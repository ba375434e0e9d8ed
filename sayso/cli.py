"""The `sayso` command line: each command validates, calls the library, prints.

Exit codes: 0 all inputs succeeded, 1 some inputs failed (or the corpus could
not be read), 2 usage errors, 3 an optional extra is missing, 4 the port of
`sayso serve` is in use.
"""
from __future__ import annotations

import itertools
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional, TextIO

import typer
from rich.console import Console

from . import __version__
from .api import analyze_paths
from .config import Config
from .errors import MissingExtraError, PortInUseError, SaysoError, UsageError
from .model import Analysis, Failure
from .render import FORMATS, write_json, write_table
from .schema import analysis_schema

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Who claims what, about whom, through which channels, "
                       "how surely, and who denies it. The output contract: "
                       "docs/CONTRACT.md. Exit codes: 0 done, 1 some inputs failed, "
                       "2 usage error, 3 an optional extra is missing, 4 the port is "
                       "in use.")
# Help shows values the way click does (an argument by its name, an option by
# its metavar, its choices or INTEGER / TEXT), never a Python type (<list[str]>).
_typer_shown = typer.core.TyperOption.display_type_rich


def _option_value(self, ctx) -> str:
    if self.metavar or not self.type_descriptor.is_choice:
        return self.metavar or self.name.upper()
    return "[" + _typer_shown(self, ctx).strip("<>") + "]"


typer.core.TyperArgument.display_type_rich = lambda self, ctx: None
typer.core.TyperOption.display_type_rich = _option_value


def _version(show: bool) -> None:
    if show:
        print(f"sayso {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the sayso version and exit.")) -> None:
    """Who claims what, about whom, through which channels, how surely, and who denies it."""
errors = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_MISSING_EXTRA, EXIT_PORT_IN_USE = 0, 1, 2, 3, 4
# The --what values of `sayso export` (sayso.store.export.FIELDS and graph; a
# test keeps the two in step without importing the store here).
EXPORTS = ("documents", "actors", "attributions", "events", "gdelt-events", "stories",
           "claims", "statements", "graph")


def fail(message: str, code: int) -> typer.Exit:
    errors.print(f"sayso: {message}", markup=False)
    return typer.Exit(code)


def report(failure: Failure) -> None:
    errors.print(f"sayso: {failure}", markup=False)


ACCURATE_OPTION = typer.Option(
    False, "--accurate", help="Find attributions with the transformer tagger: more accurate, "
                              "about twice the analysis time (needs sayso[accurate]).")


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
        ..., metavar="PATH",
        help="Files (.txt, .html, .jsonl[.gz], .warc[.gz], .rss/.atom/.xml feeds), "
             "directories (read recursively, in sorted order) or - for stdin."),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="[json|jsonl|table]",
        help="json (one pretty object), jsonl (one per line) or table. "
             "Default: json for one document, jsonl for several."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="FILE|DIR",
        help="Write here instead of stdout (with --engine dask: a directory of part files)."),
    engine: str = typer.Option(
        "local", "--engine", metavar="[local|dask]",
        help="local (this process) or dask (parts of files as Dask tasks; needs "
             "sayso[dask] and --output DIR)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="With --engine dask: a scheduler address "
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
    from .store.ingest import estimate_documents
    from .store.progress import ingest_display
    failed = 0
    try:
        with output_stream(output) as out, ingest_display(
                errors, estimate_documents(paths), label="analyze",
                bar=output is not None) as shown:
            failed = _print_analyses(paths, format, out, config, shown.document)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _print_analyses(paths: list[str], format: Optional[str], out: TextIO,
                    config: Config, done: Callable[[], None] = lambda: None) -> int:
    """Print every analysis as it is ready, calling ``done`` after each input;
    return how many inputs failed.

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
        done()
    return failed


def _analyze_on_dask(paths: list[str], output: Optional[Path],
                     scheduler: Optional[str], config: Config) -> None:
    from .engines.dask import analyze_with_dask
    if output is None:
        raise fail("--engine dask writes part files: give --output DIR", EXIT_USAGE)
    try:
        results, unlisted = analyze_with_dask(paths, output, config=config, scheduler=scheduler)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
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
    task: str = typer.Argument(..., metavar="TASK",
                               help="attribution, claims, events, speakers or stories."),
    gold: Path = typer.Option(..., "--gold", metavar="FILE",
                              help="Gold JSONL (id and text per line)."),
    predictions: Optional[Path] = typer.Option(
        None, "--pred", metavar="FILE", help="Score these sayso.analysis/1 JSONL predictions "
                             "instead of analysing the gold texts."),
    docs: Optional[Path] = typer.Option(
        None, "--docs", metavar="FILE|DIR",
        help="stories: the documents to link (JSONL, or a directory "
             "of .txt/.html with an optional docs.jsonl of metadata); "
             "claims: a corpus to ingest into a temporary database."),
    db: Optional[Path] = typer.Option(
        None, "--db", metavar="FILE", help="claims: score the claims of this corpus database."),
    details: bool = typer.Option(
        False, "--details", help="claims: first list each gold claim's matches."),
    accurate: bool = ACCURATE_OPTION,
) -> None:
    """Analyse gold texts and print the project's metrics for a task."""
    from .eval import evaluate
    if details and task != "claims":
        raise fail("--details is only for eval claims", EXIT_USAGE)
    try:
        status = evaluate(task, gold, predictions=predictions, docs=docs, db=db,
                          config=Config(accurate=accurate), on_failure=report,
                          extra_args=["--details"] if details else [])
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    raise typer.Exit(status)


DB_OPTION = typer.Option(Path("sayso.duckdb"), "--db", metavar="FILE",
                         help="The corpus database file.")


def exit_code(exc: SaysoError) -> int:
    """The one exit code for each kind of error, the same in every command."""
    if isinstance(exc, MissingExtraError):
        return EXIT_MISSING_EXTRA
    if isinstance(exc, PortInUseError):
        return EXIT_PORT_IN_USE
    return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_SOME_FAILED


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., metavar="PATH",
                                      help="Files, directories, JSONL(.gz), WARC, feeds."),
    db: Path = DB_OPTION,
    workers: int = typer.Option(1, "--workers", metavar="N",
                                help="Parser processes (with --engine dask "
                                     "and no --scheduler: local Dask workers)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", metavar="N",
                                             help="Documents per commit (default 100)."),
    accurate: bool = ACCURATE_OPTION,
    engine: str = typer.Option(
        "local", "--engine", metavar="[local|dask]", help="local (this machine) or dask (analyse on a Dask cluster, "
                                  "store here; needs sayso\\[dask])."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler address (tcp://host:8786); "
                                  "without it, a local cluster of --workers processes."),
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
    if engine not in ("local", "dask"):
        raise fail(f"unknown --engine {engine!r}; choose from local, dask", EXIT_USAGE)
    try:
        config = Config(n_process=workers if engine == "local" else 1, accurate=accurate)
        batch = DEFAULT_BATCH_SIZE if batch_size is None else batch_size
        with _ingest_analyser(engine, scheduler, workers) as analyse, Store(db) as store, \
                ingest_display(errors, estimate_documents(paths)) as shown:
            summary = ingest_paths(paths, store, config=config, batch_size=batch,
                                   reanalyze=reanalyze, on_progress=shown.outcome,
                                   on_commit=shown.committed, on_document=shown.document,
                                   analyse=analyse)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    hint = f" (see: sayso quarantine --db {db})" if summary.failed else ""
    print(f"{summary}{hint}")
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


@contextmanager
def _ingest_analyser(engine: str, scheduler: Optional[str], workers: int):
    """None (analyse here) for the local engine; for dask, an analyser that
    sends the documents to the cluster, connected for the whole ingest."""
    if engine == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        yield None
        return
    from .engines.dask import analyze_on_cluster, cluster_client
    with cluster_client(scheduler, workers) as client:
        yield lambda items, config: analyze_on_cluster(items, client, config)


@app.command()
def quarantine(db: Path = DB_OPTION) -> None:
    """List the inputs that could not be ingested, with the reason, and say
    how many stored documents are not linked yet."""
    from .link.persist import unlinked_count
    from .store import Store
    try:
        with Store(db, read_only=True) as store:
            failures = store.quarantined()
            unlinked = unlinked_count(store)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    if not failures:
        print(f"nothing quarantined in {db}: every input was ingested")
    for failure in failures:
        print(failure)
    if unlinked:
        print(f"{unlinked} stored documents are not linked yet "
              f"(sayso link --db {db} links them)")


def link_first(db: Path) -> None:
    """Link what an interrupted ingest left unlinked before claims are read."""
    from .link.persist import link_pending
    linked = link_pending(db)
    if linked:
        errors.print(f"sayso: linked {linked} documents that were not linked yet",
                     markup=False)


FORMAT_OPTION = typer.Option("table", "--format", "-f", metavar="[table|jsonl|csv]",
                             help="table, jsonl or csv.")


MIN_ARTICLES_OPTION = typer.Option(
    1, "--min-articles", metavar="N", help="Only claims carried by at least N articles "
                                             "(2 for the cross-outlet view).")


@app.command()
def claims(
    db: Path = DB_OPTION,
    actor: Optional[str] = typer.Option(None, "--actor", help="Source name contains this."),
    about: Optional[str] = typer.Option(None, "--about", help="Content contains this."),
    contested: bool = typer.Option(False, "--contested", help="Only denied or disputed."),
    laundered: bool = typer.Option(False, "--laundered",
                                   help="Only claims some article states as fact while "
                                        "elsewhere they are only attributed."),
    outlet: Optional[str] = typer.Option(None, "--outlet",
                                         help="Some article's outlet contains this."),
    since: Optional[str] = typer.Option(None, "--since", help="Last seen on or after "
                                                              "this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="First seen on or before "
                                                              "this date (YYYY-MM-DD)."),
    min_articles: int = MIN_ARTICLES_OPTION,
    sort: str = typer.Option("articles", "--sort", help="articles, outlets, origins, "
                             "statements, first_seen, last_seen or contested."),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many."),
    format: str = FORMAT_OPTION,
) -> None:
    """Who said what: every claim with its sources, origins, outlets, denials
    and laundering (single statements when the corpus was never linked)."""
    from .store import Store
    from .store.query import ClaimFilter, readable_claims
    from .store.query import claims as find_claims
    from .store.render import check_row_format, write_records
    try:
        check_row_format(format)
        where = ClaimFilter(actor=actor, about=about, contested=contested,
                            laundered=laundered, outlet=outlet, since=since, until=until,
                            min_articles=min_articles, sort=sort, limit=limit)
        link_first(db)
        with Store(db, read_only=True) as store:
            kind, records = find_claims(store, where)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    if kind == "claims" and format == "table":
        records = readable_claims(records)
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
    if not records:
        errors.print(f"sayso: no actors in {db} (ingest some documents first)", markup=False)
        return
    write_records(records, format, sys.stdout, title=f"{len(records)} actors")


@app.command()
def query(
    sql: str = typer.Argument(..., metavar="SQL",
                              help="One SELECT (or WITH, DESCRIBE, SHOW, SUMMARIZE, "
                                   "EXPLAIN) statement; the database is read-only."),
    db: Path = DB_OPTION,
    format: str = FORMAT_OPTION,
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS",
                                  help="Stop the query after this many seconds."),
    max_rows: int = typer.Option(100_000, "--max-rows", metavar="N",
                                 help="Print at most this many rows."),
) -> None:
    """Run SQL on a corpus database, read-only (tables: documents, actors, ...).

    Only the corpus is reachable: no files, no extensions, no settings, one
    statement at a time.
    """
    from .store.query import QueryLimits, sql_query
    from .store.render import check_row_format, write_rows
    if timeout <= 0 or max_rows < 1:
        raise fail("--timeout must be positive and --max-rows at least 1", EXIT_USAGE)
    try:
        check_row_format(format)
        result = sql_query(db, sql, QueryLimits(timeout=timeout, max_rows=max_rows))
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    write_rows(result.columns, result.rows, format, sys.stdout)
    if result.truncated:
        errors.print(f"sayso: printed the first {max_rows} rows only (--max-rows)",
                     markup=False)


@app.command()
def export(
    what: str = typer.Option(..., "--what", metavar="[" + "|".join(EXPORTS) + "]",
                             help="What to export (docs/CONTRACT.md, corpus-level exports; "
                                  "gdelt-events: one row per event in GDELT's shape; "
                                  "graph: claims, statements, actors and outlets)."),
    format: str = typer.Option("jsonl", "--format", "-f",
                               metavar="[jsonl|csv|parquet|graphml|prov-jsonld]",
                               help="jsonl, csv or parquet; "
                               "for graph: graphml or prov-jsonld."),
    db: Path = DB_OPTION,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write here instead of stdout."),
    min_articles: int = MIN_ARTICLES_OPTION,
) -> None:
    """Export corpus records (docs/CONTRACT.md, corpus-level exports) or the claim graph."""
    from .store import Store
    from .store.export import export_to
    try:
        if min_articles < 1:
            raise UsageError(f"--min-articles must be at least 1, not {min_articles}")
        link_first(db)
        with Store(db, read_only=True) as store:
            count = export_to(store, what, format, output, min_articles=min_articles)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    if count == 0:
        errors.print(f"sayso: no {what} in {db}: exported nothing", markup=False)


@app.command()
def demo(db: Path = typer.Option(Path("sayso-demo.duckdb"), "--db", metavar="FILE",
                                 help="The demo corpus database file.")) -> None:
    """Ingest the bundled sample corpus and show what sayso found (resumable)."""
    from .store import Store
    from .store.demo import corpus_summary, demo_size, ingest_demo
    from .store.progress import ingest_display
    from .store.render import write_corpus_summary
    try:
        with Store(db) as store, ingest_display(errors, demo_size()) as shown:
            ingest_demo(store, on_progress=shown.outcome, on_commit=shown.committed,
                        on_document=shown.document)
            summary = corpus_summary(store)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    write_corpus_summary(summary, str(db), sys.stdout)


@app.command()
def link(db: Path = DB_OPTION) -> None:
    """Link the stored documents not linked yet: duplicates, stories, claims."""
    from .link.persist import missing_metadata, update_links
    from .store import Store
    try:
        with Store(db) as store:
            count = update_links(store)
            unusable = missing_metadata(store)
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    print(f"linked {count} documents in {db}")
    if unusable:
        print(f"linking: {unusable}")


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                             help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, metavar="PORT",
                             help="Port to listen on (0: any free port)."),
) -> None:
    """Browse a corpus in the web UI (and its JSON API) while ingest may add to it.

    Pages at /, their JSON twins under /api, the OpenAPI schema at
    /api/openapi.json. Exits 4 when the port is in use, 3 without sayso[web].
    """
    try:
        from .web.serve import serve_corpus
    except ImportError as exc:
        raise fail(f"the web UI needs its extra: pip install 'sayso[web]' ({exc.name})",
                   EXIT_MISSING_EXTRA) from exc
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc
    try:
        serve_corpus(db, host, port, on_ready=lambda url: errors.print(
            f"sayso: serving {db} on {url} (Ctrl-C stops)", markup=False))
    except SaysoError as exc:
        raise fail(str(exc), exit_code(exc)) from exc


def main() -> None:
    app()
