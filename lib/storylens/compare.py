"""Cross-article comparison: similarity, shared passages, wire groups, fingerprints.

Which articles are really independent? :func:`similarity` scores every pair of articles and
aligns the sentences they share (verbatim or lightly reworded); :func:`wire_groups` turns the
pairs flagged as wire copy into groups, so later stages can count independent sources rather
than copies; :func:`fingerprints` counts how each outlet writes (spellings, naming, hedging,
house style). Lexicons live in ``data/fingerprints.yaml``.

How the similarity is measured
------------------------------
Three article-level measures and one sentence alignment:

``jaccard`` / ``containment``
    Word 5-shingles (all words, lowercased). Verbatim reuse of wire copy shows up as shared
    shingles; *containment* (shared / size of the smaller article's set) is kept because a wire
    story is often carried as a subset of a longer article, where Jaccard stays low.
``cosine``
    TF-IDF cosine over content words (stop words removed, light stemming). Articles on the
    same story score 0.3-0.6 here whatever their origin, so it only nudges the score.
``coverage``
    Share of an article's words that sit in sentences aligned with the other article (the larger
    of the two directions). Sentences are aligned on shared *content-word bigrams* (so wording
    that survives light rewording, "Europe's deadliest conflict in 80 years", still links the
    two) and scored with IDF weights in which name-like words (capitalised in most of their
    occurrences) count for little, so sentences that merely share "French President Emmanuel
    Macron" or "said on Tuesday" are not paired.

``score = 0.5 * coverage + 0.3 * containment + 0.2 * cosine`` (0..1); ``wire_copy`` when the
pair shares at least ``wire_min_passages`` passages and ``score >= wire_threshold`` (or the
containment alone reaches ``wire_containment``). The threshold, 0.3, is measured: on 300
synthetic articles of one story the 53 planted wire copies score 0.86-0.95 and the other
pairs at most 0.35 (0.2 flagged 506 of them); outlets that quote the same press release
score about 0.2-0.25; the seeds' two Reuters-derived articles 0.42.

Scale
-----
With ``n <= switch_at`` articles (``method="auto"``, default 300) every pair is scored exactly
(block-wise dense products, no Python loop over pairs) and the pairs table lists **all**
``n*(n-1)/2`` pairs. Above it, MinHash LSH (datasketch's banding) over each article's set of word
5-shingles proposes candidate pairs, and only candidates are scored,
aligned and listed (pairs that share an aligned passage are always candidates, so reworded
wire copies with little verbatim text are not lost). Sentence candidates always come from one
corpus-wide inverted index of
content bigrams, skipping bigrams that occur in more than ``max_postings`` sentences (stock
phrases); no step compares all sentences with all sentences.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from operator import add, itemgetter, mul

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from . import memory
from .model import Sentence
from .paths import DATA_DIR, yaml_load
from .regexes import trie_regex

PAIR_COLUMNS = [
    "doc_a",
    "doc_b",
    "score",
    "shared_passages",
    "jaccard",
    "containment",
    "cosine",
    "coverage",
    "wire_copy",
    "method",
]
PASSAGE_COLUMNS = [
    "doc_a",
    "sent_a",
    "start_a",
    "end_a",
    "text_a",
    "doc_b",
    "sent_b",
    "start_b",
    "end_b",
    "text_b",
    "match",
    "similarity",
    "shared_words",
]
WIRE_GROUP_COLUMNS = ["doc_id", "wire_group", "group_size"]
FINGERPRINT_COLUMNS = [
    "doc_id",
    "outlet",
    "kind",
    "group",
    "feature",
    "count",
    "per_1000_words",
]

_LEXICON_PATH = DATA_DIR / "fingerprints.yaml"
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
_MASK64 = (1 << 64) - 1
_MERSENNE = (1 << 61) - 1
_SHINGLE_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 1],
    dtype=np.uint64,
)


# --------------------------------------------------------------------------- lexicon


@functools.cache
def load_lexicon() -> dict:
    """The packaged ``fingerprints.yaml`` (cached; do not mutate the result)."""
    with open(_LEXICON_PATH, encoding="utf-8") as fh:
        return yaml_load(fh)


@functools.cache
def _stopwords() -> frozenset[str]:
    words = load_lexicon().get("similarity", {}).get("stopwords", [])
    return frozenset(str(w).lower() for w in words)


# --------------------------------------------------------------------------- tokens


@functools.lru_cache(maxsize=1 << 18)
def _norm_token(tok: str) -> str:
    """Lowercase; fold curly apostrophes; drop possessive 's; drop digit group commas."""
    t = tok.lower().replace("’", "'")
    if t[0].isdigit():
        return t.replace(",", "")
    if t.endswith("'s"):
        return t[:-2]
    return t.rstrip("'")


@functools.lru_cache(maxsize=1 << 18)
def _stem(t: str) -> str:
    """Very light plural stripping, enough for 'troops'/'troop', 'forces'/'force'."""
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        return t[:-1]
    return t


