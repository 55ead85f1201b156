"""Shared test helpers."""

from __future__ import annotations

import contextlib
import logging


@contextlib.contextmanager
def in_process_cluster(n_workers: int = 2):
    """A Dask LocalCluster of threads in this process, reached over TCP by address (what a
    real cluster gets), with no dashboard."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster
