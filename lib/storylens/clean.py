"""Remove page furniture (cookie banners, captions, bylines, share buttons, ...) from article text.

The cleaner works line by line, where a *line* is one paragraph of the loader's output (the
loader separates paragraphs with ``"\\n\\n"``; any newline run separates lines here). Every
removed line is returned as a :class:`~storylens.model.Furniture` record naming the rule that
removed it and its 1-based line number (counting non-empty lines of the input), so nothing is
dropped silently and an analyst can audit every removal.

The rules are data (``data/furniture.yaml``). Local rules look at one line; context rules look at
the lines that remain (site navigation crumbs that repeat the title, a title repeated at the top,
pull quotes). Pull quotes need to know which lines were wholly emphasised (``**...**`` or
``<strong>`` in the source) and the loader strips that markup, so the loader passes
``emphasised_lines=`` (1-based line numbers). Context rules run to a fixpoint, which makes the
cleaner idempotent: ``clean_text(clean_text(t)[0])[0] == clean_text(t)[0]``.

When in doubt a line is kept: removing article text is worse than leaving furniture in.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from storylens.model import Furniture
from storylens.paths import DATA_DIR, english_words, first_names, yaml_load
from storylens.regexes import UPPER

__all__ = [
    "FurnitureRules",
    "clean_text",
    "dateline_wire",
    "is_dateline",
    "load_rules",
    "parse_byline",
    "parse_copyright_holder",
    "parse_date",
    "numeric_date",
    "split_lines",
]

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTE_CHARS = frozenset('"“”«»„')
_FINAL_PUNCT = frozenset('.!?:;…"”’)]')


@dataclass(frozen=True)
class _Line:
    text: str
    lower: str
    n_words: int


LinePredicate = Callable[[_Line], bool]


@dataclass(frozen=True)
class FurnitureRules:
    """Compiled furniture rules (see ``data/furniture.yaml``)."""

    local: tuple[tuple[str, LinePredicate], ...]
    max_line_chars: int
    crumb_window: int
    masthead_window: int
    crumb_max_prefix_words: int
    title_window: int
    title_max_words: int
    pull_min_tokens: int
    pull_min_containment: float
    pull_attribution: re.Pattern[str]
    menu_min_lines: int = 3
    menu_max_words: int = 4
    menu_max_chars: int = 40
    tail_markers: frozenset[str] = frozenset({"read_more"})
    tail_max_words: int = 20
    caption_after: frozenset[str] = frozenset({"photo_credit"})
    caption_max_words: int = 35


# ---------------------------------------------------------------------------------------------
# YAML loading


@functools.cache
def _raw_config() -> dict:
    with open(DATA_DIR / "furniture.yaml", encoding="utf-8") as fh:
        return yaml_load(fh)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def _alternation(items: Collection[str]) -> str:
    """Regex alternation of literal phrases, longest first (spaces match any whitespace)."""
    parts = sorted({str(i) for i in items}, key=lambda s: (-len(s), s))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace(" ", r"\s+") for p in parts)


def _flags(spec: dict) -> int:
    return 0 if spec.get("case_sensitive") else re.IGNORECASE


def _sized(
    rule: LinePredicate, max_words: int | None = None, max_chars: int | None = None
) -> LinePredicate:
    """``rule``, marked as false on every line of more than ``max_words`` words (``n_words``)
    or ``max_chars`` characters: :func:`clean_text` does not call it on such lines."""
    rule.max_words = max_words  # type: ignore[attr-defined]
    rule.max_chars = max_chars  # type: ignore[attr-defined]
    return rule


def _make_regex_rule(spec: dict) -> LinePredicate:
    flags = _flags(spec)
    any_res = [re.compile(p, flags) for p in spec.get("any", [])]
    all_res = [re.compile(p, flags) for p in spec.get("all", [])]
    none_res = [re.compile(p, flags) for p in spec.get("none", [])]
    max_words = int(spec.get("max_words", 10**9))
    max_chars = int(spec.get("max_chars", 10**9))
    # `prefilter`: strings one of which every match contains (lower case): the regexes run
    # only on lines holding one (they are tried at every position of long lines)
    needles = tuple(str(n).lower() for n in spec.get("prefilter", []))

    def rule(ln: _Line) -> bool:
        if ln.n_words > max_words or len(ln.text) > max_chars:  # (see _sized)
            return False
        if needles:
            low = ln.lower
            for n in needles:
                if n in low:
                    break
            else:
                return False
        text = ln.text
        # plain loops (not any()/all() over generators): this runs for every line
        if any_res:
            for r in any_res:
                if r.search(text):
                    break
            else:
                return False
        for r in all_res:
            if not r.search(text):
                return False
        for r in none_res:
            if r.search(text):
                return False
        return True

    return _sized(rule, max_words, max_chars)


def _norm_phrase(text: str) -> str:
    return " ".join(text.lower().strip(" \t.:;,!?|-–—•·»›>*").split())


def _make_phrase_rule(spec: dict) -> LinePredicate:
    phrases = frozenset(_norm_phrase(str(p)) for p in spec["phrases"])
    longest = max((len(p) for p in phrases), default=0) + 10
    return _sized(
        lambda ln: len(ln.text) <= longest and _norm_phrase(ln.text) in phrases, max_chars=longest
    )


def _make_tokens_rule(spec: dict) -> LinePredicate:
    vocab = frozenset(str(v).lower() for v in spec["vocabulary"])
    required = frozenset(str(v).lower() for v in spec.get("require_any", [])) or vocab
    lo, hi = int(spec.get("min_tokens", 1)), int(spec.get("max_tokens", 12))

    def rule(ln: _Line) -> bool:
        if ln.n_words > hi * 2:
            return False
        # lo <= len(toks) <= hi, all in vocab, any required; read only until the first miss
        n, found = 0, False
        for m in _WORD_RE.finditer(ln.lower):  # the tokens of _words(ln.text)
            tok = m.group()
            if tok not in vocab:
                return False
            n += 1
            if n > hi:
                return False
            found = found or tok in required
        return found and lo <= n

    return _sized(rule, max_words=hi * 2)


def _no_alnum(ln: _Line) -> bool:
    if ln.text[:1].isalnum():
        return False  # speed: most lines start with one
    return not any(ch.isalnum() for ch in ln.text)


# ---------------------------------------------------------------------------------------------
# Bylines and dates (public helpers: the loader turns these furniture lines into metadata)

_NAME = rf"[{UPPER}][\w'’.\-]*"  # ("Ó Briain", "Łukasz")
_NAME_JOIN = r"(?:\s+(?:and|&|de|da|van|von|der|al|bin|el|la|le)\s+|\s+)"
#: Where the reporters wrote from, after their names: "By Jon Henley in Paris".
_BYLINE_PLACE = rf"(?:\s+in\s+{_NAME}(?:\s+{_NAME}){{0,3}})?"
_BYLINE_RE = re.compile(
    r"^\W*(?:(?i:written|story|words|reporting|text|reported|compiled))?\s*(?i:by)\s*:?\s+"
    rf"(?P<name>{_NAME}(?:{_NAME_JOIN}{_NAME}){{0,7}}){_BYLINE_PLACE}"
    r"(?:\s*(?:[|,/•·–—]|\s-\s)\s*(?P<org>[^\n]{1,80}))?\s*$"
)
_AUTHOR_RE = re.compile(
    r"^\W*(?i:authors?|reporter|written by|byline)\s*:\s*"
    rf"(?P<name>{_NAME}(?:{_NAME_JOIN}{_NAME}){{0,7}})"
    r"(?:\s*(?:[|,/•·–—]|\s-\s)\s*(?P<org>[^\n]{1,80}))?\s*$"
)


def parse_byline(line: str) -> str:
    """Return the author name(s) of a byline line ("By: X | Y" -> "X"), or "" if not a byline."""
    line = line.strip()
    if not line or len(line) > 200 or len(line.split()) > 15:
        return ""
    low = line.lower()
    if "by" not in low and "author" not in low and "reporter" not in low:
        return ""  # what both patterns need ("by", "byline", "written by", "author", "reporter")
    if line[-1] in ".!?;:" and not re.search(r"\b[A-Z]\.$", line):
        return ""
    m = _BYLINE_RE.match(line) or _AUTHOR_RE.match(line)
    if not m:
        return ""
    name = m.group("name").strip(" ,")
    first = name.split()[0].strip(".,").lower()
    if first in _not_name_words():
        return ""
    return name


@functools.cache
def _not_name_words() -> frozenset[str]:
    cfg = _raw_config()
    words = {str(w).lower() for w in cfg["weekdays"]} | {str(k).lower() for k in cfg["months"]}
    return frozenset(words | {str(w).lower() for w in cfg.get("byline_not_names", [])})


_HOLDER_RE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)?"
    # (a dotted abbreviation does not end the holder: "Maasvlakte Container Terminals B.V.")
    r"\s*,?\s*(?P<holder>(?:(?:[A-Z]\.){2,}|[A-Z])(?:(?:[A-Z]\.){2,}|[^.|,;©·•\n]){1,60}?)"
    r"\s*(?:[.|,;·•]|\ball rights reserved\b|$)",
    re.I,
)


def parse_copyright_holder(line: str) -> str:
    """The holder named in a copyright line ("© 2024 Brussels Ledger. All ..." -> "Brussels
    Ledger"), or ""."""
    m = _HOLDER_RE.search(line[:300])
    if not m:
        return ""
    holder = _YEAR_AFTER_HOLDER.sub("", m.group("holder").strip())  # "© euronews 2025"
    holder = without_company_form(holder)
    if holder.lower().startswith(("all rights", "copyright")):
        return ""
    if not holder[:1].isupper() and not (holder.isalpha() and holder not in _NOT_HOLDERS):
        return ""  # a lower-case brand stands alone ("© 2025 euronews")
    return holder


def without_company_form(name: str) -> str:
    """A company's name without its legal form, which is no part of an outlet's name
    ("Guardian News & Media Limited or its affiliated companies" -> "Guardian News & Media",
    "Norvane Pharma AG" -> "Norvane Pharma")."""
    return _COMPANY_FORM.sub("", name).strip() or name


_COMPANY_FORM = re.compile(
    r"(?:\s+or\s+its\s+affiliated\s+companies|\s+and\s+its\s+affiliates)$"
    r"|(?:,?\s+(?:Limited|Ltd|LLC|LLP|Inc|Plc|PLC|plc|GmbH|AG|S\.A|SA|Co|NV|N\.V|BV|B\.V|SE"
    r"|Kft|Zrt|Nyrt|SRL|S\.R\.L|S\.r\.l|s\.r\.o|AB|Oy|Oyj|ASA|ApS|A/S|SpA|S\.p\.A|KK"
    r"|\(Pty\)(?:\s+Ltd)?|Pty(?:\s+Ltd)?)(?![\w/])\.?)"
    r"(?:\s+or\s+its\s+affiliated\s+companies|\s+and\s+its\s+affiliates)?$"
)
_YEAR_AFTER_HOLDER = re.compile(r"\s+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?$")
_NOT_HOLDERS = frozenset({"all", "by", "the", "and", "for", "this", "our", "its", "reserved"})


def _byline_rule(ln: _Line) -> bool:
    return bool(parse_byline(ln.text))


_sized(_byline_rule, 15, 200)  # (parse_byline's limits; clean_text's lines are stripped)


#: A year may be glued to what follows it in scraped text: a time ("August 21, 20257:32 AM")
#: or the same date again ("21 Aug 202521 Aug 2025").
_YEAR = r"((?:19|20)\d\d)(?:\b|(?=\d{1,2}[:.]\d\d)|(?=\d{1,2}\s+[A-Za-z]{3}))"


@functools.cache
def _date_patterns() -> tuple[list[re.Pattern[str]], dict[str, int]]:
    """The date patterns, in :func:`parse_date`'s group order, and the month names."""
    cfg = _raw_config()
    months = {str(k).lower(): int(v) for k, v in cfg["months"].items()}
    alt = _alternation(months)
    return [
        # 2025-08-21, 2025/08/21
        re.compile(r"(?<![\d/.])((?:19|20)\d\d)([-/])(\d\d?)\2(\d\d?)(?![\d/])"),
        # August 21, 2025
        re.compile(rf"\b({alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
        # 21 August 2025
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({alt})\.?,?\s+{_YEAR}", re.I),
        # 21.08.2025, 21/08/2025
        re.compile(r"(?<![\d/.])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?![\d/])"),
    ], months


def numeric_date(a: int, sep: str, b: int, year: int) -> str:
    """'21.08.2025' is day first (the convention wherever dots are used); '21/08/2025' and
    '08/21/2025' only when one of the two numbers is above 12 or both are the same (never a
    guess)."""
    if sep == "." or a > 12 >= b or a == b:
        return _iso(year, b, a)
    if b > 12 >= a:
        return _iso(year, a, b)
    return ""


def _iso(year: int, month: int, day: int) -> str:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def parse_date(text: str) -> str:
    """Return the first full date in ``text`` as "YYYY-MM-DD", or "" (never guesses a year).

    Understands ISO dates (also with a time part, or with slashes: 2025/08/21), "August 21,
    2025", "Aug. 21 2025", "21 August 2025" (also with the year glued to a time, as scraped
    pages have it: "August 21, 20257:32 AM"), "21.08.2025" (day first) and "21/08/2025" or
    "08/21/2025" when one number is above 12 ("03/04/2025" is ambiguous: ""). An impossible
    date (2025-02-30) gives "".
    """
    if not text or ("19" not in text and "20" not in text):  # speed: each form needs a year
        return ""
    (ymd, mdy, dmy, num), months = _date_patterns()
    found: list[tuple[int, str]] = []
    if m := ymd.search(text):
        found.append((m.start(), _iso(int(m[1]), int(m[3]), int(m[4]))))
    if m := mdy.search(text):
        found.append((m.start(), _iso(int(m[3]), months[m[1].lower()], int(m[2]))))
    if m := dmy.search(text):
        found.append((m.start(), _iso(int(m[3]), months[m[2].lower()], int(m[1]))))
    if m := num.search(text):
        found.append((m.start(), numeric_date(int(m[1]), m[2], int(m[3]), int(m[4]))))
    found = [f for f in found if f[1]]
    return min(found)[1] if found else ""


def _make_dateline_rule(spec: dict) -> LinePredicate:
    cfg = _raw_config()
    keywords = _alternation(spec.get("keywords", []))
    lead = re.compile(rf"^\W*(?:{keywords})\b(?:\s+(?:on|at))?\s*:?", re.I)
    patterns, _ = _date_patterns()
    filler = frozenset(str(w) for w in [*cfg["weekdays"], *cfg["dateline_time_words"]])
    filler |= {str(k).lower() for k in cfg["months"]}
    max_words = int(spec.get("max_words", 16))

    def date_only(text: str) -> bool:
        rest = text
        for p in patterns:
            rest = p.sub(" ", rest)
        return all(w in filler for w in _words(rest) if not w.isdigit())

    def rule(ln: _Line) -> bool:
        if ln.n_words > max_words or not parse_date(ln.text):
            return False
        if lead.match(ln.text) or date_only(ln.text):
            return True
        # "Commentary | 8 September 2025 | European Security Programme": a date between bars
        parts = _BAR_SPLIT.split(ln.text)
        return len(parts) > 1 and any(parse_date(p) and date_only(p) for p in parts)

    return _sized(rule, max_words)


_BAR_SPLIT = re.compile(r"\s+[|·•]\s+")


# ---------------------------------------------------------------------------------------------
# Captions and credits


def _make_credit_rule(spec: dict) -> LinePredicate:
    cfg = _raw_config()["credit"]
    agencies = _alternation(cfg["agencies"])
    photo_only = _alternation(cfg["photo_only"])
    labels = _alternation(cfg["labels"])
    tail_res = [
        # ".../Sofiia Gatilova/Reuters", "Name/AFP via Getty Images"
        re.compile(rf"/\s*[^/\n]{{1,80}}?\s*/\s*(?:{agencies})\b[^/\n]{{0,40}}$", re.I),
        # "... Press Service/Handout via REUTERS"
        re.compile(rf"\bvia\s+(?:{agencies})\s*\)?\s*$", re.I),
        # "(Photo: ...)", "(AP Photo/Efrem Lukatsky)", "(Getty Images)"
        re.compile(rf"\((?:{labels}|{photo_only}|{agencies})\b[^()\n]{{0,120}}\)\s*\.?\s*$", re.I),
        # "Photo: Jane Doe", "Photo by Jane Doe / AFP"
        re.compile(rf"(?:^|[.!?]\s|\|\s)\s*(?i:{labels})\s*(?i:by\b|:)\s*[^.!?\n]{{1,100}}$"),
        # "... Getty Images", "AP Photo/Name"
        re.compile(rf"\b(?:{photo_only})\b\s*(?:/\s*[^/\n]{{1,60}})?\s*\)?\s*$", re.I),
        # "... in Kyiv. REUTERS/Name", "... on Monday. AFP"
        re.compile(rf"[.!?]\s+(?:{agencies})(?:\s*/\s*[^/\n]{{1,60}})?\s*$", re.I),
    ]
    max_words = int(spec.get("max_words", 10**9))
    max_chars = int(spec.get("max_chars", 10**9))

    def rule(ln: _Line) -> bool:
        if ln.n_words > max_words or len(ln.text) > max_chars:  # (see _sized)
            return False
        if ln.text[-1:] in ".!?" and not ln.text.endswith(")."):
            return False
        tail = ln.text[-200:]
        return any(r.search(tail) for r in tail_res)

    return _sized(rule, max_words, max_chars)


@dataclass(frozen=True)
class _CaptionLex:
    titles: frozenset[str]
    connectors: frozenset[str]
    scene_verbs: tuple[tuple[str, ...], ...]
    scene_preps: frozenset[str]
    lead_exclusions: frozenset[str]
    news_markers: frozenset[str]
    ed_exceptions: frozenset[str]


@functools.cache
def _caption_lex() -> _CaptionLex:
    cfg = _raw_config()["captions"]
    return _CaptionLex(
        titles=frozenset(str(t) for t in cfg["titles"]),
        connectors=frozenset(str(c).lower() for c in cfg["connectors"]),
        scene_verbs=tuple(
            sorted({tuple(str(v).lower().split()) for v in cfg["scene_verbs"]}, key=len)[::-1]
        ),
        scene_preps=frozenset(str(p).lower() for p in cfg["scene_prepositions"]),
        lead_exclusions=frozenset(str(w).lower() for w in cfg["lead_exclusions"]),
        news_markers=frozenset(
            str(w).lower() for w in [*cfg["news_markers"], *english_words()["irregular_past"]]
        ),
        ed_exceptions=frozenset(str(w).lower() for w in cfg["ed_exceptions"]),
    )


def _looks_like_prose(text: str, lex: _CaptionLex) -> bool:
    """True if the text has quotes, reporting verbs, auxiliaries or past-tense -ed verbs."""
    if not _QUOTE_CHARS.isdisjoint(text):
        return True
    for raw in text.split():
        tok = raw.strip(".,;:!?()[]'’‘").lower()
        if tok in lex.news_markers:
            return True
        if (
            len(tok) >= 5
            and tok.endswith("ed")
            and tok.isalpha()
            and tok not in lex.ed_exceptions
            and not raw[:1].isupper()
        ):
            return True
    return False


def _verbless_caption_rule(spec: dict) -> LinePredicate:
    lex = _caption_lex()
    max_words = int(spec.get("max_words", 16))
    # multi-word titles are matched as their last word ("Prime Minister" -> "Minister")
    title_words = frozenset(t.split()[-1] for t in lex.titles)

    def rule(ln: _Line) -> bool:
        if not 2 <= ln.n_words <= max_words or ln.text[-1] in _FINAL_PUNCT:
            return False
        if not _QUOTE_CHARS.isdisjoint(ln.text):
            return False
        toks = ln.text.split()
        for tok in toks:
            if not tok[:1].isupper() and tok.lower() not in lex.connectors:
                return False
        if not any(t in title_words for t in toks):
            return False
        # the name: capitalised words after the last title or connector ("... Gen. Dan Caine",
        # "Secretary of State Marco Rubio"); one word only right after a title ("President X")
        cut = (
            max(i for i, t in enumerate(toks) if t in title_words or t.lower() in lex.connectors)
            if any(t in title_words or t.lower() in lex.connectors for t in toks)
            else -1
        )
        name = toks[cut + 1 :]
        min_len = 1 if cut >= 0 and toks[cut] in title_words else 2
        return min_len <= len(name) <= 4

    return _sized(rule, max_words)


def _scene_verb_at(words: list[str], lex: _CaptionLex) -> tuple[int, int]:
    """(index, length) of the first scene verb phrase in ``words``, or (-1, 0)."""
    for i in range(len(words)):
        for phrase in lex.scene_verbs:
            if tuple(words[i : i + len(phrase)]) == phrase:
                return i, len(phrase)
    return -1, 0


def _scene_verbs_by_first(lex: _CaptionLex) -> dict[str, list[tuple[str, ...]]] | None:
    """Scene verb phrases by first word, in ``lex.scene_verbs`` order (None if one is empty)."""
    if () in lex.scene_verbs:
        return None
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lex.scene_verbs:
        index.setdefault(phrase[0], []).append(phrase)
    return index


def _scene_verb_at_indexed(
    words: list[str], index: dict[str, list[tuple[str, ...]]]
) -> tuple[int, int]:
    """:func:`_scene_verb_at` with the phrases looked up by first word (same result, faster)."""
    for i, word in enumerate(words):
        for phrase in index.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return i, len(phrase)
    return -1, 0


def _picture_description_rule(spec: dict) -> LinePredicate:
    lex = _caption_lex()
    max_words = int(spec.get("max_words", 45))
    # "[a-z]{3,}[.!?]\s+[A-Z]" somewhere: the same lines, written to start at the punctuation,
    # which ``re`` finds fast, checking the three letters before it only there
    two_sentences = re.compile(r"[.!?](?<=[a-z]{3}[.!?])\s+[A-Z]")
    by_first = _scene_verbs_by_first(lex)

    def rule(ln: _Line) -> bool:
        text = ln.text
        if not 5 <= ln.n_words <= max_words or not text.endswith("."):
            return False
        if not text[:1].isupper() or two_sentences.search(text):
            return False
        if _PERCENT.search(text):
            return False  # a rate is reported, not pictured ("Inflation stands at 4.5% ...")
        # (every test below only rejects, so the cheap ones on the first nine words go first:
        # the scene verb is looked for there, and most lines have none)
        raw = text.split()
        head = [w.strip(".,;:!?()[]'’‘").lower() for w in raw[:9]]
        if head[0] in lex.lead_exclusions:
            return False
        if by_first is None:
            i, n = _scene_verb_at(head, lex)
        else:
            i, n = _scene_verb_at_indexed(head, by_first)
        if i < 1 or any(w in ("that", "who", "which") for w in head[:i]):
            return False
        if any("," in w for w in raw[:i]):
            return False
        rest = [w.strip(".,;:!?()[]'’‘").lower() for w in raw[i + n :]]
        if rest[:1] == ["at"] and len(rest) > 1 and _FIGURE_START.match(rest[1]):
            return False  # "stands at 10", "runs at $3 billion": a figure, not a scene
        return any(w in lex.scene_preps for w in rest) and not _looks_like_prose(text, lex)

    return _sized(rule, max_words)


_PERCENT = re.compile(r"\d\s?%|\d\s+(?:percent|per\s+cent)\b", re.IGNORECASE)
_FIGURE_START = re.compile(r"[$€£¥]?\d")


#: "[a-z]{2}[.!?](?=[A-Z][a-z]{2})": the same lines, written to start at the punctuation (which
#: ``re`` finds fast); the two letters before it are checked only there
_GLUE_RE = re.compile(r"[.!?](?=[A-Z][a-z]{2})(?<=[a-z]{2}[.!?])")


def _glued_caption_rule(spec: dict) -> LinePredicate:
    lex = _caption_lex()
    max_words = int(spec.get("max_words", 60))

    def rule(ln: _Line) -> bool:
        if ln.n_words > max_words or not _GLUE_RE.search(ln.text):
            return False
        return not _looks_like_prose(ln.text, lex)

    return _sized(rule, max_words)


# ---------------------------------------------------------------------------------------------
# Rule compilation

_BYLINE_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|di|du|le|la|al|bin))*"
#: "Claire Dufresne in Paris and Tom Ashworth", "Jane Doe, John Roe and Ann Poe in Kyiv"
_NAMES_LINE = re.compile(
    rf"^\W*(?:by\s+)?{_BYLINE_NAME}(?:\s+in\s+[A-Z][\w-]*)?"
    rf"(?:\s*(?:,|and|&)\s*{_BYLINE_NAME}(?:\s+in\s+[A-Z][\w-]*)?)*\W*$"
)


