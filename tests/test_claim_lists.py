"""Figures set out as a list, one country or sign each: the place right after a figure
("4.4 pct in Italy, 2.1 pct in Britain") is that figure's, and "minus" after a conjunction
("... and minus 1.5 pct in Japan") is a sign, not a subtraction ("LIBOR minus 0.5 pct")."""
from __future__ import annotations

import pytest

import nkextract

CASES = [
    ("Consumer prices rose 4.4 pct in Italy in the year to January, 2.1 pct in Britain and "
     "minus 1.5 pct in Japan, the OECD said.",
     {"4.4 pct": (4.4, "ITA"), "2.1 pct": (2.1, "GBR"), "minus 1.5 pct": (-1.5, "JPN")}),
    ("Industrial output grew 3.1 pct in France and 2.4 pct in West Germany last year.",
     {"3.1 pct": (3.1, "FRA"), "2.4 pct": (2.4, "DEU")}),
    ("Unemployment was 11.2 pct in Canada and 6.7 pct in the United States in February.",
     {"11.2 pct": (11.2, "CAN"), "6.7 pct": (6.7, "USA")}),
    ("The loan is priced at LIBOR minus 0.5 pct.", {"0.5 pct": (0.5, None)}),
]


@pytest.mark.parametrize("sentence,expected", CASES)
def test_each_figure_of_a_list_keeps_its_own_country_and_sign(nlp, sentence, expected):
    claims = nkextract.extract({"a.txt": sentence}, nlp=nlp, published={"a.txt": "1987-03-20"})
    found = {row.text: (row.value, row.origin if isinstance(row.origin, str) else None)
             for row in claims.itertuples()}
    for text, (value, origin) in expected.items():
        assert text in found, f"{text!r} not extracted from {sentence!r}: {sorted(found)}"
        assert found[text][0] == pytest.approx(value), text
        if origin is not None:
            assert found[text][1] == origin, text
