"""``make report``: run every notebook on a corpus with papermill and render HTML reports.

For each ``notebooks/NN-*.ipynb`` it writes into the output folder:

- ``NN-name.ipynb``: the executed notebook;
- ``NN-name.html``: the full report (code and output; article text escaped);
- ``NN-name.brief.html``: the brief report, code hidden and teacher's answers removed;
- ``figures/NN-name/*.png`` with the ``*.csv`` behind each figure (written by the notebook
  through :func:`storylens.figures.save_figure`);

and ``index.html`` linking them all with each notebook's purpose and the run's details.
A notebook that fails still gets its HTML (the error shows where); the run then exits non-zero.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import nbformat

from .paths import NOTEBOOKS_DIR

#: Cells with these tags are dropped from the brief report (teacher's answers, set-up noise).
BRIEF_REMOVE_TAGS = ("answer", "hide-brief")
#: Packages whose versions the index shows.
VERSIONED = (
    "storylens",
    "pandas",
    "numpy",
    "seaborn",
    "matplotlib",
    "textblob",
    "vaderSentiment",
    "rapidfuzz",
    "datasketch",
    "papermill",
    "nbconvert",
)


class ReportError(RuntimeError):
    """One or more notebooks failed; their HTML is still written."""


@dataclass(frozen=True)
class NotebookRun:
    name: str  # file stem, e.g. "01-compare-sources"
    purpose: str
    ok: bool
    error: str
    figures: list[Path]


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks, in order (``NN-*.ipynb``)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def purpose_of(nb: nbformat.NotebookNode) -> str:
    """One-line purpose: ``metadata.storylens.purpose``, else the first paragraph after the H1."""
    meta = nb.metadata.get("storylens", {})
    if meta.get("purpose"):
        return str(meta["purpose"])
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
            body = [ln for ln in lines if not ln.startswith("#")]
            if body:
                return body[0]
    return ""


def _export(nb: nbformat.NotebookNode, *, brief: bool) -> str:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    # Not nbconvert's sanitize_html: it escapes our own headings and table styles, leaving raw
    # tags on the page. Article text is escaped where it becomes HTML (storylens.display, pandas'
    # escaped repr); tests/test_report.py checks every notebook's report with a hostile article.
    exporter = HTMLExporter(embed_images=True)
    if brief:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
        tag_remove = TagRemovePreprocessor(remove_cell_tags=set(BRIEF_REMOVE_TAGS), enabled=True)
        exporter.register_preprocessor(tag_remove, enabled=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _kernel_manager_options() -> dict:
    """Options for papermill's kernel: encrypted transport where the installed Jupyter stack
    supports it (CurveZMQ keys, ``transport_encryption="auto"``), which also silences
    ipykernel's "Kernel is running over TCP without encryption" warning on every notebook;
    {} (the default, plain local TCP) where it does not."""
    try:
        import zmq
        from jupyter_client.manager import AsyncKernelManager
    except ImportError:  # pragma: no cover - papermill brings both
        return {}
    if not hasattr(AsyncKernelManager, "transport_encryption") or not zmq.has("curve"):
        return {}

    class EncryptedKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport_encryption", "auto")
            super().__init__(**kwargs)

    return {"kernel_manager_class": EncryptedKernelManager}


def run_notebook(
    path: Path, out: Path, *, corpus: Path, parameters: dict | None = None
) -> NotebookRun:
    """Execute one notebook with papermill into ``out`` and write its full and brief HTML."""
    import papermill as pm

    stem = path.stem
    fig_dir = out / "figures" / stem
    fig_dir.mkdir(parents=True, exist_ok=True)
    params = {"corpus": str(corpus), "figures_dir": str(fig_dir)}
    params.update(parameters or {})
    executed = out / path.name
    error = ""
    env_before = os.environ.get("STORYLENS_PROGRESS")
    os.environ["STORYLENS_PROGRESS"] = "0"  # no bars inside reports
    try:
        pm.execute_notebook(
            str(path),
            str(executed),
            parameters=params,
            cwd=str(path.parent),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            **_kernel_manager_options(),
        )
    except Exception as exc:  # papermill writes the failed notebook; we still render it
        error = (
            f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
        )
    finally:
        if env_before is None:
            os.environ.pop("STORYLENS_PROGRESS", None)
        else:
            os.environ["STORYLENS_PROGRESS"] = env_before
    nb = nbformat.read(executed if executed.exists() else path, as_version=4)
    (out / f"{stem}.html").write_text(_export(nb, brief=False), encoding="utf-8")
    (out / f"{stem}.brief.html").write_text(_export(nb, brief=True), encoding="utf-8")
    figures = sorted(fig_dir.glob("*.png"))
    return NotebookRun(stem, purpose_of(nb), not error, error, figures)


def build_report(
    corpus: str | os.PathLike, out: str | os.PathLike, *, notebooks: list[str] | None = None
) -> Path:
    """Run the notebooks (all, or those whose stem/name is in ``notebooks``) and write the index.

    Raises :class:`ReportError` after writing everything if any notebook failed.
    """
    from .load import read_corpus

    corpus = Path(corpus).resolve()
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths()
    if notebooks:
        wanted = {Path(n).stem for n in notebooks}
        paths = [p for p in paths if p.stem in wanted]
    runs = []
    # the first notebook analyses the corpus and leaves the result here for the others
    cache = Path(tempfile.mkdtemp(prefix=".analysis-", dir=out))
    try:
        for p in paths:
            print(f"storylens: running {p.name} ...", file=sys.stderr, flush=True)
            runs.append(run_notebook(p, out, corpus=corpus, parameters={"cache_dir": str(cache)}))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    loaded = read_corpus(corpus)
    index = out / "index.html"
    index.write_text(
        render_index(runs, corpus=corpus, out=out, summary=loaded.summary()), encoding="utf-8"
    )
    (out / "run.json").write_text(
        json.dumps(
            {
                "corpus": str(corpus),
                "articles": len(loaded.articles),
                "rejected": len(loaded.rejects),
                "versions": _versions(),
                "notebooks": [{"name": r.name, "ok": r.ok, "error": r.error} for r in runs],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    failed = [r for r in runs if not r.ok]
    if failed:
        raise ReportError("notebooks failed: " + "; ".join(f"{r.name} ({r.error})" for r in failed))
    return index


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2rem auto;
padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{margin-bottom:.2rem} .sub{color:#555;margin-top:0}
table{border-collapse:collapse;margin:1rem 0} td,th{border-bottom:1px solid #ddd;padding:.35rem .7rem;
text-align:left;vertical-align:top} th{background:#f5f5f7}
.fail{color:#b00020;font-weight:600} .ok{color:#137333}
.gallery{display:flex;flex-wrap:wrap;gap:.8rem} .gallery figure{margin:0;width:250px}
.gallery img{width:250px;border:1px solid #ddd} figcaption{font-size:.8rem;color:#555}
"""