def _make_name_byline_rule(spec: dict) -> LinePredicate:
    """A line of names only, the first word a given name (``data/first_names.yaml``): a byline
    without "By" ("Claire Dufresne in Paris and Tom Ashworth", "Jane Doe | The Herald")."""
    max_words = int(spec.get("max_words", 14))
    given = first_names()

    def rule(ln: _Line) -> bool:
        if ln.n_words > max_words + 8:
            return False
        names = _OUTLET_TAIL.sub("", ln.text).strip()
        words = names.split()
        return (
            2 <= len(words) <= max_words
            and words[0] in given
            and _NAMES_LINE.match(names) is not None
        )

    return _sized(rule, max_words + 8)


#: " | The Herald", " / Reuters" after a byline's names
_OUTLET_TAIL = re.compile(r"\s+[|/]\s+[^|/]{1,60}$")


_BUILTIN: dict[str, Callable[[dict], LinePredicate]] = {
    "regex": _make_regex_rule,
    "phrase": _make_phrase_rule,
    "tokens": _make_tokens_rule,
    "no_alnum": lambda spec: _no_alnum,
    "byline": lambda spec: _byline_rule,
    "name_byline": _make_name_byline_rule,
    "dateline": _make_dateline_rule,
    "credit": _make_credit_rule,
    "verbless_caption": _verbless_caption_rule,
    "picture_description": _picture_description_rule,
    "glued_caption": _glued_caption_rule,
}


