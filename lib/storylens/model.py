"""Per-item records shared by every module.

Each stage of the pipeline works on one article's *cleaned text* and returns lists of these
records; offsets (``start``/``end``) always index into that cleaned text, so
``text[m.start:m.end] == m.surface`` holds for every mention. Tables are built from the records
by :mod:`storylens.pipeline` (``dataclasses.asdict`` -> one row per record).
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
