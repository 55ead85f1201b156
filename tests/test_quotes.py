"""Tests for storylens.quotes: quote marks, kinds, speakers, tables."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.model import Mention
from storylens.quotes import extract_quotes, find_quote_spans, sourcing_table, voice_table
from storylens.sentences import split_sentences


def _mentions(text: str, table: dict[str, tuple[str, str]]) -> list[Mention]:
    """Mentions for a fixture: every whole-word occurrence of each surface (longest first)."""
    sents = split_sentences(text)
    starts = [s.start for s in sents]
    out, taken = [], set()
    for surface in sorted(table, key=len, reverse=True):
        actor, typ = table[surface]
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            sid = max(i for i, s in enumerate(starts) if s <= m.start())
            out.append(Mention(sid, actor, typ, surface, m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)


def run(text: str, table: dict[str, tuple[str, str]] | None = None):
    qs = extract_quotes(text, split_sentences(text), _mentions(text, table or {}))
    for q in qs:
        assert text[q.start : q.end] == q.quote
    return qs


def one(qs, snippet: str):
    hits = [q for q in qs if q.kind != "reported" and q.quote.startswith(snippet)]
    assert len(hits) == 1, [(q.kind, q.quote) for q in qs]
    return hits[0]


# ---------------------------------------------------------------- speakers of direct quotes


def test_unseen_speaker_after_quote_is_named():
    text = '"We will not back down," said Olga Stefanishyna, Ukraine\'s ambassador.'
    q = one(run(text), "We will not back down")
    assert (q.speaker, q.speaker_type, q.kind, q.cue) == (
        "Olga Stefanishyna",
        "person",
        "direct",
        "said",
    )


def test_speaker_before_with_colon_and_title():
    text = 'Foreign ministry spokeswoman Mao Ning told reporters: "China believes in dialogue."'
    q = one(run(text), "China believes")
    assert q.speaker == "Mao Ning" and q.kind == "direct" and q.cue == "told"


def test_mention_resolves_to_canonical_actor():
    text = '"It is over," Rutte said. "Titled speakers count too," Gen. Dan Caine said.'
    table = {"Rutte": ("Mark Rutte", "person"), "Dan Caine": ("Dan Caine", "person")}
    qs = run(text, table)
    assert one(qs, "It is over").speaker == "Mark Rutte"
    assert one(qs, "Titled speakers").speaker == "Dan Caine"


def test_question_asked_and_surname_links_to_full_name():
    text = '"No," said François Heisbourg, an analyst.\n\n"Why would they stop?" asked Heisbourg.'
    qs = run(text)
    assert one(qs, "Why would they").speaker == "François Heisbourg"
    assert one(qs, "Why would they").cue == "asked"


def test_split_quote_both_parts_same_speaker():
    text = (
        "Jan Novak arrived late.\n\n"
        '"The plan is sound," he said in an interview. "We will carry it out."'
    )
    qs = run(text, {"Jan Novak": ("Jan Novak", "person")})
    a, b = one(qs, "The plan is sound"), one(qs, "We will carry")
    assert a.speaker == b.speaker == "Jan Novak"
    assert a.cue == "said" and b.cue == "continuation" and b.kind == "direct"


def test_multi_paragraph_quote_continues_when_next_paragraph_opens_with_mark():
    text = (
        'Olga Petrova told reporters: "We have waited long enough.\n\n'
        '"We will now act, and act fast."\n\nThe meeting ended.'
    )
    qs = run(text)
    a, b = one(qs, "We have waited"), one(qs, "We will now act")
    assert a.speaker == b.speaker == "Olga Petrova"
    assert "\n" not in a.quote and b.cue == "continuation"


def test_quote_paragraph_after_attributed_quote_is_continuation():
    text = '"One thing matters," said Jan Novak.\n\n"Another thing matters even more."'
    q = one(run(text), "Another thing")
    assert (q.speaker, q.cue, q.kind) == ("Jan Novak", "continuation", "direct")


@pytest.mark.parametrize(("pronoun", "expected"), [("she", "Maria Smith"), ("he", "John Brown")])
def test_pronoun_uses_recent_person_and_cheap_gender(pronoun, expected):
    text = (
        "Spokeswoman Maria Smith spoke first. Mr. John Brown spoke next.\n\n"
        f'"It is a bad idea," {pronoun} said.'
    )
    table = {"Maria Smith": ("Maria Smith", "person"), "John Brown": ("John Brown", "person")}
    assert one(run(text, table), "It is a bad idea").speaker == expected


def test_he_added_points_to_last_speaker():
    text = (
        'There would be "zero credibility," said Ben Hodges, a former general.\n\n'
        '"That will not impress anyone," he added.'
    )
    q = one(run(text), "That will not impress")
    assert (q.speaker, q.cue) == ("Ben Hodges", "added")


PEOPLE = {
    "Keir Starmer": ("Keir Starmer", "person"),
    "Friedrich Merz": ("Friedrich Merz", "person"),
    "Emmanuel Macron": ("Emmanuel Macron", "person"),
}


@pytest.mark.parametrize(
    ("middle", "speaker"),
    [
        # a person who is the subject of a later sentence takes "he" over from the speaker
        ("Then the German chancellor, Friedrich Merz, arrived.", "Friedrich Merz"),
        ("At the summit, Friedrich Merz spoke briefly.", "Friedrich Merz"),
        ("Chancellor Friedrich Merz arrived later.", "Friedrich Merz"),
        # an object, a possessive or a clause already under way does not
        ("He met Emmanuel Macron at the summit.", "Keir Starmer"),
        ("Officials have met Emmanuel Macron twice.", "Keir Starmer"),
        ("Emmanuel Macron's aide arrived.", "Keir Starmer"),
    ],
)
def test_he_said_goes_to_a_newer_subject_not_an_object(middle, speaker):
    text = f"Keir Starmer said the talks were useful. {middle} He said the plan was ready."
    qs = [q for q in run(text, PEOPLE) if q.quote == "the plan was ready"]
    assert [q.speaker for q in qs] == [speaker]


@pytest.mark.parametrize(
    ("text", "table", "speaker"),
    [
        # an unlisted name before a described aside, not the organisation in the aside
        ('Maria Lopez, of the Red Cross, said: "We cannot reach the town."',
         {"Red Cross": ("Red Cross", "organization")}, "Maria Lopez"),
        ('Ana Ruiz, who heads the UN office in Kyiv, told reporters: "We cannot reach the town."',
         {"UN": ("United Nations", "organization")}, "Ana Ruiz"),
        # an organisation described in apposition is the speaker, not its description
        ('The Pentagon, the US defence department, said: "We cannot reach the town."',
         {"Pentagon": ("Pentagon", "organization")}, "Pentagon"),
    ],
)  # fmt: skip
def test_speaker_before_an_aside_and_a_colon(text, table, speaker):
    assert one(run(text, table), "We cannot reach").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Political scientist João Ferraz of the University of Coimbra said the vote was close.",
         "João Ferraz"),
        ("Tom Baker of Barclays said the vote was close.", "Tom Baker"),
        ("The Governor of the Bank of England said the vote was close.", "Bank of England"),
        ("Turnout rose, and the vote was close, according to LSEG data.", "LSEG"),
        ("The vote was close, according to Ana da Silva.", "Ana da Silva"),
    ],
)  # fmt: skip
def test_person_of_an_organisation_and_name_particles(text, speaker):
    table = {"Barclays": ("Barclays", "organization"),
             "Bank of England": ("Bank of England", "organization")}  # fmt: skip
    qs = [q for q in run(text, table) if "the vote was close" in q.quote.lower()]
    assert [q.speaker for q in qs] == [speaker]


# ---------------------------------------------------------------- anonymous sources


@pytest.mark.parametrize(
    ("text", "snippet", "speaker"),
    [
        (
            'In Kyiv, officials, who declined to be named, said: "The work continues."',
            "The work continues",
            "unnamed officials",
        ),
        (
            '"The work continues," a source familiar with the talks said.',
            "The work",
            "unnamed source",
        ),
        (
            '"Options will be presented," a U.S. military statement said.',
            "Options",
            "unnamed military statement (U.S.)",
        ),
        (
            "Caine will travel on Tuesday, two Western officials said.",
            "Caine will travel",
            "unnamed officials (Western)",
        ),
        (
            "A French official with knowledge of the matter told the WaPo that talks went well.",
            "talks went well",
            "unnamed official (French)",
        ),
        (
            "The plan was drafted in May, according to a Western official.",
            "The plan was",
            "unnamed official (Western)",
        ),
        (
            "According to unnamed diplomats familiar with the situation, focus has shifted.",
            "focus has shifted",
            "unnamed diplomats",
        ),
        (
            "Officials have cautioned that it would take time.",
            "it would take time",
            "unnamed officials",
        ),
    ],
)
def test_anonymous_sources_are_typed_never_named(text, snippet, speaker):
    text = "Marco Rubio met Keir Starmer.\n\n" + text
    table = {"Marco Rubio": ("Marco Rubio", "person"), "Keir Starmer": ("Keir Starmer", "person")}
    qs = [q for q in run(text, table) if q.quote.startswith(snippet)]
    assert qs, run(text, table)
    assert {(q.speaker, q.speaker_type) for q in qs} == {(speaker, "anonymous")}


def test_the_person_refers_back_to_anonymous_source():
    text = (
        "He will brief chiefs, according to a senior NATO military officer. "
        "He will join from Washington, the person said."
    )
    q = [q for q in run(text) if q.quote.startswith("He will join")][0]
    assert q.speaker == "unnamed officer (NATO)" and q.speaker_type == "anonymous"


# ---------------------------------------------------------------- partial, scare, reported


def test_partial_quote_and_called():
    text = "Steve Witkoff recently called the initiative “simplistic,” officials said."
    q = one(run(text), "simplistic")
    assert (q.kind, q.speaker, q.cue) == ("partial", "Steve Witkoff", "called")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('Emmanuel Macron rejected the plan on Tuesday, calling it "a dangerous illusion".',
         "calling"),
        ('Emmanuel Macron dismissed the proposal, describing it as "a dangerous illusion".',
         "describing"),
    ],
)  # fmt: skip
def test_partial_quote_after_an_attribution_participle(text, cue):
    qs = run(text, {"Emmanuel Macron": ("Emmanuel Macron", "person")})
    q = one(qs, "a dangerous illusion")
    assert (q.kind, q.speaker, q.cue) == ("partial", "Emmanuel Macron", cue)
    assert [x.kind for x in qs] == ["partial"]  # the participle is no reported speech


def test_partial_fragment_with_parenthetical_pronoun():
    text = (
        '"We deny it," Maria Zakharova said. Such a step, she said, could lead to an '
        '"uncontrollable escalation."'
    )
    q = one(run(text, {"Maria Zakharova": ("Maria Zakharova", "person")}), "uncontrollable")
    assert q.kind == "partial" and q.speaker == "Maria Zakharova"


def test_scare_quotes_unattributed_and_described_as():
    text = (
        "For months, the so-called “coalition of the willing” has met.\n\n"
        "The two nations back a European-led ‘reassurance force’ for Kyiv.\n\n"
        'European governments lobbied for what they described as a "backstop force".'
    )
    qs = run(text)
    for snip in ("coalition of the willing", "reassurance force"):
        q = one(qs, snip)
        assert (q.kind, q.speaker, q.speaker_type) == ("partial", "unattributed", "unattributed")
    q = one(qs, "backstop force")
    assert q.speaker == "European governments" and q.cue == "described"


def test_countries_and_alliance_as_speakers():
    text = (
        "Russia said on Thursday that it opposed the plan.\n\n"
        'China said on Tuesday it supported "all efforts" for peace.\n\n'
        "In a statement, the alliance said the move was precautionary."
    )
    table = {"Russia": ("Russia", "country"), "China": ("China", "country")}
    qs = run(text, table)
    rep = {(q.speaker, q.quote) for q in qs if q.kind == "reported"}
    assert ("Russia", "it opposed the plan") in rep
    assert ("China", 'it supported "all efforts" for peace') in rep
    assert ("NATO", "the move was precautionary") in rep
    assert one(qs, "all efforts").speaker == "China"


def test_reported_clause_shapes():
    text = (
        "Russia has cautioned against any unauthorized deployment of troops.\n\n"
        "The force would need 10,000 troops, Keir Starmer told allies.\n\n"
        "Arnold agreed, adding that the best option was more weapons."
    )
    table = {
        "Russia": ("Russia", "country"),
        "Keir Starmer": ("Keir Starmer", "person"),
        "Arnold": ("Ed Arnold", "person"),
    }
    rep = {(q.speaker, q.quote) for q in run(text, table) if q.kind == "reported"}
    assert ("Russia", "against any unauthorized deployment of troops") in rep
    assert ("Keir Starmer", "The force would need 10,000 troops") in rep
    assert ("Ed Arnold", "the best option was more weapons") in rep


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Kaja Kallas spoke after Marco Rubio. Rubio said the plan was sound. "
         "She said Europe would be ready.", "Kaja Kallas"),
        ("Marco Rubio spoke after Kaja Kallas. Kallas said the plan was sound. "
         "He said America would help.", "Marco Rubio"),
        # no hint for "Teodor": he may be the one
        ("Teodor Vance spoke after Kaja Kallas. Kallas said the plan was sound. "
         "He said America would help.", "Teodor Vance"),
    ],
)  # fmt: skip
def test_pronoun_gender_from_given_name(text, speaker):
    """A person's given name (data/first_names.yaml) tells "he" from "she" when nothing near the
    mention does."""
    table = {
        "Kaja Kallas": ("Kaja Kallas", "person"),
        "Kallas": ("Kaja Kallas", "person"),
        "Marco Rubio": ("Marco Rubio", "person"),
        "Rubio": ("Marco Rubio", "person"),
        "Teodor Vance": ("Teodor Vance", "person"),
    }
    last = [q for q in run(text, table) if q.kind == "reported"][-1]
    assert last.speaker == speaker


@pytest.mark.parametrize(
    "text, cue, quote",
    [
        ("Giorgia Meloni acknowledged the risks but said Italy would not send soldiers.",
         "said", "Italy would not send soldiers"),
        ("Giorgia Meloni conceded defeat, and then told reporters the party would regroup.",
         "told", "the party would regroup"),
        # no coordinator: the object is what was confirmed
        ("Giorgia Meloni confirmed the closure of the embassy.", "confirmed",
         "the closure of the embassy"),
    ],
)  # fmt: skip
def test_coordinated_speech_verbs(text, cue, quote):
    """'X acknowledged the risks but said CLAUSE': the clause is the later verb's; the first
    verb's object is not reported speech."""
    qs = [q for q in run(text, {"Giorgia Meloni": ("Giorgia Meloni", "person")})]
    assert [(q.speaker, q.cue, q.quote, q.kind) for q in qs] == [
        ("Giorgia Meloni", cue, quote, "reported")
    ]


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # "that" after the first verb: each verb reports its own clause
        ("Giorgia Meloni warned that the plan was risky and said Italy would help.",
         {"Giorgia Meloni": ("Giorgia Meloni", "person")},
         [("Giorgia Meloni", "warned", "the plan was risky"),
          ("Giorgia Meloni", "said", "Italy would help")]),
        # a finite verb before the coordinator: a clause, not an object
        ("Christine Lagarde said inflation was easing but warned that risks remained high.",
         {"Christine Lagarde": ("Christine Lagarde", "person")},
         [("Christine Lagarde", "said", "inflation was easing"),
          ("Christine Lagarde", "warned", "risks remained high")]),
        # a role subject carries over to the coordinated verb
        ("The minister said the plan was sound, and added that talks would continue.", {},
         [("minister", "said", "the plan was sound"),
          ("minister", "added", "talks would continue")]),
        # another subject after the coordinator: the first clause is not cut there
        ("Giorgia Meloni said the plan was risky and Macron said it would work.",
         {"Giorgia Meloni": ("Giorgia Meloni", "person"),
          "Macron": ("Emmanuel Macron", "person")},
         [("Giorgia Meloni", "said", "the plan was risky"),
          ("Emmanuel Macron", "said", "it would work")]),
    ],
)  # fmt: skip
def test_coordinated_clauses_each_reported(text, table, expected):
    """'X warned that A and said B': A and B are two reported clauses of X, A without 'and
    said B'."""
    qs = [q for q in run(text, table) if q.kind == "reported"]
    assert [(q.speaker, q.cue, q.quote) for q in qs] == expected


