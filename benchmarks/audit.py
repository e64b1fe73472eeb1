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


def _key(claim_id: str) -> str:
    article, _, start = str(claim_id).rpartition(":")
    return f"{Path(article).name}:{start}"


def judged_flags(sample: list[dict], out: Path) -> tuple[int, int, int]:
    """Of the run's conflicts: how many there are, and how many of them were judged real
    and false (a conflict is judged when a judged line names exactly its claims)."""
    verdicts = {frozenset(_key(c) for c in a["claims"]): a["verdict"] for a in sample}
    flagged = [frozenset(_key(c) for c in check["claims"]) for check in rows(out / "checks.jsonl")
               if check["status"] == "conflict"]
    found = [verdicts.get(claims) for claims in flagged]
    return len(flagged), found.count("real"), found.count("false")


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
    flagged, real, false = judged_flags(sample, args.out)
    print(f"conflicts flagged: {flagged}, judged real: {real}, judged false: {false}, "
          f"not judged yet: {flagged - real - false}"
          + (f"; real among judged: {real / (real + false):.0%}" if real + false else ""))
    if args.draw:
        subprocess.run([sys.executable, str(AUDITOR), "sample", str(args.out), "--n", str(args.draw),
                        "--seed", str(args.seed), "--skip", str(args.sample)], check=True)


if __name__ == "__main__":
    main()
