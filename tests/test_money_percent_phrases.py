"""Modern money and percentage forms from many markets (tests/data/money_percent_phrases.psv).

Each row is a sentence with one figure: the mention must be found with its text, its value
(or range) and its unit, and the sentence must give no other figure. The rows were written
from the house styles of each market's press, not from any test set.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from nkextract.extensions import MENTIONS

TABLE = Path(__file__).parent / "data" / "money_percent_phrases.psv"


class Row(NamedTuple):
    market: str
    sentence: str
    text: str
    low: float
    high: float
    is_range: bool
    unit: str
    qualifier: str | None


def read_rows(path: Path = TABLE) -> list[Row]:
    """The rows of the phrase table: "low..high" is a range, else one value."""
    rows = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # the first line names the columns
        market, sentence, text, value, unit, qualifier = line.split("|")
        low, _, high = value.partition("..")
        rows.append(Row(market, sentence, text, float(low), float(high or low), bool(high),
                        unit, qualifier or None))
    return rows


ROWS = read_rows()


def test_the_table_covers_many_markets():
    assert len(ROWS) >= 400
    assert len({r.market for r in ROWS}) >= 10
    assert sum(r.is_range for r in ROWS) >= 25
    assert {"%", "pp"} <= {r.unit for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.market}:{r.text}" for r in ROWS])
def test_phrase(nlp, row: Row):
    doc = nlp(row.sentence)
    found = [s for s in doc.spans[MENTIONS] if s.label_ in ("MONEY", "PERCENT")]
    described = [(s.text, s._.nk_value, s._.nk_low, s._.nk_high, s._.nk_unit, s._.nk_qualifier)
                 for s in found]
    assert len(found) == 1, described
    span = found[0]
    assert (span.text, span._.nk_unit, span._.nk_qualifier) == (row.text, row.unit, row.qualifier), described
    assert span.label_ == ("PERCENT" if row.unit in ("%", "pp") else "MONEY")
    if row.is_range:
        assert span._.nk_value is None, described
    else:
        assert span._.nk_value == pytest.approx(row.low), described
    assert (span._.nk_low, span._.nk_high) == (pytest.approx(row.low), pytest.approx(row.high)), described
