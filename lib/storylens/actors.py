"""Actor gazetteer and tagger.

The gazetteer (``data/gazetteer.yaml``) lists countries, regions, blocs, organisations and people
with their spelling variants; ``data/actors_rules.yaml`` holds the lexicons the tagger uses
(titles, speech verbs, metonym cues, words that are never names, ...).

Decisions (documented here, tested in ``tests/test_actors.py``):

- **Surface** is the name as written *without* title and *without* possessive ``'s``:
  ``"Zelenskyy's"`` -> surface ``Zelenskyy``; ``"Gen. Dan Caine"`` -> ``Dan Caine``.
- **Longest match wins** (one trie-built regex for every alias); names are case-sensitive.
  Proper names that are not actors (``Black Sea``, ``Washington, D.C.``, ``Oval Office``) are
  matched as blockers so nothing shorter inside them is tagged.
- **Single-token aliases** (``Trump``, ``Russia``, ``NATO``) are rejected when glued to another
  capitalised name token (``Trump Tower``, ``Jordan Peterson``); a single-token person alias is
  also rejected after another capitalised name token (``Eric Trump``).
- **Metonyms** (capitals and seats such as ``Moscow``, ``the Kremlin``) count as the country
  (rule ``metonym``) only in actor use: possessive, followed by a verb/auxiliary cue, or the
  object of a cue verb (``lobbied Washington``); never after a locative word (``in``, ``from``,
  ``at``, ``to``), never as a modifier after ``the`` (``the Paris climate agreement``), never
  inside a longer name or hyphenated compound.
- **Demonyms** count as the country (rule ``demonym``) as plural nouns (``Russians``), as
  collectives after ``the`` (``the British have called``) and before a government noun
  (``Russian officials``). ``Russia's Foreign Ministry`` / ``Russian Foreign Ministry`` are the
  organisation ``Russian Foreign Ministry`` (affiliation Russia), generated for every country.
- **Titles**: the words of a person's title chain (``Russian President``, ``NATO Secretary
  General``, ``U.S. Secretary of State``) are part of the title: actors named inside a title
  chain are not separate mentions.
- **Surnames** resolve to the person named in full anywhere in the same article (also
  discovered people); a surname shared by two people of the article is left alone. A
  discovered person's name of three or more words has more surnames: the words between the
  first and the last that are no given name or particle (``surname_particles``; "Tapia" for
  "Ramón Tapia Rivera"). A name of two or more words that ends one person's longer name in
  the article ("Van der Berg", "De Smedt", "Fuentes Aravena", "Díaz de Valdés") is that
  person's surname.
- **Discovery**: 2-4 capitalised name tokens after a title, next to a speech verb, followed
  by an apposition (``X, an expert at Y``) or starting with a given name of
  ``data/first_names.yaml`` (``talks between Tom Baker and ...``, not in a title-case headline)
  become ``person`` actors with ``discovered=True``, canonical name as first written; so do
  names before an aside and a speech verb (``X, a 52-year-old teacher, said``), a name "of" an
  organisation before a speech verb (``X of the Coastal Survey Institute told``) and a name
  after "the <title> of <organisation>," (``the Director of the Flood Board, X.``). A rank's
  acronym before the name is not part of it (``ASP X``); in a title-case headline a title
  word is no evidence (``... and Official Bilateral Lenders``).
  Bylines/credits (``By X``, ``X |``, ``/X/``) never count.
- **Organisations** not in the gazetteer: a capitalised chain holding a head word of
  ``org_heads`` (``Sudan Doctors Network``, ``Bureau of Labor Statistics``; connectors only
  inside, stopping at title words, people, weekdays and sentence ends; not in title-case
  headlines; not when every word is generic, ``Foreign Ministry``, unless two generic words
  stand besides the head, ``Public Finance Council``) is an ``organization`` with
  ``discovered=True``; a bracketed acronym right after it (``(IOM)``) names it too (rule
  ``acronym``). Head words that lead their name (``org_heads_first``: ``Banco Atlântico``,
  ``Instituto Sondar``) take the capitalised words after them. A capitalised name followed by
  a bracketed acronym of its initials, in any order, is an organisation even without a head
  word (``National Voice (VN)``), and its name gives way to no shorter chain inside it
  (``the Official Lenders Council (OLC)``; a title word opens a name after "the" or at a line's
  or a table cell's start). A chain whose head word is followed by another plain capitalised
  word names something else (``the Extended Credit Fund Facility``, a programme). Gazetteer
  mentions inside the longer name give way to it.
  After an organisation's first mention, "the" and its head word alone (``the Commission``
  after ``European Commission``) name it too (rule ``head``), unless two of the article's
  organisations share that head word. A company's legal form is not part of its canonical
  name (``org_legal_forms``: "Norvane Pharma AG" is ``Norvane Pharma``), and its brand alone
  names it once the full name is in the article (rule ``short``: "Norvane shares fell").
  A hyphenated adjective before the name is not part of it ("Tokyo-listed"), nor is a
  demonym before a name in another language or before a coined brand and a company word
  ("the Japanese Zelkora Metals Corporation": ``Japan`` (rule ``demonym``) and the company;
  "Chilean Navy", "Indian Oil Corporation" stay whole: English words, see
  ``paths.english_lexicon``).
- **Public institutions** without a proper name ("the Finance Ministry", "Japan's Ministry of
  Finance", "the Chinese foreign ministry", "the central bank", "police", "Parliament", "India's
  High Commission"; ``institution_*`` in ``actors_rules.yaml``) are organisations named
  "<demonym> <name>" with the country as affiliation ("Japanese Finance Ministry", as the
  generated foreign ministries), the country told with them, by "in" a place, or the
  article's (dateline, or clearly dominant; see :func:`_institutions`), else the bare name
  ("Central Bank"); "the government" is the country (rule ``government``), as metonyms are.
- **Fuzzy**: name-position candidates that are not exact matches are compared with the
  gazetteer's people (rapidfuzz ratio, same first letter, length >= 5).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import operator
import re
import types
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.model import Mention, Sentence
from storylens.paths import DATA_DIR, english_lexicon, first_names, fold_accents, read_yaml
from storylens.regexes import UPPER, trie_regex

__all__ = [
    "Entry",
    "Gazetteer",
    "tag_actors",
    "tag_articles",
    "mentions_frame",
    "MENTION_COLUMNS",
]

MENTION_COLUMNS = [
    "doc_id",
    "sent_id",
    "actor",
    "actor_type",
    "surface",
    "start",
    "end",
    "rule",
    "discovered",
    "affiliation",
    "role",
]

# tag_actors builds Mention records with positional arguments (faster): in this order
if [f.name for f in dataclasses.fields(Mention)] != MENTION_COLUMNS[1:]:
    raise ImportError("storylens.model.Mention fields differ from MENTION_COLUMNS[1:]")


def _mention_maker():
    """``Mention(sent_id, actor, ..., role)``, faster: the ``__init__`` of a frozen dataclass
    sets every field through ``object.__setattr__``; this fills the record's slots directly
    (the same record: Mention has slots, and no ``__post_init__`` to run)."""
    slots = [Mention.__dict__.get(name) for name in MENTION_COLUMNS[1:]]
    if hasattr(Mention, "__post_init__") or not all(
        isinstance(s, types.MemberDescriptorType) for s in slots
    ):
        return Mention
    new = object.__new__
    s_sid, s_actor, s_type, s_surface, s_start, s_end, s_rule, s_disc, s_aff, s_role = (
        s.__set__ for s in slots
    )

    def make(sid, actor, actor_type, surface, start, end, rule, discovered, affiliation, role):
        m = new(Mention)
        s_sid(m, sid)
        s_actor(m, actor)
        s_type(m, actor_type)
        s_surface(m, surface)
        s_start(m, start)
        s_end(m, end)
        s_rule(m, rule)
        s_disc(m, discovered)
        s_aff(m, affiliation)
        s_role(m, role)
        return m

    return make


_new_mention = _mention_maker()

# kinds of alias, best first: when one surface has several, the best kind wins
_KIND_RANK = {
    "block": 0,
    "name": 1,
    "short": 2,
    "seat": 3,
    "capital": 4,
    "demonym_plural": 5,
    "demonym": 6,
}
_SECTION_TYPES = {
    "countries": "country",
    "regions": "region",
    "blocs": "bloc",
    "organizations": "organization",
    "people": "person",
}


# --------------------------------------------------------------------------------------------
# character classes and token regexes (compiled once)
# --------------------------------------------------------------------------------------------
_UP = UPPER
_PARTICLES = r"(?:von|van|der|den|de|del|della|di|da|du|le|la|bin|ibn|ben|dos|das|zu|ter|al|el)"
_TOK_PREFIXES = ("al", "el", "ibn", "bin", "abu")
_TOK_TAIL = rf"(?:\.(?:[{_UP}]\.)*(?![\w])|[\w’'-]*[\w]|)"  # after the first capital
_TOK = rf"(?:(?:{'|'.join(_TOK_PREFIXES)})-)?[{_UP}]{_TOK_TAIL}"
_RUN_REST = rf"(?:[ \u00a0](?:{_PARTICLES}[ \u00a0])*{_TOK})*"
_RUN = re.compile(rf"(?<![\w’'.\-/]){_TOK}{_RUN_REST}")  # capitalised runs of name tokens
# Speed: a regex that starts with a character class lets Python's re skip ahead to the
# characters of that class. _RUN_UPPER is _RUN for the runs that start with a capital (not
# with a prefix such as "al-"): it starts with the capital and checks the look-behind after it.
_RUN_UPPER = re.compile(rf"[{_UP}](?<![\w’'.\-/].){_TOK_TAIL}{_RUN_REST}")
# a run can start with a prefix ("al-Assad"): rf"(?<![\w’'.\-/])(?:{'|'.join(_TOK_PREFIXES)})-"
# occurs; written to start with the hyphen (re skips ahead to it)
_PREFIX_AT = re.compile(
    "-(?:" + "|".join(rf"(?<=(?<![\w’'.\-/]){p}-)" for p in _TOK_PREFIXES) + ")"
)
_NAME_TOK = re.compile(rf"{_TOK}|{_PARTICLES}(?=[ \u00a0])")
_PARTICLE_SET = frozenset(_PARTICLES[3:-1].split("|"))
_TOKS = re.compile(r"[\w’'.\-]*[\w.]|[^\w\s]")
_SPACE = re.compile(r"\s")
_AFTER = re.compile(r"(['’]s(?!\w)|(?<=s)['’](?!\w))?([ \u00a0]*)([\w’'.\-]*\w|[^\w\s])?")
_POSS = ("'s", "’s")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")
_SPACE_FREE = re.compile(r"\S+")
#: The words between an organisation noun and the name it introduces, by their last word:
#: "called", "named", "known as", "calling itself".
_NAMING_WORDS = {"called": "", "named": "", "as": "known", "itself": "calling"}


def _runs(text: str) -> list[tuple[int, str]]:
    """``(start, run)`` of the matches of ``_RUN.finditer(text)`` (read once: three passes go
    over them), with the faster _RUN_UPPER when no run can start with a prefix. Two runs
    apart by a word's final apostrophe and a space are one (:func:`_name_apostrophes`)."""
    runs = [
        (m.start(), m.group())
        for m in (_RUN if _PREFIX_AT.search(text) else _RUN_UPPER).finditer(text)
    ]
    joins = _name_apostrophes(text)
    if joins:
        out: list[tuple[int, str]] = []
        for rs, run in runs:
            if rs - 2 in joins and out and out[-1][0] + len(out[-1][1]) == rs - 2:
                prs, prun = out[-1]
                out[-1] = (prs, prun + text[rs - 2 : rs] + run)
            else:
                out.append((rs, run))
        runs = out
    return runs


#: An opening single quote mark: "‘", or "'" at a word's start ("'Iron Lady'").
_OPEN_QUOTE = re.compile(r"‘|(?<![\w’'])'(?=\w)")
#: A closing one (or an apostrophe that ends a word): after a word, before a non-word.
_CLOSE_QUOTE = re.compile(r"(?<=[\w.,!?])['’](?!\w)")


def _name_apostrophes(text: str) -> set[int]:
    """Positions of the apostrophes that end a name word before the next capitalised word,
    as Luo names are written ("Brenda Achieng’ Owino"): after a letter that is no "s" (not a
    plural possessive, "the Smiths’ Ford"), and closing no quote opened before it on the same
    line (an opening mark with no closing mark between: "called her ‘Iron Lady’ Margaret
    Thatcher" is no name)."""
    out = set()
    pairs = ("’ ", "' ", "’\u00a0", "'\u00a0") if "\u00a0" in text else ("’ ", "' ")
    for pair in pairs:  # (str.find: quicker than a regex here)
        p = text.find(pair, 1)
        while p >= 0:
            c = text[p - 1]
            if c.isalpha() and c not in "sS" and text[p + 2 : p + 3].isupper():
                out.add(p)
            p = text.find(pair, p + 2)
    for p in list(out):
        lo = text.rfind("\n", 0, p) + 1
        opens = [o.start() for o in _OPEN_QUOTE.finditer(text, lo, p)]
        if opens and not _CLOSE_QUOTE.search(text, opens[-1], p):
            out.discard(p)
    return out


