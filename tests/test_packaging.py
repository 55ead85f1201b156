"""The project's own promises about itself: dependencies, layout, notebooks committed clean."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(req: str) -> tuple[str, str]:
    """'dask[bag]>=2024.8' -> ('dask', '>=2024.8')."""
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(.*)$", req)
    assert m, req
    return _norm(m.group(1)), m.group(3).replace(" ", "")


def _pyproject_deps() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    reqs = list(data["project"]["dependencies"])
    for extra in data["project"].get("optional-dependencies", {}).values():
        reqs += extra
    return dict(_split(r) for r in reqs)


def _conda_deps() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, spec = _split(dep)
            if name not in {"python", "pip"}:
                out[name] = spec
    return out


def test_environment_yml_and_pyproject_list_the_same_dependencies():
    pip, conda = _pyproject_deps(), _conda_deps()
    assert set(pip) == set(conda), (
        f"only in pyproject: {sorted(set(pip) - set(conda))}; "
        f"only in environment.yml: {sorted(set(conda) - set(pip))}"
    )
    mismatched = {n: (pip[n], conda[n]) for n in pip if pip[n] != conda[n]}
    assert not mismatched, f"version bounds differ: {mismatched}"


def test_every_dependency_is_bounded_or_pinned_by_the_lock():
    lock = (ROOT / "requirements.lock").read_text().splitlines()
    locked = {_norm(ln.split("==")[0]) for ln in lock if "==" in ln and not ln.startswith("#")}
    missing = sorted(n for n in _pyproject_deps() if n not in locked)
    assert not missing, f"not pinned in requirements.lock: {missing}"


def test_core_packages_named_by_the_client_are_dependencies():
    deps = _pyproject_deps()
    for name in ("jupyterlab", "pandas", "seaborn", "textblob"):
        assert name in deps


def test_git_does_not_ignore_the_library():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    res = subprocess.run(
        ["git", "check-ignore", "-q", "lib/storylens/__init__.py"], cwd=ROOT, check=False
    )
    assert res.returncode == 1, "git ignores lib/: the library would never reach the repo"


def test_top_level_layout():
    for name in (
        "notebooks",
        "lib",
        "seeds",
        "tests",
        "environment.yml",
        "README.md",
        "pyproject.toml",
        "Makefile",
        ".ci/run",
    ):
        assert (ROOT / name).exists(), name
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_makefile_has_the_daily_targets():
    text = (ROOT / "Makefile").read_text()
    for target in ("help", "report", "test", "lab", "tables", "bench"):
        assert re.search(rf"^{target}:", text, re.M), target


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_the_walkthrough_has_its_five_notebooks():
    stems = [p.stem for p in NOTEBOOKS]
    assert stems[0].startswith("00-"), stems
    for prefix in ("00-", "01-", "02-", "03-", "04-"):
        assert any(s.startswith(prefix) for s in stems), (prefix, stems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_and_parameterised(path):
    nb = json.loads(path.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), (
        "commit notebooks with outputs stripped (reports/ holds executed copies)"
    )
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters' (papermill)"
    params = "".join(tagged[0]["source"])
    assert "corpus" in params and "figures_dir" in params
    first = "".join(nb["cells"][0]["source"])
    assert first.startswith("# "), "opens with an H1"
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for heading in ("What this notebook shows", "Summary", "Caveats", "Your turn"):
        assert heading.lower() in text.lower(), heading
    assert "../" not in "".join("".join(c["source"]) for c in code), "paths come from the library"
