"""Time line: resolve date expressions against the publication date, and check durations.

Entry points:

- ``resolve_dates(text, sentences, *, published="", doc_id="") -> list[dict]``: every date
  expression of one article, one dict per event (columns ``EVENT_COLUMNS``).
- ``timeline(articles, sentences_by_doc) -> DataFrame``: the same over a corpus
  (``articles`` has ``doc_id``, ``text``, ``published`` and optionally ``outlet``).
- ``check_durations(claims, events) -> DataFrame``: stated durations ("a three-day meeting",
  claims with a time unit and a noun in their referent, e.g. ``days | meeting``) against date
  ranges in the events whose sentence mentions the same noun ("the meetings ... took place
  between Tuesday and Thursday" -> Tue..Thu inclusive = 3 days), with a verdict
  (``consistent`` | ``conflicting``) and an explanation.

Resolution rules (vocabulary in ``data/claims_dates.yaml``):

- absolute dates: ``August 18, 2025``, ``18 August``, ``Aug. 18`` (no year: the publication
  year, or the year before when that would put the date more than a week after publication,
  or the year after when a future cue ("will convene on March 26") would put it before);
  numeric ``2025-08-18``, ``2025/08/18``, ``18.08.2025`` (day first) and ``18/08/2025`` or
  ``08/18/2025`` (unresolved when both numbers are 12 or less: day or month first?);
- ``in April`` / ``April 2024`` / ``early April``: the whole month (past by default, the next
  one after a future cue such as "will"); ``in 2025`` / ``earlier in 2025``: the year;
- weekdays ``(on) Tuesday``: the latest such day on or before publication (news report the
  past), the next one after a future cue; ``last``/``next`` Tuesday: strictly before/after;
- ``today``/``yesterday``/``tomorrow``; ``last/this/next week|month|year``; ``earlier this
  year|month|week`` (from its start to publication); ``N days ago``;
- ``between Tuesday and Thursday`` / ``from Monday to Wednesday``: a range; its length in days
  is known from the weekdays even without a publication date;
- ``three days after ...`` / ``a day earlier``: offset from the nearest date before it in the
  sentence ("At his Aug. 18 meeting — three days after meeting Putin" -> Aug. 15).

Without a publication date only absolute dates with a year resolve; the rest get
``resolved=False`` and ``how`` says why.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from storylens.clean import numeric_date
from storylens.model import Sentence
from storylens.paths import DATA_DIR, yaml_load
from storylens.regexes import trie_regex

__all__ = ["resolve_dates", "timeline", "check_durations", "EVENT_COLUMNS", "DURATION_COLUMNS"]

EVENT_COLUMNS = [
    "doc_id",
    "outlet",
    "sent_id",
    "surface",
    "start",
    "end",
    "date_start",
    "date_end",
    "n_days",
    "resolved",
    "how",
    "context",
]
DURATION_COLUMNS = [
    "doc_id",
    "claim_surface",
    "stated",
    "event_doc_id",
    "event_surface",
    "observed_days",
    "verdict",
    "explanation",
]
_UNIT_DAYS = {"days": 1, "weeks": 7}
#: A future cue ("will", "is to") only counts within this many characters before a date.
_FUTURE_REACH = 40
_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def _alt(words) -> str:
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


@functools.cache
def _vocab() -> dict:
    with open(DATA_DIR / "claims_dates.yaml", encoding="utf-8") as fh:
        raw = yaml_load(fh)
    months = {k.lower(): int(v) for k, v in raw["months"].items()}
    weekdays = {k.lower(): int(v) for k, v in raw["weekdays"].items()}
    mon = r"(?-i:" + _alt([m.capitalize() for m in months]) + r")\.?"
    wd_names = _alt([d.capitalize() for d in weekdays if len(d) > 3])
    wd = r"(?-i:" + wd_names + r")"
    num = r"(?:\d{1,2}|" + _alt(_NUM_WORDS) + ")"
    parts = [
        rf"(?P<wrange>(?:between|from)\s+(?P<w1>{wd})\s+(?:and|to|until|through)\s+(?P<w2>{wd}))",
        rf"(?P<wrange2>(?P<w3>{wd})\s*(?:-|–|through|to)\s*(?P<w4>{wd}))",
        rf"(?P<mdy>(?P<m1>{mon})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?)",
        rf"(?P<dmy>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{mon})(?:,?\s+(?P<y2>\d{{4}}))?)",
        r"(?P<ndate>\b(?<![/.])(?:(?P<iy>(?:19|20)\d\d)(?P<isep>[-/])(?P<im>\d\d?)(?P=isep)(?P<id>\d\d?)"
        r"|(?P<nd1>\d{1,2})(?P<nsep>[./])(?P<nd2>\d{1,2})(?P=nsep)(?P<ny>(?:19|20)\d\d))(?![\d/]))",
        rf"(?P<my>(?:\b(?:in|since|until|by|during|early|late|mid-?|earlier\s+in|later\s+in)\s+)"
        rf"(?P<m3>{mon})(?:\s+(?P<y3>\d{{4}}))?\b)",
        rf"(?P<my2>(?P<m4>{mon})\s+(?P<y4>\d{{4}}))",
        r"(?P<yr>\b(?:in|since|during|earlier\s+in|later\s+in|early|late)\s+(?P<y5>(?:19|20)\d{2})\b)",
        rf"(?P<offset>\b(?P<n>{num})\s+(?P<u>days?|weeks?)\s+(?P<dir>after|before|later|earlier|ago))",
        r"(?P<rel>\b(?P<rw>last|this|next|earlier\s+this|later\s+this)\s+(?P<ru>week|month|year))",
        r"(?P<day>\b(?P<dw>today|yesterday|tomorrow|tonight)\b)",
        rf"(?P<wday>(?:\b(?P<wq>last|next|this|on)\s+)?(?P<w5>{wd})\b)",
    ]
    future = re.compile(r"\b" + _alt(raw["future_cues"]) + r"\b", re.IGNORECASE)
    # Pre-filter: every match of the full pattern contains one of these keys (a month or
    # weekday name as the full pattern spells it, a year, or the fixed words of the relative
    # forms), at most two whitespace-separated tokens after the match's start ("earlier in
    # April", "18th of March", "three days after"). Keys have no look-arounds, so a key inside
    # a sentence is a key in the whole text. The leading class only skips impossible starts.
    names = _alt([m.capitalize() for m in months]) + "|" + wd_names
    key = (
        r"(?-i:" + names + r")|(?:19|20)\d{2}"
        r"|(?i:(?:last|this|next)\s+(?:week|month|year)"
        r"|(?:days?|weeks?)\s+(?:after|before|later|earlier|ago)"
        r"|today|yesterday|tomorrow|tonight)"
    )
    firsts = {w[0] for w in [*months, *weekdays]} | set("ltndwy")
    lead = "".join(sorted({c for f in firsts for c in (f.lower(), f.upper())})) + "12"
    # The same keys, faster: the case-sensitive names and years as one trie whose branches
    # all start with a literal (the regex engine then skips to those characters), and the
    # words of the relative forms found with str.find in the lowercased text (see _key_spans).
    cased = [m.capitalize() for m in months] + [d.capitalize() for d in weekdays if len(d) > 3]
    # one trie per first letter, joined at the top level ("A(?:pr..|ug..)|Dec..|..."): the same
    # alternation as the whole trie, but the engine's skip needs a literal first in each branch
    # of the top-level alternation, not inside a group
    names_trie = "|".join(
        trie_regex([w for w in cased if w[0] == c]) for c in sorted({w[0] for w in cased})
    )
    mid_word = sorted(set("bBfF" + "".join(n[0] for n in cased)))
    return {
        "months": months,
        "weekdays": weekdays,
        "re": re.compile("|".join(parts), re.IGNORECASE),
        "key": re.compile(rf"(?=[{lead}])(?:{key})"),
        "names_key": re.compile(names_trie + r"|1(?=9)\d{3}|2(?=0)\d{3}"),
        "future": future,
        # A match of "re" starts with a letter or digit (case-insensitively: also with a
        # letter that folds to one, itself a letter), and at a word start (its part starts
        # with \b) unless with the first letter of "between"/"from" or of a month or weekday
        # name (the parts that do not start with \b). Keep in step with `parts`. (A letter
        # or digit is ``[^\W_]``: ``\w`` is what ``str.isalnum`` accepts, and "_".)
        "starts": re.compile(r"(?<!\w)[^\W_]|[" + "".join(map(re.escape, mid_word)) + "]"),
    }


#: Lowercase words one of which every relative form holds (what the "(?i:...)" keys need):
#: "today"/"yesterday" hold "day", "three days after" "day", "last week" "week", ...
_RELATIVE_KEYS = ("day", "week", "month", "year", "tomorrow", "tonight")
#: Characters that match an ASCII letter of _RELATIVE_KEYS case-insensitively but do not
#: lowercase to it (U+0130 also lowercases to two characters, shifting offsets).
_FOLD_EXCEPTIONS = ("\u0130", "\u0131")


def _key_spans(text: str, v: dict) -> list[tuple[int, int]]:
    """Spans of pre-filter keys in ``text``, by start: every occurrence of a key (see
    :func:`_vocab`) overlaps one of them and starts at or after its start."""
    if any(c in text for c in _FOLD_EXCEPTIONS):
        return [m.span() for m in v["key"].finditer(text)]
    spans = [m.span() for m in v["names_key"].finditer(text)]
    low = text.lower()  # same length: no character lowercases to several here
    for w in _RELATIVE_KEYS:
        i = low.find(w)
        while i >= 0:
            spans.append((i, i + len(w)))
            i = low.find(w, i + 1)
    spans.sort()
    return spans


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _parse_published(published) -> dt.date | None:
    if published is None or (isinstance(published, float) and published != published):
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    s = str(published).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _weekday(pub: dt.date, wd: int, *, future: bool, strict: bool) -> dt.date:
    if future:
        delta = (wd - pub.weekday()) % 7
        if delta == 0 and strict:
            delta = 7
        return pub + dt.timedelta(days=delta)
    delta = (pub.weekday() - wd) % 7
    if delta == 0 and strict:
        delta = 7
    return pub - dt.timedelta(days=delta)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve_dates(
    text: str, sentences: Sequence[Sentence], *, published="", doc_id: str = "", outlet: str = ""
) -> list[dict]:
    """Date expressions of one article resolved against ``published`` (ISO date or empty).

    Each sentence is matched on its own. One pass of the key pre-filter (``_vocab()["key"]``)
    over the whole text finds the few sentences that can hold a date; only those are matched,
    and only from two tokens before each key on (see :func:`_sentence_matches`).
    """
    v = _vocab()
    pub = _parse_published(published)
    out: list[dict] = []
    for s, stext, matches in _date_matches(text, sentences, v):
        sent_events: list[dict] = []
        for m in matches:
            ev = _resolve_match(m, stext, pub, v, sent_events)
            if ev is None:
                continue
            d0, d1, resolved, how, n_days = ev
            rec = {
                "doc_id": doc_id,
                "outlet": outlet,
                "sent_id": s.sent_id,
                "surface": m.group(),
                "start": s.start + m.start(),
                "end": s.start + m.end(),
                "date_start": _iso(d0),
                "date_end": _iso(d1),
                "n_days": n_days,
                "resolved": resolved,
                "how": how,
                "context": stext,
            }
            sent_events.append(rec)
        out.extend(sent_events)
    return out


def _date_matches(text: str, sentences: Sequence[Sentence], v: dict):
    """``(sentence, sentence text, matches)`` for the sentences with a date match, in order.

    The matches are exactly ``v["re"].finditer(sentence text)``. Sentences in text order and
    not overlapping (as :func:`~storylens.sentences.split_sentences` gives them) are located
    from the key matches of the whole text; any other list is scanned sentence by sentence.
    """
    rx = v["re"]
    sentences = list(sentences)
    ordered = all(a.end <= b.start for a, b in itertools.pairwise(sentences)) and all(
        0 <= s.start <= s.end for s in sentences
    )
    if not ordered:
        for s in sentences:
            stext = text[s.start : s.end]
            matches = list(rx.finditer(stext))
            if matches:
                yield s, stext, matches
        return
    starts = [s.start for s in sentences]
    # key spans grouped by the sentences they overlap (a key never spans a sentence in a
    # sentence split, but a caller's sentences may cut anywhere: group by overlap)
    windows: dict[int, list[tuple[int, int]]] = {}
    for ka, kb in _key_spans(text, v):
        i = max(0, bisect.bisect_right(starts, ka) - 1)
        while i < len(sentences) and sentences[i].start < kb:
            if sentences[i].end > ka:
                windows.setdefault(i, []).append((ka, kb))
            i += 1
    for i in sorted(windows):
        s = sentences[i]
        stext = text[s.start : s.end]
        matches = _sentence_matches(rx, stext, s.start, windows[i])
        if matches:
            yield s, stext, matches


def _two_tokens_back(text: str, pos: int, lo: int) -> int:
    """Start of the second whitespace-separated token before ``pos`` (not before ``lo``)."""
    for _ in range(2):
        while pos > lo and text[pos - 1].isspace():
            pos -= 1
        while pos > lo and not text[pos - 1].isspace():
            pos -= 1
    return pos


def _sentence_matches(rx: re.Pattern, stext: str, offset: int, keys: list[tuple[int, int]]):
    """``list(rx.finditer(stext))``, trying only the positions where a match can start.

    Every match contains a key occurrence at most two tokens after its start, and that
    occurrence overlaps one of the key spans of the whole-text scan (``keys``: text offsets,
    sorted by start) that starts no later than it. So every match starts inside a window from
    :func:`_two_tokens_back` of a key span's start to that span's end; trying ``rx.match`` at
    the windows' positions in order finds the matches ``finditer`` finds, in the same order.
    """
    out: list[re.Match] = []
    match = rx.match
    v = _vocab()
    # (speed) only where v["starts"] finds a position can a match of v["re"] start
    starts = v["starts"].search if rx is v["re"] else None
    n = len(stext)
    pos = 0  # end of the last match, or the first position not yet tried
    for a, b in keys:
        p = max(pos, _two_tokens_back(stext, max(0, a - offset), 0))
        hi = min(n, b - offset)
        while p < hi:
            if starts is not None:
                c = starts(stext, p, hi)
                if c is None:
                    p = hi
                    break
                p = c.start()
            m = match(stext, p)
            if m is None:
                p += 1
            else:
                out.append(m)
                p = m.end()
        pos = max(pos, p)
    return out


def _resolve_match(m: re.Match, stext: str, pub, v: dict, earlier: list[dict]):
    """(date_start, date_end, resolved, how, n_days) for one match, or None to skip it."""
    months, weekdays = v["months"], v["weekdays"]
    future = bool(v["future"].search(stext, max(0, m.start() - _FUTURE_REACH), m.start()))
    g = m.groupdict()
    nopub = "no publication date"
    if g["wrange"] or g["wrange2"]:
        a = weekdays[(g["w1"] or g["w3"]).lower()]
        b = weekdays[(g["w2"] or g["w4"]).lower()]
        n_days = (b - a) % 7 + 1
        if pub is None:
            return None, None, False, f"weekday range, {n_days} days; {nopub}", n_days
        end = _weekday(pub, b, future=future, strict=False)
        start = end - dt.timedelta(days=n_days - 1)
        return (
            start,
            end,
            True,
            f"weekday range ({n_days} days) ending on or before publication",
            n_days,
        )
    if g["mdy"] or g["dmy"]:
        mon = months[(g["m1"] or g["m2"]).lower().rstrip(".")]
        day = int(g["d1"] or g["d2"])
        year = g["y1"] or g["y2"]
        if year:
            d = _safe_date(int(year), mon, day)
            return (d, d, d is not None, "absolute date", 1) if d else None
        if pub is None:
            return None, None, False, f"date without year; {nopub}", 1
        d = _safe_date(pub.year, mon, day)
        if d is None:
            return None
        if not future and d > pub + dt.timedelta(days=7):
            d = _safe_date(pub.year - 1, mon, day) or d
        elif future and d < pub:  # "will convene on March 26", published in October
            d = _safe_date(pub.year + 1, mon, day) or d
        year = {pub.year - 1: "the year before publication", pub.year: "publication year",
                pub.year + 1: "the year after publication (future)"}[d.year]  # fmt: skip
        return d, d, True, f"date without year: {year}", 1
    if g["ndate"]:
        if g["iy"]:
            d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
            return (d, d, True, "absolute date", 1) if d else None
        a, b = int(g["nd1"]), int(g["nd2"])
        if g["nsep"] == "/" and a <= 12 and b <= 12 and a != b:
            return None, None, False, "numeric date: day or month first is unknown", 1
        iso = numeric_date(a, g["nsep"], b, int(g["ny"]))
        if not iso:
            return None
        d = dt.date.fromisoformat(iso)
        return d, d, True, "absolute date", 1
    if g["my"] or g["my2"]:
        mon = months[(g["m3"] or g["m4"]).lower().rstrip(".")]
        year = g["y3"] or g["y4"]
        if year:
            a, b = _month_range(int(year), mon)
            return a, b, True, "month and year", (b - a).days + 1
        if pub is None:
            return None, None, False, f"month without year; {nopub}", None
        y = pub.year
        if future and mon < pub.month:
            y += 1
        elif not future and mon > pub.month:
            y -= 1
        a, b = _month_range(y, mon)
        return (
            a,
            b,
            True,
            "month: latest such month " + ("after" if future else "up to") + " publication",
            (b - a).days + 1,
        )
    if g["yr"]:
        y = int(g["y5"])
        a, b = dt.date(y, 1, 1), dt.date(y, 12, 31)
        if pub is not None and "earlier" in m.group().lower() and pub.year == y:
            b = pub
        return a, b, True, "year", (b - a).days + 1
    if g["offset"]:
        n = g["n"].lower()
        k = int(n) if n.isdigit() else _NUM_WORDS.get(n, 1)
        days = k * (7 if g["u"].lower().startswith("week") else 1)
        direction = g["dir"].lower()
        if direction == "ago":
            if pub is None:
                return None, None, False, f"{days} days before publication; {nopub}", 1
            d = pub - dt.timedelta(days=days)
            return d, d, True, f"{days} days before publication", 1
        anchor = next((e for e in reversed(earlier) if e["date_start"]), None)
        if anchor is None:
            why = "no dated anchor before it in the sentence"
            return None, None, False, f"offset of {days} days; {why}", 1
        base = dt.date.fromisoformat(anchor["date_start"])
        # "X, three days after Y" dates Y; "X, three days later" dates X after the anchor
        sign = -1 if direction in ("after", "earlier") else 1
        d = base + dt.timedelta(days=sign * days)
        word = "before" if sign < 0 else "after"
        span = f"{days} day{'s' if days != 1 else ''}"
        return d, d, True, f"{span} {word} '{anchor['surface']}'", 1
    if g["rel"]:
        if pub is None:
            return None, None, False, nopub, None
        rw, ru = re.sub(r"\s+", " ", g["rw"].lower()), g["ru"].lower()
        if ru == "week":
            monday = pub - dt.timedelta(days=pub.weekday())
            shift = {"last": -7, "next": 7}.get(rw, 0)
            a = monday + dt.timedelta(days=shift)
            b = a + dt.timedelta(days=6)
        elif ru == "month":
            y, mo = pub.year, pub.month
            if rw == "last":
                y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
            elif rw == "next":
                y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
            a, b = _month_range(y, mo)
        else:
            y = pub.year + {"last": -1, "next": 1}.get(rw, 0)
            a, b = dt.date(y, 1, 1), dt.date(y, 12, 31)
        if rw == "earlier this":
            b = pub
        elif rw == "later this":
            a = pub
        return a, b, True, f"{rw} {ru} relative to publication", (b - a).days + 1
    if g["day"]:
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["dw"].lower()]
        if pub is None:
            return None, None, False, nopub, 1
        d = pub + dt.timedelta(days=off)
        return d, d, True, f"{g['dw'].lower()} relative to publication", 1
    if g["wday"]:
        wd = weekdays[g["w5"].lower()]
        q = (g["wq"] or "").lower()
        if pub is None:
            return None, None, False, f"weekday; {nopub}", 1
        fut = q == "next" or (future and q != "last")
        d = _weekday(pub, wd, future=fut, strict=q in ("last", "next"))
        how = (
            "weekday: "
            + ("next such day after" if fut else "latest such day up to")
            + " publication"
        )
        return d, d, True, how, 1
    return None


def timeline(
    articles: pd.DataFrame, sentences_by_doc: Mapping[str, Sequence[Sentence]]
) -> pd.DataFrame:
    """Events of every article (``articles``: ``doc_id``, ``text``, ``published``, ``outlet``),
    sorted by resolved date (unresolved last), then outlet, doc and position."""
    rows: list[dict] = []
    for r in articles.to_dict("records"):
        doc = str(r["doc_id"])
        rows.extend(
            resolve_dates(
                str(r.get("text") or ""),
                sentences_by_doc.get(doc, ()),
                published=r.get("published") or "",
                doc_id=doc,
                outlet=str(r.get("outlet") or "") if isinstance(r.get("outlet"), str) else "",
            )
        )
    return sort_events(pd.DataFrame(rows, columns=EVENT_COLUMNS))


def sort_events(df: pd.DataFrame) -> pd.DataFrame:
    """Events sorted by resolved date (unresolved last), then outlet, doc and position."""
    if df.empty:
        return df.reset_index(drop=True)
    df = df.copy()
    df["_u"] = df["date_start"].eq("")
    df = df.sort_values(["_u", "date_start", "outlet", "doc_id", "start"], kind="mergesort")
    return df.drop(columns="_u").reset_index(drop=True)


def check_durations(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Stated durations (claims in days/weeks whose referent names a noun, e.g. ``days |
    meeting``) against date ranges whose sentence mentions that noun (any article).

    ``observed_days`` counts the range inclusively (Tuesday..Thursday = 3). Verdict
    ``consistent`` when it lies in the claim's interval, else ``conflicting``.
    """
    rows: list[dict] = []
    if claims is None or events is None or claims.empty or events.empty:
        return pd.DataFrame(rows, columns=DURATION_COLUMNS)
    ranges = events[events["n_days"].fillna(1).astype(float) > 1]
    ranges = ranges[~ranges["how"].str.startswith(("month", "year", "last", "this", "next"))]
    range_rows = ranges.to_dict("records")
    # word -> indices of the ranges whose sentence has it: a noun "n" matches a sentence where
    # \bn(?:s|es)?\b does, i.e. where n, ns or nes is one of its \w+ words (exact, and linear)
    by_word: dict[str, list[int]] = {}
    range_words = [set(re.findall(r"\w+", str(e["context"]).lower())) for e in range_rows]
    for i, words in enumerate(range_words):
        for w in words:
            by_word.setdefault(w, []).append(i)
    if "unit" in claims.columns:  # (only these claims can state a duration)
        claims = claims[claims["unit"].isin(list(_UNIT_DAYS))]
    for c in claims.to_dict("records"):
        unit = c.get("unit")
        if unit not in _UNIT_DAYS:
            continue
        ref = str(c.get("referent") or "")
        nouns = [x.strip() for x in ref.split("|", 1)[1].split(",")] if "|" in ref else []
        nouns = [n for n in nouns if re.fullmatch(r"[a-z]+", n)]
        if not nouns:
            continue
        lo = _f(c.get("low"))
        hi = _f(c.get("high"))
        k = _UNIT_DAYS[unit]
        forms = {n: (n, n + "s", n + "es") for n in nouns}
        hits = sorted({i for n in nouns for f in forms[n] for i in by_word.get(f, ())})
        for i in hits:
            e, words = range_rows[i], range_words[i]
            noun = next((n for n in nouns if any(f in words for f in forms[n])), None)
            if noun is None:
                continue
            obs = int(e["n_days"])
            ok = (lo is None or lo * k <= obs) and (hi is None or obs <= hi * k)
            stated = _fmt_days(lo, hi, unit)
            rows.append(
                {
                    "doc_id": c.get("doc_id", ""),
                    "claim_surface": c.get("surface", ""),
                    "stated": stated,
                    "event_doc_id": e["doc_id"],
                    "event_surface": e["surface"],
                    "observed_days": obs,
                    "verdict": "consistent" if ok else "conflicting",
                    "explanation": (
                        f"'{c.get('surface', '')}' states {stated}; '{e['surface']}' "
                        f"({e['doc_id']}) spans {obs} days counting both ends, so they "
                        + ("agree." if ok else "disagree.")
                    ),
                }
            )
    df = pd.DataFrame(rows, columns=DURATION_COLUMNS)
    return df.sort_values(["doc_id", "claim_surface", "event_doc_id", "event_surface"]).reset_index(
        drop=True
    )


def _f(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def _fmt_days(lo, hi, unit) -> str:
    if lo is not None and hi is not None and lo == hi:
        return f"{lo:g} {unit}"
    if lo is None:
        return f"up to {hi:g} {unit}"
    if hi is None:
        return f"at least {lo:g} {unit}"
    return f"{lo:g}-{hi:g} {unit}"
