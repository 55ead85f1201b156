"""The source-comparison heatmap stays readable and quick to draw on large corpora."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

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
    assert width <= vs.HEATMAP_MAX_INCHES + 1 and height <= vs.HEATMAP_MAX_INCHES
    ax = fig.axes[0]
    assert len(ax.texts) == 0
    mesh = ax.collections[0]
    assert mesh.get_array().size == 150 * 150
    assert len(data) == 150 + 2 * 149
    plt.close(fig)
