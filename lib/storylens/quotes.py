"""Quotations and attribution: direct, partial and reported quotes with resolved speakers.

:func:`extract_quotes` reads one cleaned article and returns :class:`~storylens.model.Quote`
records sorted by start:

``direct``
    A quoted sentence or clause in double marks (straight or curly) or single curly marks:
    ``"...," Rutte said.``, ``X told reporters: "..."``, ``"...?" asked Heisbourg.``. A quote may
    run over several sentences; a paragraph that opens a quote and does not close it continues
    in the next paragraph when that one opens with a quote mark (one record per paragraph, same
    speaker). ``"A," he said. "B."`` gives two records with one speaker; a quote-only paragraph
    right after an attributed quote is a continuation (``cue="continuation"``). In an
    interview or podcast transcript, a paragraph opening with a speaker label (``HOST: ...``,
    ``JONES: ...``, ``Q: ...`` / ``A: ...``) is that speaker's words without marks
    (``cue="transcript"``, see :func:`_turns`).
``partial``
    A quoted fragment inside the author's sentence (``could lead to an "uncontrollable
    escalation"``) or a scare quote (``the so-called "coalition of the willing"``). The speaker
    is whoever the sentence attributes the words to (``what they described as``, ``X said``),
    else the typed speaker ``"unattributed"``.
``reported``
    Speech without marks: ``X said (on Thursday) (that) ...``, ``..., X said.``,
    ``according to X, ...``, ``X has cautioned against ...``. ``quote`` is the reported clause.

Speakers resolve to the canonical actor of the mention nearest the speech verb (a name, a later
surname, a titled name), to a named person not in the gazetteer by the name as written
(``speaker_type="person"``), to an actor through a definite description (``"the alliance"`` ->
NATO, table in ``data/quotes.yaml``), to a person of the article through a description of their
role (``"the French president"``, ``"the Kremlin official"``: the most recent person whose role
and country fit, ``role_anaphora`` in ``data/quotes.yaml``), or through a pronoun to the last
speaker or most recent person of the right gender (hints near the mention, the gazetteer role,
or the given name, ``data/first_names.yaml``). A quote after a colon with no speech verb goes
to the subject of the clause before it (``"Merz put it this way: “...”"``). Anonymous sourcing
never becomes a named person: it is typed ``speaker_type="anonymous"``
with the speaker ``"unnamed <noun>"`` plus `` (<qualifier>)`` when capitalised qualifiers stand
before the noun (``"a Western official"`` -> ``"unnamed official (Western)"``; ``"a U.S.
military statement"`` -> ``"unnamed military statement (U.S.)"``). A subject described only by
its role (``"The head of Germany's soldiers' union said"``, ``"European leaders said"``) is
kept as written with ``speaker_type="role"``. The writer's own voice outside quote marks (``"I
argue that ..."``) is the speaker ``"the author"`` (``speaker_type="author"``).

Offsets index the cleaned text and ``text[q.start:q.end] == q.quote``. Each step looks at a
window of a few words around a quote mark or a verb, so the work is linear in the text.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import operator
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from .actors import _UP
from .actors import _rules as _actor_rules
from .claims import _finditer_in_runs, _fold, _required_literals, _run_outside
from .display import outlet_labels
from .model import Mention, Quote, Sentence
from .paths import DATA_DIR, english_words, first_names, yaml_load
from .regexes import trie_regex

__all__ = ["extract_quotes", "voice_table", "sourcing_table", "load_lexicon", "SOURCE_CLASSES"]

_DOUBLE_OPEN = '"“„«'
_DOUBLE_CLOSE = '"”»'
_SINGLE_OPEN = "‘'‹"
_SINGLE_CLOSE = "’'›"
_MARK = re.compile(r"[\"“”„«»‘’'‹›]")
_PARA = re.compile(r"[^\n]+")
_OPEN_LEFT = set("([{—–-/:;,…")
_CLOSE_RIGHT = set(".,;:!?)]}—–-…") | set(_DOUBLE_CLOSE) | set(_SINGLE_CLOSE)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_WORD_BACK = re.compile(r"[\w’'.\-]+$")
_WORD_BACK_EXTRA = "_’'.-"
_WORD_BACK_CHARS = string.ascii_letters + string.digits + _WORD_BACK_EXTRA


def _word_back(text: str, lo: int, end: int) -> int:
    """Start of ``_WORD_BACK.search(text, lo, end)`` (-1 when no match), scanning backwards.

    The run of word characters, apostrophes, periods and hyphens that ends at ``end``: a
    search forwards would try every position of the window first.
    """
    if end > lo and text[end - 1] == "\n":  # '$' also matches before a final newline
        m = _WORD_BACK.search(text, lo, end)
        return m.start() if m else -1
    # str.rstrip strips the ASCII run at C speed; a non-ASCII letter or digit before it
    # continues the run, char by char
    i = lo + len(text[lo:end].rstrip(_WORD_BACK_CHARS))
    while i > lo:
        c = text[i - 1]
        if not (c.isalnum() or c in _WORD_BACK_EXTRA):
            break
        i -= 1
    return i if i < end else -1


_ALPHA = re.compile(r"[^\W\d_]")
#: A paragraph that is only a time: a live blog entry's stamp ("7:41pm", "11:15 a.m. EAT",
#: "Posted at 17:42", "Updated 09:30 GMT")
_ENTRY_TIME = re.compile(
    r"[\W_]*(?:(?:posted|updated|published)\s+(?:at\s+)?)?\d{1,2}[:.]\d\d\s*"
    r"(?:[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,4}[+-]?\d{0,2})?[\W_]*",
    re.IGNORECASE,
)
_WORDS_RE = re.compile(r"\w+")
# a capitalised token (any capital: "Ñancupil", "Łukasz"), or a name particle followed by one
# ("da Silva"; never the "da" of "data")
_CAP_TOKEN = (
    rf"(?:[{_UP}][\w’'.\-]*"
    rf"|(?:de|van|von|al|bin|da|di|le|la|del|der|den|dos|du|ter)(?=\s+[{_UP}]))"
)
_NAME_END = re.compile(rf"(?<![\w’'.\-])({_CAP_TOKEN}(?:\s+{_CAP_TOKEN}){{0,5}})$")
_NAME_START = re.compile(rf"([{_UP}][\w’'.\-]*(?:\s+{_CAP_TOKEN}){{0,5}})")
# " of the University of Coimbra" / " at Capital Economics" ending a noun phrase
_OF_ORG = re.compile(
    r"\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][\w’'&.\-]*"
    r"(?:\s+(?:of|for|and|the|on|&|[A-Z][\w’'&.\-]*))*?(?=[\s,]*$)"
)
_OF_ORG_LINKS = frozenset(["of", "for", "and", "the", "on", "&"])  # its uncapitalised words
_TERMINAL = ".!?…"
UNATTRIBUTED = "unattributed"
#: speaker_type -> sourcing class used by :func:`sourcing_table`.
SOURCE_CLASSES = {"anonymous": "anonymous", UNATTRIBUTED: "unattributed", "author": "unattributed"}
#: The speaker of the writer's own voice ("I argue that ...", pronoun kind ``author``).
AUTHOR = "the author"


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Lex:
    verbs: re.Pattern  # every verb of the three lists
    kind: dict[str, str]  # lowercased verb -> speech | participle | attrib
    needs_that: frozenset[str]
    according: re.Pattern
    aux: frozenset[str]
    adverbials: re.Pattern  # anchored at a position: skipped after a verb
    told_objects: re.Pattern
    subordinators: frozenset[str]
    clause_markers: frozenset[str]
    not_subjects: frozenset[str]
    pronoun: dict[str, str]  # surface -> male | female | nonperson | plural
    female: frozenset[str]
    male: frozenset[str]
    anaphora_end: re.Pattern
    anaphora_start: re.Pattern
    anaphora: dict[str, object]
    anon_end: re.Pattern
    anon_described_end: re.Pattern  # "the UN's top humanitarian official"
    anon_described_start: re.Pattern
    anon_start: re.Pattern
    anon_nouns: dict[str, str]
    anon_drop: frozenset[str]
    anon_anaphora_end: re.Pattern
    anon_anaphora_start: re.Pattern
    titles: frozenset[str]
    role_nouns: frozenset[str]
    # lowercased last words of the phrases the *_end patterns end with (pre-filters)
    anon_anaphora_tails: tuple[str, ...] = ()
    anaphora_tails: tuple[str, ...] = ()
    anon_tails: tuple[str, ...] = ()
    anon_post_keys: tuple[str, ...] = ()  # longest word of each anonymous postmodifier
    verbs_are_words: bool = False  # every verb is words of lowercase ASCII letters (_verbs_in)
    according_runs: tuple | None = None  # (outside, keys) for claims._finditer_in_runs
    adverbials_end: re.Pattern | None = None  # an adverbial ending a stretch (before a verb)
    adverbial_ends: frozenset[str] = frozenset()  # lowercased words adverbials_end can end with
    # adverbials and told_objects match word characters, spaces and commas only
    adverbials_plain: bool = False
    # definite descriptions of a person of the article: head noun -> role words; reach
    role_anaphora: tuple[tuple[str, tuple[str, ...]], ...] = ()  # longest head first
    role_heads: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # the same
    role_anaphora_reach: int = 0
    org_anaphora: frozenset[str] = frozenset()
    institution_end: re.Pattern | None = None  # "Greek police" ending a window
    institution_start: re.Pattern | None = None
    source_document: re.Pattern | None = None  # "the latest data of " (then the source)
    org_parts: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    role_vocab: frozenset[str] = frozenset()  # the words of those role words (title chains)
    # 'acknowledged the risks but (then) said ...': a coordinator ending the words before a
    # later speech verb (see _coordinated_verb)
    coordinated: re.Pattern | None = None
    # transcripts (see _turns): lowercased role labels, question / answer labels, reader words
    turn_roles: frozenset[str] = frozenset()
    turn_questions: frozenset[str] = frozenset()
    turn_answers: frozenset[str] = frozenset()
    reader_words: frozenset[str] = frozenset()

    @functools.cached_property
    def anon_tail_index(self) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
        """``anon_tails`` by their last two characters, each group with the tails shorter than
        two characters, and those short tails alone (see :func:`_ends_with_anon_tail`)."""
        short = tuple(t for t in self.anon_tails if len(t) < 2)
        by_end: dict[str, tuple[str, ...]] = {}
        for t in self.anon_tails:
            if len(t) >= 2:
                by_end[t[-2:]] = (*by_end.get(t[-2:], ()), t)
        return {k: v + short for k, v in by_end.items()}, short


def _ends_with_anon_tail(lex: _Lex, s: str, end: int | None = None) -> bool:
    """``s.endswith(lex.anon_tails, 0, end)`` (``0 <= end <= len(s)``), trying only the tails
    that end with the two characters ``s[:end]`` ends with (a tail of two characters or more
    ends with them)."""
    by_end, short = lex.anon_tail_index
    if end is None:
        end = len(s)
    return s.endswith(by_end.get(s[max(0, end - 2) : end], short), 0, end)


def _according(phrases) -> re.Pattern:
    r"""``\b(?:phrase|Phrase|...)\s+`` with each phrase as written or capitalised.

    Written with the word-start check after each phrase's first letter (``c(?<!\w.)iting``
    for ``\bciting``), so that the pattern starts with a letter from a small set: the regex
    engine then skips straight to those letters instead of trying every position.
    """
    forms = {f for p in phrases for f in (p, p[:1].upper() + p[1:])}
    parts = [w.split() for w in sorted({w for w in forms if w}, key=lambda w: (-len(w), w))]
    if not all(words and words[0][0].isalpha() for words in parts):
        return re.compile(rf"\b{_cased(phrases)}\s+")
    body = "|".join(  # _alt(forms) with the check moved
        re.escape(words[0][0])
        + r"(?<!\w.)"
        + r"\s+".join(map(re.escape, [words[0][1:], *words[1:]]))
        for words in parts
    )
    return re.compile(rf"(?:{body})\s+")


def _cased(phrases) -> str:
    """Alternation matching each phrase as written or with a capital first letter."""
    forms = {f for p in phrases for f in (p, p[:1].upper() + p[1:])}
    return _alt(forms, ci=False)


def _alt(words, *, ci: bool = True) -> str:
    r"""An alternation of ``words`` (a space in a word matches ``\s+``), longest word first;
    ``ci``: case-insensitive.

    Written as a character trie when every word is spaced singly (and ASCII under ``ci``: then
    lowercased, which under re.IGNORECASE matches the same): the regex engine then tries the
    words sharing a start together instead of entering every branch of a flat list. Both forms
    match the same way: two words that can both match at one place are one the start of the
    other (a character of the text matches one character of an ASCII word, whatever its case),
    and both try the longer first.
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if all(" ".join(w.split()) == w and (w.isascii() or not ci) for w in parts):
        body = trie_regex({w.lower() for w in parts} if ci else parts, any_space=True)
    else:
        body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)
    return f"(?i:{body})" if ci else f"(?:{body})"


#: Verb kinds (``_Lex.kind``) whose subject is the main clause's ('X agreed, adding ...'), and
#: those that attribute quote marks only, never reported speech.
_PARTICIPLES = frozenset({"participle", "attrib_participle"})
_ATTRIBUTION_ONLY = frozenset({"attrib", "attrib_participle"})
#: Verbs that report only the clause after them ("Reuters reported that ..."), never a quote
#: or a clause before them ('"...", Atlantic Wire reported', where the outlet relays another's
#: words).
_FORWARD = "forward"


@functools.cache
def load_lexicon() -> _Lex:
    """The compiled lexicon of ``data/quotes.yaml`` (loaded once)."""
    with open(DATA_DIR / "quotes.yaml", encoding="utf-8") as fh:
        raw = yaml_load(fh)
    kind = {v.lower(): "attrib" for v in raw["attribution_verbs"]}
    kind.update({v.lower(): "participle" for v in raw["speech_participles"]})
    kind.update({v.lower(): "attrib_participle" for v in raw["attribution_participles"]})
    kind.update({v.lower(): "speech" for v in raw["speech_verbs"]})
    kind.update({v.lower(): "forward" for v in raw.get("forward_verbs", [])})
    verbs = re.compile(rf"\b(?=[a-z]){trie_regex(sorted(kind))}(?![\w’'\-])")
    pron = {w: k for k, ws in raw["pronouns"].items() for w in ws}
    anaphora = {k.lower(): v for k, v in raw["anaphora"].items()}
    nouns = {k.lower(): v for k, v in raw["anonymous_nouns"].items()}
    drop = frozenset(w.lower() for w in raw["anonymous_determiners"])
    mod = rf"(?:(?:{_alt(drop)}|[A-Z][\w.’'\-]*|[a-z]+-[a-z]+)\s+)"
    post = rf"(?:,?\s+{_alt(raw['anonymous_postmodifiers'])}\b(?:[^,;:.“”\"()]|\.(?=\S)){{0,80}})"
    # "official results", "official figures": a document, not an anonymous person
    not_people = rf"(?!\s+{_alt(raw['anonymous_not_heads'])}\b)"
    phrase = rf"(?P<mods>{mod}{{0,5}}?)(?P<noun>{_alt(nouns)}){not_people}(?P<post>{post})?"
    anon_ana = _alt(raw["anonymous_anaphora"])
    described = (
        rf"(?P<mods>(?:[Tt]he|[Aa]n?|[Oo]ne)\s+(?:[A-Z][\w.\-]*[’']s\s+)?"
        rf"(?:[A-Z][\w.]*-[a-z]+\s+)?(?:[a-z]+\s+){{1,2}})"
        rf"(?P<noun>{_alt(nouns)}){not_people}(?P<post>)"
    )
    according = _according(raw["according_to"])
    role_anaphora = tuple(
        sorted(
            (
                (str(k).lower(), tuple(str(w).lower() for w in v))
                for k, v in (raw.get("role_anaphora") or {}).items()
            ),
            key=lambda kv: (-len(kv[0]), kv[0]),
        )
    )
    institution = (
        r"(?:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)?(?P<mod>(?:[A-Z][\w’'.\-]*\s+){0,2}?)"
        rf"(?P<noun>(?i:{_alt(raw.get('institutions', []))}))"
    )
    return _Lex(
        verbs=verbs,
        kind=kind,
        needs_that=frozenset(v.lower() for v in raw["needs_that"]),
        according=according,
        aux=frozenset(w.lower() for w in raw["auxiliaries"]),
        adverbials=re.compile(r"(?:,?\s*(?:" + "|".join(raw["adverbials_after"]) + r")\b,?)+"),
        adverbials_end=re.compile(r"(?<!\S)(?:" + "|".join(raw["adverbials_after"]) + r")\s*$"),
        # the literal words of those patterns: a match ends with one of them (or a year)
        adverbial_ends=frozenset(
            w.lower() for p in raw["adverbials_after"] for w in re.findall(r"[A-Za-z]{2,}", p)
        ),
        told_objects=re.compile(rf"\s*{_alt(raw['told_objects'])}\b"),
        # (only word characters, spaces and the syntax of groups, alternatives and repetition;
        # escapes \s \w \d only)
        adverbials_plain=all(
            re.fullmatch(r"(?:[\w ()?:|+*{},]|\\[swd])*", str(p)) for p in raw["adverbials_after"]
        )
        and all(re.fullmatch(r"[\w ]*", str(w)) for w in raw["told_objects"]),
        subordinators=frozenset(raw["subordinators"]),
        clause_markers=frozenset(
            w.lower() for w in [*raw.get("clause_markers", []), *english_words()["irregular_past"]]
        ),
        not_subjects=frozenset(w.lower() for w in raw.get("not_subjects", [])),
        pronoun=pron,
        female=frozenset(raw["gender_hints"]["female"]),
        male=frozenset(raw["gender_hints"]["male"]),
        anaphora_end=re.compile(rf"(?<![\w’'\-]){_alt(anaphora)}$"),
        anaphora_start=re.compile(rf"{_alt(anaphora)}(?![\w’'\-])"),
        anaphora=anaphora,
        anon_end=re.compile(rf"(?<![\w’'.\-]){phrase}$"),
        # a determiner, an optional possessive name, an optional "Place-based" and plain
        # adjectives or nouns before the noun ("a London-based fund manager")
        anon_described_end=re.compile(rf"(?<![\w’'.\-]){described}$"),
        anon_described_start=re.compile(rf"{described}(?![\w’'\-])"),
        anon_start=re.compile(rf"{phrase}(?![\w’'\-])"),
        anon_nouns=nouns,
        anon_drop=drop,
        anon_anaphora_end=re.compile(rf"(?<![\w’'\-]){anon_ana}$"),
        anon_anaphora_start=re.compile(rf"{anon_ana}(?![\w’'\-])"),
        titles=frozenset(raw["title_words"]),
        role_nouns=frozenset(w.lower() for w in raw["role_nouns"]),
        anon_anaphora_tails=_last_words(raw["anonymous_anaphora"]),
        anaphora_tails=_last_words(anaphora),
        anon_tails=_last_words(nouns),
        anon_post_keys=_longest_words(raw["anonymous_postmodifiers"]),
        verbs_are_words=all(
            w.isascii() and w.isalpha() and w.islower() for v in kind for w in v.split(" ")
        ),
        according_runs=_runs(according),
        role_anaphora=role_anaphora,
        role_heads=dict(role_anaphora),
        role_anaphora_reach=int(raw.get("role_anaphora_reach", 0)),
        org_anaphora=frozenset(str(w).lower() for w in raw.get("org_anaphora", [])),
        institution_end=re.compile(rf"(?<![\w’'\-]){institution}$"),
        institution_start=re.compile(rf"{institution}(?![\w’'\-])"),
        source_document=re.compile(
            rf"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+){{0,2}}?"
            rf"(?i:{_alt(raw.get('source_documents', []))})\s+(?:of|from|by)\s+"
        ),
        org_parts=frozenset(str(w).lower() for w in raw.get("org_parts", [])),
        document_nouns=frozenset(str(w).lower() for w in raw.get("document_nouns", [])),
        role_vocab=frozenset(
            str(w).lower()
            for v in (raw.get("role_anaphora") or {}).values()
            for k in v
            for w in str(k).split()
        ),
        coordinated=re.compile(
            rf"(?:^|[\s,]){_alt(raw.get('coordinators', []))}\s+"
            rf"(?:{'|'.join(raw['adverbials_after'])})?\s*$"
        )
        if raw.get("coordinators")
        else None,
        turn_roles=frozenset(str(w).lower() for w in raw.get("transcript_roles", [])),
        turn_questions=frozenset(str(w).lower() for w in raw.get("transcript_questions", [])),
        turn_answers=frozenset(str(w).lower() for w in raw.get("transcript_answers", [])),
        reader_words=frozenset(str(w).lower() for w in raw.get("reader_words", [])),
    )


