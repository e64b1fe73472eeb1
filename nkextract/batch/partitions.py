"""A claims table split on disk into partitions that can be cross-checked one at a time.

The claims are read in chunks and each row is copied, as it was written, into the
partition its *partition key* hashes to; only a few columns are parsed to find it. The
key is coarse on purpose, so that every check that joins two claims finds both in one
partition (``partition_key`` says why each part is there and why the others are not).

The split reads the table twice. The first pass collects what is decided per article or
per story rather than per claim: the articles that are corrections, and the stories
(crosscheck/stories.py) whose company figures are compared only within the story. Their
claims may fall in several partitions, so each partition is told (``prepare_partition``)
instead of rediscovering it from its own rows. The second pass routes the rows and finds,
article by article, the figures quoted for comparison (a sentence's earlier periods: their
sentence's other figures may go to other partitions). What a partition is told is written
beside it (``told-NNNNN.json``), so that whoever checks it, here or on a Dask worker, reads
its two files and nothing else.
"""
from __future__ import annotations

import csv
import json
import logging
import math
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import numpy as np
import pandas as pd

from ..claim import base_metric
from ..crosscheck.frames import as_text, column_of
from ..crosscheck.keys import KEY_COLUMNS, first_item
from ..crosscheck.fiscal import agreed_starts, year_start_months
from ..crosscheck.prepare import (TOLD_COMPARED, TOLD_FISCAL, in_headline, marked_corrected, prepare,
                                  provisional_articles)
from ..crosscheck.settings import Settings
from ..crosscheck.stories import StoryEvidence, combine, evidence, story_names, story_scoped, with_stories
from .io import table_path, typed_columns

logger = logging.getLogger(__name__)

#: claims per partition aimed at: a partition's cross-check peaks near 2 KiB per claim
PARTITION_CLAIMS = 150_000
#: at most this many partitions (open files) however large the table
MAX_PARTITIONS = 512
#: rows read and routed at a time
CHUNK_ROWS = 100_000
#: the columns the partition key and the correction flag are computed from
KEY_FIELDS = ["metric", "origin", "destination", "product", "subject_id", "article", "start",
              "sentence", "value", "low", "high", "corrected", "period"]
PLAN_FILE = "plan.json"


@dataclass
class Plan:
    """What splitting a claims table found; kept in the work folder for ``--resume``."""

    source: dict                      # the claims file: path, size, mtime_ns (same file on resume?)
    fmt: str
    n_partitions: int
    n_claims: int = 0
    errors: list[dict] = field(default_factory=list)     # rows of the claims table that cannot be read
    # what the first pass learns of the whole table is in each partition's told file, not here

    def partition(self, work: Path, number: int) -> Path:
        """The file of partition ``number``."""
        return table_path(work, partition_name(number), self.fmt)


class Told(NamedTuple):
    """What a partition is told about the whole table (see prepare_partition)."""

    stories: dict[str, str]
    corrected: frozenset[str]
    provisional: frozenset[str] = frozenset()
    fiscal: dict[str, int] = {}  # subject_id -> fiscal year's first month, from the whole table
    compared: dict[str, list[int]] = {}  # article -> starts of its figures quoted for comparison


def told_path(work: Path, number: int) -> Path:
    """The file beside partition ``number`` with what it is told."""
    return work / f"told-{number:05d}.json"


def read_told(path: Path) -> Told:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Told(data["stories"], frozenset(data["corrected"]), frozenset(data["provisional"]),
                data["fiscal"], data["compared"])


def _write_told(work: Path, number: int, told: Told) -> None:
    temp = told_path(work, number).with_suffix(".tmp")
    temp.write_text(json.dumps({"stories": told.stories, "corrected": sorted(told.corrected),
                                "provisional": sorted(told.provisional), "fiscal": told.fiscal,
                                "compared": told.compared}), encoding="utf-8")
    os.replace(temp, told_path(work, number))


def partition_name(number: int) -> str:
    return f"claims-{number:05d}"


