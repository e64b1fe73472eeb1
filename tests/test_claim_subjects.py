"""Whose figure, which measure, which period, which vintage: subject, earnings tables,
compared figures, qualifiers and the unsure list of a claim.

Rows are wire phrases written for these tests (published 1987-03-05 unless given).
"""
from __future__ import annotations

import pytest

PUBLISHED = "1987-03-05"


def claims(nlp, text, published=PUBLISHED):
    doc, _ = next(nlp.pipe([(text, {"published": published, "article": "t.txt"})], as_tuples=True))
    return doc._.nk_claims


def claim_for(nlp, text, figure, published=PUBLISHED):
    found = [c for c in claims(nlp, text, published) if figure in c.text]
    assert found, f"no claim for {figure!r} in {[c.text for c in claims(nlp, text, published)]}"
    return found[0]


TABLE = ("ZENITH PUMPS INC <ZPI> 4TH QTR LOSS\n\n"
         "Shr loss 12 cts vs profit 30 cts\n"
         "    Net loss 1,250,000 vs profit 3,100,000\n"
         "    Revs 48.2 mln vs 51.7 mln\n"
         "    Avg shrs 10.4 mln vs 10.3 mln\n"
         "    Year\n"
         "    Shr profit 40 cts vs profit 1.10 dlrs\n"
         "    Net profit 4,200,000 vs 11.3 mln\n")

#: (figure, value, metric, period, subject_id)
TABLE_ROWS = [
    ("12 cts", -0.12, "eps", "1986-Q4", "ZPI"),
    ("30 cts", 0.30, "eps", "1985-Q4", "ZPI"),
    ("1,250,000", -1.25e6, "net_income", "1986-Q4", "ZPI"),
    ("3,100,000", 3.1e6, "net_income", "1985-Q4", "ZPI"),
    ("48.2 mln", 48.2e6, "revenue", "1986-Q4", "ZPI"),
    ("51.7 mln", 51.7e6, "revenue", "1985-Q4", "ZPI"),
    ("40 cts", 0.40, "eps", "1986", "ZPI"),
    ("1.10 dlrs", 1.10, "eps", "1985", "ZPI"),
    ("4,200,000", 4.2e6, "net_income", "1986", "ZPI"),
    ("11.3 mln", 11.3e6, "net_income", "1985", "ZPI"),
]


@pytest.mark.parametrize("figure,value,metric,period,subject_id", TABLE_ROWS)
def test_earnings_table_rows(nlp, figure, value, metric, period, subject_id):
    claim = claim_for(nlp, TABLE, figure)
    assert (claim.value, claim.metric, claim.period, claim.subject_id, claim.unit) == (
        pytest.approx(value), metric, period, subject_id, "USD")
    assert claim.subject == "Zenith Pumps Inc" and claim.source == "Zenith Pumps Inc"
    assert claim.unsure == []  # reported within a quarter of its end: the year is the story's


@pytest.mark.parametrize("headline,published,unsure", [
    ("ACME CORP <ACM> 4TH QTR NET", "1987-03-05", []),             # the December quarter, reported in March
    ("ACME CORP <ACM> 3RD QTR JAN 31 NET", "1987-03-05", []),
    ("ACME CORP <ACM> 4TH QTR NET", "1987-08-20", ["period"]),     # no quarter ends in December for it
    ("ACME CORP <ACM> YEAR NET", "1987-06-30", ["period"]),
])
def test_a_table_year_is_the_storys_when_reported_within_a_quarter(nlp, headline, published, unsure):
    claim = claim_for(nlp, headline + "\n\nShr 36 cts vs 31 cts\n", "36 cts", published)
    assert claim.unsure == unsure


@pytest.mark.parametrize("note,unsure", [
    ("NOTE: Company said net is before extraordinary items and taxes", ["metric"]),
    ("NOTE: Net includes gain of 1,200,000 dlrs from sale of unit", []),
])
def test_a_note_that_redefines_net_makes_the_measure_unsure(nlp, note, unsure):
    text = f"ACME CORP <ACM> YEAR NET\n\nShr profit one cent vs loss 37 cts\n    Net profit 148,000 dlrs vs loss 1,686,000\n    {note}\n"
    assert claim_for(nlp, text, "148,000 dlrs").unsure == unsure


