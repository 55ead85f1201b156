"""Figures for notebook 03: numeric claims as intervals, their reconciliation, and the time line.

Each plot helper returns ``(figure, data)``; ``data`` is the tidy table behind the figure. The
table helpers (:func:`claim_rows`, :func:`source_counts`) return DataFrames only. None of them
changes its inputs.

Conventions of the interval plots: one row per claim, a horizontal segment from ``low`` to
``high``; an open bound (``up to``, ``at least``) is an arrow running off that side of the
axis; an exact figure is a dot; a vague magnitude ("tens of thousands") a wide pale bar. The
x-axis is logarithmic when the figures span more than :data:`LOG_SPAN` (a factor of 20).

On a large corpus a figure draws at most :data:`MAX_ROWS` claims (:data:`MAX_PANELS` panels,
:data:`MAX_BARS` bars, :data:`MAX_OUTLETS` outlet rows): those about what most outlets give
figures for, the conflicting groups first. The title says how many are drawn, and ``data``
keeps every row with a ``shown`` column, so nothing is left out of the figure's CSV.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from storylens.reconcile import fmt_interval, formed_by_unit_alone
from storylens.viz.overview import outlet_labels, shown_note, top_outlets

__all__ = [
    "QUALIFIER_STYLE",
    "VERDICT_COLORS",
    "claim_rows",
    "unit_counts",
    "interval_plot",
    "interval_panels",
    "group_rows",
    "group_plot",
    "source_counts",
    "sources_plot",
    "timeline_plot",
    "duration_plot",
]

#: Figures spanning more than this factor (max / min of the finite bounds) get a log x-axis.
LOG_SPAN = 20.0
#: Colour and marker per qualifier (colour-blind safe, Okabe-Ito).
QUALIFIER_STYLE = {
    "exact": {"color": "#000000", "marker": "o", "label": "exact (dot)"},
    "approx": {"color": "#0072B2", "marker": "|", "label": "approx (about x: x ± 10%)"},
    "range": {"color": "#009E73", "marker": "|", "label": "range (between x and y)"},
    "vague": {"color": "#CC79A7", "marker": "", "label": "vague (tens of thousands...)"},
    "up_to": {"color": "#D55E00", "marker": "|", "label": "up to x (arrow: open below)"},
    "at_least": {"color": "#E69F00", "marker": "|", "label": "at least x (arrow: open above)"},
}
_OTHER = {"color": "#777777", "marker": "s", "label": "other"}
#: One colour per reconciliation verdict (the contract's vocabulary).
VERDICT_COLORS = {
    "consistent": "#1b7837",
    "conflicting": "#b2182b",
    "different_referents": "#E69F00",
    "derived": "#2166ac",
    "single": "#9e9e9e",
}
#: At most this many claim rows per figure, and per panel in a figure of panels.
MAX_ROWS = 60
MAX_PANEL_ROWS = 12
#: At most this many unit panels (interval_panels), bars (sources_plot), outlet rows
#: (timeline_plot). 300 articles drew 3,000 claim rows in one figure: 4 minutes, 23 MB.
MAX_PANELS = 6
MAX_BARS = 40
MAX_OUTLETS = 20
#: The order in which the group figures keep groups when they cannot draw them all.
VERDICT_PRIORITY = ["conflicting", "consistent", "derived", "different_referents", "single"]
CLAIM_COLUMNS = [
    "claim_id", "doc_id", "outlet", "claimant", "surface", "interval", "low", "high", "unit",
    "currency", "unit_key", "qualifier", "referent",
]  # fmt: skip


def _empty(message: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(7, 1.4))
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    return fig


def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _str(v) -> str:
    return v if isinstance(v, str) else ""


def _unit_key(unit: str, currency: str) -> str:
    """'currency (EUR)' keeps different currencies apart; other units unchanged."""
    return f"{unit} ({currency})" if unit == "currency" and currency else unit or "(no unit)"


def _keep_reported(rows: pd.DataFrame, limit: int) -> pd.Series:
    """A boolean mask keeping at most ``limit`` rows: the claims whose referent (within its
    unit) most outlets report, then the most claims, then the referent's name; within a
    referent, the rows' own order. All rows when there are at most ``limit``."""
    if len(rows) <= limit:
        return pd.Series(True, index=rows.index)
    key = rows["unit_key"].astype(str) + "\x00" + rows["referent"].map(_str)
    outlets = rows.groupby(key)["outlet"].transform("nunique")
    claims = key.map(key.value_counts())
    rank = pd.DataFrame({"o": -outlets, "c": -claims, "k": key, "i": np.arange(len(rows))},
                        index=rows.index).sort_values(["o", "c", "k", "i"], kind="mergesort")  # fmt: skip
    keep = pd.Series(False, index=rows.index)
    keep.loc[rank.index[:limit]] = True
    return keep


