"""A one-page briefing generated from the tables, never written by hand for one corpus.

Each section is a list of :class:`Finding`: a sentence built from the tables plus the rows it
rests on, so a reader can check every statement. :func:`to_markdown` renders the page with
every value taken from a corpus escaped (article text never becomes markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .display import markdown_escape as md
from .display import outlet_labels

#: Stances that count as taking a side (the rest: neutral).
SIDED = ("support", "oppose", "conditional", "mixed")


@dataclass(frozen=True)
class Finding:
    text: str  # one sentence, plain text (escaped when rendered)
    evidence: tuple[str, ...] = ()  # short quotes or table references


@dataclass
class Briefing:
    title: str
    sections: dict[str, list[Finding]] = field(default_factory=dict)


def _labels(articles: pd.DataFrame) -> dict[str, str]:
    return outlet_labels(articles).to_dict()


def _names(items, *, limit: int = 6) -> str:
    items = list(items)
    if not items:
        return "none"
    shown = items[:limit]
    more = len(items) - len(shown)
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
    return text + (f" and {more} more" if more > 0 else "")


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def corpus_section(t) -> list[Finding]:
    arts = t.articles
    labels = _labels(arts)
    out = []
    dates = sorted(d for d in arts["published"].fillna("").astype(str) if d)
    when = f", published {dates[0]} to {dates[-1]}" if dates else ", with no publication dates"
    n_out = arts["outlet"].fillna("").replace("", pd.NA).nunique()
    out.append(
        Finding(
            f"{len(arts)} articles from {n_out or len(arts)} outlets{when}"
            + (
                f"; {len(t.rejects)} input files rejected (see rejects.csv)."
                if len(t.rejects)
                else "."
            )
        )
    )
    groups = arts.groupby("wire_group")["doc_id"].apply(list) if "wire_group" in arts else None
    if groups is not None:
        copies = [g for g in groups if len(g) > 1]
        n_indep = len(groups)
        for g in copies:
            pair = t.similarity[t.similarity["doc_a"].isin(g) & t.similarity["doc_b"].isin(g)]
            best = pair.sort_values("score", ascending=False).head(1)
            score = (
                f" (similarity {best['score'].iloc[0]:.2f}, {int(best['shared_passages'].iloc[0])} shared passages)"
                if len(best)
                else ""
            )
            out.append(
                Finding(
                    f"{_names([labels[d] for d in g])} carry the same wire copy{score}: count them "
                    "as one source, not several."
                )
            )
        out.append(
            Finding(
                f"Once wire copies count as one, the corpus has {n_indep} independent "
                f"source{'s' if n_indep != 1 else ''} out of {len(arts)} articles."
            )
        )
    return out


def actors_section(t, *, top: int = 8) -> list[Finding]:
    m, q = t.mentions, t.quotes
    labels = _labels(t.articles)
    out = []
    if m.empty:
        return [Finding("No actors were found in this corpus.")]
    n_docs = t.articles["doc_id"].nunique()
    reach = m.groupby("actor")["doc_id"].nunique().sort_values(ascending=False, kind="stable")
    everywhere = [a for a, n in reach.items() if n == n_docs]
    if n_docs > 1 and everywhere:
        out.append(Finding(f"Every article mentions {_names(sorted(everywhere))}."))
    persons = m[m["actor_type"] == "person"]
    quoted = (
        set(q.loc[q.get("speaker_type", pd.Series(dtype=str)).fillna("") != "anonymous", "speaker"])
        if len(q)
        else set()
    )
    p_counts = persons.groupby("actor").size().sort_values(ascending=False, kind="stable")
    talked_about = [a for a in p_counts.index if a not in quoted][:top]
    speakers = (
        q[q["speaker"].isin(set(persons["actor"]))]
        .groupby("speaker")["doc_id"]
        .nunique()
        .sort_values(ascending=False, kind="stable")
        if len(q)
        else pd.Series(dtype=int)
    )
    if len(speakers):
        out.append(
            Finding(
                "Quoted: "
                + _names(
                    [
                        f"{a} ({n} article{'s' if n != 1 else ''})"
                        for a, n in speakers.head(top).items()
                    ],
                    limit=top,
                )
                + "."
            )
        )
    if talked_about:
        out.append(
            Finding("Talked about but never quoted: " + _names(talked_about, limit=top) + ".")
        )
    if len(q):
        anon = q.assign(
            anon=q.get("speaker_type", pd.Series("", index=q.index)).fillna("") == "anonymous"
        )
        share = anon.groupby("doc_id")["anon"].mean()
        most = share.sort_values(ascending=False, kind="stable")
        named_all = [labels.get(d, d) for d, v in most.items() if v == 0]
        if len(most) and most.iloc[0] > 0:
            out.append(
                Finding(
                    f"Anonymous sourcing is heaviest in {labels.get(most.index[0], most.index[0])} "
                    f"({most.iloc[0]:.0%} of its attributions)."
                    + (
                        f" {_names(named_all)} "
                        + ("names" if len(named_all) == 1 else "name")
                        + " every source."
                        if (most == 0).any()
                        else ""
                    )
                )
            )
    return out


def stance_section(t) -> list[Finding]:
    s = t.stance
    out = []
    if s.empty:
        return [Finding("No actor takes a recognisable stance in this corpus.")]
    sided = s[s["stance"].isin(SIDED)]
    for stance in SIDED:
        rows = sided[sided["stance"] == stance]
        if rows.empty:
            continue
        actors = sorted(rows["actor"].unique())
        example = rows.sort_values(["actor", "doc_id"]).iloc[0]
        out.append(
            Finding(
                f"{stance.capitalize()}: {_names(actors)}.",
                (f"{example['actor']}: “{_clip(example['evidence'])}”",),
            )
        )
    split = sided.groupby("actor")["stance"].nunique()
    for actor in sorted(split[split > 1].index):
        rows = sided[sided["actor"] == actor]
        labels = _labels(t.articles)
        desc = "; ".join(
            f"{labels.get(d, d)}: {st}"
            for d, st in zip(rows["doc_id"], rows["stance"], strict=True)
        )
        out.append(Finding(f"Outlets differ on where {actor} stands ({desc})."))
    neutral = s[s["stance"] == "neutral"]["actor"].nunique()
    if neutral:
        out.append(Finding(f"{neutral} actors show no stance on the question in the text."))
    return out


def casting_section(t, *, min_gap: float = 0.3) -> list[Finding]:
    se = t.sentiment
    labels = _labels(t.articles)
    if se.empty:
        return []
    se = se.assign(polarity=pd.to_numeric(se["polarity"], errors="coerce"))
    out = []
    spread = se.groupby("actor")["polarity"].agg(["min", "max", "count"])
    spread = spread[(spread["count"] > 1) & (spread["max"] - spread["min"] >= min_gap)]
    spread = spread.assign(gap=spread["max"] - spread["min"])
    # ties keep the groupby's alphabetical order (stable sort), so the page is deterministic
    for actor in spread.sort_values("gap", ascending=False, kind="stable").head(3).index:
        rows = se[se["actor"] == actor]
        hi = rows.loc[rows["polarity"].idxmax()]
        lo = rows.loc[rows["polarity"].idxmin()]
        out.append(
            Finding(
                f"{actor} is cast most positively by {labels.get(hi['doc_id'], hi['doc_id'])} "
                f"(polarity {hi['polarity']:+.2f}) and most negatively by "
                f"{labels.get(lo['doc_id'], lo['doc_id'])} ({lo['polarity']:+.2f})."
            )
        )
    if not out:
        out.append(Finding(f"No actor's sentiment differs by {min_gap} or more between outlets."))
    return out


def numbers_section(t) -> list[Finding]:
    r = t.reconciliation
    if r.empty:
        return [Finding("No numeric claims were found.")]
    out = []
    multi = r[r["verdict"] != "single"]
    counts = r["verdict"].value_counts()
    out.append(
        Finding(
            f"{len(t.claims)} numeric claims in {len(r)} groups: "
            + ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in counts.items())
            + "."
        )
    )
    order = {"conflicting": 0, "different_referents": 1, "derived": 2, "consistent": 3}
    multi = multi.assign(_o=multi["verdict"].map(order).fillna(9)).sort_values(["_o", "group_id"])
    for _, row in multi.head(8).iterrows():
        out.append(
            Finding(
                f"{row['verdict'].replace('_', ' ').capitalize()} ({row['referent']}): "
                f"{_clip(row['explanation'], 260)}"
            )
        )
    return out


def build_briefing(t, *, title: str = "") -> Briefing:
    """Assemble every section from a :class:`storylens.pipeline.Tables`."""
    return Briefing(
        title=title or "Briefing",
        sections={
            "The coverage": corpus_section(t),
            "Who speaks and who is spoken about": actors_section(t),
            "Where the actors stand": stance_section(t),
            "How outlets cast the actors": casting_section(t),
            "The numbers": numbers_section(t),
        },
    )


def to_markdown(b: Briefing) -> str:
    """Markdown for ``IPython.display.Markdown``; every value from the corpus is escaped."""
    lines = [f"## {md(b.title)}", ""]
    for name, findings in b.sections.items():
        if not findings:
            continue
        lines += [f"### {md(name)}", ""]
        for f in findings:
            lines.append(f"- {md(f.text)}")
            for ev in f.evidence:
                lines.append(f"  - <small>{md(ev)}</small>")
        lines.append("")
    return "\n".join(lines)
