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
    """TextBlob's pattern sentiment (what ``TextBlob(s).sentiment`` calls), one VADER analyzer
    and VADER's one-character emoji keys. Loaded once per process (``functools.cache``)."""
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    pattern_sentiment("good")  # load the lexicon once
    vader = SentimentIntensityAnalyzer()
    emoji_chars = frozenset(k for k in vader.emojis if len(k) == 1)
    return pattern_sentiment, vader, emoji_chars


@functools.lru_cache(maxsize=65536)
def score_text(window: str) -> tuple[float, float, float]:
    """``(polarity, subjectivity, vader_compound)`` of one piece of text (cached by text).

    Exactly ``TextBlob(window).sentiment`` and VADER's ``polarity_scores(window)["compound"]``
    (``tests/test_sentiment.py`` compares them on thousands of texts), computed by
    :func:`_pattern_score` and :func:`_vader_compound` without their per-call overhead.
    """
    pol, subj = _pattern_score(window)
    return float(pol), float(subj), float(_vader_compound(window))


# --- TextBlob / pattern, exactly -------------------------------------------------------------
#
# ``TextBlob(s).sentiment`` is ``Sentiment.__call__(s)``: words = " ".join(find_tokens(s)).split()
# lowered; ``assessments`` walks them left to right (a known word, optionally preceded by a
# modifier or a negation, is one assessment; "!" boosts the previous one; "(!)" and emoticons are
# their own); polarity and subjectivity are the plain means over the assessments.
#
# ``find_tokens`` is, for text without a newline: contraction and quote replacements, then one
# pass per whitespace-separated run ``t`` (split leading/trailing punctuation, keep
# abbreviations), then a grouping into sentences that keeps every token (it only drops the
# literal "END-OF-SENTENCE"), then two regex substitutions per sentence (sarcasm "( ! )" and
# emoticons split by spaces, ": )"). The replacements never match across whitespace, so the
# tokens are the concatenation of each run's tokens: ``_chunk_tokens`` memoises them per run.
# A substitution can only fire in a sentence if its regex matches the tokens joined by spaces
# (every sentence is a substring of that, and sentence end is followed by a space or the end);
# when it does, or the text holds a newline or "END-OF-SENTENCE", the library's tokenizer runs.
# The per-word look-ups of ``assessments`` (``lazydict.__contains__`` is Python-level, the
# emoticon test scans nine sets) are memoised by ``_pattern_word``. Both are transcriptions of
# textblob 0.20's ``_text.py``: ``tests/test_sentiment.py`` checks them against the
# library on thousands of texts; re-run it when textblob changes.

_EOS = "END-OF-SENTENCE"


@functools.lru_cache(maxsize=262144)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    """``find_tokens``' tokens of one whitespace-free run, before sentence grouping."""
    from textblob._text import (
        ABBREVIATIONS,
        PUNCTUATION,
        RE_ABBR1,
        RE_ABBR2,
        RE_ABBR3,
        TOKEN,
        replacements,
    )

    string = chunk
    punctuation = tuple(PUNCTUATION.replace(".", ""))
    for a, b in list(replacements.items()):
        string = re.sub(a, b, string)
    string = (
        string.replace("“", " “ ")
        .replace("”", " ” ")
        .replace("‘", " ‘ ")
        .replace("’", " ’ ")
        .replace("'", " ' ")
        .replace('"', ' " ')
    )
    string = re.sub(r"\s+", " ", string)
    tokens: list[str] = []
    for t in TOKEN.findall(string + " "):
        if len(t) > 0:
            tail = []
            while t.startswith(punctuation) and t not in replacements:
                if t.startswith(punctuation):
                    tokens.append(t[0])
                    t = t[1:]
            while t.endswith(punctuation + (".",)) and t not in replacements:
                if t.endswith(punctuation):
                    tail.append(t[-1])
                    t = t[:-1]
                if t.endswith("..."):
                    tail.append("...")
                    t = t[:-3].rstrip(".")
                if t.endswith("."):
                    if (
                        t in ABBREVIATIONS
                        or RE_ABBR1.match(t) is not None
                        or RE_ABBR2.match(t) is not None
                        or RE_ABBR3.match(t) is not None
                    ):
                        break
                    else:
                        tail.append(t[-1])
                        t = t[:-1]
            if t != "":
                tokens.append(t)
            tokens.extend(reversed(tail))
    return tuple(tokens)


_RUNS = re.compile(r"\S+")


def _pattern_tokens(text: str) -> list[str]:
    """``" ".join(find_tokens(text)).split()`` (not lowered)."""
    from textblob._text import RE_EMOTICONS, RE_SARCASM

    if "\n" not in text and _EOS not in text:
        tokens = [t for run in _RUNS.findall(text) for t in _chunk_tokens(run)]
        joined = " ".join(tokens)
        if RE_SARCASM.search(joined) is None and RE_EMOTICONS.search(joined) is None:
            return tokens
    return " ".join(_analyzers()[0].tokenizer(text)).split()


