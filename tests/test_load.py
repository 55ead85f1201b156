"""Tests for storylens.load: encodings, HTML, markdown, line re-joining, rejects, manifest,
doc_ids, determinism, and the seeds."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.load import (
    ARTICLE_COLUMNS,
    CorpusError,
    NotTextError,
    decode_bytes,
    load_corpus,
    normalise_text,
    read_corpus,
    to_paragraphs,
)
from storylens.paths import SEEDS_DIR

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "The ferry resumed on Friday, the operator said."


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def one(folder: Path, **kw) -> pd.Series:
    corpus = read_corpus(folder, **kw)
    assert len(corpus.articles) == 1, corpus.rejects
    return corpus.articles.iloc[0]


def reasons(corpus) -> dict[str, str]:
    return dict(zip(corpus.rejects["file"], corpus.rejects["reason"], strict=True))


# --- encodings ---------------------------------------------------------------------------------

SMART = "“We are glad,” she said. It’s back — for now."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SMART.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SMART.encode("utf-8"), "utf-8-sig"),
        (SMART.encode("utf-16"), "utf-16"),  # with BOM (LE on this platform)
        (b"\xfe\xff" + SMART.encode("utf-16-be"), "utf-16"),
        (SMART.encode("utf-32"), "utf-32"),
        (SMART.encode("cp1252"), "cp1252"),
        (SMART.encode("utf-16-le"), "utf-16-le"),  # no BOM, sniffed
    ],
)
def test_decodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    write(tmp_path, "a.txt", data)
    row = one(tmp_path)
    assert row.encoding == encoding
    assert row.text == SMART


def test_latin1_last_resort_never_fails() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 decodes it; é is 0xe9 in both
    text, enc = decode_bytes(b"caf\xe9 \x81ok")
    assert enc == "latin-1" and text.startswith("café")
    assert normalise_text(text) == "café ok"  # the C1 control is removed


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Привет, мир.</p></body></html>'
    write(tmp_path, "a.html", page.encode("koi8-r"))
    row = one(tmp_path)
    assert row.encoding == "koi8-r" and row.text == "Привет, мир."


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(tmp_path: Path, newline: str) -> None:
    write(tmp_path, "a.txt", newline.join(["Title of the piece", "", BODY, "", "Second one."]))
    row = one(tmp_path)
    assert row.raw_text == f"Title of the piece\n\n{BODY}\n\nSecond one."
    assert "\r" not in row.text


def test_normalisation_spaces_zero_width_nfc() -> None:
    text = "A\u00a0B\u200bC e\u0301\ufeff\x07"
    assert normalise_text(text) == "A BC é"


def test_binary_is_not_text() -> None:
    with pytest.raises(NotTextError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    with pytest.raises(NotTextError):
        decode_bytes(bytes(range(1, 32)) * 50)  # control characters, no NUL


# --- HTML ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Bridge vote | Gazette</title>
<meta property="og:site_name" content="Gazette"><meta name="author" content="By Sam Writer">
<meta property="article:published_time" content="2024-05-14T09:30:00Z">
<script>alert("x")</script><style>p{color:red}</style><noscript>enable js</noscript></head>
<body><nav>Home | Local</nav><header>Site header</header>
<h1>Council backs bridge</h1>
<p>The council voted 7&ndash;2, &quot;finally&quot; &amp; gladly, on Tuesday.</p>
<!-- a comment --><template><p>template text</p></template>
<div>Work starts next year<br>and lasts three years.</div>
<figure><figcaption>The old bridge. Photo: Jo Snap</figcaption></figure>
<footer>&copy; 2024 Gazette</footer><aside>Most read</aside></body></html>"""


def test_html_text_only_with_metadata(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    corpus = read_corpus(tmp_path)
    row = corpus.articles.iloc[0]
    assert row.raw_text == (
        "Council backs bridge\n\n"
        'The council voted 7–2, "finally" & gladly, on Tuesday.\n\n'
        "Work starts next year and lasts three years."
    )
    for junk in ("alert", "color", "enable js", "comment", "template", "Home", "Most read"):
        assert junk not in row.raw_text
    assert (row.title, row.outlet, row.published, row.byline, row.format) == (
        "Council backs bridge",
        "Gazette",
        "2024-05-14",
        "Sam Writer",
        "html",
    )
    assert corpus.furniture.rule.tolist() == ["figcaption"]


def test_deeply_nested_html_is_linear() -> None:
    page = "<div>" * 20_000 + "<p>Deep text here.</p>" + "</div>" * 20_000
    start = time.perf_counter()
    assert to_paragraphs(page, fmt="html")[0] == ["Deep text here."]
    assert time.perf_counter() - start < 10


def test_html_saved_as_txt_is_parsed_as_html(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", "<html><body><p>Hello there, world.</p></body></html>")
    row = one(tmp_path)
    assert row.format == "html" and row.text == "Hello there, world."


def test_entities_decoded_in_txt(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "He said &quot;no&quot; &amp; left&#8217;s side.")
    assert one(tmp_path).text == 'He said "no" & left’s side.'


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_any_bytes_gives_text_or_not_text(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except NotTextError:
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab Z.#*_[]()!<>/&;\n\r\t-=`~\u00a0\u200b\ue000é")),
        max_size=200,
    ),
    st.sampled_from(["txt", "md", "html"]),
)
def test_paragraphs_never_crash_and_are_single_lines(text: str, fmt: str) -> None:
    paras, info = to_paragraphs(normalise_text(text), fmt=fmt)
    for para in paras:
        assert para and para == para.strip() and "\n" not in para
        assert not any("\ue000" <= ch <= "\ue003" for ch in para)
    assert all(1 <= i <= len(paras) for i in info["emphasised"])


# --- markdown and paragraphs ------------------------------------------------------------------


def test_markdown_stripping() -> None:
    text = (
        "# Big **headline** here\n\n"
        "Some **bold**, __strong__, *it*, _em_ and ***both*** words; snake_case_name and "
        "2 * 3 * 4 stay.\n\n"
        "![a photo](http://x/y.jpg) See [the report](http://x/r.pdf) today.\n\n"
        "## Sub heading\n\n- a bullet point that is long enough."
    )
    paras, info = to_paragraphs(text, fmt="md")
    assert paras == [
        "Big headline here",
        "Some bold, strong, it, em and both words; snake_case_name and 2 * 3 * 4 stay.",
        "See the report today.",
        "Sub heading",
        "a bullet point that is long enough.",
    ]
    assert info["title"] == "Big headline here"


def test_whole_line_emphasis_is_marked() -> None:
    paras, info = to_paragraphs("Intro line.\n\n**A bold pull quote line**\n\nBody.", fmt="txt")
    assert paras[1] == "A bold pull quote line" and info["emphasised"] == [2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ends in a function word -> joined
        ("It is far from certain that Putin would agree to a\n\ncessation of hostilities.", 1),
        ("The comments marked a shift toward the\n\nRussian position from Trump.", 1),
        # next paragraph starts lowercase -> joined
        ("the same commitment to Ukraine as current\n\npolitical leadership.", 1),
        # complete sentences, headings and short labels stay apart
        ("First sentence ends here.\n\nthe next one is odd.", 2),
        ("Air support\n\nU.S. air support could come in many ways.", 2),
        ("## Why Europeans believe the\n\nRussian position matters.", 2),
        ("Some long line that ends in the\n\n## A heading", 2),
        ("What comes next for\n\nEurope is unclear.", 2),  # too short for the function-word rule
        # a capital "A" ends a page control, not a sentence; a date line is not cut off
        ("[Video] [Photos] Font Size: A A A\n\nWASHINGTON, Sept. 17 (Xinhua) -- The Fed cut.", 2),
        ("October 30, 2025 at 8:15 pm\n\nby Sudan Tribune\n\nThe statement was read out.", 3),
    ],
)
def test_rejoin_broken_lines(text: str, expected: int) -> None:
    paras, _ = to_paragraphs(text, fmt="txt")
    assert len(paras) == expected, paras


