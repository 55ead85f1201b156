"""storylens: read one news story across many outlets.

Quick start::

    import storylens
    corpus = storylens.read_corpus("seeds")      # articles, rejects, furniture
    tables = storylens.analyze(corpus)           # every table of the contract
    tables.write("tables/")

The names below are imported lazily, so ``import storylens`` stays cheap.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "read_corpus": "load",
    "load_corpus": "load",
    "CorpusError": "load",
    "clean_text": "clean",
    "split_sentences": "sentences",
    "Gazetteer": "actors",
    "tag_actors": "actors",
    "extract_quotes": "quotes",
    "extract_claims": "claims",
    "reconcile": "reconcile",
    "analyze": "pipeline",
    "analyze_document": "pipeline",
    "Tables": "pipeline",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'storylens' has no attribute {name!r}")
