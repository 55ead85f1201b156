"""Reconcile numeric claims: group them by what they count and say whether they agree.

``reconcile(claims, *, articles=None, wire_groups=None)`` returns one row per group with the
contract's columns ``group_id, referent, claim_ids, verdict, independent_sources,
explanation`` (plus ``unit`` and ``n_claims``). Rows are built in four passes:

1. **Derived** (within one article, nearby sentences): figures linked by stated arithmetic.
   - *ratio*: a figure whose referent counts rotation/rest (a ``rotation`` label in
     ``data/claims_referents.yaml``) against the nearest earlier figure of the same unit
     without it, when the ratio is between ``ROTATION_RATIO`` bounds (the rule of three);
   - *percent of*: a percentage P with a part A and a total T of one unit where A ≈ P% of T;
     or a percentage labelled ``share of previous figure`` ("That figure would account for
     about 30% of ...") against the last figure before it (the implied total is reported);
   - *N of M*: a subset claim ("26 of those countries", "12 of the 27 members") against the
     nearest earlier (or enclosing) figure of the same unit: consistent when N <= M;
   - *sum of parts*: a figure labelled ``total`` equal to the sum of a run of 2-5 figures of
     the same unit just before it.
   Linked claims form connected components; each is one ``derived`` row (``conflicting``
   when the arithmetic does not hold, e.g. a subset larger than its total).
2. **Same referent** (across and within articles): claims that count the same thing form a
   group (greedy, in text order, every pair compatible); ``consistent`` when every pair of
   intervals overlaps, else ``conflicting``. Two claims are compatible when they have the same
   unit, currency and modifier labels and some context term of one is a subset of a term of
   the other (crude lemmas: "exports" ~ "pork exports"; "voted in favour" !~ "voted
   against"), or when they share non-empty modifier labels and one has no context term.
   A shared unit alone is never enough: such claims stay ``single``.
   **Same figure in the same words**: a claim still alone after that joins claims from
   *other* articles whose figure is close (within ``CONTEXT_MAX_RATIO``) and whose words
   around the figure (``CONTEXT_CHARS`` either side, within the sentence; see
   :func:`figure_context`) share at least ``CONTEXT_MIN_SHARED`` content words, also pairwise
   and greedy. This catches the same figure told with a thin referent ("fined the company
   €2.3bn" vs "a €2.34 billion fine ... Commission"), which the referent alone leaves apart.
   It needs each claim's context (a ``context`` column, or the sentences table).
3. **Different referents**: claims of one unit with the same figure (representative values
   within ``SAME_FIGURE_TOLERANCE``) but different modifier labels, e.g. a cap of 30,000 on
   the ground in the initial plan vs about 30,000 counting rotation (for generic units such
   as percent they must also share a context term).
4. **Single**: every claim not yet in a row gets its own ``single`` row.

``independent_sources`` counts distinct articles once articles in the same wire group (one
wire text carried by several outlets) count as one. Pure and deterministic.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

__all__ = [
    "reconcile",
    "prepare",
    "finish",
    "Prepared",
    "assign_claim_ids",
    "COLUMNS",
    "fmt_interval",
    "figure_context",
    "claim_contexts",
]

COLUMNS = [
    "group_id",
    "referent",
    "claim_ids",
    "verdict",
    "independent_sources",
    "explanation",
    "unit",
    "n_claims",
]
#: A figure counting rotation/rest is this many times the deployed figure (the rule of three
#: is 3; accept 2-5 to cover rule-of-two and rule-of-four planning).
ROTATION_RATIO = (2.0, 5.0)
#: Two figures are "the same figure" when their representative values differ by <= 5 %.
SAME_FIGURE_TOLERANCE = 0.05
#: Derived links only between figures at most this many sentences apart.
MAX_SENT_GAP = 2
#: Pass 2's fallback for claims still alone (see the module docstring): the words within this
#: many characters either side of a figure, in its sentence, are its context ...
CONTEXT_CHARS = 50
#: ... two claims of different articles need at least this many context words in common ...
CONTEXT_MIN_SHARED = 2
#: ... and figures within this ratio (larger / smaller representative value, both positive).
CONTEXT_MAX_RATIO = 1.25
# "26 of those countries", "twelve of the 27 members", "26 of about 30 nations": a figure first,
# then "of" and a determiner or a second figure.
_SUBSET = re.compile(
    r"^(?P<n>\d[\d,.]*|[^\W\d_]+(?:-[^\W\d_]+)?)\s+of\s+"
    r"(?:(?:about|around|roughly|some|nearly|almost|approximately)\s+)?"
    r"(?:those|these|the|its|their|them|\d)",
    re.IGNORECASE,
)
_NUMBER_WORDS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
]


@dataclass
class _C:
    """One claim, normalised for comparison."""

    cid: str
    doc: str
    sent: int
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str
    qualifier: str
    referent: str
    labels: tuple[str, ...]
    surface: str
    claimant: str
    currency: str
    order: int
    mods: frozenset = frozenset()  # modifier labels (data/claims_referents.yaml)
    shown: str = ""  # the stated interval in the claim's own unit, for explanations
    keys: tuple = ()  # crude lemma sets of the other labels (context terms)
    ctx: frozenset = frozenset()  # crude lemmas of the words around the figure (figure_context)

    @property
    def lo(self) -> float:
        return -math.inf if self.low is None else self.low

    @property
    def hi(self) -> float:
        return math.inf if self.high is None else self.high

    @property
    def rep(self) -> float:
        """Representative value: the stated figure (bound for up_to/at_least, middle else)."""
        if self.low is None and self.high is None:
            return math.nan
        if self.low is None:
            return self.high
        if self.high is None:
            return self.low
        if self.qualifier == "approx" and _is_below(self):
            return self.high  # "nearly 30" is [27, 30]: the stated figure is the top
        return (self.low + self.high) / 2


def _is_below(c: _C) -> bool:
    """'nearly x' claims are [0.9x, x]: their stated figure is the top."""
    return (
        c.low is not None
        and c.high is not None
        and abs(c.low - 0.9 * c.high) < 1e-6 * max(1.0, c.high)
    )


def _num(v) -> float | None:
    if v is None or v == "":
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def formed_by_unit_alone(referents: pd.Series) -> pd.Series:
    """Per group referent: True when it names a unit only ("troops"), with no modifiers
    ("troops | peacekeeping"). Such a group was formed by unit alone: its claims may count
    quite different things, so a ``conflicting`` verdict there needs reading by hand."""
    return ~referents.astype(str).str.contains("|", regex=False)


def _labels(referent: str) -> tuple[str, ...]:
    if "|" not in referent:
        return ()
    return tuple(sorted(x.strip() for x in referent.split("|", 1)[1].split(",") if x.strip()))


# ----------------------------------------------------------------------------- ids


def assign_claim_ids(claims: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with ``claim_id`` = ``"<doc_id>-c<NN>"`` numbered in text order per article.

    Order within an article is ``(start, end, surface)``; articles keep their order of first
    appearance. Deterministic for the same input.
    """
    df = claims.copy()
    if df.empty:
        if "claim_id" not in df.columns:
            df.insert(0, "claim_id", pd.Series(dtype=str))
        return df
    cols = [c for c in ("start", "end", "surface") if c in df.columns]
    doc_rank = {d: i for i, d in enumerate(dict.fromkeys(df["doc_id"].astype(str)))}
    df["_doc_rank"] = df["doc_id"].astype(str).map(doc_rank)
    df = df.sort_values(["_doc_rank", *cols], kind="mergesort").drop(columns="_doc_rank")
    n = df.groupby("doc_id", sort=False).cumcount() + 1
    width = max(2, len(str(int(n.max()))))
    ids = df["doc_id"].astype(str) + "-c" + n.astype(str).str.zfill(width)
    df = df.drop(columns=["claim_id"], errors="ignore")
    df.insert(0, "claim_id", ids.values)
    return df.reset_index(drop=True)


