"""Show article text in notebooks safely.

Article text is data, never markup: an article containing ``<script>`` or
``<img onerror=...>`` must show as text in JupyterLab and in the HTML reports. These helpers
escape every value taken from a corpus before it becomes HTML. Plain ``display(df)`` is also
safe (pandas escapes cell values in its HTML repr); pandas ``Styler`` is NOT unless
``.format(escape="html")`` is used, which :func:`styled` does.
"""

from __future__ import annotations

import html

import pandas as pd


def esc(value: object) -> str:
    """HTML-escape any value (``None`` -> empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


#: :func:`styled` shows at most this many rows: a report on hundreds of articles listed
#: every claim (3,761 rows, 3 MB of HTML) in one table nobody could read.
STYLED_MAX_ROWS = 200


def styled(
    df: pd.DataFrame,
    *,
    caption: str = "",
    wrap: tuple[str, ...] = (),
    max_rows: int = STYLED_MAX_ROWS,
):
    """A pandas Styler with every cell and the caption escaped; ``wrap`` columns wrap text.

    Above ``max_rows`` rows it shows the first ``max_rows`` and says so in the caption (the
    DataFrame itself keeps every row).
    """
    if len(df) > max_rows:
        more = f"first {max_rows:,} of {len(df):,} rows shown; the DataFrame holds them all"
        caption = f"{caption} ({more})" if caption else more
        df = df.head(max_rows)
    sty = df.style.format(escape="html", precision=3, na_rep="")
    if caption:
        sty = sty.set_caption(esc(caption))
    sty = sty.hide(axis="index")
    if wrap:
        sty = sty.set_properties(
            subset=list(wrap),
            **{"white-space": "pre-wrap", "max-width": "42em", "text-align": "left"},
        )
    return sty


def side_by_side(
    passages: pd.DataFrame,
    *,
    left: str = "text_a",
    right: str = "text_b",
    left_title: str = "",
    right_title: str = "",
    limit: int = 20,
) -> str:
    """HTML table of aligned passages, two columns, every value escaped."""
    rows = []
    for _, r in passages.head(limit).iterrows():
        note = esc(r.get("match", ""))
        rows.append(
            f"<tr><td style='vertical-align:top;max-width:32em'>{esc(r[left])}</td>"
            f"<td style='vertical-align:top;max-width:32em'>{esc(r[right])}</td>"
            f"<td style='vertical-align:top'>{note}</td></tr>"
        )
    head = (
        f"<tr><th>{esc(left_title or left)}</th><th>{esc(right_title or right)}</th>"
        "<th>match</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>"


def markdown_escape(text: object) -> str:
    """Escape text for a Markdown cell output built from data (HTML and Markdown syntax)."""
    s = "" if text is None else str(text)
    for ch in "\\`*_{}[]()#+!|":
        s = s.replace(ch, "\\" + ch)
    return html.escape(s, quote=False)


def outlet_labels(articles: pd.DataFrame) -> pd.Series:
    """doc_id -> a short readable label: the outlet where known, else the doc_id (unique)."""
    outlet = articles["outlet"].fillna("").astype(str).str.strip()
    label = outlet.where(outlet != "", articles["doc_id"].astype(str))
    dup = label.duplicated(keep=False)
    label = label.where(~dup, label + " (" + articles["doc_id"].astype(str) + ")")
    return pd.Series(label.values, index=articles["doc_id"].values)