def render_index(runs: list[NotebookRun], *, corpus: Path, out: Path, summary: str) -> str:
    """The index page. Every value from data is HTML-escaped."""
    e = html.escape
    rows = []
    for r in runs:
        status = (
            '<span class="ok">ok</span>'
            if r.ok
            else f'<span class="fail">failed: {e(r.error)}</span>'
        )
        rows.append(
            f"<tr><td><b>{e(r.name)}</b><br>{e(r.purpose)}</td>"
            f'<td><a href="{e(r.name)}.html">full report</a><br>'
            f'<a href="{e(r.name)}.brief.html">brief (no code)</a><br>'
            f'<a href="{e(r.name)}.ipynb">executed notebook</a></td><td>{status}</td></tr>'
        )
    figs = []
    for r in runs:
        for png in r.figures:
            rel = png.relative_to(out).as_posix()
            csv = png.with_suffix(".csv")
            csv_link = (
                f' · <a href="{e(csv.relative_to(out).as_posix())}">data (CSV)</a>'
                if csv.exists()
                else ""
            )
            figs.append(
                f'<figure><a href="{e(rel)}"><img src="{e(rel)}" alt="{e(png.stem)}"></a>'
                f"<figcaption>{e(r.name)}: {e(png.stem)}{csv_link}</figcaption></figure>"
            )
    versions = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in _versions().items())
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>storylens report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style></head>
<body><h1>storylens report</h1>
<p class="sub">Corpus <code>{e(str(corpus))}</code> · {e(summary)} · run {e(when)} on {e(platform.node() or "this machine")}</p>
<h2>Notebooks</h2><table><tr><th>notebook</th><th>reports</th><th>status</th></tr>{"".join(rows)}</table>
<h2>Figures</h2><div class="gallery">{"".join(figs) or "<p>No figures.</p>"}</div>
<h2>Run details</h2><table><tr><th>package</th><th>version</th></tr>{versions}</table>
<p>Python {e(sys.version.split()[0])} on {e(platform.platform())}.</p>
</body></html>
"""
