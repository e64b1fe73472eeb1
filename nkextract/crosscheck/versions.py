"""Versions of a statistic: the groups of claims of one key whose intervals overlap.

Claims of one key are sorted by the low end of their intervals; a sweep starts a new
version whenever the next claim no longer overlaps all claims of the current one (in one
dimension, pairwise overlap means a common value). One version means the key agrees; two
or more mean a conflict, and one of them is *preferred*: a correction or revision first,
then a final over a provisional figure, then the most independent reports, most claims,
a body figure over a headline, the latest publication.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import lists_by
from .keys import KEY_COLUMNS


def _split_greedily(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Version numbers for claims sorted by lo, starting anew when the common part empties."""
    labels = np.zeros(len(lo), dtype=np.int64)
    common_hi, label = np.inf, 0
    for i in range(len(lo)):
        if lo[i] > common_hi or (lo[i] == common_hi and hi[i] > lo[i]):
            label += 1
            common_hi = np.inf
        common_hi = min(common_hi, hi[i])
        labels[i] = label
    return labels


def assign_versions(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame sorted by key and interval, with a ``version`` column (one int per version)."""
    frame = frame.sort_values(["key", "lo", "hi", "claim_id"], kind="stable").reset_index(drop=True)
    if frame.empty:
        frame["version"] = np.zeros(0, dtype=np.int64)
        return frame
    key, lo, hi = frame["key"].to_numpy(), frame["lo"].to_numpy(), frame["hi"].to_numpy()
    reach = frame.groupby("key", sort=False)["hi"].cummax().to_numpy()
    new_key = np.r_[True, key[1:] != key[:-1]]
    previous_reach = np.r_[-np.inf, reach[:-1]]
    component = np.cumsum(new_key | (lo > previous_reach) | ((lo == previous_reach) & (hi > lo)))
    # components where claims chain (a~b, b~c, a!~c) are split by the greedy sweep
    max_lo = pd.Series(lo).groupby(component).transform("max").to_numpy()
    min_hi = pd.Series(hi).groupby(component).transform("min").to_numpy()
    version = component * 1024
    chained = np.unique(component[(max_lo > min_hi) | ((max_lo == min_hi) & (hi > lo))])
    for c in chained:
        rows = np.flatnonzero(component == c)
        version[rows] += _split_greedily(lo[rows], hi[rows])
    frame["version"] = pd.factorize(version)[0]
    return frame


def _precise_value(frame: pd.DataFrame) -> pd.DataFrame:
    """Per version, the value and qualifier of its most precise claim (narrowest interval)."""
    width = pd.Series((frame["hi"] - frame["lo"]).to_numpy()).fillna(np.inf)
    narrowest = width.groupby(frame["version"].to_numpy(), sort=True).idxmin().to_numpy()
    firsts = frame.iloc[narrowest]
    value = firsts["value"].fillna((firsts["low"] + firsts["high"]) / 2)
    index = firsts["version"].to_numpy()
    return pd.DataFrame({"value": value.to_numpy(), "qualifier": firsts["qualifier"].to_numpy()},
                        index=index)


def exact_figures(frame: pd.DataFrame) -> np.ndarray:
    """Claims that state one figure: not a bound ("more than", "up to") and not a range or a
    vague amount ("$25,000 to $250,000", "tens of millions")."""
    low, high = frame["low"].to_numpy(dtype=float), frame["high"].to_numpy(dtype=float)
    ranged = np.isfinite(low) & np.isfinite(high) & (high > low)
    return ~frame["bound"].to_numpy(dtype=bool) & ~ranged


def summarise_versions(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per version: key, interval, value, claims, reports and flags, ``preferred``."""
    exact = exact_figures(frame)
    stated = frame["value"].where(exact)
    frame = frame.assign(_exact=exact, _exact_value=stated)
    grouped = frame.groupby("version", sort=True)
    versions = grouped.agg(
        key=("key", "first"), lo=("lo", "max"), hi=("hi", "min"), n_claims=("claim_id", "size"),
        n_reports=("report", "nunique"), headline=("headline", "all"),
        corrected=("corrected", "any"), revised=("revised", "any"),
        provisional=("provisional", "all"), published=("published_code", "max"),
        half=("half", "min"), max_half=("half", "max"), has_headline=("headline", "any"),
        min_value=("value", "min"), max_value=("value", "max"), n_articles=("article_code", "nunique"),
        excluded=("excluded", "all"), bounds_only=("bound", "all"), n_exact=("_exact", "sum"),
        min_exact=("_exact_value", "min"), max_exact=("_exact_value", "max"),
    )
    for column in KEY_COLUMNS:
        versions[column] = grouped[column].first()
    subject = grouped["subject"].first() if "subject" in frame else pd.Series(None, index=versions.index)
    versions["subject"] = subject.where(subject.fillna("") != "", None)  # no subject: null, not ""
    versions["claims"] = lists_by(frame["version"], frame["claim_id"])
    versions["articles"] = lists_by(frame["version"], frame["article"])
    corrected = frame[frame["corrected"] | frame["revised"]]
    versions["corrected_articles"] = lists_by(corrected["version"], corrected["article"]).reindex(versions.index)
    versions[["value", "qualifier"]] = _precise_value(frame)
    versions["correction"] = versions["corrected"] | versions["revised"]
    rank = versions.reset_index().sort_values(
        ["key", "correction", "provisional", "n_reports", "n_claims", "headline", "published",
         "version"],
        ascending=[True, False, True, False, False, True, False, True], kind="stable")
    rank["rank"] = rank.groupby("key", sort=False).cumcount()
    versions["rank"] = rank.set_index("version")["rank"]
    versions["preferred"] = versions["rank"] == 0
    versions["n_versions"] = versions.groupby("key")["lo"].transform("size")
    return versions
