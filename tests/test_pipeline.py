"""The pipeline's plumbing: packed records, the pool-assisted cross-article stage, the writer.

None of it may change a table: each test compares against the plain in-process path.
"""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens import compare, pipeline, reconcile
from storylens.load import read_corpus
from storylens.model import DocResult, Mention, Records
from storylens.paths import SEEDS_DIR


@pytest.fixture(scope="module")
def seeds():
    corpus = read_corpus(SEEDS_DIR)
    results = pipeline.run_documents(pipeline.document_items(corpus.articles), workers=1)
    return corpus, results


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_records_pack_dataclasses_and_give_them_back():
    ms = [
        Mention(0, "Emmanuel Macron", "person", "Macron", 10, 16, rule="surname"),
        Mention(1, "France", "country", "France", 30, 36),
    ]
    packed = Records.pack(ms)
    assert isinstance(packed, Records) and len(packed) == 2
    assert packed == ms and list(packed) == ms and packed[1] == ms[1] and packed[:1] == ms[:1]
    assert packed.rows[0][:2] == (0, "Emmanuel Macron")
    again = pickle.loads(pickle.dumps(packed))
    assert again == packed and again == ms
    assert packed != ms[:1]


def test_records_pack_dicts_only_when_keys_agree():
    same = [{"actor": "A", "n": 1}, {"actor": "B", "n": 2}]
    packed = Records.pack(same)
    assert isinstance(packed, Records) and packed == same and packed[0] == {"actor": "A", "n": 1}
    differ = [{"actor": "A", "n": 1}, {"n": 2, "actor": "B"}]
    assert Records.pack(differ) is differ  # key order differs: kept as dicts
    assert Records.pack([]) == []
    mixed = [Mention(0, "X", "person", "X", 0, 1), {"actor": "X"}]
    assert Records.pack(mixed) is mixed


def test_packed_results_give_the_same_tables(seeds, tmp_path):
    corpus, results = seeds
    packed = [r.packed() for r in results]
    assert all(isinstance(p.mentions, Records) for p in packed if p.mentions)
    assert [p.mentions for p in packed] == [r.mentions for r in results]
    pipeline.assemble(corpus, results).write(tmp_path / "plain")
    pipeline.assemble(corpus, packed).write(tmp_path / "packed")
    assert _files(tmp_path / "plain") == _files(tmp_path / "packed")


def test_unpacked_result_without_word_count_is_counted_in_assemble(seeds, tmp_path):
    corpus, results = seeds
    stripped = [
        DocResult(**{**{f: getattr(r, f) for f in r.__slots__}, "n_words": -1}) for r in results
    ]
    a = pipeline.assemble(corpus, results).articles["n_words"].tolist()
    b = pipeline.assemble(corpus, stripped).articles["n_words"].tolist()
    assert a == b and all(n > 0 for n in a)


def test_pool_writer_and_inline_give_byte_identical_tables(seeds, tmp_path):
    corpus, results = seeds
    pipeline.assemble(corpus, results).write(tmp_path / "inline")
    texts = dict(zip(corpus.articles["doc_id"], corpus.articles["text"], strict=True))
    seen: list[str] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        writer = pipeline.TableWriter(tmp_path / "pool", texts, executor=pool)

        def on_table(name, frame):
            seen.append(name)
            writer(name, frame)

        tables = pipeline.assemble(corpus, results, executor=pool, on_table=on_table)
        written = writer.commit(pipeline.SCHEMAS)
    assert sorted(seen) == sorted(pipeline.SCHEMAS)  # every table announced once
    assert [p.name for p in written] == [f"{n}.csv" for n in pipeline.SCHEMAS]
    assert _files(tmp_path / "inline") == _files(tmp_path / "pool")
    assert not list((tmp_path / "pool").glob(".storylens-tables-*"))  # temp folder removed
    tables.write(tmp_path / "again")
    assert _files(tmp_path / "again") == _files(tmp_path / "inline")


