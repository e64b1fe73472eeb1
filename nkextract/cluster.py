"""Running the batch command's batches on a Dask distributed cluster.

Each worker loads the pipeline once, through a WorkerPlugin; each batch of files is one
task (texts in, rows out), so workers need nkextract installed but not the input files.
Results come back to the client, which writes them exactly as a local run does.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, Iterable, Iterator

from distributed import WorkerPlugin

from .errors import InputError

logger = logging.getLogger(__name__)

PLUGIN = "nkextract-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the nkextract pipeline once per worker, at worker setup."""

    name = PLUGIN

    def __init__(self, models_dir: str | None = None) -> None:
        self.models_dir = models_dir
        self.nlp: Any = None
        self.lock: Any = None

    def setup(self, worker: Any) -> None:
        from .pipeline import load

        self.nlp = load(self.models_dir)
        self.lock = threading.Lock()  # one nlp per worker: its threads take turns
        logger.info("worker %s: pipeline loaded", getattr(worker, "address", "?"))


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
        return Client(str(scheduler), timeout="20s"), True
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
        client.register_plugin(PipelinePlugin(models_dir), name=PLUGIN)
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
