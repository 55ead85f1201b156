"""Read a folder of articles (.txt, .md, .html) into tidy tables, accounting for every file.

``read_corpus(folder)`` returns a :class:`Corpus` with three DataFrames:

- ``articles``: one row per loaded article (columns in :data:`ARTICLE_COLUMNS`, then any
  ``*_evidence`` and extra manifest columns, then ``raw_text`` and ``text``);
- ``rejects``: one row per file (or manifest row) that could not be used: ``file``, ``reason``
  (a short stable phrase, see :data:`REJECT_REASONS`) and ``detail``;
- ``furniture``: what the cleaner removed: ``doc_id``, ``file``, ``rule``, ``line_no``, ``text``.

Every top-level file of the folder ends in exactly one of ``articles`` and ``rejects``, except
hidden files (names starting with "."), the manifest itself and the corpus's stance cue file.
Sub-folders are not read.

A stance cue file (``stance_cues.yaml`` in the folder, or ``stance_cues=path``) sets the topic
that ``stance.csv`` reads stance toward, for a story other than the default one (copy
``storylens/data/stance_cues.yaml`` and edit it). Its text is kept in
:attr:`Corpus.stance_cues`; a file that cannot be used raises :class:`CorpusError`.

Per file: size check from ``stat()`` -> bytes -> decoding (BOM, UTF-8, a charset declared in
HTML, cp1252, latin-1; the ``encoding`` column says which) -> binary check -> normalisation
(LF line ends, NFC, no-break spaces to spaces, zero-width characters and control characters
removed) -> HTML to text or markdown stripping (``.txt`` files get the markdown treatment too,
since scraped text often carries ``#``/``**`` marks, and HTML entities are decoded) -> paragraphs
(hard-wrapped blocks re-joined, lines broken mid-sentence re-joined, headings never joined) ->
``raw_text`` (paragraphs separated by ``"\\n\\n"``) -> :func:`storylens.clean.clean_text` ->
``text``. Line numbers in the furniture table are 1-based paragraph numbers of ``raw_text``;
HTML ``<figcaption>`` elements are removed by the loader and listed with ``line_no`` 0.

Metadata inferred from a file (``meta_source`` says ``file``): title from HTML
``og:title``/``<h1>``/``<title>``, a markdown ``# `` heading (a newsletter's short name as its
first heading with the post's title right after gives the title and the outlet), the line
before the first byline or dateline near the top (stepping over a byline without "By": "Sam
Whitford in Lisbon"), or a short first line without final punctuation (not a section crumb);
byline from HTML ``author`` meta or a "By X" line; outlet from ``og:site_name`` or the holder
of a copyright line ("© 2024 Example Times", also in an HTML page's footer; its company form
and an address after it dropped), a news outlet of the gazetteer named alone on one of the
first three lines (a masthead), or a short first line that the page's furniture names again
("Dhaka Tribune" ... "Follow Dhaka Tribune on Facebook"); published from HTML metadata, a
"Published ..." / date-only line with a full date, a body dateline with one ("LISBON, Nov 27,
2026 (AFP) - ...") or a meta line of middle dots ("Issue #87 · 27 November 2026 · by ...")
(never guessed from weekdays); wire from an agency credited in a body dateline ("PARIS, Sept 4
(Reuters) - ...", "MOSCOW, August 28. /TASS/.").

A manifest (``manifest.csv`` in the folder, or ``manifest=path``) can give ``doc_id``,
``outlet``, ``published``, ``title``, ``byline``, ``wire`` and ``*_evidence`` columns per
``file``; its values override what is inferred from the file. An empty cell means "not given"
(the inferred value is used); the word ``unknown`` means "known to be unknown" (the value is
left empty and ``meta_source`` says ``manifest``). Manifest problems never raise, except a
missing ``file`` column: unknown files, duplicate rows, bad dates and malformed rows are listed
in ``rejects`` with ``file`` = the manifest's name and reason ``"manifest row N: ..."`` where N
is the spreadsheet row (header = row 1). A row with a bad date still loads its article, with
``published`` left empty.
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import html
import io
import json
import os
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from storylens.clean import (
    clean_text,
    dateline_credit,
    dateline_date_by_weekday,
    dateline_wire,
    is_dateline,
    is_labelled_credit,
    is_release_label,
    is_section_name,
    meta_line_credits,
    parse_byline,
    parse_copyright_holder,
    parse_date,
    text_date,
    without_company_form,
)
from storylens.model import Furniture
from storylens.paths import first_names

__all__ = [
    "ARTICLE_COLUMNS",
    "FURNITURE_COLUMNS",
    "REJECT_COLUMNS",
    "REJECT_REASONS",
    "SUPPORTED_SUFFIXES",
    "Corpus",
    "CorpusError",
    "FileResult",
    "NotTextError",
    "decode_bytes",
    "load_corpus",
    "normalise_text",
    "read_article",
    "read_corpus",
    "to_paragraphs",
]

SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
ARTICLE_COLUMNS = (
    "doc_id",
    "file",
    "outlet",
    "published",
    "title",
    "byline",
    "wire",
    "encoding",
    "format",
    "meta_source",
)
TEXT_COLUMNS = ("raw_text", "text")
REJECT_COLUMNS = ("file", "reason", "detail")
FURNITURE_COLUMNS = ("doc_id", "file", "rule", "line_no", "text")
META_FIELDS = ("outlet", "published", "title", "byline", "wire")
#: Reasons start with one of these (``duplicate of <file>``, ``too large (...)``,
#: ``manifest row N: ...``); filter with ``rejects.reason.str.startswith(...)``.
REJECT_REASONS = (
    "empty",
    "not text",
    "too large",
    "unsupported type",
    "duplicate of",
    "unreadable",
    "manifest",
)
MANIFEST_NAME = "manifest.csv"
STANCE_CUES_NAME = "stance_cues.yaml"
_RESERVED = frozenset(ARTICLE_COLUMNS + TEXT_COLUMNS + ("file",))


#: Default limits: a news article is far below both (a long feature is ~100 KB, 15,000 words).
MAX_BYTES = 2_000_000
MAX_LINE_CHARS = 100_000


class CorpusError(ValueError):
    """The corpus folder cannot be used at all (missing, not a folder, nothing readable)."""


class NotTextError(ValueError):
    """Raised by :func:`decode_bytes` when the bytes are not text."""


@dataclass(frozen=True, eq=False)
class Corpus:
    """Everything :func:`read_corpus` found: articles, rejects and removed page furniture."""

    articles: pd.DataFrame
    rejects: pd.DataFrame
    furniture: pd.DataFrame
    folder: str = ""
    manifest: str = ""  # path of the manifest used, "" if none
    #: YAML text of the corpus's stance cue file ("" : the default topic), and its path
    stance_cues: str = field(default="", repr=False)
    stance_cues_path: str = ""

    def summary(self) -> str:
        """One line: "loaded N, rejected M (empty: 1, not text: 1, ...)"."""
        n, m = len(self.articles), len(self.rejects)
        line = f"loaded {n}, rejected {m}"
        if m:
            counts = Counter(_reason_kind(r) for r in self.rejects["reason"])
            line += " (" + ", ".join(f"{k}: {counts[k]}" for k in sorted(counts)) + ")"
        return line


def _reason_kind(reason: str) -> str:
    if reason.startswith("duplicate of"):
        return "duplicate"
    if reason.startswith("manifest"):
        return "manifest"
    return reason.split(" (")[0]


# ---------------------------------------------------------------------------------------------
# Decoding and normalisation

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_MAX_CTRL_SHARE = 0.02


def _sniff_utf16(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16 of mostly-ASCII text, else ''."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return ""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.01 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.01 * half:
        return "utf-16-be"
    return ""


def decode_bytes(data: bytes, *, declared: str = "") -> tuple[str, str]:
    """Decode file bytes; return ``(text, encoding)``.

    Order: byte-order mark (UTF-8, UTF-16, UTF-32), BOM-less UTF-16, strict UTF-8, the
    ``declared`` charset (from an HTML ``<meta charset>``), cp1252, latin-1 (never fails).
    Raises :class:`NotTextError` for NUL-laden or control-character-laden (binary) data.
    """
    text = enc = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, enc = data.decode(name), name
            except UnicodeDecodeError:
                text, enc = data.decode(name, errors="replace"), f"{name} (with errors)"
            break
    else:
        if b"\x00" in data:
            guess = _sniff_utf16(data)
            if not guess:
                raise NotTextError("NUL bytes (binary file?)")
            try:
                text, enc = data.decode(guess), guess
            except UnicodeDecodeError as exc:
                raise NotTextError("NUL bytes (binary file?)") from exc
        else:
            for name in ("utf-8", declared, "cp1252", "latin-1"):
                if not name:
                    continue
                try:
                    text, enc = data.decode(name), name
                    break
                except (UnicodeDecodeError, LookupError):
                    continue
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise NotTextError("NUL characters (binary file?)")
    n_ctrl = len(_CTRL_RE.findall(text))
    if n_ctrl > max(_MAX_CTRL_SHARE * len(text), 3):
        raise NotTextError(f"{n_ctrl} control characters in {len(text)} (binary file?)")
    return text, enc


# Private-use characters U+E000..U+E003 are the loader's paragraph markers; never in output.
_H1, _HN, _EM, _SEP = "\ue000", "\ue001", "\ue002", "\ue003"
_TRANSLATE = {
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006"), " "),
    **dict.fromkeys(map(ord, "\u2008\u2009\u200a\u205f\u3000"), " "),
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None),
    **dict.fromkeys(map(ord, _H1 + _HN + _EM + _SEP), None),
    **dict.fromkeys(map(ord, "\u0085\u2028\u2029\x0b\x0c"), "\n"),
}
# any character that the replace/translate/_CTRL_RE steps of normalise_text would change
_ODD_CHAR_RE = re.compile(
    "[\r" + "".join(re.escape(chr(c)) for c in _TRANSLATE) + _CTRL_RE.pattern[1:]
)


def normalise_text(text: str) -> str:
    """LF line ends, NFC, no-break/odd spaces -> " ", zero-width and control chars removed."""
    if _ODD_CHAR_RE.search(text):  # speed: most texts have none; translate() is slow
        text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
        text = _CTRL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------------
# Paragraphs


@dataclass(frozen=True, slots=True)
class _Para:
    text: str
    heading: int = 0  # 0 = not a heading, else level 1..6
    emphasised: bool = False


def _collapse(text: str) -> str:
    """Whitespace runs -> one space, stripped."""
    # speed: a printable text has no whitespace but " " (every other whitespace character is
    # unprintable: checked on every code point), so without a double or an outer space it is
    # collapsed already
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


# --- HTML

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "head",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "form",
    "button",
    "select",
    "textarea",
    "audio",
    "video",
    "map",
)
_BLOCK_TAGS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "address",
    "center",
    "hr",
    "fieldset",
    "details",
    "summary",
    "hgroup",
)
_EMPH_TAGS = frozenset({"strong", "b", "em", "i"})
_TITLE_META = ("og:title", "twitter:title", "dc.title")
_SITE_META = ("og:site_name", "application-name", "publisher")
_DATE_META = (
    "article:published_time",
    "datepublished",
    "date_published",
    "pubdate",
    "publishdate",
    "publish-date",
    "published_time",
    "dc.date.issued",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
)


#: schema.org types of a news page's own JSON-LD record (its headline, date, author, publisher).
_LD_ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "LiveBlogPosting",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
    }
)


def _ld_names(value) -> list[str]:
    """The names in a JSON-LD author or publisher value (a name, an object, or a list)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _collapse(name):
            names.append(_collapse(name))
    return names


