"""Sentence splitter and word counter that need no downloaded data.

The splitter works line by line (a line break always ends a sentence; paragraphs are separated by
blank lines), finds candidate boundaries with one precompiled regex (terminal ``.``/``!``/``?``/
ellipsis, optionally followed by closing quotes or brackets) and decides each candidate with cheap
checks:

- a lowercase next word never starts a sentence (``"...happening?" asked Heisbourg.``,
  ``etc. and``, ``...and nobody``);
- after a title or other never-final abbreviation (``Gen.``, ``Mr.``, ``Sept.``, ``No.``) there is
  no boundary; after a maybe-final one (``U.S.``, ``Inc.``, ``Jr.``, ``a.m.``), a dotted acronym
  or an initial (``J.``) there is one only when the next word is a sentence starter
  (``... the U.S. The next day``);
- after ``?`` or ``!`` and a closing quote, a capitalised name followed by a speech verb keeps
  the attribution in the sentence (``"Why?" Trump asked.``); after a period and a closing quote
  the sentence is over;
- an ellipsis ends a sentence only before an uppercase word.

Abbreviations, sentence starters and attribution verbs are data (``data/sentences.yaml``).
Sentences hold no surrounding whitespace; fragments without any letter or digit (stray
punctuation lines) are not sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from storylens.model import Sentence
from storylens.paths import DATA_DIR, yaml_load

__all__ = ["split_sentences", "iter_words", "count_words", "sentence_texts"]

_CLOSERS = "”\"’'»)]"
_OPENERS = "\"“‘'«(["
_LINE = re.compile(r"[^\n]+")
# Candidate boundaries: terminal punctuation (+ closing quotes/brackets) before whitespace or the
# end of the line; or an ellipsis glued to the next word ("crisis…We"). That is
# r"(?:\.{3}|…|[.!?])+[closers]*(?=\s|$)|(?:\.{3}|…)(?=[^\s.…])", written to start with a
# character class (Python's re then skips ahead to those characters: faster). The first form
# can only end after the whole run of terminal characters (inside it the look-ahead fails).
_TERM = re.compile(
    r"[.!?…](?:[.!?…]*[" + re.escape(_CLOSERS) + r"]*(?=\s|$)"
    r"|(?<=\.)\.\.(?=[^\s.…])|(?<=…)(?=[^\s.…]))"
)
_NEXT = re.compile(r"[ \t\u00a0\u2009\u202f]*([" + re.escape(_OPENERS) + r"]*)(\S?)")
_NEXT_WORD = re.compile(r"[^\W_][\w’'-]*")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+")
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SPACES = " \t\u00a0\u2009\u202f"


@functools.cache
def _data() -> dict:
    with open(DATA_DIR / "sentences.yaml", encoding="utf-8") as fh:
        raw = yaml_load(fh)
    verbs = "|".join(sorted(map(re.escape, raw["attribution_verbs"]), key=lambda v: (-len(v), v)))
    attrib = re.compile(
        r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*,?\s+(?:" + verbs + r")\b"
        r"|(?:" + verbs + r")\b"
    )
    return {
        "never": frozenset(raw["never_final"]),
        "maybe": frozenset(raw["maybe_final"]),
        "starters": frozenset(raw["sentence_starters"]),
        "attrib": attrib,
    }


def _prev_token(text: str, line_start: int, dot: int) -> str:
    """The whitespace-delimited token that ends with the period at ``dot`` (openers stripped)."""
    # the last space of any kind: " " first, the others only after it (short searches)
    k = text.rfind(" ", line_start, dot)
    for c in _SPACES[1:]:
        j = text.rfind(c, k + 1 if k >= 0 else line_start, dot)
        if j > k:
            k = j
    return text[(k + 1 if k >= 0 else line_start) : dot + 1].lstrip(_OPENERS)


def _is_boundary(text: str, m: re.Match, line_start: int, line_end: int, data: dict) -> bool:
    """Decide whether the candidate ``m`` ends a sentence."""
    tok = m.group()
    nxt = _NEXT.match(text, m.end(), line_end)
    first = nxt.group(2)
    if not first:
        return True  # end of the line
    if first.islower():
        return False
    core = tok.rstrip(_CLOSERS)
    if core.endswith("...") or core.endswith("…"):
        return first.isupper() or bool(nxt.group(1))
    if (
        len(core) < len(tok)
        and core[-1] != "."
        and data["attrib"].match(text, nxt.start(2), line_end)
    ):
        # '"Why?" Trump asked.' keeps its attribution; after a period inside the marks the
        # sentence is over ('"We stay." Meloni told reporters: "No."' is two)
        return False
    if core != "." or len(core) < len(tok):
        return True
    token = _prev_token(text, line_start, m.start())
    if token in data["never"]:
        return False
    if token in data["maybe"] or _ACRONYM.fullmatch(token):
        word = _NEXT_WORD.match(text, nxt.start(2), line_end)
        return word is not None and word.group() in data["starters"]
    return True


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if not stripped or not _ALNUM.search(stripped):
        return
    s = start + (len(seg) - len(seg.lstrip()))
    out.append(Sentence(len(out), s, s + len(stripped)))


def split_sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences.

    Returns :class:`~storylens.model.Sentence` records numbered from 0, where
    ``text[s.start:s.end]`` is the sentence without surrounding whitespace. Every line break
    ends a sentence.
    """
    data = _data()
    out: list[Sentence] = []
    term = _TERM.finditer
    for lm in _LINE.finditer(text):
        ls, le = lm.span()
        start = ls
        for m in term(text, ls, le):
            if _is_boundary(text, m, ls, le, data):
                _emit(text, start, m.end(), out)
                start = m.end()
        _emit(text, start, le, out)
    return out


def sentence_texts(text: str, sentences: list[Sentence] | None = None) -> list[str]:
    """The sentences of ``text`` as strings (splitting first when ``sentences`` is None)."""
    if sentences is None:
        sentences = split_sentences(text)
    return [text[s.start : s.end] for s in sentences]


def iter_words(text: str) -> Iterator[re.Match]:
    """Words of ``text``: runs of letters/digits, with internal apostrophes or hyphens."""
    return _WORD.finditer(text)


def count_words(text: str) -> int:
    """Number of words in ``text`` (see :func:`iter_words`)."""
    return len(_WORD.findall(text))