@pytest.mark.parametrize(
    "text, table, speaker, quote",
    [
        ("The minister, speaking in Madrid, said the army would help.", {}, "minister",
         "the army would help"),
        ("The minister, speaking in Madrid, said 3,000 soldiers would help.",
         {"Madrid": ("Madrid", "city")}, "minister", "3,000 soldiers would help"),
        ("Ana López, 52, said the water rose in minutes.", {"Ana López": ("Ana López", "person")},
         "Ana López", "the water rose in minutes"),
        ("Two diplomats, who were briefed on the talks, said Washington had softened its stance.",
         {"Washington": ("United States", "country")}, "unnamed diplomats",
         "Washington had softened its stance"),
        ("Friederike Otto, of Imperial College London, said the rain was heavier.",
         {"Friederike Otto": ("Friederike Otto", "person"),
          "Imperial College London": ("Imperial College London", "organization")},
         "Friederike Otto", "the rain was heavier"),
        ("The head of the agency, General Javier Marcos, said the troops would stay.",
         {"Javier Marcos": ("Javier Marcos", "person")}, "Javier Marcos", "the troops would stay"),
        # inverted attributions keep their shape
        ("The talks have failed, said Keir Starmer.", {"Keir Starmer": ("Keir Starmer", "person")},
         "Keir Starmer", "The talks have failed"),
        ("The force, he said, is ready, said Foreign Ministry spokeswoman Maria Zakharova.",
         {"Maria Zakharova": ("Maria Zakharova", "person")}, "Maria Zakharova", None),
    ],
)  # fmt: skip
def test_subject_interrupted_by_an_aside(text, table, speaker, quote):
    """'SUBJECT, <aside>, said CLAUSE': the subject speaks and the clause is reported (not
    the subject reported as said by the clause's first noun phrase)."""
    rep = [q for q in run(text, table) if q.kind == "reported"]
    assert speaker in {q.speaker for q in rep}, [(q.speaker, q.quote) for q in rep]
    if quote is not None:
        assert (speaker, quote) in {(q.speaker, q.quote) for q in rep}


def test_no_reported_speech_without_a_speech_verb_or_speaker():
    text = "It is far from certain that peace would hold. The talks said nothing new to them."
    assert [q for q in run(text) if q.kind == "reported"] == []


# ---------------------------------------------------------------- marks


def test_apostrophes_are_not_quotes():
    text = "Ukraine's army and the soldiers’ union don't recall the ’90s or Kyiv’s 'old' ways."
    spans = [text[p.start : p.end] for p in find_quote_spans(text)]
    assert spans == ["old"]


def test_unbalanced_marks_never_span_unrelated_paragraphs():
    text = (
        'The minister said "we will go soon.\n\n'
        "Nothing happened after that. Nobody cared.\n\n"
        '"A fresh quote," said Jan Novak.'
    )
    qs = run(text)
    assert all("\n" not in q.quote for q in qs)
    assert not any("Nothing happened" in q.quote for q in qs if q.kind != "reported")
    assert one(qs, "A fresh quote").speaker == "Jan Novak"


