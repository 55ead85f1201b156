"""Figures for notebook 03: each helper returns (figure, tidy data) and survives empty input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from storylens.timeline import DURATION_COLUMNS, EVENT_COLUMNS
from storylens.viz import numbers as vn

ARTICLES = pd.DataFrame(
    {
        "doc_id": ["a", "b", "c"],
        "outlet": ["AP", "CGTN", ""],
        "published": ["2025-08-22", "2025-08-21", ""],
        "wire_group": ["a", "a", "c"],
    }
)
NAN = np.nan
CLAIMS = pd.DataFrame(
    [
        ("a-c01", "a", 0, "up to 30,000 troops", NAN, 30000.0, "troops", "up_to", "troops | cap", ""),
        ("a-c02", "a", 1, "around 30,000 troops", 27000.0, 33000.0, "troops", "approx",
         "troops | incl. rotation", "Keir Starmer"),
        ("b-c01", "b", 0, "at least 1,000 troops", 1000.0, NAN, "troops", "at_least", "troops", ""),
        ("b-c02", "b", 1, "1.5 billion euros", 1.5e9, 1.5e9, "currency", "exact", "currency", ""),
        ("c-c01", "c", 0, "26 countries", 26.0, 26.0, "countries", "exact", "countries", "x"),
        ("c-c02", "c", 1, "about 30 nations", 27.0, 33.0, "countries", "approx", "countries", ""),
    ],
    columns=["claim_id", "doc_id", "sent_id", "surface", "low", "high", "unit", "qualifier",
             "referent", "claimant"],
).assign(currency=["", "", "", "EUR", "", ""])  # fmt: skip
RECON = pd.DataFrame(
    {
        "group_id": ["g001", "g002", "g003", "g004"],
        "referent": ["troops | cap / troops | incl. rotation", "troops", "countries", "currency"],
        "claim_ids": ["a-c01 a-c02", "a-c02 b-c01", "c-c01 c-c02", "b-c02"],
        "verdict": ["different_referents", "consistent", "derived", "single"],
        "independent_sources": [1, 1, 1, 1],
        "explanation": ["", "", "", ""],
        "unit": ["troops", "troops", "countries", "currency"],
        "n_claims": [2, 2, 2, 1],
    }
)


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_claim_rows_intervals_labels_and_units():
    rows = vn.claim_rows(CLAIMS, ARTICLES)
    assert list(rows["interval"]) == [
        "up to 30,000", "27,000-33,000", "at least 1,000", "1,500,000,000", "26", "27-33"
    ]  # fmt: skip
    assert list(rows["outlet"]) == ["AP", "AP", "CGTN", "CGTN", "c", "c"]  # empty outlet -> id
    assert rows.loc[3, "unit_key"] == "currency (EUR)"
    assert list(vn.unit_counts(rows).index[:2]) == ["troops", "countries"]
    assert CLAIMS["low"].isna().sum() == 1  # input unchanged


def test_interval_plot_log_scale_and_data():
    rows = vn.claim_rows(CLAIMS, ARTICLES)
    fig, data = vn.interval_plot(rows, "troops")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"  # 1,000 .. 33,000 spans more than a factor of 20
    assert len(data) == 3 and set(data["unit_key"]) == {"troops"}
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("value (troops")
    fig, data = vn.interval_plot(rows, "countries")
    assert fig.axes[0].get_xscale() == "linear"


def test_interval_panels_excludes_and_skips_small_units():
    rows = vn.claim_rows(CLAIMS, ARTICLES)
    fig, data = vn.interval_panels(rows, min_claims=2, exclude=("troops",))
    assert set(data["unit_key"]) == {"countries"}
    fig, data = vn.interval_panels(rows, min_claims=5)
    assert data.empty


def test_group_rows_repeat_a_claim_in_two_groups_and_skip_singles():
    rows = vn.claim_rows(CLAIMS, ARTICLES)
    data = vn.group_rows(RECON, rows)
    assert list(data["claim_id"]).count("a-c02") == 2
    assert "single" not in set(data["verdict"])
    assert len(vn.group_rows(RECON, rows, include_single=True)) == len(data) + 1
    fig, data2 = vn.group_plot(RECON, rows)
    assert len(data2) == len(data)


def test_source_counts_wire_copies():
    s = vn.source_counts(RECON, CLAIMS, ARTICLES).set_index("group_id")
    assert s.loc["g002", "articles"] == 2 and s.loc["g002", "wire_copies"] == 1
    assert s.loc["g001", "wire_copies"] == 0
    fig, data = vn.sources_plot(s.reset_index())
    assert len(data) == 4


def test_timeline_plot_hides_long_spans_and_counts_unresolved():
    ev = pd.DataFrame(
        [
            ("a", "AP", 0, "on Tuesday", 0, 10, "2025-08-19", "2025-08-19", 1, True, "w", ""),
            ("a", "AP", 1, "in April", 0, 8, "2025-04-01", "2025-04-30", 30, True, "m", ""),
            ("c", "", 0, "on Monday", 0, 9, "", "", 1, False, "weekday; no publication date", ""),
        ],
        columns=EVENT_COLUMNS,
    )
    fig, data = vn.timeline_plot(ev, ARTICLES, max_days=10)
    assert dict(zip(data["date_start"], data["shown"], strict=True)) == {
        "2025-04-01": False,
        "2025-08-19": True,
    }
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(lbl.startswith("c\n(1 unresolved)") for lbl in labels)


def test_empty_inputs_give_a_figure():
    rows = vn.claim_rows(CLAIMS.iloc[0:0], ARTICLES)
    assert rows.empty
    for fig, _data in [
        vn.interval_plot(rows, ""),
        vn.interval_panels(rows),
        vn.group_plot(RECON.iloc[0:0], rows),
        vn.sources_plot(vn.source_counts(RECON.iloc[0:0], CLAIMS, ARTICLES)),
        vn.timeline_plot(pd.DataFrame(columns=EVENT_COLUMNS), ARTICLES),
        vn.duration_plot(pd.DataFrame(columns=DURATION_COLUMNS)),
    ]:
        assert isinstance(fig, plt.Figure)


def test_duration_plot_draws_stated_interval():
    du = pd.DataFrame(
        [("a", "three-day meeting", "3 days", "b", "between Tuesday and Thursday", 3,
          "consistent", "")],
        columns=DURATION_COLUMNS,
    )  # fmt: skip
    claims = pd.DataFrame(
        {"doc_id": ["a"], "surface": ["three-day meeting"], "low": [3.0], "high": [3.0],
         "unit": ["days"]}
    )  # fmt: skip
    fig, data = vn.duration_plot(du, claims)
    assert data.loc[0, "stated_low"] == 3 and data.loc[0, "stated_high"] == 3


def _many_claims(n_docs: int, per_doc: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n_docs`` articles (one outlet each) with ``per_doc`` troop claims; the first claim of
    every article is about 'cap', the rest have a referent of their own."""
    arts = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n_docs)],
                         "outlet": [f"O{i}" for i in range(n_docs)], "published": "2025-08-21",
                         "wire_group": [f"d{i:03d}" for i in range(n_docs)]})  # fmt: skip
    rows = []
    for i in range(n_docs):
        for j in range(per_doc):
            ref = "troops | cap" if j == 0 else f"troops | r{i}-{j}"
            v = 1000.0 + 10 * i + j
            rows.append((f"d{i:03d}-c{j:02d}", f"d{i:03d}", j, f"{v:g} troops", v, v, "troops",
                         "exact", ref, ""))  # fmt: skip
    claims = pd.DataFrame(rows, columns=CLAIMS.columns.drop("currency")).assign(currency="")
    return claims, arts


