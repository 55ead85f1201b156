"""Tests for storylens.clean: each furniture rule (positive and negative), context rules,
idempotence, and the byline/date/copyright helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.clean import (
    clean_text,
    is_release_label,
    load_rules,
    parse_byline,
    parse_copyright_holder,
    parse_date,
    split_lines,
)
from storylens.paths import SEEDS_DIR

BODY = "Officials said on Tuesday that talks would continue in Geneva next week."


def removed_by(line: str, **kw) -> str:
    """The rule that removes ``line`` when it sits between two article paragraphs, or ""."""
    text = f"{BODY}\n\n{line}\n\nThe minister declined to comment on the report."
    cleaned, furniture = clean_text(text, **kw)
    rules = [f.rule for f in furniture if f.text == line.strip()]
    assert BODY in cleaned and "declined to comment" in cleaned  # neighbours always kept
    return rules[0] if rules else ""


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (
            "By continuing to browse our site you agree to our use of cookies. "
            "You can change your cookie settings through your browser.",
            "cookie_banner",
        ),
        ("We use cookies to improve your experience. Accept all", "cookie_banner"),
        ("Yes, I agree | No, take me to settings", "cookie_banner"),
        ("All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges "
         "and delays.", "site_chrome"),
        ("Accept all | Reject all | Manage preferences", "cookie_banner"),
        ("CHOOSE YOUR LANGUAGE", "language_chooser"),
        ("Select language:", "language_chooser"),
        ("English Español Français Deutsch Русский", "language_chooser"),
        ("互联网新闻信息许可证10120180008", "licence_number"),
        ("京ICP备12345678号", "licence_number"),
        ("Disinformation report hotline: 010-85061466", "hotline"),
        ("Tip line: +1 (202) 555-0147", "hotline"),
        ("© 2025 Example News. All rights reserved.", "copyright"),
        ("Copyright 2024 The Daily Planet", "copyright"),
        ("Exit mobile version", "site_chrome"),
        ("ADVERTISEMENT", "site_chrome"),
        ("Skip to main content", "site_chrome"),
        ("Share this article", "share_buttons"),
        ("Facebook Twitter WhatsApp Email", "share_buttons"),
        ("Follow us on Telegram", "follow_subscribe"),
        ("Subscribe to our daily newsletter", "follow_subscribe"),
        ("Read more: Ukraine talks stall as winter nears", "read_more"),
        ("RELATED", "read_more"),
        ("You may also like", "read_more"),
        ("Home > World > Europe", "nav_crumb"),
        ("Written By Jane Q. Public", "byline"),
        ("By: JD | Some Insight", "byline"),
        ("By Maria Lopez, Example Wire", "byline"),
        ("Published: August 21, 2025", "dateline"),
        ("Thursday, 21 August 2025 10:32 GMT", "dateline"),
        ("21.08.2025 10:32", "dateline"),
        (
            "A firefighter walks past a damaged building in Odesa on May 3, 2025. REUTERS/Jane Doe",
            "photo_credit",
        ),
        (
            "Leaders meet at the summit in Brussels. Press Office/Handout via REUTERS",
            "photo_credit",
        ),
        ("A tank in the Donetsk region. /Ivan Ivanov/Reuters", "photo_credit"),
        ("Protesters outside parliament (Photo: Jane Doe)", "photo_credit"),
        ("Troops on parade in Kyiv. AP Photo/Jane Doe", "photo_credit"),
        ("A view of the port of Odesa Getty Images", "photo_credit"),
        ("Photo: Jane Doe", "photo_credit"),
        (
            "A radar station near the border.Tanks roll through the village at dawn.",
            "caption_glued",
        ),
        ("Secretary of State Marco Example", "caption_person"),
        ("Defence Minister Jane Example", "caption_person"),
        (
            "Soldiers take part in a training exercise near the border in western Poland.",
            "caption_scene",
        ),
        ("A nurse walks through a field hospital in Kharkiv region.", "caption_scene"),
        ("“`", "stray_symbols"),
        ("* * *", "stray_symbols"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "wire_credits"),
        (
            "Reporting by Jane Doe in Kyiv; Additional reporting by Ann Poe; Writing by Lu Chen",
            "wire_credits",
        ),
        ("Reporting by Jane Doe and Ann Poe in Brussels", "wire_credits"),
        ("Associated Press writer Jane Doe in Kyiv contributed to this report.", "wire_credits"),
        ("Ann Poe contributed reporting from Warsaw.", "wire_credits"),
        (
            "Sign up to This is Europe – the most pressing stories, free every Tuesday",
            "follow_subscribe",
        ),
        (
            "Want more stories like this? Subscribe to The Stack newsletter — it's free.",
            "follow_subscribe",
        ),
        ("Privacy Notice: Newsletters may contain info about charities", "follow_subscribe"),
        ("Subscribe for $1", "follow_subscribe"),
        ("Listen to this article | 6 mins info", "site_chrome"),
        ("This article is part of Example Pro. Want more? Contact pro@example.eu", "contact_line"),
        ("Updated 3:45 p.m. ET", "timestamp"),
        ("Published 09:12 GMT+1", "timestamp"),
        ("Associated Press writer Carla Mendes contributed from Porto.", "wire_credits"),
        ("Tags: Veltrix, layoffs, cloud, earnings", "read_more"),
        ("Explore more on these topics: Portugal, Europe, Far right", "read_more"),
        ("Press play to listen to this article", "site_chrome"),
        ("World › Europe › Portugal", "nav_crumb"),
        (
            "Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine-war",
            "follow_subscribe",
        ),
        # found on the eighth session's probe pages (Guardian, BBC, Al Jazeera, Kyiv
        # Independent, Politico, Reuters and TASS layouts)
        (
            "It’s your choice. We use cookies and similar technologies to give you a better "
            "experience, to personalise content and advertising, and to analyse traffic.",
            "cookie_banner",
        ),
        ("Accept all cookies | Manage preferences | Reject non-essential cookies", "cookie_banner"),
        ("Skip to ContentSkip to Featured ContentSkip to Most Read", "site_chrome"),
        ("Listen to this article | 5 mins", "site_chrome"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "site_chrome"),
        ("Defence correspondent", "site_chrome"),
        ("Save", "site_chrome"),
        ("Click here to share on social media share2", "share_buttons"),
        ("2 hours ago", "timestamp"),
        ("September 1, 2025 6:14 PM · 4 min read", "dateline"),
        ("September 4, 2025 7:58 PM GMT+2 Updated 2 hours ago", "dateline"),
        ("Source: Al Jazeera and news agencies", "wire_credits"),
        ("News|Russia-Ukraine war", "nav_crumb"),
        ("Kyiv Independent · Ukraine · War · Politics · Membership", "nav_crumb"),
        ("Send tips here | Subscribe for free | Listen to Playbook | View in your browser",
         "nav_crumb"),
        ("Claire Dufresne in Paris and Tom Ashworth", "byline"),
        ("Jane Doe | The Herald", "byline"),
        ("EPA", "photo_credit"),
        ("Enjoying Brussels Playbook? Get it in your inbox every weekday morning.",
         "follow_subscribe"),
        ("By signing up you agree to receive email newsletters or updates from us and you agree "
         "to our privacy policy.", "follow_subscribe"),
        ("Support independent journalism. The Example Post is reader-funded. Join more than "
         "20,000 members - become a member for as little as $5 a month.", "donation_appeal"),
        # the second probe round (DW, Sky live blog, think-tank commentary, Le Monde, Euronews)
        ("Skip next section Related topics", "site_chrome"),
        ("Sky News - back to home", "site_chrome"),
        ("Why you can trust Sky News", "site_chrome"),
        ("Reading time 3 min.", "site_chrome"),
        ("Video player loading...", "site_chrome"),
        ("Copy/paste the article video embed link below:", "site_chrome"),
        ("https://www.example.com/embed/2761094", "site_chrome"),
        ("Watch: Macron and Zelenskyy address the media in Paris", "site_chrome"),
        ("18:47", "site_chrome"),
        ("Go to accessibility shortcuts", "site_chrome"),
        ("Posted by Hannah Brewster", "byline"),
        ("Editor: Dana Whitfield", "byline"),
        ("Le Monde with AFP", "wire_credits"),
        ("Associated Press writers Jane Roe in Paris and John Doe in London contributed.",
         "wire_credits"),
        ("Read more Subscribers only In Kyiv, the promise of troops is met with hope",
         "read_more"),
        ("[1] Élysée Palace, press conference by the President, Paris, 4 September 2025.",
         "footnote"),
        ("Published on 03/09/2025 - 16:41 GMT+2 - Updated 17:05", "dateline"),
        ("Commentary | 8 September 2025 | European Security Programme", "dateline"),
        ("Thursday 4 September 2025 18:47, UK", "dateline"),
    ],
)  # fmt: skip
def test_rule_removes_furniture(line: str, rule: str) -> None:
    assert removed_by(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        # article sentences, including ones that share words with furniture rules
        "Some NATO members have proposed patrolling Ukrainian airspace or the Black Sea.",
        "The EU's cookie law requires websites to ask before storing data.",
        "Russia called the hotline twice on Monday, officials said.",
        "Copyright claims against the company rose sharply in 2024, the report said.",
        "Zelenskyy told Reuters the talks would resume.",
        "The Kremlin said Moscow would treat any foreign troops as legitimate targets.",
        "By Tuesday, the force had grown to 5,000 troops.",
        "By the end of the week, the ceasefire had collapsed.",
        "But the planned force faces a number of major diplomatic challenges.",
        "Soldiers took part in exercises in Poland last year, the ministry said.",
        "Troops patrol the border every night, according to local officials.",
        "French officials have said Paris could deploy between 3,000 and 5,000 troops.",
        "He said the U.S.-led coalition would meet again.",
        "The troops arrived.Officials said they were tired.",
        "Share prices fell 3% after the announcement.",
        "Follow the money, he said.",
        "Related talks in Geneva ended without agreement.",
        "Home to 40,000 people, the town was shelled overnight.",
        "Published reports said the deal was close.",
        "Reporting by the BBC showed the talks had stalled.",
        "Reporting by Western media has been limited, the ministry said.",
        "Editing by hand took weeks; the files were large.",
        "The aid contributed to this report's central finding, officials said.",
        "He contributed from his own savings to the fund.",
        "Voters who subscribe to the party's newsletter were told to stay home, she said.",
        "Topics on the agenda included trade and security.",
        "Revenue > costs > debt: the order matters, he said.",
        "Growth was 3% > 2% > 1% in the three years.",
        "Updated figures showed 3,000 troops had left.",
        "Claire Dufresne said the talks in Paris and Berlin had failed.",
        "The editor said the reporter had left.",
        "Readers who support independent journalism were surveyed, she said.",
        "Source: officials said the numbers were wrong.",
        "Watch the border, the minister told the troops.",
        "Editors at the paper said the story would run.",
        "The talks ran from 18:47 until midnight, officials said.",
        "Reporters from the agency contributed to the investigation, the ministry said.",
        # figures in the present tense with a scene verb: economic copy, not captions
        "US tariffs on most EU goods currently stand at 10%.",
        "Inflation stands at 4.5% in the eurozone.",
        "Unemployment runs at 7 per cent in the north.",
        "The deficit stands at $3 trillion in the region.",
        "Figures show the pipeline repairs rose after the floods in Lisbon.",
        # headings are structure, they stay
        "Air support",
        "Security guarantees",
        "Why Europeans believe a ceasefire is necessary",
        "US as a reliable partner",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert removed_by(line) == ""


def _kept_and_removed(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    cleaned, furniture = clean_text("\n\n".join(lines))
    return cleaned.split("\n\n"), {f.text: f.rule for f in furniture}


def test_menu_block_of_short_lines() -> None:
    """Three or more short capitalised lines in a row (removed lines may sit between) are a
    menu; a list a line ending with ":" introduces stays, and so does a lone subheading."""
    menu = ["Home", "News", "Sport", "Advertisement", "US & Canada", "Middle East"]
    kept, removed = _kept_and_removed([*menu, BODY, "Air support", BODY + " Again."])
    assert {removed.get(m) for m in menu} == {"menu", "site_chrome"}
    assert "Air support" in kept
    listed = ["The members are:", "France", "Germany", "Poland", BODY]
    kept, removed = _kept_and_removed(listed)
    assert kept == listed and not removed


def test_tail_after_related_marker() -> None:
    """After "Related topics"/"Tags" below the body, a tail of short non-sentences goes; a
    last paragraph that is a sentence keeps the marker's tail in place."""
    tail = ["Related topics", "Ukraine", "Defence", "Who is in the coalition of the willing?"]
    kept, removed = _kept_and_removed([BODY, "The minister declined to comment.", *tail])
    assert kept == [BODY, "The minister declined to comment."]
    assert set(removed.values()) == {"read_more"}
    lines = [BODY, "Related topics", "Talks resume in Geneva.", "Ukraine"]
    kept, removed = _kept_and_removed(lines)
    assert kept == [BODY, "Talks resume in Geneva.", "Ukraine"]


