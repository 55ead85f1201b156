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

import csv
import dataclasses
import gc
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import (
    actors,
    claims,
    compare,
    memory,
    quotes,
    reconcile,
    sentences,
    sentiment,
    stance,
    timeline,
)
from .load import Corpus, read_corpus
from .model import DocResult, Records
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
    stance_cues: str | None = None,
) -> DocResult:
    """Run the per-article stages on one cleaned text. Pure: same input, same records.

    ``published`` (ISO date or empty) anchors relative dates ("on Tuesday") for the timeline.
    ``stance_cues``: the YAML text of a stance cue file (a corpus's own topic, see
    :attr:`storylens.load.Corpus.stance_cues`); None reads stance toward the default topic.
    """
    gaz = gazetteer if gazetteer is not None else actors.Gazetteer.load()  # cached default
    sents = sentences.split_sentences(text)
    ments = actors.tag_actors(text, sents, gaz)
    quots = quotes.extract_quotes(text, sents, ments, gaz)
    clms = claims.extract_claims(
        text, sents, mentions=ments, quotes=quots, default_claimant=outlet or doc_id
    )
    sent_rows = sentiment.actor_sentiment(text, sents, ments)
    cues = stance.cues_from_yaml(stance_cues, "the corpus's stance cues") if stance_cues else None
    stance_rows = stance.actor_stance(text, sents, ments, quots, gazetteer=gaz, cues=cues)
    events = timeline.resolve_dates(text, sents, published=published, doc_id=doc_id, outlet=outlet)
    features = compare.document_features(doc_id, text, sents, mentions=ments)
    # the words around each figure, for reconciliation (a cross-article step: see assemble)
    bounds = {s.sent_id: (s.start, s.end) for s in sents}
    features["claim_context"] = [
        reconcile.figure_context(text, *bounds.get(c.sent_id, (0, len(text))), c.start, c.end)
        for c in clms
    ]
    return DocResult(
        doc_id=doc_id,
        sentences=sents,
        mentions=ments,
        quotes=quots,
        claims=clms,
        sentiment=sent_rows,
        stance=stance_rows,
        events=events,
        features=features,
        n_words=sentences.count_words(text),
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


#: Tables whose rows each come from one article alone. When :func:`run_tables` writes them and
#: does not keep them, pool workers write them batch by batch (:class:`Spill`), so the main
#: process never holds their records.
PER_ARTICLE_TABLES = ("sentences", "mentions", "quotes", "sentiment", "stance")


@dataclass(frozen=True)
class Spill:
    """Where a pool worker writes one batch's rows of the per-article tables ``names``.

    Each table gets ``<folder>/<name>/<batch_no>.csv``, a CSV with header written exactly as
    the whole table would be (:func:`_write_table`); :meth:`TableWriter.join` concatenates
    them in batch order. The batch's results come back with those record lists emptied and
    ``spilled`` set. ``"fingerprints"`` among the names spills the fingerprints' per-article
    inputs instead (``<batch_no>.pickle``; read back by the fingerprints job in the pool).
    """

    folder: str
    names: tuple[str, ...]
    batch_no: int = 0

    def part(self, name: str, batch_no: int | None = None) -> Path:
        n = self.batch_no if batch_no is None else batch_no
        return Path(self.folder) / name / f"{n:07d}.csv"

    def write(self, results: list[DocResult], texts: Mapping[str, str]) -> None:
        if "fingerprints" in self.names:  # the fingerprints' inputs, for _spilled_fingerprints
            inputs = {}
            for res in results:
                f = res.features
                inputs[res.doc_id] = (f.pop("fingerprints", None), f.pop("naming", None))
            with open(
                Path(self.folder) / "fingerprints" / f"{self.batch_no:07d}.pickle", "wb"
            ) as fh:
                pickle.dump(inputs, fh, protocol=5)
        for name in self.names:
            if name == "fingerprints":
                continue
            if not _write_batch_rows(name, results, texts, self.part(name)):
                if name == "sentences":
                    frame = _sentence_frame(results, texts)
                else:
                    frame = _record_frame(results, name, name)
                _write_table(name, frame, {}, self.part(name))
        for res in results:
            if "sentences" in self.names:
                res.n_sentences = len(res.sentences)
            for name in self.names:
                if name != "fingerprints":
                    setattr(res, name, [])
            res.spilled = self.names


def _csv_floats(values: np.ndarray) -> list:
    """Float64 values as :func:`_for_csv` writes them: numpy's ``round(FLOAT_DIGITS)`` (what
    pandas' ``round`` calls), NaN as an empty field."""
    rounded = values.round(FLOAT_DIGITS)
    out = rounded.tolist()
    if np.isnan(rounded).any():
        out = ["" if x != x else x for x in out]
    return out


def _write_batch_rows(
    name: str, results: list[DocResult], texts: Mapping[str, str], path: Path
) -> bool:
    """One batch's rows of a per-article table written straight from the record tuples,
    without a DataFrame: the same bytes as ``_write_table(name, _record_frame(...))`` (pandas
    writes through the same ``csv`` module; floats are rounded as :func:`_for_csv` does).

    Handles the plain case: records of one kind with the same fields in every article, each
    column of one type (str, bool, int, or float; None allowed except beside ints, where
    pandas would turn the column into floats). Returns False, writing nothing, otherwise; the
    caller then goes through pandas.
    """
    names = None
    rows: list[tuple] = []
    doc_ids: list[str] = []
    for doc_id, recs in _packed_records(results, name):
        if not isinstance(recs, Records):
            return False
        if names is None:
            names = recs.names
        elif recs.names != names:
            return False
        rows.extend(recs.rows)
        doc_ids.extend([doc_id] * len(recs.rows))
    if names is None or "doc_id" in names:
        return False
    columns = ["doc_id", *names]
    cols = [doc_ids, *zip(*rows, strict=True)]
    if name == "sentences":
        if "text" in names:
            return False
        at = {c: i for i, c in enumerate(columns)}
        starts, ends = cols[at["start"]], cols[at["end"]]
        columns.append("text")
        cols.append([texts[d][a:b] for d, a, b in zip(doc_ids, starts, ends, strict=True)])
    for j, col in enumerate(cols):
        types = set(map(type, col))
        kinds = types - {type(None)}
        if len(kinds) > 1 or not kinds <= {str, bool, int, float}:
            return False
        if kinds == {int} and type(None) in types:
            return False  # ints beside None: pandas makes the column float
        if kinds == {float}:
            cols[j] = _csv_floats(np.array(col, dtype=np.float64))  # None becomes NaN: empty
    schema = SCHEMAS[name]
    order = [columns.index(c) for c in schema if c in columns]
    if len(order) < len(schema):
        return False  # a schema column the records lack: pandas adds it empty
    order += [i for i, c in enumerate(columns) if c not in schema]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow([columns[i] for i in order])
        out.writerows(zip(*(cols[i] for i in order), strict=True))
    return True


def _analyze_batch(
    batch: Sequence[Item], spill: Spill | None = None, stance_cues: str | None = None
) -> list[DocResult]:
    """Worker entry point: a list of items -> DocResults, packed (:meth:`DocResult.packed`:
    field tuples pickle and unpickle several times faster than record objects). With a
    ``spill``, the per-article tables it names are written here and left out of the results.
    ``stance_cues``: see :func:`analyze_document`."""
    results = [
        analyze_document(d, t, outlet=o, published=p, stance_cues=stance_cues).packed()
        for d, t, o, p in batch
    ]
    if spill is not None:
        spill.write(results, {d: t for d, t, _, _ in batch})
    return results


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
    """One warm process pool to share between loading and the per-article stage.

    The objects alive when the workers fork (the warm state: gazetteer, lexicons, modules) are
    frozen out of the garbage collector for as long as the pool runs (``gc.freeze``, as the
    Python docs advise before a fork): no process's collector walks them, so the workers
    do not copy their pages by touching them, and every collection is cheaper.
    """
    warm_up()
    freeze = gc.get_freeze_count() == 0  # a caller's own freeze is left alone
    if freeze:
        gc.collect()
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            yield pool
    finally:
        if freeze:
            gc.unfreeze()


def run_documents(
    items: Sequence[Item],
    *,
    workers: int | None = None,
    show_progress: bool | None = None,
    executor: ProcessPoolExecutor | None = None,
    spill: Spill | None = None,
    on_batch: Callable[[list[DocResult]], None] | None = None,
    stance_cues: str | None = None,
) -> list[DocResult]:
    """Per-article stage over :data:`Item` tuples, in input order.

    With an ``executor`` (see :func:`worker_pool`) the work goes to it. Else ``workers=1`` runs
    in this process, and ``None`` uses every core for corpora large enough to be worth a process
    pool (more than :data:`PARALLEL_MIN_ITEMS` articles), else one. ``spill``: on the process
    pool path, the workers write the tables it names (see :class:`Spill`; each result's
    ``spilled`` says whether that happened). ``on_batch``: on the process pool path, called
    here with each batch's results, in order, as soon as they are back (while the workers go
    on with the next batches). ``stance_cues``: see :func:`analyze_document`.
    """
    n = len(items)
    if executor is not None:
        workers = executor._max_workers
    elif workers is None:
        workers = (os.cpu_count() or 1) if n > PARALLEL_MIN_ITEMS else 1
    if workers <= 1 or n <= 1:
        return [
            analyze_document(d, t, outlet=o, published=p, stance_cues=stance_cues)
            for d, t, o, p in progress(items, total=n, desc="articles", enabled=show_progress)
        ]
    # small batches (about 24 per worker) so that no worker idles long at the end
    size = max(1, min(100, n // (workers * 24) or 1))
    batches = _batches(items, size)
    if executor is None:
        with worker_pool(workers) as pool:
            return _map_batches(pool, batches, show_progress, spill, on_batch, stance_cues)
    return _map_batches(executor, batches, show_progress, spill, on_batch, stance_cues)


def _map_batches(
    pool, batches, show_progress, spill: Spill | None = None, on_batch=None, stance_cues=None
) -> list[DocResult]:
    if spill is None:
        spills = [None] * len(batches)
    else:
        spills = [dataclasses.replace(spill, batch_no=i) for i in range(len(batches))]
    out: list[DocResult] = []
    for res in progress(
        pool.map(_analyze_batch, batches, spills, [stance_cues] * len(batches)),
        total=len(batches),
        desc="article batches",
        enabled=show_progress,
    ):
        if on_batch is not None:
            on_batch(res)
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
            _write_table(name, getattr(self, name), self.texts, path)
            written.append(path)
        return written


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(FLOAT_DIGITS)
    return out


def _write_table(name: str, frame: pd.DataFrame, texts: Mapping[str, str], path: Path) -> Path:
    """One table as CSV (UTF-8, header, no index, LF); runs in a pool worker for TableWriter."""
    return _write_parts(name, [frame], texts, path)


def _write_parts(
    name: str, parts: Iterable[pd.DataFrame], texts: Mapping[str, str], path: Path
) -> Path:
    """A table given as consecutive parts, written as one CSV (header from the first part);
    the same bytes as writing the parts' concatenation.

    Frames of plain columns are written with the ``csv`` module from their values
    (:func:`_csv_columns`), the module ``to_csv`` writes through, with about 30% less CPU;
    others go through pandas."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        for i, part in enumerate(parts):
            if name == "articles":
                part = part.assign(text=[texts.get(d, "") for d in part["doc_id"]])
            cols = _csv_columns(part)
            if cols is None:
                _for_csv(part).to_csv(fh, index=False, header=i == 0, lineterminator="\n")
                continue
            if i == 0:
                out.writerow(part.columns)
            out.writerows(zip(*cols, strict=True))
    return path


def _csv_columns(frame: pd.DataFrame) -> list[list] | None:
    """The frame's columns as values the ``csv`` module writes as ``_for_csv(frame).to_csv``
    does, or None for a frame it cannot match (pandas writes those).

    Plain columns only: numpy ints and bools; float64, rounded as :func:`_for_csv` rounds
    (numpy's ``round``) with NaN written empty; string and object columns of str, bool, int
    and None, where a float may only be NaN (written empty). Other extension types
    (categorical, nullable, time zones), datetimes, other floats and non-string column names
    go through pandas.
    """
    if frame.shape[1] == 0 or not all(isinstance(c, str) for c in frame.columns):
        return None
    cols: list[list] = []
    for _, col in frame.items():
        dtype = col.dtype
        text = isinstance(dtype, pd.StringDtype)  # pandas 3's default for strings
        if not (text or isinstance(dtype, np.dtype)):
            return None
        if text or dtype.kind == "O":
            values = col.tolist()
            kinds = set(map(type, values))
            if not kinds <= {str, type(None), bool, int, float}:
                return None
            if float in kinds:
                if any(type(x) is float and x == x for x in values):
                    return None  # object floats: pandas writes them unrounded, via str
                values = [None if type(x) is float else x for x in values]
            cols.append(values)
        elif dtype.kind in "iub":
            cols.append(col.tolist())
        elif dtype == np.float64:
            cols.append(_csv_floats(col.to_numpy()))
        else:
            return None
    return cols


class TableWriter:
    """Writes tables as they become ready, in a process pool when given one.

    :func:`run_tables` hands it to :func:`assemble` (``on_table``), so the CSVs of the early
    tables are written by idle pool workers while the cross-article steps still run here. Files
    go to a hidden temporary folder inside ``out`` and are moved into place (one rename each)
    by :meth:`commit`, so a run that fails half-way leaves the earlier tables untouched.
    """

    def __init__(self, out: str | os.PathLike, texts: Mapping[str, str], *, executor=None) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".storylens-tables-", dir=self.out))
        self.texts = texts
        self.executor = executor
        self.pending: dict[str, Future | Path] = {}

    def _texts(self, name: str) -> Mapping[str, str]:
        return self.texts if name == "articles" else {}  # only the articles carry the text

    def __call__(self, name: str, frame: pd.DataFrame) -> None:
        path = self.tmp / f"{name}.csv"
        texts = self._texts(name)
        if self.executor is None:
            self.pending[name] = _write_table(name, frame, texts, path)
        else:  # the copy and rounding for the CSV happen in the worker too
            self.pending[name] = self.executor.submit(_write_in_pool, name, frame, texts, path)

    def spill(self, names: Iterable[str]) -> Spill:
        """A :class:`Spill` into this writer's temporary folder, for the tables ``names``."""
        names = tuple(names)
        for name in names:
            (self.tmp / name).mkdir(exist_ok=True)
        return Spill(str(self.tmp), names)

    def join(self, name: str) -> None:
        """Write ``name`` from the batch files the workers spilled (see :class:`Spill`)."""
        args = (name, self.tmp / name, self.tmp / f"{name}.csv")
        if self.executor is None:
            self.pending[name] = _join_parts(*args)
        else:
            self.pending[name] = self.executor.submit(_join_parts, *args)

    def submit(self, name: str, fn: Callable, *args, **kwargs) -> None:
        """Compute the table ``name`` as ``fn(*args, **kwargs)`` and write it, both in the pool
        (the table never travels back to this process). ``fn`` returns the table or yields it
        in consecutive parts (then only one part is in memory at a time)."""
        job = (name, self.tmp / f"{name}.csv", self._texts(name), fn, args, kwargs)
        if self.executor is None:
            self.pending[name] = _compute_and_write(*job)
        else:
            self.pending[name] = self.executor.submit(_compute_and_write, *job)

    def commit(self, names: Iterable[str]) -> list[Path]:
        """Wait for every write, then move the files into ``out``; returns their paths."""
        names = list(names)
        missing = [n for n in names if n not in self.pending]
        if missing:
            raise RuntimeError(f"tables never produced: {', '.join(missing)}")
        for job in self.pending.values():
            if isinstance(job, Future):
                job.result()  # re-raises a worker's error here
        written = []
        for name in names:
            target = self.out / f"{name}.csv"
            os.replace(self.tmp / f"{name}.csv", target)
            written.append(target)
        self.abort()
        return written

    def abort(self) -> None:
        """Drop the temporary folder (and whatever was written into it)."""
        for job in self.pending.values():
            if isinstance(job, Future):
                job.cancel()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _join_parts(name: str, folder: Path, path: Path) -> Path:
    """Concatenate the batch files of one spilled table (header once, batches in order).

    A batch with no rows has the header of an empty table (the schema's columns only); the
    header is taken from the first batch with rows, as the whole table would have it.
    """
    parts = sorted(folder.glob("*.csv"))
    header: bytes | None = None
    with open(path, "wb") as out:
        for part in parts:
            with open(part, "rb") as fh:
                head = fh.readline()
                first = fh.readline()
                if not first:
                    continue
                if header is None:
                    header = head
                    out.write(head)
                elif head != header:
                    raise RuntimeError(
                        f"{name}: batch {part.name} has other columns than the first"
                    )
                out.write(first)
                shutil.copyfileobj(fh, out)
    if header is None:  # no rows at all: the empty table's header
        _write_table(name, _frame([], name), {}, path)
    shutil.rmtree(folder, ignore_errors=True)
    return path


def _spilled_fingerprints(articles: pd.DataFrame, folder: Path) -> Iterator[pd.DataFrame]:
    """Pool job: the fingerprints table, in parts, from the inputs the workers spilled."""
    features: dict[str, dict] = {}
    naming: dict[str, dict] = {}
    for part in sorted((Path(folder) / "fingerprints").glob("*.pickle")):
        with open(part, "rb") as fh:
            for doc_id, (fp, nm) in pickle.load(fh).items():
                if fp is not None:
                    features[doc_id] = {"fingerprints": fp}
                if nm is not None:
                    naming[doc_id] = nm
    missing = set(articles["doc_id"]) - set(features)
    if missing:
        raise RuntimeError(f"fingerprints: no spilled inputs for {len(missing)} articles")
    return compare.fingerprint_parts(articles, features=features, naming=naming)


def _park_prepared(claims: pd.DataFrame, articles: pd.DataFrame, path: Path) -> Path:
    """Pool job: :func:`storylens.reconcile.prepare`, kept in a file for :func:`_finish_parked`
    (the prepared groups are large; this way they never travel to the main process)."""
    with open(path, "wb") as fh:
        pickle.dump(reconcile.prepare(claims, articles=articles), fh, protocol=5)
    memory.give_back()  # a worker that built a large table would keep its peak size
    return path


def _finish_parked(path: Path, wire_groups: Mapping[str, str]) -> pd.DataFrame:
    with open(path, "rb") as fh:
        prepared = pickle.load(fh)
    path.unlink()
    return reconcile.finish(prepared, wire_groups)


def _compute_and_write(name, path, texts, fn, args, kwargs) -> Path:
    """Pool job for :meth:`TableWriter.submit`."""
    result = fn(*args, **kwargs)
    parts = [result] if isinstance(result, pd.DataFrame) else result
    _write_parts(name, (_frame(p, name) for p in parts), texts, path)
    del result, parts
    memory.give_back()  # a worker that built a large table would keep its peak size
    return path


def _write_in_pool(name: str, frame: pd.DataFrame, texts: Mapping[str, str], path: Path) -> Path:
    """Pool job for :class:`TableWriter`: :func:`_write_table`, then the memory given back."""
    _write_table(name, frame, texts, path)
    del frame, texts
    memory.give_back()  # a worker that built a large table would keep its peak size
    return path


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


def _sentence_frame(results: list[DocResult], texts: Mapping[str, str]) -> pd.DataFrame:
    """The sentences table: the records plus each sentence's ``text`` (cut from ``texts``)."""
    sents = _record_frame(results, "sentences", "sentences")
    sents["text"] = [
        texts[d][a:b] for d, a, b in zip(sents["doc_id"], sents["start"], sents["end"], strict=True)
    ]
    return sents


def _packed_records(results: Iterable[DocResult], attr: str) -> Iterator[tuple[str, Sequence]]:
    """``(doc_id, records)`` of each article with records of kind ``attr``, packed as
    :class:`~storylens.model.Records` where they can be (else as they are)."""
    for res in results:
        recs = getattr(res, attr)
        if recs:
            yield res.doc_id, recs if isinstance(recs, Records) else Records.pack(recs)


def _record_frame(results: list[DocResult], attr: str, name: str) -> pd.DataFrame:
    """One table from every article's records of one kind (dataclasses, dicts or
    :class:`~storylens.model.Records`).

    Records are read as field tuples (``dataclasses.asdict`` deep-copies every record and
    dominated the cost on large corpora); dicts whose keys differ between articles fall back
    to a frame built from dicts (columns in order of first appearance, as pandas does).
    """
    doc_ids: list[str] = []
    parts: list[tuple[tuple[str, ...], Sequence]] = []  # (field names, row tuples) per article
    for doc_id, recs in _packed_records(results, attr):
        if isinstance(recs, Records):
            parts.append((recs.names, recs.rows))
        else:  # mixed kinds or dicts with differing keys: keep them as dicts
            parts.append(((), [r if isinstance(r, dict) else dataclasses.asdict(r) for r in recs]))
        doc_ids.extend([doc_id] * len(recs))
    if not parts:
        return _frame([], name)
    names = parts[0][0]
    if names and all(p[0] == names for p in parts):
        rows: list = []
        for _, part_rows in parts:
            rows.extend(part_rows)
        frame = pd.DataFrame.from_records(rows, columns=list(names))
    else:
        dicts: list[dict] = []
        for part_names, part_rows in parts:
            if part_names:
                dicts.extend(dict(zip(part_names, r, strict=True)) for r in part_rows)
            else:
                dicts.extend(part_rows)
        frame = pd.DataFrame.from_records(dicts)
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
    on_table: Callable[[str, pd.DataFrame], None] | None = None,
    keep: Iterable[str] | None = None,
) -> Tables:
    """Load (if given a folder) and analyse a corpus; return every table.

    ``engine="local"`` runs the per-article stage in this process or a process pool
    (``workers``); ``engine="dask"`` runs it on Dask (a LocalCluster, or the cluster at
    ``dask_address``). The cross-article stage runs here (with a pool, two of its steps run in
    the pool; see :func:`assemble`). ``executor``: a pool from :func:`worker_pool` to reuse
    (the command line shares one between loading, analysis and writing). ``on_table`` and
    ``keep``: see :func:`assemble`.
    """
    if not isinstance(corpus, Corpus):
        corpus = read_corpus(corpus)
    items = document_items(corpus.articles)
    if engine == "dask":
        from .distributed import run_documents_dask

        results = run_documents_dask(
            items,
            address=dask_address,
            show_progress=show_progress,
            stance_cues=corpus.stance_cues or None,
        )
        return assemble(corpus, results, on_table=on_table, release=True, keep=keep)
    if engine != "local":
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if executor is None and workers != 1 and len(items) > PARALLEL_MIN_ITEMS:
        with worker_pool(workers) as pool:
            return analyze(
                corpus, show_progress=show_progress, executor=pool, on_table=on_table, keep=keep
            )
    spill = None
    if executor is not None and isinstance(on_table, TableWriter) and keep is not None:
        kept = set(keep)
        names = [n for n in (*PER_ARTICLE_TABLES, "fingerprints") if n not in kept]
        spill = on_table.spill(names) if names else None
    # with a pool, this process gathers the similarity inputs while the workers analyse
    inputs = compare.SimilarityInputs() if executor is not None else None
    results = run_documents(
        items,
        workers=workers,
        show_progress=show_progress,
        executor=executor,
        spill=spill,
        on_batch=inputs.add_results if inputs is not None else None,
        stance_cues=corpus.stance_cues or None,
    )
    return assemble(
        corpus,
        results,
        executor=executor,
        on_table=on_table,
        release=True,
        keep=keep,
        similarity_inputs=inputs,
    )


def run_tables(
    folder: str | os.PathLike,
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    engine: str = "local",
    dask_address: str | None = None,
    show_progress: bool | None = None,
    before_analysis: Callable[[], None] | None = None,
    keep: Iterable[str] | None = None,
    stance_cues: str | os.PathLike | None = "auto",
) -> tuple[Corpus, Tables, dict[str, float]]:
    """The ``tables`` command: load ``folder``, analyse it, write the CSVs into ``out``.

    Large folders (more than :data:`PARALLEL_MIN_ITEMS` files, engine "local", ``workers`` not
    1) share one warm process pool between loading, analysis and writing: each table is
    written by a pool worker as soon as it is ready (:class:`TableWriter`), while the rest is
    still being computed. ``before_analysis`` runs once the corpus has loaded (the command
    line checks the output folder there). Returns the corpus, the tables, and seconds per
    stage (load, analyze, and write: the wait for the last files once the analysis is done).
    ``keep``: the tables to return filled (None: all); the others are dropped once written,
    which keeps memory down on large corpora (the command line keeps articles and rejects).
    With ``keep`` given, the corpus is read without its ``raw_text`` column, which no table
    holds. ``stance_cues``: the stance topic's cue file (see :func:`storylens.load.read_corpus`;
    ``"auto"`` reads ``stance_cues.yaml`` in the folder when there is one).
    """
    folder = Path(folder)
    n_files = sum(1 for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0
    parallel = engine == "local" and workers != 1 and n_files > PARALLEL_MIN_ITEMS
    seconds: dict[str, float] = {}
    # the pool is forked before the corpus is read: workers forked after it would each map
    # (and count in their RSS) the whole corpus
    with worker_pool(workers) if parallel else nullcontext() as pool:
        t0 = time.perf_counter()
        # no table holds the raw (uncleaned) text: not keeping it saves memory
        corpus = read_corpus(folder, executor=pool, raw_text=keep is None, stance_cues=stance_cues)
        t1 = time.perf_counter()
        if before_analysis is not None:
            before_analysis()
        arts = corpus.articles
        writer = TableWriter(
            out, dict(zip(arts["doc_id"], arts["text"], strict=True)), executor=pool
        )
        try:
            tables = analyze(
                corpus,
                workers=workers,
                engine=engine,
                dask_address=dask_address,
                show_progress=show_progress,
                executor=pool,
                on_table=writer,
                keep=keep,
            )
            t2 = time.perf_counter()
            writer.commit(SCHEMAS)
        except BaseException:
            writer.abort()
            raise
    seconds.update(load=t1 - t0, analyze=t2 - t1, write=time.perf_counter() - t2)
    return corpus, tables, seconds


def _deferred(executor, fn: Callable, *args, **kwargs) -> Callable[[], object]:
    """Run ``fn`` in ``executor`` (or here, now); returns a function that gives its result."""
    if executor is None:
        value = fn(*args, **kwargs)
        return lambda: value
    return executor.submit(fn, *args, **kwargs).result


def assemble(
    corpus: Corpus,
    results: list[DocResult],
    *,
    executor: ProcessPoolExecutor | None = None,
    on_table: Callable[[str, pd.DataFrame], None] | None = None,
    release: bool = False,
    keep: Iterable[str] | None = None,
    similarity_inputs: compare.SimilarityInputs | None = None,
) -> Tables:
    """Cross-article stage: turn per-article records into the corpus tables.

    ``executor``: a process pool; reconciliation's grouping (:func:`storylens.reconcile.prepare`)
    and the fingerprints run there while similarity runs here (neither needs the other). The
    tables are the same with or without it. ``on_table(name, frame)`` is called once per table,
    as soon as that table is final (:func:`run_tables` writes it then).

    Memory on large corpora: ``release=True`` empties each article's record lists in
    ``results`` once they are in a table (for callers that own ``results``, as
    :func:`analyze` does); ``keep`` names the tables the returned :class:`Tables` holds (None:
    all), the others are handed to ``on_table`` and then left empty (their columns only).
    When ``on_table`` is a :class:`TableWriter`, tables not kept never come back here: the
    per-article tables the workers spilled (``DocResult.spilled``) are joined from their batch
    files, and the fingerprints are computed and written in the pool. ``similarity_inputs``:
    the articles' similarity features, gathered while they were analysed (see
    :class:`storylens.compare.SimilarityInputs`; same tables with or without).
    """
    arts = corpus.articles
    texts = dict(zip(arts["doc_id"], arts["text"], strict=True))
    keep = set(SCHEMAS if keep is None else keep)
    ready: dict[str, pd.DataFrame] = {}
    writer = on_table if isinstance(on_table, TableWriter) else None
    spilled = set(results[0].spilled) if results else set()
    if any(set(res.spilled) != spilled for res in results):
        raise RuntimeError("assemble: the articles' results were spilled differently")
    if spilled and writer is None:
        raise RuntimeError("assemble: spilled tables need the TableWriter they were spilled to")

    def done(name: str, frame: pd.DataFrame) -> None:
        if on_table is not None:
            on_table(name, frame)
        ready[name] = frame if name in keep else _frame([], name)

    def records(attr: str, name: str) -> pd.DataFrame:
        frame = _record_frame(results, attr, name)
        if release:
            for res in results:
                setattr(res, attr, [])
        return frame

    def per_article(name: str) -> None:
        """A table of :data:`PER_ARTICLE_TABLES`: written by the workers, or built here."""
        if name in spilled:
            writer.join(name)
            ready[name] = _frame([], name)
        elif name == "sentences":
            done(name, _sentence_frame(results, texts))
            if release:
                for res in results:
                    res.n_sentences, res.sentences = len(res.sentences), []
        else:
            done(name, records(name, name))

    n_sent = {
        res.doc_id: res.n_sentences if res.n_sentences >= 0 else len(res.sentences)
        for res in results
    }
    n_words = {res.doc_id: res.n_words for res in results}
    features = {res.doc_id: res.features for res in results if res.features}
    # similarity splits the articles that came without features itself (none, from analyze)
    sentences_by_doc = {res.doc_id: res.sentences for res in results if not res.features}
    if "sentences" in spilled and sentences_by_doc:
        raise RuntimeError("assemble: spilled sentences need every article's features")
    if executor is not None and similarity_inputs is not None:
        # the candidate search is the pool's first job: similarity needs it soonest
        similarity_inputs.start_lsh(executor)
    contexts = [res.features.get("claim_context") for res in results]
    if release:
        for res in results:
            res.features = {}

    # the claims, with the words around each figure (``context``: reconciliation reads it;
    # it is no column of the claims table) when every article came with them
    claims_df = records("claims", "claims")
    if all(c is not None for c in contexts):
        claims_df["context"] = [w for c in contexts for w in c]
    claims_df = _frame(reconcile.assign_claim_ids(claims_df), "claims")
    # the two steps that need neither similarity nor each other: in the pool when there is one
    recon_args = (claims_df, arts[["doc_id", "outlet"]])
    claims_df = claims_df.drop(columns="context", errors="ignore")
    if writer is not None and executor is not None and "reconciliation" not in keep:
        # prepared in the pool and parked in a file there: it never comes back here
        parked = writer.tmp / "reconcile-prepared.pickle"
        recon_prepared = _deferred(executor, _park_prepared, *recon_args, parked)
    else:
        recon_prepared = _deferred(
            executor, reconcile.prepare, recon_args[0], articles=recon_args[1]
        )
    del recon_args
    # fingerprints: from the inputs the workers spilled, else from the features and the naming
    # summaries (or, for results without them, the mentions table)
    fingerprints_df = None
    if "fingerprints" in spilled:  # implies a writer and not kept
        writer.submit("fingerprints", _spilled_fingerprints, arts[["doc_id", "outlet"]], writer.tmp)
        ready["fingerprints"] = _frame([], "fingerprints")
    else:
        naming = {d: f["naming"] for d, f in features.items() if "naming" in f}
        fp_features = {
            d: {"fingerprints": f["fingerprints"]}
            for d, f in features.items()
            if "fingerprints" in f
        }
        if len(naming) == len(arts) and set(naming) == set(arts["doc_id"]):
            with_text = len(fp_features) < len(arts)  # articles without features: recounted
            fp_args = (arts[["doc_id", "outlet", "text"] if with_text else ["doc_id", "outlet"]],)
            fp_kwargs = {"features": fp_features, "naming": naming}
        elif "mentions" in spilled:
            raise RuntimeError("assemble: spilled mentions need every article's naming summary")
        else:
            fp_args = (arts[["doc_id", "outlet", "text"]], records("mentions", "mentions"))
            fp_kwargs = {"features": fp_features}
            done("mentions", fp_args[1])
        if writer is not None and "fingerprints" not in keep:
            writer.submit("fingerprints", compare.fingerprint_parts, *fp_args, **fp_kwargs)
            ready["fingerprints"] = _frame([], "fingerprints")
        else:
            fingerprints_df = _deferred(executor, compare.fingerprints, *fp_args, **fp_kwargs)
        del fp_args, fp_kwargs, fp_features, naming
    # from here on only similarity needs the features (the fingerprints have their copy), and
    # not even it when it gathered every article (their memory is freed now; were they still
    # needed, similarity would recompute them from the texts: same result)
    gathered = similarity_inputs is not None and similarity_inputs.covers(
        sorted(set(arts["doc_id"].astype(str)))
    )
    features = {
        d: {"similarity": f["similarity"]}
        for d, f in ({} if gathered else features).items()
        if "similarity" in f
    }
    done("rejects", _frame(corpus.rejects, "rejects"))
    done("furniture", _frame(corpus.furniture, "furniture"))
    for name in PER_ARTICLE_TABLES:
        if name not in ready:
            per_article(name)
    done("claims", claims_df)
    events = _frame(timeline.sort_events(records("events", "timeline")), "timeline")
    done("timeline", events)
    done("durations", _frame(timeline.check_durations(claims_df, events), "durations"))
    del claims_df, events

    pairs, passages = compare.similarity(
        arts,
        sentences=sentences_by_doc or None,
        features=features,
        executor=executor,
        inputs=similarity_inputs,
    )
    del features, sentences_by_doc
    if similarity_inputs is not None:
        similarity_inputs.clear()  # the caller may still hold it: free what it gathered
    if executor is not None:
        memory.give_back()  # this process's peak is behind it: return the freed pages
    done("similarity", _frame(pairs, "similarity"))
    done("passages", _frame(passages, "passages"))
    groups = compare.wire_groups(pairs, doc_ids=list(arts["doc_id"]))
    del pairs, passages

    articles = arts.drop(columns=["text", "raw_text"], errors="ignore").assign(
        n_sentences=[n_sent.get(d, 0) for d in arts["doc_id"]],
        n_words=[
            n_words[d] if n_words.get(d, -1) >= 0 else sentences.count_words(texts[d])
            for d in arts["doc_id"]
        ],
        wire_group=[groups.get(d, d) for d in arts["doc_id"]],
    )
    done("articles", _frame(articles, "articles"))
    prepared = recon_prepared()
    if isinstance(prepared, Path):
        writer.submit("reconciliation", _finish_parked, prepared, groups)
        ready["reconciliation"] = _frame([], "reconciliation")
    else:
        done("reconciliation", _frame(reconcile.finish(prepared, groups), "reconciliation"))
    if fingerprints_df is not None:
        done("fingerprints", _frame(fingerprints_df(), "fingerprints"))
    return Tables(**{name: ready[name] for name in SCHEMAS}, texts=texts)