def _json_ld_article(soup) -> dict[str, str]:
    """The page's schema.org article record from its ``application/ld+json`` scripts (the way
    most news sites publish their headline, date, authors and name): ``headline``,
    ``published``, ``byline``, ``outlet``; {} when there is none or it does not parse."""
    for tag in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            data = json.loads(tag.string or tag.get_text() or "")
        except ValueError:
            continue  # (a page's broken JSON-LD is not an error of the article)
        todo = data if isinstance(data, list) else [data]
        while todo:
            item = todo.pop(0)
            if not isinstance(item, dict):
                continue
            todo.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
            types = item.get("@type", "")
            types = set(types) if isinstance(types, list) else {types}
            if not types & _LD_ARTICLE_TYPES:
                continue
            headline = item.get("headline") or item.get("name") or ""
            return {
                "headline": _collapse(headline) if isinstance(headline, str) else "",
                "published": parse_date(str(item.get("datePublished") or "")),
                "byline": " and ".join(_ld_names(item.get("author", []))),
                "outlet": next(iter(_ld_names(item.get("publisher", []))), ""),
            }
    return {}


def _html_meta(soup) -> dict[str, str]:
    metas: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = _collapse(str(tag.get("content") or ""))
        if key and content and key not in metas:
            metas[key] = content

    def first(keys: Iterable[str]) -> str:
        return next((metas[k] for k in keys if metas.get(k)), "")

    ld = _json_ld_article(soup)
    h1 = soup.find("h1")
    title_tag = soup.find("title")
    # the publisher's structured headline is the page's own; og:title is often a shorter
    # social-media line
    title = (
        ld.get("headline")
        or first(_TITLE_META)
        or (_collapse(h1.get_text(" ")) if h1 else "")
        or (_collapse(title_tag.get_text(" ")) if title_tag else "")
    )
    published = parse_date(first(_DATE_META)) or ld.get("published", "")
    if not published:
        for t in soup.find_all("time"):
            published = parse_date(str(t.get("datetime") or ""))
            if published:
                break
    author = next((metas[k] for k in _AUTHOR_META if metas.get(k) and "://" not in metas[k]), "")
    if author.lower().startswith("by"):
        author = parse_byline(author) or author
    return {
        "title": title,
        "outlet": first(_SITE_META) or ld.get("outlet", ""),
        "published": published,
        "byline": author or ld.get("byline", ""),
    }


_MARKUP_DECL = re.compile(r"<!(?!--|\[CDATA\[|doctype)", re.I)


def _soup(text: str):
    """Parse HTML with the standard library parser, surviving markup it rejects.

    ``html.parser`` raises on malformed declarations such as ``<![;``; scraped pages do carry
    them. Such a declaration is then read as text (its ``<`` escaped) and the page parsed again.
    """
    from bs4 import BeautifulSoup
    from bs4.exceptions import ParserRejectedMarkup

    try:
        return BeautifulSoup(text, "html.parser")
    except ParserRejectedMarkup:
        return BeautifulSoup(_MARKUP_DECL.sub("&lt;!", text), "html.parser")