def test_interval_plot_draws_at_most_max_rows_the_most_reported_first():
    claims, arts = _many_claims(30, 4)  # 120 claims; 'troops | cap' is in all 30 outlets
    rows = vn.claim_rows(claims, arts)
    fig, data = vn.interval_plot(rows, "troops", max_rows=40)
    assert len(data) == 120 and data["shown"].sum() == 40  # every claim stays in the data
    drawn = data[data["shown"]]
    assert (drawn["referent"] == "troops | cap").sum() == 30  # the most reported referent
    assert len(fig.axes[0].get_yticklabels()) == 40
    assert "40 of 120 claims drawn" in fig.axes[0].get_title(loc="left")
    fig, data = vn.interval_plot(rows.head(vn.MAX_ROWS), "troops")  # all drawn, no note
    assert data["shown"].all() and "drawn" not in fig.axes[0].get_title(loc="left")


def test_interval_panels_cap_panels_and_rows():
    claims, arts = _many_claims(3, 2)
    units = [f"u{k}" for k in range(len(claims))]
    rows = vn.claim_rows(claims.assign(unit=[u for u in units[:3] for _ in (0, 1)]), arts)
    fig, data = vn.interval_panels(rows, min_claims=2, max_panels=2, max_rows=1)
    assert len(data) == 6 and data["shown"].sum() == 2  # 2 panels x 1 row
    assert len(fig.axes) == 2 and "1 more unit(s) not drawn" in fig._suptitle.get_text()


