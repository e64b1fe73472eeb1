"""The declared schema of the output tables: each column's type, written once.

The columns of each table are the contract's (README `### The tables`), taken from the
lists that define them: ``MENTION_COLUMNS`` and ``CLAIM_COLUMNS`` (the records),
``FACT_COLUMNS`` and ``CHECK_COLUMNS`` (the cross-check), ``ERROR_COLUMNS`` and
``MANIFEST_COLUMNS`` (here). Their types are written once, below, by column name: a name
has one type in every table that has it. Every writer (jsonl, csv, parquet) conforms each
row to its table's schema before writing it (``conform``), and ``read_table`` types the
columns by it, so the three formats hold the same rows on any input: a column is never
boolean in one block of rows and a word in another. A value that does not fit its
column's type is written as null, and logged.

The empty string is written as null in every format (a csv cell cannot tell them apart).
"""
from __future__ import annotations

import json
import logging
import math
from typing import Any, Callable, NamedTuple

from ..crosscheck.output import CHECK_COLUMNS, FACT_COLUMNS
from ..records import CLAIM_COLUMNS, MENTION_COLUMNS

logger = logging.getLogger(__name__)

TEXT, INT, FLOAT, BOOL, TEXT_LIST = "text", "int", "float", "bool", "text list"

ERROR_COLUMNS = ["article", "kind", "message"]
MANIFEST_COLUMNS = ["article", "sha256", "status", "n_mentions", "n_claims", "encoding", "published"]
#: the columns of each table, in order
TABLE_COLUMNS: dict[str, list[str]] = {
    "mentions": MENTION_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "facts": FACT_COLUMNS,
    "checks": CHECK_COLUMNS,
    "errors": ERROR_COLUMNS,
    "manifest": MANIFEST_COLUMNS,
}

#: the type of every column of every table (the contract's columns, README `### The tables`)
COLUMN_TYPES: dict[str, str] = {
    # where a figure is: mentions, claims, errors, manifest
    "article": TEXT, "claim_id": TEXT, "label": TEXT, "start": INT, "end": INT, "text": TEXT,
    "sentence": TEXT, "published": TEXT,
    # what it says: mentions and claims (the key columns are the facts' too)
    "kind": TEXT, "value": FLOAT, "low": FLOAT, "high": FLOAT, "unit": TEXT, "per": TEXT,
    "qualifier": TEXT, "timex": TEXT, "timex_type": TEXT, "role": TEXT, "metric": TEXT,
    "subject": TEXT, "subject_id": TEXT, "origin": TEXT, "destination": TEXT, "product": TEXT,
    "period": TEXT, "basis": TEXT, "source": TEXT, "via": TEXT, "unsure": TEXT, "cue": TEXT,
    # facts: ``forecast`` is the vintage word ("forecast") or null, not a flag
    "forecast": TEXT, "n_claims": INT, "claims": TEXT_LIST, "n_sources": INT, "sources": TEXT_LIST,
    "attributed_to": TEXT_LIST, "n_versions": INT, "status": TEXT, "spread": FLOAT,
    "disagreeing": TEXT_LIST, "explanation": TEXT,
    # checks
    "check_id": TEXT, "likely_cause": TEXT, "expected": FLOAT, "observed": FLOAT,
    "tolerance": FLOAT, "statistic": TEXT,
    # errors and manifest
    "message": TEXT, "sha256": TEXT, "n_mentions": INT, "encoding": TEXT,
}


class Column(NamedTuple):
    """A column of a table and its declared type."""

    name: str
    type: str


def undeclared() -> dict[str, list[str]]:
    """The columns of each table that have no declared type (none, when the schema is whole)."""
    found = {name: [c for c in columns if c not in COLUMN_TYPES] for name, columns in TABLE_COLUMNS.items()}
    return {name: columns for name, columns in found.items() if columns}


