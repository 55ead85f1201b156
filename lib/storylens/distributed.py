"""The per-article stage on Dask: one machine's cores, or any Dask cluster by address.

:func:`run_documents_dask` does what :func:`storylens.pipeline.run_documents` does, with
identical records in the same order, but on Dask: the :data:`storylens.pipeline.Item` tuples become a
``dask.bag`` partitioned by article, and each partition runs
:func:`storylens.pipeline._analyze_batch` on a worker. The cross-article stage (similarity,
reconciliation, ...) then runs in the calling process, as always.

Where it runs:

- no ``address``: a ``distributed.LocalCluster`` started for the call, one single-threaded
  worker *process* per core (the analysis is pure Python, so threads would share one GIL),
  no dashboard, quiet logs; it is shut down afterwards.
- ``address="tcp://scheduler:8786"``: the existing cluster behind that scheduler. Only the
  client is closed afterwards; the cluster keeps running.

Pointing it at a real cluster::

    # on the scheduler machine
    dask scheduler                        # listens on tcp://<host>:8786
    # on every worker machine (storylens must be installed there, same version)
    pip install storylens   # or: pip install -e /path/to/checkout
    dask worker tcp://scheduler:8786 --nworkers auto --nthreads 1
    # on your machine
    python -m storylens tables --corpus DIR --out OUT --engine dask \\
        --dask-address tcp://scheduler:8786

or from Python: ``storylens.pipeline.analyze(folder, engine="dask",
dask_address="tcp://scheduler:8786")``. The workers import ``storylens`` to run the analysis
and load its packaged data (gazetteer, lexicons) themselves; only the article texts travel
over the network, and only the records come back. Files are read by the client, so the corpus
folder need not be visible to the workers.

Dask is imported only when this function runs, so ``import storylens.pipeline`` stays light.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Sequence

from .model import DocResult

__all__ = ["run_documents_dask", "default_workers"]

#: Partitions per worker when ``npartitions`` is not given: enough to balance uneven articles
#: and to move a progress bar, few enough to keep scheduling overhead negligible.
PARTITIONS_PER_WORKER = 4
#: Upper bound on articles per partition (keeps each task's payload a few MB at most).
MAX_PARTITION_SIZE = 500


def default_workers() -> int:
    """Cores this process may use (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _npartitions(n_items: int, n_workers: int, npartitions: int | None) -> int:
    if npartitions is not None:
        return max(1, min(int(npartitions), n_items))
    want = max(n_workers * PARTITIONS_PER_WORKER, -(-n_items // MAX_PARTITION_SIZE))
    return max(1, min(want, n_items))


def run_documents_dask(
    items: Sequence[tuple[str, str, str, str]],
    *,
    address: str | None = None,
    npartitions: int | None = None,
    show_progress: bool | None = None,
    n_workers: int | None = None,
    stance_cues: str | None = None,
) -> list[DocResult]:
    """Per-article stage over ``(doc_id, text, outlet, published)`` items on Dask, in order.

    ``address`` is a scheduler address (``tcp://host:8786``); without one a ``LocalCluster``
    with ``n_workers`` single-threaded worker processes (default: one per core) runs for the
    duration of the call. ``npartitions`` defaults to about 4 per worker (at most 500 articles
    each). ``show_progress`` draws a tqdm bar over finished partitions (see
    :func:`storylens.progress.progress_enabled` for the default). The records equal those of
    :func:`storylens.pipeline.run_documents` item for item. ``stance_cues``: the YAML text
    of a corpus's stance cue file (it travels with the tasks, so remote workers need no file).
    """
    items = list(items)
    if not items:
        return []
    import dask.bag as db
    from distributed import Client, LocalCluster, as_completed

    from .pipeline import _analyze_batch
    from .progress import progress

    with contextlib.ExitStack() as stack:
        if address is None:
            workers = n_workers or default_workers()
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,  # no dashboard ...
                    # ... and the scheduler's small HTTP server on a free port, not 8787
                    scheduler_kwargs={"dashboard_address": ":0"},
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(address))
            workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = _npartitions(len(items), workers, npartitions)
        bag = db.from_sequence(items, npartitions=parts).map_partitions(
            _analyze_batch, stance_cues=stance_cues
        )
        delayed_parts = bag.to_delayed()
        with warnings.catch_warnings():
            # the article texts travel inside the graph; Dask warns about large graphs
            warnings.filterwarnings("ignore", message=".*[Ll]arge graph.*")
            futures = client.compute(delayed_parts)
            index = {f.key: i for i, f in enumerate(futures)}
            done: list[list[DocResult] | None] = [None] * len(futures)
            for fut in progress(
                as_completed(futures),
                total=len(futures),
                desc="article partitions (dask)",
                enabled=show_progress,
            ):
                done[index[fut.key]] = fut.result()
                fut.release()
    out: list[DocResult] = []
    for part in done:
        out.extend(part or [])
    return out
