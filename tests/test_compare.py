"""Tests for storylens.compare: similarity, aligned passages, wire groups, fingerprints."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens import compare
from storylens.model import Sentence

_SENT = re.compile(r"[^.!?]+[.!?]")


def _split(text: str) -> list[Sentence]:
    """A tiny splitter for hand-made fixtures (one sentence per '.', '!' or '?')."""
    out = []
    for m in _SENT.finditer(text):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        out.append(Sentence(len(out), start, m.end()))
    return out


def _run(docs: dict[str, str], **kw):
    arts = pd.DataFrame({"doc_id": list(docs), "text": list(docs.values())})
    sents = {d: _split(t) for d, t in docs.items()}
    return compare.similarity(arts, sentences=sents, **kw)


WIRE = (
    "The defence ministers of nine countries met in Lisbon to draw up a maritime patrol plan "
    "for the northern shipping lanes. "
    "The plan would place frigates and patrol aircraft along the disputed fishing grounds "
    "from the spring onwards. "
    "Critics warned that the patrols could provoke a confrontation with trawler fleets "
    "that have fished the waters for generations. "
    "The harbour authority said the new rules would double inspection fees for foreign vessels "
    "landing catches at the main port."
)
REWORDED = (
    "Ministers in charge of defence from nine nations gathered in Lisbon on Monday to prepare "
    "a maritime patrol plan covering the northern shipping lanes. "
    "Frigates and patrol aircraft would be placed along the disputed fishing grounds starting "
    "in spring under the plan. "
    "Opponents cautioned that such patrols might provoke a confrontation with trawler fleets "
    "which have worked those waters for generations."
)
UNRELATED = (
    "A bakery in the old town won a national prize for its rye bread after a blind tasting. "
    "The owner credited a sourdough starter kept alive by her grandmother since the war years. "
    "Queues formed outside the shop before dawn as news of the award spread across the city."
)
# shares names and stock phrases with WIRE but no wording
SAME_NAMES = (
    "Officials said on Monday that the ministers met in Lisbon again, officials said. "
    "In Lisbon the ministers said on Monday that talks in Lisbon were useful and constructive. "
    "A spokesperson said on Tuesday that nothing had been decided about any schedule yet."
)


def test_verbatim_copy_is_top_pair_and_wire():
    pairs, passages = _run({"a": WIRE, "b": WIRE, "c": UNRELATED})
    top = pairs.iloc[0]
    assert (top.doc_a, top.doc_b) == ("a", "b")
    assert top.score > 0.9 and top.wire_copy
    assert top.containment == pytest.approx(1.0)
    assert set(passages["match"]) == {"verbatim"}
    assert len(passages) == 4
    assert not pairs[pairs.doc_b == "c"]["wire_copy"].any()


def test_reworded_copy_is_aligned_and_beats_unrelated():
    pairs, passages = _run({"a": WIRE, "b": REWORDED, "c": UNRELATED})
    top = pairs.iloc[0]
    assert (top.doc_a, top.doc_b) == ("a", "b")
    assert top.jaccard < 0.2  # little verbatim text: the alignment is what finds it
    assert top.shared_passages >= 3 and top.wire_copy
    got = {(r.sent_a, r.sent_b) for r in passages.itertuples()}
    assert {(0, 0), (1, 1), (2, 2)} <= got
    assert set(passages["match"]) == {"reworded"}
    assert (pairs["score"].iloc[1:] < top.score / 2).all()
    # texts come from the articles, side by side, at the given offsets
    r = passages.iloc[0]
    assert WIRE[r.start_a : r.end_a] == r.text_a and REWORDED[r.start_b : r.end_b] == r.text_b


def test_shared_names_and_stock_phrases_are_not_passages():
    pairs, passages = _run({"a": WIRE, "b": SAME_NAMES})
    assert passages.empty
    assert not pairs["wire_copy"].any()


RELEASE_QUOTES = (
    '"Our fleets have fished these waters for generations and will not be pushed out by '
    "patrols,\" the federation's chair said in a statement on Monday. "
    '"We will take our case to every court in Europe if the inspection fees are doubled," she '
    "added in the same statement."
)
STORY_A = (
    "Fishing crews in the northern ports tied up their boats on Tuesday in protest at the plan. "
    "Harbour masters counted more than forty trawlers idle at the quays by the afternoon. "
    + RELEASE_QUOTES
    + " Dock workers said the stoppage would cost the ports a week of landings at least. "
    "Local councils asked the government for an emergency fund to cover the lost income. "
    "Fishmongers in the market towns said prices for cod and haddock had already risen sharply. "
    "A co-operative of small boat owners voted to join the protest from Thursday morning. "
    "Police said the blockade of the ferry terminal had been lifted without any arrests. "
    "Tourist boats were allowed through the harbour mouth after a short delay at noon. "
    "Union leaders plan a march on the regional assembly at the end of the month."
)
STORY_B = (
    "The defence ministry defended the patrol scheme in parliament on Wednesday afternoon. "
    "Opposition deputies demanded a vote before any frigate sails to the fishing grounds. "
    + RELEASE_QUOTES
    + " Analysts in the capital expect the coalition to survive the vote by a narrow margin. "
    "Budget officials put the cost of the patrols at several hundred million over five years. "
    "The navy chief told a committee hearing that two new frigates would be ready by spring. "
    "Neighbouring states have asked to see the rules of engagement before the first patrol. "
    "A retired admiral warned that the plan stretched a fleet already short of sailors. "
    "The prime minister is due to meet fishing leaders in the capital next week. "
    "Diplomats said a joint patrol with two allies was still being discussed in private."
)


def test_outlets_quoting_the_same_release_are_not_wire_copies():
    # two passages in common (the release's quotes) but different reporting around them
    pairs, passages = _run({"a": STORY_A, "b": STORY_B})
    row = pairs.iloc[0]
    assert row.shared_passages == 2
    assert row.score < 0.3 and not row.wire_copy


def test_short_article_contained_in_longer_one():
    short = " ".join(_SENT.findall(WIRE)[1:3]).strip()
    longer = UNRELATED + " " + WIRE + " " + UNRELATED.replace("bakery", "butcher")
    pairs, passages = _run({"long": longer, "short": short, "z": SAME_NAMES})
    row = pairs[(pairs.doc_a == "long") & (pairs.doc_b == "short")].iloc[0]
    assert row.containment > 0.9 and row.jaccard < 0.5
    assert row.coverage > 0.9 and row.wire_copy
    assert row.score == pairs["score"].max()
    assert len(passages[passages.doc_b == "short"]) == 2


def test_min_words_excludes_short_sentences():
    a = "Ships sail north today. " + WIRE
    pairs, passages = _run({"a": a, "b": a}, min_words=30)
    assert passages.empty  # every fixture sentence is shorter than 30 words
    pairs, passages = _run({"a": a, "b": a}, min_words=8)
    assert len(passages) == 4  # the four-word sentence never takes part


def _corpus(n: int, seed: int = 7) -> dict[str, str]:
    """Articles built from random filler; a few pairs are (reworded) copies."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]

    def sentence():
        return " ".join(rng.choice(vocab) for _ in range(14)).capitalize() + "."

    docs = {f"d{i:03d}": " ".join(sentence() for _ in range(12)) for i in range(n)}
    for src, dst in [("d001", "d017"), ("d005", "d030"), ("d012", "d041")]:
        sents = _SENT.findall(docs[src])
        kept = [s.replace(s.split()[3], "changed", 1) for s in sents[:8]]
        docs[dst] = " ".join(kept) + " " + sentence()
    return docs


