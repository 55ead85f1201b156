"""One call at the top of every notebook: resolve the parameters, load and analyse the corpus.

    from storylens.notebook import start
    nb = start(corpus=corpus, figures_dir=figures_dir)
    nb.tables.mentions ...
    nb.save(fig, data, "mentions-heatmap")

``corpus`` empty -> the project's ``seeds/``. ``figures_dir`` empty -> figures are shown but not
written (an interactive session); ``make report`` passes a folder under ``reports/figures/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from .display import outlet_labels
from .figures import save_figure
from .load import Corpus, read_corpus
from .paths import SEEDS_DIR
from .pipeline import Tables, analyze


@dataclass
class Session:
    corpus_dir: Path
    corpus: Corpus
    tables: Tables
    figures_dir: Path | None

    def save(self, fig: plt.Figure, data: pd.DataFrame, name: str) -> None:
        """Save ``fig`` as PNG with ``data`` as CSV beside it (when a figures folder is set).

        Returns nothing, so a cell ending in ``nb.save(...)`` shows just the figure.
        """
        save_figure(fig, data, name, figures_dir=self.figures_dir)

    @property
    def labels(self) -> pd.Series:
        """doc_id -> readable outlet label."""
        return outlet_labels(self.tables.articles)


_CACHE: dict[tuple, Session] = {}


def start(*, corpus: str | os.PathLike = "", figures_dir: str | os.PathLike = "") -> Session:
    """Load and analyse ``corpus`` (default: seeds), set the plotting theme, return a Session.

    Analyses are cached per kernel, so rerunning the cell is cheap.
    """
    folder = Path(corpus).expanduser().resolve() if str(corpus) else SEEDS_DIR
    figs = Path(figures_dir).expanduser().resolve() if str(figures_dir) else None
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 120, "axes.titleweight": "bold"})
    pd.set_option("display.max_colwidth", 160)
    key = (
        str(folder),
        tuple(
            sorted(
                (p.name, p.stat().st_size, p.stat().st_mtime_ns)
                for p in folder.iterdir()
                if p.is_file()
            )
        )
        if folder.is_dir()
        else (),
    )
    if key not in _CACHE:
        loaded = read_corpus(folder)
        _CACHE[key] = Session(folder, loaded, analyze(loaded), figs)
    session = _CACHE[key]
    session.figures_dir = figs
    return session