def test_hard_wrapped_block_is_joined_but_line_per_paragraph_is_not() -> None:
    wrapped = (
        "Dock workers at the port ended a two-week strike on Monday after\n"
        "the authority agreed to a pay rise, union leader Maria Example said\n"
        "in a statement to reporters.\n"
    )
    assert len(to_paragraphs(wrapped, fmt="txt")[0]) == 1
    per_line = "Air support\nU.S. air support could come in a variety of ways, officials said.\n"
    assert len(to_paragraphs(per_line, fmt="txt")[0]) == 2
    # a quote closed after a comma goes on with its attribution on the next wrapped line
    quote = (
        '"Our people in the capital are watching the same feed as the families,"\n'
        'he said. "No one is looking at the share price this week."\n'
    )
    assert to_paragraphs(quote, fmt="txt")[0] == [quote.replace("\n", " ", 1).strip()]
    # a page header: the short lines would have fit a word of the next one (no wrapper broke
    # them), so they are lines of their own, whatever their punctuation
    header = (
        "Home | China | World | Business | Culture & Edu | Sci-Tech | Photos | Video | Reports\n"
        "English.news.cn\n"
        "U.S. Fed cuts interest rates by 25 basis points amid slowing job market\n"
        "Source: Xinhua | 2025-09-18 10:12:35 | Editor: huaxia\n"
    )
    assert len(to_paragraphs(header, fmt="txt")[0]) == 4
    # a short first line a wrapper would have filled (a photo credit above its wrapped caption)
    credit = (
        "Getty Images\n"
        "Meridian Mobile is one of the biggest mobile networks in the UK and\n"
        "Ireland, and the second largest by the number of its customers in\n"
        "the two countries\n"
    )
    paras = to_paragraphs(credit, fmt="txt")[0]
    assert paras[0] == "Getty Images" and len(paras) == 2
    # a credit that names itself under a wrapped caption is a line of its own
    dw = (
        "Firefighters from Germany's pre-positioned team clear brush near the\n"
        "village of Istiaia\n"
        "Image: Matthias Roth/dpa/picture alliance\n"
    )
    assert to_paragraphs(dw, fmt="txt")[0][-1] == "Image: Matthias Roth/dpa/picture alliance"


def test_wire_copy_without_an_outlet_is_the_agency_s(tmp_path: Path) -> None:
    write(tmp_path, "wire.txt", "WASHINGTON, Sept 17 (Reuters) - " + BODY)
    write(tmp_path, "paper.txt", "Published by The Courier.\n\n© 2025 The Courier\n\n"
          "WASHINGTON, Sept 17 (Reuters) - " + BODY)  # fmt: skip
    arts = read_corpus(tmp_path).articles.set_index("file")
    assert arts.loc["wire.txt", ["outlet", "wire"]].tolist() == ["Reuters", "Reuters"]
    assert arts.loc["paper.txt", ["outlet", "wire"]].tolist() == ["The Courier", "Reuters"]


# --- rejects -------------------------------------------------------------------------------------


def test_every_reject_reason_and_every_file_accounted_for(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "copy.md", "  " + BODY.replace(" ", "  ") + "\n")  # same text, other spacing
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.txt", " \n\t\r\n ")
    write(tmp_path, "binary.txt", b"abc\x00\x01\x02def" * 10)
    write(tmp_path, "big.txt", "x" * 5000)
    write(tmp_path, "notes.pdf", b"%PDF-1.4")
    write(tmp_path, "junk.html", "<script>only()</script>")
    write(tmp_path, "ads.txt", "Exit mobile version\n\nADVERTISEMENT")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "nested.txt", BODY)
    write(tmp_path, ".hidden.txt", BODY)
    corpus = read_corpus(tmp_path, max_bytes=4000)
    got = reasons(corpus)
    assert corpus.articles.file.tolist() == ["copy.md"]  # sorted by name: copy.md comes first
    assert got == {
        "ads.txt": "empty",
        "big.txt": "too large (5 KB > limit 4 KB)",
        "binary.txt": "not text",
        "blank.txt": "empty",
        "broken.txt": "unreadable",
        "empty.txt": "empty",
        "good.txt": "duplicate of copy.md",
        "junk.html": "empty",
        "notes.pdf": "unsupported type",
        "sub/": "unsupported type",
    }
    top_level = {p.name for p in tmp_path.iterdir() if p.is_file() or p.is_symlink()}
    top_level = (top_level - {".hidden.txt"}) | {"sub/"}
    assert set(corpus.articles.file) | set(corpus.rejects.file) == top_level
    assert not set(corpus.articles.file) & set(corpus.rejects.file)
    assert corpus.summary() == (
        "loaded 1, rejected 10 (duplicate: 1, empty: 4, not text: 1, too large: 1, "
        "unreadable: 1, unsupported type: 2)"
    )


