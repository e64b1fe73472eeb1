"""Cross-check claims across articles: which figures agree, which differ only by rounding,
which conflict, and which can be derived from each other.

    >>> facts, checks = nkextract.cross_check(claims)

Pure functions over pandas DataFrames (no spaCy): claims are grouped by a normalised
statistic key (keys.py), each figure stands for the interval its writing implies
(intervals.py), claims of one key split into versions that agree (versions.py), and
checks join versions through their keys (agreement.py, derived.py, parts.py), and a
conflict stands only when its statistic is fully known (certainty.py).
"""
from __future__ import annotations

import logging

import pandas as pd

from .agreement import agreement_checks, currency_checks, share_checks
from .certainty import settle
from .derived import implied_value_checks, subperiod_checks
from .facts import facts_table
from .parts import sum_of_parts_checks
from .prepare import prepare
from .settings import Settings, SettingsLike, as_settings, settings
from .stories import with_stories
from .unstated import unstated_part_checks
from .output import CHECK_COLUMNS, FACT_COLUMNS, checks_table
from .versions import assign_versions, summarise_versions

__all__ = ["cross_check", "settings", "Settings", "CHECK_COLUMNS", "FACT_COLUMNS"]

logger = logging.getLogger(__name__)


def identified(table: pd.DataFrame) -> pd.Series:
    """Rows whose statistic is named: a metric, and a period unless the row is a share."""
    def filled(column: str) -> pd.Series:
        values = table[column] if column in table else pd.Series("", index=table.index)
        return values.fillna("").astype(str).str.len() > 0
    return filled("metric") & (filled("period") | (table.get("role") == "share"))


def cross_check(claims: pd.DataFrame, settings: SettingsLike = None, *,
                rates: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross-check a claims table into facts and checks.

    claims: the claims table (the columns of the README's tables; missing columns count as empty).
    settings: a Settings object (``nkextract.crosscheck.settings(models_dir)``), a models
        folder, or None for the packaged models/: every stage reads its words from it.
    rates: optional exchange rates, columns currency, rate_to_usd; without it figures in
        different currencies are never compared.
    RETURNS: (facts, checks) DataFrames with the columns of FACT_COLUMNS and CHECK_COLUMNS.
    """
    config = as_settings(settings)
    if claims is None:
        claims = pd.DataFrame()
    if not isinstance(claims, pd.DataFrame):
        claims = pd.DataFrame(claims)
    # Stories (copies and corrections of one story) are found here, over all the claims
    # given, or taken from a ``story`` column: a partition of a larger table is told them.
    claims = with_stories(claims, config)
    frame = prepare(claims, rates, config)
    if frame.empty:
        return pd.DataFrame(columns=FACT_COLUMNS), pd.DataFrame(columns=CHECK_COLUMNS)
    frame = assign_versions(frame)
    versions = summarise_versions(frame)
    # Only a figure whose statistic is known (a metric, and a period unless it is a share)
    # is compared with others: two unnamed figures, or two undated ones, are not the same
    # statistic just because their keys are equally empty.
    known, known_frame = versions[identified(versions)], frame[identified(frame)]
    rows = [
        *agreement_checks(known, config),
        *unstated_part_checks(known, config),
        *currency_checks(known_frame, config),
        *share_checks(frame, config),
        *implied_value_checks(known, config),
        *subperiod_checks(known, config),
        *sum_of_parts_checks(known, config),
    ]
    rows = settle(rows, frame, config)
    logger.info("cross-checked %d claims: %d statistics, %d checks", len(frame),
                versions["key"].nunique(), len(rows))
    conflicting = {c for row in rows if row["status"] == "conflict" for c in row["claims"]}
    return facts_table(frame, versions, config, conflicting), checks_table(rows)