def test_failed_run_leaves_earlier_tables_untouched(tmp_path, monkeypatch):
    out = tmp_path / "out"
    pipeline.run_tables(SEEDS_DIR, out, workers=1)
    before = _files(out)

    def broken(*_a, **_k):
        raise RuntimeError("similarity failed")

    monkeypatch.setattr(compare, "similarity", broken)
    with pytest.raises(RuntimeError, match="similarity failed"):
        pipeline.run_tables(SEEDS_DIR, out, workers=1)
    assert _files(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_writer_commit_refuses_missing_tables(tmp_path):
    writer = pipeline.TableWriter(tmp_path, {})
    with pytest.raises(RuntimeError, match="never produced: claims"):
        writer.commit(["claims"])
    writer.abort()


def test_reconcile_prepare_then_finish_is_reconcile(seeds):
    corpus, results = seeds
    tables = pipeline.assemble(corpus, results)
    claims, arts = tables.claims, tables.articles
    prepared = pickle.loads(
        pickle.dumps(reconcile.prepare(claims, articles=arts))
    )  # crosses to a pool
    groups = dict(zip(arts["doc_id"], arts["wire_group"], strict=True))
    direct = reconcile.reconcile(claims, articles=arts, wire_groups=groups)
    assert reconcile.finish(prepared, groups).equals(direct)
    # with every article its own source, only independent_sources and the explanations change
    alone = reconcile.finish(prepared, {})
    keep = ["group_id", "referent", "claim_ids", "verdict", "unit", "n_claims"]
    assert alone[keep].equals(direct[keep])
    assert (alone["independent_sources"] >= direct["independent_sources"]).all()
    assert reconcile.finish(reconcile.prepare(claims.iloc[0:0]), {}).columns.tolist() == list(
        reconcile.COLUMNS
    )


def test_release_and_keep_change_memory_not_tables(seeds, tmp_path):
    corpus, results = seeds
    pipeline.assemble(corpus, results).write(tmp_path / "plain")
    own = [DocResult(**{f: getattr(r, f) for f in r.__slots__}) for r in results]
    written: dict[str, int] = {}
    tables = pipeline.assemble(
        corpus,
        own,
        release=True,
        keep=("articles", "rejects"),
        on_table=lambda name, frame: written.__setitem__(name, len(frame)),
    )
    assert all(not r.mentions and not r.sentences and not r.features for r in own)
    assert results[0].mentions  # the caller's other list is untouched
    assert len(tables.articles) == len(corpus.articles)
    assert len(tables.mentions) == 0 and list(tables.mentions.columns)[:3] == [
        "doc_id",
        "sent_id",
        "actor",
    ]
    assert written["mentions"] > 0 and written["claims"] > 0  # handed over before dropped
    plain = pipeline.assemble(corpus, results)
    assert tables.articles.equals(plain.articles)


def test_run_tables_keep_returns_only_the_named_tables(tmp_path):
    _corpus, tables, seconds = pipeline.run_tables(
        SEEDS_DIR, tmp_path, workers=1, keep=("articles", "rejects")
    )
    assert len(tables.articles) == 5 and len(tables.mentions) == 0
    assert (tmp_path / "mentions.csv").stat().st_size > 1000  # written all the same
    assert set(seconds) == {"load", "analyze", "write"}


def test_yaml_data_words_stay_words():
    """YAML 1.1 reads on/off/yes/no as booleans; our word lists must keep them as words."""
    import io

    from storylens.paths import DATA_DIR, read_yaml, yaml_load

    assert yaml_load(io.StringIO("[on, No, yes, OFF, true, False, 1.5]")) == [
        "on", "No", "yes", "OFF", True, False, 1.5,
    ]  # fmt: skip

    def lists(x):
        if isinstance(x, dict):
            for v in x.values():
                yield from lists(v)
        elif isinstance(x, list):
            yield x
            for v in x:
                yield from lists(v)

    for path in sorted(DATA_DIR.glob("*.yaml")):
        for items in lists(read_yaml(path)):
            assert not any(isinstance(v, bool) for v in items), (
                f"a boolean in a list of {path.name}"
            )
    stop = read_yaml(DATA_DIR / "fingerprints.yaml")["similarity"]["stopwords"]
    assert "no" in stop and "on" in stop


def test_spilled_per_article_tables_are_byte_identical(seeds, tmp_path):
    """With a pool, a writer and ``keep``, workers write the per-article tables batch by
    batch; the joined files equal the tables built in one piece."""
    corpus, results = seeds
    pipeline.assemble(corpus, results).write(tmp_path / "inline")
    texts = dict(zip(corpus.articles["doc_id"], corpus.articles["text"], strict=True))
    joined: list[str] = []

    class Writer(pipeline.TableWriter):
        def join(self, name):
            joined.append(name)
            super().join(name)

    with pipeline.worker_pool(2) as pool:
        writer = Writer(tmp_path / "spilled", texts, executor=pool)
        tables = pipeline.analyze(
            corpus, executor=pool, on_table=writer, keep=("articles", "rejects")
        )
        writer.commit(pipeline.SCHEMAS)
    assert sorted(joined) == sorted(pipeline.PER_ARTICLE_TABLES)  # written by the workers
    assert _files(tmp_path / "spilled") == _files(tmp_path / "inline")
    assert len(tables.sentences) == 0 and len(tables.fingerprints) == 0  # never came back
    assert tables.articles["n_sentences"].tolist() == [len(r.sentences) for r in results]
    assert not list((tmp_path / "spilled").glob(".storylens-tables-*"))


_FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.0, -0.0, -1e-05, 0.00005, 0.00015, 2.675, -0.33335, 1e16, 1e305, 123456.789]
)
_TEXTS = st.text(st.sampled_from("ab ,\"'\n\r\té’"), max_size=6)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # pandas' round
@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["d1", "d2", "d3"]),
            st.one_of(_TEXTS, st.none()),
            st.integers(-5, 10**12),
            _FLOATS,
            st.one_of(_FLOATS, st.none()),
            st.booleans(),
            st.one_of(st.integers(0, 9), st.none()),
        ),
        max_size=12,
    )
)
def test_batch_rows_write_what_pandas_writes(tmp_path_factory, rows):
    """The spill's direct CSV writer gives pandas' bytes, or declines (and pandas writes)."""
    tmp = tmp_path_factory.mktemp("rows")
    results = {}
    for doc, actor, n, pol, subj, flag, maybe in rows:
        rec = {"actor": actor, "n_sentences": n, "polarity": pol, "subjectivity": subj,
               "flag": flag, "maybe": maybe}  # fmt: skip
        results.setdefault(doc, DocResult(doc)).sentiment.append(rec)
    results = [r.packed() for r in results.values()]
    direct = pipeline._write_batch_rows("sentiment", results, {}, tmp / "direct.csv")
    frame = pipeline._record_frame(results, "sentiment", "sentiment")
    _pandas_csv(frame, tmp / "pandas.csv")
    if direct:
        assert (tmp / "direct.csv").read_bytes() == (tmp / "pandas.csv").read_bytes()
    else:
        assert not (tmp / "direct.csv").exists()
    # it declines only what it cannot match: no rows, or ints beside None (pandas makes them
    # floats); every other mix of types here is written directly
    ints_with_none = any(r[6] is None for r in rows) and any(r[6] is not None for r in rows)
    assert direct == (bool(rows) and not ints_with_none)


