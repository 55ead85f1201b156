"""A corpus's own stance topic: ``stance_cues.yaml`` in the folder (or ``--stance-cues``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import in_process_cluster

from storylens.load import CorpusError, read_corpus
from storylens.pipeline import analyze, document_items, run_documents
from storylens.stance import DEFAULT_CUES, StanceCuesError, cues_from_yaml, load_cues

ROOT = Path(__file__).resolve().parents[1]
RATE_CUT = ROOT / "docs" / "stance" / "rate_cut.yaml"

ARTICLES = {
    "a.txt": "Fed splits over the pace of easing\n\n"
    "Treasury Secretary Scott Bessent on Monday called for deeper rate cuts, saying the economy "
    "was slowing. Kansas City Fed President Jeffrey Schmid opposed the rate cut, arguing that "
    "inflation was still too high.\n",
    "b.txt": "Markets cheer as the Fed lowers rates\n\n"
    "Stocks rose after the decision. Senator Elizabeth Warren welcomed the rate cut but said "
    "families needed more help.\n",
}


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "fed"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "stance_cues.yaml").write_text(RATE_CUT.read_text(encoding="utf-8"), "utf-8")
    return folder


def _stances(tables) -> dict[str, tuple[str, str]]:
    st = tables.stance
    return {a: (s, t) for a, s, t in zip(st["actor"], st["stance"], st["topic"], strict=True)}


def test_the_folder_file_sets_the_topic(corpus_dir):
    corpus = read_corpus(corpus_dir)
    assert len(corpus.articles) == 2 and len(corpus.rejects) == 0  # neither article nor reject
    assert corpus.stance_cues_path.endswith("stance_cues.yaml") and "topic:" in corpus.stance_cues
    got = _stances(analyze(corpus, workers=1, show_progress=False))
    assert got["Scott Bessent"] == ("support", "cutting interest rates")
    assert got["Jeffrey Schmid"] == ("oppose", "cutting interest rates")
    assert got["Elizabeth Warren"] == ("support", "cutting interest rates")


def test_without_the_file_the_default_topic(corpus_dir):
    (corpus_dir / "stance_cues.yaml").unlink()
    corpus = read_corpus(corpus_dir)
    assert corpus.stance_cues == ""
    tables = analyze(corpus, workers=1, show_progress=False)
    assert set(tables.stance["topic"]) == {load_cues(DEFAULT_CUES).topic_name}
    # and stance=None ignores a file that is there
    corpus_dir.joinpath("stance_cues.yaml").write_text(RATE_CUT.read_text("utf-8"), "utf-8")
    corpus = read_corpus(corpus_dir, stance_cues=None)
    assert corpus.stance_cues == ""
    assert corpus.rejects.to_dict("records") == [
        {
            "file": "stance_cues.yaml",
            "reason": "unsupported type",
            "detail": "stance_cues.yaml not used (stance_cues=None or another file given)",
        }
    ]


def test_the_cues_travel_to_pool_workers(corpus_dir):
    corpus = read_corpus(corpus_dir)
    items = document_items(corpus.articles)
    serial = run_documents(items, workers=1, stance_cues=corpus.stance_cues)
    pooled = run_documents(items, workers=2, show_progress=False, stance_cues=corpus.stance_cues)
    assert [r.stance for r in pooled] == [r.stance for r in serial]
    assert {row["topic"] for r in pooled for row in r.stance} == {"cutting interest rates"}


def test_the_cues_travel_to_dask_workers(corpus_dir):
    corpus = read_corpus(corpus_dir)
    local = analyze(corpus, workers=1, show_progress=False).stance
    with in_process_cluster(1) as cluster:
        remote = analyze(
            corpus, engine="dask", dask_address=cluster.scheduler_address, show_progress=False
        ).stance
    assert remote.equals(local)


@pytest.mark.parametrize(
    "text, message",
    [
        ("topic: [", "not valid YAML"),
        ("- a list\n- not a mapping\n", "expected a mapping"),
        ("topic:\n  name: x\n  terms: [rates]\n", "missing support, oppose"),
        (RATE_CUT.read_text("utf-8").replace("  - ruled out", "  - ruled (out"),
         "not a valid regular expression"),
    ],
)  # fmt: skip
def test_a_bad_cue_file_is_a_clear_error(corpus_dir, text, message):
    path = corpus_dir / "stance_cues.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as err:
        read_corpus(corpus_dir)
    assert str(path) in str(err.value)
    with pytest.raises(StanceCuesError, match=message):
        cues_from_yaml(text, "x")


def test_command_line_option_and_its_errors(corpus_dir, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(DEFAULT_CUES.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "storylens", "tables", "--corpus", str(corpus_dir)]
    done = subprocess.run([*cmd, "--out", str(out), "--stance-cues", str(other)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    # the folder's own cue file is not read as an article, and is listed as not used
    assert "loaded 2, rejected 1" in done.stderr
    stance_csv = (out / "stance.csv").read_text(encoding="utf-8")
    assert load_cues(DEFAULT_CUES).topic_name in stance_csv  # the option wins over the folder
    bad = subprocess.run([*cmd, "--out", str(out), "--stance-cues", str(tmp_path / "nope.yaml")],
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        f"storylens: error: stance cue file not found: {tmp_path / 'nope.yaml'}"
    ]