def test_lsh_path_finds_the_same_top_pairs_as_exact():
    docs = _corpus(45)
    exact, p_exact = _run(docs, method="exact")
    lsh, p_lsh = _run(docs, switch_at=10)  # auto, forced over the switch point
    assert set(exact["method"]) == {"exact"} and set(lsh["method"]) == {"lsh"}
    assert len(exact) == 45 * 44 // 2
    assert len(lsh) < len(exact)  # only candidates are listed
    top = {("d001", "d017"), ("d005", "d030"), ("d012", "d041")}
    assert set(zip(exact.doc_a[:3], exact.doc_b[:3], strict=True)) == top
    assert set(zip(lsh.doc_a[:3], lsh.doc_b[:3], strict=True)) == top
    cols = ["doc_a", "doc_b", "score", "shared_passages"]
    merged = lsh[cols].merge(exact[cols], on=["doc_a", "doc_b"], suffixes=("_l", "_e"))
    assert (merged.score_l - merged.score_e).abs().max() < 1e-6
    pd.testing.assert_frame_equal(p_exact, p_lsh)


def test_deterministic_and_order_independent():
    docs = {"a": WIRE, "b": REWORDED, "c": UNRELATED, "d": SAME_NAMES}
    p1, s1 = _run(docs)
    p2, s2 = _run(dict(reversed(list(docs.items()))))
    pd.testing.assert_frame_equal(p1, p2)
    pd.testing.assert_frame_equal(s1, s2)
    assert list(p1.columns[:4]) == ["doc_a", "doc_b", "score", "shared_passages"]
    assert (p1.doc_a < p1.doc_b).all()
    assert p1["score"].is_monotonic_decreasing
    assert p1["score"].between(0, 1).all()


