"""nk_measurements: weights, volumes, areas, energy and counts as QUANTITY mentions, after
the money, percent and date ones, with the units quantulum3's tables name."""
from __future__ import annotations

import math
import subprocess
import sys

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkextract.batch.io import FORMATS, TableWriter, read_table
from nkextract.components.quantities.units import read_units
from nkextract.extensions import MENTIONS
from nkextract.lexicons import default_models_dir
from nkextract.records import MENTION_COLUMNS, mentions_of


def quantities(doc) -> list[tuple]:
    return sorted((s.text, s._.nk_value, s._.nk_low, s._.nk_high, s._.nk_unit)
                  for s in doc.spans[MENTIONS] if s.label_ == "QUANTITY")


def labels(doc) -> list[tuple[str, str]]:
    return sorted((s.text, s.label_) for s in doc.spans[MENTIONS])


# -- weights, volumes, areas, energy: the units quantulum3 knows -------------------------
MEASURES = [
    ("Choice steers 1000-1200 lb sold at 62.00-64.50 dlrs per cwt.",
     [("1000-1200 lb", None, 1000, 1200, "pound-mass")]),
    ("The linebacker, who weighs 180 pounds, joined the club in May.",
     [("180 pounds", 180, 180, 180, "pound-mass")]),
    ("Output rose to 500 tonnes in 1986 from 450 tonnes.",
     [("450 tonnes", 450, 450, 450, "tonne"), ("500 tonnes", 500, 500, 500, "tonne")]),
    ("Exports of 3.5 mln tonnes of sugar were worth 600 mln dlrs.",
     [("3.5 mln tonnes", 3.5e6, 3.5e6, 3.5e6, "tonne")]),
    ("The crop is put at 12.4 mln metric tons, the ministry said.",
     [("12.4 mln metric tons", 12.4e6, 12.4e6, 12.4e6, "tonne")]),
    ("Mills shipped 48,900 short tons in January.",
     [("48,900 short tons", 48900, 48900, 48900, "short ton")]),
    ("Farmers sold 200,000 bushels of wheat to the elevator.",
     [("200,000 bushels", 200000, 200000, 200000, "bushel")]),
    ("The well tested at 12,000 barrels of oil a day.",
     [("12,000 barrels", 12000, 12000, 12000, "barrel")]),
    ("Crude stocks stood at 45.6 mln bbls at the end of the week.",
     [("45.6 mln bbls", 45.6e6, 45.6e6, 45.6e6, "barrel")]),
    ("The mine poured 80,000 ounces of gold in 1986.",
     [("80,000 ounces", 80000, 80000, 80000, "ounce")]),
    ("Ore reserves grade 0.139 ounces of gold a ton.",
     [("0.139 ounces", 0.139, 0.139, 0.139, "ounce")]),
    ("The vessel will load 278,000 t of raw sugar.",
     [("278,000 t", 278000, 278000, 278000, "tonne")]),
    ("The yard delivered a 6,400-tonne freighter.",
     [("6,400-tonne", 6400, 6400, 6400, "tonne")]),
    ("The field holds 67.2 billion cubic feet of natural gas.",
     [("67.2 billion cubic feet", 67.2e9, 67.2e9, 67.2e9, "cubic foot")]),
    ("The utility will build a 950-megawatt coal plant.",
     [("950-megawatt", 950, 950, 950, "megawatt")]),
    ("Wine sales reached 2.5 mln litres last year.",
     [("2.5 mln litres", 2.5e6, 2.5e6, 2.5e6, "litre")]),
    ("The vein was cut from 350 to 500 feet below the surface.",
     [("350 to 500 feet", None, 350, 500, "foot")]),
    ("Sowings rose to 80,000 ha from 48,000 ha.",
     [("48,000 ha", 48000, 48000, 48000, "hectare"), ("80,000 ha", 80000, 80000, 80000, "hectare")]),
    ("The town lies 60 miles east of the capital.", [("60 miles", 60, 60, 60, "mile")]),
]


@pytest.mark.parametrize("text,expected", MEASURES)
def test_measures(nlp, text, expected):
    assert quantities(nlp(text)) == expected


