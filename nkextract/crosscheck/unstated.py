"""Agreement across a part of the key that one story leaves unstated.

One story says "M-1 rose 2.1 billion dlrs to a seasonally adjusted 736.7 billion", another
"a 2.1 billion dlr jump in M-1": the second does not say the figure is seasonally
adjusted, which is not the same as saying it is not. Likewise a change whose story does not
say what it is measured against. Their keys differ (``money_supply_m1_sa`` and
``money_supply_m1``; a basis and none), so the checks of one key never meet them; yet when
their figures agree, a reader sees one statistic told twice.

Such versions are linked here by an ``agreement`` check with status ``consistent`` that
names the unstated part. Only agreement is read across an unstated part: figures that
differ across it are never a conflict (the part may be what differs), so nothing is
checked when they do not overlap.
"""
from __future__ import annotations

from itertools import combinations
from typing import Iterator

import pandas as pd

from ..claim import base_metric
from . import explain
from .agreement import statistic_row
from .frames import records
from .keys import KEY_COLUMNS
from .output import check
from .settings import Settings

#: Key parts a story may leave unstated: the seasonal adjustment (the metric's ``_sa``)
#: and the basis of a change.
UNSTATED = ("metric", "basis")
_FIELDS = KEY_COLUMNS + ["subject", "lo", "hi", "value", "claims", "articles"]


def _loose_key(versions: pd.DataFrame) -> pd.DataFrame:
    """The key without the parts a story may leave unstated (the metric without ``_sa``)."""
    loose = versions[[c for c in KEY_COLUMNS if c not in UNSTATED]].fillna("\x00").copy()
    loose["metric"] = versions["metric"].fillna("").map(base_metric)
    return loose


def _one_unstated(a: dict, b: dict) -> str | None:
    """What one of two versions leaves unstated that the other states, in words; None when
    they state different values of a part (two statistics) or differ in nothing loose."""
    said = []
    if a["metric"] != b["metric"]:
        said.append("whether it is seasonally adjusted")
    if a["basis"] != b["basis"]:
        if a["basis"] is not None and b["basis"] is not None:
            return None
        said.append("what the change is measured against")
    return " and ".join(said) or None


def unstated_part_checks(versions: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """Consistent checks between versions whose keys differ only in a part one of them
    leaves unstated, whose figures agree, from different articles."""
    if versions.empty:
        return
    loose = _loose_key(versions)
    group = loose.groupby(list(loose.columns), sort=False).ngroup()
    several = group.map(group.value_counts()) > 1
    for _, members in versions[several.to_numpy()].groupby(group[several].to_numpy(), sort=False):
        for a, b in combinations(records(members, _FIELDS), 2):
            unstated = _one_unstated(a, b)
            if unstated is None or max(a["lo"], b["lo"]) > min(a["hi"], b["hi"]):
                continue
            if set(a["articles"]) == set(b["articles"]):
                continue
            yield _agreeing(a, b, unstated, config)


def _agreeing(a: dict, b: dict, unstated: str, config: Settings) -> dict:
    label = explain.statistic(statistic_row(a), config)
    text = (f"{explain.sentence_case(label)} is stated as {explain.amount(a['value'], a['unit'])} "
            f"({explain.where(a['articles'])}) and {explain.amount(b['value'], b['unit'])} "
            f"({explain.where(b['articles'])}); one of them does not say {unstated}, and the "
            "figures agree.")
    return check("agreement", "consistent", [*a["claims"], *b["claims"]], text,
                 expected=a["value"], observed=b["value"], statistic=label)