@functools.cache
def load_rules() -> FurnitureRules:
    """Compile the rules in ``data/furniture.yaml`` (cached)."""
    cfg = _raw_config()
    local: list[tuple[str, LinePredicate]] = []
    for spec in cfg["rules"]:
        kind = spec["kind"]
        if kind not in _BUILTIN:
            raise ValueError(f"furniture.yaml: unknown rule kind {kind!r} in {spec['name']!r}")
        local.append((str(spec["name"]), _BUILTIN[kind](spec)))
    ctx = cfg["context"]
    return FurnitureRules(
        local=tuple(local),
        max_line_chars=int(cfg.get("max_line_chars", 2000)),
        crumb_window=int(ctx["nav_crumb"]["window"]),
        masthead_window=int(ctx["masthead"]["window"]),
        crumb_max_prefix_words=int(ctx["nav_crumb"]["max_prefix_words"]),
        title_window=int(ctx["repeated_title"]["window"]),
        title_max_words=int(ctx["repeated_title"]["max_words"]),
        pull_min_tokens=int(ctx["pull_quote"]["min_tokens"]),
        pull_min_containment=float(ctx["pull_quote"]["min_containment"]),
        pull_attribution=re.compile(ctx["pull_quote"]["attribution"]),
        menu_min_lines=int(ctx["menu"]["min_lines"]),
        menu_max_words=int(ctx["menu"]["max_words"]),
        menu_max_chars=int(ctx["menu"]["max_chars"]),
        tail_markers=frozenset(ctx["tail"]["markers"]),
        tail_max_words=int(ctx["tail"]["max_words"]),
        caption_after=frozenset(ctx["credit_caption"]["after"]),
        caption_max_words=int(ctx["credit_caption"]["max_words"]),
    )


