"""The per-article stage on Dask gives the same tables as the in-process run (on the seeds)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import in_process_cluster

from storylens.load import read_corpus
from storylens.paths import SEEDS_DIR
from storylens.pipeline import analyze, assemble, document_items


def _items(corpus):
    return document_items(corpus.articles)


def _same_files(a: Path, b: Path) -> None:
    names_a = sorted(p.name for p in a.glob("*.csv"))
    names_b = sorted(p.name for p in b.glob("*.csv"))
    assert names_a == names_b and names_a
    for name in names_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), f"{name} differs"


@pytest.fixture(scope="module")
def local_tables(tmp_path_factory):
    corpus = read_corpus(SEEDS_DIR)
    out = tmp_path_factory.mktemp("local")
    analyze(corpus, workers=1, show_progress=False).write(out)
    return corpus, out


def test_import_pipeline_does_not_import_dask():
    code = (
        "import sys, storylens.pipeline, storylens.distributed; "
        "bad = [m for m in ('dask', 'distributed') if m in sys.modules]; "
        "sys.exit(f'imported {bad}' if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_dask_local_cluster_same_tables(local_tables, tmp_path):
    """Own LocalCluster (2 worker processes), several partitions, records in input order."""
    from storylens.distributed import run_documents_dask

    corpus, local_out = local_tables
    items = _items(corpus)
    results = run_documents_dask(items, n_workers=2, npartitions=3, show_progress=False)
    assert [r.doc_id for r in results] == [item[0] for item in items]
    assemble(corpus, results).write(tmp_path)
    _same_files(local_out, tmp_path)


def test_dask_by_address_same_tables(local_tables, tmp_path):
    """``analyze(engine="dask", dask_address=...)`` on an existing cluster (what a real one gets)."""
    corpus, local_out = local_tables
    with in_process_cluster(2) as cluster:
        tables = analyze(
            corpus, engine="dask", dask_address=cluster.scheduler_address, show_progress=False
        )
        assert cluster.scheduler.workers  # the cluster outlives the call
    tables.write(tmp_path)
    _same_files(local_out, tmp_path)


def test_empty_items():
    from storylens.distributed import run_documents_dask

    assert run_documents_dask([]) == []