def _norm_apos(s: str) -> str:
    """Apostrophes are matched as either form; aliases are stored with a straight one."""
    return s.replace("’", "'") if "’" in s else s


# --------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------
@functools.cache
def _rules() -> dict[str, Any]:
    raw = read_yaml(DATA_DIR / "actors_rules.yaml")
    sets = {}
    for key, val in raw.items():
        sets[key] = frozenset(val) if isinstance(val, list) and key != "ministry_templates" else val
    roles = "|".join(sorted(map(re.escape, raw["role_nouns"]), key=lambda s: (-len(s), s)))
    win = int(raw["apposition_window"])
    # (not a new clause: "arrivals from El Fasher, and a UN official said")
    sets["apposition_re"] = re.compile(
        rf",[ \u00a0]+(?!(?:and|but|or|while|where|when|which|as)\b)"
        rf"(?:[\w’'.\-]+[ \u00a0]+){{0,{win}}}?(?i:{roles})\b"
    )
    # "Ibrahim Adam, a 52-year-old school teacher, said": an aside (an article, a relative
    # pronoun or an -ing word first; no sentence punctuation) between the name and a speech verb
    verbs = "|".join(sorted(map(re.escape, raw["speech_verbs"]), key=lambda s: (-len(s), s)))
    # ... also after an age ("Rokeya Begum, 38, a mother of four, said"; "Amna Idris, 34, said")
    # ... or a place or an employer ("Kasia Nowak, 34, from Leeds, said")
    aside = (
        r"(?:an?|the|who|whose|from|of|in|at|with|[a-z]+ing)[ \u00a0][^,;:.!?\"“”()\n]{1,100},"
        r"[ \u00a0]+"
    )
    sets["aside_speech_re"] = re.compile(
        rf",[ \u00a0]+(?:\d{{1,3}},[ \u00a0]+(?:{aside})?|{aside})(?:{verbs})\b"
    )
    # "Ana Lima of the National Institute of Geology (NIG) told ...", "Ana Lima of Harbour
    # Advisory, which advises the lenders, said": a name, "of" and an organisation's capitalised
    # name (an acronym in brackets, an aside after it) before a speech verb
    sets["of_org_speech_re"] = re.compile(
        r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?[A-Z][\w’'&.\-]*"
        r"(?:[ \u00a0]+(?:[A-Z][\w’'&.\-]*|of|for|and|on|the|&))*"
        r"(?:[ \u00a0]*\([A-Z][A-Za-z&]{1,7}\))?"
        r"(?:,[ \u00a0]+(?:which|who|whose|an?|the)[ \u00a0][^,;:.!?\"“”()\n]{1,100},)?"
        rf"[ \u00a0]+(?:{verbs})\b"
    )
    # "said the President of the Authority, Ana Lima.": a title and "of" an organisation
    # (the text right before the name set off by a comma)
    heads = "|".join(
        sorted(
            map(re.escape, [*raw["title_heads"], *raw["role_nouns"]]), key=lambda s: (-len(s), s)
        )
    )
    sets["title_of_before_re"] = re.compile(
        rf"(?:^|[ \u00a0])(?:the|its|their|his|her|The|Its|Their|His|Her)[ \u00a0]+"
        rf"(?:[\w’'\-]+[ \u00a0]+){{0,2}}?(?:{heads})[ \u00a0]+of[ \u00a0]+"
        r"[^,;:.!?\"“”()\n]{1,60},[ \u00a0]*$"
    )

    # public institutions without a proper name (see _institutions)
    def either(word: str) -> str:
        return " ".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in word.split())

    def by_initial(words: list[str]) -> str:
        """The alternation of ``words`` (longest first), grouped by first letter: one test of
        the letter per group at each position instead of one per word (the same matches:
        words of different initials cannot both match at one position)."""
        groups: dict[str, list[str]] = {}
        for w in words:
            groups.setdefault(w[0], []).append(either(w)[4:])  # (the "[Xx]" given once)
        return "|".join(f"[{k.upper()}{k}](?:{'|'.join(alts)})" for k, alts in groups.items())

    ports = sorted(raw["institution_portfolios"], key=lambda w: (-len(w), w))
    port_re = "|".join(either(w) for w in ports)
    names = sorted(raw["institution_names"], key=lambda w: (-len(w), w))
    sets["institution_re"] = re.compile(
        rf"(?<![\w\-])(?:[Mm]inistry of (?:the )?(?P<p1>{port_re})"
        rf"|(?P<p2>{by_initial(ports)}) [Mm]inistry|(?P<n>{by_initial(names)}))(?![\w\-])"
    )
    # (the same without the ministries, for a text without "inistry", where they cannot match)
    sets["institution_names_re"] = re.compile(rf"(?<![\w\-])(?P<n>{by_initial(names)})(?![\w\-])")
    sets["org_generic"] = frozenset(
        [*raw.get("org_generic_words", []), *raw.get("org_heads", [])]
        + list(raw.get("org_connectors", []))
    )
    sets["org_heads_first"] = frozenset(raw.get("org_heads_first", []))
    sets["org_all_heads"] = sets["org_heads"] | sets["org_heads_first"]
    sets["surname_particles"] = sets["surname_particles"] | _PARTICLE_SET
    return sets


@dataclass(frozen=True)
class Entry:
    """One gazetteer actor."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    affiliation: str = ""
    role: str = ""
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    capital: str = ""
    surname: str = ""
    generated: bool = False

    def surname_keys(self) -> tuple[str, ...]:
        """Tokens that refer to this person alone once the full name is in the article."""
        if self.type != "person":
            return ()
        if self.surname:
            return (self.surname,)
        keys = []
        for n in (self.name, *self.aliases):
            toks = n.split()
            if len(toks) >= 2:
                last = toks[-1]
                if last in ("Jr.", "Sr.", "II", "III", "IV") and len(toks) >= 3:
                    last = toks[-2]
                keys.append(last)
                keys.append(fold_accents(last))
        return tuple(dict.fromkeys(keys))


def _entry(raw: dict, typ: str) -> Entry:
    def tup(key: str) -> tuple[str, ...]:
        val = raw.get(key) or []
        return tuple(str(v) for v in (val if isinstance(val, list) else [val]))

    return Entry(
        name=str(raw["name"]),
        type=str(raw.get("type", typ)),
        aliases=tup("aliases"),
        titles=tup("titles"),
        affiliation=str(raw.get("affiliation", "") or ""),
        role=str(raw.get("role", "") or ""),
        demonyms=tup("demonyms"),
        metonyms=tup("metonyms"),
        capital=str(raw.get("capital", "") or ""),
        surname=str(raw.get("surname", "") or ""),
    )


def _is_plural_demonym(d: str) -> bool:
    return (d.endswith("s") and not d.endswith("ss")) or d.endswith("men")


@dataclass
class Gazetteer:
    """Actors with their variants, and one compiled matcher for all of them."""

    entries: dict[str, Entry]
    non_actors: tuple[str, ...] = ()
    _index: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)
    # surface -> (kind, actors, rule) for the tagger (derived from _index)
    _hits: dict[str, tuple[str, tuple[str, ...], str]] = field(default_factory=dict, repr=False)
    _matcher: re.Pattern | None = field(default=None, repr=False, compare=False)  # lazy
    _scanner: _AliasScanner | None = field(default=None, repr=False, compare=False)
    _single_aliases: frozenset[str] = field(default=frozenset(), repr=False)
    # adjective demonym -> its country ("Chilean" -> "Chile"; only demonyms of one country)
    _demonyms: dict[str, str] = field(default_factory=dict, repr=False)
    # surface -> the first actor it names as a capital ("Oslo" -> "Norway"; from _index)
    _capitals: dict[str, str] = field(default_factory=dict, repr=False)
    _fuzzy_full: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _fuzzy_surname: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _surname_keys: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # the keys of _fuzzy_full and _fuzzy_surname by their first character, in order
    _fuzzy_full_initial: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _fuzzy_surname_initial: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # fuzzy lookups already made ((query, cutoff, kind) -> actor or None): names recur
    _fuzzy_memo: dict = field(default_factory=dict, repr=False, compare=False)

    # ---- construction -----------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, *, extra: Any = None) -> Gazetteer:
        """Load the gazetteer (the package default when ``path`` is None; cached).

        ``extra`` adds actors: a path to a YAML file or a dict with the same sections
        (``people``, ``countries``, ``organizations``, ...), e.g. discovered people an analyst
        promoted. Later definitions of the same canonical name replace earlier ones.
        """
        if path is None and extra is None:
            return _default_gazetteer()
        raws = [read_yaml(Path(path) if path else DATA_DIR / "gazetteer.yaml")]
        if extra is not None:
            raws.append(extra if isinstance(extra, dict) else read_yaml(Path(extra)))
        return cls.from_dicts(raws)

    @classmethod
    def from_dicts(cls, raws: list[dict]) -> Gazetteer:
        """Build from parsed YAML documents (same schema as ``data/gazetteer.yaml``)."""
        entries: dict[str, Entry] = {}
        non_actors: list[str] = []
        for raw in raws:
            for section, typ in _SECTION_TYPES.items():
                for item in raw.get(section) or []:
                    e = _entry(item, typ)
                    entries[e.name] = e
            non_actors.extend(str(x) for x in raw.get("non_actors") or [])
        for e in _ministries(list(entries.values())):
            entries.setdefault(e.name, e)
        gz = cls(entries=entries, non_actors=tuple(dict.fromkeys(non_actors)))
        gz._build()
        return gz

    def _build(self) -> None:
        cand: dict[str, list[tuple[int, int, str, str]]] = {}

        def add(surface: str, actor: str, kind: str, generated: bool) -> None:
            surface = _norm_apos(surface.strip())
            if surface:
                cand.setdefault(surface, []).append((_KIND_RANK[kind], generated, actor, kind))

        for e in self.entries.values():
            names = [e.name, *e.aliases]
            if e.type in ("person", "organization", "bloc"):
                names += [fold_accents(n) for n in names]
            for n in dict.fromkeys(names):
                if e.type == "person" and " " not in n:
                    add(n, e.name, "short", e.generated)
                else:
                    add(n, e.name, "name", e.generated)
            for d in e.demonyms:
                add(d, e.name, "demonym_plural" if _is_plural_demonym(d) else "demonym", False)
            if e.capital:
                add(e.capital, e.name, "capital", False)
            for m in e.metonyms:
                add(m, e.name, "seat", False)
        for n in self.non_actors:
            add(n, "", "block", False)
        index: dict[str, tuple[tuple[str, str], ...]] = {}
        for surface, items in cand.items():
            items.sort()
            best = items[0][:2]
            chosen = [(a, k) for r, g, a, k in items if (r, g) == best]
            index[surface] = tuple(dict.fromkeys(chosen))
        self._index = index
        self._hits = {surface: _hit(items) for surface, items in index.items()}
        words = _longest_first(index)
        self._matcher = None  # compiled on first use: the tagger uses the scanner
        self._scanner = _AliasScanner(words)
        self._single_aliases = frozenset(s for s in index if " " not in s)
        self._capitals = {}
        for surface, items in index.items():
            actor = next((a for a, kind in items if kind == "capital"), None)
            if actor is not None:
                self._capitals[surface] = actor
        self._demonyms = {
            s: items[0][0]
            for s, items in index.items()
            if len(items) == 1 and items[0][1] == "demonym" and " " not in s
        }
        full: dict[str, list[str]] = {}
        sur: dict[str, list[str]] = {}
        for e in self.entries.values():
            if e.type != "person":
                continue
            for n in (e.name, *e.aliases):
                if " " in n:
                    full.setdefault(n, []).append(e.name)
            for k in e.surname_keys():
                sur.setdefault(k, []).append(e.name)
        self._surname_keys = {
            e.name: e.surname_keys() for e in self.entries.values() if e.type == "person"
        }
        self._fuzzy_full = {k: tuple(dict.fromkeys(v)) for k, v in full.items()}
        self._fuzzy_surname = {k: tuple(dict.fromkeys(v)) for k, v in sur.items()}
        self._fuzzy_full_initial = _by_initial(self._fuzzy_full)
        self._fuzzy_surname_initial = _by_initial(self._fuzzy_surname)

    # ---- lookups ----------------------------------------------------------------------------
    def get(self, name: str) -> Entry | None:
        """The entry of a canonical actor name, or None (discovered people are not entries)."""
        return self.entries.get(name)

    def lookup(self, surface: str) -> tuple[tuple[str, str], ...]:
        """``(actor, kind)`` pairs an exact surface string refers to (empty when none)."""
        return self._index.get(_norm_apos(surface), ())

    def capital_of(self, surface: str) -> str | None:
        """The first actor whose capital ``surface`` is (:meth:`lookup`'s first ``capital``
        item), or None."""
        return self._capitals.get(_norm_apos(surface))

    def __contains__(self, name: str) -> bool:
        return name in self.entries

    def __len__(self) -> int:
        return len(self.entries)

    def variants(self):
        """DataFrame (actor, variant, kind), one row per spelling the tagger knows, sorted."""
        import pandas as pd

        rows = [
            (actor, surface, kind)
            for surface, items in self._index.items()
            for actor, kind in items
            if kind != "block"
        ]
        rows.sort()
        return pd.DataFrame(rows, columns=["actor", "variant", "kind"])

    @property
    def matcher(self) -> re.Pattern:
        """One regex for every variant (longest first), whole words only."""
        if self._matcher is None:
            words = _longest_first(self._index)
            self._matcher = re.compile(
                r"(?<![\w])(?:" + trie_regex(words, any_apostrophe=True) + r")(?![\w])"
            )
        return self._matcher


class _AliasScanner:
    """``search(text, pos)`` of :attr:`Gazetteer.matcher`, faster (the same matches).

    The matcher starts with a look-behind, so Python's ``re`` tries it at every position of the
    text. Here the aliases that start with a capital (nearly all) are one regex that starts with
    that capital, where ``re`` skips ahead to the capitals, and checks the look-behind after it;
    the few others are located with ``str.find`` and tried there with a regex of their own.
    """

    def __init__(self, words: list[str]):
        by_first: dict[str, list[str]] = {}
        for w in words:
            by_first.setdefault(w[0], []).append(w[1:])
        upper = [
            re.escape(c) + r"(?<![\w].)(?:" + trie_regex(by_first[c], any_apostrophe=True) + ")"
            for c in sorted(by_first)
            if c.isupper()
        ]
        self.upper = re.compile("(?:" + "|".join(upper) + r")(?![\w])") if upper else None
        lower = [w for w in words if not w[0].isupper()]
        self.lower = (
            re.compile(r"(?<![\w])(?:" + trie_regex(lower, any_apostrophe=True) + r")(?![\w])")
            if lower
            else None
        )
        # the spellings the lower regex can match ("'" also matches "’")
        spellings: set[str] = set()
        for w in lower:
            parts = w.split("'")
            for quotes in itertools.product("'’", repeat=len(parts) - 1):
                spellings.add(
                    parts[0] + "".join(q + p for q, p in zip(quotes, parts[1:], strict=True))
                )
        self.lower_spellings = tuple(sorted(spellings))
        # Speed: the spellings are located by anchors, one str.find each: the prefix up to a
        # hyphen near the start that several spellings share ("al-": six names), or the whole
        # spelling; (anchor, the spellings it starts, or None when it is the spelling)
        by_prefix: dict[str, list[str]] = {}
        for w in self.lower_spellings:
            k = w.find("-")
            by_prefix.setdefault(w[: k + 1] if 0 < k < 4 else w, []).append(w)
        anchors = []
        for a, ws in by_prefix.items():
            if len(ws) > 1:
                anchors.append((a, tuple(ws)))
            else:
                anchors.append((ws[0], None))
        self.lower_anchors = tuple(sorted(anchors))

    def searcher(self, text: str):
        """``pos -> match``: the matcher's ``search(text, pos)``."""
        upper = self.upper.search if self.upper is not None else lambda text, pos: None
        starts: set[int] = set()  # where a spelling of lower starts
        for a, ws in self.lower_anchors:
            i = text.find(a)
            while i >= 0:
                if ws is None or text.startswith(ws, i):
                    starts.add(i)
                i = text.find(a, i + 1)
        if not starts:
            return functools.partial(upper, text)
        cand = sorted(starts)
        lower = self.lower.match

        def search(pos: int):
            m = upper(text, pos)
            limit = m.start() if m is not None else len(text) + 1
            for i in range(bisect.bisect_left(cand, pos), len(cand)):
                if cand[i] >= limit:
                    break
                ml = lower(text, cand[i])
                if ml is not None:
                    return ml
            return m

        return search


