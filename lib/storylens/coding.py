"""Human coding beside the machine: a coding sheet, and agreement with the automatic labels.

An analyst codes each (article, actor) stance by hand in a CSV (``coding_template`` writes an
empty one); ``compare_coding`` reports how often the machine agrees, Cohen's kappa (agreement
corrected for chance) and every disagreement. The shipped sheet
(``notebooks/coding/stance-seeds-human.csv``) is the team's own coding of the seeds: used only
for this comparison, never as output.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from storylens.paths import NOTEBOOKS_DIR

__all__ = [
    "CODING_DIR", "SEEDS_CODING", "coding_template", "cohen_kappa", "compare_coding",
    "load_coding",
]  # fmt: skip

CODING_DIR = NOTEBOOKS_DIR / "coding"
#: The team's human stance coding of the seeds (doc_id, actor, human_stance, note).
SEEDS_CODING = CODING_DIR / "stance-seeds-human.csv"
_KEY = ["doc_id", "actor"]


def coding_template(stance_df: pd.DataFrame) -> pd.DataFrame:
    """Empty coding sheet for ``stance_df``: doc_id, actor, human_stance (empty), note (empty).

    One row per (doc_id, actor), sorted. The automatic label is left out on purpose so the
    analyst codes blind.
    """
    cols = [*_KEY, "human_stance", "note"]
    if stance_df is None or len(stance_df) == 0:
        return pd.DataFrame(columns=cols)
    out = stance_df[_KEY].drop_duplicates().sort_values(_KEY, kind="stable")
    return out.assign(human_stance="", note="").reset_index(drop=True)[cols]


def load_coding(path=SEEDS_CODING) -> pd.DataFrame:
    """Read a coding sheet (strings, empty cells as "")."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two labelings of the same items: (p_o - p_e) / (1 - p_e).

    p_o is the observed agreement; p_e the agreement expected by chance from each coder's label
    frequencies. 1 = perfect, 0 = chance level, < 0 = worse than chance. When both coders use
    one and the same label for everything (p_e = 1) kappa is 1.0 if they agree, else 0.0.
    Empty input -> nan.
    """
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    if a.shape != b.shape:
        raise ValueError("the two labelings must have the same length")
    n = len(a)
    if n == 0:
        return float("nan")
    labels = sorted(set(a.tolist()) | set(b.tolist()))
    index = {lab: i for i, lab in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    p_o = np.trace(table) / n
    p_e = float((table.sum(axis=1) / n) @ (table.sum(axis=0) / n))
    if np.isclose(p_e, 1.0):
        return 1.0 if np.isclose(p_o, 1.0) else 0.0
    return float((p_o - p_e) / (1.0 - p_e))


def compare_coding(auto: pd.DataFrame, human: pd.DataFrame) -> dict:
    """Compare automatic stance rows with a human coding sheet.

    Only rows coded by the human (non-empty ``human_stance``) that the machine also produced
    count. Returns ``{"n", "agreement", "cohen_kappa", "disagreements", "confusion",
    "n_uncoded", "n_missing_auto"}``: ``disagreements`` is a DataFrame (doc_id, actor,
    stance, human_stance, note, evidence); ``confusion`` a table auto x human.
    """
    h = human.copy()
    h["human_stance"] = h["human_stance"].fillna("").astype(str).str.strip().str.lower()
    coded = h[h["human_stance"] != ""]
    auto_cols = [c for c in [*_KEY, "stance", "evidence"] if c in auto.columns]
    merged = coded.merge(auto[auto_cols], on=_KEY, how="left")
    missing = merged["stance"].isna()
    both = merged[~missing].sort_values(_KEY, kind="stable").reset_index(drop=True)
    n = len(both)
    agree = both["stance"] == both["human_stance"]
    cols = [c for c in [*_KEY, "stance", "human_stance", "note", "evidence"] if c in both]
    return {
        "n": n,
        "agreement": float(agree.mean()) if n else float("nan"),
        "cohen_kappa": cohen_kappa(both["stance"], both["human_stance"]),
        "disagreements": both.loc[~agree, cols].reset_index(drop=True),
        "confusion": pd.crosstab(both["stance"], both["human_stance"]) if n else pd.DataFrame(),
        "n_uncoded": int(len(h) - len(coded)),
        "n_missing_auto": int(missing.sum()),
    }