def test_caption_after_photo_credit() -> None:
    lines = [BODY, "Getty Images", "British and French officers have been drawing up plans", BODY]
    kept, removed = _kept_and_removed(lines)
    assert removed == {"Getty Images": "photo_credit", lines[2]: "caption"}
    lines = [BODY, "Getty Images", "Officers have drawn up plans since March.", BODY]
    kept, removed = _kept_and_removed(lines)
    assert lines[2] in kept
    # a credit that names itself follows its caption; the heading after it stays
    lines = [BODY, "A plane drops water over Limni", "Image: Eurokinissi/picture alliance",
             "Hot, dry and windy", BODY]  # fmt: skip
    kept, removed = _kept_and_removed(lines)
    assert removed == {lines[1]: "caption", lines[2]: "photo_credit"}


def test_sentence_after_caption_is_kept() -> None:
    text = (
        "A Ukrainian serviceman fires a mortar at a frontline. /Jane Doe/Reuters\n\n"
        "Military chiefs met in Washington on Thursday.\n\n"
        "Chairman of the Joint Chiefs Gen. John Example\n\n"
        "Example was set to meet his counterparts on Tuesday."
    )
    cleaned, furniture = clean_text(text)
    assert cleaned.split("\n\n") == [
        "Military chiefs met in Washington on Thursday.",
        "Example was set to meet his counterparts on Tuesday.",
    ]
    assert [(f.rule, f.line_no) for f in furniture] == [("photo_credit", 1), ("caption_person", 3)]