def test_unclosed_quote_opening_a_paragraph_ends_there():
    text = '"We are ready to help\n\nThe meeting ended without a deal.'
    spans = [text[p.start : p.end] for p in find_quote_spans(text)]
    assert spans == ["We are ready to help"]


def test_kinds_direct_vs_partial():
    text = (
        'Without a guarantee, "it is hard to see how this works," says James Black.\n\n'
        'The appetite is "close to zero," said Heisbourg.'
    )
    qs = run(text)
    assert one(qs, "it is hard").kind == "direct"
    assert one(qs, "close to zero").kind == "partial"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "“",
                "”",
                "‘",
                "’",
                "'",
                " said ",
                " he ",
                "Ed Arnold",
                " officials ",
                "according to ",
                ", ",
                ". ",
                "\n\n",
                "Yes",
                "no",
                "The plan",
                ":",
                "?",
                "—",
            ]
        ),
        max_size=40,
    )
)
def test_offsets_and_determinism_on_arbitrary_text(parts):
    text = "".join(parts)
    a = run(text, {"Ed Arnold": ("Ed Arnold", "person")})
    b = run(text, {"Ed Arnold": ("Ed Arnold", "person")})
    assert a == b
    assert [q.start for q in a] == sorted(q.start for q in a)
    assert all(q.kind in ("direct", "partial", "reported") and q.speaker for q in a)


def test_linear_time_on_long_text():
    """A guard against quadratic work on a long text (about 0.5 s of CPU on the 2-core host):
    CPU time, not the wall clock, so that a busy host does not fail it."""
    import time

    para = (
        '"We will not back down," said Olga Stefanishyna, an envoy. She said the plan, '
        'which a "reassurance force" backs, was fine, according to two Western officials.\n\n'
    )
    text = para * 2000  # ~60,000 words
    sents = split_sentences(text)
    t0 = time.process_time()
    qs = extract_quotes(text, sents, [])
    elapsed = time.process_time() - t0
    assert len([q for q in qs if q.kind == "direct"]) == 2000
    assert elapsed < 3.0, elapsed


# ---------------------------------------------------------------- tables


def _frames():
    articles = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"]})
    quotes = pd.DataFrame(
        [
            {
                "doc_id": "a",
                "sent_id": 0,
                "speaker": "Ed Arnold",
                "kind": "direct",
                "speaker_type": "person",
                "start": 0,
            },
            {
                "doc_id": "a",
                "sent_id": 1,
                "speaker": "Ed Arnold",
                "kind": "partial",
                "speaker_type": "person",
                "start": 5,
            },
            {
                "doc_id": "a",
                "sent_id": 1,
                "speaker": "Ed Arnold",
                "kind": "reported",
                "speaker_type": "person",
                "start": 4,
            },
            {
                "doc_id": "a",
                "sent_id": 2,
                "speaker": "unnamed official",
                "kind": "reported",
                "speaker_type": "anonymous",
                "start": 9,
            },
            {
                "doc_id": "b",
                "sent_id": 0,
                "speaker": "unattributed",
                "kind": "partial",
                "speaker_type": "unattributed",
                "start": 1,
            },
        ]
    )
    mentions = pd.DataFrame(
        [
            {"doc_id": "a", "actor": "Ed Arnold", "actor_type": "person"},
            {"doc_id": "a", "actor": "Donald Trump", "actor_type": "person"},
            {"doc_id": "b", "actor": "Donald Trump", "actor_type": "person"},
        ]
    )
    return articles, quotes, mentions


def test_voice_table():
    articles, quotes, mentions = _frames()
    v = voice_table(quotes, mentions, articles)
    row = v[(v.outlet == "Outlet A") & (v.actor == "Ed Arnold")].iloc[0]
    assert (row.mentions, row.direct, row.partial, row.reported, row.quoted) == (1, 1, 1, 1, 2)
    assert row.voice == "quoted"
    trump = v[v.actor == "Donald Trump"]
    assert set(trump.voice) == {"mentioned only"} and len(trump) == 2
    assert "unattributed" not in set(v.actor)
    assert quotes.equals(_frames()[1])  # inputs unchanged


def test_sourcing_table():
    articles, quotes, _ = _frames()
    s = sourcing_table(quotes, articles).set_index(["outlet", "source"])
    assert s.loc[("Outlet A", "named"), "attributions"] == 2  # one per sentence and speaker
    assert s.loc[("Outlet A", "anonymous"), "share"] == pytest.approx(1 / 3)
    assert s.loc[("Outlet B", "unattributed"), "share"] == pytest.approx(1.0)
    assert len(s) == 6


# ---------------------------------------------------------------- seeds


def test_seed_direct_quotes_and_speakers():
    load = pytest.importorskip("storylens.load")
    actors = pytest.importorskip("storylens.actors")
    from storylens.paths import SEEDS_DIR

    corpus = load.read_corpus(SEEDS_DIR)
    gaz = actors.Gazetteer.load()
    got = []
    for text in corpus.articles["text"]:
        sents = split_sentences(text)
        got += extract_quotes(text, sents, actors.tag_actors(text, sents, gaz), gaz)
    gold = [
        ("We reiterate our repeatedly", "Maria Zakharova"),
        ("We’re willing to help", "Donald Trump"),
        ("it is hard to see how", "James Black"),
        ("The planning work continues", "unnamed source"),
        ("Washington is still determining", "unnamed source"),
        ("If Putin doesn't want", "François Heisbourg"),
        ("That will not impress", "Ben Hodges"),
        ("None of the options", "Ed Arnold"),
        ("These options will be presented", "unnamed military statement (U.S.)"),
        ("China always believes", "Mao Ning"),
    ]
    right = sum(
        any(q.quote.startswith(s) and q.speaker == spk and q.kind == "direct" for q in got)
        for s, spk in gold
    )
    assert right >= 9, right


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("French President Emmanuel Macron met Keir Starmer. The French president said the force "
         "would not be stationed on the frontline.", "Emmanuel Macron"),
        ("Keir Starmer joined by video link. The prime minister said Britain's commitment was "
         "unwavering.", "Keir Starmer"),
        ("Moscow considers the plans unacceptable, Kremlin Spokesman Dmitry Peskov told reporters. "
         "“Security guarantees cannot be built against Russia,” the Kremlin official stressed.",
         "Dmitry Peskov"),
        ("According to Russian Foreign Ministry Spokeswoman Maria Zakharova, the coalition is a "
         "threat. At a briefing, the diplomat pointed out that Western countries had sent arms.",
         "Maria Zakharova"),
        # nobody fits: the description stays
        ("Keir Starmer spoke. The French president said the force was ready.", "French president"),
        # an anonymous source before: "the official" is that source
        ("A senior official said the talks had failed. The official added that nobody was ready.",
         "unnamed official"),
        # ... even when a named official came between, and when the source spoke outside quote
        # marks (read after the quotes in marks: they are attributed again then)
        ("A U.S. official, speaking on condition of anonymity, said Washington had not agreed. "
         "U.S. President Donald Trump spoke later. \"Nothing is decided,\" the official said.",
         "unnamed official (U.S.)"),
    ],
)  # fmt: skip
def test_definite_description_names_a_person_of_the_article(text, speaker):
    """'the French president', 'the Kremlin official', 'the diplomat': the most recent person
    whose role words and country fit (quotes.yaml role_anaphora), else the description."""
    from storylens import actors

    gaz = actors.Gazetteer.load()
    sents = split_sentences(text)
    qs = extract_quotes(text, sents, actors.tag_actors(text, sents, gaz), gaz)
    assert qs[-1].speaker == speaker


@pytest.mark.parametrize(
    "text, quote_start, speaker",
    [
        # a time adverbial between subject and verb
        ("Russian Foreign Ministry spokeswoman Maria Zakharova on Thursday called the plan "
         "\"guarantees of danger\".", "guarantees", "Maria Zakharova"),
        ("Defense Secretary Pete Hegseth last week told allies the role would be \"limited\".",
         "limited", "Pete Hegseth"),
        # a quote after a colon, with no speech verb: the subject of the clause before it
        ("Friedrich Merz put it this way on Tuesday: \"Germany will not shirk its "
         "responsibility.\"", "Germany will not", "Friedrich Merz"),
        # a participle's subject is an anonymous source; a nearer noun "pledges" is no verb
        ("A senior European diplomat was blunter, saying privately that some of the pledges "
         "amounted to “a handful of staff officers”.", "a handful", "unnamed diplomat (European)"),
        # a colon after a clause with no speech verb, the person named first
        ("Danish Prime Minister Mette Frederiksen, whose country is ready to help, was blunter: "
         "«Putin only understands strength.»", "Putin only", "Mette Frederiksen"),
        ("Italian Prime Minister Giorgia Meloni's position was unchanged: “Italy will not send "
         "its soldiers.”", "Italy will not", "Giorgia Meloni"),
        # attribution-only verbs
        ("As Kaja Kallas, the EU's foreign policy chief, has put it, guarantees \"are only as "
         "strong as the forces behind them\".", "are only", "Kaja Kallas"),
        ("His foreign minister, Andrii Sybiha, welcomed on social media “a first concrete "
         "result” of months of work.", "a first", "Andrii Sybiha"),
        ("Foreign Minister Sergei Lavrov repeated that Russia would not accept «any foreign "
         "military contingent».", "any foreign", "Sergey Lavrov"),
        # a verb after the quote in a new coordinated clause is not its attribution
        ("Vladimir Putin declared that Western troops would be \"legitimate targets\", and "
         "Sergey Lavrov has dismissed the guarantees as \"a road to nowhere\".",
         "legitimate", "Vladimir Putin"),
        ("Vladimir Putin declared that Western troops would be \"legitimate targets\", and "
         "Sergey Lavrov has dismissed the guarantees as \"a road to nowhere\".",
         "a road", "Sergey Lavrov"),
        # a partial quote's speaker is known to a later "he said" in the same pass
        ("Sir Keir Starmer spoke first.\n\nBut the prime minister warned that Vladimir Putin "
         "\"cannot be trusted\" to honour a deal.\n\n\"We need a ceasefire that holds,\" he "
         "said.", "We need", "Keir Starmer"),
        # a partial quote in one clause, a verb in a later subordinate one
        ("Vladimir Putin warned Friday that Western troops would be \"legitimate targets,\" a day "
         "after European leaders said 26 countries were ready.", "legitimate", "Vladimir Putin"),
        # "X VERB ... but said": the main clause's subject, not a modifier ("US ground troops")
        ("Trump has ruled out sending US ground troops but said Washington was willing to help, "
         "“especially, probably, if you talk about by air”.", "especially", "Donald Trump"),
    ],
)  # fmt: skip
def test_speaker_of_quotes_found_on_probe_pages(text, quote_start, speaker):
    from storylens import actors

    gaz = actors.Gazetteer.load()
    sents = split_sentences(text)
    qs = extract_quotes(text, sents, actors.tag_actors(text, sents, gaz), gaz)
    assert one(qs, quote_start).speaker == speaker


