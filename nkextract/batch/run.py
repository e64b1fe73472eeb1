"""The batch command's engine: a folder of articles in, the tables of the README out.

Files are read in batches, in a stable order, streamed through ``nlp.pipe`` (one
process, several, or a Dask cluster); each finished batch's rows go to a part file
written atomically and then to a journal, so a killed run resumes where it stopped.
At the end the parts are joined into the tables and the claims are cross-checked.
"""
from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import pandas as pd
from spacy.language import Language

from .workers import can_fork, local_batches, process_batches
from ..errors import ArticleError, InputError, NKError, OutputError
from .readers import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, Article, Entry, Failure, find_entries, read_entry, read_metadata, \
    read_metadata_file
from ..records import CLAIM_COLUMNS
from .io import COLUMNS, STREAMED, RunJournal, TableWriter
from .checking import CheckResult
from ..crosscheck.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 64        # files per part file (and per Dask task)
NOTEBOOK_BATCH_SIZE = 16       # texts per batch for extract() over a list of texts


class CrossCheckError(NKError):
    """Cross-checking failed after the extracted tables were written."""


@dataclass
class Progress:
    """How far a run has got; passed to the ``progress`` callback after every batch."""

    files_done: int
    files_total: int | None
    words: int
    seconds: float


@dataclass
class RunSummary:
    """What a run did: counts of the tables it wrote, and how long it took."""

    out_dir: Path
    files: int = 0
    articles: int = 0
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    mentions: int = 0
    claims: int = 0
    facts: int = 0
    checks: int = 0
    conflicts: int = 0
    words: int = 0
    resumed_batches: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.files} files, {self.articles} articles ({self.ok} ok, {self.errors} errors, "
                f"{self.skipped} skipped), "
                f"{self.claims} claims, {self.facts} facts, {self.checks} checks, "
                f"{self.conflicts} conflicts, {self.seconds:.1f} s -> {self.out_dir}")


@dataclass
class _Batch:
    """A batch of input files, read: the texts to annotate and the rows already known."""

    number: int
    key: str                                   # digest of the file names: same batch on resume
    n_files: int = 0
    items: list[tuple[str, dict]] = field(default_factory=list)
    articles: dict[str, dict] = field(default_factory=dict)   # article -> manifest row (pending)
    order: list[str] = field(default_factory=list)             # article names in input order
    rows: dict[str, list] = field(default_factory=lambda: {t: [] for t in STREAMED})


# -- reading ---------------------------------------------------------------------------
def _batches(entries: Iterable[Entry], size: int) -> Iterator[tuple[int, list[Entry]]]:
    chunk: list[Entry] = []
    number = 0
    for entry in entries:
        chunk.append(entry)
        if len(chunk) >= size:
            yield number, chunk
            number, chunk = number + 1, []
    if chunk:
        yield number, chunk


def _key(entries: list[Entry]) -> str:
    return hashlib.sha1("\n".join(e.name for e in entries).encode("utf-8")).hexdigest()


def _read_batch(number: int, entries: list[Entry], *, max_bytes: int, metadata: Mapping[str, str]) -> _Batch:
    batch = _Batch(number, _key(entries), n_files=len(entries))
    for entry in entries:
        if not entry.is_article and entry.problem is None:
            batch.order.append(entry.name)
            batch.rows["manifest"].append(_manifest_row(entry.name, status="skipped"))
            continue
        try:
            found = read_entry(entry, max_bytes=max_bytes, metadata=metadata)
        except ArticleError as err:
            found = [Failure(entry.name, err.kind, err.message, getattr(err, "sha256", None))]
        for item in found:
            _add(batch, item)
    return batch


def _add(batch: _Batch, item: Article | Failure) -> None:
    batch.order.append(item.name)
    if isinstance(item, Failure):
        batch.rows["manifest"].append(_manifest_row(item.name, "error", item.sha256))
        batch.rows["errors"].append({"article": item.name, "kind": item.kind, "message": item.message})
        return
    batch.articles[item.name] = _manifest_row(item.name, "ok", item.sha256, item.encoding, item.published)
    batch.items.append((item.text, {"article": item.name, "published": item.published, "batch": batch.number}))


def _manifest_row(article: str, status: str, sha256: str | None = None, encoding: str | None = None,
                  published: str | None = None) -> dict:
    return {"article": article, "sha256": sha256, "status": status, "n_mentions": 0, "n_claims": 0,
            "encoding": encoding, "published": published}