def test_furniture_records_text_and_line_numbers() -> None:
    text = "\n\n\nExit mobile version\n\nFirst sentence.\n\n  Share  \n\nSecond sentence.\n"
    cleaned, furniture = clean_text(text)
    assert cleaned == "First sentence.\n\nSecond sentence."
    lines = split_lines(text)
    for f in furniture:
        assert lines[f.line_no - 1] == f.text
    assert [f.rule for f in furniture] == ["site_chrome", "share_buttons"]


def test_nav_crumb_repeating_a_later_line() -> None:
    title = "Allies Weigh Options for Ukraine Force"
    text = f"Home World {title}\n\n{title}\n\nAllies met on Monday to weigh options."
    cleaned, furniture = clean_text(text)
    assert [f.rule for f in furniture] == ["nav_crumb"]
    assert cleaned.startswith(title)


def test_nav_crumb_with_title_hint_only() -> None:
    title = "Allies Weigh Options for Ukraine Force"
    text = f"News Europe {title}\n\nAllies met on Monday to weigh options."
    assert clean_text(text)[1] == []
    assert [f.rule for f in clean_text(text, title=title)[1]] == ["nav_crumb"]


def test_sentence_ending_like_another_line_is_not_a_crumb() -> None:
    text = "Talks resumed\n\nIn Geneva on Monday, the Talks resumed\n\nMore text follows here."
    assert clean_text(text)[1] == []