@pytest.mark.parametrize("docs", [{}, {"only": WIRE}])
def test_empty_and_single_article_give_empty_tables(docs):
    pairs, passages = _run(docs)
    assert pairs.empty and passages.empty
    assert list(pairs.columns) == compare.PAIR_COLUMNS
    assert list(passages.columns) == compare.PASSAGE_COLUMNS


def test_bad_method_is_rejected():
    with pytest.raises(ValueError):
        _run({"a": WIRE, "b": UNRELATED}, method="fast")


def test_default_splitter_is_used_when_no_sentences_given():
    arts = pd.DataFrame({"doc_id": ["a", "b"], "text": [WIRE, REWORDED]})
    pairs, passages = compare.similarity(arts)
    assert pairs.iloc[0].shared_passages >= 3


# ----------------------------------------------------------------------------- wire groups


def test_wire_groups_components_and_labels():
    pairs = pd.DataFrame(
        {
            "doc_a": ["b", "c", "a", "x"],
            "doc_b": ["c", "d", "e", "y"],
            "wire_copy": [True, True, False, True],
        }
    )
    groups = compare.wire_groups(pairs, doc_ids=["d", "c", "b", "a", "e", "x", "y"])
    assert groups == {"a": "a", "b": "b", "c": "b", "d": "b", "e": "e", "x": "x", "y": "x"}
    frame = compare.wire_groups_frame(pairs, doc_ids=["a", "b", "c", "d", "e", "x", "y"])
    assert list(frame.columns) == compare.WIRE_GROUP_COLUMNS
    assert dict(zip(frame.doc_id, frame.group_size, strict=True)) == {
        "a": 1, "b": 3, "c": 3, "d": 3, "e": 1, "x": 2, "y": 2
    }  # fmt: skip


def test_wire_groups_from_similarity():
    pairs, _ = _run({"a": WIRE, "b": REWORDED, "c": UNRELATED})
    assert compare.wire_groups(pairs, doc_ids=["a", "b", "c"]) == {"a": "a", "b": "a", "c": "c"}
    empty = compare.wire_groups(compare.similarity(pd.DataFrame(columns=["doc_id", "text"]))[0],
                                doc_ids=["q"])  # fmt: skip
    assert empty == {"q": "q"}


# ----------------------------------------------------------------------------- fingerprints


def _fp(texts: dict[str, str], mentions=None, **kw):
    arts = pd.DataFrame(
        {
            "doc_id": list(texts),
            "outlet": [f"Outlet {d}" for d in texts],
            "text": list(texts.values()),
        }
    )
    return compare.fingerprints(arts, mentions, **kw)


def _get(fp, doc, kind, feature, group=None):
    sel = (fp.doc_id == doc) & (fp.kind == kind) & (fp.feature == feature)
    if group is not None:
        sel &= fp.group == group
    rows = fp[sel]
    assert len(rows) == 1, (doc, kind, feature)
    return rows.iloc[0]