# -- annotating ------------------------------------------------------------------------
def _finish(batch: _Batch, results: Iterable[tuple[dict, list[dict], list[dict], int]]) -> tuple[dict, int]:
    """The batch's rows, in input order, once its docs are annotated. RETURNS: (rows, tokens)."""
    rows = batch.rows
    words = 0
    done = {}
    for context, mentions, claims, n_tokens in results:
        done[context["article"]] = (mentions, claims)
        words += n_tokens
    manifest = {row["article"]: row for row in rows["manifest"]}
    for name, row in batch.articles.items():
        if name not in done:
            row["status"] = "error"
            rows["errors"].append({"article": name, "kind": "pipeline",
                                   "message": f"{name}: the pipeline failed on this article (see the log)."})
        else:
            mentions, claims = done[name]
            row["n_mentions"], row["n_claims"] = len(mentions), len(claims)
        manifest[name] = row
    rows["manifest"] = [manifest[name] for name in batch.order]
    for name in batch.order:
        mentions, claims = done.get(name, ((), ()))
        rows["mentions"].extend(mentions)
        rows["claims"].extend(claims)
    rank = {name: i for i, name in enumerate(batch.order)}
    rows["errors"].sort(key=lambda r: rank[r["article"]])
    return rows, words


def _annotated(nlp: Language, batches: Iterable[_Batch], n_process: int) -> Iterator[tuple[_Batch, dict, int]]:
    """Finished batches, in order, from this process or n_process forked workers."""
    if n_process > 1 and can_fork():
        return process_batches(nlp, batches, n_process, _finish)
    return local_batches(nlp, batches, n_process, _finish)  # no fork: spaCy's own processes


# -- the run ---------------------------------------------------------------------------
def run(
    articles_dir: str | Path,
    out_dir: str | Path,
    *,
    fmt: str = "jsonl",
    n_process: int = 1,
    resume: bool = False,
    scheduler: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[Progress], None] | None = None,
    nlp: Language | None = None,
    metadata: str | Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    models_dir: str | Path | None = None,
) -> RunSummary:
    """Extract the tables of the README (`### The tables`) from a folder of articles into out_dir.

    fmt: ``jsonl``, ``csv`` or ``parquet``. n_process: processes for ``nlp.pipe``. resume:
        keep the batches a killed run finished. scheduler: a Dask address or Client.
    batch_size: files per batch. progress: called with a Progress after each batch.
    nlp: the pipeline (default ``nkextract.load()``; Dask workers load their own).
    metadata: a CSV of file,published (default: the folder's ``metadata.csv``).
    max_bytes: larger files are ``too_large`` errors. models_dir: the models folder every
        stage reads (default: the packaged models/; Dask workers read it at that path).
    RETURNS: a RunSummary. Raises InputError, OutputError or LexiconError before writing
        anything when the run cannot start."""
    start = time.monotonic()
    root, out, config, nlp = _start(articles_dir, out_dir, fmt, n_process, batch_size, models_dir, scheduler, nlp)
    dates = read_metadata_file(metadata) if metadata else read_metadata(root)
    journal, summary = RunJournal(out, resume=resume), RunSummary(out)
    total = sum(1 for _ in find_entries(root)) if progress else None
    numbers: list[int] = []
    state = {"files": 0, "words": 0}

    def todo() -> Iterator[_Batch]:
        for number, entries in _batches(find_entries(root), batch_size):
            numbers.append(number)
            key = _key(entries)
            if journal.done(number, key):
                summary.resumed_batches += 1
                _advance(state, len(entries), 0, total, start, progress)
                continue
            yield _read_batch(number, entries, max_bytes=max_bytes, metadata=dates)

    if scheduler is not None:
        from .workers import dask_batches

        finished = dask_batches(scheduler, todo(), _finish, models_dir=str(models_dir) if models_dir else None)
    else:
        finished = _annotated(nlp, todo(), n_process)
    for batch, rows, words in finished:
        journal.record(batch.number, batch.key, rows)
        summary.words += words
        _advance(state, batch.n_files, words, total, start, progress)
    _assemble(journal, out, fmt, numbers, summary)
    _cross_check_into(out, fmt, summary, config, scheduler=scheduler, resume=resume)
    journal.remove()
    summary.seconds = time.monotonic() - start
    logger.debug("done: %s", summary.line())
    return summary


