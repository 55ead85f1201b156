"""Tests for storylens.stance (hand-built fixtures) and storylens.coding (kappa by hand)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storylens.coding import coding_template, cohen_kappa, compare_coding
from storylens.model import Mention, Quote, Sentence
from storylens.stance import actor_stance, decide, stance_overview

# A tiny gazetteer for the fixtures: surface -> (actor, type, affiliation)
_GAZ = {
    "Ana Lind": ("Ana Lind", "person", "Nordland"),
    "Bo Varg": ("Bo Varg", "person", "Ostmark"),
    "Cy Moor": ("Cy Moor", "person", "Westria"),
    "Nordland": ("Nordland", "country", ""),
    "Ostmark": ("Ostmark", "country", ""),
    "Westria": ("Westria", "country", ""),
    "Nordish": ("Nordland", "country", ""),
}
_NAME = re.compile("|".join(sorted(map(re.escape, _GAZ), key=len, reverse=True)))
_SENT = re.compile(r"[^.!?]+[.!?]”?")


def _records(text: str) -> tuple[list[Sentence], list[Mention]]:
    sents = []
    for i, m in enumerate(_SENT.finditer(text)):
        lead = len(m.group()) - len(m.group().lstrip())
        sents.append(Sentence(i, m.start() + lead, m.end()))
    ments = []
    for m in _NAME.finditer(text):
        sid = next(s.sent_id for s in sents if s.start <= m.start() < s.end)
        actor, kind, aff = _GAZ[m.group()]
        rule = "demonym" if m.group() == "Nordish" else "alias"
        ments.append(
            Mention(sid, actor, kind, m.group(), m.start(), m.end(), rule=rule, affiliation=aff)
        )
    return sents, ments


def _stance(text: str, quotes=()) -> dict[str, dict]:
    sents, ments = _records(text)
    return {r["actor"]: r for r in actor_stance(text, sents, ments, list(quotes))}


def _stance_quoted(text: str, quote: str, speaker: str, kind: str = "direct", **kw) -> dict:
    """:func:`_stance` with one quote record: ``quote`` (found in ``text``) by ``speaker``."""
    sents, ments = _records(text)
    start = text.index(quote)
    q = Quote(0, speaker, quote, kind, start, start + len(quote), **kw)
    return {r["actor"]: r for r in actor_stance(text, sents, ments, [q])}


def test_subject_of_cue_gets_the_stance_with_evidence():
    rows = _stance("Ana Lind pledged to send troops. Bo Varg rejected the deployment of troops.")
    assert rows["Ana Lind"]["stance"] == "support"
    assert rows["Ana Lind"]["evidence"] == "Ana Lind pledged to send troops."
    assert rows["Bo Varg"]["stance"] == "oppose"
    assert rows["Bo Varg"]["source"] == "action"


def test_off_topic_sentences_do_not_count():
    rows = _stance("Ana Lind rejected the budget. Ana Lind met Bo Varg.")
    assert rows["Ana Lind"]["stance"] == "neutral"
    assert rows["Ana Lind"]["n_cues"] == 0


def test_negation_flips():
    rows = _stance(
        "Ana Lind is not willing to send troops. Bo Varg has not dismissed sending troops."
    )
    assert rows["Ana Lind"]["stance"] == "oppose"
    assert rows["Bo Varg"]["stance"] == "support"


def test_condition_makes_conditional():
    rows = _stance("Ana Lind pledged troops once there is a ceasefire.")
    assert rows["Ana Lind"]["stance"] == "conditional"
    rows = _stance("Ana Lind is reluctant to send troops without a US backstop.")
    assert rows["Ana Lind"]["stance"] == "conditional"


def test_support_and_oppose_on_different_aspects_is_mixed():
    text = "Cy Moor is prepared to use air power but ruled out sending ground troops."
    row = _stance(text)["Cy Moor"]
    assert row["stance"] == "mixed"
    assert "support:" in row["cues"] and "oppose:" in row["cues"]


def test_coordinated_subjects_and_modifiers():
    text = "Nordish leader Ana Lind and Bo Varg have both expressed support for troop deployments."
    rows = _stance(text)
    assert rows["Ana Lind"]["stance"] == rows["Bo Varg"]["stance"] == "support"
    # "Nordish" modifies Ana Lind's title: the country is not the one acting
    assert rows["Nordland"]["stance"] == "neutral"


def test_possessive_and_prepositional_mentions_are_not_subjects():
    text = "Ostmark's envoy, Cy Moor, rejected the troops plan after talks with Ana Lind."
    rows = _stance(text)
    assert rows["Cy Moor"]["stance"] == "oppose"
    assert rows["Ostmark"]["stance"] == "neutral"
    assert rows["Ana Lind"]["stance"] == "neutral"


def test_quote_cues_go_to_the_speaker_not_to_actors_named_inside():
    text = "“We deny that Ana Lind will deploy troops,” Bo Varg said."
    sents, ments = _records(text)
    q = Quote(0, "Bo Varg", "We deny that Ana Lind will deploy troops,", "direct", 1, 42)
    assert text[q.start : q.end] == q.quote
    rows = {r["actor"]: r for r in actor_stance(text, sents, ments, [q])}
    assert rows["Bo Varg"]["stance"] == "oppose"
    assert rows["Bo Varg"]["source"] == "quote"
    assert rows["Ana Lind"]["stance"] == "neutral"


def test_anonymous_quote_gives_stance_to_nobody():
    text = "“Ostmark rejected the troops,” an official said."
    sents, ments = _records(text)
    q = Quote(0, "unnamed official", "Ostmark rejected the troops,", "direct", 1, 29,
              speaker_type="anonymous")  # fmt: skip
    rows = {r["actor"]: r for r in actor_stance(text, sents, ments, [q])}
    assert rows["Ostmark"]["stance"] == "neutral"
    assert "unnamed official" not in rows


def test_reporter_gets_own_country_clause():
    text = "Cy Moor said that Westria is ready to deploy troops."
    rows = _stance(text)
    assert rows["Westria"]["stance"] == "support"
    assert rows["Cy Moor"]["stance"] == "support"
    assert rows["Cy Moor"]["source"] == "reported"
    # but not someone else's position
    rows = _stance("Cy Moor said that Ostmark rejected the troops.")
    assert rows["Ostmark"]["stance"] == "oppose"
    assert rows["Cy Moor"]["stance"] == "neutral"


def test_neutral_evidence_is_most_topical_sentence_or_empty():
    rows = _stance("Ana Lind spoke. Ana Lind met troops and soldiers near forces.")
    assert rows["Ana Lind"]["stance"] == "neutral"
    assert rows["Ana Lind"]["evidence"].startswith("Ana Lind met troops")
    assert _stance("Ana Lind spoke.")["Ana Lind"]["evidence"] == ""


def test_topic_file_can_be_swapped(tmp_path):
    from storylens.stance import load_cues

    src = (load_cues.__globals__["DEFAULT_CUES"]).read_text(encoding="utf-8")
    other = src.replace("    - troops?\n", "    - tariffs?\n")
    path = tmp_path / "cues.yaml"
    path.write_text(other, encoding="utf-8")
    text = "Ana Lind rejected the tariffs."
    sents, ments = _records(text)
    assert actor_stance(text, sents, ments, [])[0]["stance"] == "neutral"
    rows = actor_stance(text, sents, ments, [], cues=load_cues(path))
    assert rows[0]["stance"] == "oppose"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], "neutral"),
        (["support"], "support"),
        (["support", "oppose"], "mixed"),
        (["support", "conditional"], "conditional"),
        (["support", "support", "conditional"], "support"),
        (["oppose", "oppose"], "oppose"),
        (["conditional"], "conditional"),
    ],
)
def test_decide(labels, expected):
    assert decide(labels) == expected


def test_stance_overview_rule():
    df = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "a", "b", "a", "b"],
            "actor": ["X", "X", "X", "Y", "Y", "Z", "Z"],
            "stance": ["support", "support", "neutral", "support", "oppose", "neutral", "neutral"],
        }
    )
    ov = stance_overview(df).set_index("actor")
    assert ov.loc["X", "overall"] == "support"
    assert ov.loc["X", "n_articles"] == 3 and ov.loc["X", "n_with_evidence"] == 2
    assert ov.loc["Y", "overall"] == "mixed"
    assert ov.loc["Z", "overall"] == "neutral"
    assert stance_overview(df.iloc[:0]).empty


def test_cohen_kappa_hand_computed():
    # 10 items; auto: 6 s / 4 o; human: 6 s / 4 o; they agree on 8.
    auto = ["s"] * 6 + ["o"] * 4
    human = ["s"] * 5 + ["o"] + ["o"] * 3 + ["s"]
    # p_o = 8/10; p_e = 0.6*0.6 + 0.4*0.4 = 0.52; kappa = (0.8-0.52)/(1-0.52) = 7/12
    assert cohen_kappa(auto, human) == pytest.approx(7 / 12)
    assert cohen_kappa(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])


def test_coding_template_and_compare():
    auto = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "actor": ["A", "B", "A"],
            "stance": ["support", "oppose", "neutral"],
            "evidence": ["e1", "e2", ""],
        }
    )
    tpl = coding_template(auto)
    assert list(tpl.columns) == ["doc_id", "actor", "human_stance", "note"]
    assert (tpl["human_stance"] == "").all() and len(tpl) == 3
    human = tpl.assign(human_stance=["support", "support", ""])
    res = compare_coding(auto, human)
    assert res["n"] == 2 and res["n_uncoded"] == 1
    assert res["agreement"] == pytest.approx(0.5)
    assert list(res["disagreements"]["actor"]) == ["B"]


@pytest.mark.parametrize(
    "text, actor, stance",
    [
        # acts after a modal: support, or oppose when negated inside the cue
        ("Nordland will not send troops to the region.", "Nordland", "oppose"),
        ("Nordland could contribute troops later.", "Nordland", "support"),
        ("Ostmark won't take part in any deployment of troops.", "Ostmark", "oppose"),
        # a cue right after another is its object: one oppose hit, not mixed
        ("Ana Lind ruled out sending troops.", "Ana Lind", "oppose"),
        ("Ana Lind pledged to deploy troops.", "Ana Lind", "support"),
        # the topic named as a noun phrase is nobody's act
        ("Bo Varg said the stationing of troops would be unacceptable.", "Bo Varg", "oppose"),
        ("Bo Varg considers any plans to deploy troops unacceptable.", "Bo Varg", "oppose"),
        # a demonym before the topic word modifies it: the cue is the reporter's
        ("Bo Varg said Nordish troops would be legitimate targets.", "Bo Varg", "oppose"),
        ("Bo Varg said Nordish troops would be legitimate targets.", "Nordland", "neutral"),
        # demands for the topic
        ("Ana Lind wanted the force to be large enough to matter.", "Ana Lind", "support"),
        ("Ana Lind said guarantees must include troops on the ground.", "Ana Lind", "support"),
        # a clause whose subject is no actor inherits nobody's stance
        ("Ostmark: 26 countries pledge troops for the force.", "Ostmark", "neutral"),
        # ... while a clause with no subject at all inherits the sentence's
        ("Ana Lind has ruled out ground troops but on Tuesday appeared to leave the door open to "
         "other support for the force.", "Ana Lind", "mixed"),
        ("Bo Varg said foreign forces near the border were a threat.", "Bo Varg", "oppose"),
        ("Cy Moor said Westria would be present from the first day with troops.", "Cy Moor",
         "support"),
        ("Ana Lind said Nordland could provide the troops.", "Ana Lind", "support"),
        # a condition the actor attaches
        ("Ana Lind said any troops would depend on the backing of Westria.", "Ana Lind",
         "conditional"),
    ],
)  # fmt: skip
def test_act_cues(text, actor, stance):
    row = _stance(text)[actor]
    assert row["stance"] == stance, row["cues"]


def test_act_in_a_quote():
    """The speaker's own act counts; an act with its own subject inside the quote does not."""
    text = "“We will send troops,” Ana Lind said."
    rows = _stance_quoted(text, "We will send troops,", "Ana Lind")
    assert rows["Ana Lind"]["stance"] == "support"
    text = "“Nobody doubts that Cy Moor will send troops,” Ana Lind said."
    rows = _stance_quoted(text, "Nobody doubts that Cy Moor will send troops,", "Ana Lind")
    assert rows["Ana Lind"]["stance"] == "neutral"