def test_bare_plural_role_subject():
    """'European leaders said ...': a role subject without a determiner (a plural role noun
    after capitalised modifiers)."""
    from storylens import actors

    gaz = actors.Gazetteer.load()
    text = "European leaders said the force was ready."
    sents = split_sentences(text)
    qs = extract_quotes(text, sents, actors.tag_actors(text, sents, gaz), gaz)
    assert [(q.speaker, q.speaker_type, q.quote) for q in qs] == [
        ("European leaders", "role", "the force was ready")
    ]


def test_the_writers_own_voice_is_the_author():
    """'I argue that ...' outside quote marks: the author speaks (sourced as unattributed)."""
    from storylens.quotes import SOURCE_CLASSES

    text = "That is why I argue that Europe should deploy only if Washington commits."
    qs = run(text)
    assert [(q.speaker, q.speaker_type, q.kind) for q in qs] == [
        ("the author", "author", "reported")
    ]
    assert SOURCE_CLASSES["author"] == "unattributed"


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # an acronym in brackets between the speaker and the verb
        ("In Tawila, the World Food Programme (WFP) said it had distributed food to families.",
         {"World Food Programme": ("World Food Programme", "organization"),
          "WFP": ("World Food Programme", "organization")},
         [("World Food Programme", "said", "it had distributed food to families")]),
        # an organisation in the title of the person who speaks; the coordinated verb with no
        # subject of its own is the same speaker's
        ("RSF leader Mohamed Dagalo, known as Hemedti, admitted in a video that his fighters "
         "had committed crimes, and said those responsible would face trial.",
         {"RSF": ("Rapid Support Forces", "organization"),
          "Mohamed Dagalo": ("Mohamed Dagalo", "person"),
          "Hemedti": ("Mohamed Dagalo", "person")},
         [("Mohamed Dagalo", "admitted", "his fighters had committed crimes"),
          ("Mohamed Dagalo", "said", "those responsible would face trial")]),
        # ... also after a verb that only attributes quote marks
        ('Mohamed Dagalo called the capture of the city a "liberation" and said his fighters '
         "had been ordered to protect civilians.",
         {"Mohamed Dagalo": ("Mohamed Dagalo", "person")},
         [("Mohamed Dagalo", "said", "his fighters had been ordered to protect civilians")]),
    ],
)  # fmt: skip
def test_speaker_through_acronyms_titles_and_coordination(text, table, expected):
    qs = [q for q in run(text, table) if q.kind == "reported"]
    assert [(q.speaker, q.cue, q.quote) for q in qs] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # a pronoun after the verb opens the clause; it is no inverted speaker ("said he.")
        ("Marcus Feld, senior strategist at the bank, said he expects one more cut this year.",
         {"Marcus Feld": ("Marcus Feld", "person")},
         [("Marcus Feld", "said", "he expects one more cut this year")]),
        # a verb of "needs_that" reports a clause that shows a finite verb, not an object
        ("The Federal Reserve cut rates and signaled it would keep lowering borrowing costs.",
         {"Federal Reserve": ("Federal Reserve", "organization")},
         [("Federal Reserve", "signaled", "it would keep lowering borrowing costs")]),
        ("The Federal Reserve signaled a shift in its thinking on Wednesday.",
         {"Federal Reserve": ("Federal Reserve", "organization")}, []),
        # "But while A, B": the reported clause ends where the main clause's subject starts
        ("But while Donald Trump has hinted his country will be involved, he has moved away "
         "from calling for a ceasefire, and refrained from new measures.",
         {"Donald Trump": ("Donald Trump", "person")},
         [("Donald Trump", "hinted", "his country will be involved")]),
        # coordinated subjects both say it; the first clause ends at ", while"
        ("Giorgia Meloni has said Italian soldiers will not take part, while Finland and the "
         "Baltic states have signalled they could contribute.",
         {"Giorgia Meloni": ("Giorgia Meloni", "person"), "Finland": ("Finland", "country"),
          "the Baltic states": ("Baltic states", "region")},
         [("Giorgia Meloni", "said", "Italian soldiers will not take part"),
          ("Baltic states", "signalled", "they could contribute"),
          ("Finland", "signalled", "they could contribute")]),
    ],
)  # fmt: skip
def test_reported_clause_bounds_and_subjects(text, table, expected):
    qs = [q for q in run(text, table) if q.kind == "reported"]
    assert [(q.speaker, q.cue, q.quote) for q in qs] == expected


