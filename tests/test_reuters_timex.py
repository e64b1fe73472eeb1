"""TIMEX3 in 22 Reuters-21578 stories (NEWID <= 8000), annotated by hand, scored end to end.

The gold (tests/data/reuters_timex.jsonl) names story files of ../shared/corpus/reuters21578
and character offsets into them; the stories are read from there, never copied. Values are
relative to the story's date from its metadata.csv, after the TimeML 1.2.1 guidelines with
the project's conventions (README): a range ``from April 1 to September`` is one expression
valued ``A/B``; a set word modifying a noun (``weekly auction``, ``annual meeting``) is not a
time expression; fiscal periods are named by the fiscal year's label (``fiscal 1987's third
quarter`` -> ``1987-Q3``); a year header in an earnings table is the year reported.

Scored as TempEval-3 scores values: a predicted DATE mention matches a gold expression when
their spans overlap (one to one); it is correct when the values are equal. Precision over
our mentions, recall over the gold; per TIMEX3 type by the gold's type (recall) and ours
(precision).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from nkextract.extensions import MENTIONS

GOLD = Path(__file__).parent / "data" / "reuters_timex.jsonl"
CORPUS = Path("corpus") / "reuters21578"
TYPES = ("DATE", "TIME", "DURATION", "SET")
#: value F1 floors, just under what the pipeline reaches (see README); raise them, never lower them.
FLOORS = {"overall": 0.9, "DATE": 0.88, "TIME": 0.85, "DURATION": 0.9, "SET": 0.85}


class Expression(NamedTuple):
    article: str
    start: int
    end: int
    value: str | None
    type: str | None


def _gold() -> list[dict]:
    with open(GOLD, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(nlp, corpus: Path, gold: list[dict]) -> list[Expression]:
    published = {row["article"]: row["published"] for row in gold}
    texts = [((corpus / a).read_text(encoding="utf-8"), {"published": p, "article": a}) for a, p in published.items()]
    found = []
    for doc, context in nlp.pipe(texts, as_tuples=True):
        found += [Expression(context["article"], s.start_char, s.end_char, s._.nk_timex, s._.nk_timex_type)
                  for s in doc.spans[MENTIONS] if s.label_ == "DATE"]
    return found


def score(gold: list[Expression], ours: list[Expression]) -> dict[str, dict[str, float]]:
    """Value precision, recall and F1, overall and per type, with overlapping spans matched one to one."""
    correct, n_gold, n_ours = Counter(), Counter(), Counter()
    used: set[int] = set()
    for g in gold:
        n_gold[g.type] += 1
        for i, o in enumerate(ours):
            if i not in used and o.article == g.article and o.start < g.end and g.start < o.end:
                used.add(i)
                if o.value == g.value:
                    correct[g.type] += 1
                break
    for o in ours:
        n_ours[o.type] += 1
    table = {}
    for kind in TYPES + ("overall",):
        c = sum(correct.values()) if kind == "overall" else correct[kind]
        ng = sum(n_gold.values()) if kind == "overall" else n_gold[kind]
        no = sum(n_ours.values()) if kind == "overall" else n_ours[kind]
        p, r = (c / no if no else 0.0), (c / ng if ng else 0.0)
        table[kind] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": ng, "ours": no}
    return table


@pytest.fixture(scope="module")
def result(nlp, shared) -> dict:
    gold = _gold()
    expressions = [Expression(r["article"], r["start"], r["end"], r["value"], r["type"]) for r in gold]
    return score(expressions, predict(nlp, shared / CORPUS, gold))


def test_gold_rows_match_the_stories(shared):
    gold = _gold()
    assert len({row["article"] for row in gold}) >= 20 and len(gold) >= 150
    assert {row["type"] for row in gold} == set(TYPES)
    for row in gold:
        assert int(Path(row["article"]).stem) <= 8000, "stories above NEWID 8000 are reserved"
        text = (shared / CORPUS / row["article"]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["text"], row


@pytest.mark.parametrize("kind", list(FLOORS))
def test_value_f1_floor(result, kind):
    assert result[kind]["f1"] >= FLOORS[kind], (kind, result[kind])


def test_scorer_counts_exact_matches():
    gold = [Expression("a", 0, 4, "1987", "DATE"), Expression("a", 10, 18, "P3Y", "DURATION")]
    assert score(gold, gold)["overall"]["f1"] == 1.0
    assert score(gold, [])["overall"]["f1"] == 0.0
    assert score(gold, [Expression("a", 0, 4, "1986", "DATE")])["DATE"]["f1"] == 0.0


if __name__ == "__main__":  # python tests/test_reuters_timex.py: print the figures
    import nkextract

    shared_dir = Path(__file__).resolve().parents[1].parent / "shared"
    rows = _gold()
    gold_ = [Expression(r["article"], r["start"], r["end"], r["value"], r["type"]) for r in rows]
    ours_ = predict(nkextract.load(), shared_dir / CORPUS, rows)
    for kind, figures in score(gold_, ours_).items():
        print(f"{kind:9s} P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f} "
              f"(gold {figures['gold']}, ours {figures['ours']})")
    if "--errors" in __import__("sys").argv:
        by = {(o.article, o.start): o for o in ours_}
        for g in gold_:
            hits = [o for o in ours_ if o.article == g.article and o.start < g.end and g.start < o.end]
            if not hits or hits[0].value != g.value:
                print("MISS", g, hits[:1])
