"""Hand-judged groups of claims that state one statistic across Reuters stories, and the
cross-check's treatment of them (issue 11, "Conflict groups").

The groups (tests/data/conflict_groups.jsonl, notes in conflict_groups.md) name story files of
../shared/corpus/reuters21578 with NEWID <= 8000; the stories are read from there, never copied
into the project. benchmarks/score_groups.py scores an extracted folder against them; the
end-to-end test runs the pipeline over the groups' stories only.
"""
from __future__ import annotations

import csv
import importlib.util
import math
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
GROUPS = REPO / "tests" / "data" / "conflict_groups.jsonl"
CORPUS = Path("corpus") / "reuters21578"

#: Share of groups given the right status: just under what the cross-check reaches (README);
#: raise it as the cross-check improves. Issue 11 reached 0.90 on its 165 groups; the 50
#: groups of issue 18 (18 real conflicts, a third frozen) brought the whole set to 0.83, and
#: the claim rules of issue 17 (periods, measures) to 0.80 (README); copies of one table
#: that differ by a misprint and one source's basis to 0.805 over the groups' own stories.
SHARE_RIGHT_FLOOR = 0.80
#: Conflicts flagged on `different` / `forecast_vs_outcome` groups: at most this many (a
#: ratchet: lower it as the cross-check improves). Target 0 (issue 11).
MAX_FALSE_ALARMS_NOT_SAME = 0


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_groups", REPO / "benchmarks" / "score_groups.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module      # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return _load_scorer()


@pytest.fixture(scope="module")
def groups(scorer) -> list:
    return scorer.read_groups(GROUPS)


# -- the data file ------------------------------------------------------------------------
def test_groups_cover_enough_statistics_and_stories(groups, scorer):
    stories = {claim.article for group in groups for claim in group.claims}
    verdicts = {group.verdict for group in groups}
    assert len(groups) >= 40
    assert len(stories) >= 25
    assert len({group.group for group in groups}) == len(groups), "group ids must be unique"
    assert verdicts <= set(scorer.VERDICTS)
    assert {"agree", "rounding", "conflict", "revision", "forecast_vs_outcome", "different"} <= verdicts
    assert sum(len(group.articles) > 1 for group in groups) >= 40, "most groups span stories"


def test_every_story_is_at_or_below_newid_8000(groups):
    for group in groups:
        for claim in group.claims:
            assert claim.article.endswith(".txt") and int(Path(claim.article).stem) <= 8000, \
                f"{group.group}: {claim.article} is above NEWID 8000 (held out)"


def test_every_group_has_distinct_well_formed_claims(groups):
    for group in groups:
        assert len(group.claims) >= 2, group.group
        assert len({(c.article, c.start) for c in group.claims}) == len(group.claims), group.group
        assert group.statistic and group.note, group.group
        for claim in group.claims:
            assert claim.text.strip() and claim.unit and math.isfinite(claim.value), (group.group, claim)


def test_offsets_point_at_the_figures(groups, shared):
    texts: dict[str, str] = {}
    for group in groups:
        for claim in group.claims:
            if claim.article not in texts:
                texts[claim.article] = (shared / CORPUS / claim.article).read_text(encoding="utf-8")
            text = texts[claim.article]
            assert text[claim.start:claim.end] == claim.text, (group.group, claim)


# -- the scorer's rules -------------------------------------------------------------------
@pytest.mark.parametrize("verdict,status,right", [
    ("agree", "consistent", True), ("agree", "none", False), ("agree", "conflict", False),
    ("rounding", "consistent", True), ("rounding", "unverifiable", False),
    ("conflict", "conflict", True), ("conflict", "unverifiable", False), ("conflict", "none", False),
    ("revision", "revised", True), ("revision", "none", True), ("revision", "conflict", False),
    ("forecast_vs_outcome", "unverifiable", True), ("forecast_vs_outcome", "conflict", False),
    ("different", "none", True), ("different", "consistent", True), ("different", "conflict", False),
])
def test_right_status_for_each_verdict(scorer, verdict, status, right):
    assert scorer.is_right(verdict, status) is right


@pytest.mark.parametrize("statuses,expected", [
    (["consistent", "conflict", "unverifiable"], "conflict"),
    (["unverifiable", "revised"], "revised"),
    (["unverifiable", "consistent"], "consistent"),
    (["unverifiable"], "unverifiable"),
    ([], "none"),
])
def test_group_status_takes_the_strongest_link(scorer, statuses, expected):
    assert scorer.group_status(statuses) == expected


@pytest.mark.parametrize("spans,expected", [
    ([(0, 5), (10, 18)], "a.txt:10"),             # overlaps the second span only
    ([(8, 12), (12, 30)], "a.txt:12"),            # the larger overlap wins
    ([(0, 9), (20, 30)], None),                    # touching is not overlapping
])
def test_gold_claims_map_by_overlap(scorer, spans, expected):
    gold = scorer.GoldClaim("a.txt", 9, "2.1 billion", 2.1e9, "USD")   # [9, 20)
    found = scorer.match_claim(gold, [scorer.Span(f"a.txt:{s}", s, e) for s, e in spans])
    assert found == expected


