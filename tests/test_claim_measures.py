"""Measures of claims: which metric a figure's words give it. Each row is an invented
sentence, the figure as written, and the metric its claim must have (None: no measure).
"""
from __future__ import annotations

import pytest

from tests.test_claims import claim_for

#: Measures of wire copy that have a metric of their own in models/lexicons/metrics.json:
#: money-market operations, bank and central-bank balance-sheet items, bond issue terms,
#: stakes and the deals that buy them.
WIRE_MEASURES = [
    # money-market help and shortages; a percentage of bills bought is the rate paid
    ("The central bank said it gave the money market 85 mln stg assistance in the morning.", "85 mln stg",
     "money_market_assistance"),
    ("The central bank provided 40 mln stg help to the market this afternoon.", "40 mln stg",
     "money_market_assistance"),
    ("The bank put the shortage in the system at around 650 mln stg.", "650 mln stg", "money_market_shortage"),
    ("It bought bank bills outright comprising 31 mln stg in band two at 9-5/8 pct.", "9-5/8 pct",
     "interest_rate"),
    ("The central bank accepted bids of 3.1 billion guilders for new special advances at 5.1 pct.",
     "5.1 pct", "interest_rate"),
    # "to help" is a verb, not help given
    ("The levy will raise 300 mln dlrs to help farmers this year.", "300 mln dlrs", None),
    # balance-sheet items
    ("Commercial and industrial loans rose 210 mln dlrs to 61.2 billion in the week.", "61.2 billion", "loans"),
    ("The bank said its non-performing loans would rise by 120 mln dlrs.", "120 mln dlrs",
     "non_performing_loans"),
    ("Commercial paper outstanding fell 290 mln dlrs to 330.1 billion.", "330.1 billion", "commercial_paper"),
    ("Currency in circulation rose to 8.1 billion ringgit in March.", "8.1 billion ringgit",
     "currency_in_circulation"),
    ("Its holdings of government securities fell to 912 mln ringgit.", "912 mln ringgit", "government_securities"),
    ("Assets under management rose to 88.2 billion dlrs in 1986.", "88.2 billion dlrs", "assets_under_management"),
    ("The purchase raised its long-term debt to 1.2 billion dlrs.", "1.2 billion dlrs", "long_term_debt"),
    # bond issue terms: the size, the coupon of the bonds or notes, fees, denominations
    ("Acme Oy is issuing 75 mln stg bonds due 1994 paying 9-1/4 pct.", "75 mln stg", "bond_issue"),
    ("Acme Oy is issuing 75 mln stg bonds due 1994 paying 9-1/4 pct.", "9-1/4 pct", "coupon"),
    ("The bank privately placed 40 mln dlrs of its 8.75 pct senior notes due 1995.", "8.75 pct", "coupon"),
    ("The bank privately placed 40 mln dlrs of its 8.75 pct senior notes due 1995.", "40 mln dlrs", "debt_issue"),
    ("Fees comprise a 1-3/8 pct selling concession and 5/8 pct management and underwriting combined.",
     "1-3/8 pct", "selling_concession"),
    ("Fees comprise 1-3/8 pct selling concession and 3/4 pct management and underwriting combined.",
     "3/4 pct", "management_and_underwriting_fee"),
    ("The notes are available in denominations of 5,000 dlrs.", "5,000 dlrs", "denomination"),
    # a stake and the price paid for it
    ("The group said it acquired 410,000 shares, or 6.2 pct of the total outstanding.", "6.2 pct", "stake"),
    ("The investors said they bought the stake for 3.4 mln dlrs.", "3.4 mln dlrs", "deal_value"),
    ("The utility is 62 pct owned by the state.", "62 pct", "stake"),
    ("A private investor offered 41 dlrs a share for the publisher.", "41 dlrs", "offer_price"),
    ("The retailer said its shares were adjusted for a ten pct stock dividend.", "ten pct", "stock_dividend"),
    # a measure named right before the figure, whatever clause the parser gives it
    ("In 1986 exports totalled 24.1 billion dlrs and imports 13.2 billion.", "13.2 billion", "imports"),
    # credit card rates are interest rates, not aid
    ("The bill would limit credit card rates to 14.2 pct.", "14.2 pct", "interest_rate"),
    ("Retail turnover rose a real two pct in March.", "two pct", "retail_sales"),
]