@functools.lru_cache(maxsize=1 << 18)
def _hash64(t: str) -> int:
    """A stable 64-bit hash (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")


def _token_info(raw: str, stop: frozenset[str]) -> tuple[str, str | None, int, bool]:
    """(normalised form, content stem or None, stable hash, capitalised) for a raw token."""
    t = _norm_token(raw)
    content = not (t in stop or (len(t) < 2 and not t.isdigit()))
    return (t, _stem(t) if content else None, _hash64(t), raw[0].isupper())


class _ChunkInfo(dict):
    """Whitespace-free chunk of text -> :func:`_token_info` of each of its ``_TOKEN`` words
    (a tuple, usually of one), filled on first look-up (``cache[chunk]``) and bounded.

    A ``_TOKEN`` word holds no whitespace and the pattern has no look-around, so the words
    of a span are those of its ``str.split()`` chunks, in order: an article's words are
    found by splitting and looking its chunks up here, without running the regex over the
    text (most chunks recur, a word with or without its punctuation)."""

    def __missing__(self, chunk: str) -> tuple[tuple[str, str | None, int, bool], ...]:
        stop = _stopwords()
        out = tuple(_token_info(r, stop) for r in _TOKEN.findall(chunk))
        if len(self) >= 1 << 19:  # bounded cache
            self.clear()
        self[chunk] = out
        return out


_CHUNK_INFO = _ChunkInfo()
_STEM_OF, _HASH_OF, _CAPITAL_OF = itemgetter(1), itemgetter(2), itemgetter(3)  # of a _token_info


@dataclass(slots=True)
class _Sent:
    doc: int  # index of the article
    sent_id: int
    start: int
    end: int
    n_words: int
    stems: tuple[str, ...]  # content stems in order
    caps: bytes  # per content stem: 1 when capitalised
    initial: bool  # the first content stem is the sentence's first word


@dataclass(slots=True)
class _Prepared:
    doc_ids: list[str]
    texts: list[str]
    n_words: np.ndarray  # words per article
    shingles: list[np.ndarray]  # unique sorted uint64 word-shingle hashes per article
    terms: list[tuple[tuple[str, ...], array]]  # content stems (sorted) and their counts
    sents: list[_Sent]  # every sentence of every article, article-major order
    sent_lo: list[int]  # article d owns sents[sent_lo[d] : sent_lo[d + 1]]


def _similarity_doc(text: str, sent_list: Sequence[Sentence], *, shingle_size: int) -> dict:
    """What :func:`similarity` needs from one article alone (plain, picklable values).

    ``sents``: per sentence (by ``sent_id``) ``(sent_id, start, end, n_words, stems, caps,
    initial)``; ``shingles``: the unique sorted uint64 word-shingle hashes as bytes;
    ``terms``: the content-stem counts as ``(stems in sorted order, counts as array("I"))``;
    ``n_words``: words in the sentences. Kept small, as the main process holds it for every
    article: the lowercased word string of a sentence (verbatim ratio) is remade from the text
    for the few sentences that get aligned (:func:`_sentence_norm`).
    """
    k = max(1, min(shingle_size, len(_SHINGLE_MULT)))
    look = _CHUNK_INFO.__getitem__
    flat = chain.from_iterable
    ordered = sorted(sent_list, key=lambda x: x.sent_id)
    # For speed, the article's words first (each sentence's chunks looked up, see
    # :class:`_ChunkInfo`), then column-wise over all of them at once, sliced per sentence.
    info: list[tuple[str, str | None, int, bool]] = []
    bounds = [0]
    for s in ordered:
        info.extend(flat(map(look, text[s.start : s.end].split())))
        bounds.append(len(info))
    n = len(info)
    # Columns (not ``zip(*info)``: an iterator per word at once makes the garbage collector run
    # a collection per article); content stems are non-empty strings, None otherwise.
    stem_or_none = list(map(_STEM_OF, info))
    hashes = list(map(_HASH_OF, info))
    capital = list(map(_CAPITAL_OF, info))
    sents: list[tuple] = []
    for s, lo, hi in zip(ordered, bounds, bounds[1:], strict=False):
        if lo == hi:
            sents.append((s.sent_id, s.start, s.end, 0, (), b"", False))
            continue
        son = stem_or_none[lo:hi]
        stems = tuple(compress(son, son))
        caps = bytes(compress(capital[lo:hi], son))
        sents.append((s.sent_id, s.start, s.end, hi - lo, stems, caps, son[0] is not None))
    h = np.array(hashes, dtype=np.uint64)
    if n >= k:
        # the window sums (win * mult).sum(axis=1) of k slices, without sliding_window_view's
        # per-call overhead (uint64 arithmetic wraps, so the order of the sum does not matter)
        mult = _SHINGLE_MULT[-k:]
        m = n - k + 1
        sh = h[:m] * mult[0]
        for j in range(1, k):
            sh += h[j : j + m] * mult[j]
    else:
        sh = h.copy()
    uniq = _sorted_unique(sh)
    counts = Counter(compress(stem_or_none, stem_or_none))
    terms = sorted(counts)  # (sorting the strings, not the (stem, count) items, is faster)
    return {
        "shingle_size": shingle_size,
        "n_words": n,
        "shingles": uniq.tobytes(),
        "terms": (tuple(terms), array("I", map(counts.__getitem__, terms))),
        "sents": sents,
    }


def _sentence_norm(text: str, s: _Sent) -> str:
    """The sentence's normalised words joined by spaces (what the verbatim ratio compares).

    Only the normalised form (:func:`_norm_token`, cached): the main process, which aligns,
    has not tokenised the texts, and the full :func:`_token_info` (stem, hash) of every token
    of every aligned sentence cost 4 s at 10,000 articles."""
    return " ".join(map(_norm_token, _TOKEN.findall(text, s.start, s.end)))


def _prepare(
    doc_ids: list[str],
    texts: list[str],
    sentences: Sequence[Sequence[Sentence]] | None,
    *,
    shingle_size: int,
    features: Mapping[str, Mapping] | None = None,
) -> _Prepared:
    """Corpus view for :func:`similarity` from per-article features (computed here if absent).

    ``sentences`` may be None when every article has usable ``features``.
    """
    sents: list[_Sent] = []
    shingles: list[np.ndarray] = []
    terms: list[tuple[tuple[str, ...], array]] = []
    n_words = np.zeros(len(texts), dtype=np.int64)
    sent_lo = [0]
    for d, doc_id in enumerate(doc_ids):
        f = features.get(doc_id) if features else None
        f = f.get("similarity") if f else None
        if f is None or f.get("shingle_size") != shingle_size:
            if sentences is None:
                from .sentences import split_sentences  # lazy: the splitter is another module

                sent_list = split_sentences(texts[d])
            else:
                sent_list = sentences[d]
            f = _similarity_doc(texts[d], sent_list, shingle_size=shingle_size)
        sents.extend(_Sent(d, *t) for t in f["sents"])
        n_words[d] = f["n_words"]
        shingles.append(np.frombuffer(f["shingles"], dtype=np.uint64))
        terms.append(f["terms"])
        sent_lo.append(len(sents))
    return _Prepared(doc_ids, texts, n_words, shingles, terms, sents, sent_lo)


#: :func:`similarity` lists every pair up to this many articles, LSH candidates above it;
#: the LSH settings (MinHash Jaccard threshold, permutations, seed) are its defaults.
SWITCH_AT = 300
LSH_THRESHOLD = 0.2
LSH_NUM_PERM = 64
LSH_SEED = 1


class SimilarityInputs:
    """What :func:`similarity` needs from every article, gathered while the articles come in.

    The pipeline hands each batch of per-article results over as soon as it is back from the
    pool (:meth:`add_results`), so the corpus-wide work that grows with the sentences (the
    stem counts behind the IDF weights, the bigram keys of the candidate index) is done while
    the workers are still busy instead of after them. :func:`similarity` uses it when it saw
    exactly its articles, in its order (doc_id order) and with the same ``shingle_size`` and
    ``min_words``; otherwise (or after an article without usable features, or out of order:
    :attr:`usable` turns False) it prepares everything itself. The result is the same.
    """

    def __init__(self, *, shingle_size: int = 5, min_words: int = 8) -> None:
        self.shingle_size = shingle_size
        self.min_words = min_words
        self.usable = True
        self.doc_ids: list[str] = []
        self._sents: list[_Sent] = []
        self._shingles: list[np.ndarray] = []
        self._terms: list[tuple[tuple[str, ...], array]] = []
        self._n_words = array("q")
        self._sent_lo = [0]
        self.eligible: list[int] = []
        # df, cap, low (:func:`_count_stems`)
        self.counts: tuple[Counter, Counter, Counter] = (Counter(), Counter(), Counter())
        self._vocab: dict[str, int] = _new_vocab()
        self.keys = array("q")
        self._n_keys = array("q")
        self._lsh: tuple[tuple, Callable[[], np.ndarray]] | None = None

    def add(self, doc_id: str, features: Mapping | None) -> None:
        """One article's :func:`document_features` (the next in doc_id order)."""
        if not self.usable:
            return
        f = features.get("similarity") if features else None
        if (
            f is None
            or f.get("shingle_size") != self.shingle_size
            or (self.doc_ids and str(doc_id) <= self.doc_ids[-1])
        ):
            self.clear()
            return
        d = len(self.doc_ids)
        self.doc_ids.append(str(doc_id))
        base = len(self._sents)
        new = [_Sent(d, *t) for t in f["sents"]]
        self._sents.extend(new)
        self._n_words.append(f["n_words"])
        self._shingles.append(np.frombuffer(f["shingles"], dtype=np.uint64))
        self._terms.append(f["terms"])
        self._sent_lo.append(len(self._sents))
        ok = []
        for i, s in enumerate(new):
            if s.n_words >= self.min_words:
                ok.append(s)
                self.eligible.append(base + i)
                self._n_keys.append(_add_bigram_keys(s, self._vocab, self.keys))
            else:
                self._n_keys.append(0)
        _count_stems(ok, *self.counts)

    def clear(self) -> None:
        """Drop everything gathered (the inputs are not usable after)."""
        self.__init__(shingle_size=self.shingle_size, min_words=self.min_words)
        self.usable = False

    def add_results(self, results: Iterable) -> None:
        """:meth:`add` for each :class:`~storylens.model.DocResult` (``doc_id``, ``features``)."""
        for res in results:
            self.add(res.doc_id, res.features)

    def start_lsh(
        self,
        executor,
        *,
        switch_at: int = SWITCH_AT,
        threshold: float = LSH_THRESHOLD,
        num_perm: int = LSH_NUM_PERM,
        seed: int = LSH_SEED,
    ) -> None:
        """Start the candidate search (:func:`lsh_candidates` over the gathered shingles) in
        ``executor`` now, when there are more than ``switch_at`` articles; :func:`similarity`
        takes its result when its own settings are the same (:meth:`lsh_result`)."""
        if self.usable and len(self.doc_ids) > switch_at:
            future = executor.submit(
                lsh_candidates, self._shingles, threshold=threshold, num_perm=num_perm, seed=seed
            )
            self._lsh = ((threshold, num_perm, seed), future.result)

    def lsh_result(
        self, *, threshold: float, num_perm: int, seed: int
    ) -> Callable[[], np.ndarray] | None:
        """The started candidate search's result (a function that waits for it), when it was
        started with these settings; else None."""
        if self._lsh is not None and self._lsh[0] == (threshold, num_perm, seed):
            return self._lsh[1]
        return None

    def drop_index(self) -> None:
        """Free the stem counts and bigram keys (once :func:`similarity` has used them); the
        articles' data stays, and the inputs are no longer usable for another run."""
        self.counts = ({}, {}, {})
        self._vocab = {}
        self.keys = array("q")
        self._n_keys = array("q")
        self.usable = False

    def covers(self, doc_ids: Sequence[str]) -> bool:
        """Usable, and gathered exactly these articles in this order."""
        return self.usable and self.doc_ids == list(doc_ids)

    def fits(self, doc_ids: Sequence[str], *, shingle_size: int, min_words: int) -> bool:
        """:meth:`covers` ``doc_ids``, gathered with these settings."""
        return (
            self.shingle_size == shingle_size
            and self.min_words == min_words
            and self.covers(doc_ids)
        )

    def prepared(self, texts: list[str]) -> _Prepared:
        n_words = np.frombuffer(self._n_words, dtype=np.int64).copy()
        sents, shingles, terms = self._sents, self._shingles, self._terms
        return _Prepared(self.doc_ids, texts, n_words, shingles, terms, sents, self._sent_lo)

    def n_keys(self) -> np.ndarray:
        return np.frombuffer(self._n_keys, dtype=np.int64)


