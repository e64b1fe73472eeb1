"""Sentences a journalist can read: how statistics, figures and intervals are written."""
from __future__ import annotations

import math
from typing import Iterable, Mapping

from ..claim import is_adjusted
from .settings import Settings

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_BASIS = {"previous_period": "the period before", "year_ago": "a year earlier"}


def _number(value: float) -> str:
    magnitude = abs(value)
    for size, word in _SCALES:
        if magnitude >= size:
            return f"{magnitude / size:,.6g} {word}" if magnitude / size < 1000 else f"{magnitude / size:,.0f} {word}"
    if magnitude >= 1000 or magnitude == int(magnitude):
        return f"{magnitude:,.0f}"
    return f"{magnitude:,.6g}"


def amount(value: float | None, unit: str | None) -> str:
    """A figure as a reader would write it: ``$4.56 million``, ``-40%``, ``EUR 4,567``."""
    if value is None or not isinstance(value, (int, float)) or math.isnan(value):
        return "an unknown figure"
    if math.isinf(value):
        return "no limit" if value > 0 else "no lower limit"
    sign = "-" if value < 0 else ""
    if unit == "%":
        return f"{sign}{abs(value):,.4g}%"
    if unit == "pp":
        return f"{sign}{abs(value):,.4g} percentage points"
    if unit == "USD":
        return f"{sign}${_number(value)}"
    return f"{sign}{unit or ''} {_number(value)}".strip()


_QUALIFIED = {"more_than": "more than", "less_than": "less than", "approx": "about"}


def stated(value: float | None, unit: str | None, qualifier: str | None = None) -> str:
    """A figure with its qualifier: ``more than 90%``, ``about $491.1 million``."""
    words = [w for q, w in _QUALIFIED.items() if qualifier and q in qualifier]
    return " ".join([*words, amount(value, unit)])


def interval(lo: float, hi: float, unit: str | None) -> str:
    """An interval in words: ``between $4.555 million and $4.565 million``."""
    if math.isinf(lo) and math.isinf(hi):
        return "any value"
    if math.isinf(hi):
        return f"above {amount(lo, unit)}"
    if math.isinf(lo):
        return f"below {amount(hi, unit)}"
    return f"between {amount(lo, unit)} and {amount(hi, unit)}"


def statistic(row: Mapping, config: Settings) -> str:
    """What a key is about: ``exports from PRK to CHN of cosmetics in 2020-11``."""
    metric = row.get("metric") or "an unnamed figure"
    base = config.base_metric(metric) or metric
    name = config.labels.get(base, base.replace("_", " "))
    if is_adjusted(metric):
        name += " (seasonally adjusted)"
    origin, destination = row.get("origin"), row.get("destination")
    if base in config.two_way_metrics and origin and destination:
        name += f" between {origin} and {destination}"
    else:
        name += f" from {origin}" if origin else ""
        name += f" to {destination}" if destination else ""
    if row.get("product"):
        name += f" of {row['product']}"
    if row.get("period"):
        name += f" {'as of' if base in config.as_of_metrics else 'in'} {row['period']}"
    subject = row.get("subject") or row.get("subject_id")
    if isinstance(subject, str) and subject:
        name = f"{subject}: {name}"
    if row.get("forecast") == "forecast":
        name = f"the forecast of {name}"
    role = row.get("role")
    if role == "change":
        basis = row.get("basis")
        against = _BASIS.get(basis, basis) if basis else "an unstated basis"
        return f"the change in {name} against {against}"
    if role == "share":
        return f"the share of {name}"
    return name


def sentence_case(text: str) -> str:
    """The text with its first letter capitalised (country codes keep their case)."""
    return text[:1].upper() + text[1:]


def where(articles: Iterable[str], limit: int = 4) -> str:
    """The articles that state something, shortened: ``a.txt, b.txt and 3 more``."""
    names = sorted({a for a in articles if a})
    if not names:
        return "an unnamed article"
    if len(names) <= limit:
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


_MISPRINT_WORDS = {
    "misprint_sign": "the same figure with the other sign (a loss printed as a profit, or the reverse)",
    "misprint_scale": "the same digits a power of ten apart (cents for dollars, thousands for "
                      "millions, a shifted decimal point)",
    "misprint_digits": "the same figure with one digit changed or two digits swapped",
}


def misprint_words(cause: str, kept: str, dropped: str) -> str:
    """Why two figures far apart can still be one statistic misprinted."""
    return f"{kept} and {dropped} are {_MISPRINT_WORDS[cause]}: most likely a misprint in one report."
