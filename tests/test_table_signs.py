"""Results tables: a sign word after a figure is its own ("Shr 8.1p loss vs 26.3p earnings"),
else its column's ("Net loss 3,862,000 vs loss 15,900,000"); a profit before minority
interests is a measure of its own, not net income."""
from __future__ import annotations

import pytest

import nkextract

TABLE = ("ACME PLC <ACM.L> 1986 YEAR\n\nShr 8.1p loss vs 26.3p earnings\n"
         "    Net loss 62.1 mln stg vs 71.6 mln profit\n"
         "    Loss before minority interests 10.8 mln vs 77.7 mln profit\n"
         "    Oper shr loss 51 cts vs loss 2.10 dlrs\n"
         "    Pretax profit 5.1 mln vs loss 3.2 mln\n")


@pytest.mark.parametrize("text,value,metric", [
    ("8.1p", -0.081, "eps"), ("26.3p", 0.263, "eps"),
    ("62.1 mln stg", -62.1e6, "net_income"), ("71.6 mln", 71.6e6, "net_income"),
    ("10.8 mln", -10.8e6, "income_before_minorities"), ("77.7 mln", 77.7e6, "income_before_minorities"),
    ("51 cts", -0.51, None), ("2.10 dlrs", -2.10, None),
    ("5.1 mln", 5.1e6, None), ("3.2 mln", -3.2e6, None),
])
def test_a_table_figure_takes_its_own_sign_word(nlp, text, value, metric):
    claims = nkextract.extract({"a.txt": TABLE}, nlp=nlp, published={"a.txt": "1987-03-12"})
    row = claims[claims["text"] == text]
    assert len(row) == 1, f"{text!r}: {claims['text'].tolist()}"
    assert row["value"].iat[0] == pytest.approx(value)
    if metric is not None:
        assert row["metric"].iat[0] == metric


@pytest.mark.parametrize("sentence,metric", [
    ("Real non-farm gross product rose 0.9 pct in the fourth quarter.", "gdp_non_farm"),
    ("Real gross domestic product rose 1.1 pct in the fourth quarter.", "gdp"),
])
def test_non_farm_product_is_not_gdp(nlp, sentence, metric):
    claims = nkextract.extract({"a.txt": sentence}, nlp=nlp, published={"a.txt": "1987-03-12"})
    assert claims["metric"].tolist() == [metric]


def test_a_conversion_price_is_not_earnings(nlp):
    sentence = ("The shares are convertible at any time into Acme common stock at 38.875 dlrs a share, "
                "subject to adjustment.")
    claims = nkextract.extract({"a.txt": sentence}, nlp=nlp, published={"a.txt": "1987-03-12"})
    assert claims["metric"].tolist() == ["conversion_price"]
