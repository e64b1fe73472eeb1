"""Views never fail: report, plot and render over any value the tables can hold.

Periods from year 1 to 9999, open or reversed intervals, NaN and infinite values, huge
numbers, empty tables and odd Unicode (lone surrogates included) are either shown or
left out with a note; and what can be shown is shown.
"""
from __future__ import annotations

import io
import json
import math
import re
import tempfile
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest
import spacy
from spacy.tokens import Span
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nkextract
from nkextract.extensions import MENTIONS, register
from nkextract.records import Claim
from nkextract.views.report import TABLES, read_tables, render_report, write_report
from nkextract.views.timeline import LARGEST, period_bounds, timeline_series

pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
SLOW = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ODD_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)  # surrogates included
YEAR = st.integers(1, 9999).map(lambda y: f"{y:04d}")
PERIOD = st.one_of(
    YEAR, st.tuples(YEAR, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(YEAR, st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.tuples(YEAR, YEAR).map("/".join),                       # in order or reversed
    YEAR.map(lambda y: f"{y}/"), YEAR.map(lambda y: f"/{y}"),  # open intervals
    st.sampled_from(["PRESENT_REF", "1000/1200", "0001-01-01", "9999-12-31", "0001/9999", ""]),
    # not calendar periods, though they look like some: no view may take them for one
    st.sampled_from(["2020-13", "2020-02-30", "2020-Q5", "0000", "10000", "-0001", "2020-W05",
                     "P3Y", "2020-11-25TMO", "XXXX-03", "9999/0001", "2020-00", "1987-Q0"]),
    ODD_TEXT, st.none())
NUMBER = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([1e308, -1e308, LARGEST * 10, 5e-324, 0.0]),
                   st.integers(-(2 ** 63), 2 ** 63 - 1))
STATUS = st.one_of(st.sampled_from(["conflicting", "agreed", "single_source", "conflict",
                                    "consistent"]), ODD_TEXT, st.none())
IDS = [f"a:{i}" for i in range(6)]
CLAIM_IDS = st.lists(st.one_of(st.sampled_from(IDS), ODD_TEXT), max_size=4)


def rows(**columns) -> st.SearchStrategy:
    """Lists of 0-6 rows with these column strategies."""
    return st.lists(st.fixed_dictionaries(columns), max_size=6)


FACT = dict(metric=ODD_TEXT, origin=st.one_of(st.none(), ODD_TEXT), destination=st.none(),
            product=st.one_of(st.none(), ODD_TEXT), role=st.sampled_from(["level", "change", None]),
            basis=st.none(), unit=st.one_of(st.just("USD"), ODD_TEXT), period=PERIOD,
            value=NUMBER, low=NUMBER, high=NUMBER, n_claims=NUMBER, n_sources=NUMBER,
            claims=CLAIM_IDS, status=STATUS, explanation=ODD_TEXT)
CLAIM = dict(claim_id=st.sampled_from(IDS), article=ODD_TEXT, value=NUMBER, low=NUMBER,
             high=NUMBER, text=ODD_TEXT, sentence=ODD_TEXT, source=st.one_of(st.none(), ODD_TEXT),
             unit=ODD_TEXT, period=PERIOD, published=ODD_TEXT)
CHECK = dict(check_id=ODD_TEXT, kind=ODD_TEXT, status=STATUS, claims=CLAIM_IDS,
             expected=NUMBER, observed=NUMBER, tolerance=NUMBER, explanation=ODD_TEXT)
TABLE_ROWS = st.fixed_dictionaries({
    "facts": rows(**FACT), "claims": rows(**CLAIM), "checks": rows(**CHECK),
    "errors": rows(article=ODD_TEXT, kind=ODD_TEXT, message=ODD_TEXT),
    "manifest": rows(article=ODD_TEXT, status=STATUS)})


def frames(tables: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """The tables as the views get them: written as jsonl (NaN, Infinity and lone
    surrogates escaped) and read back by ``read_tables``."""
    with tempfile.TemporaryDirectory() as folder:
        for name, found in tables.items():
            Path(folder, f"{name}.jsonl").write_text("".join(json.dumps(row) + "\n" for row in found))
        return read_tables(folder)


def drawn_values(figure) -> int:
    """How many facts the panels of a figure draw (the line across each period)."""
    return sum(len(c.get_segments()) for ax in figure.axes for c in ax.collections
               if c.get_linewidth()[0] == 2)


def expected_drawn(facts: pd.DataFrame, top: int) -> int:
    def fits(value) -> bool:
        try:
            return value is not None and math.isfinite(float(value)) and abs(float(value)) <= LARGEST
        except (TypeError, ValueError, OverflowError):
            return False
    chosen = timeline_series(facts)[:top]
    return sum(sum(fits(v) for v in group["value"]) for _, group in chosen)


@SLOW
@given(TABLE_ROWS)
def test_plot_draws_every_drawable_fact_and_never_fails(tables):
    found = frames(tables)
    figure = nkextract.plot(found["facts"], found["claims"], top=3)
    figure.savefig(io.BytesIO(), format="png")
    assert figure.axes
    assert drawn_values(figure) == expected_drawn(found["facts"], 3)


@SLOW
@given(TABLE_ROWS)
def test_report_shows_every_fact_and_never_fails(tables):
    found = frames(tables)
    page = render_report(found)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>")
    assert page.count("<tr data-status=") == len(found["facts"])
    cards = dict(re.findall(r'id="n-(\w+)"><dt>\w+</dt><dd>([\d,]+)</dd>', page))
    assert cards["statistics"] == f'{len(found["facts"]):,}'
    assert cards["claims"] == f'{len(found["claims"]):,}'
    assert "<script>alert" not in page


@pytest.mark.parametrize("period,first,last", [
    ("1000/1200", "1000-01-01", "1200-12-31"), ("0001", "0001-01-01", "0001-12-31"),
    ("9998-12-31", "9998-12-31", "9998-12-31"), ("0001/9998", "0001-01-01", "9998-12-31"),
    ("2300-Q1", "2300-01-01", "2300-03-31")])
def test_periods_beyond_nanosecond_timestamps_are_drawn(period, first, last):
    bounds = period_bounds(period)
    assert (str(bounds[0].date()), str(bounds[1].date())) == (first, last)
    facts = pd.DataFrame([dict(metric="price", unit="USD", period=period, value=5.0, low=4.0,
                               high=6.0, claims=[], status="conflicting")])
    figure = nkextract.plot(facts)
    figure.savefig(io.BytesIO(), format="png")
    assert drawn_values(figure) == 1
    assert "\n" not in figure.axes[0].get_title()  # nothing left out


@pytest.mark.parametrize("period", ["2021/2019", "2020/", "/2020", "PRESENT_REF", "year 1000"])
def test_periods_with_no_span_are_counted_in_the_report(period, tmp_path):
    facts = pd.DataFrame([dict(metric="price", unit="USD", period=period, value=5.0,
                               claims=[], status="agreed")])
    assert period_bounds(period) is None
    page = render_report({"facts": facts})
    assert "1 fact with no calendar period" in page and page.count("<tr data-status=") == 1


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 1e308])
def test_values_not_drawn_are_named_in_the_title(value):
    facts = pd.DataFrame([dict(metric="price", unit="USD", period="2020", value=value, claims=[]),
                          dict(metric="price", unit="USD", period="2021", value=2.0, claims=[])])
    figure = nkextract.plot(facts)
    figure.savefig(io.BytesIO(), format="png")
    assert drawn_values(figure) == 1
    assert figure.axes[0].get_title().endswith("(1 value not drawn: missing, not finite or too large)")


