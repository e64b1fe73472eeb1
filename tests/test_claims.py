"""Claim assembly: role, sign, metric, countries, product, period and basis of a figure.

Each row is a sentence (published 2020-12-27 unless given), the figure as written, and
the fields the claim about it must have.
"""
from __future__ import annotations

import pytest

PUBLISHED = "2020-12-27"


def claim_for(nlp, text, figure, published=PUBLISHED):
    doc, _ = next(nlp.pipe([(text, {"published": published, "article": "t.txt"})], as_tuples=True))
    found = [c for c in doc._.nk_claims if c.text == figure or figure in c.text]
    assert found, f"no claim for {figure!r} in {[c.text for c in doc._.nk_claims]}"
    return found[0]


ROLE_AND_SIGN = [
    ("Exports fell 42% to $148,000 in November.", "42%", "change", -42.0),
    ("Exports fell 42% to $148,000 in November.", "$148,000", "level", 148000.0),
    ("Imports rose 5.5 percent from a month earlier.", "5.5 percent", "change", 5.5),
    ("Sales were up 12 pct at 1.2 billion dlrs.", "12 pct", "change", 12.0),
    ("Sales were up 12 pct at 1.2 billion dlrs.", "1.2 billion dlrs", "level", 1.2e9),
    ("Shipments totaled $46 million, a plunge of 74 percent from the same period last year.", "74 percent", "change", -74.0),
    ("Output declined by 3.1% in the third quarter.", "3.1%", "change", -3.1),
    ("The company reported a 15 pct increase in revenue.", "15 pct", "change", 15.0),
    ("Exports slumped to just $2,382 last month.", "$2,382", "level", 2382.0),
    ("Inflation stood at 4.2 pct in January.", "4.2 pct", "change", 4.2),  # a rate of change of prices
    ("Unemployment stood at 7.1 pct in January.", "7.1 pct", "level", 7.1),
    ("China accounted for more than 90 percent of North Korea's foreign trade.", "90 percent", "share", 90.0),
    ("Japan had a trade surplus of 5.1 billion dlrs in March.", "5.1 billion dlrs", "level", 5.1e9),
    ("The United States posted a $2.1 billion trade deficit in May.", "$2.1 billion", "level", -2.1e9),
    ("The company reported a net loss of 4.5 mln dlrs for 1986.", "4.5 mln dlrs", "level", -4.5e6),
    ("Net profit was 12.3 mln dlrs in the year.", "12.3 mln dlrs", "level", 12.3e6),
    ("Trade volume was down 23 percent from a month earlier.", "23 percent", "change", -23.0),
]


@pytest.mark.parametrize("text,figure,role,value", ROLE_AND_SIGN)
def test_role_and_sign(nlp, text, figure, role, value):
    claim = claim_for(nlp, text, figure)
    assert (claim.role, claim.value) == (role, pytest.approx(value))


METRICS = [
    ("China's exports to North Korea fell 42% to $148,000 in November.", "$148,000", "exports"),
    ("Japan's imports rose 5 pct to 10 billion dlrs in March.", "10 billion dlrs", "imports"),
    ("Two-way trade between the countries was $539 million in 2020.", "$539 million", "trade"),
    ("Japan had a trade surplus of 5.1 billion dlrs in March.", "5.1 billion dlrs", "trade_balance"),
    ("The current account deficit narrowed to 1.2 billion stg in the fourth quarter.", "1.2 billion stg", "current_account_balance"),
    ("The company said revenues rose to 340 mln dlrs in 1986.", "340 mln dlrs", "revenue"),
    ("Net income rose to 12.3 mln dlrs from 10.1 mln dlrs.", "12.3 mln dlrs", "net_income"),
    ("Gross domestic product grew 2.5 pct in the fourth quarter.", "2.5 pct", "gdp"),
    ("Consumer prices rose 0.4 pct in January.", "0.4 pct", "inflation"),
    ("Seasonally adjusted exports rose 3 pct in February.", "3 pct", "exports_sa"),
]