def test_repeated_title_at_top() -> None:
    title = "Allies ready to deploy troops"
    text = f"{title}\n\n{title}\n\nEuropean countries are stuck."
    cleaned, furniture = clean_text(text)
    assert [(f.rule, f.line_no) for f in furniture] == [("repeated_title", 2)]
    assert cleaned == f"{title}\n\nEuropean countries are stuck."


def test_masthead_named_by_copyright_line() -> None:
    text = (
        "Harbour Times\n\nPort reopens after strike.\n\n© 2024 Harbour Times. All rights reserved."
    )
    cleaned, furniture = clean_text(text)
    assert cleaned == "Port reopens after strike."
    assert [f.rule for f in furniture] == ["masthead", "copyright"]
    # without a copyright line, a short top line stays
    assert clean_text("Harbour Times\n\nPort reopens after strike.")[1] == []


PULL = "European nations cannot rely on the US ordering jets into action - Jane Expert"
ORIGINAL = (
    "That means European nations cannot rely on the US ordering jets into action because "
    "the answer may change, Expert said."
)


def test_pull_quote_needs_emphasis_and_a_repeat() -> None:
    text = f"Opening line of the story.\n\n{PULL}\n\n{ORIGINAL}"
    cleaned, furniture = clean_text(text, emphasised_lines=[2])
    assert [(f.rule, f.line_no) for f in furniture] == [("pull_quote", 2)]
    assert ORIGINAL in cleaned
    # not emphasised -> kept; emphasised but not repeated -> kept
    assert clean_text(text)[1] == []
    other = "Opening line of the story.\n\n" + PULL + "\n\nSomething else entirely was said."
    assert clean_text(other, emphasised_lines=[2])[1] == []


