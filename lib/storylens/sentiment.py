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
import importlib.util
import operator
import re
import sys
from collections.abc import Iterable, Sequence
from itertools import compress
from pathlib import Path
from types import ModuleType

import pandas as pd

from storylens.model import Mention, Sentence
from storylens.paths import DATA_DIR, yaml_load

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
# Characters that match an ASCII letter case-insensitively without lowercasing to it, or
# lowercase to two characters.
_FOLD_UNSAFE = ("\u0130", "\u0131", "\u017f", "\u212a")


@functools.cache
def _config() -> dict:
    with open(DATA_DIR / "sentiment_windows.yaml", encoding="utf-8") as fh:
        raw = yaml_load(fh)
    strongs = sorted(raw["strong_breaks"], key=lambda s: -len(s))
    strong = "|".join(re.escape(s) for s in strongs)
    conj = "|".join(sorted(map(re.escape, raw["conjunctions"]), key=lambda s: (-len(s), s)))
    always = "|".join(sorted(map(re.escape, raw["always_break"]), key=lambda s: (-len(s), s)))
    # A break is the position where the next clause starts (after the separator itself, before
    # the conjunction so the conjunction stays with its own clause).
    breaks = rf"(?:{strong})|,\s+(?=(?:{conj})\b)|\s(?=(?:{always})\s)"
    if all(strongs):
        # The same, faster: a class takes the character every alternative starts with (the
        # engine skips to such characters) and each alternative checks its own first one
        # with a look-behind, in the same order: an alternative matches at a position iff
        # it did, the same one wins, with the same end.
        firsts = "".join(sorted({re.escape(s[0]) for s in strongs}))
        alts = [rf"(?<={re.escape(s[0])}){re.escape(s[1:])}" for s in strongs]
        alts += [rf"(?<=,)\s+(?=(?:{conj})\b)", rf"(?<=\s)(?=(?:{always})\s)"]
        breaks = rf"[{firsts},\s](?:{'|'.join(alts)})"
    # A cheap test that ``breaks`` cannot match (most sentences hold no break): every match
    # needs a strong break, an always-break word or a comma followed by space and a
    # conjunction. A strong break without cased characters is looked for in the sentence; the
    # others and the words in the lowercased sentence, which holds whatever the
    # case-insensitive regex matches when neither they nor the sentence hold a character that
    # case-folds oddly (_FOLD_UNSAFE; then the regex runs).
    always_words = [str(w) for w in raw["always_break"]]
    uncased = [s for s in strongs if all(c.lower() == c.upper() == c for c in s)]
    folded = [s for s in strongs if s not in uncased] + always_words
    foldable = all(
        c == c.lower() and c not in _FOLD_UNSAFE and (c.isascii() or c.lower() == c.upper())
        for w in folded
        for c in w
    )
    comma_conj = re.compile(rf",\s+(?:{conj})\b", re.IGNORECASE)
    max_words = int(raw["attribution_max_words"])
    # Matches when ``_WORD.findall`` finds more than max_words words: each step skips to the
    # next letter and takes the word; possessive, so a word is never split.
    too_long = re.compile(rf"(?:[\W\d_]*+[^\W\d_][\w’'.-]*+){{{max(max_words + 1, 0)}}}")
    return {
        "breaks": re.compile(breaks, re.IGNORECASE),
        "attribution": frozenset(w.lower() for w in raw["attribution_verbs"]),
        "max_words": max_words,
        "too_long": too_long,
        # None: no pre-test; else (uncased strong breaks, other strong breaks and the
        # always-break words, comma + conjunction)
        "may_break": (
            (tuple(uncased), tuple(folded), comma_conj) if foldable and all(strongs) else None
        ),
    }