# --------------------------------------------------------------------------- article measures


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)``, by sorting ``values`` in place (pass an array you own).

    NumPy 2.3 and later answer a plain ``np.unique`` with a hash table, which on millions of
    distinct 64-bit values is 10-50 times slower than a sort (10 s against 0.2 s for the
    7 million shingles of 10,000 articles)."""
    values.sort()
    if len(values) < 2:
        return values
    return values[np.r_[True, values[1:] != values[:-1]]]


def _gram_dense(doc_of: np.ndarray, col: np.ndarray, val: np.ndarray, n_docs: int, *, block=8192):
    """``M @ M.T`` for the sparse doc x feature matrix given as triplets, in dense blocks."""
    gram = np.zeros((n_docs, n_docs), dtype=np.float64)
    if col.size == 0:
        return gram
    order = np.argsort(col, kind="stable")
    col, doc_of, val = col[order], doc_of[order], val[order]
    n_cols = int(col[-1]) + 1
    for lo in range(0, n_cols, block):
        a, b = np.searchsorted(col, [lo, lo + block])
        if a == b:
            continue
        m = np.zeros((n_docs, min(block, n_cols - lo)), dtype=np.float32)
        m[doc_of[a:b], col[a:b] - lo] = val[a:b]
        gram += (m @ m.T).astype(np.float64)
    return gram


def _shared_features(arrays: list[np.ndarray]):
    """Triplets (doc, column) of the features that occur in at least two articles."""
    if not arrays:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    allv = np.concatenate(arrays)
    docs = np.repeat(np.arange(len(arrays)), [len(a) for a in arrays])
    uniq, inv, cnt = np.unique(allv, return_inverse=True, return_counts=True)
    keep = cnt[inv] >= 2
    cols = np.cumsum(cnt >= 2) - 1
    return docs[keep], cols[inv[keep]]


def _tfidf(prep: _Prepared):
    """Per article: sorted term ids, L2-normalised TF-IDF weights (terms: content stems)."""
    n = len(prep.doc_ids)
    df = Counter(chain.from_iterable(keys for keys, _ in prep.terms))
    vocab_sorted = sorted(df)
    vocab = {t: i for i, t in enumerate(vocab_sorted)}
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab_sorted])
    ids, weights = [], []
    for keys, counts in prep.terms:
        # keys are sorted, and so are the ids (the vocabulary is numbered in sorted order)
        idx = np.fromiter(map(vocab.__getitem__, keys), dtype=np.int64, count=len(keys))
        w = np.array(counts, dtype=np.float64) * idf[idx]
        norm = float(np.sqrt((w * w).sum())) or 1.0
        ids.append(idx)
        weights.append(w / norm)
    return ids, weights


def _measures_all(prep: _Prepared):
    """Exact jaccard, containment, cosine matrices for all pairs (n x n)."""
    n = len(prep.doc_ids)
    sizes = np.array([len(s) for s in prep.shingles], dtype=np.float64)
    docs, cols = _shared_features(prep.shingles)
    inter = _gram_dense(docs, cols, np.ones(len(cols), np.float32), n)
    union = sizes[:, None] + sizes[None, :] - inter
    small = np.minimum(sizes[:, None], sizes[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        jac = np.where(union > 0, inter / union, 0.0)
        con = np.where(small > 0, inter / small, 0.0)
    ids, weights = _tfidf(prep)
    if ids:
        allv = np.concatenate(ids)
        docs_t = np.repeat(np.arange(n), [len(a) for a in ids])
        w_all = np.concatenate(weights).astype(np.float32)
        uniq, inv, cnt = np.unique(allv, return_inverse=True, return_counts=True)
        keep = cnt[inv] >= 2
        colmap = np.cumsum(cnt >= 2) - 1
        cos = _gram_dense(docs_t[keep], colmap[inv[keep]], w_all[keep], n)
    else:
        cos = np.zeros((n, n))
    return jac, con, np.clip(cos, 0.0, 1.0)


def _cumsum0(values, dtype=None) -> np.ndarray:
    """``np.r_[0, np.cumsum(values)]`` without ``np.r_``'s overhead (it is called per article)."""
    values = np.asarray(values)
    out = np.zeros(len(values) + 1, dtype=dtype or np.result_type(values.dtype, np.int64))
    np.cumsum(values, out=out[1:])
    return out


def _measures_pairs(prep: _Prepared, ia: np.ndarray, ib: np.ndarray):
    """Jaccard, containment, cosine for the listed pairs only (LSH path).

    Vectorised per first article: all its partners' shingles are looked up in its own sorted
    shingles in one ``searchsorted`` (an array that stays in cache; searching the corpus's
    millions of shingles instead cost 8 s at 10,000 articles), and its TF-IDF weights are
    placed in a dense array once. Cost linear in the partners' sizes.
    """
    jac = np.zeros(len(ia))
    con = np.zeros(len(ia))
    cos = np.zeros(len(ia))
    if len(ia) == 0:
        return jac, con, cos
    shingles = prep.shingles
    sizes = np.array([len(x) for x in shingles], dtype=np.int64)
    ids, weights = _tfidf(prep)
    dense = np.zeros(max((int(x.max(initial=-1)) for x in ids), default=-1) + 1)
    order = np.lexsort((ib, ia))
    starts = np.r_[0, np.flatnonzero(np.diff(ia[order])) + 1]
    ends = np.r_[starts[1:], len(order)]
    for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
        rows = order[lo:hi]
        a = int(ia[rows[0]])
        partners = ib[rows].tolist()
        own = shingles[a]
        if len(own) > 1 and not (own[1:] >= own[:-1]).all():
            own = np.sort(own)  # (the prepared shingles are sorted already)
        cat = np.concatenate([shingles[b] for b in partners])
        if len(own):
            at = np.searchsorted(own, cat)
            np.minimum(at, len(own) - 1, out=at)
            found = own[at] == cat
        else:
            found = np.zeros(len(cat), dtype=np.bool_)
        cs = _cumsum0(found)
        bounds = _cumsum0(sizes[partners])
        inter = (cs[bounds[1:]] - cs[bounds[:-1]]).astype(np.float64)
        union = sizes[a] + sizes[partners] - inter
        small = np.minimum(sizes[a], sizes[partners])
        jac[rows] = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        con[rows] = np.divide(inter, small, out=np.zeros_like(inter), where=small > 0)
        dense[ids[a]] = weights[a]
        tcat = np.concatenate([ids[b] for b in partners])
        wcat = np.concatenate([weights[b] for b in partners])
        cw = _cumsum0(dense[tcat] * wcat)
        tb = _cumsum0([len(ids[b]) for b in partners])
        cos[rows] = cw[tb[1:]] - cw[tb[:-1]]
        dense[ids[a]] = 0.0
    return jac, con, np.clip(cos, 0.0, 1.0)


# --------------------------------------------------------------------------- LSH candidates


