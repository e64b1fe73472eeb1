"""Speed and memory of the batch command on the Reuters-21578 stories, printed as ratios.

    python benchmarks/bench_batch.py [CORPUS_DIR] [--sizes 1000 5000] [--all] [--n-process 2]

For each sample size (the first N stories by number), each measurement runs in a fresh
process: bare ``en_core_web_sm`` over the texts (``nlp.pipe``), then ``nkextract.batch.run.run``
with one process and with ``--n-process``, reading the files and writing every table. Speed
is tokens per second of processing (model loading excluded); memory is the peak of the
summed proportional set size (PSS: shared pages split between the processes sharing them)
of the measured process and its children, sampled every 0.2 s.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "reuters21578"


def stories(corpus: Path, n: int | None) -> list[Path]:
    """The first n stories by number (all when n is None)."""
    paths = sorted(corpus.glob("*.txt"), key=lambda p: (not p.stem.isdigit(), int(p.stem) if p.stem.isdigit() else 0))
    return paths[:n] if n else paths


def sample_folder(paths: list[Path], root: Path) -> Path:
    folder = root / "articles"
    folder.mkdir()
    for path in paths:
        (folder / path.name).symlink_to(path.resolve())
    return folder


# -- one measurement, in its own process ------------------------------------------------
def cpu_seconds() -> float:
    """CPU time of this process and its finished children (forked workers included)."""
    import resource

    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def measure(mode: str, folder: Path, out: Path, n_process: int) -> dict:
    if mode == "bare":
        from nkextract.pipeline import load_base_model

        nlp = load_base_model()
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.iterdir())]
        start, cpu = time.perf_counter(), cpu_seconds()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
        return {"words": words, "seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu}
    from nkextract.batch.run import run
    from nkextract.pipeline import load

    nlp = load()
    start, cpu = time.perf_counter(), cpu_seconds()
    summary = run(folder, out, nlp=nlp, n_process=n_process)
    return {"words": summary.words, "seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu,
            "claims": summary.claims, "errors": summary.errors, "facts": summary.facts, "checks": summary.checks}


def peak_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    import psutil

    try:
        process = psutil.Process(pid)
        while not stop.is_set():
            tree = [process, *process.children(recursive=True)]
            total = 0
            for member in tree:
                try:  # PSS: pages shared by forked workers are counted once, not per process
                    total += member.memory_full_info().pss
                except psutil.Error:
                    continue
            peak[0] = max(peak[0], total)
            time.sleep(0.2)
    except psutil.Error:
        return


def in_child(mode: str, folder: Path, n_process: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        child = subprocess.Popen([sys.executable, __file__, "--measure", mode, str(folder), out, str(n_process)],
                                 stdout=subprocess.PIPE, text=True)
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=peak_rss, args=(child.pid, stop, peak))
        sampler.start()
        output, _ = child.communicate()
        stop.set()
        sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{mode} failed (exit {child.returncode})")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_mib"] = peak[0] / 2**20
    result["words_per_s"] = result["words"] / result["seconds"]
    result["words_per_cpu_s"] = result["words"] / result["cpu"]
    return result


def bench(corpus: Path, size: int | None, n_process: int) -> dict:
    paths = stories(corpus, size)
    with tempfile.TemporaryDirectory() as root:
        folder = sample_folder(paths, Path(root))
        results = {"stories": len(paths)}
        for name, mode, processes in [("bare", "bare", 1), ("one", "run", 1), (f"n{n_process}", "run", n_process)]:
            results[name] = in_child(mode, folder, processes)
            r = results[name]
            print(f"  {len(paths)} stories, {name}: {r['words_per_s']:,.0f} words/s wall, "
                  f"{r['words_per_cpu_s']:,.0f} words/CPU-s, peak {r['peak_mib']:,.0f} MiB, "
                  f"{r.get('claims', '-')} claims", flush=True)
    return results


def report(rows: list[dict], n: int) -> str:
    """A markdown table of the figures and the ratios the issue asks for.

    Wall-clock ratios need idle cores; on a shared machine the CPU-time ratios are the
    steadier measure: one process's words per CPU-second against bare en_core_web_sm's,
    and the speed-up n processes would give on n idle cores (one process's CPU time over
    the n processes' CPU time shared out between n cores).
    """
    lines = [f"| stories | tokens | bare sm words/s (wall, CPU) | 1 process (wall, CPU) | {n} processes "
             f"(wall, CPU) | 1 proc / bare (wall, CPU) | {n} proc / 1 proc (wall, idle-core est.) | "
             f"peak MiB bare / 1 / {n} |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        bare, one, many = r["bare"], r["one"], r[f"n{n}"]
        estimate = one["cpu"] / (many["cpu"] / n)
        lines.append(
            f"| {r['stories']} | {bare['words']:,} | {bare['words_per_s']:,.0f}, {bare['words_per_cpu_s']:,.0f} | "
            f"{one['words_per_s']:,.0f}, {one['words_per_cpu_s']:,.0f} | "
            f"{many['words_per_s']:,.0f}, {many['words_per_cpu_s']:,.0f} | "
            f"{one['words_per_s'] / bare['words_per_s']:.2f}, {one['words_per_cpu_s'] / bare['words_per_cpu_s']:.2f} | "
            f"{many['words_per_s'] / one['words_per_s']:.2f}, {estimate:.2f} | "
            f"{bare['peak_mib']:,.0f} / {one['peak_mib']:,.0f} / {many['peak_mib']:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        mode, folder, out, n_process = sys.argv[2:6]
        print(json.dumps(measure(mode, Path(folder), Path(out), int(n_process))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--all", action="store_true", help="also the whole corpus (about 19,000 stories)")
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()
    sizes: list[int | None] = list(args.sizes) + ([None] if args.all else [])
    rows = []
    for size in sizes:
        rows.append(bench(args.corpus, size, args.n_process))
    print()
    print(report(rows, args.n_process))


if __name__ == "__main__":
    main()
