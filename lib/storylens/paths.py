"""Project paths, defined once. Notebooks and scripts import these instead of writing '../seeds'."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
#: Top of the checkout (lib/storylens/paths.py -> parents[2]). Only meaningful for an editable install.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"


def yaml_load(stream):
    """``yaml.safe_load`` with YAML 1.2 booleans (see :func:`read_yaml`)."""
    import yaml

    return yaml.load(stream, Loader=_yaml_loader())


def read_yaml(path: str | Path) -> dict:
    """Parse one of our YAML data files: safe loader, and only ``true``/``false`` are booleans.

    PyYAML follows YAML 1.1, where ``on``, ``off``, ``yes``, ``no`` (any case) are booleans too,
    so a word list holding "On" or "No" silently became ``True``/``False``. Our lists are
    words; YAML 1.2 (which dropped those) is what an editor of the files expects.
    """
    with open(path, encoding="utf-8") as fh:
        return yaml_load(fh) or {}


@functools.cache
def _yaml_loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser when available

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    # the safe resolvers without YAML 1.1's bool rule, then YAML 1.2's
    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in rules if tag != "tag:yaml.org,2002:bool"]
        for first, rules in base.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return Loader


@functools.cache
def english_words() -> dict:
    """``data/english.yaml``: word lists several modules share (read once)."""
    return read_yaml(DATA_DIR / "english.yaml")


@functools.cache
def english_lexicon() -> frozenset[str]:
    """The lower-case words of TextBlob's English lexicon (Brill's tagger lexicon, from the
    Brown corpus and the Penn Treebank; TextBlob is a dependency): "oil", "broadcasting" and
    "air" are English words, a coined brand such as "Zelkora" is not. Read once, without
    importing TextBlob; empty when the file is missing (then every word counts as English)."""
    import importlib.util

    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.origin:
        return frozenset()
    path = Path(spec.origin).parent / "en" / "en-lexicon.txt"
    try:
        with open(path, encoding="utf-8") as fh:
            words = [line.split(" ", 1)[0] for line in fh if not line.startswith(";")]
    except OSError:
        return frozenset()
    return frozenset(w for w in words if w.islower())


@functools.cache
def first_names() -> dict[str, str]:
    """``data/first_names.yaml`` as given name -> ``"f"`` or ``"m"`` (read once). A name listed
    under both genders is left out. A name written with accents the list does not hold is
    looked up without them ("Patrícia" as "Patricia"): see :class:`_Names`."""
    raw = read_yaml(DATA_DIR / "first_names.yaml")
    female = {str(n) for n in raw.get("female", [])}
    male = {str(n) for n in raw.get("male", [])}
    out = _Names({n: "f" for n in female - male})
    out.update({n: "m" for n in male - female})
    return out


def fold_accents(s: str) -> str:
    """Drop diacritics ("Erdoğan" -> "Erdogan", "Patrícia" -> "Patricia")."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


class _Names(dict):
    """Given names; a non-ASCII name missing from the list is looked up without its accents
    (only non-ASCII words pay for the second look-up). A hyphenated name whose parts are all
    given names is one ("Pieter-Jan", "Anne-Marie"), with the gender of its first part."""

    def __contains__(self, name: object) -> bool:
        return self.get(name) is not None

    def get(self, name, default=None):
        value = dict.get(self, name)
        if value is None and isinstance(name, str):
            if not name.isascii():
                value = dict.get(self, fold_accents(name))
            if value is None and "-" in name:
                parts = [self.get(p) for p in name.split("-")]
                if all(parts):
                    value = parts[0]
        return default if value is None else value

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value
