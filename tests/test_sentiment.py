"""Tests for storylens.sentiment: clause windows, scoring once, aggregation, disagreements."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from storylens import sentiment
from storylens.model import Mention, Sentence


def _m(text: str, sid: int, actor: str, surface: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(sid, actor, "country", surface, start, start + len(surface))


def test_two_actors_in_one_sentence_get_their_own_clause():
    text = "Russia attacked the convoy in a terrible assault, Ukraine praised the wonderful troops."
    sents = [Sentence(0, 0, len(text))]
    ments = [_m(text, 0, "Russia", "Russia"), _m(text, 0, "Ukraine", "Ukraine")]
    rows = {r["actor"]: r for r in sentiment.actor_sentiment(text, sents, ments)}
    assert rows["Russia"]["polarity"] < 0 < rows["Ukraine"]["polarity"]


def test_list_of_names_is_not_split():
    text = "Macron, Starmer and Merz gave a wonderful speech."
    sents = [Sentence(0, 0, len(text))]
    ments = [_m(text, 0, a, a) for a in ("Macron", "Starmer", "Merz")]
    spans = sentiment.clause_spans(text, sents[0], ments)
    assert spans == [(0, len(text))]


def test_conjunction_and_dash_breaks():
    text = "Ukraine won a great victory, but Russia suffered a terrible loss — Poland waited."
    sents = [Sentence(0, 0, len(text))]
    spans = sentiment.clause_spans(text, sents[0])
    pieces = [text[a:b] for a, b in spans]
    assert pieces[0] == "Ukraine won a great victory,"
    assert pieces[1].startswith("but Russia")
    assert pieces[-1] == "Poland waited."


def test_attribution_clause_widens_to_sentence():
    text = "“It is a terrible, awful plan,” said Heisbourg."
    sents = [Sentence(0, 0, len(text))]
    ments = [_m(text, 0, "Heisbourg", "Heisbourg")]
    (row,) = sentiment.actor_sentiment(text, sents, ments)
    assert row["polarity"] < 0


def test_aggregation_counts_window_once_and_keys():
    text = "Russia and Russia again did a terrible thing. Russia was great."
    sents = [Sentence(0, 0, 45), Sentence(1, 46, len(text))]
    ments = [
        _m(text, 0, "Russia", "Russia"),
        _m(text, 0, "Russia", "Russia", 1),
        _m(text, 1, "Russia", "Russia", 2),
    ]
    (row,) = sentiment.actor_sentiment(text, sents, ments)
    assert row["n_mentions"] == 3 and row["n_windows"] == 2 and row["n_sentences"] == 2
    bad = sentiment.score_text(text[0:45])[0]
    good = sentiment.score_text(text[46:])[0]
    assert row["polarity"] == pytest.approx((bad + good) / 2)
    assert row["min_polarity"] == pytest.approx(bad) and row["max_polarity"] == pytest.approx(good)
    for key in ("actor", "n_sentences", "polarity", "subjectivity", "actor_type",
                "vader_compound", "n_mentions", "min_polarity", "max_polarity"):  # fmt: skip
        assert key in row


def test_each_window_scored_once(monkeypatch):
    calls = []
    real = sentiment.score_text

    def counting(window):
        calls.append(window)
        return real(window)

    monkeypatch.setattr(sentiment, "score_text", counting)
    text = "Russia, Ukraine and Poland met in a fine hall."
    sents = [Sentence(0, 0, len(text))]
    ments = [_m(text, 0, a, a) for a in ("Russia", "Ukraine", "Poland")]
    sentiment.actor_sentiment(text, sents, ments)
    assert len(calls) == 3  # one window per actor, the same span: the lru cache scores it once
    assert len(set(calls)) == 1


def test_sentence_scores_and_disagreements():
    text = "Russia fought hard. Ukraine was happy."
    sents = [Sentence(0, 0, 19), Sentence(1, 20, len(text))]
    ments = [_m(text, 0, "Russia", "Russia"), _m(text, 1, "Ukraine", "Ukraine")]
    scores = sentiment.sentence_scores(text, sents, ments, doc_id="d")
    assert list(scores["actor"]) == ["Russia", "Ukraine"]
    assert {"doc_id", "sent_id", "actor", "polarity", "vader", "text"} <= set(scores.columns)
    fake = pd.DataFrame(
        {"polarity": [0.5, -0.3, 0.02, 0.4], "vader": [-0.6, -0.5, -0.9, 0.4], "text": list("abcd")}
    )
    dis = sentiment.disagreements(fake, dead_zone=0.05)
    assert list(dis["text"]) == ["a"]


def test_no_mentions_no_rows():
    assert sentiment.actor_sentiment("Nothing here.", [Sentence(0, 0, 13)], []) == []
    assert sentiment.sentence_scores("x", [], []).empty


@pytest.mark.parametrize(
    "window",
    ["NATO Secretary General’s office,", "a horrible, terrible war", "Nothing to see: 3 km.", "ok"],
)
def test_score_text_matches_textblob_and_vader(window):
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    ref = TextBlob(window).sentiment
    pol, subj, vad = sentiment.score_text(window)
    assert pol == pytest.approx(ref.polarity) and subj == pytest.approx(ref.subjectivity)
    assert vad == pytest.approx(SentimentIntensityAnalyzer().polarity_scores(window)["compound"])


# --- exactness of the fast scorers against the libraries ---------------------------------------
#
# ``score_text`` re-uses the libraries' internals without their per-call overhead (see the
# comments in sentiment.py). These tests hold it to the libraries' own numbers, exactly, on the
# seeds' sentences and clause windows, the benchmark corpus' sentences, hand-picked edge cases
# and hypothesis-generated text.

_EDGE_CASES = [
    "",
    " ",
    "ok",
    "Make sure you :) or :D today!",
    "Today only kinda sux! But I'll get by, lol",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "He is not very good, and never really bad (!) at all.",
    "It was ( ! ) great",
    "Talks in Mexico. O'Brien was pleased :-( really",
    "The G8 (founded 1975 8) met; x D great",
    "a good plan\n\nEND-OF-SENTENCE a bad plan",
    "a good plan END-OF-SENTENCE. a bad one",
    "Line one is good.\r\nLine two is bad.",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "no good, no bad, not bad at all, without doubt wonderful",
    "never so happy; the shit; the bomb; kiss of death; yeah right",
    "He said “terrible”, she said ‘wonderful’ — they’re ‘not sure’...",
    "U.S. Mr. Macron e.g. a.m. etc. wonderful... terribly!!! ??? ?",
    "Really really REALLY good but not great, but awful",
    "least good; at least good; very least good",
    "It's nice, I'd say; we'll see; you're great; they've won; can't lose",
    "<3 ♥ >:D 8-) ;-) o_O :'( >:[ =/ :/",
    "Ukraine’s allies won’t send troops without a US backstop, Mr. Trump said.",
    "\tTabs\tand  double  spaces\u00a0non-breaking\u2009thin good\u3000ideographic bad",
]


def _texts_from_corpora() -> list[str]:
    from storylens import bench
    from storylens.load import read_corpus
    from storylens.paths import SEEDS_DIR
    from storylens.sentences import split_sentences

    texts: set[str] = set()
    seeds = read_corpus(SEEDS_DIR)
    for text in seeds.articles["text"]:
        for s in split_sentences(text):
            texts.add(text[s.start : s.end])
            for a, b in sentiment.clause_spans(text, s):
                texts.add(text[a:b])
    for art in bench.build_articles(80, seed=11):
        for para in art.paragraphs:
            for s in split_sentences(para):
                texts.add(para[s.start : s.end])
    return sorted(texts)


@functools.cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _reference(text: str) -> tuple[float, float, float]:
    """What the libraries say: ``TextBlob(text).sentiment`` and VADER's compound."""
    from textblob import TextBlob

    pol, subj = TextBlob(text).sentiment
    return float(pol), float(subj), float(_vader().polarity_scores(text)["compound"])


