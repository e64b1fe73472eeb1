"""nk_dates through the pipeline: DATE mentions with TIMEX3 values and the publication date."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from nkextract.extensions import MENTIONS

PUB = "2020-12-27"


def dates(doc):
    return [(s.text, s._.nk_timex) for s in doc.spans[MENTIONS] if s.label_ == "DATE"]


def run(nlp, text, published=PUB):
    return next(nlp.pipe([(text, {"published": published})], as_tuples=True))[0]


@pytest.mark.parametrize("text,expected", [
    ("Exports slumped last month.", [("last month", "2020-11")]),
    ("In November, shipments totaled $2,382.", [("November", "2020-11")]),
    ("From January to November this year, exports fell.", [("From January to November this year", "2020-01/2020-11")]),
    ("It was down 42 percent from a month earlier.", [("a month earlier", "2020-11")]),
    ("the Voice of America reported Saturday.", [("Saturday", "2020-12-26")]),
    ("The ministry said on Sunday that trade fell.", [("Sunday", "2020-12-27")]),
    ("Exports rose 5% in the first 10 months.", [("the first 10 months", "2020-01/2020-10")]),
    ("Exports rose 5% in the first 10 months of 2020.", [("the first 10 months of 2020", "2020-01/2020-10")]),
    ("Profit rose in the third quarter.", [("the third quarter", "2020-Q3")]),
    ("Sales fell in the first half.", [("the first half", "2020-H1")]),
    ("Last year, North Korea imported goods.", [("Last year", "2019")]),
    ("Trade fell sharply in 2020.", [("2020", "2020")]),
    ("Trade fell 10% a year earlier.", [("a year earlier", "2019")]),
    ("The deal was signed on Feb. 22.", [("Feb. 22", "2020-02-22")]),
    ("The company was founded on March 3, 1987.", [("March 3, 1987", "1987-03-03")]),
    ("Prices are now higher.", [("now", "PRESENT_REF")]),
    ("The border is currently closed.", [("currently", "PRESENT_REF")]),
    ("Diplomats have left recently.", [("recently", "PAST_REF")]),
    ("The border has been shut since earlier this year.", [("earlier this year", "2020")]),
    ("It was the first congress in five years.", [("five years", "P5Y")]),
    ("Trade peaked in the 1990s.", [("the 1990s", "199")]),
    ("The 1986/87 crop was smaller.", [("1986/87", "1986/1987")]),
    ("Sanctions were imposed in 2016 and 2017.", [("2016", "2016"), ("2017", "2017")]),
    ("Trade fell between 2016 and 2017.", [("between 2016 and 2017", "2016/2017")]),
    ("Trade fell 99 percent from September to October.", [("from September to October", "2020-09/2020-10")]),
    ("Output rose in the 12 months to June.", [("the 12 months to June", "2019-07/2020-06")]),
    ("It happened at the end of March.", [("the end of March", "2020-03")]),
    ("Shipments will resume in January.", [("January", "2021-01")]),
    ("The meeting will be held on Friday.", [("Friday", "2021-01-01")]),
    ("Exports, which fell in November, were $5 million.", [("November", "2020-11")]),
    ("Sales rose this fall.", [("this fall", "2020-FA")]),
    ("The Netherlands recorded a flat trade balance in January.", [("January", "2020-01")]),
    ("Dividend payable April one to holders of record March 20.", [("April one", "2021-04-01"), ("March 20", "2021-03-20")]),
    ("Net income in the 1986 quarter rose.", [("the 1986 quarter", None)]),
    ("Sales fell in the quarter ended January 31.", [("the quarter ended January 31", "2019-11/2020-01")]),
])
def test_dates_in_sentences(nlp, text, expected):
    assert dates(run(nlp, text)) == expected


@pytest.mark.parametrize("text,expected", [
    # "the same day", "the day before", "N days later": the last day the story named
    ("The barge ran aground on Aug. 9. Pumps arrived the same day and divers the day after.",
     [("Aug. 9", "2020-08-09"), ("the same day", "2020-08-09"), ("the day after", "2020-08-10")]),
    ("Polling closed on Oct. 4, 2019. Counting ended that day; a recount began the following day.",
     [("Oct. 4, 2019", "2019-10-04"), ("that day", "2019-10-04"), ("the following day", "2019-10-05")]),
    ("The ferry sank on Sept. 30. Its owner had renewed the policy the day before.",
     [("Sept. 30", "2020-09-30"), ("the day before", "2020-09-29")]),
    ("The mine flooded on Tuesday. Three days later, pumping resumed.",
     [("Tuesday", "2020-12-22"), ("Three days later", "2020-12-25")]),
    # "the same month a year ago": the month named, a year back, still a month
    ("Tile sales fell 6% in October from the same month a year ago.",
     [("October", "2020-10"), ("the same month a year ago", "2019-10")]),
    ("Kiln orders rose in the second quarter from the same quarter a year earlier.",
     [("the second quarter", "2020-Q2"), ("the same quarter a year earlier", "2019-Q2")]),
    ("Tile sales rose 2% in August from the previous month.", [("August", "2020-08"), ("the previous month", "2020-07")]),
    # nothing of the unit named before: the publication date's
    ("Kiln orders fell on the same day.", [("the same day", "2020-12-27")]),
    ("Tile sales in 2019 were below those of the same month a year ago.",
     [("2019", "2019"), ("the same month a year ago", "2019-12")]),
    # "the year earlier", "the previous year", "a year later": the last year named, not the publication's
    ("The quarry's net income in 2018 rose to 9 mln dlrs from 7 mln dlrs the year earlier.",
     [("2018", "2018"), ("the year earlier", "2017")]),
    ("Kiln orders rose in the fourth quarter of 2019 and fell the previous year.",
     [("the fourth quarter of 2019", "2019-Q4"), ("the previous year", "2018")]),
    ("The ferry line opened in 2015 and closed a year later.", [("2015", "2015"), ("a year later", "2016")]),
    ("Tile sales fell 4% from a year earlier.", [("a year earlier", "2019")]),
    ("Kiln profit rose in the quarter ended Oct. 31, 2019, from a year earlier.",
     [("the quarter ended Oct. 31, 2019", "2019-08/2019-10"), ("a year earlier", "2018")]),
    ("Kiln profit will top 7 bln euros for the year to September 2020 versus 6.9 bln the year earlier.",
     [("the year to September 2020", "2019-10/2020-09"), ("the year earlier", "2019")]),
    # found where the small model leaves them out: at a sentence's start, in a headline without its article
    ("The kiln maker collapsed on Feb. 12. The day before, it had warned.",
     [("Feb. 12", "2020-02-12"), ("The day before", "2020-02-11")]),
    ("KILN PROFITS DOWN FROM YEAR AGO", [("YEAR AGO", "2019")]),
    # each "a year before" counts from the story's time, not from the one before it
    ("Kiln sales in 2018 fell from a year before. Tile sales rose from a year before.",
     [("2018", "2018"), ("a year before", "2017"), ("a year before", "2017")]),
    # nor from the bound of a record
    ("Output was the lowest since 2004. Good weather the following year helped.",
     [("2004", "2004"), ("the following year", "2021")]),
    # "the same period last year", "the same 2018 period": the period its sentence named, a year back
    ("Kiln orders in the first nine months rose 5% from the same period last year.",
     [("the first nine months", "2020-01/2020-09"), ("the same period last year", "2019-01/2019-09")]),
    ("Tile exports in January/November 2019 rose from the same 2018 period.",
     [("January/November 2019", "2019-01/2019-11"), ("the same 2018 period", "2018-01/2018-11")]),
    ("Tile exports rose in the first quarter from the same period a year ago.",
     [("the first quarter", "2020-Q1"), ("the same period a year ago", "2019-Q1")]),
    ("Kiln orders rose 3% from the same period last year.", [("the same period last year", "2019")]),
])
def test_anaphora_resolve_against_the_last_time_named(nlp, text, expected):
    assert dates(run(nlp, text)) == expected


@pytest.mark.parametrize("text,published,expected", [
    # the future tense points an unanchored weekday ahead (2020-12-27 is a Sunday)
    ("Ferry talks to resume Saturday", PUB, [("Saturday", "2021-01-02")]),
    ("The minister is expected to visit the quarry on Saturday.", PUB, [("Saturday", "2021-01-02")]),
    ("The guild plans to vote on Thursday.", PUB, [("Thursday", "2020-12-31")]),
    ("The union said it would strike on Tuesday.", PUB, [("Tuesday", "2020-12-29")]),
    ("The barge is due to arrive on Wednesday.", PUB, [("Wednesday", "2020-12-30")]),
    ("The union said on Tuesday that it would strike.", PUB, [("Tuesday", "2020-12-22")]),
    # an infinitive on a noun of intent points ahead; a plain noun does not
    ("Growers met to examine a proposal to cut quotas from April 1 to September.", "2031-03-02",
     [("from April 1 to September", "2031-04-01/2031-09")]),
    ("The board made a promise to repay the loan in May.", "2031-03-02", [("May", "2031-05")]),
    ("The board rejected the offer in May.", "2031-03-02", [("May", "2030-05")]),
    # the nth week of a month, ahead in the future tense
    ("The annual meeting will be held in the second week of April.", "2031-03-16", [
        ("the second week of April", "2031-W15")]),
    # a past verb says nothing of the day that ends what it tells
    ("The quarry has delayed its annual meeting until May.", "2031-03-16", [("May", "2031-05")]),
    ("The quarry held its annual meeting in May.", "2031-03-16", [("May", "2030-05")]),
    # a dividend's payment and record days lie ahead of the story
    ("Qtly div 12 cts vs 10 cts\n    Pay April 3\n    Record March 23\n", "2031-02-26",
     [("April 3", "2031-04-03"), ("March 23", "2031-03-23")]),
    ("The kiln maker raised its dividend, payable April 28, record March 31.", "2031-03-16",
     [("April 28", "2031-04-28"), ("March 31", "2031-03-31")]),
    # a story told in a past year dates its bare months in that year
    ("The kiln maker collapsed last year. In August, it filed for bankruptcy, and in May it had sold its mills.",
     "2021-10-05", [("last year", "2020"), ("August", "2020-08"), ("May", "2020-05")]),
    ("The quarry lost money in 2019. In October it shut.", PUB, [("2019", "2019"), ("October", "2019-10")]),
    ("The quarry lost money in 2019. It will reopen in October.", PUB, [("2019", "2019"), ("October", "2021-10")]),
    # wire copy writes the year of a comparison and leaves the current one out
    ("Tile exports were 3 mln dlrs in February 2019. February exports rose to 4 mln dlrs.", "2020-03-02",
     [("February 2019", "2019-02"), ("February", "2020-02")]),
])
def test_tense_and_story_year_set_the_direction(nlp, text, published, expected):
    assert dates(run(nlp, text, published)) == expected


@pytest.mark.parametrize("text,published,expected", [
    # a dateline is the publication date, in its own mention, never run into the headline or lead
    ("Tin output up 3 pct in 2031\nLIMA, March 2 - Output rose 3 pct in 2031.", "2032-03-02",
     [("2031", "2031"), ("March 2", "2032-03-02"), ("2031", "2031")]),
    ("Tin output up 3 pct in 2031\nLIMA, March 2 - Output rose 3 pct in 2031.", None,
     [("2031", "2031"), ("March 2", "2031-03-02"), ("2031", "2031")]),
    ("Kiln orders to pick up in March\nOSLO, Feb 9 (Reuters) - Orders fell in January 2030.", None,
     [("March", "2030-03"), ("Feb 9", "2030-02-09"), ("January 2030", "2030-01")]),
    ("Ferry fares to rise next week\nNEW YORK (Reuters) - Fares rose 4 pct.", "2030-05-15",
     [("next week", "2030-W21")]),
    ("Quarry output slips again\nThursday, May 8, 2031\nOutput slipped in April.", None,
     [("Thursday, May 8, 2031", "2031-05-08"), ("April", "2031-04")]),
    # a headline that ends on a date word is not run into the date line under it
    ("Kiln stocks slide on Monday\nMonday, March 3, 2031\nKiln stocks slid on Monday.", None,
     [("Monday", "2031-03-03"), ("Monday, March 3, 2031", "2031-03-03"), ("Monday", "2031-03-03")]),
])
def test_headline_and_dateline(nlp, text, published, expected):
    doc = run(nlp, text, published)
    assert dates(doc) == expected
    assert doc._.nk_published == (published or next(v for _, v in expected if v and len(v) == 10))


@pytest.mark.parametrize("text,published,timex", [
    # a relative word a line break leaves outside the date still says which way it points
    ("This compared with a two pct growth forecast made by the\nsemi-official Institute for Economic "
     "Research (WIFO) last\nDecember.", "1987-03-06", "1986-12"),
    ("It was forecast in December.", "1987-03-06", "1986-12"),        # when it was forecast
    ("The payment is expected in December.", "1987-03-06", "1987-12"),
    ("Payment will be made by the\ncompany next\nJune.", "1987-03-06", "1987-06"),
])
def test_a_relative_word_across_a_line_break(nlp, text, published, timex):
    assert [t for _, t in dates(run(nlp, text, published))] == [timex]


@pytest.mark.parametrize("text,expected", [
    # hard-wrapped wire copy: an expression runs on over the line break
    ("Kiln exports rose in the first two\nmonths of 2020.", [("the first two\nmonths of 2020", "2020-01/2020-02")]),
    ("The warrants expire on March 17,\n2024.", [("March 17,\n2024", "2024-03-17")]),
    ("The warrant period is from April 15, 2021 until March 17,\n2024.",
     [("from April 15, 2021 until March 17,\n2024", "2021-04-15/2024-03-17")]),
    ("Tile sales fell 4% from a\nyear ago.", [("a\nyear ago", "2019")]),
    ("Output will continue through March and\nApril.", [("March", "2021-03"), ("April", "2021-04")]),
    ("The quarry pumps 3.4 mln cubic feet per\nday.", [("per\nday", "P1D")]),
])
def test_an_expression_across_a_line_break(nlp, text, expected):
    assert dates(run(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    "The COVID-19 outbreak spread.",
    "The company sold 2020 tonnes of steel.",
    "It paid $2020 for the car.",
    "Oak Avenue, Manhattan Beach, California 90266",
    "We may march on the capital.",
    "Prices rose year-on-year.",
    "It fell for a second straight month.",
    "Imports rose 2.6 pct.",
    "Customs releases monthly data.",
    "The fall in prices hurt exporters.",
    "It was a bumper year for shares.",
    "MAY FALL",
])
def test_not_dates(nlp, text):
    assert dates(run(nlp, text)) == []


#: a number range followed by a unit of weight, volume or count is no range of years
#: (livestock and grain price lines of the wire: "steers 1000-1200 lb 64.00-65.50 dlrs");
#: a range of years followed by anything else still is one
@pytest.mark.parametrize("text,expected", [
    ("Choice steers 1000-1200 lb 64.00-65.50 dlrs.", []),
    ("Slaughter steers 1100-1300 lbs sold at 62.50-63.00 dlrs per cwt.", []),
    ("Cows 1000 to 1200 lbs 40.00-42.00 dlrs.", []),
    ("Heifers 1000/1200 lb were quoted at 60 dlrs.", []),
    ("Hogs 1990-2050 lbs.", []),
    ("Output was 1950-2000 kg per hectare.", []),
    ("Farmers sold 1200-1500 bushels of wheat.", []),
    ("Stocks were 1200-1500 bales.", []),
    ("Exports were 1500-1800 tonnes in March.", [("March", "2020-03")]),
    ("The herd fell to 1900-2000 head in 1986.", [("1986", "1986")]),
    ("Sales rose 5% in 1986-1987.", [("1986-1987", "1986/1987")]),
    ("The 1985-1986 crop was 1200 bales.", [("1985-1986", "1985/1986")]),
    ("The 1986/87 crop year ended in June.", [("1986/87", "1986/1987"), ("June", "2020-06")]),
])
def test_a_range_with_a_unit_is_a_quantity(nlp, text, expected):
    assert dates(run(nlp, text)) == expected


def test_a_price_line_takes_no_period_from_its_weights(nlp):
    doc = run(nlp, "Choice steers 1000-1200 lb 64.00-65.50 dlrs, the USDA said.", "1987-03-02")
    assert [(c.text, c.period) for c in doc._.nk_claims] == [("64.00-65.50 dlrs", None)]


@pytest.mark.parametrize("text,published,expected", [
    ("Published : Dec. 27, 2020 - 14:32\n\nExports slumped last month.", "2020-12-27",
     [("Dec. 27, 2020", "2020-12-27"), ("14:32", "2020-12-27T14:32"), ("last month", "2020-11")]),
    (" date 2020-11-30 Beijing exported $253,000 in October.", "2020-11-30", [("October", "2020-10")]),
    ("Quoting CNN, Monday, November 30, China exported goods in October, up from 2017.", "2020-11-30",
     [("Monday, November 30", "2020-11-30"), ("October", "2020-10"), ("2017", "2017")]),
    ("China's trade fell in November, experts said Thursday.", None, [("November", "XXXX-11"), ("Thursday", "XXXX-WXX-4")]),
])
def test_published_from_header(nlp, text, published, expected):
    doc = nlp(text)
    assert doc._.nk_published == published
    assert dates(doc) == expected


def test_published_from_context_wins_over_header(nlp):
    text = "Published : Dec. 27, 2020 - 14:32\n\nExports slumped last month, on Saturday."
    doc = run(nlp, text, "2021-03-10")
    assert doc._.nk_published == "2021-03-10"
    assert ("last month", "2021-02") in dates(doc)
    assert ("Saturday", "2021-03-06") in dates(doc)


def test_pipe_two_processes_equal_one(nlp):
    texts = ["Exports slumped last month and fell in the first 10 months.",
             "Published : Dec. 27, 2020 - 14:32\n\nIn November, trade fell from a month earlier.",
             "Sales rose in the third quarter, the company said on Monday.",
             "Output will rise next year."] * 2
    data = [(t, {"published": None if i % 2 else PUB}) for i, t in enumerate(texts)]
    one = [(d._.nk_published, dates(d)) for d, _ in nlp.pipe(data, as_tuples=True)]
    two = [(d._.nk_published, dates(d)) for d, _ in nlp.pipe(data, as_tuples=True, n_process=2)]
    assert one == two
    assert one[0] == (PUB, [("last month", "2020-11"), ("the first 10 months", "2020-01/2020-10")])


def test_other_labels_are_kept(nlp):
    doc = nlp.make_doc("Exports fell 42% in November.")
    doc.spans[MENTIONS] = [Span(doc, 2, 4, label="PERCENT")]
    doc._.nk_published = PUB
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "nk_dates":
            break
    labels = [(s.text, s.label_) for s in doc.spans[MENTIONS]]
    assert ("42%", "PERCENT") in labels and ("November", "DATE") in labels


@pytest.mark.parametrize("text,expected", [
    ("", []), ("   ", []), ("\n\n", []), ("$1,2,3 12.3.4% ((( '' \"", []),
    ("日本の輸出は11月に減少した。", []), ("x" * 5000, []),
    ("x" * 5000 + " Exports fell in November.", [("November", "2020-11")]),
    ("$1,2,3 12.3.4% ((( '' \" in March 1987 ))) 5%%", [("March 1987", "1987-03")]),
    ("\x00\x01 binary-ish \ufffd text, Feb. 22", [("Feb. 22", "2021-02-22")]),  # the nearest
])
def test_bad_input_gives_the_dates_it_holds(nlp, text, expected):
    doc = run(nlp, text)
    assert doc.text == text
    assert dates(doc) == expected
    assert all(isinstance(s._.nk_timex, str) for s in doc.spans[MENTIONS] if s.label_ == "DATE")


def test_round_trip(nlp, tmp_path):
    pipe = nlp.get_pipe("nk_dates")
    pipe.to_disk(tmp_path / "nk_dates")
    from nkextract.components.dates import DateFinder

    other = DateFinder(nlp, "nk_dates").from_disk(tmp_path / "nk_dates")
    assert other.lexicons == pipe.lexicons
    assert other.normalise("the third quarter", PUB) == "2020-Q3"
