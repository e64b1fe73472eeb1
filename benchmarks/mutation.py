"""Mutation test of extraction + cross-checking on the seed articles.

    python benchmarks/mutation.py [--factor 1.07]

For every gold seed claim, the figure is changed in the article's text by at least 5%
(same number of characters, so no other offset moves), the article is extracted again
with ``nkextract.extract`` and everything is cross-checked with ``nkextract.cross_check``.
A mutation is *constrained* when, before the change, some check of two or more claims
included the claim; it is *caught* when a conflict after the change names it. New
conflicts that do not name the mutated claim are counted as collateral. Since one story is
never taken to contradict itself (crosscheck/certainty.py), the figures constrained by a
check across stories (or by their own headline) are counted apart: only those can be caught,
and of those only the ones pinned both ways (an equality with another story's figure, not a
bound: "more than 90%" admits the mutated "more than 96%" as a true statement).
Output is Markdown.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd

import nkextract

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: Checks that pin a figure from both sides (equalities, not bounds).
TWO_SIDED = frozenset({"agreement", "rounding", "headline_vs_body", "implied_value"})


def mutate_number(token: str, factor: float) -> str | None:
    """The written number scaled by factor (or its inverse), same length, >= 5% away."""
    decimals = len(token.split(".", 1)[1]) if "." in token else 0
    old = float(token.replace(",", ""))
    if old == 0:
        return None
    for scale in (factor, 2 - factor, factor + 0.05, 1 - (factor - 1) - 0.05):
        new = round(old * scale, decimals)
        step = 10 ** -decimals
        while abs(new / old - 1) < 0.05:
            new += step if scale > 1 else -step
        text = f"{new:,.{decimals}f}" if "," in token else f"{new:.{decimals}f}"
        if len(text) == len(token) and new > 0:
            return text
    return None


def mutate(text: str, start: int, end: int, factor: float) -> str | None:
    """The article with the last number inside [start, end) changed."""
    span = text[start:end]
    matches = list(NUMBER.finditer(span))
    if not matches:
        return None
    match = matches[-1]
    new = mutate_number(match.group(), factor)
    if new is None:
        return None
    return text[: start + match.start()] + new + text[start + match.end():]


def conflicts(checks: pd.DataFrame) -> list[frozenset]:
    found = checks[checks["status"] == "conflict"]
    return [frozenset(c) for c in found["claims"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=float, default=1.07)
    args = parser.parse_args()
    gold = [json.loads(line) for line in (SHARED / "gold" / "seeds.jsonl").read_text().splitlines() if line.strip()]
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus" / "seeds").glob("*.txt"))}
    published = {g["article"]: g["published"] for g in gold if g.get("published")}
    nlp = nkextract.load()
    base_claims = {name: nkextract.extract({name: text}, nlp=nlp, published=published)
                   for name, text in texts.items()}
    baseline = pd.concat(base_claims.values(), ignore_index=True)
    _, base_checks = nkextract.cross_check(baseline)
    base_conflicts = set(conflicts(base_checks))
    linked = {c for claims in base_checks["claims"] if len(claims) > 1 for c in claims}
    # A conflict is never called inside one story (a story at odds with itself is read as
    # two statistics), except a headline against its body: these are the constraints a
    # changed figure can be caught by.
    across = {c for kind, claims in zip(base_checks["kind"], base_checks["claims"])
              if len({x.rsplit(":", 1)[0] for x in claims}) > 1 or kind == "headline_vs_body"
              for c in claims}
    # Constrained in both directions: a check that pins the figure to another story's (an
    # agreement, a rounding, a headline against its body, an implied value), so a change
    # up or down breaks it. A part below its whole (subperiod, sum of parts) binds it one
    # way only: a lower figure stays consistent, and no checker could catch it.
    # A bound ("more than 90%") pins nothing either way: another bound or a figure above it
    # stays consistent with it after any change that keeps it a bound, so it is left out.
    bounds = set(baseline.loc[baseline["qualifier"].fillna("").astype(str)
                              .str.contains("more_than|less_than"), "claim_id"])
    both_ways = {c for kind, status, claims in zip(base_checks["kind"], base_checks["status"], base_checks["claims"])
                 if kind in TWO_SIDED and status == "consistent"
                 and (len({x.rsplit(":", 1)[0] for x in claims}) > 1 or kind == "headline_vs_body")
                 for c in claims} - bounds
    print(f"# Mutation test (factor {args.factor})\n")
    print(f"baseline: {len(baseline)} claims extracted from {len(texts)} seed articles, "
          f"{len(base_checks)} checks, {len(base_conflicts)} conflicts\n")
    print("| claim | was | now | extracted | constrained | both ways | caught | collateral conflicts |")
    print("| --- | --- | --- | --- | --- | --- | --- | ---: |")
    totals = {"mutations": 0, "extracted": 0, "constrained": 0, "caught": 0, "collateral": 0,
              "across": 0, "caught_across": 0, "both_ways": 0, "caught_both_ways": 0}
    for g in gold:
        name, cid = g["article"], f"{g['article']}:{g['start']}"
        changed = mutate(texts[name], g["start"], g["end"], args.factor)
        if changed is None:
            print(f"| {cid} | {g['text']} | (not mutable) | | | | | |")
            continue
        totals["mutations"] += 1
        claims = pd.concat([*(c for n, c in base_claims.items() if n != name),
                            nkextract.extract({name: changed}, nlp=nlp, published=published)],
                           ignore_index=True)
        _, checks = nkextract.cross_check(claims)
        extracted = cid in set(claims["claim_id"])
        constrained = cid in linked
        new = [c for c in conflicts(checks) if c not in base_conflicts]
        caught = any(cid in c for c in new)
        collateral = sum(cid not in c for c in new)
        totals["extracted"] += extracted
        totals["constrained"] += constrained
        totals["caught"] += caught and constrained
        totals["across"] += cid in across
        totals["caught_across"] += caught and cid in across
        totals["collateral"] += collateral
        totals["both_ways"] += cid in both_ways
        totals["caught_both_ways"] += caught and cid in both_ways
        print(f"| {cid} | {g['text']} | {changed[g['start']:g['end']]} | {extracted} | {constrained} | "
              f"{cid in both_ways} | {caught} | {collateral} |")
    share = totals["caught"] / totals["constrained"] if totals["constrained"] else float("nan")
    print(f"\nmutations={totals['mutations']} extracted={totals['extracted']} "
          f"constrained={totals['constrained']} caught={totals['caught']} "
          f"share_caught={share:.0%} collateral_conflicts={totals['collateral']}")
    share_across = totals["caught_across"] / totals["across"] if totals["across"] else float("nan")
    print(f"constrained_across_stories={totals['across']} caught={totals['caught_across']} "
          f"share_caught_across={share_across:.0%}")

    share_both = totals["caught_both_ways"] / totals["both_ways"] if totals["both_ways"] else float("nan")
    print(f"constrained_across_stories_both_ways={totals['both_ways']} caught={totals['caught_both_ways']} "
          f"share_caught_both_ways={share_both:.0%}")


if __name__ == "__main__":
    main()
