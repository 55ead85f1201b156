"""Reconciliation on hand-built claim tables (plus the seeds end to end)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from storylens.reconcile import COLUMNS, assign_claim_ids, fmt_interval, reconcile

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _c(doc, sent, start, surface, low, high, unit, qualifier, referent=None, claimant=""):
    return {
        "doc_id": doc, "sent_id": sent, "start": start, "end": start + len(surface),
        "surface": surface, "low": low, "high": high, "unit": unit, "qualifier": qualifier,
        "referent": referent or unit, "claimant": claimant, "currency": "",
    }  # fmt: skip


def _table(*rows):
    return assign_claim_ids(pd.DataFrame(list(rows)))


def _verdicts(rec):
    return sorted(zip(rec["verdict"], rec["claim_ids"], strict=True))


def test_assign_claim_ids_text_order_and_deterministic():
    df = pd.DataFrame([
        _c("b", 0, 50, "x", 1, 1, "troops", "exact"),
        _c("a", 0, 30, "y", 1, 1, "troops", "exact"),
        _c("b", 0, 10, "z", 1, 1, "troops", "exact"),
    ])  # fmt: skip
    out = assign_claim_ids(df)
    assert list(out["claim_id"]) == ["b-c01", "b-c02", "a-c01"]
    assert list(out["surface"]) == ["z", "x", "y"]
    assert list(assign_claim_ids(df)["claim_id"]) == list(out["claim_id"])
    assert "claim_id" not in df.columns  # input unchanged


def test_consistent_across_outlets_and_wire_copies():
    t = _table(
        _c(
            "d1",
            3,
            10,
            "tens of thousands of troops",
            20000,
            90000,
            "troops",
            "vague",
            "troops | long term",
        ),
        _c(
            "d2",
            5,
            40,
            "tens of thousands of troops",
            20000,
            90000,
            "troops",
            "vague",
            "troops | long term",
        ),
    )
    arts = pd.DataFrame({"doc_id": ["d1", "d2"], "outlet": ["Outlet A", "Outlet B"]})
    rec = reconcile(t, articles=arts, wire_groups={"d1": "w", "d2": "w"})
    assert list(rec.columns[:6]) == COLUMNS[:6]
    assert len(rec) == 1
    row = rec.iloc[0]
    assert row["verdict"] == "consistent"
    assert row["independent_sources"] == 1
    assert row["claim_ids"] == "d1-c01 d2-c01"
    assert "same wire text" in row["explanation"] and "Outlet A" in row["explanation"]
    assert "20,000-90,000" in row["explanation"]
    # without the wire group they are two independent sources
    assert reconcile(t).iloc[0]["independent_sources"] == 2


def test_conflicting():
    t = _table(
        _c("d1", 0, 0, "5,000 troops", 5000, 5000, "troops", "exact", "troops | join the mission"),
        _c(
            "d2", 0, 0, "at least 10,000 troops", 10000, None, "troops", "at_least", "troops | join"
        ),
    )
    rec = reconcile(t)
    assert _verdicts(rec) == [("conflicting", "d1-c01 d2-c01")]
    assert "do not overlap" in rec.iloc[0]["explanation"]


def test_up_to_overlaps_smaller_figure():
    t = _table(
        _c("d1", 0, 0, "up to 30,000 troops", None, 30000, "troops", "up_to", "troops | needed"),
        _c("d2", 0, 0, "4,000 troops", 4000, 4000, "troops", "exact", "troops | needed"),
    )
    assert reconcile(t).iloc[0]["verdict"] == "consistent"


def test_sharing_only_a_unit_is_not_evidence():
    t = _table(
        _c("d1", 0, 0, "up to 35.3%", None, 35.3, "percent", "up_to", "percent | duties"),
        _c("d1", 1, 0, "about a third", 30, 36.7, "percent", "vague", "percent | of vehicles"),
        _c("d2", 0, 0, "roughly 8%", 7.2, 8.8, "percent", "approx", "percent | market share"),
        _c("d2", 1, 0, "10%", 10, 10, "percent", "exact", "percent | import tariff"),
        _c("d3", 0, 0, "45 percent", None, 45, "percent", "up_to", "percent"),
        _c("d3", 1, 0, "nine percent", 9, 9, "percent", "exact", "percent"),
        _c("d3", 2, 0, "more than 40", 40, None, "count", "at_least", "count | models"),
        _c("d3", 3, 0, "300,000", 270000, 330000, "count", "approx", "count | cars"),
    )  # fmt: skip
    assert set(reconcile(t)["verdict"]) == {"single"}


def test_vote_predicates_are_different_referents_of_one_unit():
    t = _table(
        _c("d1", 2, 0, "Ten countries", 10, 10, "countries", "exact",
           "countries | voted in favour"),
        _c("d1", 2, 30, "five", 5, 5, "countries", "exact", "countries | voted against"),
        _c("d1", 2, 50, "12", 12, 12, "countries", "exact", "countries | abstained"),
        _c("d2", 0, 0, "10 countries", 10, 10, "countries", "exact",
           "countries | voted in favour of the duties"),
    )  # fmt: skip
    assert _verdicts(reconcile(t)) == [
        ("consistent", "d1-c01 d2-c01"), ("single", "d1-c02"), ("single", "d1-c03"),
    ]  # fmt: skip


def test_shared_term_groups_across_phrasings():
    t = _table(
        _c("d1", 0, 0, "worth 1.5 billion euros", 1.5e9, 1.5e9, "currency", "exact",
           "currency | pork exports"),
        _c("d2", 0, 0, "2 billion euros", 2e9, 2e9, "currency", "exact", "currency | exports"),
    )  # fmt: skip
    assert _verdicts(reconcile(t)) == [("conflicting", "d1-c01 d2-c01")]
    assert "export" in reconcile(t).iloc[0]["explanation"]


def _two_articles(text_a: str, text_b: str):
    sentences = pytest.importorskip("storylens.sentences")
    from storylens.claims import extract_claims

    rows = []
    for doc, text in (("a", text_a), ("b", text_b)):
        for c in extract_claims(text, sentences.split_sentences(text), default_claimant=doc):
            rows.append({**dataclasses.asdict(c), "doc_id": doc})
    claims = assign_claim_ids(pd.DataFrame(rows))
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"]})
    return claims, reconcile(claims, articles=arts)


def test_unseen_style_troops_vs_soldiers_consistent():
    claims, rec = _two_articles(
        "About 5,000 troops will join the mission, Italy's defence ministry said.",
        "Roughly 4,800 soldiers will join the mission next year, officials said.",
    )
    assert list(claims["unit"]) == ["troops", "troops"]
    assert _verdicts(rec) == [("consistent", "a-c01 b-c01")]
    assert rec.iloc[0]["independent_sources"] == 2


def test_unseen_style_death_tolls_conflict():
    claims, rec = _two_articles(
        "The blast left 12 dead, police said.",
        "At least 30 killed in the blast, hospital officials said.",
    )
    assert list(claims["unit"]) == ["casualties", "casualties"]
    assert _verdicts(rec) == [("conflicting", "a-c01 b-c01")]


def test_unseen_style_same_figure_other_unit_not_grouped():
    claims, rec = _two_articles(
        "The army keeps 10,000 troops in the region.",
        "The port shipped 10,000 tonnes of grain last month.",
    )
    assert sorted(claims["unit"]) == ["tonnes", "troops"]
    assert set(rec["verdict"]) == {"single"}


def test_unseen_style_votes_and_shares_stay_apart():
    claims, rec = _two_articles(
        "Ten countries voted in favour, five voted against and 12 abstained. "
        "The duties of up to 35.3% come on top of the standard 10% import tariff.",
        "About 300,000 electric cars were sold last year, roughly 8% of the market. "
        "Exports could fall by as much as 45 percent.",
    )
    assert len(claims) == 8
    assert set(rec["verdict"]) == {"single"}


def test_different_referents_same_figure():
    t = _table(
        _c("d1", 0, 0, "up to 30,000 troops", None, 30000, "troops", "up_to",
           "troops | initial plan, on the ground"),
        _c("d2", 9, 0, "around 30,000 troops", 27000, 33000, "troops", "approx",
           "troops | incl. rotation"),
    )  # fmt: skip
    rec = reconcile(t)
    assert _verdicts(rec) == [("different_referents", "d1-c01 d2-c01")]
    assert "30,000" in rec.iloc[0]["explanation"]


def test_derived_rotation_ratio():
    t = _table(
        _c("d1", 4, 0, "at least 10,000 troops", 10000, None, "troops", "at_least"),
        _c("d1", 4, 60, "around 30,000 troops", 27000, 33000, "troops", "approx",
           "troops | incl. rotation"),
    )  # fmt: skip
    rec = reconcile(t)
    assert _verdicts(rec) == [("derived", "d1-c01 d1-c02")]
    assert "x 3" in rec.iloc[0]["explanation"]


def test_rotation_needs_the_label():
    t = _table(
        _c("d1", 4, 0, "10,000 troops", 10000, 10000, "troops", "exact"),
        _c("d1", 4, 60, "30,000 troops", 30000, 30000, "troops", "exact", "troops | long term"),
    )
    assert "derived" not in set(reconcile(t)["verdict"])


def test_derived_percent_of_previous_figure():
    t = _table(
        _c("d1", 1, 0, "15,000", 15000, 15000, "troops", "exact"),
        _c("d1", 2, 100, "about 30%", 27, 33, "percent", "approx",
           "percent | deployable, share of previous figure"),
    )  # fmt: skip
    rec = reconcile(t)
    assert _verdicts(rec) == [("derived", "d1-c01 d1-c02")]
    assert "50,000" in rec.iloc[0]["explanation"]


def test_derived_percent_of_stated_total():
    t = _table(
        _c("d1", 1, 0, "20,000 troops", 20000, 20000, "troops", "exact"),
        _c("d1", 1, 30, "100,000 troops", 100000, 100000, "troops", "exact", "troops | deployable"),
        _c("d1", 1, 60, "20%", 20, 20, "percent", "exact"),
    )
    rec = reconcile(t)
    assert ("derived", "d1-c01 d1-c02 d1-c03") in _verdicts(rec)


def test_no_percent_arithmetic_with_an_open_bound():
    """'at least 116 votes' could be any share: '106 of 116 is 91.4%, matching 64.1%' was
    reported as derived arithmetic that holds."""
    t = _table(
        _c("d1", 1, 0, "106 votes", 106, 106, "votes", "exact"),
        _c("d1", 1, 30, "at least 116 votes", 116, None, "votes", "at_least", "votes | x"),
        _c("d1", 1, 60, "64.1%", 64.1, 64.1, "percent", "exact"),
    )
    assert not (reconcile(t)["verdict"] == "derived").any()


def test_derived_n_of_m_and_violation():
    t = _table(
        _c("d1", 0, 0, "about 30 nations", 27, 33, "countries", "approx",
           "countries | coalition of the willing"),
        _c("d1", 1, 90, "26 of those countries", 26, 26, "countries", "exact",
           "countries | pledged to deploy"),
    )  # fmt: skip
    assert _verdicts(reconcile(t)) == [("derived", "d1-c01 d1-c02")]
    bad = _table(
        _c("d1", 0, 0, "about 30 nations", 27, 33, "countries", "approx"),
        _c("d1", 1, 90, "40 of those countries", 40, 40, "countries", "exact", "countries | x"),
    )
    assert _verdicts(reconcile(bad))[0][0] == "conflicting"


def test_brigade_of_is_not_a_subset():
    t = _table(
        _c("d1", 0, 0, "about 30 brigades", 27, 33, "units", "approx"),
        _c("d1", 0, 40, "a brigade of 5,000 soldiers", 5000, 5000, "troops", "exact"),
    )
    assert set(reconcile(t)["verdict"]) == {"single"}


def test_derived_sum_of_parts():
    t = _table(
        _c("d1", 0, 0, "4,000 troops", 4000, 4000, "troops", "exact", "troops | a"),
        _c("d1", 0, 20, "6,000 troops", 6000, 6000, "troops", "exact", "troops | b"),
        _c("d1", 0, 40, "10,000 troops", 10000, 10000, "troops", "exact", "troops | total"),
    )
    assert _verdicts(reconcile(t)) == [("derived", "d1-c01 d1-c02 d1-c03")]


def test_single_and_empty():
    t = _table(_c("d1", 0, 0, "80 years", 80, 80, "years", "exact"))
    rec = reconcile(t)
    assert _verdicts(rec) == [("single", "d1-c01")]
    assert rec.iloc[0]["independent_sources"] == 1
    assert list(reconcile(pd.DataFrame()).columns) == COLUMNS


def test_every_claim_in_a_row_and_ids_sorted():
    t = _table(
        _c("d2", 0, 0, "80 years", 80, 80, "years", "exact"),
        _c("d1", 0, 0, "80 years", 80, 80, "years", "exact"),
        _c("d1", 0, 20, "7 days", 7, 7, "days", "exact"),
    )
    rec = reconcile(t)
    ids = " ".join(rec["claim_ids"]).split()
    assert set(ids) == set(t["claim_id"])
    for s in rec["claim_ids"]:
        assert s.split() == sorted(s.split())
    assert rec.equals(reconcile(t))
    assert list(rec["group_id"]) == [f"g{n:03d}" for n in range(1, len(rec) + 1)]


def test_nan_bounds_from_csv():
    t = _table(
        _c("d1", 0, 0, "up to 5", float("nan"), 5, "troops", "up_to", "troops | needed"),
        _c("d2", 0, 0, "3", 3, 3, "troops", "exact", "troops | needed"),
    )
    assert reconcile(t).iloc[0]["verdict"] == "consistent"


def test_fmt_interval():
    assert fmt_interval(None, 30000) == "up to 30,000"
    assert fmt_interval(10000, None) == "at least 10,000"
    assert fmt_interval(27, 33, "percent") == "27-33%"
    assert fmt_interval(3.5, 3.5) == "3.5"
    # stated figures keep two decimals; points say their unit
    assert fmt_interval(4.03, 4.03, "percent") == "4.03%"
    assert fmt_interval(0.25, 0.25, "percentage_points") == "0.25 percentage points"
    assert fmt_interval(1, 1, "percentage_points") == "1 percentage point"
    assert fmt_interval(150, 175, "basis_points") == "150-175 basis points"


def test_basis_points_are_compared_in_percentage_points():
    t = _table(
        _c("d1", 0, 0, "25 basis points", 25, 25, "basis_points", "exact",
           "basis_points | interest rates"),
        _c("d2", 0, 0, "a quarter point", 0.25, 0.25, "percentage_points", "exact",
           "percentage_points | interest rates"),
        _c("d3", 0, 0, "50 basis points", 50, 50, "basis_points", "exact",
           "basis_points | interest rates"),
    )  # fmt: skip
    rec = reconcile(t)
    assert _verdicts(rec) == [("conflicting", "d1-c01 d2-c01 d3-c01")]
    expl = rec.iloc[0]["explanation"]
    # each figure is shown in its own unit
    assert "'25 basis points' (25 basis points; d1)" in expl
    assert "'a quarter point' (0.25 percentage points; d2)" in expl
    assert "They conflict: 25 basis points and 50 basis points do not overlap." in expl


def test_additional_counts_conflict_without_context_terms():
    # "three more cuts" says nothing else about what it counts: the shared label groups it
    t = _table(
        _c("d1", 0, 0, "two more cuts", 2, 2, "cuts", "exact", "cuts | additional, median"),
        _c("d2", 0, 0, "three more cuts", 3, 3, "cuts", "exact", "cuts | additional"),
        _c("d3", 0, 0, "two cuts", 2, 2, "cuts", "exact", "cuts"),
    )
    # ... and "two cuts" (no label) counts something else
    assert _verdicts(reconcile(t)) == [
        ("conflicting", "d1-c01 d2-c01"),
        ("different_referents", "d1-c01 d3-c01"),
    ]


def test_seeds_end_to_end():
    sentences = pytest.importorskip("storylens.sentences")
    from storylens.claims import extract_claims

    rows, docs = [], []
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        doc = f.name[:3]
        docs.append(doc)
        for c in extract_claims(text, sentences.split_sentences(text), default_claimant=doc):
            rows.append({**dataclasses.asdict(c), "doc_id": doc})
    claims = assign_claim_ids(pd.DataFrame(rows))
    by_surface = {}
    for r in claims.to_dict("records"):
        by_surface.setdefault(r["surface"], []).append(r["claim_id"])
    # the two wire copies (same text in two outlets) are one wire group
    tens = by_surface["tens of thousands of troops"]
    assert len(tens) == 2
    wire = {cid.split("-c")[0]: "wire" for cid in tens}
    rec = reconcile(claims, wire_groups=wire)

    def row_with(*ids):
        hits = rec[rec["claim_ids"].map(lambda s: set(ids) <= set(s.split()))]
        assert len(hits), ids
        return hits.iloc[0]

    r = row_with(*tens)
    assert (r["verdict"], r["independent_sources"], len(r["claim_ids"].split())) == (
        "consistent", 1, 2
    )  # fmt: skip
    for a, b in [
        ("at least 10,000 troops", "around 30,000 troops"),
        ("a brigade of 5,000 soldiers", "15,000"),
        ("15,000", "about 30%"),
        ("about 30 nations", "26 of those countries"),
    ]:
        assert row_with(by_surface[a][0], by_surface[b][0])["verdict"] in ("consistent", "derived")
    r = row_with(by_surface["up to 30,000 troops"][0], by_surface["around 30,000 troops"][0])
    assert r["verdict"] == "different_referents"


def test_formed_by_unit_alone():
    from storylens.reconcile import formed_by_unit_alone

    got = formed_by_unit_alone(
        pd.Series(["troops", "troops | peacekeeping", "countries | pledged"])
    )
    assert got.tolist() == [True, False, False]


# ----------------------------------------------------------------------------- told alike


def test_figure_context_window_clipped_at_sentence_and_other_numbers():
    from storylens.reconcile import figure_context

    text = "Intro sentence here. Coverage: 78% for the measles jab and 61% for the booster shot."
    lo = text.index("Coverage")
    a = text.index("78%")
    words = figure_context(text, lo, len(text), a, a + 3).split()
    assert {"coverage", "measle", "jab"} <= set(words)  # crude lemmas
    assert "booster" not in words  # past the next figure: that figure's words
    assert "intro" not in words  # before the sentence
    b = text.index("61%")
    assert "booster" in figure_context(text, lo, len(text), b, b + 3).split()
    # scale, number and currency words say nothing about what is counted
    t2 = "The ministry paid 2.5 billion euros to farmers, about three million dollars more."
    s = t2.index("2.5")
    ctx = figure_context(t2, 0, len(t2), s, s + 3).split()
    assert not {"billion", "euro", "euros", "dollar", "million", "three"} & set(ctx)
    assert "farmer" in ctx or "farmers" in ctx


def _told(doc, sent_id, text, figure, low, unit="percent", referent=None):
    start = text.index(figure)
    claim = _c(doc, sent_id, start, figure, low, low, unit, "exact", referent)
    sentence = {"doc_id": doc, "sent_id": sent_id, "start": 0, "end": len(text), "text": text}
    return claim, sentence


def _told_table(*pairs):
    claims = assign_claim_ids(pd.DataFrame([c for c, _s in pairs]))
    sentences = pd.DataFrame([s for _c2, s in pairs])
    return claims, sentences


def test_claims_alone_by_referent_meet_by_the_words_around_them():
    claims, sentences = _told_table(
        _told("a", 0, "Shares in Valdoria Foods fell 7.5% in Oslo trading.", "7.5%", 7.5),
        _told("b", 0, "Valdoria Foods shares closed 8.8% lower in Oslo.", "8.8%", 8.8),
        # far figure: not the same thing, whatever the words
        _told("c", 0, "Valdoria Foods shares have risen 40% in Oslo this year.", "40%", 40),
    )
    rec = reconcile(claims, sentences=sentences)
    grouped = rec[rec["n_claims"] > 1]
    assert list(grouped["claim_ids"]) == ["a-c01 b-c01"]
    assert grouped.iloc[0]["verdict"] == "conflicting"
    assert "words around them" in grouped.iloc[0]["explanation"]
    # without the words (no sentences, no context column) the fallback is off
    assert set(reconcile(claims)["verdict"]) == {"single"}
    # a context column does the same as the sentences
    from storylens.reconcile import claim_contexts

    with_ctx = claims.assign(context=claim_contexts(claims, sentences))
    assert reconcile(with_ctx).equals(rec)


@pytest.mark.parametrize(
    "second",
    [
        # same article: two figures of one article are two things
        ("a", 1, "Valdoria Foods shares closed 8.8% lower in Oslo.", "8.8%", 8.8, "percent"),
        # one word in common is not enough
        ("b", 0, "Inflation in Oslo was 8.8% in May.", "8.8%", 8.8, "percent"),
        # another unit
        ("b", 0, "Valdoria Foods shares closed 8.8 points lower in Oslo.", "8.8", 8.8, "points"),
    ],
)
def test_told_alike_needs_other_article_same_unit_and_shared_words(second):
    doc, sid, text, fig, low, unit = second
    claims, sentences = _told_table(
        _told("a", 0, "Shares in Valdoria Foods fell 7.5% in Oslo trading.", "7.5%", 7.5),
        _told(doc, sid, text, fig, low, unit),
    )
    assert set(reconcile(claims, sentences=sentences)["verdict"]) == {"single"}


def test_told_alike_leaves_claims_grouped_by_referent_alone():
    claims, sentences = _told_table(
        _told("a", 0, "Valdoria Foods exports rose 7.5% in Oslo.", "7.5%", 7.5, "percent",
              "percent | exports"),
        _told("b", 0, "Valdoria Foods exports rose 7.5% in Oslo.", "7.5%", 7.5, "percent",
              "percent | exports"),
        _told("c", 0, "Valdoria Foods exports rose 7.6% in Oslo, it said.", "7.6%", 7.6),
    )  # fmt: skip
    rec = reconcile(claims, sentences=sentences)
    assert _verdicts(rec) == [("consistent", "a-c01 b-c01"), ("single", "c-c01")]