def _html_paragraphs(text: str) -> tuple[list[_Para], dict[str, str], list[str]]:
    """HTML -> paragraphs (headings and wholly-emphasised paragraphs flagged), metadata, captions.

    One iterative walk over the parsed tree (no tree mutation, no recursion), so deeply nested
    or huge pages stay linear.
    """
    from bs4 import CData, NavigableString, Tag

    soup = _soup(text)
    meta = _html_meta(soup)
    drop, block = frozenset(_DROP_TAGS), frozenset(_BLOCK_TAGS)
    out: list[str] = []
    captions: list[str] = []
    stack: list[tuple[object, bool]] = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append(_SEP)
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString or type(node) is CData:  # not comments, doctype...
                out.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name in drop:
            if node.name == "footer" and not meta.get("outlet"):
                # the page's footer is not text, but its copyright line names the outlet
                meta["outlet"] = _footer_holder(node.get_text("\n"))
            continue
        name = node.name
        if name == "figcaption":
            if cap := _collapse(node.get_text(" ")):
                captions.append(cap)
            continue
        if name == "br":
            out.append(_SEP)
            continue
        if name in block:
            out.append(_SEP)
            stack.append((node, True))
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append(_H1 if name == "h1" else _HN)
        elif name in ("p", "blockquote") and _wholly_emphasised(node):
            out.append(_EM)
        stack.extend((child, False) for child in reversed(node.contents))
    paras = []
    for piece in "".join(out).split(_SEP):
        para = _para_from_marked(piece)
        if para is not None:
            paras.append(para)
    return paras, meta, captions


def _footer_holder(text: str) -> str:
    """The holder of the first copyright line of a page footer's text, or ""."""
    for line in text.splitlines():
        if "©" in line or "copyright" in line.lower():
            holder = parse_copyright_holder(_collapse(line))
            if holder:
                return holder
    return ""


def _wholly_emphasised(tag) -> bool:
    kids = [k for k in tag.children if not (isinstance(k, str) and not k.strip())]
    return (
        len(kids) == 1
        and getattr(kids[0], "name", None) in _EMPH_TAGS
        and bool(kids[0].get_text().strip())
    )


def _para_from_marked(piece: str) -> _Para | None:
    heading = 1 if _H1 in piece else 6 if _HN in piece else 0
    emphasised = _EM in piece
    if heading or emphasised:  # speed: only a marked piece needs its markers removed
        piece = piece.replace(_H1, "").replace(_HN, "").replace(_EM, "")
    text = _collapse(piece)
    if not text:
        return None
    return _Para(text, heading=heading, emphasised=emphasised and not heading)


# --- markdown (also applied to .txt)

