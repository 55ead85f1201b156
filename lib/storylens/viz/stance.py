"""Figures for notebook 02: sentiment and stance per actor and outlet.

Each helper returns ``(figure, data)``; ``data`` is the tidy table behind the figure.
"""

from __future__ import annotations

import functools
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from storylens.paths import DATA_DIR, yaml_load
from storylens.stance import STANCES
from storylens.viz.overview import (
    GRID_MAX_INCHES,
    grid_layout,
    outlet_labels,
    shown_note,
    top_outlets,
)

#: One colour per stance (colour-blind safe; neutral grey).
STANCE_COLORS = {
    "support": "#1b7837",
    "conditional": "#a6dba0",
    "mixed": "#f6c141",
    "oppose": "#b2182b",
    "neutral": "#d9d9d9",
}


def _empty(message: str) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(6, 1.6))
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    return fig


def _top_actors(df: pd.DataFrame, weight: str, top: int) -> list[str]:
    totals = df.groupby("actor")[weight].sum()
    return sorted(totals.index, key=lambda a: (-totals[a], a))[:top]


def sentiment_heatmap(
    sentiment_df: pd.DataFrame, articles: pd.DataFrame, *, top: int = 20, min_sentences: int = 1
) -> tuple[plt.Figure, pd.DataFrame]:
    """Actor x outlet mean TextBlob polarity (diverging palette centred at 0).

    Actors: the ``top`` by sentences mentioning them (over all outlets); cells with fewer than
    ``min_sentences`` sentences are left blank.
    """
    labels = outlet_labels(articles)
    df = sentiment_df[sentiment_df["n_sentences"] >= min_sentences]
    cols = ["actor", "outlet", "polarity", "n_sentences"]
    if df.empty:
        return _empty("no actor sentiment to show"), pd.DataFrame(columns=cols)
    data = df.assign(outlet=df["doc_id"].map(labels))
    data = data[data["actor"].isin(_top_actors(data, "n_sentences", top))][cols]
    data = data.sort_values(["actor", "outlet"]).reset_index(drop=True)
    grid = data.pivot_table(index="actor", columns="outlet", values="polarity", aggfunc="mean")
    grid = grid.reindex(columns=[c for c in labels.unique() if c in grid.columns])
    grid = grid.loc[_top_actors(data, "n_sentences", top)]
    lim = max(0.1, float(np.nanmax(np.abs(grid.values))))
    size, readable = grid_layout(grid.shape, (1.3, 0.38), (4.5, 2))
    fig, ax = plt.subplots(figsize=size)
    sns.heatmap(grid, annot=readable, fmt=".2f", cmap="RdBu", center=0, vmin=-lim, vmax=lim,
                cbar_kws={"label": "mean TextBlob polarity (-1 .. +1)"}, ax=ax,
                linewidths=0.5 if readable else 0, linecolor="white")  # fmt: skip
    ax.set_title("How each outlet's wording around each actor scores (sentiment, not stance)")
    ax.set_xlabel("outlet")
    ax.set_ylabel("actor (most mentioned first)")
    ax.tick_params(axis="x", rotation=30)
    fig.tight_layout()
    return fig, data


def stance_heatmap(
    stance_df: pd.DataFrame, articles: pd.DataFrame, *, top: int = 20, include_neutral: bool = False
) -> tuple[plt.Figure, pd.DataFrame]:
    """Actor x outlet stance, one colour per stance (blank: actor not in that article).

    Actors: those with a non-neutral stance somewhere (``include_neutral`` keeps the rest),
    most articles with evidence first, at most ``top``.
    """
    labels = outlet_labels(articles)
    cols = ["actor", "outlet", "stance", "evidence"]
    df = stance_df.assign(outlet=stance_df["doc_id"].map(labels))
    if not include_neutral:
        keep = df.loc[df["stance"] != "neutral", "actor"].unique()
        df = df[df["actor"].isin(keep)]
    if df.empty:
        return _empty("no actor takes a stance on the topic in this corpus"), pd.DataFrame(
            columns=cols
        )
    df = df.assign(has=(df["stance"] != "neutral").astype(int))
    order = _top_actors(df, "has", top)
    data = df[df["actor"].isin(order)][cols].sort_values(["actor", "outlet"]).reset_index(drop=True)
    code = {s: i for i, s in enumerate(STANCES)}
    grid = data.pivot_table(
        index="actor", columns="outlet", values="stance", aggfunc="first"
    ).reindex(index=order)
    grid = grid.reindex(columns=[c for c in labels.unique() if c in grid.columns])
    values = grid.apply(lambda col: col.map(code)).astype(float)
    cmap = ListedColormap([STANCE_COLORS[s] for s in STANCES])
    size, readable = grid_layout(grid.shape, (1.3, 0.38), (4.5, 2.2))
    fig, ax = plt.subplots(figsize=size)
    sns.heatmap(values, cmap=cmap, vmin=-0.5, vmax=len(STANCES) - 0.5, cbar=False, ax=ax,
                annot=grid.fillna("") if readable else False, fmt="",
                linewidths=0.5 if readable else 0, linecolor="white",
                annot_kws={"fontsize": 8})  # fmt: skip
    ax.legend(handles=[Patch(color=STANCE_COLORS[s], label=s) for s in STANCES],
              title="stance", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)  # fmt: skip
    ax.grid(False)
    ax.set_title("Stance toward the topic, per actor and outlet (blank: not in that article)")
    ax.set_xlabel("outlet")
    ax.set_ylabel("actor")
    ax.tick_params(axis="x", rotation=30)
    fig.tight_layout()
    return fig, data