def test_large_file_rejected_from_stat_without_reading(tmp_path: Path) -> None:
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(52_400_000)  # sparse: costs nothing, would be slow to read
    write(tmp_path, "ok.txt", BODY)
    start = time.perf_counter()
    corpus = read_corpus(tmp_path)
    assert time.perf_counter() - start < 2
    assert reasons(corpus) == {"huge.txt": "too large (52.4 MB > limit 2 MB)"}


def test_one_huge_line_is_processed_quickly(tmp_path: Path) -> None:
    sentence = "Officials said *the* talks on the plan_b draft would go on [here](x). "
    write(tmp_path, "long.txt", sentence * 70_000)  # ~5 MB on one line
    start = time.perf_counter()
    # with the limits raised, the loader itself still reads and cleans it in bounded time
    corpus = read_corpus(tmp_path, max_bytes=10_000_000, max_line_chars=10_000_000)
    assert time.perf_counter() - start < 30
    assert corpus.articles.iloc[0]["text"].startswith(
        "Officials said the talks on the plan_b draft would go on here."
    )


def test_a_line_longer_than_the_limit_is_rejected_naming_it(tmp_path: Path) -> None:
    write(tmp_path, "dump.txt", "word " * 30_000)  # 150,000 characters, no line break
    write(tmp_path, "ok.txt", BODY)
    corpus = read_corpus(tmp_path)
    assert reasons(corpus) == {
        "dump.txt": "too large (a line of 150,000 characters > limit 100,000)"
    }


# --- errors --------------------------------------------------------------------------------------


def test_corpus_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found: .*nope"):
        read_corpus(tmp_path / "nope")
    write(tmp_path, "file.txt", BODY)
    with pytest.raises(CorpusError, match="not a folder: .*file.txt"):
        read_corpus(tmp_path / "file.txt")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match="no readable article file"):
        read_corpus(empty)
    write(empty, "blank.txt", "   ")
    with pytest.raises(CorpusError, match=r"no readable .*rejected 1 \(empty: 1\)"):
        read_corpus(empty)
    assert issubclass(CorpusError, ValueError)


# --- manifest ------------------------------------------------------------------------------------


def test_manifest_overrides_and_problems(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "By Jane Writer\n\nFirst article text here.")
    write(tmp_path, "b.txt", "Second article text here.")
    write(tmp_path, "c.txt", "Third article text here.")
    write(
        tmp_path,
        "manifest.csv",
        "\ufefffile,doc_id,outlet,published,byline,wire,outlet_evidence,notes\n"
        "a.txt,alpha,Daily A,2024-01-02,,,masthead line 1,n1\n"
        "b.txt,,Daily B,31/02/2024,unknown,Reuters,inferred from credit,\n"
        "ghost.txt,,X,,,,,\n"
        "a.txt,again,Other,,,,,\n"
        "c.txt,alpha,,August 5 2024,,,,\n",
    )
    corpus = read_corpus(tmp_path)
    arts = corpus.articles.set_index("file")
    assert list(corpus.articles.columns) == [
        *ARTICLE_COLUMNS,
        "outlet_evidence",
        "notes",
        "raw_text",
        "text",
    ]
    a, b, c = arts.loc["a.txt"], arts.loc["b.txt"], arts.loc["c.txt"]
    assert (a.doc_id, a.outlet, a.published, a.byline) == (
        "alpha",
        "Daily A",
        "2024-01-02",
        "Jane Writer",
    )
    assert a.meta_source == "outlet=manifest;published=manifest;title=none;byline=file;wire=none"
    assert (a.outlet_evidence, a.notes) == ("masthead line 1", "n1")
    assert (b.doc_id, b.published, b.byline, b.wire) == ("b", "", "", "Reuters")
    assert "published=none" in b.meta_source and "byline=manifest" in b.meta_source
    assert (c.doc_id, c.published) == ("c", "2024-08-05")  # duplicate doc_id -> file-based id
    man = corpus.rejects[corpus.rejects.file == "manifest.csv"].reason.tolist()
    assert man == [
        "manifest row 3: bad date '31/02/2024' in column published",
        "manifest row 5: duplicate row for file a.txt (first at row 2)",
        "manifest row 4: unknown file ghost.txt",
        "manifest row 6: duplicate doc_id 'alpha'; file-based id used",
    ]
    assert "manifest: 4" in corpus.summary()


def test_manifest_missing_file_column_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.csv", "name,outlet\na.txt,X\n")
    with pytest.raises(
        CorpusError, match=r"manifest .*manifest.csv: missing required column 'file'"
    ):
        read_corpus(tmp_path)
    # manifest=None ignores it (and lists it as a file that is not an article)
    corpus = read_corpus(tmp_path, manifest=None)
    assert len(corpus.articles) == 1
    assert reasons(corpus) == {"manifest.csv": "unsupported type"}