def _pandas_csv(frame: pd.DataFrame, path: Path) -> None:
    """The reference: what pandas writes for a table (floats rounded as the pipeline rounds)."""
    pipeline._for_csv(frame).to_csv(path, index=False, lineterminator="\n")


_PLAIN_COLUMNS = {
    "n": st.integers(-(2**62), 2**62),
    "x": _FLOATS,
    "flag": st.booleans(),
    "label": st.one_of(_TEXTS, st.none(), st.just(float("nan"))),
    "name": st.one_of(_TEXTS, st.just(float("nan"))),
    "mixed": st.one_of(st.integers(0, 9), st.booleans(), _TEXTS),
}


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # numpy's round
@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.fixed_dictionaries(_PLAIN_COLUMNS), max_size=10),
    st.integers(0, 10),
    st.sampled_from([None, "float", "category", "nullable", "float32"]),
)
def test_table_writer_writes_what_pandas_writes(tmp_path_factory, rows, cut, odd):
    """Tables of plain columns are written with the csv module: pandas' bytes, header once
    over consecutive parts; a frame with a column it does not handle goes through pandas."""
    tmp = tmp_path_factory.mktemp("frames")
    frame = pd.DataFrame(rows, columns=list(_PLAIN_COLUMNS)).astype(
        {"n": "int64", "x": "float64", "flag": "bool", "label": "object", "mixed": "object"}
    )
    frame["name"] = frame["name"].astype("str")  # pandas' string dtype, NaN as missing
    if odd == "float":  # object floats that are not NaN: declined
        frame["label"] = pd.Series([0.5] * len(frame), dtype=object)
    elif odd == "category":
        frame["label"] = frame["label"].astype("category")
    elif odd == "nullable":
        frame["n"] = frame["n"].astype("Int64")
    elif odd == "float32":
        frame["x"] = frame["x"].astype("float32")
    plain = pipeline._csv_columns(frame) is not None
    assert plain == (odd is None or (odd == "float" and frame.empty))
    parts = [frame.iloc[:cut], frame.iloc[cut:]]
    pipeline._write_parts("stance", parts, {}, tmp / "direct.csv")
    _pandas_csv(frame, tmp / "pandas.csv")
    assert (tmp / "direct.csv").read_bytes() == (tmp / "pandas.csv").read_bytes()


