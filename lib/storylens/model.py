"""Per-item records shared by every module.

Each stage of the pipeline works on one article's *cleaned text* and returns lists of these
records; offsets (``start``/``end``) always index into that cleaned text, so
``text[m.start:m.end] == m.surface`` holds for every mention. Tables are built from the records
by :mod:`storylens.pipeline` (one row per record); workers send them back packed as
:class:`Records` (field tuples).
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]``; ``sent_id`` counts from 0 within the article."""

    sent_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor in the cleaned text."""

    sent_id: int
    actor: str  # canonical name, e.g. "Volodymyr Zelensky"
    actor_type: str  # person | country | organization | bloc | ...
    surface: str  # text as written == text[start:end]
    start: int
    end: int
    rule: str = "alias"  # alias | surname | fuzzy | metonym | discovered | ...
    discovered: bool = False  # True when the actor is not in the gazetteer
    affiliation: str = ""  # country or bloc the actor speaks for, if known
    role: str = ""


@dataclass(frozen=True, slots=True)
class Furniture:
    """A piece of page furniture removed by the cleaner (kept, never silently dropped)."""

    rule: str  # which rule removed it, e.g. "cookie_banner"
    text: str  # the removed text
    line_no: int  # 1-based line number in the loader's normalised text


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation with its (resolved) speaker."""

    sent_id: int
    speaker: str  # canonical actor name, or a typed anonymous description ("unnamed official")
    quote: str  # the quoted words (without the marks) or the reported clause
    kind: str  # direct | partial | reported
    start: int  # span of ``quote`` in the cleaned text
    end: int
    speaker_type: str = ""  # person | organization | country | anonymous | ...
    cue: str = ""  # the speech verb or phrase ("said", "according to")
    speaker_surface: str = ""  # how the speaker is referred to near the quote


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric claim: the interval the text asserts about something counted."""

    sent_id: int
    surface: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str  # troops | countries | days | years | percent | currency | ...
    qualifier: str  # exact | approx | up_to | at_least | range | vague
    referent: str = ""  # what is counted
    claimant: str = ""  # quoted speaker, else the outlet
    currency: str = ""


@functools.cache
def _field_getter(kind: type, names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """``record -> tuple of its fields``, for records of the dataclass ``kind``."""
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else lambda r: (get(r),)


class Records(Sequence):
    """Records of one kind kept as plain field tuples: what workers send back.

    A list of dataclass records (or of dicts with the same keys) costs several microseconds per
    record to pickle and unpickle and a few hundred bytes each to hold; the same records as
    tuples of field values cost a fraction of that. ``Records`` is a read-only sequence that
    gives the records back on access (``records[i]``, iteration, ``list(records)``) and hands
    the tuples straight to :mod:`storylens.pipeline` when it builds a table. It compares equal
    to a list of the same records.
    """

    __slots__ = ("kind", "names", "rows")

    def __init__(self, kind: Any, names: tuple[str, ...], rows: list[tuple]):
        self.kind = kind  # the dataclass, or dict
        self.names = names
        self.rows = rows

    @classmethod
    def pack(cls, records: Sequence) -> Sequence:
        """``records`` as :class:`Records` when they are all of one dataclass or are dicts with
        the same keys in the same order; else unchanged."""
        if isinstance(records, Records) or not records:
            return records
        first = records[0]
        if dataclasses.is_dataclass(first) and not isinstance(first, type):
            kind = type(first)
            if any(type(r) is not kind for r in records):
                return records
            names = tuple(f.name for f in dataclasses.fields(first))
            return cls(kind, names, list(map(_field_getter(kind, names), records)))
        if isinstance(first, dict):
            names = tuple(first)
            if any(not isinstance(r, dict) or tuple(r) != names for r in records):
                return records
            return cls(dict, names, [tuple(r.values()) for r in records])
        return records

    def _make(self, row: tuple):
        if self.kind is dict:
            return dict(zip(self.names, row, strict=True))
        return self.kind(*row)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._make(r) for r in self.rows[i]]
        return self._make(self.rows[i])

    def __iter__(self) -> Iterator:
        return map(self._make, self.rows)

    def __eq__(self, other) -> bool:
        if isinstance(other, Records):
            return (self.kind, self.names, self.rows) == (other.kind, other.names, other.rows)
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # mutable contents, like a list

    def __reduce__(self):
        return (Records, (self.kind, self.names, self.rows))

    def __repr__(self) -> str:
        name = getattr(self.kind, "__name__", str(self.kind))
        return f"Records({name}, {len(self.rows)} rows)"


#: The record lists of a :class:`DocResult` (the fields :meth:`DocResult.packed` packs).
RECORD_FIELDS = ("sentences", "mentions", "quotes", "claims", "sentiment", "stance", "events")


@dataclass(slots=True)
class DocResult:
    """Everything the per-article stage produces for one article."""

    doc_id: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentiment: list[dict] = field(default_factory=list)
    stance: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # dates resolved by storylens.timeline
    # per-article inputs of storylens.compare (compare.document_features); empty = compute later
    features: dict = field(default_factory=dict)
    n_words: int = -1  # words of the cleaned text (sentences.count_words); -1 = count later
    n_sentences: int = -1  # len(sentences) before they were spilled; -1 = use len(sentences)
    # tables whose rows a pool worker already wrote to disk (storylens.pipeline.Spill): their
    # record lists here are empty
    spilled: tuple[str, ...] = ()

    def packed(self) -> DocResult:
        """The same result with its record lists as :class:`Records` (cheap to send back)."""
        return dataclasses.replace(
            self, **{name: Records.pack(getattr(self, name)) for name in RECORD_FIELDS}
        )
