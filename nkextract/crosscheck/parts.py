"""sum_of_parts: components against their total, for flows that add up.

- a product breakdown (cosmetics + soap + ...) cannot exceed the total of the same flow;
  the parts named need not be all of it;
- two-way trade is the flow one way plus the flow the other way; a balance is the flow
  out minus the flow in (``flow_total`` of a metric in models/lexicons/metrics.json);
- a total the text says *excludes* a part ("This figure excludes $1.1 million of
  electricity") is tried both with and without that part.

Versions are looked up by key in dictionaries: no pairs of claims are enumerated.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

import numpy as np
import pandas as pd

from . import explain
from .frames import records
from .settings import Settings
from .output import check

FLOW_KEY = ["subject_id", "metric", "origin", "destination", "period", "unit", "per", "forecast"]


def _levels(versions: pd.DataFrame, config: Settings) -> list[dict]:
    usable = versions[(versions["rank"] < config.max_versions) & (versions["role"] == "level")
                      & np.isfinite(versions["value"]) & ~versions["unit"].isin(["%", "pp"])]
    usable = usable[usable["metric"].map(lambda m: config.is_non_negative(m)
                                         or config.base_metric(m) in config.flow_totals).astype(bool)]
    fields = FLOW_KEY + ["product", "role", "rank", "excluded", "value", "lo", "hi", "claims", "articles"]
    rows = records(usable.sort_values("rank"), fields)
    for r in rows:
        for c in FLOW_KEY + ["product"]:
            r[c] = r[c] or ""
    return rows


def _sum(rows: list[dict]) -> tuple[float, float, float]:
    return (sum(r["value"] for r in rows), sum(r["lo"] for r in rows), sum(r["hi"] for r in rows))


def _named(row: dict, unit: str) -> str:
    what = row["product"] or row["metric"]
    return f"{what} {explain.amount(row['value'], unit)}"


def breakdown_checks(levels: list[dict], config: Settings) -> Iterator[dict]:
    """Named parts (products) of a flow against the flow's total."""
    totals: dict[tuple, list[dict]] = defaultdict(list)
    parts: dict[tuple, list[dict]] = defaultdict(list)
    for r in levels:
        if not config.is_non_negative(r["metric"]):
            continue
        key = tuple(r[c] for c in FLOW_KEY)
        if not r["product"]:
            totals[key].append(r)
        elif r["rank"] == 0 and not r["excluded"]:
            parts[key].append(r)
    for key in sorted(set(totals) & set(parts)):
        for total in totals[key]:
            yield _breakdown(total, sorted(parts[key], key=lambda r: r["product"]), config)


def _breakdown(total: dict, parts: list[dict], config: Settings) -> dict:
    unit = total["unit"]
    label = explain.statistic({**total, "product": None, "role": "level"}, config)
    value, lo, hi = _sum(parts)
    named = " + ".join(_named(p, unit) for p in parts)
    claims = [c for p in parts for c in p["claims"]] + total["claims"]
    stated = f"{explain.amount(total['value'], unit)} ({explain.where(total['articles'])})"
    if lo > total["hi"]:
        text = (f"The parts of {label} named ({named}) add up to {explain.amount(value, unit)}, "
                f"more than the total of {stated}.")
        status = "conflict"
    elif hi >= total["lo"]:
        text = f"The parts of {label} ({named}) add up to the total of {stated}."
        status = "consistent"
    else:
        share = value / total["value"] if total["value"] else float("nan")
        text = (f"The parts of {label} named ({named}) come to {explain.amount(value, unit)}, "
                f"{share:.0%} of the total of {stated}; the rest is not itemised.")
        status = "consistent"
    return check("sum_of_parts", status, claims, text, expected=total["value"], observed=value,
                 tolerance=(total["hi"] - total["lo"]) / 2 if np.isfinite(total["hi"] - total["lo"]) else None,
                 statistic=label)