def _longest_first(surfaces) -> list[str]:
    """The gazetteer's surfaces in the order both alias regexes are built from."""
    return sorted(surfaces, key=lambda s: (-len(s), s))


def _ministries(entries: list[Entry]) -> list[Entry]:
    """Foreign/defence ministries for every country with a demonym (from rule templates)."""
    out = []
    templates = _rules()["ministry_templates"]
    for e in entries:
        if e.type != "country" or not e.demonyms:
            continue
        adj = e.demonyms[0]
        for tmpl in templates:
            names = [t.format(adj=adj, country=e.name) for t in tmpl]
            out.append(
                Entry(
                    name=names[0],
                    type="organization",
                    aliases=tuple(dict.fromkeys(names[1:])),
                    affiliation=e.name,
                    generated=True,
                )
            )
    return out


def _hit(items: tuple[tuple[str, str], ...]) -> tuple[str, tuple[str, ...], str]:
    """(kind, actors, rule) of one surface's ``(actor, kind)`` pairs (the best kind first)."""
    kind = items[0][1]
    rule = {"capital": "metonym", "seat": "metonym"}.get(kind, "alias")
    if kind.startswith("demonym"):
        rule = "demonym"
    return kind, tuple(a for a, _ in items), rule


@functools.cache
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.from_dicts([read_yaml(DATA_DIR / "gazetteer.yaml")])


# --------------------------------------------------------------------------------------------
# context helpers
# --------------------------------------------------------------------------------------------
def _prev_tokens(text: str, start: int, n: int = 2, window: int = 80) -> list[str]:
    """Up to ``n`` tokens right before ``start`` on the same line, nearest last."""
    lo = max(0, start - window)
    nl = text.rfind("\n", lo, start)
    if nl >= 0:
        lo = nl + 1
    near = start - 12 * n
    if near > lo:
        # Tokenise a short stretch first. No token holds whitespace, so the tokens after a
        # whitespace character are the same wherever the scan started: enough of them decide.
        sp = _SPACE.search(text, near, start)
        if sp is not None:
            toks = _TOKS.findall(text, sp.end(), start)
            if len(toks) >= n:
                return toks[-n:]
    return _TOKS.findall(text, lo, start)[-n:]


def _lower_word_before(text: str, end: int) -> bool:
    """Cheap test: is there a space before ``end`` with no capital between them? Then the
    token of :func:`_prev_tokens` that ends at ``end`` does not start with a capital."""
    k = text.rfind(" ", max(0, end - 40), end)
    return k >= 0 and text[k + 1 : end].islower()


def _after(text: str, end: int) -> tuple[bool, str, int]:
    """(possessive?, next token or punctuation, index of that token) after ``end``."""
    m = _AFTER.match(text, end)
    poss, space, nxt = m.groups()
    if nxt is None or "\n" in space:
        return poss is not None, "", m.end()
    return poss is not None, nxt, m.start(3)


_WORDS = re.compile(r"[^\W\d_][\w’'-]*")
_SAID_WORDS = frozenset(["said", "says", "added", "told", "wrote", "stated", "explained"])
_SMALL_WORDS = frozenset("a an the and or of to in on at for by with from as vs".split())


def _headline(text: str, pos: int) -> bool:
    """Is the line around ``pos`` in title case ("Advisers Weigh Options to Guarantee ...")?"""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    if (hi if hi >= 0 else len(text)) - lo > 400:
        return False  # a paragraph, not a headline (more than 30 words in any case)
    words = [w for w in _WORDS.findall(text, lo, hi if hi >= 0 else len(text))]
    words = [w for w in words if w not in _SMALL_WORDS]
    if len(words) < 3 or len(words) > 30:
        return False
    if sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return False
    line = text[lo : hi if hi >= 0 else len(text)]
    # a name and a capitalised title before a lower-case speech verb introduce a quote
    # ("Adaeze Okafor, Chief Executive Officer of Meridian Telecom Group, said:")
    if words[-1] in _SAID_WORDS and line.rstrip()[-1:] in ":,":
        return False
    # the row of a table whose cells are marked, not a headline: "| Ana Lima | Green Party |
    # 4.2% |", "Ana Lima (Green Party): 98,103" (a figure after a colon ends the line). (Not a
    # row of cells apart by spaces only: no rule tells where one name ends and the next begins)
    return not (line.lstrip().startswith("|") or _ROW_END.search(line) is not None)


#: A figure at the end of a line after a colon: "(Green Party): 98,103", ": 4.2%".
_ROW_END = re.compile(r":[ \u00a0]*[$€£]?\d[\d.,]*%?[ \u00a0]*$")


def _is_name_token(tok: str, rules: dict) -> bool:
    return bool(tok) and tok[0].isupper() and tok not in rules["not_name_words"]


def _is_title_word(tok: str, rules: dict) -> bool:
    return tok in rules["title_heads"] or tok in rules["title_modifiers"]


def _title_start(text: str, start: int, gz: Gazetteer, mask: bytearray, rules: dict) -> int | None:
    """Start of the title chain right before a name at ``start`` ("U.S. Secretary of State")."""
    lo = max(0, start - 160)
    nl = text.rfind("\n", lo, start)
    if nl >= 0:
        lo = nl + 1
    # Speed: no chain when the last token before the name cannot be in one. When a space within
    # 48 characters precedes that token's run of non-spaces, a scan of the run finds it (it is
    # the last token of the scans below, see there).
    j = start
    while j > lo and text[j - 1].isspace():
        j -= 1
    r = text.rfind(" ", max(lo, start - 48), j)
    if r >= 0 and j > r + 1 and _SPACE.search(text, r + 1, j) is None:
        last = _TOKS.findall(text, r + 1, j)[-1]
        if not _chain_token(last, j - len(last), gz, mask, rules):
            return None
    near = start - 48
    if near > lo:
        # the tokens after a whitespace character are the same wherever the scan started
        # (see _prev_tokens): when the chain ends among them, they decide
        sp = _SPACE.search(text, near, start)
        if sp is not None:
            ended, t0 = _title_chain(list(_TOKS.finditer(text, sp.end(), start)), gz, mask, rules)
            if ended:
                return t0
    return _title_chain(list(_TOKS.finditer(text, lo, start)), gz, mask, rules)[1]


def _title_chain(
    toks: list[re.Match], gz: Gazetteer, mask: bytearray, rules: dict
) -> tuple[bool, int | None]:
    """(whether a token before the chain ended it, start of the title chain or None)."""
    chain: list[re.Match] = []
    seen_head = False
    ended = False
    for m in reversed(toks):
        kind = _chain_token(m.group(), m.start(), gz, mask, rules)
        if not kind:
            ended = True
            break
        if kind == 2:
            seen_head = True
        chain.append(m)
    if not seen_head:
        return ended, None
    # (``chain`` is nearest first) the chain starts at its farthest token that is no connector
    k = len(chain) - 1
    while k >= 0 and chain[k].group() in _CONNECTORS:
        k -= 1
    return ended, chain[k].start() if k >= 0 else None


def _chain_token(tok: str, pos: int, gz: Gazetteer, mask: bytearray, rules: dict) -> int:
    """2 for a title head at ``pos``, 1 for another token of a title chain, 0 for a token
    that ends the chain (a sentence end or any other word)."""
    heads = rules["title_heads"]
    if tok in heads:
        return 2
    if tok.endswith(_POSS):
        base = tok[:-2]
        if base in heads:
            return 2
    else:
        base = tok
    if tok in rules["title_modifiers"]:
        return 1
    if tok.endswith("."):  # an abbreviation ("U.S.") or a sentence end
        return 1 if _ACRONYM.fullmatch(tok) else 0
    return 1 if base in gz._single_aliases or mask[pos] else 0


_CONNECTORS = frozenset(["of", "the", "and", "for", "to", "on", "s"])


# --------------------------------------------------------------------------------------------
# decisions for alias matches
# --------------------------------------------------------------------------------------------
def _glued_to_name(nxt: str, nxt_at: int, end: int, rules: dict, gz: Gazetteer) -> bool:
    """True when the token after a match continues a longer proper name ("Trump Tower")."""
    if not nxt or nxt_at != end + 1 or not nxt[0].isupper():
        return False
    if nxt in rules["not_name_words"] or _is_title_word(nxt, rules):
        return False
    return True