def polarity_strip(
    scores: pd.DataFrame, *, top: int = 12, n_labels: int = 4, width: int = 48
) -> tuple[plt.Figure, pd.DataFrame]:
    """Strip plot: each point is one clause window around an actor, x = TextBlob polarity.

    The ``n_labels`` most positive and most negative windows are labelled with their text (cut
    to ``width`` characters), so the evidence is readable without hovering.
    """
    cols = ["doc_id", "sent_id", "actor", "polarity", "vader", "text", "label"]
    if scores.empty:
        return _empty("no sentence mentions an actor"), pd.DataFrame(columns=cols)
    order = _top_actors(scores.assign(n=1), "n", top)
    data = scores[scores["actor"].isin(order)].copy()
    data["label"] = ""
    uniq = data.drop_duplicates(["doc_id", "start", "end"]) if "start" in data else data
    neg = uniq[uniq["polarity"] < 0].nsmallest(n_labels, "polarity")
    pos = uniq[uniq["polarity"] > 0].nlargest(n_labels, "polarity")
    picked = pd.concat([neg, pos])
    fig, (ax, side) = plt.subplots(
        1, 2, figsize=(15, 0.5 * len(order) + 2.5), gridspec_kw={"width_ratios": [3, 2]}
    )
    ypos = {a: i for i, a in enumerate(order)}
    rng = np.random.default_rng(0)
    data["y"] = data["actor"].map(ypos).to_numpy() + rng.uniform(-0.2, 0.2, size=len(data))
    ax.axvline(0, color="grey", lw=0.8, zorder=0)
    ax.scatter(data["polarity"], data["y"], c=data["polarity"], cmap="RdBu", vmin=-1, vmax=1,
               edgecolor="black", linewidth=0.4, s=36, zorder=2)  # fmt: skip
    notes = []
    for k, idx in enumerate(picked.index, start=1):
        row = data.loc[idx]
        data.loc[idx, "label"] = str(k)
        ax.annotate(str(k), (row["polarity"], row["y"]), xytext=(0, 7),
                    textcoords="offset points", ha="center", fontsize=8, fontweight="bold")  # fmt: skip
        body = textwrap.shorten(str(row["text"]), width * 3, placeholder="…")
        notes.append(
            f"{k}. {row['actor']} ({row['polarity']:+.2f}):\n"
            + textwrap.fill(body, width, initial_indent="   ", subsequent_indent="   ")
        )
    side.set_axis_off()
    side.set_title("the numbered clauses", loc="left", fontsize=10)
    side.text(0, 1, "\n".join(notes) or "(all clauses score 0)", va="top", ha="left",
              fontsize=8, transform=side.transAxes, family="DejaVu Sans")  # fmt: skip
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("TextBlob polarity of the clause around the mention (-1 negative .. +1 positive)")
    ax.set_ylabel("actor (most windows first)")
    ax.set_title("Sentence-level polarity per actor, with the most extreme clauses quoted")
    fig.tight_layout()
    return fig, data[cols].reset_index(drop=True)  # label: the clause's number on the plot


@functools.cache
def _sides() -> dict[str, str]:
    with open(DATA_DIR / "sentiment_sides.yaml", encoding="utf-8") as fh:
        raw = yaml_load(fh) or {}
    return {name: side for side, names in (raw.get("sides") or {}).items() for name in names}


def actor_sides(mentions: pd.DataFrame) -> pd.Series:
    """actor -> side ("other" when neither the actor nor its affiliation is listed)."""
    sides = _sides()
    if mentions.empty:
        return pd.Series(dtype=object)
    aff = mentions.groupby("actor")["affiliation"].agg(
        lambda s: next((x for x in s.fillna("") if x), "")
    )
    return pd.Series(
        {a: sides.get(a) or sides.get(aff.get(a, ""), "other") for a in sorted(aff.index)}
    )


def side_polarity(
    sentiment_df: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    max_outlets: int = 12,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Mean polarity per outlet and side (weighted by the actor's windows), as grouped bars.
    Above ``max_outlets`` outlets, those with the most windows (the title says so; ``data``
    holds every outlet)."""
    labels = outlet_labels(articles)
    cols = ["outlet", "side", "polarity", "n_actors", "n_windows"]
    if sentiment_df.empty:
        return _empty("no actor sentiment to compare"), pd.DataFrame(columns=cols)
    side = actor_sides(mentions)
    df = sentiment_df.assign(
        outlet=sentiment_df["doc_id"].map(labels),
        side=sentiment_df["actor"].map(side).fillna("other"),
        w=sentiment_df.get("n_windows", sentiment_df["n_sentences"]),
    )
    df = df.assign(wp=df["polarity"] * df["w"])
    data = df.groupby(["outlet", "side"], as_index=False).agg(
        wp=("wp", "sum"), n_windows=("w", "sum"), n_actors=("actor", "nunique")
    )
    data = data.assign(polarity=data["wp"] / data["n_windows"])[cols]
    present = set(data["outlet"])
    order = [c for c in labels.unique() if c in present]
    shown = top_outlets(order, data.groupby("outlet")["n_windows"].sum(), max_outlets)
    note = shown_note(len(shown), len(order), "outlets", "those with the most actor windows")
    drawn = data[data["outlet"].isin(shown)]
    fig, ax = plt.subplots(figsize=(min(1.6 * len(shown) + 4, GRID_MAX_INCHES), 4.2))
    sns.barplot(data=drawn, x="outlet", y="polarity", hue="side", ax=ax, order=shown)
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_title("Does an outlet word one side's actors differently? (mean clause polarity)"
                 + note)  # fmt: skip
    ax.set_xlabel("outlet")
    ax.set_ylabel("mean TextBlob polarity (-1 .. +1)")
    ax.tick_params(axis="x", rotation=30)
    ax.legend(title="actor's side", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    fig.tight_layout()
    return fig, data.sort_values(["outlet", "side"]).reset_index(drop=True)