def table_schema(table: str, columns: list[str] | None = None, sample: list[dict] | None = None) -> list[Column]:
    """The schema of a table: its columns (given, else the table's own) and their types.

    A column with no declared type (not a table of the contract, or a column added to a
    column list and not here) takes the type its values in ``sample`` suggest, and is logged.
    """
    columns = list(columns if columns is not None else TABLE_COLUMNS.get(table, []))
    schema = []
    for name in columns:
        kind = COLUMN_TYPES.get(name)
        if kind is None:
            kind = guessed_type([row.get(name) for row in sample or []])
            if table in TABLE_COLUMNS:
                logger.warning("column %r of table %r has no declared type in nkextract/batch/schema.py: "
                               "written as %s", name, table, kind)
        schema.append(Column(name, kind))
    return schema


def guessed_type(values: list[Any]) -> str:
    """The type a column's values suggest (for a column that declares none)."""
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, bool) for v in present):
        return BOOL
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return INT
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return FLOAT
    if present and all(isinstance(v, (list, tuple)) for v in present):
        return TEXT_LIST
    return TEXT


def arrow_schema(schema: list[Column]) -> Any:
    """The parquet (pyarrow) schema of a table schema."""
    import pyarrow as pa

    types = {TEXT: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_(),
             TEXT_LIST: pa.list_(pa.string())}
    return pa.schema([(column.name, types[column.type]) for column in schema])


# -- conforming values -------------------------------------------------------------------
def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def as_text(value: Any) -> str | None:
    """A cell as text: lists and dicts as JSON, a lone surrogate (from JSON input) as ``?``,
    the empty string as null."""
    if _missing(value):
        return None
    if isinstance(value, (list, tuple, dict)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = value if isinstance(value, str) else str(value)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text or None


def as_float(value: Any) -> float | None:
    """A cell as a float (infinite kept), or None."""
    if _missing(value) or isinstance(value, bool):
        return None
    return float(value)  # ValueError, TypeError, OverflowError: does not fit


def as_int(value: Any) -> int | None:
    """A cell as a 64-bit integer (a whole float too), or None."""
    if _missing(value) or isinstance(value, bool):
        return None
    number = int(value) if isinstance(value, (int, str)) else float(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        number = int(number)
    if not -2 ** 63 <= number < 2 ** 63:
        raise OverflowError(f"{value!r} is beyond a 64-bit integer")
    return number


def as_bool(value: Any) -> bool | None:
    """A cell as True or False (also from "true"/"false" text), or None."""
    if _missing(value):
        return None
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if isinstance(value, (bool, int)) and value in (0, 1):
        return bool(value)
    raise ValueError(f"{value!r} is not true or false")


def as_text_list(value: Any) -> list[str | None] | None:
    """A cell as a list of texts (a JSON list written as text is read; one text is a list of one)."""
    if _missing(value):
        return None
    if isinstance(value, str):
        try:
            parsed = json.loads(value) if value.startswith("[") else [value]
        except ValueError:
            parsed = [value]
        value = parsed if isinstance(parsed, list) else [value]
    if not isinstance(value, (list, tuple, set)):
        raise TypeError(f"{value!r} is not a list")
    return [None if _missing(v) else (as_text(v) or "") for v in value]


CONVERTERS: dict[str, Callable[[Any], Any]] = {TEXT: as_text, INT: as_int, FLOAT: as_float,
                                               BOOL: as_bool, TEXT_LIST: as_text_list}


def conform(value: Any, column: Column, table: str = "") -> Any:
    """A cell as its column's type; a value that does not fit is null (and logged)."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy scalars and arrays
    try:
        return CONVERTERS[column.type](value)
    except (TypeError, ValueError, OverflowError) as err:
        logger.warning("%s.%s: %.80r does not fit type %s (%s); written as null",
                       table, column.name, value, column.type, err)
        return None


def conform_rows(rows: list[dict], schema: list[Column], table: str = "") -> list[list]:
    """Rows (dicts keyed by column; missing keys are null) as lists of conformed cells."""
    return [[conform(row.get(column.name), column, table) for column in schema] for row in rows]