@functools.lru_cache(maxsize=262144)
def _pattern_word(token: str) -> tuple:
    """``(w, known, p, s, i, is_modifier, is_negation, emoticon_p, ends_ly)`` for a token,
    ``w`` its lower case (what ``assessments`` sees)."""
    from textblob._text import EMOTICONS, PUNCTUATION

    sent = _analyzers()[0]
    w = token.lower()
    known = dict.__contains__(sent, w) and None in dict.__getitem__(sent, w)
    p = s = i = 0.0
    is_mod = False
    if known:
        entry = dict.__getitem__(sent, w)
        p, s, i = entry[None]
        is_mod = any(map(entry.__contains__, sent.modifiers))
    emo = None
    if w.isalpha() is False and len(w) <= 5 and w not in PUNCTUATION:
        for (_type, ep), e in EMOTICONS.items():
            if w in (x.lower() for x in e):
                emo = ep
                break
    return w, known, p, s, i, is_mod, w in sent.negations, emo, bool(sent.modifier(w))


def _pattern_score(text: str) -> tuple[float, float]:
    """``(polarity, subjectivity)`` exactly as ``TextBlob(text).sentiment`` (PatternAnalyzer)."""
    a: list[list] = []  # [p, s, i, n]: the library's dict(w, p, s, i, n, x) minus w and x
    m = None  # preceding modifier: its "ends in -ly" flag (the library keeps the word)
    n = None  # preceding negation word
    for token in _pattern_tokens(text):
        w, known, p, s, i, is_mod, is_neg, emo, ends_ly = _pattern_word(token)
        if known:
            if m is None:
                a.append([p, s, i, 1])
            else:
                last = a[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if n is not None:
                last = a[-1]
                last[2] = 1.0 / last[2]
                last[3] = -1
            m = None
            n = None
            if is_mod:
                m = ends_ly
            if is_neg:
                n = w
        else:
            if is_neg:
                n = w
            elif n and len(w.strip("'")) > 1:
                n = None
            if n is not None and m is not None and m:
                a[-1][3] = -1
                n = None
            elif m is not None and len(w) > 2:
                m = None
            if w == "!" and len(a) > 0:
                a[-1][0] = max(-1.0, min(a[-1][0] * 1.25, +1.0))
            if w == "(!)":
                a.append([0.0, 1.0, 1.0, 1])
            if emo is not None:
                a.append([emo, 1.0, 1.0, 1])
    ps, ss, k = 0, 0, 0
    for p, s, _i, neg in a:
        ps += 1 * (p * -0.5 if neg < 0 else p)
        ss += 1 * s
        k += 1
    return ps / float(k or 1), ss / float(k or 1)


# --- VADER, exactly ---------------------------------------------------------------------------
#
# ``polarity_scores`` first rebuilds the text one character at a time to swap emojis for their
# descriptions (a no-op, save ``strip()``, when no character is an emoji), then calls
# ``sentiment_valence`` for every word, which only does something for lexicon words (others get
# 0) and, for those, reads the words i-3 .. i+2 only (every index guarded, never negative) but
# lower-cases the whole list several times. ``_vader_compound`` skips the two no-ops and calls
# the library's own ``sentiment_valence`` on the words i-3 .. i+2 (index shifted), then its own
# ``_but_check`` and ``score_valence``.


class _Window:
    """What ``sentiment_valence`` reads of a ``SentiText``."""

    __slots__ = ("is_cap_diff", "words_and_emoticons")

    def __init__(self, words: list[str], is_cap_diff: bool):
        self.words_and_emoticons = words
        self.is_cap_diff = is_cap_diff


@functools.lru_cache(maxsize=262144)
def _vader_word(token: str) -> str:
    from vaderSentiment.vaderSentiment import SentiText

    return SentiText._strip_punc_if_word(token)


@functools.lru_cache(maxsize=262144)
def _vader_valence(words: tuple[str, ...], i: int, is_cap_diff: bool) -> float:
    """The library's ``sentiment_valence`` of lexicon word ``words[i]`` (``words`` = i-3..i+2)."""
    vader = _analyzers()[1]
    return vader.sentiment_valence(0, _Window(list(words), is_cap_diff), words[i], i, [])[0]


def _vader_compound(text: str) -> float:
    """``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``, exactly."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, allcap_differential, normalize

    _, vader, emoji_chars = _analyzers()
    if not emoji_chars.isdisjoint(text):
        return vader.polarity_scores(text)["compound"]
    text = text.strip()
    words = [_vader_word(t) for t in text.split()]  # SentiText.words_and_emoticons
    lows = [w.lower() for w in words]
    lexicon = vader.lexicon
    sentiments: list = []
    hits = []
    last = len(words) - 1
    for i, low in enumerate(lows):
        if low in BOOSTER_DICT or (i < last and low == "kind" and lows[i + 1] == "of"):
            sentiments.append(0)
        elif low in lexicon:
            hits.append(i)
            sentiments.append(None)
        else:
            sentiments.append(0)
    if not hits:  # every sentiment 0 (or none): compound = round(normalize(0.0), 4) = 0.0
        return 0.0
    is_cap_diff = allcap_differential(words)
    for i in hits:
        lo = max(0, i - 3)
        sentiments[i] = _vader_valence(tuple(words[lo : i + 3]), i - lo, is_cap_diff)
    if "but" in lows:
        sentiments = vader._but_check(words, sentiments)
    # score_valence, its "compound" part
    sum_s = float(sum(sentiments))
    punct_emph_amplifier = vader._punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    return round(normalize(sum_s), 4)


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


@functools.lru_cache(maxsize=65536)
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
