"""The seed articles' gold claims, cross-checked and scored with the shared scorer."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from nkextract.crosscheck import cross_check

BOUNDARY = re.compile(r"(?<=[a-z0-9%)\]][.!?])\s+(?=[A-Z“\"])")


def sentence_at(text: str, start: int) -> str:
    """The sentence around a character offset (lines first, then full stops)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    offset, position = start - line_start, 0
    for part in BOUNDARY.split(line):
        begin = line.find(part, position)
        if begin <= offset < begin + len(part):
            return part.strip()
        position = begin + len(part)
    return line.strip()


def gold_claims(shared: Path) -> pd.DataFrame:
    """seeds.jsonl as a claims table: first alias of list-valued source/via, claim_id, sentence."""
    rows = []
    for line in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for column in ("source", "via"):
            if isinstance(row.get(column), list):
                row[column] = row[column][0] if row[column] else None
        row["claim_id"] = f"{row['article']}:{row['start']}"
        text = (shared / "corpus" / "seeds" / row["article"]).read_text(encoding="utf-8")
        row["sentence"] = sentence_at(text, row["start"])
        rows.append(row)
    return pd.DataFrame(rows)


def score(shared: Path, checks: pd.DataFrame, tmp_path: Path) -> str:
    out = tmp_path / "checks.jsonl"
    checks.to_json(out, orient="records", lines=True)
    done = subprocess.run([sys.executable, str(shared / "tools" / "score_checks.py"),
                           str(shared / "gold" / "seeds_checks.jsonl"), str(out)],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_seed_checks_all_found_without_false_conflicts(shared, tmp_path):
    facts, checks = cross_check(gold_claims(shared))
    assert score(shared, checks, tmp_path) == "checks_found=12/12 false_conflicts=0"
    assert not facts.empty and (facts["status"] != "conflicting").all()


def test_seed_checks_without_sentences_still_find_the_agreements(shared, tmp_path):
    claims = gold_claims(shared).drop(columns=["sentence"])
    _, checks = cross_check(claims)
    found = int(score(shared, checks, tmp_path).split()[0].split("=")[1].split("/")[0])
    assert found >= 10


def checks_with_changed_figure(shared, claim_id: str, factor: float):
    """The seed gold claims cross-checked with one figure (value and text) scaled."""
    claims = gold_claims(shared)
    row = claims["claim_id"] == claim_id
    claims.loc[row, "value"] = claims.loc[row, "value"] * factor
    claims.loc[row, "text"] = claims.loc[row, "value"].map(lambda v: f"${v:,.0f}")
    return cross_check(claims)[1]


@pytest.mark.parametrize("claim_id,factor", [
    ("000_0084b50ddcabe3a5.txt:653", 1.08),   # China's November exports, stated by two stories
    ("001_8fad8f4d10320832.txt:624", 1.10),   # electricity left out of the total of another story
    ("001_8fad8f4d10320832.txt:998", 1.07),   # January-November exports against another's year
])
def test_a_changed_seed_figure_is_named_in_a_conflict(shared, claim_id, factor):
    checks = checks_with_changed_figure(shared, claim_id, factor)
    conflicts = checks[checks["status"] == "conflict"]
    assert not conflicts.empty
    assert conflicts["claims"].map(lambda c: claim_id in c).all()


@pytest.mark.parametrize("claim_id,factor", [
    ("001_8fad8f4d10320832.txt:274", 1.05),   # North Korea's November exports against its own restatement
    ("004_d6e3fe3e45d009ed.txt:604", 1.06),   # two-way trade against its own story's imports + exports
])
def test_a_story_at_odds_with_itself_is_unverifiable_not_a_conflict(shared, claim_id, factor):
    checks = checks_with_changed_figure(shared, claim_id, factor)
    assert "conflict" not in set(checks["status"])
    named = checks[checks["claims"].map(lambda c: claim_id in c) & (checks["status"] == "unverifiable")]
    assert named["explanation"].str.contains("one story").any()
