"""Regex helpers shared by the taggers and scanners."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable


def char_class(pred: Callable[[str], bool]) -> str:
    """The body of a regex character class (``[...]`` without the brackets) of every character
    of the Basic Multilingual Plane for which ``pred`` holds, as ranges."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF or not pred(chr(cp)):
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


#: Every capital letter ("Ó", "Ł", "Ж" too): the body of a character class.
UPPER = char_class(lambda c: c.isupper() or unicodedata.category(c) == "Lt")


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
