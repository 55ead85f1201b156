"""``make browser-check``: open the reports in headless Chromium and check links and images.

1. Every ``href``/``src`` in ``index.html`` and in each report that points inside the reports
   folder must exist; every embedded image must be a non-empty data URI or an existing file.
2. Headless Chromium renders ``index.html`` and the first full report to PNG screenshots in
   ``<reports>/screenshots/`` (look at them), and its DOM dump must contain the page's title.
Exits non-zero, listing each problem, when anything is broken.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.refs.append((tag, value))


def broken_refs(page: Path) -> list[str]:
    """Problems with the links and images of one HTML page (local targets only)."""
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    problems = []
    for tag, ref in parser.refs:
        url = urlparse(ref)
        if url.scheme == "data":
            if tag == "img" and len(ref) < 100:
                problems.append(f"{page.name}: empty embedded image")
            continue
        if url.scheme in {"http", "https", "mailto"} or ref.startswith("#"):
            continue
        target = (page.parent / unquote(url.path)).resolve()
        if not target.exists():
            problems.append(f"{page.name}: broken {'image' if tag == 'img' else 'link'} {ref}")
    return problems


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def screenshot(page: Path, png: Path, *, browser: str) -> str:
    """Render ``page`` to ``png``; return the DOM Chromium built (for a sanity check)."""
    with tempfile.TemporaryDirectory() as profile:
        flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1600"]
        subprocess.run(
            [browser, *flags, f"--screenshot={png}", page.as_uri()],
            capture_output=True,
            timeout=120,
            check=False,
        )
        dom = subprocess.run(
            [browser, *flags, "--dump-dom", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    return dom.stdout


def check_reports(reports: Path) -> int:
    index = reports / "index.html"
    if not index.exists():
        print(f"storylens: error: {index} does not exist; run `make report` first", file=sys.stderr)
        return 2
    pages = [index, *sorted(reports.glob("[0-9][0-9]-*.html"))]
    problems = [p for page in pages for p in broken_refs(page)]
    browser = chromium()
    if browser is None:
        problems.append("no chromium found (apt-get install chromium)")
    else:
        shots = reports / "screenshots"
        shots.mkdir(exist_ok=True)
        full = [p for p in pages[1:] if not p.name.endswith(".brief.html")]
        for page in [index, *full[:1]]:
            png = shots / f"{page.stem}.png"
            dom = screenshot(page, png, browser=browser)
            if not png.exists() or png.stat().st_size < 1000:
                problems.append(f"{page.name}: Chromium produced no screenshot")
            if "<body" not in dom:
                problems.append(f"{page.name}: Chromium rendered no document")
            else:
                print(f"storylens: screenshot {png}", file=sys.stderr)
    for p in problems:
        print(f"storylens: browser-check: {p}", file=sys.stderr)
    print(
        f"storylens: browser-check: {len(pages)} pages, {len(problems)} problems", file=sys.stderr
    )
    return 1 if problems else 0
