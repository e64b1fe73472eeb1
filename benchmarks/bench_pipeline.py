"""Words per second of the full nkextract pipeline against the bare English model.

    python benchmarks/bench_pipeline.py [--corpus DIR] [--n 1000] [--batch-size 64]

Both pipelines read the same stories (the first N Reuters-21578 files by NEWID from
../shared/corpus/reuters21578) in the same run, with ``nlp.pipe`` in one process, after
a warm-up; each timing is the best of ``--repeat`` runs, the two pipelines taking turns.
The ratio is computed on CPU time of this process (``time.process_time``), which other jobs
on a shared machine disturb far less than wall-clock time; both are printed. Then every
component of the full pipeline is timed on its own over the same docs (tokenizer first, each
component fed the output of the ones before it), to show where the time goes. Output is
Markdown.
"""
from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path
from typing import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578"


def read_stories(corpus: Path, n: int) -> list[str]:
    """The first n stories of a folder of <NEWID>.txt files, in NEWID order."""
    files = sorted((p for p in corpus.glob("*.txt") if p.stem.isdigit()), key=lambda p: int(p.stem))
    return [p.read_text(encoding="utf-8") for p in files[:n]]


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) of one call of run()."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def consume(docs: Iterable[Doc]) -> int:
    return sum(1 for _ in docs)


def component_profile(nlp: Language, texts: list[str], batch_size: int) -> list[tuple[str, float]]:
    """CPU seconds spent by the tokenizer and by each pipe, each run over all docs in turn."""
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    profile = [("tokenizer", time.process_time() - start)]
    for name, proc in nlp.pipeline:
        start = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        profile.append((name, time.process_time() - start))
    return profile


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=1000, help="number of stories (default 1000)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per pipeline; best counts")
    args = ap.parse_args(argv)

    import nkextract
    from nkextract.pipeline import load_base_model

    texts = read_stories(args.corpus, args.n)
    n_words = sum(len(text.split()) for text in texts)
    base = load_base_model()
    full = nkextract.load()
    warm = texts[:100]
    for nlp in (base, full):
        consume(nlp.pipe(warm, batch_size=args.batch_size))

    timings: dict[str, list[tuple[float, float]]] = {"base": [], "full": []}
    for _ in range(args.repeat):  # taking turns, so that load from other jobs hits both alike
        for key, nlp in (("base", base), ("full", full)):
            timings[key].append(timed(lambda: consume(nlp.pipe(texts, batch_size=args.batch_size))))
    best = {key: min(runs, key=lambda run: run[1]) for key, runs in timings.items()}
    wps = {key: (n_words / wall, n_words / cpu) for key, (wall, cpu) in best.items()}

    print(f"# Pipeline speed ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    print(f"{len(texts)} stories, {n_words:,} words (whitespace-separated), batch_size "
          f"{args.batch_size}, one process, best of {args.repeat} by CPU time; spaCy "
          f"{spacy.__version__}, Python {platform.python_version()}, base model "
          f"{base.meta.get('lang')}_{base.meta.get('name')}-{base.meta.get('version')}\n")
    print("| pipeline | CPU s | words/CPU s | wall s | words/wall s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for key, label in (("base", "bare English model"), ("full", "full nkextract")):
        wall, cpu = best[key]
        print(f"| {label} | {cpu:.2f} | {wps[key][1]:,.0f} | {wall:.2f} | {wps[key][0]:,.0f} |")
    print(f"\nratio full/bare = {wps['full'][1] / wps['base'][1]:.3f} on CPU time "
          f"({wps['full'][0] / wps['base'][0]:.3f} on wall time); target >= 0.8\n")

    profile = component_profile(full, texts, args.batch_size)
    total = sum(seconds for _, seconds in profile)
    print("Per-component CPU time of the full pipeline (each run alone over the same docs):\n")
    print("| component | CPU s | share |")
    print("| --- | ---: | ---: |")
    for name, seconds in profile:
        print(f"| {name} | {seconds:.2f} | {100 * seconds / total:.1f}% |")
    nk = sum(seconds for name, seconds in profile if name.startswith("nk_"))
    print(f"\nnk_ components together: {nk:.2f} s of {total:.2f} s ({100 * nk / total:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
