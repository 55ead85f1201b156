"""The source-comparison heatmap stays readable and quick to draw on large corpora."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from storylens.viz import overview
from storylens.viz import sources as vs


def _corpus(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame(
        {"doc_id": [f"d{i:03d}" for i in range(n)], "outlet": [f"Outlet {i}" for i in range(n)]}
    )
    ids = articles["doc_id"].tolist()
    pairs = pd.DataFrame(
        {
            "doc_a": ids[:-1],
            "doc_b": ids[1:],
            "score": [0.1 + 0.8 * (i % 5) / 4 for i in range(n - 1)],
        }
    )
    return pairs, articles


def test_small_heatmap_is_annotated():
    pairs, articles = _corpus(5)
    fig, data = vs.similarity_heatmap(pairs, articles)
    ax = fig.axes[0]
    assert len(ax.texts) == len(data) == 5 + 2 * 4  # a score in every scored cell
    plt.close(fig)


def test_large_heatmap_is_bounded_and_unannotated():
    """150 articles: no 22,500 cell labels and no 138-inch figure, but every score is drawn."""
    pairs, articles = _corpus(150)
    fig, data = vs.similarity_heatmap(pairs, articles)
    width, height = fig.get_size_inches()
    assert max(width, height) <= overview.GRID_MAX_INCHES
    ax = fig.axes[0]
    assert len(ax.texts) == 0
    mesh = ax.collections[0]
    assert mesh.get_array().size == 150 * 150
    assert len(data) == 150 + 2 * 149
    plt.close(fig)


def test_voice_chart_draws_at_most_max_panels():
    """300 outlets: 12 panels (those quoting most), and the data keeps every outlet."""
    rows = []
    for i in range(300):
        for a in range(3):
            rows.append(
                {
                    "outlet": f"Outlet {i:03d}",
                    "actor": f"Actor {a}",
                    "actor_type": "person",
                    "mentions": 3,
                    "direct": (i % 7) + a,
                    "partial": 0,
                    "reported": 1,
                    "quoted": (i % 7) + a + 1,
                    "voice": "quoted",
                }
            )
    fig, data = vs.voice_chart(pd.DataFrame(rows), top=8)
    drawn = [ax.get_title() for ax in fig.axes if ax.axison]
    assert len(drawn) == 12 and data["outlet"].nunique() == 300
    assert all(int(t.split()[-1]) % 7 == 6 for t in drawn)  # the outlets quoting most
    assert "12 of 300" in fig._suptitle.get_text()
    plt.close(fig)
    small = pd.DataFrame(rows[:9])
    fig, data = vs.voice_chart(small)
    assert len([ax for ax in fig.axes if ax.axison]) == 3
    plt.close(fig)


def _actor_tables(n_docs: int):
    """Mentions, sentiment and stance rows for 6 actors in each of ``n_docs`` articles."""
    articles = pd.DataFrame(
        {"doc_id": [f"d{i:03d}" for i in range(n_docs)], "outlet": [f"O{i}" for i in range(n_docs)]}
    )
    stances = ["support", "oppose", "conditional", "mixed", "neutral"]
    mentions, sentiment, stance = [], [], []
    for i, d in enumerate(articles["doc_id"]):
        for a in range(6):
            actor = f"Actor {a}"
            mentions += [{"doc_id": d, "actor": actor, "actor_type": "person"}] * (1 + (i + a) % 3)
            sentiment.append(
                {"doc_id": d, "actor": actor, "actor_type": "person", "n_sentences": 2,
                 "polarity": ((i + a) % 5 - 2) / 4, "subjectivity": 0.5}
            )  # fmt: skip
            stance.append(
                {"doc_id": d, "actor": actor, "stance": stances[(i + a) % 5], "evidence": "x"}
            )
    return articles, pd.DataFrame(mentions), pd.DataFrame(sentiment), pd.DataFrame(stance)


@pytest.mark.parametrize("n_docs, readable", [(4, True), (120, False)])
def test_actor_outlet_heatmaps_scale(n_docs, readable):
    """Few outlets: values in the cells; one column per article of a large corpus: a bounded
    figure without cell text, every value still coloured."""
    from storylens.viz import stance

    articles, mentions, sentiment, stances = _actor_tables(n_docs)
    figs = [
        overview.mention_heatmap(mentions, articles, top=25)[0],
        stance.sentiment_heatmap(sentiment, articles, top=20)[0],
        stance.stance_heatmap(stances, articles, top=20)[0],
    ]
    for fig in figs:
        width, height = fig.get_size_inches()
        assert width <= overview.GRID_MAX_INCHES and height <= overview.GRID_MAX_INCHES
        ax = fig.axes[0]
        assert ax.collections[0].get_array().size == 6 * n_docs
        assert (len(ax.texts) > 0) == readable
        plt.close(fig)


def test_per_outlet_bars_draw_the_outlets_with_most_data():
    """sourcing_bar and side_polarity on 100 outlets: a bounded figure of the outlets with the
    most attributions / actor windows, the title saying so, the data keeping every outlet."""
    from storylens.viz import stance as vst

    n = 100
    sourcing = pd.DataFrame(
        [
            {"outlet": f"Outlet {i:03d}", "source": src, "attributions": i + k, "share": 1 / 3}
            for i in range(n)
            for k, src in enumerate(vs.SOURCE_ORDER)
        ]
    )
    fig, data = vs.sourcing_bar(sourcing, max_outlets=10)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"Outlet {i:03d}" for i in range(90, 100)]  # most attributions, in order
    assert "10 of 100 outlets" in ax.get_title() and len(data) == 3 * n
    plt.close(fig)

    articles = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)],
                             "outlet": [f"Outlet {i:03d}" for i in range(n)]})  # fmt: skip
    senti = pd.DataFrame({"doc_id": articles["doc_id"], "actor": "Russia", "polarity": 0.1,
                          "n_sentences": 1, "n_windows": range(1, n + 1)})  # fmt: skip
    mentions = pd.DataFrame({"actor": ["Russia"], "actor_type": ["country"], "affiliation": [""]})
    fig, data = vst.side_polarity(senti, mentions, articles, max_outlets=12)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        f"Outlet {i:03d}" for i in range(88, 100)
    ]
    assert "12 of 100 outlets" in ax.get_title() and data["outlet"].nunique() == n
    assert fig.get_size_inches()[0] <= overview.GRID_MAX_INCHES
    plt.close(fig)
