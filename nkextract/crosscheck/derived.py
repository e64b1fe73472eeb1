"""Checks between statistics that constrain each other over time.

- implied_value: a level and a % change imply the level of the period the change is
  measured against (150,000 after -40% means 247,934..252,101 the month before); compared
  with a stated level of that period, and the two levels give a change compared with the
  stated one.
- subperiod: for flows that are never negative, a part of a period (January-November, a
  month) cannot exceed the whole (the year).

Both join versions of statistics on their keys (pandas merges), never all pairs of claims.
"""
from __future__ import annotations

import math
from datetime import date
from typing import Iterator

import numpy as np
import pandas as pd

from . import explain
from .frames import records
from ..text.periods import parse_period, prior_period
from .settings import Settings
from .output import check

#: A flow: whose figure, which measure, between which countries, of what, and its vintage.
FLOW = ["subject_id", "metric", "origin", "destination", "product", "per", "forecast"]


def _filled(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    frame[columns] = frame[columns].fillna("").astype(str)
    return frame


def _candidates(versions: pd.DataFrame, config: Settings) -> pd.DataFrame:
    return versions[(versions["rank"] < config.max_versions) & np.isfinite(versions["value"])]


def _label(row: dict, config: Settings, **override: object) -> str:
    """The statistic a joined row is about, as words (a level unless overridden)."""
    fields = {c: (row.get(c) or None) for c in FLOW + ["period"]}
    fields.update({"role": "level", "basis": None, **override})
    return explain.statistic(fields, config)


def _implied_prior(lo: float, hi: float, c_lo: float, c_hi: float) -> tuple[float, float] | None:
    """The prior level implied by a level in [lo, hi] after a change in [c_lo, c_hi] %."""
    f_lo, f_hi = 1 + c_lo / 100, 1 + c_hi / 100
    if f_hi <= 0:
        return None
    upper = hi / f_lo if f_lo > 0 else math.inf
    return lo / f_hi, upper


def implied_value_checks(versions: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """Level, % change and the stated level of the period the change is measured against."""
    candidates = _filled(_candidates(versions, config), FLOW + ["period", "unit", "basis"])
    changes = candidates[(candidates["role"] == "change") & (candidates["unit"] == "%")
                         & (candidates["basis"] != "") & (candidates["period"] != "")].copy()
    if changes.empty:
        return
    changes["prior"] = [prior_period(p, b) or "" for p, b in zip(changes["period"], changes["basis"])]
    levels = candidates[(candidates["role"] == "level") & (candidates["unit"] != "%")
                        & (candidates["unit"] != "pp") & (candidates["period"] != "")]
    keep = FLOW + ["period", "unit", "lo", "hi", "value", "claims", "articles"]
    current = changes.merge(levels[keep], on=FLOW + ["period"], suffixes=("_c", ""))
    if current.empty:
        return
    both = current.merge(levels[keep].rename(columns={"period": "prior"}),
                         on=FLOW + ["prior", "unit"], suffixes=("", "_p"))
    for row in records(both):
        yield _implied(row, config)


def _implied(row: dict, config: Settings) -> dict:
    unit = row["unit"]
    level_label = _label(row, config)
    prior_label = _label(row, config, period=row["prior"])
    claims = [*row["claims"], *row["claims_c"], *row["claims_p"]]
    stated = explain.amount(row["value_p"], unit)
    change = explain.amount(row["value_c"], "%")
    opening = (f"{explain.amount(row['value'], unit)} for {level_label} after a change of {change} "
               f"({explain.interval(row['lo_c'], row['hi_c'], '%')})")
    if row["lo"] < 0 or row["lo_p"] < 0:
        text = f"{opening}: a percentage change of a level that can be negative is not checked."
        return check("implied_value", "unverifiable", claims, text, statistic=level_label)
    prior = _implied_prior(row["lo"], row["hi"], row["lo_c"], row["hi_c"])
    if prior is None:
        text = (f"{opening}: a fall of 100% or more leaves no earlier level to compute; "
                f"{prior_label} is stated as {stated}.")
        return check("implied_value", "unverifiable", claims, text, observed=row["value_p"],
                     statistic=prior_label)
    expected = row["value"] / (1 + row["value_c"] / 100) if row["value_c"] > -100 else math.inf
    consistent = max(prior[0], row["lo_p"]) <= min(prior[1], row["hi_p"])
    text = (f"{opening} implies {prior_label} {explain.interval(*prior, unit)}; "
            f"{explain.where(row['articles_p'])} state(s) {stated}")
    if row["hi_p"] <= 0:
        text += "; from a zero level no percentage change can be computed."
        return check("implied_value", "unverifiable", claims, text, observed=row["value_p"],
                     statistic=prior_label)
    implied_change = (row["value"] / row["value_p"] - 1) * 100 if row["value_p"] else math.nan
    if consistent:
        text += ", which fits."
    else:
        text += (f", which does not fit: the two levels imply a change of "
                 f"{explain.amount(implied_change, '%')}, not {change}.")
    tolerance = (prior[1] - prior[0]) / 2 if math.isfinite(prior[1]) else None
    return check("implied_value", "consistent" if consistent else "conflict", claims, text,
                 expected=expected, observed=row["value_p"], tolerance=tolerance,
                 statistic=prior_label)


def subperiod_checks(versions: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """A part of a period cannot exceed the whole, for flows that are never negative (a
    level at a date, such as assets or deposits, is no part of any period: never checked)."""
    candidates = _candidates(versions, config)
    non_negative = candidates["metric"].map(
        lambda m: config.is_non_negative(m) and not config.is_stock(m)).astype(bool)
    levels = _filled(candidates[non_negative & (candidates["role"] == "level")], FLOW + ["unit"])
    spans = levels["period"].map(parse_period)
    levels = levels[spans.notna()].copy()
    if levels.empty:
        return
    spans = spans[spans.notna()]
    levels["first"] = [s[0] for s in spans]
    levels["last"] = [s[1] for s in spans]
    keep = FLOW + ["unit", "period", "first", "last", "lo", "hi", "value", "claims", "articles"]
    parts = levels[keep].assign(year=_years(levels["first"]))
    pairs = parts.merge(_wholes_by_year(levels[keep]), on=FLOW + ["unit", "year"], suffixes=("", "_w"))
    inside = ((pairs["first_w"] <= pairs["first"]) & (pairs["last"] <= pairs["last_w"])
              & ((pairs["first"] != pairs["first_w"]) | (pairs["last"] != pairs["last_w"])))
    for row in records(pairs[inside]):
        yield _subperiod(row, config)


def _years(ordinals: pd.Series) -> list[int]:
    """The calendar year of each day ordinal."""
    return [date.fromordinal(int(o)).year for o in ordinals]


def _wholes_by_year(levels: pd.DataFrame) -> pd.DataFrame:
    """The levels that can be a whole of another, one row per calendar year they touch.

    A whole that contains a part touches the year the part starts in, so joining parts to
    wholes on that year finds every pair while comparing a period only with the wholes of
    its own year(s), never every period of a long series with every other. A whole is
    strictly longer than its part: the shortest periods of a series are never wholes.
    """
    length = levels["last"] - levels["first"]
    shortest = length.groupby([levels[c] for c in FLOW + ["unit"]], sort=False).transform("min")
    wholes = levels[length > shortest]
    years = [list(range(a, b + 1)) for a, b in zip(_years(wholes["first"]), _years(wholes["last"]))]
    return wholes.assign(year=years).explode("year").astype({"year": int})


def _subperiod(row: dict, config: Settings) -> dict:
    unit = row["unit"]
    part_label = _label(row, config)
    whole_label = _label(row, config, period=row["period_w"])
    part = f"{explain.amount(row['value'], unit)} ({explain.where(row['articles'])})"
    whole = f"{explain.amount(row['value_w'], unit)} ({explain.where(row['articles_w'])})"
    consistent = row["lo"] <= row["hi_w"]
    if consistent:
        text = f"{explain.sentence_case(part_label)}, {part}, does not exceed {whole_label}, {whole}."
    else:
        text = (f"{explain.sentence_case(part_label)}, {part}, exceeds {whole_label}, {whole}: a part of a "
                "period cannot be larger than the whole for a flow that is never negative.")
    return check("subperiod", "consistent" if consistent else "conflict",
                 [*row["claims"], *row["claims_w"]], text, expected=row["value_w"],
                 observed=row["value"], tolerance=max(row["hi_w"] - row["value_w"], 0.0),
                 statistic=part_label)
