"""Numeric claims: every phrasing, every not-a-claim class, offsets, claimants, the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.claims import extract_claims, parse_number_words
from storylens.model import Mention, Quote, Sentence

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_SPLIT = re.compile(r"[^\n]+?(?:[.!?](?=\s+[A-Z“\"]|\s*$)|$)")


def _sents(text: str) -> list[Sentence]:
    """Tiny local splitter: '.', '!' or '?' before a capital, or a line end."""
    out = []
    for m in _SPLIT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append(Sentence(len(out), s, e))
    return out


def _claims(text: str, **kw):
    cl = extract_claims(text, _sents(text), default_claimant=kw.pop("default", "OUT"), **kw)
    for c in cl:
        assert text[c.start : c.end] == c.surface
    return cl


def _one(text: str, **kw):
    cl = _claims(text, **kw)
    assert len(cl) == 1, [c.surface for c in cl]
    return cl[0]


@pytest.mark.parametrize(
    "text, surface, low, high, unit, qualifier",
    [
        ("They sent 30,000 troops.", "30,000 troops", 30000, 30000, "troops", "exact"),
        ("It grew 1.5 percent.", "1.5 percent", 1.5, 1.5, "percent", "exact"),
        ("There are seven nations.", "seven nations", 7, 7, "countries", "exact"),
        (
            "Twenty-six member states agreed.",
            "Twenty-six member states",
            26,
            26,
            "countries",
            "exact",
        ),
        ("One hundred aircraft flew.", "One hundred aircraft", 100, 100, "aircraft", "exact"),
        (
            "He has two hundred and fifty tanks.",
            "two hundred and fifty tanks",
            250,
            250,
            "vehicles",
            "exact",
        ),
        ("The 3½-year war goes on.", "3½-year war", 3.5, 3.5, "years", "exact"),
        ("It took one and a half years.", "one and a half years", 1.5, 1.5, "years", "exact"),
        ("Support is 30% now.", "30%", 30, 30, "percent", "exact"),
        ("Support is 30 per cent now.", "30 per cent", 30, 30, "percent", "exact"),
        (
            "They need between 3,000 and 5,000 troops.",
            "between 3,000 and 5,000 troops",
            3000,
            5000,
            "troops",
            "range",
        ),
        (
            "They need 3,000 to 5,000 troops.",
            "3,000 to 5,000 troops",
            3000,
            5000,
            "troops",
            "range",
        ),
        ("They need 3,000-5,000 troops.", "3,000-5,000 troops", 3000, 5000, "troops", "range"),
        ("They need 3,000–5,000 troops.", "3,000–5,000 troops", 3000, 5000, "troops", "range"),
        ("It went from 10 to 20 ships.", "from 10 to 20 ships", 10, 20, "ships", "range"),
        ("Within seven to 10 days.", "seven to 10 days", 7, 10, "days", "range"),
        # thousands grouped by spaces, as in European copy
        (
            "No more than 10 000 soldiers.",
            "No more than 10 000 soldiers",
            None,
            10000,
            "troops",
            "up_to",
        ),
        (
            "Some 12\u00a0000 soldiers.",
            "Some 12\u00a0000 soldiers",
            10800,
            13200,
            "troops",
            "approx",
        ),
        # "within" bounds a single figure from above
        ("Full strength within 90 days.", "within 90 days", None, 90, "days", "up_to"),
        (
            "Between 3 and 5 million people fled.",
            "Between 3 and 5 million people",
            3e6,
            5e6,
            "people",
            "range",
        ),
        (
            "They planned up to 30,000 troops.",
            "up to 30,000 troops",
            None,
            30000,
            "troops",
            "up_to",
        ),
        (
            "We need at least 10,000 troops.",
            "at least 10,000 troops",
            10000,
            None,
            "troops",
            "at_least",
        ),
        (
            "There were more than 40 countries.",
            "more than 40 countries",
            40,
            None,
            "countries",
            "at_least",
        ),
        ("Over 80 nations came.", "Over 80 nations", 80, None, "countries", "at_least"),
        (
            "There are fewer than 12 countries.",
            "fewer than 12 countries",
            None,
            12,
            "countries",
            "up_to",
        ),
        (
            "As many as 1,200 peacekeepers may go.",
            "As many as 1,200 peacekeepers",
            None,
            1200,
            "troops",
            "up_to",
        ),
        ("Rates as high as 40% hurt.", "as high as 40%", None, 40, "percent", "up_to"),
        ("No more than 5,000 troops.", "No more than 5,000 troops", None, 5000, "troops", "up_to"),
        ("Nearly 2,000 tanks.", "Nearly 2,000 tanks", 1800, 2000, "vehicles", "approx"),
        ("About 30 nations.", "About 30 nations", 27, 33, "countries", "approx"),
        ("Around 30,000 troops.", "Around 30,000 troops", 27000, 33000, "troops", "approx"),
        (
            "Roughly 2.5 million people.",
            "Roughly 2.5 million people",
            2.25e6,
            2.75e6,
            "people",
            "approx",
        ),
        ("Some 700 soldiers.", "Some 700 soldiers", 630, 770, "troops", "approx"),
        ("Approximately 700 soldiers.", "Approximately 700 soldiers", 630, 770, "troops", "approx"),
        ("Close to 90 percent agree.", "Close to 90 percent", 81, 90, "percent", "approx"),
        ("A few thousand troops.", "A few thousand troops", 2000, 5000, "troops", "vague"),
        ("Several hundred civilians.", "Several hundred civilians", 300, 900, "people", "vague"),
        (
            "It needs tens of thousands of troops.",
            "tens of thousands of troops",
            20000,
            90000,
            "troops",
            "vague",
        ),
        ("Hundreds of drones flew.", "Hundreds of drones", 200, 900, "aircraft", "vague"),
        ("Dozens of missiles hit.", "Dozens of missiles", 24, 99, "missiles", "vague"),
        ("A dozen nations joined.", "A dozen nations", 10, 14, "countries", "vague"),
        ("A handful of countries joined.", "A handful of countries", 3, 6, "countries", "vague"),
        ("Half of the voters agree.", "Half", 45, 55, "percent", "vague"),
        ("A third of the budget.", "A third", 30, 36.7, "percent", "vague"),
        ("Nearly half of the voters agree.", "Nearly half", 45, 50, "percent", "approx"),
        ("One in three voters agree.", "One in three voters", 30, 36.6667, "percent", "approx"),
        ("A three-day meeting.", "three-day meeting", 3, 3, "days", "exact"),
        ("A 12-month mission.", "12-month mission", 12, 12, "months", "exact"),
        ("The worst in 80 years.", "80 years", 80, 80, "years", "exact"),
        ("A 5,000-strong force.", "5,000-strong", 5000, 5000, "troops", "exact"),
        ("An army of 800,000 stands.", "An army of 800,000", 800000, 800000, "troops", "exact"),
        ("It rose 3 percentage points.", "3 percentage points", 3, 3, "percentage_points", "exact"),
        ("26 of those countries agreed.", "26 of those countries", 26, 26, "countries", "exact"),
        ("It sent 15k troops.", "15k troops", 15000, 15000, "troops", "exact"),
    ],
)
def test_phrasings(text, surface, low, high, unit, qualifier):
    c = _one(text)
    assert c.surface == surface
    assert c.unit == unit
    assert c.qualifier == qualifier
    assert (c.low is None) == (low is None) and (c.high is None) == (high is None)
    if low is not None:
        assert c.low == pytest.approx(low, rel=1e-3)
    if high is not None:
        assert c.high == pytest.approx(high, rel=1e-3)


@pytest.mark.parametrize(
    "text, surface, value, code",
    [
        ("A €1.5bn package.", "€1.5bn", 1.5e9, "EUR"),
        ("It costs $2bn.", "$2bn", 2e9, "USD"),
        ("A €300 million fund.", "€300 million", 3e8, "EUR"),
        ("Only £5m was spent.", "£5m", 5e6, "GBP"),
        ("It gave 1.5 billion euros.", "1.5 billion euros", 1.5e9, "EUR"),
        ("It costs US$3 billion.", "US$3 billion", 3e9, "USD"),
        ("The state owes 300 million shillings.", "300 million shillings", 3e8, "SHILLING"),
        ("The fund holds 40 billion pesos.", "40 billion pesos", 4e10, "PESO"),
        ("Exports earned 2 million rand.", "2 million rand", 2e6, "ZAR"),
    ],
)
def test_money(text, surface, value, code):
    c = _one(text)
    assert (c.surface, c.unit, c.currency) == (surface, "currency", code)
    assert c.low == pytest.approx(value) and c.high == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "They met on Aug. 18 in Washington.",
        "They met on August 18, 2025 in Washington.",
        "They met on 18 August 2025.",
        "Sales fell in 2025.",
        "It happened earlier in 2025.",
        "The talks start at 10 a.m. on Tuesday.",
        "The talks start at 10:30 GMT.",
        "Call the hotline: 010-85061466.",
        "Call +1 202 555 0100 now.",
        "互联网新闻信息许可证10120180008",
        "Licence number 10120180008 applies.",
        "ISSN 1234-5678 is printed.",
        "ISBN 978-3-16-148410-0 is printed.",
        "© 2025 Example Media.",
        "NATO's Article 5 applies.",
        "Pete Hegseth, the 45-year-old former Fox News host, spoke.",
        "The plan was agreed in Paris.[3] Officials said little.",
        "Resolution 2231 expired.",
        "Agents checked Forms 34B and 34A at the tallying centre.",
        "The court heard Petition 5 of 2027 and Schedule 3 applies.",
        "See Section 3 of the act.",
        "It bought F-35 jets and S-400 systems.",
        "A Patriot PAC-3 battery.",
        "The G7 met.",
        "COVID-19 spread.",
        "See page 12 and p. 45.",
        "He lives at 10 Downing Street.",
        "He is the 47th president.",
        "It was the first time.",
        "Back in the 1990s it was different.",
        "The 2024-25 season.",
        "One of the officials said so.",
        "Two Western officials said the plan works.",
        "According to three diplomats, it works.",
        "The two nations agreed.",
        "It is close to zero.",
        "One option was sending forces.",
        "At one time he may say yes.",
        "It is on 18/08/2025.",
    ],
)
def test_not_claims(text):
    assert _claims(text) == []


def test_rotation_sentence_modifiers_and_claimant():
    text = (
        "In March, Starmer told allies that a force would need at least 10,000 troops, but that "
        "would require around 30,000 troops when taking into account those on rotation and rest."
    )
    a, b = _claims(text)
    assert a.referent == "troops" and b.referent == "troops | incl. rotation"
    assert a.claimant == b.claimant == "Starmer"


def test_unit_inheritance_and_inverted_said():
    text = (
        "The U.K. could send a brigade of 5,000 soldiers which would become 15,000 when "
        "taking into account rest and rotation, said Arnold."
    )
    a, b = _claims(text)
    assert a.surface == "a brigade of 5,000 soldiers" and a.referent == "troops | brigade"
    assert (b.surface, b.unit) == ("15,000", "troops")
    assert "incl. rotation" in b.referent and "brigade" in b.referent
    assert a.claimant == b.claimant == "Arnold"


def test_reported_speech_subject():
    c = _one("French officials have said Paris could deploy 3,000 troops initially.")
    assert c.claimant == "French officials"
    assert c.referent == "troops | initial plan"


def test_quote_speaker_wins():
    text = '"We want it within seven to 10 days," the leader said.'
    s, e = text.index("We"), text.index(',"')
    q = Quote(0, "Volodymyr Zelensky", text[s:e], "direct", s, e)
    c = _one(text, quotes=[q])
    assert c.claimant == "Volodymyr Zelensky"
    assert c.referent == "days | time frame"


def test_innermost_quote_speaker_wins():
    # a host's transcript turn holds the union's reported clause: the figure is the union's
    text = "The union says 4,000 dockers walked out. Is that right?"
    outer = Quote(0, "Ana Host", text, "direct", 0, len(text), "person", "transcript")
    s, e = text.index("4,000"), text.index(" out") + 4
    inner = Quote(0, "dockers' union", text[s:e], "reported", s, e, "role", "says")
    assert _one(text, quotes=[outer, inner]).claimant == "dockers' union"
    # a quote holding the figure alone: its speaker
    assert _one(text, quotes=[outer]).claimant == "Ana Host"


def test_mention_resolves_subject_and_pronoun():
    text = "Macron said 26 of those countries pledged troops. That is 30% of the group, he said."
    s = text.index("Macron")
    m = Mention(0, "Emmanuel Macron", "person", "Macron", s, s + 6)
    a, b = _claims(text, mentions=[m])
    assert a.claimant == "Emmanuel Macron"
    assert b.claimant == "Emmanuel Macron"  # "he" -> last person mention
    assert "share of previous figure" in b.referent


def test_default_claimant_and_outlet():
    c = _one("The force would have 4,000 troops.", default="Reuters")
    assert c.claimant == "Reuters"


def test_ratio_percent_of_referent():
    c = _one("One in three voters agree.")
    assert c.referent == "percent | of voters, agree"


@pytest.mark.parametrize(
    "text",
    [
        "He met them three days after meeting Putin.",
        "The talks collapsed two weeks ago.",
        "It was signed five years earlier.",
        "Three months later the line held.",
        "It came 10 days before the vote.",
    ],
)
def test_relative_date_offsets_are_not_claims(text):
    assert _claims(text) == []


@pytest.mark.parametrize(
    "text, surface, unit",
    [
        ("The discussions followed a three-day meeting.", "three-day meeting", "days"),
        ("Russia's 3½-year war goes on.", "3½-year war", "years"),
        ("We want it within seven to 10 days.", "seven to 10 days", "days"),
        ("It is the deadliest conflict in 80 years.", "80 years", "years"),
        ("A three-day meeting after the summit ended.", "three-day meeting", "days"),
    ],
)
def test_durations_stay_claims(text, surface, unit):
    c = _one(text)
    assert (c.surface, c.unit) == (surface, unit)


def test_range_written_high_to_low_is_the_same_interval():
    """'between 8,100 and 2,000 troops' asserts [2000, 8100]: low never above high."""
    c = _one("The plan needs between 8,100 and 2,000 troops.")
    assert (c.surface, c.qualifier, c.low, c.high) == (
        "between 8,100 and 2,000 troops", "range", 2000, 8100)  # fmt: skip


@pytest.mark.parametrize(
    "text, surface, low, high, currency",
    [
        ("Revenue will be between $300 million and $350 million.",
         "$300 million and $350 million", 3e8, 3.5e8, "USD"),
        ("Guidance was $16.8 billion to $17.1 billion.", "$16.8 billion to $17.1 billion",
         1.68e10, 1.71e10, "USD"),
        ("Losses of $4bn-$5bn are possible.", "$4bn-$5bn", 4e9, 5e9, "USD"),
        ("The plan costs €120 million to €150 million.", "€120 million to €150 million",
         1.2e8, 1.5e8, "EUR"),
        ("It costs US$3 to US$5 a day.", "US$3 to US$5", 3, 5, "USD"),
    ],
)  # fmt: skip
def test_money_range_with_the_currency_repeated_is_one_range(text, surface, low, high, currency):
    c = _one(text)
    assert (c.surface, c.qualifier, c.low, c.high, c.unit, c.currency) == (
        surface, "range", low, high, "currency", currency)  # fmt: skip


def test_seats_and_jobs_are_their_own_units():
    assert _one("The party won 84 seats.").unit == "seats"
    assert _one("The firm will cut 1,200 jobs.").unit == "jobs"
    assert _one("They cast 5,000 votes.").unit == "votes"


@pytest.mark.parametrize(
    "text, surface, unit, qualifier, low, high",
    [
        ("The death toll rose to 134 on Thursday.", "134", "casualties", "exact", 134, 134),
        ("Officials put the death toll at 155.", "155", "casualties", "exact", 155, 155),
        ("The toll from the floods has risen to 211.", "211", "casualties", "exact", 211, 211),
        ("The death toll went up to 134.", "134", "casualties", "exact", 134, 134),
        ("More than 150 people have been killed.", "More than 150 people", "casualties",
         "at_least", 150, None),
        ("At least 62 residents died in Paiporta.", "At least 62 residents", "casualties",
         "at_least", 62, None),
        ("About 3,000 people live there.", "About 3,000 people", "people", "approx", 2700, 3300),
        ("The index moved up to 24 points.", "24 points", "count", "exact", 24, 24),
        ("The force could include up to 30,000 troops.", "up to 30,000 troops", "troops",
         "up_to", None, 30000),
    ],
)  # fmt: skip
def test_death_tolls(text, surface, unit, qualifier, low, high):
    """Tolls are claims in one unit however they are phrased ('rose to 134', '150 people have
    been killed', '134 dead'), and 'went up to' is a change, not a ceiling."""
    c = _one(text)
    assert (c.surface, c.unit, c.qualifier) == (surface, unit, qualifier)
    assert (c.low, c.high) == (low, high)


@pytest.mark.parametrize(
    "text, want",
    [
        ("The union wants 5,000 nurses next year.", [("5,000 nurses", "people")]),
        ("Sales reached 3,000 units, up from 2,000 last year.", [("3,000 units", "count"), ("2,000", "count")]),
        ("Some 30,000 troops a year rotate.", [("Some 30,000 troops", "troops")]),
        ("The mission could last 12 more months.", [("12 more months", "months")]),
    ],
)  # fmt: skip
def test_time_expression_after_a_figure_is_not_its_unit(text, want):
    """'last week', 'next year', 'a year' after a figure say when, not what is counted."""
    assert [(c.surface, c.unit) for c in _claims(text)] == want


def test_vote_counts_carry_their_predicate():
    a, b, c = _claims("Ten countries voted in favour, five voted against and 12 abstained.")
    assert [x.unit for x in (a, b, c)] == ["countries"] * 3
    assert a.referent == "countries | voted in favour"
    assert (b.surface, b.referent) == ("five", "countries | voted against")
    assert (c.surface, c.referent) == ("12", "countries | abstained")


def test_context_terms_in_referent():
    assert _one("They impose duties of up to 35.3% on cars.").referent == "percent | duties"
    assert _one("It sold about 8% of the market.").referent == "percent | market share"
    assert _one("They sell about a third of their vehicles.").referent == "percent | of vehicles"
    assert (
        _one("It comes on top of the standard 10% import tariff.").referent
        == "percent | import tariff"
    )
    c = _one("Experts expect that more than 40 Chinese models could be affected.")
    assert (c.surface, c.unit) == ("more than 40 Chinese models", "count")
    assert c.referent == "count | chinese models, affected"
    c = _one("About 300,000 electric cars were sold.")
    assert (c.unit, c.referent) == ("vehicles", "vehicles | electric cars, sold")
    # a noun that names the unit itself adds nothing: "a force would need ... troops"
    assert _one("A force would need at least 10,000 troops.").referent == "troops"


def test_percent_range_with_signs():
    c = _one("Duties ranging from 7.8% to 35.3% apply.")
    assert (c.surface, c.low, c.high, c.qualifier) == ("from 7.8% to 35.3%", 7.8, 35.3, "range")


def test_sentence_speaker_wins_over_fallback():
    text = (
        'Sanchez called for "a deal" within 12 months, and warned that exports worth '
        "1.5 billion euros were at risk."
    )
    s = text.index("a deal")
    q = Quote(0, "Pedro Sanchez", "a deal", "partial", s, s + 6, "person", "called")
    a, b = _claims(text, quotes=[q], default="doc-7")
    assert a.claimant == b.claimant == "Pedro Sanchez"
    # a scare quote names nobody: the fallback stays
    q = Quote(0, "unattributed", "a deal", "partial", s, s + 6, "unattributed", "")
    assert {c.claimant for c in _claims(text, quotes=[q], default="doc-7")} == {"doc-7"}


def test_label_lowercase_any_case_and_capitalised_other():
    assert _claims("It is on page 12.") == []
    assert [c.surface for c in _claims("They hold 12 seats.")] == ["12 seats"]


def test_year_with_unit_noun_is_a_count():
    c = _one("They have 1,900 soldiers.")
    assert c.low == 1900
    assert _claims("In 1900 the war began.") == []
    assert _claims("The plan dates from 2014.") == []


def test_parse_number_words():
    assert parse_number_words("twenty-six") == 26
    assert parse_number_words("two hundred and fifty") == 250
    assert parse_number_words("one and a half") == 1.5
    assert parse_number_words("three thousand") == 3000
    assert parse_number_words("a hundred") == 100
    assert parse_number_words("banana") is None


def test_deterministic_and_sorted():
    text = "About 30 nations and 26 of those countries. Around 30,000 troops."
    a = _claims(text)
    assert a == _claims(text)
    assert [c.start for c in a] == sorted(c.start for c in a)


def test_empty_and_no_numbers():
    assert extract_claims("", []) == []
    assert _claims("Nothing to count here.") == []


# ------------------------------------------------------------------------------------ seeds

# (seed prefix, surface, low, high, unit, qualifier): figures listed by hand from the seeds.
SEED_EXPECTED = [
    ("000", "up to 30,000 troops", None, 30000, "troops", "up_to"),
    ("000", "a few thousand troops", 2000, 5000, "troops", "vague"),
    ("000", "between 3,000 and 5,000 troops", 3000, 5000, "troops", "range"),
    ("001", "3½-year war", 3.5, 3.5, "years", "exact"),
    ("001", "three-day meeting", 3, 3, "days", "exact"),
    ("001", "tens of thousands of troops", 20000, 90000, "troops", "vague"),
    ("001", "80 years", 80, 80, "years", "exact"),
    ("002", "about 30 nations", 27, 33, "countries", "approx"),
    ("002", "26 of those countries", 26, 26, "countries", "exact"),
    ("002", "at least 10,000 troops", 10000, None, "troops", "at_least"),
    ("002", "around 30,000 troops", 27000, 33000, "troops", "approx"),
    ("002", "a brigade of 5,000 soldiers", 5000, 5000, "troops", "exact"),
    ("002", "15,000", 15000, 15000, "troops", "exact"),
    ("002", "about 30%", 27, 33, "percent", "approx"),
    ("004", "tens of thousands of troops", 20000, 90000, "troops", "vague"),
    ("004", "80 years", 80, 80, "years", "exact"),
    ("004", "seven to 10 days", 7, 10, "days", "range"),
]
FORBIDDEN = ["10120180008", "85061466", "Article 5", "2025", "Aug. 18", "18", "Sunday"]


def _seed_claims():
    sentences = pytest.importorskip("storylens.sentences")
    out = {}
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        out[f.name[:3]] = extract_claims(text, sentences.split_sentences(text))
    return out


def test_seeds_recall_and_precision():
    got = _seed_claims()
    found = 0
    for doc, surface, low, high, unit, qual in SEED_EXPECTED:
        hits = [
            c for c in got.get(doc, [])
            if c.surface == surface and c.unit == unit and c.qualifier == qual
            and c.low == (low if low is None else pytest.approx(low))
            and c.high == (high if high is None else pytest.approx(high))
        ]  # fmt: skip
        found += bool(hits)
    assert found >= len(SEED_EXPECTED) - 1
    n_all = sum(len(v) for v in got.values())
    assert n_all <= len(SEED_EXPECTED) + 2  # precision: at most two extra figures
    for claims in got.values():
        for c in claims:
            assert not any(bad in c.surface for bad in FORBIDDEN), c.surface
    # "three days after meeting Putin" is a date offset for the timeline, not a claim
    assert not [c for c in got["002"] if c.unit == "days"]


# --- speed paths (folded text, split scans, grouped mask) must not change a single claim ------


def test_fold_matches_ignorecase_for_every_code_point():
    """_fold + case-sensitive scan == re.IGNORECASE scan for ASCII pattern letters; \\w, \\d, \\s
    and so \\b are unchanged (what claims._case_sensitive_twin relies on)."""
    from storylens.claims import _fold

    chars, folded = [], []
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        f = _fold(c)
        if f is None:  # "İ": the whole text is then scanned with re.IGNORECASE
            continue
        assert len(f) == 1
        chars.append(c)
        folded.append(f)
    orig, low = "".join(chars), "".join(folded)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        want = [m.start() for m in re.finditer(letter, orig, re.IGNORECASE)]
        assert want == [m.start() for m in re.finditer(letter, low)], letter
    for cls in (r"\w", r"\d", r"\s"):
        assert [m.start() for m in re.finditer(cls, orig)] == [
            m.start() for m in re.finditer(cls, low)
        ], cls


def test_fast_paths_give_the_same_claims(monkeypatch):
    """Folded scans, the split digit/word scan and the grouped mask against the plain regexes."""
    import storylens.claims as claims_mod

    sentences = pytest.importorskip("storylens.sentences")
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))]
    texts += [
        "Between 3,000 and 5,000 soldiers, up to two hundred and fifty tanks and tens of "
        "thousands of troops; 3½-year war, $2bn, 15k drones, F-35 jets, call +44 20 7946 0958. "
        "KELVİN said about 1,200 soldiers — roughly Forty-Two items — arrived on March 5, 2024.",
        "ABOUT TWENTY-SIX NATIONS AGREED TO SEND SEVERAL THOUSAND TROOPS IN TOTAL, 30% ON ROTATION.",
        # digits after a word character: only a mask not starting with \b can match there
        "Badge AB12345678 and ticket 9912345678 cost 12,345 euros; 020 7946 0958 took 3,0001 calls.",
        "The fund gave EUR4.2 million and USD300,000; the XKR500 drone and AB12 unit flew.",
    ]
    fast = []
    for t in texts:
        fast.append(extract_claims(t, sentences.split_sentences(t), default_claimant="OUT"))
    lex = claims_mod.lexicon()
    monkeypatch.setattr(claims_mod, "_fold", lambda text: None)
    monkeypatch.setattr(lex, "re_mask_fast", None)
    slow = [extract_claims(t, sentences.split_sentences(t), default_claimant="OUT") for t in texts]
    assert fast == slow
    assert sum(map(len, fast)) > 20


