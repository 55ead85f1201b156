"""One call at the top of every notebook: resolve the parameters, load and analyse the corpus.

    from storylens.notebook import start
    nb = start(corpus=corpus, figures_dir=figures_dir)
    nb.tables.mentions ...
    nb.save(fig, data, "mentions-heatmap")

``corpus`` empty -> the project's ``seeds/``. ``figures_dir`` empty -> figures are shown but not
written (an interactive session); ``make report`` passes a folder under ``reports/figures/``.
``cache_dir`` empty -> the analysis is kept in the kernel only; ``make report`` passes one
folder to every notebook of a run, so the corpus is analysed once, not once per notebook.
"""

from __future__ import annotations

import hashlib
import os
import pickle
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


def _load_or_analyse(folder: Path, key: tuple, cache_dir: Path | None) -> tuple[Corpus, Tables]:
    """The corpus and its tables: from ``cache_dir`` when an earlier kernel of the same run
    left them there for the same files and storylens version, else computed (and left there).
    """
    from . import __version__

    path = None
    if cache_dir is not None:
        digest = hashlib.sha256(repr((__version__, key)).encode()).hexdigest()[:24]
        path = cache_dir / f"analysis-{digest}.pickle"
        if path.is_file():
            with open(path, "rb") as fh:  # written by this function, in a folder of the run
                return pickle.load(fh)
    loaded = read_corpus(folder)
    result = (loaded, analyze(loaded))
    if path is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a reader never sees half a file
    return result


def start(
    *,
    corpus: str | os.PathLike = "",
    figures_dir: str | os.PathLike = "",
    cache_dir: str | os.PathLike = "",
) -> Session:
    """Load and analyse ``corpus`` (default: seeds), set the plotting theme, return a Session.

    Analyses are cached per kernel, so rerunning the cell is cheap, and in ``cache_dir`` when
    given (one pickle per corpus state: file names, sizes and times, and storylens version).
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
        cache = Path(cache_dir).expanduser().resolve() if str(cache_dir) else None
        loaded, tables = _load_or_analyse(folder, key, cache)
        _CACHE[key] = Session(folder, loaded, tables, figs)
    session = _CACHE[key]
    session.figures_dir = figs
    return session