def test_fingerprints_hedges_modals_and_house_style():
    fp = _fp(
        {
            "a": "Troops could reportedly move in May, according to sources. A cease-fire may hold. "
            "The U.S. said the rate rose 5 percent.",
            "b": "The ceasefire would hold, US officials said. It rose 5% in Kyiv.",
        }
    )
    assert list(fp.columns) == compare.FINGERPRINT_COLUMNS
    assert _get(fp, "a", "hedge", "reportedly")["count"] == 1
    assert _get(fp, "a", "modal", "could")["count"] == 1
    assert _get(fp, "a", "modal", "may")["count"] == 1  # "May" the month is not a modal
    assert _get(fp, "a", "attribution", "according to")["count"] == 1
    assert _get(fp, "b", "modal", "would")["count"] == 1
    assert _get(fp, "a", "house_style", "cease-fire")["count"] == 1
    assert _get(fp, "b", "house_style", "ceasefire")["count"] == 1
    assert _get(fp, "a", "house_style", "ceasefire")["count"] == 0
    assert _get(fp, "a", "house_style", "U.S.")["count"] == 1
    assert _get(fp, "b", "house_style", "US")["count"] == 1
    assert _get(fp, "a", "house_style", "percent")["count"] == 1
    assert _get(fp, "b", "house_style", "%")["count"] == 1
    row = _get(fp, "a", "hedge", "reportedly")
    assert row.per_1000_words == pytest.approx(1000 / 23, rel=1e-3)
    assert row.outlet == "Outlet a"
    # forms nobody uses are not listed
    assert fp[(fp.kind == "house_style") & (fp.feature == "per cent")].empty


def test_fingerprints_lexicon_is_data():
    lex = {"lexicon": {"hedge": {"terms": ["it seems"]}}, "variants": []}
    fp = _fp({"a": "It seems, it   seems, that it was so."}, lexicon=lex)
    assert fp["kind"].unique().tolist() == ["hedge"]
    assert _get(fp, "a", "hedge", "it seems")["count"] == 2


def test_fingerprints_naming_from_mentions():
    texts = {
        "a": "President Anna Kowal spoke. Kowal left for Lvov.",
        "b": "Kowalová spoke in Lviv. Later Kowalová said no.",
    }
    rows = []
    for d, t in texts.items():
        for actor, pat, kind in [
            ("Anna Kowal", r"Anna Kowal|Kowalová|Kowal", "person"),
            ("Lviv", r"Lviv|Lvov", "place"),
        ]:
            for m in re.finditer(pat, t):
                rows.append((d, 0, actor, kind, m.group(0), m.start(), m.end()))
    men = pd.DataFrame(
        rows, columns=["doc_id", "sent_id", "actor", "actor_type", "surface", "start", "end"]
    )
    fp = _fp(texts, men, lexicon={"titles": ["President"]})
    assert _get(fp, "a", "naming", "Kowal", "Anna Kowal")["count"] == 1
    assert _get(fp, "a", "naming", "Kowalová", "Anna Kowal")["count"] == 0
    assert _get(fp, "b", "naming", "Kowalová", "Anna Kowal")["count"] == 2
    assert _get(fp, "a", "naming", "Lvov", "Lviv")["count"] == 1
    assert _get(fp, "b", "naming", "Lviv", "Lviv")["count"] == 1
    assert _get(fp, "a", "naming_title", "with title", "Anna Kowal")["count"] == 1
    assert _get(fp, "a", "naming_title", "without title", "Anna Kowal")["count"] == 1
    assert _get(fp, "b", "naming_title", "with title", "Anna Kowal")["count"] == 0
    assert fp[(fp.kind == "naming_title") & (fp.group == "Lviv")].empty


def test_fingerprints_naming_summaries_equal_the_mentions_table():
    """Per-article naming summaries (made in the per-article stage, so the mentions table can
    stay on disk) give the same rows as the whole mentions table."""
    import pickle

    from storylens import actors, pipeline
    from storylens.load import read_corpus
    from storylens.paths import SEEDS_DIR
    from storylens.sentences import split_sentences

    arts = read_corpus(SEEDS_DIR).articles
    gaz = actors.Gazetteer.load()
    naming, per_doc = {}, {}
    for d, t in zip(arts["doc_id"], arts["text"], strict=True):
        ments = actors.tag_actors(t, split_sentences(t), gaz)
        per_doc[d] = ments
        naming[d] = pickle.loads(pickle.dumps(compare.naming_summary(t, ments)))
    mentions = pipeline._record_frame(
        [pipeline.DocResult(doc_id=d, mentions=m) for d, m in per_doc.items()],
        "mentions",
        "mentions",
    )
    want = compare.fingerprints(arts, mentions)
    assert (want["kind"] == "naming_title").any() and (want["kind"] == "naming").any()
    assert compare.fingerprints(arts, naming=naming).equals(want)
    feats = {d: compare.document_features(d, t, split_sentences(t)) for d, t in zip(arts["doc_id"], arts["text"], strict=True)}  # fmt: skip
    no_text = arts[["doc_id", "outlet"]]
    assert compare.fingerprints(no_text, naming=naming, features=feats).equals(want)
    with pytest.raises(ValueError, match="mentions or naming"):
        compare.fingerprints(arts, mentions, naming=naming)
    with pytest.raises(ValueError, match="packaged lexicon"):
        compare.fingerprints(arts, naming=naming, lexicon={"titles": ["Mr"]})
    with pytest.raises(ValueError, match="neither text nor features"):
        compare.fingerprints(no_text, naming=naming)


