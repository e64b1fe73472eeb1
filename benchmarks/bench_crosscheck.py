"""Time and peak memory of ``nkextract check`` on large synthetic claims tables.

    python benchmarks/bench_crosscheck.py [--sizes 1000000 10000000] [--baseline 100000]
        [--before /path/to/older/checkout --before-sizes 100000 200000] [--data DIR]

Claims come from benchmarks/synthetic_claims.py (long monthly series of one statistic
between 60 countries over 36 years, 200,000 company subjects, syndicated copies), written
once per size as DIR/<size>/claims.parquet. Each measurement runs in a fresh subprocess
(``ru_maxrss`` is then its own peak): the partitioned check as ``nkextract check`` runs it
(split on disk, partition by partition, facts and checks written), the ``--baseline``
size first, so that every other size is given as a ratio to it in the same run; with
``--before``, the whole-table ``cross_check`` of that checkout (the code before
partitioning) at small sizes, under a memory cap so it cannot take the machine down.
Output is Markdown. Times are wall clock and CPU time; on a shared machine quote CPU time
and medians, and note the load average printed with the table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEMORY_CAP = 8 << 30   # the --before run is stopped beyond this (bytes of address space)


def _claims_folder(data: Path, n: int, seed: int) -> Path:
    folder = data / str(n)
    if not (folder / "claims.parquet").exists():
        subprocess.run([sys.executable, str(HERE / "synthetic_claims.py"), str(n), str(folder),
                        "--seed", str(seed)], check=True, capture_output=True)
    return folder


def run_partitioned(folder: Path, partition_claims: int | None) -> dict:
    from nkextract.batch.run import check

    result = check(folder, "parquet", partition_claims=partition_claims)
    return {"facts": result.facts, "checks": result.checks, "conflicts": result.conflicts}


def run_sampled(folder: Path, partition_claims: int | None, sample: int) -> dict:
    """The split of a table in full, then ``sample`` of its partitions (evenly spread)
    cross-checked: for tables too large to check in full on a busy machine, the time of
    the rest is extrapolated from them (the peak is measured, it does not grow with them)."""
    from nkextract.batch.checking import CHECK_DIR, _here, _write_part
    from nkextract.batch.partitions import PARTITION_CLAIMS, split_claims
    from nkextract.crosscheck import settings

    config = settings()
    began = time.process_time()
    plan = split_claims(folder / "claims.parquet", "parquet", folder / CHECK_DIR, config,
                        partition_claims or PARTITION_CLAIMS)
    split = time.process_time() - began
    picks = sorted({round(i * (plan.n_partitions - 1) / max(1, sample - 1)) for i in range(sample)})
    began, facts, checks = time.process_time(), 0, 0
    for number in picks:
        result = _here(folder / CHECK_DIR, plan, number, config)
        _write_part(folder / CHECK_DIR, result)
        facts, checks = facts + len(result.facts), checks + len(result.checks)
    per_partition = (time.process_time() - began) / len(picks)
    scale = plan.n_partitions / len(picks)
    return {"facts": round(facts * scale), "checks": round(checks * scale), "conflicts": None,
            "split_cpu": split, "partition_cpu": per_partition, "partitions": plan.n_partitions,
            "cpu_estimate": split + per_partition * plan.n_partitions,
            "failed": f"split {split:,.0f} s + {len(picks)}/{plan.n_partitions} partitions at "
                      f"{per_partition:,.1f} s each, extrapolated"}


def run_whole(folder: Path) -> dict:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    import pandas as pd

    from nkextract import cross_check

    facts, checks = cross_check(pd.read_parquet(folder / "claims.parquet"))
    return {"facts": len(facts), "checks": len(checks), "conflicts": int((checks["status"] == "conflict").sum())}


def run_one(args: argparse.Namespace) -> dict:
    if args.source:
        sys.path.insert(0, args.source)
    began, cpu = time.perf_counter(), time.process_time()
    try:
        if args.mode == "sampled":
            counts = run_sampled(args.folder, args.partition, args.sample)
        elif args.mode == "whole":
            counts = run_whole(args.folder)
        else:
            counts = run_partitioned(args.folder, args.partition)
    except MemoryError:
        counts = {"facts": None, "checks": None, "conflicts": None, "failed": f"over {MEMORY_CAP >> 30} GiB"}
    cpu = time.process_time() - cpu
    if args.mode == "sampled":
        cpu = counts["cpu_estimate"]
    return {"seconds": time.perf_counter() - began, "cpu": cpu,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **counts}


def measure(folder: Path, mode: str, source: str | None = None, partition: int | None = None,
            sample: int = 0) -> dict:
    command = [sys.executable, __file__, "--one", str(folder), "--mode", mode, "--sample", str(sample)]
    command += ["--source", source] if source else []
    command += ["--partition", str(partition)] if partition else []
    env = {**os.environ, "PYTHONPATH": source or os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": None, "cpu": None, "peak_mib": None, "failed": tail[:80]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cell(value: object, fmt: str = "{:,.0f}") -> str:
    return "" if value is None else fmt.format(value)


def _row(label: str, n: int, r: dict, base: dict | None, base_n: int | None) -> str:
    ratio_time = ratio_peak = ""
    if base and r.get("cpu") and base.get("cpu"):
        ratio_time = f"{(r['cpu'] / n) / (base['cpu'] / base_n):.2f}"
        ratio_peak = f"{r['peak_mib'] / base['peak_mib']:.2f}"
    per_million = _cell(r["cpu"] / n * 1e6 if r.get("cpu") else None, "{:,.0f}")
    return (f"| {label} | {n:,} | {_cell(r['seconds'], '{:,.1f}')} | {_cell(r['cpu'], '{:,.1f}')} | "
            f"{per_million} | {_cell(r['peak_mib'])} | {_cell(r.get('facts'))} | {_cell(r.get('checks'))} | "
            f"{_cell(r.get('conflicts'))} | {ratio_time} | {ratio_peak} | {r.get('failed', '')} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--baseline", type=int, default=100_000)
    parser.add_argument("--before", help="an older checkout whose whole-table cross_check is compared")
    parser.add_argument("--before-sizes", type=int, nargs="*", default=[100_000, 200_000])
    parser.add_argument("--partition", type=int, help="claims per partition (default: the library's)")
    parser.add_argument("--sampled-sizes", type=int, nargs="*", default=[],
                        help="sizes split in full but checked on --sample partitions, time extrapolated")
    parser.add_argument("--sample", type=int, default=6)
    parser.add_argument("--data", type=Path, default=Path("/tmp/nkextract-bench"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="partitioned", help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        args.folder = args.one
        print(json.dumps(run_one(args)))
        return
    print(f"# nkextract check benchmark\n\n{platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load average at start {os.getloadavg()[0]:.1f}\n")
    print("| run | claims | wall s | CPU s | CPU s per 1M | peak RSS MiB | facts | checks | conflicts | "
          "CPU per claim / baseline | peak / baseline | note |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    base = measure(_claims_folder(args.data, args.baseline, args.seed), "partitioned", partition=args.partition)
    print(_row("partitioned (baseline)", args.baseline, base, None, None), flush=True)

    for n in args.before_sizes if args.before else []:
        r = measure(_claims_folder(args.data, n, args.seed), "whole", source=args.before)
        print(_row("whole table, before", n, r, base, args.baseline), flush=True)
    for n in args.sizes:
        r = measure(_claims_folder(args.data, n, args.seed), "partitioned", partition=args.partition)
        print(_row("partitioned", n, r, base, args.baseline), flush=True)
    for n in args.sampled_sizes:
        r = measure(_claims_folder(args.data, n, args.seed), "sampled", partition=args.partition, sample=args.sample)
        print(_row("partitioned, sampled", n, r, base, args.baseline), flush=True)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}. Ratios: CPU time per claim and peak RSS "
          f"against the partitioned baseline of {args.baseline:,} claims in this run; flat memory "
          "means a peak ratio near 1 whatever the size.")


if __name__ == "__main__":
    main()