@pytest.mark.parametrize(
    "text, expected",
    [
        # a number word counts an unlisted noun when a qualifier or "more" makes it a figure
        ("Doctors said at least three hospitals had been hit.",
         [("at least three hospitals", 3.0, None, "at_least")]),
        ("Officials see two more risks to the outlook.", [("two more risks", 2.0, 2.0, "exact")]),
        # ... or a stated total does
        ("The ministry said a total of three hospitals were damaged.",
         [("three hospitals", 3.0, 3.0, "exact")]),
        # ... and so does a bare number word before a plural noun that counts something
        ("Five lawyers filed four motions before two trial chambers.",
         [("Five lawyers", 5.0, 5.0, "exact"), ("four motions", 4.0, 4.0, "exact"),
          ("two trial chambers", 2.0, 2.0, "exact")]),
        ("The grant pays for 12 additional school nursing teams.",
         [("12 additional school nursing teams", 12.0, 12.0, "exact")]),
        ("Officials named 300 district presiding clerks; 40 firms making chips signed up.",
         [("300 district presiding clerks", 300.0, 300.0, "exact"), ("40 firms", 40.0, 40.0, "exact")]),
        # ... but not "the two sides", "three reasons", "two ways", a rank or a source
        ("The two sides gave three reasons for the delay.", []),
        ("There are two ways to read it, and four times as many critics.", []),
        ("Rotterdam and Hamburg, the north's two busiest harbours, shut.", []),
        ("Two Western diplomats in Brussels said the talks had stalled.", []),
        # a speech verb further on that is not the counted noun's own verb keeps the count
        ("Medics say at least four people have been injured since the ban was announced.",
         [("at least four people", 4.0, None, "at_least")]),
    ],
)  # fmt: skip
def test_number_words_with_unlisted_nouns(text, expected):
    got = [(c.surface, c.low, c.high, c.qualifier) for c in _claims(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fraction of a point is an amount in percentage points, not a share
        ("The Fed cut rates by a quarter percentage point.",
         [("a quarter percentage point", 0.25, 0.25, "percentage_points")]),
        ("Miran wanted a half-point cut instead.", [("a half-point", 0.5, 0.5, "percentage_points")]),
        ("The bank cut its rate by a quarter of a percentage point.",
         [("a quarter of a percentage point", 0.25, 0.25, "percentage_points")]),
        # ... a share stays a share
        ("A quarter of the budget went unspent.", [("A quarter", 22.5, 27.5, "percent")]),
    ],
)  # fmt: skip
def test_fractions_of_a_point(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a vote tally counts the first side's votes; it is not a range
        ("The committee voted 11-1 to lower the rate.", [("11-1", 11.0, 11.0, "votes", "exact")]),
        ("The Senate confirmed him 48-47 on Monday.", [("48-47", 48.0, 48.0, "votes", "exact")]),
        ("The bill passed 220 to 212 in the House.",
         [("220 to 212", 220.0, 220.0, "votes", "exact")]),
        ("The Supreme Court issued a 6-3 ruling on Friday.", [("6-3", 6.0, 6.0, "votes", "exact")]),
        # ... only with a vote word near it: a score or a range stays what it was
        ("The match ended 3-1 after extra time.", []),
        ("Officials expect 12 to 15 countries to join.",
         [("12 to 15 countries", 12.0, 15.0, "countries", "range")]),
    ],
)  # fmt: skip
def test_vote_tallies(text, expected):
    got = [(c.surface, c.low, c.high, c.unit, c.qualifier) for c in _claims(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # bounds written after the figure and its unit or noun
        ("Trump wants rates at 1% or lower.", [("1% or lower", None, 1.0, "up_to")]),
        ("1,000 or more troops could go.", [("1,000 or more troops", 1000.0, None, "at_least")]),
        ("They expect 500 people or more on Sunday.",
         [("500 people or more", 500.0, None, "at_least")]),
        # "and up to" starts another phrase, not a bound of this figure
        ("It sent 9,000 troops and up to 5,000 more.",
         [("9,000 troops", 9000.0, 9000.0, "exact"), ("up to 5,000", None, 5000.0, "up_to")]),
        # "near", "barely"; an approximate qualifier reaches over an article to an amount
        ("Inflation is running near 3%.", [("near 3%", 2.7, 3.3, "approx")]),
        ("Traders see about a 90% chance of a cut.", [("about a 90%", 81.0, 99.0, "approx")]),
        # ... but a bound does not, and a year is no amount
        ("Under a 2019 law, 40 countries signed.", [("40 countries", 40.0, 40.0, "exact")]),
    ],
)  # fmt: skip
def test_bounds_after_the_figure_and_across_an_article(text, expected):
    got = [(c.surface, c.low, c.high, c.qualifier) for c in _claims(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Yields rose about 2 basis points.",
         [("about 2 basis points", "basis_points", "basis_points | yields")]),
        ("He wanted a 50 basis point cut.",
         [("50 basis point", "basis_points", "basis_points | cut")]),
        ("He wanted a 50-basis-point cut.",
         [("50-basis-point", "basis_points", "basis_points | cut")]),
        # counted events; "more" marks figures on top of others
        ("Officials pencilled in three more cuts.",
         [("three more cuts", "cuts", "cuts | additional")]),
        ("The median shows two more quarter-point cuts.",
         [("two more quarter-point cuts", "cuts", "cuts | additional, median")]),
        ("The bank made two rate hikes last year.", [("two rate hikes", "hikes", "hikes | bank")]),
        # a maturity names a product, it asserts no duration
        ("The 10-year yield fell while 30-year mortgage rates held.", []),
        ("He took out a one-year loan for a 10-year plan.",
         [("10-year plan", "years", "years | plan")]),
    ],
)  # fmt: skip
def test_finance_units_events_and_maturities(text, expected):
    assert [(c.surface, c.unit, c.referent) for c in _claims(text)] == expected


