"""Score nkextract's claims on the development set, its tuned part and its frozen part apart.

    python benchmarks/score_devset.py [--corpus ../shared/corpus/reuters21578] [--json] [--fields]

The development set is the 19 stories of tests/data/reuters_gold.jsonl (the tuned part, read to
write rules) and the 89 drawn stories of tests/data/reuters_dev.jsonl (tests/data/
devset_stories.txt); tests/data/frozen_split.txt names the 36 of those that are frozen: scored,
never read for rules. Every story of the set is extracted (a story with no gold claim still
counts its false positives) and scored by ../shared/tools/score_claims.py on both parts; the
gap between them is the figure to shrink.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_gold import REPO, claim_rows, load_scorer, publication_dates, read_gold  # noqa: E402

DATA = REPO / "tests" / "data"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578"
FIELDS = ("role", "metric", "origin", "destination", "period", "basis", "qualifier", "product",
          "source", "subject")


def listed(path: Path, column: int = 0) -> list[str]:
    """Items of a list file (``#`` comments; tab-separated columns)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[column].strip() for line in lines if line.strip() and not line.startswith("#")]


def parts() -> tuple[list[dict], list[str], set[str]]:
    """(gold rows, every story of the set, the frozen stories)."""
    gold = read_gold(DATA / "reuters_gold.jsonl") + read_gold(DATA / "reuters_dev.jsonl")
    stories = list(dict.fromkeys([r["article"] for r in read_gold(DATA / "reuters_gold.jsonl")]
                                 + listed(DATA / "devset_stories.txt", 1)))
    return gold, stories, set(listed(DATA / "frozen_split.txt"))


def score_parts(pred: list[dict], gold: list[dict], stories: list[str], frozen: set[str]) -> dict:
    """The scorer's result on the tuned part, the frozen part and the whole."""
    scorer = load_scorer()
    result = {}
    for name, keep in (("tuned", lambda a: a not in frozen), ("frozen", lambda a: a in frozen),
                       ("all", lambda a: True)):
        result[name] = scorer.score([g for g in gold if keep(g["article"])],
                                    [p for p in pred if keep(str(p.get("article")))])
        result[name]["stories"] = sum(1 for a in stories if keep(a))
    return result


def summary(result: dict) -> dict:
    """Claim F1, value+unit F1 and the per-field accuracies of one part."""
    out = {"stories": result["stories"], "claim_f1": result["claim"][2],
           "value_unit_f1": result["value_unit"][2], "span_f1": result["span"][2]}
    fields = result.get("fields", {})
    for name in FIELDS:
        if name in fields:
            value = fields[name]
            out[name] = value[0] if isinstance(value, (list, tuple)) else value
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pred", type=Path, help="also write the extracted claims here (jsonl)")
    args = ap.parse_args(argv)
    import nkextract

    gold, stories, frozen = parts()
    pred = claim_rows(nkextract.load(), args.corpus, stories, publication_dates(args.corpus, gold))
    if args.pred:
        args.pred.write_text("".join(json.dumps(r, default=str) + "\n" for r in pred), encoding="utf-8")
    result = {name: summary(part) for name, part in score_parts(pred, gold, stories, frozen).items()}
    result["gap_claim_f1"] = result["tuned"]["claim_f1"] - result["frozen"]["claim_f1"]
    print_parts(result, args.json)
    if not args.json:
        print(f"tuned - frozen claim F1 gap: {result['gap_claim_f1']:.3f}")
    return 0


def print_parts(result: dict, as_json: bool = False) -> None:
    """The tuned, frozen and whole set's figures, a row each (or JSON)."""
    if as_json:
        print(json.dumps(result, indent=1))
        return
    print(f"{'':8}" + "".join(f"{k[:9]:>10}" for k in result["tuned"]))
    for name in ("tuned", "frozen", "all"):
        print(f"{name:8}" + "".join(f"{v:>10.3f}" if isinstance(v, float) else f"{v:>10}"
                                    for v in result[name].values()))


if __name__ == "__main__":
    sys.exit(main())
