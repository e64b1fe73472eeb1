"""The number parser: tables of written numbers and ranges, and property tests."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkextract.lexicons import default_models_dir, read_lexicon
from nkextract.text.numbers import Amount, NumberParser


@pytest.fixture(scope="module")
def parser() -> NumberParser:
    return NumberParser.from_lexicon(read_lexicon(default_models_dir() / "lexicons" / "scales.json"))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1.27", 1.27), ("2,382", 2382), ("148,000", 148000), ("1,234,567.89", 1234567.89),
        ("15", 15), (".5", 0.5), ("0.000001", 1e-6), ("1.5bn", 1.5e9), ("5bn", 5e9),
        ("40m", 40e6), ("15.6mln", 15.6e6), ("2.174T", 2.174e12), ("5k", 5000), ("3/4", 0.75),
        ("1/2", 0.5), ("two", 2), ("twenty", 20), ("thirteen", 13), ("-15", 15), ("2.174T.", 2.174e12),
        ("1,2,3", None), ("12.3.4", None), ("1,23", None), ("12,34,567", None), ("1.2.3", None),
        ("abc", None), ("", None), ("$5", None), ("5xyz", None), ("000", None), ("1e5", None),
        ("1/0", None), ("hundred", None), ("COVID-19", None), ("555-1234", None),
    ],
)
def test_number(parser, text, expected):
    value = parser.number(text)
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


@pytest.mark.parametrize(
    "words,value,low,high",
    [
        ("15.6 mln", 15.6e6, 15.6e6, 15.6e6),
        ("253 thousand", 253e3, 253e3, 253e3),
        ("1.27 million", 1.27e6, 1.27e6, 1.27e6),
        ("2.5 billion", 2.5e9, 2.5e9, 2.5e9),
        ("3.2 trillion", 3.2e12, 3.2e12, 3.2e12),
        ("1.2 bln", 1.2e9, 1.2e9, 1.2e9),
        ("5 tn", 5e12, 5e12, 5e12),
        ("two billion", 2e9, 2e9, 2e9),
        ("seven hundred and fifty thousand", 750e3, 750e3, 750e3),
        ("two and a half", 2.5, 2.5, 2.5),
        ("one and a half billion", 1.5e9, 1.5e9, 1.5e9),
        ("117.52 bilion", 117.52e9, 117.52e9, 117.52e9),   # a wire misspelling a reader reads
        ("one hundred", 100, 100, 100),
        ("twenty - five", 25, 25, 25),
        ("a million", 1e6, 1e6, 1e6),
        ("half a million", 5e5, 5e5, 5e5),
        ("a quarter million", 2.5e5, 2.5e5, 2.5e5),
        ("three quarters billion", 7.5e8, 7.5e8, 7.5e8),
        ("5 1/2", 5.5, 5.5, 5.5),
        ("4 - 1/2", 4.5, 4.5, 4.5),
        ("7 3 / 4", 7.75, 7.75, 7.75),
        ("6 . 2", 6.2, 6.2, 6.2),
        ("10 000", 10000, 10000, 10000),
        ("1.5 - billion", 1.5e9, 1.5e9, 1.5e9),
        ("35 lakh", 3.5e6, 3.5e6, 3.5e6),
        ("5 - 6 million", None, 5e6, 6e6),
        ("5 to 6 mln", None, 5e6, 6e6),
        ("between 5 and 6 mln", None, 5e6, 6e6),
        ("between 5 million and 6 million", None, 5e6, 6e6),
        ("500,000 to 1 million", None, 5e5, 1e6),
        ("5 - 6", None, 5, 6),
        ("five to 10", None, 5, 10),
        ("1.5 - 2 billion", None, 1.5e9, 2e9),
    ],
)
def test_amount(parser, words, value, low, high):
    amount = parser.amount(words.split())
    assert amount is not None
    assert (amount.value is None) == (value is None)
    if value is not None:
        assert amount.value == pytest.approx(value)
    assert amount.low == pytest.approx(low)
    assert amount.high == pytest.approx(high)


@pytest.mark.parametrize(
    "words",
    ["1,2,3", "12.3.4", "5 million 2020", "1987 5", "5 - 3", "1990 - 91", "5 million thousand",
     "between 5", "between 5 or 6", "twenty twenty", "five twelve", "and", "-", "to 5", "5 to",
     "hundred hundred", "a", "million", "5 6", "two 3"],
)
def test_amount_rejects(parser, words):
    assert parser.amount(words.split()) is None


def test_amount_is_cached(parser):
    assert parser.amount(["1.5", "bn"]) is parser.amount(["1.5", "BN"])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_random_text_never_raises(parser, text):
    value = parser.number(text)
    assert value is None or math.isfinite(value)
    amount = parser.amount(text.split())
    assert amount is None or isinstance(amount, Amount)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["5", "1.5", "-", "to", "and", "between", "million", "bn", "two",
                                 "hundred", "1/2", ".", "/", "1,000", "a", "half", "9" * 400]),
                max_size=8))
def test_random_phrases_never_raise(parser, words):
    amount = parser.amount(words)
    if amount is not None:
        assert amount.low <= amount.high
        assert amount.value is None or amount.low == amount.value == amount.high


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1e15, allow_nan=False), st.integers(min_value=0, max_value=6))
def test_formatted_number_parses_back(parser, number, places):
    written = f"{number:,.{places}f}"
    assert parser.number(written) == float(written.replace(",", ""))
    plain = f"{number:.{places}f}"
    assert parser.amount([plain]) == Amount(float(plain), float(plain), float(plain))


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.01, max_value=999, allow_nan=False), st.sampled_from(["mln", "bn", "billion", "thousand"]))
def test_scaled_number_parses_back(parser, number, scale):
    written = f"{number:.2f}"
    factor = {"mln": 1e6, "bn": 1e9, "billion": 1e9, "thousand": 1e3}[scale]
    assert parser.amount([written, scale]).value == pytest.approx(float(written) * factor, rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=1e-300, max_value=1e-3) | st.floats(min_value=1e15, max_value=1e300))
def test_huge_and_tiny_numbers(parser, number):
    written = f"{number:f}"
    assert parser.number(written) == float(written) or len(written) > 400


def test_parser_pickles_with_fresh_caches(parser):
    import pickle

    copy = pickle.loads(pickle.dumps(parser))
    assert copy.amount(["5", "-", "6", "million"]) == Amount(None, 5e6, 6e6)


@pytest.fixture(scope="module")
def indian_parser() -> NumberParser:
    lexicon = read_lexicon(default_models_dir() / "lexicons" / "scales.json")
    return NumberParser.from_lexicon(lexicon, indian=True)


@pytest.mark.parametrize(
    "text,expected",
    [("1,00,000", 1e5), ("12,34,567.89", 1234567.89), ("1,23,45,678", 12345678), ("4,567", 4567),
     ("1,2,3", None), ("1,00,00", None), ("12,3,456", None)],
)
def test_indian_digit_grouping_only_where_asked(parser, indian_parser, text, expected):
    assert parser.number(text) is None or "," not in text or text.count(",") == 1
    value = indian_parser.number(text)
    assert value == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("words,value", [("2 lakh crore", 2e12), ("45 lakh", 4.5e6), ("500 cr", 5e9), ("2.3bil", 2.3e9)])
def test_south_asian_and_malaysian_scales(parser, words, value):
    assert parser.quantity(words.split()) == pytest.approx(value)


def test_number_words_come_from_the_lexicon():
    bare = NumberParser({"million": 1e6})
    assert bare.number("two") is None  # no number words given: none known
    words = NumberParser({"million": 1e6}, words={"units": ["zero", "one", "two"], "tens": []})
    assert words.quantity(["two", "million"]) == 2e6
