"""Score the sources nkextract gives money and percentage figures against PolNeAR's attributions.

    python benchmarks/score_polnear_sources.py [POLNEAR_TRAIN] [--limit N] [--pred CACHE.jsonl]
                                               [--json] [--errors N] [--exclude-frozen]

POLNEAR_TRAIN is the train split of github:networkdynamics/PolNeAR (``text/*.txt`` and
``attributions/*.ann``; default /work/data/polnear_train). Its dev and test splits are held
out: never point this at them. PolNeAR has no licence: its texts and annotations are read
here, never copied into the project (the prediction cache holds claim spans and sources only,
and belongs outside the repository too).

Gold, for every money or percentage claim nkextract extracts (issue 20):

- An article with several annotators' files (``<name>_<annotator>.ann``) is scored against
  one of them, the first in sorted order.
- A figure is *attributed* when its span lies inside a Content fragment (Content or Content2)
  of an Attribution; its gold source is the Source text of the innermost such attribution
  (the one with the shortest content), as written. A figure inside only
  ``Attribution-no-source`` contents is counted apart; a figure inside no content is
  *unattributed*.
- Source accuracy, over attributed figures: *exact* when the predicted source equals the gold
  Source after normalising (case, whitespace, curly quotes, edge punctuation, a final
  possessive, a leading "the"); *shared name* when, besides, one contains the other as whole
  words ("Jane Roe" in "Jane Roe, an analyst at a fund"; a bare "the poll" in "a Daily
  Planet poll" too). PolNeAR keeps a pronoun source as written ("he");
  *pronoun-lenient* also accepts, for a pronoun gold source, a predicted name written in the
  article before the pronoun (no coreference is checked: an upper bound for resolution).
- Coverage: attributed figures given any source. Unattributed given a source: the share of
  figures nobody attributed that still get one (issue 20's targets: exact >= 0.75,
  coverage >= 0.90, unattributed <= 0.10).

``--pred`` caches the extracted claims (one JSON line per article: article and its claims'
start, end, text, kind, source, via, cue); articles already there are not extracted again, so
an interrupted run resumes; it holds one pipeline's output, so give a new path after the
pipeline changes. ``--errors N`` prints the automatic error kinds and N examples with
context, leaving out the stories frozen in tests/data/modern_frozen.txt;
``--exclude-frozen`` leaves those stories out of the figures too.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = Path("/work/data/polnear_train")
FROZEN = REPO / "tests" / "data" / "modern_frozen.txt"
PUBLISHED = re.compile(r"^[a-z-]+_(\d{4}-\d{2}-\d{2})_")
TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
EVENT = re.compile(r"^(E\d+)\t(.*)$")
WORD = re.compile(r"\w+(?:['.&-]\w+)*")
EDGES = " \t\n\"'“”‘’.,;:()[]{}-–—"
PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their
    who whom whose which that this these those one someone somebody everyone everybody
    anyone anybody""".split())
CLAIM_KEYS = ("start", "end", "text", "kind", "source", "via", "cue")