_ATX_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_H1_RE = re.compile(r"^\s{0,3}=+\s*$")
_HR_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BULLET_RE = re.compile(r"^\s{0,6}(?:[-*+•]|\d{1,3}[.)])\s+(?=\S)")
_BULLET_TXT_RE = re.compile(r"^\s{0,6}[-*+•]\s+(?=[^\s*])")
_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]\n]{1,200}\]:\s*\S")
_WHOLE_EMPH_RE = re.compile(r"^(\*\*\*|\*\*|\*|___|__|_)(?=\S)(.+)(?<=\S)\1$")
_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,500}\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_LINK_RE = re.compile(r"\[([^\]\n]{1,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
_STAR_RE = re.compile(
    r"(?<![\w*\\])(\*\*\*|\*\*|\*)(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*\\])\1(?![\w*])"
)
_UNDER_RE = re.compile(r"(?<![\w\\])(___|__|_)(?=[^\s_])([^_\n]{1,500}?)(?<=[^\s_\\])\1(?!\w)")
_STRIKE_RE = re.compile(r"~~(?=\S)([^~\n]{1,500}?)(?<=\S)~~")
_CODE_RE = re.compile(r"`{1,3}([^`\n]{1,500})`{1,3}")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_INLINE_TAG_RE = re.compile(
    r"</?(?:br|span|div|p|em|strong|b|i|u|sup|sub|a|small|mark)\b[^>\n]{0,300}>", re.I
)


def _strip_inline(text: str, *, markdown: bool) -> str:
    # speed: each pattern needs a character the line seldom has; a sub only removes characters,
    # so a character absent before it is absent after it
    if "[" in text:
        text = _IMAGE_RE.sub("", text)
        text = _LINK_RE.sub(r"\1", text)
    if markdown:
        if "<" in text:
            text = _INLINE_TAG_RE.sub("", text)
        if "`" in text:
            text = _CODE_RE.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: ***x***, **a *b* c**
        if "*" in text:
            text = _STAR_RE.sub(r"\2", text)
        if "_" in text:
            text = _UNDER_RE.sub(r"\2", text)
    if "~" in text:
        text = _STRIKE_RE.sub(r"\1", text)
    if markdown and "\\" in text:
        text = _ESCAPE_RE.sub(r"\1", text)
    return text


def _markup_lines(text: str, *, markdown: bool) -> list[str]:
    """Lines with markdown removed; headings/emphasis marked; "" separates blocks."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            out.append("")
            continue
        if _HR_RE.match(line):
            out.append("")
            continue
        if _SETEXT_H1_RE.match(line) and out and out[-1] and out[-1][0] not in (_H1, _HN):
            out[-1] = _H1 + out[-1]
            out.append("")
            continue
        if m := _ATX_RE.match(line):
            mark = _H1 if len(m[1]) == 1 else _HN
            out += ["", mark + _strip_inline(m[2], markdown=markdown), ""]
            continue
        if markdown:
            if _REFDEF_RE.match(line):
                continue
            line = _QUOTE_RE.sub("", line)
            line = _BULLET_RE.sub("", line)
        else:
            line = _BULLET_TXT_RE.sub("", line)
        line = line.strip()
        m = _WHOLE_EMPH_RE.match(line)
        if m and m[1][0] not in m[2]:
            out.append(_EM + _strip_inline(m[2], markdown=markdown))
        else:
            out.append(_strip_inline(line, markdown=markdown))
    return out


# --- paragraph building

_FINAL = frozenset('.!?:;…"”’»)]')


def _ends_sentence(text: str) -> bool:
    # a quote closed after a comma goes on with its attribution ('"... the families,"' + 'he
    # said.' on the next line of a wrapped page)
    return text[-1:] in _FINAL and not (text[-1:] in "\"”’'" and text[-2:-1] == ",")


#: A document holding at least this share of its characters in lines longer than
#: :data:`_LONG_LINE` writes a paragraph per line: it is not hard-wrapped, and a block of short
#: lines there is lines of their own (a letterhead: "MINISTRY OF FINANCE" / "Republic of X" /
#: "Harbour Road 4, Port Elbon") unless every line but the last is as long as a wrapper's
#: (:data:`_MIN_WRAP_WIDTH`).
_UNWRAPPED_SHARE = 0.5
_LONG_LINE = 100
_MIN_WRAP_WIDTH = 60


def _unwrapped_document(lines: list[str]) -> bool:
    """Does the text write each paragraph on one line (most of it in lines over 100 chars)?"""
    total = sum(len(ln) for ln in lines)
    long_chars = sum(len(ln) for ln in lines if len(ln) > _LONG_LINE)
    return total > 0 and long_chars >= _UNWRAPPED_SHARE * total


def _is_hard_wrapped(lines: list[str], *, unwrapped_doc: bool = False) -> bool:
    """True if a block's lines look like a hard-wrapped paragraph (e.g. 72-column text).
    ``unwrapped_doc``: the block is in a document that is not hard-wrapped
    (:func:`_unwrapped_document`): its short lines are only joined when each but the last is at
    least :data:`_MIN_WRAP_WIDTH` characters."""
    if len(lines) < 2 or any(ln[:1] in (_H1, _HN, _EM) for ln in lines):
        return False
    body = lines[:-1]
    if max(len(ln) for ln in lines) > _LONG_LINE or sum(len(ln) for ln in body) < 30 * len(body):
        return False
    if unwrapped_doc and min(len(ln) for ln in body) < _MIN_WRAP_WIDTH:
        return False
    open_ends = sum(1 for ln in body if not _ends_sentence(ln))
    # a wrapper moves a word to the next line only when it does not fit on this one: short
    # lines followed by short words are separate lines (a page's header: menu, site, title)
    width = max(len(ln) for ln in lines)
    full = sum(1 for a, b in zip(body, lines[1:], strict=True) if not _word_fits(a, b, width))
    if not (open_ends >= 0.5 * len(body) and full >= 0.5 * len(body)):
        return False
    # a header's credits stay lines of their own ("Tawsif Rahman, Cox's Bazar" / "Published at
    # 08:15 pm November 17th, 2026" / "Last updated at ...")
    # (nor is a press release's label: "JOINT PRESS RELEASE – FOR IMMEDIATE RELEASE")
    return not any(
        is_dateline(ln) or parse_byline(ln) or is_release_label(ln) for ln in lines if len(ln) < 80
    )


def _label_line(lines: list[str]) -> bool:
    """Is the first line of a hard-wrapped block shorter than half the width, with room for the
    next line's first word, and no sentence end? A wrapper fills every line but the last."""
    width = max(len(ln) for ln in lines)
    a = lines[0]
    return len(a) < 0.5 * width and _word_fits(a, lines[1], width) and not _ends_sentence(a)


def _word_fits(line: str, nxt: str, width: int) -> bool:
    """Would the first word of ``nxt`` have fitted at the end of ``line`` (``width`` wide)?"""
    return len(line) + 1 + len(nxt.split()[0]) <= width


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        if out.endswith("-") and out[-2:-1].isalpha() and ln[:1].islower():
            out += ln
        else:
            out += " " + ln
    return out


def _blocks_to_paragraphs(lines: list[str]) -> list[_Para]:
    paras: list[_Para] = []
    block: list[str] = []
    unwrapped = _unwrapped_document(lines)

    def flush() -> None:
        if not block:
            return
        stripped = [ln.strip() for ln in block]
        # a credit line under a caption is no part of it ("Image: Eurokinissi/picture
        # alliance" under DW's wrapped caption)
        tail = [stripped.pop()] if len(stripped) > 1 and is_labelled_credit(stripped[-1]) else []
        if not _is_hard_wrapped(stripped, unwrapped_doc=unwrapped):
            pieces = stripped
        elif len(stripped) > 2 and _label_line(stripped):
            # a short first line a wrapper would have filled: a line of its own (a photo
            # credit, "Getty Images", above its wrapped caption)
            rest = stripped[1:]
            wrapped = _is_hard_wrapped(rest, unwrapped_doc=unwrapped)
            pieces = [stripped[0], *([_join_wrapped(rest)] if wrapped else rest)]
        else:
            pieces = [_join_wrapped(stripped)]
        pieces += tail
        for piece in pieces:
            para = _para_from_marked(piece)
            if para is not None:
                paras.append(para)
        block.clear()

    for line in lines:
        if line.strip():
            block.append(line)
        else:
            flush()
    flush()
    return paras


@dataclass(frozen=True)
class _JoinLex:
    function_words: frozenset[str]
    min_words: int


@functools.cache  # the YAML is read once (_raw_config is cached too)
def _join_lex() -> _JoinLex:
    from storylens.clean import _raw_config  # the YAML is shared with the cleaner

    cfg = _raw_config()["join"]
    return _JoinLex(
        frozenset(str(w).lower() for w in cfg["function_words"]),
        int(cfg["min_words_for_function_word_join"]),
    )


def _should_join(a: _Para, b: _Para, lex: _JoinLex) -> bool:
    if a.heading or b.heading or a.emphasised or b.emphasised or _ends_sentence(a.text):
        return False
    if is_dateline(a.text):
        return False  # a date line, then a byline ("by Sudan Tribune"): two lines
    if b.text[:1].islower():
        return not parse_byline(b.text)  # not a headline and its "by Catarina Moura" line
    if not _ends_sentence(b.text):
        return False  # a headline ending "to fight on", then its standfirst: two lines
    words = a.text.split()
    # (as written: a capital "A" ends a line such as "Font Size: A A A", not a sentence)
    return len(words) >= lex.min_words and words[-1] in lex.function_words


def _rejoin(paras: list[_Para]) -> list[_Para]:
    """Join paragraphs broken mid-sentence ("agree to a" + "cessation of ...")."""
    lex = _join_lex()
    out: list[_Para] = []
    for para in paras:
        if out and _should_join(out[-1], para, lex):
            out[-1] = _Para(out[-1].text + " " + para.text)
        else:
            out.append(para)
    return out


def to_paragraphs(text: str, *, fmt: str) -> tuple[list[str], dict]:
    """Turn normalised text of format ``fmt`` (txt/md/html) into paragraphs.

    Returns ``(paragraphs, info)`` where ``info`` has ``title`` (HTML title or first level-1
    heading), ``outlet``/``published``/``byline`` (HTML metadata), ``emphasised`` (1-based
    numbers of wholly emphasised paragraphs) and ``captions`` (HTML figcaptions removed).
    """
    info: dict = {"title": "", "outlet": "", "published": "", "byline": "", "captions": []}
    if fmt == "html":
        paras, meta, captions = _html_paragraphs(text)
        info.update(meta)
        info["captions"] = captions
    else:
        paras = _blocks_to_paragraphs(_markup_lines(html.unescape(text), markdown=fmt == "md"))
    paras = _rejoin(paras)
    sub = next((p for p in paras[1:4] if p.heading), None)
    if (
        fmt != "html"
        and sub is not None
        and paras[0].heading == 1
        and sub.heading > 1
        and len(paras[0].text.split()) <= 5
        and len(sub.text.split()) > len(paras[0].text.split())
    ):
        # a newsletter's name, then the post's title ("# The Iberian Ledger" + "## Portugal's
        # budget passed ...", maybe with the issue's date line between): the name is the
        # outlet, the longer heading the title
        info["outlet"] = info["outlet"] or paras[0].text
        info["title"] = info["title"] or sub.text
    if not info["title"]:
        info["title"] = next((p.text for p in paras if p.heading == 1), "")
    info["emphasised"] = [i + 1 for i, p in enumerate(paras) if p.emphasised]
    return [p.text for p in paras], info


# ---------------------------------------------------------------------------------------------
# One file


def _human(n: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{int(n)} bytes"


def _masthead_outlet(text: str, lines: int = 3) -> str:
    """A news outlet named alone on one of the first ``lines`` lines of a page (a masthead:
    "British Broadcasting Corporation", "POLITICO"), as the gazetteer's canonical name, or ""."""
    names = _gazetteer_names("role", "media")
    for line in text.split("\n\n", lines)[:lines]:
        hit = names.get(line.strip(" \t.|:"))
        if hit:
            return hit
    # a press release: its first line names only the organisation that issues it, maybe in
    # two languages ("Médecins Sans Frontières / Doctors Without Borders UK")
    first = text.split("\n\n", 1)[0].strip()
    if len(first) > 120:
        return ""
    orgs = _gazetteer_names("type", "organization")
    found = []
    for part in re.split(r"\s+[/|]\s+", first):
        words = part.split()
        if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:
            part = " ".join(words[:-1])  # a country edition: "... UK"
        if part not in orgs:
            return ""
        found.append(orgs[part])
    return found[0] if found and len(set(found)) == 1 else ""


@functools.cache
def _gazetteer_names(field: str, value: str) -> dict[str, str]:
    """Every name and alias of the gazetteer's entries whose ``field`` is ``value`` -> canonical
    name: ``("role", "media")`` the news media, ``("type", "organization")`` organisations."""
    from storylens.actors import Gazetteer

    out: dict[str, str] = {}
    for entry in Gazetteer.load().entries.values():
        if getattr(entry, field) == value:
            for name in (entry.name, *entry.aliases):
                out.setdefault(name, entry.name)
    return out


def _corroborated_masthead(paragraphs: list[str], furniture: list[Furniture]) -> str:
    """The page's first line as its outlet when it is a short capitalised name ("Dhaka
    Tribune") that the page's furniture names again ("Follow Dhaka Tribune on Facebook",
    "Photo: Rajib Dhar/Dhaka Tribune"), or ""."""
    if not paragraphs or not furniture:
        return ""
    first = paragraphs[0].strip()
    words = first.split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() or w in ("of", "the") for w in words):
        return ""
    if first[-1:] in ".:;,!?" or len(first) < 4:
        return ""
    pattern = re.compile(rf"(?<![\w-]){re.escape(first)}(?![\w-])")
    return first if any(f.line_no > 1 and pattern.search(f.text) for f in furniture) else ""


_DIGITS = re.compile(r"\d")
_RELEASE_LABEL_AFTER = re.compile(r"\s+[-–—|:]\s*(?:press|media|news)\s+release\s*$", re.I)
_SMALL_WORDS = frozenset("a an and at by for in of on the to".split())


_CRUMB_PARTS = re.compile(r"\s*[›»>|·•]\s*")


def _crumb_outlet(furniture: list[Furniture]) -> str:
    """The site named first in a breadcrumb among a page's first three lines ("The Savanna
    Dispatch › Opinion › Elections", "Kyiv Independent · Ukraine · War"): a name of two to five
    capitalised words ("Home", "News" and other single sections are not), or ""."""
    for f in furniture:
        if f.line_no > 3:
            break
        if f.rule != "nav_crumb":
            continue
        parts = _CRUMB_PARTS.split(f.text.strip())
        first = parts[0].strip()
        words = first.split()
        if (
            len(parts) >= 3
            and 2 <= len(words) <= 5
            and not _DIGITS.search(first)
            and all(w[:1].isupper() or w in _SMALL_WORDS or w == "&" for w in words)
            and words[0].lower() != "by"
            and not is_section_name(first)  # ("Home", "World News", "Middle East")
            and words[0] not in first_names()  # (a byline: "Ana Lima · 4 min read · ...")
        ):
            return first
    return ""


def _release_issuer(text: str, furniture: list[Furniture]) -> str:
    """The organisation that issues a press release (one with a release label: "PRESS
    RELEASE", "For immediate release"), from the first line of ``text`` that is no label, when
    that is only a name of one to ten words ("INDEPENDENT ELECTORAL AND BOUNDARIES
    COMMISSION", in title case then; "European Commission - Press release"), or ""."""
    labels = {f.text for f in furniture if f.rule == "release_label"}
    if not labels:
        return ""
    first = ""
    for line in text.split("\n", 6)[:6]:
        line = line.strip().strip("*_# ")
        named = _RELEASE_LABEL_AFTER.sub("", line)  # ("European Commission - Press release")
        if line and _STATE_LINE.search(line) and len(line.split()) <= 8:
            continue  # the state above its ministry ("REPÚBLICA DEL PERÚ")
        if line and (line not in labels or named != line):
            first = named
            break
    # the first of joint issuers ("Regional Health Office | Children's Fund Elbonia"), without
    # the acronym after its name ("Instituto Nacional de Estatística – INE")
    first = _ACRONYM_AFTER.sub("", _JOINT_ISSUERS.split(first, 1)[0])
    words = first.split()
    if not 1 <= len(words) <= 10 or _DIGITS.search(first) or first[-1:] in ".:;,!?|":
        return ""
    if first.isupper():
        words = [
            w.lower() if i and w.lower() in _SMALL_WORDS else w.capitalize()
            for i, w in enumerate(words)
        ]
    if not all(w[:1].isupper() or _small_word(w) or w == "&" for w in words):
        return ""
    return without_company_form(" ".join(words))


#: A letterhead's state line: "Federal Republic of Elbonia", "REPÚBLICA DEL
#: PERÚ", "Kingdom of Lesotho" (the ministry or agency under it issues the release).
_STATE_LINE = re.compile(
    r"(?i)\b(republic|rep[úu]blica|r[ée]publique|repubblica|republik|republiek|kingdom|reino|"
    r"royaume|k[öo]nigreich|koninkrijk|sultanate|emirates?|principality|commonwealth)\b"
)
_JOINT_ISSUERS = re.compile(r"\s+[|]\s+")
_ACRONYM_AFTER = re.compile(r"\s+[-–—]\s*[A-Z][A-Z&.]{1,9}\s*$")


def _small_word(word: str) -> bool:
    """A name's small word, in English or another language ("of", "de", "e", "du", "y")."""
    return word in _SMALL_WORDS or (len(word) <= 3 and word.isalpha() and word.islower())


_REFERENCE_LINE = re.compile(r"(?i)\W*(ref(erence)?\b|our ref\b|no\b\.?\s*\d|n\.?\s?º)")


def _release_title(paragraphs: list[str], furniture: list[Furniture], *, within: int = 8) -> str:
    """A press release's headline: the first line after its label lines ("PRESS RELEASE",
    "For immediate release – 4 June 2024", among the first ``within`` lines) that has 3-25
    words and no sentence end, skipping a reference line ("Ref: MPW/2024/017") and a line
    that only dates it ("Lima, 4 June 2024"); the letterhead above the labels (the
    issuer, its address) is no title. "" when the page has no such label."""
    labels = [f.line_no for f in furniture if f.rule == "release_label" and f.line_no <= within]
    if not labels:
        return ""
    removed = {f.line_no for f in furniture}
    for no in range(max(labels) + 1, min(len(paragraphs), max(labels) + 4) + 1):
        if no in removed:
            continue
        line = paragraphs[no - 1].strip().strip("*_# ")
        n = len(line.split())
        if _REFERENCE_LINE.match(line) or (n <= 10 and (text_date(line) or is_dateline(line))):
            continue
        return line if 3 <= n <= 25 and line[-1:] not in ".…:;," else ""
    return ""


def _headline_before_credits(paragraphs: list[str], furniture: list[Furniture]) -> str:
    """The page's headline when its first byline or dateline comes right after it: the line
    before that credit, kept in the text, of 3-25 words and no full stop (a tagline or a
    menu above the headline does not win then: "Plural news and views on Sudan")."""
    removed = {f.line_no for f in furniture}
    first = min(
        (f.line_no for f in furniture if f.rule in ("byline", "dateline") and f.line_no > 1),
        default=0,
    )
    if not first or first - 1 in removed or first > min(len(paragraphs) / 2, 15):
        return ""  # a credit at the end of the page ("Written By ...") says nothing of the top
    line = paragraphs[first - 2].strip()
    standfirst = len(line.split()) >= 8 and _ends_sentence(line) and first - 2 not in removed
    if first >= 3 and (_NAME_PLACE.fullmatch(line) or standfirst):
        # a byline without "By" right before the date ("Sam Whitford in Lisbon", "Tawsif
        # Rahman, Cox's Bazar"), or the standfirst under the headline (a sentence or two):
        # the headline is the line before it
        line = paragraphs[first - 3].strip()
    n = len(line.split())
    return line if 3 <= n <= 25 and line.rstrip("”’\"'")[-1:] not in ".…:;,!" else ""


#: A byline without "By": a name of two to four capitalised words, then ", Place" or " in
#: Place" ("Sam Whitford in Lisbon", "Tawsif Rahman, Cox's Bazar").
_NAME_PLACE = re.compile(
    r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3}(?:,| in) [A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}"
)