def _minhash_signatures(sets: list[np.ndarray], *, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures (n x num_perm, uint64) with the usual (a*x + b) mod p permutations
    (datasketch's "legacy" scheme over the sets' low 32 bits)."""
    rng = np.random.RandomState(seed)
    a = rng.randint(1, _MERSENNE, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, _MERSENNE, size=num_perm, dtype=np.uint64)
    sig = np.full((len(sets), num_perm), _MERSENNE, dtype=np.uint64)
    for i, s in enumerate(sets):
        if len(s) == 0:
            continue
        x = (s & np.uint64(0xFFFFFFFF))[None, :]  # 32-bit values keep a*x below 2**64
        ph = (a[:, None] * x + b[:, None]) % np.uint64(_MERSENNE)
        sig[i] = ph.min(axis=1)
    return sig


def _group_pairs(members: np.ndarray, starts: np.ndarray, sizes: np.ndarray, *, chunk=1 << 20):
    """Every pair ``(a, b)`` within each group ``members[start : start + size]`` of two or
    more, ``a`` before ``b`` in the group, as int64 arrays of about ``chunk`` pairs (groups of
    one size at a time, so each block is one fancy-indexing step)."""
    for g in np.unique(sizes[sizes >= 2]).tolist():
        st = starts[sizes == g]
        iu, ju = np.triu_indices(g, k=1)
        step = max(1, chunk // len(iu))
        for lo in range(0, len(st), step):
            block = members[st[lo : lo + step, None] + np.arange(g)[None, :]]
            yield block[:, iu].ravel().astype(np.int64), block[:, ju].ravel().astype(np.int64)


#: datasketch's banding for the default settings, written down so that a run need not import
#: datasketch to look it up: that import loads SciPy's integrators, 0.6-1 s of a worker per run.
#: A test checks every entry against :class:`datasketch.MinHashLSH`.
KNOWN_BANDS = {(LSH_THRESHOLD, LSH_NUM_PERM): (28, 2)}


@functools.cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)``: datasketch's banding for a Jaccard ``threshold`` (the
    :class:`datasketch.MinHashLSH` choice that minimises false positives and negatives);
    from :data:`KNOWN_BANDS` when the settings are there."""
    known = KNOWN_BANDS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def lsh_candidates(
    prep_sets: list[np.ndarray], *, threshold: float = 0.2, num_perm: int = 64, seed: int = 1
) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``, whose sets' MinHash Jaccard may reach
    ``threshold``, as sorted pair codes ``i * n + j`` (``n = len(prep_sets)``; 8 bytes a pair:
    on large corpora there are millions of candidates before each article's best are kept).

    MinHash LSH with datasketch's banding (:func:`lsh_bands`): two non-empty sets are
    candidates when all ``rows`` signature values of some band are equal, which is what
    :class:`datasketch.MinHashLSH` returns when every set is inserted and queried (a test
    checks the two agree). The buckets are found with numpy, band by band, instead of
    datasketch's per-set hash tables (Python calls per set and band: 0.3-1.2 s at 2,000
    articles, against 0.04 s).
    Deterministic: stable hashes, fixed seed, sorted output.
    """
    n = len(prep_sets)
    sig = _minhash_signatures(prep_sets, num_perm=num_perm, seed=seed)
    bands, rows = lsh_bands(threshold, num_perm)
    live = np.flatnonzero(np.fromiter(map(len, prep_sets), dtype=np.int64, count=n))
    codes = []
    for band in range(bands):
        keys = sig[live, band * rows : (band + 1) * rows]
        order = np.lexsort(keys.T[::-1])  # sets with equal band values end up side by side
        keys = keys[order]
        new = np.r_[True, (keys[1:] != keys[:-1]).any(axis=1)]
        starts = np.flatnonzero(new)
        sizes = np.diff(np.r_[starts, len(order)])
        members = live[order]  # ascending within each bucket (lexsort is stable)
        codes.extend(a * n + b for a, b in _group_pairs(members, starts, sizes))
    return _sorted_unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)


# --------------------------------------------------------------------------- sentence alignment


#: ``caps.translate(_FLIP)``: 1 where a stem is not capitalised (the bytes are 0 or 1)
_FLIP = bytes([1, 0]) + bytes(254)


def _count_stems(sents: Iterable[_Sent], df: Counter, cap: Counter, low: Counter) -> None:
    """Add the sentences' stems to the counts :func:`_stem_weights` reads: sentences holding
    the stem, and its capitalised and lower-case uses (a sentence's first word not counted).
    (Counter.update over all the sentences at once: the counting loop runs in C; each count
    gets its keys in the order a loop over the sentences would add them.)"""
    sents = list(sents)
    df.update(chain.from_iterable(dict.fromkeys(s.stems) for s in sents))
    uses = [(s.stems[1:], s.caps[1:]) if s.initial else (s.stems, s.caps) for s in sents]
    cap.update(chain.from_iterable(compress(st, cp) for st, cp in uses))
    low.update(chain.from_iterable(compress(st, cp.translate(_FLIP)) for st, cp in uses))


def _stem_weights(df: dict, cap: dict, low: dict, n_sentences: int, *, name_weight: float):
    """IDF weight per stem over ``n_sentences`` eligible sentences; name-like stems (more often
    capitalised than not) are down-weighted by ``name_weight``."""
    n = max(n_sentences, 1)
    weight: dict[str, float] = {}
    namey: dict[str, bool] = {}
    for st, f in df.items():
        is_name = cap.get(st, 0) > low.get(st, 0)
        namey[st] = is_name
        weight[st] = math.log(1.0 + n / f) * (name_weight if is_name else 1.0)
    return weight, namey


def _sentence_weights(prep: _Prepared, eligible: list[int], *, name_weight: float):
    """IDF weight per stem over eligible sentences; name-like stems are down-weighted."""
    df: Counter = Counter()
    cap: Counter = Counter()
    low: Counter = Counter()
    _count_stems(map(prep.sents.__getitem__, eligible), df, cap, low)
    return _stem_weights(df, cap, low, len(eligible), name_weight=name_weight)


def _sentence_candidates(
    prep: _Prepared,
    eligible: list[int],
    *,
    max_postings: int,
    min_shared_keys: int,
    min_key_share: float,
):
    """Sentence pairs (global indices, different articles) sharing content bigrams.

    One corpus-wide inverted index: bigram -> sentences. Bigrams in more than ``max_postings``
    sentences are skipped (stock phrases), so the work is linear in the corpus for a fixed cap.
    A pair is kept when it shares ``min_shared_keys`` bigrams and at least ``min_key_share`` of
    the bigrams of the sentence with fewer.
    """
    vocab = _new_vocab()
    keys = array("q")  # 8 bytes per key (a list of Python ints costs five times that)
    n_keys = np.zeros(len(prep.sents), dtype=np.int64)
    for si in eligible:
        n_keys[si] = _add_bigram_keys(prep.sents[si], vocab, keys)
    return _candidate_pairs(
        prep,
        keys,
        n_keys,
        max_postings=max_postings,
        min_shared_keys=min_shared_keys,
        min_key_share=min_key_share,
    )


def _new_vocab() -> defaultdict[str, int]:
    """Stem -> id, the ids given in order of first use (0, 1, 2, ...) on look-up."""
    return defaultdict(itertools.count().__next__)


def _add_bigram_keys(s: _Sent, vocab: defaultdict[str, int], keys: array) -> int:
    """Append the sentence's distinct content bigrams to ``keys`` as ``(x << 32) | y`` over
    ``vocab`` ids (from :func:`_new_vocab`: given in order of first use); returns how many.
    (``x * 2**32 + y`` by ``map``: the ids are below 2**32, so it is ``(x << 32) | y``.)"""
    ids = list(map(vocab.__getitem__, s.stems))
    ks = dict.fromkeys(map(add, map(mul, ids, _SHIFT_32), ids[1:]))
    keys.extend(ks)
    return len(ks)


_SHIFT_32 = itertools.repeat(1 << 32)


def _candidate_pairs(
    prep: _Prepared,
    keys: array,
    n_keys: np.ndarray,
    *,
    max_postings: int,
    min_shared_keys: int,
    min_key_share: float,
):
    """The sentence pairs of :func:`_sentence_candidates` from the bigram keys of every
    eligible sentence (in sentence order; ``n_keys``: how many each sentence has)."""
    empty = np.zeros(0, np.int64)
    if not keys:
        return empty, empty
    # sentences grouped by bigram; ``own`` ascends, so a stable sort keeps each group in order.
    # Memory matters here (one key per content bigram of the corpus): arrays are freed as soon
    # as they are used, sentence indices are int32, and only groups of a useful size are kept.
    keys_a = np.frombuffer(keys, dtype=np.int64)
    order = np.argsort(keys_a, kind="stable")
    keys_a = keys_a[order]
    del keys
    starts = np.flatnonzero(np.r_[True, keys_a[1:] != keys_a[:-1]])
    sizes = np.diff(np.r_[starts, len(keys_a)])
    del keys_a
    useful = (sizes >= 2) & (sizes <= max_postings)
    starts, sizes = starts[useful], sizes[useful]
    del useful
    own = np.repeat(np.arange(len(prep.sents), dtype=np.int32), n_keys)[order]
    del order
    doc_of = np.array([s.doc for s in prep.sents], dtype=np.int64)
    n_s = len(prep.sents)
    # Each block keeps only its pair codes (a * n_s + b, a < b, different articles): the
    # pairs are the bulk of this step's memory on large corpora.
    code_list = []
    for pa, pb in _group_pairs(own, starts, sizes):
        pair = doc_of[pa] != doc_of[pb]
        code_list.append(pa[pair] * n_s + pb[pair])
    if not code_list:
        return empty, empty
    codes = np.concatenate(code_list)
    del code_list
    codes, counts = np.unique(codes, return_counts=True)
    pa, pb = codes // n_s, codes % n_s
    keep = (counts >= min_shared_keys) & (
        counts >= min_key_share * np.minimum(n_keys[pa], n_keys[pb])
    )
    return pa[keep], pb[keep]


def _top_partners(
    sent_pair_codes: np.ndarray, lsh_codes: np.ndarray, n: int, *, max_partners: int
) -> np.ndarray:
    """Article pairs (codes ``a * n + b``, ``a < b``, sorted) to align and list on the LSH path.

    A pair is kept when it is among the ``max_partners`` best partners of either article, best
    meaning: LSH candidate first, then more candidate sentence pairs, then lower doc index.
    At most ``2 * n * max_partners`` pairs, whatever the corpus: cost stays linear in n.
    """
    codes, support = np.unique(sent_pair_codes, return_counts=True)
    if len(lsh_codes):
        lp = np.asarray(lsh_codes, dtype=np.int64)  # pairs a * n + b, a < b
        codes = np.r_[codes, lp]
        support = np.r_[support, np.full(len(lp), 1 << 40, dtype=np.int64)]
        codes, inv = np.unique(codes, return_inverse=True)
        support = np.bincount(inv, weights=support, minlength=len(codes)).astype(np.int64)
    if len(codes) == 0:
        return codes.astype(np.int64)
    a, b = codes // n, codes % n
    doc = np.r_[a, b]
    partner = np.r_[b, a]
    key = np.r_[support, support]
    idx = np.r_[np.arange(len(codes)), np.arange(len(codes))]
    order = np.lexsort((partner, -key, doc))
    doc_sorted = doc[order]
    first = np.r_[0, np.flatnonzero(np.diff(doc_sorted)) + 1]
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    keep = np.zeros(len(codes), dtype=bool)
    keep[idx[order[rank < max_partners]]] = True
    return codes[keep]


@dataclass(frozen=True, slots=True)
class _SentFeat:
    """Per-sentence data the pair scorer needs, computed once per sentence."""

    seq: list[str]  # content stems in order
    words: frozenset[str]
    total: float  # IDF weight of the distinct content words
    plain_total: float  # ... of the non-name ones
    norm: str


def _sent_feat(s: _Sent, weight: dict, namey: dict, text: str) -> _SentFeat:
    seq = list(s.stems)
    words = frozenset(seq)
    total = math.fsum(weight[t] for t in words)
    plain = math.fsum(weight[t] for t in words if not namey[t])
    return _SentFeat(seq, words, total, plain, _sentence_norm(text, s))


def _match_sentences(
    fa: _SentFeat,
    fb: _SentFeat,
    weight: dict,
    namey: dict,
    *,
    verbatim_threshold: float,
    reworded_threshold: float,
    run_threshold: float,
    min_run: int,
    min_ordered_words: int,
    substance_threshold: float,
) -> tuple[str, float, int] | None:
    """``(match, similarity, shared words)`` for an aligned pair, or None (see similarity)."""
    shared = fa.words & fb.words
    ratio = fuzz.ratio(fa.norm, fb.norm, score_cutoff=verbatim_threshold * 100) / 100.0
    if ratio:
        return "verbatim", ratio, len(shared)
    if len(shared) < min_ordered_words:
        return None
    plain_small = min(fa.plain_total, fb.plain_total)
    plain_shared = math.fsum(weight[t] for t in shared if not namey[t])
    if plain_small <= 0 or plain_shared / plain_small < substance_threshold:
        return None
    lcs = LCSseq.similarity(fa.seq, fb.seq)
    if lcs < min_ordered_words:
        return None
    small = min(fa.total, fb.total)
    overlap = math.fsum(weight[t] for t in shared) / small if small > 0 else 0.0
    content = 0.5 * (overlap + lcs / min(len(fa.seq), len(fb.seq)))
    if content >= reworded_threshold:
        return "reworded", content, len(shared)
    if content < run_threshold:
        return None
    # longest run of consecutive non-name content words shared in the same order
    cb = fb.seq
    bigrams_b = set(zip(cb, cb[1:], strict=False))
    run = best = 0
    for x, y in zip(fa.seq, fa.seq[1:], strict=False):
        run = run + 1 if not (namey[x] or namey[y]) and (x, y) in bigrams_b else 0
        best = max(best, run)
    if best + 1 >= min_run:
        return "reworded", content, len(shared)
    return None


# --------------------------------------------------------------------------- public API


def _empty_pairs() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in PAIR_COLUMNS})
    return df.astype(
        {
            "score": "float64",
            "shared_passages": "int64",
            "jaccard": "float64",
            "containment": "float64",
            "cosine": "float64",
            "coverage": "float64",
            "wire_copy": "bool",
        }
    )


def _empty_passages() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in PASSAGE_COLUMNS})
    ints = ["sent_a", "start_a", "end_a", "sent_b", "start_b", "end_b", "shared_words"]
    return df.astype({**dict.fromkeys(ints, "int64"), "similarity": "float64"})


def similarity(
    articles: pd.DataFrame,
    *,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    features: Mapping[str, Mapping] | None = None,
    method: str = "auto",
    switch_at: int = SWITCH_AT,
    shingle_size: int = 5,
    min_words: int = 8,
    verbatim_threshold: float = 0.9,
    reworded_threshold: float = 0.45,
    run_threshold: float = 0.3,
    min_run: int = 4,
    min_ordered_words: int = 5,
    substance_threshold: float = 0.2,
    min_shared_keys: int = 2,
    min_key_share: float = 0.15,
    name_weight: float = 0.25,
    max_postings: int = 100,
    lsh_max_postings: int = 30,
    max_partners: int = 10,
    max_passages: int = 50,
    wire_threshold: float = 0.3,
    wire_min_passages: int = 2,
    wire_containment: float = 0.5,
    lsh_threshold: float = LSH_THRESHOLD,
    num_perm: int = LSH_NUM_PERM,
    seed: int = LSH_SEED,
    executor=None,
    inputs: SimilarityInputs | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pairwise article similarity and the passages each pair shares.

    ``articles``: DataFrame with ``doc_id`` and ``text`` (cleaned text). ``sentences``: optional
    mapping doc_id -> list of :class:`~storylens.model.Sentence` over that text (else
    :func:`storylens.sentences.split_sentences` is used). ``features``: optional mapping
    doc_id -> :func:`document_features` of that article (computed in the per-article stage, so
    the tokenising runs in parallel); articles without them are prepared here.

    Returns ``(pairs, passages)``:

    - ``pairs``: one row per unordered pair (``doc_a < doc_b``) with ``score`` (0..1, see the
      module docstring), ``shared_passages``, ``jaccard`` and ``containment`` (word
      5-shingles; containment = shared / smaller set, i.e. the larger of the two directions),
      ``cosine`` (TF-IDF over content words), ``coverage`` (share of the article's words in
      aligned sentences, larger direction), ``wire_copy`` and ``method`` (``exact`` | ``lsh``).
      Sorted by score descending, then ``doc_a``, ``doc_b``. With ``method="auto"`` and at most
      ``switch_at`` articles all pairs are listed; above it only candidate pairs (MinHash LSH
      over word shingles at Jaccard ``lsh_threshold``, plus pairs that share an aligned
      passage).
    - ``passages``: aligned sentence pairs (one-to-one within a pair of articles, best first),
      side by side with their offsets. ``match`` is ``verbatim`` when the character ratio of
      the lowercased word strings is >= ``verbatim_threshold``; ``reworded`` when at least
      ``min_ordered_words`` content words appear in the same order in both, a share >=
      ``substance_threshold`` of the non-name content weight is shared, and the content
      similarity (mean of the IDF-weighted overlap coefficient and the ordered overlap, names
      down-weighted by ``name_weight``) is >= ``reworded_threshold`` -- or >= ``run_threshold``
      when a run of ``min_run`` consecutive non-name content words is shared ("deadliest
      conflict in 80 years"). Only sentences of at least ``min_words`` words take part.
      ``similarity`` is the ratio (verbatim) or the content similarity (reworded).

    ``executor``: optional ``concurrent.futures`` executor; on the LSH path the candidate
    search runs there while the sentences are aligned here (same result). ``inputs``: a
    :class:`SimilarityInputs` that gathered the articles' features as they were computed
    (used when it holds exactly these articles; same result).
    """
    if method not in {"auto", "exact", "lsh"}:
        raise ValueError(f"method must be 'auto', 'exact' or 'lsh', not {method!r}")
    frame = articles[["doc_id", "text"]].copy()
    frame["doc_id"] = frame["doc_id"].astype(str)
    frame = frame.sort_values("doc_id", kind="stable").drop_duplicates("doc_id")
    doc_ids = frame["doc_id"].tolist()
    texts = [t if isinstance(t, str) else "" for t in frame["text"].tolist()]
    n = len(doc_ids)
    if n < 2:
        return _empty_pairs(), _empty_passages()
    gathered = inputs is not None and inputs.fits(
        doc_ids, shingle_size=shingle_size, min_words=min_words
    )
    if gathered:
        prep = inputs.prepared(texts)
    else:
        split = None if sentences is None else [list(sentences.get(d, [])) for d in doc_ids]
        prep = _prepare(doc_ids, texts, split, shingle_size=shingle_size, features=features)
    use_lsh = method == "lsh" or (method == "auto" and n > switch_at)
    lsh_kwargs = {"threshold": lsh_threshold, "num_perm": num_perm, "seed": seed}
    started = inputs.lsh_result(**lsh_kwargs) if use_lsh and gathered else None
    if started is not None:
        lsh_codes = started
    elif use_lsh:
        lsh_args = (prep.shingles,)
        if executor is not None:
            lsh_codes = executor.submit(lsh_candidates, *lsh_args, **lsh_kwargs).result
        else:
            lsh_codes = functools.partial(lsh_candidates, *lsh_args, **lsh_kwargs)

    # 1. sentence alignment: corpus-wide inverted index of content bigrams (linear)
    cand_opts = dict(
        max_postings=min(max_postings, lsh_max_postings) if use_lsh else max_postings,
        min_shared_keys=min_shared_keys,
        min_key_share=min_key_share,
    )
    if gathered:  # the counts and keys were made as the articles came in
        weight, namey = _stem_weights(*inputs.counts, len(inputs.eligible), name_weight=name_weight)
        sa, sb = _candidate_pairs(prep, inputs.keys, inputs.n_keys(), **cand_opts)
        inputs.drop_index()  # counts and keys are used up: free them before the next peaks
    else:
        eligible = [i for i, s in enumerate(prep.sents) if s.n_words >= min_words]
        weight, namey = _sentence_weights(prep, eligible, name_weight=name_weight)
        sa, sb = _sentence_candidates(prep, eligible, **cand_opts)
    doc_of = np.fromiter((s.doc for s in prep.sents), dtype=np.int64, count=len(prep.sents))
    kept_pairs = None
    if use_lsh:
        # article pairs worth aligning: each article's best ``max_partners`` partners, LSH
        # candidates first, then by the number of candidate sentence pairs (linear in n)
        kept_pairs = _top_partners(
            doc_of[sa] * n + doc_of[sb], lsh_codes(), n, max_partners=max_partners
        )
        keep = np.isin(doc_of[sa] * n + doc_of[sb], kept_pairs)
        sa, sb = sa[keep], sb[keep]
    accepted = []  # (doc_a, doc_b, -similarity, sent_a, sent_b, match, similarity, shared)
    feats: dict[int, _SentFeat] = {}
    opts = dict(
        verbatim_threshold=verbatim_threshold,
        reworded_threshold=reworded_threshold,
        run_threshold=run_threshold,
        min_run=min_run,
        min_ordered_words=min_ordered_words,
        substance_threshold=substance_threshold,
    )
    for x, y in zip(sa.tolist(), sb.tolist(), strict=True):
        a, b = prep.sents[x], prep.sents[y]
        fa = feats.get(x) or feats.setdefault(x, _sent_feat(a, weight, namey, texts[a.doc]))
        fb = feats.get(y) or feats.setdefault(y, _sent_feat(b, weight, namey, texts[b.doc]))
        found = _match_sentences(fa, fb, weight, namey, **opts)
        if found is not None:
            match, sim, shared = found
            accepted.append((a.doc, b.doc, -sim, x, y, match, sim, shared))
    accepted.sort()
    used: set[tuple[int, int, int]] = set()
    rows = []
    covered: dict[tuple[int, int], list[int]] = {}
    del feats
    cap = max_passages if use_lsh else None
    for da, db, _, x, y, match, sim, shared in accepted:
        if (da, db, x) in used or (da, db, y) in used:
            continue
        used.update({(da, db, x), (da, db, y)})
        a, b = prep.sents[x], prep.sents[y]
        cov = covered.setdefault((da, db), [0, 0, 0])
        cov[0] += a.n_words
        cov[1] += b.n_words
        cov[2] += 1
        if cap is not None and cov[2] > cap:
            continue  # the count stays exact; the table lists the best ``cap`` passages
        rows.append(
            (doc_ids[da], a.sent_id, a.start, a.end, texts[da][a.start : a.end],
             doc_ids[db], b.sent_id, b.start, b.end, texts[db][b.start : b.end],
             match, round(sim, 4), shared)
        )  # fmt: skip
    del accepted, used

    # 2. article pairs: all (exact) or candidates (LSH + pairs sharing a passage)
    if use_lsh:
        memory.trim()  # the alignment's structures are freed: the measures' peak comes next
        ia, ib = kept_pairs // n, kept_pairs % n  # sorted; every pair with a passage is in
        jac, con, cos = _measures_pairs(prep, ia, ib)
    else:
        ia, ib = np.triu_indices(n, k=1)
        jm, cm, om = _measures_all(prep)
        jac, con, cos = jm[ia, ib], cm[ia, ib], om[ia, ib]

    words = prep.n_words.astype(np.float64)
    coverage = np.zeros(len(ia))
    n_pass = np.zeros(len(ia), dtype=np.int64)
    for k, (a, b) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        c = covered.get((a, b))
        if c:
            ca = c[0] / words[a] if words[a] else 0.0
            cb = c[1] / words[b] if words[b] else 0.0
            coverage[k] = min(1.0, max(ca, cb))
            n_pass[k] = c[2]
    score = np.clip(0.5 * coverage + 0.3 * con + 0.2 * cos, 0.0, 1.0)
    wire = ((n_pass >= wire_min_passages) & (score >= wire_threshold)) | (con >= wire_containment)
    if len(ia) == 0:
        pairs = _empty_pairs()
    else:
        pairs = pd.DataFrame(
            {
                "doc_a": [doc_ids[i] for i in ia.tolist()],
                "doc_b": [doc_ids[j] for j in ib.tolist()],
                "score": np.round(score, 4),
                "shared_passages": n_pass,
                "jaccard": np.round(jac, 4),
                "containment": np.round(con, 4),
                "cosine": np.round(cos, 4),
                "coverage": np.round(coverage, 4),
                "wire_copy": wire.astype(bool),
                "method": "lsh" if use_lsh else "exact",
            },
            columns=PAIR_COLUMNS,
        )
    pairs = pairs.sort_values(
        ["score", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable"
    )
    passages = pd.DataFrame(rows, columns=PASSAGE_COLUMNS) if rows else _empty_passages()
    passages = passages.sort_values(["doc_a", "doc_b", "sent_a", "sent_b"], kind="stable")
    return pairs.reset_index(drop=True), passages.reset_index(drop=True)


# --------------------------------------------------------------------------- wire groups


def wire_groups(pairs: pd.DataFrame, *, doc_ids: Sequence[str]) -> dict[str, str]:
    """Map every doc_id to its wire group: connected components over ``wire_copy`` pairs.

    The label is the smallest doc_id in the group, so singletons map to themselves and labels
    do not depend on row order. Pairs naming unknown doc_ids add them to the mapping.
    """
    parent: dict[str, str] = {str(d): str(d) for d in doc_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if len(pairs):
        flagged = pairs[pairs["wire_copy"].astype(bool)]
        for a, b in zip(flagged["doc_a"].astype(str), flagged["doc_b"].astype(str), strict=True):
            parent.setdefault(a, a)
            parent.setdefault(b, b)
            ra, rb = find(a), find(b)
            if ra != rb:
                lo, hi = sorted((ra, rb))
                parent[hi] = lo
    return {d: find(d) for d in sorted(parent)}


def wire_groups_frame(pairs: pd.DataFrame, *, doc_ids: Sequence[str]) -> pd.DataFrame:
    """Tidy form of :func:`wire_groups`: ``doc_id``, ``wire_group``, ``group_size``."""
    groups = wire_groups(pairs, doc_ids=doc_ids)
    if not groups:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in WIRE_GROUP_COLUMNS}).astype(
            {"group_size": "int64"}
        )
    frame = pd.DataFrame({"doc_id": list(groups), "wire_group": list(groups.values())})
    frame["group_size"] = frame.groupby("wire_group")["doc_id"].transform("size").astype("int64")
    return frame.sort_values(["wire_group", "doc_id"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- fingerprints


def _term_parts(terms: tuple[str, ...], case_sensitive: bool) -> list[str]:
    """A category's terms as matched (lower case unless case-sensitive), longest first."""
    parts = {t if case_sensitive else t.lower() for t in terms if t}
    return sorted(parts, key=lambda t: (-len(t), t))


@functools.cache
def _term_regex(terms: tuple[str, ...], case_sensitive: bool) -> re.Pattern:
    """One alternation for a lexicon category, longest terms first, on word boundaries.

    Case-insensitive categories are compiled in lower case without ``re.IGNORECASE`` and run
    on the lowercased text (about twice as fast; same matches).
    """
    parts = _term_parts(terms, case_sensitive)
    alts = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in parts)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")


@functools.cache
def _term_detector(terms: tuple[tuple[str, ...], ...], case_sensitive: bool) -> re.Pattern:
    """Where some term of some of these categories could match: one cheap scan for several
    :func:`_term_regex` (see :func:`_count_terms_at`).

    Run on ``" " + text``: a match at ``i`` consumes the character before ``text[i]``, which
    must not be a word character or ``-`` (the categories' look-behind; the leading space
    stands for the start of the text); then a trie of all the categories' terms must match,
    followed by what the categories' look-ahead allows. So every position where a category
    matches is a detected position (some detected positions match no category). The leading
    character class lets ``re`` skip ahead without trying a match at every position.
    """
    phrases = {t for ts in terms for t in _term_parts(ts, case_sensitive)}
    trie = trie_regex((" ".join(p.split()) for p in phrases), any_space=True)
    return re.compile(rf"[^\w-](?={trie}(?![\w-]))")


def _count_terms(rx: re.Pattern, text: str, norm: dict[str, str], counts: dict) -> None:
    """Add the matches of a :func:`_term_regex` in ``text`` to ``counts`` (term -> n)."""
    get = norm.get
    for found in rx.findall(text):
        term = get(" ".join(found.split()))
        if term is not None:
            counts[term] += 1


def _count_terms_at(
    rx: re.Pattern, text: str, starts: list[int], norm: dict[str, str], counts: dict
) -> None:
    """:func:`_count_terms`, trying ``rx`` only at ``starts`` (ascending), a superset of the
    positions where it matches: ``findall`` takes the first match at or after the end of the
    previous one, and so does this loop (``match`` at ``i`` sees ``text`` before ``i``, as
    the search does)."""
    get = norm.get
    match = rx.match
    end = 0
    for i in starts:
        if i >= end and (m := match(text, i)) is not None:
            end = m.end()
            term = get(" ".join(m.group().split()))
            if term is not None:
                counts[term] += 1


def _required_literal(pattern: str, flags: int) -> tuple[str, int, int] | None:
    """``(literal, lo, hi)``: the longest literal run every match of ``pattern`` must contain,
    ``lo``..``hi`` characters after the start of the match; or None.

    Read from the parsed pattern (top-level literals only, so they are mandatory; the offset is
    the width of what precedes them). :func:`_count_variant` tries the pattern only where the
    literal occurs (``str.find`` is far cheaper than a regex scan). None for case-insensitive
    patterns, patterns that can match the empty string, a wide offset range, or anything
    unexpected.
    """
    if flags & re.IGNORECASE:
        return None
    try:
        from re import _parser as sre_parse  # Python >= 3.11

        parsed = sre_parse.parse(pattern, flags)
        literal = sre_parse.LITERAL
        if parsed.getwidth()[0] == 0:
            return None
        items = list(parsed.data)
        best: tuple[str, int, int] | None = None
        run: list[str] = []
        first = 0
        for k, (op, arg) in enumerate([*items, (None, None)]):
            if op is literal:
                if not run:
                    first = k
                run.append(chr(arg))
                continue
            if run and (best is None or len(run) > len(best[0])):
                lo, hi = sre_parse.SubPattern(parsed.state, items[:first]).getwidth()
                best = ("".join(run), lo, hi)
            run = []
    except Exception:  # noqa: BLE001 - any surprise just disables the shortcut
        return None
    if best is None or not best[0].isascii() or best[2] - best[1] > 8:
        return None
    return best


@functools.cache
def _variant_regexes(
    patterns: tuple[tuple[str, tuple[str, ...]], ...], ignore_case: bool
) -> tuple[tuple[str, re.Pattern, tuple[tuple[str, int, int], ...] | None], ...]:
    """Per form: one alternation of its patterns, and literals one of which a match needs.

    The literals (one per pattern with its offset range, see :func:`_required_literal`) are
    None when some pattern has none; a match of the form starts where one of them allows.
    """
    flags = re.IGNORECASE if ignore_case else 0
    out = []
    for form, pats in patterns:
        rx = re.compile("|".join(f"(?:{p})" for p in pats), flags)
        lits = tuple(_required_literal(p, flags) for p in pats)
        out.append((form, rx, None if None in lits else lits))
    return tuple(out)


def _count_variant(rx: re.Pattern, lits: tuple[tuple[str, int, int], ...] | None, text: str) -> int:
    """``len(rx.findall(text))``.

    With literals, only the positions that an occurrence of a literal allows are tried, in
    order, each at or after the end of the previous match: what ``findall`` finds (the
    pattern cannot match empty; ``match`` at ``i`` sees ``text`` before ``i``).
    """
    if lits is None:
        return len(rx.findall(text))
    find = text.find
    starts: set[int] = set()
    for lit, lo, hi in lits:
        i = find(lit)
        while i >= 0:
            if lo == hi:
                if i >= lo:
                    starts.add(i - lo)
            else:
                starts.update(range(max(i - hi, 0), i - lo + 1))
            i = find(lit, i + 1)
    n = end = 0
    match = rx.match
    for i in sorted(starts):
        if i >= end and (m := match(text, i)) is not None:
            n += 1
            end = m.end()
    return n


def _compiled_lexicon(lexicon: dict):
    """(kind, group, feature, regex, case_sensitive) tuples from a lexicon dict."""
    cats = []
    for category in sorted(lexicon.get("lexicon", {})):
        spec = lexicon["lexicon"][category] or {}
        terms = tuple(str(t) for t in spec.get("terms", []))
        cs = bool(spec.get("case_sensitive", False))
        cats.append((category, terms, _term_regex(terms, cs), cs))
    variants = []
    for vs in lexicon.get("variants", []):
        forms = tuple(
            (str(form), tuple(str(p) for p in (pats if isinstance(pats, list) else [pats])))
            for form, pats in vs.get("forms", {}).items()
        )
        compiled = _variant_regexes(forms, bool(vs.get("ignore_case", False)))
        variants.append((str(vs.get("kind", "house_style")), str(vs["name"]), compiled))
    return cats, variants


def _count_words(text: str) -> int:
    return len(_TOKEN.findall(text))


def _words_with_sentences(text: str, sent_list: Sequence[Sentence], in_sentences: int) -> int:
    """:func:`_count_words` of ``text`` given ``in_sentences``, the words inside the sentence
    spans (counted span by span): adds the words between and around the spans.

    Exact when the spans are disjoint and no word straddles a span edge (every edge has
    whitespace on one side, and ``_TOKEN`` has no look-around); otherwise recounts the text.
    """
    spans = sorted((s.start, s.end) for s in sent_list)
    n = len(text)
    find = _TOKEN.findall
    words = in_sentences
    prev = 0
    for a, b in [*spans, (n, n)]:
        if a < prev or b < a or b > n:
            return _count_words(text)
        for edge in (a, b):
            if 0 < edge < n and not (text[edge - 1].isspace() or text[edge].isspace()):
                return _count_words(text)
        if a > prev:
            words += len(find(text, prev, a))
        prev = b
    return words


@functools.cache
def _packaged_lexicon():
    """:func:`_compiled_lexicon` of the packaged lexicon, with per-category term lookups."""
    return _lexicon_plan(load_lexicon())


def _lexicon_plan(lexicon: dict):
    """``(cats, variants, scan)``: :func:`_compiled_lexicon` and what :func:`_fingerprint_doc`
    needs to count the categories: per-category term lookups, the groups of categories
    counted through one :func:`_term_detector` scan (by case sensitivity), and the categories
    counted with a plain ``findall`` (those with a term that is only whitespace, or no terms:
    their regex matches the empty string); and per variant set a string without which none of
    its forms can match (:func:`_common_literal`)."""
    cats, variants = _compiled_lexicon(lexicon)
    norms = [{(t if cs else t.lower()): t for t in terms} for _, terms, _, cs in cats]
    by_case: dict[bool, list[int]] = {}
    plain = []
    for i, (_, terms, _, cs) in enumerate(cats):
        parts = _term_parts(terms, cs)
        if parts and all(p.split() for p in parts):
            by_case.setdefault(cs, []).append(i)
        else:
            plain.append(i)
    groups = [
        (_term_detector(tuple(cats[i][1] for i in idx), cs), cs, idx) for cs, idx in by_case.items()
    ]
    guards = [_common_literal([lits for _, _, lits in forms]) for _, _, forms in variants]
    return cats, variants, (norms, groups, plain, guards)


def _common_literal(form_literals: list) -> str | None:
    """The longest string found in every literal of every form of a variant set (each form's
    :func:`_variant_regexes` literals), or None (a form without literals, or none shared).

    Every match of every form holds one of its form's literals, so a text without this string
    has no match of the set: :func:`_fingerprint_doc` then skips the set's forms."""
    if not form_literals or any(lits is None for lits in form_literals):
        return None
    words = [lit for lits in form_literals for lit, _, _ in lits]
    if not words:
        return None
    shortest = min(words, key=len)
    for size in range(len(shortest), 0, -1):
        for a in range(len(shortest) - size + 1):
            part = shortest[a : a + size]
            if all(part in w for w in words):
                return part
    return None


def _fingerprint_doc(text: str, plan, *, words: int | None = None) -> dict:
    """What :func:`fingerprints` needs from one article alone (plain, picklable values).

    ``words``: word count (pass it when known, see :func:`_words_with_sentences`); ``terms``:
    category -> {term: count} (non-zero only); ``variants``: (variant set index, form index)
    -> count (non-zero only), indices into the compiled lexicon the counts were made with.
    """
    cats, variants, (norms, groups, plain, guards) = plan
    lower = text.lower()
    counts: list[Counter] = [Counter() for _ in cats]
    for i in plain:
        _count_terms(cats[i][2], text if cats[i][3] else lower, norms[i], counts[i])
    for detector, cs, idx in groups:
        # For speed: one scan for where any of these categories may match, then each
        # category's own regex only there (same matches as its findall).
        s = text if cs else lower
        starts = [m.start() for m in detector.finditer(" " + s)]
        if starts:
            for i in idx:
                _count_terms_at(cats[i][2], s, starts, norms[i], counts[i])
    terms = {cats[i][0]: dict(c) for i, c in enumerate(counts) if c}
    found: dict[tuple[int, int], int] = {}
    for vi, (_, _, forms) in enumerate(variants):
        if guards[vi] is not None and guards[vi] not in text:
            continue  # (no form of the set can match)
        for fi, (_, rx, lits) in enumerate(forms):
            c = _count_variant(rx, lits, text)
            if c:
                found[(vi, fi)] = c
    if words is None:
        words = _count_words(text)
    return {"words": words, "terms": terms, "variants": found}


def document_features(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    *,
    shingle_size: int = 5,
    mentions: Sequence | None = None,
) -> dict:
    """Everything :func:`similarity` and :func:`fingerprints` need from one article alone.

    Pure and picklable (plain dicts, tuples, bytes), so the per-article stage computes it in
    parallel and the cross-article stage only does cross-article work. Pass a mapping doc_id ->
    this to ``similarity(..., features=...)`` and ``fingerprints(..., features=...)``; the
    results are identical to calling them without features. The fingerprint counts follow the
    packaged lexicon (a custom ``lexicon`` recounts from the text). With the article's
    ``mentions`` (:class:`~storylens.model.Mention` records) it also holds ``naming``, the
    article's naming summary (:func:`naming_summary`).
    """
    sim = _similarity_doc(text, sentences, shingle_size=shingle_size)
    # The sentences are tokenised already: count only the words outside them (for speed).
    words = _words_with_sentences(text, sentences, sim["n_words"])
    out = {
        "doc_id": doc_id,
        "similarity": sim,
        "fingerprints": _fingerprint_doc(text, _packaged_lexicon(), words=words),
    }
    if mentions is not None:
        out["naming"] = naming_summary(text, mentions)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _surface_form(surface: str) -> str:
    """A mention's surface as the naming rows count it: possessive 's dropped, stripped."""
    return _POSSESSIVE.sub("", surface).strip()


_POSSESSIVE = re.compile(r"['’]s$")


def naming_summary(text: str, mentions: Sequence, *, titles: Sequence[str] | None = None) -> dict:
    """One article's share of the naming fingerprints, from its mention records.

    ``{actor: (forms, titled, n, person)}``: ``forms`` maps each surface form (possessive
    dropped) to its count, ``n`` counts the mentions, ``person`` says whether any is typed
    ``person`` and ``titled`` how many of those are preceded by a title word (``titles``,
    default: the packaged lexicon's). :func:`fingerprints` takes these per article
    (``naming=``) instead of a whole mentions table.
    """
    if titles is None:
        title_rx = _packaged_title_regex()
    else:
        title_rx = _title_regex(tuple(str(t) for t in titles)) if titles else None
    items = (
        (m.actor, _surface_form(m.surface), int(m.start), m.actor_type == "person")
        for m in mentions
        if m.actor is not None
    )
    return _naming_groups(items, title_rx, lambda _: text)


@functools.cache
def _packaged_title_regex() -> re.Pattern | None:
    """:func:`_title_regex` of the packaged lexicon's titles (None without titles)."""
    titles = load_lexicon().get("titles", [])
    return _title_regex(tuple(str(t) for t in titles)) if titles else None


def _naming_groups(items, title_rx: re.Pattern | None, text_of: Callable) -> dict:
    """``items``: (key, surface form, start, is person) per mention -> key -> (form counts,
    titled, mentions, any person); ``text_of(key)`` is the text the starts index."""
    groups: dict = {}
    for key, form, start, person in items:
        g = groups.get(key)
        if g is None:
            g = groups[key] = [{}, [], False]
        forms = g[0]
        forms[form] = forms.get(form, 0) + 1
        g[1].append(start)
        g[2] = g[2] or person
    out = {}
    for key, (forms, starts, person) in groups.items():
        titled = 0
        if title_rx is not None and person:
            text = text_of(key)
            titled = sum(1 for s in starts if title_rx.search(text, max(0, s - 60), s))
        out[key] = (forms, titled, len(starts), person)
    return out


def fingerprints(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    lexicon: dict | None = None,
    features: Mapping[str, Mapping] | None = None,
    naming: Mapping[str, Mapping] | None = None,
) -> pd.DataFrame:
    """How each outlet writes the story, as tidy counts.

    ``articles``: ``doc_id``, ``text`` (cleaned; may be left out when ``features`` cover every
    article), optional ``outlet`` (defaults to doc_id).
    ``mentions``: optional mentions table (``doc_id``, ``actor``, ``surface``, ``start``, ...).
    ``lexicon``: dict shaped like ``data/fingerprints.yaml`` (default: the packaged one).
    ``features``: optional mapping doc_id -> :func:`document_features` (used with the packaged
    lexicon only; articles without them are counted here).
    ``naming``: instead of ``mentions``, a mapping doc_id -> :func:`naming_summary` (packaged
    lexicon only); the naming rows are the same as from the mentions they summarise.

    One row per (article, feature): ``doc_id``, ``outlet``, ``kind``, ``group``, ``feature``,
    ``count``, ``per_1000_words``. Kinds:

    - ``hedge`` / ``modal`` / ``attribution`` / ``intensifier`` (lexicon categories; group =
      category, feature = the term; every term for every article, zeros included);
    - ``house_style`` / ``spelling`` (variant sets; group = set name, feature = the form; rows
      for every form of a set that the corpus uses at all);
    - ``naming`` (from mentions: for each actor written in two or more ways across the corpus,
      group = actor, feature = the surface form, for the articles that mention the actor) and
      ``naming_title`` (group = actor, feature = ``with title`` / ``without title``: whether
      a title word from the YAML ``titles`` list precedes the mention; persons only when the
      mentions carry ``actor_type``).
    """
    parts = list(
        fingerprint_parts(articles, mentions, lexicon=lexicon, features=features, naming=naming)
    )
    if len(parts) == 1:
        return parts[0]
    return pd.concat(parts, ignore_index=True)


def _empty_fingerprints() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in FINGERPRINT_COLUMNS}).astype(
        {"count": "int64", "per_1000_words": "float64"}
    )


def fingerprint_parts(
    articles: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    lexicon: dict | None = None,
    features: Mapping[str, Mapping] | None = None,
    naming: Mapping[str, Mapping] | None = None,
    docs_per_part: int = 500,
) -> Iterator[pd.DataFrame]:
    """:func:`fingerprints` in parts of ``docs_per_part`` articles (in doc_id order): the
    parts concatenated are the whole table. The table has a row per lexicon term per article
    (1.8 million rows at 10,000 articles), so the pipeline writes it part by part."""
    lex = lexicon if lexicon is not None else load_lexicon()
    cols = FINGERPRINT_COLUMNS
    if naming is not None and mentions is not None:
        raise ValueError("fingerprints: pass mentions or naming, not both")
    if naming is not None and lexicon is not None:
        raise ValueError("fingerprints: naming summaries follow the packaged lexicon's titles")
    if articles is None or len(articles) == 0:
        yield _empty_fingerprints()
        return
    frame = articles.copy()
    frame["doc_id"] = frame["doc_id"].astype(str)
    if "outlet" not in frame:
        frame["outlet"] = frame["doc_id"]
    frame = frame.sort_values("doc_id", kind="stable").drop_duplicates("doc_id")
    docs = list(
        zip(
            frame["doc_id"].tolist(),
            frame["outlet"].fillna("").astype(str).tolist(),
            [t if isinstance(t, str) else "" for t in frame["text"].tolist()]
            if "text" in frame
            else [None] * len(frame),
            strict=True,
        )
    )
    del frame
    packaged = lexicon is None
    plan = _packaged_lexicon() if packaged else _lexicon_plan(lex)
    cats, variants, _ = plan
    per_doc: dict[str, dict] = {}
    for d, _, t in docs:
        f = features.get(d) if packaged and features else None
        f = f.get("fingerprints") if f else None
        if f is None and t is None:
            raise ValueError(f"fingerprints: article {d!r} has neither text nor features")
        per_doc[d] = f if f is not None else _fingerprint_doc(t, plan)
    n_words = {d: f["words"] for d, f in per_doc.items()}
    cat_terms = [(category, list(dict.fromkeys(terms))) for category, terms, _, _ in cats]
    # corpus-wide: the variant forms used anywhere, the naming rows (few) by article
    used = [
        {f for fi, (f, _, _) in enumerate(forms) if any(per_doc[d]["variants"].get((vi, fi), 0) for d, _, _ in docs)}
        for vi, (_, _, forms) in enumerate(variants)
    ]  # fmt: skip
    if mentions is not None and len(mentions):
        naming_rows = _naming_rows(docs, mentions, titles=lex.get("titles", []))
    elif naming:
        naming_rows = _naming_rows_from_summaries(docs, naming, titles=bool(lex.get("titles")))
    else:
        naming_rows = None
    kind_order = {"hedge": 0, "modal": 1, "attribution": 2, "intensifier": 3}
    for lo in range(0, len(docs), max(1, docs_per_part)):
        part = docs[lo : lo + max(1, docs_per_part)]
        rows: list[tuple] = []
        for doc_id, outlet, _ in part:
            found_terms = per_doc[doc_id]["terms"]
            for category, terms in cat_terms:
                get = (found_terms.get(category) or {}).get
                rows.extend((doc_id, outlet, category, category, t, get(t, 0)) for t in terms)
        for vi, (kind, name, forms) in enumerate(variants):
            for doc_id, outlet, _ in part:
                got = per_doc[doc_id]["variants"]
                rows.extend(
                    (doc_id, outlet, kind, name, f, got.get((vi, fi), 0))
                    for fi, (f, _, _) in enumerate(forms)
                    if f in used[vi]
                )
        if naming_rows is not None:
            for doc_id, _, _ in part:
                rows.extend(naming_rows(doc_id))
        out = pd.DataFrame(rows, columns=cols[:-1])
        out["count"] = out["count"].astype("int64")
        denom = out["doc_id"].map(n_words).astype(float)
        out["per_1000_words"] = np.where(
            denom > 0, out["count"] / denom.where(denom > 0, 1) * 1000, 0.0
        )
        out["per_1000_words"] = out["per_1000_words"].round(3)
        out["_k"] = [kind_order.get(k, 9) for k in out["kind"].tolist()]
        out = out.sort_values(["doc_id", "_k", "kind", "group", "feature"], kind="stable")
        yield out.drop(columns="_k").reset_index(drop=True)


@functools.cache
def _title_regex(titles: tuple[str, ...]) -> re.Pattern:
    r"""A title word, at the start of the text or after a non-word character, then up to three
    capitalised words, ending where the search ends (the mention's start).

    For speed the not-after-a-word test comes right after each title's first character,
    ``T(?<!\w.)itle``, rather than first (``(?:^|(?<=\W))Title``, the same condition): the
    pattern then starts with an alternation of literals, which ``re`` turns into a set of
    first characters to skip ahead with instead of trying every position."""

    def alt(title: str) -> str:
        words = title.split()
        if not words:  # (a blank title: only the boundary)
            return r"(?:^|(?<=\W))"
        first = re.escape(words[0][0]) + r"(?<!\w.)" + re.escape(words[0][1:])
        return r"\s+".join([first, *map(re.escape, words[1:])])

    alts = "|".join(alt(t) for t in sorted(titles, key=lambda t: -len(t)))
    return re.compile(rf"(?:{alts})\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}$")


def _naming_rows(docs, mentions: pd.DataFrame, *, titles) -> Callable[[str], list[tuple]]:
    """Naming rows: surface forms per actor (actors with 2+ forms) and title use (as
    ``rows_for(doc_id)``, see :func:`_naming_rows_from_groups`).

    One pass over the mentions as plain tuples (a pandas groupby per actor and per article
    dominated the cost on large corpora).
    """
    cols = ["doc_id", "actor", "surface", "start"]
    m = mentions[cols + (["actor_type"] if "actor_type" in mentions else [])]
    m = m[m["actor"].notna()]  # groupby drops missing keys
    doc_col = m["doc_id"].astype(str).tolist()
    actor_col = m["actor"].tolist()
    surf_col = m["surface"].astype(str).map(_surface_form).tolist()
    start_col = m["start"].astype(int).tolist()
    if "actor_type" in m:
        person_col = (m["actor_type"] == "person").tolist()
    else:
        person_col = [True] * len(doc_col)
    all_forms: dict = {}  # actor -> surface forms across the corpus
    for a, f in zip(actor_col, surf_col, strict=True):
        all_forms.setdefault(a, set()).add(f)
    texts = {d: t for d, _, t in docs}
    title_rx = _title_regex(tuple(str(t) for t in titles)) if titles else None
    # (actor, doc) -> (surface counts, titled, mentions, any person); only articles in `docs`
    items = (
        ((a, d), f, st, p)
        for d, a, f, st, p in zip(doc_col, actor_col, surf_col, start_col, person_col, strict=True)
        if d in texts
    )
    groups = _naming_groups(items, title_rx, lambda key: texts[key[1]])
    return _naming_rows_from_groups(docs, groups, all_forms, titles=title_rx is not None)


def _naming_rows_from_summaries(
    docs, naming: Mapping[str, Mapping], *, titles: bool
) -> Callable[[str], list[tuple]]:
    """Naming rows from per-article :func:`naming_summary` results (doc_id -> summary); see
    :func:`_naming_rows_from_groups` for what it returns."""
    all_forms: dict = {}  # actor -> surface forms across the corpus
    for summary in naming.values():
        for actor, (forms, _, _, _) in summary.items():
            all_forms.setdefault(actor, set()).update(forms)
    groups = {
        (actor, d): group for d, _, _ in docs for actor, group in (naming.get(d) or {}).items()
    }
    return _naming_rows_from_groups(docs, groups, all_forms, titles=titles)


def _naming_rows_from_groups(docs, groups: Mapping, all_forms: Mapping, *, titles: bool):
    """``groups``: (actor, doc_id) -> (form counts, titled, mentions, any person).

    Returns ``rows_for(doc_id)``, the naming rows of one article: there are hundreds of
    thousands on large corpora, so :func:`fingerprint_parts` makes them part by part.
    """
    multi = {a for a, fs in all_forms.items() if len(fs) >= 2}
    outlets = {d: o for d, o, _ in docs}
    forms_here: dict = {}  # actor -> surface forms in the articles of `docs`
    by_doc: dict[str, list] = {}
    for (actor, doc_id), group in groups.items():
        forms_here.setdefault(actor, set()).update(group[0])
        by_doc.setdefault(doc_id, []).append((actor, group))
    sorted_forms = {a: sorted(fs) for a, fs in forms_here.items()}

    def rows_for(doc_id: str) -> list[tuple]:
        rows: list[tuple] = []
        outlet = outlets[doc_id]
        for actor, (counts, titled, n, person) in sorted(by_doc.get(doc_id, ())):
            if actor in multi:
                rows.extend(
                    (doc_id, outlet, "naming", actor, f, counts.get(f, 0))
                    for f in sorted_forms[actor]
                )
            if titles and person:
                rows.append((doc_id, outlet, "naming_title", actor, "with title", titled))
                rows.append((doc_id, outlet, "naming_title", actor, "without title", n - titled))
        return rows

    return rows_for