def _metonym_ok(text: str, s: int, e: int, kind: str, rules: dict) -> bool:
    c = text[e : e + 1]
    if c == "-":
        return False
    prev = _prev_tokens(text, s, 2)  # (the word before, and the one before "the")
    if prev and prev[-1] == "the" and kind == "capital":
        return False  # "the Paris climate agreement", "the Washington consensus"
    if prev and prev[-1] in ("the", "The"):
        prev = prev[:-1]
    p1 = prev[-1] if prev else ""
    # Speed: most metonyms follow a locative word ("in Washington"); without an apostrophe
    # right after the name there is no possessive (see _AFTER), and _after is not needed
    if p1 in rules["metonym_locative_before"] and c not in ("'", "’"):
        return False
    poss, nxt, nxt_at = _after(text, e)
    if poss and p1 not in _STRICT_LOCATIVE:
        return True  # "Moscow's demands", "to Kiev's forces"
    if p1 in rules["metonym_locative_before"]:
        return False
    if nxt and nxt[0].isupper() and nxt_at == e + 1 and nxt not in rules["not_name_words"]:
        return False  # "Moscow Times", "Washington Post"
    if poss:
        return True
    after = rules["metonym_actor_after"]
    if nxt in after or (nxt.islower() and nxt.endswith("ed") and len(nxt) > 4):
        return True
    if nxt.islower() and nxt.endswith("ly"):
        _, n2, _ = _after(text, nxt_at + len(nxt))
        if n2 in after or (n2.islower() and n2.endswith(("ed", "ing"))):
            return True
    return p1 in rules["metonym_actor_before"]


_STRICT_LOCATIVE = frozenset(
    "in In at At from From near inside outside across around throughout into over".split()
)


def _demonym_ok(text: str, s: int, e: int, kind: str, rules: dict) -> bool:
    if text[e : e + 1] == "-":
        return False
    poss, nxt, nxt_at = _after(text, e)
    if nxt and nxt[0].isupper() and nxt_at == e + 1 and nxt not in rules["not_name_words"]:
        return False  # "Russian President", "European Security"
    if kind == "demonym_plural":
        return True
    if nxt in rules["demonym_actor_nouns"]:
        return True
    if nxt not in rules["demonym_collective_after"]:
        return False  # (tested first: cheaper than the word before)
    prev = _prev_tokens(text, s, 1)
    return bool(prev) and prev[-1] in ("the", "The")


# --------------------------------------------------------------------------------------------
# the tagger
# --------------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Found:
    start: int
    end: int
    actor: str
    actor_type: str
    rule: str
    discovered: bool = False
    affiliation: str = ""  # (of an actor the gazetteer does not hold: a public institution)


