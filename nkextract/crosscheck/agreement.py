"""Checks within one statistic: agreement, rounding, headline against body, conflicts,
corrections and revisions, and figures in currencies that cannot be compared.
"""
from __future__ import annotations

import math
from itertools import groupby
from operator import itemgetter
from typing import Iterator

import numpy as np
import pandas as pd

from . import explain, misprints
from .frames import records
from .keys import KEY_COLUMNS, key_ids
from .settings import Settings
from .output import check


VERSION_FIELDS = KEY_COLUMNS + ["subject", 
    "key", "preferred", "value", "qualifier", "claims", "articles", "corrected_articles",
    "min_value", "max_value", "half", "max_half", "headline", "has_headline", "n_claims",
    "n_reports", "n_articles", "correction", "corrected", "provisional", "published", "rank", "bounds_only",
    "n_exact", "min_exact", "max_exact"]


def statistic_row(version: dict) -> dict:
    """The key parts and subject of a version, as ``explain.statistic`` names them."""
    return {c: version[c] for c in KEY_COLUMNS + ["subject"]}


def _consistent(version: dict, label: str) -> dict:
    """A version of two or more claims: they agree (or differ only by rounding)."""
    unit, value = version["unit"], version["value"]
    articles = version["articles"]
    far = _farthest(value, version["min_value"], version["max_value"])
    if version.get("bounds_only") and version["max_value"] - version["min_value"] > 2 * version["max_half"]:
        text = (f"{explain.sentence_case(label)} is given only as bounds, "
                f"{explain.amount(version['min_value'], unit)} and {explain.amount(version['max_value'], unit)} "
                f"({explain.where(articles)}): they do not contradict each other, but they do not state "
                f"one figure either.")
        return check("agreement", "unverifiable", version["claims"], text, expected=value, observed=far,
                     tolerance=version["max_half"], statistic=label)
    if version["n_exact"] < version["n_claims"] and not version.get("bounds_only"):
        if version["n_exact"] < 2:
            return _admitted(version, label)
        # the figures stated as figures speak; bounds only admit them
        far = _farthest(value, version["min_exact"], version["max_exact"])
    if version["has_headline"] and not version["headline"]:
        kind = "headline_vs_body"
        text = (f"The headline figure for {label} agrees with the body's {explain.amount(value, unit)} "
                f"once rounding is allowed for ({explain.where(articles)}).")
    elif version["max_half"] >= 10 * version["half"] and version["max_half"] > 0:
        kind = "rounding"
        text = (f"{explain.sentence_case(label)}: {explain.amount(far, unit)} is "
                f"{explain.amount(value, unit)} rounded ({explain.where(articles)}).")
    else:
        kind = "agreement"
        stated = explain.stated(value, unit, version["qualifier"])
        if far != value and not math.isnan(far):
            stated += f" and {explain.amount(far, unit)}"
        text = f"{explain.sentence_case(label)} is stated as {stated} "
        if version["n_reports"] > 1:
            text += f"by {version['n_reports']} independent reports ({explain.where(articles)}); they agree."
        elif version["n_articles"] > 1:
            text += f"in {version['n_articles']} articles ({explain.where(articles)}); they agree."
        else:
            text += f"{version['n_claims']} times in {explain.where(articles)}; the restatements agree."
    if version["n_articles"] > version["n_reports"]:
        text += (" Articles that repeat another's sentence word for word (syndicated copies or "
                 "re-issues) count as one source.")
    return check(kind, "consistent", version["claims"], text, expected=value, observed=far,
                 tolerance=version["max_half"], statistic=label)


def _farthest(value: float, low: float, high: float) -> float:
    """Of a version's lowest and highest figure, the one farthest from its value."""
    return high if abs(high - value) >= abs(low - value) else low


def _admitted(version: dict, label: str) -> dict:
    """One figure with bounds, ranges or vague amounts that admit it ("more than 90%" and
    "95%", "tens of millions" and "$40 million"): no contradiction, so never a conflict, but
    a bound admits a whole run of values, so a figure inside it is no evidence that the two
    state one statistic (a threshold beside an actual figure, a cap beside a payment):
    unverifiable, never an agreement of reports, never "rounding"."""
    unit = version["unit"]
    text = (f"{explain.sentence_case(label)} is stated as {explain.amount(version['value'], unit)} "
            f"and otherwise only as bounds, ranges or vague amounts that admit it "
            f"({explain.where(version['articles'])}): they do not contradict it, but they state no "
            "figure to agree with.")
    return check("agreement", "unverifiable", version["claims"], text, expected=version["value"],
                 observed=version["value"], tolerance=version["max_half"], statistic=label)