def test_partial_quote_before_a_new_clause_keeps_the_first_verb():
    """'X said A "quoted" for Moscow, and the Kremlin has warned B': the quoted words are X's;
    the verb after ", and" heads a clause of its own."""
    text = (
        'Foreign Minister Sergei Lavrov said last week that the deployment would be "absolutely '
        'unacceptable" for Moscow, and the Kremlin has warned that any such force would be a '
        "target."
    )
    table = {"Sergei Lavrov": ("Sergey Lavrov", "person"), "Kremlin": ("Russia", "country")}
    qs = run(text, table)
    assert [(q.kind, q.speaker, q.cue) for q in qs] == [
        ("reported", "Sergey Lavrov", "said"),
        ("partial", "Sergey Lavrov", "said"),
        ("reported", "Russia", "warned"),
    ]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a definite description of an organisation names the article's organisation
        ("The Rapid Support Forces seized the city. The paramilitary group said on Sunday that "
         "it had taken full control.", "Rapid Support Forces"),
        # ... the one whose name holds the noun, when there is one
        ("The World Food Programme and the Sudan Doctors Network met. The network said the "
         "hospital had been shelled.", "Sudan Doctors Network"),
        # an indefinite introduction names nobody: the group stays a description
        ("A group of doctors treated the wounded. The group said supplies had run out.", "group"),
    ],
)  # fmt: skip
def test_definite_organisation_descriptions(text, speaker):
    table = {
        "Rapid Support Forces": ("Rapid Support Forces", "organization"),
        "World Food Programme": ("World Food Programme", "organization"),
        "Sudan Doctors Network": ("Sudan Doctors Network", "organization"),
    }
    qs = [q for q in run(text, table) if q.kind == "reported"]
    assert [q.speaker for q in qs] == [speaker]


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # unnamed people of a trade speak anonymously
        ("Some investors warned the Fed risked repeating the mistakes of the 1970s.", {},
         [("reported", "unnamed investors", "the Fed risked repeating the mistakes of the 1970s")]),
        # a past-tense verb before "that" belongs to the reported clause
        ("Some traders said the decision showed that the bank was cautious.", {},
         [("reported", "unnamed traders", "the decision showed that the bank was cautious")]),
        # the subject before a relative clause carries over to a coordinated verb
        ('Donald Trump, who is on a visit to Britain, has pushed for cuts and has called Powell '
         'a "numbskull" in posts.', {"Donald Trump": ("Donald Trump", "person")},
         [("partial", "Donald Trump", "numbskull")]),
    ],
)  # fmt: skip
def test_unnamed_trades_that_clauses_and_relative_subjects(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # a described source with plain adjectives, before the verb or before an aside
        ("The UN’s top humanitarian official said that thousands remained trapped.",
         {"UN": ("United Nations", "organization")},
         [("reported", "unnamed official (UN)", "thousands remained trapped")]),
        ("A senior army officer, who spoke on condition of anonymity because he was not "
         "authorised to brief the media, said some 1,200 soldiers had withdrawn.", {},
         [("reported", "unnamed officer", "some 1,200 soldiers had withdrawn")]),
        # ... which names the article's person when one fits
        ("UN aid chief Tom Fletcher said that it was grim. The top humanitarian official "
         "on Wednesday condemned “horrifying” reports.",
         {"UN": ("United Nations", "organization"), "Tom Fletcher": ("Tom Fletcher", "person")},
         [("reported", "Tom Fletcher", "it was grim"), ("partial", "Tom Fletcher", "horrifying")]),
        # a person described by age is the article's person
        ("Amna Idris hid with her children.\n\n“They separated the men,” said the 34-year-old, "
         "who asked us not to use her full name. “My brother was among them.”",
         {"Amna Idris": ("Amna Idris", "person")},
         [("direct", "Amna Idris", "They separated the men"),
          ("direct", "Amna Idris", "My brother was among them.")]),
        # an organisation's office speaks for it
        ("The International Criminal Court’s Office of the Prosecutor said on 3 November that "
         "it was collecting evidence.",
         {"International Criminal Court": ("International Criminal Court", "organization")},
         [("reported", "International Criminal Court", "it was collecting evidence")]),
        # "the statement" speaks for whoever the article said issued it
        ("The Federal Reserve said in a statement that inflation remains elevated. The "
         "statement also said the committee is “attentive to the risks”.",
         {"Federal Reserve": ("Federal Reserve", "organization")},
         [("reported", "Federal Reserve", "inflation remains elevated"),
          ("reported", "Federal Reserve", "the committee is “attentive to the risks”"),
          ("partial", "Federal Reserve", "attentive to the risks")]),
        ("The statement said the plan was dead.", {},
         [("reported", "unnamed statement", "the plan was dead")]),
    ],
)  # fmt: skip
def test_described_sources_offices_and_statements(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # "reported" reports the clause after it ...
        ("Reuters reported on Tuesday that the talks had failed.",
         {"Reuters": ("Reuters", "organization")},
         [("reported", "Reuters", "the talks had failed")]),
        ("The lab, whose analysis is the best record of the siege, reported that it had found "
         "objects “consistent with the size of human bodies”.",
         {"The lab": ("Yale Lab", "organization")},
         [("reported", "Yale Lab", "it had found objects “consistent with the size of human "
                                   "bodies”"),
          ("partial", "Yale Lab", "consistent with the size of human bodies")]),
        # ... never a quote or a clause before it: the outlet relays another's words
        ('A defence official said: "Our contribution will be decided by parliament.", '
         "Atlantic Wire reported.", {"Atlantic Wire": ("Atlantic Wire", "organization")},
         [("direct", "unnamed official", "Our contribution will be decided by parliament.")]),
        ("18 nations are ready for the mission, Amrani claims, the agency reported.",
         {"Amrani": ("Jorunn Amrani", "person")},
         [("reported", "Jorunn Amrani", "18 nations are ready for the mission")]),
        ("Cases reported this week rose.", {}, []),
    ],
)  # fmt: skip
def test_reported_is_a_forward_verb(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # a participle after "with NP" is the NP's ...
        ("The Fed cut rates, with chair Jay Powell describing the move as a “risk management” "
         "cut.", {"Jay Powell": ("Jerome Powell", "person"), "Fed": ("Federal Reserve", "organization")},
         [("partial", "Jerome Powell", "risk management")]),
        # ... and nobody's when no speaker stands there
        ("Merz spoke for an hour, with the crowd calling the plan “a disgrace”.",
         {"Merz": ("Friedrich Merz", "person")}, [("partial", "unattributed", "a disgrace")]),
        # a verb coordinated inside a relative clause is the relative's person's
        ("The decision came after attacks by President Donald Trump, who is in the UK and has "
         "repeatedly derided Powell as “Too Late”.",
         {"Donald Trump": ("Donald Trump", "person"), "Powell": ("Jerome Powell", "person")},
         [("partial", "Donald Trump", "Too Late")]),
        # a label given by "called" is partial, however it is written
        ('Trump has called Powell a "numbskull" and "Too Late."',
         {"Trump": ("Donald Trump", "person"), "Powell": ("Jerome Powell", "person")},
         [("partial", "Donald Trump", "numbskull"), ("partial", "Donald Trump", "Too Late.")]),
        # a paragraph that is only a quote goes on with the person quoted just before
        ("He met reporters. Jerome Powell called it a “risk management cut”.\n\n"
         "“You could think of this as a risk management cut.”",
         {"Jerome Powell": ("Jerome Powell", "person")},
         [("partial", "Jerome Powell", "risk management cut"),
          ("direct", "Jerome Powell", "You could think of this as a risk management cut.")]),
    ],
)  # fmt: skip
def test_absolutes_relatives_labels_and_quote_paragraphs(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # the one told is no speaker; "the senator" is the article's senator
        ('"What we see is the price," Grigory Semyonov, first deputy chairman of the Federation '
         'Council, told TASS. The senator noted that prices were now "two to three times higher".',
         {"Grigory Semyonov": ("Grigory Semyonov", "person"), "TASS": ("TASS", "organization"),
          "Federation Council": ("Federation Council", "organization")},
         [("direct", "Grigory Semyonov", "What we see is the price"),
          ("reported", "Grigory Semyonov", 'prices were now "two to three times higher"'),
          ("partial", "Grigory Semyonov", "two to three times higher")]),
        # a person of an organisation is the subject, not the organisation
        ("Ricardo Paixão of Banco Atlântico put it best: “The budget is an accounting success.”",
         {"Ricardo Paixão": ("Ricardo Paixão", "person"),
          "Banco Atlântico": ("Banco Atlântico", "organization")},
         [("direct", "Ricardo Paixão", "The budget is an accounting success.")]),
        # "the statement" is its issuer's: the subject of the speech verb that named it
        ("On Portugal's budget, the European Commission said in a statement that it would "
         "watch closely. The statement added that the forecast pointed to a deficit.",
         {"Portugal": ("Portugal", "country"),
          "European Commission": ("European Commission", "organization")},
         [("reported", "European Commission", "it would watch closely"),
          ("reported", "European Commission", "the forecast pointed to a deficit")]),
        # an indefinite description in apposition to a name introduces that person
        ('Yelena Dorofeyeva, an expert at the Institute of Europe, said the EU was weak. '
         '"Lisbon has paid," the expert said.',
         {"Yelena Dorofeyeva": ("Yelena Dorofeyeva", "person")},
         [("reported", "Yelena Dorofeyeva", "the EU was weak"),
          ("direct", "Yelena Dorofeyeva", "Lisbon has paid")]),
        # "according to her"
        ("Yelena Dorofeyeva spoke on Monday. According to her, the debt exceeds 90% of GDP.",
         {"Yelena Dorofeyeva": ("Yelena Dorofeyeva", "person")},
         [("reported", "Yelena Dorofeyeva", "the debt exceeds 90% of GDP")]),
        # "accused X of “...”"
        ('VN leader Rodrigo Mascarenhas accused the prime minister of "buying survival".',
         {"Rodrigo Mascarenhas": ("Rodrigo Mascarenhas", "person")},
         [("partial", "Rodrigo Mascarenhas", "buying survival")]),
    ],
)  # fmt: skip
def test_listeners_owners_issuers_and_introduced_people(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # a speech verb's form after a determiner or a possessive is a noun
        ("A low toll supports the military's claim that it can manage alone.", {}, []),
        ("In his remarks, Merz said the plan was sound.", {"Merz": ("Friedrich Merz", "person")},
         [("reported", "Friedrich Merz", "the plan was sound")]),
        # an unnamed source that opens the clause, kept unnamed by the aside
        ("An aid worker with an international NGO in Cox’s Bazar, who asked not to be named, "
         "said latrines had collapsed.", {},
         [("reported", "unnamed aid worker", "latrines had collapsed")]),
        # "he"/"she" after an unnamed person who spoke last, with nobody named since
        ("One diplomat said the plan was dead. That figure is too low, he said.", {},
         [("reported", "unnamed diplomat", "the plan was dead"),
          ("reported", "unnamed diplomat", "That figure is too low")]),
        ("One diplomat said the plan was dead. Merz arrived. It is too late, he said.",
         {"Merz": ("Friedrich Merz", "person")},
         [("reported", "unnamed diplomat", "the plan was dead"),
          ("reported", "Friedrich Merz", "It is too late")]),
        # "the civil surgeon": the person with that written title
        ("Civil Surgeon Dr Asif Chowdhury said 27 teams had gone out.\n\n"
         '"Our worry is water," the civil surgeon said.',
         {"Asif Chowdhury": ("Asif Chowdhury", "person")},
         [("reported", "Asif Chowdhury", "27 teams had gone out"),
          ("direct", "Asif Chowdhury", "Our worry is water")]),
    ],
)  # fmt: skip
def test_nouns_unnamed_sources_and_written_titles(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # an unnamed source, then where they are or whom they speak for
        ("An aid worker in Dhaka said the camps were flooded.", {},
         [("reported", "unnamed aid worker", "the camps were flooded")]),
        ("A doctor at the district hospital said the wards were full.", {},
         [("reported", "unnamed doctor", "the wards were full")]),
        ("A spokesperson for the ministry said the numbers would rise.", {},
         [("reported", "unnamed spokesperson", "the numbers would rise")]),
        ("Spain has pledged more, ministers in Paris said.", {},
         [("reported", "unnamed ministers", "Spain has pledged more")]),
        ("Officials at the Hellenic Fire Service said crews were tired.",
         {"Hellenic Fire Service": ("Hellenic Fire Service", "organization")},
         [("reported", "Hellenic Fire Service", "crews were tired")]),
        # the phrase after the source is short and holds no clause of its own (an organisation
        # ending the subject speaks for its spokesperson)
        ("A spokesperson for NATO said that French officials have said Paris could deploy.",
         {"NATO": ("NATO", "organization")},
         [("reported", "NATO", "French officials have said Paris could deploy"),
          ("reported", "unnamed officials (French)", "Paris could deploy")]),
        # a country at the end of the phrase is the source's, not the speaker
        ("Russia fired missiles at the port, a Ukrainian official in Odesa said.",
         {"Ukrainian": ("Ukraine", "country")},
         [("reported", "unnamed official (Ukrainian)", "Russia fired missiles at the port")]),
        ("A diplomat from France said the plan was dead.", {"France": ("France", "country")},
         [("reported", "unnamed diplomat (France)", "the plan was dead")]),
        # "one of the diplomats": the latest unnamed diplomat; "the person": the latest source
        ('A diplomat said the plan was dead. An official said talks would go on. "It is over," '
         "one of the diplomats said.", {},
         [("reported", "unnamed diplomat", "the plan was dead"),
          ("reported", "unnamed official", "talks would go on"),
          ("direct", "unnamed diplomat", "It is over")]),
        ('A diplomat said the plan was dead. An official said talks would go on. "It is over," '
         "the person said.", {},
         [("reported", "unnamed diplomat", "the plan was dead"),
          ("reported", "unnamed official", "talks would go on"),
          ("direct", "unnamed official", "It is over")]),
        # "she" after an unnamed source who spoke outside quote marks
        ('A senior official said the talks had stalled.\n\n"We are not there yet," she said.', {},
         [("reported", "unnamed official", "the talks had stalled"),
          ("direct", "unnamed official", "We are not there yet")]),
        ('An aid worker in Dhaka said the camps were flooded. "The water came at night," she '
         "said.", {},
         [("reported", "unnamed aid worker", "the camps were flooded"),
          ("direct", "unnamed aid worker", "The water came at night")]),
    ],
)  # fmt: skip
def test_unnamed_sources_with_a_place_and_their_pronouns(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # a public body named by what it is: the article's organisation of that name, else
        # the body with its country
        ("Greek police said a man had been charged.", {"Greek": ("Greece", "country")},
         [("reported", "police (Greece)", "a man had been charged")]),
        ("The Hellenic Police said it was ready. Later, police said two men were held.",
         {"Hellenic Police": ("Hellenic Police", "organization")},
         [("reported", "Hellenic Police", "it was ready"),
          ("reported", "Hellenic Police", "two men were held")]),
        # what a source publishes, then the source
        ("According to the latest data of the Hellenic Fire Service, 980 firefighters are "
         "operating.", {"Hellenic Fire Service": ("Hellenic Fire Service", "organization")},
         [("reported", "Hellenic Fire Service", "980 firefighters are operating")]),
        # "the government": the country the article is about, not the last one named
        ("Fires burned in Greece. Greece asked for help. Sweden and Germany sent planes. The "
         "government says prevention spending rose.",
         {"Greece": ("Greece", "country"), "Sweden": ("Sweden", "country"),
          "Germany": ("Germany", "country")},
         [("reported", "Greece", "prevention spending rose")]),
        # ... the first named of the countries named most
        ("Greece asked for help. Sweden and Germany sent planes. The government says "
         "prevention spending rose.",
         {"Greece": ("Greece", "country"), "Sweden": ("Sweden", "country"),
          "Germany": ("Germany", "country")},
         [("reported", "Greece", "prevention spending rose")]),
    ],
)  # fmt: skip
def test_public_bodies_their_documents_and_the_government(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # the antecedent of "who said"; after "according to X" too
        ("He met John Smith, who said it was final.",
         {"John Smith": ("John Smith", "person")},
         [("reported", "John Smith", "it was final")]),
        ("The group demanded $8mn, according to a person familiar with the matter, who said "
         "Meridian had no intention of paying.", {},
         [("reported", "unnamed source", "The group demanded $8mn"),
          ("reported", "unnamed source", "Meridian had no intention of paying")]),
        # ... not an anonymity aside
        ("A resident, who asked not to be named, said the water rose.", {},
         [("reported", "unnamed resident", "the water rose")]),
        # telling what was not known, or a figure
        ("Meridian Telecom Group has disclosed that hackers stole data. Daniel Huang estimated "
         "that the incident could cost £150mn.",
         {"Meridian Telecom Group": ("Meridian Telecom Group", "organization"),
          "Daniel Huang": ("Daniel Huang", "person")},
         [("reported", "Meridian Telecom Group", "hackers stole data"),
          ("reported", "Daniel Huang", "the incident could cost £150mn")]),
        # a described organisation: a capitalised modifier that describes; the one named most
        ("Meridian Telecom Group fell. Meridian Telecom Group apologised. The Data Protection "
         "Commission opened an inquiry. The London-listed group said data was taken.",
         {"Meridian Telecom Group": ("Meridian Telecom Group", "organization"),
          "Data Protection Commission": ("Data Protection Commission", "organization")},
         [("reported", "Meridian Telecom Group", "data was taken")]),
        ("Meridian Mobile fell. Meridian Mobile apologised. The Data Protection Commission "
         "opened an inquiry. The company said data was taken.",
         {"Meridian Mobile": ("Meridian Mobile", "organization"),
          "Data Protection Commission": ("Data Protection Commission", "organization")},
         [("reported", "Meridian Mobile", "data was taken")]),
    ],
)  # fmt: skip
def test_relative_speakers_disclosures_and_described_organisations(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


def test_an_apposition_before_the_name_gives_the_role():
    """'Bangladesh's minister, Enamul Haque Bhuiyan, said ...' then 'the minister said': him."""
    text = (
        "Bangladesh's minister, Enamul Haque Bhuiyan, said help was asked for.\n\n"
        '"We saved lives," the minister said.'
    )
    qs = run(text, {"Enamul Haque Bhuiyan": ("Enamul Haque Bhuiyan", "person")})
    assert [(q.kind, q.speaker) for q in qs] == [
        ("reported", "Enamul Haque Bhuiyan"),
        ("direct", "Enamul Haque Bhuiyan"),
    ]


def test_an_adverb_before_the_verb_is_skipped():
    """'The Group currently estimates that ...': the company, not "Group currently"."""
    text = (
        "Meridian Telecom Group issued a statement. The Group currently estimates that 2.1 "
        "million customers were affected."
    )
    from storylens import actors

    gaz = actors.Gazetteer.load()
    sents = split_sentences(text)
    qs = extract_quotes(text, sents, actors.tag_actors(text, sents, gaz), gaz)
    assert [(q.speaker, q.cue) for q in qs] == [("Meridian Telecom Group", "estimates")]


def test_a_role_far_from_its_only_holder_and_a_role_of_an_organisation():
    """'The Minister stated:' far below the one minister named at the top; 'The Chief of the
    Fire Service stated' is the chief named with that role (after a rank)."""
    filler = "The fires spread through pine forests on the island that week. " * 30
    text = (
        "The Minister of Climate Crisis and Civil Protection, Mr Nikos Kefalas, chaired a "
        "meeting. It was attended by the Chief of the Fire Service, Lt. Gen. Stefanos Karras.\n\n"
        + filler
        + "\n\nThe Chief of the Fire Service stated that the fronts were under control.\n\n"
        "The Minister stated: «Our first priority was the protection of human life.»"
    )
    table = {
        "Nikos Kefalas": ("Nikos Kefalas", "person"),
        "Stefanos Karras": ("Stefanos Karras", "person"),
        "Fire Service": ("Fire Service", "organization"),
    }
    assert [(q.kind, q.speaker) for q in run(text, table)] == [
        ("reported", "Stefanos Karras"),
        ("direct", "Nikos Kefalas"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # trades and groups speaking unnamed, also capitalised at a sentence's start
        ("Pharmacists said phones had not stopped ringing.",
         [("reported", "unnamed pharmacists", "phones had not stopped ringing")]),
        ("Retailers warn: 'Christmas stock is at risk'.",
         [("direct", "unnamed retailers", "Christmas stock is at risk")]),
        # "adding to" and "added to" are no speech
        ("It proved a test for the bank, with pressure from farmers adding to the strain.", []),
        ("Farmers added to the pressure. Analysts added that the bank would cut rates.",
         [("reported", "unnamed analysts", "the bank would cut rates")]),
    ],
)  # fmt: skip
def test_unnamed_trades_and_adding_to(text, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text)] == expected


