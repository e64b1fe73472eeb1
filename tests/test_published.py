"""The publication date an article states in its own header or dateline."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkextract.text.published import infer_published, read_header

BODY = "\n\nExports fell 42% to $148,000 in November, customs data showed."


@pytest.mark.parametrize("text,expected", [
    ("Published : Dec. 27, 2020 - 14:32" + BODY, "2020-12-27"),
    ("The Korea Herald\n\nBy Ahn Sung-mi\n\nPublished : Dec. 27, 2020 - 14:32" + BODY, "2020-12-27"),
    ("Published: 27 December 2020" + BODY, "2020-12-27"),
    ("Posted on March 3, 2019 by staff" + BODY, "2019-03-03"),
    ("Updated: 2021-01-05 10:00" + BODY, "2021-01-05"),
    ("Date: 2020-11-30" + BODY, "2020-11-30"),
    (" date 2020-11-30 North Korean leader Kim Jong Un appears" + BODY, "2020-11-30"),
    ("North Korean leader Kim Jong Un appears" + BODY + "\n date 2020-11-30", "2020-11-30"),
    ("26-FEB-1987 15:01:01.79\nBAHIA COCOA REVIEW" + BODY, "1987-02-26"),
    ("2-MAR-1987\nU.S. trade" + BODY, "1987-03-02"),
    ("Headline\nNovember 30, 2020\n\nChina exported only" + BODY, "2020-11-30"),
    ("WASHINGTON, March 2, 1987 - The U.S. trade deficit" + BODY, "1987-03-02"),
    # weekday + month + day: the year is the first from the latest year mentioned that fits
    ("Quoting CNN, Monday, November 30, China exported goods in 2016 and 2017." + BODY, "2020-11-30"),
    ("Quoting CNN, Tuesday, March 3, exports fell from 2019 levels." + BODY, "2020-03-03"),
    # dateline without a year: the story's latest year, or the next one if it reports that month as past
    ("Contact Us\n\n22 Feb – Trade dropped 80.7 percent in 2020. In February 2020, trade fell.", "2021-02-22"),
    ("22 Feb – Trade dropped in January 2020 from 2019.", "2020-02-22"),
    ("LONDON, March 2 - Output rose in 1986, the ministry said.", "1986-03-02"),
    # a dateline under a headline with no final stop: the dateline's day, not the headline's words
    ("Kiln makers expect orders to pick up in March\nOSLO, Feb 9 (Reuters) - Orders fell in 2030.", "2030-02-09"),
    ("Barley stocks at low\n  PERTH, 14 June (Reuters) -- Stocks fell in May 2031.", "2031-06-14"),
    ("Tin output seen higher in 2032\nLIMA, Oct 2, 2032 - Tin output rose.", "2032-10-02"),
])
def test_header_forms(text, expected):
    assert infer_published(text) == expected


@pytest.mark.parametrize("text", [
    "", "   \n  ", "No date is stated anywhere in this story about exports." + BODY,
    "• Kyodo\n\nChina's trade with North Korea plunged in November, experts said Thursday.",
    "Monday, November 30 China exported goods." + BODY,  # no year anywhere: do not guess
    "22 Feb – According to the agency, trade dropped.",
    "Exports fell in 2019." + "x" * 700 + " Published : Dec. 27, 2020",  # past the header
    "Published : Feb. 30, 2020 - 14:32" + BODY,  # not a date
])
def test_nothing_says_the_date(text):
    assert infer_published(text) is None


@pytest.mark.parametrize("text,headline,dateline", [
    ("Kiln makers expect orders to pick up in March\nOSLO, Feb 9 (Reuters) - Orders fell.",
     "Kiln makers expect orders to pick up in March", "OSLO, Feb 9 (Reuters) -"),
    ("Ferry fares to rise\nNEW YORK (Reuters) - Fares will rise.", "Ferry fares to rise", "NEW YORK (Reuters) -"),
    ("Tin output seen higher in 2032\nLIMA, Oct 2 - Tin output rose.", "Tin output seen higher in 2032", "LIMA, Oct 2 -"),
    ("Barley stocks at low\n  PERTH, 14 June (Reuters) -- Stocks fell.", "Barley stocks at low", "PERTH, 14 June (Reuters) --"),
    ("LIMA, Oct 2, 2032 - Tin output rose in\nSeptember.", None, "LIMA, Oct 2, 2032 -"),
    ("KILN MAKERS REPORT LOSS\n\nKiln makers said on\nMonday they lost money.", "KILN MAKERS REPORT LOSS", None),
    ("Quarry Weekly\nNovember 30, 2031\n\nQuarries shut.", "Quarry Weekly", None),
    # a wrapped first line of a story is no headline
    ("Kiln exports fell 12% in the first\n10 months, the guild said.", None, None),
    ("Kiln exports fell 12% in\nNovember, the guild said.", None, None),
    ("Tin output rose.\nLIMA sources said so.", None, None),
    ("Ferry fares\nNEW YORK - fares rose.", "Ferry fares", None),  # a place alone is no dateline
])
def test_headline_and_dateline(text, headline, dateline):
    header = read_header(text)
    assert (text[:header.headline_end] if header.headline_end is not None else None) == headline
    assert (text[slice(*header.dateline)] if header.dateline else None) == dateline


def test_never_todays_clock():
    assert infer_published("Last month exports fell; yesterday the ministry said so.") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text):
    value = infer_published(text)
    assert value is None or len(value) == 10
    header = read_header(text)
    assert all(0 <= b <= len(text) for b in header.breaks())
