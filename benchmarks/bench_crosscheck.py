"""Time and peak memory of ``nkextract.cross_check`` on synthetic claims tables.

    python benchmarks/bench_crosscheck.py [--sizes 10000 100000 1000000] [--seed 0]

Each size runs in a fresh subprocess, so its peak resident memory (``ru_maxrss``, which
includes the synthetic table itself) is its own. Synthetic claims: statistics of trade
flows between 60 countries (exports, imports, two-way trade, balances; some product
breakdowns; months and years), each stated by one to five articles in varied precision
(``$1.27 million``, ``$1,273,000``), with level/% change/prior-level triples, headline
roundings, syndicated copies and about 2% conflicting figures. Output is Markdown.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

COUNTRIES = [f"C{i:02d}" for i in range(60)]
METRICS = np.array(["exports", "exports", "imports", "trade", "trade_balance", "revenue"])
PRODUCTS = np.array([None] * 8 + ["oil", "steel", "coal", "rice"], dtype=object)


def _written(values: np.ndarray, style: np.ndarray) -> list[str]:
    """Figures as a wire story writes them, in one of three styles of precision."""
    out = []
    for v, s in zip(values, style):
        sign = "-" if v < 0 else ""
        v = abs(v)
        if s == 0:
            out.append(f"{sign}${v:,.0f}")
        elif s == 1 and v >= 1e6:
            out.append(f"{sign}${v / 1e6:.2f} million")
        else:
            out.append(f"{sign}${float(f'{v:.3g}'):,.0f}")
    return out


def synthetic_claims(n: int, seed: int = 0) -> pd.DataFrame:
    """n synthetic claims (CONTRACT.md columns) about n // 3 statistics."""
    rng = np.random.default_rng(seed)
    n_stats = max(1, n // 3)
    origin = rng.integers(0, len(COUNTRIES), n_stats)
    destination = (origin + rng.integers(1, len(COUNTRIES), n_stats)) % len(COUNTRIES)
    metric = METRICS[rng.integers(0, len(METRICS), n_stats)]
    product = PRODUCTS[rng.integers(0, len(PRODUCTS), n_stats)]
    year = rng.integers(1990, 2021, n_stats)
    month = rng.integers(0, 13, n_stats)  # 0: the whole year
    period = np.where(month == 0, year.astype(str),
                      [f"{y}-{m:02d}" for y, m in zip(year, month)])
    truth = np.exp(rng.normal(15, 3, n_stats)).round()
    truth = np.where(metric == "trade_balance", truth * rng.choice([-1, 1], n_stats), truth)
    role = np.where(rng.random(n_stats) < 0.2, "change", "level")
    change = rng.normal(0, 30, n_stats).round(1)

    stat = rng.integers(0, n_stats, n)
    n_articles = max(1, n // 8)
    article = rng.integers(0, n_articles, n)
    style = rng.integers(0, 3, n)
    value = truth[stat]
    conflict = rng.random(n) < 0.02
    value = np.where(conflict, (value * 1.2).round(), value)
    is_change = role[stat] == "change"
    level_text = _written(value, style)
    text = [f"{abs(c):g}%" if ch else t for c, ch, t in zip(change[stat], is_change, level_text)]
    value = np.where(is_change, change[stat], value)
    start = rng.integers(0, 5000, n)
    sentence = [f"Statistic {s} reached {t} in article {a}." for s, t, a in zip(stat, text, article)]
    return pd.DataFrame({
        "claim_id": [f"a{a}.txt:{s}:{i}" for i, (a, s) in enumerate(zip(article, start))],
        "article": [f"a{a}.txt" for a in article], "published": "2020-12-27", "start": start,
        "end": start + 8, "text": text, "kind": np.where(is_change, "percent", "money"),
        "value": value, "unit": np.where(is_change, "%", "USD"), "low": np.nan, "high": np.nan,
        "qualifier": None, "role": role[stat], "metric": metric[stat],
        "origin": np.array(COUNTRIES)[origin[stat]], "destination": np.array(COUNTRIES)[destination[stat]],
        "product": product[stat], "period": period[stat],
        "basis": np.where(is_change, "previous_period", None), "source": "customs", "via": None,
        "cue": None, "sentence": sentence,
    })


def run_one(n: int, seed: int) -> dict:
    import nkextract

    claims = synthetic_claims(n, seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began, began_cpu = time.perf_counter(), time.process_time()
    facts, checks = nkextract.cross_check(claims)
    seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"n": n, "seconds": seconds, "cpu": cpu, "peak_mib": peak / 1024, "input_mib": rss_before / 1024,
            "facts": len(facts), "checks": len(checks),
            "conflicts": int((checks["status"] == "conflict").sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    print(f"# cross_check benchmark\n\n{platform.platform()}, Python {platform.python_version()}, "
          f"pandas {pd.__version__}\n")
    print("| claims | wall s | CPU s | peak RSS MiB | RSS before MiB | facts | checks | conflicts | "
          "CPU-time ratio | size ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    previous = None
    for n in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                              capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        ratio = f"{r['cpu'] / previous['cpu']:.1f}" if previous else ""
        size = f"{n / previous['n']:.0f}" if previous else ""
        print(f"| {n:,} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['peak_mib']:.0f} | {r['input_mib']:.0f} | "
              f"{r['facts']:,} | {r['checks']:,} | {r['conflicts']:,} | {ratio} | {size} |")
        previous = r
    print("\npeak RSS is the whole subprocess (synthetic table included); times are cross_check only "
          "(wall clock, and CPU time of the process, which is what the machine's load does not inflate).")


if __name__ == "__main__":
    main()
