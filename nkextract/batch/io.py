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
from dataclasses import fields
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

import pandas as pd

from ..errors import OutputError
from ..records import CLAIM_COLUMNS, MENTION_COLUMNS, Claim, Mention

logger = logging.getLogger(__name__)

TABLES = ("mentions", "claims", "facts", "checks", "errors", "manifest")
#: the tables a run writes batch by batch (facts and checks come from the claims after)
STREAMED = ("mentions", "claims", "errors", "manifest")
WORK_DIR = ".nkextract"  # inside OUT_DIR while a run is under way: its journal and part files
FORMATS = ("jsonl", "csv", "parquet")
ERROR_COLUMNS = ["article", "kind", "message"]
MANIFEST_COLUMNS = ["article", "sha256", "status", "n_mentions", "n_claims", "encoding", "published"]
#: the columns of the tables a run streams; facts and checks take cross_check's columns
COLUMNS = {
    "mentions": MENTION_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "errors": ERROR_COLUMNS,
    "manifest": MANIFEST_COLUMNS,
}


def _typed_columns(kind: str) -> set[str]:
    names = {f.name for record in (Mention, Claim) for f in fields(record)
             if kind in str(f.type) and "str" not in str(f.type)}
    return names


#: numeric columns by name, whichever table they are in
INT_COLUMNS = _typed_columns("int") | {"n_mentions", "n_claims"}
FLOAT_COLUMNS = _typed_columns("float") | {"expected", "observed", "tolerance"}
#: list-valued columns of the tables (the claims of a fact or check, its sources)
LIST_COLUMNS = {"claims", "sources", "attributed_to", "disagreeing"}
#: text columns: never read as numbers or JSON from a csv, whatever they hold
TEXT_COLUMNS = ({f.name for record in (Mention, Claim) for f in fields(record)
                 if "str" in str(f.type) and f.name not in LIST_COLUMNS}
                | {"claim_id", "check_id", "sha256", "status", "encoding", "published", "message",
                   "explanation", "statistic"})


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

    Use as a context manager: leaving the block with an exception discards the
    temporary file and leaves any earlier table of that name untouched.
    """

    def __init__(self, out_dir: str | Path, name: str, fmt: str, columns: list[str],
                 schema: Any = None) -> None:
        self.path = table_path(out_dir, name, fmt)
        self.fmt = fmt
        self.columns = list(columns)
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

            self._schema = schema if schema is not None else arrow_schema(self.columns)
            self._parquet = pq.ParquetWriter(self.temp, self._schema)
        else:
            self._file = open(self.temp, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self._csv = csv.writer(self._file)
                self._csv.writerow(self.columns)

    def write(self, rows: Iterable[dict], *, plain: bool = False) -> None:
        """Append rows (dicts keyed by column; missing keys are null). plain: the values are
        already plain Python (parsed JSON, ``plain_rows``): not converted again."""
        if plain:
            rows = [[row.get(c) for c in self.columns] for row in rows]
        else:
            rows = [[_plain(row.get(c)) for c in self.columns] for row in rows]
        if not rows:
            return
        if self._parquet is not None:
            import pyarrow as pa

            arrays = {c: [r[i] for r in rows] for i, c in enumerate(self.columns)}
            self._parquet.write_table(pa.Table.from_pydict(arrays, schema=self._schema))
        elif self._csv is not None:
            self._csv.writerows([[_csv_cell(v) for v in r] for r in rows])
        else:
            assert self._file is not None
            for r in rows:
                self._file.write(json.dumps(dict(zip(self.columns, r)), ensure_ascii=False) + "\n")

    def write_json_lines(self, lines: Iterable[str]) -> int:
        """Append rows already written as JSON objects, one per string (jsonl tables only).
        RETURNS: how many."""
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
    columns = [str(c) for c in df.columns] or COLUMNS.get(name, [])
    rows = [{c: _plain(v) for c, v in row.items()} for row in df.to_dict("records")]
    schema = None
    if fmt == "parquet" and name not in COLUMNS and rows:
        import pyarrow as pa  # a table of cross_check's making: let pyarrow infer its types

        schema = pa.Table.from_pylist(rows).select(columns).schema
    with TableWriter(out_dir, name, fmt, columns, schema) as writer:
        writer.write(rows)
    return writer.path


def read_table(out_dir: str | Path, name: str, fmt: str | None = None) -> pd.DataFrame:
    """Read table ``name`` from out_dir (format found from the file when not given)."""
    fmt = fmt or find_format(out_dir, name)
    path = table_path(out_dir, name, fmt)
    if not path.exists():
        raise OutputError(f"No {name} table at {path}: run `nkextract extract` into {out_dir} first.")
    if fmt == "parquet":
        df = pd.read_parquet(path)
        for column in df.columns:
            if df[column].dtype == object:
                df[column] = [v.tolist() if hasattr(v, "tolist") else v for v in df[column]]
    elif fmt == "csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
        df = df.astype(object).where(df != "", None)
        for column in df.columns:
            if column not in TEXT_COLUMNS and _all_json(df[column]):
                df[column] = [json.loads(v) if v is not None else None for v in df[column]]
    else:
        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        # dtype object: a str column (pyarrow) cannot hold a lone surrogate ("\\ud800" in JSON)
        df = pd.DataFrame(rows, columns=list(rows[0]) if rows else COLUMNS.get(name, []), dtype=object)
    return _typed(df)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes whichever format df came from."""
    for column in df.columns:
        values = df[column]
        present = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
        if column in TEXT_COLUMNS or not present:
            numbers = None
        elif column in FLOAT_COLUMNS | INT_COLUMNS or all(_is_number(v) for v in present):
            try:
                numbers = pd.to_numeric(values)
            except (ValueError, TypeError):
                numbers = None  # a column of that name holding words: leave it as text
        else:
            numbers = None
        if numbers is None:
            if present and all(v in ("True", "False") for v in present):
                values = values.map({"True": True, "False": False})
            df[column] = values.astype(object).where(values.notna(), None)
        elif column in FLOAT_COLUMNS or numbers.isna().any() or numbers.dtype.kind != "i":
            df[column] = numbers.astype("float64")
        else:
            df[column] = numbers.astype("int64")
    return df.reset_index(drop=True)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    if isinstance(value, str):  # a csv cell
        try:
            float(value)
        except ValueError:
            return False
        return True
    return False


def _all_json(values: pd.Series) -> bool:
    present = [v for v in values if v is not None]
    if not present or not all(v[:1] in ("[", "{") for v in present):
        return False
    try:
        return all(isinstance(json.loads(v), (list, dict)) for v in present)
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
    if value is pd.NaT:
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


#: numeric columns of the facts table beyond the claims' own
FACT_INT_COLUMNS = {"n_claims", "n_sources", "n_versions"}
FACT_FLOAT_COLUMNS = {"spread", "value", "low", "high"}
BOOL_COLUMNS = {"seasonally_adjusted", "forecast", "corrected"}


def arrow_schema(columns: list[str]) -> Any:
    """The parquet schema of a table's columns, by column name (text for unknown ones)."""
    import pyarrow as pa

    def kind(column: str) -> Any:
        if column in INT_COLUMNS | FACT_INT_COLUMNS:
            return pa.int64()
        if column in FLOAT_COLUMNS | FACT_FLOAT_COLUMNS:
            return pa.float64()
        if column in BOOL_COLUMNS:
            return pa.bool_()
        if column in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.string()

    return pa.schema([(c, kind(c)) for c in columns])




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
