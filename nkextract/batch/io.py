"""The output tables of a run, in jsonl, csv or parquet, written atomically and read back.

A table file is written to a temporary file in the output folder and renamed over the
final name (``os.replace``) only once complete, so a reader never sees half a table.
Reading back gives the same DataFrame whatever the format: numbers as numbers, missing
values as None/NaN, list columns (the ``claims`` of facts and checks) as Python lists.
"""
from __future__ import annotations

import csv
import json
import math
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

import pandas as pd

from ..errors import OutputError
from .schema import (BOOL, COLUMN_TYPES, ERROR_COLUMNS, FLOAT, INT, MANIFEST_COLUMNS, TABLE_COLUMNS, TEXT,
                     TEXT_LIST, CONVERTERS, arrow_schema, conform_rows, guessed_type, table_schema)

logger = logging.getLogger(__name__)

TABLES = ("mentions", "claims", "facts", "checks", "errors", "manifest")
#: the tables a run writes batch by batch (facts and checks come from the claims after)
STREAMED = ("mentions", "claims", "errors", "manifest")
WORK_DIR = ".nkextract"  # inside OUT_DIR while a run is under way: its journal and part files
FORMATS = ("jsonl", "csv", "parquet")
#: the columns of the tables a run streams (every table's columns and types: schema.py)
COLUMNS = {table: TABLE_COLUMNS[table] for table in STREAMED}
__all__ = ["ERROR_COLUMNS", "MANIFEST_COLUMNS", "COLUMNS", "TABLES", "STREAMED", "FORMATS", "TableWriter",
           "write_table", "read_table", "conformed_rows", "plain_rows", "table_path", "find_format", "RunJournal"]


def table_path(out_dir: str | Path, name: str, fmt: str) -> Path:
    """Where table ``name`` lives in out_dir in format fmt (``claims.jsonl``, ...)."""
    if fmt not in FORMATS:
        raise OutputError(f"Unknown table format {fmt!r}: use one of {', '.join(FORMATS)}.")
    return Path(out_dir) / f"{name}.{fmt}"


def find_format(out_dir: str | Path, name: str = "claims") -> str:
    """The format table ``name`` was written in, in out_dir (the newest if several)."""
    found = [(p.stat().st_mtime, fmt) for fmt in FORMATS if (p := table_path(out_dir, name, fmt)).exists()]
    if not found:
        raise OutputError(f"No {name} table in {out_dir}: run `nkextract extract ARTICLES_DIR --out {out_dir}` first.")
    return max(found)[1]


