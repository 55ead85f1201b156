"""Stance per actor toward the story's topic, decided from cues, each verdict with its evidence.

The topic and every cue are data (``data/stance_cues.yaml``; another story swaps the file via
:func:`load_cues`). For the seeds the topic is deploying a European/Western force in Ukraine,
with or without a US backstop.

**What counts as evidence for an actor.** Only *topical* sentences (one topic term matches) are
read. In them, each support / oppose cue ("pledged", "ruled out", "expressed support for",
"objected", ...) is given to its owner:

1. a cue inside a quote belongs to the quote's speaker (``source = quote`` for direct and
   partial quotes, ``reported`` for reported speech), never to actors named in the quote; a cue
   in an anonymous or unattributed quote belongs to nobody; an *act* ("will send troops") whose
   subject is another actor named in the quote is nobody's;
2. otherwise to the cue's subject (``source = action``): the nearest actor mention to its left
   in the same clause that is not a possessive ("Moscow's opposition"), not a modifier of the
   next name ("French President Emmanuel Macron": France modifies Macron) or of the topic
   ("Western troops"), and not the object of a preposition ("with Zelensky"), plus the names
   coordinated with it ("Macron and Starmer"); a passive "ruled out by X" gives it to X. A
   clause with no subject at all ("... but on Tuesday ruled out ground troops": only
   auxiliaries and adverbs before the verb) inherits the sentence's first subject; a clause
   whose subject is no actor ("26 countries pledge troops") gives the cue to nobody;
3. "X said/signaled (that) ..." also gives the cue to X (``reported``) when the reported
   clause has no subject of its own, or its subject is X's own country ("Trump signaled that the
   U.S. is prepared to ...", "Starmer has said the UK is prepared to ...").

A cue that starts right after another one, with no clause break between, is that cue's object
("ruled out sending troops" is one oppose hit).

**Each hit** is support or oppose; a negation just before or inside the cue flips it ("not
willing", "will not send" -> oppose; "has not dismissed" -> support, i.e. open to it). A
condition in the same sentence ("without a US backstop", "once there is a ceasefire", "if",
"needs the backing of") makes the hit ``conditional``; a topical condition stated by the actor
with no other cue ("insisted the force needs the backing of the US") is a conditional hit too.

**The verdict per actor** (``decide``):

- no hit -> ``neutral`` (evidence: the actor's most topical sentence, or empty);
- unconditional support and unconditional oppose both -> ``mixed`` (air power yes, ground
  troops no);
- otherwise, conditional hits at least as many as the larger of support/oppose ->
  ``conditional``; else the larger of support/oppose (ties -> conditional).
"""

from __future__ import annotations

import functools
import os
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from storylens.model import Mention, Quote, Sentence
from storylens.paths import DATA_DIR, yaml_load
from storylens.sentiment import clause_spans

__all__ = [
    "STANCES",
    "StanceCues",
    "StanceCuesError",
    "actor_stance",
    "cues_from_yaml",
    "decide",
    "load_cues",
    "stance_overview",
]

#: The stance labels, in display order.
STANCES = ("support", "conditional", "mixed", "oppose", "neutral")
DEFAULT_CUES = DATA_DIR / "stance_cues.yaml"
_EVIDENCE_MAX = 600