# ---------------------------------------------------------------------------------------------
# Context rules


def _crumb_prefix_ok(prefix: str, max_words: int) -> bool:
    toks = prefix.split()
    return 1 <= len(toks) <= max_words and all(t[:1].isupper() for t in toks)


def _nav_crumbs(
    lines: list[str], kept: list[int], title: str, rules: FurnitureRules
) -> dict[int, str]:
    """Lines near the top that are "<1-5 capitalised nav words> <another line or the title>"."""
    window = kept[: rules.crumb_window]
    found: dict[int, str] = {}
    for i in window:
        line = lines[i]
        targets = [lines[j] for j in window if j != i] + ([title] if title else [])
        for target in targets:
            if len(target) >= 10 and len(line) > len(target) and line.endswith(target):
                prefix = line[: -len(target)]
                if prefix[-1:].isspace() and _crumb_prefix_ok(prefix, rules.crumb_max_prefix_words):
                    found[i] = "nav_crumb"
                    break
    return found


def _repeated_titles(
    lines: list[str], kept: list[int], title: str, rules: FurnitureRules
) -> dict[int, str]:
    """A short line near the top that repeats an earlier one (or the title) exactly."""
    del title  # an exact repeat is enough; the title only helps the crumb rule
    seen: set[str] = set()
    found: dict[int, str] = {}
    most = rules.title_max_words
    for i in kept[: rules.title_window]:
        # (split at most ``most`` times: a longer line is skipped without splitting it all;
        # casefolding makes no whitespace and keeps it, so the key has these words)
        words = lines[i].split(None, most)
        if len(words) > most:
            continue
        key = " ".join(words).casefold()
        if key[-1:] in ".!?":
            continue
        if key in seen:
            found[i] = "repeated_title"
        seen.add(key)
    return found