def test_manifest_path_argument(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "c"
    corpus_dir.mkdir()
    write(corpus_dir, "a.txt", BODY)
    man = write(tmp_path, "meta.csv", "file,outlet\na.txt,Given Outlet\n")
    assert one(corpus_dir, manifest=man).outlet == "Given Outlet"
    with pytest.raises(CorpusError, match="manifest not found"):
        read_corpus(corpus_dir, manifest=tmp_path / "missing.csv")


# --- doc_ids and determinism -----------------------------------------------------------------


def test_doc_ids(tmp_path: Path) -> None:
    write(tmp_path, "story one (final).txt", "Alpha text.")
    write(tmp_path, "x" * 60 + ".txt", "Beta text.")
    write(tmp_path, "same.txt", "Gamma text.")
    write(tmp_path, "same.html", "<p>Delta text.</p>")
    ids = read_corpus(tmp_path).articles.set_index("file").doc_id.to_dict()
    assert ids == {
        "same.html": "same-html",
        "same.txt": "same-txt",
        "story one (final).txt": "story-one--final-",
        "x" * 60 + ".txt": "x" * 40,
    }


def test_two_reads_are_identical() -> None:
    first, second = read_corpus(FIXTURES / "corpus_mixed"), read_corpus(FIXTURES / "corpus_mixed")
    for name in ("articles", "rejects", "furniture"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def test_mixed_fixture_folder() -> None:
    corpus = read_corpus(FIXTURES / "corpus_mixed")
    assert corpus.summary() == "loaded 3, rejected 0"
    arts = corpus.articles.set_index("doc_id")
    assert arts.encoding.to_dict() == {
        "council-vote": "utf-8",
        "ferry-cp1252": "cp1252",
        "harbour": "utf-8",
    }
    ferry = arts.loc["ferry-cp1252"]
    assert ferry.text.split("\n\n")[0] == "Ferry service resumes after storm"
    assert "“We are glad to be back,”" in ferry.text and "©" not in ferry.text
    assert (ferry.outlet, ferry.byline, ferry.published) == ("Lakeside", "Lee Example", "")
    harbour = arts.loc["harbour"]
    assert harbour.published == "2024-03-03" and harbour.outlet == "Harbour Weekly"
    assert "members of the union before it takes effect" in harbour.text
    assert "port_authority" in harbour.text and "**" not in harbour.text
    rules = corpus.furniture.groupby("doc_id").rule.apply(list).to_dict()
    assert rules["harbour"] == ["dateline", "pull_quote"]
    assert rules["council-vote"] == ["figcaption", "pull_quote"]


def test_load_corpus_warns_with_summary(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.doc", "x")
    with pytest.warns(UserWarning, match=r"loaded 1, rejected 1 \(unsupported type: 1\)"):
        df = load_corpus(tmp_path)
    assert df.file.tolist() == ["a.txt"]
    (tmp_path / "b.doc").unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_corpus(tmp_path)


# --- the seeds -----------------------------------------------------------------------------------

SEED_FURNITURE = {
    "usp-000": {"caption_person", "caption_glued", "caption_scene"},
    "site-001": {"nav_crumb", "photo_credit", "byline", "site_chrome"},
    "ap-002": {"byline", "pull_quote"},
    "rt-003": {"stray_symbols"},
    "cgtn-004": {"cookie_banner", "language_chooser", "licence_number", "hotline", "photo_credit"},
}
SEED_SENTENCES = {
    "usp-000": [
        "Caine was set to meet in person on Tuesday",
        "In a statement, the alliance said the move was made",
        "European forces wouldn’t likely be near",
        "But the planned force faces a number of major diplomatic challenges.",
    ],
    "site-001": ["Military chiefs from the United States", "“The planning work continues,”"],
    "ap-002": [
        "Putin would agree to a cessation of hostilities",
        "marked a shift toward the Russian position",
        "as current political leadership.",
        "Despite Zelenskyy signaling his willingness to talk, a ceasefire agreement is not "
        "currently in the cards — not least",
    ],
    "rt-003": ["patrol Ukrainian airspace or the Black Sea."],
    "cgtn-004": ["Military chiefs from a number of European countries", "Air support", "Mao Ning"],
}


def test_seeds_load_with_manifest_and_furniture() -> None:
    corpus = read_corpus(SEEDS_DIR)
    assert corpus.summary() == "loaded 5, rejected 0"
    arts = corpus.articles.set_index("doc_id")
    assert sorted(arts.index) == sorted(SEED_FURNITURE)
    found = corpus.furniture.groupby("doc_id").rule.apply(set).to_dict()
    for doc_id, rules in SEED_FURNITURE.items():
        assert found[doc_id] == rules, doc_id
        for sentence in SEED_SENTENCES[doc_id]:
            assert sentence in arts.loc[doc_id, "text"], (doc_id, sentence)
    assert arts.loc["site-001", "byline"] == "Rodney Mbua"
    assert arts.loc["cgtn-004", "published"] == "2025-08-21"
    assert arts.loc["ap-002", "published"] == ""
    for col in ("outlet", "published", "title", "byline", "wire"):
        assert arts[f"{col}_evidence"].str.len().gt(0).all(), col
    for text in ("Exit mobile version", "CHOOSE YOUR LANGUAGE", "hotline", "REUTERS", "By: TA"):
        assert not arts.text.str.contains(text, regex=False).any(), text


def test_seed_metadata_without_manifest() -> None:
    arts = read_corpus(SEEDS_DIR, manifest=None).articles.set_index("file")
    assert arts.loc["001_2c26a62e3ff03de9.txt", "title"].startswith("US, European Advisers")
    assert arts.loc["002_fbd1dbe63ff403dc.txt", "byline"] == "TA"
    assert arts.loc["002_fbd1dbe63ff403dc.txt", "title"].startswith("Allies ready")
    assert (arts.published == "").all()  # no full date in any seed: never guessed


def test_html_with_a_declaration_the_parser_rejects_is_read_as_text() -> None:
    # html.parser raises on "<![;" (found by the property test above); the page must still load
    paras, _ = to_paragraphs(normalise_text("<p>Officials met <![; on Monday.</p>"), fmt="html")
    assert paras == ["Officials met <![; on Monday."]


def test_a_sub_folder_is_listed_in_rejects_not_read(tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", BODY)
    (tmp_path / "more").mkdir()
    write(tmp_path / "more", "inside.txt", BODY.replace("a", "o"))
    corpus = read_corpus(tmp_path)
    assert list(corpus.articles["file"]) == ["ok.txt"]
    assert reasons(corpus) == {"more/": "unsupported type"}


def _normalise_reference(text: str) -> str:
    """normalise_text without its fast path (every step always applied)."""
    import unicodedata

    from storylens.load import _CTRL_RE, _TRANSLATE

    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    return unicodedata.normalize("NFC", _CTRL_RE.sub("", text))


def test_normalise_fast_path_misses_no_character() -> None:
    for code in [
        *range(0x00, 0x250),
        *range(0x2000, 0x2070),
        0x3000,
        0xFEFF,
        *range(0xE000, 0xE004),
    ]:
        for text in (f"a{chr(code)}b", f"a{chr(code)}b\r\nc"):
            assert normalise_text(text) == _normalise_reference(text), hex(code)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
@settings(max_examples=300, deadline=None)
def test_normalise_matches_reference(text: str) -> None:
    assert normalise_text(text) == _normalise_reference(text)


def test_inline_markdown_guards_keep_output() -> None:
    text = "A ![img](x.png) [link](u) <b>bold</b> `code` ***x*** __y__ ~~z~~ \\*kept\\* plain"
    paras, _ = to_paragraphs(text, fmt="md")
    assert paras == ["A link bold code x y z *kept* plain"]
    paras, _ = to_paragraphs(text, fmt="txt")
    assert paras == ["A link <b>bold</b> `code` x y z \\*kept\\* plain"]


def test_duplicate_keeps_the_copy_the_manifest_describes(tmp_path: Path) -> None:
    """Two copies of one article: the one the manifest lists is kept, with its metadata, and
    the other is the rejected duplicate (without a manifest row, the first by name is kept)."""
    body = "Doctors in Kenya went on strike on Monday over unpaid wages, the union said."
    write(tmp_path, "a-copy.txt", body)
    write(tmp_path, "ab-between.txt", "An article filed between the two copies by name.")
    write(tmp_path, "b-full.txt", body)
    write(tmp_path, "c-other.txt", "A different article about something else entirely.")
    write(tmp_path, "d-other.txt", "A different article about something else entirely.")
    write(
        tmp_path,
        "manifest.csv",
        "file,doc_id,outlet,published,title\nb-full.txt,nation-01,Daily Nation,2024-03-28,Strike\n",
    )
    corpus = read_corpus(tmp_path)
    kept = corpus.articles.set_index("file")
    assert sorted(kept.index) == ["ab-between.txt", "b-full.txt", "c-other.txt"]
    assert (kept.loc["b-full.txt", "doc_id"], kept.loc["b-full.txt", "outlet"]) == (
        "nation-01",
        "Daily Nation",
    )
    reasons = dict(zip(corpus.rejects.file, corpus.rejects.reason, strict=True))
    assert reasons["a-copy.txt"] == "duplicate of b-full.txt"
    assert reasons["d-other.txt"] == "duplicate of c-other.txt"
    assert list(corpus.articles["file"]) == sorted(corpus.articles["file"])


@pytest.mark.parametrize(
    ("lines", "published"),
    [
        # a page that only says when it was updated: that date
        ("Updated 11:52 PM GMT, March 9, 2026", "2026-03-09"),
        # a published date wins over an updated one, whichever comes first
        ("Updated 9:00 AM GMT, March 10, 2026\n\nPublished March 9, 2026", "2026-03-09"),
        ("March 9, 2026 4:02 pm CET", "2026-03-09"),
        ("Oct. 21, 2025 at 3:45 p.m. ET", "2025-10-21"),
    ],
)
def test_publication_date_from_dateline_lines(tmp_path, lines, published):
    write(tmp_path, "a.txt", f"Ferry back\n\n{lines}\n\n{BODY}\n")
    row = one(tmp_path)
    assert row.published == published
    assert "2026" not in row.text and "2025" not in row.text  # the datelines are furniture


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a one-word masthead line is skipped; the first line of 3+ words is the title
        ("POLITICO\n\nBrussels Playbook\n\nCoalition of the counting — Backstop or bust",
         "Coalition of the counting — Backstop or bust"),
        # headlines may end with a question mark
        ("What would a European force in Ukraine look like?",
         "What would a European force in Ukraine look like?"),
        # a sentence is not a title
        ("Officials met in Paris on Thursday to discuss the force.", ""),
    ],
)  # fmt: skip
def test_title_of_a_plain_text_page(tmp_path: Path, head: str, title: str) -> None:
    body = "Officials said the talks would resume in Geneva next week, after a pause of a month."
    (tmp_path / "a.txt").write_text(f"{head}\n\n{body}\n", encoding="utf-8")
    arts = read_corpus(tmp_path).articles
    assert arts.loc[0, "title"] == title


@pytest.mark.parametrize(
    ("body", "wire"),
    [
        ("PARIS, Sept 4 (Reuters) - Twenty-six countries have committed troops, officials said.",
         "Reuters"),
        ("MOSCOW, August 28. /TASS/. Moscow considers the plans unacceptable, officials said.",
         "TASS"),
        ("KYIV, Ukraine (AP) — Russia launched drones overnight, the air force said on Monday.",
         "AP"),
        # an agency named in a sentence is no dateline credit
        ("The minister told Reuters (Reuters) that the talks would resume next week.", ""),
    ],
)  # fmt: skip
def test_wire_from_a_body_dateline(tmp_path: Path, body: str, wire: str) -> None:
    (tmp_path / "a.txt").write_text(f"Allies weigh a force for Ukraine\n\n{body}\n", "utf-8")
    row = read_corpus(tmp_path).articles.iloc[0]
    assert row["wire"] == wire
    assert ("wire=file" in row["meta_source"]) == bool(wire)


def test_outlet_from_an_html_footer(tmp_path: Path) -> None:
    """The footer is not text, but its copyright line names the outlet."""
    page = (
        "<html><head><title>Allies weigh a force</title></head><body><article><p>Officials "
        "said on Tuesday that the talks in Paris would resume next week after a pause.</p>"
        "</article><footer><p>© 2025 Example Welle | Privacy Policy</p></footer></body></html>"
    )
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    row = read_corpus(tmp_path).articles.iloc[0]
    assert row["outlet"] == "Example Welle"
    assert "Privacy" not in row["text"]


def test_outlet_from_a_masthead_line(tmp_path: Path) -> None:
    """A page copied as text, whose first line names a news outlet of the gazetteer."""
    body = "Officials said on Tuesday that the talks in Paris would resume next week."
    (tmp_path / "a.txt").write_text(
        f"British Broadcasting Corporation\n\nAllies weigh a force for Ukraine\n\n{body}\n", "utf-8"
    )
    row = read_corpus(tmp_path).articles.iloc[0]
    assert row["outlet"] == "BBC"
    assert "outlet=file" in row["meta_source"]


def test_press_release_outlet_from_its_first_line(tmp_path: Path) -> None:
    """A page whose first line only names a gazetteer organisation (in two languages, maybe
    with a country edition) is that organisation's; a first line with more is no masthead."""
    write(tmp_path, "msf.txt", "Médecins Sans Frontières / Doctors Without Borders UK\n\n" + BODY)
    write(tmp_path, "other.txt", "Doctors Without Borders treated 300 people\n\n" + BODY)
    arts = read_corpus(tmp_path).articles.set_index("file")
    assert arts.loc["msf.txt", "outlet"] == "Doctors Without Borders"
    assert arts.loc["other.txt", "outlet"] == ""


def test_press_release_labels_dateline_and_title(tmp_path: Path) -> None:
    """A press release: its labels are furniture; its title-case dateline dates it, also on
    the line under the issuer's name; neither the issuer's name nor the dateline is its
    title."""
    write(
        tmp_path,
        "r1.txt",
        "MEDIA RELEASE\n\nNorvane Pharma AG\nBasel, 11 March 2025 – 07:00 CET\n\n"
        "Ad hoc announcement pursuant to Art. 53 LR\n\n"
        "Norvane initiates recall of its tablets made in India\n\n"
        + BODY
        + "\n\n© 2025 Norvane Pharma AG",
    )
    write(
        tmp_path,
        "r2.txt",
        "FOR IMMEDIATE RELEASE\n\nOperators table an improved offer\n\n"
        "Rotterdam / Antwerp, 17 October 2025 – The two operators today presented an offer.\n\n"
        + BODY,
    )
    arts = read_corpus(tmp_path).articles.set_index("file")
    assert arts.loc["r1.txt", ["outlet", "published", "title"]].tolist() == [
        "Norvane Pharma",
        "2025-03-11",
        "Norvane initiates recall of its tablets made in India",
    ]
    assert arts.loc["r2.txt", ["published", "title"]].tolist() == [
        "2025-10-17",
        "Operators table an improved offer",
    ]
    furniture = read_corpus(tmp_path).furniture
    labels = furniture[furniture["rule"] == "release_label"]["text"].tolist()
    assert labels == [
        "MEDIA RELEASE",
        "Ad hoc announcement pursuant to Art. 53 LR",
        "FOR IMMEDIATE RELEASE",
    ]


LONG_PARA = (
    "The ministry said on Thursday that the agreement with the lenders would cut the cost of "
    "servicing the debt over the next four years, and that parliament would vote on it soon."
)


def test_release_letterhead_labels_and_headline(tmp_path: Path) -> None:
    """A release written a paragraph per line: its letterhead's short lines stay lines of
    their own (the state above the ministry, the address); a label line with a date dates it;
    the headline is the line after the labels and the reference, not the letterhead."""
    write(
        tmp_path,
        "mof.txt",
        "MINISTRY OF PUBLIC WORKS AND HOUSING\nUnited Republic of Elbonia\nThe Treasury Building, "
        "Harbour Road 4\n\nPRESS RELEASE\nFor immediate release – 5 June 2024\n"
        "Ref: MPW/PR/2025/017\n\nMinistry Signs Agreement with Bridge Contractors\n\n"
        + "\n\n".join([LONG_PARA] * 4),
    )
    write(
        tmp_path,
        "agency.txt",
        "KINGDOM OF ELBONIA\nAgência Nacional de Águas e Saneamento – ANAS\n"
        "National Water and Sanitation Agency\n\n"
        "PRESS RELEASE / COMMUNIQUÉ DE PRESSE Nº 12/ANAS/2024\n"
        "Port Elbon, 4 June 2024 – For immediate release\n\n"
        "FLOOD UPDATE: PUMPING STATIONS BACK IN SERVICE\n\n" + "\n\n".join([LONG_PARA] * 4),
    )
    write(
        tmp_path,
        "joint.txt",
        "Regional Health Office for Elbonia | Children's Fund Elbonia\n"
        "JOINT PRESS RELEASE – FOR IMMEDIATE RELEASE\n\nPort Elbon / Capital City, 4 June 2024"
        "\n\nHealth office and fund deliver 12 500 water filters\n\n"
        + "\n\n".join([LONG_PARA] * 4),
    )
    arts = read_corpus(tmp_path).articles.set_index("file")
    cols = ["outlet", "published", "title"]
    assert arts.loc["mof.txt", cols].tolist() == [
        "Ministry of Public Works and Housing",
        "2024-06-05",
        "Ministry Signs Agreement with Bridge Contractors",
    ]
    assert arts.loc["agency.txt", cols].tolist() == [
        "Agência Nacional de Águas e Saneamento",
        "2024-06-04",
        "FLOOD UPDATE: PUMPING STATIONS BACK IN SERVICE",
    ]
    assert arts.loc["joint.txt", cols].tolist() == [
        "Regional Health Office for Elbonia",
        "2024-06-04",
        "Health office and fund deliver 12 500 water filters",
    ]
    text = arts.loc["mof.txt", "text"]
    assert "United Republic of Elbonia\n\nThe Treasury Building" in text  # (not joined)


def test_unwrapped_document_keeps_short_lines_apart() -> None:
    """In a text written a paragraph per line, a block of short lines is lines of their own
    (links, an address); in a hard-wrapped text the same block width is one paragraph."""
    links = ["Agency: Measles monitoring weekly", "Office: Measles in the region", "Our explainer"]
    paras, _ = to_paragraphs("\n".join(links) + "\n\n" + LONG_PARA, fmt="txt")
    assert paras[:3] == links
    wrapped = (
        "The ministry said on Thursday that the agreement\nwith the lenders would cut the "
        "cost of servicing\nthe debt over the next four years, and that it would pass."
    )
    paras, _ = to_paragraphs(wrapped + "\n\nShort line.", fmt="txt")
    assert paras[0] == wrapped.replace("\n", " ")


def test_title_is_the_line_before_the_first_credit(tmp_path: Path) -> None:
    """Without a title tag, the headline is the line right before the first byline or dateline
    (a masthead's tagline above it does not win); else the first short line."""
    page = (
        "Sudan Tribune\n\nPlural news and views on Sudan\n\n"
        "RSF admits violations in El Fasher as army dismisses pledge\n\n"
        "October 30, 2025 at 8:15 pm\n\nby Sudan Tribune\n\n"
        + "\n\n".join(f"Paragraph {i} of the story goes on about the siege." for i in range(6))
        + "\n\n"
        + BODY
    )
    write(tmp_path, "page.txt", page)
    arts = read_corpus(tmp_path).articles
    assert arts["title"].tolist() == ["RSF admits violations in El Fasher as army dismisses pledge"]


# --- page headers of the fourth probe round ------------------------------------------------------

BODY2 = "The budget passed on Friday, the minister said. Unions marched in the capital."


@pytest.mark.parametrize(
    "name, content, expected",
    [
        # a headline and its lower-case "by" line stay two lines; the dateline dates the story
        ("afp.txt", "Portugal squeaks its budget through parliament\n\nby Catarina Moura, with "
         "Thomas Delaunay in Brussels\n\nLISBON, Nov 27, 2026 (AFP) - " + BODY2 + "\n\n© 2026 AFP",
         {"title": "Portugal squeaks its budget through parliament", "published": "2026-11-27",
          "byline": "Catarina Moura", "outlet": "AFP"}),
        # a byline without "By" before the date line is no headline; the holder's company form
        # is no part of the outlet
        ("guardian.txt", "Portugal budget vote: government survives as unions march\n\n"
         "Sam Whitford in Lisbon\n\nFri 27 Nov 2026 18.05 GMT\n\n" + BODY2 + "\n\n© 2026 "
         "Guardian News & Media Limited or its affiliated companies. All rights reserved.",
         {"title": "Portugal budget vote: government survives as unions march",
          "published": "2026-11-27", "outlet": "Guardian News & Media"}),
        # a newsletter's name as its first heading, the post's title after it; a meta line of
        # middle dots holds the date; an address after the holder is no part of it
        ("ledger.md", "# The Iberian Ledger\n\n## Portugal's budget passed. The coalition "
         "barely did.\n\n*Issue #87 · 27 November 2026 · by Teresa Mendes, senior fellow*\n\n"
         + BODY2 + "\n\n© 2026 Lisbon Centre for European Policy · Rua do Alecrim 12",
         {"title": "Portugal's budget passed. The coalition barely did.",
          "published": "2026-11-27", "outlet": "The Iberian Ledger"}),
        # a header's credit lines are not one hard-wrapped paragraph; a masthead the page's
        # furniture names again is the outlet
        ("dhaka.txt", "Dhaka Tribune\r\nBangladesh / Nation\r\n\r\nCyclone Mira: Death toll "
         "rises to 152\r\n\r\nTawsif Rahman, Cox's Bazar\r\nPublished at 08:15 pm November "
         "17th, 2026\r\nLast updated at 09:02 pm November 17th, 2026\r\n\r\n" + BODY2 +
         "\r\n\r\nFollow Dhaka Tribune on Facebook for the latest updates.\r\n",
         {"title": "Cyclone Mira: Death toll rises to 152", "published": "2026-11-17",
          "outlet": "Dhaka Tribune"}),
        # a press release's dateline with a date
        ("unicef.txt", "PRESS RELEASE\n\nChildren face a second disaster in the camps\n\n"
         "DHAKA/YANGON/NEW YORK, 18 November 2026 - " + BODY2,
         {"title": "Children face a second disaster in the camps", "published": "2026-11-18"}),
    ],
)  # fmt: skip
def test_page_headers_give_title_date_byline_and_outlet(tmp_path, name, content, expected):
    write(tmp_path, name, content)
    row = one(tmp_path)
    assert {k: row[k] for k in expected} == expected


# --- page headers of the seventh probe round -----------------------------------------------------

_LD_PAGE = (
    "<html><head><title>Short social title | The Harbour Times</title>"
    '<meta property="og:title" content="Short social title">'
    '<script type="application/ld+json">{BLOB}</script></head><body><article>'
    "<h1>The page's own headline about the harbour</h1><p>" + BODY2 + "</p></article></body></html>"
)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        # a schema.org record (the way most news sites publish their metadata) gives headline,
        # date, authors and publisher
        ("ld.html", _LD_PAGE.replace("{BLOB}", '{"@context": "https://schema.org", "@type": '
         '"NewsArticle", "headline": "The page\'s own headline about the harbour", '
         '"datePublished": "2026-03-13T08:15:00-03:00", "author": [{"@type": "Person", "name": '
         '"Ana Lima"}, {"@type": "Person", "name": "Rui Costa"}], "publisher": {"@type": '
         '"Organization", "name": "The Harbour Times"}}'),
         {"title": "The page's own headline about the harbour", "published": "2026-03-13",
          "byline": "Ana Lima and Rui Costa", "outlet": "The Harbour Times"}),
        # ... also inside an @graph; a record that is not an article is skipped
        ("graph.html", _LD_PAGE.replace("{BLOB}", '{"@graph": [{"@type": "WebSite", "name": '
         '"Site"}, {"@type": ["NewsArticle"], "headline": "Graph headline for the harbour", '
         '"datePublished": "2026-03-14"}]}'),
         {"title": "Graph headline for the harbour", "published": "2026-03-14"}),
        # broken JSON-LD is ignored: og:title, as before
        ("broken.html", _LD_PAGE.replace("{BLOB}", '{"@type": "NewsArticle", "headline": '),
         {"title": "Short social title", "published": ""}),
        # a release's issuer-and-label line is furniture; its "Place, date" line dates it
        ("release.txt", "Harbour Authority - Press release\n\nHarbour Authority fines two "
         "shipping lines for late berthing\n\nRotterdam, 18 March 2025\n\n" + BODY2,
         {"title": "Harbour Authority fines two shipping lines for late berthing",
          "published": "2025-03-18"}),
        # a wire-style dateline's credit is the outlet even when it is no agency we know
        ("wire.txt", "HARBOUR FINES SHIPPING LINES\n\nBy Ana Lima\n\nROTTERDAM, March 18 "
         "(Northgate) - " + BODY2, {"outlet": "Northgate", "wire": ""}),
        # a byline with the place the reporters wrote from; the headline is the line above it
        ("live.txt", "The Harbour Post\n\nLIVE\n\nHarbour strike live: ships wait at anchor "
         "as talks resume\n\nBy Camila Rojas and Benjamín Toro in Valparaíso, and Post staff "
         "in Santiago\n\nSunday 15 March 2026 · Updated 23:05\n\n" + "\n\n".join([BODY2] * 6),
         {"title": "Harbour strike live: ships wait at anchor as talks resume",
          "byline": "Camila Rojas and Benjamín Toro", "published": "2026-03-15"}),
        # a newsletter's name, its issue's date line, then the post's title as a subheading
        ("brief.md", "# The Metals Note\n\n**Friday, March 13, 2026** · Issue 412 · Read in "
         "browser\n\n## Copper is calm. Here's why the market shrugged.\n\n*By Dana Whit*\n\n"
         + BODY2, {"title": "Copper is calm. Here's why the market shrugged.",
                   "outlet": "The Metals Note", "published": "2026-03-13"}),
        # a meta line of middle dots names the outlet first and the author ("Ó": a capital)
        ("desk.md", "# Fines and what they mean for the harbour\n\n*The Shipping Desk · "
         "Analysis · 19 March 2025 · by Tomás Ó Briain*\n\n" + BODY2,
         {"outlet": "The Shipping Desk", "byline": "Tomás Ó Briain", "published": "2025-03-19"}),
        # a headline ending in a function word ("to fight on") and its standfirst without a
        # full stop are two lines, not one broken sentence
        ("courier.txt", "Harbour lines hail fine as rival vows to fight on\n\nShipping group "
         "says the port got it wrong and will take its case to court\n\n" + BODY2,
         {"title": "Harbour lines hail fine as rival vows to fight on"}),
    ],
)  # fmt: skip
def test_page_headers_of_the_seventh_round(tmp_path, name, content, expected):
    write(tmp_path, name, content)
    row = one(tmp_path)
    assert {k: row[k] for k in expected} == expected