@pytest.mark.parametrize("text,figure,metric", METRICS)
def test_metric(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure).table_metric == metric


PARTNERS = [
    ("China's exports to North Korea fell 42% to $148,000 in November.", "$148,000", "CHN", "PRK"),
    ("North Korean shipments to China totaled $2,382 in November.", "$2,382", "PRK", "CHN"),
    ("Beijing exported $253,000 worth of goods to Pyongyang in October.", "$253,000", "CHN", "PRK"),
    ("Last year, North Korea imported around $491 million in goods from China.", "$491 million", "CHN", "PRK"),
    ("China's trade with North Korea dropped 23% to $1.27 million in November.", "$1.27 million", "CHN", "PRK"),
    ("Japanese exports to the United States rose 5 pct to 7.2 billion dlrs in March.", "7.2 billion dlrs", "JPN", "USA"),
    ("Trade between Japan and the United States was 80 billion dlrs in 1986.", "80 billion dlrs", "JPN", "USA"),
    ("Brazil's trade surplus was 1.2 billion dlrs in January.", "1.2 billion dlrs", "BRA", None),
    # a company measure a central bank gives in a story about no company is its country's
    ("Thailand's reserves rose to 16.07 billion baht in February, the Bank of Thailand said.\n"
     "    The central bank said cumulative assets at end-February fell to 20.02 billion baht.",
     "20.02 billion baht", "THA", None),
]


@pytest.mark.parametrize("text,figure,origin,destination", PARTNERS)
def test_partners(nlp, text, figure, origin, destination):
    claim = claim_for(nlp, text, figure)
    assert (claim.origin, claim.destination) == (origin, destination)


PERIODS = [
    ("Exports fell 42% to $148,000 in November.", "$148,000", "2020-11", None),
    ("Exports slumped to $2,382 last month.", "$2,382", "2020-11", None),
    ("From January to November this year, exports totaled $46.38 million.", "$46.38 million", "2020-01/2020-11", None),
    ("Exports fell 99 percent from September to October.", "99 percent", "2020-10", "2020-09"),
    ("Exports fell 42 percent from a month earlier to $148,000 in November.", "42 percent", "2020-11", "previous_period"),
    ("Exports fell 74 percent in the first 11 months from the same period last year.", "74 percent", "2020-01/2020-11", "year_ago"),
    ("Two-way trade dropped 80.7 percent in 2020.", "80.7 percent", "2020", "year_ago"),
    ("Trade recovered to $96.8 million in June.", "$96.8 million", "2020-06", None),
]


@pytest.mark.parametrize("text,figure,period,basis", PERIODS)
def test_period_and_basis(nlp, text, figure, period, basis):
    claim = claim_for(nlp, text, figure)
    assert (claim.period, claim.basis) == (period, basis)


def test_period_carries_over_within_a_story(nlp):
    text = ("Exports fell to $2,382 in November, the agency said.\n\n"
            "This figure excludes $1.1 million of electricity exports.")
    claim = claim_for(nlp, text, "$1.1 million")
    assert (claim.period, claim.product, claim.metric) == ("2020-11", "electricity", "exports")


def test_date_in_a_before_clause_is_not_the_period(nlp):
    text = ("China accounted for over 90 per cent of North Korea's trade before the UN imposed "
            "sanctions in 2016.")
    assert claim_for(nlp, text, "90 per cent").period is None


def test_report_day_is_not_the_period(nlp):
    text = "Exports fell 23% to $1.27 million in November, the customs agency said Wednesday."
    assert claim_for(nlp, text, "$1.27 million").period == "2020-11"


PRODUCTS = [
    ("North Korea exported $10.7 million of tungsten last year.", "$10.7 million", "tungsten"),
    ("Cosmetics led, followed by soap at $19.", "$19", "soap"),
    ("The country exported 3.2 mln dlrs of coffee in May.", "3.2 mln dlrs", "coffee"),
]