def _toy_tables(conflict_sides: tuple[float, float], kind: str = "agreement",
                status: str = "conflict") -> tuple[list[dict], list[dict]]:
    claims = [{"claim_id": f"{a}:{s}", "article": a, "start": s, "end": s + 5, "value": v}
              for a, s, v in [("1.txt", 0, 1.0), ("2.txt", 0, 1.0), ("3.txt", 0, 9.0)]]
    checks = [{"check_id": f"{kind}-x", "kind": kind, "status": status,
               "claims": ["1.txt:0", "2.txt:0", "3.txt:0"],
               "expected": conflict_sides[0], "observed": conflict_sides[1]}]
    return claims, checks


@pytest.mark.parametrize("kind,status", [("agreement", "conflict"), ("revision", "revised")])
def test_a_link_to_an_outside_claim_reads_consistent_for_the_group(scorer, kind, status):
    group = scorer.Group("g", "toy", "agree", (scorer.GoldClaim("1.txt", 1, "x", 1.0, "%"),
                                               scorer.GoldClaim("2.txt", 1, "x", 1.0, "%")))
    claims, checks = _toy_tables((1.0, 9.0), kind, status)
    result = scorer.score([group], claims, checks).results[0]
    assert (result.status, result.right, result.false_alarm) == ("consistent", True, False)
    assert result.n_mapped == 2


def test_a_revision_between_the_groups_claims_reads_revised(scorer):
    group = scorer.Group("g", "toy", "revision", (scorer.GoldClaim("1.txt", 1, "x", 1.0, "%"),
                                                  scorer.GoldClaim("3.txt", 1, "x", 9.0, "%")))
    claims, checks = _toy_tables((9.0, 1.0), "revision", "revised")
    result = scorer.score([group], claims, checks).results[0]
    assert (result.status, result.right, result.false_alarm) == ("revised", True, False)


def test_a_conflict_between_the_groups_claims_is_a_false_alarm_on_an_agree_group(scorer):
    group = scorer.Group("g", "toy", "agree", (scorer.GoldClaim("1.txt", 1, "x", 1.0, "%"),
                                               scorer.GoldClaim("3.txt", 1, "x", 1.0, "%")))
    claims, checks = _toy_tables((1.0, 9.0))
    result = scorer.score([group], claims, checks)
    assert [r.group for r in result.false_alarms] == ["g"]
    assert result.share_right == 0.0 and result.conflicts_found == (0, 0)


def test_report_names_the_figures(scorer, groups):
    claims, checks = _toy_tables((1.0, 9.0))
    text = scorer.report(scorer.score(groups[:3], claims, checks), show="all")
    assert "share right:" in text and "real conflicts found:" in text
    assert groups[0].group in text


# -- end to end ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tool_score(groups, scorer, shared, nlp, tmp_path_factory):
    """The groups scored against a fresh run of the batch command over their stories only."""
    from nkextract.batch.run import run

    stories = tmp_path_factory.mktemp("group_stories")
    names = sorted({claim.article for group in groups for claim in group.claims})
    with open(shared / CORPUS / "metadata.csv", encoding="utf-8", newline="") as f:
        dates = {row["file"]: row["date"][:10] for row in csv.DictReader(f)}
    for name in names:
        shutil.copy(shared / CORPUS / name, stories / name)
    with open(stories / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "published"])
        writer.writerows([name, dates[name]] for name in names)
    out = tmp_path_factory.mktemp("group_out")
    run(stories, out, nlp=nlp)
    return scorer.score_folder(out, groups)


@pytest.mark.slow
def test_groups_are_linked_and_scored(tool_score, groups):
    assert len(tool_score.results) == len(groups)
    mapped = sum(r.n_mapped for r in tool_score.results)
    assert mapped >= 0.8 * sum(r.n_claims for r in tool_score.results), "most gold figures are extracted"
    assert any(r.status != "none" for r in tool_score.results), "no group linked by any check"


@pytest.mark.slow
def test_share_right_floor(tool_score, scorer):
    assert tool_score.share_right >= SHARE_RIGHT_FLOOR, scorer.report(tool_score)


@pytest.mark.slow
def test_no_more_false_alarms_on_groups_that_are_not_one_statistic(tool_score, scorer):
    not_same = [r for r in tool_score.results if r.verdict in ("different", "forecast_vs_outcome")]
    alarms = [r.group for r in not_same if r.false_alarm]
    assert len(not_same) >= 40 and any(r.n_mapped >= 2 for r in not_same)
    assert len(alarms) <= MAX_FALSE_ALARMS_NOT_SAME, alarms


@pytest.mark.slow
def test_real_conflicts_among_the_groups_are_found(tool_score, scorer):
    """Heinz's quarterly shr (53 cts in its table, 55 cts in the story) and Ford Canada's
    1986 net (101.1 against 101.9 mln): every part cued in both stories, so both are found;
    so are Amcast's year-ago loss a share sent twice the same day (2.20 dlrs, then 2.20 cts)
    and South Korea's 1986 surplus as Trade Minister Rha gave it twice (4.3 and 4.5 billion)."""
    found, real = tool_score.conflicts_found
    assert real >= 21 and found >= 5, scorer.report(tool_score)


def test_frozen_groups_exist_and_are_a_third_of_the_new_ones(groups):
    lines = (REPO / "tests" / "data" / "frozen_groups.txt").read_text(encoding="utf-8").splitlines()
    frozen = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert frozen <= {group.group for group in groups}
    assert len(frozen) >= 15
