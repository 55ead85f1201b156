"""Figures for notebook 01 (compare sources): similarity, voice, sourcing, fingerprints.

Every function takes tidy tables and returns ``(fig, data)``: the figure and the tidy table
drawn, so the notebook can save both (``nb.save(fig, data, name)``).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from .overview import MAX_OUTLET_BARS, grid_layout, outlet_labels, shown_note, top_outlets

SOURCE_ORDER = ["named", "anonymous", "unattributed"]
SOURCE_COLORS = {"named": "#4C72B0", "anonymous": "#DD8452", "unattributed": "#B0B0B0"}
VOICE_KINDS = ["direct", "partial", "reported"]


def _empty(message: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(6, 2))
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    return fig


def similarity_matrix(pairs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Tidy symmetric similarity: ``outlet_a``, ``outlet_b``, ``score`` (1 on the diagonal)."""
    labels = outlet_labels(articles)
    rows = [{"outlet_a": lab, "outlet_b": lab, "score": 1.0} for lab in labels]
    for a, b, s in zip(pairs["doc_a"], pairs["doc_b"], pairs["score"], strict=True):
        la, lb = labels.get(a, a), labels.get(b, b)
        rows += [
            {"outlet_a": la, "outlet_b": lb, "score": float(s)},
            {"outlet_a": lb, "outlet_b": la, "score": float(s)},
        ]
    return pd.DataFrame(rows, columns=["outlet_a", "outlet_b", "score"])


def similarity_heatmap(
    pairs: pd.DataFrame, articles: pd.DataFrame, *, title: str = ""
) -> tuple[plt.Figure, pd.DataFrame]:
    """Heatmap of the pairwise similarity score (0..1) between every two outlets."""
    data = similarity_matrix(pairs, articles)
    if len(articles) < 2:
        return _empty("fewer than two articles: nothing to compare"), data
    order = list(outlet_labels(articles))
    grid = data.pivot_table(index="outlet_a", columns="outlet_b", values="score", aggfunc="max")
    grid = grid.reindex(index=order, columns=order)
    # Numbers in the cells and cell borders while they can be read; a large corpus gets a
    # heatmap of bounded size without them (300 articles annotated took ten minutes to draw
    # a 270-inch figure).
    size, readable = grid_layout(grid.shape, (0.9, 0.9), (4, 3))
    fig, ax = plt.subplots(figsize=size)
    sns.heatmap(
        grid,
        annot=readable,
        fmt=".2f",
        vmin=0,
        vmax=1,
        cmap="rocket_r",
        square=True,
        cbar_kws={"label": "similarity score (0-1)"},
        ax=ax,
        linewidths=0.5 if readable else 0,
        xticklabels="auto",
        yticklabels="auto",
    )
    ax.set_title(title or "How similar is each pair of articles?")
    ax.set_xlabel("outlet")
    ax.set_ylabel("outlet")
    ax.tick_params(axis="x", rotation=30)
    fig.tight_layout()
    return fig, data


