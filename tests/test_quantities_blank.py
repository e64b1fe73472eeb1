"""nk_quantities rules that need no tagger or parser, run on ``spacy.blank("en")``: glued codes,
context symbols, Indian grouping, slash ranges, signs, bounds, garbled input."""
from __future__ import annotations

import pytest
import spacy

from nkextract.extensions import MENTIONS
from nkextract.lexicons import default_models_dir


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("nk_quantities")
    nlp.get_pipe("nk_quantities").initialize(models_dir=default_models_dir())
    return nlp


def found(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [(s.text, s._.nk_value, s._.nk_low, s._.nk_high, s._.nk_unit, s._.nk_qualifier)
            for s in doc.spans[MENTIONS]]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("USD25m", ("USD25m", 25e6, 25e6, 25e6, "USD", None)),
        ("RM2.3bil", ("RM2.3bil", 2.3e9, 2.3e9, 2.3e9, "MYR", None)),
        ("$US48 billion", ("$US48 billion", 48e9, 48e9, 48e9, "USD", None)),
        ("$11/$14", ("$11/$14", None, 11, 14, "USD", None)),
        ("£4bn-£5bn", ("£4bn-£5bn", None, 4e9, 5e9, "GBP", None)),
        ("Johannesburg R350,000", ("R350,000", 350000, 350000, 350000, "ZAR", None)),
        ("Nairobi Sh200 million", ("Sh200 million", 200e6, 200e6, 200e6, "KES", None)),
        ("rupees Rs 1,00,000", ("Rs 1,00,000", 1e5, 1e5, 1e5, "INR", None)),
        ("245p", ("245p", 2.45, 2.45, 2.45, "GBP", None)),
        ("-2.1%", ("-2.1%", -2.1, -2.1, -2.1, "%", None)),
        ("$-12.4bn", ("$-12.4bn", -12.4e9, -12.4e9, -12.4e9, "USD", None)),
        ("$2.1bn+", ("$2.1bn+", 2.1e9, 2.1e9, 2.1e9, "USD", "more_than")),
        ("R$ 40 mln", ("R$ 40 mln", 40e6, 40e6, 40e6, "BRL", None)),
    ],
)
def test_rules_without_a_parser(blank, text, expected):
    got = found(blank, text)
    assert len(got) == 1, got
    assert got[0][0] == expected[0] and got[0][4:] == expected[4:]
    assert got[0][1:4] == tuple(None if x is None else pytest.approx(x) for x in expected[1:4])


@pytest.mark.parametrize("text", ["$$5", "5%%", "USD", "1,2,3 million", "1e309 dollars", "R350,000", "30 kr",
                                  "1,00,000 units", "P5 billion"])
def test_nothing_invented(blank, text):
    assert found(blank, text) == []