# ----------------------------------------------------------------------------- formatting


def _fmt(v: float, decimals: int = 1) -> str:
    """A figure for an explanation: grouped, no trailing zeros, at most ``decimals`` decimals
    below 100 (computed values take 1; stated ones 2, as in "4.03%" or "0.25 percentage
    points")."""
    if v is None or (isinstance(v, float) and math.isinf(v)):
        return "?"
    if abs(v - round(v)) < 1e-9:
        return f"{int(round(v)):,}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.{decimals}f}".rstrip("0").rstrip(".")


_SUFFIX = {
    "percent": "%",
    "percentage_points": " percentage points",
    "basis_points": " basis points",
}


def fmt_interval(low: float | None, high: float | None, unit: str = "") -> str:
    """'27,000-33,000', 'up to 30,000', 'at least 10,000', '26' (with '%' for percent, and
    the unit for percentage and basis points)."""
    suffix = _SUFFIX.get(unit, "")
    if suffix.endswith("points") and low == high == 1:
        suffix = suffix[:-1]  # "1 percentage point"
    if low is None and high is None:
        return "?"
    if low is None:
        return f"up to {_fmt(high, 2)}{suffix}"
    if high is None:
        return f"at least {_fmt(low, 2)}{suffix}"
    if abs(high - low) < 1e-9:
        return f"{_fmt(low, 2)}{suffix}"
    return f"{_fmt(low, 2)}-{_fmt(high, 2)}{suffix}"