def voice_chart(
    voice: pd.DataFrame, *, top: int = 8, title: str = "", max_panels: int = 12
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per outlet: its ``top`` actors, times quoted (by kind) next to mentions.

    ``voice`` is :func:`storylens.quotes.voice_table`. Bars: direct, partial and reported
    quotes stacked; a hollow bar behind them is the number of mentions, so an actor who is
    only talked about shows an empty bar. At most ``max_panels`` panels are drawn: with more
    outlets, those quoting most (the title says how many of how many); the returned data
    holds every outlet.
    """
    if voice.empty:
        return _empty("no actors or quotes found"), voice
    v = voice.assign(spoke=voice[VOICE_KINDS].sum(axis=1))
    v = v.sort_values(
        ["outlet", "spoke", "mentions", "actor"],
        ascending=[True, False, False, True],
        kind="stable",
    )
    data = v.groupby("outlet", sort=False).head(top).reset_index(drop=True)
    outlets = list(dict.fromkeys(data["outlet"]))
    n_all = len(outlets)
    if n_all > max_panels:  # a readable figure: the outlets that quote most, in outlet order
        outlets = top_outlets(outlets, v.groupby("outlet")["spoke"].sum(), max_panels)
        title = title or (
            f"Who each outlet lets speak: the {max_panels} of {n_all} outlets quoting most"
        )
    ncol = min(3, len(outlets))
    nrow = -(-len(outlets) // ncol)
    fig, axes = plt.subplots(
        nrow, ncol, figsize=(5.2 * ncol, 0.38 * top * nrow + 1.6 * nrow), squeeze=False
    )
    colors = dict(zip(VOICE_KINDS, sns.color_palette("deep", 3), strict=True))
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        d = data[data["outlet"] == outlet].iloc[::-1]
        y = range(len(d))
        ax.barh(y, d["mentions"], color="none", edgecolor="0.5", label="mentions")
        left = pd.Series(0, index=d.index)
        for kind in VOICE_KINDS:
            ax.barh(y, d[kind], left=left, color=colors[kind], height=0.55, label=kind)
            left = left + d[kind]
        ax.set_yticks(list(y), [a if len(a) <= 28 else a[:27] + "…" for a in d["actor"]])
        ax.set_title(outlet)
        ax.set_xlabel("count (quotes by kind; outline = mentions)")
    for ax in list(axes.flat)[len(outlets) :]:
        ax.set_axis_off()
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, frameon=False)
    fig.suptitle(title or "Who each outlet lets speak, and who it only talks about")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig, data


def sourcing_bar(
    sourcing: pd.DataFrame, *, title: str = "", max_outlets: int = MAX_OUTLET_BARS
) -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked horizontal bar per outlet: share of attributions named / anonymous / none.
    Above ``max_outlets`` outlets, those with the most attributions (the title says so)."""
    if sourcing.empty or sourcing["attributions"].sum() == 0:
        return _empty("no attributions found"), sourcing
    grid = sourcing.pivot_table(
        index="outlet", columns="source", values="share", aggfunc="sum", sort=False
    ).reindex(columns=SOURCE_ORDER)
    grid = grid.fillna(0.0)
    counts = sourcing.groupby("outlet", sort=False)["attributions"].sum()
    n_all = len(grid)
    grid = grid.loc[top_outlets(grid.index, counts, max_outlets)]
    note = shown_note(len(grid), n_all, "outlets", "those with the most attributions")
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(grid) + 1.8))
    left = pd.Series(0.0, index=grid.index)
    for src in SOURCE_ORDER:
        ax.barh(grid.index, grid[src], left=left, color=SOURCE_COLORS[src], label=src)
        left = left + grid[src]
    for i, outlet in enumerate(grid.index):
        ax.text(1.01, i, f"n={int(counts.get(outlet, 0))}", va="center", fontsize=9)
    ax.set_xlim(0, 1.12)
    ax.set_xlabel("share of attributions (one per speaker and sentence)")
    ax.set_ylabel("outlet")
    ax.set_title((title or "Named, anonymous and unattributed sources per outlet") + note)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False)
    fig.tight_layout()
    return fig, sourcing


def fingerprint_chart(
    fingerprints: pd.DataFrame,
    *,
    kinds: tuple[str, ...] = ("hedge", "modal", "attribution"),
    title: str = "",
) -> tuple[plt.Figure, pd.DataFrame]:
    """Rate per 1,000 words of each kind of wording (hedges, modals, ...) per outlet."""
    fp = fingerprints[fingerprints["kind"].isin(kinds)]
    data = (
        fp.groupby(["outlet", "kind"], as_index=False)
        .agg(count=("count", "sum"), per_1000_words=("per_1000_words", "sum"))
        .sort_values(["kind", "outlet"], kind="stable")
        .reset_index(drop=True)
    )
    if data.empty:
        return _empty("no hedging or modality words found"), data
    fig, ax = plt.subplots(figsize=(8, 4))
    sns.barplot(
        data=data,
        x="per_1000_words",
        y="outlet",
        hue="kind",
        ax=ax,
        hue_order=[k for k in kinds if k in set(data["kind"])],
    )
    ax.set_xlabel("occurrences per 1,000 words")
    ax.set_ylabel("outlet")
    ax.set_title(title or "Hedging, modality and attribution wording per outlet")
    ax.legend(title="kind", loc="lower right")
    fig.tight_layout()
    return fig, data


def naming_table(fingerprints: pd.DataFrame) -> pd.DataFrame:
    """Spelling and naming variants (Kyiv/Kiev, Zelensky/Zelenskyy) per outlet, wide.

    Rows: ``kind``, ``group``, ``feature`` (the variant); columns: outlets; values: counts.
    Only variants some outlet uses are kept.
    """
    fp = fingerprints[fingerprints["kind"].isin(["spelling", "naming", "naming_title"])]
    fp = fp[fp["count"] > 0]
    if fp.empty:
        return pd.DataFrame(columns=["kind", "group", "feature"])
    wide = fp.pivot_table(
        index=["kind", "group", "feature"],
        columns="outlet",
        values="count",
        aggfunc="sum",
        fill_value=0,
    )
    wide.columns.name = None
    return wide.reset_index().sort_values(["kind", "group", "feature"]).reset_index(drop=True)