def _conflict(preferred: dict, other: dict, label: str, config: Settings) -> dict:
    """Two versions of one statistic that no rounding reconciles."""
    unit = preferred["unit"]
    kept, dropped = preferred["value"], other["value"]
    kept_text, dropped_text = explain.amount(kept, unit), explain.amount(dropped, unit)
    difference = abs(kept - dropped)
    relative = f" ({difference / abs(kept):.1%})" if kept else ""
    by_kept, by_dropped = explain.where(preferred["articles"]), explain.where(other["articles"])
    same_article = set(preferred["articles"]) == set(other["articles"]) and len(set(other["articles"])) == 1
    kind, status = "agreement", "conflict"
    cause = misprints.misprint(kept, preferred["half"], dropped, other["half"])  # else check()'s default
    if preferred["correction"] and not other["correction"]:
        kind, status = "revision", "revised"
        cause = misprints.CORRECTED if preferred["corrected"] else misprints.REVISED
        which = "a corrected story" if preferred["corrected"] else "a revised figure"
        by_kept = explain.where(preferred["corrected_articles"] or preferred["articles"])
        text = (f"{explain.sentence_case(label)}: {by_kept} ({which}) gives {kept_text}, while {by_dropped} "
                f"gave {dropped_text}; the correction replaces the earlier figure, and the facts "
                "table uses it.")
    elif other["provisional"] and not preferred["provisional"]:
        kind, status, cause = "revision", "revised", misprints.REVISED
        text = (f"{explain.sentence_case(label)}: the provisional {dropped_text} ({by_dropped}) was later "
                f"given as {kept_text} ({by_kept}); the facts table uses the later figure.")
    elif preferred["forecast"] == "forecast":
        kind, status, text = _forecasts(preferred, other, label)
        cause = misprints.REVISED
    elif same_article and (preferred["headline"] or other["headline"]):
        kind = "headline_vs_body"
        head, body = (kept_text, dropped_text) if preferred["headline"] else (dropped_text, kept_text)
        text = (f"In {by_kept} the headline gives {label} as {head} but the body gives {body}, "
                "more than rounding explains.")
    elif same_article and not _alike(kept, dropped, config.same_story_max_ratio):
        status = "unverifiable"
        text = (f"{by_kept} gives {kept_text} and {dropped_text} for what reads as {label}: too far "
                "apart to be one figure, most likely two statistics (a quarter and a year, two "
                "items) that nkextract cannot tell apart.")
    elif same_article:
        text = (f"{by_kept} states {label} as both {kept_text} and {dropped_text}, a difference of "
                f"{explain.amount(difference, unit)}{relative} beyond rounding.")
    else:
        text = (f"{explain.sentence_case(label)} is {kept_text} in {by_kept} but {dropped_text} in "
                f"{by_dropped}: a difference of {explain.amount(difference, unit)}{relative} "
                "that rounding does not explain.")
        text += _odd_one_out(preferred, other)
    if status == "conflict" and cause in misprints.MISPRINTS:
        text += " " + explain.misprint_words(cause, kept_text, dropped_text)
    tolerance = preferred["max_half"] + other["max_half"]
    return check(kind, status, [*preferred["claims"], *other["claims"]], text,
                 expected=kept, observed=dropped, tolerance=tolerance, statistic=label,
                 likely_cause=cause)


def _odd_one_out(preferred: dict, other: dict) -> str:
    """With three or more reports, which report stands alone against the others."""
    if preferred["n_reports"] >= 2 and other["n_reports"] == 1:
        return (f" {explain.where(other['articles'])} is the odd one out: "
                f"{preferred['n_reports']} independent reports give the other figure.")
    return ""


