"""Tests for storylens.sentiment: clause windows, scoring once, aggregation, disagreements."""

from __future__ import annotations

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