def test_reported_clause_of_the_speakers_country():
    """'Cy Moor has said Westria is prepared to ...' (a reported quote): the country acts, and
    the speaker, whose country it is, takes the same stance."""
    text = "Cy Moor has said Westria is prepared to send troops."
    rows = _stance_quoted(text, "Westria is prepared to send troops", "Cy Moor", "reported")
    assert rows["Westria"]["stance"] == rows["Cy Moor"]["stance"] == "support"
    assert rows["Cy Moor"]["source"] == "reported"


def test_unattributed_quotes_make_no_actor():
    text = "“Ostmark will send troops,” the report said."
    rows = _stance_quoted(
        text, "Ostmark will send troops,", "unattributed", speaker_type="unattributed"
    )
    assert "unattributed" not in rows


def test_reported_clause_of_two_speakers_gives_both_the_stance():
    """ "Nordland and Ostmark have signalled they could send troops": one reported clause, a
    quote record for each speaker, the cue for both."""
    text = "Nordland and Ostmark have signalled they could send troops to Ukraine."
    sents, ments = _records(text)
    start = text.index("they could")
    quotes = [
        Quote(0, speaker, text[start:-1], "reported", start, len(text) - 1, speaker_type="country")
        for speaker in ("Ostmark", "Nordland")
    ]
    rows = {r["actor"]: r for r in actor_stance(text, sents, ments, quotes)}
    assert rows["Nordland"]["stance"] == rows["Ostmark"]["stance"] == "support"


@pytest.mark.parametrize(
    "pattern, needs",
    [
        (r"\b(?:troops?|peacekeep\w+)\b", ("peacekeep", "troop")),
        (r"\bsend(?:ing)? (?:forces|soldiers)\b", ("forces", "soldiers")),  # most selective
        (r"(?:air )?support\b", ("support",)),
        (r"\b\w+ force\b|\bdeploy", ("deploy", " force")),
        (r"[A-Z]\w+", None),  # nothing literal: no pre-test
        (r"(?i)troops", None),  # case-insensitive: no pre-test
    ],
)
def test_needed_strings_are_necessary(pattern: str, needs) -> None:
    """The topic pre-test's strings: every match of the pattern holds one of them (so a
    sentence with none is skipped without a scan), or None when the pattern gives none."""
    import storylens.stance as st

    rx = re.compile(pattern)
    got = st._needed(rx)
    assert got == (tuple(sorted(needs)) if needs else None)
    if got:
        samples = [
            "we will send troops",
            "the peacekeepers left",
            "air support came",
            "a new force",
            "they deploy",
            "Troops",
            "sending soldiers",
            "no match here",
        ]
        for s in samples:
            if rx.search(s):
                assert any(w in s for w in got), s