def _forecasts(preferred: dict, other: dict, label: str) -> tuple[str, str, str]:
    """Two forecasts of one target that differ: a revision when one was published later,
    otherwise two forecasters' views, which need not agree."""
    kept = explain.amount(preferred["value"], preferred["unit"])
    dropped = explain.amount(other["value"], other["unit"])
    by_kept, by_dropped = explain.where(preferred["articles"]), explain.where(other["articles"])
    if preferred["published"] != other["published"]:
        later, earlier = (preferred, other) if preferred["published"] > other["published"] else (other, preferred)
        later_text = kept if later is preferred else dropped
        earlier_text = dropped if later is preferred else kept
        return ("revision", "revised",
                f"The forecast of {label} was {earlier_text} ({explain.where(earlier['articles'])}) and "
                f"later {later_text} ({explain.where(later['articles'])}): a revised forecast, not a "
                "conflict.")
    return ("revision", "unverifiable",
            f"Forecasts of {label} differ: {kept} ({by_kept}) and {dropped} ({by_dropped}), given at the "
            "same time, most likely by different forecasters; forecasts need not agree.")


def agreement_checks(versions: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """Checks of every statistic stated more than once: one per version, one per conflict."""
    counts = versions.groupby("key")["n_claims"].transform("sum")
    stated_twice = versions[counts.to_numpy() > 1].sort_values(["key", "preferred"], ascending=[True, False])
    for _, group in groupby(records(stated_twice, VERSION_FIELDS), key=itemgetter("key")):
        group = list(group)
        preferred, others = group[0], group[1:]
        label = explain.statistic(statistic_row(preferred), config)
        for version in group:
            if version["n_claims"] > 1:
                yield _consistent(version, label)
        for version in others[: config.max_versions]:
            first, second = sorted((_partner(version, group, config), version), key=itemgetter("rank"))
            yield _conflict(first, second, label, config)


def _partner(version: dict, group: list[dict], config: Settings) -> dict:
    """The version a version is set against: the preferred one, unless that is far off
    and another story's version is near (a misread figure in one story must not hide
    two stories that state one statistic a little differently)."""
    preferred = group[0]
    if _alike(preferred["value"], version["value"], config.max_conflict_ratio):
        return preferred
    own = set(version["articles"])
    near = [v for v in group if v is not version and not own & set(v["articles"])
            and _alike(v["value"], version["value"], config.max_conflict_ratio)]
    if not near:
        return preferred
    return min(near, key=lambda v: (abs(v["value"] - version["value"]), v["rank"]))


def currency_checks(frame: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """Money figures of one statistic in different currencies: not compared without rates."""
    money = frame[(frame["kind"] == "money") & frame["unit"].notna()]
    if money.empty:
        return
    without_unit = [c for c in KEY_COLUMNS if c != "unit"]
    group_id = key_ids(money, without_unit)
    units = pd.Series(money["unit"].fillna("").to_numpy()).groupby(group_id).nunique()
    mixed = units[units > 1].index
    if mixed.empty:
        return
    selected = money[np.isin(group_id, mixed)].assign(_group=group_id[np.isin(group_id, mixed)])
    for _, group in selected.groupby("_group", sort=False):
        label = explain.statistic(group.iloc[0].to_dict(), config)
        stated = ", ".join(sorted({explain.amount(v, u) for v, u in zip(group["value"], group["unit"])}))
        text = (f"{explain.sentence_case(label)} is stated in different currencies ({stated}); they are not "
                "compared without an exchange-rate table (pass rates= with columns currency, "
                "rate_to_usd).")
        yield check("agreement", "unverifiable", group["claim_id"], text, statistic=label)


def share_checks(frame: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """A share of a whole outside 0-100% cannot be right."""
    shares = frame[(frame["role"] == "share") & (frame["unit"] == "%")]
    low = shares["low"].fillna(shares["value"])
    high = shares["high"].fillna(shares["value"])
    bad = shares[(low < 0) | (high > 100)]
    for _, claim in bad.iterrows():
        label = explain.statistic(claim.to_dict(), config)
        text = (f"{explain.sentence_case(label)} is given as {explain.amount(claim['value'], '%')} in "
                f"{claim['article'] or 'an unnamed article'}, but a share of a whole lies between 0 and 100%.")
        yield check("share", "conflict", [claim["claim_id"]], text, expected=None,
                    observed=claim["value"], tolerance=0.0, statistic=label)


def _alike(a: float, b: float, ratio: float) -> bool:
    """Are two figures of one sign within a factor ``ratio`` of each other?"""
    if a == b:
        return True
    if a * b <= 0:
        return False
    small, large = sorted((abs(a), abs(b)))
    return large <= ratio * small