def test_additional_label_is_not_inherited():
    cl = _claims("Britain will send a further 2,000 troops, on top of 5,000 already there.")
    assert [(c.surface, "additional" in c.referent) for c in cl] == [
        ("2,000 troops", True),
        ("5,000", False),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a range whose upper end is a ceiling is still a range
        ("Estimates vary, from 150,000 to as many as 250,000.",
         [("from 150,000 to as many as 250,000", 150000.0, 250000.0, "count", "range")]),
        # a unit glued to the figure
        ("The town lies about 60km west.", [("about 60km", 54.0, 66.0, "km", "approx")]),
        # a bound on a fraction is the fraction itself; on a vague count, the count's own end
        ("Fewer than half of the people have water.",
         [("Fewer than half", None, 50.0, "percent", "up_to")]),
        ("More than half of the people have water.",
         [("More than half", 50.0, None, "percent", "at_least")]),
        ("At least hundreds of people died.",
         [("At least hundreds of people", 200.0, None, "casualties", "at_least")]),
    ],
)  # fmt: skip
def test_ranges_to_a_ceiling_glued_units_and_bounded_fractions(text, expected):
    got = [(c.surface, c.low, c.high, c.unit, c.qualifier) for c in _claims(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # speeds, lengths and rainfall, also glued to the figure
        ("Winds reached 195 kph (120 mph), gusts 118mph, a surge of 13 feet and 347mm of rain.",
         [("195 kph", 195.0, "km/h"), ("120 mph", 120.0, "mph"), ("118mph", 118.0, "mph"),
          ("13 feet", 13.0, "feet"), ("347mm", 347.0, "mm")]),
        # lakh and crore, and the taka
        ("The cabinet approved Tk 25 crore and 3 lakh people moved.",
         [("Tk 25 crore", 250000000.0, "currency"), ("3 lakh people", 300000.0, "people")]),
        # half a million is half of a million, not a share
        ("Nearly half a million refugee children were affected.",
         [("Nearly half a million refugee children", 450000.0, "people")]),
        # "one" with an amount unit is a figure; a point compound is percentage points up to
        # 100, index points beyond
        ("The bank cut by one percentage point after a 6-point lead and a 500-point drop.",
         [("one percentage point", 1.0, "percentage_points"),
          ("6-point", 6.0, "percentage_points"), ("500-point", 500.0, "points")]),
        ("The 230-seat parliament met; 84 MPs and 300 suspected cases were counted.",
         [("230-seat", 230.0, "seats"), ("84 MPs", 84.0, "people"),
          ("300 suspected cases", 300.0, "cases")]),
        # bare "one" is still no figure
        ("One of the officials said one person left.", []),
    ],
)  # fmt: skip
def test_more_units_scales_and_halves(text, expected):
    assert [(c.surface, c.low, c.unit) for c in _claims(text)] == expected