def _fast(text: str) -> tuple[float, float, float]:
    pol, subj = sentiment._pattern_score(text)
    return float(pol), float(subj), float(sentiment._vader_compound(text))


def test_fast_scores_equal_the_libraries_on_corpora_and_edge_cases():
    texts = _texts_from_corpora() + _EDGE_CASES
    assert len(texts) > 2000
    bad = [(t, _reference(t), _fast(t)) for t in texts if _reference(t) != _fast(t)]
    assert not bad, bad[:5]
    for t in _EDGE_CASES:
        assert sentiment.score_text(t) == _reference(t)


def _vocabulary() -> list[str]:
    from textblob._text import EMOTICONS, replacements
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES

    pattern, vader, _ = sentiment._analyzers()
    words = sorted(dict.keys(pattern))[::40] + sorted(vader.lexicon)[::60]
    words += list(NEGATE) + list(BOOSTER_DICT) + list(SPECIAL_CASES) + list(replacements)
    words += [e for v in EMOTICONS.values() for e in v]
    words += ["not", "no", "never", "n't", "but", "BUT", "kind", "of", "least", "at", "very"]
    words += ["!", "?", "(!)", "(", ")", ".", "...", ",", ";", ":", "'", '"', "“", "”", "’", "—"]
    words += ["U.S.", "Mr.", "e.g.", "8", "x", "D", "O", "o", "GOOD", "Bad", "END-OF-SENTENCE"]
    words += ["💘", "😁", "really", "terribly", "quite", "Macron", "Kyiv", "troops", "2018"]
    return sorted(set(words))


