"""Property-based tests (hypothesis) for the per-article stages (issue 7).

For the cleaner, the sentence splitter, the actor tagger, the quote and claim extractors and the
whole per-article stage: no exception on any text; every span lies inside its text and equals
``text[start:end]``; sentences are non-overlapping, increasing and numbered 0..n-1; cleaning is
idempotent.

Texts come from two sources: news-like text built from a pool of awkward tokens (names, titles,
abbreviations, curly and straight quotes, numbers of every shape, furniture, HTML, emoji, RTL,
combining marks, very long words, odd line ends) and plain ``st.text()``. The loader
(:func:`storylens.load.normalise_text`) guarantees the cleaner LF line ends, NFC and no control
characters (no NUL); the stages after the cleaner see the cleaner's output. Each property is
checked on that realistic input, and "no exception" also on raw, unnormalised text.

Runs are reproducible (``derandomize=True``, no example database) and bounded (see ``N``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens import claims, quotes, sentences
from storylens.actors import Gazetteer, tag_actors
from storylens.clean import clean_text
from storylens.load import normalise_text
from storylens.model import Claim, Mention, Quote, Sentence
from storylens.pipeline import analyze_document

#: Bug hunting: STORYLENS_HYPOTHESIS_EXPLORE=5000 pytest tests/test_properties.py runs that many
#: random (not derandomized) examples per test. Unset (CI, ``make test``): reproducible and fast.
EXPLORE = int(os.environ.get("STORYLENS_HYPOTHESIS_EXPLORE", "0") or 0)


def props(n: int):
    """Reproducible, bounded settings: ``n`` examples, no deadline, no example database."""
    return settings(
        max_examples=EXPLORE or n,
        deadline=None,
        derandomize=not EXPLORE,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- strategies ----------------------------------------------------------------------------------


def _pool(text: str) -> list[str]:
    """Pool entries are separated by " | " (so they can hold spaces and most punctuation)."""
    return [t.strip("\n") for t in text.split(" | ")]


NAMES = _pool(
    "Volodymyr Zelensky | Zelenskyy | Zelensky's | President Trump | Trump | Donald J. Trump | "
    "Emmanuel Macron | Macron | Keir Starmer | Prime Minister Keir Starmer | Vladimir Putin | "
    "Putin’s | Mark Rutte | NATO | the Kremlin | Kremlin | the Pentagon | Ukraine | Ukrainian | "
    "Ukrainians | Russia | Russian | Moscow | Kyiv | Kiev | Washington | Britain | France | "
    "the White House | European Union | EU | the E.U. | U.S. | the U.S. | U.K. | Gen. Dan Caine | "
    "Air Force Gen. Dan Caine | Mr. | Mrs. | Dr. | Sen. | Rep. | Secretary of State Marco Rubio | "
    "Rubio | a senior official | a Western official | officials | the spokesperson | Anna Berg | "
    "Jean-Noël Barrot | Sergei Lavrov | Lavrov | Xi Jinping | Beijing | CGTN | Reuters | AP | "
    "REUTERS/Sofiia Gatilova"
)
WORDS = _pool(
    "said | says | told | reporters | according to | added | warned | insisted | asked | that | "
    "the | a | an | of | to | in | on | and | but | not | would | could | will | troops | soldiers | "
    "force | forces | countries | nations | days | years | percent | per cent | % | deploy | send | "
    "support | oppose | backs | rejects | peace | ceasefire | security guarantees | no-fly zone | "
    "ground troops | air power | Tuesday | Thursday | August | Aug. | Sept. | No. | etc. | a.m. | "
    "Inc. | Jr. | J. | about | around | nearly | more than | up to | at least | between | and | "
    "as many as | fewer than | some | dozens of | hundreds | billion | million"
)
NUMBERS = _pool(
    "30,000 | 3½ | ½ | tens of thousands | thousands | Article 5 | article 5 | 5 | 0 | 1.5 | "
    "10,000-15,000 | 10,000 to 15,000 | $1.2 billion | €50m | £3bn | 50% | 5.5% | one | two | "
    "twenty-six | 26 | 1945 | 2025 | 80 years | August 21, 2025 | 2025-08-21 | 21 August 2025 | "
    "+44 20 7946 0958 | (202) 555-0143 | 555-0143 | 10120180008 | 互联网新闻信息许可证10120180008 | "
    "© 2025 Example Times | 1,000,000,000,000 | 1e309 | 0.000001 | ½% | ٣٠ | ३० | １２ | Ⅻ | ² | "
    "3-4 | 24/7 | 7/24"
) + ["9" * 40]
PUNCT = [*'.,.,!?…:;—–-“”""‘’\'()[]«»/|*#&', "..."]
SPACE = [" ", " ", " ", " ", "\n", "\n\n", "\n\n", "\t", "  ", "\u00a0", "\u2009"]
RAW_SPACE = ["\r\n", "\r", "\u2028", "\x0b", "\x0c", "\u0085"]
ODD = _pool(
    "<p> | </p> | <script>alert(1)</script> | <img src=x onerror=alert(1)> | <br/> | <!-- c --> | "
    "&amp; | &nbsp; | &#8220; | 🇺🇦 | 👍🏽 | 👨\u200d👩\u200d👧 | 😀 | مرحبا بالعالم | שלום | \u202e | "
    "\u200f | \u200b | e\u0301 | \u0301 | a\u0308\u0323 | ﬁ | İ | ß | ǅ | Ω | \ufeff | \ue000 | "
    "\U0001d400 | Advertisement | Share this article | Read more: | Photo: Jane Doe/AFP | "
    "By Rodney Mbua | Published August 21, 2025 | Updated 12:30 GMT | Home World News | "
    "CHOOSE YOUR LANGUAGE | Cookies help us deliver our services. By using our services, you agree "
    "to our use of cookies."
) + ["Supercalifragilistic" * 40, "x" * 3000]

news_token = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(WORDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACE),
    st.sampled_from(ODD),
    st.text(max_size=4),
)
raw_token = st.one_of(news_token, st.sampled_from(RAW_SPACE), st.just("\x00"))


def _join(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and tok[:1].isalnum() and out[-1][-1:].isalnum():
            out.append(" ")
        out.append(tok)
    return "".join(out)


word_token = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(NUMBERS),
    st.sampled_from(PUNCT[:12]),
)


@st.composite
def news_sentence(draw) -> str:
    """A sentence-shaped string: words, maybe quoted, maybe attributed, with an ending."""
    body = " ".join(draw(st.lists(word_token, min_size=1, max_size=14)))
    shape = draw(st.integers(0, 5))
    who = draw(st.sampled_from(NAMES))
    verb = draw(st.sampled_from(["said", "told reporters", "warned", "added", "says"]))
    end = draw(st.sampled_from([".", ".", "?", "!", "…", "", ".”", "?”"]))
    if shape == 1:
        return f"“{body},” {who} {verb}."
    if shape == 2:
        return f'{who} {verb}: "{body}{end}"'
    if shape == 3:
        return f"{who} {verb} that {body}{end}"
    if shape == 4:
        return f"According to {who}, {body}{end}"
    return body + end


news_paragraph = st.lists(news_sentence(), min_size=1, max_size=5).map(" ".join)
#: News-like text, as the loader would hand it over (LF, NFC, no control characters).
news_text = st.one_of(
    st.lists(st.one_of(news_paragraph, news_paragraph, st.sampled_from(ODD)), max_size=8).map(
        "\n\n".join
    ),
    st.lists(news_token, max_size=80).map(_join),
).map(normalise_text)
#: Anything: news-like tokens with raw line ends and NULs, or plain unicode.
raw_text = st.one_of(
    st.lists(raw_token, max_size=80).map(_join),
    st.text(max_size=300),
)
#: What the stages after the cleaner receive.
cleaned_text = news_text.map(lambda t: clean_text(t)[0])
#: For the stages: cleaned news-like text, loader-normalised plain text, or raw text.
stage_text = st.one_of(cleaned_text, st.text(max_size=300).map(normalise_text), raw_text)


# --- invariants ----------------------------------------------------------------------------------


def check_sentences(text: str, sents: list[Sentence]) -> None:
    assert [s.sent_id for s in sents] == list(range(len(sents)))
    prev_end = 0
    for s in sents:
        assert 0 <= s.start < s.end <= len(text), s
        assert s.start >= prev_end, f"{s} overlaps or precedes the sentence before"
        piece = text[s.start : s.end]
        assert piece == piece.strip(), f"sentence {s.sent_id} has surrounding whitespace"
        prev_end = s.end


def _span(text: str, rec, surface: str) -> None:
    assert 0 <= rec.start <= rec.end <= len(text), rec
    assert text[rec.start : rec.end] == surface, (rec, text[rec.start : rec.end])


def check_mentions(text: str, sents: list[Sentence], ments: list[Mention]) -> None:
    for m in ments:
        _span(text, m, m.surface)
        assert m.surface, m
        assert 0 <= m.sent_id < len(sents), m
        s = sents[m.sent_id]
        assert s.start <= m.start and m.end <= s.end, f"{m} is not inside its sentence {s}"


def check_quotes(text: str, sents: list[Sentence], quots: list[Quote]) -> None:
    for q in quots:
        _span(text, q, q.quote)
        assert q.kind in {"direct", "partial", "reported"}, q
        assert 0 <= q.sent_id < len(sents), q


def check_claims(text: str, sents: list[Sentence], clms: list[Claim]) -> None:
    for c in clms:
        _span(text, c, c.surface)
        assert 0 <= c.sent_id < len(sents), c
        s = sents[c.sent_id]
        assert s.start <= c.start and c.end <= s.end, f"{c} is not inside its sentence {s}"
        assert c.qualifier in {"exact", "approx", "up_to", "at_least", "range", "vague"}, c
        if c.low is not None and c.high is not None:
            assert c.low <= c.high, c


GAZ = Gazetteer.load()


# --- the cleaner ---------------------------------------------------------------------------------


@props(150)
@given(news_text)
def test_cleaning_is_idempotent(text):
    once, _ = clean_text(text)
    twice, removed = clean_text(once)
    assert twice == once, f"second pass removed {removed}"


@props(100)
@given(st.text(max_size=300).map(normalise_text))
def test_cleaning_plain_unicode_is_idempotent(text):
    once, _ = clean_text(text)
    assert clean_text(once)[0] == once


@props(100)
@given(raw_text)
def test_cleaner_never_raises_and_keeps_or_lists_every_line(text):
    cleaned, furniture = clean_text(text)
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    kept = [ln for ln in cleaned.split("\n\n") if ln]
    assert len(kept) + len(furniture) == len(lines), "a line was neither kept nor listed"
    for f in furniture:
        assert 1 <= f.line_no <= len(lines) and lines[f.line_no - 1] == f.text, f


# --- the splitter --------------------------------------------------------------------------------


@props(150)
@given(stage_text)
def test_sentences_are_ordered_disjoint_and_numbered(text):
    check_sentences(text, sentences.split_sentences(text))


# --- tagger, quotes, claims ----------------------------------------------------------------------


@props(120)
@given(stage_text)
def test_mentions_are_spans_of_the_text(text):
    sents = sentences.split_sentences(text)
    check_mentions(text, sents, tag_actors(text, sents, GAZ))


@props(120)
@given(stage_text)
def test_quotes_are_spans_of_the_text(text):
    sents = sentences.split_sentences(text)
    ments = tag_actors(text, sents, GAZ)
    check_quotes(text, sents, quotes.extract_quotes(text, sents, ments, GAZ))


@props(120)
@given(stage_text)
def test_claims_are_spans_of_the_text(text):
    sents = sentences.split_sentences(text)
    ments = tag_actors(text, sents, GAZ)
    quots = quotes.extract_quotes(text, sents, ments, GAZ)
    check_claims(text, sents, claims.extract_claims(text, sents, mentions=ments, quotes=quots))


# --- the whole per-article stage -----------------------------------------------------------------


@props(80)
@given(stage_text)
def test_analyze_document_never_raises_and_every_span_holds(text):
    res = analyze_document("doc", text)
    check_sentences(text, res.sentences)
    check_mentions(text, res.sentences, res.mentions)
    check_quotes(text, res.sentences, res.quotes)
    check_claims(text, res.sentences, res.claims)
    for row in [*res.sentiment, *res.stance]:
        assert row["actor"], row
    for row in res.stance:
        assert row["stance"] in {"support", "oppose", "conditional", "mixed", "neutral"}, row