def test_group_plot_keeps_whole_groups_conflicting_and_specific_first():
    claims, arts = _many_claims(6, 2)
    rows = vn.claim_rows(claims, arts)
    ids = list(claims["claim_id"])
    rec = pd.DataFrame(
        {
            "group_id": ["g1", "g2", "g3", "g4"],
            "referent": ["troops", "troops | cap", "troops | x", "troops | y"],
            "claim_ids": [" ".join(ids[0:4]), " ".join(ids[4:7]), " ".join(ids[7:9]),
                          " ".join(ids[9:12])],
            "verdict": ["conflicting", "conflicting", "consistent", "conflicting"],
            "independent_sources": [2, 2, 2, 1],
        }
    )  # fmt: skip
    fig, data = vn.group_plot(rec, rows, max_rows=6)
    shown = data[data["shown"]].groupby("group_id").size().to_dict()
    # g2 (conflicting, specific referent, 2 sources) then g4 (conflicting, specific); the
    # unit-only g1 would not fit, nor the consistent g3
    assert shown == {"g2": 3, "g4": 3}
    assert len(data) == 12
    fig, data = vn.group_plot(rec.iloc[:1], rows, max_rows=2)  # one group above the cap
    assert data["shown"].sum() == 2


def test_sources_and_duration_plots_cap_their_rows():
    counts = pd.DataFrame({"group_id": [f"g{i}" for i in range(10)], "referent": "r",
                           "verdict": "consistent", "n_claims": 2, "articles": range(10),
                           "independent_sources": 1, "wire_copies": 0, "outlets": "A"})  # fmt: skip
    fig, data = vn.sources_plot(counts, max_bars=3)
    assert list(data.loc[data["shown"], "group_id"]) == ["g7", "g8", "g9"]  # most articles
    assert list(data["group_id"]) == list(counts["group_id"])  # own order, every row
    du = pd.DataFrame(
        [("a", f"{k} days", f"{k} days", "b", "x", k, "consistent" if k % 3 else "conflicting",
          "") for k in range(2, 12)],
        columns=DURATION_COLUMNS,
    )  # fmt: skip
    fig, data = vn.duration_plot(du, max_rows=3)
    assert set(data.loc[data["shown"], "verdict"]) == {"conflicting"} and len(data) == 10


def test_styled_shows_at_most_max_rows_and_says_so():
    from storylens.display import styled

    df = pd.DataFrame({"x": range(10)})
    html = styled(df, caption="Numbers", max_rows=4).to_html()
    assert "first 4 of 10 rows shown" in html and html.count("<tr>") == 5  # header + 4
    assert "rows shown" not in styled(df, caption="Numbers").to_html()