def _count_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _describe(c: _C, outlets: Mapping[str, str]) -> str:
    who = outlets.get(c.doc, c.doc)
    by = f"{c.claimant}, {who}" if c.claimant and c.claimant != who else who
    return f"'{c.surface}' ({c.shown or fmt_interval(c.low, c.high, c.unit)}; {by})"


def _sources_sentence(cs: list[_C], wire: Mapping[str, str], outlets: Mapping[str, str]) -> str:
    docs = sorted({c.doc for c in cs})
    groups = sorted({wire.get(d, d) for d in docs})
    n_docs, n_ind = len(docs), len(groups)
    if n_docs <= 1:
        return "All from one article, so one independent source."
    names = ", ".join(sorted({outlets.get(d, d) for d in docs}))
    if n_ind == n_docs:
        return f"{_count_word(n_docs).capitalize()} articles ({names}), {_count_word(n_ind)} independent sources."
    if n_ind == 1:
        both = "Both" if n_docs == 2 else f"All {_count_word(n_docs)}"
        return (
            f"{both} articles ({names}) carry the same wire text, "
            "so this is one independent source."
        )
    return (
        f"{_count_word(n_docs).capitalize()} articles ({names}), but some carry the same wire "
        f"text, so {_count_word(n_ind)} independent sources."
    )


# ----------------------------------------------------------------------------- derived links


def _overlap(a: _C, b: _C) -> bool:
    return a.lo <= b.hi and b.lo <= a.hi


def _derived_links(cs: list[_C]) -> list[tuple[str, str, str, bool]]:
    """(claim_id_a, claim_id_b, explanation, holds) for every arithmetic relation in one doc."""
    from storylens.claims import lexicon

    lex = lexicon()
    rotation = lex.rotation_labels
    totals = lex.total_labels
    share = lex.share_label
    links: list[tuple[str, str, str, bool]] = []
    by_doc: dict[str, list[_C]] = {}
    for c in cs:
        by_doc.setdefault(c.doc, []).append(c)
    for doc in sorted(by_doc):
        items = sorted(by_doc[doc], key=lambda c: (c.start, c.end))
        for j, b in enumerate(items):
            prev = [a for a in items[:j] if 0 <= b.sent - a.sent <= MAX_SENT_GAP]
            # ratio: rotation
            if rotation.intersection(b.labels) and not math.isnan(b.rep):
                for a in reversed(prev):
                    if (
                        a.unit == b.unit
                        and not rotation.intersection(a.labels)
                        and a.rep > 0
                        and ROTATION_RATIO[0] <= b.rep / a.rep <= ROTATION_RATIO[1]
                    ):
                        r = b.rep / a.rep
                        k = round(r)
                        holds = b.lo <= k * a.rep <= b.hi if abs(r - k) < 0.15 else True
                        links.append(
                            (
                                a.cid,
                                b.cid,
                                f"{_fmt(b.rep)} counts rotation and rest: {_fmt(a.rep)} x "
                                f"{_fmt(round(r, 2))} = {_fmt(b.rep)}",
                                holds,
                            )
                        )
                        break
            # percent of a figure
            if b.unit == "percent" and b.low is not None and b.high is not None:
                if share in b.labels:
                    for a in reversed(prev):
                        if a.unit not in ("percent", "percentage_points") and a.sent < b.sent:
                            lo_t = a.rep * 100 / b.high if b.high else math.inf
                            hi_t = a.rep * 100 / b.low if b.low else math.inf
                            links.append(
                                (
                                    a.cid,
                                    b.cid,
                                    f"{_fmt(a.rep)} is {fmt_interval(b.low, b.high, 'percent')} "
                                    f"of a total, implying a total of about "
                                    f"{_fmt(a.rep * 100 / b.rep)} ({_fmt(lo_t)}-{_fmt(hi_t)})",
                                    True,
                                )
                            )
                            break
                else:
                    near = [a for a in items if abs(a.sent - b.sent) <= MAX_SENT_GAP and a is not b]
                    found = False
                    for part in near:
                        for tot in near:
                            if found or part is tot or part.unit != tot.unit:
                                continue
                            if part.unit in ("percent", "percentage_points", "count"):
                                continue
                            if tot.rep <= part.rep or math.isnan(tot.rep):
                                continue
                            if not (0 < part.lo <= part.hi < math.inf
                                    and 0 < tot.lo <= tot.hi < math.inf):  # fmt: skip
                                # an open bound ("at least 116 votes") makes every share
                                # possible: no arithmetic to check
                                continue
                            share_lo = part.lo / tot.hi * 100
                            share_hi = part.hi / tot.lo * 100
                            if share_lo <= b.high and b.low <= share_hi:
                                links.append(
                                    (
                                        part.cid,
                                        b.cid,
                                        f"{_fmt(part.rep)} of {_fmt(tot.rep)} is "
                                        f"{_fmt(100 * part.rep / tot.rep)}%, matching "
                                        f"{fmt_interval(b.low, b.high, 'percent')}",
                                        True,
                                    )
                                )
                                links.append((tot.cid, b.cid, "", True))
                                found = True
            # N of M
            if _is_subset(b.surface) and b.unit not in ("percent",):
                inner = [a for a in items if a is not b and b.start <= a.start and a.end <= b.end]
                cands = inner or [a for a in reversed(prev) if a.unit == b.unit]
                if cands:
                    a = cands[0]
                    holds = b.lo <= a.hi
                    rel = "within" if holds else "larger than"
                    links.append(
                        (
                            a.cid,
                            b.cid,
                            f"{_fmt(b.rep)} is a subset of {fmt_interval(a.low, a.high, a.unit)} "
                            f"({rel} the total)",
                            holds,
                        )
                    )
            # sum of parts
            if totals.intersection(b.labels):
                same = [a for a in prev if a.unit == b.unit and not totals.intersection(a.labels)]
                done = False
                for n in range(min(5, len(same)), 1, -1):
                    for s in range(len(same) - n, -1, -1):
                        run = same[s : s + n]
                        tot = sum(a.rep for a in run)
                        if b.lo * 0.99 <= tot <= b.hi * 1.01:
                            parts = " + ".join(_fmt(a.rep) for a in run)
                            for a in run:
                                links.append(
                                    (a.cid, b.cid, f"{parts} = {_fmt(tot)}, the stated total", True)
                                )
                            done = True
                            break
                    if done:
                        break
    return links


