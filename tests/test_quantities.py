"""nk_quantities: MONEY and PERCENT mentions in sentences -> (text, value, low, high, unit, qualifier)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkextract.extensions import MENTIONS

M = 1e6
B = 1e9


def quantities(doc) -> list[tuple]:
    return [
        (s.text, s._.nk_value, s._.nk_low, s._.nk_high, s._.nk_unit, s._.nk_qualifier)
        for s in doc.spans[MENTIONS]
        if s.label_ in ("MONEY", "PERCENT")
    ]


def only(nlp, sentence: str, label: str | None = None) -> tuple:
    doc = nlp(sentence)
    found = [q for q, s in zip(quantities(doc), [s for s in doc.spans[MENTIONS] if s.label_ in ("MONEY", "PERCENT")])
             if label is None or s.label_ == label]
    assert len(found) == 1, found
    return found[0]


def same(found: tuple, expected: tuple) -> None:
    text, value, low, high, unit, qualifier = expected
    assert found[0] == text
    assert found[4] == unit
    assert found[5] == qualifier
    for got, want in zip(found[1:4], (value, low, high)):
        assert (got is None) == (want is None), found
        if want is not None:
            assert got == pytest.approx(want), found


def single(text, value, unit, qualifier=None):
    return (text, value, value, value, unit, qualifier)


MONEY_ROWS = [
    ("Trade fell to $1.27 million in November.", single("$1.27 million", 1.27 * M, "USD")),
    ("It paid US $ 253 thousand for the stake.", single("US $ 253 thousand", 253e3, "USD")),
    ("It raised US$5m from investors.", single("US$5m", 5 * M, "USD")),
    ("Exports were worth $2,382 in October.", single("$2,382", 2382, "USD")),
    ("The fund holds USD 5bn in bonds.", single("USD 5bn", 5 * B, "USD")),
    ("Sony lost 5 billion yen last year.", single("5 billion yen", 5 * B, "JPY")),
    ("Toyota earned ¥3.2 trillion.", single("¥3.2 trillion", 3.2e12, "JPY")),
    ("The club paid €40m for him.", single("€40m", 40 * M, "EUR")),
    ("The deal is worth £1.5bn.", single("£1.5bn", 1.5 * B, "GBP")),
    ("Investment reached 3 billion yuan.", single("3 billion yuan", 3 * B, "CNY")),
    ("Exports rose to 5,000 billion won.", single("5,000 billion won", 5e12, "KRW")),
    ("It was fined 10,000 Swiss francs.", single("10,000 Swiss francs", 1e4, "CHF")),
    ("The index fund has 2 billion Hong Kong dollars.", single("2 billion Hong Kong dollars", 2 * B, "HKD")),
    ("Profit rose to 15.6 mln dlrs.", single("15.6 mln dlrs", 15.6 * M, "USD")),
    ("Sales were 2.5 billion dlrs.", single("2.5 billion dlrs", 2.5 * B, "USD")),
    ("The loan totals 1.2 billion stg.", single("1.2 billion stg", 1.2 * B, "GBP")),
    ("The bid values it at 900 mln marks.", single("900 mln marks", 900 * M, "DEM")),
    ("Qtly div 25 cts vs 20 cts prior.", None),
    ("Costs will be $5-6 million.", (("$5-6 million", None, 5 * M, 6 * M, "USD", None))),
    ("It will cost between 5 and 6 mln dlrs.", ("between 5 and 6 mln dlrs", None, 5 * M, 6 * M, "USD", None)),
    ("It reported a $2.1 billion deficit.", single("$2.1 billion", 2.1 * B, "USD")),
    ("It earned 2.5 billion Canadian dlrs.", single("2.5 billion Canadian dlrs", 2.5 * B, "CAD")),
    ("It earned 2.5 billion Australian dollars.", single("2.5 billion Australian dollars", 2.5 * B, "AUD")),
    ("It earned 40 mln Singapore dollars.", single("40 mln Singapore dollars", 40 * M, "SGD")),
    ("It earned 40 mln New Zealand dlrs.", single("40 mln New Zealand dlrs", 40 * M, "NZD")),
    ("It earned 40 mln Taiwan dollars.", single("40 mln Taiwan dollars", 40 * M, "TWD")),
    ("Trade reached 3 billion North Korean won.", single("3 billion North Korean won", 3 * B, "KPW")),
    ("The price is C$ 16.4 million.", single("C$ 16.4 million", 16.4 * M, "CAD")),
    ("Shares rose to HK$5.20.", single("HK$5.20", 5.2, "HKD")),
    ("It costs A$3 each.", single("A$3", 3, "AUD")),
    ("The plant cost a 1.5-billion-dollar sum.", single("1.5-billion-dollar", 1.5 * B, "USD")),
    ("Analysts put it at 420 million Finnish markka.", single("420 million Finnish markka", 420 * M, "FIM")),
    ("The budget is 6.65 billion pesetas.", single("6.65 billion pesetas", 6.65 * B, "ESP")),
    ("Profit was 361 million pounds.", single("361 million pounds", 361 * M, "GBP")),
    ("Shares closed at 197 pence.", single("197 pence", 1.97, "GBP")),
    ("Egg prices averaged 64.2 cents a dozen.", single("64.2 cents", 0.642, "USD")),
    ("The gap is 1.5 bln Saudi riyals.", single("1.5 bln Saudi riyals", 1.5 * B, "SAR")),
    ("The cost is 50 mln rupees.", single("50 mln rupees", 50 * M, "INR")),
    ("They raised 2 billion rupiah.", single("2 billion rupiah", 2 * B, "IDR")),
    ("It sold 200 mln guilders of bonds.", single("200 mln guilders", 200 * M, "NLG")),
    ("It cost 300 mln Danish crowns.", single("300 mln Danish crowns", 300 * M, "DKK")),
    ("It cost 300 mln Swedish crowns.", single("300 mln Swedish crowns", 300 * M, "SEK")),
    ("It cost 300 mln Norwegian crowns.", single("300 mln Norwegian crowns", 300 * M, "NOK")),
    ("It cost 300 mln Mexican pesos.", single("300 mln Mexican pesos", 300 * M, "MXN")),
    ("It cost 300 mln Philippine pesos.", single("300 mln Philippine pesos", 300 * M, "PHP")),
    ("It cost 300 mln Belgian francs.", single("300 mln Belgian francs", 300 * M, "BEF")),
    ("It cost 300 mln French francs.", single("300 mln French francs", 300 * M, "FRF")),
    ("It cost 300 mln lire.", single("300 mln lire", 300 * M, "ITL")),
    ("It cost 300 mln Turkish lira.", single("300 mln Turkish lira", 300 * M, "TRY")),
    ("It cost 300 mln rand.", single("300 mln rand", 300 * M, "ZAR")),
    ("It cost 300 mln roubles.", single("300 mln roubles", 300 * M, "RUB")),
    ("It cost 300 mln euros.", single("300 mln euros", 300 * M, "EUR")),
    ("It cost 300 mln ECUs.", single("300 mln ECUs", 300 * M, "XEU")),
    ("It cost 300 mln Kuwaiti dinars.", single("300 mln Kuwaiti dinars", 300 * M, "KWD")),
    ("It cost 300 mln ringgit.", single("300 mln ringgit", 300 * M, "MYR")),
    ("It cost 300 mln baht.", single("300 mln baht", 300 * M, "THB")),
    ("It cost 300 mln renminbi.", single("300 mln renminbi", 300 * M, "CNY")),
    ("It cost 300 mln Egyptian pounds.", single("300 mln Egyptian pounds", 300 * M, "EGP")),
    ("It cost DM 300 mln.", single("DM 300 mln", 300 * M, "DEM")),
    ("It cost EUR 125.", single("EUR 125", 125, "EUR")),
    ("It cost GBP 350.", single("GBP 350", 350, "GBP")),
    ("It cost 50 million USD.", single("50 million USD", 50 * M, "USD")),
    ("They lost 75 USD million.", single("75 USD million", 75 * M, "USD")),
    ("It cost two billion dollars.", single("two billion dollars", 2 * B, "USD")),
    ("It cost half a million dollars.", single("half a million dollars", 5e5, "USD")),
    ("It cost 5 dollars.", single("5 dollars", 5, "USD")),
    ("Net was 1.17 dlrs a share.", single("1.17 dlrs", 1.17, "USD")),
    ("The M-1 rose to 737.1 billion dlrs.", single("737.1 billion dlrs", 737.1 * B, "USD")),
    ("Headline: 285 MLN DLR EXPANSION", single("285 MLN DLR", 285 * M, "USD")),
    ("The dollar was at 0.6900 U.S. Dlrs.", single("0.6900 U.S. Dlrs", 0.69, "USD")),
    ("Crude was raised 50 cts a barrel.", single("50 cts", 0.5, "USD")),
    ("Shr loss seven cts.", single("seven cts", 0.07, "USD")),
    ("It offered $ 800 rebates.", single("$ 800", 800, "USD")),
    ("Prices fell to 309,381 yen.", single("309,381 yen", 309381, "JPY")),
    ("It bought it for ₹500 crore.", single("₹500 crore", 5e9, "INR")),
    ("The bill is ₩1.5 trillion.", single("₩1.5 trillion", 1.5e12, "KRW")),
    ("The GDP is $2.174T.", single("$2.174T.", 2.174e12, "USD")),
    ("Mr Lee paid R$ 40 mln.", single("R$ 40 mln", 40 * M, "BRL")),
    ("They traded at 93 pesos today.", single("93 pesos", 93, None)),
    ("The fine was $ 250,000.", single("$ 250,000", 250000, "USD")),
    ("It cost 10 000 dollars.", single("10 000 dollars", 1e4, "USD")),
    ("The bid was 3 dimes.", single("3 dimes", 0.3, "USD")),
    ("Revenue was -15€ this year.", single("-15€", -15, "EUR")),
    ("It traded at 1,015 francs a share.", single("1,015 francs", 1015, "FRF")),
    ("The price was dollar 22.5 million.", single("dollar 22.5 million", 22.5 * M, "USD")),
]


@pytest.mark.parametrize("sentence,expected", [r for r in MONEY_ROWS if r[1] is not None])
def test_money(nlp, sentence, expected):
    same(only(nlp, sentence, "MONEY"), expected)


@pytest.mark.parametrize("sentence,expected", [
    ("Our forecast for price rises this year is two and a half pct, he said.", [("two and a half pct", 2.5)]),
    # "and" shares the unit as "or" does; "between ... and" stays one range
    ("It left the aggregates 18.2 and 19.6 billion dlrs below their limits.",
     [("18.2", 18.2e9), ("19.6 billion dlrs", 19.6e9)]),
    ("It left the aggregates 18.2 and\n19.6 billion dlrs below their limits.",   # a wrapped line
     [("18.2", 18.2e9), ("19.6 billion dlrs", 19.6e9)]),
    ("Growth was seen between 0.5 and 1.5 pct this year.", [("between 0.5 and 1.5 pct", None)]),
    ("The earnings rise for the fourth quarter ended January 28 to 285 mln dlrs was a record.",
     [("285 mln dlrs", 285e6)]),
])
def test_numbers_joined_and_kept_apart(nlp, sentence, expected):
    found = [(q[0], q[1]) for q in quantities(nlp(sentence))]
    assert found == [(text, value if value is None else pytest.approx(value)) for text, value in expected]


def test_reuters_dividend_line(nlp):
    found = quantities(nlp("Qtly div 25 cts vs 20 cts prior."))
    assert [(f[0], f[1], f[4]) for f in found] == [("25 cts", 0.25, "USD"), ("20 cts", 0.2, "USD")]


# every currency name in a generated table: "{n} {scale} {name}" -> value, code
NAMED = [
    ("dlrs", "USD"), ("dollars", "USD"), ("U.S. dollars", "USD"), ("US dollars", "USD"),
    ("Canadian dollars", "CAD"), ("Australian dlrs", "AUD"), ("Hong Kong dlrs", "HKD"),
    ("yen", "JPY"), ("yuan", "CNY"), ("euros", "EUR"), ("stg", "GBP"), ("sterling", "GBP"),
    ("pounds", "GBP"), ("marks", "DEM"), ("Swiss francs", "CHF"), ("francs", "FRF"),
    ("guilders", "NLG"), ("won", "KRW"), ("rupees", "INR"), ("pesetas", "ESP"), ("lire", "ITL"),
    ("Saudi riyals", "SAR"), ("schillings", "ATS"), ("drachmas", "GRD"), ("kronor", "SEK"),
    ("zlotys", "PLN"), ("forints", "HUF"), ("shekels", "ILS"), ("naira", "NGN"), ("dirhams", "AED"),
]
NUMBERS = [("1.5", "bln", 1.5 * B), ("250", "mln", 250 * M), ("3", "billion", 3 * B), ("12.75", "million", 12.75 * M)]


@pytest.mark.parametrize("name,code", NAMED)
@pytest.mark.parametrize("number,scale,value", NUMBERS)
def test_named_currencies(nlp, name, code, number, scale, value):
    phrase = f"{number} {scale} {name}"
    same(only(nlp, f"The company said it had raised {phrase} in the year."), single(phrase, value, code))


SYMBOLS = [("$", "USD"), ("US$", "USD"), ("C$", "CAD"), ("A$", "AUD"), ("HK$", "HKD"), ("NZ$", "NZD"),
           ("S$", "SGD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("USD ", "USD"), ("EUR ", "EUR"),
           ("GBP ", "GBP"), ("CHF ", "CHF"), ("US $ ", "USD"), ("HK $ ", "HKD")]


@pytest.mark.parametrize("symbol,code", SYMBOLS)
@pytest.mark.parametrize("number,value", [("5bn", 5 * B), ("1.27 million", 1.27 * M), ("2,382", 2382), ("40m", 40 * M)])
def test_symbols(nlp, symbol, code, number, value):
    phrase = f"{symbol}{number}"
    same(only(nlp, f"Its revenue was {phrase} last year."), single(phrase, value, code))


PERCENT_ROWS = [
    ("Exports fell 23% in November.", single("23%", 23, "%")),
    ("Exports fell 23 percent in November.", single("23 percent", 23, "%")),
    ("It holds 99 per cent of the shares.", single("99 per cent", 99, "%")),
    ("Profit rose 23 pct.", single("23 pct", 23, "%")),
    ("Jobless rose 0.4 PCT IN JANUARY", single("0.4 PCT", 0.4, "%")),
    ("The rate rose 3.5 percentage points.", single("3.5 percentage points", 3.5, "pp")),
    ("The rate rose 1.5 pct points.", single("1.5 pct points", 1.5, "pp")),
    ("The rate rose 1.5 percentage point.", single("1.5 percentage point", 1.5, "pp")),
    ("The rate rose 2 per cent points.", single("2 per cent points", 2, "pp")),
    ("Growth will be 5-6 pct.", ("5-6 pct", None, 5, 6, "%", None)),
    ("Growth will be 5-6%.", ("5-6%", None, 5, 6, "%", None)),
    ("Growth will be five to 10 pct.", ("five to 10 pct", None, 5, 10, "%", None)),
    ("Growth will be between 2 and 3 percent.", ("between 2 and 3 percent", None, 2, 3, "%", None)),
    ("The coupon is 7-1/4 pct.", single("7-1/4 pct", 7.25, "%")),
    ("The coupon is 5 1/2 pct.", single("5 1/2 pct", 5.5, "%")),
    ("Fees are 5/8 pct.", single("5/8 pct", 0.625, "%")),
    ("The coupon is 23.5pct.", single("23.5pct", 23.5, "%")),
    ("It said it has a four pct royalty.", single("four pct", 4, "%")),
    ("Output rose twenty percent.", single("twenty percent", 20, "%")),
    ("Output rose one hundred percent.", single("one hundred percent", 100, "%")),
    ("Sales rose 6 . 2 % to $ 1.45 billion.", None),
    ("Inflation hit 240 percent.", single("240 percent", 240, "%")),
    ("The stake is 0.05 pct.", single("0.05 pct", 0.05, "%")),
    ("It rose 1,200 pct.", single("1,200 pct", 1200, "%")),
    ("Rates rose to 10.5 pct from 11 pct.", None),
]


@pytest.mark.parametrize("sentence,expected", [r for r in PERCENT_ROWS if r[1] is not None])
def test_percent(nlp, sentence, expected):
    same(only(nlp, sentence, "PERCENT"), expected)


def test_percent_and_money_in_one_sentence(nlp):
    found = quantities(nlp("Sales rose 6 . 2 % to $ 1.45 billion."))
    assert [(f[0], f[1], f[4]) for f in found] == [("6 . 2 %", 6.2, "%"), ("$ 1.45 billion", 1.45 * B, "USD")]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The rate rose from 5 to 6 pct.", [("5", 5, "%"), ("6 pct", 6, "%")]),
        ("Unemployment fell to 7.0 from 7.5 pct.", [("7.0", 7, "%"), ("7.5 pct", 7.5, "%")]),
        ("Profit rose to 15.6 from 12.1 mln dlrs.", [("15.6", 15.6 * M, "USD"), ("12.1 mln dlrs", 12.1 * M, "USD")]),
        ("Div raised to 50 from 40 cts.", [("50", 0.5, "USD"), ("40 cts", 0.4, "USD")]),
        ("Sales rose from 500,000 to 1.2 mln dlrs.", [("500,000", 5e5, "USD"), ("1.2 mln dlrs", 1.2 * M, "USD")]),
        ("It rose 5 pct to 6 pct.", [("5 pct", 5, "%"), ("6 pct", 6, "%")]),
        ("Output rose from 1986 to 5 pct.", [("5 pct", 5, "%")]),
        ("Rates rose to 10.5 pct from 11 pct.", [("10.5 pct", 10.5, "%"), ("11 pct", 11, "%")]),
    ],
)
def test_from_to_gives_both_figures_the_unit(nlp, sentence, expected):
    found = quantities(nlp(sentence))
    assert [(f[0], pytest.approx(f[1]), f[4]) for f in found] == expected


QUALIFIERS = [
    ("over", "more_than"), ("more than", "more_than"), ("above", "more_than"), ("at least", "more_than"),
    ("in excess of", "more_than"), ("just over", "more_than"), ("well over", "more_than"),
    ("nearly", "less_than"), ("almost", "less_than"), ("up to", "less_than"), ("under", "less_than"),
    ("less than", "less_than"), ("below", "less_than"), ("as much as", "less_than"), ("just under", "less_than"),
    ("about", "approx"), ("around", "approx"), ("roughly", "approx"), ("some", "approx"),
    ("approximately", "approx"), ("an estimated", "approx"), ("estimated", "approx"),
    ("more than an estimated", "more_than+approx"), ("nearly an estimated", "less_than+approx"),
    ("rose", None), ("to", None), ("up", None), ("a", None),
]


@pytest.mark.parametrize("words,qualifier", QUALIFIERS)
@pytest.mark.parametrize("figure,value,unit", [("$5 million", 5 * M, "USD"), ("12 pct", 12, "%"), ("4.2 bln dlrs", 4.2 * B, "USD")])
def test_qualifiers(nlp, words, qualifier, figure, value, unit):
    found = only(nlp, f"The company reported {words} {figure} in sales.")
    same(found, single(figure, value, unit, qualifier))


NOT_QUANTITIES = [
    "", "   ", "\n\n", "The meeting is in 2020.", "He was born in 1987 and has 3 children.",
    "Call 555-1234 or +1 212 555 0199.", "COVID-19 cases rose to 5,000.", "All 70 of us.",
    "ALL 5 solutions are wrong.", "Try 5 times.", "Smith, 45, won the race.", "The team won 3 games.",
    "It weighs 5 pounds of sugar.", "Dollar rises against the yen.",
    "It fell $1,2,3 today.", "It fell 12.3.4% today.", "The index was at 99.7.", "Der Umsatz stieg.",
    "A quarter of people agreed.", "The percentage of voters rose.", "\"unbalanced quotes 5",
    "Route 66 and the G7 summit.", "Version 1.2.3 shipped.", "$", "%", "pct", "mln dlrs",
    "It sold 5 million barrels.", "The shares rose 5 points.", "USD,100 times",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(nlp, text):
    assert quantities(nlp(text)) == []


def test_keeps_other_mentions(nlp):
    doc = nlp.make_doc("Profit was 5 mln dlrs.")
    doc.spans[MENTIONS] = [doc[0:1]]
    nlp.get_pipe("nk_quantities")(doc)
    assert [s.text for s in doc.spans[MENTIONS]] == ["Profit", "5 mln dlrs"]


def test_huge_text_and_huge_numbers(nlp):
    doc = nlp("It cost $" + "9" * 500 + " and 1e400 dlrs and 0.0000000001 pct.")
    # figures beyond a float are left out (no infinite value); the tiny one is kept
    assert quantities(doc) == [("0.0000000001 pct", 1e-10, 1e-10, 1e-10, "%", None)]
    text = "Profit rose 5 pct to 15.6 mln dlrs. " * 2000
    found = quantities(nlp(text))
    assert len(found) == 4000


def test_serialization_round_trip(nlp, tmp_path):
    component = nlp.get_pipe("nk_quantities")
    component.to_disk(tmp_path)
    from nkextract.components.quantities import QuantityFinder

    copy = QuantityFinder(nlp, "copy").from_disk(tmp_path)
    doc = nlp.make_doc("It paid US $ 253 thousand.")
    doc.spans[MENTIONS] = []
    assert [s.text for s in copy(doc).spans[MENTIONS]] == ["US $ 253 thousand"]


@pytest.mark.parametrize(
    "sentence,qualifier_text",
    [
        ("China took more than 90% of its trade.", "more than 90%"),
        ("Beijing accounted for over 90 per cent of trade.", "over 90 per cent"),
        ("Sales were just under $5 million.", "just under $5 million"),
        ("Sales were $5 million.", "$5 million"),
    ],
)
def test_qualifier_span_gives_where_the_claim_text_starts(nlp, sentence, qualifier_text):
    doc = nlp(sentence)
    span = next(s for s in doc.spans[MENTIONS] if s.label_ in ("MONEY", "PERCENT"))
    first, _ = nlp.get_pipe("nk_quantities").qualifier_span(doc, span.start)
    assert doc[first:span.end].text == qualifier_text


WORDS = ["$", "US", "5", "1.5bn", "-", "6", "million", "mln", "dlrs", "pct", "%", "per", "cent", "between",
         "and", "to", "from", "about", "more", "than", "1,2,3", "12.3.4", "HK$5", "won", "yen", "Canadian",
         "a", "half", "\n", ".", "/", "3", "cts", "percentage", "points", "USD", "€", "9" * 300]
#: a paragraph after the soup, whose figures must come out whatever the soup was
SOUP_END = "\n\nProfit rose 5 pct to 15.6 mln dlrs."


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=14) | st.lists(st.text(max_size=8), max_size=8))
def test_random_token_soup_never_raises(nlp, words):
    """Any soup gives well-formed mentions, and the plain paragraph after it is still read."""
    soup = " ".join(words)
    doc = nlp.make_doc(soup + SOUP_END)
    nlp.get_pipe("nk_quantities")(doc)
    for span in doc.spans[MENTIONS]:
        assert span.label_ in ("MONEY", "PERCENT")
        assert span._.nk_low is not None and span._.nk_low <= span._.nk_high
        assert span._.nk_value is None or span._.nk_low == span._.nk_value == span._.nk_high
    after = [(s.text, s._.nk_value) for s in doc.spans[MENTIONS] if s.start_char > len(soup)]
    assert after == [("5 pct", 5.0), ("15.6 mln dlrs", 15.6e6)]


# -- issue 9: ranges, movements, disjunctions -----------------------------------------------
def figures(nlp, sentence: str) -> list[tuple]:
    """(text, value, low, high, unit) of every MONEY/PERCENT mention."""
    return [(f[0], f[1], f[2], f[3], f[4]) for f in quantities(nlp(sentence))]


def approx_rows(rows: list[tuple]) -> list[tuple]:
    return [tuple(pytest.approx(x) if isinstance(x, float) else x for x in row) for row in rows]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Rates are between 3% and 4% now.", [("between 3% and 4%", None, 3.0, 4.0, "%")]),
        ("Prices ranging from $500 to $2 million were quoted.", [("$500 to $2 million", None, 500.0, 2e6, "USD")]),
        ("Homes range from $450,000 to $3.2 million.", [("$450,000 to $3.2 million", None, 4.5e5, 3.2e6, "USD")]),
        ("It faces a penalty of $2 billion to $4 billion.", [("$2 billion to $4 billion", None, 2 * B, 4 * B, "USD")]),
        ("Losses of $20 to $25 billion are likely.", [("$20 to $25 billion", None, 20 * B, 25 * B, "USD")]),
        ("Growth of 6% to 9% is seen.", [("6% to 9%", None, 6.0, 9.0, "%")]),
        ("A three per cent to 12 per cent fall is seen.", [("three per cent to 12 per cent", None, 3.0, 12.0, "%")]),
        ("It paid 41-44 billion euros.", [("41-44 billion euros", None, 41 * B, 44 * B, "EUR")]),
        ("Tickets cost $11/$14.", [("$11/$14", None, 11.0, 14.0, "USD")]),
        ("Gold fell from $3,120 to $2,980.", [("$3,120", 3120.0, 3120.0, 3120.0, "USD"), ("$2,980", 2980.0, 2980.0, 2980.0, "USD")]),
        ("Inflation will ease from 3.6 percent to 3.4 percent.", [("3.6 percent", 3.6, 3.6, 3.6, "%"), ("3.4 percent", 3.4, 3.4, 3.4, "%")]),
        ("It rose 5 pct to 6 pct.", [("5 pct", 5.0, 5.0, 5.0, "%"), ("6 pct", 6.0, 6.0, 6.0, "%")]),
        ("Rates were cut 7% to 6%.", [("7%", 7.0, 7.0, 7.0, "%"), ("6%", 6.0, 6.0, 6.0, "%")]),
        ("A coffee costs six or seven euros.", [("six", 6.0, 6.0, 6.0, "EUR"), ("seven euros", 7.0, 7.0, 7.0, "EUR")]),
        ("A ticket costs 12 or $13.", [("12", 12.0, 12.0, 12.0, "USD"), ("$13", 13.0, 13.0, 13.0, "USD")]),
        ("It will cost 5 or 6 million dollars.", [("5", 5 * M, 5 * M, 5 * M, "USD"), ("6 million dollars", 6 * M, 6 * M, 6 * M, "USD")]),
    ],
)
def test_ranges_movements_and_disjunctions(nlp, sentence, expected):
    assert figures(nlp, sentence) == approx_rows(expected)


# -- issue 9: codes and symbols glued to scaled numbers -------------------------------------
@pytest.mark.parametrize(
    "sentence,text,value,unit",
    [
        ("It raised USD25m last year.", "USD25m", 25 * M, "USD"),
        ("It raised EUR75m in bonds.", "EUR75m", 75 * M, "EUR"),
        ("The flat sold for HK$3.9m in May.", "HK$3.9m", 3.9 * M, "HKD"),
        ("The unit sold for S$2.5mil in May.", "S$2.5mil", 2.5 * M, "SGD"),
        ("Profit was RM1.8mil in the quarter.", "RM1.8mil", 1.8 * M, "MYR"),
        ("It paid $US48 billion for it.", "$US48 billion", 48 * B, "USD"),
        ("It sold for $A1,250,400 at auction.", "$A1,250,400", 1250400, "AUD"),
        ("Bread in South Africa costs R 22 a loaf.", "R 22", 22, "ZAR"),
        ("A coffee in Zagreb costs 90 kn.", "90 kn", 90, "HRK"),
        ("A ticket costs 50 zł there.", "50 zł", 50, "PLN"),
        ("A beer costs 60 Kč there.", "60 Kč", 60, "CZK"),
        ("The bank paid SFr 40 million.", "SFr 40 million", 40 * M, "CHF"),
        ("In Stockholm a coffee costs 30 kr there.", "30 kr", 30, "SEK"),
        ("Oslo: Equinor paid 40 kr to Norwegian holders.", "40 kr", 40, "NOK"),
        ("The villa sold for Dh5 million.", "Dh5 million", 5 * M, "AED"),
        ("Aramco paid SR40 billion.", "SR40 billion", 40 * B, "SAR"),
        ("The fare is ₦617 per litre.", "₦617", 617, "NGN"),
        ("The fare is KSh 200 in Nairobi.", "KSh 200", 200, "KES"),
        ("The fee is ₹300 in Delhi.", "₹300", 300, "INR"),
        ("It raised Rs 5 crore.", "Rs 5 crore", 5e7, "INR"),
        ("The outlay is ₹2 lakh crore.", "₹2 lakh crore", 2e12, "INR"),
        ("The rent is Rs 1,00,000 a month.", "Rs 1,00,000", 1e5, "INR"),
        ("The Karachi utility spent Rs 5 billion in Pakistan.", "Rs 5 billion", 5 * B, "PKR"),
    ],
)
def test_codes_and_symbols(nlp, sentence, text, value, unit):
    same(only(nlp, sentence, "MONEY"), single(text, value, unit))


@pytest.mark.parametrize(
    "sentence",
    ["The total was 30 kr.", "Take the R 22 road.", "The fee is 1,00,000 units.", "The ship made 20 kn.",
     "He said P5 was the answer."],
)
def test_context_symbols_need_their_country(nlp, sentence):
    assert quantities(nlp(sentence)) == []


# -- issue 9: signs ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence,text,value,unit",
    [
        ("GDP changed -2.1% in the quarter.", "-2.1%", -2.1, "%"),
        ("The fund booked $-12.4bn on paper.", "$-12.4bn", -12.4 * B, "USD"),
        ("Growth came in at minus 3%.", "minus 3%", -3, "%"),
        ("Futures pointed to a +0.8% open.", "+0.8%", 0.8, "%"),
        ("Sales  12.5%  (4.5%)  3.2%", "4.5%", -4.5, "%"),
        ("Revenue 1,200  (35)  1,100  (3.5%)", "3.5%", -3.5, "%"),
    ],
)
def test_signs(nlp, sentence, text, value, unit):
    found = [f for f in quantities(nlp(sentence)) if f[0] == text]
    assert len(found) == 1, quantities(nlp(sentence))
    same(found[0], single(text, value, unit))


def test_brackets_in_prose_are_not_a_sign(nlp):
    found = quantities(nlp("Britain's economy grew by 0.6 per cent (2.4 per cent a year) in the quarter, "
                           "the statistics office said on Friday."))
    assert [(f[0], f[1]) for f in found] == [("0.6 per cent", 0.6), ("2.4 per cent", 2.4)]


# -- issue 9: vague amounts and bounds --------------------------------------------------
@pytest.mark.parametrize(
    "sentence,text,low,high,unit,qualifier",
    [
        ("The charity raised tens of millions of pounds.", "tens of millions of pounds", 1e7, 1e8, "GBP", "approx"),
        ("The state spent hundreds of billions of yen.", "hundreds of billions of yen", 1e11, 1e12, "JPY", "approx"),
        ("The chain will invest a few million dollars.", "a few million dollars", 2e6, 9e6, "USD", "approx"),
        ("The city spent billions of dollars on transit.", "billions of dollars", 1e9, 1e12, "USD", "approx"),
    ],
)
def test_vague_amounts(nlp, sentence, text, low, high, unit, qualifier):
    same(only(nlp, sentence, "MONEY"), (text, None, low, high, unit, qualifier))


@pytest.mark.parametrize(
    "sentence,text,value",
    [("It was a $1bn-plus deal.", "$1bn-plus", 1 * B), ("It was a $2.1bn+ deal.", "$2.1bn+", 2.1 * B),
     ("Insurers face a £500m-plus bill.", "£500m-plus", 500 * M)],
)
def test_plus_is_a_lower_bound(nlp, sentence, text, value):
    found = only(nlp, sentence, "MONEY")
    assert (found[0], found[5]) == (text, "more_than")
    assert found[1] == pytest.approx(value)


# -- issue 9: what is not money, and prices per unit ------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "He weighs 180 pounds.", "The engine makes 300 pound-feet of torque.", "She carried a 10-pound bag.",
        "The boxer weighed in at 154 pounds.", "Mark Smith, 45, won the race.", "The rand fell against the dollar.",
        "It is a real problem.", "They won 3 games.", "He lost 30 pounds of weight.",
    ],
)
def test_not_money(nlp, sentence):
    assert [f for f in quantities(nlp(sentence)) if f[4] not in ("%", "pp")] == []


@pytest.mark.parametrize(
    "sentence,text,per",
    [
        ("Shares closed at $3.15 a share.", "$3.15", "share"),
        ("Brent traded at $71 a barrel.", "$71", "barrel"),
        ("Gold rose to $2,300 an ounce.", "$2,300", "ounce"),
        ("Net was 1.17 dlrs per share.", "1.17 dlrs", "share"),
        ("Wheat fell to $210 per tonne.", "$210", "tonne"),
        ("The plan costs $5 million.", "$5 million", None),
        ("The note was a 10-pound note.", None, None),
    ],
)
def test_price_per_unit(nlp, sentence, text, per):
    doc = nlp(sentence)
    money = [s for s in doc.spans[MENTIONS] if s.label_ == "MONEY"]
    if text is None:
        assert [s._.nk_per for s in money] == [None] * len(money)
        return
    assert [(s.text, s._.nk_per) for s in money] == [(text, per)]


# -- issue 9: bad input ----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["$$5", "5%%", "USD", "1,2,3 million", "1e309 dollars", "It cost $$5 and 5%% more."])
def test_bad_input_gives_no_mention(nlp, text):
    assert quantities(nlp(text)) == []


@pytest.mark.parametrize("text,expected", [("from $5 to", [("$5", 5.0)]), ("between 5% and", [("5%", 5.0)]),
                                           ("Sales rose from $5 to. The end.", [("$5", 5.0)])])
def test_unfinished_ranges_keep_the_stated_figure(nlp, text, expected):
    assert [(f[0], f[1]) for f in quantities(nlp(text))] == expected


def test_a_table_row_of_two_thousand_numbers(nlp):
    row = " ".join(f"{i}.5%" if i % 3 == 0 else (f"(${i}m)" if i % 3 == 1 else str(i)) for i in range(2000))
    with nlp.select_pipes(disable=["nk_claims"]):  # claim assembly is measured elsewhere
        found = quantities(nlp(row))
    assert len(found) == 1334
    assert found[:2] == [("0.5%", 0.5, 0.5, 0.5, "%", None), ("$1m", -1e6, -1e6, -1e6, "USD", None)]


# -- issue 20, items 12-13: a scale word shared across a range or a movement -----------------
@pytest.mark.parametrize(
    "sentence,expected",
    [
        # a movement stays two figures; the scale word written once is the low end's too
        ("Revenue rose from $20 to $25 billion.",
         [("$20", 20 * B, 20 * B, 20 * B, "USD"), ("$25 billion", 25 * B, 25 * B, 25 * B, "USD")]),
        ("The deficit narrowed from $20 to $5 billion.",
         [("$20", 20 * B, 20 * B, 20 * B, "USD"), ("$5 billion", 5 * B, 5 * B, 5 * B, "USD")]),
        ("The carmaker lifted its forecast from 20 to 25 billion yuan.",
         [("20", 20 * B, 20 * B, 20 * B, "CNY"), ("25 billion yuan", 25 * B, 25 * B, 25 * B, "CNY")]),
        ("Profit fell from $2 billion to $1.5 billion.",
         [("$2 billion", 2 * B, 2 * B, 2 * B, "USD"), ("$1.5 billion", 1.5 * B, 1.5 * B, 1.5 * B, "USD")]),
        # no scale word to share: each end as written
        ("Shares rose from $20 to $25.", [("$20", 20.0, 20.0, 20.0, "USD"), ("$25", 25.0, 25.0, 25.0, "USD")]),
        # a low end the scale would put hundreds of times from the high end keeps its value
        ("The fee rose from $500 to $2 million.",
         [("$500", 500.0, 500.0, 500.0, "USD"), ("$2 million", 2 * M, 2 * M, 2 * M, "USD")]),
        # a range with the scale word once
        ("The deal could fetch from $20 to $25 billion.", [("$20 to $25 billion", None, 20 * B, 25 * B, "USD")]),
        ("Costs range from $500 to $2 million.", [("$500 to $2 million", None, 500.0, 2 * M, "USD")]),
    ],
)
def test_scale_word_shared_across_two_figures(nlp, sentence, expected):
    assert figures(nlp, sentence) == approx_rows(expected)


# -- issue 20, item 13: a range when the words say so; a movement stays two figures ----------
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Inflation rose from 5 pct to 7 pct last year.", [("5 pct", 5.0, 5.0, 5.0, "%"), ("7 pct", 7.0, 7.0, 7.0, "%")]),
        ("Profit fell from $2 billion to $1.5 billion.",
         [("$2 billion", 2 * B, 2 * B, 2 * B, "USD"), ("$1.5 billion", 1.5 * B, 1.5 * B, 1.5 * B, "USD")]),
        # a word for a schedule of amounts governed by a word of change
        ("The airline raised its bag fee from $30 to $35.", [("$30", 30.0, 30.0, 30.0, "USD"), ("$35", 35.0, 35.0, 35.0, "USD")]),
        ("The city increased fines for littering from $500 to $1,000.",
         [("$500", 500.0, 500.0, 500.0, "USD"), ("$1,000", 1000.0, 1000.0, 1000.0, "USD")]),
        # a word of change further back than the few words before the figure
        ("The bank lifted its forecast for growth in the region from 1 to 2 percent.",
         [("1", 1.0, 1.0, 1.0, "%"), ("2 percent", 2.0, 2.0, 2.0, "%")]),
        # the same words with no change: ranges
        ("Tickets are priced from $45 to $120.", [("$45 to $120", None, 45.0, 120.0, "USD")]),
        ("The rules set fines from $500 to $1,000.", [("$500 to $1,000", None, 500.0, 1000.0, "USD")]),
        ("Growth in the region is seen from 1 to 2 percent.", [("1 to 2 percent", None, 1.0, 2.0, "%")]),
    ],
)
def test_range_or_movement_as_the_words_say(nlp, sentence, expected):
    assert figures(nlp, sentence) == approx_rows(expected)


# -- issue 20, item 14: a prefix apart from its sign; scale words glued on -------------------
@pytest.mark.parametrize(
    "sentence,text,value,unit",
    [
        ("The fare is AU $12.50 each way.", "AU $12.50", 12.5, "AUD"),
        ("The retailer lost CA $ 14 million.", "CA $ 14 million", 14 * M, "CAD"),
        ("The startup raised $240million.", "$240million", 240 * M, "USD"),
        ("The club spent £85million on him.", "£85million", 85 * M, "GBP"),
        ("The council spent 240million pounds.", "240million pounds", 240 * M, "GBP"),
        # a lone letter before the sign is an article or the end of a ticker, not a country
        ("A $20 billion fund was set up.", "$20 billion", 20 * B, "USD"),
        ("The board weighed News Corp's NWSa.N $5 billion bid.", "$5 billion", 5 * B, "USD"),
    ],
)
def test_prefix_apart_and_glued_scales(nlp, sentence, text, value, unit):
    same(only(nlp, sentence), single(text, value, unit))