def _mastheads(
    lines: list[str], kept: list[int], removed: dict[int, str], rules: FurnitureRules
) -> dict[int, str]:
    """A line near the top that only names the copyright holder of the page (the masthead)."""
    holders = {
        parse_copyright_holder(lines[i]).casefold()
        for i, rule in removed.items()
        if rule == "copyright"
    } - {""}
    if not holders:
        return {}
    return {
        i: "masthead"
        for i in kept[: rules.masthead_window]
        if lines[i].strip(" .|").casefold() in holders
    }


#: a line that ends like a sentence: a full stop, maybe inside closing quotes or brackets
_ENDS_SENTENCE = re.compile(r"[.…][\"”’')\]]*\s*$")
_SENTENCE_END = tuple('.!?:;,"”’)')


def _menu_blocks(
    lines: list[str], removed: dict[int, str], rules: FurnitureRules
) -> dict[int, str]:
    """Blocks of at least ``menu_min_lines`` short capitalised lines with nothing between them
    but removed lines: a site menu or a topic list ("Home", "News", "Sport", ...). A block
    right after a line ending with ":" is a list the text introduces, and stays."""

    def short(i: int) -> bool:
        line = lines[i]
        return (
            len(line) <= rules.menu_max_chars
            and len(line.split()) <= rules.menu_max_words
            and line[:1].isupper()
            and not line.endswith(_SENTENCE_END)
            and not any(c.isdigit() for c in line)
        )

    found: dict[int, str] = {}
    block: list[int] = []
    before = ""  # the kept line before the block
    for i in range(len(lines) + 1):
        if i < len(lines) and i in removed:
            continue
        if i < len(lines) and short(i):
            block.append(i)
            continue
        if len(block) >= rules.menu_min_lines and not before.rstrip().endswith(":"):
            found.update(dict.fromkeys(block, "menu"))
        block = []
        before = lines[i] if i < len(lines) else ""
    return found