def test_batch_rows_of_sentences_and_mentions_match_pandas(seeds, tmp_path):
    _corpus, results = seeds
    packed = [r.packed() for r in results]
    texts = dict(zip(_corpus.articles["doc_id"], _corpus.articles["text"], strict=True))
    for name in ("sentences", "mentions", "quotes", "stance"):
        assert pipeline._write_batch_rows(name, packed, texts, tmp_path / f"{name}-direct.csv")
        if name == "sentences":
            frame = pipeline._sentence_frame(packed, texts)
        else:
            frame = pipeline._record_frame(packed, name, name)
        _pandas_csv(frame, tmp_path / f"{name}.csv")
        direct = (tmp_path / f"{name}-direct.csv").read_bytes()
        assert direct == (tmp_path / f"{name}.csv").read_bytes() and direct.count(b"\n") > 5


def test_spill_keeps_what_assemble_needs(seeds, tmp_path):
    _corpus, results = seeds
    batch = [("d1", "Macron said on Monday that 3,000 troops could go.", "o", "2025-01-06")]
    spill = pipeline.Spill(str(tmp_path), ("sentences", "mentions"), batch_no=3)
    for name in spill.names:
        (tmp_path / name).mkdir()
    (res,) = pipeline._analyze_batch(batch, spill)
    assert res.spilled == ("sentences", "mentions") and res.n_sentences == 1
    assert not res.sentences and not res.mentions and res.claims  # claims stay
    assert "naming" in res.features  # the fingerprints' share of the mentions
    assert (tmp_path / "mentions" / "0000003.csv").read_text().count("\n") >= 2
    # the fingerprints' inputs spill to a pickle the fingerprints job reads back
    spill = pipeline.Spill(str(tmp_path), ("fingerprints",), batch_no=0)
    (tmp_path / "fingerprints").mkdir()
    (res,) = pipeline._analyze_batch(batch, spill)
    assert "naming" not in res.features and "fingerprints" not in res.features
    assert res.mentions and "similarity" in res.features
    arts = pd.DataFrame({"doc_id": ["d1"], "outlet": ["o"]})
    parts = list(pipeline._spilled_fingerprints(arts, tmp_path))
    assert len(parts) == 1 and (parts[0]["doc_id"] == "d1").all() and len(parts[0]) > 10
    with pytest.raises(RuntimeError, match="no spilled inputs for 1 articles"):
        pipeline._spilled_fingerprints(pd.DataFrame({"doc_id": ["zz"], "outlet": ["o"]}), tmp_path)


