"""Run every analysis on a corpus and build the tables of the contract.

Two stages:

1. **Per article** (:func:`analyze_document`): sentences, actors, quotes, numeric claims,
   sentiment and stance. Pure, one article at a time, so it runs in this process, in a process
   pool, or on Dask (:mod:`storylens.distributed`) with identical results.
2. **Across articles** (:func:`analyze`): similarity and wire groups, claim ids and
   reconciliation, fingerprints. These need the whole corpus.

``analyze(folder)`` returns a :class:`Tables`; ``Tables.write(out)`` writes the CSVs that
``python -m storylens tables`` promises (see ``CONTRACT.md``).
"""

from __future__ import annotations

import dataclasses
import operator
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import actors, claims, compare, quotes, reconcile, sentences, sentiment, stance, timeline
from .load import Corpus, read_corpus
from .model import DocResult
from .progress import progress

# Column order of every table written. The contract's required columns come first (their
# names and meanings are fixed); the rest are extras an analyst may find useful.
SCHEMAS: dict[str, list[str]] = {
    "articles": [
        "doc_id",
        "file",
        "outlet",
        "published",
        "title",
        "n_sentences",
        "n_words",
        "byline",
        "wire",
        "wire_group",
        "encoding",
        "format",
        "meta_source",
    ],
    "rejects": ["file", "reason", "detail"],
    "furniture": ["doc_id", "file", "rule", "line_no", "text"],
    "sentences": ["doc_id", "sent_id", "start", "end", "text"],
    "mentions": list(actors.MENTION_COLUMNS),
    "quotes": [
        "doc_id",
        "sent_id",
        "speaker",
        "quote",
        "kind",
        "speaker_type",
        "cue",
        "speaker_surface",
        "start",
        "end",
    ],
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
        "currency",
        "start",
        "end",
    ],
    "reconciliation": list(reconcile.COLUMNS),
    "similarity": ["doc_a", "doc_b", "score", "shared_passages"],
    "passages": ["doc_a", "sent_a", "text_a", "doc_b", "sent_b", "text_b", "match", "similarity"],
    "fingerprints": ["doc_id", "outlet", "feature", "kind", "count", "per_1000_words"],
    "timeline": list(timeline.EVENT_COLUMNS),
    "durations": list(timeline.DURATION_COLUMNS),
}
#: Floats are rounded before writing so the CSVs are byte-identical across runs and machines.
FLOAT_DIGITS = 4


def analyze_document(
    doc_id: str,
    text: str,
    *,
    outlet: str = "",
    published: str = "",
    gazetteer: actors.Gazetteer | None = None,
) -> DocResult:
    """Run the per-article stages on one cleaned text. Pure: same input, same records.

    ``published`` (ISO date or empty) anchors relative dates ("on Tuesday") for the timeline.
    """
    gaz = gazetteer if gazetteer is not None else actors.Gazetteer.load()  # cached default
    sents = sentences.split_sentences(text)
    ments = actors.tag_actors(text, sents, gaz)
    quots = quotes.extract_quotes(text, sents, ments, gaz)
    clms = claims.extract_claims(
        text, sents, mentions=ments, quotes=quots, default_claimant=outlet or doc_id
    )
    sent_rows = sentiment.actor_sentiment(text, sents, ments)
    stance_rows = stance.actor_stance(text, sents, ments, quots, gazetteer=gaz)
    events = timeline.resolve_dates(text, sents, published=published, doc_id=doc_id, outlet=outlet)
    return DocResult(
        doc_id=doc_id,
        sentences=sents,
        mentions=ments,
        quotes=quots,
        claims=clms,
        sentiment=sent_rows,
        stance=stance_rows,
        events=events,
        features=compare.document_features(doc_id, text, sents),
    )


#: One article's input to the per-article stage: (doc_id, cleaned text, outlet, published).
Item = tuple[str, str, str, str]


def document_items(articles: pd.DataFrame) -> list[Item]:
    """The per-article stage's inputs, in article order, from a loaded articles table."""
    return list(
        zip(
            articles["doc_id"],
            articles["text"],
            articles["outlet"].fillna("").astype(str),
            articles["published"].fillna("").astype(str),
            strict=True,
        )
    )


def _analyze_batch(batch: Sequence[Item]) -> list[DocResult]:
    """Worker entry point: a list of items -> DocResults (picklable)."""
    return [analyze_document(d, t, outlet=o, published=p) for d, t, o, p in batch]


def _batches(items: Sequence, size: int) -> list[Sequence]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def warm_up() -> None:
    """Load what every article needs (gazetteer, lexicons, TextBlob and VADER) in this process.

    Called before a process pool forks, so the workers inherit it instead of each paying
    seconds of start-up on their first article.
    """
    analyze_document(
        "warm-up",
        '"About 3,000 troops could go," President Donald Trump said in Paris on Tuesday.',
        outlet="warm-up",
        published="2025-01-07",
    )


#: Corpora with more articles (or folders with more files) than this use a process pool.
PARALLEL_MIN_ITEMS = 200


