"""Rows of the ``checks`` and ``facts`` tables, and the tables themselves."""
from __future__ import annotations

import hashlib
import math
from typing import Iterable

import pandas as pd

from .keys import KEY_COLUMNS
from .misprints import DISAGREEMENT, REVISED

CHECK_COLUMNS = ["check_id", "kind", "status", "likely_cause", "claims", "expected", "observed", "tolerance",
                 "explanation", "statistic"]
FACT_COLUMNS = KEY_COLUMNS + ["subject", "value", "low", "high", "n_claims", "claims", "n_sources",
                              "sources", "attributed_to", "n_versions", "status", "spread",
                              "disagreeing", "explanation"]
STATUSES = ("consistent", "conflict", "revised", "unverifiable")
#: The cause a conflict or revision gets when no more telling one is known (misprints.py).
_DEFAULT_CAUSE = {"conflict": DISAGREEMENT, "revised": REVISED}


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def check(kind: str, status: str, claims: Iterable[str], explanation: str, *,
          expected: float | None = None, observed: float | None = None,
          tolerance: float | None = None, statistic: str | None = None,
          likely_cause: str | None = None) -> dict:
    """One row of the checks table; its id depends only on kind and claims (order-free).
    ``likely_cause`` says why a conflict or revision disagrees (misprints.py), else None."""
    claims = sorted(dict.fromkeys(str(c) for c in claims))
    digest = hashlib.sha1("|".join([kind, *claims]).encode("utf-8")).hexdigest()[:12]
    return {
        "check_id": f"{kind}-{digest}",
        "kind": kind,
        "status": status,
        "likely_cause": (likely_cause or _DEFAULT_CAUSE[status]) if status in _DEFAULT_CAUSE else None,
        "claims": claims,
        "expected": _finite(expected),
        "observed": _finite(observed),
        "tolerance": _finite(tolerance),
        "explanation": explanation,
        "statistic": statistic,
    }


def checks_table(rows: list[dict]) -> pd.DataFrame:
    """The checks table, one row per check id, in a stable order."""
    table = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    if table.empty:
        return table.astype({c: object for c in CHECK_COLUMNS})
    table = table.drop_duplicates("check_id").sort_values(["kind", "check_id"], kind="stable")
    return table.reset_index(drop=True)
