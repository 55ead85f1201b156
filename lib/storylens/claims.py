"""Numeric claims: every figure in an article as an interval with a unit, a referent and a claimant.

``extract_claims(text, sentences, *, mentions=(), quotes=(), default_claimant="")`` returns
:class:`storylens.model.Claim` records whose ``text[start:end] == surface``.

How a figure is read (all vocabulary is data, see ``data/claims_*.yaml``):

1. **Atoms.** One precompiled regex finds digit figures (``30,000``, ``1 250 000``, ``1.5``,
   ``3½``, ``$2bn``, ``15k``, ``2.34 bln``) and number-word sequences (``twenty-six``, ``two hundred and fifty``,
   ``one and a half``) with an optional scale (``million``, ``bn``); a second finds vague
   magnitudes (``tens of thousands of``, ``a few thousand``, ``dozens of``, ``half``).
   Sentences are only visited when an atom falls in them (the cheap pre-filter).
2. **Not claims.** Atoms overlapping a masked span are dropped: dates and times (calendar rules
   below), phone/licence/ID numbers, ISSN/ISBN, copyright lines, designations glued to letters
   (``F-35``, ``G7``, ``COVID-19``), street numbers, ordinals, decades, and labels (a label word
   such as ``Article``/``Resolution``/``Section`` before the number). Bare years (1800-2100,
   no separator, no unit noun after) are dates. A bare ``one``/``zero`` is never a claim
   (``one of the officials``); small counts of sources in an attribution (``two Western
   officials said``) and anaphoric counts (``the two nations``) describe sourcing or refer
   back, so they are not claims either (documented in ``claims_not_claims.yaml``).
3. **Combination.** Neighbouring atoms joined by ``between .. and``, ``from .. to``, ``to``,
   ``-``/``–`` or ``or`` form a range (scale shared: "between 3 and 5 million"; digits joined
   by ``or`` only so: "€7 or €8 million"); ``N in M`` /
   ``N out of M`` a share in percent; ``N of those X`` keeps the subset phrase in the surface
   (``26 of those countries``, ``27 of the 290 wards``: the total stays a figure of its own) so
   reconciliation can link it to the total. ``N per 100,000`` is a rate (unit ``rate`` unless
   a noun gives one; the denominator goes into the surface and the referent). Two whole numbers
   joined by a dash or ``to``, the first not smaller, near a vote word (``voted 11-1``,
   ``confirmed 48-47``) are a tally: the first side's votes, unit ``votes``, not a range; its
   referent says ``in favour``, so the tallies of one vote group in reconciliation.
4. **Interval.** The qualifier before the figure (``up to``, ``at least``, ``about``,
   ``nearly``...) sets the interval: exact ``[x, x]``; approx ``x ± 10%``; nearly ``[0.9x, x]``
   (qualifier ``approx``); up_to ``[None, x]``; at_least ``[x, None]``; vague from the table.
   A bound may follow the figure (``1% or lower``, ``1,000 troops or more``); an approximate
   qualifier reaches over an article to an amount (``about a 90% chance``). A bound on a
   fraction is the fraction ("more than two-thirds", also without "of" after it) and on "a
   dozen" it is 12; a minus glued to a lone figure is its sign (``-6.8%`` in a table).
5. **Unit and referent.** The first head noun within a few words after the figure gives the
   unit (``soldiers`` -> troops); compounds ``3½-year war`` give the time unit and keep the
   noun (``years | war``); ``%``/``percent`` give percent; currency symbols or words give
   ``currency`` with an ISO code; ``basis points`` keep the text's number (reconciliation
   compares them in percentage points); speeds, lengths, weights and rainfall (``195 kph``,
   ``118mph``, ``15-centimetre``, ``four kilos``, ``347mm``) have their units; the gazetteer's
   plural demonyms count people (``nine Australians``); a figure inside the counted noun of
   the one before is none of its own (``25 million twenty-foot equivalent units``); ``lakh``/``crore`` scale like ``million``; a point compound
   (``a 6-point lead``) is percentage points up to 100 and index points beyond. A maturity
   (``the 10-year yield``, ``a 30-year mortgage``) names a product and is no claim. A figure
   with no unit inherits the unit and modifiers of the previous figure in its sentence (``a
   brigade of 5,000 soldiers which would become 15,000``).
   Any other plural noun right after a figure is counted, unit ``count`` (``seven judges``,
   ``20 additional mobile teams``), except, after a bare number word, nouns that count nothing
   in news (``three reasons``, ``two ways``) and ranks (``the two largest ports``).
   The referent is ``"<unit> | <modifiers>"``; modifiers come from the clause around the figure
   (bounded by neighbouring figures and ``;``/``, but``...).
6. **Claimant.** The speaker of a Quote whose span contains the figure; else the subject of a
   speech verb in the sentence (mention actor when a mention ends the subject; pronouns resolve
   to the last person mention before); else ``default_claimant``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field

from storylens.model import Claim, Mention, Quote, Sentence
from storylens.paths import DATA_DIR, yaml_load

__all__ = ["extract_claims", "parse_number_words", "lexicon", "term_keys"]

_FRACTION_CHARS = "½¼¾⅓⅔⅕⅛"


def _load(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml_load(fh)


def _alt(words, *, lower: bool = True) -> str:
    """Regex alternation of literal phrases as a trie (fast to scan, longest match first).

    Phrases are lowercased unless ``lower=False`` (use with ``re.IGNORECASE``); a space matches
    any whitespace run.
    """
    trie: dict = {}
    for w in sorted({str(w).lower() if lower else str(w) for w in words}):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        atom = r"\s+" if ch == " " else re.escape(ch)
        branches.append(atom + _trie_pattern(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body


@dataclass
class _Lex:
    """Compiled vocabulary (built once by :func:`lexicon`)."""

    word_values: dict[str, int]
    scales: dict[str, int]
    short_scales: dict[str, int]
    ufrac: dict[str, float]
    fractions: dict[str, tuple[float, float]]
    vague: dict[str, tuple[float, float]]
    vague_mult: dict[str, tuple[float, float]]
    vague_bound: dict[str, float]
    tol: float
    qual_of: dict[str, str]
    head_unit: dict[str, str]
    time_units: frozenset
    time_deictics: frozenset
    compound_units: dict[str, str]
    glued_units: dict[str, str]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    pre_of: dict[str, str]
    pre_verb: dict[str, str]
    modifiers: list[tuple[str, re.Pattern, frozenset, bool]]
    rotation_labels: frozenset
    total_labels: frozenset
    share_label: str
    re_anaphora: re.Pattern
    source_nouns: frozenset
    anaphoric_dets: frozenset
    anaphoric_max: int
    attribution_max: int
    uncounted_nouns: frozenset
    ranking_words: frozenset
    label_words: frozenset
    label_any_case: frozenset
    speech_verbs: frozenset
    auxiliaries: frozenset
    subject_stops: frozenset
    determiners: frozenset
    person_pronouns: frozenset
    group_pronouns: frozenset
    relative_date_cues: tuple
    own_labels: frozenset = frozenset()  # modifier labels a figure does not inherit
    post_qual: dict[str, str] = field(default_factory=dict)  # "or more" -> at_least
    tally_reach: int = 60
    maturity_nouns: frozenset = frozenset()
    ctx: dict = field(repr=False, default_factory=dict)
    ctx_stop: frozenset = frozenset()
    ctx_verbs: frozenset = frozenset()
    ctx_not_verbs: frozenset = frozenset()
    ctx_preps: frozenset = frozenset()
    ctx_clause: frozenset = frozenset()
    synonym_units: frozenset = frozenset()
    unit_nouns: frozenset = frozenset()
    modifier_labels: frozenset = frozenset()
    re_relative: re.Pattern = field(repr=False, default=None)
    re_atom: re.Pattern = field(repr=False, default=None)
    re_vague: re.Pattern = field(repr=False, default=None)
    re_mask: re.Pattern = field(repr=False, default=None)
    re_mask_fast: re.Pattern | None = field(repr=False, default=None)
    # re_mask_fast plus an empty "stop" match where it fails at the end of a number / a word
    re_mask_stops: tuple[re.Pattern, re.Pattern] | None = field(repr=False, default=None)
    re_qual: re.Pattern = field(repr=False, default=None)
    re_post_qual: re.Pattern = field(repr=False, default=None)
    re_glued: re.Pattern = field(repr=False, default=None)
    re_scaled: re.Pattern = field(repr=False, default=None)  # a scale word ("million", "lakh")
    re_scale_end: re.Pattern = field(repr=False, default=None)  # ... ending an atom
    re_tally_cue: re.Pattern = field(repr=False, default=None)
    # "went up to 134": a motion verb before "up to" (claims_numbers.yaml motion_verbs)
    re_motion_before: re.Pattern = field(repr=False, default=None)
    re_over_particle: re.Pattern = field(repr=False, default=None)
    # "150 people were killed" (claims_units.yaml casualty_words, casualty_fillers)
    re_casualty_after: re.Pattern = field(repr=False, default=None)
    re_head: re.Pattern = field(repr=False, default=None)
    re_cur_left: re.Pattern = field(repr=False, default=None)
    re_cur_right: re.Pattern = field(repr=False, default=None)
    re_percent: re.Pattern = field(repr=False, default=None)
    re_compound: re.Pattern = field(repr=False, default=None)
    re_pre_of: re.Pattern = field(repr=False, default=None)
    re_pre_verb: re.Pattern | None = field(repr=False, default=None)
    qual_ends: tuple[str, ...] | None = None
    cur_left_ends: tuple[str, ...] | None = None
    cur_symbols: tuple[str, ...] = ()  # currency symbols, longest first ("US$" before "$")
    # "a quarter of a million", "half a cent": what a fraction is of one whole (see _whole_of)
    fraction_values: dict = field(default_factory=dict)
    re_whole_of: re.Pattern | None = field(repr=False, default=None)
    # ISO codes a figure may be glued to ("EUR12.5 million", "USD5bn"); see _atoms
    glued_codes: frozenset = frozenset()
    re_subset: re.Pattern = field(repr=False, default=None)
    re_speech: re.Pattern = field(repr=False, default=None)
    re_according: re.Pattern = field(repr=False, default=None)
    re_according_cs: re.Pattern | None = field(repr=False, default=None)
    according_keys: tuple[str, ...] | None = None  # one of these is in every re_according_cs match
    re_prefilter: re.Pattern = field(repr=False, default=None)
    re_any_modifier: re.Pattern = field(repr=False, default=None)
    re_any_modifier_cs: re.Pattern | None = field(repr=False, default=None)
    modifiers_cs: list | None = field(repr=False, default=None)
    re_modifier_literals: re.Pattern | None = field(repr=False, default=None)
    modifier_cs_literals: list | None = field(repr=False, default=None)
    # case-sensitive twins of re_atom / re_vague / re_prefilter, run on _fold(text)
    re_atom_cs: re.Pattern | None = field(repr=False, default=None)
    re_digits_cs: re.Pattern | None = field(repr=False, default=None)
    re_words_cs: re.Pattern | None = field(repr=False, default=None)
    re_words_after_cs: re.Pattern | None = field(repr=False, default=None)  # see _compile
    re_vague_cs: re.Pattern | None = field(repr=False, default=None)
    vague_runs: tuple[re.Pattern, tuple[str, ...]] | None = field(repr=False, default=None)
    re_prefilter_cs: re.Pattern | None = field(repr=False, default=None)
    modifier_order: dict = field(repr=False, default_factory=dict)
    content_kinds: dict = field(repr=False, default_factory=dict)  # _content cache


_STOP_BEFORE_HEAD = (
    "and|or|but|to|in|on|at|for|by|with|from|that|which|who|whom|is|are|was|were|be|been|has|"
    "have|had|will|would|could|should|may|might|can|said|says|the|a|an|of|as|than|per|when|if|"
    "this|these|those|its|their|his|her|into|after|before|during|while|since|until|because|so|"
    "then|it|they|he|she|we|you|i|not|no|over|under|about|around|up|down|out|off|each|every"
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.]*")
_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:but|while|whereas|although|though|yet)\b|\s+but\s+|:\s", re.IGNORECASE
)
#: One of these is in every match of _CLAUSE_BREAK on lowercase text (";", a conjunction after
#: the comma, "but", ":"; "although" holds "though"): a clause without any has no break, and
#: ``in`` tests cost less than the regex, which tries every position.
_CLAUSE_BREAK_KEYS = (";", ":", "but", "while", "whereas", "though", "yet")


@functools.cache
def lexicon() -> _Lex:
    """Load every ``claims_*`` data file and compile the regexes (cached)."""
    num = _load("claims_numbers.yaml")
    units = _load("claims_units.yaml")
    refs = _load("claims_referents.yaml")
    notc = _load("claims_not_claims.yaml")
    cl = _load("claims_claimants.yaml")

    word_values = {**num["units"], **num["tens"]}
    scales = dict(num["scales"])
    qual_of: dict[str, str] = {}
    for q, phrases in num["qualifiers"].items():
        for p in phrases:
            qual_of.setdefault(str(p).lower(), q)
    head_unit: dict[str, str] = {}
    for unit, nouns in units["head_nouns"].items():
        for n in nouns:
            head_unit.setdefault(str(n).lower(), unit)
    for n in _plural_demonyms():  # "three Peruvians", "nine Australians"
        head_unit.setdefault(n.lower(), "people")
    pre_of = {}
    for unit, nouns in units["pre_of_nouns"].items():
        for n in nouns:
            pre_of[str(n).lower()] = unit
    pre_verb = {}
    for unit, nouns in units.get("pre_verb_nouns", {}).items():
        for n in nouns:
            pre_verb[str(n).lower()] = unit
    mods = []
    for m in refs["modifiers"]:
        pat = "|".join(f"(?:{p})" for p in m["patterns"])
        mods.append(
            (
                m["label"],
                re.compile(rf"\b(?:{pat})\b", re.IGNORECASE),
                frozenset(m.get("units", ())),
                bool(m.get("rotation", False)),
            )
        )
    lex = _Lex(
        word_values=word_values,
        scales=scales,
        short_scales=dict(num["short_scales"]),
        ufrac=dict(num["unicode_fractions"]),
        fractions={k.lower(): tuple(v) for k, v in num["fractions"].items()},
        fraction_values={k.lower(): float(v) for k, v in num["fraction_values"].items()},
        vague={k.lower(): tuple(v) for k, v in num["vague_counts"].items()},
        vague_bound={k.lower(): float(v) for k, v in num["vague_bound_values"].items()},
        vague_mult={k.lower(): tuple(v) for k, v in num["vague_multipliers"].items()},
        tol=float(num["approx_tolerance"]),
        qual_of=qual_of,
        head_unit=head_unit,
        time_units=frozenset(units["time_units"]),
        time_deictics=frozenset(w.lower() for w in units.get("time_deictics", [])),
        compound_units={k.lower(): v for k, v in units["compound_units"].items()},
        glued_units={k.lower(): v for k, v in units["glued_units"].items()},
        currency_symbols=dict(units["currency_symbols"]),
        currency_words={k.lower(): v for k, v in units["currency_words"].items()},
        pre_of=pre_of,
        pre_verb=pre_verb,
        modifiers=mods,
        rotation_labels=frozenset(m["label"] for m in refs["modifiers"] if m.get("rotation")),
        total_labels=frozenset(m["label"] for m in refs["modifiers"] if m.get("total")),
        own_labels=frozenset(m["label"] for m in refs["modifiers"] if not m.get("inherit", True)),
        share_label=refs["figure_anaphora_label"],
        re_anaphora=re.compile(rf"\W*(?:{_alt(refs['figure_anaphora'])})\b", re.IGNORECASE),
        source_nouns=frozenset(notc["source_nouns"]),
        anaphoric_dets=frozenset(notc["anaphoric_determiners"]),
        anaphoric_max=int(notc["anaphoric_max"]),
        attribution_max=int(notc["attribution_max"]),
        uncounted_nouns=frozenset(w.lower() for w in notc["uncounted_nouns"]),
        ranking_words=frozenset(w.lower() for w in notc["ranking_words"]),
        label_words=frozenset(w.lower() for w in notc["label_words"]),
        label_any_case=frozenset(w.lower() for w in notc["label_words_any_case"]),
        speech_verbs=frozenset(cl["speech_verbs"]),
        auxiliaries=frozenset(cl["auxiliaries"]),
        subject_stops=frozenset(cl["subject_stops"]),
        determiners=frozenset(cl["determiners"]),
        person_pronouns=frozenset(cl["pronouns"]["person"]),
        group_pronouns=frozenset(cl["pronouns"]["group"]),
        relative_date_cues=tuple(notc["relative_date_cues"]),
        post_qual={
            str(p).lower(): q for q, phrases in num["post_qualifiers"].items() for p in phrases
        },
        tally_reach=int(num["tally_reach"]),
        re_tally_cue=re.compile(rf"\b(?:{_alt(num['tally_cues'])})\b", re.IGNORECASE),
        maturity_nouns=frozenset(str(w).lower() for w in notc["maturity_nouns"]),
    )
    ctx = refs["context"]
    lex.ctx = ctx
    lex.ctx_stop = frozenset(str(w).lower() for w in ctx["stopwords"]) | lex.speech_verbs
    lex.ctx_verbs = frozenset(str(w).lower() for w in ctx["verbs"])
    lex.ctx_not_verbs = frozenset(str(w).lower() for w in ctx["not_verbs"])
    lex.ctx_preps = frozenset(str(w).lower() for w in ctx["prepositions"])
    lex.ctx_clause = frozenset(str(w).lower() for w in ctx["clause_words"])
    lex.synonym_units = frozenset(ctx["synonym_units"])
    lex.unit_nouns = frozenset(
        w for phrase in [*lex.head_unit, *lex.pre_of] for w in phrase.split()
    )
    lex.modifier_labels = frozenset([m["label"] for m in refs["modifiers"]] + [lex.share_label])
    # One search tells whether any modifier label matches a window at all (most windows have
    # none): an alternation of the labels' own patterns matches iff one of them does.
    lex.re_any_modifier = re.compile(
        "|".join(f"(?:{pat.pattern})" for _lab, pat, _u, _r in mods), re.IGNORECASE
    )
    lex.modifier_order = {lab: n for n, (lab, *_r) in enumerate(mods)}
    twins = [_case_sensitive_twin(pat) for _lab, pat, _u, _r in mods]
    any_twin = _case_sensitive_twin(lex.re_any_modifier)
    if any_twin is not None and all(t is not None for t in twins):
        lex.modifiers_cs = [(lab, t, u, r) for (lab, _p, u, r), t in zip(mods, twins, strict=True)]
        # per label: one search for "any of its required strings is in the window"
        lex.modifier_cs_literals = [
            None if lits is None else re.compile("|".join(map(re.escape, lits)))
            for lits in map(_required_literals, twins)
        ]
        lex.re_any_modifier_cs = any_twin
        lits = _required_literals(any_twin)
        if lits is not None:  # one of these strings is in every match: a cheap pre-check
            lex.re_modifier_literals = re.compile(_alt(lits, lower=False))
    _compile(lex, num, units, notc, cl)
    return lex


def _plural_demonyms() -> list[str]:
    """The gazetteer's plural demonyms ("Peruvians", "Englishmen"; not "Swiss", "French")."""
    from storylens.actors import Gazetteer  # the tagger's own (cached) gazetteer

    return [
        d
        for e in Gazetteer.load().entries.values()
        for d in e.demonyms
        if (d.endswith("s") and not d.endswith("ss")) or d.endswith("men")
    ]