def test_title_regex_equals_the_plain_pattern():
    """The title test with its boundary after the first character finds a title before a
    mention exactly where the plain ``(?:^|(?<=\\W))(?:titles)...$`` does."""
    titles = (*compare.load_lexicon()["titles"], "Mr", "Dr.", "-Lt", "  ", "Vice  President")
    plain_alts = "|".join(
        r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=lambda t: -len(t))
    )
    plain = re.compile(rf"(?:^|(?<=\W))(?:{plain_alts})\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}$")
    fast = compare._title_regex(titles)
    pieces = ["President", "Vice President", "Prime Minister", "Mr", "Dr.", "-Lt", "xMr",
              "Anna", "Kowal", "said", "the", " ", " ", "  ", "\n", ".", ",", "-", "_", "é"]  # fmt: skip
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        for end in range(len(text) + 1):
            lo = max(0, end - rnd.choice([60, 5, 0]))
            assert bool(fast.search(text, lo, end)) == bool(plain.search(text, lo, end)), text


def test_fingerprints_empty():
    fp = compare.fingerprints(pd.DataFrame(columns=["doc_id", "text"]), None)
    assert fp.empty and list(fp.columns) == compare.FINGERPRINT_COLUMNS


# ----------------------------------------------------------------------------- seeds


def test_seeds_wire_pair_is_top_and_reworded_passage_found():
    load = pytest.importorskip("storylens.load")
    from storylens.paths import SEEDS_DIR

    arts = load.read_corpus(SEEDS_DIR).articles
    pairs, passages = compare.similarity(arts)
    by_file = dict(zip(arts["file"].str[:3], arts["doc_id"].astype(str), strict=True))
    wire = {by_file["001"], by_file["004"]}  # the Reuters-derived site and CGTN
    top = pairs.iloc[0]
    assert {top.doc_a, top.doc_b} == wire
    assert pairs.iloc[1].score < top.score / 2
    shared = passages[(passages.doc_a == min(wire)) & (passages.doc_b == max(wire))]
    assert shared.apply(lambda r: "80 years" in r.text_a and "80 years" in r.text_b, axis=1).any()


def test_document_features_give_the_same_frames_and_are_plain():
    """Per-article features (computed in the per-article stage) change nothing but where the
    work runs: same frames with all, some or none of them, and plain picklable values."""
    import pickle

    load = pytest.importorskip("storylens.load")
    from storylens.paths import SEEDS_DIR
    from storylens.sentences import split_sentences

    arts = load.read_corpus(SEEDS_DIR).articles
    sents = {d: split_sentences(t) for d, t in zip(arts["doc_id"], arts["text"], strict=True)}
    feats = {d: compare.document_features(d, t, sents[d]) for d, t in zip(arts["doc_id"], arts["text"], strict=True)}  # fmt: skip
    assert pickle.loads(pickle.dumps(feats)) == feats
    some = dict(list(feats.items())[:2])
    for method in ("exact", "lsh"):
        want = compare.similarity(arts, sentences=sents, method=method)
        for f in (feats, some):
            got = compare.similarity(arts, sentences=sents, features=f, method=method)
            assert got[0].equals(want[0]) and got[1].equals(want[1])
    # features made with another shingle size are recomputed, not misused
    want = compare.similarity(arts, sentences=sents, shingle_size=3)
    got = compare.similarity(arts, sentences=sents, features=feats, shingle_size=3)
    assert got[0].equals(want[0]) and got[1].equals(want[1])
    want = compare.fingerprints(arts)
    assert compare.fingerprints(arts, features=feats).equals(want)
    assert compare.fingerprints(arts, features=some).equals(want)
    # a custom lexicon recounts from the text
    lex = {"lexicon": {"hedge": {"terms": ["said"]}}}
    assert compare.fingerprints(arts, lexicon=lex, features=feats).equals(
        compare.fingerprints(arts, lexicon=lex)
    )