@functools.cache
def _textblob_text() -> ModuleType:
    """TextBlob's ``textblob._text``: the pattern library's lexicon, sentiment and tokenizer.

    ``import textblob`` imports NLTK, and NLTK imports SciPy's statistics: 1.5 s at every
    process start on the benchmark machine, for parts of TextBlob storylens never calls.
    ``_text`` itself needs only the standard library, so unless TextBlob is imported already
    (then its module is used), the installed file is loaded under a private name without the
    package's ``__init__``. Same code, same lexicon files: ``tests/test_sentiment.py`` checks
    the scores against ``TextBlob(s).sentiment`` and this loader against the package's.
    """
    loaded = sys.modules.get("textblob._text")
    if loaded is not None:
        return loaded
    spec = importlib.util.find_spec("textblob")  # a top-level name: finds, does not import
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("storylens needs TextBlob: pip install textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "_text.py"
    spec = importlib.util.spec_from_file_location("storylens._textblob_text", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load TextBlob's lexicon code from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _english_sentiment():
    """``textblob.en.sentiment`` (what ``TextBlob(s).sentiment`` scores with), built as
    ``textblob/en/__init__.py`` builds it (TextBlob 0.20) when that module is not imported."""
    loaded = sys.modules.get("textblob.en")
    if loaded is not None:
        return loaded.sentiment
    text = _textblob_text()

    class Sentiment(text.Sentiment):
        def load(self, path=None):
            text.Sentiment.load(self, path)
            if not path:  # textblob.en's addition: "terrible" -> adverb "terribly"
                for w, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    return Sentiment(
        path=str(Path(text.__file__).parent / "en" / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=lambda string: text.find_tokens(str(string)),  # textblob.en's parser's
        language="en",
    )


@functools.cache
def _analyzers():
    """TextBlob's pattern sentiment (what ``TextBlob(s).sentiment`` calls), one VADER analyzer
    and VADER's one-character emoji keys. Loaded once per process (``functools.cache``)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    pattern_sentiment = _english_sentiment()
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
    cols = _run_columns(window)  # both scorers read the same whitespace-separated runs
    pol, subj = _pattern_score(window, cols)
    return float(pol), float(subj), float(_vader_compound(window, cols))


# --- per run ---------------------------------------------------------------------------------
#
# Both libraries start by splitting the text at whitespace (``str.split``; textblob's
# ``find_tokens`` per run, see below). What each scorer needs of a run is memoised in
# ``_RUN_INFO`` (a bounded dict: a ``dict.get`` per run is much cheaper than a cached call).
# A text's run infos are handed to the scorers transposed, one column (tuple) per field (the
# ``_C_*`` indices): a field of every run is then one tuple, read by C-level ``in``, ``sum``,
# ``any``, slicing and ``zip`` instead of a ``map`` over the runs per field.

_RUN_INFO: dict[str, tuple] = {}
(
    _C_PATTERN, _C_PLAIN, _C_JOINED, _C_WORD, _C_LOW, _C_FLAG, _C_UPPER, _C_EMO, _C_FIRST, _C_LAST
) = range(10)  # fmt: skip
_NO_COLUMNS: tuple[tuple, ...] = ((),) * 10


def _run_info(run: str) -> tuple:
    """``(pattern run, all plain, pattern tokens joined by spaces, vader word, its lower case,
    vader flag, vader word is upper case, emoticon inside, first and last character of the
    joined tokens)`` of a whitespace-free run. Pattern run: the tokens' :func:`_pattern_info`;
    all plain: whether all are plain (strings); vader flag: 2 if the run holds an emoji, else
    1 if the word is a lexicon word that is not a booster, else 0; emoticon inside: textblob's
    emoticon regex matches the joined tokens (or there are none)."""
    RE_EMOTICONS, strip_punc_if_word, booster, lexicon, emoji_chars = _run_lib()
    tokens = _chunk_tokens(run)
    word = strip_punc_if_word(run)
    low = word.lower()
    if not emoji_chars.isdisjoint(run):
        flag = 2
    else:
        flag = int(low not in booster and low in lexicon)
    pattern = tuple(_pattern_info(t) for t in tokens)
    joined = " ".join(tokens)
    info = (
        pattern,
        all(t.__class__ is str for t in pattern),
        joined,
        word,
        low,
        flag,
        word.isupper(),
        not joined or RE_EMOTICONS.search(joined) is not None,
        joined[:1],
        joined[-1:],
    )
    if len(_RUN_INFO) > 1 << 17:  # bounded cache (about 0.4 kB an entry)
        _RUN_INFO.clear()
    _RUN_INFO[run] = info
    return info


@functools.cache
def _run_lib() -> tuple:
    """What :func:`_run_info` reads of the libraries: textblob's emoticon regex, VADER's
    ``SentiText._strip_punc_if_word``, booster words, lexicon and one-character emoji keys."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    _, vader, emoji_chars = _analyzers()
    RE_EMOTICONS = _textblob_text().RE_EMOTICONS
    return RE_EMOTICONS, SentiText._strip_punc_if_word, BOOSTER_DICT, vader.lexicon, emoji_chars


def _run_columns(text: str) -> tuple[tuple, ...]:
    """:func:`_run_info` of each run of ``text.split()``, transposed: one tuple per field,
    indexed by the ``_C_*`` constants (ten empty tuples when ``text`` is blank)."""
    runs = text.split()
    infos = list(map(_RUN_INFO.get, runs))
    if not all(infos):
        infos = [info or _run_info(run) for run, info in zip(runs, infos, strict=True)]
    return tuple(zip(*infos, strict=True)) or _NO_COLUMNS


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
    if chunk.isalnum() and _plain_replacement_keys(alnum_free=True) is not None:
        # for speed: no replacement key, quote mark or punctuation (each holds a character
        # that is not alphanumeric) and no whitespace in it: the run is its only token
        return (chunk,)
    tb = _textblob_text()
    ABBREVIATIONS, PUNCTUATION, TOKEN, replacements = (
        tb.ABBREVIATIONS,
        tb.PUNCTUATION,
        tb.TOKEN,
        tb.replacements,
    )
    RE_ABBR1, RE_ABBR2, RE_ABBR3 = tb.RE_ABBR1, tb.RE_ABBR2, tb.RE_ABBR3

    string = chunk
    punctuation = tuple(PUNCTUATION.replace(".", ""))
    # (speed) a key that is a plain string and not in ``string`` substitutes nothing
    plain_keys = _plain_replacement_keys()
    if plain_keys is None or any(a in string for a in plain_keys):
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


@functools.cache
def _plain_replacement_keys(alnum_free: bool = False) -> tuple[str, ...] | None:
    """textblob's contraction replacement keys if all are plain strings (a regex that matches
    only itself), else None. ``alnum_free``: None also unless every key and punctuation mark
    holds a character that is not alphanumeric and the token regex is the one
    :func:`_chunk_tokens` expects (then an alphanumeric run is one token)."""
    tb = _textblob_text()
    keys = tuple(tb.replacements)
    if not all(re.escape(a) == a for a in keys):
        return None
    if alnum_free and not (
        all(a and not a.isalnum() for a in keys)
        and not any(c.isalnum() for c in tb.PUNCTUATION)
        and tb.TOKEN.pattern == r"(\S+)\s"
    ):
        return None
    return keys


def _pattern_runs(text: str, cols: tuple[tuple, ...]) -> tuple[Sequence[tuple], Sequence[bool]]:
    """:func:`_pattern_info` of the tokens of ``" ".join(find_tokens(text)).split()``, in
    groups (a group per run, or one), and whether each group is all plain; ``cols``:
    :func:`_run_columns` of ``text`` (``str.split`` splits where ``\\S+`` does)."""
    if "\n" not in text and _EOS not in text:
        # For speed, without joining the tokens: the sarcasm mark needs a "!" (tokenising adds
        # none); an emoticon match lies within one run or spans the space between two, whose
        # characters around it are then consecutive in an emoticon (see _emoticon_pairs).
        pairs = _emoticon_pairs()
        if (
            "!" not in text
            and pairs is not None
            and not any(cols[_C_EMO])
            and pairs.isdisjoint(zip(cols[_C_LAST], cols[_C_FIRST][1:], strict=False))
        ):
            return cols[_C_PATTERN], cols[_C_PLAIN]
        tb = _textblob_text()
        RE_EMOTICONS, RE_SARCASM = tb.RE_EMOTICONS, tb.RE_SARCASM

        joined = " ".join(filter(None, cols[_C_JOINED]))
        sarcasm = "!" in text and RE_SARCASM.search(joined) is not None
        if not sarcasm and RE_EMOTICONS.search(joined) is None:
            return cols[_C_PATTERN], cols[_C_PLAIN]
    tokens = " ".join(_analyzers()[0].tokenizer(text)).split()
    return [tuple(map(_pattern_info, tokens))], (False,)


@functools.cache
def _emoticon_pairs() -> frozenset[tuple[str, str]] | None:
    """Consecutive characters of textblob's emoticons: its regex matches an emoticon with an
    optional space between any two (``": )"``). None if the regex is not built that way."""
    tb = _textblob_text()
    EMOTICONS, RE_EMOTICONS = tb.EMOTICONS, tb.RE_EMOTICONS

    faces = [e for v in EMOTICONS.values() for e in v]
    alternatives = "|".join(r" ?".join(re.escape(c) for c in e) for e in faces)
    if RE_EMOTICONS.pattern != rf"({alternatives})($|\s)" or any(
        c.isspace() for e in faces for c in e
    ):
        return None
    return frozenset((a, b) for e in faces for a, b in zip(e, e[1:], strict=False))


@functools.lru_cache(maxsize=262144)
def _pattern_word(token: str) -> tuple:
    """``(w, known, p, s, i, is_modifier, is_negation, emoticon_p, ends_ly)`` for a token,
    ``w`` its lower case (what ``assessments`` sees)."""
    tb = _textblob_text()
    EMOTICONS, PUNCTUATION = tb.EMOTICONS, tb.PUNCTUATION

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


def _pattern_info(token: str) -> tuple | str:
    """:func:`_pattern_word`, or only ``w`` for a plain token (not known, not a negation, not
    "!" or "(!)", no emoticon), which ``assessments`` skips unless a negation or modifier
    is pending."""
    info = _pattern_word(token)
    w, known, _, _, _, _, is_neg, emo, _ = info
    if not known and not is_neg and emo is None and w != "!" and w != "(!)":
        return w
    return info


def _pattern_score(text: str, cols: tuple[tuple, ...] | None = None) -> tuple[float, float]:
    """``(polarity, subjectivity)`` exactly as ``TextBlob(text).sentiment`` (PatternAnalyzer)."""
    a: list[list] = []  # [p, s, i, n]: the library's dict(w, p, s, i, n, x) minus w and x
    m = None  # preceding modifier: its "ends in -ly" flag (the library keeps the word)
    n = None  # preceding negation word
    runs, plain = _pattern_runs(text, _run_columns(text) if cols is None else cols)
    k = 0  # the next run
    while True:
        if n is None and m is None:
            # for speed: nothing can happen in an all-plain run, skip to the next other one
            try:
                k = plain.index(False, k)
            except ValueError:
                break
        elif k == len(runs):
            break
        infos = runs[k]
        k += 1
        for info in infos:
            if info.__class__ is str:  # a plain token: the else branch below, shortened
                if n is None and m is None:
                    continue
                w = info
                if n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and m:
                    a[-1][3] = -1
                    n = None
                elif m is not None and len(w) > 2:
                    m = None
                continue
            w, known, p, s, i, is_mod, is_neg, emo, ends_ly = info
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
# lower-cases the whole list several times. ``_vader_compound`` skips the two no-ops and computes
# ``sentiment_valence`` on the words i-3 .. i+2 (index shifted) with ``_vader_valence``, a
# line-by-line transcription of vaderSentiment 3.3's ``sentiment_valence`` and its helpers
# (``scalar_inc_dec``, ``_negation_check``/``negated``, ``_special_idioms_check``,
# ``_least_check``) that lower-cases each word once; then the library's own ``_but_check`` and
# ``score_valence``. ``tests/test_sentiment.py`` checks ``_vader_valence`` against the library's
# ``sentiment_valence`` (``_library_valence``) and the compound against ``polarity_scores``.


class _Window:
    """What ``sentiment_valence`` reads of a ``SentiText``."""

    __slots__ = ("is_cap_diff", "words_and_emoticons")

    def __init__(self, words: list[str], is_cap_diff: bool):
        self.words_and_emoticons = words
        self.is_cap_diff = is_cap_diff


def _library_valence(words: tuple[str, ...], i: int, is_cap_diff: bool) -> float:
    """The library's ``sentiment_valence`` of ``words[i]`` (``words`` = i-3..i+2)."""
    vader = _analyzers()[1]
    return vader.sentiment_valence(0, _Window(list(words), is_cap_diff), words[i], i, [])[0]


@functools.lru_cache(maxsize=262144)
def _vader_valence(words: tuple[str, ...], i: int, is_cap_diff: bool) -> float:
    """:func:`_library_valence`, transcribed (same operations in the same order); ``words``
    hold no whitespace (runs of ``str.split``)."""
    BOOSTER_DICT, C_INCR, N_SCALAR, SPECIAL_CASES, lexicon, negate, idiom_firsts = _vader_lib()
    lows = [w.lower() for w in words]
    item = words[i]
    item_lowercase = lows[i]
    if item_lowercase not in lexicon:
        return 0
    valence = lexicon[item_lowercase]
    if item_lowercase == "no" and i != len(words) - 1 and lows[i + 1] in lexicon:
        valence = 0.0
    if (
        (i > 0 and lows[i - 1] == "no")
        or (i > 1 and lows[i - 2] == "no")
        or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ["or", "nor"])
    ):
        valence = lexicon[item_lowercase] * N_SCALAR
    if item.isupper() and is_cap_diff:
        if valence > 0:
            valence += C_INCR
        else:
            valence -= C_INCR
    for start_i in range(0, 3):
        j = i - (start_i + 1)
        if i > start_i and lows[j] not in lexicon:
            # scalar_inc_dec(words[j], valence, is_cap_diff)
            s = 0.0
            if lows[j] in BOOSTER_DICT:
                s = BOOSTER_DICT[lows[j]]
                if valence < 0:
                    s *= -1
                if words[j].isupper() and is_cap_diff:
                    if valence > 0:
                        s += C_INCR
                    else:
                        s -= C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            # _negation_check(valence, words, start_i, i)
            if start_i == 0:
                if lows[j] in negate or "n't" in lows[j]:
                    valence = valence * N_SCALAR
            if start_i == 1:
                if lows[i - 2] == "never" and (lows[i - 1] == "so" or lows[i - 1] == "this"):
                    valence = valence * 1.25
                elif lows[i - 2] == "without" and lows[i - 1] == "doubt":
                    pass
                elif lows[j] in negate or "n't" in lows[j]:
                    valence = valence * N_SCALAR
            if start_i == 2:
                if (
                    lows[i - 3] == "never"
                    and (lows[i - 2] == "so" or lows[i - 2] == "this")
                    or (lows[i - 1] == "so" or lows[i - 1] == "this")
                ):
                    valence = valence * 1.25
                elif lows[i - 3] == "without" and (
                    lows[i - 2] == "doubt" or lows[i - 1] == "doubt"
                ):
                    pass
                elif lows[j] in negate or "n't" in lows[j]:
                    valence = valence * N_SCALAR
                # _special_idioms_check(valence, words, i)
                if (  # else no n-gram below is a key (see _vader_lib): for speed
                    lows[i - 3] in idiom_firsts
                    or lows[i - 2] in idiom_firsts
                    or lows[i - 1] in idiom_firsts
                    or lows[i] in idiom_firsts
                ):
                    onezero = f"{lows[i - 1]} {lows[i]}"
                    twoonezero = f"{lows[i - 2]} {lows[i - 1]} {lows[i]}"
                    twoone = f"{lows[i - 2]} {lows[i - 1]}"
                    threetwoone = f"{lows[i - 3]} {lows[i - 2]} {lows[i - 1]}"
                    threetwo = f"{lows[i - 3]} {lows[i - 2]}"
                    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
                        if seq in SPECIAL_CASES:
                            valence = SPECIAL_CASES[seq]
                            break
                    if len(lows) - 1 > i:
                        zeroone = f"{lows[i]} {lows[i + 1]}"
                        if zeroone in SPECIAL_CASES:
                            valence = SPECIAL_CASES[zeroone]
                    if len(lows) - 1 > i + 1:
                        zeroonetwo = f"{lows[i]} {lows[i + 1]} {lows[i + 2]}"
                        if zeroonetwo in SPECIAL_CASES:
                            valence = SPECIAL_CASES[zeroonetwo]
                    for n_gram in (threetwoone, threetwo, twoone):
                        if n_gram in BOOSTER_DICT:
                            valence = valence + BOOSTER_DICT[n_gram]
    # _least_check(valence, words, i)
    if i > 1 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
        if lows[i - 2] != "at" and lows[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and lows[i - 1] not in lexicon and lows[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


@functools.cache
def _vader_lib() -> tuple:
    """What :func:`_vader_valence` reads of VADER: ``BOOSTER_DICT``, ``C_INCR``, ``N_SCALAR``,
    ``SPECIAL_CASES``, the lexicon, the negation words and the first words of the keys with a
    space in ``SPECIAL_CASES`` and ``BOOSTER_DICT``. The idiom check looks up n-grams of the
    words i-3 .. i+2 joined by spaces (words hold no whitespace), the first starting at i-3, the
    last at i: a key can only be found when one of the words i-3 .. i is such a first word."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, C_INCR, N_SCALAR, SPECIAL_CASES

    firsts = frozenset(k.split(" ")[0] for k in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in k)
    lexicon = _analyzers()[1].lexicon
    return BOOSTER_DICT, C_INCR, N_SCALAR, SPECIAL_CASES, lexicon, _vader_negate(), firsts


@functools.cache
def _vader_negate() -> frozenset[str]:
    """VADER's negation words (``negated`` tests membership in the list)."""
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE)


def _vader_compound(text: str, cols: tuple[tuple, ...] | None = None) -> float:
    """``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``, exactly; ``cols``:
    :func:`_run_columns` of ``text`` (``SentiText`` splits the stripped text with ``split()``)."""
    if cols is None:
        cols = _run_columns(text)
    flags = cols[_C_FLAG]
    if 2 in flags:  # an emoji
        return _analyzers()[1].polarity_scores(text)["compound"]
    # The lexicon words (flag 1); none: every sentiment 0, compound round(normalize(0.0), 4)
    hits = list(compress(range(len(flags)), flags))
    if not hits:
        return 0.0
    words = cols[_C_WORD]  # SentiText.words_and_emoticons
    lows = cols[_C_LOW]
    if "kind" in lows:  # "kind of" is a booster, not a lexicon word
        last = len(words) - 1
        hits = [i for i in hits if not (i < last and lows[i] == "kind" and lows[i + 1] == "of")]
        if not hits:
            return 0.0
    is_cap_diff = 0 < sum(cols[_C_UPPER]) < len(words)  # allcap_differential(words)
    sentiments: list = [0] * len(words)
    for i in hits:
        lo = i - 3 if i > 3 else 0
        sentiments[i] = _vader_valence(words[lo : i + 3], i - lo, is_cap_diff)
    if "but" in lows:
        sentiments = _analyzers()[1]._but_check(list(words), sentiments)
    # score_valence, its "compound" part
    sum_s = float(sum(sentiments))
    if "!" in text or "?" in text:  # else the library's amplifier is 0.0, a no-op
        punct_emph_amplifier = _analyzers()[1]._punctuation_emphasis(text.strip())
        if sum_s > 0:
            sum_s += punct_emph_amplifier
        elif sum_s < 0:
            sum_s -= punct_emph_amplifier
    return round(_vader_normalize()(sum_s), 4)


@functools.cache
def _vader_normalize():
    """VADER's ``normalize`` (imported once, not per call)."""
    from vaderSentiment.vaderSentiment import normalize

    return normalize


def clause_spans(
    text: str, sentence: Sentence, mentions: Sequence[Mention] = ()
) -> list[tuple[int, int]]:
    """Cut one sentence into clause spans ``(start, end)`` (offsets into ``text``).

    ``mentions`` (those of this sentence) let a comma between two different actors' clauses
    split the sentence too (see the module docstring).
    """
    s0, s1 = sentence.start, sentence.end
    sent = text[s0:s1]
    cuts, spans = _break_spans(sent)
    if len(mentions) > 1:
        ms = [m for m in mentions if s0 <= m.start and m.end <= s1]
        if len(ms) > 1:
            ms.sort(key=_START)
            more = list(cuts)
            local = None  # the mentions' spans in ``sent``, made when first needed
            for a, b in zip(ms, ms[1:], strict=False):
                if a.actor == b.actor or b.start < a.end:
                    continue
                comma = sent.rfind(",", a.end - s0, b.start - s0)
                if comma < 0:
                    continue
                cut = comma + 1
                left_start = max([c for c in more if c <= cut], default=0)
                right_end = min([c for c in more if c > cut], default=len(sent))
                if local is None:
                    local = [(m.start - s0, m.end - s0) for m in ms]
                if _has_content(sent, left_start, cut, local) and _has_content(
                    sent, cut, right_end, local
                ):
                    more.append(cut)
            if len(more) > len(cuts):
                spans = _pieces(sent, sorted(set(more)))
    if not spans:
        return [(s0, s1)]
    return [(s0 + a, s0 + b) for a, b in spans]


@functools.lru_cache(maxsize=4096)
def _break_spans(sent: str) -> tuple[tuple[int, ...], tuple[tuple[int, int], ...]]:
    """``(cuts, clauses)`` of ``sent`` by the breaks of ``_config()`` alone: where a clause
    starts (sorted, not 0 or the end), and the :func:`_pieces` (offsets in ``sent``).
    Cached: the stance module cuts the same sentences of an article again."""
    cfg = _config()
    pre = cfg["may_break"]
    if pre is not None:
        # for speed: most sentences hold no break (see _config)
        uncased, folded, comma_conj = pre
        if (
            not any(map(sent.__contains__, uncased))
            and ("," not in sent or comma_conj.search(sent) is None)
            and (sent.isascii() or not any(map(sent.__contains__, _FOLD_UNSAFE)))
            and not any(map(sent.lower().__contains__, folded))
        ):
            return (), _pieces(sent, ())
    ends = [m.end() for m in cfg["breaks"].finditer(sent)]
    cuts = tuple(sorted(set(ends) - {0, len(sent)})) if ends else ()
    return cuts, _pieces(sent, cuts)


def _pieces(sent: str, cuts: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """The non-blank pieces of ``sent`` between ``cuts`` (sorted), whitespace trimmed."""
    if not cuts:  # for speed: one piece, the whole of ``sent``
        lead = len(sent) - len(sent.lstrip())
        trail = len(sent.rstrip())
        return ((lead, trail),) if trail > lead else ()
    bounds = [0, *cuts, len(sent)]
    spans = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = sent[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            spans.append((a + lead, a + trail))
    return tuple(spans)


_START = operator.attrgetter("start")


def _has_content(sent: str, a: int, b: int, mention_spans: Sequence[tuple[int, int]]) -> bool:
    """Does ``sent[a:b]`` hold a word outside every actor mention (spans in ``sent``)?"""
    for w in _WORD.finditer(sent, a, b):
        ws, we = w.span()
        for ms, me in mention_spans:
            if ms <= ws and we <= me:
                break
        else:
            return True
    return False


@functools.lru_cache(maxsize=65536)
def _is_attribution(window: str) -> bool:
    cfg = _config()
    if cfg["too_long"].match(window) is not None:  # more than max_words words, found fast
        return False
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
        whole = (sent.start, sent.end)
        spans = clause_spans(text, sent, [mentions[i] for i in idxs])
        chosen: dict[tuple[int, int], tuple[int, int]] = {}  # clause -> window, per sentence
        for i in idxs:
            start = mentions[i].start
            span = whole
            for sp in spans:
                if sp[0] <= start < sp[1]:
                    span = sp
                    break
            win = chosen.get(span)
            if win is None:
                win = whole if _is_attribution(text[span[0] : span[1]]) else span
                chosen[span] = win
            out[i] = win
    return out


def _actor_windows(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]
) -> dict[str, dict]:
    """actor -> {type, affiliation, windows: {span: sent_id}, n_mentions} in first-seen order."""
    wins = windows(text, sentences, mentions)
    actors: dict[str, dict] = {}
    for i, m in enumerate(mentions):
        win = wins.get(i)
        if win is None:
            continue
        rec = actors.get(m.actor)
        if rec is None:
            rec = actors[m.actor] = {"actor_type": m.actor_type, "windows": {}, "n_mentions": 0}
        rec["n_mentions"] += 1
        rec["windows"].setdefault(win, m.sent_id)
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
        pols, subjs, vaders = zip(*scores, strict=True)
        n = len(scores)
        rows.append(
            {
                "actor": actor,
                "n_sentences": len(set(rec["windows"].values())),
                "polarity": sum(pols) / n,
                "subjectivity": sum(subjs) / n,
                "actor_type": rec["actor_type"],
                "vader_compound": sum(vaders) / n,
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