def _compile(lex: _Lex, num: dict, units: dict, notc: dict, cl: dict) -> None:
    motion_verbs = num["motion_verbs"]
    over_verbs = num.get("over_particle_verbs", [])
    words = _alt(lex.word_values)
    scale = _alt(lex.scales)
    # "a million"; "half a million" (half of the scale)
    w = rf"(?:{words}|{scale}|a(?=\s+{scale}\b)|half\s+an?(?=\s+{scale}\b))"
    half = r"(?:\s+and\s+a\s+half)"
    and_join = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
    wordseq = rf"\b{w}(?:(?:-|\s+|{and_join}){w}|{half})*\b"
    short = _alt(lex.short_scales)
    spaced = _alt(num["spaced_short_scales"])
    frac = f"[{_FRACTION_CHARS}]"
    # thousands grouped by commas, or by (no-break, thin) spaces as in European copy ("10 000")
    # ... or glued to three letters: wire copy glues the ISO code ("EUR12.5 million"); _atoms
    # keeps such a figure only after a currency code (any other is a designation, "ABC123")
    glued = r"(?<=(?<![^\W\d_])[a-z]{3})"
    digits = (
        rf"(?:(?<![\w.,])|{glued})"
        r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)"
        r"(?:\.\d+)?(?![\d])" + frac + "?"
        rf"(?:\s*{scale}\b|{short}\b|[ \u00a0]{spaced}\b)?"
    )
    lex.re_atom = re.compile(rf"(?P<d>{digits})|(?P<w>{wordseq})", re.IGNORECASE)
    # The same two alternatives as separate scans (merged in _atoms): the digit one written to
    # start with its digit so that the regex engine skips straight to digits. "(?<![\w.,])\d"
    # is "\d(?<![\w.,]\d)" (and the glued lookbehind moves behind the digit the same way),
    # "\d{1,3}" is "\d\d{0,2}" and "\d+" is "\d\d*" (same backtracking).
    head = rf"(?:(?<![\w.,])|{glued})"
    head += r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)"
    assert digits.startswith(head)
    twin = r"\d(?:(?<![\w.,]\d)|(?<=(?<![^\W\d_])[a-z]{3}\d))(?:\d{0,2}(?:,\d{3})+|\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d*)"
    lex.re_digits_cs = _case_sensitive_twin(re.compile(twin + digits[len(head) :], re.I))
    lex.re_words_cs = _case_sensitive_twin(re.compile(wordseq, re.IGNORECASE))
    # ... and the word one, which starts with "\b" and a letter (no prefix the engine can skip
    # to), also written as the non-word character before it and the rest: a match of
    # "\W" + rest at p - 1 is a match of wordseq at p >= 1 (see _atom_spans). The engine skips
    # straight to the non-word characters (about one in five) instead of trying every position.
    assert wordseq.startswith(r"\b")
    lex.re_words_after_cs = _case_sensitive_twin(re.compile(r"\W" + wordseq[2:], re.IGNORECASE))

    mult = _alt(lex.vague_mult)
    lex.re_vague = re.compile(
        rf"\b(?P<mult>{mult})\s+(?P<sc>{scale}(?:\s+{scale})?)\b"
        rf"|\b(?P<vk>{_alt(lex.vague)})(?![\w-])"
        rf"|\b(?P<fr>{_alt(lex.fractions)})\b(?!\s+an?\s+(?:{scale})\b)"  # not "half a million"
        rf"(?:(?!-)(?=\s+(?:of|the|a|an|its|their|all|his|her|{scale})\b)"  # ("a quarter million")
        # ... or a fraction of a point ("a quarter percentage point", "a half-point cut")
        rf"|(?=(?:\s+|-)(?:percentage[ -])?points?\b))"
        # ... or after a qualifier (_atoms checks it), whatever follows ("more than two-thirds
        # in the north", "nearly half had left"; not "within half an hour")
        rf"|\b(?P<fq>{_alt(lex.fractions)})(?![\w-])(?!\s+an?\b)",
        re.IGNORECASE,
    )

    # a fraction of one unit of measure or of a scale word: "a quarter of a million", "a
    # quarter million", "half a cent", "three-quarters of an hour" (see _whole_of)
    measures = [n for n, u in lex.head_unit.items() if u in set(units["fraction_of_one_units"])]
    lex.re_whole_of = re.compile(
        rf"(?:\s+of)?\s+(?:(?:an?\s+)?(?P<sc>{scale})|an?\s+(?P<u>{_alt(measures)}))\b",
        re.IGNORECASE,
    )

    dates = _load("claims_dates.yaml")
    # Month names must be capitalised (so "may 5" as a verb is not a date).
    mcap = _alt([m.capitalize() for m in dates["months"]], lower=False)
    mcap_re = rf"(?-i:{mcap})\.?"
    wd = _alt([d.capitalize() for d in dates["weekdays"]], lower=False)
    date_parts = [
        rf"{mcap_re}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:\d{{4}}|\d{{2}}\b))?",
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{mcap_re}(?:,?\s+\d{{4}})?",
        rf"{mcap_re},?\s+\d{{4}}",
        r"\b\d{4}-\d{1,2}-\d{1,2}\b",
        r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
        r"\b(?:1[89]|20)\d{2}\s*[-–/]\s*(?:\d{4}|\d{2})\b",
        r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|o['’]clock|"
        r"GMT\b|UTC\b|CET\b|CEST\b|EST\b|EDT\b|BST\b|ET\b|PT\b|local time|hrs\b)",
        rf"(?-i:{wd}),?\s+\d{{1,2}}\b",
    ]
    pats = [f"(?:{p})" for p in notc["patterns"].values()] + [f"(?:{p})" for p in date_parts]
    # Gate: a mask starts at a word start, a digit or a symbol (never mid-word): fast rejection.
    gate = r"(?:(?<!\w)|(?=\d))"
    lex.re_mask = re.compile(gate + "(?:" + "|".join(pats) + ")", re.IGNORECASE)
    lex.re_mask_fast = _dispatch_by_first_char(pats, re.IGNORECASE)
    if lex.re_mask_fast is not None:  # never matches empty (see _dispatch_by_first_char)
        # An alternative tried only where the mask fails adds empty matches without moving the
        # mask's own: _masked stops at the first one past the figure instead of scanning on.
        num = rf"[\d{_FRACTION_CHARS}]"
        lex.re_mask_stops = tuple(
            re.compile(f"(?:{lex.re_mask_fast.pattern})|{stop}", re.IGNORECASE)
            for stop in (rf"(?<={num})(?!{num})", r"(?<=\w)(?!\w)")
        )

    lex.re_qual = re.compile(
        rf"(?:^|(?<=[\s(“\"'‘—–-]))(?P<q>{_alt(lex.qual_of)})\s*(?:(?P<art>an?)\s+)?$",
        re.IGNORECASE,
    )
    lex.re_post_qual = re.compile(
        rf"(?:\s+|-)(?P<q>{_alt(lex.post_qual)})(?![\w-])(?!\s+(?:to|than|from)\b)", re.IGNORECASE
    )
    lex.re_motion_before = re.compile(rf"\b(?:{_alt(motion_verbs)})\s+$", re.IGNORECASE)
    lex.re_over_particle = re.compile(rf"\b(?:{_alt(over_verbs)})\s+$", re.IGNORECASE)
    lex.re_casualty_after = re.compile(
        rf"(?:\s+(?:{_alt(units['casualty_fillers'])}))*\s+(?:{_alt(units['casualty_words'])})\b",
        re.IGNORECASE,
    )
    heads = _alt(lex.head_unit)
    lex.re_head = re.compile(
        rf"(?:[\s-]+(?!(?:{_STOP_BEFORE_HEAD})\b)[^\W\d_][\w'’-]*){{0,3}}?\s+(?P<h>{heads})\b",
        re.IGNORECASE,
    )
    syms = sorted(lex.currency_symbols, key=lambda s: (-len(s), s))
    lex.cur_symbols = tuple(syms)
    codes = [c.upper() for c in lex.currency_words if len(c) == 3 and c.isalpha()]
    lex.glued_codes = frozenset(codes)
    lex.re_cur_left = re.compile(
        r"(?P<c>" + "|".join(re.escape(s) for s in syms) + r"|\b(?:" + "|".join(codes) + r"))\s?$"
    )
    lex.re_cur_right = re.compile(rf"\s*(?P<c>{_alt(lex.currency_words)})\b", re.IGNORECASE)
    lex.re_percent = re.compile(
        r"(?:\s?%|\s+(?:percentage\s+points?|per\s?cent|percent|pct)\b)", re.IGNORECASE
    )
    lex.re_scaled = re.compile(rf"\b(?:{scale})\b", re.IGNORECASE)
    lex.re_scale_end = re.compile(rf"({scale})\s*$", re.IGNORECASE)
    lex.re_glued = re.compile(rf"(?P<u>{_alt(lex.glued_units)})\b", re.IGNORECASE)
    lex.re_compound = re.compile(
        rf"[-‑](?P<u>{_alt(lex.compound_units)})\b(?:[-‑]old)?(?:\s+(?P<n>[a-z][\w'’-]*))?",
        re.IGNORECASE,
    )
    links = units.get("pre_verb_links", []) if lex.pre_verb else []
    lex.re_pre_verb = (
        re.compile(
            rf"\b(?P<n>{_alt(lex.pre_verb)})(?:\s+[\w'’-]+){{0,5}}?\s+(?:{_alt(links)})\s+$",
            re.IGNORECASE,
        )
        if links
        else None
    )
    lex.re_pre_of = re.compile(
        rf"\b(?P<a>(?:an?|the|its|their)\s+)?(?P<n>{_alt(lex.pre_of)})\s+of\s+$", re.IGNORECASE
    )
    # Cheap necessary conditions for the three "...$" searches above (each scans its whole
    # left context): what the text before the figure, trailing whitespace stripped, must end with.
    # The qualifier and pre-of checks read the folded text (see _fold), so they need phrases
    # without cased non-ASCII letters.
    if not any(c.lower() != c or c.upper() != c for q in lex.qual_of for c in q if ord(c) > 127):
        lex.qual_ends = (*{q.split(" ")[-1] for q in lex.qual_of}, " a", " an")
    if all(not s[-1:].isspace() for s in syms) and syms:
        lex.cur_left_ends = tuple(syms) + tuple(codes)
    lex.re_subset = re.compile(
        rf"\s+of\s+(?:{_alt(notc['anaphoric_determiners'])})\b", re.IGNORECASE
    )
    lex.re_speech = re.compile(rf"\b{_alt(lex.speech_verbs)}\b")
    lex.re_relative = re.compile(rf"\s+(?:{_alt(lex.relative_date_cues)})\b", re.IGNORECASE)
    lex.re_according = re.compile(rf"\b{_alt(cl['according_to'])}\s+", re.IGNORECASE)
    lex.re_according_cs = _case_sensitive_twin(lex.re_according)
    if lex.re_according_cs is not None:
        lex.according_keys = _required_literals(lex.re_according_cs)
    vague_words = {
        w
        for phrase in [*lex.vague, *lex.fractions, *lex.vague_mult]
        for w in re.split(r"[\s-]+", phrase)
        if w not in ("a", "an", "of", "the", "one")
    }
    pre = "|".join([r"\d", f"[{_FRACTION_CHARS}]", words, scale, _alt(vague_words)])
    lex.re_prefilter = re.compile(rf"(?:{pre})", re.IGNORECASE)
    lex.re_atom_cs = _case_sensitive_twin(lex.re_atom)
    lex.re_vague_cs = _case_sensitive_twin(lex.re_vague)
    if lex.re_vague_cs is not None:
        outside, keys = _run_outside(lex.re_vague_cs), _required_literals(lex.re_vague_cs)
        if outside is not None and keys is not None:
            keys = tuple(k for k in keys if not any(o != k and o in k for o in keys))
            lex.vague_runs = (outside, keys)
    lex.re_prefilter_cs = _case_sensitive_twin(lex.re_prefilter)


# Case folding without re.IGNORECASE (which makes the big number-word tries slow to scan).
# Under re.IGNORECASE a lowercase ASCII letter in a pattern matches exactly the characters whose
# simple lowercase is that letter, plus the equivalents sre adds (i ~ ı, s ~ ſ): "İ" -> "i",
# "K" (Kelvin) -> "k". ``str.lower`` gives the same single characters for every other letter
# that can match an ASCII pattern letter, keeps \w, \d and \s classes (tested over every code
# point in tests/test_claims.py) and keeps the length except for "İ" (two characters), so a
# folded text indexes like the original; a text whose length changes is scanned the slow way.
_FOLD_EXTRA = (("ı", "i"), ("ſ", "s"))


def _fold(text: str) -> str | None:
    low = text.lower()
    if len(low) != len(text):
        return None
    if not low.isascii():
        for c, r in _FOLD_EXTRA:
            if c in low:
                low = low.replace(c, r)
    return low


def _case_sensitive_twin(pat: re.Pattern) -> re.Pattern | None:
    """``pat`` without re.IGNORECASE when that is equivalent on folded text: every literal
    letter is lowercase ASCII and the pattern has no inline flag groups (else None)."""
    src = pat.pattern
    bare = re.sub(r"\\.|\(\?P<\w+>", "", src)  # drop escapes (\s, \b, \W ...), group names
    if "(?-" in src or "(?i" in src or any(c.isupper() for c in bare):
        return None
    if any(c.lower() != c or c.upper() != c for c in bare if not c.isascii()):
        return None  # a cased non-ASCII letter: leave it to re.IGNORECASE
    return re.compile(src, pat.flags & ~re.IGNORECASE)


# The mask is an alternation of ~26 patterns tried in order at every word start. Each pattern
# can only start with a digit, a letter or another character (or a subset of these): grouping
# the patterns behind a lookahead on that first character, each group keeping the original order,
# gives the same match at every position while trying only the patterns that can match there.
_CLASSES = {"D": r"(?=\d)", "L": r"(?=[^\W\d])", "O": r"(?=\W)"}
_ALL = frozenset(_CLASSES)


def _char_classes(c: str) -> set[str]:
    out = set()
    for v in {c, c.lower(), c.upper(), c.casefold()}:
        if len(v) != 1:
            return set(_ALL)
        out.add("D" if re.match(r"\d", v) else "L" if re.match(r"\w", v) else "O")
    return out


def _first_classes(seq) -> tuple[set[str], bool]:
    """(classes the first character of a match of ``seq`` can be in, whether it can be empty);
    a superset when unsure."""
    from re import _constants as c  # noqa: PLC0415 (only used when the lexicon is built)

    acc: set[str] = set()
    for op, av in seq:
        if op is c.LITERAL:
            f, nul = _char_classes(chr(av)), False
        elif op is c.IN:
            f, nul = set(), False
            for iop, iav in av:
                if iop is c.LITERAL:
                    f |= _char_classes(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] < 512:
                    for code in range(iav[0], iav[1] + 1):
                        f |= _char_classes(chr(code))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    f.add("D")
                elif iop is c.CATEGORY and iav is c.CATEGORY_WORD:
                    f |= {"D", "L"}
                elif iop is c.CATEGORY and iav in (c.CATEGORY_NOT_WORD, c.CATEGORY_SPACE):
                    f.add("O")
                else:
                    f = set(_ALL)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            f, nul = set(), True
        elif op is c.SUBPATTERN:
            f, nul = _first_classes(av[-1])
        elif op is c.BRANCH:
            f, nul = set(), False
            for b in av[1]:
                bf, bn = _first_classes(b)
                f |= bf
                nul = nul or bn
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            f, nul = _first_classes(av[2])
            nul = nul or av[0] == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, ...: anything
            f, nul = set(_ALL), True
        acc |= f
        if not nul:
            return acc, False
    return acc, True


def _required_literals(pat: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pat`` contains (a cheap ``in`` pre-check), or None
    when some alternative has no literal run of three characters or more."""
    try:
        from re import _constants as c  # noqa: PLC0415
        from re import _parser  # noqa: PLC0415

        def rarity(run: str) -> tuple[int, int]:  # "market" beats "of the "
            return max((len(w) for w in re.findall(r"[^\W\d_]+", run)), default=0), len(run)

        def need(seq) -> set[str] | None:
            # every match of seq holds each literal run of it, and one string of the set of
            # each part that must match: take the set whose weakest string is the rarest
            options, run = [], ""
            for op, av in list(seq) + [(None, None)]:
                if op is c.LITERAL:
                    run += chr(av)
                    continue
                if len(run) >= 3:
                    options.append({run})
                run = ""
            for op, av in seq:
                sub = None
                if op is c.SUBPATTERN:
                    sub = need(av[-1])
                elif op is c.BRANCH:
                    parts = [need(b) for b in av[1]]
                    sub = None if any(p is None for p in parts) else set().union(*parts)
                elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
                    sub = need(av[2])
                if sub is not None:
                    options.append(sub)
            return max(options, key=lambda o: min(map(rarity, o)), default=None)

        if pat.flags & re.IGNORECASE:
            return None
        out = need(_parser.parse(pat.pattern, pat.flags))
    except Exception:  # noqa: BLE001 (a private API: no pre-check)
        return None
    return None if out is None else tuple(sorted(out))


def _run_outside(pat: re.Pattern) -> re.Pattern | None:
    """One character that no match of ``pat`` can hold (``[^...]``), or None when unsure.

    Holds when ``pat`` never matches empty, has no end anchor or back reference, and its
    matches and lookaheads consume characters of one class, except one-character negative
    lookaheads. A match then lies in a run of that class, and an attempt at a position of a
    run reads no further than the character after the run (see _finditer_in_runs).
    """
    from re import _constants as c  # noqa: PLC0415 (only used when the lexicon is built)
    from re import _parser  # noqa: PLC0415

    parts: set[str] = set()
    category = {c.CATEGORY_SPACE: r"\s", c.CATEGORY_DIGIT: r"\d", c.CATEGORY_WORD: r"\w"}

    def walk(seq) -> bool:
        for op, av in seq:
            if op is c.LITERAL:
                parts.add(re.escape(chr(av)))
            elif op is c.IN:
                for iop, iav in av:
                    if iop is c.LITERAL:
                        parts.add(re.escape(chr(iav)))
                    elif iop is c.RANGE:
                        parts.add(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                    elif iop is c.CATEGORY and iav in category:
                        parts.add(category[iav])
                    else:
                        return False  # a negated set, or a class without a simple name
            elif op is c.AT:
                if av not in (c.AT_BOUNDARY, c.AT_NON_BOUNDARY):
                    return False  # an anchor: "$" would also match at the cut
            elif op is c.SUBPATTERN:
                if av[1] or av[2] or not walk(av[-1]):  # no inline flags
                    return False
            elif op is c.BRANCH:
                if not all(walk(b) for b in av[1]):
                    return False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if not walk(av[2]):
                    return False
            elif op in (c.ASSERT, c.ASSERT_NOT):
                direction, sub = av
                if direction == -1:
                    continue  # looks behind: the text before is never cut
                one_char = len(sub) == 1 and sub[0][0] in (c.IN, c.LITERAL, c.NOT_LITERAL, c.ANY)
                if not (op is c.ASSERT_NOT and one_char) and not walk(sub):
                    return False
            else:
                return False  # ANY, NOT_LITERAL, back references, ...
        return True

    try:
        parsed = _parser.parse(pat.pattern, pat.flags)
        if pat.flags & re.IGNORECASE or parsed.getwidth()[0] == 0 or not walk(parsed):
            return None
        return re.compile("[^" + "".join(sorted(parts)) + "]")
    except Exception:  # noqa: BLE001 (a private API: scan the whole text)
        return None


def _finditer_in_runs(pat: re.Pattern, text: str, outside: re.Pattern, keys: tuple[str, ...]):
    """``pat.finditer(text)`` when ``outside = _run_outside(pat)`` and every match of ``pat``
    holds one of ``keys``: only the runs of characters between two ``outside`` characters that
    hold a key are scanned, each up to the character after it (which is all a match there can
    read), instead of trying every position of the text."""
    hits = sorted(i for k in keys for i in _find_all(text, k))
    out: list[re.Match] = []
    done, rev, n = -1, "", len(text)
    for i in hits:
        if i < done:
            continue  # in the run just scanned
        m = outside.search(text, i)
        end = m.start() if m else n
        rev = rev or text[::-1]
        m = outside.search(rev, n - i)  # the last outside character before i
        out.extend(pat.finditer(text, n - m.start() if m else 0, end + 1))
        done = end
    return out


def _find_all(text: str, key: str):
    i = text.find(key)
    while i >= 0:
        yield i
        i = text.find(key, i + 1)


def _dispatch_by_first_char(pats: list[str], flags: int) -> re.Pattern | None:
    r"""``(?:(?<!\w)|(?=\d))(?:p1|p2|...)`` regrouped by first character class, or None when
    unsure.

    The gate's two cases are made exclusive: where ``(?<!\w)`` holds and the patterns fail,
    trying them again after ``(?=\d)`` fails too (same position, same patterns). After a word
    character (a digit inside a number or glued to letters) only the patterns that can match
    there are tried, in their order: most start with ``\b``, which fails there."""
    try:
        from re import _parser  # noqa: PLC0415

        firsts, after_word = [], []
        for p in pats:
            parsed = _parser.parse(p, flags)
            if parsed.state.groups > 1 or "(?P=" in p or re.search(r"\\[1-9]", p):
                return None  # backreferences would change with regrouping
            f, nullable = _first_classes(parsed)
            if nullable:
                return None
            firsts.append(f)
            after_word.append("D" in f and _digit_after_word(parsed) is not False)
    except Exception:  # noqa: BLE001 (a private API: fall back to the plain alternation)
        return None
    groups = []
    for cls, look in _CLASSES.items():
        members = [p for p, f in zip(pats, firsts, strict=True) if cls in f]
        if members:
            groups.append(look + "(?:" + "|".join(members) + ")")
    out = r"(?<!\w)(?:" + "|".join(groups) + ")"
    mid = [p for p, a in zip(pats, after_word, strict=True) if a]
    if mid:
        out += r"|(?<=\w)(?=\d)(?:" + "|".join(mid) + ")"
    return re.compile("(?:" + out + ")", flags)


def _digit_after_word(seq) -> bool | None:
    r"""Whether ``seq`` can match at a digit that follows a word character: False when no
    match can (it must pass ``\b`` there, or consume a character that is no digit, before it
    consumes anything), None when it can pass there consuming nothing, True when unsure."""
    from re import _constants as c  # noqa: PLC0415 (only used when the lexicon is built)

    for op, av in seq:
        if op is c.AT:
            if av is c.AT_BOUNDARY:
                return False  # a digit is a word character: no boundary after another one
            if av is not c.AT_NON_BOUNDARY:
                return True
            r = None
        elif op in (c.ASSERT, c.ASSERT_NOT):
            r = None  # looks around without consuming: may only rule the position out
        elif op is c.LITERAL:
            r = "D" in _char_classes(chr(av))
        elif op is c.IN:
            r = "D" in _first_classes([(op, av)])[0]
        elif op is c.SUBPATTERN:
            r = _digit_after_word(av[-1])
        elif op is c.BRANCH:
            rs = [_digit_after_word(b) for b in av[1]]
            r = True if True in rs else None if None in rs else False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            r = _digit_after_word(av[2])
            if av[0] == 0 and r is False:
                r = None  # ... or it repeats zero times
        else:
            return True
        if r is not None:
            return r
    return None


# ----------------------------------------------------------------------------- numbers


def parse_number_words(phrase: str) -> float | None:
    """Value of an English number-word phrase ("twenty-six", "two hundred and fifty",
    "one and a half", "a dozen" is not handled here). ``None`` when a word is unknown."""
    return _parse_number_words(phrase)


_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b")
_WORD_SPLIT = re.compile(r"[\s-]+")


@functools.lru_cache(maxsize=8192)
def _parse_number_words(phrase: str) -> float | None:
    lex = lexicon()
    s = phrase.lower().replace("‑", "-")
    extra = 0.0
    if _AND_A_HALF.search(s):
        s = _AND_A_HALF.sub("", s)
        extra = 0.5
    total = 0.0
    current = 0.0
    seen = False
    for tok in _WORD_SPLIT.split(s):
        if not tok or tok == "and":
            continue
        if tok == "a" or tok == "an":
            current = current or 1
            continue
        if tok == "half":  # "half a million"
            current = 0.5
            seen = True
            continue
        if tok in lex.word_values:
            current += lex.word_values[tok]
            seen = True
        elif tok in lex.scales:
            sc = lex.scales[tok]
            current = (current or 1) + (extra if extra and sc >= 1000 else 0)
            if extra and sc >= 1000:
                extra = 0.0
            if sc == 100:
                current *= 100
            else:
                total += current * sc
                current = 0.0
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + current + extra


_DIGIT_PARTS = re.compile(
    r"((?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|[\d,]*\d)(?:\.\d+)?)(["
    + _FRACTION_CHARS
    + r"]?)\s*([A-Za-z]*)"
)
_GROUP_SEPARATORS = str.maketrans("", "", ", \u00a0\u202f")


@functools.lru_cache(maxsize=4096)
def _lexicon_digit_value(s: str) -> tuple[float, bool, str]:
    """``_digit_value(s, lexicon())``, cached: the same figures recur."""
    return _digit_value(s, lexicon())


def _digit_value(s: str, lex: _Lex) -> tuple[float, bool, str]:
    """(value, has_scale, short_scale_suffix) of a digit atom such as '30,000', '3½', '1.5bn'."""
    m = _DIGIT_PARTS.match(s)
    value = float(m.group(1).translate(_GROUP_SEPARATORS))
    if m.group(2):
        value += lex.ufrac[m.group(2)]
    suffix = m.group(3).lower()
    if suffix in lex.scales:
        return value * lex.scales[suffix], True, ""
    if suffix in lex.short_scales:
        return value * lex.short_scales[suffix], True, suffix
    return value, False, ""


@dataclass
class _Atom:
    start: int
    end: int
    value: float
    kind: str  # digits | words | vague | fraction
    scaled: bool = False
    short: str = ""
    low: float | None = None  # for vague / fraction atoms
    high: float | None = None
    raw: str = ""


def _atoms(text: str, lex: _Lex, folded: str | None = None) -> list[_Atom]:
    """Every number atom in ``text`` (vague phrases win over overlapping plain numbers).

    ``folded`` is ``_fold(text)``: when given, the case-sensitive twins scan it (same spans)."""
    if (
        folded is not None
        and lex.re_vague_cs is not None
        and lex.re_digits_cs is not None
        and lex.re_words_cs is not None
    ):
        if lex.vague_runs is not None:
            vague_it = _finditer_in_runs(lex.re_vague_cs, folded, *lex.vague_runs)
        else:
            vague_it = lex.re_vague_cs.finditer(folded)
        atom_it = _atom_spans(folded, lex.re_digits_cs, lex.re_words_cs, lex.re_words_after_cs)
    else:
        vague_it = lex.re_vague.finditer(text)
        atom_it = ((m.start(), m.end(), m.start("d") >= 0) for m in lex.re_atom.finditer(text))
    vague: list[_Atom] = []
    for m in vague_it:
        if m.start("mult") >= 0:
            lo, hi = lex.vague_mult[_norm(text[m.start("mult") : m.end("mult")])]
            sc = 1.0
            for s in text[m.start("sc") : m.end("sc")].lower().split():
                sc *= lex.scales[s]
            vague.append(_Atom(m.start(), m.end(), lo * sc, "vague", True, "", lo * sc, hi * sc))
        elif m.start("vk") >= 0:
            raw = text[m.start("vk") : m.end("vk")]
            lo, hi = lex.vague[_norm(raw)]
            vague.append(_Atom(m.start(), m.end(), lo, "vague", True, "", lo, hi, raw))
        else:
            g = "fr" if m.start("fr") >= 0 else "fq"
            if g == "fq" and not lex.re_qual.search(text, max(0, m.start() - 40), m.start()):
                continue  # a fraction alone ("in the second half") is a share only after a bound
            key = _norm(text[m.start(g) : m.end(g)])
            whole = _whole_of(text, m.start(), m.end(), key, lex)
            if whole is not None:
                vague.append(whole)
                continue
            lo, hi = lex.fractions[key]
            vague.append(_Atom(m.start(), m.end(), lo, "fraction", False, "", lo, hi))
    out: list[_Atom] = []
    vi = 0
    nv = len(vague)
    for s, e, is_digits in atom_it:
        while vi < nv and vague[vi].end <= s:
            out.append(vague[vi])
            vi += 1
        if vi < nv and vague[vi].start < e:
            continue  # inside a vague phrase
        raw = text[s:e]
        if is_digits and s and text[s - 1].isalpha() and text[s - 3 : s] not in lex.glued_codes:
            continue  # letters glued to a figure name a thing ("ABC123"), unless an ISO code
        if is_digits:
            value, scaled, short = (
                _lexicon_digit_value(raw) if lex is lexicon() else _digit_value(raw, lex)
            )
            out.append(_Atom(s, e, value, "digits", scaled, short, raw=raw))
        else:
            value = parse_number_words(raw)
            if value is None:
                continue
            scaled = bool(lex.re_scaled.search(raw))
            out.append(_Atom(s, e, value, "words", scaled, raw=raw))
    out.extend(vague[vi:])
    return out


def _whole_of(text: str, start: int, end: int, key: str, lex: _Lex) -> _Atom | None:
    """The fraction ``key`` at ``start:end`` as an amount when it is a fraction of one whole:
    of a scale word ("a quarter of a million": 250,000, the scale in the atom) or of one unit
    of measure ("half a cent": 0.5, the atom ends before the unit, which _describe reads as
    its head noun). None when it is a share ("half of the town", "a third of our members")."""
    fv = lex.fraction_values.get(key)
    wm = lex.re_whole_of.match(text, end) if fv is not None else None
    if wm is None:
        return None
    if wm.start("sc") >= 0:
        value = fv * lex.scales[wm.group("sc").lower()]
        return _Atom(start, wm.end(), value, "words", True, "", raw=text[start : wm.end()])
    stop = wm.start("u")
    while text[stop - 1].isspace():
        stop -= 1
    return _Atom(start, stop, fv, "words", False, "", raw=text[start:stop])


def _atom_spans(
    folded: str, digits: re.Pattern, words: re.Pattern, words_after: re.Pattern | None = None
):
    """``(start, end, is_digits)`` of what ``(?P<d>digits)|(?P<w>words)`` finds with finditer,
    from two scans: at each step the leftmost match wins, digits on a tie (the first
    alternative); a scan whose next match starts inside the winner searches again from its end.

    ``words_after`` is ``"\\W" + words`` without its leading ``"\\b"``: ``words`` starts with
    ``\\b`` and a letter, so it matches at ``p >= 1`` exactly where ``words_after`` matches at
    ``p - 1`` (the character there is not a word character), with the same end."""

    def next_word(pos: int) -> tuple[int, int] | None:
        if words_after is None:
            m = words.search(folded, pos)
            return None if m is None else m.span()
        if pos == 0:
            m = words.match(folded, 0)
            if m is not None:
                return m.span()
            pos = 1
        m = words_after.search(folded, pos - 1)
        return None if m is None else (m.start() + 1, m.end())

    d = digits.search(folded)
    w = next_word(0)
    while d is not None or w is not None:
        if d is not None and (w is None or d.start() <= w[0]):
            s, e = d.span()
            yield s, e, True
        else:
            s, e = w
            yield s, e, False
        if d is not None and d.start() < e:
            d = digits.search(folded, e)
        if w is not None and w[0] < e:
            w = next_word(e)


_CLAUSE_BREAK_CS = _case_sensitive_twin(_CLAUSE_BREAK)


@functools.lru_cache(maxsize=4096)
def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower())


# ----------------------------------------------------------------------------- helpers


_MASK_REACH = 40


def _masked(text: str, ss: int, se: int, a: _Atom, lex: _Lex) -> bool:
    """True when a not-a-claim pattern (date, phone, label...) overlaps the digit atom ``a``.

    Only a window of ``_MASK_REACH`` characters either side is scanned (masks are local).
    """
    lo = max(ss, a.start - _MASK_REACH)
    hi = min(se, a.end + _MASK_REACH)
    if lex.re_mask_fast is None or lex.re_mask_stops is None:
        for m in lex.re_mask.finditer(text, lo, hi):
            if m.end() > a.start and m.start() < a.end:
                return True
            if m.start() >= a.end:
                break
        return False
    # The mask's matches come in the same order, with empty stops between them (at ends of
    # numbers, or of words when the figure ends with one): a stop past the figure ends the scan.
    start, end = a.start, a.end
    stops = lex.re_mask_stops[0 if text[end - 1] in _NUM_END else 1]
    for m in stops.finditer(text, lo, hi):
        s, e = m.span()
        if s == e:
            if s >= end:
                return False
        elif e > start and s < end:
            return True
        elif s >= end:
            return False
    return False


_NUM_END = frozenset("0123456789" + _FRACTION_CHARS)


def _prev_word(text: str, pos: int, lo: int) -> tuple[str, int]:
    """The word immediately before ``pos`` (skipping spaces) and its start."""
    j = pos
    while j > lo and text[j - 1] in " \t\u00a0":
        j -= 1
    # str.rstrip takes the ASCII end of the word at C speed; the loop goes on over the rest
    b = max(lo, j - 64)
    k = b + len(text[b:j].rstrip(_PREV_WORD_CHARS))
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in "'’.-"):
        k -= 1
    return text[k:j], k


_PREV_WORD_CHARS = string.ascii_letters + string.digits + "'’.-"


@dataclass
class _Item:
    """A figure being built: one atom, or a range/ratio/subset of two."""

    start: int
    end: int  # end of the number part (before unit)
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    atoms: list[_Atom]
    unit: str = ""
    currency: str = ""
    mods: list[str] = field(default_factory=list)
    subset: bool = False
    total_at: int = -1  # where the total of a subset starts ("27 of the 290 seats": 290)
    head: str = ""
    surf_start: int = 0
    surf_end: int = 0
    inherited: bool = False
    pending: bool = False  # a bare number word that only counts if it inherits a unit
    compound: bool = False  # "three-day meeting": the compound noun is the referent
    terms: list[str] = field(default_factory=list)


#: "over two years" after a share or an amount in the sentence ("a 6% rise over two years",
#: "€1bn over five years") is the period that figure covers, not "more than two years" (unless
#: "for" stands before it: "for over two years").
_PERIOD_AFTER = re.compile(r"[ \u00a0](?:years?|months?|weeks?|days?|decades?|quarters?)\b")
_FIGURE_BEFORE = re.compile(
    r"[€$£¥₹][ \u00a0]?\d|\d[ \u00a0]?(?:%|per ?cent\b|percent\b|bn\b|billion\b|million\b"
    r"|euros?\b|dollars?\b|pounds?\b)",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)

#: More countries than the world has: a count of "members" or "partners" above it is people.
_MAX_COUNTRIES = 250

#: What a tally's figure counts, in its referent: tallies of one vote group on it.
_IN_FAVOUR = "in favour"


def _is_tally(text: str, a: _Atom, b: _Atom, gap: str, g: str, lex: _Lex) -> bool:
    """A vote tally: "11-1", "48-47", "7–2" (no spaces) or "11 to 1", two whole numbers in
    digits, the first not smaller, with a tally cue ("voted", "dissent", ...) nearby."""
    if a.kind != "digits" or b.kind != "digits" or a.scaled or b.scaled:
        return False
    if not (gap in ("-", "–", "—") or (g == "to" and gap == " to ")):
        return False
    if not (a.raw.isdigit() and b.raw.isdigit() and b.value <= a.value < 1000):
        return False
    reach = lex.tally_reach
    return lex.re_tally_cue.search(text, max(0, a.start - reach), b.end + reach) is not None


def _combine(text: str, atoms: list[_Atom], lex: _Lex) -> list[_Item]:
    """Join neighbouring atoms into ranges, ratios and N-of-M subsets."""
    items: list[_Item] = []
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < n else None
        if (
            b is not None
            and a.kind == "digits"
            and not a.scaled
            and b.kind == "words"
            and text[a.end : b.start] in ("-", "‑")
            and b.raw.lower() in lex.scales
        ):
            # "a 150-million-euro package": one scaled figure, not a range up to a million
            v = a.value * float(lex.scales[b.raw.lower()])
            atoms[i + 1] = b = _Atom(
                a.start, b.end, v, "digits", True, "", None, None, text[a.start : b.end]
            )
            i += 1
            continue
        if b is not None and a.kind in ("digits", "words") and b.kind in ("digits", "words"):
            gap = text[a.end : b.start]
            g = gap.strip().lower()
            pm = _PCT_GAP.match(gap)
            if pm and _PCT_GAP.match(text, b.end):  # "from 7.8% to 35.3%": both in percent
                gap = gap[pm.end() :]
                g = gap.strip().lower()
            left = text[max(0, a.start - 12) : a.start].lower()
            for sym in lex.cur_symbols:  # "between $300 million and $350 million", "$4bn-$5bn"
                if gap.endswith(sym) and text.endswith(sym, 0, a.start):
                    gap = gap[: -len(sym)]
                    g = gap.strip().lower()
                    left = left[: -len(sym)]
                    break
            av, bv = a.value, b.value
            shared = False  # "between 3 and 5 million", "€7 or €8 million": one scale for both
            if b.scaled and not a.scaled and av < bv and av * _scale_of(b, lex) <= bv * 1.0001:
                av, shared = av * _scale_of(b, lex), True
            if g in ("in", "out of") and a.value < b.value and b.value <= 1000 and len(gap) < 9:
                pct = 100.0 * a.value / b.value
                items.append(
                    _Item(a.start, b.end, pct, pct, "ratio", "ratio", [a, b], unit="percent")
                )
                i += 2
                continue
            if g.startswith("to ") and lex.qual_of.get(_norm(g[3:])) == "up_to":
                g = "to"  # "from 150,000 to as many as 250,000": still a range
            if _is_tally(text, a, b, gap, g, lex):  # "voted 11-1": the first side's votes
                tally = _Item(
                    a.start, b.end, a.value, a.value, "tally", "tally", [a, b], unit="votes"
                )
                tally.mods.append(_IN_FAVOUR)
                items.append(tally)
                i += 2
                continue
            is_range = False
            if g == "and" and left.rstrip().endswith("between"):
                is_range = True
            elif g in ("to", "-", "–", "—", "or") and av < bv:
                # "two or three", "7 or 8 million" (one scale), "30 or 40 kilometres" (one
                # unit right after); bare digits stay apart ("5 or 6")
                is_range = (
                    g != "or"
                    or (a.kind == "words" and b.kind == "words")
                    or shared
                    or (a.kind == b.kind == "digits" and _unit_right_after(text, b, lex))
                )
                if g in ("-", "–") and gap != g and gap.strip() == "-":
                    is_range = False  # "5 - 3" spaced hyphen: leave alone
            if is_range:
                # "between 8,100 and 2,000" asserts the interval [2000, 8100]
                lo_v, hi_v = min(av, bv), max(av, bv)
                items.append(_Item(a.start, b.end, lo_v, hi_v, "range", "range", [a, b]))
                i += 2
                continue
        items.append(
            _Item(
                a.start,
                a.end,
                a.low if a.low is not None else a.value,
                a.high if a.high is not None else a.value,
                "vague" if a.kind in ("vague", "fraction") else "exact",
                a.kind,
                [a],
            )
        )
        i += 1
    return items


_PCT_GAP = re.compile(r"\s?%|\s+(?:per\s?cent|percent)\b", re.IGNORECASE)


def _unit_right_after(text: str, b: _Atom, lex: _Lex) -> bool:
    """A unit noun, a percent or a glued unit right after the figure ``b`` ("40 kilometres",
    "4 percent", "40km"): two figures joined by "or" before it share it, a range."""
    if lex.re_percent.match(text, b.end) or lex.re_glued.match(text, b.end):
        return True
    hm = lex.re_head.match(text, b.end)
    return hm is not None and not text[hm.start() : hm.start("h")].strip()


def _scale_of(a: _Atom, lex: _Lex) -> float:
    m = lex.re_scale_end.search(a.raw)
    if m:
        return float(lex.scales[m.group(1).lower()])
    if a.short:
        return float(lex.short_scales[a.short])
    return 1.0


# ----------------------------------------------------------------------------- main


def extract_claims(
    text: str,
    sentences: Sequence[Sentence],
    *,
    mentions: Sequence[Mention] = (),
    quotes: Sequence[Quote] = (),
    default_claimant: str = "",
) -> list[Claim]:
    """Every numeric claim in ``text`` as a :class:`Claim`, in text order.

    ``sentences`` index ``text``; ``mentions`` and ``quotes`` (optional, from the actor tagger
    and quote extractor) resolve claimants. Claims outside every sentence are ignored.
    """
    lex = lexicon()
    if not sentences:
        return []
    folded = _fold(text) if lex.re_prefilter_cs is not None else None
    if folded is not None:
        if not lex.re_prefilter_cs.search(folded):
            return []
    elif not lex.re_prefilter.search(text):
        return []
    atoms = _atoms(text, lex, folded)
    if not atoms:
        return []
    sent_starts = [s.start for s in sentences]
    by_sent: dict[int, list[_Atom]] = {}
    for a in atoms:
        k = bisect.bisect_right(sent_starts, a.start) - 1
        if k < 0 or a.end > sentences[k].end:
            continue
        by_sent.setdefault(k, []).append(a)
    ments = sorted(mentions, key=_START_END)
    ment_starts = [m.start for m in ments]
    quotes_sorted = sorted(quotes, key=_START_END)
    # the quotes that name a speaker (scare quotes name nobody), as (start, end, speaker, cue),
    # and the furthest end among each one and those before it: _claimant skips the quotes
    # that end before the sentence without reading them
    named = [
        (q.start, q.end, q.speaker, q.cue)
        for q in quotes_sorted
        if q.speaker and q.speaker_type != "unattributed"
    ]
    named_reach = list(itertools.accumulate((q[1] for q in named), max))
    out: list[Claim] = []
    for k in sorted(by_sent):
        sent = sentences[k]
        items = _sentence_items(text, sent, by_sent[k], lex, folded)
        for it in items:
            claimant = _claimant(
                text,
                sent,
                it,
                lex,
                ments,
                ment_starts,
                named,
                named_reach,
                default_claimant,
                folded,
            )
            out.append(
                Claim(
                    sent_id=sent.sent_id,
                    surface=text[it.surf_start : it.surf_end],
                    start=it.surf_start,
                    end=it.surf_end,
                    low=_round(it.low),
                    high=_round(it.high),
                    unit=it.unit,
                    qualifier=it.qualifier,
                    referent=_referent(it),
                    claimant=claimant,
                    currency=it.currency,
                )
            )
    return out


#: sort key (start, end) of mentions and quotes
_START_END = operator.attrgetter("start", "end")


def _round(v: float | None) -> float | None:
    return None if v is None else round(float(v), 4)


def _referent(it: _Item) -> str:
    labels = [*it.mods, *(t for t in it.terms if t not in it.mods)]
    return it.unit + (" | " + ", ".join(labels) if labels else "")


def _sentence_items(
    text: str, sent: Sentence, atoms: list[_Atom], lex: _Lex, folded: str | None = None
) -> list[_Item]:
    """Figures of one sentence, filtered, with unit, interval, surface and modifiers."""
    ss, se = sent.start, sent.end
    atoms = [
        a
        for a in atoms
        if a.kind != "digits"
        or not _masked(text, ss, se, a, lex)
        or (a.start > ss and text[a.start - 1].isalpha())  # "EUR12.5": a glued ISO code
    ]
    items = _combine(text, atoms, lex)
    kept: list[_Item] = []
    for it in items:
        if kept and it.start < kept[-1].surf_end and it.start != kept[-1].total_at:
            continue  # inside the figure before: "25 million twenty-foot equivalent units"
        if _describe(text, ss, se, it, lex, folded):
            kept.append(it)
    # unit inheritance and modifiers
    prev: _Item | None = None
    for it in kept:
        if (
            not it.unit
            and not it.head
            and prev is not None
            and prev.unit
            and prev.unit != "percent"
        ):
            if it.start - prev.surf_end <= 80:
                it.unit, it.currency, it.inherited = prev.unit, prev.currency, True
        prev = it if it.unit else prev
    final = [
        it
        for it in kept
        if it.unit
        or it.head
        or (it.kind in ("digits", "range") and (it.qualifier != "exact" or _big(it)))
    ]
    src, brk = (folded, _CLAUSE_BREAK_CS) if folded is not None else (text, _CLAUSE_BREAK)
    order = lex.modifier_order
    for idx, it in enumerate(final):
        if not it.unit:
            it.unit = "count"
        lo = final[idx - 1].surf_end if idx else ss
        hi = final[idx + 1].surf_start if idx + 1 < len(final) else se
        left = src[lo : it.surf_start]
        cut = None
        if folded is None or any(k in left for k in _CLAUSE_BREAK_KEYS):
            for m in brk.finditer(left):
                cut = m.end()
        if cut is not None:
            lo += cut
        right = src[it.surf_end : hi]
        if folded is None or any(k in right for k in _CLAUSE_BREAK_KEYS):
            m = brk.search(right)
            if m:
                hi = it.surf_end + m.start()
        labels = list(it.mods)
        if folded is not None and lex.modifiers_cs is not None:
            mods, window = lex.modifiers_cs, folded[lo:hi]
            lits = lex.re_modifier_literals
            if lits is not None and not lits.search(window):
                first = None  # every label match contains one of these strings
            else:
                first = lex.re_any_modifier_cs.search(window)
        else:
            mods, window = lex.modifiers, text[lo:hi]
            first = lex.re_any_modifier.search(window)
        if first is not None:  # no label matches before the first match of any label
            p0 = first.start()
            lits = lex.modifier_cs_literals if mods is lex.modifiers_cs else None
            for n, (label, pat, only_units, _rot) in enumerate(mods):
                if only_units and it.unit not in only_units:
                    continue
                if label in labels:
                    continue
                if lits is not None and lits[n] is not None:
                    if not lits[n].search(window, p0):
                        continue  # every match of this label (from p0 on) holds one of its strings
                if pat.search(window, p0):
                    labels.append(label)
        if it.inherited and idx:
            for lab in final[idx - 1].mods:
                if lab not in labels and lab not in lex.own_labels:
                    labels.append(lab)
        if it.unit == "percent" and idx == 0 and lex.re_anaphora.match(text, ss, it.surf_start):
            labels.append(lex.share_label)
        if it.unit in lex.time_units and "per " + it.unit[:-1] in labels:
            labels.remove("per " + it.unit[:-1])  # "half a day": its own unit, not a rate
        if len(labels) > 1:
            labels.sort(key=lambda lab: (order.get(lab, len(order)), lab))
        it.mods = labels
        lo_b = final[idx - 1].surf_end if idx else ss
        it.terms = [] if it.compound else _context_terms(text, lo_b, hi, it, lex)
    return final


# ----------------------------------------------------------------------------- context terms


def term_keys(label: str, stop: frozenset | None = None) -> frozenset:
    """Crude lemmas of the content words of a referent label ("voted in favour" ->
    {"vot", "favour"}): what reconcile.py compares. Stopwords come from the YAML."""
    stop = lexicon().ctx_stop if stop is None else stop
    return _term_keys(label, stop)


_TERM_WORD = re.compile(r"[^\W\d_][\w'’]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=16384)
def _term_keys(label: str, stop: frozenset) -> frozenset:
    out = set()
    for w in _TERM_WORD.findall(label.lower()):
        w = _POSSESSIVE.sub("", w.replace("’", "'"))
        if not w or w in stop:
            continue
        out.add(_lemma(w))
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def _lemma(w: str) -> str:
    w = _singular(w)
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    return w


def _is_verb(w: str, lex: _Lex) -> bool:
    if w in lex.ctx_not_verbs:
        return False
    return w in lex.ctx_verbs or (len(w) > 4 and w.endswith(("ed", "ing")))


def _head_match(text: str, pos: int, end: int, lex: _Lex) -> re.Match | None:
    """``lex.re_head`` at ``pos``, unless the head it reaches over other words is a time unit
    that a time expression of its own holds: "up from 600 last week", "5,000 nurses next year"
    count neither weeks nor years."""
    hm = lex.re_head.match(text, pos, end)
    if hm is None or hm.start("h") == hm.start():
        return hm
    if lex.head_unit[_norm(hm.group("h"))] in lex.time_units:
        before = text[hm.start() : hm.start("h")].split()
        if before and before[-1].lower() in lex.time_deictics:
            return None
    return hm


_CTX_REACH = 120  # characters either side of a figure read for context terms
_CTX_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d|[^\w\s]")


def _words(text: str, lo: int, hi: int) -> list[re.Match]:
    # _CTX_TOKEN looks neither behind nor ahead: scanning text[lo:hi] in place is the same
    return list(_CTX_TOKEN.finditer(text, lo, hi))


def _kind(tok: str, lex: _Lex, sent_start: bool = False) -> str:
    """``_content(tok, ...)``, looked up in a bounded cache (tokens repeat a lot)."""
    kinds = lex.content_kinds
    kind = kinds.get(tok)
    if kind is None:
        if len(kinds) >= 50_000:
            kinds.clear()
        kind = kinds[tok] = _content(tok, 0, lex)
    if sent_start and kind == "proper":  # the only kind sent_start changes
        return _content(tok, 0, lex, sent_start=True)
    return kind


def _content(tok: str, start: int, lex: _Lex, sent_start: bool = False) -> str:
    """'noun' for a content word, 'verb', 'proper', 'stop' or 'break' (punctuation/clause)."""
    w = tok.lower().replace("’", "'")
    if not tok[0].isalpha():
        return "break" if not tok[0].isdigit() else "number"
    if w in lex.ctx_clause:
        return "break"
    if w in lex.ctx_stop or w in lex.word_values or w in lex.scales:
        return "stop"
    if tok[0].isupper() and not sent_start:
        return "proper"
    if _is_verb(w, lex):
        return "verb"
    return "noun"


def _context_terms(text: str, lo: int, hi: int, it: _Item, lex: _Lex) -> list[str]:
    """Readable labels for what the figure counts beyond its unit (see claims_referents.yaml)."""
    ctx = lex.ctx
    left_tokens, left_words = int(ctx["left_tokens"]), int(ctx["left_words"])
    of_words, right_tokens = int(ctx["of_words"]), int(ctx["right_tokens"])
    terms: list[str] = []
    if it.head and it.unit not in lex.synonym_units:
        terms.append(it.head)
    # left: the nearest noun phrase before the figure in its clause. No token holds a space,
    # so the tokens after a space are the last ones of the window whichever side of it the
    # scan starts: walk those of the last 30 characters first, the whole window only when
    # the walk reaches the first of them.
    wlo, end = max(lo, it.surf_start - _CTX_REACH), it.surf_start
    q = text.rfind(" ", wlo, end - 30) if end - wlo > 30 else -1
    picked = None if q < 0 else _left_phrase(_words(text, q + 1, end), lex, left_tokens, left_words)
    if picked is None:
        picked = _left_phrase(_words(text, wlo, end), lex, left_tokens, left_words, wlo == lo)
    if picked:
        terms.append(text[picked[0].start() : picked[-1].end()].lower())
    # right: an "of" phrase, then a predicate; from the tokens up to the first space 40
    # characters on (the first tokens of the window), or of the whole window when needed
    rlo, rhi = it.surf_end, min(hi, it.surf_end + _CTX_REACH)
    q = text.find(" ", rlo + 40, rhi) if rhi - rlo > 40 else -1
    right = None if q < 0 else _right_terms(text, _words(text, rlo, q), lex, of_words, right_tokens)
    if right is None:
        right = _right_terms(text, _words(text, rlo, rhi), lex, of_words, right_tokens, True)
    terms += right
    # drop terms already said by a modifier label or the unit, and duplicates
    if not terms:
        return []
    said = set().union(*(term_keys(m, lex.ctx_stop) for m in it.mods)) if it.mods else set()
    unit_key = {_lemma(it.unit)}
    out: list[str] = []
    cached = lex is lexicon()
    for raw in terms:
        t, k, cue = _term_facts(raw) if cached else _term_facts_of(raw, lex)
        if not k or k <= said or k <= unit_key or t in out:
            continue
        if cue:
            continue  # "initially", "on rotation": the cue of a modifier label, said already
        out.append(t)
    return out


@functools.lru_cache(maxsize=16384)
def _term_facts(raw: str) -> tuple[str, frozenset, bool]:
    """``_term_facts_of(raw, lexicon())``, cached: the same terms recur."""
    return _term_facts_of(raw, lexicon())


def _term_facts_of(raw: str, lex: _Lex) -> tuple[str, frozenset, bool]:
    """A context term cleaned, its keys, and whether a modifier label matches it."""
    t = _SPACES.sub(" ", raw.replace("’", "'")).strip(" ,;|")
    return t, term_keys(t, lex.ctx_stop), lex.re_any_modifier.search(t) is not None


def _left_phrase(
    toks: list[re.Match],
    lex: _Lex,
    left_tokens: int,
    left_words: int,
    first_starts_sentence: bool | None = None,
) -> list[re.Match] | None:
    """The tokens of the noun phrase read backwards from the end of ``toks``; with
    ``first_starts_sentence=None`` (``toks`` are only the last tokens of the window), None when
    the walk reaches the first token (what comes before it, or whether it starts the sentence,
    may matter)."""
    picked: list[re.Match] = []
    skipped: list[str] = []
    steps, crossed = 0, False
    i = len(toks) - 1
    if first_starts_sentence is None and i < 0:
        return None
    while i >= 0 and steps < left_tokens:
        if first_starts_sentence is None and i == 0:
            return None
        tok = toks[i][0]
        kind = _kind(tok, lex, sent_start=(i == 0 and bool(first_starts_sentence)))
        if kind in ("break", "number"):
            if picked:
                break
            one_ing = len(skipped) == 1 and skipped[0].endswith("ing")
            if tok == "," and one_ing and not crossed:  # "The duties, ranging from 7.8% to ..."
                crossed, steps, skipped = True, 0, []
                i -= 1
                continue
            break
        if kind == "noun" and tok.lower() in lex.unit_nouns:
            break  # "a force would need 10,000 troops": the noun names the unit itself
        if kind == "noun":
            picked.insert(0, toks[i])
            if len(picked) >= left_words:
                break
        elif picked:
            break
        else:
            skipped.append(tok.lower())
        steps += 1
        i -= 1
    return picked


def _right_terms(
    text: str,
    toks: list[re.Match],
    lex: _Lex,
    of_words: int,
    right_tokens: int,
    complete: bool = False,
) -> list[str] | None:
    """The "of" phrase and predicate read from the tokens after a figure; unless ``complete``
    (``toks`` are only the first tokens of the window), None when more tokens are needed."""
    terms: list[str] = []
    n, j = len(toks), 0
    if n and toks[0][0].lower() == "of":
        j = 1
        got: list[re.Match] = []
        while len(got) < of_words:
            if j >= n:
                if not complete:
                    return None
                break
            kind = _kind(toks[j][0], lex)
            if kind == "noun":
                got.append(toks[j])
            elif kind != "stop" or got:
                break
            j += 1
        if got:
            terms.append("of " + text[got[0].start() : got[-1].end()].lower())
    if j >= n and not complete:
        return None
    pred: list[re.Match] = []
    if j < n and toks[j][0].lower() not in lex.ctx_preps:
        if j + right_tokens > n and not complete:
            return None
        for m in toks[j : j + right_tokens]:
            tok = m[0]
            kind = _kind(tok, lex)
            if kind in ("break", "number", "proper") or lex.re_speech.fullmatch(tok):
                break
            if kind != "stop":
                pred.append(m)
    if pred:
        terms.append(text[pred[0].start() : pred[-1].end()].lower())
    return terms


_POINT_AFTER = re.compile(
    r"(?:(?:\s+of)?\s+an?)?(?:\s+|-)(?:percentage[ -])?points?\b", re.IGNORECASE
)  # "a quarter of a point", "half a point", "a half-point cut"
_MORE_AFTER = re.compile(r"\s+(?:more|further|additional)(?=\s)")
#: "a total of three hospitals", "in all, four ministers": a stated total counts its noun
_TOTAL_BEFORE = re.compile(r"\b(?:a\s+total\s+of|in\s+all,?|altogether,?)\s*$", re.I)


def _plural(tok: str) -> bool:
    return tok.islower() and tok.endswith("s") and not tok.endswith(("ss", "us", "is", "news"))


def _crude_head(text: str, pos: int, se: int, lex: _Lex) -> tuple[int, int] | None:
    """Span of "Chinese models" after "40": up to four words ending in a plural noun
    ("measles vaccine doses", "constituency returning officers"; a word in -ing inside the
    span only after a word that is no plural noun: "firms making chips" is "firms")."""
    run: list[tuple[str, int, int]] = []
    for m in itertools.islice(_CTX_TOKEN.finditer(text, pos, min(se, pos + 80)), 4):
        tok, s, e = m[0], m.start(), m.end()
        if not tok[0].isalpha():
            break
        w = tok.lower()
        if w in lex.ctx_stop or w in lex.ctx_clause or w in lex.ctx_preps:
            break
        if _is_verb(w, lex) and (
            not run or w in lex.ctx_verbs or not w.endswith("ing") or _plural(run[-1][0])
        ):
            break
        run.append((tok, s, e))
    while run and not _plural(run[-1][0]):
        run.pop()
    if not run:
        return None
    return run[0][1], run[-1][2]


_SUBSET_TOTAL = re.compile(r"\s+(?P<t>\d{1,3}(?:,\d{3})+|\d+)(?![\w,.]?\d)")
_PER_DENOMINATOR = re.compile(
    r"\s+per\s+(?P<d>\d{1,3}(?:,\d{3})+|\d+(?:\s+(?:thousand|million))?|(?:a\s+)?(?:thousand|million))"
    r"(?![\w,.]?\d)",
    re.IGNORECASE,
)
_SUM_BEFORE = re.compile(
    r"(?<!\bcould )(?<!\bwould )(?<!\bwill )(?<!\bmay )(?<!\bmight )(?<!\bcan )(?<!\bto )"
    r"\b(?:add|adds|added|adding|sum|sums|summed|tot|tots|totted)\s+$",
    re.IGNORECASE,
)
_AUX = frozenset(("have", "has", "had", "will", "would", "also", "later", "separately"))


def _speaks(after: str, lex: _Lex) -> bool:
    """Whether the first verb after a counted noun is a speech verb: "two officials (in Kyiv)
    (have) said", not "three people have been killed ... since the result was announced"."""
    for w in itertools.islice(_TERM_WORD.finditer(after), 8):
        t = w[0].lower()
        if t in lex.speech_verbs:
            return True
        if t not in _AUX and _is_verb(t, lex):
            return False
    return False


def _big(it: _Item) -> bool:
    return any(a.scaled or "," in a.raw or a.value >= 1000 for a in it.atoms)


def _describe(text: str, ss: int, se: int, it: _Item, lex: _Lex, folded: str | None = None) -> bool:
    """Fill qualifier/interval/unit/surface of one item; False when it is not a claim."""
    first = it.atoms[0]
    left_lo = max(ss, it.start - 40)
    surf_start = it.start
    # a minus glued to a lone figure is its sign ("-6.8%" in a table, "fell to −2.1%"), not
    # after a number ("5 -6") or inside a word
    minus = (
        it.kind == "digits"
        and it.start > ss
        and text[it.start - 1] in _MINUS
        and (
            it.start - 1 == ss
            or text[it.start - 2] in _BEFORE_SIGN
            and not (text[it.start - 2] == " " and text[max(ss, it.start - 3)].isdigit())
        )
    )
    if minus:
        surf_start = it.start - 1
    left = text[left_lo:surf_start]
    # label words ("Article 5", "Resolution 2231") and anaphoric determiners
    pw, pws = _prev_word(text, it.start, ss)
    pwl = pw.lower().rstrip(".")
    if first.kind == "digits" and pwl in lex.label_words:
        if pw[:1].isupper() or pwl in lex.label_any_case:
            return False
    # currency before
    if first.kind != "digits" or (
        lex.cur_left_ends is not None and not left.rstrip().endswith(lex.cur_left_ends)
    ):
        cm = None
    else:
        cm = lex.re_cur_left.search(left)
    if cm:
        it.currency = lex.currency_symbols.get(cm.group("c"), cm.group("c").upper())
        it.unit = "currency"
        surf_start = left_lo + cm.start()
        left = text[left_lo:surf_start]
    if first.short == "m" and not it.currency and not lex.re_cur_right.match(text, it.end, se):
        return False  # "100m" without a currency ("22.9m lei" has one): metres, not million
    # qualifier before
    if (
        folded is not None
        and lex.qual_ends is not None
        and not folded[left_lo : left_lo + len(left)].rstrip().endswith(lex.qual_ends)
    ):
        qm = None
    else:
        qm = lex.re_qual.search(left)
    if (
        qm
        and qm.group("q").lower().startswith("up")
        and lex.re_motion_before.search(left, 0, qm.start("q"))
    ):
        qm = None  # "went up to 134", "moved up to 24 points": a change, not a ceiling
    if qm and qm.group("q").lower().startswith("up") and _SUM_BEFORE.search(left, 0, qm.start("q")):
        qm = None  # "the shares add up to 99%": a sum (but "could add up to 5,000 jobs")
    if (
        qm
        and qm.group("q").lower() == "over"
        and lex.re_over_particle.search(left, 0, qm.start("q"))
    ):
        qm = None  # "turned over £6.2 billion": the verb's particle, not a lower bound
    if (
        qm
        and qm.group("q").lower() == "over"
        and _PERIOD_AFTER.match(text, it.end, se)
        and _FIGURE_BEFORE.search(text, ss, left_lo + qm.start("q"))
        and not _FOR_BEFORE.search(left, 0, qm.start("q"))
    ):
        qm = None  # "a 6% rise over two years": the period a figure is spread over
    if qm and it.kind == "range" and _norm(qm.group("q")) == "within":
        qm = None  # "within seven to 10 days": the range is the bound, "within" only frames it
    qual = None
    unqualified_start = surf_start
    if qm:
        qual = lex.qual_of[_norm(qm.group("q"))]
        if qm.group("art") and qual not in ("approx", "below"):
            qual = None  # "under a 2019 law", "over a 10-year period": no bound
        else:
            surf_start = left_lo + qm.start("q")
    if it.kind == "range":
        lm = _RANGE_OPENER.search(text[max(ss, it.start - 10) : it.start])
        if lm:
            surf_start = min(
                surf_start, it.start - (len(text[max(ss, it.start - 10) : it.start]) - lm.start())
            )
    pos = it.end
    # a fraction of a point: "a quarter percentage point", "a half-point cut", "a quarter of a
    # percentage point" are 0.25 and 0.5 percentage points, not shares
    fp = _POINT_AFTER.match(text, pos, se) if it.kind == "fraction" else None
    if fp:
        it.unit, pos = "percentage_points", fp.end()
    # percent / currency word / compound
    pm = None if fp else lex.re_percent.match(text, pos, se)
    if pm:
        it.unit = "percent" if "point" not in pm.group().lower() else "percentage_points"
        pos = pm.end()
    elif not it.currency:
        cr = lex.re_cur_right.match(text, pos, se)
        if cr is None and first.scaled and text[pos : pos + 1] in ("-", "‑"):
            cr = lex.re_cur_right.match(text, pos + 1, se)  # "a 150-million-euro package"
        if cr:
            it.unit = "currency"
            it.currency = lex.currency_words[_norm(cr.group("c"))]
            pos = cr.end()
    if (
        not it.unit
        and it.atoms[-1].kind == "digits"
        and pos == it.atoms[-1].end  # "60km", "30-40km"
        and (text[pos : pos + 1].isalpha() or text[pos : pos + 1] in ("°", "º"))
    ):
        gm = lex.re_glued.match(text, pos, se)  # "60km"
        if gm and gm.group("u") in ("C", "c") and not _TEMPERATURE_CUE.search(text, ss, se):
            gm = None  # "44C" is a temperature only where the sentence speaks of one ("1C")
        if gm:
            it.unit, pos = lex.glued_units[gm.group("u").lower()], gm.end()
    compound = None
    if not it.unit and text[pos : pos + 1] in ("-", "‑"):  # how re_compound starts
        compound = lex.re_compound.match(text, pos, se)
        if compound:
            it.unit = lex.compound_units[compound.group("u").lower()]
            if it.unit == "percentage_points" and first.value > 100:
                it.unit = "points"  # "a 500-point drop" on an index, not percentage points
            if it.unit == "troops":  # "5,000-strong force"
                pos = compound.end("u")
            elif compound.group("n") and it.unit in lex.time_units:
                noun = compound.group("n")
                if noun.lower() in lex.maturity_nouns:
                    return False  # "the 10-year yield", "a 30-year mortgage": a product's name
                if (
                    noun.lower() not in lex.head_unit
                    or lex.head_unit[noun.lower()] not in lex.time_units
                ):
                    if _LOWER_NOUN.fullmatch(noun) and noun.lower() not in _FUNCTION_WORDS:
                        it.mods.append(_singular(noun.lower()))
                        it.compound = True
                        pos = compound.end("n")
                    else:
                        pos = compound.end("u")
                else:
                    pos = compound.end("u")
            else:
                pos = compound.end("u")
    post = None  # a bound after the figure: "1% or lower", "1,000 or more troops"
    if qual is None and it.kind in ("digits", "words"):
        post = lex.re_post_qual.match(text, pos, se)
        if post:
            pos = post.end()
    # subset "26 of those countries"
    if not it.unit and it.kind in ("digits", "words"):
        sm = lex.re_subset.match(text, pos, se)
        if sm:
            hm = _head_match(text, sm.end(), se, lex)
            if hm:
                it.subset = True
                it.unit = lex.head_unit[_norm(hm.group("h"))]
                it.head = _norm(hm.group("h"))
                pos = hm.end()
            else:
                # "27 of the 290 constituencies": a part of a stated total; the total is a
                # figure of its own (see _sentence_items), the part counts the same noun
                tm = _SUBSET_TOTAL.match(text, sm.end(), se)
                hp = _crude_head(text, tm.end(), se, lex) if tm else None
                if hp and hp[0] - tm.end() <= 1:
                    it.subset, it.total_at = True, tm.start("t")
                    it.head, pos = text[hp[0] : hp[1]].lower(), hp[1]
    # head noun after ("30,000 troops", "5,000 Ukrainian soldiers", "tens of thousands of troops")
    if not it.unit or (it.unit == "percent" and it.kind == "ratio"):
        start_pos = pos
        if it.kind in ("vague",) and not text[pos - 3 : pos].lower().endswith("of"):
            om = _OF.match(text[pos:se])
            if om:
                start_pos = pos + om.end()
        hm = _head_match(text, start_pos, se, lex)
        if hm:
            head = _norm(hm.group("h"))
            if it.unit == "percent":
                it.mods.append("of " + head)
            else:
                it.unit = lex.head_unit[head]
                it.head = head
                if it.unit == "people" and lex.re_casualty_after.match(text, hm.end(), se):
                    it.unit = "casualties"  # "150 people were killed" counts as "150 killed"
            pos = hm.end()
    if it.unit == "countries" and max(it.low or 0, it.high or 0) > _MAX_COUNTRIES:
        it.unit = "people"  # "9,000 of its members", "12,000 partners": not countries
    # "an army of 800,000" / "a brigade of 5,000 soldiers"
    if folded is not None and not folded[max(ss, surf_start - 40) : surf_start].rstrip().endswith(
        "of"
    ):
        po = None
    else:
        po = lex.re_pre_of.search(text[max(ss, surf_start - 40) : surf_start])
    if po:
        if not it.unit:
            it.unit = lex.pre_of[po.group("n").lower()]
        if it.unit == lex.pre_of[po.group("n").lower()]:
            surf_start = max(ss, surf_start - 40) + po.start()
    # "the death toll rose to 134": a noun a few words before, then a linking verb or "at"
    if not it.unit and lex.re_pre_verb is not None:
        pv = lex.re_pre_verb.search(text[max(ss, surf_start - 80) : surf_start])
        if pv is None and qm and unqualified_start > surf_start:  # "the toll exceeded 100"
            pv = lex.re_pre_verb.search(text[max(ss, unqualified_start - 80) : unqualified_start])
        if pv:
            it.unit = lex.pre_verb[" ".join(pv.group("n").lower().split())]
    if qual is None and post is None and it.kind in ("digits", "words") and (it.unit or it.head):
        post = lex.re_post_qual.match(text, pos, se)  # "1,000 people or more"
        if post:
            pos = post.end()
    if post is not None:
        qual = lex.post_qual[_norm(post.group("q"))]
    if qm and qm.group("art") and qual and it.unit not in _AMOUNT_UNITS:
        qual, surf_start = None, unqualified_start  # "about a" reaches only to amounts
    # an unlisted plural noun right after a figure counts it: "more than 40 Chinese models",
    # "seven judges", "two more cuts", "20 additional mobile teams"; after a bare number word
    # not a noun that counts nothing in news ("three reasons", "two ways", "four times":
    # claims_not_claims.yaml uncounted_nouns) nor a rank ("Europe's two largest ports":
    # ranking_words); "the two sides" refers back, see below
    if not it.unit and it.kind != "ratio" and (first.kind != "words" or first.value >= 2):
        more = _MORE_AFTER.match(text, pos, se)
        hp = _crude_head(text, more.end() if more else pos, se, lex)
        if hp:
            head = text[hp[0] : hp[1]].lower()
            words = head.split()
            if (
                first.kind != "words"
                or qual is not None
                or more
                or (words[-1] not in lex.uncounted_nouns and words[0] not in lex.ranking_words)
            ):
                it.head, pos = head, hp[1]
    # a rate: "7.1 per 100,000", "275 cases per 100,000 inhabitants", "3 per million": the
    # figure is the rate (unit "rate" unless it has one), the denominator is part of it
    if it.kind in ("digits", "words", "range") and " per" in text[pos : pos + 5].lower():
        rm = _PER_DENOMINATOR.match(text, pos, se)
        if rm:
            den = rm.group("d").lower().replace(",", "")
            dn = _crude_head(text, rm.end(), se, lex)
            if dn and dn[0] - rm.end() <= 1:
                pos = dn[1]
                den += " " + text[dn[0] : dn[1]].lower()
            else:
                pos = rm.end()
            it.unit = it.unit or "rate"
            it.mods.append("per " + den)
    # --- filters -------------------------------------------------------------------------
    if it.unit in lex.time_units and not it.compound and lex.re_relative.match(text, pos, se):
        if qual not in ("up_to", "at_least") or not _SPAN_CUE.match(text, pos, se):
            return False  # "three days after X", "two weeks ago": a date the timeline resolves
        # "in less than 36 hours before landfall", "more than a week after the vote": a bound
        # on the time between two events, a claim
    if it.unit in lex.time_units and not it.compound and _FREQUENCY_AFTER.match(text, pos, se):
        return False  # "open seven days a week": how often, not a quantity
    if (
        it.unit in lex.time_units
        and qual is None
        and _PAST_WINDOW_BEFORE.search(text, max(ss, surf_start - 30), surf_start)
    ):
        return False  # "in the past 24 hours": the window another figure is counted in
    single = len(it.atoms) == 1 and it.kind in ("digits", "words")
    bare = single and first.kind == "words" and _LETTERS.fullmatch(first.raw)
    if bare and first.value < 2 and not first.scaled:
        if not (compound and it.unit in lex.time_units) and it.unit not in _AMOUNT_UNITS:
            return False  # bare "one"/"zero": pronoun, determiner or idiom (not "one percent")
    if single and first.kind == "words" and not it.unit and not it.head:
        # "the two said": number words need a unit (or a counted noun, see above), unless
        # coordinated with a previous figure that has one ("Ten countries voted in favour, five
        # voted against"): see inheritance.
        before = text[max(ss, it.start - 20) : it.start]
        if not _COORDINATED.search(before):
            return False
        it.pending = True
    if (
        single
        and first.kind == "digits"
        and not first.scaled
        and _FOUR_DIGITS.fullmatch(first.raw)
        and 1800 <= first.value <= 2100
        and not it.currency
        and (it.unit in ("", "count") or it.unit in lex.time_units)
        and qual is None
        and not compound
        and it.unit != "percent"
    ):
        return False  # a year used as a date
    if single and first.kind == "words" and first.value <= lex.anaphoric_max:
        if pwl in lex.anaphoric_dets and not it.subset:
            return False  # "the two nations": refers back, does not count
    source = it.head.rsplit(None, 1)[-1] if it.head else ""  # "two Western sources"
    if first.value <= lex.attribution_max and source in lex.source_nouns:
        after = text[pos : min(se, pos + 60)]
        before = text[max(ss, surf_start - 20) : surf_start].lower()
        if _speaks(after, lex) or _ATTRIBUTED.search(before) or _SOURCE_AFTER.match(after):
            return False
    # --- interval ------------------------------------------------------------------------
    if it.kind == "fraction" and it.unit == "percentage_points":
        it.low = it.high = round((it.low + it.high) / 200, 4)  # [22.5, 27.5] -> 0.25 exactly
        it.qualifier = "exact"
    elif it.kind in ("vague", "fraction"):
        it.qualifier = "vague"
        if it.kind == "fraction":
            it.unit = it.unit if it.unit == "percent" else "percent"
        # a bound on a fraction is the fraction itself ("fewer than half": below 50%), and so
        # is one on a count that names a number ("more than a dozen": 12 or more); on another
        # vague count it is the count's own end ("at least hundreds": 200 or more)
        mid = (it.low + it.high) / 2 if it.low is not None else it.high
        named = lex.vague_bound.get(_norm(first.raw)) if it.kind == "vague" else None
        exact_bound = it.kind == "fraction" or named is not None
        if named is not None:
            mid = named
        if qual == "below":
            it.high = mid
            it.qualifier = "approx"
        elif qual == "up_to":
            it.low, it.qualifier = None, "up_to"
            if exact_bound:
                it.high = mid
        elif qual == "at_least":
            it.high, it.qualifier = None, "at_least"
            if exact_bound:
                it.low = mid
    elif it.kind == "range":
        it.qualifier = "range"
    elif it.kind == "ratio":
        v = it.low
        it.low, it.high = v * (1 - lex.tol), v * (1 + lex.tol)
        it.qualifier = "approx"
    else:
        v = -first.value if minus else first.value
        if qual is None:
            it.qualifier, it.low, it.high = "exact", v, v
        elif qual == "approx":
            it.qualifier = "approx"
            it.low, it.high = sorted((v * (1 - lex.tol), v * (1 + lex.tol)))
        elif qual == "below":
            it.qualifier, (it.low, it.high) = "approx", sorted((v * (1 - lex.tol), v))
        elif qual == "up_to":
            it.qualifier, it.low, it.high = "up_to", None, v
        else:
            it.qualifier, it.low, it.high = "at_least", v, None
    if not it.unit and it.kind in ("vague",):
        it.unit = "count"
    it.surf_start = surf_start
    it.surf_end = pos
    while it.surf_end > it.surf_start and text[it.surf_end - 1].isspace():
        it.surf_end -= 1
    return True


_FUNCTION_WORDS = frozenset(_STOP_BEFORE_HEAD.split("|"))
_MINUS = "-\u2212"  # hyphen-minus, minus sign
_BEFORE_SIGN = " \t\n\u00a0(|["  # what stands before a figure's sign
#: Units an approximate qualifier reaches over an article to ("about a 90% chance").
_AMOUNT_UNITS = frozenset({"percent", "percentage_points", "basis_points", "currency"})
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s+$", re.I)
_LOWER_NOUN = re.compile(r"[a-z][\w-]*")
_OF = re.compile(r"\s+of\b")
_LETTERS = re.compile(r"[^\W\d_]+")
_TEMPERATURE_CUE = re.compile(
    r"\b(?:temperatures?|degrees|heat|heatwaves?|hot|hottest|warm|cold|thermometers?|"
    r"celsius|mercury)\b",
    re.I,
)
#: Relative-date cues after which a bounded time figure measures a span between two events
_SPAN_CUE = re.compile(r"\s+(?:after|before|since|prior\s+to)\b", re.I)
_FREQUENCY_AFTER = re.compile(r"\s+a\s+(?:day|week|month|year)\b", re.I)
_PAST_WINDOW_BEFORE = re.compile(
    r"\b(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+$", re.I
)
_COORDINATED = re.compile(r"(?:,|\band|\bwhile|\bbut|\bwhereas)\s*$", re.I)
_FOUR_DIGITS = re.compile(r"\d{4}")
_ATTRIBUTED = re.compile(r"(?:according to|citing)\s*$")
_SOURCE_AFTER = re.compile(r"\s+(?:familiar|with knowledge|close|briefed|who)")


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun


# ----------------------------------------------------------------------------- claimant


def _claimant(
    text: str,
    sent: Sentence,
    it: _Item,
    lex: _Lex,
    ments: list[Mention],
    ment_starts: list[int],
    quotes: list[tuple[int, int, str, str]],
    quote_reach: list[int],
    default: str,
    folded: str | None = None,
) -> str:
    """Quoted speaker, else the subject of reported speech in the sentence, else the speaker of
    another quote in the same sentence ("X called for 'a solution' ..., and warned that pork
    exports worth 1.5 billion euros were at risk"), else ``default`` (the outlet or doc id)."""
    ss, se = sent.start, sent.end
    surf_start, surf_end = it.surf_start, it.surf_end
    in_sent = ""
    holder, holder_start = "", -1  # the innermost quote holding the figure (the latest start)
    # a quote ending by ss neither holds the figure (ss <= surf_start < surf_end) nor is in
    # the sentence: start with the first quote of a run reaching past ss
    for i in range(bisect.bisect_right(quote_reach, ss), len(quotes)):
        q_start, q_end, speaker, cue = quotes[i]
        if q_start > surf_start and q_start >= se:
            break
        if q_start <= surf_start and surf_end <= q_end:
            # (a transcript turn holds the reported quotes of its speaker's sentences)
            if q_start > holder_start:
                holder, holder_start = speaker, q_start
            continue
        if not in_sent and cue and q_start < se and q_end > ss:
            in_sent = speaker
    if holder:
        return holder
    fallback = in_sent or default
    # speech cues are local: read at most _SPEECH_REACH characters either side of the figure
    # (keeps a pathological one-sentence 5 MB text linear)
    ss, se = max(ss, it.surf_start - _SPEECH_REACH), min(se, it.surf_end + _SPEECH_REACH)
    stext = text[ss:se]
    if folded is not None and lex.re_according_cs is not None:
        fs = folded[ss:se]
        keys = lex.according_keys
        am = lex.re_according_cs.search(fs) if keys is None or any(k in fs for k in keys) else None
    else:
        am = lex.re_according.search(stext)
    if am:
        np_ = _np_after(text, ss + am.end(), se, lex)
        if np_:
            return _resolve(np_, ments, ment_starts, lex, it) or fallback
    verbs = list(lex.re_speech.finditer(stext))
    if not verbs:
        return fallback
    before = [v for v in verbs if ss + v.end() <= it.surf_start]
    after = [v for v in verbs if ss + v.start() >= it.surf_end]
    for v in reversed(before):
        np_ = _np_before(text, ss + v.start(), ss, lex)
        if np_:
            return _resolve(np_, ments, ment_starts, lex, it) or fallback
    for v in after:
        vs, ve = ss + v.start(), ss + v.end()
        # inverted "..., said Arnold" vs "..., Arnold said"
        np_ = _np_before(text, vs, max(ss, it.surf_end), lex)
        if np_:
            return _resolve(np_, ments, ment_starts, lex, it) or fallback
        np_ = _np_after(text, ve, se, lex)
        if np_ and np_[0][:1].isupper():
            return _resolve(np_, ments, ment_starts, lex, it) or fallback
    return fallback


_SPEECH_REACH = 600


def _np_before(text: str, pos: int, lo: int, lex: _Lex) -> tuple[str, int, int] | None:
    """Subject noun phrase ending just before ``pos`` (a speech verb), or None."""
    seg = text[lo:pos]
    toks = list(_TOKEN.finditer(seg))
    picked: list[re.Match] = []
    for t in reversed(toks):
        w = t.group()
        wl = w.lower()
        if not picked and wl in lex.auxiliaries:
            continue
        if not (w[0].isalnum()) or wl in lex.subject_stops:
            break
        picked.append(t)
        if len(picked) >= 6:
            break
    picked.reverse()
    while picked and picked[0].group().lower() in lex.determiners:
        picked.pop(0)
    if not picked:
        return None
    s, e = lo + picked[0].start(), lo + picked[-1].end()
    e = _strip_dot(text, s, e)
    phrase = text[s:e]
    if phrase.lower() in lex.determiners or phrase[0].isdigit():
        return None
    return phrase, s, e


def _np_after(text: str, pos: int, hi: int, lex: _Lex) -> tuple[str, int, int] | None:
    """Noun phrase starting at ``pos`` (after "according to" or an inverted "said")."""
    seg = text[pos:hi]
    toks = []
    for t in _TOKEN.finditer(seg):
        w = t.group()
        if not w[0].isalnum() or (toks and w.lower() in lex.subject_stops):
            break
        toks.append(t)
        if len(toks) >= 6:
            break
    while toks and toks[0].group().lower() in lex.determiners:
        toks.pop(0)
    if not toks:
        return None
    s, e = pos + toks[0].start(), pos + toks[-1].end()
    e = _strip_dot(text, s, e)
    return text[s:e], s, e


def _strip_dot(text: str, s: int, e: int) -> int:
    """Drop a sentence-final period from a phrase end (keep "U.S." style abbreviations)."""
    if e - s > 1 and text[e - 1] == "." and "." not in text[s : e - 1].split()[-1:][0:1][0]:
        return e - 1
    return e


def _resolve(
    np_: tuple[str, int, int],
    ments: list[Mention],
    ment_starts: list[int],
    lex: _Lex,
    it: _Item,
) -> str:
    phrase, s, e = np_
    low = phrase.lower()
    if low in lex.person_pronouns:
        i = bisect.bisect_left(ment_starts, s) - 1
        while i >= 0:
            if ments[i].actor_type == "person":
                return ments[i].actor
            i -= 1
        return ""
    if low in lex.group_pronouns:
        return ""
    i = bisect.bisect_right(ment_starts, e) - 1
    while i >= 0 and ments[i].end > s:
        m = ments[i]
        if m.start >= s and m.end >= e - 1:
            return m.actor  # a mention ends the phrase: it is the head
        i -= 1
    return phrase
