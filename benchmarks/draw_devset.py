"""Draw the development set of Reuters-21578 stories to annotate, at random within strata.

    python benchmarks/draw_devset.py ../shared/corpus/reuters21578 --seed 17 > tests/data/devset_stories.txt

Only stories with NEWID <= 8000 are eligible (the rest are held out), and not those already
in tests/data/reuters_gold.jsonl. A story is put in the first stratum whose test it passes
(corrections, forecasts, balance sheets, earnings tables, offers and mergers, country
statistics, central bank and money market, commodities, other), judged from the metadata's
topics and title and the text's table rows; the draw inside a stratum ranks stories by
sha256(seed:file), so anyone can redraw it. Stories must hold 2 to 25 money or percentage
figures and at most 3,000 characters, so that each can be annotated by reading it whole.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIGURE = re.compile(r"\d[\d,.]*\s*(?:pct|percent|%|mln|billion|dlrs?|cts|stg|yen|marks?|francs?)",
                    re.IGNORECASE)
COUNTRY_TOPICS = {"trade", "bop", "money-supply", "cpi", "gnp", "ipi", "jobs", "wpi", "retail",
                  "housing", "income", "reserves", "lei", "instal-debt", "capacity"}
MONEY_MARKET_TOPICS = {"money-fx", "interest", "dlr", "yen", "dmk", "stg"}
#: (stratum, how many to draw); the order is the order of the tests in ``stratum_of``.
QUOTAS = (("correction", 12), ("forecast", 10), ("balance_sheet", 10), ("earnings_table", 12),
          ("offer_merger", 10), ("country_statistics", 12), ("money_market", 10),
          ("commodity", 10), ("other", 4))


def stratum_of(row: dict, text: str) -> str:
    title, topics = row["title"].upper(), set(filter(None, row["topics"].split(";")))
    if "CORRECTED" in title or "CORRECTION" in title:
        return "correction"
    if re.search(r"\b(FORECAST|SEES?|EXPECTS?|OUTLOOK|PREDICTS?|PROJECTS?)\b", title):
        return "forecast"
    if re.search(r"^\s*(Loans|Deposits|Assets|Total assets|Reserves)\b", text, re.M):
        return "balance_sheet"
    if "earn" in topics and re.search(r"\bvs\b", text):
        return "earnings_table"
    if "acq" in topics:
        return "offer_merger"
    if topics & COUNTRY_TOPICS:
        return "country_statistics"
    if topics & MONEY_MARKET_TOPICS:
        return "money_market"
    return "commodity" if topics - {"earn"} else "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--seed", type=int, required=True)
    args = ap.parse_args(argv)
    gold = REPO / "tests" / "data" / "reuters_gold.jsonl"
    annotated = {json.loads(line)["article"] for line in gold.open(encoding="utf-8")}
    with open(args.corpus / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if int(r["newid"]) <= 8000 and r["file"] not in annotated]
    strata: dict[str, list[str]] = {name: [] for name, _ in QUOTAS}
    for row in rows:
        text = (args.corpus / row["file"]).read_text(encoding="utf-8", errors="replace")
        if len(text) <= 3000 and 2 <= len(FIGURE.findall(text)) <= 25:
            strata[stratum_of(row, text)].append(row["file"])
    print(f"# development set: seed={args.seed}, NEWID <= 8000, drawn within strata "
          "(benchmarks/draw_devset.py); stratum<TAB>file")
    for name, quota in QUOTAS:
        ranked = sorted(strata[name], key=lambda x: hashlib.sha256(f"{args.seed}:{x}".encode()).hexdigest())
        for item in sorted(ranked[:quota], key=lambda x: int(x.split(".")[0])):
            print(f"{name}\t{item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
