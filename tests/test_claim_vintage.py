"""A figure's vintage: what a passive verb of forecasting governs is a forecast; the figure
it is compared with ("from 9.4 percent") is what was reported."""
from __future__ import annotations

import pytest

import nkextract

CASES = [
    ("The jobless rate is seen rising to 9.5 percent in August from 9.4 percent in July.",
     {"9.5 percent": "forecast", "9.4 percent": None}),
    ("Sales are expected to reach 5 mln dlrs in 1988, the company said.", {"5 mln dlrs": "forecast"}),
    ("Inflation is forecast to slow to 2.1 pct next year from 3.4 pct this year.",
     {"2.1 pct": "forecast", "3.4 pct": None}),
    ("The company saw sales rise 10 pct to 5 mln dlrs in 1986.", {"10 pct": None, "5 mln dlrs": None}),
    ("The average forecast called for a rise of 1.5 billion dlrs in M-1 in the week.",
     {"1.5 billion dlrs": "forecast"}),
    ("Economists' estimates called for a 0.3 pct rise in retail sales in February.", {"0.3 pct": "forecast"}),
    ("Net profit rose to 12 mln dlrs from 10 mln dlrs, the company said.",
     {"12 mln dlrs": None, "10 mln dlrs": None}),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_forecast_is_what_a_forecasting_verb_governs(nlp, sentence, expected):
    claims = nkextract.extract({"a.txt": sentence}, nlp=nlp, published={"a.txt": "1987-03-02"})
    found = {row.text: row.qualifier for row in claims.itertuples()}
    for text, qualifier in expected.items():
        assert text in found, f"{text!r} not extracted from {sentence!r}"
        got = found[text] if isinstance(found[text], str) else None
        assert ("forecast" in (got or "")) == (qualifier == "forecast"), (text, got)