def test_report_written_from_tables_with_lone_surrogates(tmp_path):
    (tmp_path / "facts.jsonl").write_text(
        '{"metric": "exports \\ud800", "period": "1000/1200", "value": 1e308, "n_sources": '
        'Infinity, "claims": ["a:1"], "status": "conflicting"}\n', encoding="utf-8")
    (tmp_path / "claims.jsonl").write_text(
        '{"claim_id": "a:1", "article": "\\udfff", "value": NaN, "sentence": "x\\u0000y"}\n',
        encoding="utf-8")
    page = write_report(tmp_path).read_text(encoding="utf-8")
    assert "exports ?" in page and page.count("<tr data-status=") == 1


def test_every_table_empty_or_missing(tmp_path):
    page = render_report({name: pd.DataFrame() for name in TABLES})
    assert "No statistics." in page and "No dated statistics to plot." in page


# ---------------------------------------------------------------- render(doc)


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


MENTION = st.fixed_dictionaries(dict(label=st.sampled_from(["MONEY", "PERCENT", "DATE", "SOURCE", "QUANTITY"]),
                                     value=NUMBER, low=NUMBER, high=NUMBER, timex=PERIOD,
                                     unit=st.one_of(st.none(), ODD_TEXT)))


@SLOW
@given(words=st.lists(st.text(max_size=12).filter(lambda w: w.strip() and " " not in w), min_size=1, max_size=8),
       mentions=st.lists(MENTION, max_size=8), value=NUMBER, source=st.one_of(st.none(), ODD_TEXT))
