"""The tables contract (shared/CONTRACT.md), checked from outside through the command line."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"

REQUIRED = {
    "articles": ["doc_id", "file", "outlet", "published", "title", "n_sentences", "n_words"],
    "rejects": ["file", "reason"],
    "mentions": ["doc_id", "sent_id", "actor", "actor_type", "surface", "start", "end"],
    "quotes": ["doc_id", "sent_id", "speaker", "quote", "kind"],
    "sentiment": ["doc_id", "actor", "n_sentences", "polarity", "subjectivity"],
    "stance": ["doc_id", "actor", "stance", "evidence"],
    "claims": [
        "claim_id",
        "doc_id",
        "sent_id",
        "surface",
        "low",
        "high",
        "unit",
        "qualifier",
        "referent",
        "claimant",
    ],
    "reconciliation": [
        "group_id",
        "referent",
        "claim_ids",
        "verdict",
        "independent_sources",
        "explanation",
    ],
    "similarity": ["doc_a", "doc_b", "score", "shared_passages"],
}
ENUMS = {
    ("quotes", "kind"): {"direct", "partial", "reported"},
    ("stance", "stance"): {"support", "oppose", "conditional", "mixed", "neutral"},
    ("claims", "qualifier"): {"exact", "approx", "up_to", "at_least", "range", "vague"},
    ("reconciliation", "verdict"): {
        "consistent",
        "conflicting",
        "different_referents",
        "derived",
        "single",
    },
}


def run_tables(corpus: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "STORYLENS_PROGRESS": "0"}
    return subprocess.run(
        [sys.executable, "-m", "storylens", "tables", "--corpus", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype=str)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds-tables")
    res = run_tables(SEEDS, out)
    assert res.returncode == 0, res.stderr
    return out


def test_every_contract_table_is_written_with_its_columns(seeds_out):
    for name, cols in REQUIRED.items():
        path = seeds_out / f"{name}.csv"
        assert path.exists(), name
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header[: len(cols)] == cols or set(cols) <= set(header), (name, header)
        assert header[0] != "" and "Unnamed: 0" not in header, "no index column"


def test_enumerated_columns_use_the_contract_vocabulary(seeds_out):
    for (name, col), allowed in ENUMS.items():
        values = set(read(seeds_out, name)[col])
        assert values <= allowed, (name, col, values - allowed)


def test_two_runs_give_byte_identical_files(seeds_out, tmp_path):
    res = run_tables(SEEDS, tmp_path)
    assert res.returncode == 0, res.stderr
    for path in sorted(seeds_out.glob("*.csv")):
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name


def test_every_seed_file_is_accounted_for(seeds_out):
    articles, rejects = read(seeds_out, "articles"), read(seeds_out, "rejects")
    files = sorted(p.name for p in SEEDS.iterdir() if p.suffix in {".txt", ".md", ".html"})
    assert sorted(articles["file"]) == files, "all five seeds load"
    assert rejects.empty
    assert articles["doc_id"].is_unique
    assert (articles["n_sentences"].astype(int) > 0).all()
    for d in articles["published"]:
        assert d == "" or pd.Timestamp(d).strftime("%Y-%m-%d") == d


def test_offsets_index_the_cleaned_text(seeds_out):
    articles = read(seeds_out, "articles")
    texts = dict(zip(articles["doc_id"], articles["text"], strict=True))
    mentions = read(seeds_out, "mentions")
    assert len(mentions) > 50
    for r in mentions.itertuples():
        assert texts[r.doc_id][int(r.start) : int(r.end)] == r.surface
    sent_ids = (
        read(seeds_out, "sentences")
        .groupby("doc_id")["sent_id"]
        .apply(lambda s: sorted(map(int, s)))
    )
    for doc, ids in sent_ids.items():
        assert ids == list(range(len(ids))), doc


def test_no_furniture_number_becomes_a_claim(seeds_out):
    claims = read(seeds_out, "claims")
    assert len(claims) >= 10
    joined = " ".join(claims["surface"])
    for bad in ("10120180008", "85061466", "Article 5", "2025"):
        assert bad not in joined, bad
    assert claims["claim_id"].is_unique


def test_unseen_corpus_loads_everything_and_finds_its_people(tmp_path):
    res = run_tables(UNSEEN, tmp_path)
    assert res.returncode == 0, res.stderr
    articles, rejects = read(tmp_path, "articles"), read(tmp_path, "rejects")
    assert len(articles) == 3 and rejects.empty
    persons = set(read(tmp_path, "mentions").query("actor_type == 'person'")["actor"])
    for name in (
        "Valdis Dombrovskis",
        "Wang Wentao",
        "Lin Jian",
        "Olaf Scholz",
        "Emmanuel Macron",
        "Maria Lindqvist",
    ):
        assert name in persons, (name, sorted(persons))
    # written "Pedro Sanchez" in the fixture: the gazetteer's canonical spelling keeps the accent
    assert "Pedro Sánchez" in persons, sorted(persons)
    assert "Anna Keller" not in persons, "a byline is not an actor"
    text = " ".join(articles["text"])
    assert "alert(" not in text and "p{color" not in text, "scripts and styles are not text"
    assert "Exports" not in persons


@pytest.mark.parametrize("case", ["missing", "empty", "file"])
def test_bad_corpus_folder_exits_nonzero_with_one_line(tmp_path, case):
    corpus = tmp_path / "corpus"
    if case == "empty":
        corpus.mkdir()
    elif case == "file":
        corpus.write_text("not a folder")
    res = run_tables(corpus, tmp_path / "out")
    assert res.returncode != 0
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    assert str(corpus.name) in lines[0]


def test_unwritable_output_folder_exits_nonzero_with_one_line(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the output folder should go")
    res = run_tables(UNSEEN, blocker / "out")
    assert res.returncode != 0
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