def _plain_fingerprint(text: str, lexicon: dict) -> dict:
    """What ``_fingerprint_doc`` counts, the plain way: every regex ``findall`` on the text."""
    from collections import Counter

    cats, variants = compare._compiled_lexicon(lexicon)
    lower = text.lower()
    terms = {}
    for category, words, rx, cs in cats:
        norm = {(t if cs else t.lower()): t for t in words}
        counts: Counter = Counter()
        for found in rx.findall(text if cs else lower):
            term = norm.get(" ".join(found.split()))
            if term is not None:
                counts[term] += 1
        if counts:
            terms[category] = dict(counts)
    found = {}
    for vi, (_, _, forms) in enumerate(variants):
        for fi, (_, rx, _) in enumerate(forms):
            if n := len(rx.findall(text)):
                found[(vi, fi)] = n
    return {"words": len(compare._TOKEN.findall(text)), "terms": terms, "variants": found}


_ODD_LEXICON = {
    "lexicon": {
        "hedge": {"terms": ["it seems", "it  seems to", "seems", "so-called", "may be", "İs"]},
        "blank": {"terms": [" ", "said"]},
        "empty": {"terms": []},
        "modal": {"case_sensitive": True, "terms": ["May", "may", "can", "can't", "Can not"]},
        "attribution": {"terms": ["said", "said in", "told", "reportedly", "reported"]},
    },
    "variants": [
        {"name": "pct", "forms": {"%": [r"\d\s?%"], "pct": [r"\bpct\b", r"\d+ ?pct"]}},
        {
            "name": "us",
            "forms": {
                "U.S.": [r"\bU\.S\.(?!-)", r"\bU\.S\.-"],
                "USA": [r"\bU\.?S\.?A\.?(?![\w.])"],
            },
        },
        {"name": "ci", "ignore_case": True, "forms": {"kyiv": [r"\bkyiv\b"]}},
        {
            "name": "odd",
            "forms": {
                "digits": [r"\d+"],
                "maybe-empty": [r"x*"],
                "look": [r"(?<=a)b+"],
                "look2": [r"(?<=a)bb"],
            },
        },
    ],
}


@pytest.mark.parametrize("lexicon", [None, _ODD_LEXICON], ids=["packaged", "odd"])
def test_fingerprint_counts_equal_plain_findall(lexicon):
    """The detector scan for categories and the literal-guided variant matching count exactly
    what a ``findall`` of each regex over the whole text counts."""
    lex = compare.load_lexicon() if lexicon is None else lexicon
    plan = compare._lexicon_plan(lex)
    vocab = ["it seems", "it\n seems to", "seems", "so-called", "so-called-", "-may be", "May",
             "may", "can't", "Can not", "said", "said in", "told", "reportedly", "reported",
             "could", "Would", "according to", "according  to", "very", "U.S.", "U.S.-led",
             "U.S.A.", "USA", "US", "U.K.", "Kyiv", "KYIV", "kyiv's", "5%", "5 %", "5pct",
             "5 pct", "pct", "Mr. Smith", "Mr Smith", "ceasefire", "cease-fire", "Cease fire",
             "defence", "Defense", "percent", "per cent", "xx", "ab", "abb", "İs", "is", "x",
             "_", "-", ",", ".", "’", "(", ")", "9"]  # fmt: skip
    seps = [" ", " ", "", "  ", "\n", "\t", "-", ", ", "\u00a0"]
    rnd = random.Random(3)
    for _ in range(1500):
        text = "".join(rnd.choice(vocab) + rnd.choice(seps) for _ in range(rnd.randint(0, 30)))
        assert compare._fingerprint_doc(text, plan) == _plain_fingerprint(text, lex), text


