"""Draw the modern development set: Reuters financial news 2006-2010 and PolNeAR's train split.

    python benchmarks/draw_modern.py link CLONE REUTERS_DIR      # the 2006-2010 stories of a clone
    python benchmarks/draw_modern.py REUTERS_DIR POLNEAR_TRAIN_TEXT_DIR --seed 19 > tests/data/modern_stories.txt

REUTERS_DIR holds the 2006-2010 stories of github:duynht/financial-news-dataset as
``YYYYMMDD_<name>.txt`` files (stories dated 2011-2013 are held out: never put them there);
POLNEAR_TRAIN_TEXT_DIR is ``data/train/text`` of github:networkdynamics/PolNeAR (its dev and
test splits are held out). Neither corpus has a licence that allows copying: only file
names are written here, never text. Stories must hold 3 to 25 money or percentage figures
and at most 5,000 characters; each corpus is ranked by sha256(seed:name) and the first
``--per-corpus`` are taken.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

FIGURE = re.compile(r"(?:[$€£]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion))?|\d[\d,.]*\s?(?:%|percent|per cent))",
                    re.IGNORECASE)


def eligible(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="replace")
    return len(text) <= 5000 and 3 <= len(FIGURE.findall(text)) <= 25


def draw(folder: Path, seed: int, n: int) -> list[str]:
    names = sorted(p.name for p in folder.iterdir() if p.suffix == ".txt")
    ranked = sorted(names, key=lambda x: hashlib.sha256(f"{seed}:{x}".encode()).hexdigest())
    chosen = []
    for name in ranked:
        if eligible(folder / name):
            chosen.append(name)
            if len(chosen) == n:
                break
    return sorted(chosen)


def link(clone: Path, out: Path) -> int:
    """Link the 2006-2010 stories of a clone's ReutersNews106521/YYYYMMDD/ folders into out/
    as YYYYMMDD_<name>.txt, with a metadata.csv (file,published); 2011-2013 are left out."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for day in sorted(p for p in (clone / "ReutersNews106521").iterdir()
                      if p.is_dir() and p.name[:4] in {"2006", "2007", "2008", "2009", "2010"}):
        for story in sorted(p for p in day.iterdir() if p.is_file() and not p.name.startswith(".")):
            name = f"{day.name}_{story.name[:80]}.txt"
            if not (out / name).exists():
                (out / name).symlink_to(story.resolve())
            rows.append(f"{name},{day.name[:4]}-{day.name[4:6]}-{day.name[6:]}")
    (out / "metadata.csv").write_text("file,published\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["link"] and len(argv) == 3:
        print(f"{link(Path(argv[1]), Path(argv[2]))} stories linked")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reuters", type=Path)
    ap.add_argument("polnear", type=Path)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--per-corpus", type=int, default=18)
    args = ap.parse_args(argv)
    print(f"# modern development set: seed={args.seed}, {args.per_corpus} stories a corpus "
          "(benchmarks/draw_modern.py); corpus<TAB>file")
    for corpus, folder in (("reuters0610", args.reuters), ("polnear_train", args.polnear)):
        for name in draw(folder, args.seed, args.per_corpus):
            print(f"{corpus}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
