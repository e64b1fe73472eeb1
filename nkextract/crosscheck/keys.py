"""Normalised statistic keys: which claims are about the same statistic.

A key is (metric, origin, destination, product, period, role, basis, unit), cleaned so
that equivalent forms meet: two-way trade lists its partners alphabetically, periods have
one spelling (``2020-01--2020-11`` is ``2020-01/2020-11``), a level has no basis.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ..claim import base_metric
from ..text.periods import canonical_period
from .settings import Settings

#: The parts of a statistic's key. ``forecast`` is the vintage: a forecast and an outcome
#: are two statistics, compared only with their own kind.
KEY_COLUMNS = ["subject_id", "metric", "origin", "destination", "product", "period", "role", "basis",
               "unit", "per", "forecast"]
BASES = ("previous_period", "year_ago")


def first_item(value: object) -> object:
    """The first alias of a list-valued cell (source, via), the cell itself otherwise."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return value[0] if len(value) else None
    return value


def clean_text(value: object) -> str | None:
    """A stripped string, or None for NaN, None and empty cells."""
    value = first_item(value)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def by_unique(series: pd.Series, fn: Callable[[str], object]) -> pd.Series:
    """fn of each cleaned cell, computed once per distinct cell; None for empty cells."""
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # list-valued cells are not hashable
        codes, uniques = pd.factorize(series.map(first_item), use_na_sentinel=True)
    mapped = [None if (text := clean_text(u)) is None else fn(text) for u in uniques]
    table = np.array(mapped + [None], dtype=object)
    return pd.Series(table[codes], index=series.index, dtype=object)


def subject_key(value: object) -> str | None:
    """A subject id as keys compare it: a ticker or a normalised name, case and spacing
    folded (the extractor normalises names; other tables may not)."""
    text = " ".join(str(value).replace("<", " ").replace(">", " ").split()).lower()
    return text or None


def _unit(value: object) -> str | None:
    text = str(value)
    if text in ("%", "percent", "per cent", "pct"):
        return "%"
    if text.lower() in ("pp", "percentage point", "percentage points", "points"):
        return "pp"
    return text.upper()


def _basis(value: object) -> str | None:
    text = str(value).strip().lower()
    if text in BASES:
        return text
    return canonical_period(str(value))


def normalise_keys(claims: pd.DataFrame, config: Settings) -> pd.DataFrame:
    """The key columns of a claims frame, cleaned (a new frame, same index)."""
    keys = pd.DataFrame(index=claims.index)
    keys["subject_id"] = by_unique(claims["subject_id"], subject_key)
    keys["metric"] = by_unique(claims["metric"], lambda v: str(v).lower().replace(" ", "_"))
    keys["origin"] = by_unique(claims["origin"], lambda v: str(v).upper())
    keys["destination"] = by_unique(claims["destination"], lambda v: str(v).upper())
    keys["product"] = by_unique(claims["product"], lambda v: str(v).lower())
    keys["period"] = by_unique(claims["period"], canonical_period)
    keys["role"] = by_unique(claims["role"], lambda v: str(v).lower()).fillna("level")
    keys["basis"] = by_unique(claims["basis"], _basis)
    keys["unit"] = by_unique(claims["unit"], _unit)
    keys["per"] = by_unique(claims["per"], lambda v: str(v).lower()) if "per" in claims else None
    keys.loc[keys["role"] != "change", "basis"] = None
    base = by_unique(keys["metric"], base_metric)
    per_share = base.isin(config.per_share_metrics)
    keys.loc[per_share & (keys["per"] == "share"), "per"] = None  # earnings per share "a share"
    qualifier = claims["qualifier"] if "qualifier" in claims else pd.Series(None, index=claims.index)
    keys["forecast"] = by_unique(qualifier, lambda v: "forecast" if "forecast" in v.lower() else None)

    two_way = base.isin(config.two_way_metrics)
    origin = keys["origin"].fillna("")
    destination = keys["destination"].fillna("")
    swap = two_way & (destination != "") & ((origin > destination) | (origin == ""))
    keys.loc[swap, ["origin", "destination"]] = keys.loc[swap, ["destination", "origin"]].to_numpy()
    keys["period"] = resolve_unknown_years(keys)
    return keys


def resolve_unknown_years(keys: pd.DataFrame) -> pd.Series:
    """Periods with an unknown year (``XXXX-11``, from an undated story) take the year of
    the one dated period of the same statistic and month, when exactly one exists.

    RETURNS: the period column with those periods filled in (others unchanged).
    """
    period = keys["period"].fillna("")
    unknown = period.str.match(r"^[xX]{4}(-\d{2}(-\d{2})?)$")
    if not unknown.any():
        return keys["period"]
    others = [c for c in KEY_COLUMNS if c != "period"]
    suffix = period.str.slice(4)
    dated = period.str.match(r"^\d{4}-\d{2}(-\d{2})?$")
    known = keys.loc[dated, others].fillna("\x00").assign(suffix=suffix[dated], period=period[dated])
    known = known.drop_duplicates()
    single = known.groupby(others + ["suffix"])["period"].transform("size") == 1
    known = known[single]
    wanted = keys.loc[unknown, others].fillna("\x00").assign(suffix=suffix[unknown])
    resolved = wanted.reset_index().merge(known, on=others + ["suffix"], how="left").set_index("index")
    out = keys["period"].copy()
    found = resolved["period"].notna()
    out.loc[resolved.index[found]] = resolved.loc[found, "period"]
    return out


def key_ids(keys: pd.DataFrame, columns: list[str] | None = None) -> np.ndarray:
    """One integer per distinct key (missing parts count as a value of their own)."""
    columns = columns or KEY_COLUMNS
    filled = keys[columns].fillna("\x00")
    return filled.groupby(columns, sort=True).ngroup().to_numpy()