#: Which of a sentence's measure words attaches to the figure.
ATTACHED_MEASURES = [
    # the noun the figure modifies
    ("The utility said 1986 net includes a 140 mln dlr writedown of its oil investment.", "140 mln dlr",
     "writedown"),
    # what an amount is an amount of, past an "and" inside the phrase
    ("The country froze about 12 billion dlrs of bank and trade credit lines.", "12 billion dlrs",
     "credit_lines"),
    # a percentage "of which" is a share of the figure before it
    ("The group sold the station for 280 mln dlrs, 60 pct of which went to its partner.", "60 pct",
     "deal_value"),
    # a percentage of GNP is named after what is divided
    ("The net financing requirement was 9.5 pct of GNP in 1986.", "9.5 pct", "budget_balance"),
    # a measure inside another's phrase does not name the figure
    ("Net excludes gains from sale of investment of 1,120,000 dlrs.", "1,120,000 dlrs", "gain_on_sale"),
    # ... but a phrase that states its own figure first, or one after "on", is no such nesting
    ("The parks had operating profit of 41.2 mln dlrs on revenues of 301.5 mln dlrs.", "301.5 mln dlrs",
     "revenue"),
    ("Interest rates on time deposits of more than 500 mln yen have risen.", "500 mln yen", "deposits"),
    # a measure in a clause of its own after the figure does not name it
    ("Group net income is expected at around 12 billion yen, if the yen/dollar rate remains stable.",
     "12 billion yen", "net_income"),
    # a company's overseas sales are its sales; Japanese current profit is pre-tax profit
    ("Overseas sales accounted for 64.1 pct of the total in the quarter.", "64.1 pct", "revenue"),
    ("Parent current profit is estimated at 21 billion yen.", "21 billion yen", "operating_income"),
    # a comparison word followed by another measure's name compares nothing
    ("ACME CORP <ACM> 3RD QTR NET\n\nShr 10 cts vs 12 cts\n    Revs 30.1 mln vs 28.7 mln\n"
     "    Note: includes losses from discontinued operations of 150,000 dlrs vs loss 120,000 dlrs.\n",
     "150,000 dlrs", "discontinued_operations"),
    # a charge to earnings is a charge, not earnings
    ("The company will take a charge to earnings in the quarter of 14.2 mln dlrs.", "14.2 mln dlrs",
     "writedown"),
]


