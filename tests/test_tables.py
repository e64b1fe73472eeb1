"""Output tables: the same DataFrame back from every format, atomic writes, the run journal."""
from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from nkextract.errors import OutputError
from nkextract.records import CLAIM_COLUMNS, MENTION_COLUMNS
from nkextract.batch.io import FORMATS, STREAMED, RunJournal, TableWriter, find_format, read_table, write_table

FACTS = pd.DataFrame({
    "metric": ["exports", None, "gdp"],
    "period": ["2020", "2020-11", "2019-Q3"],          # looks numeric: must stay text
    "value": [1.5e6, None, -2.25],
    "n_claims": [2, 1, 3],
    "claims": [["a.txt:10", "b.txt:4"], ["c.txt:0"], []],
    "spread": [0.1, None, 3.0],
    "agreed": [True, False, True],
    "explanation": ["[sic] quoted", "x, \"y\"\nz", "caf\u00e9 \u20ac"],
})


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(tmp_path, fmt):
    write_table(FACTS, tmp_path, "facts", fmt)
    back = read_table(tmp_path, "facts", fmt)
    expected = read_table(tmp_path, "facts", fmt)  # read twice: stable
    assert_frame_equal(back, expected)
    assert back["claims"].tolist() == FACTS["claims"].tolist()
    assert back["period"].tolist() == ["2020", "2020-11", "2019-Q3"]
    assert back["n_claims"].dtype == "int64" and back["value"].dtype == "float64"
    assert back["metric"].tolist() == ["exports", None, "gdp"]
    assert back["explanation"].tolist() == FACTS["explanation"].tolist()


def test_every_format_reads_back_the_same(tmp_path):
    frames = []
    for fmt in FORMATS:
        folder = tmp_path / fmt
        folder.mkdir()
        write_table(FACTS, folder, "facts", fmt)
        frames.append(read_table(folder, "facts"))
    for frame in frames[1:]:
        assert_frame_equal(frames[0], frame)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name,columns", [("claims", CLAIM_COLUMNS), ("mentions", MENTION_COLUMNS)])
def test_empty_tables_keep_their_columns(tmp_path, fmt, name, columns):
    write_table(pd.DataFrame(columns=columns), tmp_path, name, fmt)
    back = read_table(tmp_path, name, fmt)
    assert list(back.columns) == columns and len(back) == 0


def test_claims_rows_stream_in(tmp_path):
    rows = [{"claim_id": "a.txt:3", "article": "a.txt", "start": 3, "end": 6, "value": 42.0, "period": "2020"},
            {"claim_id": "a.txt:9", "article": "a.txt", "start": 9, "end": 12, "value": None}]
    for fmt in FORMATS:
        with TableWriter(tmp_path, "claims", fmt, CLAIM_COLUMNS) as writer:
            writer.write(rows[:1])
            writer.write([])
            writer.write(rows[1:])
        back = read_table(tmp_path, "claims", fmt)
        assert back["start"].tolist() == [3, 9] and back["period"].tolist() == ["2020", None]
        assert back["value"].tolist()[0] == 42.0 and pd.isna(back["value"].tolist()[1])


def test_failed_write_leaves_old_table_and_no_temp(tmp_path):
    write_table(FACTS, tmp_path, "facts", "jsonl")
    before = (tmp_path / "facts.jsonl").read_bytes()
    with pytest.raises(RuntimeError):
        with TableWriter(tmp_path, "facts", "jsonl", list(FACTS.columns)) as writer:
            writer.write([{"metric": "half"}])
            raise RuntimeError("killed mid-write")
    assert (tmp_path / "facts.jsonl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.jsonl"]


def test_unknown_format(tmp_path):
    with pytest.raises(OutputError, match="jsonl, csv, parquet"):
        write_table(FACTS, tmp_path, "facts", "xlsx")


def test_missing_table_says_what_to_do(tmp_path):
    with pytest.raises(OutputError, match="nkextract extract"):
        find_format(tmp_path)


def _rows(n: int) -> dict:
    rows = {table: [] for table in STREAMED}
    rows["manifest"] = [{"article": f"{n}.txt", "status": "ok"}]
    return rows


def test_journal_resume_keeps_finished_batches(tmp_path):
    journal = RunJournal(tmp_path)
    journal.record(0, "k0", _rows(0))
    journal.record(1, "k1", _rows(1))
    with open(tmp_path / ".nkextract" / "journal.jsonl", "a") as handle:
        handle.write('{"batch": 2, "ke')  # the line being written at kill -9
    (tmp_path / ".nkextract" / "tmpabc.tmp").write_text("half a part")
    resumed = RunJournal(tmp_path, resume=True)
    assert resumed.done(0, "k0") and resumed.done(1, "k1")
    assert not resumed.done(1, "other files") and not resumed.done(2, "k2")
    assert resumed.rows(1)["manifest"] == [{"article": "1.txt", "status": "ok"}]
    assert not list((tmp_path / ".nkextract").glob("*.tmp"))
    fresh = RunJournal(tmp_path)
    assert not fresh.done(0, "k0")
