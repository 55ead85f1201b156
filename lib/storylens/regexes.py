"""Regex helpers shared by the taggers and scanners."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_regex(
    words: Iterable[str], *, any_apostrophe: bool = False, any_space: bool = False
) -> str:
    r"""A regex alternation of ``words`` built as a character trie.

    Python's ``re`` tries the branches of a flat ``a|b|c`` list one by one; a trie shares
    prefixes, so thousands of aliases match in one pass. At each branch point longer words are
    tried first (an optional group for a word that ends there), so the longest match wins.
    ``any_apostrophe`` lets a straight ``'`` in a word also match a curly ``’`` in the text;
    ``any_space`` lets a space in a word match any run of whitespace (``\s+``).
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def esc(ch: str) -> str:
        if any_apostrophe and ch == "'":
            return "['’]"
        return r"\s+" if any_space and ch == " " else re.escape(ch)

    def build(node: dict) -> str:
        alts = [esc(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
