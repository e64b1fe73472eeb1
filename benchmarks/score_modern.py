"""Score nkextract's claims on the modern development set (Reuters 2006-2010, PolNeAR train).

    python benchmarks/score_modern.py --reuters DIR --polnear DIR [--json] [--pred FILE]

tests/data/modern_gold.jsonl holds the hand-annotated claims of the 36 stories named in
tests/data/modern_stories.txt (offsets and the figures' words only: neither corpus may be
copied); tests/data/modern_frozen.txt names the frozen third. DIR for Reuters holds the
2006-2010 stories of github:duynht/financial-news-dataset as ``YYYYMMDD_<name>.txt`` (make it
with ``python benchmarks/draw_modern.py link CLONE DIR``); DIR for PolNeAR is the
``data/train/text`` folder of github:networkdynamics/PolNeAR. Both parts are scored with
../shared/tools/score_claims.py, as benchmarks/score_devset.py does for the 1987 stories.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_devset import DATA, listed, print_parts, score_parts, summary  # noqa: E402
from score_gold import read_gold  # noqa: E402

CORPORA = {"reuters0610": Path("/work/data/r0610"), "polnear_train": Path("/work/data/polnear_train/text")}


def claims_of(nlp, folders: dict[str, Path], stories: list[tuple[str, str]], published: dict[str, str]) -> list[dict]:
    """Claims table rows of the named stories, read from their corpus folders."""
    from nkextract.records import claims_of as doc_claims

    def items():
        for corpus, name in stories:
            yield (folders[corpus] / name).read_text(encoding="utf-8"), {
                "article": name, "published": published.get(name)}

    rows = []
    for doc, context in nlp.pipe(items(), as_tuples=True):
        rows.extend(claim.row() for claim in doc_claims(doc, article=context["article"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reuters", type=Path, default=CORPORA["reuters0610"])
    ap.add_argument("--polnear", type=Path, default=CORPORA["polnear_train"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pred", type=Path, help="also write the extracted claims here (jsonl)")
    args = ap.parse_args(argv)
    folders = {"reuters0610": args.reuters, "polnear_train": args.polnear}
    missing = [str(p) for p in folders.values() if not p.is_dir()]
    if missing:
        sys.exit(f"score_modern: corpus folder not found: {', '.join(missing)} (see --help)")
    import nkextract

    gold = read_gold(DATA / "modern_gold.jsonl")
    stories = list(zip(listed(DATA / "modern_stories.txt", 0), listed(DATA / "modern_stories.txt", 1)))
    published = {g["article"]: g["published"] for g in gold}
    pred = claims_of(nkextract.load(), folders, stories, published)
    if args.pred:
        args.pred.write_text("".join(json.dumps(r, default=str) + "\n" for r in pred), encoding="utf-8")
    frozen = set(listed(DATA / "modern_frozen.txt"))
    names = [name for _, name in stories]
    result = {name: summary(part) for name, part in score_parts(pred, gold, names, frozen).items()}
    print_parts(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
