"""nk_dates through the pipeline: every TIMEX3 type as a DATE mention with ``timex_type``,
sets only in temporal use, and bad input giving no mention."""
from __future__ import annotations

import pytest

from nkextract.extensions import MENTIONS
from nkextract.records import mentions_of

PUB = "2020-12-27"  # a Sunday


def typed(doc):
    return [(s.text, s._.nk_timex, s._.nk_timex_type) for s in doc.spans[MENTIONS] if s.label_ == "DATE"]


def run(nlp, text, published=PUB):
    return next(nlp.pipe([(text, {"published": published})], as_tuples=True))[0]


@pytest.mark.parametrize("text,expected", [
    ("Prices have risen for three years.", ("three years", "P3Y", "DURATION")),
    ("Output fell over the past 12 months.", ("the past 12 months", "P12M", "DURATION")),
    ("It took a decade to build.", ("a decade", "P10Y", "DURATION")),
    ("A two-week strike ended.", ("two-week", "P2W", "DURATION")),
    ("The bonds have average lives of 15.6 years.", ("15.6 years", "P15.6Y", "DURATION")),
    ("The rate will be reset quarterly.", ("quarterly", "P3M", "SET")),
    ("Sales rose 5% annually.", ("annually", "P1Y", "SET")),
    ("The index is rebalanced every year.", ("every year", "P1Y", "SET")),
    ("Dividends are paid each quarter.", ("each quarter", "P3M", "SET")),
    ("The carrier runs 12 flights a week to Tokyo.", ("a week", "P1W", "SET")),
    ("The board meets twice a year.", ("twice a year", "P1Y", "SET")),
    ("The kiln guild's bulletin appears weekly.", ("weekly", "P1W", "SET")),
    ("The ferry to the quarry sails every evening.", ("every evening", "XXXX-XX-XXTEV", "SET")),
    ("Barges leave each morning.", ("each morning", "XXXX-XX-XXTMO", "SET")),
    ("The minister spoke on Tuesday morning.", ("Tuesday morning", "2020-12-22TMO", "TIME")),
    ("The fire broke out at 11.20pm last night.", ("11.20pm last night", "2020-12-26T23:20", "TIME")),
    ("Trading opens at 6am.", ("6am", "2020-12-27T06:00", "TIME")),
    ("The deadline passed at midnight.", ("midnight", "2020-12-27T24:00", "TIME")),
    ("The council meets at 1900 hours.", ("1900 hours", "2020-12-27T19:00", "TIME")),
    ("Stocks closed at 1430 GMT.", ("1430 GMT", "2020-12-27T14:30Z", "TIME")),
    ("The auction closes at 09:30 UTC.", ("09:30 UTC", "2020-12-27T09:30Z", "TIME")),
    ("The vote ends at 6 p.m. EST.", ("6 p.m. EST", "2020-12-27T18:00-05", "TIME")),
    ("Shops were busy before Christmas.", ("Christmas", "2020-12-25", "DATE")),
    ("Sales jumped over Thanksgiving.", ("Thanksgiving", "2020-11-26", "DATE")),
    ("The 2019/20 season was cut short.", ("2019/20 season", "2019/2020", "DATE")),
    ("Profit rose in FY2019/20.", ("FY2019/20", "2019/2020", "DATE")),
    ("Revenue fell in fiscal 2019.", ("fiscal 2019", "2019", "DATE")),
    ("Net rose in the second quarter ended March.", ("the second quarter ended March", "2020-01/2020-03", "DATE")),
    ("Exports slumped last month.", ("last month", "2020-11", "DATE")),
    # durations as durations: a range keeps both counts; a relative decade that measures time is ten years
    ("Rebuilding the kiln will take six to nine months.", ("six to nine months", "P6M/P9M", "DURATION")),
    ("The barge lease runs for 10-15 years.", ("10-15 years", "P10Y/P15Y", "DURATION")),
    ("Tile prices doubled over the last decade.", ("the last decade", "P10Y", "DURATION")),
    ("Quarry output will grow over the next decade.", ("the next decade", "P10Y", "DURATION")),
    ("Quarry output will peak in the next decade.", ("the next decade", "203", "DATE")),
    ("The quarry shut two years ago.", ("two years ago", "2018", "DATE")),
    ("The quarry ran for two years.", ("two years", "P2Y", "DURATION")),
])
def test_types_in_sentences(nlp, text, expected):
    assert expected in typed(run(nlp, text))


@pytest.mark.parametrize("text,word", [
    ("The company raised its quarterly dividend.", "quarterly"),
    ("Daily essentials cost more.", "Daily"),
    ("The annual report is out.", "annual"),
    ("The monthly figures were revised.", "monthly"),
])
def test_set_words_as_modifiers_are_no_mentions(nlp, text, word):
    doc = run(nlp, text)
    assert word not in [s.text for s in doc.spans[MENTIONS]]
    assert any(t.text == word for t in doc)


@pytest.mark.parametrize("text,kept", [
    ("Dates such as 2019-13-45 and Feb 30 are not dates, but March 3 is.", "March 3"),
    ("On February 30, 2020 nothing happened; on March 1, 2020 it did.", "March 1, 2020"),
    ("Week 0 and 25:70 p.m. are no times; 6 p.m. is.", "6 p.m."),
    ("The committee voted 12 to 3 in January.", "January"),
])
def test_bad_dates_give_no_mention(nlp, text, kept):
    found = [t for t, _, _ in typed(run(nlp, text))]
    assert found == [kept]


def test_mention_records_carry_the_type(nlp):
    rows = mentions_of(run(nlp, "Prices rose for three years and fell at 6am on Tuesday."), "a.txt")
    dates = {(m.text, m.timex, m.timex_type) for m in rows if m.label == "DATE"}
    assert ("three years", "P3Y", "DURATION") in dates
    assert any(kind == "TIME" for _, _, kind in dates)