@pytest.mark.parametrize("text,figure,metric", ATTACHED_MEASURES)
def test_attached_measures(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-20").metric == metric


#: Loans in a story about a company are its loans; a government's loans to a country are aid.
@pytest.mark.parametrize("text,figure,metric", [
    ("ACME BANCORP <ACB> SEES NO LOSS\n\nAcme Bancorp said its loans to Peru totaled 310 mln dlrs at "
     "year end.", "310 mln dlrs", "loans"),
    ("JAPAN TO LEND MONEY TO CHINA\n\nJapan will extend a 450 mln dlr loan to China, officials said.",
     "450 mln dlr", "aid"),
    # the loans a story already speaks of
    ("CITY BUSINESS LOANS RISE\n\nCommercial and industrial loans at major banks rose 150 mln dlrs to 60.1 "
     "billion. Including acceptances, loans rose 120 mln dlrs to 61.2 billion.", "61.2 billion", "loans"),
])
def test_loans_of_a_company_and_of_a_government(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-20").metric == metric


#: A measure carried to the next sentence survives a sentence that names the same measure again.
def test_a_measure_named_again_still_carries(nlp):
    text = ("The jobless rate rose to 3.1 pct in January. Unemployment rates are low by world standards. "
            "The 3.1 pct figure could be higher by other methods.")
    doc, _ = next(nlp.pipe([(text, {"published": "1987-03-20", "article": "t.txt"})], as_tuples=True))
    assert [c.metric for c in doc._.nk_claims] == ["unemployment", "unemployment"]


@pytest.mark.parametrize("text,figure,metric", WIRE_MEASURES)
def test_wire_measures(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-20").metric == metric


#: A bare loss word next to a figure gives its sign, and the item the sentence named before
#: it (discontinued operations) stays the figure's measure.
def test_a_loss_word_next_to_a_figure_keeps_the_item_named_before(nlp):
    text = ("The company said results exclude losses from discontinued operations of 210,000 dlrs "
            "vs loss 190,000 dlrs in the quarter.")
    claim = claim_for(nlp, text, "190,000 dlrs", published="1987-03-20")
    assert (claim.metric, claim.value) == ("discontinued_operations", -190000.0)


#: Measures common in wire copy, each named as an analyst tabulates it (metrics.json).
COMMON_MEASURES = [
    ("The bank said its provision for loan losses rose to 42 mln dlrs.", "42 mln dlrs", "loan_loss_provision"),
    ("Net interest income rose to 310 mln dlrs in the quarter.", "310 mln dlrs", "net_interest_income"),
    ("The offer is a 25 pct premium over the market price.", "25 pct", "premium"),
    ("The Bundesbank left its Lombard rate at 5.5 pct.", "5.5 pct", "interest_rate"),
    ("The Treasury sold three-month bills at an average rate of 5.62 pct.", "5.62 pct", "interest_rate"),
    ("Capacity utilization fell to 79.4 pct in February.", "79.4 pct", "capacity_utilization"),
    ("The index of leading indicators rose 0.7 pct in January.", "0.7 pct", "leading_indicators"),
    ("Personal income rose 0.9 pct in February.", "0.9 pct", "personal_income"),
    ("Durable goods orders fell 7.5 pct in January.", "7.5 pct", "durable_goods_orders"),
    ("Underlying average earnings rose 7.5 pct in the year to January.", "7.5 pct", "average_earnings"),
    ("Washington will impose a 100 pct tariff on the goods.", "100 pct", "tariff"),
]


@pytest.mark.parametrize("text,figure,metric", COMMON_MEASURES)
def test_common_measures(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-20").metric == metric


#: A qualified measure keeps its qualifier; what a payment is reckoned from is not its measure.
QUALIFIED_MEASURES = [
    ("Japan's basic balance showed a deficit of 1.2 billion dlrs in February.", "1.2 billion dlrs",
     "basic_balance"),
    ("Import prices fell 1.8 pct in February.", "1.8 pct", "import_prices"),
    ("Direct investment abroad rose to 3.9 billion dlrs in January.", "3.9 billion dlrs",
     "direct_investment_abroad"),
    ("Consumer instalment credit rose 1.4 billion dlrs in January.", "1.4 billion dlrs", "consumer_credit"),
    ("Net farm income fell to 26.3 billion dlrs last year.", "26.3 billion dlrs", "farm_income"),
    ("The firm set a 12 mln dlr bonus pool based on pretax earnings.", "12 mln dlr", "bonus_pool"),
    ("The firm will pay its staff 4 mln dlrs, based on earnings.", "4 mln dlrs", None),
]


@pytest.mark.parametrize("text,figure,metric", QUALIFIED_MEASURES)
def test_qualified_measures(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-20").metric == metric


#: Whose debt; phrases that hold a measure word but name none; tax rates.
DEBT_AND_RATES = [
    ("ACME CORP <ACM> TO SELL UNIT\n\nAcme Corp said it will use the proceeds to repay 210 mln dlrs of debt.",
     "210 mln dlrs", "debt"),
    ("PERU SEEKS TALKS WITH BANKS\n\nPeru owes 14 billion dlrs of debt to foreign banks.", "14 billion dlrs",
     "foreign_debt"),
    ("Gross national product rose at a 1.3 pct annual rate in the fourth quarter.", "1.3 pct", "gdp"),
    ("The corporate tax rate will fall to 34 pct next year.", "34 pct", "tax_rate"),
]


@pytest.mark.parametrize("text,figure,metric", DEBT_AND_RATES)
def test_debt_and_rates(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="1987-03-20").metric == metric


#: A word of rising inside a measure's name is no change ("advances" lent by a central bank).
@pytest.mark.parametrize("text,figure", [
    ("NEW DUTCH ADVANCES TOTAL 3.9 BILLION GUILDERS\n\nThe central bank accepted bids for new advances.",
     "3.9 BILLION GUILDERS"),
    ("The new facility replaces old five-day advances worth 7.5\nbillion guilders.", "7.5\nbillion guilders"),
])
def test_a_measure_name_is_no_change(nlp, text, figure):
    claim = claim_for(nlp, text, figure, published="1987-03-20")
    assert (claim.metric, claim.role) == ("advances", "level")


#: A percentage of a stake is a share of the company.
def test_a_stake_percentage_is_a_share(nlp):
    text = "It will buy three mln new shares, or a 14 pct stake, for 18 mln dlrs."
    claim = claim_for(nlp, text, "14 pct", published="1987-03-20")
    assert (claim.metric, claim.role) == ("stake", "share")


#: A percentage compared with a share is a share too.
def test_a_compared_share_is_a_share(nlp):
    text = "Overseas sales accounted for 66.1 pct of the total in the quarter compared with 69.4 pct a year earlier."
    claim = claim_for(nlp, text, "69.4 pct", published="1987-03-20")
    assert (claim.metric, claim.role) == ("revenue", "share")


#: A figure compared with a level, a change only through the verb over both, is a level.
def test_a_figure_compared_with_a_level_is_a_level(nlp):
    text = ("Holdings of government securities dropped to 810 mln ringgit in February from 1.62 billion "
            "a month earlier and 2.15 billion in February 1986.")
    claim = claim_for(nlp, text, "2.15 billion", published="1987-03-20")
    assert (claim.role, claim.value) == ("level", 2.15e9)


#: Market moves: a share price or an index, and a move of either, which is a statistic of
#: its own (metrics.json's change_metric); (sentence, figure, metric, role).
MARKET_MOVES = [
    ("Acme shares were down 3 cents at $45.56 in late trade.", "3 cents", "share_price_change", "change"),
    ("Acme shares were down 3 cents at $45.56 in late trade.", "$45.56", "share_price", "level"),
    ("Shares of Acme Corp rose 4.1 percent to $34.68 on Tuesday.", "4.1 percent", "share_price_change", "change"),
    ("The stock closed at $20.60 on Friday.", "$20.60", "share_price", "level"),
    ("Zenith shares closed at $10.80 on Tuesday, up 5.8 percent for the day.", "5.8 percent",
     "share_price_change", "change"),
    ("The Dow fell 1.8 percent on Monday.", "1.8 percent", "index_change", "change"),
    ("The Nikkei average gained 2.3 percent in morning trade.", "2.3 percent", "index_change", "change"),
    ("The Dow was off 1.2 percent at midday.", "1.2 percent", "index_change", "change"),
    # a percentage after a share price, with no measure named, is its move
    ("Acme shares were down 3 cents at $45.56 in late trade. They have risen 70 percent this year.",
     "70 percent", "share_price_change", "change"),
    # a move and a price in one phrase is a stock quote
    ("Zenco, which was down 3 cents at $34.68, has gained 40 percent this year.", "3 cents",
     "share_price_change", "change"),
    ("Zenco, which was down 3 cents at $34.68, has gained 40 percent this year.", "$34.68", "share_price", "level"),
    # a percentage of the shares that is no move is a stake
    ("The investor said he bought 258,000 shares of Acme Inc, or 9.4 pct of the total outstanding.", "9.4 pct",
     "stake", "share"),
]


@pytest.mark.parametrize("text,figure,metric,role", MARKET_MOVES)
def test_market_moves(nlp, text, figure, metric, role):
    claim = claim_for(nlp, text, figure, published="2008-03-20")
    assert (claim.metric, claim.role) == (metric, role)


#: Polls: a candidate's share in a poll and a president's approval rating are shares of
#: the people asked, of no country (scope market); (sentence, figure, metric, role).
POLL_MEASURES = [
    ("In a new poll released Monday, 50 percent of respondents chose Smith.", "50 percent", "poll_share", "share"),
    ("Forty-one percent would vote for Jones, the survey found.", "Forty-one percent", "poll_share", "share"),
    ("Brown wins with 38 percent support in the state.", "38 percent", "poll_share", "share"),
    ("The tracking poll puts the governor's approval at 49.5 percent.", "49.5 percent", "approval_rating", "share"),
    ("Her approval rating stood at 44 percent in May.", "44 percent", "approval_rating", "share"),
    ("Some 81 percent of Democrats approve of the president.", "81 percent", "approval_rating", "share"),
]

#: Voter turnout is a share of the eligible voters, of the country it is counted in.
TURNOUT = [
    ("The turnout was about 35% on Tuesday.", "about 35%", "turnout", "share"),
    ("About 46% of eligible voters cast ballots in the primary.", "About 46%", "turnout", "share"),
]


@pytest.mark.parametrize("text,figure,metric,role", POLL_MEASURES)
def test_poll_measures(nlp, text, figure, metric, role):
    claim = claim_for(nlp, text, figure, published="2016-03-20")
    assert (claim.metric, claim.role, claim.origin) == (metric, role, None)


#: Campaign money, fines and settlements, jobs: metrics whose cues name one kind of figure
#: only (metrics.json 'kind'): money raised, not a percentage a price is raised by.
MONEY_OF_TODAY = [
    ("The senator's campaign has raised $4.2 million since July.", "$4.2 million", "fundraising"),
    ("The committee reported fund-raising of $12 million in the quarter.", "$12 million", "fundraising"),
    ("The campaign has spent $3 million on ads, and ad spending will grow.", "$3 million", "campaign_spending"),
    ("The developer donated $250,000 to the governor's re-election effort.", "$250,000", "donation"),
    ("Regulators fined the bank $25 million for lax controls.", "$25 million", "fine"),
    ("The drugmaker agreed to pay $1.4 billion to settle the charges.", "$1.4 billion", "settlement"),
    ("The lender reached a settlement of $335 million with the department.", "$335 million", "settlement"),
    ("Nonfarm payrolls rose 0.2 percent while unemployment edged up.", "0.2 percent", "jobs"),
    ("Employers cut 240,000 jobs in October and the unemployment rate rose to 6.5 percent.", "6.5 percent",
     "unemployment"),
    ('The "jobs hard to get" index rose to 45.8 percent from 43.5 percent.', "45.8 percent", "jobs_hard_to_get"),
    ("The attorney general is suing the school for $40 million.", "$40 million", "damages_sought"),
    ("Forbes put his net worth at $4.5 billion.", "$4.5 billion", "net_worth"),
    ("The mortgage delinquency rate rose to 7.23 percent in the quarter.", "7.23 percent", "delinquency_rate"),
    ("The operating margin widened to 25.7 percent.", "25.7 percent", "operating_margin"),
    ("Operating expenses rose 8 percent to $3.77 billion.", "$3.77 billion", "operating_expenses"),
    ("Traders put the odds of a signing at around 20 percent.", "around 20 percent", "odds"),
    ("The government will impose a 5 percent pay cut on civil servants.", "5 percent", "wages"),
    # a cue of money names no percentage
    ("The company has raised its stake to 9.4 pct.", "9.4 pct", "stake"),
]


@pytest.mark.parametrize("text,figure,metric", MONEY_OF_TODAY)
def test_money_of_today(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure, published="2016-03-20").metric == metric


#: A verb of a measure that names what it does is no move: money raised is a level.
@pytest.mark.parametrize("text,figure", [
    ("The startup plans to raise 477 million yuan in its share sale.", "477 million yuan"),
    ("Her campaign has raised $4.2 million since July.", "$4.2 million"),
])
def test_money_raised_is_a_level(nlp, text, figure):
    claim = claim_for(nlp, text, figure, published="2016-03-20")
    assert (claim.metric, claim.role) == ("fundraising", "level")


#: A percentage that is the subject of a verb of opinion is a share of the people asked.
@pytest.mark.parametrize("text,figure,role", [
    ("Sixty-six percent said it made no difference to them.", "Sixty-six percent", "share"),
    ("Forty-one percent would choose Smith as the next governor.", "Forty-one percent", "share"),
    ("Only 9 percent found the plan convincing.", "9 percent", "share"),
    # not of a verb of opinion
    ("Exports rose 5 pct in March, the ministry said.", "5 pct", "change"),
])
def test_a_percentage_of_people_asked_is_a_share(nlp, text, figure, role):
    assert claim_for(nlp, text, figure, published="2016-03-20").role == role


#: A share of the people asked that names no measure is a share in a poll.
def test_a_share_of_people_asked_is_a_poll_share(nlp):
    claim = claim_for(nlp, "Sixty-six percent said it made no difference to them.", "Sixty-six percent",
                      published="2016-03-20")
    assert (claim.metric, claim.role, claim.origin) == ("poll_share", "share", None)


@pytest.mark.parametrize("text,figure,metric,role", TURNOUT)
def test_turnout(nlp, text, figure, metric, role):
    claim = claim_for(nlp, text, figure, published="2016-03-20")
    assert (claim.metric, claim.role) == (metric, role)


#: A percentage listed after a change, with no verb or comparison between, is a change the
#: same way; (sentence, figure, role, value).
@pytest.mark.parametrize("text,figure,role,value", [
    ("Revenue fell by 17.7 percent at the Grand, 5.5 percent at the Plaza and 5.0 percent at the Ritz.",
     "5.5 percent", "change", -5.5),
    ("Revenue fell by 17.7 percent at the Grand, 5.5 percent at the Plaza and 5.0 percent at the Ritz.",
     "5.0 percent", "change", -5.0),
    ("Sales rose 4 percent in the north and 2 percent in the south.", "2 percent", "change", 2.0),
    # a figure compared with the change is not listed with it
    ("Sales rose 4 percent in May after a rise of 2 percent in April.", "4 percent", "change", 4.0),
])
def test_a_listed_change_is_a_change(nlp, text, figure, role, value):
    claim = claim_for(nlp, text, figure, published="2016-03-20")
    assert (claim.role, claim.value) == (role, value)


#: A percentage that is the subject of "be" and a plain adjective is the part of a group so
#: described, a share; a comparative is no such part.
@pytest.mark.parametrize("text,figure,role", [
    ("Seventy-eight percent were white, while 16 percent were Latino and 3 percent were black.",
     "Seventy-eight percent", "share"),
    ("Seventy-eight percent were white, while 16 percent were Latino and 3 percent were black.",
     "3 percent", "share"),
    ("About 15 pct were higher than a year ago.", "About 15 pct", "level"),
])
def test_a_described_part_is_a_share(nlp, text, figure, role):
    assert claim_for(nlp, text, figure, published="2016-03-20").role == role


#: In a story whose first sentence names a poll, a percentage naming no measure is a share
#: in the poll (a guess); in any other story it has no measure.
@pytest.mark.parametrize("text,metric", [
    ("Poll: Smith ties Jones in a three-way contest.\n\nSmith received 37 percent, Jones had 36 percent.",
     "poll_share"),
    ("Smith ties Jones in a three-way contest.\n\nSmith received 37 percent, Jones had 36 percent.", None),
])
def test_a_percentage_in_a_poll_story(nlp, text, metric):
    assert claim_for(nlp, text, "37 percent", published="2016-03-20").metric == metric


#: A figure after "by" is the size of a move: the move word before it in the sentence gives
#: its way when no word over it does; (sentence, figure, value).
@pytest.mark.parametrize("text,figure,value", [
    ("Revenue is up this year at five of the casinos: the Grand by 29 percent; the Plaza by 17.6 percent.",
     "17.6 percent", 17.6),
    ("Hiring is expected to fall by 35 pct in cars and by 40 pct in electronics.", "40 pct", -40.0),
])
def test_a_figure_after_by_is_a_move(nlp, text, figure, value):
    claim = claim_for(nlp, text, figure, published="2016-03-20")
    assert (claim.role, claim.value) == ("change", value)


#: "more than" / "less than" after a figure make it the size of a move.
@pytest.mark.parametrize("text,figure,value", [
    ("The casinos reported $2.17 billion in revenue, about $74 million more than a year ago.", "$74 million",
     74e6),
    ("Sales were 3 percent less than a year earlier.", "3 percent", -3.0),
])
def test_more_than_after_a_figure_is_a_move(nlp, text, figure, value):
    claim = claim_for(nlp, text, figure, published="2016-03-20")
    assert (claim.role, claim.value) == ("change", value)


#: A figure a move was revised to is the size of that move; a move stated plainly is not
#: read by this rule.
@pytest.mark.parametrize("text,figure,role", [
    ("But March's gain was revised up to 4.8 percent from 3.5 percent.", "4.8 percent", "change"),
    ("But March's gain was revised up to 4.8 percent from 3.5 percent.", "3.5 percent", "change"),
    ("The company's net income was revised to 12 mln dlrs.", "12 mln dlrs", "level"),
])
def test_a_revised_move_is_a_change(nlp, text, figure, role):
    assert claim_for(nlp, text, figure, published="2010-05-26").role == role


#: What a reader reads across a hard-wrapped line, a paragraph break or a noun's adjective:
#: the measure word the figure modifies, not the nearest word of its (parser's) sentence.
READER_MEASURES = [
    # "economy" names GDP beside its figure, never from the far end of a sentence
    ("Congress passed a $789 billion stimulus bill aimed at reviving the reeling economy.", "$789 billion", None),
    ("The economy grew 3.2 pct in the fourth quarter, the department said.", "3.2 pct", "gdp"),
    ("Growth in the economy slowed to 2.1 pct in 1986.", "2.1 pct", "gdp"),
    # the narrowest money measure is its own statistic, not the broad one named first
    ("Sterling M3 rose 1.1 pct in January while the narrow measure M0 rose 4.1 pct, the Bank said.",
     "4.1 pct", "money_supply_m0"),
    # a figure before its measure word across a wrapped line, with its per-share restatement
    ("ACME CORP <ACM> YEAR NET\n\nShr 81 cts vs 2.78 dlrs\n    Net 53.5 mln vs 180.9 mln\n"
     "    Note: 1986 net includes 125 mln dlr or 1.90 dlr shr\nwritedown of its investment in a unit.\n",
     "125 mln dlr", "writedown"),
    ("ACME CORP <ACM> YEAR NET\n\nShr 81 cts vs 2.78 dlrs\n    Net 53.5 mln vs 180.9 mln\n"
     "    Note: 1986 net includes 125 mln dlr or 1.90 dlr shr\nwritedown of its investment in a unit.\n",
     "1.90 dlr", "writedown_per_share"),
    # a loss word after a wrap is the sign of the item named before it
    ("ACME CORP <ACM> 3RD QTR LOSS\n\nShr loss 1.32 dlrs vs profit two cts\n    Net loss 5,666,000 vs profit 84,000\n"
     "    Note: includes losses from discontinued operations of\n190,000 dlrs vs loss 185,000 dlrs in 3rd qtr and "
     "731,000 dlrs\nloss vs 815,000 dlrs loss in nine mths.\n", "731,000 dlrs", "discontinued_operations"),
    # "net" before another noun is no net income
    ("Net official borrowings comprised 1.52 billion dlrs in the quarter.", "1.52 billion dlrs", None),
    ("The company's net profit rose to 12.3 mln dlrs in 1986.", "12.3 mln dlrs", "net_income"),
    # a row above a new paragraph names nothing in it
    ("<ACME BANK OF NEW ZEALAND LTD>\n\nYear to December 31, 1986\n    Net profit 78 mln dlrs vs 45 mln\n"
     "    Total assets 7.7 billion dlrs vs 6.4 billion dlrs\n    Notes - The company is 100 pct owned by "
     "Lloyds Bank Plc.\n", "100 pct", "stake"),
    # an amount right after a verb cue is of the noun after "of"
    ("The Bank of England bought 31 mln stg of bank bills outright in band two.", "31 mln stg",
     "money_market_assistance"),
    # a per-share figure "on sales of ...": the loss's per-share form, not the sales'
    ("Acme said it expects to report a second quarter loss of 13 to 17 cts per share on sales of about "
     "4.4 mln dlrs.", "13 to 17 cts", "eps"),
    # money a verb of losing takes is a net loss, not the size of a fall
    ("The bank's West German branch lost some 32 mln marks in 1985.", "32 mln marks", "net_income"),
    ("The company said its ladder unit has been losing 300,000 dlrs a quarter.", "300,000 dlrs", "net_income"),
    ("The dollar lost 2.1 pct against the yen in the week.", "2.1 pct", None),
    # dividend rows of a results table under other names than "Qtly div"
    ("ACME FOODS <ACMF> YEAR JAN 3\n\nShr 1.23 dlrs vs 1.33 dlrs\n    Semi-annual div six cts vs six cts prior\n"
     "    Net 16.2 mln vs 14.8 mln\n", "six cts", "dividend"),
    ("ACME GROUP PLC <ACMG.L> 1986 YEAR\n\nShr 17.15p vs 12.37p\n    Interim div 2.0p vs 1.8p\n"
     "    Pre-tax profit 39.1 mln vs 30.2 mln\n", "2.0p", "dividend"),
    ("ACME PLC <ACME.L> SIX MONTHS TO DECEMBER\n\nShr 25.7p vs 21.5p\n    Div 6p vs 4p\n"
     "    Pretax profit 24.13 mln stg vs 16.40 mln\n", "6p", "dividend"),
    # a measure word in a clause a preposition governs is not the figure's
    ("Leavitt sees 1.40 dlrs for the current quarter, in part crediting significant benefits from the "
     "acquisition.", "1.40 dlrs", None),
    # loss forms of the profit cues
    ("Toshin Steel expects current losses of about five billion yen in 1986/87.", "five billion yen",
     "operating_income"),
]


@pytest.mark.parametrize("text,figure,metric", READER_MEASURES)
def test_reader_measures(nlp, text, figure, metric):
    assert claim_for(nlp, text, figure).metric == metric


@pytest.mark.parametrize("text,figure,value", [
    # a percentage listed after a change, a date with an ordinal between, is the same change
    ("Terms of trade fell 3.5 pct in the fourth quarter after declining 0.8 pct in the third quarter and "
     "2.7 pct a year earlier.", "2.7 pct", -2.7),
    ("Output fell 1.2 pct in the first half and 0.4 pct in the second half.", "0.4 pct", -0.4),
])
def test_a_listed_change_across_an_ordinal_date(nlp, text, figure, value):
    claim = claim_for(nlp, text, figure)
    assert (claim.role, claim.value) == ("change", value)


def test_money_lost_is_a_negative_level(nlp):
    claim = claim_for(nlp, "The bank's West German branch lost some 32 mln marks in 1985.", "32 mln marks")
    assert (claim.role, claim.value) == ("level", -32e6)