def test_words_with_sentences_equal_a_full_count():
    rnd = random.Random(5)
    pieces = ["war", "3.5", "1,000", "it’s", "O'Brien", " ", "  ", "\n", ".", ",", "-", "x"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        cuts = sorted(rnd.sample(range(len(text) + 1), min(len(text) + 1, rnd.randint(0, 8))))
        spans = list(zip(cuts[::2], cuts[1::2], strict=False))
        if rnd.random() < 0.1 and spans:  # overlapping or repeated spans
            spans.append(spans[0])
        sents = [Sentence(i, a, b) for i, (a, b) in enumerate(spans)]
        inside = sum(len(compare._TOKEN.findall(text, s.start, s.end)) for s in sents)
        got = compare._words_with_sentences(text, sents, inside)
        assert got == len(compare._TOKEN.findall(text)), (text, spans)


def _plain_similarity_doc(text: str, sents, k: int) -> dict:
    """What ``_similarity_doc`` computes, the plain way: ``_TOKEN.findall`` per sentence."""
    from array import array
    from collections import Counter

    import numpy as np

    stop = compare._stopwords()
    out, hashes, stems_all = [], [], []
    for s in sorted(sents, key=lambda x: x.sent_id):
        info = [compare._token_info(r, stop) for r in compare._TOKEN.findall(text, s.start, s.end)]
        stems = tuple(i[1] for i in info if i[1] is not None)
        caps = bytes(i[3] for i in info if i[1] is not None)
        initial = bool(info) and info[0][1] is not None
        out.append((s.sent_id, s.start, s.end, len(info), stems, caps, initial))
        hashes.extend(i[2] for i in info)
        stems_all.extend(stems)
    h = np.array(hashes, dtype=np.uint64)
    kk = max(1, min(k, len(compare._SHINGLE_MULT)))
    if len(h) >= kk:
        win = np.lib.stride_tricks.sliding_window_view(h, kk)
        h = (win * compare._SHINGLE_MULT[-kk:]).sum(axis=1, dtype=np.uint64)
    terms = dict(sorted(Counter(stems_all).items()))
    return {
        "shingle_size": k,
        "n_words": len(hashes),
        "shingles": np.unique(h).tobytes(),
        "terms": (tuple(terms), array("I", terms.values())),
        "sents": out,
    }


def test_similarity_doc_equals_a_plain_tokenisation():
    """Words are read from whitespace-split chunks (cached) and shingles summed slice by
    slice: the same as ``_TOKEN.findall`` over each sentence and a sliding window."""
    ws = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert not re.search(r"[\w.,'’]", ws)  # no _TOKEN word holds whitespace
    rnd = random.Random(11)
    pieces = ["War", "troops", "3.5", "1,000", "it’s", "O'Brien", "the", "a", "İstanbul", " ",
              "  ", "\n", "\u00a0", "\u2003", ".", ",", "-", "x", "_", "9a", "'s", "U.S."]  # fmt: skip
    for _ in range(1500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 60)))
        cuts = sorted(rnd.sample(range(len(text) + 1), min(len(text) + 1, rnd.randint(0, 10))))
        spans = list(zip(cuts[::2], cuts[1::2], strict=False))
        if rnd.random() < 0.2 and spans:  # overlapping spans, ids out of order
            spans.insert(0, (spans[-1][0], len(text)))
        sents = [Sentence(i, a, b) for i, (a, b) in enumerate(spans)]
        rnd.shuffle(sents)
        k = rnd.choice([5, 5, 1, 2, 3, 7])
        got = compare._similarity_doc(text, sents, shingle_size=k)
        assert got == _plain_similarity_doc(text, sents, k), (text, spans)