@pytest.mark.parametrize("text,figure,subject,unsure", [
    # a named unit is its own subject
    ("Pan Am Corp said its principal subsidiary, Pan American World Airways, had a 1986 net loss of "
     "469.3 mln dlrs.", "469.3 mln dlrs", "Pan American World Airways", False),
    # an unnamed one leaves whose figure it is unsure
    ("Acme Corp said its trucks division earned 12 mln dlrs in 1986.", "12 mln dlrs", "Acme Corp", True),
])
def test_a_units_figure_is_not_the_companys(nlp, text, figure, subject, unsure):
    claim = claim_for(nlp, text, figure)
    assert claim.subject == subject and ("subject" in claim.unsure) == unsure


def test_average_shares_are_no_claim(nlp):
    texts = [c.text for c in claims(nlp, TABLE)]
    assert "12 cts" in texts and not [t for t in texts if t.startswith(("10.4", "10.3"))]


@pytest.mark.parametrize("headline,published,period", [
    ("ACME CORP <ACM> 3RD QTR JAN 31 NET", "1987-03-05", "1986-11/1987-01"),
    ("ACME CORP <ACM> 1ST QTR NET", "1987-04-20", "1987-Q1"),
    ("ACME CORP <ACM> YEAR NET", "1987-03-05", "1986"),
    ("ACME CORP <ACM> 2ND QTR DEC 31 NET", "1987-02-10", "1986-Q4"),
])
def test_headline_period(nlp, headline, published, period):
    claim = claim_for(nlp, headline + "\n\nShr 36 cts vs 31 cts\n", "36 cts", published)
    assert claim.period == period


@pytest.mark.parametrize("line,period", [
    ("Feb 28 end", "1986-12/1987-02"),
    ("Qtr ended Feb 28", "1986-12/1987-02"),
    ("Period ended February 28", "1986-12/1987-02"),
])
def test_a_line_naming_the_end_of_the_quarter(nlp, line, period):
    text = f"ACME CORP <ACM> 3RD QTR\n\n{line}\n    Shr 36 cts vs 31 cts\n"
    assert claim_for(nlp, text, "36 cts", "1987-03-12").period == period


@pytest.mark.parametrize("figure,period", [
    ("36 cts", "1986-12/1987-02"),     # "2nd qtr" of a year ending in August: the note's month
    ("70 cts", "1986-09/1987-02"),     # "1st half", six months to the note's month
])
def test_a_note_naming_the_end_of_the_tables_periods(nlp, figure, period):
    text = ("(CORRECTED)-ACME CORP <ACM> NET\n\n2nd qtr\n    Shr 36 cts vs 31 cts\n    1st half\n"
            "    Shr 70 cts vs 61 cts\n    NOTE: Period ended February 28.\n")
    assert claim_for(nlp, text, figure, "1987-03-20").period == period


@pytest.mark.parametrize("name,subject_id", [
    ("ACME INDUSTRIES INC", "acme industries"),
    ("BROWN & SONS CO", "brown and sons"),
    ("<NORTHERN UTILITIES LTD>", "northern utilities"),
    ("(CORRECTED) - <NORTHERN UTILITIES LTD>", "northern utilities"),
])
def test_subject_id_is_the_normalised_name_without_a_ticker(nlp, name, subject_id):
    claim = claim_for(nlp, f"{name} YEAR NET\n\nShr 36 cts vs 31 cts\n", "36 cts")
    assert claim.subject_id == subject_id and claim.subject and "<" not in claim.subject + claim.source
    assert ">" not in claim.subject + claim.source


SUBJECTS = [
    ("Acme Corp said its net profit rose to 12.5 mln dlrs in 1986.", "12.5 mln dlrs", "Acme Corp", "acme"),
    ("Globex Inc <GBX> said 1986 revenues rose to 340 mln dlrs.", "340 mln dlrs", "Globex Inc", "GBX"),
]


@pytest.mark.parametrize("text,figure,subject,subject_id", SUBJECTS)
def test_subject_named_in_the_sentence(nlp, text, figure, subject, subject_id):
    claim = claim_for(nlp, text, figure)
    assert (claim.subject, claim.subject_id) == (subject, subject_id)


def test_subject_carried_by_the_company(nlp):
    text = ("Acme Corp <ACM> said its net profit rose to 12.5 mln dlrs in 1986.\n"
            "    The company said revenues rose to 140 mln dlrs in 1986.")
    claim = claim_for(nlp, text, "140 mln dlrs")
    assert (claim.subject_id, claim.unsure) == ("ACM", [])


def test_country_statistic_has_no_subject(nlp):
    claim = claim_for(nlp, "Japan's trade surplus rose to 8.1 billion dlrs in February, "
                           "the Finance Ministry said.", "8.1 billion dlrs")
    assert (claim.subject, claim.origin, claim.metric) == (None, "JPN", "trade_balance")


