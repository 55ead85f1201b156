"""The benchmark: a deterministic, varied synthetic corpus, and one JSON line at the end."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest

from storylens import bench
from storylens.cli import main as cli_main


@pytest.fixture(scope="module")
def sources():
    return bench.source_sentences()


def _rendered(arts):
    return [(a.file_name, bench._render(a)) for a in arts]


def test_generator_is_deterministic(sources):
    a = bench.build_articles(40, seed=3, sources=sources)
    b = bench.build_articles(40, seed=3, sources=sources)
    c = bench.build_articles(40, seed=4, sources=sources)
    assert _rendered(a) == _rendered(b)
    assert _rendered(a) != _rendered(c)
    # a prefix of a larger corpus is the smaller corpus (articles do not depend on N)
    assert _rendered(bench.build_articles(60, seed=3, sources=sources))[:40] == _rendered(a)


def test_corpus_shape_and_verbatim_bound(sources):
    arts = bench.build_articles(300, seed=7, sources=sources)
    assert len(arts) == 300
    stats = bench.verbatim_stats(arts)
    assert stats["verbatim_fraction"] <= bench.MAX_VERBATIM_FRACTION, stats
    originals = [a for a in arts if a.wire_of is None]
    copies = [a for a in arts if a.wire_of is not None]
    assert copies, "some stories must be carried by several outlets"
    for cp in copies:
        orig = arts[cp.wire_of]
        assert cp.outlet != orig.outlet
        assert cp.paragraphs != orig.paragraphs  # reworded, not verbatim
    for a in originals:
        assert 500 <= a.body_words() <= 1000
        assert 5 <= len(a.paragraphs) <= 15
    assert {a.fmt for a in arts} == {"txt", "md", "html"}
    assert len({a.outlet for a in arts}) >= 4


def test_verbatim_repeats_stay_rare_as_the_corpus_grows(sources):
    """Repeats grow faster than the corpus; at 1,500 articles they must be far below the 5%
    bound (measured: 0.25% at 2,000, 0.65% at 10,000, 0.8% at 16,000 articles)."""
    arts = bench.build_articles(1500, seed=7, sources=sources)
    stats = bench.verbatim_stats(arts)
    assert stats["verbatim_fraction"] < 0.01, stats
    # variety is real wording, not serial numbers: names come from finite pools
    bylines = {a.byline for a in arts}
    assert len(bylines) > 0.95 * len(arts)
    assert all(not any(ch.isdigit() for ch in b) for b in bylines)


def test_write_corpus(tmp_path, sources):
    arts = bench.build_articles(12, seed=1, sources=sources)
    folder = bench.write_corpus(arts, tmp_path / "c")
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(a.file_name for a in arts)


def test_bench_prints_json_last(monkeypatch):
    monkeypatch.setenv("STORYLENS_PROGRESS", "0")
    buf = io.StringIO()
    with redirect_stdout(buf):
        rc = cli_main(["bench", "--articles", "20", "--baseline-sample", "5", "--workers", "1"])
    assert rc == 0
    lines = buf.getvalue().strip().splitlines()
    assert any("verbatim repeats" in line and "OK" in line for line in lines[:-1])
    result = json.loads(lines[-1])
    assert tuple(result) == bench.JSON_KEYS
    assert result["articles"] == 20
    assert isinstance(result["words"], int) and result["words"] > 20 * 400
    for key in ("seconds", "words_per_s", "peak_rss_mb", "baseline_words_per_s", "speedup"):
        assert isinstance(result[key], float) and result[key] > 0, key


def test_peak_memory_counts_a_worker_started_after_it(tmp_path):
    """The sampler lists the descendants only now and then; a worker started after it, holding
    300 MB, is still in the summed peak."""
    import subprocess
    import sys
    import time

    ready = tmp_path / "ready"
    code = (
        "import pathlib, time\n"
        "x = bytearray(300 * 2**20)\n"
        "x[::4096] = b'x' * len(x[::4096])\n"  # touch every page: resident, not just reserved
        f"pathlib.Path({str(ready)!r}).touch()\n"
        "time.sleep(30)\n"
    )
    with bench._PeakRSS(interval=0.01, children_every=10) as rss:
        own = rss.peak
        child = subprocess.Popen([sys.executable, "-c", code])
        try:
            deadline = time.monotonic() + 20
            while not ready.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)  # several refreshes of the list
        finally:
            child.kill()
            child.wait()
    assert ready.exists()
    assert rss.peak - own >= 300 * 2**20
