"""TIMEX3 durations, sets, times, holidays and fiscal spans: the phrase table in
tests/data/timex3_phrases.tsv (value and type against a fixed publication date), and
bad input that must give nothing."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkextract.text.periods import timex_type
from nkextract.text.timex import default_normaliser

PUBLISHED = "2021-03-10"
TABLE = Path(__file__).parent / "data" / "timex3_phrases.tsv"


def _rows() -> list[tuple[str, str, str]]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [(r["phrase"], r["type"], r["value"]) for r in csv.DictReader(lines, delimiter="\t")]


ROWS = _rows()


def test_table_is_large_enough():
    kinds = {kind for _, kind, _ in ROWS}
    assert len(ROWS) >= 150 and {"DURATION", "SET", "TIME", "DATE"} <= kinds


@pytest.mark.parametrize("phrase,kind,value", ROWS)
def test_phrase_table(phrase, kind, value):
    found = default_normaliser().typed(phrase, PUBLISHED)
    assert found is not None, phrase
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize("value,kind", [
    ("P3Y", "DURATION"), ("PT6H", "DURATION"), ("PXY", "DURATION"), ("2020-11-25TMO", "TIME"),
    ("T06:00", "TIME"), ("2020-11-25T24:00", "TIME"), ("2020-11-25T09:30Z", "TIME"), ("T15:00+05:30", "TIME"), ("XXXX-XX-XXTEV", "TIME"), ("2020-11", "DATE"), ("PRESENT_REF", "DATE"),
    ("2020-Q3", "DATE"), ("2019/2020", "DATE"),
])
def test_type_of_value(value, kind):
    assert timex_type(value) == kind


@pytest.mark.parametrize("text", ["2019-13-45", "Feb 30", "February 30, 2020", "31/31/2020", "25:70 p.m.",
                                  "13 p.m.", "every", "per", "$$5", "the the", "Q5 2020", "week 60 of 2020"])
def test_bad_input_gives_no_value(text):
    found = default_normaliser().typed(text, PUBLISHED)
    assert found is None or found.value is None


@pytest.mark.parametrize("text,published", [
    ("Christmas", None), ("every Monday", None), ("6 a.m.", None), ("three years", None)])
def test_without_publication_date(text, published):
    """What does not need the publication date still resolves without it."""
    found = default_normaliser().typed(text, published)
    assert found is not None and found.value in ("XXXX-12-25", "XXXX-WXX-1", "T06:00", "P3Y", "T09:30Z")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_random_text_never_raises(text):
    found = default_normaliser().typed(text, PUBLISHED, future=None)
    assert found is None or found.type in ("DATE", "TIME", "DURATION", "SET")
