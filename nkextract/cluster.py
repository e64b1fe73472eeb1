"""Running the batch command's batches in other processes: local workers or a Dask cluster.

Each batch of files is one task (texts in, rows out); each worker holds one pipeline,
loaded (or, for local workers, inherited) once. Only texts and rows cross between
processes, never Docs, so the main process is left to read files and write tables.
Dask workers need nkextract installed but not the input files.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from .errors import InputError

logger = logging.getLogger(__name__)

PLUGIN = "nkextract-pipeline"
#: the pipeline of a local worker process, set once by the pool's initializer
_PROCESS_PIPELINE: list = []


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _adopt(nlp: Any) -> None:
    _PROCESS_PIPELINE[:] = [nlp]
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker when the run that forked it dies (``kill -9`` leaves no orphans)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _annotate_here(items: list[tuple[str, dict]]) -> list[tuple[dict, list[dict], list[dict], int]]:
    from .batch import annotate

    return list(annotate(_PROCESS_PIPELINE[0], items))


def process_batches(nlp: Any, batches: Iterable[Any], n_process: int,
                    finish: Callable) -> Iterator[tuple[Any, dict, int]]:
    """Run batches on n_process forked workers, each inheriting nlp (no reloading).

    A few batches per worker are in flight at a time, so memory stays bounded.
    RETURNS: (batch, rows, words) in input order.
    """
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_adopt, initargs=(nlp,)) as pool:
        pending = iter(batches)
        running: deque = deque()

        def submit() -> None:
            batch = next(pending, None)
            if batch is not None:
                running.append((batch, pool.submit(_annotate_here, batch.items)))
                batch.items = []

        for _ in range(2 * n_process):
            submit()
        while running:
            batch, future = running.popleft()
            results = future.result()
            submit()
            yield batch, *finish(batch, results)


@lru_cache(maxsize=None)
def plugin_class() -> type:
    """The WorkerPlugin that loads the pipeline once per worker (defined on first use, so
    that nkextract imports ``distributed`` only for Dask runs)."""
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        name = PLUGIN

        def __init__(self, models_dir: str | None = None) -> None:
            self.models_dir = models_dir
            self.nlp: Any = None
            self.lock: Any = None

        def setup(self, worker: Any) -> None:
            from nkextract.pipeline import load

            self.nlp = load(self.models_dir)
            self.lock = threading.Lock()  # one nlp per worker: its threads take turns
            logger.info("worker %s: pipeline loaded", getattr(worker, "address", "?"))

    return PipelinePlugin


def annotate_batch(items: list[tuple[str, dict]]) -> list[tuple[dict, list[dict], list[dict], int]]:
    """The task run on a worker: annotate one batch's (text, context) pairs."""
    from distributed import get_worker

    from .batch import annotate

    plugin = get_worker().plugins[PLUGIN]
    with plugin.lock:
        return list(annotate(plugin.nlp, items))


def connect(scheduler: Any) -> tuple[Any, bool]:
    """A Client for a scheduler address or an existing Client. RETURNS: (client, ours)."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        address = scheduler if hasattr(scheduler, "scheduler_address") else str(scheduler)  # a LocalCluster
        return Client(address, timeout="20s"), True
    except (OSError, TimeoutError, ValueError) as err:
        raise InputError(f"Cannot reach the Dask scheduler at {scheduler} ({err}); start one with "
                         "`dask scheduler` and pass its tcp://HOST:PORT address.") from err


def dask_batches(scheduler: Any, batches: Iterable[Any], finish: Callable, *,
                 models_dir: str | None = None) -> Iterator[tuple[Any, dict, int]]:
    """Run batches as tasks on the cluster, a few per worker thread in flight at a time.

    finish: turns (batch, results) into (rows, words), as for a local run.
    RETURNS: (batch, rows, words) as batches finish, in any order.
    """
    from distributed import as_completed

    client, ours = connect(scheduler)
    try:
        client.register_plugin(plugin_class()(models_dir), name=PLUGIN)
        window = 2 * max(1, sum(client.nthreads().values()))
        pending = iter(batches)
        running: dict[str, Any] = {}
        futures = as_completed()

        def submit() -> None:
            batch = next(pending, None)
            if batch is not None:
                future = client.submit(annotate_batch, batch.items, pure=False)
                batch.items = []
                running[future.key] = batch
                futures.add(future)

        for _ in range(window):
            submit()
        for future in futures:
            batch = running.pop(future.key)
            results = future.result()
            future.release()
            yield batch, *finish(batch, results)
            submit()
    finally:
        if ours:
            client.close()
