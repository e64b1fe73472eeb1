"""One declared schema per table, used by every writer: jsonl, csv and parquet hold the
same rows, on generated blocks and on the real output of the seed corpus and of Reuters
stories (NEWID <= 8000 only; read from ../shared, never copied into the project)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from nkextract.batch.io import FORMATS, TABLES, TableWriter, read_table
from nkextract.batch.run import run
from nkextract.batch.schema import COLUMN_TYPES, TABLE_COLUMNS, table_schema, undeclared

REPO = Path(__file__).resolve().parents[1]
#: Reuters stories with forecasts (facts whose ``forecast`` is the word "forecast"), ranges
#: of bales and kilos, and plain company and trade figures; every one at or below NEWID 8000
REUTERS_NEWIDS = (179, 227, 235, 254, 260, 303, 2456, 7143, 5, 20, 42)


# -- the schema ------------------------------------------------------------------------------
def test_every_column_of_every_table_has_a_declared_type():
    assert undeclared() == {}


def test_every_declared_type_names_a_column_of_some_table():
    used = {column for columns in TABLE_COLUMNS.values() for column in columns}
    assert sorted(set(COLUMN_TYPES) - used) == []


def test_forecast_is_a_word_not_a_flag():
    assert dict(table_schema("facts"))["forecast"] == "text"


# -- blocks that differ ------------------------------------------------------------------------
BLOCKS = [
    [{"metric": "gdp", "period": "1987", "value": 2.5, "n_claims": 1, "claims": ["a.txt:1"],
      "forecast": None, "disagreeing": []}],
    [{"metric": "gdp", "period": "1988", "value": 3.0, "n_claims": 2.0, "claims": ("b.txt:4", "c.txt:9"),
      "forecast": "forecast", "spread": float("inf"), "explanation": ""}],
    [{"metric": 7, "period": 1989, "value": "n/a", "n_claims": None, "claims": None,
      "forecast": True, "explanation": "lone \ud800 surrogate"}],
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_blocks_of_different_kinds_write_the_same_rows(tmp_path, fmt):
    with TableWriter(tmp_path, "facts", fmt) as writer:
        for block in BLOCKS:
            writer.write(block)
    back = read_table(tmp_path, "facts", fmt)
    assert list(back.columns) == TABLE_COLUMNS["facts"]
    assert back["forecast"].tolist() == [None, "forecast", "True"]
    assert back["n_claims"].tolist()[:2] == [1.0, 2.0] and back["n_claims"].isna().tolist()[2]
    assert back["claims"].tolist() == [["a.txt:1"], ["b.txt:4", "c.txt:9"], None]
    assert back["period"].tolist() == ["1987", "1988", "1989"] and back["metric"].tolist()[2] == "7"
    assert back["spread"].tolist()[1] == float("inf") and pd.isna(back["value"].tolist()[2])
    assert back["explanation"].tolist()[1:] == [None, "lone ? surrogate"]


def test_blocks_read_back_the_same_from_every_format(tmp_path):
    frames = []
    for fmt in FORMATS:
        (tmp_path / fmt).mkdir()
        with TableWriter(tmp_path / fmt, "facts", fmt) as writer:
            for block in BLOCKS:
                writer.write(block)
        frames.append(read_table(tmp_path / fmt, "facts", fmt))
    for frame in frames[1:]:
        assert_frame_equal(frames[0], frame)


# -- real output -------------------------------------------------------------------------------
def seed_folder(root: Path) -> Path:
    folder = root / "seeds"
    shutil.copytree(REPO / "corpus", folder)
    return folder


def reuters_folder(root: Path, shared: Path) -> Path:
    folder = root / "reuters"
    folder.mkdir()
    for newid in REUTERS_NEWIDS:
        assert newid <= 8000, "stories above NEWID 8000 are held out: never read them"
        shutil.copy(shared / "corpus" / "reuters21578" / f"{newid}.txt", folder / f"{newid}.txt")
    return folder


@pytest.fixture(scope="module", params=["seeds", "reuters"])
def outputs(request, tmp_path_factory, nlp) -> dict[str, Path]:
    """The tables of one corpus written in each format (batches of 3: several blocks)."""
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "seeds":
        folder = seed_folder(root)
    else:
        folder = reuters_folder(root, request.getfixturevalue("shared"))
    found = {}
    for fmt in FORMATS:
        found[fmt] = root / f"out-{fmt}"
        run(folder, found[fmt], nlp=nlp, fmt=fmt, batch_size=3)
    return found


@pytest.mark.parametrize("table", TABLES)
def test_real_output_is_the_same_in_every_format(outputs, table):
    frames = {fmt: read_table(out, table, fmt) for fmt, out in outputs.items()}
    for fmt in ("csv", "parquet"):
        assert_frame_equal(frames["jsonl"], frames[fmt], obj=f"{table} ({fmt})")
    assert list(frames["jsonl"].columns) == TABLE_COLUMNS[table]
    if table in ("mentions", "claims", "facts", "checks", "manifest"):
        assert len(frames["jsonl"]) > 0, f"no {table}: the comparison would pass on nothing"


def test_reuters_forecasts_reach_every_format(outputs):
    if "reuters" not in str(outputs["jsonl"]):
        pytest.skip("the forecasts are in the Reuters stories")
    for fmt, out in outputs.items():
        facts = read_table(out, "facts", fmt)
        assert (facts["forecast"] == "forecast").any(), fmt
