"""The ``nkextract`` command: a thin typer wrapper over ``nkextract.batch.run``.

Options are parsed here and handed to one importable function each (``batch.run``,
``batch.check``, ``report.write_report``), as spaCy's own CLI does. Progress bars and
the end-of-run summary live here, not in the library.
"""
from __future__ import annotations

import contextlib
import logging
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, Optional

import typer

logger = logging.getLogger("nkextract")

app = typer.Typer(
    name="nkextract",
    help="Turn the numbers in news wire stories into cross-checked evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


EXTRACT_HELP = """Extract mentions and claims from every article in ARTICLES_DIR, then cross-check them.

ARTICLES_DIR is read recursively: .txt, .html/.htm, .json (a text field) and .jsonl (one
article per line). OUT_DIR receives the tables mentions, claims, facts, checks, errors and
manifest. Files that cannot be read are listed in `errors`; the run goes on.

\b
Examples:
  nkextract extract stories/ --out results/
  nkextract extract stories/ --out results/ --format parquet --n-process 4
  nkextract extract stories/ --out results/ --resume          # after an interrupted run
  nkextract extract stories/ --out results/ --scheduler tcp://10.0.0.5:8786
"""


MODELS_OPTION = typer.Option(None, "--models", help="A models folder (a copy of nkextract's models/ "
                             "with your own lexicons) read by every stage instead of the packaged one.")


@app.command(help=EXTRACT_HELP)
def extract(
    articles_dir: Path = typer.Argument(..., metavar="ARTICLES_DIR", help="Folder of articles, read recursively."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the tables (created if missing)."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="Table format."),
    n_process: int = typer.Option(1, "--n-process", "-n", min=1, help="Processes running the pipeline."),
    resume: bool = typer.Option(False, "--resume", help="Keep what an interrupted run into OUT finished."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler, tcp://HOST:PORT."),
    metadata: Optional[Path] = typer.Option(None, "--metadata", help="CSV of file,published "
                                            "(default: ARTICLES_DIR/metadata.csv)."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, help="Files per batch (and per Dask task)."),
    max_bytes: int = typer.Option(10 * 1024 * 1024, "--max-bytes", min=1, help="Larger files are refused."),
    models: Optional[Path] = MODELS_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors only."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print debugging detail."),
) -> None:
    from .batch.run import run

    tty = sys.stderr.isatty() and not quiet
    reporter = None if quiet else ProgressReporter(tty)
    try:
        with _console_logging(quiet, verbose, tty):
            summary = run(articles_dir, out, fmt=format.value, n_process=n_process, resume=resume,
                          scheduler=scheduler, batch_size=batch_size, progress=reporter,
                          metadata=metadata, max_bytes=max_bytes, models_dir=models)
    finally:
        if reporter is not None:
            reporter.close()
    if not quiet:
        typer.echo(f"nkextract: {summary.line()}")


@app.command(help="""Cross-check the claims table in OUT_DIR again, rewriting facts and checks.

The claims are split on disk into partitions that are cross-checked one at a time (or as
Dask tasks with --scheduler), so memory stays bounded however large the table is.

\b
Examples:
  nkextract check results/
  nkextract check results/ --resume                      # after an interrupted check
  nkextract check results/ --scheduler tcp://10.0.0.5:8786
""")
def check(
    out_dir: Path = typer.Argument(..., metavar="OUT_DIR", help="A folder written by `nkextract extract`."),
    models: Optional[Path] = MODELS_OPTION,
    resume: bool = typer.Option(False, "--resume", help="Keep what an interrupted check of OUT finished."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler, tcp://HOST:PORT."),
    partition_size: Optional[int] = typer.Option(None, "--partition-size", min=1,
                                                 help="Claims per partition aimed at."),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    from .batch.run import check as cross_check_folder

    def work(folder: Path) -> Any:
        return cross_check_folder(folder, models_dir=models, resume=resume, scheduler=scheduler,
                                  partition_claims=partition_size)

    result = _on_folder(out_dir, quiet, verbose, work)
    if not quiet:
        failed = f", {result.failed} partitions failed (see errors)" if result.failed else ""
        typer.echo(f"nkextract: {result.facts} facts, {result.checks} checks, {result.conflicts} conflicts"
                   f"{failed} -> {out_dir}")


@app.command(help="""Write an HTML report of the tables in OUT_DIR.

\b
Example:
  nkextract report results/
""")
def report(
    out_dir: Path = typer.Argument(..., metavar="OUT_DIR", help="A folder written by `nkextract extract`."),
    models: Optional[Path] = MODELS_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    from .crosscheck.settings import settings
    from .lexicons import check_models_dir
    from .views.report import write_report

    settings(check_models_dir(models))  # the report reads only the tables today; a bad folder still stops it
    written = _on_folder(out_dir, quiet, verbose, write_report)
    if not quiet:
        typer.echo(f"nkextract: report written to {written}")


def _on_folder(out_dir: Path, quiet: bool, verbose: bool, work: Any) -> Any:
    """Run work(out_dir) on an extracted folder, with the console logging of a command."""
    from .errors import InputError

    if not out_dir.is_dir():
        raise InputError(f"{out_dir} is not a folder: give the --out folder of `nkextract extract`.")
    with _console_logging(quiet, verbose):
        return work(out_dir)


@contextlib.contextmanager
def _console_logging(quiet: bool, verbose: bool, tty: bool = False) -> Iterator[None]:
    """nkextract's log lines on stderr while a command runs (through tqdm on a terminal,
    so they do not break the bar); the logging set-up is left as it was afterwards."""
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    saved = [(name, logging.getLogger(name).level) for name in ("nkextract", "distributed")]
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    logging.getLogger("distributed").setLevel(max(level, logging.WARNING))
    try:
        if tty:
            from tqdm.contrib.logging import logging_redirect_tqdm

            with logging_redirect_tqdm(loggers=[logger]):
                yield
        else:
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        for name, old in saved:
            logging.getLogger(name).setLevel(old)


class ProgressReporter:
    """A tqdm bar on a terminal (files/s, words/s, ETA); log lines every few seconds otherwise."""

    def __init__(self, tty: bool, every: float = 10.0) -> None:
        self.tty = tty
        self.every = every
        self.bar: Any = None
        self.last = 0.0

    def __call__(self, progress: Any) -> None:
        words_rate = progress.words / max(progress.seconds, 1e-9)
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=progress.files_total, unit="file", dynamic_ncols=True, file=sys.stderr)
            self.bar.update(progress.files_done - self.bar.n)
            self.bar.set_postfix_str(f"{words_rate:,.0f} words/s", refresh=False)
            return
        now = time.monotonic()
        done = progress.files_total is not None and progress.files_done >= progress.files_total
        if now - self.last < self.every and not done:
            return
        self.last = now
        files_rate = progress.files_done / max(progress.seconds, 1e-9)
        eta = ""
        if progress.files_total and files_rate > 0:
            eta = f", ETA {(progress.files_total - progress.files_done) / files_rate:.0f} s"
        logger.info("%d/%s files (%.1f files/s, %.0f words/s%s)", progress.files_done,
                    progress.files_total if progress.files_total is not None else "?", files_rate, words_rate, eta)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def main(argv: list[str] | None = None) -> None:
    """The console-script entry point: one clear line, no traceback, when a run cannot go."""
    from .errors import NKError

    args = sys.argv[1:] if argv is None else argv
    args = args or ["--help"]
    try:
        app(args=args, prog_name="nkextract", standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.TyperException as err:  # typer's click: a bad option or a missing argument
        message = " ".join(str(getattr(err, "format_message", err.__str__)()).split())
        sys.stderr.write(f"nkextract: error: {message} (see `nkextract --help`)\n")
        sys.exit(getattr(err, "exit_code", 2))
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("nkextract: interrupted; run again with --resume to carry on.\n")
        sys.exit(130)
    except NKError as err:
        sys.stderr.write(f"nkextract: error: {err}\n")
        sys.exit(1)
    except Exception as err:
        if "-v" in args or "--verbose" in args:
            raise
        sys.stderr.write(f"nkextract: error: {type(err).__name__}: {err} (rerun with --verbose for details)\n")
        sys.exit(1)