def test_occupation_and_hyphenated_given_name_before_a_name():
    # end to end, with the tagger: a capitalised occupation opens the sentence; a hyphenated
    # given name ("Pieter-Jan") is a given name; "he" is the person of the sentence before
    from storylens.actors import Gazetteer, tag_actors

    text = (
        "Pharmacist Mehmet Aydın, who runs a pharmacy in Essen, says he had 60 customers.\n\n"
        "On the picket line, Pieter-Jan De Smedt, the union's vice-chair, was unmoved.\n\n"
        "'We have heard all this before,' he told the Gazette."
    )
    gz = Gazetteer.load()
    sents = split_sentences(text)
    qs = extract_quotes(text, sents, tag_actors(text, sents, gz), gz)
    assert [(q.speaker, q.quote) for q in qs] == [
        ("Mehmet Aydın", "he had 60 customers"),
        ("Pieter-Jan De Smedt", "We have heard all this before"),
    ]


@pytest.mark.parametrize(
    "text, table, expected",
    [
        # a quote ending a sentence: the verb after it opens a new sentence's reported clause
        ("“We lost €4 million,” said José Muñoz. “We will not pay more.” Mr Muñoz said he "
         "remained hopeful of a deal.", {"José Muñoz": ("José Muñoz", "person"),
                                         "Muñoz": ("José Muñoz", "person")},
         [("direct", "José Muñoz", "We lost €4 million"),
          ("direct", "José Muñoz", "We will not pay more."),
          ("reported", "José Muñoz", "he remained hopeful of a deal")]),
        # ... also after an adverbial ("said on Thursday it ..."); a sloppy "“...” X said in a
        # statement." stays the quote's attribution
        ("“We lost €4 million,” said José Muñoz. “It is over.” Mr Muñoz said on Thursday it "
         "would not pay.", {"José Muñoz": ("José Muñoz", "person"),
                            "Muñoz": ("José Muñoz", "person")},
         [("direct", "José Muñoz", "We lost €4 million"),
          ("direct", "José Muñoz", "It is over."),
          ("reported", "José Muñoz", "it would not pay")]),
        ("“We will not pay more.” Mr Muñoz said in a statement.",
         {"Muñoz": ("José Muñoz", "person")}, [("direct", "José Muñoz", "We will not pay more.")]),
        # a quote in guillemets after "told X:" is the marks' own, no reported clause
        ("Peskov told the Observer in Odesa: «Nobody will send soldiers.»",
         {"Peskov": ("Dmitry Peskov", "person")},
         [("direct", "Dmitry Peskov", "Nobody will send soldiers.")]),
        # the subject set off by commas before its verb
        ("The minister, Thijs van Leeuwen, urged calm and said the state would not intervene.",
         {"Thijs van Leeuwen": ("Thijs van Leeuwen", "person")},
         [("reported", "Thijs van Leeuwen", "the state would not intervene")]),
        # a person's aide named in apposition speaks, not the person ("Odera's lawyer, X, said")
        ("Tomas Vella went to court. Vella’s lead counsel, Lucy Karanja, argues that the "
         "ruling was wrong.", {"Tomas Vella": ("Tomas Vella", "person"),
                               "Vella": ("Tomas Vella", "person"),
                               "Lucy Karanja": ("Lucy Karanja", "person")},
         [("reported", "Lucy Karanja", "the ruling was wrong")]),
        ("His counterpart, Élodie Vanderstraeten, went further, saying that the government "
         "was examining all options.", {"Élodie Vanderstraeten": ("Élodie Vanderstraeten",
                                                                 "person")},
         [("reported", "Élodie Vanderstraeten", "the government was examining all options")]),
    ],
)  # fmt: skip
def test_new_sentence_after_a_quote_and_apposed_subjects(text, table, expected):
    assert [(q.kind, q.speaker, q.quote) for q in run(text, table)] == expected