def _alternation(items: Sequence[str]) -> str:
    return "|".join(sorted(items, key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class StanceCues:
    """Compiled cue lexicon for one topic (see ``data/stance_cues.yaml``)."""

    topic_name: str
    topic: re.Pattern
    anaphora: re.Pattern | None
    anaphora_reach: int
    cue: re.Pattern  # named groups: support, oppose, condonly, act
    condition: re.Pattern
    negation: re.Pattern
    negation_window: int
    reporting: re.Pattern
    prepositions: frozenset[str]
    absolute: frozenset[str]
    pronoun: re.Pattern
    # the case-insensitive scans as case-sensitive patterns for lowercased text (see _fold)
    folded: _Folded | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class _Folded:
    topic: re.Pattern
    anaphora: re.Pattern | None
    cue: re.Pattern
    condition: re.Pattern
    negation: re.Pattern
    # strings one of which every match of ``topic`` / ``anaphora`` holds (see _needed), or None
    topic_needs: tuple[str, ...] | None = None
    anaphora_needs: tuple[str, ...] | None = None


# Speed: case-insensitive regex scanning is ~3x slower than case-sensitive. A case-insensitive
# pattern whose source holds no capital, no cased non-ASCII letter, no inline flag and no escape
# that can denote a letter matches a text exactly where the same source, compiled
# case-sensitively, matches the lowercased text, unless the text holds one of these characters
# (they match an ASCII letter case-insensitively, or lowercase to ASCII or to two characters).
_FOLD_UNSAFE_TEXT = ("\u0130", "\u0131", "\u017f", "\u212a")
_FOLD_UNSAFE_SOURCE = re.compile(r"\(\?(?![:=!#]|<[=!]|<\w+>)|\\(?![bswdntrfv]|\W)")


def _fold(p: re.Pattern | None) -> re.Pattern | None:
    """``p`` (case-insensitive) as a case-sensitive pattern for lowercased text, or None."""
    if p is None or not p.flags & re.IGNORECASE:
        return None
    src = p.pattern.replace("(?P<", "(?<")
    if _FOLD_UNSAFE_SOURCE.search(src) or any(
        c != c.lower() or (not c.isascii() and c.lower() != c.upper()) for c in src
    ):
        return None
    return re.compile(p.pattern, p.flags & ~re.IGNORECASE)


def _folded(cues: StanceCues) -> _Folded | None:
    """The case-insensitive scans of ``cues`` folded (see _fold), or None if one cannot be."""
    pats = [_fold(p) for p in (cues.topic, cues.anaphora, cues.cue, cues.condition, cues.negation)]
    if any(f is None for f in pats[:1] + pats[2:]) or (pats[1] is None) != (cues.anaphora is None):
        return None
    return _Folded(*pats, topic_needs=_needed(pats[0]), anaphora_needs=_needed(pats[1]))


# Speed: most sentences are not topical, and a regex scan of each costs more than looking for a
# few words. ``_needed`` reads a (case-sensitive) pattern's parse tree for strings one of which
# every match must contain: a run of literal characters in a sequence of the pattern is matched
# as it stands, an alternation needs one string of each branch, a group or a repeat of at least
# once what its content needs. Anything else (a class, a look-around, ``\b``, an optional part)
# is only skipped, so the strings are necessary (never sufficient): a text holding none of them
# has no match. None when the pattern gives no such strings (or cannot be parsed).


def _needed(p: re.Pattern | None) -> tuple[str, ...] | None:
    if p is None or p.flags & re.IGNORECASE:
        return None
    try:
        from re import _constants as C
        from re import _parser

        tree = _parser.parse(p.pattern, p.flags)
        if tree.state.flags & re.IGNORECASE:
            return None
        ops = (C.LITERAL, C.SUBPATTERN, C.BRANCH, C.MAX_REPEAT, C.MIN_REPEAT)
        ops += tuple(op for op in (getattr(C, "POSSESSIVE_REPEAT", None),) if op is not None)
        found = _needed_seq(list(tree), C, ops)
    except Exception:  # a parser of another Python version: no pre-test
        return None
    if not found:
        return None
    # a string holding another one is implied by it
    kept = {w for w in found if not any(v != w and v in w for v in found)}
    return tuple(sorted(kept))


def _needed_seq(seq: list, C, ops: tuple) -> frozenset[str] | None:
    """Strings one of which every match of the parsed sequence ``seq`` holds, or None."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset(("".join(run),)))
            run = []
        got = None
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not (add_flags | del_flags) & re.IGNORECASE:
                got = _needed_seq(list(sub), C, ops)
        elif op is C.BRANCH:
            branches = [_needed_seq(list(b), C, ops) for b in av[1]]
            if all(branches):
                got = frozenset().union(*branches)
        elif op in ops[3:] and av[0] >= 1:  # a repeat, at least once
            got = _needed_seq(list(av[2]), C, ops)
        if got:
            candidates.append(got)
    if not candidates:
        return None
    # the most selective: the longest shortest string, then the fewest strings
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


class StanceCuesError(ValueError):
    """A stance cue file that cannot be used: not YAML, a required key missing, a bad regex."""


#: The keys a cue file must have (``topic`` with ``name`` and ``terms``).
REQUIRED_KEYS = ("topic", "support", "oppose", "conditions", "condition_only", "negation",
                 "reporting_verbs", "prepositions", "pronouns")  # fmt: skip


@functools.cache
def cues_from_yaml(text: str, source: str = "stance cues") -> StanceCues:
    """Compile a cue file's YAML text (cached by text, so process pools and Dask workers that
    receive the text compile it once). Raises :class:`StanceCuesError`, naming ``source``."""
    try:
        raw = yaml_load(text)
    except Exception as exc:  # yaml.YAMLError and its subclasses
        raise StanceCuesError(f"{source}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise StanceCuesError(f"{source}: expected a mapping of keys, got {type(raw).__name__}")
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    topic = raw.get("topic")
    if not missing and not (isinstance(topic, dict) and topic.get("name") and topic.get("terms")):
        missing = ["topic.name and topic.terms"]
    if missing:
        raise StanceCuesError(
            f"{source}: missing {', '.join(missing)} (see storylens/data/stance_cues.yaml)"
        )
    try:
        return _compile(raw)
    except re.error as exc:
        raise StanceCuesError(f"{source}: a cue is not a valid regular expression ({exc})") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise StanceCuesError(f"{source}: malformed entry ({exc})") from exc


def _compile(raw: dict) -> StanceCues:
    def words(key: str) -> str:
        return rf"\b(?:{_alternation(raw[key])})\b"

    def tail(key: str) -> str:  # words(key) without its leading \b
        return rf"(?:{_alternation(raw[key])})\b"

    # (?P<support>\b...\b)|(?P<oppose>\b...\b)|..., with the \b every group starts with
    # tested once in front (the same matches and groups; 1.5x faster: most positions fail it)
    acts = rf"|(?P<act>{tail('acts')})" if raw.get("acts") else ""
    cue = re.compile(
        rf"\b(?:(?P<support>{tail('support')})|(?P<oppose>{tail('oppose')})"
        rf"|(?P<condonly>{tail('condition_only')}){acts})",
        re.IGNORECASE,
    )
    neg = raw["negation"]
    cues = StanceCues(
        topic_name=str(raw["topic"]["name"]),
        topic=re.compile(rf"\b(?:{_alternation(raw['topic']['terms'])})\b", re.IGNORECASE),
        anaphora=(
            re.compile(rf"\b(?:{_alternation(raw['topic']['anaphora'])})\b", re.IGNORECASE)
            if raw["topic"].get("anaphora")
            else None
        ),
        anaphora_reach=int(raw["topic"].get("anaphora_reach", 0)),
        cue=cue,
        condition=re.compile(words("conditions"), re.IGNORECASE),
        # "not" as a word; "n't" also at the end of one ("won't", "can't")
        negation=re.compile(rf"(?:\b|(?<=\w)(?=n['’]))(?:{_alternation(neg)})\b", re.IGNORECASE),
        negation_window=int(raw.get("negation_window", 16)),
        reporting=re.compile(
            rf"[\s,]*(?:[a-z]+\s+){{0,3}}(?:{words('reporting_verbs')})(?:\s+that)?\b",
        ),
        prepositions=frozenset(p.lower() for p in raw["prepositions"]),
        absolute=frozenset(p.lower() for p in raw.get("absolute_prepositions", [])),
        pronoun=re.compile(rf"\b(?:{_alternation(raw['pronouns'])})\b", re.IGNORECASE),
    )
    return replace(cues, folded=_folded(cues))


@functools.cache
def _load(path: str) -> StanceCues:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StanceCuesError(f"stance cue file {path}: cannot read ({exc})") from exc
    return cues_from_yaml(text, f"stance cue file {path}")


def load_cues(path: str | os.PathLike | None = None) -> StanceCues:
    """Load (cached) and compile a stance cue file; default ``data/stance_cues.yaml``.

    Raises :class:`StanceCuesError` for a file that cannot be read or used."""
    return _load(str(Path(path) if path else DEFAULT_CUES))


# --- subject finding --------------------------------------------------------------------------

_TITLE_GAP = re.compile(r"^\s*(?:[A-Z][\w.’'-]*\s+)*$")
_CONNECTOR = re.compile(
    r"^\s*(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*|as well as\s+|or\s+)(?:the\s+)?"
    r"(?:[A-Z][\w.’'-]*\s+)*$"
)
_ABSOLUTE_GAP = re.compile(r"^\s+(?:[a-z]+\s+){0,2}$")
_POSSESSIVE = re.compile(r"^['’]s?\b")
# The word before a phrase, stepping over capitalised title words ("with Ukrainian President
# X" -> "with"): on the text before the phrase, strip r"(?:[A-Z][\w.’'-]*\s+)+$", then take
# r"([A-Za-z]+)\W*$" if what is left ends with a space. Both are matched on the reversed
# text instead (the same strings: a regex anchored at the end, searched forwards, tries
# every start position; reversed it is one match at the start).
_TITLE_WORDS_REV = re.compile(r"(?:\s+[\w.’'-]*[A-Z])+")
_PREV_WORD_REV = re.compile(r"\W*([A-Za-z]+)")
_PASSIVE_BY = re.compile(r"^\s+by\s+$")


def _word_before(rev: str, k: int) -> str:
    """Lowercased word before ``rev[k:]`` reversed (``rev``: a sentence reversed), or ""."""
    m = _TITLE_WORDS_REV.match(rev, k)
    if m is not None:
        k = m.end()
    if not rev.startswith(" ", k):
        return ""
    pw = _PREV_WORD_REV.match(rev, k)
    return pw.group(1)[::-1].lower() if pw else ""


@dataclass(frozen=True, slots=True)
class _Hit:
    label: str  # support | oppose | conditional
    pos: int
    cue: str
    source: str  # quote | action | reported
    sent_id: int


class _SentenceView:
    """The mentions of one sentence with their grammatical roles, computed once."""

    def __init__(self, text: str, sent: Sentence, mentions: list[Mention], cues: StanceCues):
        self.text = text
        self.sent = sent
        ms = sorted(mentions, key=lambda m: (m.start, -m.end))
        # drop mentions nested in an earlier one
        keep: list[Mention] = []
        for m in ms:
            if keep and m.start < keep[-1].end:
                continue
            keep.append(m)
        self.mentions = keep
        n = len(keep)
        self.modifier = [False] * n
        self.topic_mod = [False] * n
        self.possessive = [False] * n
        self.phrase_start = [m.start for m in keep]
        for i, m in enumerate(keep):
            self.possessive[i] = bool(_POSSESSIVE.match(text[m.end : m.end + 3]))
            if i + 1 < n and _TITLE_GAP.match(text[m.end : keep[i + 1].start]):
                self.modifier[i] = True
            # "Western troops would be targets": a demonym modifying the topic, not an actor
            self.topic_mod[i] = (
                m.rule == "demonym"
                and text[m.end : m.end + 1] == " "
                and cues.topic.match(text, m.end + 1) is not None
            )
        for i in range(1, n):  # a name's phrase starts at its modifiers' start
            if self.modifier[i - 1]:
                self.phrase_start[i] = self.phrase_start[i - 1]
        self.prep = [False] * n
        self.absolute = [False] * n  # "with X (also) signaling ...": X is the subject after all
        hi = max([sent.end, *self.phrase_start])
        rev = text[sent.start : hi][::-1] if n else ""
        for i in range(n):
            word = _word_before(rev, hi - self.phrase_start[i])
            self.prep[i] = word in cues.prepositions
            self.absolute[i] = word in cues.absolute

    def candidate(self, i: int) -> bool:
        return not (self.modifier[i] or self.topic_mod[i] or self.possessive[i] or self.prep[i])

    def group(self, head: int, pos: int) -> list[str]:
        """The head's actor plus the names coordinated with it ("A, B and C"), before ``pos``."""
        actors = [self.mentions[head].actor]
        right = self.mentions[head].end
        for j in range(head + 1, len(self.mentions)):
            m = self.mentions[j]
            if m.end > pos:
                break
            if self.modifier[j] or self.topic_mod[j]:
                continue
            if not self.candidate(j) or not _CONNECTOR.match(
                self.text[right : self.phrase_start[j]]
            ):
                break
            actors.append(m.actor)
            right = m.end
        left = self.phrase_start[head]
        for j in range(head - 1, -1, -1):
            m = self.mentions[j]
            if self.modifier[j]:
                continue
            if not self.candidate(j):
                break
            if not _CONNECTOR.match(self.text[m.end : left]):
                break
            actors.append(m.actor)
            left = self.phrase_start[j]
        return actors

    def subject(self, lo: int, pos: int) -> tuple[list[str], int] | None:
        """Subject group of a cue at ``pos`` within ``[lo, pos)``: (actors, head index)."""
        for i in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[i]
            if m.end > pos:
                continue
            if m.start < lo:
                break
            if self.candidate(i) or (
                self.absolute[i]
                and not (self.modifier[i] or self.possessive[i])
                and _ABSOLUTE_GAP.match(self.text[m.end : pos])
            ):
                return self.group(i, pos), i
        return None

    def first_subject(self, pos: int) -> tuple[list[str], int] | None:
        for i, m in enumerate(self.mentions):
            if m.end > pos:
                return None
            if self.candidate(i):
                return self.group(i, pos), i
        return None

    def possessor(self, lo: int, pos: int) -> list[str]:
        """Fallback: "Russia's Foreign Ministry has ruled out" -> the possessor."""
        for i in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[i]
            if lo <= m.start and m.end <= pos and self.possessive[i] and not self.prep[i]:
                return [m.actor]
        return []

    def passive_agent(self, end: int) -> list[str]:
        for i, m in enumerate(self.mentions):
            if m.start >= end and _PASSIVE_BY.match(self.text[end : self.phrase_start[i]]):
                return [m.actor]
        return []

    def reporter(self, pos: int, cues: StanceCues) -> tuple[list[str], int, int] | None:
        """A subject followed by a reporting verb before ``pos``: (actors, head, verb end)."""
        for i, m in enumerate(self.mentions):
            if m.end > pos:
                break
            if not self.candidate(i):
                continue
            rv = cues.reporting.match(self.text, m.end, pos)
            if rv:
                return self.group(i, pos), i, rv.end()
        return None


# --- per article ------------------------------------------------------------------------------


def _owners(
    view: _SentenceView,
    spans: list[tuple[int, int]],
    pos: int,
    end: int,
    cues: StanceCues,
) -> list[tuple[str, str]]:
    """(actor, source) pairs owning a cue at ``text[pos:end]`` outside any quote."""
    lo = next((a for a, b in spans if a <= pos < b), view.sent.start)
    agent = view.passive_agent(end)
    if agent:
        return [(a, "action") for a in agent]
    found = view.subject(lo, pos)
    rep = view.reporter(pos, cues)
    if rep is not None:
        r_actors, r_head, r_end = rep
        src = "reported" if pos >= r_end else "action"
        if found is None or found[1] == r_head:
            poss = view.possessor(max(lo, r_end), pos)
            if found is None and poss:
                return [(a, "action") for a in poss]
            return [(a, src) for a in r_actors]
        if found[1] > r_head:  # a subject of its own inside the reported clause
            out = [(a, "action") for a in found[0]]
            aff = view.mentions[r_head].affiliation
            if aff and set(found[0]) <= {aff}:  # "Trump signaled that the U.S. is prepared"
                out += [(a, src) for a in r_actors if a not in found[0]]
            return out
    if found is not None:
        return [(a, "action") for a in found[0]]
    poss = view.possessor(lo, pos)
    if poss:
        return [(a, "action") for a in poss]
    if not _SUBJECTLESS.match(view.text, lo, pos):
        return []  # the clause has a subject that is no actor ("26 countries pledge troops")
    first = view.first_subject(pos)
    return [(a, "action") for a in first[0]] if first else []


def _label(kind: str, negated: bool, conditional: bool) -> str:
    if kind == "condonly":
        return "conditional"
    kind = "support" if kind == "act" else kind
    polarity = kind if not negated else ("oppose" if kind == "support" else "support")
    return "conditional" if conditional else polarity


def decide(labels: Sequence[str]) -> str:
    """Verdict from the hit labels of one actor (see the module docstring)."""
    if not labels:  # most actors of an article: no hit
        return "neutral"
    s, o, c = labels.count("support"), labels.count("oppose"), labels.count("conditional")
    if not (s or o or c):
        return "neutral"
    if s and o:
        return "mixed"
    top = max(s, o)
    if c >= top:
        return "conditional"
    return "support" if s > o else "oppose"


#: The words a clause without a subject of its own may hold before its verb ("... but has
#: since ruled out"): it inherits the sentence's first subject.
_SUBJECTLESS = re.compile(
    r"[\s,;:—–-]*(?:(?:and|but|or|then|also|yet|so|however|while|has|have|had|is|are|was|were|"
    r"will|would|could|can|may|might|must|should|did|does|do|not|n['’]t|already|still|"
    r"repeatedly|previously|since|never|now|later|earlier|again|only|just|even|publicly|"
    r"privately|reportedly|firmly|flatly|effectively|initially|"
    r"on \w+day|(?:last|this|next) (?:week|month|year)|appear(?:s|ed)? to|seem(?:s|ed)? to)"
    r"\b[\s,]*)*$",
    re.IGNORECASE,
)
#: A cue starting this close after the previous one (no clause break between) is its object.
_COMPLEMENT_GAP = 12
_BREAK = re.compile(r"[,;:.!?—–]")


def _named(q: Quote) -> bool:
    """A quote with a named speaker (not anonymous or unattributed). For speed, what
    ``q in named_quotes`` asked: ``q`` is in that list, or an equal quote is, exactly when
    this holds for ``q`` (equal quotes have equal fields)."""
    return bool(q.speaker) and q.speaker_type not in ("anonymous", "unattributed")


def _clip(s: str) -> str:
    s = " ".join(s.split())
    return s if len(s) <= _EVIDENCE_MAX else s[: _EVIDENCE_MAX - 1] + "…"


def actor_stance(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    *,
    gazetteer=None,
    cues: StanceCues | None = None,
) -> list[dict]:
    """One dict per actor of the article (mentioned, or a named quote speaker), by name.

    Keys: ``actor``, ``stance`` (support | conditional | mixed | oppose | neutral), ``evidence``
    (the sentence that decided it; for neutral, the actor's most topical sentence or ""),
    ``n_cues``, ``cues`` ("label:cue@sent_id; ..."), ``source`` (quote | action | reported,
    of the deciding hits), ``actor_type``, ``topic``. ``gazetteer`` is accepted for the
    pipeline's signature and not needed: mentions carry their affiliation.
    """
    del gazetteer
    cues = cues or load_cues()
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent_id, []).append(m)
    named_quotes = [q for q in quotes if _named(q)]
    all_quotes = sorted(quotes, key=lambda q: q.start)
    all_starts = [q.start for q in all_quotes]
    # named quotes by start, so a sentence finds its own by bisection (not a scan of all quotes)
    named_by_start = sorted(named_quotes, key=lambda q: q.start)
    named_starts = [q.start for q in named_by_start]
    actor_type: dict[str, str] = {}
    affiliation: dict[str, str] = {}
    for m in mentions:
        actor_type.setdefault(m.actor, m.actor_type)
        if m.affiliation:
            affiliation.setdefault(m.actor, m.affiliation)
    for q in named_quotes:
        actor_type.setdefault(q.speaker, q.speaker_type or "person")

    hits: dict[str, list[_Hit]] = {a: [] for a in actor_type}
    topical_score: dict[str, tuple[int, int]] = {}  # actor -> (n topic terms, -sent_id)
    sent_text: dict[int, str] = {}
    last_topical = -(10**9)
    # the case-insensitive patterns scan `scan`: the text, or (faster) the lowercased text
    pats: StanceCues | _Folded = cues
    scan = text
    if cues.folded is not None and not any(c in text for c in _FOLD_UNSAFE_TEXT):
        pats, scan = cues.folded, text.lower()
    topic_findall, cue_finditer = pats.topic.findall, pats.cue.finditer
    condition, negation, anaphora = pats.condition, pats.negation, pats.anaphora
    # strings one of which a topic (anaphora) match needs (see _needed): a cheap pre-test
    topic_needs = anaphora_needs = None
    if isinstance(pats, _Folded):
        topic_needs, anaphora_needs = pats.topic_needs, pats.anaphora_needs
    neg_window = cues.negation_window
    for k, sent in enumerate(sentences):
        sbody = scan[sent.start : sent.end]
        if topic_needs is not None and not any(map(sbody.__contains__, topic_needs)):
            n_topic = 0  # for speed: topic_findall(sbody) finds nothing
        else:
            n_topic = len(topic_findall(sbody))
        if n_topic:
            last_topical = k
        elif (
            anaphora is not None
            and k - last_topical <= cues.anaphora_reach
            and (anaphora_needs is None or any(map(sbody.__contains__, anaphora_needs)))
            and anaphora.search(sbody)
        ):
            n_topic = 1
        else:
            continue
        ms = by_sent.get(sent.sent_id, [])
        body = text[sent.start : sent.end]
        sent_text[sent.sent_id] = body
        in_sent = named_by_start[
            bisect_left(named_starts, sent.start) : bisect_left(named_starts, sent.end)
        ]
        for a in {m.actor for m in ms} | {q.speaker for q in in_sent}:
            score = (n_topic, -sent.sent_id)
            if score > topical_score.get(a, (0, 0)):
                topical_score[a] = score
        matches = list(cue_finditer(scan, sent.start, sent.end))
        if not matches:
            continue
        view = _SentenceView(text, sent, ms, cues)
        spans = clause_spans(text, sent, ms)
        # condition phrases of the sentence (offsets in the sentence), found once
        cond_spans = [c.span() for c in condition.finditer(sbody)]
        conditional = bool(cond_spans)
        prev_end = None
        for mt in matches:
            if (
                prev_end is not None
                and mt.start() - prev_end <= _COMPLEMENT_GAP
                and not _BREAK.search(scan, prev_end, mt.start())
            ):
                # "ruled out sending troops", "pledged to help deploy": the object of the
                # cue before it, not a stance of its own
                prev_end = mt.end()
                continue
            prev_end = mt.end()
            kind = mt.lastgroup or "support"
            pos, end = mt.start(), mt.end()
            lo = max(sent.start, pos - neg_window)
            # a negation just before the cue, or inside it ("will not send")
            before = negation.search(scan, lo, pos) is not None
            negated = before or negation.search(scan, pos, end) is not None
            cond = conditional
            if kind != "condonly" and cond:
                # the condition must be another phrase than this cue itself
                cond = any(
                    not (a >= pos - sent.start and b <= end - sent.start) for a, b in cond_spans
                )
            label = _label(kind, negated, cond)
            quote = next(
                (q for q in all_quotes[: bisect_right(all_starts, pos)] if pos < q.end), None
            )
            if quote is not None and quote.kind == "reported":
                # reported speech keeps its own grammar: "France has suggested sending ...,
                # according to sources" is France acting; with no subject inside the reported
                # clause the cue is the (named) speaker's.
                inner = [
                    a
                    for a, _ in _owners(view, spans, pos, end, cues)
                    if any(m.actor == a and quote.start <= m.start for m in ms)
                ]
                if inner:
                    owners = [(a, "reported") for a in inner]
                    # "Starmer has said the UK is prepared to ...": the speaker's own country
                    aff = affiliation.get(quote.speaker, "")
                    if _named(quote) and aff and set(inner) <= {aff}:
                        owners.append((quote.speaker, "reported"))
                else:
                    # every named speaker of this clause ("Finland and the Baltic states have
                    # signalled they could contribute": a reported quote for each)
                    twins = all_quotes[
                        bisect_left(all_starts, quote.start) : bisect_right(all_starts, quote.start)
                    ]
                    owners = [
                        (q.speaker, "reported")
                        for q in twins
                        if q.end == quote.end and q.kind == "reported" and _named(q)
                    ]
            elif quote is not None:
                owners = [(quote.speaker, "quote")] if _named(quote) else []
                if kind == "act" and any(quote.start <= m.start < pos for m in ms):
                    owners = []  # "We deny that X will deploy": X's act, as the speaker tells it
            else:
                owners = _owners(view, spans, pos, end, cues)
            for actor, src in owners:
                hits.setdefault(actor, []).append(
                    _Hit(label, pos, ("not " if before else "") + text[pos:end], src, sent.sent_id)
                )
                actor_type.setdefault(actor, "")

    rows = []
    clipped: dict[int, str] = {}  # sent_id -> its clipped text (many actors share a sentence)
    for actor in sorted(hits):
        if not hits[actor]:  # for speed, the common case: no hit, neutral (as below)
            best = topical_score.get(actor)
            if best:
                sid = -best[1]
                evidence = clipped.get(sid)
                if evidence is None:
                    evidence = clipped[sid] = _clip(sent_text[sid])
            else:
                evidence = ""
            rows.append(
                {
                    "actor": actor,
                    "stance": "neutral",
                    "evidence": evidence,
                    "n_cues": 0,
                    "cues": "",
                    "source": "",
                    "actor_type": actor_type.get(actor, ""),
                    "topic": cues.topic_name,
                }
            )
            continue
        hs = sorted(set(hits[actor]), key=lambda h: (h.pos, h.label, h.source))
        stance = decide([h.label for h in hs])
        if stance == "neutral":
            best = topical_score.get(actor)
            evidence = _clip(sent_text[-best[1]]) if best else ""
            decisive: list[_Hit] = []
        elif stance == "mixed":
            decisive = [
                next(h for h in hs if h.label == "support"),
                next(h for h in hs if h.label == "oppose"),
            ]
        else:
            decisive = [next(h for h in hs if h.label == stance)] if stance != "neutral" else []
        if decisive:
            sids = sorted({h.sent_id for h in decisive})
            evidence = _clip(" | ".join(sent_text[s] for s in sids))
        rows.append(
            {
                "actor": actor,
                "stance": stance,
                "evidence": evidence,
                "n_cues": len(hs),
                "cues": "; ".join(f"{h.label}:{h.cue}@{h.sent_id}" for h in hs),
                "source": ",".join(sorted({h.source for h in decisive})),
                "actor_type": actor_type.get(actor, ""),
                "topic": cues.topic_name,
            }
        )
    return rows