@pytest.mark.parametrize("text,figure,product", PRODUCTS)
def test_product(nlp, text, figure, product):
    assert claim_for(nlp, text, figure).product == product


def test_no_figures_no_claims(nlp):
    doc = nlp("North Korea has not publicly acknowledged the decline in trade.")
    assert doc._.nk_claims == []


def test_claims_are_plain_records(nlp):
    doc = nlp("Exports fell 42% to $148,000 in November.")
    row = doc._.nk_claims[0].row()
    assert row["claim_id"].endswith(":13") and row["kind"] == "percent"


EARNINGS = ("For the third quarter ended January 31, Heinz earned 74.7\nmln dlrs, or 55 cts a share, up from "
            "earnings of 63.2 mln dlrs,\nor 46 cts a share, for the year-ago quarter.")

COMPARISONS = [
    ("Shr 34 cts vs 1.19 dlrs in the year.", "1.19 dlrs", "eps"),
    (EARNINGS, "63.2 mln dlrs", "net_income"),   # the total of a compared pair, not its per-share figure
    (EARNINGS, "46 cts", "eps"),
    ("Net income rose to 5.6 mln dlrs from 4.1 mln dlrs a year earlier.", "4.1 mln dlrs", "net_income"),
]


@pytest.mark.parametrize("text,figure,metric", COMPARISONS)
def test_compared_figure_keeps_the_metric(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure).metric == metric


@pytest.mark.parametrize("figure,period", [
    ("74.7\nmln dlrs", "1986-11/1987-01"), ("55 cts", "1986-11/1987-01"),
    ("63.2 mln dlrs", "1985-11/1986-01"), ("46 cts", "1985-11/1986-01"),  # across a wrapped line
])
def test_a_compared_pair_takes_the_earlier_period(nlp, figure, period):
    assert claim_for(nlp, EARNINGS, figure, published="1987-03-13").period == period


@pytest.mark.parametrize("text,figure,value", [
    ("The earnings rise for the fourth quarter ended January 28 to 285 mln dlrs was a record.",
     "285 mln dlrs", 285e6),
    ("Profit rose in the quarter ended March 31 to 12 mln dlrs.", "12 mln dlrs", 12e6),
])
def test_a_dates_day_is_not_the_low_end_of_a_range(nlp, text, figure, value):
    claim = claim_for(nlp, text, figure, published="1987-03-13")
    assert claim.text == figure and claim.value == pytest.approx(value)


@pytest.mark.parametrize("text,figure,period", [
    # a headline the parser runs into the sentence hangs the quarter on its "SAYS"
    ("K MART <KM> SAYS RECORD NET\n\nK Mart said the earnings rise for the fourth quarter ended\n"
     "January 28 to 285 mln dlrs resulted from cost control.", "285 mln dlrs", "1986-11/1987-01"),
    # "the nine months" ends where the stated quarter ends
    ("For the third quarter ended January 31, Heinz earned 74.7 mln dlrs.\n    For the nine months, "
     "the company posted a profit of 244.4 mln dlrs.", "244.4 mln dlrs", "1986-05/1987-01"),
])
def test_a_stated_fiscal_period_in_a_story(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="1987-03-13").period == period