def _last_words(phrases) -> tuple[str, ...]:
    """Lowercased last words of ``phrases``; ``("",)`` (no filtering) unless all are ASCII."""
    if not all(str(p).isascii() for p in phrases):
        return ("",)
    return tuple(sorted({p.split()[-1].lower() for p in phrases if p.split()}))


def _runs(pat: re.Pattern) -> tuple[re.Pattern, tuple[str, ...]] | None:
    """What claims._finditer_in_runs needs to scan only the parts of a text that can hold a
    match of ``pat`` (None when that cannot be shown)."""
    outside, keys = _run_outside(pat), _required_literals(pat)
    return None if outside is None or keys is None else (outside, keys)


def _longest_words(phrases) -> tuple[str, ...]:
    """Lowercased longest word of each of ``phrases``; ``("",)`` unless all are ASCII."""
    if not all(str(p).isascii() for p in phrases):
        return ("",)
    return tuple(sorted({max(p.split(), key=len).lower() for p in phrases if p.split()}))


# --------------------------------------------------------------------------- quote marks


@dataclass(slots=True)
class _Piece:
    """One quoted span within one paragraph (marks excluded)."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the paragraph end when unclosed
    start: int  # content span, stripped
    end: int
    para: int
    chain: int  # pieces of one multi-paragraph quote share a chain id
    closed: bool


def _mark_roles(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` sits where a quote opens / closes (paragraph ``lo:hi``)."""
    p = text[i - 1] if i > lo else ""
    n = text[i + 1] if i + 1 < hi else ""
    open_ctx = (
        (not p or p.isspace() or p in _OPEN_LEFT or p in _DOUBLE_OPEN)
        and bool(n)
        and (not n.isspace())
    )
    close_ctx = bool(p) and not p.isspace() and (not n or n.isspace() or n in _CLOSE_RIGHT)
    return open_ctx, close_ctx


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def find_quote_spans(text: str, paras: list[tuple[int, int]] | None = None) -> list[_Piece]:
    """Every quoted span in ``text``: one :class:`_Piece` per paragraph piece, in text order.

    Double marks pair within a paragraph; an unclosed double quote continues into the next
    paragraph only when that paragraph opens with a quote mark, otherwise it is kept (to the
    paragraph end) only when it opened the paragraph. Single marks pair only within a paragraph
    and outside double quotes; an apostrophe between letters or before a digit ("don't",
    "Ukraine's", "'90s") is never a mark. ``paras``: the spans of ``_PARA`` in ``text``, when
    known.
    """
    if paras is None:
        paras = [m.span() for m in _PARA.finditer(text)]
    pieces: list[_Piece] = []
    chain = -1
    carry = False  # the previous paragraph left a double quote open and this one continues it
    s_carry = False  # ... a single quote
    for pi, (lo, hi) in enumerate(paras):
        first = lo
        while first < hi and text[first].isspace():
            first += 1
        d_open: int | None = None
        s_open: int | None = None
        continuing = carry and first < hi and text[first] in _DOUBLE_OPEN + "‘"
        s_continuing = s_carry and first < hi and text[first] in _SINGLE_OPEN
        if carry and not continuing:
            carry = False
        for m in _MARK.finditer(text, lo, hi):
            i = m.start()
            ch = text[i]
            if ch in _DOUBLE_OPEN or ch in _DOUBLE_CLOSE:
                o, c = _mark_roles(text, i, lo, hi)
                if d_open is None:
                    is_open = o if ch != "”" and ch != "»" else (o and not c)
                    if ch in "”»" and not is_open:
                        continue  # stray closer
                    if is_open:
                        d_open, s_open = i, None
                    continue
                is_close = c if ch not in "“„«" else (c and not o)
                if is_close:
                    if not continuing or i != first:
                        a, b = _strip_span(text, d_open + 1, i)
                        if continuing and d_open == first:
                            cid = chain
                        else:
                            chain += 1
                            cid = chain
                        pieces.append(_Piece(d_open, i, a, b, pi, cid, True))
                        d_open = None
                        continuing = False
                elif o:
                    d_open = i  # a new opener while one is open: the earlier one was stray
                continue
            if d_open is not None:
                continue  # single marks inside double quotes are nested quotes: skip
            n = text[i + 1] if i + 1 < hi else ""
            p = text[i - 1] if i > lo else ""
            # (the context of the mark last: most single marks are apostrophes in words)
            if s_open is None:
                if (
                    ch in _SINGLE_OPEN
                    and n.isalpha()
                    and not p.isalpha()
                    and _mark_roles(text, i, lo, hi)[0]
                ):
                    s_open = i
            elif (
                ch in _SINGLE_CLOSE
                and (p.isalpha() or p in ".,!?…")
                and not n.isalpha()
                and _mark_roles(text, i, lo, hi)[1]
            ):
                if s_continuing and s_open == first:
                    a, b = _strip_span(text, s_open + 1, i)
                    pieces.append(_Piece(s_open, i, a, b, pi, chain, True))
                elif i - s_open <= 300:
                    a, b = _strip_span(text, s_open + 1, i)
                    chain += 1
                    pieces.append(_Piece(s_open, i, a, b, pi, chain, True))
                s_open = None
        # paragraph end with an open double quote
        if d_open is not None:
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else -1
            while 0 <= nxt < len(text) and text[nxt].isspace():
                nxt += 1
            opens_next = nxt >= 0 and nxt < len(text) and text[nxt] in _DOUBLE_OPEN + "‘"
            a, b = _strip_span(text, d_open + 1, hi)
            if _ALPHA.search(text, a, b) and (opens_next or d_open == first):
                if not (continuing and d_open == first):
                    chain += 1
                pieces.append(_Piece(d_open, hi, a, b, pi, chain, False))
            carry = opens_next and _ALPHA.search(text, a, b) is not None
        else:
            carry = False
        s_carry = False
        if s_open is not None and d_open is None and pi + 1 < len(paras):
            # British style: 'A quote of two paragraphs ends the first without a mark,
            # 'and opens the next one with it.' The open quote opens its paragraph or follows
            # a colon ("said: '...").
            nxt = paras[pi + 1][0]
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if (
                nxt + 1 < len(text)
                and text[nxt] in _SINGLE_OPEN
                and text[nxt + 1].isalpha()
                and (s_open == first or text[lo:s_open].rstrip().endswith(":"))
            ):
                a, b = _strip_span(text, s_open + 1, hi)
                if _ALPHA.search(text, a, b):
                    if not (s_continuing and s_open == first):
                        chain += 1
                    pieces.append(_Piece(s_open, hi, a, b, pi, chain, False))
                    s_carry = True
    return [p for p in pieces if p.end > p.start and _ALPHA.search(text, p.start, p.end)]


# --------------------------------------------------------------------------- speakers


class _Speaker(NamedTuple):  # a tuple: cheaper to build than a frozen dataclass
    name: str
    type: str
    surface: str
    pos: int  # where the speaker is written (for recency)
    gender: str = ""
    noun: str = ""  # anonymous noun phrase key, for "the person said"