def _first_short_line(text: str, outlet: str = "") -> str:
    """The title of a page without one: the first of its first three lines that has 3-25 words
    and no sentence end ("?" and "!" end headlines too), skipping shorter ones ("POLITICO")
    and the issuer's name and a dateline (a press release's "Norvane Pharma AG" and "Basel, 11
    March 2025 – 07:00 CET" above its headline)."""
    for line in text.split("\n\n", 3)[:3]:
        line = line.strip()
        n = len(line.split())
        if n < 3 or any(w in ("/", "|", "›", "»", ">") for w in line.split()):
            continue  # ("Bangladesh / Nation": a section crumb)
        if (outlet and without_company_form(line) == outlet) or (n <= 10 and text_date(line)):
            continue  # (and a dateline of its own: "Basel, 11 March 2025 – 07:00 CET")
        if n <= 4 and line.isupper():
            continue  # a masthead in capitals ("THE HARBOUR REVIEW")
        return line if n <= 25 and line[-1:] not in ".…:;," else ""
    return ""


def _guess_format(suffix_fmt: str, text: str) -> str:
    if suffix_fmt != "html":
        head = text.lstrip()[:200].lower()
        if head.startswith(("<!doctype html", "<html")):
            return "html"
    return suffix_fmt


@dataclass
class FileResult:
    """What :func:`read_article` made of one file: a ``record`` or a reject ``reason``."""

    record: dict | None = None
    furniture: list[Furniture] = field(default_factory=list)
    reason: str = ""
    detail: str = ""