def flow_total_checks(levels: list[dict], config: Settings) -> Iterator[dict]:
    """Two-way totals and balances against the flows each way."""
    index: dict[tuple, list[dict]] = defaultdict(list)
    excluded: dict[tuple, list[dict]] = defaultdict(list)
    for r in levels:
        key = (r["metric"], r["origin"], r["destination"], r["product"], r["period"], r["unit"])
        index[key].append(r)
        if r["excluded"] and r["rank"] == 0 and r["product"]:
            excluded[(r["metric"], r["origin"], r["destination"], r["period"], r["unit"])].append(r)
    for total in levels:
        base = config.base_metric(total["metric"])
        rule = config.flow_totals.get(base)
        if rule is None or not total["origin"] or not total["destination"]:
            continue
        suffix = total["metric"][len(base):]
        ways = []
        for origin, destination in ((total["origin"], total["destination"]),
                                    (total["destination"], total["origin"])):
            found = None
            for flow in rule["flows"]:
                metric = flow + suffix
                found = next(iter(index.get((metric, origin, destination, total["product"],
                                              total["period"], total["unit"]), [])), None)
                if found is not None:
                    extra = [] if total["product"] else excluded.get(
                        (metric, origin, destination, total["period"], total["unit"]), [])
                    ways.append((found, extra))
                    break
            if found is None:
                ways.append(None)
        if rule["kind"] == "sum" and any(ways):
            yield _two_way(total, [w for w in ways if w], config)
        elif rule["kind"] == "difference" and all(ways):
            yield _balance(total, ways[0][0], ways[1][0], config)


def _two_way(total: dict, ways: list[tuple[dict, list[dict]]], config: Settings) -> dict:
    unit = total["unit"]
    label = explain.statistic({**total, "role": "level"}, config)
    flows = [flow for flow, _ in ways]
    extras = [e for _, extra in ways for e in extra]
    stated = f"{explain.amount(total['value'], unit)} ({explain.where(total['articles'])})"
    named = " plus ".join(
        f"{explain.statistic({**f, 'product': None, 'period': None, 'role': 'level'}, config)} "
        f"{explain.amount(f['value'], unit)}" for f in flows)
    attempts = [(flows, "")]
    if extras:
        excluded = " and ".join(f"{explain.amount(e['value'], unit)} of {e['product']}" for e in extras)
        attempts.append((flows + extras, f", with the {excluded} that a stated figure excludes,"))
    claims = [c for r in [total, *flows, *extras] for c in r["claims"]]
    complete = len(flows) == 2
    for rows, note in attempts:
        value, lo, hi = _sum(rows)
        fits = lo <= total["hi"] and (hi >= total["lo"] or not complete)
        if fits:
            break
    verb = "add up to" if complete else "do not exceed"
    if fits:
        text = f"{explain.sentence_case(named)}{note} make {explain.amount(value, unit)}, which fits {label}: {stated}."
        if not complete:
            text = f"{explain.sentence_case(named)} does not exceed {label}: {stated}."
        status = "consistent"
    else:
        text = (f"{explain.sentence_case(named)} make {explain.amount(value, unit)}, which does not {verb.split()[0]} "
                f"{label} as stated, {stated}"
                + (f", even with the {explain.amount(sum(e['value'] for e in extras), unit)} a stated "
                   "figure excludes." if extras else "."))
        status = "conflict"
    return check("sum_of_parts", status, claims, text, expected=total["value"], observed=value,
                 tolerance=(total["hi"] - total["lo"]) / 2 if np.isfinite(total["hi"] - total["lo"]) else None,
                 statistic=label)


def _balance(total: dict, out: dict, back: dict, config: Settings) -> dict:
    unit = total["unit"]
    label = explain.statistic({**total, "role": "level"}, config)
    value = out["value"] - back["value"]
    lo, hi = out["lo"] - back["hi"], out["hi"] - back["lo"]
    fits = max(lo, total["lo"]) <= min(hi, total["hi"])
    text = (f"Flows of {explain.amount(out['value'], unit)} out and {explain.amount(back['value'], unit)} "
            f"back give a balance of {explain.amount(value, unit)}; {label} is stated as "
            f"{explain.amount(total['value'], unit)} ({explain.where(total['articles'])})"
            + (", which fits." if fits else ", which does not fit."))
    return check("sum_of_parts", "consistent" if fits else "conflict",
                 [*total["claims"], *out["claims"], *back["claims"]], text,
                 expected=total["value"], observed=value, statistic=label)


def sum_of_parts_checks(versions: pd.DataFrame, config: Settings) -> Iterator[dict]:
    """All sum_of_parts checks over the versions of level statistics."""
    levels = _levels(versions, config)
    yield from breakdown_checks(levels, config)
    yield from flow_total_checks(levels, config)