# ---------------------------------------------------------------- transcripts


_TRANSCRIPT = (
    "PRESENTER: Good morning. I'm Tomasz Wiercinski. With me is the port director, "
    "Helena Oyelaran-Brandt.\n\n"
    "OYELARAN-BRANDT: Thank you. It has been a hard month.\n\n"
    "PRESENTER: The dockers, the Union of Crane Operators, say the cranes are unsafe.\n\n"
    "OYELARAN-BRANDT: We inspect every crane twice a year. I said that to the union.\n\n"
    "PRESENTER: Is the port safe?\n\n"
    "Ruairi Castellanos: No. I have worked there for twenty years.\n\n"
    "PRESENTER: Thank you both.\n\n"
    "Ruairi Castellanos: Thank you."
)
_TRANSCRIPT_ACTORS = {
    "Helena Oyelaran-Brandt": ("Helena Oyelaran-Brandt", "person"),
    "Ruairi Castellanos": ("Ruairi Castellanos", "person"),
    "Union of Crane Operators": ("Union of Crane Operators", "organization"),
}


def test_transcript_turns_are_their_speakers_direct_words():
    qs = run(_TRANSCRIPT, _TRANSCRIPT_ACTORS)
    turns = [(q.speaker, q.quote) for q in qs if q.cue == "transcript"]
    assert turns == [
        ("Tomasz Wiercinski", _TRANSCRIPT[11:].split("\n")[0]),
        ("Helena Oyelaran-Brandt", "Thank you. It has been a hard month."),
        (
            "Tomasz Wiercinski",
            "The dockers, the Union of Crane Operators, say the cranes are unsafe.",
        ),
        (
            "Helena Oyelaran-Brandt",
            "We inspect every crane twice a year. I said that to the union.",
        ),
        ("Tomasz Wiercinski", "Is the port safe?"),
        ("Ruairi Castellanos", "No. I have worked there for twenty years."),
        ("Tomasz Wiercinski", "Thank you both."),
        ("Ruairi Castellanos", "Thank you."),
    ]
    assert {q.kind for q in qs if q.cue == "transcript"} == {"direct"}
    # the label is no subject ("PRESENTER say ..."); "I" in a turn is its speaker, no author
    reported = [(q.speaker, q.quote) for q in qs if q.kind == "reported"]
    assert reported[0] == ("Union of Crane Operators", "the cranes are unsafe")
    assert reported[1][0] == "Helena Oyelaran-Brandt"
    assert all(q.speaker not in ("PRESENTER", "the author") for q in qs)


def test_transcript_host_without_a_name_is_the_role():
    text = _TRANSCRIPT.replace("I'm Tomasz Wiercinski. ", "")
    qs = run(text, _TRANSCRIPT_ACTORS)
    host = [q for q in qs if q.cue == "transcript" and q.speaker_surface == "PRESENTER"]
    assert {(q.speaker, q.speaker_type) for q in host} == {("the presenter", "role")}


def test_labels_that_name_nobody_or_do_not_take_turns_are_no_transcript():
    text = (
        "Update: The ministry said the bridge would reopen on Friday.\n\n"
        "Note: Times are local.\n\n"
        "Update: Traffic is flowing again.\n\n"
        "Note: This story has been corrected.\n\n"
        "LISBON: Ferries are running.\n\n"
        "LISBON: Trains are not.\n\n"
        "Key points: the bridge, the ferries.\n\n"
        "Read more: Why bridges fail."
    )
    assert not [q for q in run(text) if q.cue == "transcript"]


def test_paragraph_label_is_no_subject():
    text = "Update: The union, the Federation of Ferry Crews, says the strike will go on."
    table = {"Federation of Ferry Crews": ("Federation of Ferry Crews", "organization")}
    [q] = run(text, table)
    assert (q.speaker, q.quote) == ("union", "the strike will go on")


def test_who_is_who_list_is_no_transcript():
    # each name opens one paragraph only: a list, not people taking turns
    text = (
        "Helena Oyelaran-Brandt: port director since 2019.\n\n"
        "Ruairi Castellanos: a crane operator for twenty years.\n\n"
        "Tomasz Wiercinski: the union's lawyer."
    )
    table = {**_TRANSCRIPT_ACTORS, "Tomasz Wiercinski": ("Tomasz Wiercinski", "person")}
    assert not [q for q in run(text, table) if q.cue == "transcript"]


def test_reader_qa_block_answers_through_the_person_introduced():
    text = (
        "We put readers' questions to Dr Imke Vasquez-Lindqvist, a hydrologist.\n\n"
        "Q: Is the tap water safe?\n\n"
        "A: Yes. Boil it for a minute if you are worried.\n\n"
        "Q: How long will the warning last?\n\n"
        "A: About a week, until the tests come back clean.\n\n"
        "The council said it would publish results daily."
    )
    table = {"Imke Vasquez-Lindqvist": ("Imke Vasquez-Lindqvist", "person")}
    turns = [
        (q.speaker, q.speaker_type, q.quote) for q in run(text, table) if q.cue == "transcript"
    ]
    assert turns == [
        ("unnamed reader", "anonymous", "Is the tap water safe?"),
        ("Imke Vasquez-Lindqvist", "person", "Yes. Boil it for a minute if you are worried."),
        ("unnamed reader", "anonymous", "How long will the warning last?"),
        ("Imke Vasquez-Lindqvist", "person", "About a week, until the tests come back clean."),
    ]


def test_qa_answers_in_quote_marks_are_the_interviewees():
    text = (
        "We asked Dr Imke Vasquez-Lindqvist, a hydrologist, to answer readers' questions.\n\n"
        "Q: Is the tap water safe?\n\n"
        "A: \u201cYes. Boil it for a minute if you are worried.\u201d\n\n"
        "Q: How long will the warning last?\n\n"
        "A: \u201cAbout a week, until the tests come back clean.\u201d"
    )
    table = {"Imke Vasquez-Lindqvist": ("Imke Vasquez-Lindqvist", "person")}
    answers = [
        (q.speaker, q.kind, q.cue) for q in run(text, table) if q.quote[:3] in ("Yes", "Abo")
    ]
    assert answers == [("Imke Vasquez-Lindqvist", "direct", "transcript")] * 2


def test_single_qa_pair_or_one_without_a_person_is_no_transcript():
    one_pair = "Reader question\n\nQ: Why the delay?\n\nA: The winch failed, officials told us."
    assert not [q for q in run(one_pair) if q.cue == "transcript"]
    nobody = (
        "Your questions answered.\n\n"
        "Q: Is it safe?\n\nA: Yes.\n\nQ: For how long?\n\nA: A week, we are told."
    )
    assert not [q for q in run(nobody) if q.cue == "transcript"]


def test_live_blog_pronoun_does_not_reach_into_an_earlier_entry():
    text = (
        "Rolling coverage\n\n"
        "9:41pm\n\n"
        "Oppositionist Tarquin Wele has just spoken to supporters. \u201cWe will appeal,\u201d he"
        " said.\n\n"
        "8:05pm\n\n"
        "Returning officer Anselm Quirke declared the result. \u201cThe count was clean,\u201d he"
        " said."
    )
    # the tagger missed the first entry's speaker: "he" is nobody, not the later entry's man
    qs = run(text, {"Anselm Quirke": ("Anselm Quirke", "person")})
    assert one(qs, "We will appeal").speaker == "unattributed"
    assert one(qs, "The count was clean").speaker == "Anselm Quirke"
    # found, he is the speaker
    table = {
        "Tarquin Wele": ("Tarquin Wele", "person"),
        "Anselm Quirke": ("Anselm Quirke", "person"),
    }
    assert one(run(text, table), "We will appeal").speaker == "Tarquin Wele"
    # with the entries the other way round the time lines hold the later entry's "he" back too
    flipped = (
        "8:05pm\n\nReturning officer Anselm Quirke declared the result.\n\n"
        "9:41pm\n\nThe crowd cheered. \u201cWe will appeal,\u201d he said."
    )
    qs = run(flipped, {"Anselm Quirke": ("Anselm Quirke", "person")})
    assert one(qs, "We will appeal").speaker == "unattributed"


