"""``nkextract check``: cross-check an extracted folder's claims partition by partition.

The claims table is split on disk (partitions.py); each partition is cross-checked on its
own, here or as a Dask task, and its facts and checks go to part files in the work folder
(``OUT_DIR/.nkextract-check``), written atomically. The parts are then merged, each in the
order an in-memory ``cross_check`` gives (facts by statistic key, checks by kind and id),
into the facts and checks tables. Memory is bounded by the largest partition, not by the
table. A killed check resumes (``resume=True``) from the partitions already done; a
partition that cannot be read or checked becomes an ``errors`` row and the others are
still written.
"""
from __future__ import annotations

import heapq
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import pandas as pd

from ..crosscheck import CHECK_COLUMNS, FACT_COLUMNS, cross_check
from ..crosscheck.keys import KEY_COLUMNS
from ..crosscheck.settings import Settings
from .io import ERROR_COLUMNS, TableWriter, conformed_rows, find_format, read_table, table_path
from .partitions import (PARTITION_CLAIMS, Plan, Told, json_record, prepare_partition, read_plan, read_told,
                         source_signature, split_claims, told_path)

logger = logging.getLogger(__name__)

CHECK_DIR = ".nkextract-check"
#: the errors a check writes (an earlier check's are replaced, extraction's are kept)
CHECK_ERROR_KINDS = ("crosscheck", "claims_unreadable")
WRITE_ROWS = 20_000


class CheckResult(NamedTuple):
    """What a check wrote: how many facts, checks and conflicts, and partitions failed."""

    facts: int
    checks: int
    conflicts: int
    failed: int


class PartResult(NamedTuple):
    """The outcome of one partition: its facts and checks, or the error that stopped it."""

    number: int
    facts: pd.DataFrame | None
    checks: pd.DataFrame | None
    error: str | None = None


