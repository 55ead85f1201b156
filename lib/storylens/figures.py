"""Save every figure as PNG with the CSV behind it, so each chart has a table an analyst can check."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def save_figure(
    fig, data: pd.DataFrame, name: str, *, figures_dir: str | os.PathLike | None, dpi: int = 120
) -> Path | None:
    """Write ``<figures_dir>/<name>.png`` and ``<name>.csv``; return the PNG path.

    ``figures_dir=None`` (an interactive session without a report folder) writes nothing.
    PNG metadata carries no time stamp, so reruns give identical files.
    """
    if not figures_dir:
        return None
    folder = Path(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = _SAFE.sub("-", name).strip("-") or "figure"
    png = folder / f"{stem}.png"
    fig.savefig(png, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    data.to_csv(folder / f"{stem}.csv", index=False, lineterminator="\n")
    return png
