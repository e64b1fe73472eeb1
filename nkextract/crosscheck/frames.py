"""Fast forms of two pandas idioms that fall back to Python per group or per cell, and
the one way every stage reads a claims column that may be missing or hold odd cells."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .keys import first_item


def column_of(claims: pd.DataFrame, name: str) -> pd.Series:
    """A column of a claims table, or a column of None where the table has none."""
    if name in claims.columns:
        return claims[name]
    return pd.Series([None] * len(claims), index=claims.index, dtype=object)


def as_text(series: pd.Series) -> pd.Series:
    """Cells as strings ("" for missing ones); a list-valued cell gives its first item."""
    values = series.to_numpy(dtype=object)
    if len(values) and any(isinstance(v, (list, tuple, np.ndarray)) for v in values[:1000]):
        values = np.array([first_item(v) for v in values], dtype=object)
    missing = pd.isna(values)
    out = values.copy()
    out[missing] = ""
    odd = ~missing & np.array([not isinstance(v, str) for v in values], dtype=bool)
    if odd.any():
        out[odd] = [str(first_item(v)) for v in values[odd]]
    return pd.Series(out, index=series.index, dtype=object)


def lists_by(codes: np.ndarray | pd.Series, values: np.ndarray | pd.Series) -> pd.Series:
    """``values`` gathered into one list per code (like ``groupby(codes).agg(list)``).

    RETURNS: a Series of lists indexed by the sorted distinct codes; within a list,
        values keep their order in the input.
    """
    codes, values = np.asarray(codes), np.asarray(values, dtype=object)
    if len(codes) == 0:
        return pd.Series([], dtype=object)
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    bounds = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts, ends = np.r_[0, bounds], np.r_[bounds, len(ordered)]
    flat = values[order].tolist()
    chunks = [flat[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    labels = ordered[starts]
    return pd.Series(chunks, index=labels, dtype=object)


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """The rows of a frame as dicts (``to_dict("records")`` without boxing every cell)."""
    columns = list(columns or frame.columns)
    arrays = [frame[c].to_numpy() for c in columns]
    return [dict(zip(columns, row)) for row in zip(*arrays)]