def check_partition(claims: pd.DataFrame, told: Told, config: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross-check one partition's claims."""
    prepared = prepare_partition(claims, told.stories, told.corrected, config, told.provisional, told.fiscal,
                                 told.compared)
    return cross_check(prepared, config)


def check_partition_file(path: str, told: str, fmt: str, config: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross-check the partition written at ``path``, told what the file ``told`` says (the
    task a Dask worker runs: it reads both from the output folder, so the task graph holds
    two paths, not the claims)."""
    return check_partition(read_partition(Path(path), fmt), read_told(Path(told)), config)


def check_folder(out_dir: str | Path, config: Settings, *, fmt: str | None = None, resume: bool = False,
                 scheduler: Any = None, partition_claims: int = PARTITION_CLAIMS) -> CheckResult:
    """Cross-check the claims table of out_dir into its facts and checks tables.

    config: the cross-check settings (one models folder). resume: keep the partitions a
        killed check finished. scheduler: a Dask address or Client: partitions run as tasks.
    partition_claims: claims per partition aimed at.
    RETURNS: a CheckResult.
    """
    out = Path(out_dir)
    fmt = fmt or find_format(out, "claims")
    work = out / CHECK_DIR
    source = source_signature(table_path(out, "claims", fmt))
    plan = read_plan(work, source) if resume else None
    if plan is None:
        plan = split_claims(table_path(out, "claims", fmt), fmt, work, config, partition_claims)
    else:
        logger.info("resuming the check: %d partitions", plan.n_partitions)
    todo = [i for i in range(plan.n_partitions) if not _done(work, i)]
    if scheduler is not None:
        results = _on_dask(scheduler, work, plan, todo, config)
    else:
        results = (_here(work, plan, i, config) for i in todo)
    errors = list(plan.errors)
    for result in results:
        if result.error is not None:
            errors.append(_error_row(plan, result))
            continue
        _write_part(work, result)
    result = _merge(out, work, plan, fmt, errors)
    shutil.rmtree(work, ignore_errors=True)
    return result


# -- one partition -----------------------------------------------------------------------------
def _part_path(work: Path, table: str, number: int) -> Path:
    return table_path(work, f"{table}-{number:05d}", "jsonl")


def _done(work: Path, number: int) -> bool:
    return _part_path(work, "facts", number).exists() and _part_path(work, "checks", number).exists()


def read_partition(path: Path, fmt: str) -> pd.DataFrame:
    """A partition's claims as cross_check takes them (parquet and jsonl without the
    per-cell typing of read_table, which cross_check's own cleaning makes unneeded)."""
    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as handle:
            return pd.DataFrame.from_records([json_record(line) for line in handle if line.strip()])
    return read_table(path.parent, path.stem, fmt)


def _here(work: Path, plan: Plan, number: int, config: Settings) -> PartResult:
    """Cross-check one partition in this process."""
    try:
        facts, checks = check_partition_file(str(plan.partition(work, number)), str(told_path(work, number)),
                                             plan.fmt, config)
    except Exception as err:  # a corrupt part file or a failing check: an errors row, go on
        logger.debug("partition %d failed", number, exc_info=True)
        return PartResult(number, None, None, f"{type(err).__name__}: {err}")
    return PartResult(number, facts, checks)


def _on_dask(scheduler: Any, work: Path, plan: Plan, todo: list[int], config: Settings) -> Iterator[PartResult]:
    """Cross-check partitions as Dask tasks, a few per worker thread in flight at a time.

    A task holds two paths, its partition's and its told file's, not their contents:
    workers read both from the output folder (shared with them: a network folder on a
    cluster), so the task graph stays small however large the partitions, and this process
    reads no partition.
    """
    from distributed import as_completed

    from .workers import connect

    client, ours = connect(scheduler)
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        pending = iter(todo)
        running: dict[str, int] = {}
        futures = as_completed()

        def submit() -> None:
            """Send the next partition."""
            for number in pending:
                future = client.submit(check_partition_file, str(plan.partition(work, number).resolve()),
                                       str(told_path(work, number).resolve()), plan.fmt, config, pure=False)
                running[future.key] = number
                futures.add(future)
                return

        for _ in range(window):
            submit()
        for future in futures:
            number = running.pop(future.key)
            try:
                facts, checks = future.result()
                yield PartResult(number, facts, checks)
            except Exception as err:  # a killed worker (KilledWorker) or a failing check
                yield PartResult(number, None, None, f"{type(err).__name__}: {err}")
            future.release()
            submit()
    finally:
        if ours:
            client.close()


def _write_part(work: Path, result: PartResult) -> None:
    """A finished partition's facts, then its checks (it counts as done once both exist):
    one line per row, its sort key, a tab, and the row as JSON (the merge reads only keys)."""
    for table, frame, order in (("facts", result.facts, _fact_order), ("checks", result.checks, _check_order)):
        path = _part_path(work, table, result.number)
        temp = path.with_suffix(".tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(list(frame.columns)) + "\n")
            for row in conformed_rows(frame, table):  # as every format writes it
                handle.write(json.dumps(order(row), ensure_ascii=False) + "\t"
                             + json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(temp, path)


def _rows(frame: pd.DataFrame) -> Iterator[dict]:
    columns = list(frame.columns)
    for values in zip(*(frame[c].to_numpy(dtype=object) for c in columns)):
        yield dict(zip(columns, values))


def _error_row(plan: Plan, result: PartResult) -> dict:
    name = plan.partition(Path(CHECK_DIR), result.number).as_posix()
    return {"article": name, "kind": "crosscheck",
            "message": f"claims partition {result.number + 1} of {plan.n_partitions} ({name}) was not "
                       f"cross-checked ({result.error}); its facts and checks are missing, the other "
                       "partitions' are written: fix the cause and run `nkextract check` again."}


# -- the tables ----------------------------------------------------------------------------------
def _part_lines(path: Path) -> Iterator[tuple[str, str]]:
    """(sort key, row as JSON) of a part file's rows, in its order."""
    with open(path, encoding="utf-8") as handle:
        handle.readline()  # the columns
        for line in handle:
            key, _, row = line.rstrip("\n").partition("\t")
            yield key, row


def _fact_order(row: dict) -> list[str]:
    """Facts in the order of their statistic key (cross_check's order: missing parts first)."""
    return ["\x00" if row.get(c) is None else str(row[c]) for c in KEY_COLUMNS if c in FACT_COLUMNS]


def _check_order(row: dict) -> list[str]:
    return [row.get("kind") or "", row.get("check_id") or ""]


def _merged(work: Path, table: str, numbers: Iterable[int]) -> Iterator[str]:
    """The rows (as JSON) of every finished partition's part of a table, merged in order.

    The keys are compared as their JSON text decoded once per row; ids are unique."""
    parts = [((json.loads(k), row) for k, row in _part_lines(_part_path(work, table, n)))
             for n in numbers if _done(work, n)]
    for _, row in heapq.merge(*parts, key=lambda pair: pair[0]):
        yield row


def _write_merged(out: Path, table: str, fmt: str, columns: list[str], rows: Iterator[str]) -> int:
    """Write merged rows as table ``table``: jsonl lines as they are, other formats parsed."""
    count = 0
    with TableWriter(out, table, fmt, columns) as writer:
        if fmt == "jsonl":
            return writer.write_json_lines(rows)
        block: list[dict] = []
        for row in rows:
            block.append(json.loads(row))
            if len(block) >= WRITE_ROWS:
                writer.write(block)
                count += len(block)
                block = []
        writer.write(block)
        count += len(block)
    return count


def _merge(out: Path, work: Path, plan: Plan, fmt: str, errors: list[dict]) -> CheckResult:
    numbers = range(plan.n_partitions)
    fact_columns = _columns(work, "facts", numbers, FACT_COLUMNS)
    check_columns = _columns(work, "checks", numbers, CHECK_COLUMNS)
    n_facts = _write_merged(out, "facts", fmt, fact_columns, _merged(work, "facts", numbers))
    conflicts = 0

    def counted(rows: Iterator[str]) -> Iterator[str]:
        nonlocal conflicts
        for row in rows:
            conflicts += '"status": "conflict"' in row
            yield row

    n_checks = _write_merged(out, "checks", fmt, check_columns, counted(_merged(work, "checks", numbers)))
    _write_errors(out, fmt, errors)
    failed = sum(1 for e in errors if e["kind"] == "crosscheck")
    return CheckResult(n_facts, n_checks, conflicts, failed)


def _columns(work: Path, table: str, numbers: Iterable[int], default: list[str]) -> list[str]:
    """The columns cross_check gave this table (the first line of a part file), else the default."""
    for number in numbers:
        path = _part_path(work, table, number)
        if path.exists():
            with open(path, encoding="utf-8") as handle:
                return json.loads(handle.readline())
    return list(default)


def _write_errors(out: Path, fmt: str, errors: list[dict]) -> None:
    """The errors table with this check's errors in place of an earlier check's."""
    try:
        earlier = read_table(out, "errors", fmt)
    except Exception:  # no errors table yet (or an unreadable one): start it
        earlier = pd.DataFrame(columns=ERROR_COLUMNS)
    if "kind" in earlier.columns:
        earlier = earlier[~earlier["kind"].isin(CHECK_ERROR_KINDS)]
    columns = list(earlier.columns) if len(earlier.columns) else ERROR_COLUMNS
    with TableWriter(out, "errors", fmt, columns) as writer:
        writer.write(list(_rows(earlier)))
        writer.write(errors)