def test_render_shows_every_mention_and_never_fails(blank, words, mentions, value, source):
    """Any values on the mentions and claims of a Doc (whose text spaCy keeps valid)."""
    register()
    doc = blank.make_doc(" ".join(words))
    spans = []
    words = [token.i for token in doc if not token.is_space]  # displaCy draws no space span
    for i, mention in zip(words, mentions):
        found = Span(doc, i, i + 1, label=mention["label"])
        for name in ("value", "low", "high", "timex", "unit"):
            setattr(found._, f"nk_{name}", mention[name])
        spans.append(found)
    doc.spans[MENTIONS] = spans
    claim = Claim(start=0, end=len(doc[0].text), text=doc[0].text, kind="money",
                  value=value, unit="USD", source=source)
    doc._.nk_claim_rows = [asdict(claim)]
    markup = nkextract.render(doc, jupyter=False)
    assert markup.count("<li ") == 1
    for label in ("MONEY", "PERCENT", "DATE", "SOURCE", "QUANTITY"):
        assert markup.count(label) >= sum(s.label_ == label for s in spans)


# ---------------------------------------------------------------- any format, any columns


@SLOW
@given(TABLE_ROWS, st.sampled_from(["csv", "parquet"]))
def test_views_read_every_format_alike(tables, fmt):
    """The tables written as csv or parquet (each cell conformed to its column's declared
    type) give the report and the plot what jsonl gives them."""
    from nkextract.batch.io import TableWriter

    with tempfile.TemporaryDirectory() as folder:
        for name, found in tables.items():
            with TableWriter(Path(folder), name, fmt) as writer:
                writer.write(found)
        found = read_tables(folder)
    page = render_report(found)
    assert page.count("<tr data-status=") == len(found["facts"]) == len(tables["facts"])
    figure = nkextract.plot(found["facts"], found["claims"], top=3)
    figure.savefig(io.BytesIO(), format="png")
    assert drawn_values(figure) == expected_drawn(found["facts"], 3)


@SLOW
@given(TABLE_ROWS, st.data())
def test_views_survive_missing_columns(tables, data):
    """A table with any of its columns missing (an older run, a hand-made table)."""
    found = frames(tables)
    for name, frame in found.items():
        gone = data.draw(st.lists(st.sampled_from(list(frame.columns) or ["none"]), unique=True), label=name)
        found[name] = frame.drop(columns=[c for c in gone if c in frame])
    page = render_report(found)
    assert page.endswith("</html>") and page.count("<tr data-status=") == len(found["facts"])
    figure = nkextract.plot(found["facts"], found["claims"], top=3)
    figure.savefig(io.BytesIO(), format="png")
    assert figure.axes


# ---------------------------------------------------------------- check, then the views


KEY = dict(metric=st.sampled_from(["exports", "gdp", "revenue", "ﬁ\u202e", "\u0000"]),
           subject_id=st.sampled_from([None, "ACME", "\u0000"]), role=st.sampled_from(["level", "change"]),
           unit=st.sampled_from(["USD", "%", "€\u200b"]), period=PERIOD)


@st.composite
def claim_tables(draw) -> list[dict]:
    """Claims whose keys meet (so that facts gather several) with any values and periods."""
    rows = []
    for i in range(draw(st.integers(1, 8))):
        row = draw(st.fixed_dictionaries(KEY))
        value = draw(NUMBER)
        rows.append(dict(row, claim_id=f"a{i % 3}.txt:{i}", article=f"a{i % 3}.txt", start=i,
                         end=i + 1, text=draw(ODD_TEXT), kind="money", value=value, low=value,
                         high=value, sentence=draw(ODD_TEXT), source=draw(st.sampled_from([None, "ministry"])),
                         published=draw(st.sampled_from([None, "2020-12-01", "0001-01-01", "bad"]))))
    return rows


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_tables())
def test_check_then_report_on_any_claims(rows):
    """``nkextract check`` over any claims table writes its facts and checks with no
    partition lost to an error, and the report and the plot show what it wrote."""
    from nkextract.batch.run import check

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "claims.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
        check(folder)
        found = read_tables(folder)
        page = write_report(folder).read_text(encoding="utf-8")
    assert found["errors"].empty, found["errors"].to_dict("records")
    placed = {c for claims in found["facts"].get("claims", []) for c in claims}
    assert placed <= {row["claim_id"] for row in rows}
    assert page.count("<tr data-status=") == len(found["facts"])
    figure = nkextract.plot(found["facts"], found["claims"], top=3)
    figure.savefig(io.BytesIO(), format="png")
    assert drawn_values(figure) == expected_drawn(found["facts"], 3)


def test_check_reads_a_claims_table_with_a_lone_surrogate(tmp_path):
    from nkextract.batch.run import check

    row = {"claim_id": "a.txt:1", "article": "a.txt", "metric": "exports \ud800", "role": "level",
           "unit": "USD", "period": "2020", "value": 5.0, "kind": "money"}
    (tmp_path / "claims.jsonl").write_text(json.dumps(row) + "\n")
    check(tmp_path)
    assert read_tables(tmp_path)["facts"]["metric"].tolist() == ["exports_?"]  # as the writers write it
