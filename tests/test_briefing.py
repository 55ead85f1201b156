"""The briefing is generated from the tables: on another corpus it talks about that corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.briefing import build_briefing, to_markdown
from storylens.pipeline import analyze

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds_tables():
    return analyze(ROOT / "seeds", workers=1)


@pytest.fixture(scope="module")
def unseen_tables():
    return analyze(ROOT / "tests" / "fixtures" / "unseen", workers=1)


def test_seed_briefing_names_the_wire_copies_and_independent_sources(seeds_tables):
    text = to_markdown(build_briefing(seeds_tables))
    groups = seeds_tables.articles.groupby("wire_group")["doc_id"].size()
    assert f"{len(groups)} independent source" in text
    if (groups > 1).any():
        assert "carry the same wire copy" in text


def test_briefing_on_an_unseen_corpus_mentions_its_actors_and_nothing_from_the_seeds(
    seeds_tables, unseen_tables
):
    text = to_markdown(build_briefing(unseen_tables))
    unseen_actors = set(unseen_tables.mentions["actor"])
    seed_only = set(seeds_tables.mentions["actor"]) - unseen_actors
    assert any(a in text for a in unseen_actors), "talks about this corpus's actors"
    leaked = sorted(a for a in seed_only if re.search(rf"\b{re.escape(a)}\b", text))
    assert not leaked, f"seed actors leaked into another corpus's briefing: {leaked}"
    assert "3 articles" in text


def test_briefing_markdown_escapes_article_text(unseen_tables):
    md = to_markdown(build_briefing(unseen_tables))
    assert "<script" not in md