def claim_rows(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per claim with its outlet label, a readable interval and a ``unit_key``.

    Rows keep the claims' order (article order, then text order). ``interval`` is
    :func:`storylens.reconcile.fmt_interval` ("up to 30,000", "27,000-33,000").
    """
    if claims.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    labels = outlet_labels(articles)
    df = claims.copy()
    df["outlet"] = df["doc_id"].map(labels).fillna(df["doc_id"])
    df["currency"] = df["currency"].map(_str) if "currency" in df else ""
    df["claimant"] = df["claimant"].map(_str)
    df["low"] = pd.to_numeric(df["low"], errors="coerce")
    df["high"] = pd.to_numeric(df["high"], errors="coerce")
    df["unit"] = df["unit"].map(_str)
    df["interval"] = [
        fmt_interval(_num(lo), _num(hi), u)
        for lo, hi, u in zip(df["low"], df["high"], df["unit"], strict=True)
    ]
    df["unit_key"] = [_unit_key(u, c) for u, c in zip(df["unit"], df["currency"], strict=True)]
    return df[CLAIM_COLUMNS].reset_index(drop=True)


def unit_counts(rows: pd.DataFrame) -> pd.Series:
    """Claims per ``unit_key``, most first (ties by name)."""
    if rows.empty:
        return pd.Series(dtype=int)
    counts = rows["unit_key"].value_counts()
    return counts.loc[sorted(counts.index, key=lambda u: (-counts[u], u))]


# ----------------------------------------------------------------------------- interval drawing


def _axis_limits(rows: pd.DataFrame) -> tuple[float, float, bool]:
    """(left, right, log) covering every finite bound with a margin for the arrows."""
    vals = [v for v in map(_num, pd.concat([rows["low"], rows["high"]])) if v is not None]
    if not vals:
        return 0.0, 1.0, False
    lo, hi = min(vals), max(vals)
    log = lo > 0 and hi / lo > LOG_SPAN
    if log:
        return lo / 2.2, hi * 2.2, True
    if hi == lo:
        pad = abs(hi) * 0.5 or 1.0
    else:
        pad = (hi - lo) * 0.15
    left = lo - pad
    if lo >= 0:
        left = max(left, 0.0) if lo - pad < 0 and lo > 0.1 * hi else min(left, 0.0)
    return left, hi + pad, False


def _fmt_tick(x: float, _pos=None) -> str:
    if x == 0:
        return "0"
    if abs(x) >= 1e9:
        return f"{x / 1e9:g}bn"
    if abs(x) >= 1e6:
        return f"{x / 1e6:g}m"
    return f"{x:,.0f}" if abs(x) >= 10 else f"{x:g}"


def _draw_claim(
    ax, y: float, low, high, qualifier: str, left: float, right: float, color: str = ""
) -> float:
    """Draw one interval on row ``y``; return the x where its label goes (finite centre)."""
    low, high = _num(low), _num(high)
    st = QUALIFIER_STYLE.get(qualifier, _OTHER)
    color = color or st["color"]
    lo = left if low is None else low
    hi = right if high is None else high
    if low is not None and high is not None and abs(high - low) <= 1e-9 * max(1.0, abs(high)):
        ax.plot([low], [y], marker="o", ms=7, color=color, zorder=3)
        return low
    if qualifier == "vague":
        ax.plot([lo, hi], [y, y], color=color, lw=9, alpha=0.45, solid_capstyle="butt", zorder=2)
    else:
        ax.plot([lo, hi], [y, y], color=color, lw=2.4, zorder=2)
    arrow = {"arrowstyle": "-|>", "color": color, "lw": 2.4}
    if low is None:
        ax.annotate("", xy=(left, y), xytext=(hi, y), arrowprops=arrow)
        ax.plot([hi], [y], marker="|", ms=14, mew=2.4, color=color, zorder=3)
        return hi
    if high is None:
        ax.annotate("", xy=(right, y), xytext=(lo, y), arrowprops=arrow)
        ax.plot([lo], [y], marker="|", ms=14, mew=2.4, color=color, zorder=3)
        return lo
    if qualifier != "vague":
        ax.plot([lo, hi], [y, y], ls="", marker="|", ms=12, mew=2.4, color=color, zorder=3)
    return math.sqrt(lo * hi) if ax.get_xscale() == "log" and lo > 0 else (lo + hi) / 2


def _row_label(r, width: int) -> str:
    who = r["claimant"] if r["claimant"] and r["claimant"] != r["outlet"] else "(the outlet)"
    return textwrap.shorten(f"{r['outlet']} · {who}", width=width, placeholder="…")


def _draw_rows(
    ax,
    rows: pd.DataFrame,
    *,
    title: str,
    width: int = 60,
    band: str = "outlet",
    colors: list[str] | None = None,
    with_interval: bool = False,
) -> None:
    """Rows (already ordered, top first) on one axis: intervals, their text above them, and
    grey bands alternating with each change of the ``band`` column."""
    left, right, log = _axis_limits(rows)
    if log:
        ax.set_xscale("log")
    ax.set_xlim(left, right)
    n = len(rows)
    prev, k = None, 0
    for i, r in enumerate(rows.to_dict("records")):
        y = n - 1 - i
        if r[band] != prev:
            k += 1
            prev = r[band]
        if k % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", zorder=0)
        color = colors[i] if colors else ""
        x = _draw_claim(ax, y, r["low"], r["high"], r["qualifier"], left, right, color)
        text = textwrap.shorten(f"“{r['surface']}”", width=44, placeholder="…")
        if with_interval:
            text = f"{r['interval']}  {text}"
        ax.annotate(text, (x, y), xytext=(0, 7), textcoords="offset points", ha="center",
                    va="bottom", fontsize=8, color="#333333")  # fmt: skip
    ax.set_yticks(range(n))
    ax.set_yticklabels([_row_label(r, width) for r in rows.iloc[::-1].to_dict("records")])
    ax.set_ylim(-0.6, n - 0.2)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(FuncFormatter(_fmt_tick))
    unit = rows["unit_key"].iloc[0]
    ax.set_xlabel(f"value ({'%' if unit == 'percent' else unit}{', log scale' if log else ''})")
    ax.set_title(title, loc="left", fontsize=11)


def _qualifier_legend(fig, qualifiers) -> None:
    handles = []
    for q in [q for q in QUALIFIER_STYLE if q in set(qualifiers)]:
        st = QUALIFIER_STYLE[q]
        lw, alpha = (9, 0.45) if q == "vague" else (2.4, 1)
        marker = "o" if q == "exact" else st["marker"]
        ls = "" if q == "exact" else "-"
        handles.append(Line2D([], [], color=st["color"], lw=lw, alpha=alpha, marker=marker,
                              ms=10, mew=2, ls=ls, label=st["label"]))  # fmt: skip
    if handles:
        fig.legend(handles=handles, title="qualifier", loc="upper left",
                   bbox_to_anchor=(1.0, 0.98), frameon=False)  # fmt: skip


def _order(rows: pd.DataFrame) -> pd.DataFrame:
    """Outlet (first appearance), then claimant, then representative value."""
    rank = {o: i for i, o in enumerate(dict.fromkeys(rows["outlet"]))}
    rep = [
        np.nanmean([np.nan if lo is None else lo, np.nan if hi is None else hi])
        for lo, hi in zip(map(_num, rows["low"]), map(_num, rows["high"]), strict=True)
    ]
    return (
        rows.assign(_r=rows["outlet"].map(rank), _v=rep)
        .sort_values(["_r", "claimant", "_v", "claim_id"], kind="mergesort")
        .drop(columns=["_r", "_v"])
        .reset_index(drop=True)
    )


def interval_plot(
    rows: pd.DataFrame, unit_key: str, *, title: str = "", max_rows: int = MAX_ROWS
) -> tuple[plt.Figure, pd.DataFrame]:
    """Every claim of one ``unit_key`` (from :func:`claim_rows`) as an interval, by outlet and
    claimant (grey bands group an outlet's rows), marked by qualifier. Above ``max_rows``
    claims, the rows about what most outlets report (``data["shown"]``)."""
    data = _order(rows[rows["unit_key"] == unit_key])
    if data.empty:
        return _empty(f"no claims in {unit_key}"), data.assign(shown=pd.Series(dtype=bool))
    data["shown"] = _keep_reported(data, max_rows)
    drawn = data[data["shown"]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(12, 0.55 * len(drawn) + 1.6))
    note = shown_note(len(drawn), len(data), "claims", "those most outlets report")
    _draw_rows(ax, drawn, title=(title or f"Every figure in {unit_key}, by outlet and claimant")
               + note)  # fmt: skip
    ax.set_ylabel("outlet · claimant")
    _qualifier_legend(fig, drawn["qualifier"])
    fig.tight_layout()
    return fig, data


def interval_panels(
    rows: pd.DataFrame,
    *,
    min_claims: int = 2,
    exclude: tuple[str, ...] = (),
    title: str = "",
    max_panels: int = MAX_PANELS,
    max_rows: int = MAX_PANEL_ROWS,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Small multiples: one panel (own x-axis) per ``unit_key`` with >= ``min_claims`` claims,
    most claims first, leaving out ``exclude`` (e.g. the unit already drawn on its own). At
    most ``max_panels`` panels of ``max_rows`` rows each are drawn (``data["shown"]``)."""
    counts = unit_counts(rows)
    units = [u for u in counts.index if counts[u] >= min_claims and u not in exclude]
    if not units:
        empty = rows.iloc[0:0].assign(shown=pd.Series(dtype=bool))
        return _empty(f"no other unit has {min_claims} or more claims"), empty
    parts = []
    for i, u in enumerate(units):
        part = _order(rows[rows["unit_key"] == u])
        part["shown"] = _keep_reported(part, max_rows) if i < max_panels else False
        parts.append(part)
    drawn = [p[p["shown"]].reset_index(drop=True) for p in parts[:max_panels]]
    heights = [len(p) + 1.2 for p in drawn]
    fig, axes = plt.subplots(
        len(drawn), 1, figsize=(12, 0.5 * sum(heights) + 1.2), squeeze=False,
        gridspec_kw={"height_ratios": heights},
    )  # fmt: skip
    for ax, whole, part in zip(axes[:, 0], parts, drawn, strict=False):
        unit = part["unit_key"].iloc[0]
        _draw_rows(ax, part, title=f"{unit}: {len(whole)} claims"
                   + shown_note(len(part), len(whole), "claims"))  # fmt: skip
    more = len(units) - len(drawn)
    more_note = f" ({more} more unit(s) not drawn; see the data)" if more > 0 else ""
    fig.suptitle((title or "The other figures, one panel per unit") + more_note,
                 fontweight="bold", x=0.02, ha="left")  # fmt: skip
    _qualifier_legend(fig, pd.concat(drawn)["qualifier"])
    fig.supylabel("outlet · claimant", fontsize=10)
    fig.tight_layout()
    return fig, pd.concat(parts, ignore_index=True)


# ----------------------------------------------------------------------------- reconciliation


def group_rows(
    reconciliation: pd.DataFrame, rows: pd.DataFrame, *, include_single: bool = False
) -> pd.DataFrame:
    """One row per (group, claim): the claims of each reconciliation group with its verdict.

    A claim in two groups (e.g. a ``derived`` and a ``different_referents`` row) appears twice.
    """
    cols = ["group_id", "verdict", "independent_sources", *CLAIM_COLUMNS]
    if reconciliation.empty or rows.empty:
        return pd.DataFrame(columns=cols)
    rec = (
        reconciliation if include_single else reconciliation[reconciliation["verdict"] != "single"]
    )
    by_id = rows.set_index("claim_id")
    out = []
    for g in rec.to_dict("records"):
        for cid in str(g["claim_ids"]).split():
            if cid in by_id.index:
                out.append({"group_id": g["group_id"], "verdict": g["verdict"],
                            "independent_sources": g["independent_sources"], "claim_id": cid,
                            **by_id.loc[cid].to_dict()})  # fmt: skip
    return pd.DataFrame(out, columns=cols)


def _keep_groups(data: pd.DataFrame, limit: int, specific: set[str]) -> pd.Series:
    """A mask over :func:`group_rows` keeping whole groups while at most ``limit`` rows: the
    conflicting groups first (:data:`VERDICT_PRIORITY`), groups with a ``specific`` referent
    before those formed by unit alone, then those with the most independent sources, then
    the largest. A first group larger than ``limit`` keeps its first rows."""
    if len(data) <= limit:
        return pd.Series(True, index=data.index)
    size = data.groupby("group_id", sort=False).size()
    first = data.drop_duplicates("group_id").set_index("group_id")
    prio = {v: i for i, v in enumerate(VERDICT_PRIORITY)}
    order = sorted(
        size.index,
        key=lambda g: (prio.get(first.loc[g, "verdict"], len(prio)), g not in specific,
                       -int(first.loc[g, "independent_sources"]), -int(size[g]), str(g)),
    )  # fmt: skip
    chosen, total = set(), 0
    for g in order:
        if total + size[g] > limit:
            continue
        chosen.add(g)
        total += size[g]
    keep = data["group_id"].isin(chosen)
    if not chosen:
        keep = data["group_id"].eq(order[0]) & (data.groupby("group_id").cumcount() < limit)
    return keep


def group_plot(
    reconciliation: pd.DataFrame,
    rows: pd.DataFrame,
    *,
    include_single: bool = False,
    max_rows: int = MAX_ROWS,
) -> tuple[plt.Figure, pd.DataFrame]:
    """The reconciliation groups drawn as groups: one panel per unit, one band per group
    (named on the right: id and verdict), each claim's interval in its verdict's colour.
    Above ``max_rows`` claims, whole groups, conflicting first (``data["shown"]``)."""
    data = group_rows(reconciliation, rows, include_single=include_single)
    if data.empty:
        return _empty("no group holds two or more claims"), data.assign(shown=pd.Series(dtype=bool))
    # a referent with modifiers ("troops | peacekeeping") names what is counted; a bare unit
    # ("troops") means the group was formed by unit alone, so it is drawn after the others
    specific = set(
        reconciliation.loc[~formed_by_unit_alone(reconciliation["referent"]), "group_id"]
    )
    data["shown"] = _keep_groups(data, max_rows, specific)
    drawn = data[data["shown"]]
    units = list(dict.fromkeys(drawn["unit_key"]))
    parts = [drawn[drawn["unit_key"] == u].reset_index(drop=True) for u in units]
    heights = [len(p) + 1.6 for p in parts]
    fig, axes = plt.subplots(
        len(units), 1, figsize=(13, 0.55 * sum(heights) + 1.2), squeeze=False,
        gridspec_kw={"height_ratios": heights},
    )  # fmt: skip
    for ax, unit, part in zip(axes[:, 0], units, parts, strict=True):
        colors = [VERDICT_COLORS.get(v, "#777777") for v in part["verdict"]]
        _draw_rows(ax, part, title=unit, band="group_id", colors=colors, with_interval=True)
        n = len(part)
        for gid, idx in part.groupby("group_id", sort=False).groups.items():
            ys = [n - 1 - i for i in idx]
            verdict = part.loc[idx[0], "verdict"]
            ax.annotate(f"{gid}\n{verdict}", (1.01, (min(ys) + max(ys)) / 2),
                        xycoords=("axes fraction", "data"), va="center", fontsize=8.5,
                        color=VERDICT_COLORS.get(verdict, "#777777"), fontweight="bold")  # fmt: skip
            ax.axhline(min(ys) - 0.5, color="#bbbbbb", lw=0.8)
    n_groups = (drawn["group_id"].nunique(), data["group_id"].nunique())
    note = shown_note(*n_groups, "groups", "conflicting first")
    fig.suptitle("Groups of claims and their verdicts (a claim can sit in two groups)" + note,
                 fontweight="bold", x=0.01, ha="left")  # fmt: skip
    handles = [Line2D([], [], color=c, lw=4, label=v) for v, c in VERDICT_COLORS.items()
               if v in set(drawn["verdict"])]  # fmt: skip
    fig.legend(handles=handles, loc="upper right", ncol=len(handles), frameon=False,
               bbox_to_anchor=(0.99, 0.965 if note else 1.0), fontsize=9)  # fmt: skip
    fig.supylabel("outlet · claimant", fontsize=10)
    fig.tight_layout(rect=(0, 0, 0.93, 0.94 if note else 0.97))
    return fig, data


# ----------------------------------------------------------------------------- sources


def source_counts(
    reconciliation: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """Per group: claims, articles, outlets and independent sources (wire copies count once).

    ``wire_copies`` = articles - independent sources: articles that repeat another's wire text.
    """
    cols = ["group_id", "referent", "verdict", "n_claims", "articles", "independent_sources",
            "wire_copies", "outlets"]  # fmt: skip
    if reconciliation.empty:
        return pd.DataFrame(columns=cols)
    labels = outlet_labels(articles)
    doc_of = dict(zip(claims["claim_id"], claims["doc_id"], strict=True))
    out = []
    for g in reconciliation.to_dict("records"):
        docs = sorted({doc_of[c] for c in str(g["claim_ids"]).split() if c in doc_of})
        n_ind = int(g["independent_sources"])
        out.append({"group_id": g["group_id"], "referent": g["referent"], "verdict": g["verdict"],
                    "n_claims": len(str(g["claim_ids"]).split()), "articles": len(docs),
                    "independent_sources": n_ind, "wire_copies": len(docs) - n_ind,
                    "outlets": ", ".join(dict.fromkeys(labels.get(d, d) for d in docs))})  # fmt: skip
    return pd.DataFrame(out, columns=cols)


def sources_plot(
    counts: pd.DataFrame, *, max_bars: int = MAX_BARS
) -> tuple[plt.Figure, pd.DataFrame]:
    """Bars per group: articles carrying the figure vs independent sources behind it. Above
    ``max_bars`` groups, those in the most articles (``data["shown"]``), in their own order."""
    if counts.empty:
        return _empty("no claims, so no sources to count"), counts.assign(
            shown=pd.Series(dtype=bool)
        )
    whole = counts.reset_index(drop=True)
    top = whole.sort_values(["articles", "independent_sources"], ascending=False, kind="mergesort")
    whole["shown"] = whole.index.isin(top.index[:max_bars])
    data = whole[whole["shown"]].iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(11, 0.42 * len(data) + 1.8))
    y = np.arange(len(data))
    ax.barh(y + 0.18, data["articles"], height=0.36, color="#c6dbef", label="articles carrying it")
    ax.barh(y - 0.18, data["independent_sources"], height=0.36, color="#08519c",
            label="independent sources (wire copies count once)")  # fmt: skip
    ax.set_yticks(y)
    ax.set_yticklabels([
        textwrap.shorten(f"{g} {v}: {r}", width=70, placeholder="…")
        for g, v, r in zip(data["group_id"], data["verdict"], data["referent"], strict=True)
    ])  # fmt: skip
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel("number of articles")
    ax.set_ylabel("group of claims (id, verdict, referent)")
    note = shown_note(len(data), len(whole), "groups", "those in most articles")
    ax.set_title("How many independent sources stand behind each figure?" + note, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig, whole


# ----------------------------------------------------------------------------- time


def timeline_plot(
    events: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    max_days: int = 10,
    max_outlets: int = MAX_OUTLETS,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Resolved dates of reported events, one row per outlet (x = date).

    A single day is a dot (bigger when several expressions name it); a range of up to
    ``max_days`` days is a bar; longer spans ("earlier this year") are left out of the figure
    (they are in ``data`` with ``shown = False``) so they do not squash the days. Each outlet's
    publication date is a black tick; the y label counts the expressions that stayed unresolved.
    Above ``max_outlets`` outlets, the rows of those with the most dated events are drawn.
    """
    cols = ["outlet", "date_start", "date_end", "n_days", "surfaces", "n", "shown"]
    if events.empty:
        return _empty("no date expressions found"), pd.DataFrame(columns=cols)
    labels = outlet_labels(articles)
    ev = events.assign(outlet=events["doc_id"].map(labels).fillna(events["doc_id"]))
    res = ev[ev["resolved"].astype(bool) & ev["date_start"].astype(str).ne("")]
    unresolved = ev[~ev.index.isin(res.index)].groupby("outlet").size()
    data = res.groupby(["outlet", "date_start", "date_end"], as_index=False).agg(
        surfaces=("surface", lambda s: ", ".join(dict.fromkeys(s))), n=("surface", "size")
    )
    start = pd.to_datetime(data["date_start"])
    end = pd.to_datetime(data["date_end"])
    data["n_days"] = (end - start).dt.days + 1
    data["shown"] = data["n_days"] <= max_days
    data = data[cols]
    present = set(ev["outlet"])
    outlets = [o for o in labels.unique() if o in present]
    n_outlets = len(outlets)
    if n_outlets > max_outlets:
        per = data[data["shown"]].groupby("outlet")["n"].sum()
        outlets = top_outlets(outlets, per, max_outlets)
        data["shown"] &= data["outlet"].isin(outlets)
    pub = articles.assign(outlet=articles["doc_id"].map(labels))
    pub = pub[pub["published"].fillna("").astype(str).str.len() > 0]
    shown = data[data["shown"]]
    if shown.empty:
        fig = _empty("no event resolves to a date range shorter than "
                     f"{max_days} days (see the table)")  # fmt: skip
        return fig, data
    fig, ax = plt.subplots(figsize=(12, 0.7 * len(outlets) + 2))
    ypos = {o: len(outlets) - 1 - i for i, o in enumerate(outlets)}
    seen: dict[str, int] = {}
    for r in shown.to_dict("records"):
        y = ypos[r["outlet"]]
        d0, d1 = pd.Timestamp(r["date_start"]), pd.Timestamp(r["date_end"])
        text = textwrap.shorten(r["surfaces"], width=24, placeholder="…")
        seen[r["outlet"]] = seen.get(r["outlet"], 0) + 1
        if r["n_days"] == 1:
            ax.scatter([d0], [y], s=40 + 30 * r["n"], color="#2166ac", alpha=0.8, zorder=3)
            ax.annotate(text, (d0, y), xytext=(0, 8 + 10 * (seen[r['outlet']] % 2 == 0)), fontsize=7.5,
                        textcoords="offset points", ha="center", va="bottom")  # fmt: skip
        else:
            x0 = mdates.date2num(d0) - 0.4
            x1 = mdates.date2num(d1) + 0.4
            ax.barh(y - 0.22, x1 - x0, left=x0, height=0.16, color="#fdae61", zorder=2)
            text = textwrap.shorten(r["surfaces"], width=36, placeholder="…")
            ax.annotate(text, (mdates.num2date((x0 + x1) / 2), y - 0.3), fontsize=7.5,
                        ha="center", va="top")  # fmt: skip
    for r in pub.to_dict("records"):
        if r["outlet"] in ypos:
            ax.scatter([pd.Timestamp(r["published"])], [ypos[r["outlet"]]], marker="|", s=500,
                       color="black", zorder=4)  # fmt: skip
    ax.set_yticks(list(ypos.values()))
    ax.set_yticklabels([f"{o}\n({unresolved.get(o, 0)} unresolved)" for o in ypos])
    ax.set_ylim(-0.8, len(outlets) - 0.2)
    days = [pd.Timestamp(d) for d in [*shown["date_start"], *shown["date_end"]]]
    days += [pd.Timestamp(d) for d in pub["published"]]
    first, last = min(days), max(days)
    span = (last - first).days
    pad = pd.Timedelta(days=max(1, round(span * 0.05)))
    ax.set_xlim(first - pad, last + pad)
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, (span + 2) // 8)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a\n%d %b"))
    lo, hi = shown["date_start"].min()[:4], shown["date_end"].max()[:4]
    hidden = int((~data["shown"] & data["outlet"].isin(outlets)).sum())
    note = f"; {hidden} longer span(s) not drawn, see the table" if hidden else ""
    note += shown_note(len(outlets), n_outlets, "outlets", "those with most dated events")
    ax.set_xlabel(f"date the expression resolves to (calendar day, {lo}"
                  f"{'' if lo == hi else '-' + hi}){note}")  # fmt: skip
    ax.set_ylabel("outlet")
    ax.set_title("When the reported events happened, by outlet\n"
                 "(dot: a day; bar: a span; black tick: publication date)", loc="left")  # fmt: skip
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig, data


def duration_plot(
    durations: pd.DataFrame, claims: pd.DataFrame | None = None, *, max_rows: int = MAX_ROWS
) -> tuple[plt.Figure, pd.DataFrame]:
    """Each duration check: the stated length (a grey bar, from ``claims`` when given) against
    the days the date range spans (a diamond in the verdict's colour). Above ``max_rows``
    checks, the conflicting ones first (``shown``)."""
    if durations.empty:
        empty = durations.assign(shown=pd.Series(dtype=bool))
        return _empty("no stated duration could be checked against a date range"), empty
    whole = durations.reset_index(drop=True).assign(stated_low=np.nan, stated_high=np.nan)
    rank = whole["verdict"].ne("conflicting").astype(int).sort_values(kind="mergesort")
    whole["shown"] = whole.index.isin(rank.index[:max_rows])
    if claims is not None and len(claims):
        per = {"days": 1, "weeks": 7}
        key = claims.drop_duplicates(["doc_id", "surface"]).set_index(["doc_id", "surface"])
        for i, r in whole.iterrows():
            if (r["doc_id"], r["claim_surface"]) in key.index:
                c = key.loc[(r["doc_id"], r["claim_surface"])]
                k = per.get(c["unit"], np.nan)
                whole.loc[i, ["stated_low", "stated_high"]] = [
                    _num(c["low"]) * k if _num(c["low"]) is not None else np.nan,
                    _num(c["high"]) * k if _num(c["high"]) is not None else np.nan,
                ]
    data = whole[whole["shown"]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, 0.6 * len(data) + 1.8))
    y = np.arange(len(data))[::-1]
    colors = [VERDICT_COLORS.get(v, "#777777") for v in data["verdict"]]
    for yy, lo, hi in zip(y, data["stated_low"], data["stated_high"], strict=True):
        if not (np.isnan(lo) and np.isnan(hi)):
            lo, hi = (0 if np.isnan(lo) else lo), (hi if not np.isnan(hi) else lo * 3)
            ax.barh(yy, hi - lo + 0.6, left=lo - 0.3, height=0.45, color="#d9d9d9", zorder=1)
    ax.scatter(data["observed_days"], y, s=120, marker="D", color=colors, zorder=3)
    for yy, r in zip(y, data.to_dict("records"), strict=True):
        ax.annotate(f"observed {r['observed_days']} days ('{r['event_surface']}'), "
                    f"stated {r['stated']}: {r['verdict']}", (r["observed_days"], yy),
                    xytext=(10, 0), textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    ax.set_yticks(y)
    ax.set_yticklabels([textwrap.shorten(f"“{s}”", 40, placeholder="…")
                        for s in data["claim_surface"]])  # fmt: skip
    ax.set_xlim(0, max(float(data["observed_days"].max()) * 2.5, 7))
    ax.legend(handles=[Line2D([], [], color="#d9d9d9", lw=8, label="stated"),
                       Line2D([], [], color="#555555", marker="D", ls="", label="observed")],
              loc="lower right")  # fmt: skip
    ax.set_xlabel("days (a date range counted inclusively: Tuesday..Thursday = 3)")
    ax.set_ylabel("stated duration")
    note = shown_note(len(data), len(whole), "checks", "conflicting first")
    ax.set_title("Stated durations against the dates the articles give" + note, loc="left")
    fig.tight_layout()
    return fig, whole
