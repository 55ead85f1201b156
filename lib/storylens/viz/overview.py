"""Figures for the start page: who is mentioned where."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns


def outlet_labels(articles: pd.DataFrame) -> pd.Series:
    """doc_id -> a short readable label: the outlet where known, else the doc_id (unique)."""
    outlet = articles["outlet"].fillna("").astype(str).str.strip()
    label = outlet.where(outlet != "", articles["doc_id"].astype(str))
    dup = label.duplicated(keep=False)
    label = label.where(~dup, label + " (" + articles["doc_id"].astype(str) + ")")
    return pd.Series(label.values, index=articles["doc_id"].values)


def mention_matrix(
    mentions: pd.DataFrame, articles: pd.DataFrame, *, top: int = 25, types: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Tidy counts: actor x outlet, the ``top`` actors by total mentions (ties by name)."""
    m = mentions if not types else mentions[mentions["actor_type"].isin(types)]
    labels = outlet_labels(articles)
    counts = (
        m.assign(outlet=m["doc_id"].map(labels))
        .groupby(["actor", "actor_type", "outlet"], as_index=False)
        .size()
        .rename(columns={"size": "mentions"})
    )
    totals = counts.groupby("actor")["mentions"].sum()
    keep = sorted(totals.index, key=lambda a: (-totals[a], a))[:top]
    return counts[counts["actor"].isin(keep)].sort_values(["actor", "outlet"]).reset_index(drop=True)


def mention_heatmap(
    mentions: pd.DataFrame, articles: pd.DataFrame, *, top: int = 25, title: str = ""
) -> tuple[plt.Figure, pd.DataFrame]:
    """Heatmap of mention counts, actors (rows, most mentioned first) x outlets (columns)."""
    data = mention_matrix(mentions, articles, top=top)
    labels = outlet_labels(articles)
    if data.empty:
        fig, ax = plt.subplots(figsize=(6, 2))
        ax.text(0.5, 0.5, "no actor mentions found", ha="center", va="center")
        ax.set_axis_off()
        return fig, data
    grid = data.pivot_table(index="actor", columns="outlet", values="mentions", fill_value=0)
    grid = grid.reindex(columns=[c for c in labels.unique() if c in grid.columns])
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    fig, ax = plt.subplots(figsize=(1.2 * grid.shape[1] + 4, 0.35 * grid.shape[0] + 1.8))
    sns.heatmap(grid, annot=True, fmt="g", cmap="Blues", cbar_kws={"label": "mentions"}, ax=ax,
                linewidths=0.5, linecolor="white")
    ax.set_title(title or f"Who is mentioned where (top {len(grid)} actors)")
    ax.set_xlabel("outlet")
    ax.set_ylabel("actor (canonical name)")
    ax.tick_params(axis="x", rotation=30)
    fig.tight_layout()
    return fig, data