def test_the_chairperson_is_the_holder_named_in_a_long_apposition():
    text = (
        "Under the Act, the Chairperson of the National Water and Sewerage Regulatory Authority"
        " (\u201cthe Authority\u201d), Ms Ruth Okonkwo-Baptiste, today approved the tariffs."
        " Mr Otto Brandl was named her deputy.\n\n"
        "Speaking at the launch, the Chairperson said: \u201cThe new tariffs are fair to every"
        " household.\u201d\n\n"
        "She added: \u201cNobody will pay more this year.\u201d"
    )
    table = {
        "Ruth Okonkwo-Baptiste": ("Ruth Okonkwo-Baptiste", "person"),
        "Otto Brandl": ("Otto Brandl", "person"),
    }
    qs = run(text, table)
    assert one(qs, "The new tariffs").speaker == "Ruth Okonkwo-Baptiste"
    assert one(qs, "Nobody will pay").speaker == "Ruth Okonkwo-Baptiste"
    lower = text.replace("Chairperson", "chairman").replace("Ms ", "Mr ").replace("She", "He")
    assert one(run(lower, table), "The new tariffs").speaker == "Ruth Okonkwo-Baptiste"


def test_an_untagged_name_ending_in_an_organisation_head_is_that_organisation():
    text = (
        "The Federal Police Service said 41 people had been stopped at the crossing."
        " Police deny using force.\n\n"
        "The Halvard Fisheries Commission said it would review the quotas."
    )
    qs = {q.quote[:12]: (q.speaker, q.speaker_type) for q in run(text)}
    assert qs["41 people ha"] == ("Federal Police Service", "organization")
    assert qs["using force"] == ("Federal Police Service", "organization")  # "Police" is it
    assert qs["it would rev"] == ("Halvard Fisheries Commission", "organization")


def test_parents_and_voters_are_unnamed_groups():
    text = (
        "The clinic closed on Monday. Parents say they no longer know where to go."
        " A mother of three said the queue was hours long. Voters said the booths opened late."
    )
    got = [(q.speaker, q.speaker_type) for q in run(text) if q.kind == "reported"]
    assert got == [
        ("unnamed parents", "anonymous"),
        ("unnamed mother", "anonymous"),
        ("unnamed voters", "anonymous"),
    ]


# ---------------------------------------------------------------- named speakers


def test_surname_with_a_non_ascii_capital_and_first_of_two_surnames():
    text = (
        "Engineer Tomás Ŝiljević Ortúzar said the tunnel was stable.\n\n"
        "“We will open it on Friday,” said Director Ŝiljević. “Not before.”"
    )
    table = {"Tomás Ŝiljević Ortúzar": ("Tomás Ŝiljević Ortúzar", "person")}
    qs = run(text, table)
    assert {q.speaker for q in qs if q.kind == "direct"} == {"Tomás Ŝiljević Ortúzar"}


def test_colon_right_after_a_titled_name():
    text = "The pump failed twice. Site manager Ingrid Castellví Mora: “We stop until it is fixed.”"
    table = {"Ingrid Castellví Mora": ("Ingrid Castellví Mora", "person")}
    q = one(run(text, table), "We stop")
    assert (q.speaker, q.cue) == ("Ingrid Castellví Mora", ":")


def test_british_quote_over_two_paragraphs_with_single_marks():
    text = (
        "Its chair, Oona Pettersen-Idowu, said: 'We waited six years for this. Some of our "
        "members closed their shops.\n\n"
        "'Today they were heard. We will watch the company closely.'\n\n"
        "The company said it would appeal."
    )
    table = {"Oona Pettersen-Idowu": ("Oona Pettersen-Idowu", "person")}
    qs = [q for q in run(text, table) if q.kind == "direct"]
    assert [(q.speaker, q.quote[:20]) for q in qs] == [
        ("Oona Pettersen-Idowu", "We waited six years "),
        ("Oona Pettersen-Idowu", "Today they were hear"),
    ]


def test_name_before_its_bracketed_acronym_is_the_speaker():
    text = (
        "The complainant, the Guild of Harbour Pilots (GHP), called the ruling "
        '"a victory for every pilot on the coast".'
    )
    table = {
        "Guild of Harbour Pilots": ("Guild of Harbour Pilots", "organization"),
        "GHP": ("Guild of Harbour Pilots", "organization"),
    }
    q = one(run(text, table), "a victory")
    assert (q.speaker, q.speaker_type) == ("Guild of Harbour Pilots", "organization")


# ---------------------------------------------------------------- places are no speakers


def test_possessor_country_is_not_the_speaker_of_its_authority():
    text = "Norway's Fisheries Inspectorate, which ran the survey, said stocks had recovered."
    table = {
        "Norway": ("Norway", "country"),
        "Fisheries Inspectorate": ("Fisheries Inspectorate", "organization"),
    }
    [q] = run(text, table)
    assert (q.speaker, q.quote) == ("Fisheries Inspectorate", "stocks had recovered")


def test_place_after_the_subject_is_not_the_speaker():
    text = (
        "Two climbers are missing. A Nepali consular official who flew in from Pokhara said "
        "Kathmandu would pay for the search. Chile’s consulate in Lhasa said it was in "
        "contact with the families."
    )
    table = {"Kathmandu": ("Nepal", "country"), "Chile": ("Chile", "country")}
    speakers = [(q.speaker, q.speaker_type) for q in run(text, table)]
    assert speakers == [("unnamed official (Nepali)", "anonymous"), ("Chile", "country")]


def test_relative_that_after_a_described_appositive():
    text = (
        "The complaint came from the Guild of Harbour Pilots (GHP), a Hamburg-based group "
        "that says it speaks for 900 pilots."
    )
    table = {
        "Guild of Harbour Pilots": ("Guild of Harbour Pilots", "organization"),
        "GHP": ("Guild of Harbour Pilots", "organization"),
    }
    [q] = run(text, table)
    assert (q.speaker, q.quote) == ("Guild of Harbour Pilots", "it speaks for 900 pilots")


# ---------------------------------------------------------------- asides after the speaker


def test_person_of_an_organisation_before_a_relative_aside_speaks():
    # two sentences in marks, then "NAME of ORG, which ..., told us": the person, not the
    # organisation the aside describes, and the aside is no distance from the quote
    text = (
        '"Lenders have lost money. What they got is a bet on recovery," Tomas Ferreira of '
        "Ridgeline Partners, which advises the creditor group, told us on Monday."
    )
    table = {"Ridgeline Partners": ("Ridgeline Partners", "organization")}
    for t in (table, {}):
        q = one(run(text, t), "Lenders have lost money")
        assert (q.speaker, q.speaker_type, q.cue) == ("Tomas Ferreira", "person", "told")


def test_unnamed_source_with_a_place_based_and_a_noun_modifier():
    # "One Lisbon-based pension manager": an unnamed manager, qualified by the place, as the
    # subject of a plain verb and of a clause a participle continues ("..., telling us ...")
    text = (
        "One Lisbon-based pension manager said the new notes were cheap. "
        "A Porto-based fund manager was less generous, telling us the notes are "
        '"priced for perfection."\n\n'
        "A union official, who spoke on condition of anonymity, was blunter:\n"
        '"They counted errors and called them fraud."'
    )
    qs = run(text)
    got = [(q.kind, q.speaker, q.quote) for q in qs]
    assert ("reported", "unnamed manager (Lisbon-based)", "the new notes were cheap") in got
    assert ("partial", "unnamed manager (Porto-based)", "priced for perfection.") in got
    # the one told ("us") is no part of what was said
    assert (
        "reported",
        "unnamed manager (Porto-based)",
        'the notes are "priced for perfection."',
    ) in got
    assert one(qs, "They counted errors").speaker == "unnamed official"


def test_name_in_apposition_to_a_role_speaks():
    # the role comes first and the name after a comma: the person named speaks, whether the
    # role follows the verb or opens the sentence with a particle in the name ("dos")
    text = (
        '"Our crews have worked all night," said the head of the relief agency, Baltazar '
        "Ofumo Nhaca.\n\n"
        "Mr Nhaca added that the roads would reopen on Friday.\n\n"
        "The agency spokesperson, Ilda dos Reis Tembe, said that the number of displaced "
        "people was growing."
    )
    qs = run(text)
    assert one(qs, "Our crews").speaker == "Baltazar Ofumo Nhaca"
    reported = {q.quote: q.speaker for q in qs if q.kind == "reported"}
    assert reported["the roads would reopen on Friday"] == "Baltazar Ofumo Nhaca"
    assert reported["the number of displaced people was growing"] == "Ilda dos Reis Tembe"


def test_interview_whose_questions_carry_the_outlets_name():
    text = (
        "We spoke to Dr Kamala Wijesinghe, an economist, during a break. This is an edited "
        "transcript.\n\n"
        "Harbour Times: Is the haircut a good outcome?\n\n"
        "Wijesinghe: It is a fair one. The hard part comes later.\n\n"
        "Harbour Times: What should people expect?\n\n"
        "Wijesinghe: Two more years of tight budgets.\n\n"
        "Update: The debate resumes on Tuesday."
    )
    table = {
        "Kamala Wijesinghe": ("Kamala Wijesinghe", "person"),
        "Wijesinghe": ("Kamala Wijesinghe", "person"),
    }
    qs = run(text, table)
    got = [(q.speaker, q.quote) for q in qs if q.cue == "transcript"]
    assert got == [
        ("the author", "Is the haircut a good outcome?"),
        ("Kamala Wijesinghe", "It is a fair one. The hard part comes later."),
        ("the author", "What should people expect?"),
        ("Kamala Wijesinghe", "Two more years of tight budgets."),
    ]


def test_rank_abbreviation_before_a_full_name_is_no_part_of_it():
    text = "Police spokesman DSP Nimal Jayaweera said the crowd had dispersed peacefully."
    [q] = run(text)
    assert (q.speaker, q.speaker_type) == ("Nimal Jayaweera", "person")


def test_short_label_with_a_colon_after_the_speakers_sentence():
    text = (
        "Deputy Trade Minister Ravi Kumar has opened the debate. Key lines:\n\n"
        '"Every creditor is on comparable terms. That is what we delivered."'
    )
    q = one(run(text, {"Ravi Kumar": ("Ravi Kumar", "person")}), "Every creditor")
    assert (q.speaker, q.cue) == ("Ravi Kumar", ":")