def read_article(
    path: Path,
    *,
    max_bytes: int = MAX_BYTES,
    max_line_chars: int = MAX_LINE_CHARS,
    clean: bool = True,
    title_hint: str = "",
) -> FileResult:
    """Read one file into a record (``FileResult.record``) or a reject (``reason``, ``detail``).

    Files over ``max_bytes`` are rejected from their size alone, unread; a file holding a line
    longer than ``max_line_chars`` (no article has one: it is a dump or a scrape gone wrong) is
    rejected before any analysis, so neither can make a run take minutes.
    """
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        return FileResult(
            reason="unsupported type", detail=f"extension {path.suffix or '(none)'!r}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = _human(max_bytes)
            return FileResult(
                reason=f"too large ({_human(size)} > limit {limit})", detail=str(size)
            )
        if size == 0:
            return FileResult(reason="empty", detail="0 bytes")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return FileResult(
            reason="unreadable", detail=f"{type(exc).__name__}: {exc.strerror or exc}"
        )
    if len(data) > max_bytes:
        return FileResult(
            reason=f"too large (> limit {_human(max_bytes)})", detail="grew while read"
        )
    declared = ""
    if fmt == "html" and (m := _CHARSET_RE.search(data[:4096])):
        declared = m[1].decode("ascii", "ignore").lower()
    try:
        decoded, encoding = decode_bytes(data, declared=declared)
    except NotTextError as exc:
        return FileResult(reason="not text", detail=str(exc))
    text = normalise_text(decoded)
    if not text.strip():
        return FileResult(reason="empty", detail="whitespace only")
    longest = max(map(len, text.split("\n")))
    if longest > max_line_chars:
        return FileResult(
            reason=f"too large (a line of {longest:,} characters > limit {max_line_chars:,})",
            detail=str(longest),
        )
    fmt = _guess_format(fmt, text)
    paragraphs, info = to_paragraphs(text, fmt=fmt)
    raw_text = "\n\n".join(paragraphs)
    if not raw_text:
        return FileResult(reason="empty", detail=f"no text after removing {fmt} markup")
    cleaned, furniture = clean_text(
        raw_text, emphasised_lines=info["emphasised"], title=title_hint or info["title"]
    )
    furniture = [Furniture("figcaption", c, 0) for c in info["captions"]] + furniture
    if not cleaned:
        rules = ", ".join(sorted({f.rule for f in furniture}))
        return FileResult(reason="empty", detail=f"only page furniture ({rules})")
    meta_outlet, meta_byline = meta_line_credits(raw_text)
    byline = (
        info["byline"]
        or next((b for f in furniture if f.rule == "byline" and (b := parse_byline(f.text))), "")
        or meta_byline
    )
    # the publication date; a page that only says when it was updated gives that date
    # (and a press release's label line that dates it: "For immediate release – 4 June 2024")
    datelines = [
        (f.text, d)
        for f in furniture
        if f.rule in ("dateline", "release_label") and (d := parse_date(f.text))
    ]
    published = (
        info["published"]
        or next((d for t, d in datelines if not _UPDATED.match(t)), "")
        or next((d for _t, d in datelines), "")
        or text_date(raw_text)
        or dateline_date_by_weekday(cleaned, [f.text for f in furniture if f.rule == "copyright"])
    )
    issuer = _release_issuer(text, furniture) if fmt != "html" else ""
    outlet = (
        info["outlet"]
        or issuer  # (a release's issuer, not the holder of its copyright: "European Union")
        or next(
            (
                h
                for f in furniture
                if f.rule == "copyright" and (h := parse_copyright_holder(f.text))
            ),
            "",
        )
        or _masthead_outlet(raw_text)
        or _corroborated_masthead(paragraphs, furniture)
        or meta_outlet
        or _crumb_outlet(furniture)
    )
    wire = dateline_wire(cleaned)
    # a heading the cleaner took for furniture is no title (a plain-text page's menu line
    # underlined with "====" reads as a level-1 heading)
    removed = {f.text for f in furniture if f.rule != "figcaption"}
    record = {
        # a wire copy with no other outlet named anywhere ("WASHINGTON, Sept 17 (Reuters) -")
        # is the agency's own; so is one whose dateline credits an agency we do not know
        "outlet": outlet or wire or dateline_credit(cleaned),
        "published": published,
        "title": (info["title"] if info["title"] not in removed else "")
        or _release_title(paragraphs, furniture)
        or _headline_before_credits(paragraphs, furniture)
        or _first_short_line(cleaned, outlet),
        "byline": byline,
        "wire": wire,
        "encoding": encoding,
        "format": fmt,
        "raw_text": raw_text,
        "text": cleaned if clean else raw_text,
    }
    return FileResult(record=record, furniture=furniture if clean else [])


# ---------------------------------------------------------------------------------------------
# Manifest


@dataclass
class _Manifest:
    path: Path | None = None
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> values
    row_no: dict[str, int] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)  # *_evidence first, then others
    problems: list[tuple[str, str]] = field(default_factory=list)  # (reason, detail)
    bad_dates: set[str] = field(default_factory=set)  # files whose published cell is invalid


