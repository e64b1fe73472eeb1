"""The interval a stated figure stands for, from how it is written and qualified.

``$4.56 million`` is any value in [4.555M, 4.57M) (rounded, or cut off after the last
digit written); ``$5,600`` may be a rounding to two significant figures; ``more than 90%``
of a whole is (90, 100];
``about`` widens; ``less than`` bounds the magnitude from above. Two claims agree when
their intervals overlap.

Written by hand: significant-figure intervals of a figure *as written* (trailing zeros of
``5,600`` are ambiguous, those of ``10 million`` are not) are not what number-parsing
libraries (quantulum3, price-parser) return; they give the value only. Intervals are
plain (lo, hi) numpy columns rather than objects of an interval library (portion), so that
a million claims are handled vectorised.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .settings import Settings

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")


@lru_cache(maxsize=65536)
def written_precision(text: str | None, min_sig: int = 2) -> tuple[float, float] | None:
    """The last number written in ``text`` and half the unit of its last significant digit.

    text: the figure as written, e.g. ``"$5,600"`` or ``"US $ 75 thousand"``.
    min_sig: trailing zeros of an integer count as significant up to this many figures.
    RETURNS: (number, half_unit) in written units, or None when no digits are written.
    """
    if not text:
        return None
    tokens = NUMBER.findall(str(text))
    if not tokens:
        return None
    return token_precision(tokens[-1], min_sig)


def token_precision(token: str, min_sig: int = 2) -> tuple[float, float]:
    """(number, half unit of the last significant digit) of one written number."""
    digits = token.replace(",", "")
    number = float(digits)
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return number, 0.5 * 10.0 ** -decimals
    integer = digits.lstrip("0") or "0"
    trailing = len(integer) - len(integer.rstrip("0"))
    if trailing == 0 or integer == "0":
        return number, 0.5
    significant = min(len(integer), max(len(integer) - trailing, min_sig))
    return number, 0.5 * 10.0 ** (len(integer) - significant)


def value_precision(value: float, min_sig: int = 2) -> float:
    """Half unit of the last significant digit of a value given without its text."""
    if not math.isfinite(value):
        return math.nan
    token = np.format_float_positional(abs(value), precision=12, trim="-")
    return token_precision(token, min_sig)[1]


def half_widths(text: pd.Series, value: pd.Series, min_sig: int) -> np.ndarray:
    """Half the precision unit of each figure, in the units of its value."""
    text = text.fillna("").astype(str)
    precision = {t: written_precision(t, min_sig) for t in pd.unique(text)}
    number = text.map({t: p[0] if p else np.nan for t, p in precision.items()}).to_numpy(float)
    half = text.map({t: p[1] if p else np.nan for t, p in precision.items()}).to_numpy(float)
    values = value.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(number > 0, np.abs(values) / number, 1.0)
    out = half * scale
    for i in np.flatnonzero(np.isnan(out) & np.isfinite(values)):
        out[i] = value_precision(values[i], min_sig)
    return out


def claim_intervals(claims: pd.DataFrame, config: Settings,
                    headline: np.ndarray | None = None) -> pd.DataFrame:
    """lo, hi (the interval each claim stands for) and half (its rounding half-width).

    claims: a prepared claims frame (value, low, high, text, qualifier, role, unit).
    headline: which claims are in a headline, where a figure may be rounded to one
        significant figure (``$5,000`` for 4,567).
    RETURNS: a frame with columns lo, hi, half, indexed like claims.
    """
    value = pd.to_numeric(claims["value"], errors="coerce").to_numpy(dtype=float)
    low = pd.to_numeric(claims["low"], errors="coerce").to_numpy(dtype=float)
    high = pd.to_numeric(claims["high"], errors="coerce").to_numpy(dtype=float)
    low = np.where(np.isnan(low), value, low)
    high = np.where(np.isnan(high), value, high)
    low, high = np.fmin(low, high), np.fmax(low, high)
    centre = np.where(np.isnan(value), (low + high) / 2, value)
    reference = np.where(np.isnan(high), centre, np.where(np.abs(high) >= np.abs(low), high, low))
    half = half_widths(claims["text"], pd.Series(reference), config.min_significant_figures)
    if headline is not None and headline.any():
        rows = np.flatnonzero(headline)
        half[rows] = half_widths(claims["text"].iloc[rows], pd.Series(reference[rows]), 1)
    half = np.where(np.isnan(half), 0.0, half)
    # Rounded to the nearest ([v - half, v + half)) or cut off (169.8 billion written
    # "169 billion": [v, v + 2 half)): a figure stands for either, so one more half-unit
    # away from zero.
    away = np.where(centre < 0, -half, half)
    lo, hi = low - half + np.fmin(away, 0.0), high + half + np.fmax(away, 0.0)

    qualifier = claims["qualifier"].fillna("").astype(str).str.lower()
    approx = qualifier.str.contains("approx").to_numpy()
    widen = np.fmax(half * config.approx_precision_factor, np.abs(centre) * config.approx_relative)
    lo = np.where(approx, low - widen, lo)
    hi = np.where(approx, high + widen, hi)

    more = qualifier.str.contains("more_than").to_numpy()
    less = qualifier.str.contains("less_than").to_numpy()
    negative = centre < 0
    lo = np.where(more & ~negative, low, lo)
    hi = np.where(more & ~negative, np.inf, hi)
    lo = np.where(more & negative, -np.inf, lo)
    hi = np.where(more & negative, high, hi)
    lo = np.where(less & ~negative, np.fmin(0.0, low), lo)
    hi = np.where(less & ~negative, high, hi)
    lo = np.where(less & negative, low, lo)
    hi = np.where(less & negative, np.fmax(0.0, high), hi)

    role = claims["role"].fillna("").astype(str).to_numpy()
    unit = claims["unit"].fillna("").astype(str).to_numpy()
    percent = unit == "%"
    relative_change = percent & (role == "change")
    lo = np.where(relative_change, np.fmax(lo, -100.0), lo)
    share = percent & (role == "share")
    lo = np.where(share, np.fmin(np.fmax(lo, 0.0), 100.0), lo)
    hi = np.where(share, np.fmax(np.fmin(hi, 100.0), lo), hi)
    return pd.DataFrame({"lo": lo, "hi": hi, "half": half}, index=claims.index)


def overlap(lo_a: float, hi_a: float, lo_b: float, hi_b: float) -> bool:
    """Whether two intervals share a value (touching ends count)."""
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


def gap(lo_a: float, hi_a: float, lo_b: float, hi_b: float) -> float:
    """The distance between two intervals (0 when they overlap)."""
    return max(0.0, max(lo_a, lo_b) - min(hi_a, hi_b))