def _tails(
    lines: list[str], kept: list[int], removed: dict[int, str], rules: FurnitureRules
) -> dict[int, str]:
    """After a "Related"/"Tags"/"More on this story" line (``tail_markers``) below the body,
    the tail of short lines (related headlines, topic tags) is furniture too. Nothing is
    removed when a longer line or a sentence (ending with a full stop: the last paragraph of
    the body) follows the marker."""
    markers = [i for i, rule in removed.items() if rule in rules.tail_markers]
    if not markers or not kept:
        return {}
    for m in sorted(markers):
        after = [i for i in kept if i > m]
        if not after:
            return {}
        if not any(i < m for i in kept):
            continue  # a marker above the body
        if all(
            len(lines[i].split()) <= rules.tail_max_words and not _ENDS_SENTENCE.search(lines[i])
            for i in after
        ):
            return dict.fromkeys(after, "read_more")
    return {}


#: How many of the body's last lines a press release's boilerplate may start in.
_BOILERPLATE_REACH = 8


def _boilerplate_tail(kept: list[int], removed: dict[int, str]) -> dict[int, str]:
    """After a press release's boilerplate marker ("Notes to editors:", "For more information,
    please contact: ...", "About UNICEF") near the end of the page, below the body, every line
    is boilerplate: the organisation's standard paragraph, contacts, links."""
    marks = [i for i, rule in removed.items() if rule == "boilerplate"]
    if not marks or not kept:
        return {}
    first = min(marks)
    before = [i for i in kept if i < first]
    after = [i for i in kept if i > first]
    if not before or not after or len(after) > _BOILERPLATE_REACH:
        return {}
    return dict.fromkeys(after, "boilerplate")


def _credit_captions(
    lines: list[str], removed: dict[int, str], rules: FurnitureRules
) -> dict[int, str]:
    """The line right after a photo credit ("Getty Images", "EPA") when it has no final
    punctuation: the picture's caption; the line before a credit that names itself ("Image:
    Eurokinissi/picture alliance") when that one has none."""
    found: dict[int, str] = {}
    for i, rule in removed.items():
        if rule not in rules.caption_after:
            continue
        j = i - 1
        if is_labelled_credit(lines[i]) and j >= 0:
            # "A plane drops water over Limni" / "Image: Eurokinissi/picture alliance"
            if removed.get(j) == "caption":
                continue  # (found on an earlier pass)
            if j not in removed and _caption(lines[j], rules):
                found[j] = "caption"
                continue
        j = i + 1
        if j >= len(lines) or j in removed:
            continue
        if _caption(lines[j], rules):
            found[j] = "caption"
    return found


#: A credit that names itself ("Image: ...", "Photo: ...", "Credit: ..."): it follows its
#: caption.
_LABELLED_CREDIT = re.compile(
    r"\s*(?:Images?|Photos?|Pictures?|Photograph|Credit|Foto)\s*:\s*\S", re.I
)


def is_labelled_credit(line: str) -> bool:
    """Is ``line`` a picture credit that names itself ("Image: Eurokinissi/picture alliance")?"""
    return _LABELLED_CREDIT.match(line) is not None


def _caption(line: str, rules: FurnitureRules) -> bool:
    """A capitalised line without final punctuation, short enough for a caption."""
    line = line.rstrip()
    return (
        line[:1].isupper()
        and not line.endswith(_SENTENCE_END)
        and len(line.split()) <= rules.caption_max_words
    )


def _pull_quotes(
    lines: list[str], kept: list[int], emphasised: Collection[int], rules: FurnitureRules
) -> dict[int, str]:
    """Emphasised lines whose words (minus a "- Name" attribution) repeat in one other line."""
    candidates = [i for i in kept if i + 1 in emphasised]
    if not candidates:
        return {}
    others = {i: set(_words(lines[i])) for i in kept}
    found: dict[int, str] = {}
    for i in candidates:
        text = rules.pull_attribution.sub("", lines[i])
        toks = set(_words(text))
        if len(toks) < rules.pull_min_tokens:
            continue
        for j in kept:
            if j == i or j + 1 in emphasised:
                continue
            if len(toks & others[j]) >= rules.pull_min_containment * len(toks):
                found[i] = "pull_quote"
                break
    return found


# ---------------------------------------------------------------------------------------------
# Public entry point


@functools.cache
def _dateline_wire_re() -> re.Pattern[str]:
    agencies = sorted({str(a) for a in _raw_config().get("wire_agencies", [])}, key=len)[::-1]
    alt = "|".join(re.escape(a) for a in agencies) or r"(?!)"
    # "PARIS, Sept 4 (Reuters) -", "MOSCOW, August 28. /TASS/.", "KYIV, Ukraine (AP) —"
    return re.compile(
        rf"^[A-ZÀ-Ý][A-ZÀ-Ý .’'-]{{1,40}}(?:,[^()/\n]{{1,40}}?)?\s*[(/]\s*(?P<wire>{alt})\s*[)/]"
    )


def dateline_wire(text: str, *, paragraphs: int = 3) -> str:
    """The news agency a body dateline credits in the first ``paragraphs`` paragraphs of a
    cleaned text ("PARIS, Sept 4 (Reuters) - ..." -> "Reuters"), or ""."""
    rx = _dateline_wire_re()
    for para in text.split("\n\n", paragraphs)[:paragraphs]:
        m = rx.match(para.strip())
        if m:
            return m.group("wire")
    return ""


