"""Real wire copy (Reuters-21578, NEWID <= 8000): a story and its CORRECTED re-issue,
extracted with the pipeline and cross-checked."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

import nkextract

# (original, corrected re-issue): Network Video's quarter figures, reversed in the first
# story; and a story on Peru's 1986 trade deficit sent twice, word for word.
CORRECTION = ("3668.txt", "4169.txt")
RESENT = ("6596.txt", "6637.txt")


def cross_checked(shared: Path, nlp, files: tuple[str, ...]):
    folder = shared / "corpus" / "reuters21578"
    with open(folder / "metadata.csv", encoding="utf-8") as f:
        dates = {row["file"]: row["date"][:10] for row in csv.DictReader(f) if row["file"] in files}
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in files}
    claims = nkextract.extract(texts, nlp=nlp, published=dates)
    assert not claims.empty, "the pipeline extracted no claims from these stories"
    return claims, *nkextract.cross_check(claims)


def articles(claim_ids) -> set[str]:
    return {c.rsplit(":", 1)[0] for c in claim_ids}


def test_a_corrected_story_that_changes_figures_is_a_revision_naming_the_correction(shared, nlp):
    _, facts, checks = cross_checked(shared, nlp, CORRECTION)
    across = checks[(checks["kind"] == "revision") & checks["claims"].map(lambda c: articles(c) == set(CORRECTION))]
    assert not across.empty
    assert set(across["status"]) == {"revised"}
    assert across["explanation"].str.contains("correct").any()
    assert (facts["status"] == "revised").any()
    assert "conflict" not in set(checks["status"])


def test_a_story_sent_twice_is_one_source_and_agrees_with_itself(shared, nlp):
    _, facts, checks = cross_checked(shared, nlp, RESENT)
    assert "conflict" not in set(checks["status"])
    twice = facts[facts["n_claims"] == 2]
    assert not twice.empty
    assert (twice["n_sources"] == 1).all() and (twice["status"] == "single_source").all()