_UPDATED = re.compile(r"\W*(updated|last updated|modified|last modified)\b", re.I)


def _manifest_date(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"(19|20)\d\d-\d\d-\d\d([T ][\d:.+\-Z ]*)?", value):
        return parse_date(value)
    return parse_date(value) if re.search(r"[A-Za-z]{3}", value) else ""


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)[:40]


def _read_manifest(path: Path, *, max_bytes: int) -> _Manifest:
    try:
        if path.stat().st_size > max_bytes:
            raise CorpusError(f"manifest {path}: too large (limit {_human(max_bytes)})")
        text, _ = decode_bytes(path.read_bytes())
    except OSError as exc:
        raise CorpusError(f"manifest {path}: cannot read ({exc.strerror or exc})") from exc
    except NotTextError as exc:
        raise CorpusError(f"manifest {path}: not a text file ({exc})") from exc
    try:
        table = list(csv.reader(io.StringIO(normalise_text(text), newline="")))
    except csv.Error as exc:
        raise CorpusError(f"manifest {path}: not valid CSV ({exc})") from exc
    if not table:
        raise CorpusError(f"manifest {path}: empty, missing required column 'file'")
    header = [h.strip().lower() for h in table[0]]
    if "file" not in header:
        cols = ", ".join(repr(h) for h in header) or "none"
        raise CorpusError(f"manifest {path}: missing required column 'file' (columns: {cols})")
    man = _Manifest(path=path)
    seen_cols: set[str] = set()
    keep: list[tuple[int, str]] = []
    for idx, col in enumerate(header):
        if not col or col in seen_cols:
            why = "empty" if not col else "duplicate"
            man.problems.append(
                (f"manifest: {why} column name {col!r} ignored", f"column {idx + 1}")
            )
            continue
        seen_cols.add(col)
        if col in ("file", "doc_id", *META_FIELDS):
            keep.append((idx, col))
        elif col in _RESERVED:
            man.problems.append((f"manifest: column {col!r} is reserved, ignored", ""))
        else:
            keep.append((idx, col))
            man.extra_columns.append(col)
    man.extra_columns.sort(key=lambda c: (not c.endswith("_evidence"), header.index(c)))
    for row_no, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            man.problems.append(
                (f"manifest row {row_no}: {len(cells)} cells, header has {len(header)}", "")
            )
            continue
        values = {col: (cells[i].strip() if i < len(cells) else "") for i, col in keep}
        file = values["file"]
        if not file:
            man.problems.append((f"manifest row {row_no}: empty file", ""))
            continue
        if file in man.rows:
            first = man.row_no[file]
            man.problems.append(
                (f"manifest row {row_no}: duplicate row for file {file} (first at row {first})", "")
            )
            continue
        pub = values.get("published", "")
        if pub and pub.lower() != "unknown":
            iso = _manifest_date(pub)
            if not iso:
                man.problems.append(
                    (f"manifest row {row_no}: bad date {pub!r} in column published", file)
                )
                values["published"] = ""
                man.bad_dates.add(file)
            else:
                values["published"] = iso
        man.rows[file] = values
        man.row_no[file] = row_no
    return man


def _read_stance_cues(path: Path, *, max_bytes: int) -> str:
    """The text of a stance cue file, checked by compiling it (errors name the file)."""
    from .stance import StanceCuesError, cues_from_yaml

    try:
        if path.stat().st_size > max_bytes:
            raise CorpusError(f"stance cue file {path}: too large (limit {_human(max_bytes)})")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CorpusError(f"stance cue file {path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise CorpusError(f"stance cue file {path}: not UTF-8 text ({exc})") from exc
    try:
        cues_from_yaml(text, f"stance cue file {path}")
    except StanceCuesError as exc:
        raise CorpusError(str(exc)) from exc
    return text


def _find_setting(folder: Path, value: str | Path | None, name: str, what: str) -> Path | None:
    """A corpus setting file: ``"auto"`` -> ``folder/name`` if it is there; ``None`` -> none;
    a path -> that file, which must exist (else :class:`CorpusError` naming ``what``)."""
    if value is None:
        return None
    if isinstance(value, str) and value == "auto":
        candidate = folder / name
        return candidate if candidate.is_file() else None
    path = Path(value)
    if not path.is_file():
        raise CorpusError(f"{what} not found: {path}")
    return path


# ---------------------------------------------------------------------------------------------
# The corpus


def _frame(rows: list[dict], columns: Iterable[str]) -> pd.DataFrame:
    cols = list(columns)
    return pd.DataFrame([[r.get(c, "") for c in cols] for r in rows], columns=cols, dtype=object)


def _assign_doc_ids(files: list[str], manifest_ids: dict[str, str]) -> dict[str, str]:
    """doc_id per file: the manifest's, else the sanitised stem (+ extension on collisions)."""
    ids: dict[str, str] = {}
    taken = set(manifest_ids.values())
    stems: dict[str, list[str]] = {}
    for f in files:
        if f in manifest_ids:
            ids[f] = manifest_ids[f]
        else:
            stems.setdefault(_safe_id(Path(f).stem) or "doc", []).append(f)
    for stem in sorted(stems):
        group = stems[stem]
        for f in group:
            base = stem
            if len(group) > 1 or stem in taken:
                base = _safe_id(f"{Path(f).stem}-{Path(f).suffix.lstrip('.').lower()}") or "doc"
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base[:36]}-{n}", n + 1
            taken.add(candidate)
            ids[f] = candidate
    return ids


#: Folders with more files than this are read by a process pool (see ``read_corpus(workers=)``).
PARALLEL_MIN_FILES = 200


def _read_job(job: tuple[Path, int, int, bool, str, bool]) -> FileResult:
    path, max_bytes, max_line_chars, clean, title, raw_text = job
    res = read_article(
        path, max_bytes=max_bytes, max_line_chars=max_line_chars, clean=clean, title_hint=title
    )
    if not raw_text and res.record is not None:
        res.record.pop("raw_text", None)  # not sent back from a worker, not held
    return res


def _read_all(
    jobs: list[tuple[Path, int, int, bool, str, bool]], *, workers: int | None, executor=None
) -> list[FileResult]:
    """``read_article`` over every job, in order; in a process pool for large folders."""
    if executor is not None and len(jobs) > PARALLEL_MIN_FILES:
        chunk = max(1, len(jobs) // (executor._max_workers * 8))
        return list(executor.map(_read_job, jobs, chunksize=chunk))
    if workers is None:
        workers = (os.cpu_count() or 1) if len(jobs) > PARALLEL_MIN_FILES else 1
    if workers <= 1 or len(jobs) <= 1:
        return [_read_job(j) for j in jobs]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_read_job, jobs, chunksize=chunk))