#: A wire-style body dateline's credit in brackets, whoever it names: "BRUSSELS, March 18
#: (Northstar) -" (the place in capitals, maybe a date, a name of one to four capitalised
#: words, a dash).
_DATELINE_CREDIT = re.compile(
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .’'-]{1,40}(?:,[^()/\n]{1,40}?)?\s*\("
    r"(?P<credit>[A-Z][\w&.’'-]*(?:\s[A-Z][\w&.’'-]*){0,3})\)\s*[-–—]\s"
)


def dateline_credit(text: str, *, paragraphs: int = 3) -> str:
    """The name a wire-style body dateline credits in the first ``paragraphs`` paragraphs,
    agency or not ("BRUSSELS, March 18 (Northstar) - ..." -> "Northstar"), or "": the outlet
    of a wire page that names no other (:func:`dateline_wire` knows the agencies only)."""
    for para in text.split("\n\n", paragraphs)[:paragraphs]:
        m = _DATELINE_CREDIT.match(para.strip())
        if m:
            return m.group("credit")
    return ""


#: A body dateline that dates the story: "LISBON, Nov 27, 2026 (AFP) -", "DHAKA/YANGON/NEW
#: YORK, 18 November 2026 - ...", a press release's "Rotterdam / Antwerp, 17 October 2025 – ..."
#: (place in capitals or title case, a comma, the date, then a credit, a dash or the line's end:
#: a release's "Brussels, 18 March 2025" on its own line).
_DATELINE_DATE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý .’'/-]{1,60}|[A-ZÀ-Ý][\w’'-]*(?:\s*/\s*|\s)?(?:[A-ZÀ-Ý][\w’'-]*(?:\s*/\s*|\s)?){0,3})"
    r",\s*(?P<date>[^()\n]{6,40}?)\s*(?:[(/]|[-–—](?:\s|$)|$)"
)
#: A meta line of parts between middle dots or bars ("Issue #87 · 27 November 2026 · by ...").
_META_PARTS = re.compile(r"\s+[·•|]\s+")


def text_date(text: str, *, paragraphs: int = 8) -> str:
    """The story's date written in its first ``paragraphs`` paragraphs, where no dateline line
    gave one: a body dateline with a full date ("LISBON, Nov 27, 2026 (AFP) - ..."), or a part
    of a short meta line of middle dots or bars that is a full date ("Issue #87 · 27 November
    2026 · by ..."). "" when there is none (never a guess)."""
    for para in text.split("\n\n", paragraphs)[:paragraphs]:
        para = para.strip().strip("*_")
        for line in para.split("\n", 3)[:3]:  # (a dateline under the issuer's name)
            m = _DATELINE_DATE.match(line.strip().strip("*_"))
            if m:
                d = parse_date(m.group("date"))
                if d:
                    return d
        if len(para.split()) <= 30 and _META_PARTS.search(para):
            for part in _META_PARTS.split(para):
                part = part.strip(" *_")
                d = parse_date(part)
                if d and len(part.split()) <= 4:
                    return d
    return ""


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ON_WEEKDAY = re.compile(r"\b[Oo]n\s+(" + "|".join(_WEEKDAY_NAMES) + r")\b")
_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@functools.cache
def _day_month_re() -> re.Pattern[str]:
    """A day and a month without a year: "Aug 23", "March 10", "14 March"."""
    alt = _alternation(_date_patterns()[1])
    return re.compile(rf"({alt})\.?\s+(\d{{1,2}})|(\d{{1,2}})\s+({alt})\.?", re.I)


def dateline_date_by_weekday(text: str, copyright_lines: Iterable[str]) -> str:
    """The date of a wire-style body dateline without a year ("NAIROBI, Aug 23 (Agency) - ...
    on Monday ..."), as "YYYY-MM-DD", when the page's copyright line gives one year and that
    day of that year is the weekday the dateline's paragraph names first ("on Monday"): the
    year is then checked, not guessed. "" otherwise."""
    years = {y for line in copyright_lines for y in _YEAR_IN.findall(line)}
    if len(years) != 1:
        return ""
    year = int(next(iter(years)))
    _, months = _date_patterns()
    for para in text.split("\n\n", 3)[:3]:
        m = _DATELINE_DATE.match(para.strip())
        if not m:
            continue
        d = m.group("date").split(",")[-1].strip(" .")  # ("Chile, March 10")
        dm = _day_month_re().fullmatch(d)
        wd = _ON_WEEKDAY.search(para)
        if not dm or not wd:
            return ""
        month = months[(dm[1] or dm[4]).lower()]
        day = int(dm[2] or dm[3])
        iso = _iso(year, month, day)
        if iso and _dt.date.fromisoformat(iso).weekday() == _WEEKDAY_NAMES.index(wd[1]):
            return iso
        return ""
    return ""


#: Words of a site's sections: a name made only of them is a section, not the site ("World
#: News", "Middle East"; "BBC News" is a site).
SECTION_WORDS = frozenset(
    "news world politics business opinion opinions analysis comment sport sports culture arts "
    "health science technology tech economy money markets europe africa asia americas middle "
    "east latin america live breaking local national international features lifestyle "
    "environment climate education travel uk us home latest top stories".split()
)


def is_section_name(name: str) -> bool:
    """Is ``name`` made only of section words ("World News", "Middle East")?"""
    return all(w.lower().strip("&") in SECTION_WORDS or w == "&" for w in name.split())


_TITLE_CASE_NAME = re.compile(
    r"(?:The |the )?[A-Z][\w’'&.-]*(?: (?:of|the|and|&|[A-Z][\w’'&.-]*)){1,4}"
)


def meta_line_credits(text: str, *, paragraphs: int = 5) -> tuple[str, str]:
    """``(outlet, byline)`` from a short meta line of middle dots or bars in the first
    ``paragraphs`` paragraphs that holds a full date ("The Competition Desk · Analysis · 19
    March 2025 · by Tomás Ó Briain"): the outlet is its first part when that is a name of two
    to five capitalised words, the byline its "by" part; "" for what it does not hold."""
    for para in text.split("\n\n", paragraphs)[:paragraphs]:
        para = para.strip().strip("*_")
        if len(para.split()) > 30 or not _META_PARTS.search(para):
            continue
        parts = [p.strip(" *_") for p in _META_PARTS.split(para)]
        if not any(parse_date(p) and len(p.split()) <= 4 for p in parts):
            continue
        bylines = [b for p in parts if (b := parse_byline(p))]
        first = parts[0]
        named = _TITLE_CASE_NAME.fullmatch(first) and not _DIGIT.search(first)
        if (
            not named
            or parse_date(first)
            or first.lower().startswith("by ")
            or is_section_name(first)
        ):
            first = ""  # ("By Ana Lima · 13 March 2025": a byline, not an outlet)
        return first, bylines[0] if bylines else ""
    return "", ""


_DIGIT = re.compile(r"\d")


def is_dateline(line: str) -> bool:
    """Does the furniture rule ``dateline`` (``data/furniture.yaml``) read ``line`` as a line
    that only dates the page ("October 30, 2025 at 8:15 pm", "Published: August 21, 2025")?"""
    line = line.strip()
    if _DIGIT.search(line) is None:
        return False  # the rule needs a full date (parse_date), which has digits
    return _local_rule_reads(line, "dateline")


def is_release_label(line: str) -> bool:
    """Does the furniture rule ``release_label`` read ``line`` as a press release's label
    ("PRESS RELEASE", "For immediate release – 4 June 2024")?"""
    return _local_rule_reads(line.strip(), "release_label")


def _local_rule_reads(line: str, name: str) -> bool:
    """Does a local furniture rule called ``name`` match the (stripped) ``line``?"""
    ln = _Line(line, line.lower(), len(line.split()))
    return any(rule(ln) for rule_name, rule in load_rules().local if rule_name == name)


@functools.lru_cache(maxsize=8)
def _rules_by_size(
    local: tuple[tuple[str, LinePredicate], ...],
) -> tuple[list[int], list[int], dict[tuple[int, int], tuple[tuple[str, LinePredicate], ...]]]:
    """For speed: the local rules that can match a line of a given size, in order.

    ``(word_cuts, char_cuts, by_size)``: the rules' ``max_words`` and ``max_chars`` (see
    :func:`_sized`; a rule without them has no limit), sorted; ``by_size`` maps a line's
    ``(bisect_left(word_cuts, n_words), bisect_left(char_cuts, n_chars))`` to the rules whose
    limits the line is within (filled by :func:`clean_text`). Lines with the same key are within
    the same limits: a limit ``m`` is a cut, and ``n <= m`` exactly when ``n``'s cut index is at
    most ``m``'s. Skipping a rule that is false on the line changes no result."""
    word_cuts = sorted({getattr(p, "max_words", None) for _, p in local} - {None})
    char_cuts = sorted({getattr(p, "max_chars", None) for _, p in local} - {None})
    return word_cuts, char_cuts, {}


def _rules_for_size(
    local: tuple[tuple[str, LinePredicate], ...],
    word_cuts: list[int],
    char_cuts: list[int],
    key: tuple[int, int],
) -> tuple[tuple[str, LinePredicate], ...]:
    """The rules of ``local`` (in order) whose limits a line of size ``key`` is within (see
    :func:`_rules_by_size`)."""
    w, c = key

    def within(limit: int | None, cuts: list[int], at: int) -> bool:
        return limit is None or (at < len(cuts) and limit >= cuts[at])

    return tuple(
        (name, p)
        for name, p in local
        if within(getattr(p, "max_words", None), word_cuts, w)
        and within(getattr(p, "max_chars", None), char_cuts, c)
    )


def split_lines(text: str) -> list[str]:
    """The cleaner's lines: non-empty stripped lines of ``text`` (paragraphs of loader output)."""
    return [s for s in (part.strip() for part in text.split("\n")) if s]


def clean_text(
    text: str,
    *,
    emphasised_lines: Collection[int] = (),
    title: str = "",
    rules: FurnitureRules | None = None,
) -> tuple[str, list[Furniture]]:
    """Remove page furniture from ``text``.

    Args:
        text: the loader's normalised text (paragraphs separated by blank lines); any text works.
        emphasised_lines: 1-based numbers of lines that were wholly bold/italic in the source
            (only these can be pull quotes).
        title: the article's title if known (helps find navigation crumbs like
            "Home World <title>" and a title repeated at the top).
        rules: compiled rules; default :func:`load_rules`.

    Returns:
        ``(cleaned, furniture)``: the kept lines joined by ``"\\n\\n"``, and one
        :class:`Furniture` per removed line (sorted by line number). ``line_no`` counts the
        non-empty lines of ``text`` from 1.
    """
    rules = rules or load_rules()
    lines = split_lines(text)
    removed: dict[int, str] = {}
    word_cuts, char_cuts, by_size = _rules_by_size(rules.local)
    for i, line in enumerate(lines):
        n_chars = len(line)
        if n_chars > rules.max_line_chars:
            continue
        # (a stripped printable line has no whitespace but " ", see load._collapse: without a
        # double space its words are its spaces plus one; splitting long lines is slow)
        if line.isprintable() and "  " not in line:
            n_words = line.count(" ") + 1
        else:
            n_words = len(line.split())
        key = (bisect_left(word_cuts, n_words), bisect_left(char_cuts, n_chars))
        local = by_size.get(key)
        if local is None:
            local = by_size[key] = _rules_for_size(rules.local, word_cuts, char_cuts, key)
        if not local:
            continue
        ln = _Line(line, line.lower(), n_words)
        for name, predicate in local:
            if predicate(ln):
                removed[i] = name
                break
    emphasised = frozenset(emphasised_lines)
    for _ in range(len(lines) + 1):  # context rules to a fixpoint (in practice 1-2 rounds)
        kept = [i for i in range(len(lines)) if i not in removed]
        new = _nav_crumbs(lines, kept, title, rules)
        new.update(_repeated_titles(lines, kept, title, rules))
        new.update(_pull_quotes(lines, kept, emphasised, rules))
        new.update(_mastheads(lines, kept, removed, rules))
        new.update(_menu_blocks(lines, removed, rules))
        new.update(_credit_captions(lines, removed, rules))
        new.update(_tails(lines, kept, removed, rules))
        new.update(_boilerplate_tail(kept, removed))
        if not new:
            break
        removed.update(new)
    cleaned = "\n\n".join(line for i, line in enumerate(lines) if i not in removed)
    furniture = [Furniture(rule=removed[i], text=lines[i], line_no=i + 1) for i in sorted(removed)]
    return cleaned, furniture