@pytest.mark.parametrize("text,figure,subject", [
    # the lead names in full the company the headline shortens
    ("TARN'L MINING <TRM> MAY CUT NET\n\nTarnational Mining Corp said it may put its loans "
     "to Peru on a cash basis.\n    This would cut net income by 10 mln dlrs this year.",
     "10 mln dlrs", "Tarnational Mining Corp"),
    ("HOLT <HLT> CONSIDERS SALE OF PARKS\n\nHolt Leisure Corp said it may sell its parks.\n"
     "    The company had revenues of 450 mln dlrs in 1986.", "450 mln dlrs", "Holt Leisure Corp"),
    # a headline whose name cannot be read off it: the lead's company with a ticker, a
    # corporate suffix or angle brackets, when the headline holds one of its words
    ("HOLM SEES HIGHER PAYOUT\n\nHolm Whitby Ltd <HWB.HK> expects higher profits, chairman "
     "Li Chen said.\n    It paid total dividends of 1.30 dlrs per share last year.",
     "1.30 dlrs", "Holm Whitby Ltd"),
    ("NORVIK BANK SEES IMPROVED RESULTS\n\n<Norvik Bank of Canada>, in reporting lower "
     "earnings, said it expects better results.\n    The bank earlier reported profit fell "
     "to 114 mln dlrs from 140 mln dlrs.", "114 mln dlrs", "Norvik Bank of Canada"),
    ("KELLER UND BRAND SEES OUTPUT FALLING\n\nKeller und Brand-Bau\nAG <KUBG.F> expects "
     "lower output.\n    In 1985 group net profit fell to 14.1 mln marks.", "14.1 mln marks",
     "Keller und Brand-Bau AG"),
    ("TARVIK HYDRO ISSUES 50 MLN STG BONDS\n\nTarvik Hydro A/S <TVH.O> is issuing 50\nmln stg "
     "bonds carrying a 9-7/8 pct coupon, said Holm Bank Ltd as lead manager.\n    Fees consist "
     "of a 1-1/4 pct selling concession.", "9-7/8 pct", "Tarvik Hydro A/S"),
    ("TARVIK HYDRO ISSUES 50 MLN STG BONDS\n\nTarvik Hydro A/S <TVH.O> is issuing 50\nmln stg "
     "bonds carrying a 9-7/8 pct coupon, said Holm Bank Ltd as lead manager.\n    Fees consist "
     "of a 1-1/4 pct selling concession.", "1-1/4 pct", "Tarvik Hydro A/S"),
    # ... but not in a story about the headline company's unit
    ("HOLT <HLT> UNIT'S NOTES\n\nFirst Wells Corp said it is selling 150 mln dlrs of notes "
     "it bought from Holt Bank NA, a unit of Holt Corp.\n    The notes carry a 7.45 pct "
     "coupon.", "7.45 pct", "Holt"),
])
def test_the_headline_company_by_its_full_name(nlp, text, figure, subject):
    assert claim_for(nlp, text, figure).subject == subject


TARGETS = ("Marlow Corp said it agreed to buy five mln shares or 16 pct of <Tessin Lace Co Ltd> "
           "for 3.28 dlrs a share, or 16.5 mln dlrs.\n    In addition, it said Koba Corp will buy "
           "a 12 pct stake of Marlow for 20 mln dlrs.")


@pytest.mark.parametrize("text,figure,subject", [
    # a stake, a price a share or a deal's value is the takeover target's
    (TARGETS, "16 pct", "Tessin Lace Co Ltd"),
    (TARGETS, "3.28 dlrs", "Tessin Lace Co Ltd"),     # listed after the target
    (TARGETS, "16.5 mln dlrs", "Tessin Lace Co Ltd"),
    (TARGETS, "12 pct", "Marlow"),                    # a short name of the story's company
    ("Deller Corp said its unit agreed to sell WQX-TV in Boston to Arno Media Inc <ARM> for "
     "217 mln dlrs cash.", "217 mln dlrs", "WQX-TV"),  # what the deal's verb sells
    ("Private investor Tom Cross offered 34 dlrs a share for Harwood and Pell Publishers Inc "
     "last week.", "34 dlrs", "Harwood and Pell Publishers Inc"),
])
def test_a_takeover_target_is_its_own_subject(nlp, text, figure, subject):
    assert claim_for(nlp, text, figure).subject == subject


POSSESSIVE = ("TARN <TRN> SEES LOWER PROFIT\n\nTarn Corp expects lower profit, its president "
              "said.\n    Colour television sales fell due to lower exports to China.\n    Overseas "
              "production will account for 35 pct of its total production in 1990.")


