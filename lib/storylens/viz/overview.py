"""Figures for the start page: who is mentioned where."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from storylens.display import outlet_labels


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
    return (
        counts[counts["actor"].isin(keep)].sort_values(["actor", "outlet"]).reset_index(drop=True)
    )


#: Actor x outlet heatmaps write their values in the cells up to this many outlets (columns)
#: and are at most this many inches wide or tall. A larger corpus (one column per article)
#: gets a heatmap without cell text or borders: 300 annotated columns took 30-40 s to draw.
GRID_ANNOTATE_MAX_COLUMNS = 20
GRID_MAX_INCHES = 18


def grid_layout(
    shape: tuple[int, int], cell: tuple[float, float], margin: tuple[float, float]
) -> tuple[tuple[float, float], bool]:
    """``(figsize, readable)`` for a heatmap of ``shape`` (rows, columns): ``cell`` inches per
    column and row plus ``margin``, each side capped at :data:`GRID_MAX_INCHES`; ``readable``
    when the cells can carry their values (at most :data:`GRID_ANNOTATE_MAX_COLUMNS`)."""
    rows, cols = shape
    width = min(cell[0] * cols + margin[0], GRID_MAX_INCHES)
    height = min(cell[1] * rows + margin[1], GRID_MAX_INCHES)
    return (width, height), cols <= GRID_ANNOTATE_MAX_COLUMNS


#: Figures with one bar or panel group per outlet draw at most this many outlets.
MAX_OUTLET_BARS = 30


def top_outlets(order, weight: pd.Series, limit: int) -> list:
    """The items of ``order`` (outlets, in display order) kept for a figure: all of them up
    to ``limit``, else the ``limit`` with the largest ``weight`` (ties: earlier first), still
    in ``order``."""
    order = list(order)
    if len(order) <= limit:
        return order
    rank = sorted(range(len(order)), key=lambda i: (-float(weight.get(order[i], 0)), i))
    keep = set(rank[:limit])
    return [o for i, o in enumerate(order) if i in keep]


def shown_note(shown: int, total: int, what: str, which: str = "") -> str:
    """A second title line '(30 of 2,000 outlets drawn, <which>; ...)' when a figure leaves
    rows, bars or panels out, else ''."""
    if shown >= total:
        return ""
    which = f", {which}" if which else ""
    return f"\n({shown:,} of {total:,} {what} drawn{which}; all are in the figure's data)"


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
    size, readable = grid_layout(grid.shape, (1.2, 0.35), (4, 1.8))
    fig, ax = plt.subplots(figsize=size)
    sns.heatmap(
        grid,
        annot=readable,
        fmt="g",
        cmap="Blues",
        cbar_kws={"label": "mentions"},
        ax=ax,
        linewidths=0.5 if readable else 0,
        linecolor="white",
    )
    cbar = ax.collections[0].colorbar
    cbar.locator = MaxNLocator(integer=True)
    cbar.update_ticks()
    ax.set_title(title or f"Who is mentioned where (top {len(grid)} actors)")
    ax.set_xlabel("outlet")
    ax.set_ylabel("actor (canonical name)")
    ax.tick_params(axis="x", rotation=30)
    fig.tight_layout()
    return fig, data


def voice_reach(t, *, top: int = 12) -> pd.DataFrame:
    """Per actor (top by articles mentioning): articles quoting them vs only mentioning them."""
    m, q = t.mentions, t.quotes
    if m.empty:
        return pd.DataFrame(columns=["actor", "status", "articles"])
    mentioned = m.groupby("actor")["doc_id"].apply(set)
    quoted = q.groupby("speaker")["doc_id"].apply(set) if len(q) else pd.Series(dtype=object)
    rows = []
    for actor, docs in mentioned.items():
        qd = quoted.get(actor, set()) & docs
        rows.append({"actor": actor, "status": "quoted", "articles": len(qd)})
        rows.append({"actor": actor, "status": "mentioned only", "articles": len(docs - qd)})
    data = pd.DataFrame(rows)
    total = data.groupby("actor")["articles"].sum()
    keep = sorted(total.index, key=lambda a: (-total[a], a))[:top]
    return data[data["actor"].isin(keep)].reset_index(drop=True)


def briefing_figure(t) -> tuple[plt.Figure, pd.DataFrame]:
    """Two panels: who is quoted vs only mentioned (articles), and the claim-group verdicts."""
    reach = voice_reach(t)
    verdicts = (
        t.reconciliation["verdict"].value_counts().rename_axis("verdict").reset_index(name="groups")
        if len(t.reconciliation)
        else pd.DataFrame(columns=["verdict", "groups"])
    )
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5), gridspec_kw={"width_ratios": [3, 2]})
    if len(reach):
        wide = reach.pivot_table(index="actor", columns="status", values="articles", fill_value=0)
        wide = wide.reindex(columns=[c for c in ("quoted", "mentioned only") if c in wide.columns])
        wide = wide.loc[wide.sum(axis=1).sort_values(kind="stable").index]
        wide.plot.barh(stacked=True, ax=ax1, color=["#2b6cb0", "#cbd5e0"][: wide.shape[1]])
        ax1.set_xlabel("articles")
        ax1.set_ylabel("")
        ax1.legend(title="")
    else:
        ax1.text(0.5, 0.5, "no actors", ha="center")
    ax1.set_title("Quoted or only talked about")
    if len(verdicts):
        sns.barplot(data=verdicts, y="verdict", x="groups", ax=ax2, color="#805ad5")
        ax2.set_xlabel("groups of claims")
        ax2.set_ylabel("")
    else:
        ax2.text(0.5, 0.5, "no numeric claims", ha="center")
    ax2.set_title("Do the numbers agree?")
    fig.tight_layout()
    data = pd.concat(
        [reach.assign(panel="voice"), verdicts.assign(panel="verdicts")], ignore_index=True
    )
    return fig, data
