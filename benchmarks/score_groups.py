"""Score nkextract's cross-check against hand-judged groups of claims that state one statistic.

    python benchmarks/score_groups.py OUT_DIR [--groups FILE] [--part all|tuned|frozen]
        [--frozen LIST] [--json] [--show wrong|all]

OUT_DIR is a folder written by ``nkextract extract`` (``claims.jsonl`` and ``checks.jsonl``)
over a folder holding at least the groups' stories. The groups file
(``tests/data/conflict_groups.jsonl`` by default, described in ``conflict_groups.md``; the
modern groups are ``tests/data/modern_groups.jsonl``, frozen list ``modern_frozen_groups.txt``,
described in ``tests/test_modern_groups.py``) gives
each group its claims (article, character offset, text) and a verdict: ``agree``,
``rounding``, ``conflict``, ``revision``, ``forecast_vs_outcome`` or ``different``.

Each gold claim is mapped to the extracted claim of the same article whose [start, end)
overlaps it. The status the tool gave a group is read off the checks that link two of its
mapped claims: ``conflict`` if any of them is a conflict that sets two of the group's claims
against each other, else ``revised`` (a revision that does), else ``consistent``, else
``unverifiable``, else ``none`` (no check links them). A conflict or revision check lists
the claims of both versions it compares; when all of the group's claims in it sit on one
side (each closer to the same one of ``expected``/``observed``), the tool has put them in one
version and the conflict or revision is with a claim outside the group: for the group that
link is consistent (the outside pair is scored by the group it belongs to, if any). Right is
strict: agree/rounding -> consistent; conflict -> conflict; revision, forecast_vs_outcome and
different -> anything but conflict. A conflict on a group that is not a conflict is a false
alarm; ``none`` on an agree/rounding group is a miss (recall), not a false alarm.

The functions are imported by tests/test_conflict_groups.py, so the README's figures and the
test's floor come from the same code.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GROUPS = REPO / "tests" / "data" / "conflict_groups.jsonl"
FROZEN_GROUPS = REPO / "tests" / "data" / "frozen_groups.txt"

VERDICTS = ("agree", "rounding", "conflict", "revision", "forecast_vs_outcome", "different")
STATUSES = ("conflict", "revised", "consistent", "unverifiable", "none")
CONSISTENT_VERDICTS = frozenset({"agree", "rounding"})


@dataclass(frozen=True)
class GoldClaim:
    """One figure of a group, as written in its story."""

    article: str
    start: int
    text: str
    value: float
    unit: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Group:
    """Claims that a careful reader judged to state one statistic (or, for ``different``,
    to look like one), with the verdict on how they relate."""

    group: str
    statistic: str
    verdict: str
    claims: tuple[GoldClaim, ...]
    note: str = ""

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(claim.article for claim in self.claims)


class Span(NamedTuple):
    """Where an extracted claim sits in its article."""

    claim_id: str
    start: int
    end: int


class GroupResult(NamedTuple):
    """How the tool's checks treated one group."""

    group: str
    verdict: str
    status: str
    n_claims: int
    n_mapped: int
    right: bool
    false_alarm: bool
    checks: tuple[str, ...]


