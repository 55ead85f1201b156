"""Sentiment around each actor: TextBlob polarity/subjectivity, VADER as a second opinion.

**Window: the clause containing the mention.** A sentence often casts two actors in opposite
ways ("Russia attacked the convoy, Ukraine praised the troops"; "Trump offered air power, but
Moscow objected"), so scoring the whole sentence would give both the same number. Each sentence
is cut once into clauses at

- strong breaks: ``;``, dashes, ``: `` (``data/sentiment_windows.yaml``);
- clause-level conjunctions after a comma (", but", ", while", ", and", ...), and a few even
  without one (" but ", " while ");
- a comma between mentions of two *different* actors when both sides hold words other than
  names ("Russia attacked, Ukraine praised"), but not in a list of names ("Macron, Starmer and
  Merz support ...").

A short clause that is an attribution ("said Heisbourg", "Mao Ning told reporters:") carries
no sentiment of its own, so the window grows to the whole sentence (the quote is what was said).

Each window is scored once (cache per span), whatever the number of mentions in it; an actor
mentioned twice in one clause counts that clause once. Per actor and article: the mean over
the actor's windows, with min/max so an analyst sees the spread.

TextBlob's ``PatternAnalyzer`` gives polarity (-1..1) and subjectivity (0..1); VADER's compound
score (-1..1) is the second opinion. Both are word lexicons: they read war reporting as
negative whatever anybody's stance ("attack", "war", "killed"), which is why stance is a
separate module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import pandas as pd
import yaml

from storylens.model import Mention, Sentence
from storylens.paths import DATA_DIR

__all__ = [
    "actor_sentiment",
    "clause_spans",
    "corpus_sentence_scores",
    "disagreements",
    "score_text",
    "sentence_scores",
    "windows",
]

_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


@functools.cache
def _config() -> dict:
    with open(DATA_DIR / "sentiment_windows.yaml", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    strong = "|".join(re.escape(s) for s in sorted(raw["strong_breaks"], key=lambda s: -len(s)))
    conj = "|".join(sorted(map(re.escape, raw["conjunctions"]), key=lambda s: (-len(s), s)))
    always = "|".join(sorted(map(re.escape, raw["always_break"]), key=lambda s: (-len(s), s)))
    # A break is the position where the next clause starts (after the separator itself, before
    # the conjunction so the conjunction stays with its own clause).
    breaks = re.compile(rf"(?:{strong})|,\s+(?=(?:{conj})\b)|\s(?=(?:{always})\s)", re.IGNORECASE)
    return {
        "breaks": breaks,
        "attribution": frozenset(w.lower() for w in raw["attribution_verbs"]),
        "max_words": int(raw["attribution_max_words"]),
    }


@functools.cache
def _analyzers():
    """TextBlob's pattern sentiment (what ``TextBlob(s).sentiment`` calls, without building a
    namedtuple class per call), VADER, and the two lexicons' word sets for the fast path."""
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    pattern_sentiment("good")  # load the lexicon once
    vader = SentimentIntensityAnalyzer()
    words = frozenset(dict.keys(pattern_sentiment)) | frozenset(w.lower() for w in vader.lexicon)
    return pattern_sentiment, vader, words


_TOKENS = re.compile(r"[^\s]+")
_PARTS = re.compile(r"[^\s’'\"“”‘.,;:!?()\[\]—–…*/-]+")
_EMOTICON_CHARS = re.compile(r"[:;=()<>^_\[\]{}|\\/*~&%$#@+]")
_STRIP = "\"'“”‘’.,;:!?()[]—–-…*"


@functools.lru_cache(maxsize=65536)
def score_text(window: str) -> tuple[float, float, float]:
    """``(polarity, subjectivity, vader_compound)`` of one piece of text (cached by text).

    Fast path: a window holding no word of either lexicon and none of the characters emoticons
    are made of scores (0, 0, 0) without calling the analyzers (neither scores such text).
    """
    tb, vader, lexicon = _analyzers()
    low = window.lower()
    if (
        not _EMOTICON_CHARS.search(low)
        and not any(t.strip(_STRIP) in lexicon for t in _TOKENS.findall(low))
        and not any(t in lexicon for t in _PARTS.findall(low))
    ):
        return 0.0, 0.0, 0.0
    pol, subj = tb(window)
    return float(pol), float(subj), float(vader.polarity_scores(window)["compound"])