def _by_initial(choices: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The keys of ``choices`` grouped by their first character (in their order)."""
    out: dict[str, list[str]] = {}
    for k in choices:
        out.setdefault(k[:1], []).append(k)
    return {c: tuple(ks) for c, ks in out.items()}


def _fuzzy(
    query: str,
    choices: dict[str, tuple[str, ...]],
    cutoff: float,
    min_len: int,
    by_initial: dict[str, tuple[str, ...]] | None = None,
):
    from rapidfuzz import fuzz, process

    if len(query) < min_len:
        return None
    if by_initial is not None and (
        process.extractOne(
            query, by_initial.get(query[:1], ()), scorer=fuzz.ratio, score_cutoff=cutoff
        )
        is None
    ):
        # Speed (``by_initial``: the keys of ``choices`` by first character): no choice with
        # the query's first character reaches the cutoff, so the best choice, if any, starts
        # with another character and is refused below. (Most queries: a name not in the
        # gazetteer; the choices compared are a few instead of all.)
        return None
    hit = process.extractOne(query, choices.keys(), scorer=fuzz.ratio, score_cutoff=cutoff)
    if hit is None or hit[0][:1] != query[:1]:
        return None
    if hit[0].split()[-1][:1] != query.split()[-1][:1]:
        return None  # "Dmitry Beskov" is not "Dmitry Peskov"
    actors = choices[hit[0]]
    return actors[0] if len(actors) == 1 else None


def _fuzzy_memo(gz: Gazetteer, query: str, surname: bool, cutoff: float, min_len: int):
    """:func:`_fuzzy` against the gazetteer's full names or surnames, remembered per query."""
    key = (query, surname, cutoff, min_len)
    memo = gz._fuzzy_memo
    hit = memo.get(key, memo)
    if hit is memo:
        if len(memo) >= 200_000:
            memo.clear()
        if surname:
            choices, initial = gz._fuzzy_surname, gz._fuzzy_surname_initial
        else:
            choices, initial = gz._fuzzy_full, gz._fuzzy_full_initial
        hit = memo[key] = _fuzzy(query, choices, cutoff, min_len, initial)
    return hit


def tag_actors(
    text: str,
    sentences: list[Sentence] | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    fuzzy: bool = True,
    discover: bool = True,
) -> list[Mention]:
    """Tag actor mentions in one article's cleaned text.

    Returns :class:`~storylens.model.Mention` records sorted by ``(start, end)``, with
    ``text[m.start:m.end] == m.surface``. ``sentences`` (from :func:`split_sentences`) give
    ``sent_id``; they are computed when None. ``fuzzy`` enables near-miss spelling matches and
    ``discover`` the discovery of people not in the gazetteer.
    """
    if sentences is None:
        from storylens.sentences import split_sentences

        sentences = split_sentences(text)
    gz = gazetteer or Gazetteer.load()
    rules = _rules()
    mask = bytearray(len(text))
    found: list[_Found] = []
    ambiguous: list[tuple[int, int, tuple[str, ...]]] = []

    # ---- pass 1: gazetteer aliases -----------------------------------------------------------
    search = (
        gz._scanner.searcher(text) if gz._scanner else functools.partial(gz.matcher.search, text)
    )
    hits = gz._hits
    entries = gz.entries
    pos = 0
    while (m := search(pos)) is not None:
        s, e = m.span()
        g = m.group()
        kind, actors, rule = hits.get(g) or hits[_norm_apos(g)]
        ok = True
        if kind == "block":
            pass
        elif kind in ("capital", "seat"):
            ok = _metonym_ok(text, s, e, kind, rules)
            if ok and s >= 2 and text[s - 1] == " " and text[s - 2].isalpha():
                prev = _prev_tokens(text, s, 1)
                ok = not (prev and prev[-1] in first_names())  # "Ana Lima", "Tom Paris"
        elif kind in ("demonym", "demonym_plural"):
            ok = _demonym_ok(text, s, e, kind, rules)
        elif " " not in g:
            ok = text[e : e + 1] != "$"  # a currency ("US$", "NZ$"), not the country
            if text[e : e + 1] == " " and text[e + 1 : e + 2].isupper():
                _, nxt, nxt_at = _after(text, e)
                ok = not _glued_to_name(nxt, nxt_at, e, rules, gz)
            if (
                ok
                and s >= 2
                and text[s - 1] == " "
                and text[s - 2].isalpha()
                and not _lower_word_before(text, s - 1)
            ):
                prev = _prev_tokens(text, s, 1)
                p = prev[-1] if prev else ""
                if (
                    p
                    and p[0].isupper()
                    and s >= 2
                    and text[s - 1] == " "
                    and p not in rules["not_name_words"]
                    and not _is_title_word(p, rules)
                    and p not in gz._single_aliases
                    and not mask[s - 1 - len(p)]
                    and not _headline(text, s)
                ):
                    ok = False  # "Eric Trump", "Tom Holland", "Lake Chad"
        if not ok:
            pos = s + 1
            continue
        mask[s:e] = b"\x01" * (e - s)
        pos = e
        if kind == "block":
            continue
        if len(actors) > 1:
            ambiguous.append((s, e, actors))
            continue
        ent = entries[actors[0]]
        found.append(_Found(s, e, ent.name, ent.type, rule))

    # ---- organisations named by their head word ("Sudan Doctors Network (SDN)") -----------
    runs = _runs(text)  # capitalised runs: organisations' head words, then people
    if discover and rules["org_all_heads"]:
        found = _discover_orgs(text, mask, found, rules, runs, gz)
    if found and ("the " in text or "The " in text):
        found += _head_references(text, mask, found, rules)
    found += _institutions(text, mask, found, rules, gz, runs)

    # resolve ambiguous aliases by what else the article names
    if ambiguous:
        named = {f.actor for f in found}
        for s, e, actors in ambiguous:
            hits = [a for a in actors if a in named]
            if len(hits) == 1:
                ent = gz.entries[hits[0]]
                found.append(_Found(s, e, ent.name, ent.type, "alias"))

    # ---- pass 2: capitalised runs -> discovered / fuzzy people ------------------------------
    fz = rules["fuzzy"]
    # (start, end, name tokens, looks like a name) of the segments without a non-person word
    segments: list[tuple[int, int, tuple[str, ...], bool]] = []
    discovered: dict[str, str] = {}  # normalised full name -> canonical
    given = first_names()  # "Tom Baker" is a person wherever it stands (not in a headline)
    for rs, word in runs:
        re_ = rs + len(word)
        if mask[rs] and mask[re_ - 1]:
            continue  # already an alias (or a blocker)
        segs = _run_segments(word)
        if segs is None:
            continue  # (no segment either where aliases cover some of its tokens)
        if mask.find(1, rs, re_) < 0:  # no alias in the run
            segments.extend([(rs + a, rs + b, nt, nl) for a, b, nt, nl in segs])
            continue
        for a, b, toks in _segments(rs, word, mask):
            name_toks, non_person, name_like = _segment_kind(toks)
            if not non_person:
                segments.append((a, b, name_toks, name_like))
    deferred = []
    for s, e, name_toks, name_like in segments:
        if name_like:
            ctx = (name_toks[0] in given and not _headline(text, s)) or _name_context(
                text, s, e, gz, mask, rules
            )
            if ctx:
                surface = text[s:e]
                key = " ".join(surface.split())
                actor = None
                if fuzzy:
                    actor = _fuzzy_memo(gz, key, False, fz["full_name_cutoff"], fz["min_len"])
                if actor is not None:
                    found.append(_Found(s, e, actor, "person", "fuzzy"))
                    mask[s:e] = b"\x01" * (e - s)
                    continue
                if discover and key not in gz.entries:
                    canon = discovered.setdefault(key, key)
                    found.append(_Found(s, e, canon, "person", "discovered", True))
                    mask[s:e] = b"\x01" * (e - s)
                    continue
        deferred.append((s, e, name_toks))

    # ---- pass 3: repeats of discovered names and surname-only mentions ---------------------
    surnames: dict[str, set[str]] = {}
    for f in found:
        if f.actor_type != "person":
            continue
        keys = gz._surname_keys.get(f.actor) or _discovered_surname_keys(f.actor)
        for k in keys:
            surnames.setdefault(k, set()).add(f.actor)
    unresolved: dict[str, list[tuple[int, int]]] = {}  # one-word names no rule has read
    for s, e, name_toks in deferred:
        if discovered:
            key = " ".join(text[s:e].split())
            if key in discovered:
                found.append(_Found(s, e, discovered[key], "person", "discovered", True))
                continue
        if len(name_toks) != 1:
            continue
        tok = name_toks[0]
        owners = surnames.get(tok)
        if owners and len(owners) == 1:
            actor = next(iter(owners))
            found.append(_Found(s, e, actor, "person", "surname", actor in discovered.values()))
            continue
        if owners or tok in rules["not_name_words"] or tok.isupper():
            continue
        if fuzzy:  # (the lookup is remembered and cheaper than the context test)
            actor = _fuzzy_memo(gz, tok, True, fz["surname_cutoff"], fz["min_len"])
            if actor is not None and _name_context(text, s, e, gz, mask, rules):
                exact = tok in gz._fuzzy_surname
                found.append(_Found(s, e, actor, "person", "surname" if exact else "fuzzy"))
                continue
        if discover:
            unresolved.setdefault(tok, []).append((s, e))
    if unresolved:
        found += _orgs_by_usage(text, unresolved, given)

    if discovered:
        _tail_surnames(found, set(discovered.values()), rules)

    # ---- titles: actors named inside a person's title chain are part of the title ----------
    chains = []
    other_ends = sorted(f.end for f in found if f.actor_type != "person")
    for f in found:
        if f.actor_type != "person":
            continue
        i = bisect.bisect_right(other_ends, f.start)
        if i == 0 or other_ends[i - 1] < f.start - 160:
            continue  # no other actor right before this person: nothing to suppress
        t0 = _title_start(text, f.start, gz, mask, rules)
        if t0 is not None:
            chains.append((t0, f.start))
    chains.sort()
    chain_starts = [c[0] for c in chains]
    chain_ends = [c[1] for c in chains]

    # ---- records (not the other actors inside a title chain) -------------------------------
    after = bisect.bisect_right
    sent_starts = [x.start for x in sentences]
    entries = gz.entries
    out = []
    for f in sorted(found, key=operator.attrgetter("start", "end", "actor")):
        start, end = f.start, f.end
        if chains and f.actor_type != "person":
            # inside the chain that starts last at or before it?
            i = after(chain_starts, start) - 1
            if i >= 0 and end <= chain_ends[i]:
                continue
        i = after(sent_starts, start) - 1
        sid = sentences[i].sent_id if i >= 0 else 0
        ent = entries.get(f.actor)
        # (Mention's fields in order) sent_id, actor, actor_type, surface, start, end, rule,
        # discovered, affiliation, role
        out.append(
            _new_mention(
                sid,
                f.actor,
                f.actor_type,
                text[start:end],
                start,
                end,
                f.rule,
                f.discovered,
                ent.affiliation if ent else f.affiliation,
                ent.role if ent else "",
            )
        )
    return out


#: A dateline: a place in capitals at a line's start, then a date or an agency and a dash
#: ("LIMA, May 2 (Reuters) -", "AREQUIPA, Peru —").
_DATELINE = re.compile(
    r"^([A-Z][A-Z .'’\-]{2,30}?)(?:,[ \u00a0]*([^\n,()]{2,40}?))?(?:,[^\n()]{0,30})?"
    r"[ \u00a0]*(?:\([^()\n]{1,40}\)[ \u00a0]*)?[-–—]+[ \u00a0]",
    re.M,
)


def _article_country(text: str, found: list, gz: Gazetteer, runs: list) -> str:
    """The country an article is about, when it is clear: its dateline's place (a country or a
    capital, first 600 characters), else the country named three times or more and at least
    twice as often as any other (its mentions, and its capital's name wherever it stands: "in
    Oslo" tells where the story is), or more often than any other and first in the first 300
    characters (the headline's country). '' when unclear."""
    m = _DATELINE.search(text, 0, min(len(text), 600))
    if m is not None:
        for place in (m.group(2), m.group(1)):
            if not place:
                continue
            place = place.strip()
            for name in (place, place.title()):
                for actor, kind in gz.lookup(name):
                    ent = gz.entries.get(actor)
                    if ent is not None and ent.type == "country" and kind in ("name", "capital"):
                        return actor
    counts: dict[str, int] = {}
    for f in found:
        if f.actor_type == "country":
            counts[f.actor] = counts.get(f.actor, 0) + 1
    first = min(((f.start, f.actor) for f in found if f.actor_type == "country"), default=None)
    for rs, run in runs:
        words = run.split()
        for place in dict.fromkeys((run, words[-1], " ".join(words[1:]))):
            hit = gz.capital_of(place)
            if hit is not None:
                counts[hit] = counts.get(hit, 0) + 1
                if first is None or rs < first[0]:
                    first = (rs, hit)
                break
    if not counts:
        return ""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n >= 3 and n >= 2 * second:
        return top
    # ... or named more often than any other and first, at the top ("Peru's budget deal: ...")
    return top if n >= 3 and n > second and first[0] < 300 and first[1] == top else ""


_INST_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\[\"“]))((?:[A-Z][\w.\-]*[ \u00a0]){0,2}[A-Z][\w.\-]*)(['’]s)?[ \u00a0]+$"
)
_INST_OF = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?")


_INST_IN = re.compile(
    r"[ \u00a0]+in[ \u00a0]+(?:the[ \u00a0]+)?([A-Z][\w.’'\-]*(?:[ \u00a0][A-Z][\w.’'\-]*){0,2})"
)


def _other_country_near(text: str, pos: int, countries: dict, country: str) -> bool:
    """Does the sentence around ``pos`` name a country other than ``country``? (rough sentence
    bounds: the full stops, question marks and line ends around it)"""
    stop = text.rfind(". ", 0, pos)
    while stop > 0 and text[stop - 1].isupper():  # "U.K. Defence Secretary"
        stop = text.rfind(". ", 0, stop)
    lo = max(stop, text.rfind("\n", 0, pos), text.rfind("? ", 0, pos))
    hi = len(text)
    for ch in (". ", "\n", "? "):
        k = text.find(ch, pos)
        if k >= 0:
            hi = min(hi, k)
    return any(lo < a < hi and f.actor != country for a, f in countries.items())


_QUOTE_MARKS = re.compile(r"[“”«»\"]|(?:^|(?<=[\s(]))‘|’(?=[\s.,;:!?)]|$)")


def _in_quotation(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened earlier in its paragraph? (a speaker's "our
    parliament" is the speaker's country's, not the article's)"""
    lo = text.rfind("\n", 0, pos) + 1
    marks = _QUOTE_MARKS.findall(text, lo, pos)
    opened = sum(m in "“«‘" for m in marks) - sum(m in "”»’" for m in marks)
    return opened > 0 or marks.count('"') % 2 == 1


def _sentence_opener(text: str, pos: int, word: str, rules: dict) -> bool:
    """Is ``word`` at ``pos`` a common word capitalised only because it opens the sentence or
    the line ("Outside Parliament", "Today police said")?"""
    if word in rules["org_not_first"]:
        return True  # "The", "Meanwhile", "After"
    j = pos
    while j > 0 and text[j - 1] in " \u00a0\"“‘'*_>#-":
        j -= 1
    if not (j == 0 or text[j - 1] in ".!?\n:"):
        return False
    return word in rules["not_name_words"] or word.lower() in english_lexicon()


def _institutions(
    text: str, mask: bytearray, found: list, rules: dict, gz: Gazetteer, runs: list
) -> list:
    """Public institutions named without a proper name of their own: a ministry by its
    portfolio ("the Finance Ministry", "Ministry of Health", "the foreign ministry"), "the
    central bank", "police", "Parliament", an embassy or high commission (``data/
    actors_rules.yaml``, ``institution_*``). Their country is the one named with them
    ("Japan's Ministry of Finance", "the Chinese foreign ministry", "the police of X"), else
    (not for an embassy) the place's after "in" ("the central bank in Oslo"), else the
    article's (:func:`_article_country`) unless the sentence names another country or the
    words stand in a quotation; the name is that of an
    organisation of the article that holds the institution's words and fits that country
    ("the central bank" after "Central Bank of X"), else "<demonym> <name>" with the country
    as affiliation ("Japanese Finance Ministry", as the gazetteer's generated foreign
    ministries), else the bare name ("Finance Ministry"). "The government" is the country
    itself (rule ``government``), and only when it is known. (A country mention inside the
    institution's name is dropped from ``found``.) Not an institution's word used
    as a modifier ("police officers", "government bonds"), nor inside another name ("Kenya
    Police Service", "Parliament Square")."""
    rx = rules["institution_re" if "inistry" in text else "institution_names_re"]
    hits = list(rx.finditer(text))
    if not hits:
        return []
    after_ok = rules["institution_after"] | rules["metonym_actor_after"] | rules["speech_verbs"]
    ports, names = rules["institution_portfolios"], rules["institution_names"]
    countries = {f.start: f for f in found if f.actor_type == "country"}
    orgs = [f for f in found if f.actor_type not in ("person", "country")]
    article = None  # the article's country (computed once, when needed)
    out: list[_Found] = []
    for m in hits:
        s, e = m.span()
        if mask[s] or mask[e - 1]:
            continue  # inside a name found already ("Central Bank of X", "European Parliament")
        if m.group("n") is not None:
            word = m.group("n").lower()
            name = names[word]
        else:
            word = (m.group("p1") or m.group("p2")).lower()
            name = f"{ports[word]} Ministry"
        gov = word == "government"
        # after it: "of" a country; a capitalised word (another name, "Parliament Square",
        # unless a title: "Police Commissioner X"); a lower-case word (a modifier, "police
        # officers", unless a verb or a function word)
        country = ""
        end = e
        om = _INST_OF.match(text, e)
        if om is not None and om.end() in countries:
            country, end = countries[om.end()].actor, countries[om.end()].end
        else:
            poss, _, tok = _AFTER.match(text, e).groups()
            if not poss and tok:
                if tok[0].isupper() and text[e : e + 1] == " ":
                    if not _is_title_word(tok, rules):
                        continue
                elif tok[0].islower() and word in ("police", "government", "parliament"):
                    if tok not in after_ok and not tok.endswith("ed"):
                        continue
        # before it: a country ("Japan's", "the Chinese"), "the", or another name
        the_before = text[max(0, s - 4) : s].lower() == "the "
        bm = _INST_BEFORE.search(text, max(0, s - 60), s)
        if bm is not None and not country:
            words = bm.group(1).split()
            for k in range(len(words), 0, -1):
                sub = " ".join(words[-k:])
                for actor, kd in gz.lookup(sub):
                    ent = gz.entries.get(actor)
                    if (
                        ent is not None
                        and ent.type == "country"
                        and (kd == ("name" if bm.group(2) else "demonym"))
                    ):
                        country = actor
                        break
                if country:
                    s = bm.end(1) - len(sub)
                    break
            if country and gov and not bm.group(2):
                continue  # "the Japanese government": the demonym names the country already
            if not country and not bm.group(2) and words[-1] not in rules["title_heads"]:
                if not _sentence_opener(text, bm.end(1) - len(words[-1]), words[-1], rules):
                    continue  # "Kenya Police", "Scottish Parliament": a name of its own
        if gov and not (the_before or country):
            continue  # "government revenue"
        foreign = name in rules["institution_foreign"]
        if not country and not foreign:
            # "the central bank in Oslo": the place's country; a place the gazetteer does not
            # know, or another country named in the sentence: no country
            im = _INST_IN.match(text, end)
            if im is not None:
                place = im.group(1).rstrip(".").split()
                for k in range(len(place), 0, -1):
                    for actor, kd in gz.lookup(" ".join(place[:k])):
                        ent = gz.entries.get(actor)
                        if ent is not None and ent.type == "country" and kd != "demonym":
                            country = actor
                            break
                    if country:
                        break
            else:
                if article is None:
                    article = _article_country(text, found, gz, runs)
                if (
                    article
                    and not _other_country_near(text, s, countries, article)
                    and not _in_quotation(text, s)
                ):
                    country = article
        if gov:
            if country:
                out.append(_Found(s, end, country, "country", "government"))
            continue
        # an organisation of the article that holds these words and fits the country
        key = name.lower().split()
        same: dict[str, str] = {}
        for f in (*orgs, *out):
            if f.actor_type == "country" or not all(w in f.actor.lower() for w in key):
                continue
            if f.rule == "institution" and f.affiliation != country:
                continue  # (another country's, or none: "Central Bank")
            ent = gz.entries.get(f.actor)
            aff = ent.affiliation if ent is not None else f.affiliation
            if not country or aff in (country, ""):
                same[f.actor] = aff
        if len(same) == 1:
            actor, aff = next(iter(same.items()))
            ent = gz.entries.get(actor)
            out.append(_Found(s, end, actor, "organization", "institution", ent is None, aff))
            continue
        if not country:
            if not foreign:
                out.append(_Found(s, end, name, "organization", "institution", True))
            continue
        ent = gz.entries[country]
        actor = f"{ent.demonyms[0]} {name}" if ent.demonyms else f"{name} ({country})"
        known = gz.entries.get(actor)  # a generated ministry ("Chinese Foreign Ministry")
        if known is not None:
            out.append(_Found(s, end, known.name, known.type, "alias"))
        else:
            out.append(_Found(s, end, actor, "organization", "institution", True, country))
    if out:
        for f in out:
            mask[f.start : f.end] = b"\x01" * (f.end - f.start)
        # the country named inside the institution's name ("Japan's Ministry of Finance")
        inside = {f.start for f in out if f.rule != "government"}
        starts = sorted(inside)
        ends = {f.start: f.end for f in out}
        keep = []
        for c in found:
            k = bisect.bisect_right(starts, c.start) - 1
            if k >= 0 and c.end <= ends[starts[k]] and c.actor_type == "country":
                continue
            keep.append(c)
        found[:] = keep
    return out


#: What is said of a company and not of a person, right after its one-word name: "X's shares",
#: "X's chief executive", "X, which ...", "X said it would appeal".
_ORG_USAGE = re.compile(
    r"['’]s\s+(?:shares?|stock|share\s+price|market\s+value|chief\s+executive|CEO|board|"
    r"founders?|headquarters|subsidiar(?:y|ies)|parent|revenues?|profits?|earnings|customers|"
    r"users|employees|workforce|products?|platform|app|website|marketplace|stores|factories|"
    r"plants?|lawyers|shareholders|investors)\b"
    r"|,\s+which\s"
    r"|\s+(?:has\s+|had\s+)?(?:said|says|added|announced|confirmed|denied|argued|insisted)"
    r"\s+(?:that\s+)?it\s"
)
#: ... and right before it: "shares in X", "a stake in X".
_ORG_USAGE_BEFORE = re.compile(r"(?:shares|stake|stakes|investors|customers|users)\s+(?:in|of)\s+$")


def _orgs_by_usage(
    text: str, unresolved: dict[str, list[tuple[int, int]]], given: frozenset[str] | set[str]
) -> list[_Found]:
    """One-word names that no other rule reads but the article uses as a company's, twice or
    more: a coined word (not in the English lexicon, no given name) of which the article says
    what is said of a company ("X's shares", "X, which", "X said it would appeal", "shares
    in X"; see :data:`_ORG_USAGE`). Each of its mentions is then that organisation's."""
    lexicon = english_lexicon()
    if not lexicon:
        return []  # (without the lexicon no word can be told from English)
    out = []
    for tok, spans in unresolved.items():
        if len(spans) < 2 or tok in given or tok.lower() in lexicon or not tok.isalpha():
            continue
        if not any(
            _ORG_USAGE.match(text, e) or _ORG_USAGE_BEFORE.search(text, max(0, s - 20), s)
            for s, e in spans
        ):
            continue
        out += [_Found(s, e, tok, "organization", "usage", True) for s, e in spans]
    return out


@functools.lru_cache(maxsize=1 << 14)
def _run_tokens(run: str) -> tuple[tuple[int, int, str, bool, bool], ...]:
    """Name tokens of a capitalised run (runs recur: cached): ``(start, end, token, possessive,
    usable)``, offsets in ``run``; ``usable``: not a title word nor a never-name word."""
    rules = _rules()
    not_name, heads, mods = rules["not_name_words"], rules["title_heads"], rules["title_modifiers"]
    out = []
    for m in _NAME_TOK.finditer(run):
        ts = m.start()
        tok = m.group()
        poss = tok.endswith(_POSS)
        if poss:
            tok = tok[:-2]
        tok = tok.rstrip("’'-")
        usable = not (
            not tok
            or (tok not in _PARTICLE_SET and not (tok[0].isupper() and tok not in not_name))
            or tok in heads
            or tok in mods
        )
        out.append((ts, ts + len(tok), tok, poss, usable))
    # a rank's or unit's acronym before a name is not part of it ("Police spokesman ASP Ana
    # Lima"): an all-capital token of three letters or more before a token in mixed case
    for i in range(len(out) - 1):
        tok = out[i][2]
        if len(tok) >= 3 and tok.isalpha() and tok.isupper() and not out[i + 1][2].isupper():
            out[i] = (*out[i][:4], False)
    return tuple(out)


@functools.lru_cache(maxsize=1 << 12)
def _discovered_surname_keys(name: str) -> tuple[str, ...]:
    """The one-word surnames of a person found in the article who is not in the gazetteer: the
    last word of the name, and in a name of three or more words the words between the first
    and the last that are no given name, particle or initial: a Spanish or Portuguese name
    ends with two surnames, and the first alone names the person ("Tapia" for "Ramón Tapia
    Rivera", "Fuentes" for "María José Fuentes Aravena")."""
    toks = name.split()
    if len(toks) < 3:
        return (toks[-1],)
    given, particles = first_names(), _rules()["surname_particles"]
    middle = [
        t
        for t in toks[1:-1]
        if len(t) > 2 and not t.endswith(".") and t.casefold() not in particles and t not in given
    ]
    return (toks[-1], *middle)


def _tail_surnames(found: list[_Found], discovered: set[str], rules: dict) -> None:
    """A discovered name of two or more words that ends exactly one other person's longer name
    in the article is that person's surname (rule ``surname``), as a one-word surname is: a
    name with a particle ("Van der Berg" for "Anouk van der Berg", "De Smedt", "Ní Bhriain")
    or a double surname ("Fuentes Aravena" for "María José Fuentes Aravena", "Díaz de Valdés"
    for "Francisca Díaz de Valdés"). Case does not matter (a sentence starts "Van der Berg
    said")."""
    tails: dict[tuple[str, ...], set[str]] = {}
    for f in found:
        if f.actor_type == "person":
            toks = f.actor.casefold().split()
            for i in range(1, len(toks) - 1):
                tails.setdefault(tuple(toks[i:]), set()).add(f.actor)
    if not tails:
        return
    for i, f in enumerate(found):
        if f.actor in discovered and f.rule == "discovered":
            owners = tails.get(tuple(f.actor.casefold().split()))
            if owners is not None and len(owners) == 1 and f.actor not in owners:
                found[i] = _Found(f.start, f.end, next(iter(owners)), "person", "surname", True)


@functools.lru_cache(maxsize=1 << 14)
def _run_segments(run: str) -> tuple[tuple[int, int, tuple[str, ...], bool], ...] | None:
    """The segments of a run that no alias covers (:func:`_segments`, offsets in ``run``; runs
    recur: cached) without a non-person word: ``(start, end, name tokens, looks like a name)``
    (see :func:`_segment_kind`). None when the run has no segment at all, and for a single
    never-name word ("The", "Monday's"): then neither has it where aliases cover some of its
    tokens (a segment is made wherever a token is not a particle, see :func:`_flush`)."""
    not_name = _rules()["not_name_words"]
    if " " not in run and (run in not_name or run.rstrip("’'s") in not_name):
        return None
    segs = _segments(0, run, bytearray(len(run)))
    if not segs:
        return None
    out = []
    for a, b, toks in segs:
        name_toks, non_person, name_like = _segment_kind(toks)
        if not non_person:
            out.append((a, b, name_toks, name_like))
    return tuple(out)


def _segments(rs: int, run: str, mask: bytearray):
    """Split the capitalised run ``run`` at ``rs`` into candidate name segments (uncovered
    name tokens): ``(start, end, tokens)``."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    cur: list[tuple[int, int, str]] = []
    for ts, te, tok, poss, usable in _run_tokens(run):
        if not usable or mask[rs + ts]:
            if cur:
                _flush(cur, out)
            continue
        cur.append((rs + ts, rs + te, tok))
        if poss:
            _flush(cur, out)
    if cur:
        _flush(cur, out)
    return out


def _flush(cur: list[tuple[int, int, str]], out: list) -> None:
    """Close the segment ``cur`` (particles at its ends dropped) into ``out``; empty ``cur``.
    (A segment is made whenever ``cur`` holds a token that is not a particle.)"""
    while cur and cur[-1][2] in _PARTICLE_SET:
        cur.pop()
    while cur and cur[0][2] in _PARTICLE_SET:
        cur.pop(0)
    if cur:
        out.append((cur[0][0], cur[-1][1], tuple(t for _, _, t in cur)))
    cur.clear()


@functools.lru_cache(maxsize=1 << 14)
def _segment_kind(toks: tuple[str, ...]) -> tuple[tuple[str, ...], bool, bool]:
    """(name tokens (particles dropped), has a non-person word, 2-4 tokens that look like a
    name) of a segment's tokens (cached: segments recur)."""
    name_toks = tuple(t for t in toks if t not in _PARTICLE_SET)
    non_person = any(t in _rules()["non_person_words"] for t in name_toks)
    return name_toks, non_person, 2 <= len(name_toks) <= 4 and _looks_like_name(name_toks)


def _looks_like_name(toks: tuple[str, ...] | list[str]) -> bool:
    for t in toks:
        core = t.split("-", 1)[1] if t[:3] in ("al-", "el-") else t
        if not core[:1].isupper() or any(c.isdigit() for c in core):
            return False
        if len(core) >= 3 and core.isupper():
            return False  # acronyms: "RUSI", "NATO"
    return True


_ORG_TOK = re.compile(r"(?:[A-Z]\.){2,}|[^\s,;:.!?()\"“”\[\]{}|/]+(?:\.(?=\s|$))?")
_ACRONYM_AFTER = re.compile(r"(?:['’]s?)?[ \u00a0]*\(([A-Z][A-Za-z&]{1,7})\)")


def _org_word(tok: str, rules: dict) -> bool:
    """A token that can stand in an organisation's name: capitalised (or a number without
    lower-case letters, "G7", or '&'), not a title word ("Governor" ends "Bank of England");
    not "24-year-old"."""
    if tok[:1].isdigit():
        return not any(c.islower() for c in tok)
    return (tok[:1].isupper() or tok == "&") and tok not in rules["title_heads"]


class _Spans:
    """Sorted, disjoint spans with fast membership tests (the people found in an article)."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]

    def overlaps(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.ends, a + 1)  # the first span ending after a
        return k < len(self.starts) and self.starts[k] < b


def _head_hits(text: str, runs: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Spans of the organisations' head words (``org_all_heads``) in the capitalised runs of
    a text (``_runs``), in text order: the runs' name tokens (:func:`_run_tokens`, possessive
    dropped) that are head words."""
    out = []
    for rs, run in runs:
        info = _run_heads(run)
        if info is None:
            continue
        hits, last = info
        if hits:
            out.extend([(rs + ts, rs + te) for ts, te in hits])
        # an abbreviated head word ends a run without its full stop ("Zelkora Corp." is the
        # run "Zelkora Corp"): the head word with it
        end = rs + len(run)
        if last is not None and text.startswith(".", end):
            out.append((end - len(last), end + 1))
    return out


@functools.lru_cache(maxsize=1 << 14)
def _run_heads(run: str) -> tuple[tuple[tuple[int, int], ...], str | None] | None:
    """:func:`_head_hits` of one run (runs recur: cached): (the head words' spans, offsets in
    ``run``; the run's last word when it is a head word with a full stop, "Corp", else
    None), or None when neither."""
    heads = _rules()["org_all_heads"]
    hits = tuple((ts, te) for ts, te, tok, _, _ in _run_tokens(run) if tok in heads)
    last = run.rsplit(" ", 1)[1] if " " in run else None
    if last is not None and last + "." not in heads:
        last = None
    return (hits, last) if hits or last is not None else None


def _org_chain(text: str, hs: int, he: int, person_at: _Spans, rules: dict) -> tuple[int, int]:
    """The capitalised chain around the head word at ``hs:he`` (see :func:`_discover_orgs`).
    A head word that leads its name (``org_heads_first``: "Banco Atlântico", "Instituto
    Nacional de Estatística") takes the capitalised words after it."""
    connectors, heads = rules["org_connectors"], rules["org_heads"]
    leads = text[hs:he] in rules["org_heads_first"]
    lo = max(0, hs - 120)
    nl = text.rfind("\n", lo, hs)
    lo = nl + 1 if nl >= 0 else lo
    # to the left: capitalised tokens; "of"/"for"/"on" ("Bank of", "Council of") only after a
    # head word, "the" only after one of those ("Coalition of the"), "and" between capitals
    toks = [(t.start(), t.group()) for t in _ORG_TOK.finditer(text, lo, hs)]
    start = hs
    i = len(toks) - 1
    while i >= 0:
        ts, w = toks[i]
        if text[ts + len(w) : start].strip() or ts in person_at:
            break
        if w.endswith(".") and w not in heads and not _ACRONYM.fullmatch(w):
            break  # the end of the sentence before ("... in Budapest. The Baltic Institute")
        if "-" in w and w.rsplit("-", 1)[1][:1].islower():
            break  # an adjective, not a word of the name ("Lima-based", "Tokyo-listed")
        if w[:1].isdigit() and text[ts - 1 : ts] in (".", ","):
            break  # the decimals of a figure ("50.25 Green Party"), not a name's "G7"
        if w in connectors:
            before = toks[i - 1][1] if i > 0 else ""
            ok = (
                (w == "the" and before in connectors and before not in ("the", "and"))
                or (w == "and" and _org_word(before, rules) and before not in heads)
                or (w not in ("the", "and") and before.rstrip(".") in heads)
            )
            if not ok:
                break
        elif (
            not (
                _org_word(w, rules)
                or (start == hs and w in rules["org_generic_words"])
                # a title word that opens the name after "the" or at a line's or a table
                # cell's start: "the Official Creditor Committee" (no person's title)
                or (
                    start < hs
                    and w in rules["title_heads"]
                    and (
                        not text[lo:ts].strip()
                        or text[lo:ts].rstrip().endswith("|")
                        or (
                            i > 0
                            and toks[i - 1][1] in ("the", "The")
                            and not text[toks[i - 1][0] + len(toks[i - 1][1]) : ts].strip()
                        )
                    )
                )
            )
            or (
                w.endswith(("'s", "’s"))
                and w not in rules["org_possessives"]
                # an office's holder right before the head: "Information Commissioner's Office"
                and not (start == hs and w[:-2] in rules["title_heads"])
            )
        ):
            break
        start = ts
        i -= 1
    # to the right: after a connector, capitalised tokens ("for Migration", "of the Willing");
    # without one, only more head words ("Capital Markets", "Group Inc.": not "Bank Rate");
    # after a complement, "in" and a continent (``org_in_places``: "Centre for X in Africa")
    end = cur = he
    pending = ""
    joined = False  # a connector has been crossed
    for t in _ORG_TOK.finditer(text, he, min(len(text), he + 120)):
        w = t.group()
        if text[cur : t.start()].strip() or t.start() in person_at:
            break
        if w == "in" and joined and not pending:
            pending, cur = w, t.end()  # "Centre for Press Freedom in Africa" (see below)
            continue
        if pending == "in" and w not in rules["org_in_places"]:
            break  # "the Bureau of Labor Statistics in Washington": a place, not the name
        if w in connectors:
            if w == "the" and pending not in ("of", "for", "on"):
                break
            if (w != "the" and pending) or (w == "and" and not joined):
                break  # "and" only inside a complement ("of Job and Family Services")
            pending, cur = w, t.end()
            continue
        if not _org_word(w, rules) or (pending and w in rules["org_stop_words"]):
            break
        bare = w[:-2] if w.endswith(("'s", "’s")) else w.rstrip("'’")
        if not (pending or joined or leads or bare in heads or bare.rstrip(".") in heads):
            break
        joined = joined or bool(pending)
        pending = ""
        end = cur = t.end()
        if w.endswith(("'s", "’s")):
            end -= 2
            break
        if w.endswith(".") and w not in heads and not _ACRONYM.fullmatch(w):
            break  # the sentence ends here (its full stop is dropped below)
    return start, end


def _line_ends_sentence(text: str, pos: int) -> bool:
    """Does the line around ``pos`` end with a full stop (a list item, not a headline)?"""
    hi = text.find("\n", pos)
    return text[pos : hi if hi >= 0 else len(text)].rstrip().endswith((".", "!", "?"))


def _initials_match(words: Sequence[str], acronym: str, rules: dict) -> bool:
    """Are the acronym's letters the initials of the name's capitalised words, in any order
    ("National Voice (VN)", "Public Security Police (PSP)")?"""
    initials = {w[0] for w in words if w[:1].isupper() and w not in rules["org_connectors"]}
    letters = {c for c in acronym if c.isupper()}
    return len(initials) >= 2 and letters == initials


def _named_anyway(text: str, end: int, words: Sequence[str], rules: dict) -> bool:
    """A chain of generic words is still a name with two or more generic words besides its
    head ("Public Finance Council", "National Security Council"), with three capitalised
    words or more ("National Police Service"), or with its acronym after it ("Public Security
    Police (PSP)"); "Foreign Ministry", "Central Bank" and "Ministry of Health" are not."""
    heads, connectors = rules["org_all_heads"], rules["org_connectors"]
    if sum(1 for w in words if w not in heads and w not in connectors) >= 2:
        return True
    if sum(1 for w in words if w not in connectors) >= 3:
        return True
    am = _ACRONYM_AFTER.match(text, end)
    return am is not None and _initials_match(words, am.group(1), rules)


#: A bracketed acronym of two to six capitals: "(VN)", "(PSP)".
_BRACKETED_CAPS = re.compile(r"\(([A-Z]{2,6})\)")
#: The capitalised name right before it: up to six words, connectors inside.
_NAME_BEFORE = re.compile(
    r"(?:(?<=\s)|^)((?:[A-Z][\w’'&-]*|of|for|and|the|de|do|da|dos|das|del|des|di|du)"
    r"(?:[ \u00a0]+(?:[A-Z][\w’'&-]*|of|for|and|the|de|do|da|dos|das|del|des|di|du)){1,5})"
    r"[ \u00a0]*$"
)


def _acronym_named(
    text: str, mask: bytearray, orgs: list[tuple[int, int]], person_at: _Spans, rules: dict
) -> list[tuple[int, int]]:
    """``orgs`` plus the names that a bracketed acronym of their initials follows ("National
    Voice (VN)", "Madeira First (MF)"): an organisation even without a head word. Not a
    person's name, a gazetteer actor's, nor one found already."""
    taken = list(orgs)
    for am in _BRACKETED_CAPS.finditer(text):
        a = am.start()
        nm = _NAME_BEFORE.search(text, max(0, a - 90), a)
        if nm is None:
            continue
        words = _acronym_words(nm.group(1).split(), am.group(1), rules)
        if words is None:
            continue
        start = text.index(" ".join(words), nm.start(1))
        end = nm.end(1)
        if mask[start:end].count(1) or person_at.overlaps(start, end):
            continue
        over = [(x, y) for x, y in taken if x < end and start < y]
        if over:
            # a head word's chain that dropped the name's first words ("the Official Creditor
            # Committee (OCC)": "Official" is a title word) gives way to the name of the initials
            x, y = over[0]
            if not (
                len(over) == 1
                and y == end
                and x > start
                and not _initials_match(text[x:y].split(), am.group(1), rules)
            ):
                continue
            taken.remove((x, y))
        taken.append((start, end))
    return sorted(taken)


def _acronym_words(words: list[str], acronym: str, rules: dict) -> list[str] | None:
    """The words of the name before a bracketed acronym whose initials it is: all the
    capitalised words before it, else those after a possessive or a connector ("Tom Ruiz's
    National Unity Front (NUF)", "a leader of the National Unity Front (NUF)"). None when no
    such name, or the name opens with a given name ("John Smith (JS)" is a person)."""
    connectors = rules["org_connectors"]
    cuts = [0] + [
        i + 1
        for i, w in enumerate(words)
        if w in connectors or (w.endswith(_POSS_ALL) and w not in rules["org_possessives"])
    ]
    for cut in cuts:
        rest = words[cut:]
        while rest and not rest[0][:1].isupper():
            rest = rest[1:]  # the chain starts with a capitalised word
        if len(rest) < 2 or rest[0] in rules["org_not_first"] or rest[0] in first_names():
            continue
        if _initials_match(rest, acronym, rules):
            return rest
    return None


_POSS_ALL = ("'s", "’s")


# r"\b[Tt]he ...", written to start with the "T" (re skips ahead to it) and to check the
# word boundary before it after it
_THE_HEAD = re.compile(
    r"[Tt](?<![\w].)he[ \u00a0]+([A-Z][a-z]+)\b(?![ \u00a0]+(?:of|for|on)[ \u00a0]+[A-Z])"
)


#: What _THE_HEAD's group can be.
_CAP_WORD = re.compile(r"[A-Z][a-z]+")


def _the_before_head(text: str, owners: dict[str, set[str]]) -> bool:
    """Speed: can _THE_HEAD match one of the head words with one owner? Only where the word
    follows "he" and spaces. (A few str.find for those words instead of a regex tried at
    every "t".)"""
    for head, actors in owners.items():
        if len(actors) != 1 or not _CAP_WORD.fullmatch(head):
            continue
        a = text.find(head)
        while a >= 0:
            k = a
            while k > 0 and text[k - 1] in " \u00a0":
                k -= 1
            if k < a and text[k - 2 : k] == "he":
                return True
            a = text.find(head, a + 1)
    return False


def _head_references(text: str, mask: bytearray, found: list, rules: dict) -> list:
    """ "The Commission" after "European Commission", "the Party" after "Social Reform Party":
    the article's only organisation whose name holds that head word (``org_heads``), after its
    first mention (rule ``head``). Not "the Commission for X" (another name), nor a head word
    two of the article's organisations share."""
    heads = rules["org_heads"]
    owners: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    kinds: dict[str, tuple[str, bool]] = {}
    for f in found:
        if f.actor_type not in ("organization", "bloc", "alliance"):
            continue
        for w in f.actor.split():
            if w in heads:
                owners.setdefault(w, set()).add(f.actor)
        first[f.actor] = min(first.get(f.actor, f.start), f.start)
        kinds[f.actor] = (f.actor_type, f.discovered)
    out = []
    if not owners or not _the_before_head(text, owners):
        return out
    for m in _THE_HEAD.finditer(text):
        head = m.group(1)
        actors = owners.get(head)
        if not actors or len(actors) != 1:
            continue
        a, b = m.span(1)
        (actor,) = actors
        if mask[a] or a < first[actor]:
            continue
        _, nxt, _ = _after(text, b)
        if nxt[:1].isupper() and not _is_title_word(nxt, rules):
            continue  # a longer name: "The Metals Brief" after "Kaneshiro Metals"
        typ, disc = kinds[actor]
        out.append(_Found(a, b, actor, typ, "head", disc))
        mask[a:b] = b"\x01" * (b - a)
    return out


def _discover_orgs(
    text: str, mask: bytearray, found: list, rules: dict, runs: list, gz: Gazetteer
) -> list:
    """Organisations missing from the gazetteer, found by a head word (``org_heads``) in a
    capitalised chain; their parenthesised acronyms name them too. Gazetteer mentions inside
    a longer organisation name ("UN" in "UN Panel of Experts on Sudan") give way to it;
    people do not (the chain stops at them). A demonym that opens a company's name which is
    a name without it (:func:`_demonym_apart`) is the country (rule ``demonym``)."""
    connectors = rules["org_connectors"]
    generic = rules["org_generic"]
    person_at: _Spans | None = None  # made at the first head word outside a gazetteer name
    orgs: list[tuple[int, int]] = []
    countries: list[tuple[int, int, str]] = []  # demonyms before a company's name
    last_end = -1
    for hs, he in _head_hits(text, runs):
        if hs < last_end or (mask[hs] and mask[he - 1]):
            continue  # inside an organisation found already, or a gazetteer actor's name
        if person_at is None:
            person_at = _Spans([(f.start, f.end) for f in found if f.actor_type == "person"])
        if _headline(text, hs) and not _line_ends_sentence(text, hs):
            continue  # in a title-case headline every word is capitalised: no chain to read
        start, end = _org_chain(text, hs, he, person_at, rules)
        # not the words that open a sentence or a phrase ("The", "Meanwhile"), nor a full
        # stop that ends the sentence (abbreviations such as "Inc." keep theirs)
        words = text[start:end].split()
        while words and (words[0] in rules["org_not_first"] or words[0] in connectors):
            start += text[start:end].index(words[0]) + len(words[0])
            words.pop(0)
        if words and words[-1].endswith(".") and words[-1] not in rules["org_heads"]:
            end -= 1
            words[-1] = words[-1][:-1]
        if text[end - 1 : end] in ("'", "’"):
            end -= 1
        if len(words) < 2 or sum(w[:1].isupper() for w in words) < 2:
            continue
        if (
            all(
                w in generic or w in rules["title_heads"] or w.rstrip(".") in generic for w in words
            )
            and words[-1] not in rules["org_named_heads"]
            and not _named_anyway(text, end, words, rules)
        ):
            continue  # a description ("Foreign Ministry"), not a name
        start = text.index(words[0], start)
        if person_at.overlaps(start, end):
            continue
        if _name_goes_on(text, end, words[-1], person_at, rules):
            continue  # "the Extended Fund Facility": a programme's name, not a fund's
        if len(words) >= 3 and words[0] in gz._demonyms and _demonym_apart(words[1:], rules):
            de = start + len(words[0])
            countries.append((start, de, gz._demonyms[words[0]]))
            start = text.index(words[1], de)
        orgs.append((start, end))
        last_end = end
    if "(" in text:
        if person_at is None:
            person_at = _Spans([(f.start, f.end) for f in found if f.actor_type == "person"])
        orgs = _acronym_named(text, mask, orgs, person_at, rules)
    orgs = _described_orgs(text, mask, orgs, found, rules, runs)
    if not orgs:
        return found
    starts = [a for a, _ in orgs]

    def covered(f) -> bool:
        k = bisect.bisect_right(starts, f.start) - 1
        return k >= 0 and orgs[k][0] <= f.start and f.end <= orgs[k][1]

    out = [f for f in found if not covered(f)]
    for a, b, country in countries:
        out.append(_Found(a, b, country, gz.entries[country].type, "demonym"))
        mask[a:b] = b"\x01" * (b - a)
    # a gazetteer organisation's acronym right after the name: the name is that organisation's
    # ("Office for the Coordination of Humanitarian Affairs (OCHA)" -> the gazetteer's name)
    known_at = {f.start: f for f in found if f.actor_type != "person" and not f.discovered}
    acronyms: dict[str, str] = {}
    for a, b in orgs:
        name = " ".join(text[a:b].split())
        mask[a:b] = b"\x01" * (b - a)
        am = _ACRONYM_AFTER.match(text, b)
        known = known_at.get(am.start(1)) if am is not None else None
        if known is not None and known.end == am.end(1):
            out.append(_Found(a, b, known.actor, known.actor_type, "alias", False))
            continue
        name = _without_legal_form(name, rules)
        out.append(_Found(a, b, name, "organization", "discovered", True))
        if am is not None and (
            am.group(1)[0] == name[0] or _initials_match(name.split(), am.group(1), rules)
        ):
            acronyms.setdefault(am.group(1), name)
    fuller = _fuller_names({f.actor for f in out if f.rule == "discovered"}, rules)
    if fuller:
        out = [
            _Found(f.start, f.end, fuller[f.actor], f.actor_type, f.rule, f.discovered)
            if f.actor in fuller and f.rule == "discovered"
            else f
            for f in out
        ]
        acronyms = {acr: fuller.get(name, name) for acr, name in acronyms.items()}
    for acr, name in acronyms.items():
        for m in re.finditer(rf"(?<![\w’'.\-]){re.escape(acr)}(?![\w’'\-])", text):
            a, b = m.span()
            if not mask[a]:
                out.append(_Found(a, b, name, "organization", "acronym", True))
                mask[a:b] = b"\x01" * (b - a)
    out += _short_names(text, mask, [f for f in out if f.rule == "discovered"], rules)
    return out


_NEXT_WORD = re.compile(r"[ \u00a0]([A-Z][a-z]+)\b(?![’'.\-])")


def _name_goes_on(text: str, end: int, last: str, person_at: _Spans, rules: dict) -> bool:
    """Does the name that ends on a head word at ``end`` go on with a plain capitalised word
    ("Extended Fund Facility", "Party Conference"): the name of something the organisation's
    head word is only part of? Not before a title word ("Bank Governor X"), another actor, a
    weekday or month ("... Council Tuesday")."""
    if last not in rules["org_heads"]:
        return False
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    w = m.group(1)
    return not (
        w + "." in rules["org_heads"]  # a company's legal form without its full stop ("Corp")
        or w in rules["title_heads"]
        or w in rules["title_modifiers"]
        or w in rules["org_stop_words"]
        or w in rules["org_not_first"]
        or w in rules["not_name_words"]
        or m.start(1) in person_at
        or w in first_names()
    )


def _fuller_names(names: set[str], rules: dict) -> dict[str, str]:
    """One company's names that differ only by company words at the end ("Zelkora Metals" in a
    table, "Zelkora Metals Corp." in the text; ``org_short_heads``): each shorter name -> the
    longest. (Not two names after one brand: "Zelkora Capital" is no "Zelkora Metals".)"""
    if len(names) < 2:
        return {}
    short_heads = rules["org_short_heads"]
    split = {n: n.split() for n in names}
    out = {}
    for n, words in split.items():
        longer = [
            m
            for m, mw in split.items()
            if len(mw) > len(words)
            and mw[: len(words)] == words
            and all(w in short_heads for w in mw[len(words) :])
        ]
        if longer:
            out[n] = max(longer, key=len)
    return out


def _demonym_apart(rest: list[str], rules: dict) -> bool:
    """Is the demonym before the words ``rest`` of an organisation's name not part of it? So
    when ``rest`` is a name in another language ("the Chilean Compañía Minera Andina S.A.",
    ``org_heads_first``) or a company's name, ending in a legal form or a company word
    (``org_short_heads``), that opens with a coined brand: no English word, given name,
    generic or head word ("the Japanese Zelkora Metals Corporation"). Names that open with
    the demonym keep it: "Chilean Navy", "British Airways", "Chinese Academy of Sciences",
    "British Broadcasting Corporation", "Indian Oil Corporation", "German Marshall Fund"."""
    w = rest[0]
    if w in rules["org_heads_first"]:
        return True
    if rest[-1] not in rules["org_short_heads"] and rest[-1] not in rules["org_legal_forms"]:
        return False
    lexicon = english_lexicon()
    return (
        bool(lexicon)  # (without the lexicon every word may be English)
        and w[:1].isupper()
        and w.lower() not in lexicon
        and w not in rules["org_generic"]
        and w not in rules["org_all_heads"]
        and w not in first_names()
    )


def _without_legal_form(name: str, rules: dict) -> str:
    """A company's name without its legal form ("Norvane Pharma AG" -> "Norvane Pharma",
    "Scheldeport Terminals NV" -> "Scheldeport Terminals"), as news style names it, so that
    every form of the name is one actor (``org_legal_forms``)."""
    words = name.split()
    k = len(words)
    while k > 1 and words[k - 1].rstrip(",") in rules["org_legal_forms"]:
        k -= 1
    return name if k == len(words) else " ".join(words[:k]).rstrip(",")


def _short_names(text: str, mask: bytearray, orgs: list[_Found], rules: dict) -> list[_Found]:
    """A company's brand alone names it once its full name is in the article ("Norvane" after
    "Norvane Pharma AG", "Kessington" after "Kessington Capital"): the name less its trailing
    company words (``org_short_heads``) when one capitalised word is left that is no given
    name, no generic or title word, never written in lower case in the article, and the brand
    of no other organisation there. Not inside a longer capitalised name (rule ``short``)."""
    short_heads = rules["org_short_heads"]
    brands: dict[str, set[str]] = {}
    for f in orgs:
        words = f.actor.split()
        k = len(words)
        while k > 1 and words[k - 1] in short_heads:
            k -= 1
        w = words[0]
        if (
            k != 1
            or len(words) == 1
            or len(w) < 3
            or not w[0].isupper()
            or w in rules["org_generic"]
            or w in rules["title_heads"]
            or w in rules["org_not_first"]
            or w in rules["org_all_heads"]
            or w in first_names()
        ):
            continue
        brands.setdefault(w, set()).add(f.actor)
    out = []
    for w, names in brands.items():
        if len(names) != 1 or re.search(rf"(?<![\w\-]){re.escape(w.lower())}(?![\w\-])", text):
            continue
        name = next(iter(names))
        for m in re.finditer(rf"(?<![\w’'.\-]){re.escape(w)}(?![\w\-])", text):
            a, b = m.span()
            if mask[a]:
                continue
            _, nxt, _ = _after(text, b)
            prev = _prev_tokens(text, a, 1)
            if (nxt[:1].isupper() and nxt not in rules["title_heads"]) or (
                prev
                and prev[-1][:1].isupper()
                and prev[-1][-1] not in ".!?:;,"
                and prev[-1] not in rules["org_not_first"]
            ):
                continue  # part of a longer name (not "in Basel. Norvane", "Norvane CEO X")
            out.append(_Found(a, b, name, "organization", "short", True))
            mask[a:b] = b"\x01" * (b - a)
    return out


@functools.cache
def _described_tails(desc: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The descriptor nouns and the naming words after them, for a quick test of the word
    before a run at 4 or later, ``text[a - 4 : a - 1]``: (the last three letters of the words
    that have three or more, " as" for a word of two, which the space before ends; the words
    of one letter)."""
    words = {*desc, *_NAMING_WORDS}
    tails = {w[-3:] if len(w) >= 3 else " " + w for w in words if len(w) >= 2}
    return frozenset(tails), tuple(w for w in words if len(w) < 2)


def _described_orgs(
    text: str, mask: bytearray, orgs: list[tuple[int, int]], found: list, rules: dict, runs: list
) -> list[tuple[int, int]]:
    """``orgs`` plus the names an organisation noun introduces (``org_descriptors``: "consumer
    group Which?", "a criminal gang called Black Lantern") and their other mentions in the
    article. Not a title ("the company Chief Executive ..."), a person's given name, a weekday,
    a gazetteer actor's name, nor one found already. ``runs``: the article's capitalised runs
    (the names are looked for where one starts, not at every character)."""
    desc = rules["org_descriptors"]
    tails, short = _described_tails(desc)
    names: dict[str, None] = {}
    for a, run in runs:
        if (
            text[a - 4 : a - 1] not in tails
            and a >= 4
            and not (short and text.endswith(short, 0, a - 1))
        ):
            continue  # (most runs: the word before cannot be one of them)
        if a < 2 or text[a - 1] not in " \u00a0":
            continue
        k = text.rfind(" ", max(0, a - 16), a - 1)
        word = text[k + 1 : a - 1]
        if word not in desc:
            # "a gang called X", "a gang known as X", "a group calling itself X"
            link = _NAMING_WORDS.get(word)
            if link is None:
                continue
            before = text[max(0, a - 40) : k].split()
            if link:
                if not before or before[-1] != link:
                    continue
                before.pop()
            if not before or before[-1] not in desc:
                continue
        end = a + len(run)
        if text.startswith((" & ", "\u00a0& "), end):  # "Antunes & Magalhães"
            nm = _RUN.match(text, end + 3)
            end = nm.end() if nm else end
        if text[end : end + 1] == "?":  # "Which?"
            end += 1
        b = a
        # the name ends before a title word or a word that never continues one
        for w in _SPACE_FREE.finditer(text, a, end):
            word = w.group()
            bare = word.rstrip("?")
            if (
                word in rules["title_heads"]
                or bare in rules["org_stop_words"]
                or bare in rules["org_not_first"]
            ):
                break
            b = w.end() - (2 if word.endswith(_POSS) else 0)
        words = text[a:b].split()
        if not words or words[0] in first_names() or any(mask[a:b]) or _headline(text, a):
            continue
        names.setdefault(" ".join(words), None)
    if not names:
        return orgs
    person_at = _Spans([(f.start, f.end) for f in found if f.actor_type == "person"])
    taken = list(orgs)
    for name in names:
        pat = re.compile(rf"(?<![\w’'\-]){re.escape(name)}(?![\w\-])")
        for m in pat.finditer(text):
            a, b = m.span()
            if any(mask[a:b]) or person_at.overlaps(a, b) or any(x < b and a < y for x, y in taken):
                continue
            _, nxt, _ = _after(text, b)
            prev = _prev_tokens(text, a, 1)
            if nxt[:1].isupper() or (
                prev and prev[-1][:1].isupper() and prev[-1] not in rules["org_not_first"]
            ):
                continue  # part of a longer name ("Gonçalo Antunes" after "Antunes & Co")
            taken.append((a, b))
    return sorted(taken)


def _name_context(text: str, s: int, e: int, gz: Gazetteer, mask: bytearray, rules: dict) -> bool:
    """Is the name at [s, e) in a name position (title, speech verb, apposition)?"""
    prev = _prev_tokens(text, s, 2)
    p1 = prev[-1] if prev else ""
    p2 = " ".join(prev[-2:]) if len(prev) == 2 else ""
    if p1 in rules["byline_markers"] or p2 in rules["byline_markers"] or p1 == "/":
        return False
    _, nxt, _ = _after(text, e)
    if nxt in ("|", "/"):
        return False
    if p1 in rules["speech_cues_before"] or p2 in rules["speech_cues_before"]:
        return True
    if nxt in rules["speech_verbs"]:
        return True
    if _title_start(text, s, gz, mask, rules) is not None:
        # (in a title-case headline every word is capitalised: "... and Official Bilateral
        # Creditors" is no titled name)
        return not _headline(text, s)
    if (
        p1 == ","
        and len(prev) == 2
        and (prev[0] in rules["role_nouns"] or prev[0].lower() in rules["role_nouns"])
        and text[e : e + 1] in (",", ")")
    ):
        return True  # "the regional president, Carlos Mazón, asked ...": the name in apposition
    if (
        p1 == ","
        and text[e : e + 1] in (",", ".", ")")
        and rules["title_of_before_re"].search(text, max(0, s - 120), s) is not None
    ):
        return True  # "said the President of the Authority, Ana Lima."
    if rules["apposition_re"].match(text, e, min(len(text), e + 120)) is not None:
        return True
    if text.startswith(" of ", e) and (
        rules["of_org_speech_re"].match(text, e, min(len(text), e + 240)) is not None
    ):
        return True
    return text[e : e + 1] == "," and (
        rules["aside_speech_re"].match(text, e, min(len(text), e + 160)) is not None
        # set off by commas before a speech verb: "its director of policy, Mei Lin Zhou, said"
        or (p1 == "," and _after(text, e + 1)[1] in rules["speech_verbs"])
    )


# --------------------------------------------------------------------------------------------
# DataFrame wrapper
# --------------------------------------------------------------------------------------------
def mentions_frame(doc_id: str, mentions: list[Mention]):
    """Mentions of one article as a DataFrame with :data:`MENTION_COLUMNS`."""
    import pandas as pd

    rows = [
        (
            doc_id,
            m.sent_id,
            m.actor,
            m.actor_type,
            m.surface,
            m.start,
            m.end,
            m.rule,
            m.discovered,
            m.affiliation,
            m.role,
        )
        for m in mentions
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def tag_articles(articles_df, *, gazetteer: Gazetteer | None = None, text_column: str = "text"):
    """Tag every article of ``articles_df`` (columns ``doc_id`` and ``text``, cleaned).

    Returns the contract's ``mentions.csv`` table (plus rule, discovered, affiliation, role),
    sorted by doc_id and start. The input frame is not modified.
    """
    import pandas as pd

    from storylens.sentences import split_sentences

    gz = gazetteer or Gazetteer.load()
    frames = []
    for doc_id, text in zip(articles_df["doc_id"], articles_df[text_column], strict=True):
        text = text if isinstance(text, str) else ""
        ms = tag_actors(text, split_sentences(text), gz)
        frames.append(mentions_frame(str(doc_id), ms))
    if not frames:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["doc_id", "start", "end", "actor"], kind="stable").reset_index(
        drop=True
    )