@pytest.mark.parametrize("text,figure,metric", [
    ("The company raised its quarterly dividend to 28 cts a share from 25 cts a share.", "28 cts", "dividend"),
    ("Earnings per share rose to 55 cts a share.", "55 cts", "eps"),
    ("It earned 74.7 mln dlrs, or 55 cts a share.", "55 cts", "eps"),
    ("It earned 74.7 mln dlrs, or 55 cts a share.", "74.7 mln dlrs", "net_income"),
    # a price a share offered for a company is no earnings
    ("General Partners said it began a 100 dlrs a share cash tender offer for all of Gencorp.", "100 dlrs",
     "offer_price"),
    ("Sosnoff, who has offered to buy Caesars World Inc for 28 dlrs a share, said the company refused.",
     "28 dlrs", "offer_price"),
])
def test_a_share_takes_the_per_share_item_before_it(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-13").metric == metric


@pytest.mark.parametrize("text,figure,metric,period", [
    # "balance of payments basis" says how the deficit is counted; it is not the measure
    ("The U.S. merchandise trade deficit on a balance of payments basis was a record 38.37 billion dlrs "
     "in the October to December fourth quarter.", "38.37 billion dlrs", "trade_balance", "1986-Q4"),
    ("U.S. producer prices rose 0.1 pct in February, the Labor Department said.", "0.1 pct",
     "producer_prices", "1987-02"),   # producer prices are not consumer inflation
    ("U.S. consumer prices rose 0.4 pct in February, the Labor Department said.", "0.4 pct",
     "inflation", "1987-02"),
    ("U.S. retail sales rose 4.1 pct in February, the Commerce Department said.", "4.1 pct",
     "retail_sales", "1987-02"),
    # a level dated by a basis phrase right before it is the earlier one
    ("February's retail sales were 4.4 pct above the year-ago\nlevel of 117.09 billion dlrs.",
     "117.09 billion dlrs", "retail_sales", "1986-02"),
])
def test_macro_measures_and_their_periods(nlp, text, figure, metric, period):
    claim = claim_for(nlp, text, figure, published="1987-03-13")
    assert (claim.metric, claim.period) == (metric, period)


@pytest.mark.parametrize("text,figure,qualifier", [
    ("The February U.S. producer price index gained only 0.1 pct, less than a 0.3-0.4 pct expected rise.",
     "0.1 pct", None),   # "expected" is the other figure's
    ("Economists expected a 0.3 pct rise in producer prices.", "0.3 pct", "forecast"),
    ("Growth for this year is likely to be between 0.5 and 1.5 pct, Kramer said.", "between 0.5 and 1.5 pct",
     "forecast"),
])
def test_a_forecast_word_belongs_to_its_own_figure(nlp, text, figure, qualifier):
    assert claim_for(nlp, text, figure, published="1987-03-13").qualifier == qualifier


@pytest.mark.parametrize("figure,period", [
    ("2.5 pct", "1987"),        # "target for 1987" is the target's
    ("3.4 pct", "1987-02"),     # "a 3.4 pct rise in retail prices for February"
])
def test_a_date_belongs_to_the_nearer_figure(nlp, figure, period):
    text = ("Balladur said he was maintaining his 2.5 pct inflation target for 1987 after the announcement "
            "earlier today of a 3.4 pct year-on-year rise in retail prices for February.")
    assert claim_for(nlp, text, figure, published="1987-03-13").period == period


@pytest.mark.parametrize("text,figure,metric", [
    # "price rises" in a story about consumer prices: the name's last word, singular or plural
    ("The January rise took year on year inflation to three pct.\n    \"Our forecast for price rises this "
     "year is two and a half pct,\" he said.", "two and a half pct", "inflation"),
    ("Consumer prices rose 0.4 pct in February.\n    The price of gold rose 1.2 pct.", "1.2 pct", "price"),
])
def test_a_story_measure_read_from_its_words_singular_or_plural(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-13").metric == metric


@pytest.mark.parametrize("figure,metric", [
    ("117.52 billion dlrs", "retail_sales"),   # "January sales" in a retail sales story
    ("5.5 pct", "price"),                      # "gasoline prices": an item's own price
])
def test_a_generic_word_is_the_storys_measure(nlp, figure, metric):
    text = ("U.S. retail sales rose 4.1 pct in February, the Commerce Department said.\n    The increase came "
            "after a revised 7.4 pct drop in January sales to a level of 117.52 billion dlrs.\n    Gasoline "
            "prices rose 5.5 pct.")
    assert claim_for(nlp, text, figure, published="1987-03-13").metric == metric


@pytest.mark.parametrize("text,figure,metric,period", [
    # a list of figures against a list of measures, in order, dated by the date before the list
    ("February levels of M-2 and M-3 left the aggregates 18.2 and\n20.8 billion dlrs under their respective "
     "upper growth limits set by the Fed for 1987.", "18.2", "money_supply_m2", "1987-02"),
    ("February levels of M-2 and M-3 left the aggregates 18.2 and\n20.8 billion dlrs under their respective "
     "upper growth limits set by the Fed for 1987.", "20.8 billion dlrs", "money_supply_m3", "1987-02"),
    # each figure with a date of its own keeps it
    ("The trade deficit fell from 716 mln dlrs in January and 76 mln dlrs in February 1986.", "76 mln dlrs",
     "trade_balance", "1986-02"),
    # one measure for two figures is no pairing
    ("The M-2 money supply grew 1.2 pct in January and 1.5 pct.", "1.5 pct", "money_supply_m2", None),
])
def test_listed_figures_pair_with_listed_measures(nlp, text, figure, metric, period):
    claim = claim_for(nlp, text, figure, published="1987-03-13")
    assert claim.metric == metric
    assert period is None or claim.period == period


PPI_STORY = ("U.S. PRODUCER ENERGY PRICES RISE IN FEBRUARY\n\nPrices of wholesale finished energy\n"
             "goods in the U.S. rose 4.0 pct in February after a 9.8 pct rise\nin January, the Labor Department "
             "said.\n    Among finished goods, the index for home heating oil rose three pct in February.\n"
             "    Price rises accelerated for logs and timber.\n    Among finished goods, gasoline rose 5.5 pct "
             "after a 15.7\npct January increase.\n")


@pytest.mark.parametrize("figure,metric,product,period", [
    ("4.0 pct", "producer_prices", "energy", "1987-02"),      # the headline names the measure
    ("9.8 pct", "producer_prices", "energy", "1987-01"),
    ("three pct", "producer_prices", "heating oil", "1987-02"),   # "the index for ..."
    ("5.5 pct", "producer_prices", "gasoline", "1987-02"),    # January is the 15.7 pct's
])
def test_an_item_of_a_country_measure_is_its_product(nlp, figure, metric, product, period):
    claim = claim_for(nlp, PPI_STORY, figure, published="1987-03-13")
    assert (claim.metric, claim.product, claim.period) == (metric, product, period)


@pytest.mark.parametrize("text,figure,product", [
    ("Gulf Energy Corp said its net income rose to 5.1 mln dlrs.", "5.1 mln dlrs", None),  # a name, no product
    ("Japan's imports of crude oil rose to 1.2 billion dlrs.", "1.2 billion dlrs", "crude oil"),
    ("A reduction in the non-oil trade deficit of 100 mln stg.", "100 mln stg", "non-oil"),
    ("The surplus was well below the 628 mln dlrs of February last year.", "628 mln dlrs", None),  # a date
    # an output's market groups are its items
    ("U.S. business equipment production rose 1.0 pct in February.", "1.0 pct", "business equipment"),
    ("Output of consumer durables was up 2.1 pct in February.", "2.1 pct", "consumer durables"),
])
def test_a_product_word_in_a_company_name_is_no_product(nlp, text, figure, product):
    assert claim_for(nlp, text, figure, published="1987-03-13").product == product


def test_compared_figure_is_a_year_earlier(nlp):
    text = "Japan's trade surplus jumped to 3.58 billion dlrs in February from 1.94 billion dlrs a year earlier."
    claim = claim_for(nlp, text, "1.94 billion dlrs", published="1987-03-02")
    assert (claim.metric, claim.period, claim.origin) == ("trade_balance", "1986-02", "JPN")


@pytest.mark.parametrize("text,figure,period", [
    # a country's weekly or monthly level "from" a figure with no date: the period before
    ("U.S. M-1 money supply rose 1.9 billion dlrs to a seasonally adjusted 738.5 billion dlrs in the "
     "February 23 week, the Federal Reserve said.\n    The four-week moving average of M-1 rose to "
     "736.7 billion dlrs from 735.0 billion.", "735.0 billion", "1987-02-16"),  # the statement week before
    ("Japan's trade surplus rose to 3.58 billion dlrs in February from 1.94 billion dlrs.",
     "1.94 billion dlrs", "1987-01"),
    # a company's results: a year earlier
    ("Acme Corp said its fourth quarter 1986 net income rose to 5.1 mln dlrs from 4.2 mln dlrs.",
     "4.2 mln dlrs", "1985-Q4"),
])
def test_a_compared_figure_with_no_date_is_the_likeliest_earlier_period(nlp, text, figure, period):
    claim = claim_for(nlp, text, figure, published="1987-03-02")
    assert claim.period == period and "period" in (claim.unsure or [])


@pytest.mark.parametrize("period,basis,earlier", [
    ("1987-W09", "previous_period", "1987-W08"),
    ("1987-W01", "previous_period", "1986-W52"),
    ("1987-W09", "year_ago", "1986-W09"),
    ("1987-02", "previous_period", "1987-01"),
    ("1987-Q1", "previous_period", "1986-Q4"),
])
def test_previous_period_at_its_own_granularity(period, basis, earlier):
    from nkextract.text.periods import previous_period
    assert previous_period(period, basis) == earlier


def test_the_date_a_forecast_was_made_is_not_its_period(nlp):
    text = ("Austrian GDP growth for this year is likely to be between 0.5 and 1.5 pct.\n    This compared with "
            "a two pct growth forecast made by the\nsemi-official Institute for Economic Research (WIFO) last\n"
            "December.\n")
    claim = claim_for(nlp, text, "two pct", published="1987-03-06")
    assert (claim.period, claim.qualifier) == ("1987", "forecast")


@pytest.mark.parametrize("text,figure,metric", [
    ("However, 1986's surplus on oil trade was 4.0 billion stg lower than in 1985.", "4.0 billion stg",
     "trade_balance"),
    ("The deficit on non-oil trade increased by 2.1 billion stg.", "2.1 billion stg", "trade_balance"),
    ("Two-way trade rose to 2.1 billion stg.", "2.1 billion stg", "trade"),
])
def test_a_balance_word_governing_trade_makes_it_a_balance(nlp, text, figure, metric):
    assert claim_for(nlp, "BRITISH TRADE FIGURES\n\n" + text, figure, published="1987-03-13").metric == metric


@pytest.mark.parametrize("text,figure,role,value", [
    ("The tax reform, which will cut taxes by a gross 44 billion marks, would be introduced next year.",
     "44 billion marks", "level", 44e9),
    ("Extra tax allowances for families would cut 300 mln marks from the tax bill.", "300 mln marks", "level", 300e6),
    ("Net profit fell by 44 mln marks.", "44 mln marks", "change", -44e6),   # a fall of another measure
])
def test_a_fall_of_a_measure_that_is_a_fall_is_its_size(nlp, text, figure, role, value):
    claim = claim_for(nlp, text, figure, published="1987-03-07")
    assert (claim.role, claim.value) == (role, value)


@pytest.mark.parametrize("text,figure,value", [
    # a change of a deficit or a loss in money moves the balance the other way
    ("The deficit on non-oil trade increased by 2.1 billion stg.", "2.1 billion stg", -2.1e9),
    ("The U.S. trade deficit narrowed by 2.3 billion dlrs in January.", "2.3 billion dlrs", 2.3e9),
    ("The company's net loss widened by 5 mln dlrs.", "5 mln dlrs", -5e6),
    ("Japan's trade surplus rose by 1.2 billion dlrs in February.", "1.2 billion dlrs", 1.2e9),
    # a comparative before "than" makes a change
    ("Britain's surplus on oil trade was 4.0 billion stg lower than in 1985.", "4.0 billion stg", -4.0e9),
])
def test_changes_of_a_balance_are_signed_as_the_balance_moves(nlp, text, figure, value):
    claim = claim_for(nlp, text, figure, published="1987-03-06")
    assert (claim.role, claim.value) == ("change", value)


def test_company_figures_have_no_country(nlp):
    claim = claim_for(nlp, "Toyota of Japan said net profit rose to 120 billion yen in 1986.", "120 billion yen")
    assert (claim.metric, claim.origin, claim.unit) == ("net_income", None, "JPY")


def test_story_country_carries_to_later_figures(nlp):
    text = ("Japan's trade surplus rose to 3.5 billion dlrs in February.\n\n"
            "Exports rose 14.6 pct from a year earlier.")
    claim = claim_for(nlp, text, "14.6 pct", published="1987-03-02")
    assert (claim.metric, claim.origin, claim.basis) == ("exports", "JPN", "year_ago")


TABLE = (
    "ACME CORP 3RD QTR NET\n\n"
    "Shr 36 cts vs 31 cts\n"
    "    Net 26.2 mln vs 21.8 mln\n"
    "    Revs 1.05 billion vs 844.2 mln\n"
    "    Avg shrs 72.4 mln vs 64.0 mln\n"
)


@pytest.mark.parametrize("figure,metric", [
    ("36 cts", "eps"), ("31 cts", "eps"), ("26.2 mln", "net_income"), ("21.8 mln", "net_income"),
    ("1.05 billion", "revenue"), ("844.2 mln", "revenue"),
])
def test_earnings_table_rows_name_their_metric(nlp, figure, metric):
    assert claim_for(nlp, TABLE, figure).metric == metric


def test_share_counts_in_a_table_are_not_money(nlp):
    doc = nlp(TABLE)
    assert not [c for c in doc._.nk_claims if c.text.startswith(("72.4", "64.0"))]


#: modern wire sentences, published 2023-11-15: (text, figure, value, unit, role, metric,
#: origin, destination, period, basis)
WIRE_2023 = [
    ("Germany's economy shrank 0.3% in the third quarter, the Federal Statistics Office said Friday.",
     "0.3%", -0.3, "%", "change", "gdp", "DEU", None, "2023-Q3", None),
    ("Japan's exports rose 1.5% in October from a year earlier to 8.9 trillion yen, the finance ministry said.",
     "8.9 trillion yen", 8.9e12, "JPY", "level", "exports", "JPN", None, "2023-10", None),
    ("Japan's exports rose 1.5% in October from a year earlier to 8.9 trillion yen, the finance ministry said.",
     "1.5%", 1.5, "%", "change", "exports", "JPN", None, "2023-10", "year_ago"),
    ("India's trade deficit widened to $31.46 billion in October from $20.58 billion a year earlier.",
     "$31.46 billion", -31.46e9, "USD", "level", "trade_balance", "IND", None, "2023-10", None),
    ("India's trade deficit widened to $31.46 billion in October from $20.58 billion a year earlier.",
     "$20.58 billion", -20.58e9, "USD", "level", "trade_balance", "IND", None, "2022-10", None),
    ("China's imports from Russia jumped 23% to $11.2 billion in September, according to customs data.",
     "$11.2 billion", 11.2e9, "USD", "level", "exports", "RUS", "CHN", "2023-09", None),
    ("South Korea's exports to China fell 9.5% year-on-year in the first half, the trade ministry said.",
     "9.5%", -9.5, "%", "change", "exports", "KOR", "CHN", "2023-H1", "year_ago"),
    ("Unemployment in the United States rose to 3.9% in October from 3.8% in September.",
     "3.8%", 3.8, "%", "level", "unemployment", "USA", None, "2023-09", None),
    ("The company expects full-year sales of about 12 billion euros, compared with 11.4 billion euros last year.",
     "11.4 billion euros", 11.4e9, "EUR", "level", "revenue", None, None, "2022", None),
    ("Brazil posted a current account deficit of $3.1 billion in August, the central bank said.",
     "$3.1 billion", -3.1e9, "USD", "level", "current_account_balance", "BRA", None, "2023-08", None),
]


@pytest.mark.parametrize("text,figure,value,unit,role,metric,origin,destination,period,basis", WIRE_2023)
def test_modern_wire_claims(nlp, text, figure, value, unit, role, metric, origin, destination, period, basis):
    claim = claim_for(nlp, text, figure, published="2023-11-15")
    assert (claim.value, claim.unit, claim.role, claim.metric, claim.origin, claim.destination,
            claim.period, claim.basis) == (pytest.approx(value), unit, role, metric, origin,
                                           destination, period, basis)


def test_forecast_is_not_dated_by_the_figure_it_is_compared_with(nlp):
    text = "The company expects full-year sales of about 12 billion euros, compared with 11.4 billion euros last year."
    claim = claim_for(nlp, text, "12 billion euros", published="2023-11-15")
    assert (claim.period, claim.qualifier) == (None, "approx+forecast")


def test_figures_under_a_table_section_take_the_section_period(nlp):
    text = ("ACME CORP 3RD QTR JAN 31 NET\n\nShr 36 cts vs 31 cts\n    Net 26.2 mln vs 21.8 mln\n"
            "    Nine mths\n    Shr 1.28 dlrs vs 1.22 dlrs\n")
    first, later = claim_for(nlp, text, "36 cts", "1987-03-13"), claim_for(nlp, text, "1.28 dlrs", "1987-03-13")
    assert (first.period, later.period) == ("1986-11/1987-01", "1986-05/1987-01")
    assert later.metric == "eps" and "period" not in later.unsure  # reported within a quarter


def test_diluted_earnings_per_share_is_its_own_metric(nlp):
    text = "ACME CORP YEAR NET\n\nShr 36 cts vs 31 cts\n    Shr diluted 32 cts vs 30 cts\n"
    assert claim_for(nlp, text, "32 cts").metric == "eps_diluted"


#: Levels at a date (stocks) are dated as of the day their period ends; flows keep the span.
STOCKS_AND_FLOWS = [
    ("ACME BANCORP <ACB> YEAR NET\n\n    Net 4.1 mln vs 3.2 mln\n    Loans 310.5 mln vs 290.1 mln\n"
     "    Deposits 401.3 mln vs 388.0 mln\n    Assets 512.9 mln vs 470.4 mln\n", "310.5", "2020-12-31"),
    ("ACME BANCORP <ACB> YEAR NET\n\n    Net 4.1 mln vs 3.2 mln\n    Loans 310.5 mln vs 290.1 mln\n", "290.1", "2019-12-31"),
    ("ACME BANCORP <ACB> YEAR NET\n\n    Net 4.1 mln vs 3.2 mln\n    Loans 310.5 mln vs 290.1 mln\n", "4.1", "2020"),
    ("ACME CORP <ACM> 4TH QTR NET\n\n    Net 1.1 mln vs 900,000\n    Backlog 75.2 mln vs 61.0 mln\n", "75.2", "2020-12-31"),
]


@pytest.mark.parametrize("text,figure,period", STOCKS_AND_FLOWS)
def test_stocks_are_dated_as_of_a_day(nlp, text, figure, period):
    assert claim_for(nlp, text, figure, published="2021-02-15").period == period


@pytest.mark.parametrize("period,day", [
    ("1986", "1986-12-31"), ("1986-Q4", "1986-12-31"), ("1985-11/1986-01", "1986-01-31"),
    ("1987-02-12/1987-02-18", "1987-02-18"), ("1987-03", "1987-03"), ("1987-03-05", "1987-03-05"),
    ("PRESENT_REF", "PRESENT_REF"), (None, None),
])
def test_as_of(period, day):
    from nkextract.text.periods import as_of
    assert as_of(period) == day


def test_a_change_of_a_stock_keeps_its_period(nlp):
    claim = claim_for(nlp, "The money supply grew 17.6 pct in the year to January, the Bank said.",
                      "17.6 pct", published="1987-02-20")
    assert claim.role == "change" and claim.period != "1987-01-31"