class TableWriter:
    """Write a table row batch by row batch, then ``commit()`` it into place atomically.

    Every row is conformed to the table's declared schema (``schema.py``) whatever the
    format, so that jsonl, csv and parquet hold the same rows. Use as a context manager:
    leaving the block with an exception discards the temporary file and leaves any earlier
    table of that name untouched.
    """

    def __init__(self, out_dir: str | Path, name: str, fmt: str, columns: list[str] | None = None,
                 sample: list[dict] | None = None) -> None:
        """columns: the table's columns (default: its declared ones). sample: rows that
        suggest the type of a column with no declared type."""
        self.path = table_path(out_dir, name, fmt)
        self.name, self.fmt = name, fmt
        self.schema = table_schema(name, columns, sample)
        self.columns = [column.name for column in self.schema]
        try:
            handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{name}.", suffix=".tmp")
        except OSError as err:
            raise OutputError(f"Cannot write in {self.path.parent} ({err.strerror}); choose another --out.") from err
        os.close(handle)
        self.temp = Path(temp)
        self._file: IO[Any] | None = None
        self._parquet: Any = None
        self._csv: Any = None
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self._arrow = arrow_schema(self.schema)
            self._parquet = pq.ParquetWriter(self.temp, self._arrow)
        else:
            self._file = open(self.temp, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self._csv = csv.writer(self._file)
                self._csv.writerow(self.columns)

    def write(self, rows: Iterable[dict]) -> None:
        """Append rows (dicts keyed by column; missing keys are null), conformed to the schema."""
        cells = conform_rows(list(rows), self.schema, self.name)
        if not cells:
            return
        if self._parquet is not None:
            import pyarrow as pa

            arrays = {c: [r[i] for r in cells] for i, c in enumerate(self.columns)}
            self._parquet.write_table(pa.Table.from_pydict(arrays, schema=self._arrow))
        elif self._csv is not None:
            self._csv.writerows([[_csv_cell(v) for v in r] for r in cells])
        else:
            assert self._file is not None
            for r in cells:
                self._file.write(json.dumps(dict(zip(self.columns, r)), ensure_ascii=False) + "\n")

    def write_json_lines(self, lines: Iterable[str]) -> int:
        """Append rows already conformed (``conformed_rows``) and written as JSON objects,
        one per string (jsonl tables only). RETURNS: how many."""
        assert self._file is not None and self.fmt == "jsonl"
        count = 0
        for count, line in enumerate(lines, 1):
            self._file.write(line + "\n")
        return count

    def commit(self) -> Path:
        """Finish the file and move it into place. RETURNS: the table's path."""
        if self._parquet is not None:
            self._parquet.close()
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        os.chmod(self.temp, 0o644)  # mkstemp makes it private; a table is for everyone to read
        os.replace(self.temp, self.path)
        return self.path

    def abort(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._file is not None:
            self._file.close()
        self.temp.unlink(missing_ok=True)

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, kind: Any, *_: Any) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def write_table(df: pd.DataFrame, out_dir: str | Path, name: str, fmt: str = "jsonl") -> Path:
    """Write a whole DataFrame as table ``name`` in out_dir, atomically. RETURNS: its path."""
    columns = [str(c) for c in df.columns] or TABLE_COLUMNS.get(name, [])
    rows = list(plain_rows(df))
    with TableWriter(out_dir, name, fmt, columns, sample=rows) as writer:
        writer.write(rows)
    return writer.path


def conformed_rows(frame: pd.DataFrame, table: str) -> Iterator[dict]:
    """The rows of a frame conformed to table's schema (as every format writes them)."""
    rows = list(plain_rows(frame))
    schema = table_schema(table, [str(c) for c in frame.columns], rows)
    names = [column.name for column in schema]
    for cells in conform_rows(rows, schema, table):
        yield dict(zip(names, cells))


def read_table(out_dir: str | Path, name: str, fmt: str | None = None) -> pd.DataFrame:
    """Read table ``name`` from out_dir (format found from the file when not given), its
    columns typed by the declared schema: the same DataFrame from every format."""
    fmt = fmt or find_format(out_dir, name)
    path = table_path(out_dir, name, fmt)
    if not path.exists():
        raise OutputError(f"No {name} table at {path}: run `nkextract extract` into {out_dir} first.")
    if fmt == "parquet":
        df = pd.read_parquet(path)
    elif fmt == "csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
        df = df.astype(object).where(df != "", None)
    else:
        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        columns = list(dict.fromkeys(k for row in rows for k in row)) if rows else TABLE_COLUMNS.get(name, [])
        # dtype object: a str column (pyarrow) cannot hold a lone surrogate ("\\ud800" in JSON)
        df = pd.DataFrame(rows, columns=columns, dtype=object)
    return typed_columns(df)


def typed_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes whichever format df came from: each column by its declared type
    (numbers as int64 or, with nulls, float64; the rest object with None)."""
    for column in df.columns:
        kind = COLUMN_TYPES.get(str(column))
        cells = df[column].tolist() if kind in (TEXT, BOOL) else [_plain(v) for v in df[column].tolist()]
        kind = kind or _read_type(cells)
        if kind in (INT, FLOAT):
            df[column] = _numbers(cells, kind, df.index)
        else:
            df[column] = pd.Series([_read_cell(v, kind) for v in cells], index=df.index, dtype=object)
    return df.reset_index(drop=True)


def _numbers(cells: list, kind: str, index: pd.Index) -> pd.Series:
    """A numeric column: int64 when every cell is a whole number, else float64 (null as NaN)."""
    cells = [v if isinstance(v, (int, float, str)) and not isinstance(v, bool) else None for v in cells]
    numbers = pd.to_numeric(pd.Series(cells, index=index, dtype=object), errors="coerce")
    exact = kind == INT and not numbers.isna().any() and numbers.dtype.kind in "iu"
    return numbers.astype("int64" if exact else "float64")


def _read_cell(value: Any, kind: str) -> Any:
    try:
        return CONVERTERS[kind](value)
    except (TypeError, ValueError, OverflowError):
        return None if kind != TEXT else str(value)


def _read_type(cells: list) -> str:
    """The type of a column with no declared type, from its cells (csv cells are text)."""
    present = [v for v in cells if v is not None]
    if present and all(isinstance(v, str) for v in present):
        if all(v in ("True", "False") for v in present):
            return BOOL
        if all(_is_number(v) for v in present):
            return INT if all(v.lstrip("-").isdigit() for v in present) else FLOAT
        if _all_json(present):
            return TEXT_LIST
    return guessed_type(present)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _all_json(values: list[str]) -> bool:
    if not all(v[:1] == "[" for v in values):
        return False
    try:
        return all(isinstance(json.loads(v), list) for v in values)
    except json.JSONDecodeError:
        return False


def _plain(value: Any) -> Any:
    """A JSON-ready Python value: numpy scalars and arrays unwrapped, NaN as None."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is pd.NaT or value is pd.NA:
        return None
    return value


def plain_rows(frame: pd.DataFrame) -> Iterator[dict]:
    """The rows of a frame as dicts of plain Python values (NaN as None), converted column
    by column rather than cell by cell."""
    columns = [str(c) for c in frame.columns]
    values = []
    for column in frame.columns:
        cells = frame[column].tolist()
        if any(hasattr(v, "tolist") for v in cells):
            cells = [_plain(v) for v in cells]  # numpy arrays or scalars inside cells
        elif any(isinstance(v, float) for v in cells):
            cells = [None if isinstance(v, float) and math.isnan(v) else v for v in cells]
        values.append(cells)
    for row in zip(*values):
        yield dict(zip(columns, row))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


class RunJournal:
    """The part files of a run under way, and the journal of the batches they hold.

    A batch's rows go to their own part file, written atomically; only then is the batch
    added to the journal. After a ``kill -9`` at any moment, a batch is either in the
    journal with its whole part file, or will be done again.
    """

    def __init__(self, out_dir: str | Path, *, resume: bool = False) -> None:
        self.path = Path(out_dir) / WORK_DIR
        if not resume and self.path.exists():
            logger.info("%s holds an interrupted run: starting afresh (--resume would carry it on)", out_dir)
            shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(exist_ok=True)
        for stale in self.path.glob("*.tmp"):
            stale.unlink(missing_ok=True)
        self._journal = self.path / "journal.jsonl"
        self._done = self._read() if resume else {}

    def _read(self) -> dict[int, str]:
        done: dict[int, str] = {}
        if self._journal.exists():
            for line in self._journal.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    done[int(entry["batch"])] = str(entry["key"])
                except (ValueError, KeyError, TypeError):
                    continue  # the line being written when the run was killed
        logger.info("resuming: %d batches already done", len(done))
        return done

    def _part(self, number: int) -> Path:
        return self.path / f"part-{number:08d}.jsonl"

    def done(self, number: int, key: str) -> bool:
        """Whether batch ``number``, with these files (``key``), was finished earlier."""
        return self._done.get(number) == key and self._part(number).exists()

    def record(self, number: int, key: str, rows: dict[str, list]) -> None:
        """Write a finished batch's rows (table -> list of row dicts), then journal it."""
        handle, temp = tempfile.mkstemp(dir=self.path, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as part:
            for table in STREAMED:
                for row in rows[table]:
                    part.write(json.dumps([table, row], ensure_ascii=False) + "\n")
            part.flush()
            os.fsync(part.fileno())
        os.replace(temp, self._part(number))
        with open(self._journal, "a", encoding="utf-8") as journal:
            journal.write(json.dumps({"batch": number, "key": key}) + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        self._done[number] = key

    def rows(self, number: int) -> dict[str, list]:
        """The rows of a finished batch, by table."""
        rows: dict[str, list] = {table: [] for table in STREAMED}
        with open(self._part(number), encoding="utf-8") as part:
            for line in part:
                table, row = json.loads(line)
                rows[table].append(row)
        return rows

    def remove(self) -> None:
        """Delete the part files and journal once the tables are written."""
        shutil.rmtree(self.path, ignore_errors=True)