def _is_subset(surface: str) -> bool:
    from storylens.claims import parse_number_words

    m = _SUBSET.match(surface)
    if not m:
        return False
    n = m.group("n")
    return n[0].isdigit() or parse_number_words(n) is not None


# ----------------------------------------------------------------------------- main


def _components(ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[str, list[str]] = {}
    for i in ids:
        comps.setdefault(find(i), []).append(i)
    return list(comps.values())


def reconcile(
    claims: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    wire_groups: Mapping[str, str] | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Group claims by referent and give each group a verdict (see the module docstring).

    ``claims`` needs ``doc_id, sent_id, surface, low, high, unit, qualifier, referent`` (and
    ``claim_id``, else :func:`assign_claim_ids` is applied; ``claimant``, ``currency``,
    ``start``, ``end`` are used when present). ``articles`` (``doc_id``, ``outlet``) names the
    outlets in explanations; ``wire_groups`` maps ``doc_id`` to a wire-group label.
    ``sentences`` (the sentences table: ``doc_id, sent_id, start, text``) gives each claim
    the words around its figure (:func:`claim_contexts`) for the fallback of pass 2; a
    ``context`` column in ``claims`` does the same. Without either, that fallback is skipped.
    The ``tables`` command's reconciliation uses it: pass ``sentences=tables.sentences`` to
    get the same table from a tables run's claims.

    Same as ``finish(prepare(claims, articles=articles, sentences=sentences), wire_groups)``.
    """
    return finish(prepare(claims, articles=articles, sentences=sentences), wire_groups)


@functools.lru_cache(maxsize=1)
def _context_stop() -> frozenset:
    """Words that say nothing about what a figure counts: number words, scales ("million",
    "bn") and currency words (the currency is compared already)."""
    from storylens.claims import lexicon

    lex = lexicon()
    return frozenset(
        w.lower() for w in (*lex.word_values, *lex.scales, *lex.short_scales, *lex.currency_words)
    )


_CONTEXT_WORD = re.compile(r"[^\W\d_][\w'’-]*")


_DIGIT = re.compile(r"\d")


def figure_context(text: str, lo: int, hi: int, start: int, end: int) -> str:
    """The crude lemmas (as :func:`storylens.claims.term_keys` makes them, space-separated and
    sorted) of the content words within :data:`CONTEXT_CHARS` characters before ``start`` and
    after ``end`` (the figure's span in ``text``), not crossing ``lo``/``hi`` (its sentence)
    nor another number (the words past it are that number's: in "78% for the first dose and
    61% for the second", "second" is not the first figure's). Number, scale and currency
    words are left out."""
    from storylens.claims import _term_keys, lexicon

    left = text[max(lo, start - CONTEXT_CHARS) : start]
    right = text[end : min(hi, end + CONTEXT_CHARS)]
    *_before, left = _DIGIT.split(left)
    right = _DIGIT.split(right, maxsplit=1)[0]
    stop = _context_stop()
    words = [
        w for part in (left, right) for w in _CONTEXT_WORD.findall(part) if w.lower() not in stop
    ]
    # term_keys without its cache: these strings never recur, and would crowd out the
    # claims module's own entries
    return " ".join(sorted(_term_keys.__wrapped__(" ".join(words), lexicon().ctx_stop)))


def claim_contexts(claims: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """:func:`figure_context` of each claim (in ``claims`` order), from the sentences table
    (``doc_id, sent_id, start, text``) and the claims' ``doc_id, sent_id, start, end``
    (offsets in the article's cleaned text). Claims whose sentence is missing get ""."""
    where = {
        (str(d), int(i)): (int(s0), t)
        for d, i, s0, t in zip(
            sentences["doc_id"],
            sentences["sent_id"],
            sentences["start"],
            sentences["text"],
            strict=True,
        )
    }
    out = []
    for d, i, a, b in zip(
        claims["doc_id"], claims["sent_id"], claims["start"], claims["end"], strict=True
    ):
        hit = where.get((str(d), int(i)))
        if hit is None:
            out.append("")
            continue
        s0, t = hit
        out.append(figure_context(t, 0, len(t), int(a) - s0, int(b) - s0))
    return out


@dataclass
class Prepared:
    """The groups and verdicts of :func:`prepare`, waiting for the wire groups.

    Only the sources sentence of each explanation and ``independent_sources`` depend on which
    articles are wire copies of each other; everything else (the costly part) does not, so it
    can run while similarity finds the wire groups (the pipeline does that in a worker).
    """

    # (claims, verdict, explanation without the sources sentence, add a sources sentence?)
    pending: list[tuple[list[_C], str, str, bool]]
    outlets: dict[str, str]


def finish(prepared: Prepared, wire_groups: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The reconciliation table from :func:`prepare`'s groups and the wire groups."""
    wire = dict(wire_groups or {})
    rows = [
        _row(
            group,
            verdict,
            expl + (_sources_sentence(group, wire, prepared.outlets) if add else ""),
            wire,
        )
        for group, verdict, expl, add in prepared.pending
    ]
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    rows.sort(key=lambda r: (r["_order"], r["verdict"], r["claim_ids"]))
    for n, r in enumerate(rows, 1):
        r["group_id"] = f"g{n:03d}"
        del r["_order"]
    return pd.DataFrame(rows, columns=COLUMNS)


#: Units compared in percentage points, and how many of them make one.
_PER_POINT = {"basis_points": 100.0}


def prepare(
    claims: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
) -> Prepared:
    """Everything of :func:`reconcile` that does not depend on the wire groups."""
    pending: list[tuple[list[_C], str, str, bool]] = []
    if claims is None or len(claims) == 0:
        return Prepared(pending, {})
    df = claims if "claim_id" in claims.columns else assign_claim_ids(claims)
    if "context" not in df.columns and sentences is not None and len(sentences):
        df = df.assign(context=claim_contexts(df, sentences))
    outlets: dict[str, str] = {}
    if articles is not None and len(articles) and "outlet" in articles.columns:
        for d, o in zip(articles["doc_id"].astype(str), articles["outlet"], strict=True):
            outlets[d] = str(o) if isinstance(o, str) and o else d
    cs: list[_C] = []
    cols = list(df.columns)
    # df.to_dict("records"), built from the columns' lists: 4x faster on pandas 3's strings
    values = [df[c].tolist() for c in cols]
    records = (dict(zip(cols, row, strict=True)) for row in zip(*values, strict=True))
    for i, r in enumerate(records):
        ref = str(r.get("referent") or r.get("unit") or "")
        low, high, unit = _num(r.get("low")), _num(r.get("high")), str(r.get("unit") or "")
        shown = ""
        if unit in _PER_POINT:  # "25 basis points" is compared as 0.25 percentage points
            shown = fmt_interval(low, high, unit)
            low, high = (None if v is None else v / _PER_POINT[unit] for v in (low, high))
            unit = "percentage_points"
        cs.append(
            _C(
                cid=str(r["claim_id"]),
                doc=str(r["doc_id"]),
                sent=int(r.get("sent_id") or 0),
                start=int(_num(r.get("start")) or 0),
                end=int(_num(r.get("end")) or 0),
                low=low,
                high=high,
                unit=unit,
                qualifier=str(r.get("qualifier") or ""),
                referent=ref,
                labels=_labels(ref),
                surface=str(r.get("surface") or ""),
                claimant=str(r.get("claimant") or "") if not _isna(r.get("claimant")) else "",
                currency=str(r.get("currency") or "") if not _isna(r.get("currency")) else "",
                order=i,
                shown=shown,
                ctx=_context_set(r.get("context")),
            )
        )
        _split_labels(cs[-1])
    by_id = {c.cid: c for c in cs}
    covered: set[str] = set()

    # 1. derived
    links = _derived_links(cs)
    linked_ids = sorted({x for a, b, _e, _h in links for x in (a, b)}, key=lambda i: by_id[i].order)
    derived_pairs = {frozenset((a, b)) for a, b, _e, _h in links}
    partners: dict[str, set[str]] = {}
    for a, b, _e, _h in links:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    comps = _components(linked_ids, [(a, b) for a, b, _e, _h in links])
    comp_of = {x: k for k, comp in enumerate(comps) for x in comp}
    links_of: list[list] = [[] for _ in comps]  # each link lies in its endpoints' component
    for lk in links:
        links_of[comp_of[lk[0]]].append(lk)
    for comp, mine in zip(comps, links_of, strict=True):
        members = sorted(comp, key=lambda i: by_id[i].order)
        holds = all(h for *_x, h in mine)
        texts = list(dict.fromkeys(e for _a, _b, e, _h in mine if e))
        group = [by_id[i] for i in members]
        figs = "; ".join(_describe(c, outlets) for c in group)
        verdict = "derived" if holds else "conflicting"
        expl = (
            f"Linked by stated arithmetic: {'; '.join(texts)}. Figures: {figs}. "
            + ("The arithmetic holds." if holds else "The arithmetic does not hold.")
            + " "
        )
        pending.append((group, verdict, expl, True))
        covered.update(members)

    # 2. same referent: greedy groups of pairwise compatible claims, in text order; the claims
    # left alone then get a second chance by the words around their figures
    groups = _greedy_groups(cs)
    alone = [g[0] for g in groups if len(g) == 1 and g[0].cid not in covered]
    told_alike = [g for g in _context_groups(alone) if len(g) > 1]
    by_context = {id(g) for g in told_alike}
    for group in groups + told_alike:
        if len(group) < 2:
            continue
        bad = _first_disjoint_pair(group, partners)
        if bad is None:  # every pair is explained by arithmetic: nothing to compare
            continue
        figs = "; ".join(_describe(c, outlets) for c in group)
        n_out = len({outlets.get(c.doc, c.doc) for c in group})
        refs = " / ".join(dict.fromkeys(c.referent for c in group))
        lead = (
            f"{_count_word(len(group)).capitalize()} figures for {refs} "
            f"from {_count_word(n_out)} outlet{'s' if n_out != 1 else ''}: {figs}. "
            f"{_why_told_alike(group) if id(group) in by_context else _why_same(group)} "
        )
        if bad:
            a, b = bad
            expl = lead + (
                f"They conflict: {a.shown or fmt_interval(a.low, a.high, a.unit)} and "
                f"{b.shown or fmt_interval(b.low, b.high, b.unit)} do not overlap. "
            )
            verdict = "conflicting"
        else:
            expl = lead + "The intervals overlap, so they are consistent. "
            verdict = "consistent"
        pending.append((group, verdict, expl, True))
        covered.update(c.cid for c in group)

    # 3. different referents: same figure, different modifier labels (a cap on the ground vs a
    # total with rotation). Generic units (percent, count, currency) also need a shared term:
    # two percentages that share nothing but the unit are not "the same figure".
    generic = _generic_units()
    by_unit: dict[tuple, list[_C]] = {}
    for c in cs:
        if not math.isnan(c.rep):
            by_unit.setdefault((c.unit, c.currency), []).append(c)
    for key in sorted(by_unit, key=lambda k: min(c.order for c in by_unit[k])):
        # Claims with the same figure, labels and terms and no arithmetic link ("twins") have
        # the same edges to every other claim: edges are found between one of each, and the
        # twins join their representative's component (exact, and linear for big clusters).
        ranked = sorted(((c.rep, c.order, c) for c in by_unit[key]), key=lambda t: t[:2])
        group: list[tuple[float, _C]] = []
        twins: dict[str, list[str]] = {}
        first: dict[tuple, str] = {}
        for rep, _o, c in ranked:
            sig = (rep, c.mods, c.keys)
            if c.cid not in partners and sig in first:
                twins[first[sig]].append(c.cid)
                continue
            if c.cid not in partners:
                first[sig] = c.cid
                twins[c.cid] = []
            group.append((rep, c))
        edges = []
        for n, (ra, a) in enumerate(group):
            for rb, b in group[n + 1 :]:
                if rb - ra > SAME_FIGURE_TOLERANCE * max(abs(ra), abs(rb)):
                    break
                if (
                    a.mods != b.mods
                    and frozenset((a.cid, b.cid)) not in derived_pairs
                    and (a.unit not in generic or _terms_match(a, b))
                ):
                    edges.append((a.cid, b.cid))
        ids = sorted({x for e in edges for x in e}, key=lambda i: by_id[i].order)
        for comp in _components(ids, edges):
            comp = [x for i in comp for x in (i, *twins.get(i, ()))]
            members = sorted((by_id[i] for i in comp), key=lambda c: c.order)
            refs = list(dict.fromkeys(c.referent for c in members))
            figs = "; ".join(_describe(c, outlets) for c in members)
            expl = (
                f"The same figure ({_fmt(members[0].rep)}) counts different things: "
                + " vs ".join(f"'{r}'" for r in refs)
                + f". Figures: {figs}. "
            )
            pending.append((members, "different_referents", expl, True))
            covered.update(c.cid for c in members)

    # 4. singles
    for c in cs:
        if c.cid in covered:
            continue
        expl = f"Only one claim: {_describe(c, outlets)}."
        pending.append(([c], "single", expl, False))
    return Prepared(pending, outlets)


# ----------------------------------------------------------------------------- same referent


def _split_labels(c: _C) -> None:
    """Modifier labels vs context terms (head noun, nearby noun, "of" phrase, predicate)."""
    c.mods, c.keys = _label_split(c.labels)


@functools.lru_cache(maxsize=1 << 16)
def _label_split(labels: tuple[str, ...]) -> tuple[frozenset, tuple[frozenset, ...]]:
    """``(modifier labels, context terms' keys)`` of a claim's labels (they recur: cached)."""
    from storylens.claims import lexicon, term_keys

    lex = lexicon()
    mods = frozenset(x for x in labels if x in lex.modifier_labels)
    keys = [term_keys(x) for x in labels if x not in mods]
    return mods, tuple(k for k in keys if k)


def _generic_units() -> frozenset:
    from storylens.claims import lexicon

    return frozenset(lexicon().ctx["generic_units"])


def _terms_match(a: _C, b: _C) -> bool:
    """Some term of one says no more than a term of the other ("exports" ~ "pork exports")."""
    return any(ka <= kb or kb <= ka for ka in a.keys for kb in b.keys)


def _same_thing(a: _C, b: _C) -> bool:
    """Evidence that two claims count the same thing: same unit (and currency), same modifier
    labels, and a shared context term; identical non-empty modifier labels suffice when one
    side has no context term. A shared unit alone is not evidence."""
    if (a.unit, a.currency) != (b.unit, b.currency) or a.mods != b.mods:
        return False
    if _terms_match(a, b):
        return True
    return bool(a.mods) and not (a.keys and b.keys)


def _greedy_groups(cs: list[_C]) -> list[list[_C]]:
    """Each claim joins the first group (in creation order) all of whose members it matches.

    Only groups whose first member could match are tested: :func:`_same_thing` needs the same
    (unit, currency, modifier labels) and either a shared context word or, when one side has no
    context term, non-empty labels. Groups are indexed by those, so the work stays near-linear
    on large corpora while the groups are exactly those of testing every group.
    """
    groups: list[list[_C]] = []
    # _same_thing(c, x) depends on x only through (unit, currency, mods, keys), and unit,
    # currency and mods are equal within a group: one representative per distinct keys suffices
    reps: list[dict[tuple, _C]] = []
    by_key: dict[tuple, list[int]] = {}  # (unit, currency, mods) -> group indices
    by_word: dict[tuple, dict[str, list[int]]] = {}  # ... -> word -> group indices
    keyless: dict[tuple, list[int]] = {}  # ... -> groups whose first member has no term
    for c in cs:
        key = (c.unit, c.currency, c.mods)
        if c.mods and not c.keys:
            cand = by_key.get(key, [])
        else:
            words = by_word.get(key, {})
            found = {i for k in c.keys for w in k for i in words.get(w, ())}
            if c.mods:
                found.update(keyless.get(key, ()))
            cand = sorted(found)
        for i in cand:
            if all(_same_thing(c, x) for x in reps[i].values()):
                groups[i].append(c)
                reps[i].setdefault(c.keys, c)
                break
        else:
            i = len(groups)
            groups.append([c])
            reps.append({c.keys: c})
            by_key.setdefault(key, []).append(i)
            if c.keys:
                words = by_word.setdefault(key, {})
                for w in sorted({w for k in c.keys for w in k}):
                    words.setdefault(w, []).append(i)
            else:
                keyless.setdefault(key, []).append(i)
    return groups


def _context_set(value) -> frozenset:
    """A ``context`` cell (space-separated words; empty or missing: none) as a set."""
    return frozenset(value.split()) if isinstance(value, str) and value else frozenset()


def _told_alike(a: _C, b: _C) -> bool:
    """Pass 2's fallback: claims of different articles with the same unit, currency and
    modifier labels, figures within :data:`CONTEXT_MAX_RATIO` of each other, and at least
    :data:`CONTEXT_MIN_SHARED` words around the figures in common."""
    if a.doc == b.doc or (a.unit, a.currency, a.mods) != (b.unit, b.currency, b.mods):
        return False
    ra, rb = a.rep, b.rep
    if not (ra > 0 and rb > 0) or max(ra, rb) > CONTEXT_MAX_RATIO * min(ra, rb):
        return False  # (NaN compares false: a claim without a figure never matches)
    return len(a.ctx & b.ctx) >= CONTEXT_MIN_SHARED


def _context_groups(cs: list[_C]) -> list[list[_C]]:
    """Greedy groups (in text order, each claim joins the first group all of whose members
    it matches by :func:`_told_alike`) of the claims ``cs``.

    Candidate groups come from an index by (unit, currency, modifier labels), the figure's
    band (powers of :data:`CONTEXT_MAX_RATIO`: a match lies in the same band or the next one
    either side) and context word, so the work stays near-linear on large corpora; a group is
    a candidate only when some member shares a word and a band with the claim, which
    :func:`_told_alike` needs of every member anyway.
    """
    groups: list[list[_C]] = []
    index: dict[tuple, dict[str, list[int]]] = {}
    step = math.log(CONTEXT_MAX_RATIO)
    for c in sorted(cs, key=lambda c: c.order):
        if not c.ctx or not c.rep > 0 or math.isinf(c.rep):
            continue
        band = math.floor(math.log(c.rep) / step)
        key = (c.unit, c.currency, c.mods)
        near = [index.get((*key, b), {}) for b in (band - 1, band, band + 1)]
        cand = sorted({i for words in near for w in c.ctx for i in words.get(w, ())})
        for i in cand:
            if all(_told_alike(c, x) for x in groups[i]):
                groups[i].append(c)
                break
        else:
            i = len(groups)
            groups.append([c])
        words = index.setdefault((*key, band), {})
        for w in c.ctx:
            words.setdefault(w, []).append(i)
    return groups


def _why_told_alike(group: list[_C]) -> str:
    shared = frozenset.intersection(*(c.ctx for c in group))
    said = f": {', '.join(sorted(shared))}" if shared else ""
    return (
        f"Each alone by its referent, they share the unit ({group[0].unit}), close figures "
        f"and the words around them{said}."
    )


def _first_disjoint_pair(
    group: list[_C], partners: Mapping[str, set[str]]
) -> tuple[_C, _C] | bool | None:
    """The first pair (in group order) whose intervals do not overlap; ``False`` if all overlap;
    ``None`` if every pair is explained by arithmetic (``partners``: claim id -> ids it is
    linked to), so there is nothing to compare.

    Pairs linked by arithmetic are not compared as one figure. Without such pairs the check is
    linear: a later claim is disjoint from ``a`` iff its low exceeds ``a``'s high or its high is
    below ``a``'s low, which suffix maxima/minima answer at once.
    """
    ids = {c.cid for c in group}
    if any(partners.get(c.cid, set()) & ids for c in group):
        pairs = [
            (a, b)
            for n, a in enumerate(group)
            for b in group[n + 1 :]
            if b.cid not in partners.get(a.cid, ())
        ]
        if not pairs:
            return None
        return next(((a, b) for a, b in pairs if not _overlap(a, b)), False)
    n = len(group)
    suf_lo = [0.0] * n  # max lo over group[i:]
    suf_hi = [0.0] * n  # min hi over group[i:]
    lo, hi = -math.inf, math.inf
    for i in range(n - 1, -1, -1):
        lo, hi = max(lo, group[i].lo), min(hi, group[i].hi)
        suf_lo[i], suf_hi[i] = lo, hi
    for i, a in enumerate(group[:-1]):
        if suf_lo[i + 1] > a.hi or suf_hi[i + 1] < a.lo:
            return a, next(b for b in group[i + 1 :] if not _overlap(a, b))
    return False


def _why_same(group: list[_C]) -> str:
    mods = sorted(group[0].mods)
    shared = set.intersection(*(set().union(*c.keys) if c.keys else set() for c in group))
    if shared:
        return f"They share the unit ({group[0].unit}) and the words {', '.join(sorted(shared))}."
    if mods:
        return f"They share the unit ({group[0].unit}) and the labels {', '.join(mods)}."
    return f"They share the unit ({group[0].unit}) and related context words."


def _isna(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _row(group: list[_C], verdict: str, explanation: str, wire: Mapping[str, str]) -> dict:
    ids = sorted(c.cid for c in group)
    refs = list(dict.fromkeys(c.referent for c in sorted(group, key=lambda c: c.order)))
    units = list(dict.fromkeys(c.unit for c in group))
    return {
        "group_id": "",
        "referent": " / ".join(refs),
        "claim_ids": " ".join(ids),
        "verdict": verdict,
        "independent_sources": len({wire.get(c.doc, c.doc) for c in group}),
        "explanation": explanation.strip(),
        "unit": " / ".join(units),
        "n_claims": len(group),
        "_order": min(c.order for c in group),
    }
