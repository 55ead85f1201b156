"""Time line: relative dates against the publication date, and stated durations."""

from __future__ import annotations

import pandas as pd
import pytest

from storylens.model import Sentence
from storylens.timeline import EVENT_COLUMNS, check_durations, resolve_dates, timeline

PUB = "2025-08-22"  # a Friday


def _events(text, published=PUB):
    return resolve_dates(text, [Sentence(0, 0, len(text))], published=published, doc_id="d")


def _one(text, published=PUB):
    ev = _events(text, published)
    assert len(ev) == 1, [e["surface"] for e in ev]
    e = ev[0]
    assert text[e["start"] : e["end"]] == e["surface"]
    return e


@pytest.mark.parametrize(
    "text, surface, start, end",
    [
        ("They met on Tuesday.", "on Tuesday", "2025-08-19", "2025-08-19"),
        ("They met Thursday.", "Thursday", "2025-08-21", "2025-08-21"),
        ("They met on Friday.", "on Friday", "2025-08-22", "2025-08-22"),
        ("They will meet on Tuesday.", "on Tuesday", "2025-08-26", "2025-08-26"),
        ("They met last Friday.", "last Friday", "2025-08-15", "2025-08-15"),
        ("They met last week.", "last week", "2025-08-11", "2025-08-17"),
        ("They met in April.", "in April", "2025-04-01", "2025-04-30"),
        ("They met in October.", "in October", "2024-10-01", "2024-10-31"),
        ("They met on Aug. 18.", "Aug. 18", "2025-08-18", "2025-08-18"),
        ("They met on August 18, 2025.", "August 18, 2025", "2025-08-18", "2025-08-18"),
        ("They met on 3 March 2024.", "3 March 2024", "2024-03-03", "2024-03-03"),
        ("They met on 2025-08-18 in Rome.", "2025-08-18", "2025-08-18", "2025-08-18"),
        ("They met on 2025/08/18.", "2025/08/18", "2025-08-18", "2025-08-18"),
        ("They met on 5.6.2024.", "5.6.2024", "2024-06-05", "2024-06-05"),
        ("Parliament will convene on March 26.", "March 26", "2026-03-26", "2026-03-26"),
        ("Executives would meet the union on Thursday.", "on Thursday", "2025-08-28", "2025-08-28"),
        ("They met on 18/08/2025.", "18/08/2025", "2025-08-18", "2025-08-18"),
        ("They met on 08/18/2025.", "08/18/2025", "2025-08-18", "2025-08-18"),
        ("It rose earlier this year.", "earlier this year", "2025-01-01", "2025-08-22"),
        ("It rose earlier in 2025.", "earlier in 2025", "2025-01-01", "2025-08-22"),
        ("It rose yesterday.", "yesterday", "2025-08-21", "2025-08-21"),
        ("It rose five days ago.", "five days ago", "2025-08-17", "2025-08-17"),
    ],
)
def test_resolve(text, surface, start, end):
    e = _one(text)
    assert (e["surface"], e["date_start"], e["date_end"], e["resolved"]) == (
        surface, start, end, True
    )  # fmt: skip


def test_offset_from_anchor_in_sentence():
    ev = _events("At his Aug. 18 meeting, three days after meeting Putin, he spoke.")
    assert [e["surface"] for e in ev] == ["Aug. 18", "three days after"]
    assert ev[1]["date_start"] == "2025-08-15" and "Aug. 18" in ev[1]["how"]
    ev = _events("Talks accelerated Tuesday, a day after the summit.")
    assert ev[1]["date_start"] == "2025-08-18"


def test_weekday_range_length_without_publication_date():
    e = _one("The meetings took place between Tuesday and Thursday.", published="")
    assert e["n_days"] == 3 and e["resolved"] is False and "no publication date" in e["how"]
    e = _one("The meetings took place between Tuesday and Thursday.")
    assert (e["date_start"], e["date_end"], e["n_days"]) == ("2025-08-19", "2025-08-21", 3)


def test_unresolvable_without_publication_date():
    e = _one("They met on Sunday.", published="")
    assert e["resolved"] is False and e["date_start"] == ""
    e = _one("They met on August 18, 2025.", published="")
    assert e["resolved"] is True


def test_may_as_verb_is_not_a_month():
    assert _events("Troops may deploy soon.") == []


