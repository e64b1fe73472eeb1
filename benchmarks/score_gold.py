"""Run nkextract over the articles of a gold file and score its claims with the shared scorer.

    python benchmarks/score_gold.py GOLD.jsonl CORPUS_DIR [--out DIR] [--scorer PATH] [--json]

The articles named in GOLD.jsonl are read from CORPUS_DIR. Publication dates come from
CORPUS_DIR/metadata.csv (column ``published``, else the date part of ``date``) when it is
there, else from the gold rows' ``published`` field (which stands in for the metadata.csv of
the project's own corpus). The claims go to OUT/claims.jsonl (a temporary folder by default)
and ``../shared/tools/score_claims.py`` prints precision, recall and F1.

The functions are imported by tests/test_seeds.py and tests/test_reuters_gold.py, so the
numbers in the README and the regression floors come from the same code.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Iterable

from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SCORER = REPO.parent / "shared" / "tools" / "score_claims.py"


def read_gold(path: Path) -> list[dict]:
    """The rows of a gold file in the form of ../shared/gold/seeds.jsonl."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def publication_dates(corpus: Path, gold: Iterable[dict] = ()) -> dict[str, str | None]:
    """Article file name -> ISO publication date, from metadata.csv or else the gold rows."""
    metadata = corpus / "metadata.csv"
    if metadata.exists():
        with open(metadata, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        return {row["file"]: (row.get("published") or row.get("date") or "")[:10] or None
                for row in rows}
    return {row["article"]: row.get("published") for row in gold}


def claim_rows(nlp: Language, corpus: Path, articles: Iterable[str],
               published: dict[str, str | None]) -> list[dict]:
    """Rows of the claims table for the named articles of a corpus folder."""
    from nkextract.records import claims_of

    def items():
        for name in articles:
            context = {"article": name}
            if published.get(name):
                context["published"] = published[name]
            yield (corpus / name).read_text(encoding="utf-8"), context

    rows = []
    for doc, context in nlp.pipe(items(), as_tuples=True):
        rows.extend(claim.row() for claim in claims_of(doc, article=context["article"]))
    return rows


def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    """The shared score_claims.py, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("score_claims", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(rows: Iterable[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    return path


def extract_gold_articles(nlp: Language, gold_path: Path, corpus: Path, out_dir: Path) -> Path:
    """Extract the articles named in a gold file from corpus into OUT/claims.jsonl.

    RETURNS: the path of the claims file.
    """
    gold = read_gold(gold_path)
    articles = list(dict.fromkeys(row["article"] for row in gold))
    rows = claim_rows(nlp, corpus, articles, publication_dates(corpus, gold))
    return write_jsonl(rows, out_dir / "claims.jsonl")


def score_gold(nlp: Language, gold_path: Path, corpus: Path, out_dir: Path,
               scorer_path: Path = DEFAULT_SCORER) -> dict:
    """Extract the gold file's articles from corpus, write OUT/claims.jsonl, score it.

    RETURNS: the scorer's result dict (``claim``, ``value_unit``, ``span`` as (P, R, F1),
        ``fields``, ``missed_value_unit``, ...).
    """
    pred_path = extract_gold_articles(nlp, gold_path, corpus, out_dir)
    scorer = load_scorer(scorer_path)
    return scorer.score(scorer.load(gold_path), scorer.load(pred_path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, help="folder for claims.jsonl (default: a temporary one)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--json", action="store_true", help="print the scorer's full JSON")
    args = ap.parse_args(argv)

    import nkextract

    nlp = nkextract.load()
    with tempfile.TemporaryDirectory() as tmp:
        pred = extract_gold_articles(nlp, args.gold, args.corpus, args.out or Path(tmp))
        scorer_args = [str(args.gold), str(pred)] + (["--json"] if args.json else [])
        return load_scorer(args.scorer).main(scorer_args)


if __name__ == "__main__":
    sys.exit(main())