def test_huge_line_is_kept_and_fast() -> None:
    line = "word " * 400_000 + "end."
    cleaned, furniture = clean_text(f"Exit mobile version\n\n{line}")
    assert furniture[0].rule == "site_chrome" and cleaned == line.strip()


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]


def test_idempotent_on_seeds() -> None:
    for text in seed_texts():
        once = clean_text(text)[0]
        assert clean_text(once) == (once, [])


def test_rules_load_from_yaml_with_names() -> None:
    rules = load_rules()
    names = {name for name, _ in rules.local}
    assert {"cookie_banner", "byline", "photo_credit", "caption_scene"} <= names


FURNITURE_LINES = [
    "Exit mobile version",
    "CHOOSE YOUR LANGUAGE",
    "Home International Some Title Here For You",
    "Some Title Here For You",
    "© 2025 X. All rights reserved.",
    "Written By Jane Doe",
    "Soldiers take part in drills in France.",
    "A tank in a field.Soldiers walk past it.",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(FURNITURE_LINES),
            st.sampled_from(["\n", "\n\n", " ", "\r", "\u2028", "**"]),
        ),
        max_size=12,
    ),
    st.lists(st.integers(min_value=1, max_value=12), max_size=4),
)
def test_clean_property_idempotent_and_accounts_for_every_line(
    parts: list[str], emphasised: list[int]
) -> None:
    text = "\n".join(parts)
    cleaned, furniture = clean_text(text, emphasised_lines=emphasised)
    assert clean_text(cleaned)[0] == cleaned
    kept = split_lines(cleaned)
    assert len(kept) + len(furniture) == len(split_lines(text))
    lines = split_lines(text)
    assert all(lines[f.line_no - 1] == f.text for f in furniture)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Rodney Example", "Rodney Example"),
        ("Written By Rodney Example", "Rodney Example"),
        ("By: TA | AP Insight", "TA"),
        ("BY JOHN SMITH", "JOHN SMITH"),
        ("By John Smith and Jane Doe", "John Smith and Jane Doe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("By continuing to browse our site you agree", ""),
        ("By Tuesday, the force had grown", ""),
        ("By the end of the week", ""),
        ("Standby power was cut.", ""),
    ],
)
def test_parse_byline(line: str, name: str) -> None:
    assert parse_byline(line) == name


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-08-21", "2025-08-21"),
        ("2024-10-30T08:00:00Z", "2024-10-30"),
        ("Published: August 21, 2025", "2025-08-21"),
        ("Aug. 18, 2025", "2025-08-18"),
        ("Sept 4 2025", "2025-09-04"),
        ("21 August 2025", "2025-08-21"),
        ("on Thursday", ""),
        ("August 21", ""),
        ("2025-02-30", ""),
        ("August 21, 20257:32 AM GMT+1Updated 3 hours ago", "2025-08-21"),  # glued time
        ("Published On 21 Aug 202521 Aug 2025", "2025-08-21"),  # glued repeat
        ("2025/08/21", "2025-08-21"),
        ("21.08.2025", "2025-08-21"),  # dots: day first
        ("Published: 21/08/2025 10:32", "2025-08-21"),
        ("08/21/2025", "2025-08-21"),
        ("03/04/2025", ""),  # 3 April or March 4: never guessed
        ("Jan 20255 troops", ""),
        ("Published reports", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("© 2024 Brussels Example. All rights reserved.", "Brussels Example"),
        ("Copyright © 2025 Example Wire", "Example Wire"),
        ("Copyright 2019-2025, The Example Independent", "The Example Independent"),
        ("All rights reserved.", ""),
        ("Copyright © euronews 2025", "euronews"),  # a lower-case brand, the year after it
        ("© 2025 Deutsche Welle | Privacy Policy | Legal notice", "Deutsche Welle"),
        ("© 2025 by the author", ""),
        # the company form and an address after the holder are no part of the outlet's name
        ("© 2026 Guardian News & Media Limited or its affiliated companies. All rights "
         "reserved.", "Guardian News & Media"),
        ("© 2026 Lisbon Centre for European Policy · Rua do Alecrim 12, 1200-018 Lisboa",
         "Lisbon Centre for European Policy"),
        ("Copyright 2025 Acme Media Inc.", "Acme Media"),
        # a dotted abbreviation does not end the holder; Dutch legal forms go too
        ("© 2025 Maasvlakte Container Terminals B.V. and Scheldeport Terminals NV",
         "Maasvlakte Container Terminals B.V. and Scheldeport Terminals"),
        ("Copyright 2025 U.S. News & World Report, L.P.", "U.S. News & World Report"),
    ],
)  # fmt: skip
def test_parse_copyright_holder(line: str, holder: str) -> None:
    assert parse_copyright_holder(line) == holder


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("English Français Deutsch", "language_chooser"),
        ("English " * 31, ""),  # more tokens than max_tokens
        ("Share via email", "share_buttons"),
        ("Share " * 13, ""),
        ("English Deutsch Italiano news", ""),  # a word outside the vocabulary
        ("Soldiers take part in urban combat exercises in Lviv.", "caption_scene"),
        ("A man walks along the river at dawn.", "caption_scene"),
    ],
)
def test_token_and_scene_rules(line: str, rule: str) -> None:
    _, furniture = clean_text(f"{BODY}\n\n{line.strip()}")
    assert [f.rule for f in furniture] == ([rule] if rule else [])


