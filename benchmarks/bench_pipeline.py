"""Words per second of the full nkextract pipeline against the bare English model.

    python benchmarks/bench_pipeline.py [--corpus DIR] [--n 1000] [--batch-size 64]
                                        [--repeat 3] [--n-process 2 --scaling-corpus DIR]

Both pipelines read the same stories (the first N Reuters-21578 files by NEWID from
../shared/corpus/reuters21578) in the same run, with ``nlp.pipe`` in one process, after
a warm-up; in each of ``--repeat`` rounds the two pipelines take turns every 100 stories,
so that load from other jobs on a shared machine hits both alike, and each round gives
one ratio. The ratio is computed on
CPU time of this process (``time.process_time``), which other jobs disturb far less than
wall-clock time; both are printed, with the median and the best round. Then every pipe of
both pipelines is timed on its own over the same docs (tokenizer first, each pipe fed the
output of the ones before it), to show where the time goes. With ``--n-process N``, the
full pipeline also runs over every story of ``--scaling-corpus`` with N processes and with
one, on wall-clock time (CPU time of the parent says nothing about its workers).
Output is Markdown.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578"


class Timing(NamedTuple):
    wall: float
    cpu: float


def read_stories(corpus: Path, n: int | None) -> list[str]:
    """The first n stories (all if None) of a folder of <NEWID>.txt files, in NEWID order."""
    files = sorted((p for p in corpus.glob("*.txt") if p.stem.isdigit()), key=lambda p: int(p.stem))
    return [p.read_text(encoding="utf-8") for p in files[:n]]


def timed(run: Callable[[], object]) -> Timing:
    """Wall-clock and CPU seconds (of this process) of one call of run()."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def consume(docs: Iterable[Doc]) -> int:
    return sum(1 for _ in docs)


def pipe_profile(nlp: Language, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds spent by the tokenizer and by each pipe, each run over all docs in turn."""
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    profile = {"tokenizer": time.process_time() - start}
    for name, proc in nlp.pipeline:
        start = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        profile[name] = time.process_time() - start
    return profile


def speed_rounds(base: Language, full: Language, texts: list[str], batch_size: int,
                 repeat: int, chunk: int = 100) -> list[dict[str, Timing]]:
    """Timings of both pipelines over texts, one dict per round. Within a round the two
    take turns every ``chunk`` stories (the first to go alternating), so that a burst of
    load from other jobs falls on both alike."""
    rounds = []
    for r in range(repeat):
        spent = {"base": [0.0, 0.0], "full": [0.0, 0.0]}
        for k, start in enumerate(range(0, len(texts), chunk)):
            part = texts[start:start + chunk]
            order = [("base", base), ("full", full)][::1 if (k + r) % 2 == 0 else -1]
            for key, nlp in order:
                run = timed(lambda: consume(nlp.pipe(part, batch_size=batch_size)))
                spent[key][0] += run.wall
                spent[key][1] += run.cpu
        rounds.append({key: Timing(*value) for key, value in spent.items()})
    return rounds


def print_speed(rounds: list[dict[str, Timing]], n_words: int) -> None:
    ratios = [r["base"].cpu / r["full"].cpu for r in rounds]
    wall_ratios = [r["base"].wall / r["full"].wall for r in rounds]
    print("| round | bare CPU s | full CPU s | ratio full/bare (CPU) | ratio (wall) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for k, r in enumerate(rounds, 1):
        print(f"| {k} | {r['base'].cpu:.2f} | {r['full'].cpu:.2f} | {ratios[k - 1]:.3f} "
              f"| {wall_ratios[k - 1]:.3f} |")
    best = {key: min(r[key].cpu for r in rounds) for key in ("base", "full")}
    print(f"\nwords per CPU second, best round: bare {n_words / best['base']:,.0f}, "
          f"full {n_words / best['full']:,.0f}")
    print(f"\nratio full/bare (words per CPU second): median {statistics.median(ratios):.3f}, "
          f"best-of-rounds {best['base'] / best['full']:.3f} (wall: median "
          f"{statistics.median(wall_ratios):.3f}); target >= 1.0\n")


def print_profiles(base: Language, full: Language, texts: list[str], batch_size: int) -> None:
    profiles = {"bare": pipe_profile(base, texts, batch_size),
                "full": pipe_profile(full, texts, batch_size)}
    print("CPU seconds per pipe (each pipe run alone over the same docs):\n")
    print("| pipe | bare | full |")
    print("| --- | ---: | ---: |")
    names = list(dict.fromkeys(list(profiles["bare"]) + list(profiles["full"])))
    for name in names:
        cells = [f"{profiles[k][name]:.2f}" if name in profiles[k] else "–" for k in profiles]
        print(f"| {name} | {' | '.join(cells)} |")
    totals = {k: sum(p.values()) for k, p in profiles.items()}
    nk = sum(s for name, s in profiles["full"].items() if name.startswith("nk_"))
    print(f"| total | {totals['bare']:.2f} | {totals['full']:.2f} |")
    print(f"\nnk_ components together: {nk:.2f} s of {totals['full']:.2f} s "
          f"({100 * nk / totals['full']:.1f}%)\n")


def print_scaling(full: Language, texts: list[str], n_process: int, batch_size: int) -> None:
    """Wall-clock time of the full pipeline over texts with n_process processes and one."""
    n_words = sum(len(text.split()) for text in texts)
    one = timed(lambda: consume(full.pipe(texts, batch_size=batch_size)))
    many = timed(lambda: consume(full.pipe(texts, batch_size=batch_size, n_process=n_process)))
    print(f"Processes: {len(texts)} stories, {n_words:,} words, wall-clock seconds\n")
    print("| processes | wall s | words/wall s |")
    print("| ---: | ---: | ---: |")
    for k, run in ((1, one), (n_process, many)):
        print(f"| {k} | {run.wall:.1f} | {n_words / run.wall:,.0f} |")
    print(f"\nspeed-up with {n_process} processes: {one.wall / many.wall:.2f}x\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=1000, help="number of stories (default 1000)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds, the pipelines taking turns (0: no speed comparison)")
    ap.add_argument("--no-profile", action="store_true", help="skip the per-pipe profile")
    ap.add_argument("--n-process", type=int, default=1, help="also time this many processes")
    ap.add_argument("--scaling-corpus", type=Path, default=None,
                    help="stories for the --n-process timing (default: --corpus, first --n)")
    args = ap.parse_args(argv)

    import nkextract
    from nkextract.pipeline import load_base_model

    texts = read_stories(args.corpus, args.n)
    n_words = sum(len(text.split()) for text in texts)
    base = load_base_model()
    full = nkextract.load()
    for nlp in (base, full):  # warm-up
        consume(nlp.pipe(texts[:100], batch_size=args.batch_size))

    print(f"# Pipeline speed ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    print(f"{len(texts)} stories, {n_words:,} words (whitespace-separated), batch_size "
          f"{args.batch_size}, one process, {args.repeat} rounds; spaCy {spacy.__version__}, "
          f"Python {platform.python_version()}, base model "
          f"{base.meta.get('lang')}_{base.meta.get('name')}-{base.meta.get('version')}; "
          f"full pipeline: {', '.join(full.pipe_names)}\n")
    if args.repeat > 0:
        print_speed(speed_rounds(base, full, texts, args.batch_size, args.repeat), n_words)
    if not args.no_profile:
        print_profiles(base, full, texts, args.batch_size)
    if args.n_process > 1:
        corpus = read_stories(args.scaling_corpus, None) if args.scaling_corpus else texts
        print_scaling(full, corpus, args.n_process, args.batch_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