def test_join_parts_takes_header_from_batches_with_rows(tmp_path):
    folder = tmp_path / "quotes"
    folder.mkdir()
    empty = pipeline._frame([], "quotes")
    full = pipeline._frame(
        [{"doc_id": "a", "sent_id": 0, "speaker": "X", "quote": "hi\nthere", "kind": "direct",
          "speaker_type": "", "cue": "", "speaker_surface": "", "start": 1, "end": 2,
          "extra": 1.5}],
        "quotes",
    )  # fmt: skip
    pipeline._write_table("quotes", empty, {}, folder / "0000000.csv")
    pipeline._write_table("quotes", full, {}, folder / "0000001.csv")
    pipeline._write_table("quotes", full, {}, folder / "0000002.csv")
    out = pipeline._join_parts("quotes", folder, tmp_path / "quotes.csv")
    whole = tmp_path / "whole.csv"
    pipeline._write_table("quotes", pipeline._frame(pd.concat([full, full]), "quotes"), {}, whole)
    assert out.read_bytes() == whole.read_bytes()
    assert not folder.exists()
    # no rows anywhere: the empty table's header
    folder.mkdir()
    pipeline._write_table("quotes", empty, {}, folder / "0000000.csv")
    pipeline._join_parts("quotes", folder, tmp_path / "none.csv")
    assert (tmp_path / "none.csv").read_text() == ",".join(pipeline.SCHEMAS["quotes"]) + "\n"
    # batches that disagree on the columns are an error, not a silently shifted table
    folder.mkdir()
    pipeline._write_table("quotes", full, {}, folder / "0000000.csv")
    pipeline._write_table("quotes", full.drop(columns="extra"), {}, folder / "0000001.csv")
    with pytest.raises(RuntimeError, match="other columns"):
        pipeline._join_parts("quotes", folder, tmp_path / "bad.csv")


def test_run_tables_with_keep_reads_no_raw_text(tmp_path):
    corpus, _tables, _ = pipeline.run_tables(
        SEEDS_DIR, tmp_path, workers=1, keep=("articles", "rejects")
    )
    assert "raw_text" not in corpus.articles and "text" in corpus.articles
    full = read_corpus(SEEDS_DIR)
    assert corpus.articles["text"].tolist() == full.articles["text"].tolist()
    lean = read_corpus(SEEDS_DIR, raw_text=False)
    assert lean.articles.columns.tolist() == [c for c in full.articles.columns if c != "raw_text"]


def test_reconciliation_reads_the_words_around_figures_and_the_api_agrees(tmp_path):
    """Two outlets give the same figure with a thin referent: the tables group them by the
    words around the figures (reconcile's fallback), the claims table carries no extra
    column, and ``reconcile(claims, sentences=...)`` gives the same table from the tables."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Valdoria shares slide\n\nShares in Valdoria Foods fell 7.5% in Oslo trading on "
        "Monday after the recall.\n",
        encoding="utf-8",
    )
    (folder / "two.txt").write_text(
        "Recall hits Valdoria\n\nValdoria Foods shares closed 8.8% lower in Oslo, traders said.\n",
        encoding="utf-8",
    )
    _corpus, tables, _secs = pipeline.run_tables(folder, tmp_path / "out", workers=1)
    assert list(tables.claims.columns) == pipeline.SCHEMAS["claims"]
    rec = tables.reconciliation
    pair = rec[rec["n_claims"] == 2]
    assert len(pair) == 1 and pair.iloc[0]["verdict"] == "conflicting"
    assert set(pair.iloc[0]["claim_ids"].split()) == set(tables.claims["claim_id"])
    again = reconcile.reconcile(
        tables.claims,
        articles=tables.articles,
        wire_groups=dict(
            zip(tables.articles["doc_id"], tables.articles["wire_group"], strict=True)
        ),
        sentences=tables.sentences,
    )
    assert again.equals(rec)
    header = (tmp_path / "out" / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == pipeline.SCHEMAS["claims"]