try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _SEPARATORS = st.sampled_from([" ", " ", " ", "", "  ", "\t", "\n", "\n\n", "\u00a0", ", "])

    @settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.lists(
            st.tuples(st.sampled_from(_vocabulary()), _SEPARATORS),
            max_size=25,
        )
    )
    def test_fast_scores_equal_the_libraries_on_generated_word_salad(parts):
        text = "".join(w + sep for w, sep in parts)
        assert _fast(text) == _reference(text)

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
    def test_fast_scores_equal_the_libraries_on_arbitrary_text(text):
        assert _fast(text) == _reference(text)


def test_vader_valence_transcription_equals_the_library():
    """``_vader_valence`` (transcribed) against VADER's own ``sentiment_valence`` on random
    windows of negations, boosters, idioms, "no"/"least"/"never so"/"without doubt" and
    lexicon words, in mixed case."""
    import random

    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES

    lexicon = sentiment._analyzers()[1].lexicon
    rnd = random.Random(20)
    phrases = [k.split() for k in (*SPECIAL_CASES, *BOOSTER_DICT)]
    phrases += [["never", "so"], ["never", "this"], ["without", "doubt"], ["at", "least"]]
    phrases += [["very", "least"], ["no", "or"], ["no", "nor"], ["kind", "of"], ["isn't"]]
    singles = [*NEGATE, *BOOSTER_DICT, "no", "least", "so", "this", "doubt", "or", "nor"]
    singles += rnd.sample(sorted(lexicon), 300) + ["Russia", "troops", "the", "a", "n't"]
    checked = 0
    while checked < 40000:
        words: list[str] = []
        while len(words) < 6:
            words += rnd.choice(phrases) if rnd.random() < 0.4 else [rnd.choice(singles)]
        start = rnd.randrange(len(words))
        words = words[start : start + rnd.randint(1, 6)]
        words = [w.upper() if rnd.random() < 0.15 else w for w in words]
        hits = [k for k, w in enumerate(words) if w.lower() in lexicon]
        if not hits:
            continue
        i = rnd.choice(hits)
        for cap in (False, True):
            got = sentiment._vader_valence.__wrapped__(tuple(words), i, cap)
            want = sentiment._library_valence(tuple(words), i, cap)
            assert (got, type(got)) == (want, type(want)), (words, i, cap)
            checked += 1


# --- TextBlob without NLTK ---------------------------------------------------------------------


def test_private_textblob_loader_builds_the_packages_lexicon_and_tokenizer(monkeypatch):
    """Without ``textblob`` imported, storylens loads ``textblob/_text.py`` itself and builds
    ``textblob.en.sentiment`` as the package does: same lexicon, same settings, same tokens."""
    import sys

    import textblob.en as en

    ref = en.sentiment
    ref("good")  # the lexicon loads lazily
    monkeypatch.delitem(sys.modules, "textblob._text")
    monkeypatch.delitem(sys.modules, "textblob.en")
    text = sentiment._textblob_text.__wrapped__()  # the cached one may be the package's
    assert text.__name__ == "storylens._textblob_text"
    monkeypatch.setattr(sentiment, "_textblob_text", lambda: text)
    mine = sentiment._english_sentiment()
    mine("good")
    assert type(mine).__mro__[1] is text.Sentiment
    assert dict(mine.items()) == dict(ref.items()) and len(mine) > 2000
    for attr in ("labeler", "_synsets", "_synset", "_confidence", "_language"):
        assert getattr(mine, attr) == getattr(ref, attr), attr
    assert (mine.negations, mine.modifiers) == (ref.negations, ref.modifiers)
    assert mine.modifier("badly") and not mine.modifier("bad")
    for s in _EDGE_CASES + ["U.S. officials said (on Monday) that it's “terribly” good..."]:
        assert mine.tokenizer(s) == ref.tokenizer(s)
        assert mine(s) == ref(s)


def test_scoring_imports_neither_nltk_nor_scipy(tmp_path):
    """``import textblob`` costs NLTK and SciPy's statistics (seconds per process); the
    pipeline must not need them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from storylens import pipeline\n"
        "pipeline.warm_up()\n"
        "print(sorted(m for m in ('nltk', 'scipy.stats', 'textblob') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "[]", out.stderr