@dataclass
class Score:
    """All group results and the figures derived from them."""

    results: list[GroupResult] = field(default_factory=list)

    @property
    def share_right(self) -> float:
        return sum(r.right for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def false_alarms(self) -> list[GroupResult]:
        return [r for r in self.results if r.false_alarm]

    @property
    def conflicts_found(self) -> tuple[int, int]:
        """(real conflicts flagged, real conflicts annotated)."""
        real = [r for r in self.results if r.verdict == "conflict"]
        return sum(r.status == "conflict" for r in real), len(real)

    @property
    def consistent_linked(self) -> tuple[int, int]:
        """(agree/rounding groups the tool linked as consistent, agree/rounding groups)."""
        same = [r for r in self.results if r.verdict in CONSISTENT_VERDICTS]
        return sum(r.right for r in same), len(same)

    def by_verdict(self) -> dict[str, Counter]:
        """verdict -> Counter of the statuses the tool gave its groups."""
        table: dict[str, Counter] = {verdict: Counter() for verdict in VERDICTS}
        for result in self.results:
            table[result.verdict][result.status] += 1
        return {verdict: counts for verdict, counts in table.items() if counts}

    def as_dict(self) -> dict:
        found, real = self.conflicts_found
        return {
            "groups": len(self.results),
            "share_right": round(self.share_right, 4),
            "right": sum(r.right for r in self.results),
            "false_alarms": [r.group for r in self.false_alarms],
            "real_conflicts_found": found,
            "real_conflicts": real,
            "claims": sum(r.n_claims for r in self.results),
            "claims_mapped": sum(r.n_mapped for r in self.results),
            "by_verdict": {v: dict(c) for v, c in self.by_verdict().items()},
        }


# -- reading ------------------------------------------------------------------------------
def read_jsonl(path: str | Path) -> list[dict]:
    """The rows of a JSON-lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def group_of(row: dict) -> Group:
    """A Group from one line of the groups file."""
    claims = tuple(GoldClaim(c["article"], int(c["start"]), c["text"], float(c["value"]), c["unit"])
                   for c in row["claims"])
    return Group(row["group"], row["statistic"], row["verdict"], claims, row.get("note", ""))


def part_of(groups: list[Group], part: str, frozen_list: Path = FROZEN_GROUPS) -> list[Group]:
    """All groups, the frozen ones (scored, never read for rules), or the tuned rest."""
    if part == "all":
        return groups
    lines = frozen_list.read_text(encoding="utf-8").splitlines()
    frozen = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return [g for g in groups if (g.group in frozen) == (part == "frozen")]


def read_groups(path: str | Path = DEFAULT_GROUPS) -> list[Group]:
    """The annotated groups, in file order."""
    return [group_of(row) for row in read_jsonl(path)]


def claim_spans(claims: Iterable[dict]) -> dict[str, list[Span]]:
    """article -> the spans of its extracted claims (rows of claims.jsonl)."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for row in claims:
        spans[str(row["article"])].append(Span(str(row["claim_id"]), int(row["start"]), int(row["end"])))
    return spans


def checks_by_claim(checks: Iterable[dict]) -> dict[str, list[dict]]:
    """claim_id -> the checks that name it (rows of checks.jsonl)."""
    index: dict[str, list[dict]] = defaultdict(list)
    for check in checks:
        for claim_id in check.get("claims") or ():
            index[str(claim_id)].append(check)
    return index


# -- matching -----------------------------------------------------------------------------
def match_claim(gold: GoldClaim, spans: Sequence[Span]) -> str | None:
    """The extracted claim overlapping the gold figure most (ties: the nearer start), or None."""
    def overlap(span: Span) -> int:
        return min(span.end, gold.end) - max(span.start, gold.start)

    overlapping = [span for span in spans if overlap(span) > 0]
    if not overlapping:
        return None
    best = max(overlapping, key=lambda span: (overlap(span), -abs(span.start - gold.start)))
    return best.claim_id


def linking_checks(claim_ids: set[str], index: dict[str, list[dict]]) -> list[dict]:
    """The checks naming at least two distinct claims of the set."""
    seen: dict[str, dict] = {}
    for claim_id in claim_ids:
        for check in index.get(claim_id, ()):
            if len(claim_ids & {str(c) for c in check["claims"]}) >= 2:
                seen[str(check["check_id"])] = check
    return list(seen.values())


def _finite(number: object) -> bool:
    return isinstance(number, (int, float)) and math.isfinite(number)


def splits_group(check: dict, claim_ids: set[str], values: dict[str, float]) -> bool:
    """Whether a conflict or revision check sets two of the group's claims against each
    other: they sit on different sides (nearer ``expected`` or nearer ``observed``). Without
    the numbers to tell, it does."""
    expected, observed = check.get("expected"), check.get("observed")
    inside = [str(c) for c in check["claims"] if str(c) in claim_ids]
    if not (_finite(expected) and _finite(observed)) or expected == observed:
        return True
    if not all(_finite(values.get(c)) for c in inside):
        return True
    sides = {abs(values[c] - expected) <= abs(values[c] - observed) for c in inside}
    return len(sides) > 1


def link_status(check: dict, claim_ids: set[str], values: dict[str, float]) -> str:
    """The status one linking check gives the group: a conflict or revision that keeps all of
    the group's claims on one side treats them as one figure, and reads consistent."""
    status = str(check.get("status"))
    if status != "conflict" and check.get("kind") == "revision":
        status = "revised"
    if status in ("conflict", "revised") and not splits_group(check, claim_ids, values):
        return "consistent"
    return status


def group_status(statuses: Iterable[str]) -> str:
    """The status the tool gave a group, from the statuses of its links (see module doc)."""
    statuses = set(statuses)
    return next((status for status in STATUSES if status in statuses), "none")


def is_right(verdict: str, status: str) -> bool:
    """Whether the tool's status is the right one for a verdict (strict for agree/rounding)."""
    if verdict in CONSISTENT_VERDICTS:
        return status == "consistent"
    if verdict == "conflict":
        return status == "conflict"
    return status != "conflict"


# -- scoring ------------------------------------------------------------------------------
def score_group(group: Group, spans: dict[str, list[Span]], index: dict[str, list[dict]],
                values: dict[str, float]) -> GroupResult:
    """How the checks in ``index`` treated one group; values: claim_id -> extracted value."""
    mapped = {match_claim(claim, spans.get(claim.article, ())) for claim in group.claims}
    mapped.discard(None)
    checks = linking_checks(mapped, index)
    status = group_status(link_status(check, mapped, values) for check in checks)
    return GroupResult(group.group, group.verdict, status, len(group.claims), len(mapped),
                       is_right(group.verdict, status),
                       status == "conflict" and group.verdict != "conflict",
                       tuple(sorted(str(check["check_id"]) for check in checks)))


def score(groups: Sequence[Group], claims: Iterable[dict], checks: Iterable[dict]) -> Score:
    """Score every group against the rows of a claims and a checks table."""
    claims = list(claims)
    spans, index = claim_spans(claims), checks_by_claim(checks)
    values = {str(row["claim_id"]): row.get("value") for row in claims}
    return Score([score_group(group, spans, index, values) for group in groups])


def score_folder(out_dir: str | Path, groups: Sequence[Group] | None = None) -> Score:
    """Score the claims.jsonl and checks.jsonl that ``nkextract extract`` wrote to out_dir."""
    out = Path(out_dir)
    checks_path = out / "checks.jsonl"
    checks = read_jsonl(checks_path) if checks_path.exists() else []
    return score(groups if groups is not None else read_groups(), read_jsonl(out / "claims.jsonl"), checks)


# -- report -------------------------------------------------------------------------------
def verdict_table(result: Score) -> list[str]:
    """One line per verdict: groups, right, and how many got each status."""
    lines = [f"{'verdict':<20} {'groups':>6} {'right':>6}  " + "  ".join(f"{s:>12}" for s in STATUSES)]
    for verdict, counts in result.by_verdict().items():
        right = sum(r.right for r in result.results if r.verdict == verdict)
        lines.append(f"{verdict:<20} {sum(counts.values()):>6} {right:>6}  "
                     + "  ".join(f"{counts.get(s, 0):>12}" for s in STATUSES))
    return lines


def group_lines(results: Iterable[GroupResult]) -> list[str]:
    """One line per group: id, verdict, the tool's status, claims mapped, false alarm."""
    lines = [f"{'group':<40} {'verdict':<20} {'status':<12} mapped"]
    lines += [f"{r.group:<40} {r.verdict:<20} {r.status:<12} {r.n_mapped}/{r.n_claims}"
              + ("  FALSE ALARM" if r.false_alarm else "") for r in results]
    return lines


def report(result: Score, show: str = "wrong") -> str:
    """A plain-text report: per-verdict statuses, share right, false alarms, conflicts found;
    show: list ``wrong`` groups, ``all`` or ``none``."""
    summary = result.as_dict()
    found, real = result.conflicts_found
    lines = verdict_table(result) + [
        "",
        f"share right: {summary['right']}/{summary['groups']} = {result.share_right:.1%} (target >= 90%)",
        f"false alarms (conflict on a non-conflict group): {len(result.false_alarms)}",
        f"real conflicts found: {found}/{real}",
        f"gold claims mapped to an extracted claim: {summary['claims_mapped']}/{summary['claims']}"]
    listed = [r for r in result.results if show == "all" or (show == "wrong" and not r.right)]
    return "\n".join(lines + ([""] + group_lines(listed) if listed else []))


def linked_lines(result: Score) -> list[str]:
    """Issue 19's three figures: consistent groups linked right, conflicts found, false alarms."""
    linked, same = result.consistent_linked
    found, real = result.conflicts_found
    share = f"{linked / same:.1%}" if same else "n/a"
    return [f"consistent groups (agree/rounding) linked right: {linked}/{same} = {share} (target >= 80%)",
            f"conflicts found: {found}/{real}; false alarms: {len(result.false_alarms)} (target 0)"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder written by `nkextract extract`")
    parser.add_argument("--groups", type=Path, default=DEFAULT_GROUPS, help="groups file (JSON lines)")
    parser.add_argument("--part", choices=("all", "tuned", "frozen"), default="all",
                        help="score the frozen groups (listed in --frozen) or the others")
    parser.add_argument("--frozen", type=Path, default=None,
                        help="list of frozen group ids (default tests/data/frozen_groups.txt; "
                             "tests/data/modern_frozen_groups.txt for modern_groups.jsonl)")
    parser.add_argument("--linked", action="store_true",
                        help="also print the share of agree/rounding groups linked as consistent")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--show", choices=("wrong", "all", "none"), default="wrong",
                        help="which groups to list one per line")
    args = parser.parse_args(argv)
    if not (args.out_dir / "claims.jsonl").exists():
        print(f"score_groups: {args.out_dir}/claims.jsonl not found; run `nkextract extract DIR --out "
              f"{args.out_dir}` first", file=sys.stderr)
        return 2
    frozen = args.frozen or (FROZEN_GROUPS.with_name("modern_frozen_groups.txt")
                             if args.groups.name == "modern_groups.jsonl" else FROZEN_GROUPS)
    result = score_folder(args.out_dir, part_of(read_groups(args.groups), args.part, frozen))
    summary = result.as_dict()
    if args.json and args.linked:
        summary["consistent_linked"], summary["consistent_groups"] = result.consistent_linked
    print(json.dumps(summary, indent=2) if args.json else report(result, args.show))
    if args.linked and not args.json:
        print("\n".join([""] + linked_lines(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