def _start(articles_dir: str | Path, out_dir: str | Path, fmt: str, n_process: int, batch_size: int,
           models_dir: str | Path | None, scheduler: Any, nlp: Language | None) -> tuple[Path, Path, Settings, Any]:
    """Everything a run needs before it writes anything: its folders and options checked,
    the models folder read (and the pipeline loaded, unless Dask workers load theirs),
    then the output folder made. RETURNS: (articles folder, output folder, settings, nlp)."""
    root, out = _check_folders(articles_dir, out_dir, fmt, n_process, batch_size)
    models, config = _models(models_dir)
    if scheduler is None and nlp is None:
        nlp = _load(models)
    _make_out(out)
    return root, out, config, nlp


def _load(models_dir: Path | None = None) -> Language:
    from ..pipeline import load

    return load(models_dir)


def _models(models_dir: str | Path | None) -> tuple[Path, Settings]:
    """The models folder, checked, and the cross-check settings read from it."""
    from ..crosscheck.settings import settings
    from ..lexicons import check_models_dir

    models = check_models_dir(models_dir)
    return models, settings(models)


def _advance(state: dict, files: int, words: int, total: int | None, start: float,
             progress: Callable[[Progress], None] | None) -> None:
    state["files"] += files
    state["words"] += words
    if progress is not None:
        progress(Progress(state["files"], total, state["words"], time.monotonic() - start))


def _check_folders(articles_dir: str | Path, out_dir: str | Path, fmt: str, n_process: int,
                   batch_size: int) -> tuple[Path, Path]:
    from .io import FORMATS

    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    if n_process < 1 or batch_size < 1:
        raise InputError("--n-process and --batch-size must be at least 1.")
    root = Path(articles_dir).expanduser()
    if not root.is_dir():
        raise InputError(f"Articles folder {root} does not exist or is not a folder: check the path.")
    root = root.resolve()
    out = Path(out_dir).expanduser().resolve()
    if out == root or root in out.parents:
        raise InputError(f"Output folder {out} is inside the articles folder {root}: its tables would be "
                         "read as articles; choose an --out folder outside it.")
    return root, out