def source_signature(path: Path) -> dict:
    """What identifies a claims file: a plan made from another file is not reused."""
    stat = path.stat()
    return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def read_plan(work: Path, source: dict) -> Plan | None:
    """The plan a finished split left in work, if it was made from this claims file."""
    try:
        plan = Plan(**json.loads((work / PLAN_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return plan if plan.source == source else None


# -- the partition key -----------------------------------------------------------------------
def metric_families(config: Settings) -> dict[str, str]:
    """Each metric of a family (metrics.json ``family``: a flow total and the flows it adds up,
    ``trade`` with exports and imports) mapped to its family's name, both coarse."""
    return {_coarse_metric(metric): _coarse_metric(family) for metric, family in config.metric_families.items()}


def _coarse_metric(value: Any) -> str:
    """A metric reduced so that every spelling keys.py treats as one stays one (coarser
    is safe: it only puts more claims together): lower case, no ``_sa``, letters and digits."""
    text = base_metric("_".join(str(value).split()).lower())
    return "".join(ch for ch in text if ch.isalnum())


def _coarse(values: pd.Series) -> pd.Series:
    """Cells as upper-case letters and digits ('' for missing): as coarse as any cleaning."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values.to_numpy(dtype=object)):
        value = first_item(value)
        out[i] = "" if value is None or (isinstance(value, float) and math.isnan(value)) \
            else "".join(ch for ch in str(value).upper() if ch.isalnum())
    return pd.Series(out, index=values.index, dtype=object)


def partition_key(claims: pd.DataFrame, config: Settings, stories: dict[str, str]) -> pd.DataFrame:
    """The coarse key that decides a claim's partition (a frame of strings, one row per claim).

    Every check joins claims that agree on this key:
    - agreement, rounding, currency and conflicts compare claims of one statistic, and
      headline_vs_body and the within-story rules compare claims of one statistic in one
      story: one statistic key, which includes the metric and both countries;
    - implied_value joins a level, its % change and the level of the prior period
      (the month before, across December->January, or a year ago), and subperiod joins
      months, quarters and ranges with their year; unknown years (``XXXX-11``) are filled
      from the same series: so the *period is not in the key*, a series over all its years
      stays together (partitioning by year would break at every year boundary);
    - sum_of_parts adds the products of a flow up to its total (so *no product*), the
      flows both ways between two countries to two-way trade and to the balance (so the
      *countries as an unordered pair*, and the *metric family* of metrics.json, not the
      metric), with or without ``_sa`` (stripped), whatever the unit or role (*neither*).
    - subject_id once keys.py counts it in the statistic key (claims of two companies are
      then never compared); before, claims of two subjects may share a key.
    - a company figure with no country and no product (no subject) is compared within its
      story only (stories.py): the *story* is in the key, from the first pass.
    """
    families = metric_families(config)
    metric = pd.Series([families.get(m, m) for m in map(_coarse_metric, _cells(claims, "metric"))],
                       index=claims.index, dtype=object)
    origin, destination = _coarse(column_of(claims, "origin")), _coarse(column_of(claims, "destination"))
    first = np.where(origin <= destination, origin, destination)
    second = np.where(origin <= destination, destination, origin)
    key = pd.DataFrame({"family": metric, "first": first, "second": second}, index=claims.index)
    if "subject_id" in KEY_COLUMNS:
        key["subject"] = _coarse(column_of(claims, "subject_id"))
    key["story"] = ""
    scoped = story_scoped(claims, config)
    if scoped.any():
        articles = column_of(claims, "article").to_numpy(dtype=object)[scoped]
        key.loc[scoped, "story"] = [stories.get(str(a), str(a)) for a in articles]
    return key


def partition_numbers(claims: pd.DataFrame, n_partitions: int, config: Settings,
                      stories: dict[str, str]) -> np.ndarray:
    """The partition (0 .. n_partitions - 1) of each claim: its key hashed (stable across
    processes and runs: pandas' hash has a fixed seed)."""
    if n_partitions <= 1 or claims.empty:
        return np.zeros(len(claims), dtype=np.int64)
    hashed = pd.util.hash_pandas_object(partition_key(claims, config, stories), index=False).to_numpy()
    return (hashed % np.uint64(n_partitions)).astype(np.int64)


def _cells(claims: pd.DataFrame, name: str) -> list:
    return ["" if v is None or (isinstance(v, float) and math.isnan(v)) else first_item(v)
            for v in column_of(claims, name).to_numpy(dtype=object)]


# -- articles that are corrections ----------------------------------------------------------
def corrected_articles(claims: pd.DataFrame, config: Settings) -> set[str]:
    """The articles prepare would treat as corrections, from these claims: a claim with a
    figure in a title that marks its story corrected, or a ``corrected`` column set.

    Only claims early in their article can be in a title: the rest are not looked at.
    """
    value = pd.to_numeric(column_of(claims, "value"), errors="coerce")
    low = pd.to_numeric(column_of(claims, "low"), errors="coerce")
    high = pd.to_numeric(column_of(claims, "high"), errors="coerce")
    start = pd.to_numeric(column_of(claims, "start"), errors="coerce")
    figure = (np.isfinite(value) | (np.isfinite(low) & np.isfinite(high))).to_numpy()
    flagged = column_of(claims, "corrected").fillna(False).to_numpy(dtype=bool)
    early = figure & (start.fillna(np.inf) < config.headline_max_start).to_numpy()
    found = set(as_text(column_of(claims, "article"))[figure & flagged])
    if not early.any():
        return found
    frame = pd.DataFrame({"article": as_text(column_of(claims, "article")[early]), "start": start[early],
                          "sentence": as_text(column_of(claims, "sentence")[early])}).reset_index(drop=True)
    frame["headline"] = in_headline(frame["sentence"], frame["start"], config)
    return found | set(frame.loc[marked_corrected(frame, config), "article"])


def prepare_partition(claims: pd.DataFrame, stories: dict[str, str], corrected: Iterable[str],
                      config: Settings, provisional: Iterable[str] = (),
                      fiscal: dict[str, int] | None = None,
                      compared: dict[str, list[int]] | None = None) -> pd.DataFrame:
    """A partition's claims told what the whole table decides: their stories (``story``),
    which of their articles call figures provisional (``story_provisional``), which are
    corrections (``corrected``), their companies' fiscal calendars (TOLD_FISCAL) and which
    figures are quoted for comparison (TOLD_COMPARED)."""
    claims = with_stories(claims, config, stories)
    if fiscal is not None:
        subjects = as_text(column_of(claims, "subject_id"))
        claims = claims.assign(**{TOLD_FISCAL: subjects.map(fiscal).to_numpy()})
    if compared is not None:
        claims = claims.assign(**{TOLD_COMPARED: _is_compared(claims, compared)})
    claims = claims.assign(story_provisional=as_text(column_of(claims, "article")).isin(set(provisional)).to_numpy())
    corrected = set(corrected)
    if not corrected or claims.empty:
        return claims
    flag = as_text(column_of(claims, "article")).isin(corrected).to_numpy()
    if "corrected" in claims.columns:
        flag |= claims["corrected"].fillna(False).to_numpy(dtype=bool)
    return claims.assign(corrected=flag)


def _is_compared(claims: pd.DataFrame, compared: dict[str, list[int]]) -> np.ndarray:
    told = {a: set(starts) for a, starts in compared.items()}
    starts = pd.to_numeric(column_of(claims, "start"), errors="coerce").to_numpy(dtype=float)
    articles = as_text(column_of(claims, "article")).to_numpy(dtype=object)
    return np.array([np.isfinite(s) and int(s) in told.get(a, ()) for a, s in zip(articles, starts)], dtype=bool)


class ComparedFinder:
    """The figures quoted for comparison, article by article, from rows read in chunks.

    compared_figures compares the figures of one sentence, so an article's rows must be
    seen together: the last article of a chunk waits for the next chunk (a claims table
    written by ``nkextract extract`` holds each article's rows together)."""

    def __init__(self, config: Settings, fiscal: dict[str, int]) -> None:
        self.config, self.fiscal = config, fiscal
        self.pending: pd.DataFrame | None = None
        self.found: dict[str, list[int]] = {}

    def add(self, rows: pd.DataFrame) -> None:
        frame = rows if self.pending is None else pd.concat([self.pending, rows], ignore_index=True)
        if frame.empty:
            return
        articles = as_text(column_of(frame, "article")).to_numpy(dtype=object)
        last = articles == articles[-1]
        self.pending = frame[last].reset_index(drop=True)
        self._find(frame[~last])

    def finish(self) -> dict[str, list[int]]:
        if self.pending is not None:
            self._find(self.pending)
            self.pending = None
        return self.found

    def _find(self, rows: pd.DataFrame) -> None:
        if rows.empty:
            return
        told = prepare_partition(rows.reset_index(drop=True), {}, (), self.config, fiscal=self.fiscal)
        prepared = prepare(told, None, self.config)
        for article, start in prepared.loc[prepared["compared"], ["article", "start"]].itertuples(index=False):
            if np.isfinite(start):
                self.found.setdefault(str(article), []).append(int(start))


# -- reading the claims table in chunks ------------------------------------------------------
class Chunk(NamedTuple):
    """Rows of the claims table: the key columns parsed, and the rows as written."""

    frame: pd.DataFrame
    raw: Any          # list of lines (jsonl), list of row lists (csv), a RecordBatch (parquet)


def json_record(line: str) -> Any:
    """A line of a jsonl table, a lone surrogate ("\\ud800", which no string column can hold)
    read as ``?`` as the writers write it."""
    record = json.loads(line)
    if "\\ud" in line or "\\uD" in line:
        record = json.loads(json.dumps(record, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8"))
    return record


def whole_rows(chunk: Chunk, fmt: str, header: list[str]) -> pd.DataFrame:
    """All columns of a chunk's rows, typed as read_table types them."""
    if fmt == "parquet":
        return chunk.raw.to_pandas()
    if fmt == "csv":
        frame = pd.DataFrame([dict(zip(header, row)) for row in chunk.raw], columns=header, dtype=object)
        return typed_columns(frame.where(frame != "", None))
    return typed_columns(pd.DataFrame([json_record(line) for line in chunk.raw], dtype=object))


def count_claims(path: Path, fmt: str) -> int:
    """About how many rows the claims table has (lines for jsonl and csv)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 24):
            lines += block.count(b"\n")
    return lines


def read_chunks(path: Path, fmt: str, errors: list[dict], rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """The claims table in chunks; rows that cannot be read go to ``errors``."""
    if fmt == "parquet":
        yield from _parquet_chunks(path, rows)
    elif fmt == "csv":
        yield from _csv_chunks(path, rows)
    else:
        yield from _jsonl_chunks(path, errors, rows)


def _jsonl_chunks(path: Path, errors: list[dict], rows: int) -> Iterator[Chunk]:
    lines: list[str] = []
    records: list[dict] = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json_record(line)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
            except ValueError as err:
                errors.append({"article": f"{path.name}:{number}", "kind": "claims_unreadable",
                               "message": f"line {number} of {path.name} is not a JSON object ({err}); "
                                          "it is not cross-checked."})
                continue
            lines.append(line if line.endswith("\n") else line + "\n")
            records.append({k: record.get(k) for k in KEY_FIELDS if k in record})
            if len(lines) >= rows:
                yield Chunk(pd.DataFrame.from_records(records), lines)
                lines, records = [], []
    if lines:
        yield Chunk(pd.DataFrame.from_records(records), lines)


def _csv_chunks(path: Path, rows: int) -> Iterator[Chunk]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        wanted = [(i, c) for i, c in enumerate(header) if c in KEY_FIELDS]
        yield Chunk(pd.DataFrame(), [header])  # the header goes to every partition
        block: list[list[str]] = []
        for row in reader:
            block.append(row)
            if len(block) >= rows:
                yield _csv_chunk(block, wanted)
                block = []
        if block:
            yield _csv_chunk(block, wanted)


def _csv_chunk(block: list[list[str]], wanted: list[tuple[int, str]]) -> Chunk:
    columns = {c: [(r[i] if i < len(r) and r[i] != "" else None) for r in block] for i, c in wanted}
    return Chunk(pd.DataFrame(columns, index=range(len(block))), block)


def _parquet_chunks(path: Path, rows: int) -> Iterator[Chunk]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(path)
    wanted = [c for c in handle.schema_arrow.names if c in KEY_FIELDS]
    for batch in handle.iter_batches(batch_size=rows):
        yield Chunk(batch.select(wanted).to_pandas(), batch)


# -- writing the partitions ------------------------------------------------------------------
class PartitionWriters:
    """One open file per partition, in the claims table's own format; ``commit`` moves them
    into place (a split killed half-way leaves no partition that looks finished)."""

    def __init__(self, work: Path, fmt: str, n_partitions: int, schema: Any = None) -> None:
        self.work, self.fmt, self.n = work, fmt, n_partitions
        self.temps = [work / f".{partition_name(i)}.{fmt}.tmp" for i in range(n_partitions)]
        self.header: list[str] | None = None
        self.articles: list[set[str]] = [set() for _ in range(n_partitions)]
        self.subjects: list[set[str]] = [set() for _ in range(n_partitions)]
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self.files: list[Any] = [pq.ParquetWriter(t, schema) for t in self.temps]
        else:
            self.files = [open(t, "w", encoding="utf-8", newline="") for t in self.temps]
            self.csv = [csv.writer(f) for f in self.files] if fmt == "csv" else []

    def write(self, chunk: Chunk, numbers: np.ndarray) -> None:
        """Route the chunk's rows to their partitions, noting each one's articles and subjects."""
        if self.fmt == "csv" and chunk.frame.empty and self.header is None:
            self.header = chunk.raw[0]
            for writer in self.csv:
                writer.writerow(self.header)
            return
        order = np.argsort(numbers, kind="stable")
        bounds = np.flatnonzero(np.diff(numbers[order])) + 1
        articles = as_text(column_of(chunk.frame, "article")).to_numpy(dtype=object)
        subjects = as_text(column_of(chunk.frame, "subject_id")).to_numpy(dtype=object)
        for rows in np.split(order, bounds):
            if len(rows) == 0:
                continue
            target = int(numbers[rows[0]])
            self.articles[target].update(articles[rows])
            self.subjects[target].update(subjects[rows])
            if self.fmt == "parquet":
                import pyarrow as pa

                self.files[target].write_batch(chunk.raw.take(pa.array(rows)))
            elif self.fmt == "csv":
                self.csv[target].writerows(chunk.raw[i] for i in rows)
            else:
                self.files[target].write("".join(chunk.raw[i] for i in rows))

    def commit(self) -> None:
        for i, (handle, temp) in enumerate(zip(self.files, self.temps)):
            handle.close()
            os.replace(temp, table_path(self.work, partition_name(i), self.fmt))

    def abort(self) -> None:
        for handle, temp in zip(self.files, self.temps):
            handle.close()
            temp.unlink(missing_ok=True)


def split_claims(path: Path, fmt: str, work: Path, config: Settings,
                 partition_claims: int = PARTITION_CLAIMS) -> Plan:
    """Split the claims table at path into partitions in work; write and return the plan."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    total = count_claims(path, fmt)
    n_partitions = int(min(MAX_PARTITIONS, max(1, math.ceil(total / max(1, partition_claims)))))
    plan = Plan(source_signature(path), fmt, n_partitions)
    stories, corrected, provisional, fiscal = _survey(path, fmt, config, plan.errors)
    writers = PartitionWriters(work, fmt, n_partitions, _parquet_schema(path) if fmt == "parquet" else None)
    finder = ComparedFinder(config, fiscal)
    try:
        for chunk in read_chunks(path, fmt, []):
            numbers = partition_numbers(chunk.frame, n_partitions, config, stories)
            writers.write(chunk, numbers)
            if not chunk.frame.empty:
                finder.add(whole_rows(chunk, fmt, writers.header or []))
            plan.n_claims += len(chunk.frame)
    except BaseException:
        writers.abort()
        raise
    writers.commit()
    compared = finder.finish()
    for number, (articles, subjects) in enumerate(zip(writers.articles, writers.subjects)):
        _write_told(work, number, Told(
            {a: stories.get(a, a) for a in articles}, frozenset(articles & corrected),
            frozenset(articles & provisional), {s: m for s, m in fiscal.items() if s in subjects},
            {a: compared[a] for a in articles if a in compared}))
    temp = work / f".{PLAN_FILE}.tmp"
    temp.write_text(json.dumps(asdict(plan)), encoding="utf-8")
    os.replace(temp, work / PLAN_FILE)
    logger.info("claims split into %d partitions (%d claims, %d corrected articles, %d stories)",
                n_partitions, plan.n_claims, len(corrected), len(set(stories.values())))
    return plan


def _survey(path: Path, fmt: str, config: Settings,
            errors: list[dict]) -> tuple[dict[str, str], set[str], set[str], dict[str, int]]:
    """The first pass: what is learned across the whole table and handed to every
    partition: the stories of story-scoped figures, the corrected articles, the articles
    that call figures provisional, and each company's fiscal calendar (a company's claims
    may lie in several partitions: one partition must not learn another calendar)."""
    blocks: list[StoryEvidence] = []
    pending: list[StoryEvidence] = []
    corrected: set[str] = set()
    provisional: set[str] = set()
    months: dict[str, set[int]] = {}
    for chunk in read_chunks(path, fmt, errors):
        if chunk.frame.empty:
            continue
        year_start_months(as_text(column_of(chunk.frame, "subject_id")),
                          as_text(column_of(chunk.frame, "period")), into=months)
        pending.append(evidence(chunk.frame))
        corrected |= corrected_articles(chunk.frame, config)
        provisional |= provisional_articles(chunk.frame, config)
        if len(pending) >= 8:  # deduplicated a few chunks at a time, never all again
            blocks, pending = [*blocks, combine(pending)], []
    found = blocks + pending
    return (story_names(combine(found)) if found else {}), corrected, provisional, agreed_starts(months)


def _parquet_schema(path: Path) -> Any:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).schema_arrow