# -- counts: a word a price can be per, or a plural noun the number counts ---------------
COUNTS = [
    ("Ranchers sold 10 head of cattle at the auction.", [("10 head", 10, 10, 10, "head")]),
    ("Slaughter is put at 300,000 to 305,000 head this week.",
     [("300,000 to 305,000 head", None, 300000, 305000, "head")]),
    ("Pakistan cotton output reached 7.7 mln bales.", [("7.7 mln bales", 7.7e6, 7.7e6, 7.7e6, "bale")]),
    ("The company employs 4,500 people at 12 plants.",
     [("12 plants", 12, 12, 12, "plant"), ("4,500 people", 4500, 4500, 4500, "people")]),
    ("It is offering 1.2 mln shares of common stock.",
     [("1.2 mln shares", 1.2e6, 1.2e6, 1.2e6, "share")]),
    ("Volume hit a record 825,087 contracts.", [("825,087 contracts", 825087, 825087, 825087, "contract")]),
    ("Three companies bid for the licence.", [("Three companies", 3, 3, 3, "company")]),
]


@pytest.mark.parametrize("text,expected", COUNTS)
def test_counts(nlp, text, expected):
    assert quantities(nlp(text)) == expected


# -- what stays money, percent or a date, and numbers that measure nothing ---------------
KEPT = [
    ("Profit rose 5 pct to 15.6 mln dlrs in 1986.",
     [("15.6 mln dlrs", "MONEY"), ("1986", "DATE"), ("5 pct", "PERCENT")]),
    ("Sales were 1.2 billion pounds in 1987.", [("1.2 billion pounds", "MONEY"), ("1987", "DATE")]),
    ("The firm was fined 5,000 pounds by the court.", [("5,000 pounds", "MONEY")]),
    ("The 1987 crop was 1,200 tonnes.", [("1,200 tonnes", "QUANTITY"), ("1987", "DATE")]),
    ("The bonds are due 2007 in a public offering.", [("2007", "DATE")]),
    ("Starts fell to 86 in January from 92 in December.", [("December", "DATE"), ("January", "DATE")]),
    ("Revs 12.5 mln vs 10.3 mln", []),
    ("Shares of the Fortune 500 companies rose.", []),
    ("Wheat rose 3 cents to 2.85 dlrs a bushel.", [("2.85 dlrs", "MONEY"), ("3 cents", "MONEY")]),
    ("Inflation was 4.5 pct in the last three months.",
     [("4.5 pct", "PERCENT"), ("the last three months", "DATE")]),
]


@pytest.mark.parametrize("text,expected", KEPT)
def test_money_percent_and_dates_stay_what_they_are(nlp, text, expected):
    assert labels(nlp(text)) == expected


@pytest.mark.parametrize("text,quantity", [
    ("The plant turned out 1990 kilowatts last year.", "1990 kilowatts"),
    ("Farmers planted 1800 hectares of maize.", "1800 hectares"),
])
def test_a_year_followed_by_a_unit_of_measure_is_a_quantity(nlp, text, quantity):
    doc = nlp(text)
    assert [s.text for s in doc.spans[MENTIONS] if s.label_ == "QUANTITY"] == [quantity]
    assert all(s.label_ != "DATE" or s.text != quantity.split()[0] for s in doc.spans[MENTIONS])


def test_quantities_are_context_not_claims(nlp):
    doc = nlp("Exports of 3.5 mln tonnes of sugar were worth 600 mln dlrs in 1986, the ministry said.")
    assert [c.text for c in doc._.nk_claims] == ["600 mln dlrs"]
    assert ("3.5 mln tonnes", "QUANTITY") in labels(doc)


# -- quantulum3's unit tables -------------------------------------------------------------
def test_units_are_read_from_quantulum3():
    table = read_units()
    assert table.surfaces["metric ton"] == "tonne" and table.surfaces["bushel"] == "bushel"
    assert table.symbols["lb"] == "pound-mass" and table.symbols["kg"] == "kilogram"
    assert table.entities["tonne"] == "mass" and table.entities["barrel"] == "volume"
    assert "dollar" not in table.surfaces and "day" not in table.surfaces  # money's, dates'
    assert {"day", "dollar"} <= set(table.elsewhere)
    assert "kt" not in table.symbols  # knot or kiloton: two units share it
    assert table == read_units(left_out=["currency", "time", "dimensionless", "angle"])


