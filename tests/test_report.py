"""`make report` pieces: the index, full and brief HTML, figures with their CSVs, escaping."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from storylens.browser_check import broken_refs
from storylens.report import NotebookRun, build_report, render_index

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
PAYLOADS = ('<script>alert("pwned")</script>', "<img src=x onerror=alert(1)>")


def test_index_escapes_everything_it_shows(tmp_path):
    run = NotebookRun(
        "00-x",
        'purpose <script>alert("a")</script>',
        False,
        "Error: <img src=x onerror=alert(1)>",
        [],
    )
    page = render_index([run], corpus=Path("/c/<b>"), out=tmp_path, summary="loaded <i>1</i>")
    assert "<script>alert" not in page and "<img src=x" not in page and "/c/<b>" not in page
    assert "&lt;script&gt;" in page


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile")
    for f in UNSEEN.iterdir():
        shutil.copy(f, corpus / f.name)
    (corpus / "hostile.txt").write_text(
        "# Officials trade accusations\n\n"
        f"Foreign Minister Anna Berg said the claims were false {PAYLOADS[0]} on Monday.\n\n"
        f'"We will answer {PAYLOADS[1]} in kind," Berg said, adding that 40 diplomats left.\n',
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("report")
    build_report(corpus, out)  # every notebook: each must escape what it shows
    return out


def test_report_writes_full_and_brief_html_figures_and_index(hostile_report):
    out = hostile_report
    index = (out / "index.html").read_text()
    for stem in ("00-start-here", "04-briefing"):
        assert (out / f"{stem}.html").exists() and (out / f"{stem}.brief.html").exists()
        assert (out / f"{stem}.ipynb").exists()
        assert f'href="{stem}.html"' in index and f'href="{stem}.brief.html"' in index
    assert not list(out.glob(".analysis-*")), "the shared analysis is removed after the run"
    pngs = sorted((out / "figures").rglob("*.png"))
    assert pngs, "each report shows its figures"
    for png in pngs:
        assert png.with_suffix(".csv").exists(), f"{png.name} has no CSV behind it"
    assert not broken_refs(out / "index.html")
    for stem in ("00-start-here", "04-briefing"):
        html = (out / f"{stem}.html").read_text()
        assert "data:image/png;base64" in html, f"{stem}: the report shows its figures inline"
        brief = (out / f"{stem}.brief.html").read_text()
        assert "data:image/png;base64" in brief, f"{stem}: the brief report shows its figures"


def test_reports_render_markup_not_raw_tags(hostile_report):
    """Headings and styled tables render as HTML: no escaped tags of our own on the page."""
    for page in sorted(hostile_report.glob("[0-9][0-9]-*.html")):
        html = page.read_text()
        assert "&lt;h1" not in html and "&lt;h2" not in html, f"{page.name}: raw heading tags"
        assert "&lt;style" not in html and "&lt;table" not in html, f"{page.name}: raw table"
        assert re.search(r"<h1[ >]", html), f"{page.name}: no rendered heading"


def test_brief_report_hides_code_and_answers(hostile_report):
    full = (hostile_report / "00-start-here.html").read_text()
    brief = (hostile_report / "00-start-here.brief.html").read_text()
    assert full.count('class="jp-CodeMirrorEditor') >= 5, "the full report shows the code"
    assert brief.count('class="jp-CodeMirrorEditor') == 0, "the brief hides every code cell"
    assert "Answer sketch" in full and "Answer sketch" not in brief


def test_article_markup_never_reaches_a_report_unescaped(hostile_report):
    pages = sorted(hostile_report.glob("*.html"))
    assert len(pages) == 11, [p.name for p in pages]  # index + full and brief for 5 notebooks
    for page in pages:
        html = page.read_text()
        for payload in PAYLOADS:
            assert payload not in html, f"{payload} unescaped in {page.name}"
        assert not re.search(r"<img[^>]*onerror", html, re.I), page.name
    # ...and the text is still shown, as text
    assert (
        "alert(&quot;pwned&quot;)" in (hostile_report / "00-start-here.html").read_text()
        or "alert(&#34;pwned&#34;)" in (hostile_report / "00-start-here.html").read_text()
        or "&lt;script&gt;" in (hostile_report / "00-start-here.html").read_text()
    )


def test_report_kernels_use_encrypted_transport_where_supported():
    """ipykernel warns on every kernel started over plain TCP; the report asks for CurveZMQ
    keys when the Jupyter stack can provision them, and keeps the default otherwise."""
    import zmq
    from jupyter_client.manager import AsyncKernelManager

    from storylens.report import _kernel_manager_options

    opts = _kernel_manager_options()
    if hasattr(AsyncKernelManager, "transport_encryption") and zmq.has("curve"):
        manager = opts["kernel_manager_class"](kernel_name="python3")
        assert isinstance(manager, AsyncKernelManager)
        assert manager.transport_encryption == "auto"
    else:
        assert opts == {}