@contextmanager
def worker_pool(workers: int | None = None) -> Iterator[ProcessPoolExecutor]:
    """One warm process pool to share between loading and the per-article stage."""
    warm_up()
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        yield pool


def run_documents(
    items: Sequence[Item],
    *,
    workers: int | None = None,
    show_progress: bool | None = None,
    executor: ProcessPoolExecutor | None = None,
) -> list[DocResult]:
    """Per-article stage over :data:`Item` tuples, in input order.

    With an ``executor`` (see :func:`worker_pool`) the work goes to it. Else ``workers=1`` runs
    in this process, and ``None`` uses every core for corpora large enough to be worth a process
    pool (more than :data:`PARALLEL_MIN_ITEMS` articles), else one.
    """
    n = len(items)
    if executor is not None:
        workers = executor._max_workers
    elif workers is None:
        workers = (os.cpu_count() or 1) if n > PARALLEL_MIN_ITEMS else 1
    if workers <= 1 or n <= 1:
        return [
            analyze_document(d, t, outlet=o, published=p)
            for d, t, o, p in progress(items, total=n, desc="articles", enabled=show_progress)
        ]
    size = max(1, min(200, n // (workers * 8) or 1))
    batches = _batches(items, size)
    if executor is None:
        with worker_pool(workers) as pool:
            return _map_batches(pool, batches, show_progress)
    return _map_batches(executor, batches, show_progress)


def _map_batches(pool, batches, show_progress) -> list[DocResult]:
    out: list[DocResult] = []
    for res in progress(
        pool.map(_analyze_batch, batches),
        total=len(batches),
        desc="article batches",
        enabled=show_progress,
    ):
        out.extend(res)
    return out


@dataclass
class Tables:
    """Every table of one run, as DataFrames (see :data:`SCHEMAS` for the columns)."""

    articles: pd.DataFrame
    rejects: pd.DataFrame
    furniture: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    sentiment: pd.DataFrame
    stance: pd.DataFrame
    claims: pd.DataFrame
    reconciliation: pd.DataFrame
    similarity: pd.DataFrame
    passages: pd.DataFrame
    fingerprints: pd.DataFrame
    timeline: pd.DataFrame = field(default_factory=lambda: _frame([], "timeline"))
    durations: pd.DataFrame = field(default_factory=lambda: _frame([], "durations"))
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def names(self) -> list[str]:
        return list(SCHEMAS)

    def summary(self) -> str:
        return (
            f"loaded {len(self.articles)}, rejected {len(self.rejects)}; "
            f"{len(self.mentions)} mentions, {len(self.quotes)} quotes, {len(self.claims)} claims"
        )

    def write(self, out: str | os.PathLike, *, names: Iterable[str] | None = None) -> list[Path]:
        """Write each table as ``<name>.csv`` (UTF-8, header, no index, LF). Returns the paths."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in names or self.names():
            path = out / f"{name}.csv"
            frame = getattr(self, name)
            if name == "articles":  # the cleaned text travels with the articles: offsets index it
                frame = frame.assign(text=[self.texts.get(d, "") for d in frame["doc_id"]])
            _for_csv(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
            written.append(path)
        return written


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(FLOAT_DIGITS)
    return out


def _frame(rows: list[dict] | pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows (or a frame) -> DataFrame with the schema's columns first, present even when empty."""
    cols = SCHEMAS[name]
    if isinstance(rows, pd.DataFrame):
        frame = rows.reset_index(drop=True)  # a new frame: the caller's is never changed
    else:
        frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame(columns=cols)
    extra = [c for c in frame.columns if c not in cols]
    for c in cols:
        if c not in frame.columns:
            frame[c] = pd.Series(dtype="object")
    return frame[cols + extra].reset_index(drop=True)


def _record_frame(results: list[DocResult], attr: str, name: str) -> pd.DataFrame:
    """One table from every article's records of one kind (dataclasses or dicts).

    Dataclass records are read field by field with one ``attrgetter`` (``dataclasses.asdict``
    deep-copies every record and dominated the cost on large corpora).
    """
    doc_ids: list[str] = []
    tuples: list[tuple] = []
    dicts: list[dict] = []
    names: list[str] | None = None
    for res in results:
        recs = getattr(res, attr)
        if not recs:
            continue
        if dataclasses.is_dataclass(recs[0]):
            if names is None:
                names = [f.name for f in dataclasses.fields(recs[0])]
                getter = operator.attrgetter(*names)
            tuples.extend(map(getter, recs))
        else:
            dicts.extend(recs)
        doc_ids.extend([res.doc_id] * len(recs))
    if tuples:
        frame = pd.DataFrame.from_records(tuples, columns=names)
    elif dicts:
        frame = pd.DataFrame.from_records(dicts)
    else:
        return _frame([], name)
    if "doc_id" in frame.columns:  # records that carry their own doc_id (timeline events)
        frame["doc_id"] = doc_ids
    else:
        frame.insert(0, "doc_id", doc_ids)
    return _frame(frame, name)


def analyze(
    corpus: Corpus | str | os.PathLike,
    *,
    workers: int | None = None,
    engine: str = "local",
    dask_address: str | None = None,
    show_progress: bool | None = None,
    executor: ProcessPoolExecutor | None = None,
) -> Tables:
    """Load (if given a folder) and analyse a corpus; return every table.

    ``engine="local"`` runs the per-article stage in this process or a process pool
    (``workers``); ``engine="dask"`` runs it on Dask (a LocalCluster, or the cluster at
    ``dask_address``). The cross-article stage always runs here. ``executor``: a pool from
    :func:`worker_pool` to reuse (the command line shares one between loading and analysis).
    """
    if not isinstance(corpus, Corpus):
        corpus = read_corpus(corpus)
    arts = corpus.articles
    items = document_items(arts)
    if engine == "dask":
        from .distributed import run_documents_dask

        results = run_documents_dask(items, address=dask_address, show_progress=show_progress)
    elif engine == "local":
        results = run_documents(
            items, workers=workers, show_progress=show_progress, executor=executor
        )
    else:
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    return assemble(corpus, results)


def run_tables(
    folder: str | os.PathLike,
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    engine: str = "local",
    dask_address: str | None = None,
    show_progress: bool | None = None,
    before_analysis: Callable[[], None] | None = None,
) -> tuple[Corpus, Tables, dict[str, float]]:
    """The ``tables`` command: load ``folder``, analyse it, write the CSVs into ``out``.

    Large folders (more than :data:`PARALLEL_MIN_ITEMS` files, engine "local", ``workers`` not
    1) share one warm process pool between loading and analysis. ``before_analysis`` runs once
    the corpus has loaded (the command line checks the output folder there). Returns the
    corpus, the tables, and seconds per stage (load, analyze, write).
    """
    folder = Path(folder)
    n_files = sum(1 for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0
    parallel = engine == "local" and workers != 1 and n_files > PARALLEL_MIN_ITEMS
    seconds: dict[str, float] = {}
    with worker_pool(workers) if parallel else nullcontext() as pool:
        t0 = time.perf_counter()
        corpus = read_corpus(folder, executor=pool)
        t1 = time.perf_counter()
        if before_analysis is not None:
            before_analysis()
        tables = analyze(
            corpus,
            workers=workers,
            engine=engine,
            dask_address=dask_address,
            show_progress=show_progress,
            executor=pool,
        )
        t2 = time.perf_counter()
    tables.write(out)
    seconds.update(load=t1 - t0, analyze=t2 - t1, write=time.perf_counter() - t2)
    return corpus, tables, seconds


def assemble(corpus: Corpus, results: list[DocResult]) -> Tables:
    """Cross-article stage: turn per-article records into the corpus tables."""
    arts = corpus.articles
    texts = dict(zip(arts["doc_id"], arts["text"], strict=True))

    sents = _record_frame(results, "sentences", "sentences")
    sents["text"] = [
        texts[d][a:b] for d, a, b in zip(sents["doc_id"], sents["start"], sents["end"], strict=True)
    ]
    mentions = _record_frame(results, "mentions", "mentions")
    quotes_df = _record_frame(results, "quotes", "quotes")
    sentiment_df = _record_frame(results, "sentiment", "sentiment")
    stance_df = _record_frame(results, "stance", "stance")

    sentences_by_doc = {res.doc_id: res.sentences for res in results}
    features = {res.doc_id: res.features for res in results if res.features}
    pairs, passages = compare.similarity(arts, sentences=sentences_by_doc, features=features)
    groups = compare.wire_groups(pairs, doc_ids=list(arts["doc_id"]))

    n_sent = {res.doc_id: len(res.sentences) for res in results}
    articles = arts.drop(columns=["text", "raw_text"], errors="ignore").assign(
        n_sentences=[n_sent.get(d, 0) for d in arts["doc_id"]],
        n_words=[sentences.count_words(texts[d]) for d in arts["doc_id"]],
        wire_group=[groups.get(d, d) for d in arts["doc_id"]],
    )
    articles = _frame(articles, "articles")

    claims_df = reconcile.assign_claim_ids(_record_frame(results, "claims", "claims"))
    claims_df = _frame(claims_df, "claims")
    recon = reconcile.reconcile(claims_df, articles=articles, wire_groups=groups)
    events = _frame(timeline.sort_events(_record_frame(results, "events", "timeline")), "timeline")

    return Tables(
        articles=articles,
        rejects=_frame(corpus.rejects, "rejects"),
        furniture=_frame(corpus.furniture, "furniture"),
        sentences=sents,
        mentions=mentions,
        quotes=quotes_df,
        sentiment=sentiment_df,
        stance=stance_df,
        claims=claims_df,
        reconciliation=_frame(recon, "reconciliation"),
        similarity=_frame(pairs, "similarity"),
        passages=_frame(passages, "passages"),
        fingerprints=_frame(
            compare.fingerprints(
                articles.assign(text=arts["text"].values), mentions, features=features
            ),
            "fingerprints",
        ),
        timeline=events,
        durations=_frame(timeline.check_durations(claims_df, events), "durations"),
        texts=texts,
    )
