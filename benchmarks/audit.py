"""The conflict audit: how many flagged conflicts are real, re-scored after every change.

    python benchmarks/audit.py OUT_DIR                  # score tests/data/conflict_audit.jsonl
    python benchmarks/audit.py OUT_DIR --draw 20        # also draw 20 new conflicts to judge

OUT_DIR is the output of ``nkextract extract`` over the Reuters-21578 stories with NEWID
<= 8000 (the development half; never those above). The judged sample
(tests/data/conflict_audit.jsonl, one judged conflict per line: claims, verdict
``real``/``false``, cause, note) is scored with the shared auditor
(../shared/tools/audit_conflicts.py): a judged-false conflict still flagged counts against,
a judged-real one no longer flagged is lost. Printed: conflicts per 1,000 stories by kind,
the auditor's line, and the share of the judged conflicts still flagged that are real.
New draws skip conflicts already judged; judge them and append them to the sample.
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AUDITOR = REPO.parent / "shared" / "tools" / "audit_conflicts.py"
SAMPLE = REPO / "tests" / "data" / "conflict_audit.jsonl"


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def conflicts_by_kind(out: Path) -> tuple[collections.Counter, int]:
    """Conflicts per kind, and the number of stories in the run's manifest."""
    kinds = collections.Counter(c["kind"] for c in rows(out / "checks.jsonl") if c["status"] == "conflict")
    return kinds, len(rows(out / "manifest.jsonl"))


def still_flagged(sample: list[dict], out: Path) -> list[dict]:
    """The judged conflicts whose claims a conflict of the run still links (two or more)."""
    def key(claim_id: str) -> str:
        article, _, start = str(claim_id).rpartition(":")
        return f"{Path(article).name}:{start}"
    flagged = [{key(c) for c in check["claims"]} for check in rows(out / "checks.jsonl")
               if check["status"] == "conflict"]
    return [a for a in sample if any(len({key(c) for c in a["claims"]} & f) >= 2 for f in flagged)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--draw", type=int, default=0, help="draw this many new conflicts to judge")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not AUDITOR.exists():
        sys.exit(f"{AUDITOR} is missing: the audit needs ../shared beside the clone")
    kinds, stories = conflicts_by_kind(args.out)
    print(f"stories={stories} conflicts={sum(kinds.values())} "
          f"per_1000={1000 * sum(kinds.values()) / max(stories, 1):.1f}")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind}: {n} ({1000 * n / max(stories, 1):.1f} per 1,000 stories)")
    sample = rows(args.sample)
    subprocess.run([sys.executable, str(AUDITOR), "score", str(args.sample), str(args.out)], check=True)
    flagged = still_flagged(sample, args.out)
    real = sum(a["verdict"] == "real" for a in flagged)
    print(f"judged conflicts still flagged: {len(flagged)}, real: {real}"
          + (f" ({real / len(flagged):.0%})" if flagged else ""))
    if args.draw:
        subprocess.run([sys.executable, str(AUDITOR), "sample", str(args.out), "--n", str(args.draw),
                        "--seed", str(args.seed), "--skip", str(args.sample)], check=True)


if __name__ == "__main__":
    main()