class Span(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Attribution:
    """One PolNeAR attribution: who (None for Attribution-no-source), its content fragments."""

    source: Span | None
    content: tuple[tuple[int, int], ...]
    cue: str | None = None

    @property
    def size(self) -> int:
        return sum(end - start for start, end in self.content)

    def contains(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.content)


@dataclass(frozen=True)
class Gold:
    """What PolNeAR says about one figure."""

    status: str                       # "attributed" | "no_source" | "unattributed"
    source: Span | None = None        # the innermost attribution's Source
    outer: tuple[str, ...] = ()       # Sources of the attributions around that one


# -- reading PolNeAR ---------------------------------------------------------------------

def parse_brat(ann: str) -> list[Attribution]:
    """The attributions of a brat .ann file's text (Discuss, Discard and notes are skipped)."""
    bounds: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        if m := TEXT_BOUND.match(line):
            frags = tuple(tuple(int(x) for x in f.split()) for f in m.group(3).split(";"))
            bounds[m.group(1)] = (m.group(2), frags, m.group(4))  # type: ignore[assignment]
        elif m := EVENT.match(line):
            events.append(m.group(2).split())
    attributions = []
    for parts in events:
        roles = dict(p.split(":", 1) for p in parts if ":" in p)
        kind = next((r for r in roles if r.startswith("Attribution")), None)
        content = tuple(f for r, t in roles.items() if r.startswith("Content") and t in bounds
                        for f in bounds[t][1])
        if kind is None or not content:
            continue
        source = None
        if kind == "Attribution" and roles.get("Source") in bounds:
            _, frags, text = bounds[roles["Source"]]
            source = Span(frags[0][0], frags[-1][1], text)
        cue = bounds[roles["Cue"]][2] if roles.get("Cue") in bounds else None
        attributions.append(Attribution(source, content, cue))
    return attributions


def annotation_files(folder: Path) -> dict[str, Path]:
    """Article name (text file without .txt) -> its first annotator's .ann file, in sorted order."""
    chosen: dict[str, Path] = {}
    texts = {p.stem for p in (folder / "text").glob("*.txt")}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name in texts and name not in chosen:
            chosen[name] = ann
    return chosen


def published(name: str) -> str | None:
    """The publication date in a PolNeAR file name (``outlet_YYYY-MM-DD_slug``)."""
    m = PUBLISHED.match(name)
    return m.group(1) if m else None


def gold_for(start: int, end: int, attributions: Iterable[Attribution]) -> Gold:
    """PolNeAR's verdict on the figure at [start, end): the innermost sourced attribution."""
    around = sorted((a for a in attributions if a.contains(start, end)), key=lambda a: a.size)
    sourced = [a for a in around if a.source is not None]
    if sourced:
        return Gold("attributed", sourced[0].source,
                    tuple(a.source.text for a in sourced[1:] if a.source))
    return Gold("no_source" if around else "unattributed")


# -- comparing names ---------------------------------------------------------------------

def normalise(name: str | None) -> str:
    """Lower case, one space, straight quotes, no edge punctuation, no final possessive, no
    leading "the"."""
    text = unicodedata.normalize("NFKC", name or "").replace("’", "'").replace("‘", "'")
    text = " ".join(text.lower().split()).strip(EDGES)
    text = re.sub(r"'s?$", "", text).strip(EDGES)  # "the ministry's" (a cue noun follows)
    return re.sub(r"^the\s+", "", text)


def words(name: str | None) -> list[str]:
    return WORD.findall(normalise(name))


def contains_words(longer: list[str], shorter: list[str]) -> bool:
    """Whether ``shorter`` occurs in ``longer`` as a run of whole words."""
    n = len(shorter)
    return n > 0 and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def same_name(predicted: str | None, gold: str | None, *, shared: bool = False) -> bool:
    """Exact match after normalising; with ``shared``, also one inside the other as words."""
    if not normalise(predicted) or not normalise(gold):
        return False
    if normalise(predicted) == normalise(gold):
        return True
    p, g = words(predicted), words(gold)
    return shared and (contains_words(p, g) or contains_words(g, p))


def is_pronoun(name: str | None) -> bool:
    return bool(words(name)) and all(w in PRONOUNS for w in words(name))


def source_correct(predicted: str | None, gold: Span, text: str, *, shared: bool = False,
                   lenient: bool = False) -> bool:
    """Whether the predicted source names the gold Source (see the module docstring)."""
    if same_name(predicted, gold.text, shared=shared):
        return True
    if not (lenient and is_pronoun(gold.text)) or not words(predicted) or is_pronoun(predicted):
        return False
    return contains_words(WORD.findall(normalise(text[:gold.start])), words(predicted))


# -- scoring -----------------------------------------------------------------------------

class Figure(NamedTuple):
    article: str
    claim: dict
    gold: Gold


def figures(predictions: dict[str, list[dict]], annotations: dict[str, list[Attribution]]) -> list[Figure]:
    """Every money or percentage claim with PolNeAR's verdict on it."""
    return [Figure(name, claim, gold_for(claim["start"], claim["end"], annotations[name]))
            for name, claims in predictions.items() for claim in claims
            if claim.get("kind") in ("money", "percent")]


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def score(found: list[Figure], texts: dict[str, str]) -> dict:
    """The metrics of issue 20 over scored figures."""
    attributed = [f for f in found if f.gold.status == "attributed"]
    unattributed = [f for f in found if f.gold.status == "unattributed"]
    no_source = [f for f in found if f.gold.status == "no_source"]

    def accuracy(shared: bool, lenient: bool) -> float | None:
        right = sum(source_correct(f.claim.get("source"), f.gold.source, texts[f.article],
                                   shared=shared, lenient=lenient) for f in attributed)
        return ratio(right, len(attributed))

    def given(group: list[Figure]) -> float | None:
        return ratio(sum(bool(normalise(f.claim.get("source"))) for f in group), len(group))

    return {
        "articles": len(texts), "figures": len(found),
        "attributed": len(attributed), "attributed_no_source": len(no_source),
        "unattributed": len(unattributed),
        "gold_pronoun": sum(is_pronoun(f.gold.source.text) for f in attributed),
        "exact": accuracy(False, False), "shared_name": accuracy(True, False),
        "exact_pronoun_lenient": accuracy(False, True),
        "shared_name_pronoun_lenient": accuracy(True, True),
        "coverage": given(attributed), "unattributed_given_source": given(unattributed),
        "no_source_given_source": given(no_source),
    }


def error_kind(figure: Figure, others: list[str], text: str) -> str | None:
    """A coarse automatic kind for a wrong figure (None when right); ``others`` are the
    article's gold Source texts."""
    predicted, gold = figure.claim.get("source"), figure.gold
    if gold.status != "attributed":
        if not normalise(predicted) or gold.status == "no_source":
            return None
        return ("unattributed: given a speaker of the story" if any(same_name(predicted, o, shared=True)
                for o in others) else "unattributed: given a source")
    if same_name(predicted, gold.source.text, shared=True):
        return None if same_name(predicted, gold.source.text) else "right name, other span"
    if source_correct(predicted, gold.source, text, lenient=True):
        return "pronoun source, a name before it given"
    if not normalise(predicted):
        return "pronoun source, none given" if is_pronoun(gold.source.text) else "no source given"
    if any(same_name(predicted, o, shared=True) for o in gold.outer):
        return "relayer named instead of the source"
    if same_name(figure.claim.get("via"), gold.source.text, shared=True):
        return "source given as via"
    if is_pronoun(gold.source.text):
        return "pronoun source, wrong name"
    if any(same_name(predicted, o, shared=True) for o in others):
        return "another speaker of the story"
    if set(words(predicted)) & set(words(gold.source.text)) - PRONOUNS:
        return "overlapping span"
    return "another name"


def error_kinds(found: list[Figure], annotations: dict[str, list[Attribution]],
                texts: dict[str, str]) -> Counter:
    """How many wrong figures each automatic kind holds."""
    return Counter(kind for f in found if (kind := error_kind(f, speakers(annotations[f.article]),
                                                              texts[f.article])))


def speakers(attributions: list[Attribution]) -> list[str]:
    return [a.source.text for a in attributions if a.source]


# -- extracting --------------------------------------------------------------------------

def read_cache(path: Path | None) -> dict[str, list[dict]]:
    """article -> claims from a prediction cache (an unfinished last line is ignored)."""
    cached: dict[str, list[dict]] = {}
    if path and path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            cached[row["article"]] = row["claims"]
    return cached


def extract(folder: Path, names: list[str]) -> Iterator[tuple[str, list[dict]]]:
    """(article, claims) for the named articles, through ``nkextract.load()``."""
    import nkextract

    nlp = nkextract.load()
    items = (((folder / "text" / f"{n}.txt").read_text(encoding="utf-8"),
              {"published": published(n), "article": n}) for n in names)
    for doc, context in nlp.pipe(items, as_tuples=True, batch_size=4):
        yield context["article"], [{k: getattr(c, k) for k in CLAIM_KEYS} for c in doc._.nk_claims]


def predictions(folder: Path, names: list[str], cache: Path | None) -> dict[str, list[dict]]:
    """Claims of every named article, from the cache where it has them, else extracted."""
    cached = read_cache(cache)
    todo = [n for n in names if n not in cached]
    if todo:
        sink = cache.open("a", encoding="utf-8") if cache else None
        try:
            for i, (name, claims) in enumerate(extract(folder, todo), 1):
                cached[name] = claims
                if sink:
                    sink.write(json.dumps({"article": name, "claims": claims}) + "\n")
                    sink.flush()
                print(f"\rextracted {i}/{len(todo)}", end="", file=sys.stderr)
            print(file=sys.stderr)
        finally:
            if sink:
                sink.close()
    return {n: cached[n] for n in names}


# -- output ------------------------------------------------------------------------------

def table(result: dict) -> str:
    """The metrics as a small text table."""
    def pct(x: float | None) -> str:
        return "  n/a" if x is None else f"{100 * x:5.1f}%"
    rows = [
        f"PolNeAR train: {result['articles']} articles (first annotator each), "
        f"{result['figures']} money/percent figures",
        f"  attributed {result['attributed']} (pronoun source {result['gold_pronoun']}), "
        f"no-source attribution {result['attributed_no_source']}, "
        f"unattributed {result['unattributed']}",
        "",
        "source accuracy (attributed)   strict   pronoun-lenient",
        f"  exact match                  {pct(result['exact'])}   {pct(result['exact_pronoun_lenient'])}",
        f"  shared name                  {pct(result['shared_name'])}   "
        f"{pct(result['shared_name_pronoun_lenient'])}",
        f"coverage (attributed given a source)       {pct(result['coverage'])}",
        f"unattributed given a source                {pct(result['unattributed_given_source'])}",
        f"no-source attribution given a source       {pct(result['no_source_given_source'])}",
    ]
    return "\n".join(rows)


def frozen_stories() -> set[str]:
    """The file names of tests/data/modern_frozen.txt (scored, never read for rules)."""
    return set(FROZEN.read_text(encoding="utf-8").split()) if FROZEN.exists() else set()


def examples(found: list[Figure], annotations: dict[str, list[Attribution]],
             texts: dict[str, str], n: int) -> Iterator[str]:
    """Up to n wrong figures with their context, outside the frozen stories."""
    frozen = frozen_stories()
    shown = 0
    for f in found:
        text = texts[f.article]
        kind = error_kind(f, speakers(annotations[f.article]), text)
        if kind is None or f"{f.article}.txt" in frozen or shown >= n:
            continue
        shown += 1
        start, end = f.claim["start"], f.claim["end"]
        context = " ".join(text[max(0, start - 300):end + 200].split())
        gold = f.gold.source.text if f.gold.source else None
        yield (f"[{kind}] {f.article}:{start} {f.claim['text']!r} predicted={f.claim.get('source')!r} "
               f"via={f.claim.get('via')!r} cue={f.claim.get('cue')!r} gold={gold!r}\n    {context}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, nargs="?", default=None,
                    help=f"PolNeAR's train split (default {DEFAULT_FOLDER})")
    ap.add_argument("--limit", type=int, default=None, help="the first N articles (default all)")
    ap.add_argument("--pred", type=Path, default=None, help="prediction cache (JSON lines)")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print error kinds and N wrong figures")
    ap.add_argument("--exclude-frozen", action="store_true",
                    help="score only the articles not frozen in tests/data/modern_frozen.txt")
    args = ap.parse_args(argv)
    folder = args.folder or DEFAULT_FOLDER
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        print(f"error: {folder} is not PolNeAR's train split (text/ and attributions/): "
              "pass the folder's path", file=sys.stderr)
        return 2
    files = annotation_files(folder)
    names = sorted(files)[:args.limit]
    if args.exclude_frozen:
        names = [n for n in names if f"{n}.txt" not in frozen_stories()]
    texts = {n: (folder / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names}
    annotations = {n: parse_brat(files[n].read_text(encoding="utf-8")) for n in names}
    found = figures(predictions(folder, names, args.pred), annotations)
    result = score(found, texts)
    if args.errors:
        result["error_kinds"] = dict(error_kinds(found, annotations, texts).most_common())
    print(json.dumps(result, indent=2) if args.json else table(result))
    if args.errors and not args.json:
        print("\nerror kinds:")
        for kind, count in result["error_kinds"].items():
            print(f"  {count:5d}  {kind}")
        for line in examples(found, annotations, texts, args.errors):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
