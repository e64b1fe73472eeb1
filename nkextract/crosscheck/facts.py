"""The facts table: one row per statistic, with its reconciled value and who supports it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import explain
from .frames import lists_by, records
from .keys import KEY_COLUMNS
from .settings import Settings
from .output import FACT_COLUMNS


def _per_key_lists(frame: pd.DataFrame, column: str) -> pd.Series:
    """Distinct non-empty values of a column per key, as sorted lists."""
    values = frame[["key", column]]
    values = values[values[column].fillna("") != ""].drop_duplicates()
    values = values.sort_values(["key", column])
    return lists_by(values["key"], values[column])


def _explanation(fact: dict, preferred: dict, others: list[dict], config: Settings) -> str:
    label = explain.sentence_case(explain.statistic(fact, config))
    unit = fact["unit"]
    value = explain.amount(fact["value"], unit)
    if not others:
        if fact["n_sources"] > 1:
            return f"{label}: {value}, agreed by {fact['n_sources']} independent reports."
        times = f", stated {fact['n_claims']} times" if fact["n_claims"] > 1 else ""
        return f"{label}: {value}, from one report only ({explain.where(fact['sources'])}){times}."
    differing = "; ".join(f"{explain.amount(o['value'], unit)} in {explain.where(o['articles'])}"
                          for o in others)
    if preferred["correction"]:
        why = "the corrected or revised figure"
    elif any(o["provisional"] for o in others) and not preferred["provisional"]:
        why = "the later, final figure rather than the provisional one"
    elif preferred["n_reports"] > max(o["n_reports"] for o in others):
        why = "the figure most independent reports give"
    else:
        why = "the latest or most precise figure"
    return (f"{label}: sources disagree. Using {value} from {explain.where(preferred['articles'])} "
            f"({why}); also stated: {differing} (spread {explain.amount(fact['spread'], unit)}).")


def _status(facts: pd.DataFrame, frame: pd.DataFrame, conflicting: set[str]) -> np.ndarray:
    """A fact's status: ``conflicting`` only when a sure conflict check names one of its
    claims; ``revised`` when a correction or final figure replaced another; ``differing``
    when its figures differ but no sure conflict says so; else agreed or single_source."""
    in_conflict = frame[frame["claim_id"].isin(conflicting)]["key"].unique()
    several = facts["n_versions"].to_numpy() > 1
    return np.select(
        [facts.index.isin(in_conflict), several & facts.index.isin(_revised_keys(frame)),
         several, facts["n_sources"].to_numpy() > 1],
        ["conflicting", "revised", "differing", "agreed"], "single_source")


def _revised_keys(frame: pd.DataFrame) -> np.ndarray:
    """Keys with a corrected, revised or provisional claim among their figures."""
    marked = frame["corrected"] | frame["revised"] | frame["provisional"]
    return frame.loc[marked, "key"].unique()


def facts_table(frame: pd.DataFrame, versions: pd.DataFrame, config: Settings,
                conflicting: set[str] | None = None) -> pd.DataFrame:
    """One row per statistic key: reconciled value, interval, claims, sources and status.

    frame: prepared claims with their ``version``; versions: from summarise_versions.
    conflicting: ids of the claims named by sure conflict checks.
    """
    if versions.empty:
        return pd.DataFrame(columns=FACT_COLUMNS)
    preferred_of = versions["preferred"].to_numpy()[frame["version"].to_numpy()]
    ordered = frame.assign(_first=~preferred_of).sort_values(["key", "_first", "claim_id"], kind="stable")
    claims = lists_by(ordered["key"], ordered["claim_id"])
    n_sources = frame.groupby("key")["report"].nunique()
    names = frame.drop_duplicates("article_code").set_index("article_code")["article"]
    sources = _per_key_lists(frame.assign(report=frame["report"].map(names)), "report")
    attributed = _per_key_lists(frame, "source")
    by_key = versions.groupby("key")["value"]
    spread = by_key.max() - by_key.min()

    best = versions[versions["preferred"]].set_index("key")
    facts = best[KEY_COLUMNS + ["subject", "value", "lo", "hi", "n_versions"]].rename(columns={"lo": "low", "hi": "high"})
    facts["n_claims"] = versions.groupby("key")["n_claims"].sum()
    facts["claims"] = claims
    facts["n_sources"] = n_sources
    facts["sources"] = sources.reindex(facts.index)
    facts["attributed_to"] = attributed.reindex(facts.index)
    facts["spread"] = spread
    facts["status"] = _status(facts, frame, conflicting or set())
    for column in ("sources", "attributed_to"):
        facts[column] = [v if isinstance(v, list) else [] for v in facts[column]]

    conflicting = versions[versions["n_versions"] > 1]
    others: dict[int, list[dict]] = {}
    for record in records(conflicting[~conflicting["preferred"]]):
        others.setdefault(record["key"], []).append(record)
    best_records = records(best.assign(key=best.index),
                           ["key", "correction", "provisional", "n_reports", "articles"])
    facts_records = records(facts, KEY_COLUMNS + ["subject", "value", "n_sources", "n_claims", "sources", "spread"])
    disagreeing, explanations = [], []
    for fact, preferred in zip(facts_records, best_records):
        rivals = others.get(preferred["key"], [])
        disagreeing.append(sorted({a for o in rivals for a in o["articles"]}))
        explanations.append(_explanation(fact, preferred, rivals, config))
    facts["disagreeing"] = disagreeing
    facts["explanation"] = explanations
    return facts.reset_index(drop=True)[FACT_COLUMNS]