def _make_out(out: Path) -> None:
    """Create the output folder (once the run is known to be able to start)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as err:
        raise OutputError(f"Cannot write to output folder {out} ({err.strerror or err}); "
                          "choose another --out.") from err


# -- assembly --------------------------------------------------------------------------
def _assemble(journal: RunJournal, out: Path, fmt: str, numbers: list[int], summary: RunSummary) -> None:
    """Join the part files, in batch order, into the streamed tables."""
    writers = {table: TableWriter(out, table, fmt, COLUMNS[table]) for table in STREAMED}
    counts = dict.fromkeys(STREAMED, 0)
    try:
        for number in numbers:
            rows = journal.rows(number)
            for table in STREAMED:
                writers[table].write(rows[table])
                counts[table] += len(rows[table])
            summary.files += len({_file_of(r["article"]) for r in rows["manifest"]})
            for row in rows["manifest"]:
                status = {"error": "errors"}.get(row["status"], row["status"])
                setattr(summary, status, getattr(summary, status) + 1)
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for writer in writers.values():
        writer.commit()
    summary.articles = counts["manifest"]
    summary.mentions, summary.claims = counts["mentions"], counts["claims"]


def _file_of(article: str) -> str:
    """The input file of an article name (``x.jsonl#3`` -> ``x.jsonl``)."""
    head, _, line = article.rpartition("#")
    return head if head.lower().endswith(".jsonl") and line.isdigit() else article


def _cross_check_into(out: Path, fmt: str, summary: RunSummary, config: Settings, *,
                      scheduler: Any = None, resume: bool = False) -> None:
    """Cross-check the written claims table; write facts and checks beside it."""
    result = _check_with(out, fmt, config, scheduler=scheduler, resume=resume)
    summary.facts, summary.checks, summary.conflicts = result.facts, result.checks, result.conflicts


def check(out_dir: str | Path, fmt: str | None = None, *, models_dir: str | Path | None = None,
          resume: bool = False, scheduler: Any = None, partition_claims: int | None = None) -> CheckResult:
    """Cross-check the claims table in out_dir again; (re)write its facts and checks tables.

    The claims are split on disk into partitions cross-checked one at a time (memory
    bounded by a partition, not the table), here or as Dask tasks on ``scheduler``.
    models_dir: the models folder whose settings the checks use (default: the packaged one).
    resume: keep the partitions a killed check finished.
    partition_claims: claims per partition aimed at (default: PARTITION_CLAIMS).
    RETURNS: a CheckResult (counts). Raises CrossCheckError when cross-checking fails as a
        whole; a partition that fails is an ``errors`` row and the rest is written.
    """
    _, config = _models(models_dir)
    return _check_with(Path(out_dir), fmt, config, scheduler=scheduler, resume=resume,
                       partition_claims=partition_claims)


def _check_with(out: Path, fmt: str | None, config: Settings, *, scheduler: Any = None, resume: bool = False,
                partition_claims: int | None = None) -> CheckResult:
    from .checking import check_folder
    from .partitions import PARTITION_CLAIMS

    try:
        return check_folder(out, config, fmt=fmt, resume=resume, scheduler=scheduler,
                            partition_claims=partition_claims or PARTITION_CLAIMS)
    except NKError:
        raise
    except Exception as err:  # the claims are written: say how to retry, keep them
        logger.debug("cross-check failed", exc_info=True)
        raise CrossCheckError(f"Cross-checking failed ({type(err).__name__}: {err}); the other tables are "
                              f"written: fix the cause and run `nkextract check {out} --resume`.") from err


# -- notebooks -------------------------------------------------------------------------
def extract(
    folder_or_texts: str | Path | Iterable[str | Path] | Mapping[str, str],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    published: str | Mapping[str, str] | None = None,
    models_dir: str | Path | None = None,
) -> pd.DataFrame:
    """The claims in a folder of articles, a list of files, or raw texts.

    folder_or_texts: a folder; a list of file paths; a list of texts (named "0", "1",
        ...); a dict of name -> text; or one text. A string is a path when such a
        file or folder exists (or it looks like one: no spaces, a ``/`` or ``.txt``...).
    published: one publication date for all, or a dict of article name -> date.
    models_dir: the models folder of the pipeline (when nlp is not given).
    RETURNS: a DataFrame of claims (the columns of the claims table), in input order. Files that
        cannot be read are logged as warnings and left out.
    """
    batches = _notebook_batches(folder_or_texts, published)
    rows: list[dict] = []
    for _, batch_rows, _ in _annotated(nlp or _load(models_dir), batches, n_process):
        for error in batch_rows["errors"]:
            logger.warning("%s: %s (%s)", error["article"], error["message"], error["kind"])
        rows.extend(batch_rows["claims"])
    claims = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return claims


def _notebook_batches(source: Any, published: str | Mapping[str, str] | None) -> Iterator[_Batch]:
    dates: Mapping[str, str] = {} if published is None or isinstance(published, str) else published
    default = published if isinstance(published, str) else None
    if isinstance(source, (str, Path)):
        path = _as_path(source)
        if path is not None and path.is_dir():
            dates = {**read_metadata(path), **dates}
            for number, entries in _batches(find_entries(path), DEFAULT_BATCH_SIZE):
                batch = _read_batch(number, entries, max_bytes=DEFAULT_MAX_BYTES, metadata=dates)
                _default_date(batch, default)
                yield batch
            return
        if path is not None and not path.exists():
            raise InputError(f"{source} does not exist: give a folder, a list of files, or texts.")
        source = [source]
    named = list(source.items()) if isinstance(source, Mapping) else \
        [(str(path), path) if (path := _as_path(s)) else (str(i), s) for i, s in enumerate(source)]
    for number, start in enumerate(range(0, len(named), NOTEBOOK_BATCH_SIZE)):
        batch = _Batch(number, "")
        for name, value in named[start:start + NOTEBOOK_BATCH_SIZE]:
            if isinstance(value, Path):
                try:
                    found = read_entry(Entry(name, value), metadata=dates)
                except ArticleError as err:
                    found = [Failure(name, err.kind, err.message)]
                for item in found:
                    _add(batch, item)
            else:
                _add(batch, Article(name, str(value), hashlib.sha256(str(value).encode()).hexdigest(),
                                    None, dates.get(name)))
        _default_date(batch, default)
        yield batch


def _as_path(value: Any) -> Path | None:
    """value as a Path when it names a file or folder (or looks like a path), else None (a text)."""
    if isinstance(value, Path):
        return value
    if not isinstance(value, str) or len(value) > 4096 or "\n" in value:
        return None
    if Path(value).exists():
        return Path(value)
    looks_like_path = " " not in value and ("/" in value or value.lower().endswith(ARTICLE_SUFFIXES))
    return Path(value) if looks_like_path else None


def _default_date(batch: _Batch, date: str | None) -> None:
    if date:
        for _, context in batch.items:
            context["published"] = context["published"] or date