# --- corpus roll-up ---------------------------------------------------------------------------


def stance_overview(stance_df: pd.DataFrame) -> pd.DataFrame:
    """One row per actor across articles: ``actor``, ``n_articles``, ``n_with_evidence``,
    ``stances`` (each non-neutral stance seen with its count, e.g. "support×2, conditional×1"),
    ``overall``.

    Rule for ``overall``: neutral rows are ignored (an article that does not discuss the
    actor's position says nothing about it). No evidence anywhere -> neutral; one stance only
    -> that stance; both support and oppose seen (in any form: mixed counts as both) -> mixed;
    otherwise the most frequent stance, ties broken toward ``conditional`` (support with
    conditional rows, or oppose with conditional rows, is a qualified position).
    Sorted by number of articles with evidence, then name.
    """
    cols = ["actor", "n_articles", "n_with_evidence", "stances", "overall"]
    if stance_df is None or len(stance_df) == 0:
        return pd.DataFrame(columns=cols)
    rows = []
    for actor, grp in stance_df.groupby("actor", sort=True):
        seen = [s for s in grp["stance"] if s != "neutral"]
        counts = {s: seen.count(s) for s in STANCES if s in seen}
        rows.append(
            {
                "actor": actor,
                "n_articles": int(grp["doc_id"].nunique()) if "doc_id" in grp else len(grp),
                "n_with_evidence": len(seen),
                "stances": ", ".join(f"{s}×{n}" for s, n in counts.items()),
                "overall": _overall(counts),
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["n_with_evidence", "n_articles", "actor"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _overall(counts: dict[str, int]) -> str:
    if not counts:
        return "neutral"
    if len(counts) == 1:
        return next(iter(counts))
    if "mixed" in counts or ("support" in counts and "oppose" in counts):
        return "mixed"
    top = max(counts.values())
    best = [s for s in STANCES if counts.get(s) == top]
    return "conditional" if "conditional" in best else best[0]
