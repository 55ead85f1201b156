"""Issue 7: a folder of the seeds plus every bad input, through the tables command and the loader.

The corpus is generated at test time by ``tests/fixtures/bad_inputs.py`` (the 50 MB file too).
Checked from outside, through ``python -m storylens tables``, and through ``read_corpus``:
exit status, the one-line summary, every file in exactly one of articles.csv / rejects.csv with
the right reason, decoded texts, malformed manifests, CLI errors, determinism, and that article
markup never reaches an HTML report unescaped.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from fixtures.bad_inputs import (
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    SEEDS,
    article,
    one_long_line,
    write_bad_corpus,
    write_manifest_cases,
    write_seeds,
)

from storylens.load import CorpusError, read_corpus

MANIFEST = "manifest.csv"
#: Generous bounds: these are not benchmarks, they catch "minutes instead of seconds".
TOO_LARGE_SECONDS = 30
LONG_LINE_SECONDS = 120


def run_tables(corpus: Path, out: Path, *, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "STORYLENS_PROGRESS": "0"}
    return subprocess.run(
        [sys.executable, "-m", "storylens", "tables", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=timeout,
    )


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype=str)


def stderr_lines(res: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.strip()]


def assert_one_line_error(res: subprocess.CompletedProcess, *needles: str) -> None:
    assert res.returncode != 0, res.stderr
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout, res.stderr
    lines = stderr_lines(res)
    assert len(lines) == 1, f"expected one line on stderr, got:\n{res.stderr}"
    for needle in needles:
        assert needle in lines[0], f"{needle!r} not in {lines[0]!r}"


def top_level_files(folder: Path) -> set[str]:
    """Every top-level entry the run must account for: files, and sub-folders as "name/"."""
    return {
        p.name + ("/" if p.is_dir() else "")
        for p in folder.iterdir()
        if not p.name.startswith(".") and p.name != MANIFEST
    }


# --- the bad-input folder through the tables command ---------------------------------------------


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-corpus")
    expect = write_bad_corpus(folder, big=True)
    return folder, expect


@pytest.fixture(scope="module")
def run1(bad, tmp_path_factory):
    folder, _ = bad
    out = tmp_path_factory.mktemp("bad-tables-1")
    return run_tables(folder, out), out


def test_tables_exits_zero_and_prints_a_one_line_summary(run1):
    res, _ = run1
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    summary = [ln for ln in stderr_lines(res) + res.stdout.splitlines() if "loaded" in ln]
    assert len(summary) == 1, f"one summary line expected:\n{res.stderr}\n{res.stdout}"
    line = summary[0]
    assert re.search(r"loaded \d+, rejected \d+", line), line
    for why in ("empty", "not text", "too large", "unsupported type", "duplicate"):
        assert why in line, f"summary does not say why ({why!r}): {line}"


def test_all_seeds_are_loaded(run1):
    _, out = run1
    seeds = [f for f in SEEDS.iterdir() if f.suffix == ".txt"]
    loaded = set(read(out, "articles")["file"])
    assert {f.name for f in seeds} <= loaded
    # ... with their manifest ids
    assert {"usp-000", "site-001", "ap-002", "rt-003", "cgtn-004"} <= set(
        read(out, "articles")["doc_id"]
    )


def test_every_file_is_in_exactly_one_of_articles_and_rejects(bad, run1):
    folder, _ = bad
    _, out = run1
    arts = list(read(out, "articles")["file"])
    rejects = read(out, "rejects")
    rej = [f for f in rejects["file"] if f != MANIFEST]
    assert len(arts) == len(set(arts)), "a file is loaded twice"
    assert len(rej) == len(set(rej)), "a file is rejected twice"
    assert not set(arts) & set(rej), f"both loaded and rejected: {set(arts) & set(rej)}"
    assert set(arts) | set(rej) == top_level_files(folder)
    # the seeds' manifest matches its files: no manifest rows rejected
    assert MANIFEST not in set(rejects["file"]), rejects[rejects["file"] == MANIFEST]


def check_expectations(expect, articles: pd.DataFrame, rejects: pd.DataFrame) -> list[str]:
    """Every way the tables differ from ``expect`` (empty when all is well)."""
    problems = []
    arts = articles.set_index("file")
    rej = rejects[rejects["file"] != MANIFEST].set_index("file")
    all_text = "\n".join(articles["text"])
    for name, exp in sorted(expect.items()):
        if exp.outcome == "ignored":
            for s in exp.absent:
                if s in all_text:
                    problems.append(f"{name}: {s!r} from an ignored entry was loaded")
            continue
        if exp.outcome == "loaded":
            if name not in arts.index:
                why = rej.loc[name, "reason"] if name in rej.index else "missing from both"
                problems.append(f"{name}: should load, got {why!r}")
                continue
            row = arts.loc[name]
            for s in exp.contains:
                if s not in row["text"]:
                    problems.append(f"{name}: text lacks {s!r}: {row['text'][:200]!r}")
            for s in exp.absent:
                if s in row["text"]:
                    problems.append(f"{name}: text contains {s!r}")
            if exp.encoding and not row["encoding"].startswith(exp.encoding):
                problems.append(f"{name}: encoding {row['encoding']!r}, expected {exp.encoding}")
        elif exp.outcome == "rejected":
            if name not in rej.index:
                problems.append(f"{name}: should be rejected ({exp.reason}), was loaded")
                continue
            reason, detail = rej.loc[name, "reason"], rej.loc[name, "detail"]
            if not reason.startswith(exp.reason):
                problems.append(f"{name}: reason {reason!r}, expected {exp.reason!r}...")
            for s in exp.reason_has:
                if s not in f"{reason} {detail}":
                    problems.append(f"{name}: reason/detail {reason!r}/{detail!r} lack {s!r}")
    return problems


def test_each_bad_input_gets_its_outcome_through_the_cli(bad, run1):
    _, expect = bad
    _, out = run1
    problems = check_expectations(expect, read(out, "articles"), read(out, "rejects"))
    assert not problems, "\n".join(problems)


def test_each_bad_input_gets_its_outcome_through_read_corpus(bad):
    folder, expect = bad
    corpus = read_corpus(folder)
    problems = check_expectations(expect, corpus.articles, corpus.rejects)
    assert not problems, "\n".join(problems)
    assert corpus.summary().startswith(f"loaded {len(corpus.articles)}, rejected ")


def test_too_large_file_is_rejected_fast_with_the_limit_named(tmp_path):
    folder = tmp_path / "big"
    expect = write_bad_corpus(folder, big=True)
    assert (folder / "huge.txt").stat().st_size >= 50_000_000
    t0 = time.perf_counter()
    corpus = read_corpus(folder)
    elapsed = time.perf_counter() - t0
    assert elapsed < TOO_LARGE_SECONDS, f"read_corpus took {elapsed:.1f} s"
    rej = corpus.rejects.set_index("file")
    reason = rej.loc["huge.txt", "reason"]
    assert reason.startswith("too large") and "limit" in reason and "MB" in reason, reason
    assert expect["huge.txt"].outcome == "rejected"


def test_one_5mb_line_is_processed_or_rejected_in_bounded_time(tmp_path):
    """One 5 MB line without a sentence end: loaded and analysed, or rejected, in bounded time."""
    folder = tmp_path / "long-line"
    write_seeds(folder)
    (folder / "one-line.txt").write_text(one_long_line(), encoding="utf-8")
    t0 = time.perf_counter()
    try:
        res = run_tables(folder, tmp_path / "out", timeout=LONG_LINE_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"tables on seeds + one 5 MB line did not finish in {LONG_LINE_SECONDS} s "
            "(neither processed in bounded time nor rejected as too large)"
        )
    elapsed = time.perf_counter() - t0
    assert res.returncode == 0, res.stderr
    arts, rej = read(tmp_path / "out", "articles"), read(tmp_path / "out", "rejects")
    if "one-line.txt" in set(rej["file"]):
        reason = rej.set_index("file").loc["one-line.txt", "reason"]
        assert reason.startswith("too large") and "limit" in reason, reason
    else:
        assert "one-line.txt" in set(arts["file"]), "one-line.txt is in neither table"
    assert elapsed < LONG_LINE_SECONDS


def test_subfolder_is_not_read_and_does_not_break_the_run(bad, run1):
    folder, _ = bad
    res, out = run1
    assert (folder / "subfolder" / "inside.txt").exists()
    assert res.returncode == 0
    assert "inside.txt" not in set(read(out, "articles")["file"])
    assert not any("subfolder ferry" in t for t in read(out, "articles")["text"])
    assert "subfolder/" in set(read(out, "rejects")["file"]), "the sub-folder is accounted for"


def test_cli_and_read_corpus_agree(bad, run1):
    folder, _ = bad
    _, out = run1
    corpus = read_corpus(folder)
    assert list(read(out, "articles")["file"]) == list(corpus.articles["file"])
    cli = read(out, "rejects")[["file", "reason"]].values.tolist()
    assert cli == corpus.rejects[["file", "reason"]].values.tolist()


def test_two_runs_give_byte_identical_tables(bad, run1, tmp_path):
    folder, _ = bad
    _, out1 = run1
    out2 = tmp_path / "run2"
    res = run_tables(folder, out2)
    assert res.returncode == 0, res.stderr
    names1 = sorted(p.name for p in out1.glob("*.csv"))
    assert names1 == sorted(p.name for p in out2.glob("*.csv")) and names1
    differ = [n for n in names1 if (out1 / n).read_bytes() != (out2 / n).read_bytes()]
    assert not differ, f"tables differ between two runs: {differ}"


# --- malformed manifests, each in its own folder -------------------------------------------------


@pytest.fixture(scope="module")
def manifest_cases(tmp_path_factory):
    return write_manifest_cases(tmp_path_factory.mktemp("manifests"))


def test_manifest_without_file_column_is_one_clear_line(manifest_cases, tmp_path):
    folder = manifest_cases["missing_file_column"]
    res = run_tables(folder, tmp_path / "out")
    assert_one_line_error(res, "manifest", "file")
    assert str(folder / MANIFEST) in res.stderr or MANIFEST in res.stderr
    with pytest.raises(CorpusError, match="file"):
        read_corpus(folder)


@pytest.mark.parametrize(
    "case, row, words",
    [
        ("bad_date", 2, ("bad date", "2025-13-45", "published")),
        ("unknown_file", 4, ("unknown file", "ghost.txt")),
        ("duplicate_row", 4, ("duplicate", "a.txt")),
        ("ragged_row", 2, ("cells",)),
    ],
)
def test_malformed_manifest_row_is_rejected_and_the_run_goes_on(
    manifest_cases, tmp_path, case, row, words
):
    folder = manifest_cases[case]
    res = run_tables(folder, tmp_path / "out")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    arts, rej = read(tmp_path / "out", "articles"), read(tmp_path / "out", "rejects")
    assert set(arts["file"]) == {"a.txt", "b.txt"}, "every article still loads"
    man = rej[rej["file"] == MANIFEST]
    assert len(man) == 1, rej
    reason = man["reason"].iloc[0]
    assert reason.startswith(f"manifest row {row}:"), reason
    for w in words:
        assert w in reason, f"{w!r} not in {reason!r}"
    by_file = arts.set_index("file")
    assert by_file.loc["b.txt", "outlet"] == "Daily B"
    if case == "bad_date":
        assert by_file.loc["a.txt", "published"] == "", "a bad date is left empty, not guessed"
        assert by_file.loc["a.txt", "outlet"] == "Daily A"
    if case == "duplicate_row":
        assert by_file.loc["a.txt", "outlet"] == "Daily A", "the first row wins"
        assert by_file.loc["a.txt", "published"] == "2025-08-21"


# --- CLI errors ----------------------------------------------------------------------------------


def test_missing_folder_is_one_line(tmp_path):
    res = run_tables(tmp_path / "no-such-folder", tmp_path / "out")
    assert_one_line_error(res, "no-such-folder", "not found")


def test_empty_folder_is_one_line(tmp_path):
    (tmp_path / "empty-corpus").mkdir()
    res = run_tables(tmp_path / "empty-corpus", tmp_path / "out")
    assert_one_line_error(res, "empty-corpus")


def test_folder_of_only_unusable_files_is_one_line(tmp_path):
    folder = tmp_path / "unusable"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\n \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 500)
    (folder / "slides.pdf").write_bytes(b"%PDF-1.4\n")
    res = run_tables(folder, tmp_path / "out")
    assert_one_line_error(res, "unusable")
    line = stderr_lines(res)[0]
    assert "no readable" in line or "rejected 4" in line, line


def test_output_path_under_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the output folder should go")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(article("ferry"))
    res = run_tables(corpus, blocker / "out")
    assert_one_line_error(res, "blocker")
    res = run_tables(corpus, blocker)
    assert_one_line_error(res, "blocker")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_output_folder_is_one_line(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(article("ferry"))
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        res = run_tables(corpus, out)
    finally:
        out.chmod(0o700)
    assert_one_line_error(res, "ro")


# --- safe reports --------------------------------------------------------------------------------


def test_report_on_the_bad_folder_escapes_article_markup(tmp_path):
    from storylens.report import build_report

    folder = tmp_path / "bad-no-big"
    write_bad_corpus(folder, big=False)
    out = tmp_path / "report"
    index = build_report(folder, out, notebooks=["00-start-here"])
    assert index.exists()
    full = (out / "00-start-here.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in full, "the article text is shown, as text"
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 3, pages  # index, full, brief
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for payload in (SCRIPT_PAYLOAD, IMG_PAYLOAD):
            assert payload not in html, f"{payload} unescaped in {page.name}"
        assert not re.search(r"<img[^>]*onerror", html, re.I), page.name
        assert not re.search(r"<script[^>]*>\s*alert\(", html, re.I), f"script in {page.name}"
