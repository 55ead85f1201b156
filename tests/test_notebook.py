"""storylens.notebook.start: one analysis per corpus state, shared through ``cache_dir``."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from storylens import notebook
from storylens.paths import SEEDS_DIR


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in sorted(p.name for p in SEEDS_DIR.iterdir() if p.suffix == ".txt")[:2]:
        shutil.copy(SEEDS_DIR / name, folder / name)
    return folder


def _new_kernel(monkeypatch, *, analyse_ok: bool):
    """Forget the kernel's sessions; when not ``analyse_ok``, analysing again fails the test."""
    monkeypatch.setattr(notebook, "_CACHE", {})
    if not analyse_ok:

        def refuse(_corpus):
            raise AssertionError("analysed again instead of reading the shared analysis")

        monkeypatch.setattr(notebook, "analyze", refuse)


def test_cache_dir_shares_one_analysis_between_kernels(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    _new_kernel(monkeypatch, analyse_ok=True)
    first = notebook.start(corpus=corpus, cache_dir=cache)
    assert len(list(cache.glob("analysis-*.pickle"))) == 1
    _new_kernel(monkeypatch, analyse_ok=False)
    second = notebook.start(corpus=corpus, cache_dir=cache)  # read, not recomputed
    for name in ("articles", "mentions", "quotes", "claims"):
        pd.testing.assert_frame_equal(getattr(first.tables, name), getattr(second.tables, name))


def test_a_changed_corpus_is_analysed_again(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    _new_kernel(monkeypatch, analyse_ok=True)
    n = len(notebook.start(corpus=corpus, cache_dir=cache).tables.articles)
    victim = sorted(corpus.iterdir())[0]
    victim.unlink()
    _new_kernel(monkeypatch, analyse_ok=True)
    assert len(notebook.start(corpus=corpus, cache_dir=cache).tables.articles) == n - 1
    assert len(list(cache.glob("analysis-*.pickle"))) == 2


def test_without_cache_dir_nothing_is_written(corpus, tmp_path, monkeypatch):
    _new_kernel(monkeypatch, analyse_ok=True)
    notebook.start(corpus=corpus)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]