def clause_spans(
    text: str, sentence: Sentence, mentions: Sequence[Mention] = ()
) -> list[tuple[int, int]]:
    """Cut one sentence into clause spans ``(start, end)`` (offsets into ``text``).

    ``mentions`` (those of this sentence) let a comma between two different actors' clauses
    split the sentence too (see the module docstring).
    """
    cfg = _config()
    s0, s1 = sentence.start, sentence.end
    sent = text[s0:s1]
    cuts = sorted({m.end() for m in cfg["breaks"].finditer(sent)} - {0, len(sent)})
    ms = sorted((m for m in mentions if s0 <= m.start and m.end <= s1), key=lambda m: m.start)
    for a, b in zip(ms, ms[1:], strict=False):
        if a.actor == b.actor or b.start < a.end:
            continue
        gap = sent[a.end - s0 : b.start - s0]
        comma = gap.rfind(",")
        if comma < 0:
            continue
        cut = a.end - s0 + comma + 1
        left_start = max([c for c in cuts if c <= cut] + [0])
        right_end = min([c for c in cuts if c > cut] + [len(sent)])
        if _has_content(sent, left_start, cut, ms, s0) and _has_content(
            sent, cut, right_end, ms, s0
        ):
            cuts.append(cut)
    cuts = sorted(set(cuts))
    bounds = [0, *cuts, len(sent)]
    spans = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = sent[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            spans.append((s0 + a + lead, s0 + a + trail))
    return spans or [(s0, s1)]


def _has_content(sent: str, a: int, b: int, ms: Sequence[Mention], s0: int) -> bool:
    """Does ``sent[a:b]`` hold a word outside every actor mention?"""
    for w in _WORD.finditer(sent, a, b):
        ws, we = w.start() + s0, w.end() + s0
        if not any(m.start <= ws and we <= m.end for m in ms):
            return True
    return False


def _is_attribution(window: str) -> bool:
    cfg = _config()
    words = [w.lower() for w in _WORD.findall(window)]
    return len(words) <= cfg["max_words"] and any(w in cfg["attribution"] for w in words)


def windows(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> dict[int, tuple[int, int]]:
    """Mention index -> its scoring window ``(start, end)``: the clause holding the mention,
    or the whole sentence when that clause is only an attribution ("said Heisbourg")."""
    by_sent: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sent.setdefault(m.sent_id, []).append(i)
    sent_by_id = {s.sent_id: s for s in sentences}
    out: dict[int, tuple[int, int]] = {}
    for sid, idxs in by_sent.items():
        sent = sent_by_id.get(sid)
        if sent is None:
            continue
        ms = [mentions[i] for i in idxs]
        spans = clause_spans(text, sent, ms)
        for i in idxs:
            m = mentions[i]
            span = next((sp for sp in spans if sp[0] <= m.start < sp[1]), (sent.start, sent.end))
            if _is_attribution(text[span[0] : span[1]]):
                span = (sent.start, sent.end)
            out[i] = span
    return out


def _actor_windows(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> dict[str, dict]:
    """actor -> {type, affiliation, windows: {span: sent_id}, n_mentions} in first-seen order."""
    wins = windows(text, sentences, mentions)
    actors: dict[str, dict] = {}
    for i, m in enumerate(mentions):
        if i not in wins:
            continue
        rec = actors.setdefault(
            m.actor, {"actor_type": m.actor_type, "windows": {}, "n_mentions": 0}
        )
        rec["n_mentions"] += 1
        rec["windows"].setdefault(wins[i], m.sent_id)
    return actors


def actor_sentiment(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> list[dict]:
    """One dict per actor mentioned in the article (sorted by actor name).

    Keys: ``actor``, ``n_sentences`` (sentences mentioning the actor), ``polarity`` and
    ``subjectivity`` (TextBlob, mean over the actor's clause windows), ``actor_type``,
    ``vader_compound`` (mean), ``n_mentions``, ``n_windows``, ``min_polarity``,
    ``max_polarity``.
    """
    rows = []
    for actor, rec in _actor_windows(text, sentences, mentions).items():
        scores = [score_text(text[a:b]) for a, b in rec["windows"]]
        pols = [s[0] for s in scores]
        n = len(scores)
        rows.append(
            {
                "actor": actor,
                "n_sentences": len(set(rec["windows"].values())),
                "polarity": sum(pols) / n,
                "subjectivity": sum(s[1] for s in scores) / n,
                "actor_type": rec["actor_type"],
                "vader_compound": sum(s[2] for s in scores) / n,
                "n_mentions": rec["n_mentions"],
                "n_windows": n,
                "min_polarity": min(pols),
                "max_polarity": max(pols),
            }
        )
    return sorted(rows, key=lambda r: r["actor"])


_SCORE_COLS = [
    "doc_id", "sent_id", "actor", "actor_type", "polarity", "subjectivity", "vader", "text",
    "start", "end",
]  # fmt: skip


def sentence_scores(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention], *, doc_id: str = ""
) -> pd.DataFrame:
    """One row per (actor, window) in one article: the points of the strip plot.

    Columns: doc_id, sent_id, actor, actor_type, polarity, subjectivity, vader, text (the
    window scored), start, end. Sorted by sent_id, start, actor.
    """
    rows = []
    for actor, rec in _actor_windows(text, sentences, mentions).items():
        for (a, b), sid in rec["windows"].items():
            pol, subj, vad = score_text(text[a:b])
            rows.append((doc_id, sid, actor, rec["actor_type"], pol, subj, vad, text[a:b], a, b))
    frame = pd.DataFrame(rows, columns=_SCORE_COLS)
    return frame.sort_values(["sent_id", "start", "actor"], kind="stable").reset_index(drop=True)


def corpus_sentence_scores(
    texts: dict[str, str], sentences: pd.DataFrame, mentions: pd.DataFrame
) -> pd.DataFrame:
    """:func:`sentence_scores` for every article of the tables (``sentences``/``mentions``
    tables as built by the pipeline, ``texts`` doc_id -> cleaned text)."""
    frames = []
    sent_groups = dict(tuple(sentences.groupby("doc_id", sort=False))) if len(sentences) else {}
    ment_groups = dict(tuple(mentions.groupby("doc_id", sort=False))) if len(mentions) else {}
    for doc_id in sorted(texts):
        ms = ment_groups.get(doc_id)
        ss = sent_groups.get(doc_id)
        if ms is None or ss is None:
            continue
        sents = [Sentence(int(r.sent_id), int(r.start), int(r.end)) for r in ss.itertuples()]
        ments = list(_mentions_from_frame(ms))
        frames.append(sentence_scores(texts[doc_id], sents, ments, doc_id=doc_id))
    if not frames:
        return pd.DataFrame(columns=_SCORE_COLS)
    return pd.concat(frames, ignore_index=True)


def _mentions_from_frame(frame: pd.DataFrame) -> Iterable[Mention]:
    for r in frame.itertuples():
        yield Mention(
            sent_id=int(r.sent_id), actor=str(r.actor), actor_type=str(r.actor_type),
            surface=str(r.surface), start=int(r.start), end=int(r.end),
        )  # fmt: skip


def disagreements(scores: pd.DataFrame, *, dead_zone: float = 0.05) -> pd.DataFrame:
    """Rows of :func:`sentence_scores` where TextBlob and VADER disagree in sign.

    A score within ``dead_zone`` of 0 counts as neutral and never disagrees. Adds ``gap``
    (vader - polarity) and sorts by the size of the gap, largest first.
    """
    pol, vad = scores["polarity"], scores["vader"]
    mask = ((pol > dead_zone) & (vad < -dead_zone)) | ((pol < -dead_zone) & (vad > dead_zone))
    out = scores[mask].assign(gap=(vad - pol)[mask])
    order = out["gap"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[order].reset_index(drop=True)