def test_quantulum3_is_not_imported_until_a_pipeline_is_built():
    code = ("import sys, nkextract.components.factories, nkextract.components.measurements; "
            "print('quantulum3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.fixture(scope="module")
def blank():
    """nk_measurements on a blank pipeline with a small unit table: no tagger, no lemmas."""
    nlp = spacy.blank("en")
    finder = nlp.add_pipe("nk_measurements")
    units = {"surfaces": {"tonne": "tonne", "metric ton": "tonne"}, "symbols": {"t": "tonne"},
             "entities": {"tonne": "mass"}, "elsewhere": ["day"]}
    finder.initialize(models_dir=default_models_dir(), units=units)
    return nlp


@pytest.mark.parametrize("text,expected", [
    ("It bought 5,000 tonnes.", [("5,000 tonnes", 5000, 5000, 5000, "tonne")]),
    ("It bought 2 mln metric tons.", [("2 mln metric tons", 2e6, 2e6, 2e6, "tonne")]),
    ("It bought 278,000 t.", [("278,000 t.", 278000, 278000, 278000, "tonne")]),  # one token
    ("It bought 2 mln t.", []),  # a letter after a scale word is no symbol
    ("It sold 40 head.", [("40 head", 40, 40, 40, "head")]),  # quantity_forms.json per_unit
    ("It sold 40 a day.", []),  # a unit of time is the dates'
    ("It bought 5,000 widgets.", []),  # in no table, and no tagger to say it is counted
])
def test_units_from_a_table_on_a_blank_pipeline(blank, text, expected):
    assert quantities(blank(text)) == expected


def test_the_unit_table_is_saved_with_the_pipeline(blank):
    copy = spacy.blank("en").add_pipe("nk_measurements")
    copy.from_bytes(blank.get_pipe("nk_measurements").to_bytes())
    doc = blank.make_doc("It bought 5,000 tonnes.")
    assert quantities(copy(doc)) == [("5,000 tonnes", 5000, 5000, 5000, "tonne")]


# -- the mentions table holds them in every format ---------------------------------------
def test_quantity_mentions_write_in_every_format(nlp, tmp_path):
    texts = ["Choice steers 1000-1200 lb sold at 62.00-64.50 dlrs per cwt in May.",
             "Output rose 5 pct to 3.5 mln tonnes, worth 600 mln dlrs."]
    rows = [vars(m) for i, text in enumerate(texts) for m in mentions_of(nlp(text), f"{i}.txt")]
    assert {r["label"] for r in rows} == {"QUANTITY", "MONEY", "PERCENT", "DATE"}
    frames = []
    for fmt in FORMATS:
        (tmp_path / fmt).mkdir()
        with TableWriter(tmp_path / fmt, "mentions", fmt) as writer:
            writer.write(rows)
        frames.append(read_table(tmp_path / fmt, "mentions", fmt))
    for frame in frames:
        assert list(frame.columns) == MENTION_COLUMNS
        found = frame[frame["label"] == "QUANTITY"]
        assert found[["text", "unit"]].values.tolist() == [["1000-1200 lb", "pound-mass"],
                                                          ["3.5 mln tonnes", "tonne"]]
        assert found["low"].tolist() == [1000, 3.5e6] and frame.equals(frames[0])


# -- any token soup ------------------------------------------------------------------------
SOUP = ["5", "1,000", "-", "to", "mln", "t", "tonnes", "metric", "tons", "head", "of", "$", "pct",
        "1000-1200", "lb", ".", "\n", "in", "kg", "9" * 400, "1e400", "a", "two", "½", "—", "t."]
SOUP_END = "\n\nIt bought 5,000 tonnes and 40 head."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SOUP), max_size=14) | st.lists(st.text(max_size=8), max_size=8))
def test_random_token_soup_gives_well_formed_quantities(blank, words):
    """Any soup gives QUANTITY spans with a unit and ordered, finite ends, and the plain
    paragraph after it is still read."""
    soup = " ".join(words)
    doc = blank(soup + SOUP_END)
    for span in doc.spans[MENTIONS]:
        assert span.label_ == "QUANTITY" and span._.nk_unit
        assert math.isfinite(span._.nk_low) and span._.nk_low <= span._.nk_high
        assert span._.nk_value is None or span._.nk_low == span._.nk_value == span._.nk_high
    after = [(s.text, s._.nk_value, s._.nk_unit) for s in doc.spans[MENTIONS] if s.start_char > len(soup)]
    assert after == [("5,000 tonnes", 5000, "tonne"), ("40 head", 40, "head")]