def test_parse_date_needs_a_year() -> None:
    assert parse_date("March 3") == ""
    assert parse_date("3 March 1999") == "1999-03-03"
    assert parse_date("on 2020-02-29 at noon") == "2020-02-29"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("You're receiving this email because you subscribed to The Iberian Ledger.",
         "follow_subscribe"),
        ("Unsubscribe · View in browser", "follow_subscribe"),
        ("Follow UNICEF on X, Facebook, Instagram and YouTube.", "follow_subscribe"),
        ("Show key events only", "site_chrome"),
        ("For more information, please contact: Zoé Lefèvre, UNICEF Geneva, Tel: +41 79 555 "
         "0123, zlefevre@unicef.org", "contact_line"),
        # ... and not the article's own words
        ("About 40 people were killed, the ministry said.", ""),
        ("Follow the money, the prosecutor told the jury.", ""),
    ],
)  # fmt: skip
def test_newsletter_live_blog_and_press_release_lines(line: str, rule: str) -> None:
    assert removed_by(line) == rule


def test_a_press_release_boilerplate_goes_with_its_marker() -> None:
    for marker in ("About UNICEF", "Notes to editors:", "Media contacts:"):
        text = (
            f"{BODY}\n\nThe minister declined to comment on the report.\n\n{marker}\n\n"
            "UNICEF works in more than 190 countries and territories for every child.\n\n"
            "For more information about UNICEF, visit www.unicef.org."
        )
        cleaned, furniture = clean_text(text)
        assert cleaned == f"{BODY}\n\nThe minister declined to comment on the report."
        assert [f.rule for f in furniture] == ["boilerplate"] * 3
    # a marker with a long body after it is a section heading, not the tail
    long_tail = "\n\n".join(f"Paragraph {i} of the story goes on here." for i in range(12))
    cleaned, _ = clean_text(f"{BODY}\n\nAbout Ukraine\n\n{long_tail}")
    assert "Paragraph 11" in cleaned


@pytest.mark.parametrize(
    "line, label",
    [
        ("JOINT PRESS RELEASE – FOR IMMEDIATE RELEASE", True),
        ("PRESS RELEASE / COMMUNIQUÉ DE PRESSE Nº 12/ANAS/2024", True),
        ("Press release No. 12", True),
        ("PRESS RELEASE – 4 June 2024", True),
        ("For immediate release – 5 June 2024", True),
        ("Port Elbon, 4 June 2024 – For immediate release", True),
        # a headline behind a label, and a sentence about a release, are text
        ("Press release: Minister welcomes the deal", False),
        ("Press release - Minister welcomes the deal", False),
        ("The ministry said the press release – issued on 12 March – was wrong.", False),
    ],
)
def test_release_label_forms(line: str, label: bool) -> None:
    """A release's label lines, with a second label, a number, a date or a language, are
    furniture (``release_label``); a headline or a sentence that mentions one is not."""
    assert (removed_by(line) == "release_label") is label
    assert is_release_label(line) is label
