"""Tests for storylens.sentences: the splitter's hard cases and the word counter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.sentences import count_words, iter_words, sentence_texts, split_sentences


def sents(text: str) -> list[str]:
    return sentence_texts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quotes that end with an attribution stay one sentence
        (
            '"It is, quite frankly, impossible," said Ed Arnold. Then he left.',
            ['"It is, quite frankly, impossible," said Ed Arnold.', "Then he left."],
        ),
        # a closing quote after the period ends the sentence (straight and curly)
        ('He said: "We will go." Then they went.', ['He said: "We will go."', "Then they went."]),
        ("He said: “We will go.” Then they went.", ["He said: “We will go.”", "Then they went."]),
        ("They called it a ‘reassurance force.’ It was not.", 2),
        # ? and ! inside quotes followed by a lowercase attribution
        (
            '"What are the chances of a ceasefire happening?" asked Heisbourg. Next one.',
            ['"What are the chances of a ceasefire happening?" asked Heisbourg.', "Next one."],
        ),
        ("“Stop!” shouted the crowd. It did not.", ["“Stop!” shouted the crowd.", "It did not."]),
        ('"Why?" Trump asked. Nobody knew.', ['"Why?" Trump asked.', "Nobody knew."]),
        # after a period inside the quote the sentence is over, even before "Name verb"
        (
            "“We stay.” Meloni told reporters: “No.” Then they went.",
            ["“We stay.”", "Meloni told reporters: “No.”", "Then they went."],
        ),
        ("'It is done.' Smith said the talks would resume.", 2),
        # titles and abbreviations
        (
            "Gen. Dan Caine met Lt. Col. Smith and Mr. Jones on Sept. 5 at 10 a.m. in Washington.",
            None,
        ),
        ("Sen. Marco Rubio and Rep. Jones arrived. They spoke.", 2),
        ("The U.S. and the U.K. agreed, i.e. the E.U. did not. Talks follow.", 2),
        ("No. 10 Downing Street said so, e.g. in a note. Fine.", 2),
        ("Acme Inc. reported a loss. Acme Inc. Chief Executive spoke.", 2),
        # U.S. at a real sentence end, followed by a sentence starter
        (
            "The force would be led by the U.S. The next day, U.S. officials denied it.",
            ["The force would be led by the U.S.", "The next day, U.S. officials denied it."],
        ),
        ("Troops from the U.S. He said nothing else.", 2),
        # initials
        ("Vice President JD Vance said so. J. R. Smith agreed.", 2),
        ("J.R.R. Tolkien wrote it. Then he died.", 2),
        # decimals and fractions
        ("It grew 3.5% in 3½ years. It was 0.25 of it.", 2),
        # ellipses
        ("They killed...and nobody wants that. Right.", 2),
        ("China believes in dialogue…we support peace.", 1),
        ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        ("He paused…Then he spoke.", ["He paused…", "Then he spoke."]),
        # lowercase after a period does not start a sentence
        ("Spending etc. and more. Done.", 2),
        # other terminators
        ("Is it over? No! It is not.", ["Is it over?", "No!", "It is not."]),
    ],
)
def test_hard_cases(text, expected):
    got = sents(text)
    if expected is None:
        assert got == [text]
    elif isinstance(expected, int):
        assert len(got) == expected, got
    else:
        assert got == expected


def test_line_breaks_always_end_sentences():
    text = "Air support\nU.S. air support could come.\n\nA new paragraph without period\nMore"
    assert sents(text) == [
        "Air support",
        "U.S. air support could come.",
        "A new paragraph without period",
        "More",
    ]


def test_offsets_ids_and_whitespace():
    text = "  First one.   Second one!  \n\n\n  Third  "
    got = split_sentences(text)
    assert [s.sent_id for s in got] == [0, 1, 2]
    assert [text[s.start : s.end] for s in got] == ["First one.", "Second one!", "Third"]


def test_no_empty_or_punctuation_only_sentences():
    assert split_sentences("") == []
    assert split_sentences("\n\n  \n") == []
    assert sents("Text here.\n“`\n— \nMore.") == ["Text here.", "More."]


def test_heading_and_markdown_lines():
    text = "## Why Europeans care\n\nThey do. A lot."
    assert sents(text) == ["## Why Europeans care", "They do.", "A lot."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab AB.?!…"”“\n,3')), max_size=80))
def test_property_offsets(text):
    got = split_sentences(text)
    prev_end = -1
    for i, s in enumerate(got):
        assert s.sent_id == i
        piece = text[s.start : s.end]
        assert piece and piece == piece.strip()
        assert s.start >= prev_end
        assert "\n" not in piece
        prev_end = s.end


def test_words():
    text = "Zelenskyy's 3½-year war: don't re-arm, U.S. 30,000 troops — ok"
    words = [m.group() for m in iter_words(text)]
    assert words[:4] == ["Zelenskyy's", "3½-year", "war", "don't"]
    assert "re-arm" in words
    assert count_words(text) == len(words)
    assert count_words("") == 0
    assert count_words("one two  three\nfour") == 4