class _Doc:
    """Per-article state: text, sentences, mention indexes and the speakers so far."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        gazetteer,
        lex: _Lex,
    ):
        self.text = text
        self.lex = lex
        self.gaz = gazetteer
        self.sents = list(sentences)
        self.sent_starts = [s.start for s in self.sents]
        # by start, then longest first (two stable sorts: the key functions are C's)
        ms = sorted(mentions, key=operator.attrgetter("end"), reverse=True)
        ms.sort(key=operator.attrgetter("start"))
        # the longest mention ending / starting at each position, the first one on a tie: in
        # this order the first one with a given end (start) is the longest, so filling the
        # dicts backwards leaves it there
        self.by_end: dict[int, Mention] = {m.end: m for m in reversed(ms)}
        self.by_start: dict[int, Mention] = {m.start: m for m in reversed(ms)}
        self.mentions = ms
        self.m_starts = [m.start for m in ms]
        self.persons = [m for m in ms if m.actor_type == "person"]
        self.p_ends = [m.end for m in self.persons]
        self.gender: dict[str, str] = {}
        self.surnames: dict[str, tuple[str, str]] = {}
        self.inner_surnames: dict[str, tuple[str, str]] = {}
        self._role_cache: dict[tuple[int, int, str], str] = {}
        for m in self.persons:
            if m.actor not in self.gender:  # (else learnt already)
                self._learn_person(m.actor, m.start, "person")
        self.paras = [m.span() for m in _PARA.finditer(text)]
        self.para_starts = [a for a, _ in self.paras]
        # a live blog's entries: each opens with a paragraph that is only its time ("7:41pm",
        # "Posted at 17:42"); two such paragraphs at least
        stamps = [a for a, b in self.paras if b - a <= 40 and _ENTRY_TIME.fullmatch(text, a, b)]
        self.entry_starts = stamps if len(stamps) >= 2 else []
        # every speech verb (see _verbs_in), not a noun of the same form ("the military's claim")
        every = list(lex.verbs.finditer(text))
        self.verbs = [m for m in every if not _noun_use(text, m.start())]
        self.v_starts = [m.start() for m in self.verbs]
        # the spans of all matches (nouns too): where the scan of the whole text stood
        self.match_starts = [m.start() for m in every]
        self.match_ends = [m.end() for m in every]
        self.speakers: list[_Speaker] = []  # resolved speakers, sorted by position
        self.sp_pos: list[int] = []
        # transcript turns (see _turns): their spans, label included, and speakers
        self.turn_spans: list[tuple[int, int]] = []
        self.turn_starts: list[int] = []
        self.turn_speakers: list[_Speaker] = []
        self.turn_opens: dict[int, _Speaker] = {}  # a turn's first character -> its speaker

    # ---- helpers
    def para_of(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1

    def inside_verb_match(self, pos: int) -> bool:
        """Does a match of ``lex.verbs`` in the whole text start before ``pos`` and end after
        it?"""
        k = bisect.bisect_left(self.match_starts, pos) - 1
        return k >= 0 and self.match_ends[k] > pos

    def entry_floor(self, pos: int) -> int:
        """Where the live blog entry holding ``pos`` starts (0: no live blog, or before its
        first entry). A pronoun or a role never reaches back past it to another entry."""
        k = bisect.bisect_right(self.entry_starts, pos) - 1
        return self.entry_starts[k] if k >= 0 else 0

    def sent_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def _learn_person(self, name: str, pos: int, typ: str) -> None:
        if name in self.gender:
            return  # learnt already (its surname too)
        parts = name.split()
        if len(parts) >= 2:
            self.surnames.setdefault(parts[-1], (name, typ))
            # the first of two surnames ("Ana Ruiz Soto" is "Ruiz"), no given name ("María
            # José Ruiz Soto" is not "José")
            for w in parts[1:-1]:
                if w[:1].isupper() and not first_names().get(w):
                    self.inner_surnames.setdefault(w, (name, typ))
        before = {w.strip(",") for w in self.text[max(0, pos - 40) : pos].split()[-3:]}
        g = ""
        if not self.lex.female.isdisjoint(before):
            g = "f"
        elif not self.lex.male.isdisjoint(before):
            g = "m"
        if not g and self.gaz is not None:
            g = self._gaz_gender(name)
        if not g and len(parts) >= 2:
            g = first_names().get(parts[0], "")  # "Kaja Kallas": f
        self.gender[name] = g

    def _gaz_gender(self, name: str) -> str:
        try:
            entry = self.gaz.get(name)
        except Exception:  # noqa: BLE001 - any gazetteer without .get works too
            return ""
        role = str(getattr(entry, "role", "") or "") if entry is not None else ""
        words = set(_WORDS_RE.findall(role))
        if words & self.lex.female:
            return "f"
        if words & self.lex.male:
            return "m"
        return ""

    def from_mention(self, m: Mention) -> _Speaker:
        return _Speaker(
            m.actor, m.actor_type or "unknown", m.surface, m.start, self.gender.get(m.actor, "")
        )

    # ---- resolution of a noun phrase ending at / starting at a position
    def np_before(self, lo: int, end: int) -> _Speaker | None:
        """The speaker written immediately before ``end`` (auxiliaries already skipped)."""
        text, lex = self.text, self.lex
        e = end
        while e > lo and text[e - 1] in " \t,—–-":
            e -= 1
        if e <= lo:
            return None
        gap = text[e:end]
        trailing_comma = "," in gap or "—" in gap or "–" in gap
        if trailing_comma:  # appositive: "Ed Arnold, an expert at RUSI, said"
            c = max(text.rfind(",", lo, e), text.rfind("—", lo, e), text.rfind("–", lo, e))
            if c > lo:
                k = c
                while k > lo and text[k - 1] == " ":
                    k -= 1
                m = self.by_end.get(k)
                described = text[c + 1 : e].lstrip()[:1].islower()  # ", the US defence ..."
                if described and (m is None or m.actor_type != "person") and e - c < 120:
                    # "Ana Ruiz of Acme Capital, which advises the group, said": the person
                    # of the organisation the aside is about
                    owner = self._person_of_org(lo, k)
                    if owner is not None:
                        return owner
                if (
                    m is not None
                    and m.actor_type != "person"
                    and text[lo : m.start].strip() not in ("", "The", "the")
                ):
                    m = None  # a place in the subject's phrase ("An aid worker in Cox's Bazar")
                if m is not None and e - c < 120 and (m.actor_type == "person" or described):
                    return self.from_mention(m)
                if m is None and e - c < 120 and described:
                    # an unlisted name before a described aside: "Maria Lopez, of the Red
                    # Cross, said", "Ana Ruiz, who heads the office, said"
                    b = max(lo, k - 80)
                    sp = self.name_end(text[b:k], b)
                    if sp is not None and sp.type == "person":
                        return sp
                    # an unnamed source before it: "A senior army officer, who spoke on
                    # condition of anonymity, said"
                    b = max(lo, k - 160)
                    am = lex.anon_end.search(text, b, k)
                    if am and self._anon_ok(am):
                        return self.anonymous(am, 0)  # the match's offsets are the text's
                    if _ANONYMITY_ASIDE.match(text, c + 1, e):
                        # "An aid worker with an NGO in Cox's Bazar, who asked not to be
                        # named, said": the unnamed source that opens the clause
                        j = lo
                        while j < k and text[j].isspace():
                            j += 1
                        am = lex.anon_start.match(text, j, k)
                        if am:
                            return self.anonymous(am, 0)
        if text[e - 1] == ")":
            # "the Union of Bakers (UB) said": the name before its bracketed acronym
            ob = text.rfind("(", max(lo, e - 12), e)
            if ob > lo and _BRACKETED_ACRONYM.fullmatch(text, ob, e):
                k = ob
                while k > lo and text[k - 1] == " ":
                    k -= 1
                if self.by_end.get(k) is not None:
                    e = k
        m = self.by_end.get(e)
        if m is None or m.actor_type != "person":
            owner = self._person_of_org(lo, e)  # "Tom Baker of Barclays said"
            if owner is not None:
                return owner
        base = max(lo, e - 160)
        if m is not None:
            if m.actor_type == "country" and m.start - base > 4:
                # "a Western intelligence official from Croatia said": the official, Croatia's;
                # "two people familiar with the talks from Latvia said": theirs
                window = text[base:e]
                low = _fold(window)
                if any(w in low for w in lex.anon_post_keys):
                    am = lex.anon_end.search(window)
                    if am and am.group("post") and self._anon_ok(am):
                        return self.anonymous(am, base)
                sp = self._anon_before_place(window, low, base)
                if sp is not None:
                    return sp
            if m.actor_type != "person" and m.start - base > 8:
                rm = _ROLE_OF_END.search(text, base, m.start)
                if rm is not None:
                    # "The Chief of the Fire Service stated": the person with that role
                    sp = self.definite_person(
                        rm.group("words").split(), rm.start(), f"{rm.group().strip()} {m.surface}"
                    )
                    if sp is not None:
                        return sp
            return self.from_mention(m)
        window = text[base:e]
        ws = _word_back(text, base, e)
        word = text[ws:e] if ws >= 0 else ""
        if word in lex.pronoun and (ws == base or not text[ws - 1].isalnum()):
            return self.pronoun(word, ws)
        if "year" in window[-40:]:
            am = _AGE_DESCRIPTION_END.search(window)
            if am:  # "The 34-year-old said": the person the article has been about
                return self.described_person(am, base + am.start())
        # The end-anchored searches below try every position of the window. A match needs the
        # window to end with a phrase's last word (or, for an anonymous source with a
        # postmodifier, to hold the postmodifier's longest word): check that first, on the
        # window case-folded the way re.IGNORECASE compares ASCII letters (claims._fold).
        low = _fold(window) if not window.endswith("\n") else None
        if low is None or low.endswith(lex.anon_anaphora_tails):
            am = lex.anon_anaphora_end.search(window)
            if am:
                return self.anon_anaphora(am.group(), base + am.start())
        if low is None or low.endswith(lex.anaphora_tails):
            am = lex.anaphora_end.search(window)
            if am:
                # "a spokesperson for the alliance said": the alliance; when the article names
                # none, the unnamed source before it ("a source in the government said")
                sp = self.resolve_anaphora(am.group(), base + am.start())
                if sp is None and low is not None:
                    sp = self._anon_before_place(window, low, base)
                return sp
        if low is not None and " " in low[-70:]:
            sp = self._anon_before_place(window, low, base)
            if sp is not None:
                return sp
        if (
            low is None
            or _ends_with_anon_tail(lex, low)
            or any(w in low for w in lex.anon_post_keys)  # every word of it is in the window
        ):
            am = lex.anon_end.search(window)
            if am and self._anon_ok(am):
                return self.anonymous(am, base)
            am = lex.anon_described_end.search(window)
            if am:  # "The UN's top humanitarian official said"
                return self.anonymous(am, base)
        dm = None
        if window.endswith(_LOWER_END):  # "the civil surgeon": "the" within the last words
            k = max(window.rfind("the ", len(window) - 40), window.rfind("The ", len(window) - 40))
            dm = _DEFINITE_ROLE_END.match(window, k) if k >= 0 else None
        if dm is not None:  # "the civil surgeon said": the person with that title, if any
            named = self.definite_person(
                dm.group("words").split(), base + dm.start(), dm.group().strip(), any_head=True
            )
            if named is not None:
                return named
        if lex.institution_end is not None and low is not None and low.endswith(_INST_TAILS):
            im = lex.institution_end.search(window)
            if im:
                return self.institution(im, base)
        wi = window.rfind(" who ")
        if (
            wi > 0
            and low is not None
            and "," not in window[wi:]
            and _ends_with_anon_tail(lex, low, wi)
        ):
            # "A consular official who travelled from Oruro said": the official, not the place
            am = lex.anon_end.search(window, 0, wi)
            if am and self._anon_ok(am):
                return self.anonymous(am, base)
        sp = self._org_part(lo, e) or self.name_end(window, base)
        if sp is not None and sp.type != "person":
            pm = _PLACE_AFTER.search(text, max(lo, sp.pos - 10), sp.pos)
            if pm is not None:
                # "Peru's consulate in Cusco said": the place qualifies the subject before it
                return self.np_before(lo, pm.start())
        return sp or self.role_np(lo, e)

    def institution(self, m: re.Match, base: int) -> _Speaker:
        """A public body named by what it is ("Greek police", "the fire service"): the
        article's latest organisation (before it; a mention, else a speaker known by the name
        as written) whose name holds those words ("Hellenic Police"), else the body itself
        with the country its modifier names ("police (Greece)"), as an organisation."""
        noun = " ".join(m.group("noun").lower().split())
        pos = base + m.start()
        k = bisect.bisect_left(self.m_starts, pos) - 1
        stop = max(-1, k - 200)  # as far back as resolve_anaphora looks
        while k > stop:
            men = self.mentions[k]
            k -= 1
            if men.actor_type == "organization" and noun in men.actor.lower():
                return _Speaker(men.actor, men.actor_type, m.group().strip(), pos)
        for sp in self._speakers_before(pos):  # a name no mention covers ("National Police
            if sp.type == "organization" and noun in sp.name.lower():  # Service said")
                return _Speaker(sp.name, sp.type, m.group().strip(), pos)
        mods = m.group("mod").split()
        a, b = base + m.start("mod"), base + m.end("mod")
        k0, k1 = bisect.bisect_left(self.m_starts, a), bisect.bisect_left(self.m_starts, b)
        places = sorted(
            {men.actor for men in self.mentions[k0:k1] if men.actor_type == "country"}
        ) or (sorted(set().union(*(self._lookup(w) for w in mods))) if mods else [])
        name = f"{noun} ({places[0]})" if len(places) == 1 else noun
        return _Speaker(name, "organization", m.group().strip(), pos)

    def _anon_before_place(self, window: str, low: str, base: int) -> _Speaker | None:
        """An unnamed source, then a short phrase of place or affiliation, ending ``window``:
        "An aid worker in Dhaka said", "A doctor at the district hospital said", "A
        spokesperson for the ministry said" (``low``: the window case-folded)."""
        lex = self.lex
        if _ends_with_anon_tail(lex, low):
            return None  # the window ends with the source itself: see resolve_verb
        tail_from = max(0, len(low) - 70)
        for pm in reversed(list(_PLACE_PHRASE.finditer(low, tail_from))):
            p = pm.start()
            words = low[pm.end() :].split(" ")
            if (
                len(words) > 6
                or not _PLACE_STOPS.isdisjoint(words)
                or not all(map(_PLACE_WORD, words))
            ):
                break  # punctuation, a clause ("said that French officials") or too long
            if not _ends_with_anon_tail(lex, low, p):
                continue
            after = low[p:]
            if any(w in after for w in lex.anon_post_keys):
                am = lex.anon_end.search(window)  # "an official with knowledge of the talks"
                if am and am.group("post") and self._anon_ok(am):
                    return self.anonymous(am, base)
            am = lex.anon_end.search(window, 0, p)
            if am and self._anon_ok(am):
                sp = self.anonymous(am, base)
                if "(" not in sp.name:  # "officials at the Hellenic Fire Service": theirs
                    k = bisect.bisect_left(self.m_starts, base + p)
                    end = base + len(window)
                    if k < len(self.mentions) and self.mentions[k].end <= end:
                        m = self.mentions[k]
                        if m.actor_type != "person":
                            sp = sp._replace(name=f"{sp.name} ({m.actor})")
                return sp
        return None

    def _org_part(self, lo: int, e: int) -> _Speaker | None:
        """The organisation or country whose office speaks: "The Pentagon's press office",
        "The International Criminal Court's Office of the Prosecutor" (a possessive mention,
        then at most six words, one of them in ``org_parts``), else None."""
        text = self.text
        k = bisect.bisect_left(self.m_starts, max(lo, e - 120))
        for m in reversed(self.mentions[k : bisect.bisect_left(self.m_starts, e)]):
            if m.actor_type == "person" or not text.startswith(("’s ", "'s "), m.end):
                continue
            words = text[m.end + 3 : e].split()
            if (
                1 <= len(words) <= 6
                and not any(c in text[m.end : e] for c in ',;:“”"()')
                and any(w.lower() in self.lex.org_parts for w in words)
            ):
                return self.from_mention(m)
            return None
        return None

    def np_after(self, pos: int, hi: int) -> _Speaker | None:
        """The speaker written right after ``pos`` (inverted attribution: 'said Ed Arnold')."""
        text, lex = self.text, self.lex
        while pos < hi and text[pos] in " \t":
            pos += 1
        if pos >= hi:
            return None
        stop = pos
        while stop < hi and text[stop] not in ',;:.()“”"':
            stop += 1
        # a person mention inside the leading noun phrase wins ("said Foreign Ministry
        # spokeswoman Maria Zakharova"); else any mention that starts the phrase
        k = bisect.bisect_left(self.m_starts, pos)
        best = None
        while k < len(self.mentions) and self.mentions[k].start < min(stop, pos + 90):
            m = self.mentions[k]
            if m.actor_type == "person" and m.end <= stop + 1:
                best = m
            k += 1
        if best is not None and self._only_caps_between(pos, best.start):
            return self.from_mention(best)
        m = self.by_start.get(pos)
        if m is None and text.startswith(("The ", "the "), pos):
            m = self.by_start.get(pos + 4)  # "The UK and France, ..., say"
            if m is not None and m.actor_type == "person":
                m = None
        if m is not None:
            if text.startswith(("'s ", "’s "), m.end):
                # "Denmark's Competition Authority, which ..., said": the possessed actor
                owned = self.by_start.get(m.end + 3)
                if owned is not None and owned.end <= stop:
                    return self.from_mention(owned)
            return self.from_mention(m)
        window = text[pos : min(hi, pos + 160)]
        wm = _WORD.match(window)
        if wm and wm.group() in lex.pronoun:
            return self.pronoun(wm.group(), pos)
        if wm and wm.group() in _OBJECT_PRONOUNS and window[wm.end() : wm.end() + 1] in ",.;":
            # "According to her, ...": the object form, alone
            return self.pronoun(wm.group(), pos, _OBJECT_PRONOUNS[wm.group()])
        am = _AGE_DESCRIPTION.match(window)
        if am:  # "..., said the 34-year-old, who asked us not to use her full name"
            return self.described_person(am, pos)
        am = lex.anon_anaphora_start.match(window)
        if am:
            return self.anon_anaphora(am.group(), pos)
        am = lex.anaphora_start.match(window)
        if am:
            return self.resolve_anaphora(am.group(), pos)
        if lex.source_document is not None:
            dm = lex.source_document.match(window)
            if dm:  # "according to the latest data of the Hellenic Fire Service"
                return self.np_after(pos + dm.end(), hi)
        if lex.institution_start is not None:
            im = lex.institution_start.match(window)
            if im:  # "according to the fire service"
                return self.institution(im, pos)
        am = lex.anon_start.match(window)
        if am and self._anon_ok(am):
            return self.anonymous(am, pos)
        am = lex.anon_described_start.match(window)
        if am:  # "A senior army officer, who spoke on condition of anonymity, said"
            return self.anonymous(am, pos)
        nm = _NAME_START.match(window)
        if nm:
            toks = nm.group(1).split()
            i = 0
            while i < len(toks) and toks[i] in lex.titles:
                i += 1
            name_toks = toks[i:][:4]
            if name_toks:
                return self.name_speaker(name_toks, pos + window.find(name_toks[0]))
        return self.role_np(pos, stop, after=True)

    def _person_of_org(self, lo: int, e: int) -> _Speaker | None:
        """The person in 'NAME of|at|from [the] ORGANISATION' ending at ``e`` ("João Ferraz of
        the University of Coimbra", "Tom Baker of Barclays"), else None."""
        b = max(lo, e - 140)
        # a match ending at e ends with a whole run of non-spaces (after \s+): a capitalised
        # word or a small word of the name; any other last word ("officials said") rules it out
        last = self.text[b:e].rsplit(None, 1)[-1:]
        if not last or not ("A" <= last[0][0] <= "Z" or last[0] in _OF_ORG_LINKS):
            return None
        om = _OF_ORG.search(self.text, b, e)
        if om is None or om.end() != e:
            return None
        k = om.start()
        m = self.by_end.get(k)
        if m is not None:
            return self.from_mention(m) if m.actor_type == "person" else None
        sp = self.name_end(self.text[b:k], b)
        if sp is not None and sp.type == "person" and " " in sp.name:
            return sp
        return None

    def apposed_name(self, sp: _Speaker, hi: int) -> _Speaker | None:
        """The person named right after ``sp`` (a role or an unnamed source written after its
        verb) and a comma, the name ending there ("said the director of the agency, Ana dos
        Reis Tembe."): that person, else None."""
        text = self.text
        a = sp.pos + len(sp.surface)
        if not text.startswith(", ", a):
            return None
        b = a + 2
        m = self.by_start.get(b)
        if m is not None:
            if m.actor_type != "person" or text[m.end : m.end + 1] not in ("", *".,;:!?\n"):
                return None
            return self.from_mention(m)
        stop = b
        while stop < hi and text[stop] not in ',;:.()“”"\n':
            stop += 1
        toks = text[b:stop].split()
        particles = _actor_rules()["surname_particles"]
        while toks and toks[0] in self.lex.titles:
            toks = toks[1:]
        if (
            not 2 <= len(toks) <= 6
            or not toks[0][:1].isupper()
            or not toks[-1][:1].isupper()
            or not all(t[:1].isupper() or t.casefold() in particles for t in toks)
            or any(t.endswith(("’s", "'s")) for t in toks)
        ):
            return None
        if stop < hi and text[stop] == "." and len(toks[-1]) <= 2:
            return None  # an initial ("Ana M."), not the name's end
        return self.name_speaker(toks, text.find(toks[0], b, stop))

    def _only_caps_between(self, a: int, b: int) -> bool:
        return all(
            w[:1].isupper()
            or w.lower() in self.lex.anon_drop
            or w.casefold() in _actor_rules()["surname_particles"]  # "Ana dos Reis"
            or w in self.lex.female
            or w in self.lex.male
            for w in self.text[a:b].split()
        )

    def _anon_ok(self, m: re.Match) -> bool:
        mods = m.group("mods").split()
        noun = m.group("noun").lower()
        return bool(mods) or noun.endswith("s") or bool(m.group("post"))

    def anonymous(self, m: re.Match, base: int) -> _Speaker:
        noun = " ".join(m.group("noun").lower().split())
        words = m.group().split()
        if words and words[0].lower() == "the" and not m.group("post"):
            # "the Kremlin official": a person of the article, when one fits
            named = self.definite_person(words[1:], base + m.start(), m.group().strip())
            if named is not None:
                return named
            if noun in self.lex.document_nouns and len(words) == 2:
                # "The statement also said": whoever the article said issued it
                owner = self._issuer(noun, base + m.start(), m.group().strip())
                if owner is not None:
                    return owner
        name = self.lex.anon_nouns.get(noun, f"unnamed {noun}")
        quals = [
            _base_case(w)
            for w in m.group("mods").split()
            if w[:1].isupper() and w.lower() not in self.lex.anon_drop and w not in self.lex.titles
        ]
        if quals:
            name = f"{name} ({' '.join(quals)})"
        surface = m.group().strip()
        return _Speaker(name, "anonymous", surface, base + m.start(), noun=noun)

    def _issuer(self, noun: str, pos: int, surface: str) -> _Speaker | None:
        """Who issued the document ``noun`` that speaks at ``pos`` ("The Fed said in a
        statement ... The statement also said"): in the latest earlier sentence (within
        ``role_anaphora_reach``) that names the document, the named subject of its speech verb,
        else its first actor; else None."""
        si = self.sent_of(pos)
        lo = pos - self.lex.role_anaphora_reach
        word = re.compile(rf"\b{noun}\b", re.IGNORECASE)
        while si > 0:
            si -= 1
            a = self.sent_starts[si]
            b = self.sent_starts[si + 1]
            if b <= lo:
                break
            if word.search(self.text, a, b):
                for vm in _verbs_in(self, a, b):
                    sp = self.resolve_verb(vm.start(), vm.end(), a, b)
                    if sp is not None and sp.type not in ("anonymous", "unknown", "role"):
                        return sp._replace(surface=surface, pos=pos)
                k = bisect.bisect_left(self.m_starts, a)
                if k < len(self.mentions) and self.mentions[k].start < b:
                    m = self.mentions[k]
                    return _Speaker(
                        m.actor, m.actor_type, surface, pos, self.gender.get(m.actor, "")
                    )
                return None
        return None

    def anon_anaphora(self, phrase: str, pos: int) -> _Speaker:
        """'the person said' / 'one of the officials said': the last anonymous speaker."""
        singular = phrase.lower().startswith("one of") or not phrase.lower().endswith("s")
        earlier = [s for s in self._speakers_before(pos, 20) if s.type == "anonymous"]
        last = earlier[0] if earlier else None
        noun = phrase.lower().split()[-1].removesuffix("s")
        if noun not in ("person", "people", "source"):
            # "one of the diplomats": the latest unnamed diplomat, when another source spoke
            # since ("the person" and "the source" are anyone's)
            last = next((s for s in earlier if _anon_head(s.name) == noun), last)
        if last is None and singular and phrase.lower().startswith("the "):
            # no anonymous source to point back to: "the diplomat" after "Maria Zakharova"
            named = self.definite_person(phrase.split()[1:], pos, phrase)
            if named is not None:
                return named
        if last is None:
            noun = phrase.lower().split()[-1]
            name = self.lex.anon_nouns.get(noun, "unnamed source")
        else:
            name = last.name
        if singular:
            head, _, qual = name.partition(" (")
            if head.endswith("s") and head != "unnamed sources" or head == "unnamed sources":
                head = head[:-1]
            name = head + (f" ({qual}" if qual else "")
        return _Speaker(name, "anonymous", phrase, pos, noun=phrase.lower())

    def definite_person(
        self, words: Sequence[str], pos: int, surface: str, any_head: bool = False
    ) -> _Speaker | None:
        """The person a definite singular description after "the" names ("French president",
        "Kremlin official", "Russian top diplomat"): the most recent person mentioned within
        ``role_anaphora_reach`` characters before ``pos`` whose role words (gazetteer role and
        titles, and the words right around the mention) hold one of the head noun's (see
        ``quotes.yaml``), and whose country is the one a capitalised modifier names. None when
        the head is not listed or nobody fits."""
        lex = self.lex
        if not lex.role_anaphora or not words:
            return None
        low = " ".join(w.lower() for w in words)
        # the longest head that is ``low`` or ends it after a space: the longest such suffix
        # of ``low`` that is a head (two heads of one length cannot both end it)
        parts = low.split(" ")
        head = next(
            (h for h in (" ".join(parts[i:]) for i in range(len(parts))) if h in lex.role_heads),
            None,
        )
        if head is None and any_head and len(words[-1]) >= 4 and words[-1].isalpha():
            # an unlisted role noun ("the civil surgeon"): the person whose own title holds it
            head = words[-1].lower()
            keys = (low, head) if len(words) > 1 else (head,)
        elif head is None:
            return None
        else:
            keys = lex.role_heads[head]
        lo = max(0, pos - lex.role_anaphora_reach)
        if self._introduced_unnamed(head, lo, pos):
            return None  # "A U.S. official said ... the official added": that one, unnamed
        mods = [_base_case(w.strip(",.")) for w in words[: len(words) - len(head.split())]]
        places: set[str] = set()
        for w in mods:
            if w[:1].isupper():
                hits = self._lookup(w)
                if not hits:
                    return None  # a modifier we cannot place ("the Acme official")
                places.update(hits)
        k = bisect.bisect_left(self.p_ends, pos) - 1
        while k >= 0 and self.persons[k].start >= pos - lex.role_anaphora_reach:
            m = self.persons[k]
            k -= 1
            words_of = self._role_words(m)
            if not any(f" {key} " in words_of for key in keys):
                continue
            if any_head and not self._titled(m, head):
                continue  # an unlisted noun counts only as the person's written title
            if places and not (
                m.affiliation in places or any(f" {p.lower()} " in words_of for p in mods)
            ):
                continue
            return _Speaker(m.actor, m.actor_type, surface, pos, self.gender.get(m.actor, ""))
        if places or any_head:
            return None
        # beyond the reach: the article's only person of that role ("The Minister of ..., Mr
        # Nikos Kefalas, chaired ..." at the top of a release, "The Minister stated:" far below)
        fits = {
            m.actor: m
            for m in self.persons[: k + 1]
            if any(f" {key} " in self._role_words(m) for key in keys)
        }
        if len(fits) == 1:
            (m,) = fits.values()
            return _Speaker(m.actor, m.actor_type, surface, pos, self.gender.get(m.actor, ""))
        return None

    def _titled(self, m: Mention, noun: str) -> bool:
        """Is ``noun`` written capitalised in the title right before mention ``m`` ("Cox's
        Bazar Civil Surgeon Dr Asif ...")?"""
        line_start = self.text.rfind("\n", 0, m.start) + 1
        chain = self.text[max(line_start, m.start - 60) : m.start]
        return any(w.lower() == noun and w[:1].isupper() for w in re.findall(r"[\w’'-]+", chain))

    def _introduced_unnamed(self, head: str, lo: int, pos: int) -> bool:
        """Was a ``head`` introduced indefinitely in ``text[lo:pos]`` ("a U.S. official said"),
        other than in apposition to a named person ("Yelena Dorofeyeva, an expert at ...")?"""
        if not _may_hold(self.text, lo, pos, head):
            return False
        for im in _indefinite(head).finditer(self.text, lo, pos):
            j = im.start()
            while j > lo and self.text[j - 1] == " ":
                j -= 1
            if j > lo and self.text[j - 1] == ",":
                m = self.by_end.get(j - 1)
                if m is not None and m.actor_type == "person":
                    continue
            return True
        return False

    def definite_org(self, words: Sequence[str], pos: int, surface: str) -> _Speaker | None:
        """The organisation a definite description names ("the paramilitary group", "the
        agency"): its head noun is one of ``org_anaphora`` (``quotes.yaml``) and it was not
        introduced indefinitely ("a group of doctors ... the group"). The most recent
        organisation within ``role_anaphora_reach`` characters before ``pos`` whose name holds
        the head noun, else the most recent organisation; None when there is none."""
        lex = self.lex
        head = words[-1].lower().strip(",.") if words else ""
        if head not in lex.org_anaphora or any(
            w[:1].isupper() and not _HYPHEN_MODIFIER.fullmatch(w) for w in words
        ):
            return None  # ("the Kremlin official" and other named heads are people's; not
            # "the London-listed group")
        lo = max(0, pos - lex.role_anaphora_reach)
        if _may_hold(self.text, lo, pos, head) and _indefinite(head).search(self.text, lo, pos):
            return None
        k = bisect.bisect_left(self.m_starts, pos) - 1
        latest = None
        counts: dict[str, int] = {}
        while k >= 0 and self.mentions[k].start >= lo:
            m = self.mentions[k]
            k -= 1
            if m.actor_type != "organization":
                continue
            if head in m.actor.lower().split() or head.rstrip("s") in m.actor.lower().split():
                return _Speaker(m.actor, m.actor_type, surface, pos)
            latest = latest or m
            counts[m.actor] = counts.get(m.actor, 0) + 1
        if latest is None:
            return None
        # no name holds the noun ("the company said"): the organisation the article has named
        # most within reach, the latest of those
        top = max(counts.values())
        if counts[latest.actor] < top:
            k = bisect.bisect_left(self.m_starts, pos) - 1
            while k >= 0:
                m = self.mentions[k]
                k -= 1
                if m.actor_type == "organization" and counts.get(m.actor) == top:
                    latest = m
                    break
        return _Speaker(latest.actor, latest.actor_type, surface, pos)

    def _lookup(self, word: str) -> set[str]:
        """The countries/organisations a modifier names ("French" -> France)."""
        try:
            return {a for a, _ in self.gaz.lookup(word)} if self.gaz is not None else set()
        except Exception:  # noqa: BLE001 - a gazetteer without .lookup: no modifiers placed
            return set()

    def _role_words(self, m: Mention) -> str:
        """:meth:`_read_role_words`, once per mention."""
        key = (m.start, m.end, m.actor)
        words = self._role_cache.get(key)
        if words is None:
            words = self._role_cache[key] = self._read_role_words(m)
        return words

    def _read_role_words(self, m: Mention) -> str:
        """Lowercased words that say what the person of mention ``m`` is: the gazetteer role and
        titles, the few words before the mention ("Kremlin Spokesman Dmitry Peskov") and an
        apposition after it ("Maria Zakharova, the ministry's spokeswoman,")."""
        parts = [m.role or ""]
        entry = self.gaz.get(m.actor) if self.gaz is not None and hasattr(self.gaz, "get") else None
        if entry is not None:
            parts.extend(getattr(entry, "titles", ()) or ())
        # the title chain right before the mention: capitalised words and role words, back to
        # the first other word ("... met Keir Starmer": nothing; "Kremlin Spokesman ...")
        line_start = self.text.rfind("\n", 0, m.start) + 1
        chain: list[str] = []
        for w in reversed(self.text[max(line_start, m.start - 60) : m.start].split()[-5:]):
            if not (w[:1].isupper() or w.lower() in self.lex.role_vocab):
                break
            chain.append(w)
        parts.append(" ".join(reversed(chain)))
        j = m.start
        hm = _HONORIFIC_END.search(self.text, max(line_start, j - 12), j)
        if hm is not None:
            j = hm.start()  # ", Mr Nikos Kefalas"
        if self.text.startswith(", ", j - 2):
            # an apposition before the name: "Bangladesh's minister, Enamul Haque Bhuiyan,"
            # (up to 100 characters: "the chair of the National Water and Sewerage
            # Regulatory Authority (“the Authority”), Ms ...")
            lo = max(line_start, j - 102)
            seg = self.text[lo : j - 2]
            cut = max(seg.rfind(","), seg.rfind(". "), seg.rfind(";"))
            parts.append(seg[cut + 1 :])
        after = self.text[m.end : m.end + 80]
        if after.startswith(","):
            parts.append(after[1:].split(",")[0].split(". ")[0])  # to the sentence's end at most
        # words between single spaces, so that a role word matches whole words only
        return " " + " ".join(_ROLE_TOKEN.findall(" ".join(parts).lower())) + " "

    def resolve_anaphora(self, phrase: str, pos: int) -> _Speaker | None:
        spec = self.lex.anaphora.get(" ".join(phrase.lower().split()))
        if isinstance(spec, str):
            return _Speaker(spec, self._gaz_type(spec, "organization"), phrase, pos)
        if not isinstance(spec, dict):
            return None
        types = set(spec.get("types", []))
        k = bisect.bisect_left(self.m_starts, pos) - 1
        stop = max(-1, k - 200)  # look back at most 200 mentions: linear in the text
        seen: dict[str, int] = {}  # country -> mentions so far (from the latest back)
        latest = None
        while k > stop:
            m = self.mentions[k]
            role = (m.role or "").lower()
            if m.actor_type in types or role in types:
                if m.actor_type != "country":
                    return _Speaker(m.actor, m.actor_type, phrase, pos)
                latest = latest or m
                seen[m.actor] = seen.get(m.actor, 0) + 1
            k -= 1
        if latest is not None:
            # "the government": the country the article is about (named most so far, the first
            # named of those), not the last one named ("Greece asked for help. Sweden and
            # Germany sent planes. The government says ..." is Greece's)
            top = max(seen.values())
            if len(seen) > 1:
                latest = next(
                    m
                    for m in self.mentions[stop + 1 : bisect.bisect_left(self.m_starts, pos)]
                    if m.actor_type == "country" and seen.get(m.actor) == top
                )
            return _Speaker(latest.actor, latest.actor_type, phrase, pos)
        fb = spec.get("fallback")
        if fb:
            return _Speaker(fb, self._gaz_type(fb, "organization"), phrase, pos)
        return None

    def _gaz_type(self, name: str, default: str) -> str:
        if self.gaz is None:
            return default
        try:
            entry = self.gaz.get(name)
        except Exception:  # noqa: BLE001
            return default
        return str(getattr(entry, "type", "") or default) if entry is not None else default

    def name_end(self, window: str, base: int) -> _Speaker | None:
        # A name is at most 6 tokens without spaces, separated by spaces, ending the window:
        # it starts within the last 6 runs of non-space characters (the search tries no
        # earlier position).
        runs = window.rsplit(None, 6)
        nm = _NAME_END.search(window, len(runs[0]) if len(runs) == 7 else 0)
        if not nm:
            return None
        toks = nm.group(1).split()
        if len(toks) >= 2 and toks[-1] in _org_heads():
            # an organisation's name ("The National Police Service said"): its words are no
            # titles ("National", "Security"), and it is no person
            if toks[0] in ("The", "A", "An"):
                toks = toks[1:]
            if len(toks) >= 2:
                name = " ".join(toks)
                pos = base + nm.end(1) - len(name)
                return _Speaker(name, self._gaz_type(name, "organization"), name, pos)
        out: list[str] = []
        for t in reversed(toks):
            if t in self.lex.titles or (t.endswith(".") and len(t) <= 5 and t[-2:-1].isupper()):
                break
            if len(out) >= 2 and 3 <= len(t) <= 4 and t.isupper() and t.isalpha():
                break  # a rank's abbreviation before a full name ("ASP Ana Lima")
            out.append(t)
            if len(out) == 4:
                break
        if not out or not out[-1][:1].isupper():
            return None
        out.reverse()
        return self.name_speaker(out, base + nm.end(1) - len(" ".join(out)))

    def name_speaker(self, toks: list[str], pos: int) -> _Speaker | None:
        """A speaker known only by the name as written (no actor mention covers it)."""
        if any(t.endswith(("’s", "'s")) for t in toks[:-1]):
            # a possessive inside: a place or a thing ("Cox’s Bazar", "St John’s Wood")
            typ = self._gaz_type(" ".join(toks), "unknown")
            return _Speaker(" ".join(toks), typ, " ".join(toks), pos) if typ != "unknown" else None
        toks = [t[:-2] if t.endswith(("’s", "'s")) else t for t in toks]
        if toks and len(toks[-1]) > 2 and toks[-1].endswith("."):
            toks[-1] = toks[-1][:-1]
        name = " ".join(toks)
        if len(toks) == 1:
            hit = self.surnames.get(name) or self.inner_surnames.get(name)
            if hit is not None:
                return _Speaker(hit[0], hit[1], name, pos, self.gender.get(hit[0], ""))
            typ = self._gaz_type(name, "unknown")
            return _Speaker(name, typ, name, pos)
        self._learn_person(name, pos, "person")
        return _Speaker(name, "person", name, pos, self.gender.get(name, ""))

    def role_np(self, lo: int, e: int, *, after: bool = False) -> _Speaker | None:
        """A subject described by its role: 'The head of Germany's soldiers' union'."""
        seg = self.text[lo:e].strip()
        if not after:
            # only the clause's own subject: from the last clause break
            cut = max(seg.rfind(", "), seg.rfind("; "), seg.rfind(" — "))
            seg = seg[cut + 2 :].strip() if cut >= 0 else seg
            # ... and after a sentence adverb or a conjunction ("But the prime minister")
            first, _, rest = seg.partition(" ")
            if rest and first.lower().strip(",") in self.lex.not_subjects:
                seg = rest.strip()
            # ... and after a time clause ("a day after European leaders said")
            # (the word first: the search tries every start, and .* every end, of the segment)
            cm = _SUBORDINATE_CUT.search(seg) if _SUBORDINATOR.search(seg) else None
            if cm is not None:
                seg = seg[cm.end() :].strip()
        words = seg.split()
        possessive = words[:1] and words[0][:1].isupper() and words[0].endswith(("’s", "'s"))
        bare_plural = (  # "European leaders said", "Western diplomats say"
            2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words[:-1])
            and words[-1].islower()
            and words[-1].endswith("s")
            and words[-1] in self.lex.role_nouns
        )
        if not (2 <= len(words) <= 8) or not (
            words[0] in ("The", "the", "A", "a", "An", "an") or possessive or bare_plural
        ):
            return None
        if any(w.lower() in self.lex.kind for w in words):
            return None
        if words[0].lower() == "the":  # "the paramilitary group": an organisation of the article?
            named = self.definite_org(words[1:], e - len(seg), seg)
            if named is not None:
                return named
        if not any(_base(w) in self.lex.role_nouns for w in words):
            return None
        name = " ".join(words[1:]) if words[0].lower() == "the" else seg
        if words[0].lower() == "the":  # "the French president": a person of the article?
            named = self.definite_person(words[1:], e - len(seg), seg)
            if named is not None:
                return named
        return _Speaker(name, "role", seg, e - len(seg))

    def _person_between(self, a: int, b: int) -> bool:
        """Is a person mentioned in ``text[a:b]``?"""
        k = bisect.bisect_left(self.p_ends, a + 1)
        return k < len(self.persons) and self.persons[k].start < b and self.persons[k].start > a

    def described_person(self, m: re.Match, pos: int) -> _Speaker | None:
        """A person described, not named ("the 34-year-old", "the 52-year-old teacher"): the
        one a pronoun there would be, of the noun's gender when it has one."""
        noun = (m.group("noun") or "").lower()  # gender hints: "woman", "father", ...
        kind = (
            "female" if noun in self.lex.female else "male" if noun in self.lex.male else "person"
        )
        return self.pronoun(m.group(), pos, kind)

    def pronoun(self, word: str, pos: int, kind: str | None = None) -> _Speaker | None:
        """'he'/'she' -> the last speaker (same or previous paragraph) or most recent person
        (``kind`` "person": either gender)."""
        kind = kind or self.lex.pronoun[word]
        if kind == "author":
            t = bisect.bisect_right(self.turn_starts, pos) - 1
            if t >= 0 and pos < self.turn_spans[t][1]:
                # "I", "we" in a transcript turn: its speaker ("JONES: We said no.")
                return self.turn_speakers[t]._replace(surface=word, pos=pos)
            return _Speaker(AUTHOR, "author", word, pos)
        para = self.para_of(pos)
        floor = self.entry_floor(pos)
        if kind in ("male", "female", "person"):
            bad = {"male": "f", "female": "m"}.get(kind, "?")
            for s in self._speakers_before(pos):
                if self.para_of(s.pos) < para - 1 or s.pos < floor:
                    break
                if s.type == "person" and s.gender != bad:
                    # a person who is the subject of a later sentence takes over ("Starmer
                    # said X. Then the chancellor, Friedrich Merz, arrived. He said Y.")
                    newer = self._newer_subject(s, pos, bad)
                    if newer is not None:
                        return _Speaker(newer.actor, newer.actor_type, word, pos,
                                        self.gender.get(newer.actor, ""))  # fmt: skip
                    return _Speaker(s.name, s.type, word, pos, s.gender)
                if (
                    s.type == "anonymous"
                    and not s.name.split(" (")[0].endswith("s")  # one person, not "sources"
                    and not self._person_between(s.pos, pos)
                ):
                    # "a resident who asked not to be named told Al Jazeera ... “...,” she said"
                    return _Speaker(s.name, s.type, word, pos, s.gender, s.noun)
                break
            k = bisect.bisect_left(self.p_ends, pos) - 1
            stop = max(-1, k - 200)
            while k > stop and self.persons[k].start >= floor:
                m = self.persons[k]
                if self.gender.get(m.actor, "") != bad:
                    return _Speaker(m.actor, m.actor_type, word, pos, self.gender.get(m.actor, ""))
                k -= 1
            for s in self._speakers_before(pos):  # discovered names are not mentions
                if s.pos < floor:
                    break
                if s.type == "person" and s.gender != bad:
                    return _Speaker(s.name, s.type, word, pos, s.gender)
            return None
        if kind == "nonperson":
            for s in self._speakers_before(pos):
                if s.type not in ("person", "anonymous", "unknown"):
                    if self.para_of(s.pos) >= para - 1:
                        return _Speaker(s.name, s.type, word, pos)
                    break
            k = bisect.bisect_left(self.m_starts, pos) - 1
            while k >= 0 and self.mentions[k].start >= pos - 400:
                m = self.mentions[k]
                if m.actor_type != "person":
                    return _Speaker(m.actor, m.actor_type, word, pos)
                k -= 1
            return None
        # plural "they": the subject of the sentence, else the last plural speaker
        si = self.sent_of(pos)
        s = self.sents[si] if self.sents else None
        if s is not None and pos > s.start + 2:
            subj = self.sentence_subject(s.start, pos)
            if subj is not None:
                return _Speaker(subj.name, subj.type, word, pos)
        for sp in self._speakers_before(pos):
            if sp.type != "person":
                return _Speaker(sp.name, sp.type, word, pos)
        return None

    def _newer_subject(self, speaker: _Speaker, pos: int, bad: str) -> Mention | None:
        """The person who is the subject of the latest sentence between ``speaker``'s
        sentence and ``pos`` (that sentence's text before ``pos``), if it is another person
        of a gender other than ``bad``; else None. Sentences are read latest first and the
        first one with a person subject decides."""
        first, last = self.sent_of(speaker.pos), self.sent_of(pos)
        for si in range(last, first, -1):
            s = self.sents[si]
            m = self._subject_person(s.start, min(s.end, pos))
            if m is None:
                continue
            if m.actor == speaker.name or self.gender.get(m.actor, "") == bad:
                return None
            return m
        return None

    def _subject_person(self, lo: int, hi: int) -> Mention | None:
        """The first person mention in ``text[lo:hi]`` when it is the clause's subject: at
        the start, after an opening phrase and comma ("At the summit, Merz ...", "Then the
        German chancellor, Friedrich Merz, ..."), or after title words ("Defence Minister Jane
        Doe"); not after a pronoun or a speech verb, nor with a possessive ("Merz's aide")."""
        k = bisect.bisect_left(self.m_starts, lo)
        while k < len(self.mentions) and self.mentions[k].start < hi:
            m = self.mentions[k]
            k += 1
            if m.actor_type == "person":
                break
        else:
            return None
        if self.text[m.end : m.end + 2] in ("'s", "’s"):
            return None
        prefix = self.text[lo : m.start]
        words = [w.lower() for w in _WORD.findall(prefix)]
        if len(words) > 8:
            return None
        lex = self.lex
        if any(w in lex.pronoun or w in lex.kind or w in _AUXILIARIES for w in words):
            return None
        stripped = prefix.rstrip()
        if not words or stripped.endswith(","):
            return m
        if prefix.endswith(" ") and any(_base(w) in lex.role_nouns for w in words):
            return m
        return None

    def sentence_subject(self, lo: int, hi: int) -> _Speaker | None:
        """The subject noun phrase at the start of ``text[lo:hi]`` (up to a comma or a verb)."""
        text = self.text
        seg_end = lo
        for wm in _WORD.finditer(text, lo, hi):
            w = wm.group()
            if (
                w.lower() in self.lex.aux
                or w.lower() in self.lex.kind
                or (w.islower() and w.endswith("ed"))
            ):
                break
            seg_end = wm.end()
            nxt = text[wm.end() : wm.end() + 1]
            if nxt in ",;—(":
                break
        if seg_end <= lo:
            return None
        m = self.by_end.get(seg_end)
        if m is not None:
            return self.from_mention(m)
        seg = text[lo:seg_end]
        words = seg.split()
        if 1 <= len(words) <= 6 and any(_base(w) in self.lex.role_nouns for w in words):
            return _Speaker(seg, "role", seg, lo)
        return None

    def clause_subject(self, lo: int, hi: int) -> _Speaker | None:
        """Subject of the main clause in ``text[lo:hi]``: a mention followed by its verb.

        Used for 'X agreed, adding that ...' and 'X walked back ... and said ...'.
        """
        text = self.text
        k = bisect.bisect_left(self.m_starts, lo)
        best = None
        while k < len(self.mentions) and self.mentions[k].start < hi:
            m = self.mentions[k]
            k += 1
            if m.end > hi:
                break
            if m.rule == "demonym":
                continue
            after = m.end
            am = (
                _BRACKETED_ACRONYM.match(text, after + 1)
                if text[after : after + 2] == " ("
                else None
            )
            if am is not None:  # "The Rapid Support Forces (RSF) on Thursday acknowledged"
                after = am.end()
            adv = self.lex.adverbials.match(text, after)  # "The Fed on Wednesday approved"
            if adv is not None and adv.end() > after:
                after = adv.end()
            if _RELATIVE_AFTER.match(text, after) and not text[lo : m.start].strip():
                best = m  # "Trump, who is on a visit to Britain, has ... and has called"
                break
            wm = _WORD.search(text, after, min(hi, after + 40))
            if wm is None:
                continue
            gap = text[after : wm.start()].strip(" \t")
            if gap and not (gap == "," and _APPOSED.fullmatch(text, lo, m.start)):
                continue  # (but "The minister, Thijs van Leeuwen, urged ...": the apposition)
            w = wm.group()
            if w.islower() and w not in _FUNCTION_WORDS:
                # the first: the main clause's ("Trump has ruled out US troops"); an
                # organisation before a title and a name is the person's ("RSF leader X")
                best = self._titled_person(k - 1, hi) or m
                break
        if best is not None:
            if best.actor_type != "person":
                owner = self._person_of_org(lo, best.end)  # "Ricardo Paixão of Banco X put it"
                if owner is not None:
                    return owner
            return self.from_mention(best)
        seg = text[lo:hi].lstrip()
        at = lo + (len(text[lo:hi]) - len(seg))
        wm = _WORD.match(seg)
        if wm and wm.group() in self.lex.pronoun:
            return self.pronoun(wm.group(), at)
        am = self.lex.anon_start.match(seg)  # "A senior diplomat was blunter, saying ..."
        if am and self._anon_ok(am):
            return self.anonymous(am, at)
        am = self.lex.anon_described_start.match(seg)  # "A fund manager was less generous"
        if am:
            return self.anonymous(am, at)
        return None

    def speaking_role(self, lo: int, hi: int) -> _Speaker | None:
        """The role subject of a clause that opens with it and a speech verb: "The minister
        said the plan was sound" (for a verb coordinated later: ", and added ...")."""
        for wm in _WORD.finditer(self.text, lo, hi):
            w = wm.group().lower()
            if w in self.lex.aux:
                return None
            if w in self.lex.kind:
                speech = self.lex.kind[w] == "speech"
                return self.role_np(lo, wm.start()) if speech and wm.start() > lo else None
        return None

    def _titled_person(self, k: int, hi: int) -> Mention | None:
        """The person named right after mention ``k`` and a few title words ("RSF leader
        Mohamed Hamdan Dagalo", "Kremlin spokesman Dmitry Peskov"), when ``k`` is no person."""
        m = self.mentions[k]
        if m.actor_type == "person" or k + 1 >= len(self.mentions):
            return None
        nxt = self.mentions[k + 1]
        if nxt.actor_type != "person" or nxt.end > hi or nxt.start - m.end > 40:
            return None
        between = self.text[m.end : nxt.start]
        if any(c in between for c in ',;:()“”"') or not 1 <= len(between.split()) <= 4:
            return None
        return nxt

    def opening_person(self, lo: int, hi: int) -> _Speaker | None:
        """The person named at the start of ``text[lo:hi]`` after title words only ("Danish
        Prime Minister Mette Frederiksen, whose ..., was blunter", "Italian Prime Minister
        Giorgia Meloni's position was"), else None."""
        k = bisect.bisect_left(self.m_starts, lo)
        while k < len(self.mentions) and self.mentions[k].start < hi:
            m = self.mentions[k]
            k += 1
            if m.actor_type != "person":
                continue
            if self._only_caps_between(lo, m.start):
                return self.from_mention(m)
            return None
        return None

    # ---- verbs
    def skip_aux_back(self, lo: int, pos: int) -> int:
        """Move left from ``pos`` over spaces and auxiliaries/adverbs ('has also')."""
        text, lex = self.text, self.lex
        e = pos
        for _ in range(6):
            k = e
            while k > lo and text[k - 1] in " \t":
                k -= 1
            if k > lo and text[k - 1] == ")":
                # an acronym in brackets after the name: "The World Food Programme (WFP) said"
                o = text.rfind("(", max(lo, k - 12), k)
                if o > lo and _BRACKETED_ACRONYM.fullmatch(text, o, k):
                    e = o
                    continue
            ws = _word_back(text, max(lo, k - 30), k)
            word = text[ws:k] if ws >= 0 else ""
            last = word.lower()
            if ws >= 0 and last.strip(".") in lex.aux:
                e = ws
                continue
            if ws >= 0 and k - ws >= 6 and word.islower() and word.endswith(_ADVERB_ENDS):
                e = ws  # "The Group currently estimates", "officials privately conceded"
                continue
            # "Zakharova on Thursday called", "Hegseth last week told" (the regex only when the
            # word before is one an adverbial can end with: it is tried at every position)
            if last in lex.adverbial_ends or last.isdigit():
                am = lex.adverbials_end.search(text, max(lo, k - 60), k)
                if am is not None and am.start() > lo:
                    e = am.start()
                    continue
            return k
        return e

    def resolve_verb(self, vs: int, ve: int, lo: int, hi: int) -> _Speaker | None:
        """Who is the subject of the speech verb at ``vs:ve`` (clause bounds ``lo:hi``)?"""
        text = self.text
        if text.startswith(" to ", ve) and text[vs:ve].lower().startswith("add"):
            return None  # "farmers adding to the strain", "it added to the pressure": no speech
        kind = self.lex.kind.get(_verb_key(text[vs:ve]), "speech")
        if kind in _PARTICIPLES:
            wm = _WITH_ABSOLUTE.search(text, max(lo, vs - 100), vs)
            if wm is not None:  # "with chair Jay Powell describing it as ...": Powell's
                sp = self.np_before(wm.start("np"), wm.end("np"))
                # ... and nobody's when no speaker stands there ("with the crowd calling",
                # "with a court ruling adding to the strain")
                return sp if sp is not None and sp.type not in ("role", "unknown") else None
            c = text.rfind(",", lo, vs)
            return self.clause_subject(lo, c) if c > lo else None
        j = vs  # the last character of text[lo:vs].rstrip(), if any
        while j > lo and text[j - 1].isspace():
            j -= 1
        if j <= lo or text[j - 1] in ',”"’:—–':
            if j > lo and text[j - 1] == ",":
                sp = self._interrupted_subject(lo, j - 1, ve, hi)
                if sp is not None:
                    return sp
            # ("..., X told TASS": the one told is no speaker)
            sp = None if _verb_key(text[vs:ve]) in _TOLD else self.np_after(ve, hi)
            if sp is not None and sp.type in ("role", "anonymous"):
                # "..., said the director of the agency, Ana Ruiz.": the name in apposition
                sp = self.apposed_name(sp, hi) or sp
            if sp is not None and not self._pronoun_opens_clause(sp, hi):
                return sp
        e = self.skip_aux_back(lo, vs)
        before = text[max(lo, e - 5) : e]
        if before.endswith(" and") or before.endswith(" but"):
            return (
                self._relative_subject(lo, e)
                or self.clause_subject(lo, e)
                or self.speaking_role(lo, e)
            )
        if before.endswith((" who", " which")):
            # "John Smith, who said ...", "according to a person familiar with the matter,
            # who said ...": the relative pronoun's antecedent before the comma
            k = text.rfind(",", max(lo, e - 8), e)
            if (
                k > lo
                and text[k + 1 : e].strip() in ("who", "which")
                and not _ANONYMITY_ASIDE.match(text, k + 1, ve)  # "who asked not to be named"
            ):
                sp = self.np_before(lo, k)
                if sp is not None:
                    return sp
        if before.endswith(" that"):
            # "the Union of Bakers, a group that says it ...": a relative clause of a described
            # appositive; the speaker is the name before it, not "a group that"
            t = e - 5
            c = text.rfind(",", max(lo, t - 60), t)
            if c > lo and text[c + 1 : t].split()[:1] in (["a"], ["an"], ["the"]):
                sp = self.np_before(lo, c)
                if sp is not None and sp.type != "role":
                    return sp
            return self.np_before(lo, t)
        return self.np_before(lo, e)

    def _relative_subject(self, lo: int, e: int) -> _Speaker | None:
        """The person a relative clause is about, when the verb ending the coordination at
        ``e`` belongs to it: "... by President Donald Trump, who is on a state visit and has
        derided Powell as ..." -> Trump. None without such a clause."""
        k = max(self.text.rfind(", who ", lo, e), self.text.rfind(", who’s ", lo, e))
        if k < 0 or any(c in self.text[k + 2 : e] for c in ',;:“”"()'):
            return None
        m = self.by_end.get(k)
        return self.from_mention(m) if m is not None and m.actor_type == "person" else None

    def _pronoun_opens_clause(self, sp: _Speaker, hi: int) -> bool:
        """Is ``sp`` a pronoun that opens the reported clause ("..., said he expects the Fed
        to ...") rather than an inverted speaker ("..., said he.")?"""
        if sp.surface.lower() not in self.lex.pronoun:
            return False
        rest = self.text[sp.pos + len(sp.surface) : hi].lstrip()
        return rest[:1].isalpha()

    def _has_clause_marker(self, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` holds a word that makes it a clause (``clause_markers``, a
        negation in n't, or a lower-case word of five or more letters ending in -ed)."""
        markers = self.lex.clause_markers
        for wm in _WORD.finditer(self.text, a, b):
            w = wm.group()
            lw = w.lower()
            if lw in markers or lw.endswith(("n't", "n’t")):
                return True
            if w.islower() and len(w) >= 5 and w.endswith("ed"):
                return True
        return False

    def _interrupted_subject(self, lo: int, comma: int, ve: int, hi: int) -> _Speaker | None:
        """The subject of 'SUBJECT, <aside>, VERB CLAUSE' (``comma``: the comma before the
        verb ending at ``ve``), or None when the sentence is not of that shape.

        The shape: at least two commas before the verb, a first segment of at most eight words
        that is no clause ("The head of the UME", "Ana López", "Two diplomats"), and words
        after the verb that are a clause ("... said the army would help"). Without it, a verb
        after a comma is an inverted attribution ("The talks failed, said Smith")."""
        text = self.text
        first = text.find(",", lo, comma)
        if first < 0:
            return None
        seg = text[lo:first].strip()
        words = seg.split()
        if not 1 <= len(words) <= 8 or not seg[:1].isupper():
            return None
        if seg.lower() in self.lex.not_subjects or words[0] in self.lex.subordinators:
            return None
        if self._has_clause_marker(lo, first):
            return None
        stop = ve
        while stop < hi and (
            text[stop] not in ',;:()“”"' or text[stop + 1 : stop + 2].isdigit()  # "3,000"
        ):
            stop += 1
        wm = _WORD.search(text, ve, stop)
        opens_clause = wm is not None and wm.group().lower() in self.lex.pronoun  # "said he ..."
        if not opens_clause and not self._has_clause_marker(ve, stop):
            return None
        sp = self.np_after(lo, first)
        if sp is None or sp.pos >= first:
            return None
        if sp.type != "person":
            # "RSF leader Mohamed Hamdan Dagalo, known as Hemedti, said": the segment ends with
            # a person's name, whose title holds the organisation
            j = first
            while j > lo and text[j - 1].isspace():
                j -= 1
            m = self.by_end.get(j)
            if m is not None and m.actor_type == "person" and m.start > sp.pos:
                return self.from_mention(m)
        possessed = text.startswith(("’s ", "'s "), sp.pos + len(sp.surface))
        if (sp.type != "person" or possessed) and self._only_caps_between(first + 1, comma):
            # "The head of the UME, General Javier Marcos, said ...", "Odera's lead counsel,
            # Lucy Karanja, argues ...": the name in apposition
            named = self.np_after(first + 1, comma)
            if named is not None and named.type == "person" and named.pos < comma:
                return named
        return sp

    def conjunct_before(self, sp: _Speaker, lo: int) -> _Speaker | None:
        """The actor joined to speaker ``sp`` by "and" right before it ("Finland and the
        Baltic states"), when ``sp`` is an actor mention too."""
        if self.by_start.get(sp.pos) is None:
            return None
        j = sp.pos
        while j > lo and self.text[j - 1].isspace():
            j -= 1
        if j - 3 <= lo or self.text[j - 3 : j] != "and" or not self.text[j - 4].isspace():
            return None
        j -= 4
        while j > lo and self.text[j - 1].isspace():
            j -= 1
        m = self.by_end.get(j)
        if m is None or m.actor == sp.name:
            return None
        return self.from_mention(m)

    def speaker_since(self, lo: int, pos: int) -> _Speaker | None:
        """The latest speaker resolved between ``lo`` and ``pos`` (a quote of the sentence)."""
        return next((sp for sp in self._speakers_before(pos, 1) if sp.pos >= lo), None)

    def _speakers_before(self, pos: int, limit: int = 50):
        """Resolved speakers written before ``pos``, most recent first (at most ``limit``)."""
        k = bisect.bisect_left(self.sp_pos, pos)
        return reversed(self.speakers[max(0, k - limit) : k])

    def remember(self, sp: _Speaker) -> None:
        k = bisect.bisect_right(self.sp_pos, sp.pos)
        self.sp_pos.insert(k, sp.pos)
        self.speakers.insert(k, sp)
        if sp.type == "person" and sp.name not in self.gender:
            self._learn_person(sp.name, sp.pos, "person")


@functools.cache
def _org_heads() -> frozenset[str]:
    """The head words that end an organisation's name (``org_heads`` of the actor rules:
    "Service", "Commission", "Network")."""
    return frozenset(_actor_rules()["org_heads"])


_ROLE_TOKEN = re.compile(r"[\w.-]+")
#: A clause's subject before a name set off by commas: "The Dutch infrastructure minister, ",
#: "His Belgian counterpart, Mobility Minister ".
_APPOSED = re.compile(r"\s*[^\W\d][^,;:.“”\"]{0,60},\s+(?:[A-Z][\w.’'-]*\s+){0,3}")
#: Where a new coordinated clause starts: ", and", ", but", "; ".
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s|;\s")
#: A subordinate clause after a quote: '"legitimate targets," a day after leaders said'.
_LATER_CLAUSE = re.compile(
    r"[\s,]*(?:[\w’'-]+\s+){0,3}?(?:after|before|when|since|until|because)\s", re.IGNORECASE
)
#: A subordinate clause ending before a subject: "a day after European leaders said".
_SUBORDINATE_CUT = re.compile(r".*\b(?:after|before|since|until|when|while|as|because|than)\s+")
#: What any match of _SUBORDINATE_CUT holds.
_SUBORDINATOR = re.compile(r"\b(?:after|before|since|until|when|while|as|because|than)\s")


@functools.lru_cache(maxsize=256)
def _indefinite(head: str) -> re.Pattern:
    """An indefinite introduction of ``head`` ("a U.S. official", "two senior officials")."""
    return re.compile(
        rf"\b(?i:a|an|one|two|three|four|several|some)\s+(?:[\w.’'-]+\s+){{0,3}}?"
        rf"(?i:{re.escape(head)})s?\b"
    )


def _may_hold(text: str, lo: int, hi: int, word: str) -> bool:
    """False when ``(?i:word)`` (``word`` escaped) cannot match in ``text[lo:hi]``: an ASCII
    ``word`` that the stretch, case-folded as re.IGNORECASE compares ASCII (claims._fold), does
    not hold. A cheap test before a search of the whole stretch."""
    if not word.isascii():
        return True
    low = _fold(text[lo:hi])
    return low is None or word.lower() in low


@functools.lru_cache(maxsize=4096)
def _verb_key(verb: str) -> str:
    """A matched speech verb as a key of ``_Lex.kind``: lowercased, single spaces."""
    return " ".join(verb.lower().split())


def _base_case(word: str) -> str:
    """``word`` without a possessive ending, case kept ("UN’s" -> "UN")."""
    return word[:-2] if word.endswith(("’s", "'s")) else word


def _base(word: str) -> str:
    """Lowercased word without a possessive ending ("Germany’s" -> "germany")."""
    w = word.lower().strip(",.;:")
    return w[:-2] if w.endswith(("’s", "'s")) else w.rstrip("’'")


#: Object pronouns standing alone after "according to", with the person they point to.
_OBJECT_PRONOUNS = {"her": "female", "him": "male", "Her": "female", "Him": "male"}

#: An aside that keeps a source unnamed: "who asked not to be named", "who spoke on condition
#: of anonymity", "who was not authorised to speak".
_ANONYMITY_ASIDE = re.compile(
    r"\s*(?:who|because (?:he|she|they))\s+(?:asked|spoke|declined|requested|was not|were not|"
    r"is not|are not|did not want)\b"
)

#: "the civil surgeon", "the minister": a definite description in lower-case words.
_DEFINITE_ROLE_END = re.compile(r"(?<![\w’'-])[Tt]he (?P<words>(?:[a-z]+[ -]){0,2}[a-z]+)$")
_LOWER_END = tuple("abcdefghijklmnopqrstuvwxyz")
#: A role of an organisation before the organisation's name: "The Chief of the ".
_ROLE_OF_END = re.compile(r"(?<![\w’'-])[Tt]he (?P<words>(?:[\w-]+ ){0,2}?[\w-]+) of (?:the )?$")
#: An honorific or a rank right before a name: "Mr ", "Dr. ", "Lt. Gen. ".
_HONORIFIC_END = re.compile(
    r"(?<![\w.])(?:(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Adm|Brig|Sgt)\.? ){1,2}$"
)
#: Endings of adverbs of manner or time before a verb ("currently", "reluctantly").
_ADVERB_ENDS = ("ally", "ently", "antly", "ously", "ively", "edly", "ately", "ingly", "fully")
#: A capitalised modifier that describes, not names: "London-listed", "Paris-based".
_HYPHEN_MODIFIER = re.compile(r"[A-Z][\w’'.]*-[a-z][\w-]*")
#: The last letters an institution's name ends with (a cheap check before its regex).
_INST_TAILS = ("police", "army", "military", "navy", "force", "forces", "guard", "service",
               "brigade", "department", "prosecutors", "office", "customs")  # fmt: skip
#: Where a phrase of place or affiliation after an unnamed source starts ("an aid worker in
#: Dhaka", "a spokesperson for the ministry"), and what such a phrase never holds.
_PLACE_AFTER = re.compile(r" (?:in|at|from|near|outside) $")  # right before a place's name
_PLACE_PHRASE = re.compile(r" (?:in|at|of|for|from|with|on) (?=\S)")
_PLACE_STOPS = frozenset(
    ["that", "who", "which", "whom", "whose", "and", "but", "or", "said", "says", "told"]
)
_PLACE_WORD = re.compile(r"[\w’'.\-]+").fullmatch

#: Verbs whose object is the one spoken to, never the speaker.
_TOLD = frozenset({"told", "tells", "tell", "telling"})

#: An absolute construction before a participle: "with chair Jay Powell describing ...".
_WITH_ABSOLUTE = re.compile(r"\bwith\s+(?P<np>[^,;:()“”\"]{2,80}?)\s+$")

#: A person described by age: "the 34-year-old", "the 52-year-old teacher".
_AGE = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[-‑]year[-‑]old"
_AGE_DESCRIPTION = re.compile(rf"[Tt]he\s+{_AGE}(?:\s+(?P<noun>[a-z]+))?(?![\w-])")
_AGE_DESCRIPTION_END = re.compile(rf"(?<![\w-])[Tt]he\s+{_AGE}(?:\s+(?P<noun>[a-z]+))?$")

#: Auxiliary verbs: a clause's verb has begun ("Officials have met Merz").
_RELATIVE_AFTER = re.compile(r",\s+(?:who|which)\s")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][A-Za-z&.\-]{1,8}\)")

_AUXILIARIES = frozenset(
    "is are was were be been being has have had will would can could may might must shall "
    "should do does did".split()
)
_FUNCTION_WORDS = frozenset(
    "of in at on for to and or with from by the a an as that which who whose than into over "
    "under about after before during between against among via per".split()
)


# --------------------------------------------------------------------------- extraction


def _verbs_in(doc: _Doc, lo: int, hi: int) -> list[re.Match]:
    r"""``[m for m in doc.lex.verbs.finditer(doc.text, lo, hi) if not _noun_use(...)]``, taken
    from the verbs of the text.

    When every verb is words of letters, a match attempt at a position of the window gives what
    it gives in the whole text (``\b`` sees the character before ``lo``) unless it reads the
    character at ``hi``: a verb ending there that the text continues with a word character, an
    apostrophe or a hyphen (which ``(?![\w’'\-])`` rejects in the text, not in the window), or
    a match of the text running past ``hi``. The scan of the window then stops where the scan of
    the text stops, from ``lo`` on, unless ``lo`` falls inside a match of the text ("pointed
    out"). Otherwise the regex scans the window.
    """
    text = doc.text
    if (
        not doc.lex.verbs_are_words
        or (
            0 < hi < len(text)
            and _is_word(text[hi - 1])
            and (_is_word(text[hi]) or text[hi] in "’'-")
        )
        or doc.inside_verb_match(hi)
        or doc.inside_verb_match(lo)
    ):
        return [m for m in doc.lex.verbs.finditer(text, lo, hi) if not _noun_use(text, m.start())]
    return doc.verbs[bisect.bisect_left(doc.v_starts, lo) : bisect.bisect_left(doc.v_starts, hi)]


#: Words before a noun: a speech verb's form after one is the noun ("his remarks", "the claim").
_DETERMINERS = frozenset(
    "the a an his her its their our my your The A An His Her Its Their Our".split()
)


def _noun_use(text: str, pos: int) -> bool:
    """Is the speech-verb form at ``pos`` a noun: after a determiner, a possessive pronoun or a
    possessive ("the claim", "her comments", "the military's claim")?"""
    if pos < 2 or text[pos - 1] != " ":
        return False
    j = pos - 1
    if text[j - 1] == "s" and text[j - 2 : j - 1] in ("'", "’"):
        return True
    k = text.rfind(" ", max(0, j - 6), j) + 1  # the determiners have at most five letters
    return text[k:j] in _DETERMINERS


def _is_word(c: str) -> bool:
    r"""Whether ``c`` matches ``\w``."""
    return c.isalnum() or c == "_"


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _after_attribution(doc: _Doc, piece: _Piece, next_open: int) -> tuple[_Speaker, str] | None:
    """'"...," X said.' / '"...?" asked X.' right after the closing mark."""
    if not piece.closed:
        return None
    text = doc.text
    k = doc.sent_of(piece.close) if doc.sents else -1
    end = doc.sents[k].end if k >= 0 else len(text)
    sent_end = end
    if text[piece.close - 1] == "." and not text[piece.close + 1 : end].strip(_QUOTE_TAIL):
        # the quote ends its sentence: the next one on the line is its attribution when it is
        # only that ('“... more.” Mr Muñoz said in a statement.'; see _attribution_only)
        if k + 1 < len(doc.sents) and "\n" not in text[end : doc.sents[k + 1].start]:
            end = doc.sents[k + 1].end
    hi = min(end, next_open)
    lo = piece.close + 1
    for vm in _verbs_in(doc, lo, hi):
        if vm.start() >= sent_end and not _attribution_only(doc, vm, end):
            return None
        if doc.lex.kind.get(_verb_key(vm.group())) in _PARTICIPLES:
            return None
        if doc.lex.kind.get(_verb_key(vm.group())) == _FORWARD:
            return None
        gap = text[lo : vm.start()]
        if any(ch in gap for ch in ';!?“”"'):
            return None
        if len(gap.split()) > 9 and len(_RELATIVE_ASIDE.sub(",", gap).split()) > 9:
            return None  # (an aside on the speaker is no distance: 'X of Y, which advises Z,')
        if _NEW_CLAUSE.search(gap) or _LATER_CLAUSE.match(gap):
            return None  # '"legitimate targets", and Lavrov has dismissed', '..., a day after
        sp = doc.resolve_verb(vm.start(), vm.end(), lo, hi)
        return (sp, vm.group(), vm.start()) if sp is not None else None
    return None


_QUOTE_TAIL = _DOUBLE_CLOSE + _SINGLE_CLOSE + ")]"
#: A non-restrictive relative clause set off by commas (", which advises the committee,").
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s[^,;:]{1,80},")


def _attribution_only(doc: _Doc, vm: re.Match, end: int) -> bool:
    """Whether the sentence that ``vm`` (a verb) is in says only who spoke: a verb of saying
    and nothing after it but adverbials and the told ('Mr Muñoz said in a statement.')."""
    if doc.lex.kind.get(_verb_key(vm.group())) != "speech":
        return False
    return _only_said_how(doc.lex, doc.text[vm.end() : end], " \t.,")


def _only_said_how(lex, tail: str, punct: str) -> bool:
    """Whether ``tail`` (the words after a speech verb) holds nothing but adverbials ("on
    Thursday", "in a statement"), the told ("reporters") and the characters of ``punct``."""
    if not tail.strip(punct):
        return True  # (punctuation only: the substitutions, which remove words only, keep it)
    return not lex.told_objects.sub("", lex.adverbials.sub("", tail)).strip(punct)


# 'told the WaPo that ...': "that" within a few words (no comma) starts the reported clause
_THAT = re.compile(
    r"(?:\s+(?!(?:was|is|are|were|would|will|could|had|has|have|it|he|she|they|we|not)\b)"
    r"(?![\w’'\-]*ed\b)"  # nor a verb in the past ("said the decision showed that ...")
    r"[\w.’'\-]+){0,3}?\s+that\b"
)


_THE = re.compile(r"\s*(?:the\s+)?")
#: A few words, then a colon and an opening quote mark.
_COLON_QUOTE = re.compile(r"[^.:;“”\"‘«»„]{0,60}:\s*[“\"‘«„]")


def _before_attribution(doc: _Doc, piece: _Piece) -> tuple[_Speaker, str] | None:
    """'X said: "..."' / 'X told reporters: "..."' right before the opening mark."""
    text = doc.text
    s = doc.sents[doc.sent_of(piece.open)] if doc.sents else None
    lo = s.start if s else 0
    if lo >= piece.open:
        return None
    verbs = _verbs_in(doc, max(lo, piece.open - 200), piece.open)
    if not verbs:
        return None
    vm = verbs[-1]
    if doc.lex.kind.get(_verb_key(vm.group())) == _FORWARD:
        return None
    tail = text[vm.end() : piece.open]
    if tail.rstrip()[-1:] not in (":", ",") and tail.strip():
        return None  # (tested before the substitutions, which it makes unneeded)
    if not _only_said_how(doc.lex, tail, " \t,:"):
        return None
    sp = doc.resolve_verb(vm.start(), vm.end(), lo, vm.start())
    return (sp, vm.group(), vm.start()) if sp is not None else None


def _called_before(doc: _Doc, piece: _Piece) -> tuple[_Speaker, str, int] | None:
    """'called the initiative "simplistic"': an attribution verb a few words before the mark."""
    text = doc.text
    s = doc.sents[doc.sent_of(piece.open)] if doc.sents else None
    lo = s.start if s else 0
    verbs = _verbs_in(doc, max(lo, piece.open - 60), piece.open)
    if not verbs:
        return None
    vm = verbs[-1]
    if doc.lex.kind.get(_verb_key(vm.group())) not in _ATTRIBUTION_ONLY:
        return None
    if len(text[vm.end() : piece.open].split()) > 5 or any(
        c in text[vm.end() : piece.open] for c in ",;:"
    ):
        return None
    sp = doc.resolve_verb(vm.start(), vm.end(), lo, vm.start())
    return (sp, vm.group(), vm.start()) if sp is not None else None


def _sentence_attribution(
    doc: _Doc, sent: Sentence, pos: int, qspans: list[tuple[int, int]], qstarts: list[int]
) -> tuple[_Speaker, str] | None:
    """The speech (or attribution) verb of the sentence nearest ``pos``, outside quote marks,
    whose subject is found (a nearer one without, such as the noun "pledges", is passed)."""
    text = doc.text
    k = bisect.bisect_right(qstarts, pos) - 1
    q_end = qspans[k][1] if k >= 0 and qspans[k][0] <= pos < qspans[k][1] else pos

    def other_clause(vm: re.Match) -> bool:
        """A verb after the quote, past a new coordinated clause (", and Lavrov dismissed") or
        a subordinate one ('"legitimate targets," a day after leaders said')."""
        if vm.start() <= pos:
            return False
        return (
            _NEW_CLAUSE.search(text, q_end, vm.start()) is not None
            or _LATER_CLAUSE.match(text, q_end, vm.start()) is not None
        )

    verbs = sorted(
        (
            (other_clause(vm), abs(vm.start() - pos), vm.start(), vm)
            for vm in _verbs_in(doc, sent.start, sent.end)
            if not _inside(qspans, qstarts, vm.start())
        ),
        key=lambda t: t[:3],
    )
    if not verbs:
        vm = doc.lex.according.search(doc.text, sent.start, sent.end)
        if vm is None:
            return None
        sp = doc.np_after(vm.end(), sent.end)
        return (sp, " ".join(vm.group().split()), -1) if sp is not None else None
    for *_, vm in verbs:
        lo = sent.start
        c = doc.text.rfind("”", sent.start, vm.start())
        lo = max(lo, c + 1) if c >= 0 else lo
        sp = doc.resolve_verb(vm.start(), vm.end(), lo, sent.end)
        if sp is not None:
            return sp, vm.group(), vm.start()
    return None


def _previous_colon(doc: _Doc, piece: _Piece) -> tuple[_Speaker, str] | None:
    """An attribution ending the previous sentence with a colon ('He told reporters:')."""
    si = doc.sent_of(piece.open)
    if si == 0 or not doc.sents:
        return None
    prev = doc.sents[si - 1]
    if doc.text[prev.start : prev.end].rstrip()[-1:] != ":" or prev.end > piece.open:
        return None
    verbs = _verbs_in(doc, prev.start, prev.end)
    if not verbs:
        return None
    vm = verbs[-1]
    sp = doc.resolve_verb(vm.start(), vm.end(), prev.start, vm.start())
    return (sp, vm.group(), vm.start()) if sp is not None else None


def _label_after_subject(doc: _Doc, colon: int) -> _Speaker | None:
    """'X has opened the debate. Key lines: “...”': a short verbless label ending with the
    colon at ``colon`` (three words at most) after a sentence of the same paragraph whose
    subject is a person: that person."""
    si = doc.sent_of(colon)
    s0 = doc.sents[si].start
    if si == 0 or len(doc.text[s0:colon].split()) > 3 or _verbs_in(doc, s0, colon):
        return None
    prev = doc.sents[si - 1]
    if doc.para_of(prev.start) != doc.para_of(colon):
        return None
    sp = doc.clause_subject(prev.start, prev.end)
    return sp if sp is not None and sp.type == "person" else None


def _kind(doc: _Doc, piece: _Piece, attributed_after: bool, attributed_before: bool) -> str:
    text = doc.text
    first = text[piece.start : min(piece.start + 1, piece.end)]  # the content's first character
    s = doc.sents[doc.sent_of(piece.open)] if doc.sents else Sentence(0, 0, len(text))
    before = text[min(s.start, piece.open) : piece.open].rstrip()
    upper = first.isupper() or not first.isalpha()
    # the words of the content are counted (up to six) only where the answer depends on them
    if not piece.closed or not before or before[-1] in ":" or before[-1] in _DOUBLE_CLOSE:
        return "direct" if (upper or _words_upto6(text, piece) >= 4) else "partial"
    if before[-1] == "," and (upper or attributed_after or _words_upto6(text, piece) >= 6):
        return "direct"
    if attributed_before and upper:
        return "direct"
    if (
        attributed_after
        and _words_upto6(text, piece) >= 6
        and text[piece.start : piece.close].rstrip()[-1:] in _TERMINAL + ","
    ):
        return "direct"
    return "partial"


def _words_upto6(text: str, piece: _Piece) -> int:
    """How many words the content of ``piece`` holds, counted up to six."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(text, piece.start, piece.end), 6))


def _unattributed(pos: int) -> _Speaker:
    return _Speaker(UNATTRIBUTED, UNATTRIBUTED, "", pos)


def _marked_quotes(doc: _Doc, pieces: list[_Piece]) -> tuple[list[Quote], set[int]]:
    """Quotes in marks, with speakers; also the verb positions used as their attribution."""
    text = doc.text
    qspans = [(p.open, p.close + 1) for p in pieces]
    qstarts = [a for a, _ in qspans]
    used_verbs: set[int] = set()
    out: list[Quote] = []
    chain_speaker: dict[int, tuple[_Speaker, str]] = {}
    # first pass: own attributions per piece
    own: list[tuple[_Speaker, str] | None] = []
    flags: list[tuple[bool, bool]] = []
    for i, p in enumerate(pieces):
        nxt = pieces[i + 1].open if i + 1 < len(pieces) else len(text)
        called = _called_before(doc, p)
        after = None if called else _after_attribution(doc, p, nxt)
        before = None if after else (called or _before_attribution(doc, p))
        own.append(after or before)
        # 'called Powell "Too Late."': a label given by an attribution verb is no direct quote
        flags.append((after is not None, before is not None and not called))
        found = after or before
        remembered = found
        if found is None and _kind(doc, p, False, False) == "partial":
            sent = doc.sents[doc.sent_of(p.open)] if doc.sents else Sentence(0, 0, len(text))
            remembered = _sentence_attribution(doc, sent, p.open, qspans, qstarts)
        if remembered is not None:
            # known to the pronouns of later pieces, in text order ('"...," he said' after
            # "the prime minister warned that Putin “cannot be trusted”")
            sp0 = remembered[0]
            doc.remember(sp0._replace(pos=max(sp0.pos, p.open)))
        if found is not None and p.chain not in chain_speaker:
            chain_speaker[p.chain] = found
    last_direct: tuple[_Piece, _Speaker] | None = None
    last_person: tuple[_Piece, _Speaker] | None = None  # the latest quote a person speaks
    for i, p in enumerate(pieces):
        kind = _kind(doc, p, *flags[i])
        found = own[i]
        cue = found[1] if found else ""
        sp = found[0] if found else None
        if found is not None:
            used_verbs.add(found[2])
        if sp is None and p.chain in chain_speaker:
            sp, cue = chain_speaker[p.chain][0], "continuation"
            kind = "direct"
        if sp is None and p.open in doc.turn_opens:
            # a turn whose words are in marks ('A: “Yes. ...”'): the turn's speaker
            sp, cue, kind = doc.turn_opens[p.open], "transcript", "direct"
        if sp is None and kind == "direct" and last_direct is not None:
            lp, lsp = last_direct
            same_sent = doc.sent_of(lp.close) in (doc.sent_of(p.open), doc.sent_of(p.open) - 1)
            para_start = text[doc.para_starts[doc.para_of(p.open)] : p.open].strip() == ""
            prev_para = doc.para_of(lp.close) == doc.para_of(p.open) - 1
            if (same_sent and doc.para_of(lp.close) == doc.para_of(p.open)) or (
                para_start and prev_para and not _verbs_outside(doc, p, qspans, qstarts)
            ):
                sp, cue = lsp, "continuation"
        if sp is None and kind == "direct" and last_person is not None:
            # a paragraph that opens with a quote and names nobody, right after a paragraph
            # quoting a person (in part, or reported): that person goes on ('He called it a
            # “risk management cut” ...' then '> “You could think of this ...”')
            lp, lsp = last_person
            if (
                doc.para_of(lp.close) == doc.para_of(p.open) - 1
                and not text[doc.para_starts[doc.para_of(p.open)] : p.open].strip(" >")
                and not _verbs_outside(doc, p, qspans, qstarts)
            ):
                sp, cue = lsp, "continuation"
        if sp is None and kind == "direct":
            hit = _previous_colon(doc, p)
            if hit:
                sp, cue = hit[0], hit[1]
                used_verbs.add(hit[2])
        if sp is None and kind == "direct":
            # "Merz put it this way on Tuesday: “...”": the subject of the clause before the colon
            colon = text.rfind(":", 0, p.open)
            if colon >= 0 and not text[colon + 1 : p.open].strip():
                s0 = doc.sents[doc.sent_of(colon)].start if doc.sents else 0
                named = doc.by_end.get(colon)  # "Rescue chief Ana Ruiz: “...”": the name's
                if named is not None and named.actor_type == "person" and named.start >= s0:
                    sp = doc.from_mention(named)
                else:
                    sp = doc.clause_subject(s0, colon) or doc.opening_person(s0, colon)
                if sp is None and doc.sents:
                    sp = _label_after_subject(doc, colon)
                cue = ":" if sp is not None else cue
        if sp is None:
            sent = doc.sents[doc.sent_of(p.open)] if doc.sents else Sentence(0, 0, len(text))
            hit = _sentence_attribution(doc, sent, p.open, qspans, qstarts)
            if hit:
                sp, cue = hit[0], hit[1]
                if kind == "direct":
                    used_verbs.add(hit[2])
        if sp is None:
            sp, cue = _unattributed(p.open), ""
        else:
            doc.remember(sp._replace(pos=max(sp.pos, p.open)))
        if kind == "direct" and sp.type != UNATTRIBUTED:
            last_direct = (p, sp)
        if sp.type == "person":
            last_person = (p, sp)
        out.append(
            Quote(
                sent_id=doc.sents[doc.sent_of(p.start)].sent_id if doc.sents else 0,
                speaker=sp.name,
                quote=text[p.start : p.end],
                kind=kind,
                start=p.start,
                end=p.end,
                speaker_type=sp.type,
                cue=" ".join(cue.split()),
                speaker_surface=sp.surface,
            )
        )
    return out, used_verbs


def _second_chance(
    doc: _Doc, pieces: list[_Piece], marked: list[Quote], reported: list[Quote]
) -> list[Quote]:
    """Attribute again the marked quotes left unattributed or given to "the person" (see
    :func:`_retry`), now that the reported speakers are known ("A senior official said the
    talks had stalled. “We are not there yet,” she said.": "she" is the official, who spoke
    outside quote marks); ``marked`` is updated in place (one quote per piece, in order).
    Returns ``reported`` without the clause the reported pass had made of such a quote and
    its attribution ('“We are not there yet' as reported by "she")."""
    drop: list[tuple[int, int, str]] = []
    for i, p in enumerate(pieces):
        q = marked[i]
        if not _retry(doc, q) or _called_before(doc, p):
            continue
        nxt = pieces[i + 1].open if i + 1 < len(pieces) else len(doc.text)
        after = _after_attribution(doc, p, nxt)
        before = None if after else _before_attribution(doc, p)
        found = after or before
        if found is None or found[0].type == UNATTRIBUTED:
            continue
        sp, cue = found[0], found[1]
        if sp.name == q.speaker:
            continue
        marked[i] = dataclasses.replace(
            q,
            speaker=sp.name,
            speaker_type=sp.type,
            kind=_kind(doc, p, after is not None, before is not None),
            cue=" ".join(cue.split()),
            speaker_surface=sp.surface,
        )
        drop.append((p.open, p.close + 1, sp.name))
    if not drop:
        return reported
    return [
        r
        for r in reported
        if not any(a <= r.start < b and r.speaker == name for a, b, name in drop)
    ]


def _retry(doc: _Doc, q: Quote) -> bool:
    """Is ``q`` a marked quote to attribute again once the reported speakers are known: one
    left unattributed, or one whose speaker is "the person", "one of the officials" (the
    latest unnamed source may have spoken outside quote marks)?"""
    if q.speaker_type == UNATTRIBUTED:
        return True
    return (
        q.speaker_type == "anonymous"
        and doc.lex.anon_anaphora_start.fullmatch(q.speaker_surface) is not None
    )


def _anon_head(name: str) -> str:
    """The noun of an unnamed source's name, singular: "unnamed diplomats (EU)" -> "diplomat"."""
    head = name.partition(" (")[0].removeprefix("unnamed ")
    return head.rsplit(" ", 1)[-1].removesuffix("s")


def _verbs_outside(doc: _Doc, p: _Piece, qspans, qstarts) -> bool:
    """Whether the paragraph of ``p`` has a speech verb outside quote marks."""
    pi = doc.para_of(p.open)
    lo = doc.para_starts[pi]
    hi = doc.para_starts[pi + 1] if pi + 1 < len(doc.para_starts) else len(doc.text)
    for vm in _verbs_in(doc, lo, hi):
        if not _inside(qspans, qstarts, vm.start()):
            return True
    return False


def _reported(doc: _Doc, used: set[int], qspans: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: speech verbs outside quote marks that were not attributions."""
    text, lex = doc.text, doc.lex
    qstarts = [a for a, _ in qspans]
    out: list[Quote] = []
    verbs, v_starts = doc.verbs, doc.v_starts
    if lex.according_runs is not None:
        accs = _finditer_in_runs(lex.according, text, *lex.according_runs)
    else:
        accs = list(lex.according.finditer(text))
    a_starts = [m.start() for m in accs]
    n_verbs = len(v_starts)
    sents = doc.sents
    starts = doc.sent_starts
    if all(a.end <= b.start for a, b in zip(sents, sents[1:], strict=False)):
        # in order and disjoint: a sentence holding neither a verb nor an "according to" is
        # skipped below, so visit only those holding one
        idx = {bisect.bisect_right(starts, p) - 1 for p in (*v_starts, *a_starts)}
        sents = [sents[i] for i in sorted(idx) if i >= 0]
    for s in sents:
        s = _after_label(doc, s)
        ka = bisect.bisect_left(a_starts, s.start)
        acc = accs[ka] if ka < len(accs) and accs[ka].end() <= s.end else None
        k0 = bisect.bisect_left(v_starts, s.start)
        if acc is None and (k0 == n_verbs or v_starts[k0] >= s.end):
            continue  # neither "according to" nor a speech verb: nothing reported here
        seen: dict[str, list[tuple[int, int]]] = {}  # speaker -> the clauses given to it
        cands: list[tuple[int, str, _Speaker, int, int]] = []  # (pos, cue, speaker, a, b)
        if acc is not None and not _inside(qspans, qstarts, acc.start()):
            sp = doc.np_after(acc.end(), s.end)
            if sp is not None:
                span = _according_clause(doc, s, acc, sp)
                if span:
                    cands.append((acc.start(), " ".join(acc.group().split()), sp, *span))
        k1 = bisect.bisect_left(v_starts, s.end)
        # after "according to X", only a verb past the source: "..., according to a person
        # familiar with the matter, who said Meridian had no intention of paying"
        after = acc.end() if cands else -1
        if not cands or (k0 < k1 and v_starts[k1 - 1] > after):
            lo, hi = s.start, s.end
            for vm in verbs[k0:k1]:
                vs, ve = vm.span()
                if ve > hi or vs < after:
                    continue
                cue = vm.group()
                v = _verb_key(cue)
                if lex.kind.get(v) in _ATTRIBUTION_ONLY or vs in used:
                    continue
                q = bisect.bisect_right(qstarts, vs) - 1  # _inside(qspans, qstarts, vs)
                if q >= 0 and qspans[q][0] <= vs < qspans[q][1]:
                    continue
                sp = doc.resolve_verb(vs, ve, lo, hi)
                if sp is None and lex.coordinated is not None:
                    # "admitted that A, and said B", 'called it a "liberation" and said B':
                    # no subject of its own after the coordinator, so the previous verb's
                    if lex.coordinated.search(text, max(lo, vs - 40), vs) is not None:
                        sp = cands[-1][2] if cands else doc.speaker_since(lo, vs)
                if sp is None or sp.type == UNATTRIBUTED:
                    continue
                later = _coordinated_verb(doc, s, vm)
                if later is not None:  # the clause is the later verb's, with this subject
                    if later.start() in used:
                        continue
                    vm, cue = later, later.group()
                    v = _verb_key(cue)
                span = _reported_clause(doc, s, vm, sp, needs_that=v in lex.needs_that)
                if span and span[0] > vm.start():
                    span = _trim(text, span[0], _before_coordinated(doc, s, vm, sp, *span))
                if span:
                    cands.append((vs, cue, sp, *span))
                    # "Finland and the Baltic states have signalled ...": both say it
                    other = doc.conjunct_before(sp, lo)
                    if other is not None:
                        cands.append((vs, cue, other, *span))
        for _pos, cue, sp, a, b in cands:
            # one clause per speaker and stretch: "said he told Putin that ..." is one
            spans = seen.setdefault(sp.name, [])
            if any(a < y and x < b for x, y in spans):
                continue
            spans.append((a, b))
            doc.remember(sp)
            out.append(
                Quote(
                    sent_id=s.sent_id,
                    speaker=sp.name,
                    quote=text[a:b],
                    kind="reported",
                    start=a,
                    end=b,
                    speaker_type=sp.type,
                    cue=cue,
                    speaker_surface=sp.surface,
                )
            )
    return out


def _after_label(doc: _Doc, s: Sentence) -> Sentence:
    """Sentence ``s`` without the label opening its paragraph ("HOST: The unions say ...",
    "Update: The minister said ..."): the label is no subject. A label holding a speech verb
    ("Smith told reporters: ...") stays."""
    text = doc.text
    if (s.start and text[s.start - 1] != "\n") or text.find(
        ":", s.start, min(s.end, s.start + _LABEL_REACH)
    ) < 0:
        return s
    m = _TURN_LABEL.match(text, s.start, s.end)
    if m is None:
        return s
    k = bisect.bisect_left(doc.match_starts, s.start)
    if k < len(doc.match_starts) and doc.match_starts[k] < m.end():
        return s
    return Sentence(s.sent_id, m.end(), s.end)


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a] in " \t,:—–":
        a += 1
    while b > a and text[b - 1] in " \t,.;:—–":
        b -= 1
    if _TWO_WORDS.search(text, a, b) is None:
        return None  # fewer than two words
    return a, b


#: A word of _WORD (taken whole, as _WORD.finditer takes it), then another word's first letter.
_TWO_WORDS = re.compile(r"(?>[^\W_]+(?:['’\-][^\W_]+)*)[\W_]+?[^\W_]")


def _according_clause(doc: _Doc, s: Sentence, acc: re.Match, sp: _Speaker):
    text = doc.text
    head = text[s.start : acc.start()].strip(" \t,")
    if not head or head in ("But", "However", "And", "Yet"):
        c = text.find(",", acc.end(), s.end)
        if c < 0:
            return None
        return _trim(text, c + 1, s.end)
    return _trim(text, s.start, acc.start())


def _only_adverbials(adverbials: re.Pattern, s: str) -> bool:
    r"""``not adverbials.sub("", s).strip()``, read from the left until a character that the
    substitution would keep is not a space (instead of substituting all of ``s``)."""
    i, n = 0, len(s)
    while i < n:
        m = adverbials.match(s, i)  # the next match of the substitution, if it starts here
        if m is not None:
            if m.end() == i:  # an empty match: let re.sub decide
                return not adverbials.sub("", s).strip()
            i = m.end()
        elif s[i].isspace():
            i += 1
        else:
            return False  # kept by the substitution
    return True


def _tail_only(doc: _Doc, s: Sentence, ve: int, sp: _Speaker) -> bool:
    """Whether the sentence ends after the verb ending at ``ve`` (or after the speaker)."""
    text, lex = doc.text, doc.lex
    rest = text[ve : s.end]
    return (
        len(rest) < 120
        and (  # (punctuation only: the substitutions, which remove words only, keep it)
            not rest.strip(" \t.,;!?")
            # (a character they never remove and strip() keeps, such as a quote mark: not empty)
            or not (lex.adverbials_plain and _KEPT_AFTER_VERB.search(rest))
            and _only_said_how(lex, rest, " \t.,;!?")
        )
        or (sp.pos >= ve and not text[sp.pos + len(sp.surface) : s.end].strip(" \t."))
    )


#: A character that neither lexicon.adverbials nor lexicon.told_objects can match (when
#: ``adverbials_plain``: word characters, spaces and commas only) and that :func:`_tail_only`
#: does not strip.
_KEPT_AFTER_VERB = re.compile(r"[^\w\s,.;!?]")

#: At most this many words between a speech verb and a coordinated one ('acknowledged the
#: risks but said'): a longer stretch is a clause of its own.
_COORDINATED_MAX_WORDS = 12


def _coordinated_verb(doc: _Doc, s: Sentence, vm: re.Match) -> re.Match | None:
    """The later speech verb of sentence ``s`` that carries the reported clause when ``vm``
    only has an object before a coordinator: in "Meloni acknowledged the risks but said Italy
    would not send troops" the clause is "said"'s, and "acknowledged" reports nothing of its
    own. None when ``vm`` is followed by "that", by quote marks, or by a longer stretch.
    """
    text, lex = doc.text, doc.lex
    if lex.coordinated is None:
        return None
    # the next speech verb of the sentence first (most verbs have none): cheap
    k = bisect.bisect_right(doc.v_starts, vm.start())
    if k == len(doc.v_starts) or doc.verbs[k].end() > s.end:
        return None
    later = doc.verbs[k]
    if lex.kind.get(_verb_key(later.group())) != "speech":
        return None
    pos = vm.end()
    m = lex.adverbials.match(text, pos)
    pos = m.end() if m else pos
    if _THAT.match(text, pos, min(s.end, pos + 70)):
        return None
    between = text[pos : later.start()]
    if any(c in between for c in '"“”;:') or len(between.split()) > _COORDINATED_MAX_WORDS:
        return None
    if lex.coordinated.search(between) is None:
        return None
    # "said inflation was easing but warned ...": a clause of its own (a finite verb), not an
    # object; each verb reports its clause (:func:`_before_coordinated` ends the first)
    return None if doc._has_clause_marker(pos, later.start()) else later


_CLAUSE_JOIN = re.compile(r"(?:,|;|\s—)\s+(?:while|whereas|but|although|though|and|yet)\s")


def _before_coordinated(doc: _Doc, s: Sentence, vm: re.Match, sp: _Speaker, a: int, b: int) -> int:
    """Where the clause ``a:b`` reported by ``vm`` ends when a later speech verb is coordinated
    with it: "warned that A and said B" (the same speaker) and "said A and Macron said B" (a
    subject of its own after the coordinator) report A, then B. A must be a clause (a finite
    verb): in "said generals and experts suggest B" the coordinator joins the subject."""
    text, lex = doc.text, doc.lex
    if lex.coordinated is None:
        return b
    k = bisect.bisect_right(doc.v_starts, vm.start())
    while k < len(doc.v_starts) and doc.v_starts[k] < b:
        later = doc.verbs[k]
        k += 1
        if lex.kind.get(_verb_key(later.group())) != "speech":
            continue
        other = doc.resolve_verb(later.start(), later.end(), s.start, s.end)
        if other is None or other.name == sp.name:  # no subject of its own: this one's
            at = later.start()
        elif vm.end() < other.pos < later.start():
            at = other.pos
        else:
            continue
        head = text[max(s.start, at - 40) : at]
        if at != later.start():
            # another subject: the clause ends at ", while" / ", and" before it ("..., while
            # Finland and the Baltic states have signalled ...")
            joins = _CLAUSE_JOIN.finditer(text, max(a, at - 80), at)
            bm = max(joins, key=lambda m: m.start(), default=None)
            if bm is not None and not doc._has_clause_marker(bm.end(), at):
                cut = bm.start()
                return cut if doc._has_clause_marker(a, cut) else b
        cm = lex.coordinated.search(head)
        if cm is not None:
            cut = at - len(head) + cm.start()
            return cut if doc._has_clause_marker(a, cut) else b
    return b


_PREPOSITIONS = frozenset("on of about at in for to with from by over against into".split())

#: A clause right after a verb of ``needs_that`` shows a finite verb within this many words.
_CLAUSE_OPENS_WORDS = 6


def _clause_opens(doc: _Doc, pos: int, end: int) -> bool:
    """Does a clause (a finite verb among its first words) start at ``pos``?"""
    words = list(itertools.islice(_WORD.finditer(doc.text, pos, end), _CLAUSE_OPENS_WORDS))
    if not words or words[0].group().lower() in _PREPOSITIONS:
        return False  # "hinted at a deal", "noted with concern": an object, no clause
    return doc._has_clause_marker(pos, words[-1].end())


def _reported_clause(doc: _Doc, s: Sentence, vm: re.Match, sp: _Speaker, *, needs_that: bool):
    """The span a speech verb reports, per the attribution's shape."""
    text, lex = doc.text, doc.lex
    vs, ve = vm.span()
    # '..., SPEAKER VERB.' / '..., VERB SPEAKER(, appositive).'
    c = text.rfind(",", s.start, vs) - s.start  # the last comma of text[s.start : vs]
    if c > 0 and lex.kind.get(_verb_key(vm.group())) != _FORWARD:
        if sp.pos >= ve and not text[s.start + c + 1 : vs].strip():
            return _trim(text, s.start, s.start + c)
        if sp.pos < vs and sp.pos >= s.start + c and _tail_only(doc, s, ve, sp):
            return _trim(text, s.start, s.start + c)
        # parenthetical 'A, he said, B.'
        nc = text.find(",", ve, s.end)
        if sp.pos >= s.start + c and nc >= 0 and _only_adverbials(lex.adverbials, text[ve:nc]):
            a = _trim(text, s.start, s.start + c)
            b = _trim(text, nc + 1, s.end)
            if a and len(text[a[0] : a[1]].split()) >= 5:
                return a
            return b or a
    if sp.pos >= ve:
        return None
    # forward: 'X said (on Thursday) (that) CLAUSE'
    pos = ve
    m = lex.adverbials.match(text, pos)
    pos = m.end() if m else pos
    said = vm.group().lower()
    if said in _TOLD or said in ("asked", "asks"):
        mo = lex.told_objects.match(text, pos)
        if mo:
            pos = mo.end()
        else:
            om = _THE.match(text[pos : pos + 8])
            mm = doc.by_start.get(pos + om.end())
            if mm is not None:
                pos = mm.end
        # adverbials after the object (right after the first ones there are none: the
        # repetition in lex.adverbials stops where no further one matches)
        m = lex.adverbials.match(text, pos)
        pos = m.end() if m else pos
    if _COLON_QUOTE.match(text, pos, s.end):
        return None  # 'told Capital Observer on Monday: "..."': the quote is the marks' own
    tm = _THAT.match(text, pos, min(s.end, pos + 70))
    if tm:
        pos = tm.end()
    elif needs_that and not _clause_opens(doc, pos, s.end):
        return None  # "noted the closure" reports nothing; "noted the plan would fail" does
    end = s.end
    first = [w.strip(",") for w in text[s.start : s.start + 20].split()[:2]]
    if len(first) == 2 and first[0].lower() in lex.not_subjects:
        first = [first[1].capitalize()]  # "But while Trump has hinted A, he ..."
    if first and first[0] in lex.subordinators:
        # "While Trump has signaled A, he has moved away ...": the main clause starts at the
        # first comma followed by a subject (a pronoun or an actor), else at the last comma
        lc = text.rfind(",", pos, s.end)
        c = text.find(",", pos, s.end)
        while 0 <= c < lc:
            j = c + 1
            while j < s.end and text[j].isspace():
                j += 1
            wm = _WORD.match(text, j, s.end)
            if wm and (wm.group().lower() in lex.pronoun or doc.by_start.get(wm.start())):
                lc = c
                break
            c = text.find(",", c + 1, s.end)
        if lc > pos:
            end = lc
    if text[pos : pos + 2].strip() == "" and text[pos:end].lstrip()[:1] in ("“", '"'):
        return None
    return _trim(text, pos, end)


# --------------------------------------------------------------------------- transcripts

#: A label opening a paragraph: "HOST: ", "Jane Smith: ", "**Q:** " (a word and up to four
#: more, a colon, a space). Read only where a colon stands in the paragraph's first characters.
_TURN_LABEL = re.compile(
    r"[ \t>*_]*(?P<label>[^\W\d_][\w’'.\-]*(?:[ \t]+[^\W\d_][\w’'.\-]*){0,4})"
    r"[*_]*:[*_]*[ \t]+(?=\S)"
)
_LABEL_REACH = 60
#: A host introducing themself: "I'm Jane Smith", "My name is ..." (then two or three
#: capitalised words, the first no title: "I'm Finnish", "I'm Senator Smith" name nobody).
_SELF_INTRO = re.compile(r"\b(?:I[’']m|I am|[Mm]y name is)\s+")
_INTRO_NAME = re.compile(rf"[{_UP}][\w’'\-]+(?:\s+[{_UP}][\w’'\-]+){{1,2}}")
#: A Q&A block's interviewee is the latest person named this many paragraphs before it.
_QA_INTRO_PARAS = 2


class _Turn(NamedTuple):
    kind: str  # person | role | q | a
    key: str  # who speaks: the person's name, the role, "q" or "a"
    label: int  # where the label starts
    start: int  # the words after the label (stripped)
    end: int
    para: int
    speaker: _Speaker | None  # None: a role or a question / answer, resolved by _turns


def _label_kind(doc: _Doc, a: int, b: int) -> tuple[str, _Speaker | None]:
    """What the paragraph label ``text[a:b]`` is: ``("person", speaker)``, ``("role", None)``,
    ``("q", None)``, ``("a", None)``, or ``("", None)`` (no speaker: "Update", "Key points",
    "WASHINGTON")."""
    text, lex = doc.text, doc.lex
    label = text[a:b]
    words = label.split()
    low = " ".join(words).lower()
    if low in lex.turn_questions:
        return "q", None
    if low in lex.turn_answers:
        return "a", None
    if low in lex.turn_roles:
        return "role", None
    m = doc.by_start.get(a)
    if m is not None and m.end == b:
        return ("person", doc.from_mention(m)) if m.actor_type == "person" else ("", None)
    if label.isupper():
        # an all-caps name ("JONES", "MARIA JONES"): the person of the article it ends
        for p in doc.persons:
            name = p.actor.lower()
            if name == low or name.endswith(" " + low):
                return "person", doc.from_mention(p)._replace(surface=label, pos=a)
        words = [w.capitalize() for w in words]
    elif len(words) == 1:
        hit = doc.surnames.get(label)  # a surname of a person of the article
        if hit is not None and hit[1] == "person":
            return "person", _Speaker(hit[0], "person", label, a, doc.gender.get(hit[0], ""))
    # a name the tagger did not find: a known first name, then capitalised words (particles
    # of three letters at most inside: "Ana de Souza")
    if (
        len(words) >= 2
        and first_names().get(words[0])
        and words[-1][:1].isupper()
        and all(w[:1].isupper() or (len(w) <= 3 and w.isalpha()) for w in words[1:-1])
    ):
        name = " ".join(words)
        return "person", _Speaker(name, "person", label, a, first_names().get(words[0], ""))
    return "", None


def _role_speaker(doc: _Doc, role: str, turns: list[_Turn]) -> _Speaker:
    """The speaker of a role label: the name its own turns introduce ("I'm Jane Smith"), else
    the role ("the host")."""
    text = doc.text
    for t in turns:
        for im in _SELF_INTRO.finditer(text, t.start, t.end):
            m = doc.by_start.get(im.end())
            if m is not None and m.actor_type == "person":
                return doc.from_mention(m)
            nm = _INTRO_NAME.match(text, im.end(), t.end)
            if nm is not None and nm.group().split()[0] not in doc.lex.titles:
                return _Speaker(nm.group(), "person", nm.group(), nm.start())
    return _Speaker(f"the {role}", "role", text[turns[0].label : turns[0].start].strip(" :*"), 0)


def _takes_turns(turns: list[_Turn]) -> bool:
    """Two speakers at least who each speak twice, and the voice changes twice at least."""
    counts: dict[str, int] = {}
    for t in turns:
        counts[t.key] = counts.get(t.key, 0) + 1
    changes = sum(1 for x, y in itertools.pairwise(turns) if x.key != y.key)
    return sum(1 for n in counts.values() if n >= 2) >= 2 and changes >= 2


def _with_interviewer(voices: list[_Turn], others: dict[str, list[_Turn]]) -> list[_Turn]:
    """``voices`` with the turns of an interviewer the labels do not name: a label of no known
    speaker ("FT:", "The Herald:", the outlet's name) that opens two paragraphs at least, each
    followed right away by a turn of one and the same person, asks for the author."""
    by_para = {t.para: t for t in voices}
    for label, ts in others.items():
        nxt = [by_para.get(t.para + 1) for t in ts]
        if len(ts) < 2 or any(n is None or n.kind != "person" for n in nxt):
            continue
        if len({n.key for n in nxt if n is not None}) != 1:
            continue
        asks = _Speaker(AUTHOR, "author", label, ts[0].label)
        turns = voices + [t._replace(speaker=asks) for t in ts]
        return sorted(turns, key=operator.attrgetter("start"))
    return voices


def _turns(doc: _Doc) -> list[_Turn]:
    """The speaker turns of an interview or podcast transcript, in text order.

    A paragraph opening with a label and a colon ("HOST: ...", "JONES: ...", "Maria Jones:
    ...") holds that speaker's words when the article takes turns this way: two labels or more
    that each open two paragraphs at least, the speaker changing twice at least. A label is a
    person of the article (an all-caps surname resolves to the full name: "JONES" -> "Maria
    Jones"; a name the tagger missed needs a known first name), or a role of
    ``transcript_roles`` (the host: the name the host's turns introduce, "I'm Ann Lee", else
    "the host"). Labels of anything else ("Update:", "Key points:", "WASHINGTON:") are no
    turns, but one that alternates with a person's label (the outlet's name asking, see
    :func:`_with_interviewer`) is the author's. A Q&A block (adjacent "Q:" and "A:" paragraphs, two of each) answers through the
    latest person named in the paragraphs just before it ("We spoke to Dr Ann Lee, ..."); its
    questions are the speaker "unnamed reader" when those paragraphs speak of readers, else
    the author's. A Q&A block with no person named before it is left out.
    """
    text = doc.text
    voices: list[_Turn] = []
    qa: list[_Turn] = []
    others: dict[str, list[_Turn]] = {}  # labels of no known speaker ("FT:", "Update:")
    for pi, (lo, hi) in enumerate(doc.paras):
        if text.find(":", lo, min(hi, lo + _LABEL_REACH)) < 0:
            continue
        m = _TURN_LABEL.match(text, lo, hi)
        if m is None:
            continue
        kind, sp = _label_kind(doc, *m.span("label"))
        if not kind:
            label = m.group("label")
            if len(label.split()) <= 3 and label[:1].isupper():  # an interviewer? (below)
                a, b = _strip_span(text, m.end(), hi)
                others.setdefault(label, []).append(
                    _Turn("q", label, m.start("label"), a, b, pi, None)
                )
            continue
        a, b = _strip_span(text, m.end(), hi)
        key = sp.name if sp is not None else text[m.start("label") : m.end("label")].lower()
        t = _Turn(
            kind, key if kind != "q" and kind != "a" else kind, m.start("label"), a, b, pi, sp
        )
        (qa if kind in ("q", "a") else voices).append(t)
    if voices and others and not (len(voices) >= 4 and _takes_turns(voices)):
        voices = _with_interviewer(voices, others)
    out: list[_Turn] = []
    if len(voices) >= 4 and _takes_turns(voices):
        roles: dict[str, list[_Turn]] = {}
        for t in voices:
            if t.kind == "role":
                roles.setdefault(t.key, []).append(t)
        named = {r: _role_speaker(doc, r, ts) for r, ts in roles.items()}
        out += [t._replace(speaker=named[t.key]) if t.speaker is None else t for t in voices]
    # Q&A blocks: runs of adjacent Q / A paragraphs
    k = 0
    while k < len(qa):
        j = k + 1
        while j < len(qa) and qa[j].para == qa[j - 1].para + 1:
            j += 1
        block, k = qa[k:j], j
        if sum(t.kind == "q" for t in block) < 2 or sum(t.kind == "a" for t in block) < 2:
            continue
        lo = doc.paras[max(0, block[0].para - _QA_INTRO_PARAS)][0]
        hi = block[0].label
        pk = bisect.bisect_left(doc.p_ends, hi) - 1
        if pk < 0 or doc.persons[pk].start < lo:
            continue
        answers = doc.from_mention(doc.persons[pk])
        intro = {w.lower() for w in text[lo:hi].split()}
        if intro & doc.lex.reader_words:
            asks = _Speaker("unnamed reader", "anonymous", "Q", hi)
        else:
            asks = _Speaker(AUTHOR, "author", "Q", hi)
        out += [t._replace(speaker=asks if t.kind == "q" else answers) for t in block]
    out.sort(key=operator.attrgetter("start"))
    return out


def _turn_quotes(doc: _Doc, turns: list[_Turn]) -> list[Quote]:
    """A direct quote per turn (but not one that opens with a quote mark: the marks' own)."""
    text = doc.text
    out = []
    for t in turns:
        if t.end <= t.start or text[t.start] in _DOUBLE_OPEN + _SINGLE_OPEN:
            continue
        sp = t.speaker
        out.append(
            Quote(
                sent_id=doc.sents[doc.sent_of(t.start)].sent_id if doc.sents else 0,
                speaker=sp.name,
                quote=text[t.start : t.end],
                kind="direct",
                start=t.start,
                end=t.end,
                speaker_type=sp.type,
                cue="transcript",
                speaker_surface=text[t.label : t.start].strip(" :*_"),
            )
        )
    return out


def extract_quotes(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    gazetteer=None,
) -> list[Quote]:
    """Every direct, partial and reported quote of one cleaned article, sorted by start.

    Args:
        text: the cleaned article text.
        sentences: :func:`storylens.sentences.split_sentences` of ``text``.
        mentions: actor mentions of ``text`` (canonical ``actor``, ``actor_type``); speakers
            resolve to these when the speech verb's subject is one.
        gazetteer: optional; used only for a speaker's type or a gender hint in its role.

    Returns:
        :class:`~storylens.model.Quote` records; ``text[q.start:q.end] == q.quote``.
    """
    lex = load_lexicon()
    doc = _Doc(text, sentences, mentions, gazetteer, lex)
    turns = _turns(doc)
    if turns:
        doc.turn_spans = [(t.label, t.end) for t in turns]
        doc.turn_starts = [t.label for t in turns]
        doc.turn_speakers = [t.speaker for t in turns]
        doc.turn_opens = {t.start: t.speaker for t in turns}
    pieces = find_quote_spans(text, doc.paras)
    marked, used = _marked_quotes(doc, pieces)
    qspans = [(p.open, p.close + 1) for p in pieces]
    reported = _reported(doc, used, qspans)
    if reported and any(_retry(doc, q) for q in marked):
        reported = _second_chance(doc, pieces, marked, reported)
    out = marked + reported + (_turn_quotes(doc, turns) if turns else [])
    out.sort(key=lambda q: (q.start, q.end, q.kind, q.speaker))
    return out


# --------------------------------------------------------------------------- tables


def voice_table(
    quotes: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """Who each outlet lets speak: one row per outlet and actor (or typed anonymous source).

    Columns: ``outlet``, ``actor``, ``actor_type``, ``mentions``, ``direct``, ``partial``,
    ``reported``, ``quoted`` (sentences in which the actor speaks, any kind), ``voice``
    (``quoted`` when given direct or partial words, ``paraphrased`` when only reported,
    ``mentioned only`` when talked about but never speaking). Unattributed scare quotes are
    left out. Sorted by outlet, then most quoted.
    """
    labels = outlet_labels(articles)
    q = quotes[quotes["speaker_type"] != UNATTRIBUTED]
    q = q.assign(outlet=q["doc_id"].map(labels))
    kinds = (
        q.pivot_table(
            index=["outlet", "speaker"],
            columns="kind",
            values="start",
            aggfunc="count",
            fill_value=0,
        )
        .reindex(columns=["direct", "partial", "reported"], fill_value=0)
        .reset_index()
        .rename(columns={"speaker": "actor"})
    )
    kinds.columns.name = None
    quoted = (
        q.drop_duplicates(["doc_id", "sent_id", "speaker"])
        .groupby(["outlet", "speaker"])
        .size()
        .rename("quoted")
        .reset_index()
        .rename(columns={"speaker": "actor"})
    )
    stype = q.drop_duplicates("speaker").set_index("speaker")["speaker_type"]
    m = mentions.assign(outlet=mentions["doc_id"].map(labels))
    men = m.groupby(["outlet", "actor"]).size().rename("mentions").reset_index()
    mtype = m.drop_duplicates("actor").set_index("actor")["actor_type"]
    out = men.merge(kinds, on=["outlet", "actor"], how="outer").merge(
        quoted, on=["outlet", "actor"], how="left"
    )
    for col in ("mentions", "direct", "partial", "reported", "quoted"):
        out[col] = out[col].fillna(0).astype("int64")
    out["actor_type"] = out["actor"].map(mtype).fillna(out["actor"].map(stype)).fillna("")
    out["voice"] = "mentioned only"
    out.loc[out["reported"] > 0, "voice"] = "paraphrased"
    out.loc[(out["direct"] + out["partial"]) > 0, "voice"] = "quoted"
    cols = [
        "outlet",
        "actor",
        "actor_type",
        "mentions",
        "direct",
        "partial",
        "reported",
        "quoted",
        "voice",
    ]
    return (
        out[cols]
        .sort_values(
            ["outlet", "quoted", "mentions", "actor"],
            ascending=[True, False, False, True],
            kind="stable",
        )
        .reset_index(drop=True)
    )


def sourcing_table(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, the share of attributions to named, anonymous and unattributed sources.

    An attribution is one speaker in one sentence (a partial and a reported quote of the same
    sentence count once). Columns: ``outlet``, ``source`` (``named``, ``anonymous``,
    ``unattributed``), ``attributions``, ``share`` (of the outlet's attributions, 0..1).
    Every outlet gets all three rows (zeros included).
    """
    labels = outlet_labels(articles)
    q = quotes.drop_duplicates(["doc_id", "sent_id", "speaker"])
    q = q.assign(
        outlet=q["doc_id"].map(labels),
        source=q["speaker_type"].map(SOURCE_CLASSES).fillna("named"),
    )
    outlets = list(dict.fromkeys(labels.tolist()))
    grid = pd.MultiIndex.from_product(
        [outlets, ["named", "anonymous", "unattributed"]], names=["outlet", "source"]
    )
    counts = q.groupby(["outlet", "source"]).size().reindex(grid, fill_value=0)
    out = counts.rename("attributions").reset_index()
    totals = out.groupby("outlet")["attributions"].transform("sum")
    out["share"] = (out["attributions"] / totals.where(totals > 0)).fillna(0.0)
    out["attributions"] = out["attributions"].astype("int64")
    return out