_PARAS = "\n\n".join([BODY2] * 6)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        # a menu line underlined with "=" is no title (a plain-text page's rule, not a heading);
        # the company form of the copyright holder goes ("Kft", "(Pty) Ltd", ...)
        ("rule.txt", "THE HARBOUR LEDGER\nHome | Politics | Health | Region\n" + "=" * 50
         + "\n\nHarbour strike reaches the north as ferries stop\n\nBy Ana Lima\nPublished 13 "
         "March 2025, 06:45 CET\n\n" + _PARAS + "\n\n(c) 2025 Harbour Ledger Kft. All rights "
         "reserved.", {"title": "Harbour strike reaches the north as ferries stop",
                       "outlet": "Harbour Ledger"}),
        # a masthead in capitals is no title; the headline is above its standfirst
        ("review.txt", "THE HARBOUR REVIEW\nHome | Africa | Ideas\n\nEAST AFRICA | ANALYSIS\n\n"
         "Harbour strike: what the observers found\n\nThe unions and the owners watched the same "
         "talks and came away with different stories.\n\nBy Thandi Mokoena in Nairobi\n"
         "26 August 2027 | 7 min read\n\n" + _PARAS + "\n\n© 2027 Harbour Review Media (Pty) "
         "Ltd", {"title": "Harbour strike: what the observers found", "published": "2027-08-26",
                 "outlet": "Harbour Review Media"}),
        # a press release's issuer on its first line is its outlet (title case from capitals)
        ("issuer.txt", "NATIONAL PORTS AND HARBOURS AUTHORITY\nHarbour House, Quay Road | Tel: "
         "+254 20 000000\n\nPRESS RELEASE\nFOR IMMEDIATE RELEASE\n\nAuthority suspends "
         "night berthing at the main port\n\n" + BODY2,
         {"outlet": "National Ports and Harbours Authority"}),
        # ... and its issuer before its label is the outlet, not the copyright's holder
        ("label.txt", "Harbour Commission - Press release\n\nHarbour Commission fines two "
         "shipping lines for late berthing at the main port\n\nRotterdam, 18 March 2025\n\n"
         + BODY2 + "\n\n© European Ports Union, 2025", {"outlet": "Harbour Commission"}),
        # a breadcrumb names the site first; a byline with dots or bars does not
        ("crumb.md", "[The Harbour Dispatch](https://example.org) › [Opinion](https://example."
         "org/o) › Ports\n\n# The strike was decided by the ballots nobody counted\n\n" + BODY2,
         {"outlet": "The Harbour Dispatch"}),
        ("byline.md", "Ana Lima · Harbour desk · 4 min read\n\n# The strike was decided by "
         "the ballots nobody counted\n\n" + BODY2, {"outlet": ""}),
        # ... nor does a section ("World News", "Middle East"), in a crumb or a meta line
        ("section.md", "World News › Europe › Ports\n\n# The strike was decided by the "
         "ballots nobody counted\n\n" + BODY2, {"outlet": ""}),
        ("section2.md", "*Middle East · Analysis · 19 March 2025*\n\n# The strike was decided "
         "by the ballots nobody counted\n\n" + BODY2, {"outlet": "", "published": "2025-03-19"}),
        # a dateline without a year dates the story when the copyright's year makes that day
        # the weekday the story names ("on Monday": 23 August 2027 was a Monday) ...
        ("wire.txt", "Harbour strike spreads\n\nNAIROBI, Aug 23 (Meridian) - Dockers walked out "
         "on Monday, the union said.\n\n" + BODY2 + "\n\n© 2027 Meridian News. All rights "
         "reserved.", {"published": "2027-08-23"}),
        # ... and not when it does not (the year is checked, never guessed)
        ("wire2.txt", "Harbour strike spreads\n\nNAIROBI, Aug 23 (Meridian) - Dockers walked "
         "out on Tuesday, the union said.\n\n" + BODY2 + "\n\n© 2027 Meridian News. All "
         "rights reserved.", {"published": ""}),
    ],
)  # fmt: skip
def test_page_headers_of_the_eighth_round(tmp_path, name, content, expected):
    write(tmp_path, name, content)
    row = one(tmp_path)
    assert {k: row[k] for k in expected} == expected


def test_a_cookie_notice_about_experience_and_advertising_is_furniture(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "We use cookies to improve your experience and to show relevant "
          "advertising.\n\n" + BODY2)  # fmt: skip
    corpus = read_corpus(tmp_path)
    assert corpus.articles.iloc[0]["text"] == BODY2
    assert corpus.furniture["rule"].tolist() == ["cookie_banner"]
