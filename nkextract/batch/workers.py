"""Where the batch command's batches meet the pipeline: this process, forked local
workers, or a Dask cluster.

Elsewhere than in this process, each batch of files is one task (texts in, rows out);
each worker holds one pipeline, loaded (or, for local workers, inherited) once. Only
texts and rows cross between processes, never Docs, so the main process is left to read
files and write tables. Dask workers need nkextract installed but not the input files.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language

from ..errors import InputError
from ..records import claims_of, mentions_of

logger = logging.getLogger(__name__)

PIPE_BATCH_SIZE = 16  # texts per spaCy minibatch

PLUGIN = "nkextract-pipeline"


# -- in this process ------------------------------------------------------------------
def annotate(nlp: Language, items: Iterable[tuple[str, dict]], *, n_process: int = 1,
             batch_size: int = PIPE_BATCH_SIZE) -> Iterator[tuple[dict, list[dict], list[dict], int]]:
    """Run the pipeline over (text, context) pairs.

    RETURNS: per doc, (context, mention rows, claim rows, number of tokens). A doc the
        pipeline failed on is logged and left out.
    """
    with _logging_errors(nlp):
        for doc, context in nlp.pipe(items, as_tuples=True, n_process=n_process, batch_size=batch_size):
            article = context["article"]
            if doc._.nk_published is None and context.get("published"):
                doc._.nk_published = str(context["published"])[:10]
            mentions = [vars(m) for m in mentions_of(doc, article)]
            claims = sorted((c.row() for c in claims_of(doc, article)), key=lambda r: (r["start"], r["end"]))
            yield context, mentions, claims, len(doc)


def _log_pipeline_error(name: str | None, component: Any, docs: Any, err: Exception) -> None:
    lines = str(err).strip().splitlines() or [type(err).__name__]
    logger.warning("pipeline component %s failed, its article is in errors: %s", name or "?", lines[-1])


@contextmanager
def _logging_errors(nlp: Language) -> Iterator[None]:
    """Let the pipeline drop a failing doc (reported as a ``pipeline`` error) and go on."""
    before = {}
    for name, component in nlp.pipeline:
        try:  # spaCy's Cython parsers cannot take one (spaCy's set_error_handler fails on them)
            handler = component.get_error_handler()
            component.set_error_handler(_log_pipeline_error)
        except AttributeError:
            continue
        before[name] = handler
    default, nlp.default_error_handler = nlp.default_error_handler, _log_pipeline_error
    try:
        yield
    finally:
        nlp.default_error_handler = default
        for name, handler in before.items():
            nlp.get_pipe(name).set_error_handler(handler)


def local_batches(nlp: Language, batches: Iterable[Any], n_process: int,
                  finish: Callable) -> Iterator[tuple[Any, dict, int]]:
    """Run batches through one ``nlp.pipe`` stream in this process (spaCy's own
    ``n_process`` when above 1). RETURNS: (batch, rows, words) in input order."""
    pending: deque = deque()

    def stream() -> Iterator[tuple[str, dict]]:
        for batch in batches:
            pending.append(batch)
            yield from batch.items
            batch.items = []  # the texts are not needed once sent

    results: list = []
    for result in annotate(nlp, stream(), n_process=n_process):
        while pending[0].number != result[0]["batch"]:
            yield (batch := pending.popleft()), *finish(batch, results)
            results = []
        results.append(result)
    while pending:
        yield (batch := pending.popleft()), *finish(batch, results)
        results = []


# -- forked local workers ----------------------------------------------------------------
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


# -- a Dask cluster --------------------------------------------------------------------------
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
