"""Re-score the judged agreements (tests/data/agreement_audit.jsonl) against a new run.

    python benchmarks/agreement_audit.py OUT_DIR [--corpus reuters21578|reuters0610]

Each judged row is a cross-story `consistent` check drawn at random from a run and read story
by story: ``one_statistic`` (the figures state one statistic) or ``two_statistics`` (with a
cause). Against OUT_DIR's checks.jsonl this prints, per corpus, the share of the judged
agreements still called consistent that link one statistic (the figure the issue asks to be
>= 90%), how many judged two_statistics agreements are still consistent, and how many judged
one_statistic ones are no longer linked.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit import rows  # noqa: E402  (the conflict audit's reader of judged rows)

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "agreement_audit.jsonl"


def still_consistent(judged: dict, consistent: list[frozenset]) -> bool:
    """Whether a consistent check of the run still links two or more of the judged claims."""
    claims = {c["claim_id"] if isinstance(c, dict) else c for c in judged["claims"]}
    return any(len(claims & c) >= 2 for c in consistent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--corpus", default=None, help="score only the rows of this corpus")
    args = ap.parse_args(argv)
    checks = rows(args.out_dir / "checks.jsonl")
    consistent = [frozenset(c["claims"]) for c in checks if c["status"] == "consistent"]
    tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for judged in rows(SAMPLE):
        if args.corpus and judged.get("corpus") != args.corpus:
            continue
        kept = still_consistent(judged, consistent)
        tally[judged.get("corpus", "?")][(judged["verdict"], kept)] += 1
    for corpus, counts in sorted(tally.items()):
        one, two = counts[("one_statistic", True)], counts[("two_statistics", True)]
        share = one / (one + two) if one + two else float("nan")
        print(f"{corpus}: judged {sum(counts.values())}; still consistent {one + two}, of them one statistic "
              f"{one} ({share:.0%}); two_statistics still consistent {two}; one_statistic no longer "
              f"linked {counts[('one_statistic', False)]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