def test_timeline_table_sorted():
    arts = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "outlet": ["A", "B"],
            "published": [PUB, ""],
            "text": ["They met on Tuesday. Then on Monday.", "They met on Sunday."],
        }
    )
    sents = {"a": [Sentence(0, 0, 20), Sentence(1, 21, 36)], "b": [Sentence(0, 0, 19)]}
    df = timeline(arts, sents)
    assert list(df.columns) == EVENT_COLUMNS
    assert list(df["date_start"]) == ["2025-08-18", "2025-08-19", ""]
    assert list(df["outlet"]) == ["A", "A", "B"]


def test_check_durations_consistent_and_conflicting():
    claims = pd.DataFrame(
        [
            {"doc_id": "x", "surface": "three-day meeting", "low": 3.0, "high": 3.0,
             "unit": "days", "referent": "days | meeting"},
            {"doc_id": "x", "surface": "two-day meeting", "low": 2.0, "high": 2.0,
             "unit": "days", "referent": "days | meeting"},
            {"doc_id": "x", "surface": "80 years", "low": 80.0, "high": 80.0,
             "unit": "years", "referent": "years"},
        ]
    )  # fmt: skip
    text = "The meetings took place between Tuesday and Thursday."
    ev = pd.DataFrame(resolve_dates(text, [Sentence(0, 0, len(text))], doc_id="y"))
    out = check_durations(claims, ev)
    assert list(zip(out["claim_surface"], out["verdict"], strict=True)) == [
        ("three-day meeting", "consistent"),
        ("two-day meeting", "conflicting"),
    ]
    assert (out["observed_days"] == 3).all()
    assert "3 days" in out.iloc[0]["explanation"]


def test_check_durations_needs_matching_noun():
    claims = pd.DataFrame(
        [{"doc_id": "x", "surface": "three-day visit", "low": 3.0, "high": 3.0,
          "unit": "days", "referent": "days | visit"}]
    )  # fmt: skip
    text = "The meetings took place between Tuesday and Thursday."
    ev = pd.DataFrame(resolve_dates(text, [Sentence(0, 0, len(text))], doc_id="y"))
    assert check_durations(claims, ev).empty


def test_prefiltered_scan_matches_the_plain_scan():
    """The key pre-filter and windows find exactly what scanning each sentence finds, also
    for sentences cut anywhere, overlapping or out of order, and for case-folding oddities."""
    import itertools
    import random

    from storylens import timeline as tl

    v = tl._vocab()
    toks = ["on", "Monday", "Tuesday", "and", "between", "from", "to", "Mar", "March", "18",
            "3rd", "of", "2025", "in", "earlier", "this", "week", "last", "next", "year", "three",
            "days", "after", "ago", "TODAY", "tonight", "mid-", "Sept.", ",", ".", "–", "AMarch",
            "xtoday", "Thurs", "tonıght", "DAYS", "Yesterday", "\u0130", "holidays", "\n", "  ",
            "\u00a0", "ſince", "WEEKS", "dayſ"]  # fmt: skip
    rnd = random.Random(8)
    for _ in range(1500):
        text = "".join(
            rnd.choice(toks) + rnd.choice([" ", "", "\n", ". "]) for _ in range(rnd.randint(1, 25))
        )
        n = len(text)
        if rnd.random() < 0.6:
            cuts = sorted(rnd.sample(range(n + 1), min(n + 1, rnd.randint(0, 5))))
            bounds = [0, *cuts, n]
            sents = [Sentence(i, a, b) for i, (a, b) in enumerate(itertools.pairwise(bounds))]
        else:
            sents = []
            for i in range(rnd.randint(0, 4)):
                a = rnd.randint(0, n)
                sents.append(Sentence(i, a, rnd.randint(a, n)))
        got = [(s.sent_id, [m.span() for m in ms]) for s, _, ms in tl._date_matches(text, sents, v)]
        want = [
            (s.sent_id, spans)
            for s in sents
            if (spans := [m.span() for m in v["re"].finditer(text[s.start : s.end])])
        ]
        assert got == want, (text, sents)


def test_numeric_date_with_day_and_month_unknown_stays_unresolved():
    e = _one("They met on 03/04/2025, and talks went on.")
    assert e["surface"] == "03/04/2025" and not e["resolved"] and "day or month" in e["how"]
    assert _events("Version 1.2.3 and 31/31/2025 are not dates.") == []