def read_corpus(
    folder: str | Path,
    *,
    manifest: str | Path | None = "auto",
    max_bytes: int = MAX_BYTES,
    max_line_chars: int = MAX_LINE_CHARS,
    clean: bool = True,
    workers: int | None = None,
    executor=None,
    raw_text: bool = True,
    stance_cues: str | Path | None = "auto",
) -> Corpus:
    """Read every top-level file of ``folder``; see the module docstring for what happens.

    Args:
        folder: a folder of ``.txt``/``.md``/``.markdown``/``.html``/``.htm`` files. Only
            top-level files are read: each sub-folder is listed in ``rejects`` (unsupported
            type), not read; hidden files are skipped.
        manifest: ``"auto"`` (use ``manifest.csv`` in the folder if present), a path, or
            ``None`` (ignore any manifest).
        max_bytes: files larger than this are rejected as "too large" without being read.
        max_line_chars: files with a longer line are rejected as "too large" (a dump, not an
            article); both limits are named in the reason.
        clean: remove page furniture (else ``text`` equals ``raw_text``).
        workers: processes for reading and cleaning files; ``None`` uses every core when the
            folder holds more than :data:`PARALLEL_MIN_FILES` files, else one. The result is
            the same either way (files are read independently, then taken in name order).
        executor: a process pool to use instead of starting one (``concurrent.futures``).
        raw_text: keep the ``raw_text`` column (the text before cleaning). ``False`` leaves it
            out, which saves memory on large corpora when only the tables are wanted
            (``python -m storylens tables`` does that: no table holds the raw text).
        stance_cues: ``"auto"`` (use ``stance_cues.yaml`` in the folder if present), a path,
            or ``None`` (the default topic).

    Raises:
        CorpusError: the folder is missing or not a folder, the manifest lacks a ``file``
            column or cannot be read, the stance cue file cannot be used, or no file could be
            loaded.
    """
    root = Path(folder)
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")
    man_path = _find_setting(root, manifest, MANIFEST_NAME, "manifest")
    man = _read_manifest(man_path, max_bytes=max_bytes) if man_path else _Manifest()
    cues_path = _find_setting(root, stance_cues, STANCE_CUES_NAME, "stance cue file")
    cues_text = _read_stance_cues(cues_path, max_bytes=max_bytes) if cues_path else ""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise CorpusError(f"cannot list corpus folder {root}: {exc.strerror or exc}") from exc
    files = [
        p
        for p in entries
        if not p.name.startswith(".")
        and not p.is_dir()
        and not (man_path is not None and p.resolve() == man_path.resolve())
        and not (cues_path is not None and p.resolve() == cues_path.resolve())
    ]
    names = [p.name for p in files]
    # a sub-folder is not read, but it is listed, so nothing in the folder goes unaccounted for
    rejects: list[dict] = [
        {
            "file": p.name + "/",
            "reason": "unsupported type",
            "detail": "a folder: only the files at the top of the corpus folder are read",
        }
        for p in entries
        if not p.name.startswith(".") and p.is_dir()
    ]
    loaded: list[tuple[str, dict, list[Furniture]]] = []
    first_by_hash: dict[str, str] = {}
    jobs = [
        (p, max_bytes, max_line_chars, clean, man.rows.get(p.name, {}).get("title", ""), raw_text)
        for p in files
    ]
    for path, res in zip(files, _read_all(jobs, workers=workers, executor=executor), strict=True):
        if res.record is None:
            detail = res.detail
            if path.name == MANIFEST_NAME and man_path is None:
                detail = "manifest.csv not used (manifest=None or another manifest given)"
            elif path.name == STANCE_CUES_NAME:
                detail = f"{STANCE_CUES_NAME} not used (stance_cues=None or another file given)"
            rejects.append({"file": path.name, "reason": res.reason, "detail": detail})
            continue
        key = hashlib.sha1("".join(res.record["text"].split()).encode("utf-8")).hexdigest()
        if key in first_by_hash:
            first = first_by_hash[key]
            if path.name in man.rows and first not in man.rows:
                # keep the copy the manifest describes (its outlet, date and title)
                i = next(k for k, item in enumerate(loaded) if item[0] == first)
                loaded[i] = (path.name, res.record, res.furniture)
                first_by_hash[key] = path.name
                rejects.append(
                    {
                        "file": first,
                        "reason": f"duplicate of {path.name}",
                        "detail": "the manifest lists the other copy",
                    }
                )
                continue
            rejects.append({"file": path.name, "reason": f"duplicate of {first}", "detail": ""})
            continue
        first_by_hash[key] = path.name
        loaded.append((path.name, res.record, res.furniture))
    loaded.sort(key=lambda item: item[0])  # name order, also after a manifest copy was kept
    # manifest rows naming files that are not in the folder
    known = set(names)
    for file, row_no in man.row_no.items():
        if file not in known:
            man.problems.append((f"manifest row {row_no}: unknown file {file}", ""))
            del man.rows[file]
    manifest_ids: dict[str, str] = {}
    loaded_names = [n for n, _, _ in loaded]
    for file in loaded_names:
        raw_id = man.rows.get(file, {}).get("doc_id", "")
        if not raw_id:
            continue
        doc_id = _safe_id(raw_id)
        row_no = man.row_no[file]
        if doc_id != raw_id:
            man.problems.append(
                (f"manifest row {row_no}: doc_id {raw_id!r} changed to {doc_id!r}", file)
            )
        if doc_id in manifest_ids.values():
            man.problems.append(
                (f"manifest row {row_no}: duplicate doc_id {doc_id!r}; file-based id used", file)
            )
            continue
        manifest_ids[file] = doc_id
    doc_ids = _assign_doc_ids(loaded_names, manifest_ids)
    articles: list[dict] = []
    furniture_rows: list[dict] = []
    for file, record, furniture in loaded:
        values = man.rows.get(file, {})
        sources = []
        for fld in META_FIELDS:
            given = values.get(fld, "")
            if fld == "published" and file in man.bad_dates:
                record[fld], src = "", "none"
            elif given:
                record[fld], src = ("" if given.lower() == "unknown" else given), "manifest"
            else:
                src = "file" if record[fld] else "none"
            sources.append(f"{fld}={src}")
        record.update(
            doc_id=doc_ids[file],
            file=file,
            meta_source=";".join(sources),
            **{c: values.get(c, "") for c in man.extra_columns},
        )
        articles.append(record)
        furniture_rows += [
            {
                "doc_id": doc_ids[file],
                "file": file,
                "rule": f.rule,
                "line_no": f.line_no,
                "text": f.text,
            }
            for f in furniture
        ]
    mname = man_path.name if man_path else MANIFEST_NAME
    rejects += [{"file": mname, "reason": r, "detail": d} for r, d in man.problems]
    corpus = Corpus(
        articles=_frame(
            articles,
            ARTICLE_COLUMNS
            + tuple(man.extra_columns)
            + (TEXT_COLUMNS if raw_text else tuple(c for c in TEXT_COLUMNS if c != "raw_text")),
        ),
        rejects=_frame(rejects, REJECT_COLUMNS),
        furniture=_frame(furniture_rows, FURNITURE_COLUMNS).astype({"line_no": "int64"}),
        folder=str(root),
        manifest=str(man_path) if man_path else "",
        stance_cues=cues_text,
        stance_cues_path=str(cues_path) if cues_path else "",
    )
    if not articles:
        raise CorpusError(f"no readable article file in {root} ({corpus.summary()})")
    return corpus


def load_corpus(folder: str | Path, **kwargs) -> pd.DataFrame:
    """``read_corpus(folder, **kwargs).articles``; warns with the summary line if any rejects."""
    corpus = read_corpus(folder, **kwargs)
    if len(corpus.rejects):
        warnings.warn(corpus.summary(), stacklevel=2)
    return corpus.articles
