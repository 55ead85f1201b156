"""Progress bars on long work: shown to a person, silent in logs, CI and headless reports."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress_enabled(enabled: bool | None = None) -> bool:
    """Decide whether to draw a bar.

    An explicit ``enabled`` wins; else ``STORYLENS_PROGRESS=0/1`` wins; else a bar is drawn
    when stderr is a terminal or when running inside an interactive Jupyter kernel, and never
    under CI (``CI`` set).
    """
    if enabled is not None:
        return enabled
    env = os.environ.get("STORYLENS_PROGRESS", "").strip().lower()
    if env in {"0", "false", "no", "off"}:
        return False
    if env in {"1", "true", "yes", "on"}:
        return True
    if os.environ.get("CI"):
        return False
    if "ipykernel" in sys.modules:
        return True
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def progress(
    iterable: Iterable[T], *, total: int | None = None, desc: str = "", enabled: bool | None = None
) -> Iterator[T] | Iterable[T]:
    """Wrap ``iterable`` in a tqdm bar when :func:`progress_enabled`, else return it as is."""
    if not progress_enabled(enabled):
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, leave=False)