def test_tallies_of_one_vote_group_across_outlets():
    import pandas as pd

    from storylens.reconcile import assign_claim_ids, reconcile

    rows = []
    for doc, text in [("a", "The budget passed 88-80 on Friday."),
                      ("b", "Lawmakers voted 88-80 to approve it."),
                      ("c", "The budget was approved 86-82 in the final vote.")]:  # fmt: skip
        for c in _claims(text, default=doc):
            rows.append({"doc_id": doc, "sent_id": c.sent_id, "start": c.start, "end": c.end,
                         "surface": c.surface, "low": c.low, "high": c.high, "unit": c.unit,
                         "qualifier": c.qualifier, "referent": c.referent,
                         "claimant": c.claimant, "currency": ""})  # fmt: skip
    assert [r["referent"] for r in rows] == ["votes | in favour"] * 3
    rec = reconcile(assign_claim_ids(pd.DataFrame(rows)))
    assert rec[["verdict", "claim_ids"]].values.tolist() == [["conflicting", "a-c01 b-c01 c-c01"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a hyphenated scale is one figure, not a range up to a million; its currency after
        ("It has promised a 150-million-euro compensation package.",
         [("150-million-euro", 150e6, 150e6, "currency")]),
        # temperatures, areas and data sizes, glued or not
        ("Temperatures hit 44.1°C, or 104 degrees Fahrenheit.",
         [("44.1°C", 44.1, 44.1, "celsius"), ("104 degrees Fahrenheit", 104.0, 104.0, "fahrenheit")]),
        ("It was 44C in the shade, the hottest day.", [("44C", 44.0, 44.0, "celsius")]),
        # ... a bare glued "C" only where the sentence speaks of heat
        ("The 5G network runs 1C software.", []),
        ("The gang took 412GB of data from 2.1 million customers.",
         [("412GB", 412.0, 412.0, "gigabytes"),
          ("2.1 million customers", 2.1e6, 2.1e6, "customers")]),
        ("Some 38,000 hectares burned.", [("Some 38,000 hectares", 34200.0, 41800.0, "hectares")]),
    ],
)  # fmt: skip
def test_hyphenated_scales_temperatures_and_other_units(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # currencies in words and coins, pence glued to the figure
        ("It wants 120 bitcoin. Fifty quid is not enough. Shares closed at 187.4p.",
         [("120 bitcoin", 120.0, 120.0, "BTC"), ("Fifty quid", 50.0, 50.0, "GBP"),
          ("187.4p", 187.4, 187.4, "")]),
        # "over" as a verb's particle is no lower bound
        ("Meridian, which turned over £6.2 billion last year, fell.",
         [("£6.2 billion", 6.2e9, 6.2e9, "GBP")]),
        # an age's decade, a frequency and a past window are not figures of the story
        ("A man in his 70s died. The line is open seven days a week. Since then, 28 new "
         "wildfires broke out in the past 24 hours.", [("28 new wildfires", 28.0, 28.0, "")]),
        # a port number is a label
        ("It moved over RDP on port 3389 to a file server.", []),
    ],
)  # fmt: skip
def test_coins_particles_ages_frequencies_and_windows(text, expected):
    """(and below: a port number is a label)"""
    assert [(c.surface, c.low, c.high, c.currency) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a dozen as a scale after a number word; "a dozen" alone stays a vague count
        ("Nearly two dozen container ships waited. About a dozen countries agreed.",
         [("Nearly two dozen container ships", 21.6, 24.0, "ships"),
          ("About a dozen countries", 10.0, 14.0, "countries")]),
        # more "members" than the world has countries are people; 27 members stay countries
        ("The union said nearly 9,000 of its members walked out. Some 27 members agreed.",
         [("nearly 9,000 of its members", 8100.0, 9000.0, "people"),
          ("Some 27 members", 24.3, 29.7, "countries")]),
        # "over" a period after a share or an amount is that period; elsewhere a lower bound
        ("Workers were offered a 6% rise over two years. The war has lasted over two years.",
         [("6%", 6.0, 6.0, "percent"), ("two years", 2.0, 2.0, "years"),
          ("over two years", 2.0, None, "years")]),
        ("In 2024, over 3 years of data were lost.", [("over 3 years", 3.0, None, "years")]),
        ("It spent €1bn for over five years.",
         [("€1bn", 1e9, 1e9, "currency"), ("over five years", 5.0, None, "years")]),
        # "north of" is more than; container counts in TEU
        # rupees and other currency signs before the figure
        ("The hit is up to ₹1,800 crore. It cost Rs 450 crore.",
         [("up to ₹1,800 crore", None, 1.8e10, "currency"),
          ("Rs 450 crore", 4.5e9, 4.5e9, "currency")]),
        ("It is north of a hundred million euros a day. It handles 6.5 million TEU a year.",
         [("north of a hundred million euros", 1e8, None, "currency"),
          ("6.5 million TEU", 6.5e6, 6.5e6, "containers")]),
    ],
)  # fmt: skip
def test_dozens_members_periods_and_containers(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # people named by nationality or trade count with a number word too
        ("Among the victims were two Kenyan nationals and four Canadians.",
         [("two Kenyan nationals", 2.0, 2.0, "people"), ("four Canadians", 4.0, 4.0, "people")]),
        ("Five contractors and seven exhausted nurses were flown out.",
         [("Five contractors", 5.0, 5.0, "people"), ("seven exhausted nurses", 7.0, 7.0, "people")]),
        # nights, kilograms, trips; measures written as compounds
        ("They slept two nights in a van and lost six kilos. The ferry made eight round trips.",
         [("two nights", 2.0, 2.0, "nights"), ("six kilos", 6.0, 6.0, "kilograms"),
          ("eight round trips", 8.0, 8.0, "trips")]),
        ("A 30-centimetre pipe, a 12-ton crane and a 25kg sack.",
         [("30-centimetre", 30.0, 30.0, "cm"), ("12-ton", 12.0, 12.0, "tonnes"),
          ("25kg", 25.0, 25.0, "kilograms")]),
        # a figure inside the counted noun of the one before is no figure of its own
        ("It moves 4 million twenty-foot equivalent units a year.",
         [("4 million twenty-foot equivalent units", 4e6, 4e6, "containers")]),
        # still nothing: the two sides, three reasons, two nights ago
        ("Two nights ago the two sides met for three reasons.", []),
    ],
)  # fmt: skip
def test_nationals_demonyms_trades_and_measures(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # digits grouped by spaces, zero groups included, are no phone number
        ("The regulator imposed a fine of €1 250 000 000 on the bank.",
         [("€1 250 000 000", 1.25e9, 1.25e9, "currency")]),
        ("Call 020 7946 0000 for details.", []),
        # a short scale after a space, as wire copy writes it (any case)
        ("REGULATOR FINES BANK 1.25 BLN EUROS. It had set aside EUR 300 mln.",
         [("1.25 BLN EUROS", 1.25e9, 1.25e9, "currency"),
          ("EUR 300 mln", 3e8, 3e8, "currency")]),
        # ... but "5 m" is five metres
        ("The wall is 5 m high.", []),
        # "7 or 8 million": the scale is both figures', and so is the currency sign
        ("It loses €4 or €5 million a week. Some 2 or 3 million people moved.",
         [("€4 or €5 million", 4e6, 5e6, "currency"),
          ("Some 2 or 3 million people", 2e6, 3e6, "people")]),
    ],
)  # fmt: skip
def test_spaced_groups_wire_scales_and_or_ranges(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a minus glued to a lone figure is its sign; a spaced dash between numbers is not
        ("| Q3 | 2,410 | -3.9% |", [("2,410", 2410.0, 2410.0, "count"),
                                   ("-3.9%", -3.9, -3.9, "percent")]),
        ("Output shrank by −1.2% and then by about -2%.",
         [("−1.2%", -1.2, -1.2, "percent"), ("about -2%", -2.2, -1.8, "percent")]),
        ("The vote was 5 -4 in the end.", []),
        # "exceeded" is a lower bound, and the toll before it still names the unit
        ("Its share exceeded 40% in two regions. The toll surpassed 250.",
         [("exceeded 40%", 40.0, None, "percent"), ("two regions", 2.0, 2.0, "count"),
          ("surpassed 250", 250.0, None, "casualties")]),
        # a fraction after a bound is a share whatever follows it
        ("Shares of more than two-thirds in the south. Almost half had left.",
         [("more than two-thirds", 66.65, None, "percent"), ("Almost half", 45.0, 50.0, "percent")]),
        ("In the second half, 300 fans left.", [("300 fans", 300.0, 300.0, "count")]),
        # a bound on "a dozen" starts at 12
        ("More than a dozen boats sank. Fewer than half a dozen crews came back.",
         [("More than a dozen boats", 12.0, None, "ships"),
          ("Fewer than half a dozen crews", None, 6.0, "count")]),
    ],
)  # fmt: skip
def test_signs_exceeded_bounded_fractions_and_dozens(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


def test_iso_codes_before_the_figure():
    cl = _claims("Each family gets MXN 40,000, about ARS 2 million, at INR 83 per dollar.")
    assert [(c.surface, c.low, c.currency) for c in cl] == [
        ("MXN 40,000", 40000.0, "MXN"),
        ("about ARS 2 million", 1.8e6, "ARS"),
        ("INR 83", 83.0, "INR"),
    ]


def test_shilling_and_leu_forms():
    """Kenyan shillings written KSh/Ksh before the figure, lei/RON after or before it; an
    abbreviated million before a currency word is money, not metres."""
    cl = _claims(
        "The audit found at least KSh 7 billion missing and Ksh 350m unaccounted for. "
        "The city spent 14.5m lei, or RON 2 million a month."
    )
    assert [(c.surface, c.low, c.high, c.currency) for c in cl] == [
        ("at least KSh 7 billion", 7e9, None, "KES"),
        ("Ksh 350m", 3.5e8, 3.5e8, "KES"),
        ("14.5m lei", 1.45e7, 1.45e7, "RON"),
        ("RON 2 million", 2e6, 2e6, "RON"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "add up to" states a sum, not a ceiling ...
        ("The three parties' shares add up to 97.4%.", [("97.4%", 97.4, 97.4, "exact")]),
        ("Fines added up to €3 million.", [("€3 million", 3e6, 3e6, "exact")]),
        # ... unless a modal makes it a possible addition
        ("The scheme could add up to 4,000 jobs.", [("up to 4,000 jobs", None, 4000.0, "up_to")]),
        # a majority threshold: "50%-plus-one" is at least the figure
        ("A motion needs 50%-plus-one of the members.",
         [("50%-plus-one", 50.0, None, "at_least")]),
        ("It needs 50 percent plus one of the votes.",
         [("50 percent plus one", 50.0, None, "at_least")]),
    ],
)  # fmt: skip
def test_sums_and_majority_thresholds(text, expected):
    assert [(c.surface, c.low, c.high, c.qualifier) for c in _claims(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a rate: the figure before "per 100,000" is the claim, the denominator part of it
        ("The region's rate stands at 4.3 per 100,000, the highest.",
         [("4.3 per 100,000", 4.3, "rate", "rate | per 100000, region's rate")]),
        ("It saw 12 deaths per million residents.",
         [("12 deaths per million residents", 12.0, "people", "people | killed, per million residents")]),
        # a part of a stated total counts the total's noun; the total stays a figure
        ("Monitors flagged 31 of the 412 wards.",
         [("31 of the 412 wards", 31.0, "count", "count | wards, monitors"),
          ("412 wards", 412.0, "count", "count | wards")]),
    ],
)  # fmt: skip
def test_rates_and_parts_of_a_total(text, expected):
    assert [(c.surface, c.low, c.unit, c.referent) for c in _claims(text)] == expected


def test_rupee_abbreviation_with_a_period_keeps_its_figure():
    """'Rs.' is no sentence end: the real splitter keeps 'Rs. 40 billion' in one sentence, so the
    figure is money and keeps the bound before it."""
    from storylens.sentences import split_sentences

    text = "The board said the plan would cost at least Rs. 40 billion. It pays Rs. 9,500 a month."
    cl = extract_claims(text, split_sentences(text))
    assert [(c.surface, c.low, c.high, c.unit) for c in cl] == [
        ("at least Rs. 40 billion", 4e10, None, "currency"),
        ("Rs. 9,500", 9500.0, 9500.0, "currency"),
    ]


def test_iso_code_glued_to_the_figure():
    """Wire copy glues the ISO code to the figure ('EUR4.2 million'); three other letters glued
    to digits still name a thing, not an amount."""
    cl = _claims("The fund gave EUR4.2 million, about USD300,000 and CHF9bn. The XKR500 flew.")
    assert [(c.surface, c.low, c.high, c.currency) for c in cl] == [
        ("EUR4.2 million", 4.2e6, 4.2e6, "EUR"),
        ("about USD300,000", 270000.0, 330000.0, "USD"),
        ("CHF9bn", 9e9, 9e9, "CHF"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fraction of a scale word is a number, not a share
        ("Almost a third of a million voters stayed home.",
         [("Almost a third of a million voters", 3e5, 333333.3333, "people")]),
        ("A quarter million acres burned.", [("A quarter million acres", 2.5e5, 2.5e5, "acres")]),
        # ... and a fraction of one unit of measure an amount of that unit
        ("The ferry left within half an hour and sailed three-quarters of a mile.",
         [("within half an hour", None, 0.5, "hours"), ("three-quarters of a mile", 0.75, 0.75, "miles")]),
        ("The shares slipped half a cent; the bank cut by half a point.",
         [("half a cent", 0.5, 0.5, "cents"), ("half a point", 0.5, 0.5, "percentage_points")]),
        # a fraction of a counted thing stays a share; fifths are fractions too
        ("Half the crew and about two-fifths of the passengers left.",
         [("Half", 45.0, 55.0, "percent"), ("about two-fifths", 38.0, 42.0, "percent")]),
        # a day is the figure's own unit, not a rate
        ("The talks lasted half a day.", [("half a day", 0.5, 0.5, "days")]),
    ],
)  # fmt: skip
def test_fractions_of_one_whole(text, expected):
    got = [(c.surface, c.low, c.high, c.unit) for c in _claims(text)]
    assert got == expected
    assert all(c.referent.split(" | ")[1:] != ["per day"] for c in _claims(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # two figures joined by "or" before one unit are a range of that unit
        ("The nearest school is 15 or 20 kilometres away.",
         [("15 or 20 kilometres", 15.0, 20.0, "km", "range")]),
        ("Prices may rise 2 or 3 percent.", [("2 or 3 percent", 2.0, 3.0, "percent", "range")]),
        # ... a glued unit after the second figure of a range is the range's
        ("Gusts of 90 or 110km/h and a 60-80km stretch.",
         [("90 or 110km/h", 90.0, 110.0, "km/h", "range"), ("60-80km", 60.0, 80.0, "km", "range")]),
        # bare digits joined by "or" stay apart
        ("Rooms 4 or 5 were flooded.", []),
    ],
)  # fmt: skip
def test_or_ranges_before_a_unit(text, expected):
    assert [(c.surface, c.low, c.high, c.unit, c.qualifier) for c in _claims(text)] == expected


def test_basis_points_glued_to_the_figure():
    cl = _claims("Spreads tightened 60bp and the bank cut by 25bps.")
    assert [(c.surface, c.low, c.unit) for c in cl] == [
        ("60bp", 60.0, "basis_points"),
        ("25bps", 25.0, "basis_points"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bounded span between two events is a claim ...
        ("Residents got less than 12 hours before the dam failed.",
         [("less than 12 hours", None, 12.0, "hours")]),
        ("Book at least three weeks before travel.", [("at least three weeks", 3.0, None, "weeks")]),
        # ... an unbounded one, or one back from now, a date the timeline resolves
        ("Two days after the vote it fell; more than two weeks ago it rose.", []),
    ],
)  # fmt: skip
def test_bounded_spans_between_events(text, expected):
    assert [(c.surface, c.low, c.high, c.unit) for c in _claims(text)] == expected


def test_rupee_words_are_not_guessed_as_one_country_s():
    """ "Rs" and "rupees" name the currency of five countries: the word, not India's code (as
    for peso and shilling); "₹" and the ISO codes name one."""
    text = (
        "The plan costs Rs. 450 billion, or LKR 450bn, while India pays ₹500 crore and "
        "300 rupees a day. Pakistan spent PKR 2 billion."
    )
    got = [(c.surface, c.currency) for c in _claims(text)]
    assert got == [
        ("Rs. 450 billion", "RUPEE"),
        ("LKR 450bn", "LKR"),
        ("₹500 crore", "INR"),
        ("300 rupees", "RUPEE"),
        ("PKR 2 billion", "PKR"),
    ]