@pytest.mark.parametrize("method", ["exact", "lsh"])
def test_similarity_inputs_gathered_in_order_give_the_same_tables(method):
    """The pipeline gathers the similarity inputs batch by batch while the pool works; the
    result equals the one-shot preparation, and anything it did not see exactly is ignored."""
    from storylens.load import read_corpus
    from storylens.paths import SEEDS_DIR
    from storylens.sentences import split_sentences

    arts = read_corpus(SEEDS_DIR).articles.sort_values("doc_id").reset_index(drop=True)
    feats = {d: compare.document_features(d, t, split_sentences(t)) for d, t in zip(arts["doc_id"], arts["text"], strict=True)}  # fmt: skip
    want = compare.similarity(arts, features=feats, method=method)
    assert len(want[1]) > 0  # passages to compare

    def gathered():
        inputs = compare.SimilarityInputs()
        for d in arts["doc_id"]:
            inputs.add(d, feats[d])
        return inputs

    inputs = gathered()
    assert inputs.fits(list(arts["doc_id"]), shingle_size=5, min_words=8)
    assert inputs.eligible and len(inputs.keys) > 0
    got = compare.similarity(arts, features=feats, method=method, inputs=inputs)
    for a, b in zip(got, want, strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert not inputs.usable and len(inputs.keys) == 0  # used up, its index freed
    # the candidate search started early (the pipeline's pool job) is used when it matches
    from concurrent.futures import ThreadPoolExecutor

    inputs = gathered()
    with ThreadPoolExecutor(1) as pool:
        inputs.start_lsh(pool, switch_at=0)
    assert inputs.lsh_result(threshold=0.2, num_perm=64, seed=1) is not None
    assert inputs.lsh_result(threshold=0.5, num_perm=64, seed=1) is None
    got = compare.similarity(arts, features=feats, method=method, inputs=inputs)
    for a, b in zip(got, want, strict=True):
        pd.testing.assert_frame_equal(a, b)

    # seen out of order (or missing an article): not usable, and similarity prepares itself
    shuffled = compare.SimilarityInputs()
    for d in reversed(arts["doc_id"].tolist()):
        shuffled.add(d, feats[d])
    assert not shuffled.usable and not shuffled.doc_ids
    partial = compare.SimilarityInputs()
    partial.add(arts["doc_id"][0], feats[arts["doc_id"][0]])
    assert not partial.fits(list(arts["doc_id"]), shingle_size=5, min_words=8)
    for inp in (shuffled, partial):
        got = compare.similarity(arts, features=feats, method=method, inputs=inp)
        pd.testing.assert_frame_equal(got[0], want[0])


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.8])
def test_lsh_candidates_are_datasketchs(threshold):
    """The numpy banding finds exactly the pairs datasketch's MinHashLSH returns when every
    non-empty set is inserted and queried: near-duplicates, exact duplicates (buckets of more
    than two), unrelated and empty sets."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    rng = np.random.default_rng(3)
    base = [rng.choice(1 << 40, size=int(rng.integers(5, 300)), replace=False) for _ in range(40)]
    sets = []
    for i in range(160):
        s = base[i % len(base)]
        if i % 3:  # a variant: drop and add some values
            keep = rng.random(len(s)) < rng.uniform(0.3, 1.0)
            s = np.r_[s[keep], rng.choice(1 << 40, size=int(rng.integers(0, 40)))]
        sets.append(np.unique(s.astype(np.uint64)))
    sets[7] = sets[11] = np.zeros(0, np.uint64)  # empty: never a candidate
    got = compare.lsh_candidates(sets, threshold=threshold, num_perm=64, seed=1)

    sig = compare._minhash_signatures(sets, num_perm=64, seed=1)
    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    hashes = [LeanMinHash(seed=1, hashvalues=sig[i], scheme="legacy") for i in range(len(sets))]
    for i, mh in enumerate(hashes):
        if len(sets[i]):
            lsh.insert(i, mh)
    n = len(sets)
    want = sorted(
        {i * n + j for i, mh in enumerate(hashes) if len(sets[i]) for j in lsh.query(mh) if j > i}
    )
    assert got.tolist() == want and len(want) > 20
    assert not {7, 11} & ({c // n for c in want} | {c % n for c in want})


def test_known_bands_are_datasketchs():
    """The banding written down for the default settings is datasketch's, and settings not
    written down are asked of datasketch."""
    from datasketch import MinHashLSH

    assert (compare.LSH_THRESHOLD, compare.LSH_NUM_PERM) in compare.KNOWN_BANDS
    for (threshold, num_perm), bands in compare.KNOWN_BANDS.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert bands == (lsh.b, lsh.r)
        assert compare.lsh_bands(threshold, num_perm) == bands
    other = MinHashLSH(threshold=0.35, num_perm=96)
    assert compare.lsh_bands(0.35, 96) == (other.b, other.r)


def test_lsh_candidates_do_not_import_datasketch():
    """With the default settings the LSH job needs neither datasketch nor SciPy (a second of
    imports in a worker)."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np\n"
        "from storylens import compare\n"
        "sets = [np.arange(i, i + 50, dtype=np.uint64) for i in range(0, 400, 10)]\n"
        "assert len(compare.lsh_candidates(sets)) > 0\n"
        "bad = [m for m in ('datasketch', 'scipy') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), max_size=60), st.integers(1, 4))
def test_sorted_unique_is_numpys_unique(values, spread):
    import numpy as np

    arr = np.array([v // spread for v in values] + values[: len(values) // 2], dtype=np.uint64)
    want = np.unique(arr)
    got = compare._sorted_unique(arr.copy())
    assert got.dtype == want.dtype and got.tolist() == want.tolist()