def test_its_makes_a_country_measure_the_companys(nlp):
    """"35 pct of its total production" in a company's story is the company's, no country's."""
    claim = claim_for(nlp, POSSESSIVE, "35 pct")
    assert (claim.subject, claim.origin) == ("Tarn", None)


COUNTERPARTY = ("TOLLAND <TLM> CONSIDERS SALE OF PARKS\n\nTolland Manufacturing Corp said it may "
                "sell its parks.\n    It bought the Lakeside park in May 1984 for 11 mln dlrs "
                "from Pemberton Corp <PMB>.\n    The company said it will take a charge of 17.3 "
                "mln dlrs.")


def test_a_counterparty_does_not_become_the_storys_company(nlp):
    """A company named only as the other side of a deal ("from Pemberton Corp") owns no
    figure and is not carried to the next sentence."""
    assert claim_for(nlp, COUNTERPARTY, "17.3 mln dlrs").subject == "Tolland Manufacturing Corp"


RESULTS_STORY = ("TARN INDUSTRIES INC <TRN> 4TH QTR LOSS\n\nShr loss five cts vs loss 50 cts\n"
                 "    Net loss 3,862,000 vs loss 15,900,000\n    Backlog was 63.0 mln dlrs on "
                 "January 31. Orders to be shipped\nbeyond 12 mths were 27.6 mln dlrs vs 17.1 "
                 "mln dlrs at December\n31\n")


@pytest.mark.parametrize("figure,source", [
    ("five cts", "Tarn Industries Inc"),
    ("63.0 mln dlrs", "Tarn Industries Inc"),
    ("27.6 mln dlrs", "Tarn Industries Inc"),  # a note's figure with no subject of its own
])
def test_a_results_story_is_its_companys_statement(nlp, figure, source):
    assert claim_for(nlp, RESULTS_STORY, figure).source == source


def test_central_bank_is_a_source_not_a_subject(nlp):
    claim = claim_for(nlp, "The Bundesbank said West German money supply grew 7.5 pct in 1986.", "7.5 pct")
    assert claim.subject is None


def test_compared_figure_gets_its_own_period(nlp):
    text = "Brazil's trade surplus fell to 129 mln dlrs in February from 679 mln in January."
    claim = claim_for(nlp, text, "679 mln")
    assert (claim.metric, claim.period, claim.origin) == ("trade_balance", "1987-01", "BRA")


@pytest.mark.parametrize("text,figure,qualifier", [
    ("The company expects 1987 net profit of 20 mln dlrs.", "20 mln dlrs", "forecast"),
    ("Analysts forecast growth of three pct in 1987.", "three pct", "forecast"),
    ("Preliminary figures showed exports of 2.1 billion dlrs in February.", "2.1 billion dlrs", "provisional"),
    ("January's trade surplus was revised to 1.2 billion dlrs.", "1.2 billion dlrs", "revised"),
])
def test_vintage_qualifier(nlp, text, figure, qualifier):
    assert qualifier in (claim_for(nlp, text, figure).qualifier or "").split("+")


def test_seasonally_adjusted_is_a_field_and_one_suffix(nlp):
    claim = claim_for(nlp, "Seasonally adjusted exports rose 3 pct in February.", "3 pct")
    assert (claim.metric, claim.seasonally_adjusted, claim.row()["metric"]) == ("exports", True, "exports_sa")


@pytest.mark.parametrize("text,metric", [
    ("The bonds carry a coupon of 9-1/4 pct.", "coupon"),
    ("The bonds were priced to yield 9.35 pct.", "bond_yield"),
    ("M-3 money supply rose 0.8 pct in February.", "money_supply_m3"),
])
def test_measures_kept_apart(nlp, text, metric):
    found = claims(nlp, text)
    assert found and found[0].metric == metric


BAD_INPUT = [
    "Shr 36 cts vs\n    Net 2.1 mln vs 1.9\n    Revs\n",                    # ragged table, no headline
    "4TH QTR NET\n\nShr 36 cts vs 31 cts\n",                                # headline with no subject
    "Acme Corp and Globex Inc said profits rose to 12 mln dlrs.",           # two companies
    "<ZZQ> 4TH QTR NET\n\nShr 36 cts vs 31 cts\n",                          # a ticker with no name
    "ACME CORP <ACM> YEAR NET\n\nShr 36 cts vs\n",                          # a vs with nothing after it
    "ACME CORP <ACM> YEAR NET\n\nNet 2.1 mln vs 1.9 mln\nNote: figures in Canadian dlrs\n",
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gives_claims_never_an_exception(nlp, text):
    found = claims(nlp, text)
    assert found
    for claim in found:
        assert claim.subject is None or claim.subject_id is not None
        assert set(claim.unsure) <= {"subject", "metric", "period", "origin", "destination",
                                     "product", "basis", "unit", "vintage"}


def test_no_subject_is_guessed(nlp):
    two = claim_for(nlp, BAD_INPUT[2], "12 mln dlrs")
    assert two.subject is None and "subject" in two.unsure
    nameless = claim_for(nlp, BAD_INPUT[1], "36 cts")
    assert nameless.subject is None and "subject" in nameless.unsure
    ticker = claim_for(nlp, BAD_INPUT[3], "36 cts")
    assert (ticker.subject, ticker.subject_id) == (None, "ZZQ")


@pytest.mark.parametrize("text,figure", [
    ("Carson Pirie Scott and Co said its February sales increased 18.2 pct to 104.3 mln dlrs.", "18.2 pct"),
    ("Globex said February sales rose 4.1 pct to 88 mln dlrs, the company said.", "4.1 pct"),
])
def test_a_one_line_text_is_not_a_headline(nlp, text, figure):
    """A lead sentence read as a title would make the whole sentence the subject."""
    claim = claim_for(nlp, text, figure)
    assert claim.value is not None and claim.metric == "revenue"
    assert claim.subject is None or len(claim.subject.split()) <= 4
    assert claim.subject_id not in ("co", "inc", "corp")


@pytest.mark.parametrize("text,figure,period,unsure_period,published", [
    ("Acme Corp made net profit of 41.9 billion yen in the year ended October 31 1986.",
     "41.9 billion yen", "1985-11/1986-10", False, PUBLISHED),
    # the year is the story's: the quarter just reported on (ended within a quarter of the story)
    ("Acme Corp reported net income of 7.6 billion yen in the three month period ended January 31.",
     "7.6 billion yen", "1986-11/1987-01", False, PUBLISHED),
    ("Acme Corp reported net income of 7.6 billion yen in the three month period ended January 31.",
     "7.6 billion yen", "1986-11/1987-01", True, "1987-09-20"),
    ("Acme Corp will move from its current October 31 year end.\n"
     "    It made net profit of 41.9 billion yen in the year ended November 31 1986.",
     "41.9 billion yen", "1985-11/1986-10", False, PUBLISHED),   # no November 31: the stated year end
    # a 52/53-week year: the quarter ended January 3 is the quarter to December
    ("Castle and Cooke reported a loss for the fourth quarter\nended January 3 of 31.9 mln dlrs.",
     "31.9 mln dlrs", "1986-Q4", False, PUBLISHED),
])
def test_fiscal_period_stated_by_its_end(nlp, text, figure, period, unsure_period, published):
    claim = claim_for(nlp, text, figure, published)
    assert claim.period == period and ("period" in claim.unsure) == unsure_period


@pytest.mark.parametrize("text,figure,unsure", [
    # a story about two countries' trade: the pair carries to a sentence naming one of them
    ("China's exports to North Korea rose to 2.1 mln dlrs in November.\n"
     "    Two-way trade fell 12 pct to 3.4 mln dlrs in November, the customs office said.",
     "3.4 mln dlrs", False),
    # a third country named: the carried partner is a guess
    ("China's exports to North Korea rose to 2.1 mln dlrs in November.\n"
     "    Japan's exports also rose.\n"
     "    Two-way trade fell 12 pct to 3.4 mln dlrs in November, the customs office said.",
     "3.4 mln dlrs", True),
])
def test_a_partner_carried_in_a_two_country_story_is_not_a_guess(nlp, text, figure, unsure):
    claim = claim_for(nlp, text, figure)
    assert claim.metric == "trade" and {claim.origin, claim.destination} == {"CHN", "PRK"}
    assert ("destination" in claim.unsure or "origin" in claim.unsure) == unsure


@pytest.mark.parametrize("text,figure,destination", [
    ("South Korea had a trade surplus with the United States of 7.1 billion dlrs in 1986.", "7.1 billion dlrs", "USA"),
    ("Japan's trade surplus rose to 8.1 billion dlrs in March 1987.", "8.1 billion dlrs", None),
])
def test_a_balance_with_a_partner_is_not_the_total(nlp, text, figure, destination):
    claim = claim_for(nlp, text, figure)
    assert claim.metric == "trade_balance" and claim.origin in ("KOR", "JPN")
    assert claim.destination == destination


BOND_STORY = ("XEROX CREDIT <XRX> NOTES YIELD 8.061 PCT\n\nA 100 mln dlr offering of Xerox Credit\n"
              "Corp 12-year notes was given an eight pct coupon and priced at\n99.534 to yield 8.061 pct, "
              "Salomon Brothers Inc said as lead\nmanager.\n")


@pytest.mark.parametrize("figure,subject_id,unsure", [
    ("8.061 PCT", "XRX", False),    # the headline's figure is the headline company's
    ("8.061 pct", "XRX", True),     # two companies in the sentence: the headline's, as a guess
])
def test_the_headline_company_among_two_is_a_guess(nlp, figure, subject_id, unsure):
    claim = claim_for(nlp, BOND_STORY, figure)
    assert claim.subject_id == subject_id
    assert ("subject" in (claim.unsure or [])) == unsure


def test_two_companies_neither_the_headlines_give_no_subject(nlp):
    text = ("BOND MARKET REPORT\n\nA 100 mln dlr offering of Acme Corp notes was priced to yield "
            "8.1 pct, Salomon Brothers Inc said.\n")
    assert claim_for(nlp, text, "8.1 pct").subject_id is None


@pytest.mark.parametrize("headline,subject,subject_id", [
    ("SOSNOFF SAYS CAESARS <CAW> OFFERED STOCK BUYBACK", "Caesars", "CAW"),   # after a verb about it
    ("TALKING POINT/CAESARS WORLD <CAW>", "Caesars World", "CAW"),            # after a slug
    ("PROCTER AND GAMBLE <PG> SETS DIVIDEND", "Procter And Gamble", "PG"),
    ("BANK OF BOSTON <BKB> 4TH QTR NET", "Bank Of Boston", "BKB"),
])
def test_the_headline_company_is_the_name_before_its_ticker(nlp, headline, subject, subject_id):
    claim = claim_for(nlp, headline + "\n\nThe company said the offer is 28 dlrs a share.\n", "28 dlrs")
    assert (claim.subject, claim.subject_id) == (subject, subject_id)


@pytest.mark.parametrize("text,figure,value", [
    ("Acme Corp said on Tuesday its results were weak.\nNet profit fell by 44 mln dlrs in the year.", "44 mln dlrs",
     -44e6),   # a sentence opening a line with "Net" is no table row
    ("ACME CORP <ACM> YEAR NET\n\nNet loss 1,250,000 vs profit 3,100,000\n", "1,250,000", -1.25e6),
    ("ACME CORP <ACM> YEAR NET\n\nNet loss 1,250,000 vs profit 3,100,000\n", "3,100,000", 3.1e6),
])
def test_a_table_row_is_told_from_a_sentence(nlp, text, figure, value):
    assert claim_for(nlp, text, figure).value == value


# -- today's copy ------------------------------------------------------------------------
TODAY = "2009-10-20"
TODAYS_RESULTS = (
    "-- Granite Telecom profit up; wireless offsets line losses\n-- By  A Reporter\n"
    "-- Tue Oct 20, 2009 3:57pm EDT\n\n"
    " ATLANTA  (Reuters) - Granite Telecom Corp. GRT.N posted a better-than-expected rise in "
    "quarterly earnings on Tuesday.\n\n"
    " The telecommunications carrier, which has agreed to be bought by Keystone Inc. ( KEY.N ), said "
    "profit, including its stake in Bluewave Mobile Inc, rose 26 percent to $1.18 billion.\n\n"
    " Granite shares were down 3 cents at $45.56 in late trade.\n\n"
    " Consolidated Widgets Co CWG.UL reports results next week. CW is expected to post about a 10 percent "
    "increase in July sales, analysts said.\n")


@pytest.mark.parametrize("figure,subject,subject_id", [
    ("26 percent", "Granite Telecom Corp.", "GRT.N"),     # a description of the lead's company
    ("$1.18 billion", "Granite Telecom Corp.", "GRT.N"),
    ("$45.56", "Granite Telecom Corp.", "GRT.N"),         # the lead's short name
    ("10 percent", "Consolidated Widgets Co", "CWG.UL"),     # initials of a name given in full before
])
def test_todays_copy_names_its_company_in_the_lead(nlp, figure, subject, subject_id):
    claim = claim_for(nlp, TODAYS_RESULTS, figure, TODAY)
    assert (claim.subject, claim.subject_id) == (subject, subject_id)


@pytest.mark.parametrize("text,end,ticker", [
    ("Granite Telecom Corp. GRT.N posted", 21, "GRT.N"),
    ("Keystone Inc. ( KEY.N ), said", 13, "KEY.N"),
    ("Keystone Inc (KEY.O) said", 12, "KEY.O"),
    ("Oak Industries Inc <OAK> said", 18, "OAK"),
    ("Granite Telecom U.S. unit", 15, None),     # a country's initials are no exchange code
    ("Granite Telecom N.V. said", 15, None),
])
def test_a_ticker_follows_the_name(text, end, ticker):
    from nkextract.components.claims.company_names import ticker_after

    assert ticker_after(text, end) == ticker


POLL_STORY = (
    "Poll: Senator Harlow leads the field\n\n"
    "In a survey released Monday by Ridgeway Research, 50 percent of respondents chose Jane Harlow while 40 percent chose Tom "
    "Becker. Becker received 37 percent among independents. Harlow led Becker 47 percent to 39 percent among "
    "young voters. When it came to Alan Pruitt, 44 percent chose him. Among Republicans, 27 percent would "
    "vote for Becker, followed closely by Pruitt with 22 percent. Harlow's approval rating stands at 52 "
    "percent. The poll had a margin of error of 3.1 percentage points.\n")


@pytest.mark.parametrize("figure,subject_id", [
    ("50 percent", "jane harlow"),     # the one the people counted chose
    ("40 percent", "tom becker"),
    ("37 percent", "tom becker"),      # the one who received it; a surname is the full name given before
    ("47 percent", "jane harlow"),     # two figures set against each other: in the order named
    ("39 percent", "tom becker"),
    ("44 percent", "alan pruitt"),     # "chose him": the person named before the pronoun
    ("27 percent", "tom becker"),      # "Among Republicans": the people counted, not the subject
    ("22 percent", "alan pruitt"),     # "followed closely by Pruitt with 22 percent"
    ("52 percent", "jane harlow"),     # a possessive
    ("3.1 percentage points", "ridgeway research"),   # a poll's margin of error is its taker's
])
def test_a_poll_share_is_the_person_it_is_given_to(nlp, figure, subject_id):
    assert claim_for(nlp, POLL_STORY, figure, "2016-03-01").subject_id == subject_id


MARKET_STORY = (
    "-- Stocks fall as bank worries return\n-- By  A Reporter\n-- Tue Oct 20, 2009 4:57pm EDT\n\n"
    " NEW YORK  (Reuters) - U.S. stocks fell on Tuesday. The blue-chip Dow had risen 3 percent on Monday.\n\n"
    " Shares of Granite Telecom Corp rose 4.1 percent to $23.10, while Keystone Inc shares slid 2 percent. "
    "In Tokyo, the Nikkei average ended down 0.6 percent.\n")


@pytest.mark.parametrize("figure,subject_id,period", [
    ("3 percent", "dow jones industrial average", "2009-10-19"),   # every name of the index is one subject
    ("4.1 percent", "granite telecom", "2009-10-20"),              # "shares of X"; no date: the trading day
    ("$23.10", "granite telecom", "2009-10-20"),
    ("2 percent", "keystone", "2009-10-20"),                       # the subject of the nearest verb
    ("0.6 percent", "nikkei 225", "2009-10-20"),
])
def test_a_market_move_is_its_index_or_companys_on_its_day(nlp, figure, subject_id, period):
    claim = claim_for(nlp, MARKET_STORY, figure, TODAY)
    assert (claim.subject_id, claim.period) == (subject_id, period)


TURNOUT_STORY = (
    "Primary turnout sets records\n\n"
    "In Ohio, the turnout was the second highest in a primary contest, officials said. It was about 41%, "
    "short of the 46% turnout record set in 2008. In Florida, about 46% of eligible voters cast ballots in the primary. "
    "More than 17% of eligible Republican voters took part in the first 12 primaries, an analysis showed.\n")


@pytest.mark.parametrize("figure,subject_id,unsure", [
    ("about 41%", "ohio", True),          # the state the sentence before named, as a guess
    ("about 46%", "florida", False),      # the state its sentence names
    ("More than 17%", "republican party", False),   # the party of the voters it counts
])
def test_a_turnout_is_the_region_it_is_counted_in(nlp, figure, subject_id, unsure):
    claim = claim_for(nlp, TURNOUT_STORY, figure, "2016-03-17")
    assert claim.metric == "turnout" and claim.subject_id == subject_id
    assert ("subject" in (claim.unsure or [])) == unsure


@pytest.mark.parametrize("text,figure,subject_id", [
    # whatever the tagger made of the name, a company noun beside it makes it a company
    ("Lepu Medical, a medical equipment maker, plans to raise 1.19 billion yuan in its offering.",
     "1.19 billion yuan", "lepu medical"),
    ("Since July 1, shares of Madison Square Garden have risen 4.7 percent to $20.60.",
     "4.7 percent", "madison square garden"),
    # a company named in another clause is no rival to the owner
    ("Consolidated Widgets Co CWG.UL reports results next week. CW is expected to post about a 10 percent "
     "increase in July sales, while Granite Motors Co GRM.N and Keystone Motor Co KMC.N are seen posting "
     "declines.", "10 percent", "CWG.UL"),
    # the lead company named by a description beside it
    ("-- Alpenhof Q1 sales surge ahead of price rises\n-- By  A Reporter\n\n ZURICH  (Reuters) - Alpenhof, "
     "the world's largest cheese maker, beat forecasts on Monday.\n\n The Swiss group posted a 6.4 percent "
     "increase in January-March sales.", "6.4 percent", "alpenhof"),
])
def test_whose_company_figure_it_is(nlp, text, figure, subject_id):
    assert claim_for(nlp, text + "\n", figure, TODAY).subject_id == subject_id


CASINO_LIST = ("Gaming revenue is up this year at three of the casinos: Silver Palace by 29 percent; Harbor "
               "Point by 17.6 percent; and Lucky Star by 4.7 percent. Revenue fell by 17.7 percent at Grand "
               "Marina, 5.5 percent at Coral Bay and 5.0 percent at Sun Reef.\n")


@pytest.mark.parametrize("figure,subject", [
    ("29 percent", "Silver Palace"),      # the name before "by"
    ("17.6 percent", "Harbor Point"),
    ("4.7 percent", "Lucky Star"),
    ("17.7 percent", "Grand Marina"),     # the name after "at"
    ("5.5 percent", "Coral Bay"),
    ("5.0 percent", "Sun Reef"),
])
def test_a_listed_figure_is_the_name_it_is_given_to(nlp, figure, subject):
    assert claim_for(nlp, CASINO_LIST, figure, "2015-11-13").subject == subject


def test_damages_sought_are_from_the_person_sued(nlp):
    text = "The state attorney general is suing Tom Becker for $40 million, claiming fraud.\n"
    assert claim_for(nlp, text, "$40 million", "2016-06-07").subject == "Tom Becker"


MOVERS = (
    "-- Stocks edge up\n-- By  A Reporter\n-- Tue Oct 20, 2009 4:57pm EDT\n\n"
    " NEW YORK  (Reuters) - The Dow Jones industrial average .DJI finished up 10.97 points, or 0.09 percent, "
    "at 9,870.01. Shares of Granite Telecom Corp. ( GRT.O ), the wireless carrier, slid 3.6 percent to $36.71, "
    "and Keystone Inc. ( KEY.O ), a maker of chips, fell 2.1 percent to $27.\n")


@pytest.mark.parametrize("figure,subject_id", [
    ("0.09 percent", "dow jones industrial average"),
    ("3.6 percent", "GRT.O"),
    ("2.1 percent", "KEY.O"),      # the subject of the very verb of the figure wins over the other company
])
def test_a_movers_figure_is_its_company_not_the_index(nlp, figure, subject_id):
    assert claim_for(nlp, MOVERS, figure, TODAY).subject_id == subject_id


@pytest.mark.parametrize("figure,subject", [
    ("$2.3 million", "Canova"),          # a name the tagger did not read as a person's
    ("$26 million", "Jane Harlow"),      # the owner of the campaign that raised it
])
def test_funds_raised_are_the_raisers(nlp, figure, subject):
    text = ("Campaign cash pours in\n\nThrough the end of June, Canova has raised $2.3 million for his run. "
            "Jane Harlow's campaign raised more than $26 million in fund-raising last month.\n")
    assert claim_for(nlp, text, figure, "2016-07-26").subject == subject


@pytest.mark.parametrize("text,figure,subject", [
    ("Tom Becker is a stiff campaigner who got 51 percent of the vote in the poll.", "51 percent", "Tom Becker"),
    ("Jane Harlow, a senator who won 38 percent of the vote in the poll, trails.", "38 percent", "Jane Harlow"),
])
def test_a_relative_clause_gives_its_figure_to_the_person_described(nlp, text, figure, subject):
    claim = claim_for(nlp, "Poll: Harlow leads\n\n" + text + "\n", figure, "2016-07-26")
    assert claim.subject == subject
