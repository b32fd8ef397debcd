"""Keyword lists from keyword files: one keyword per line, blanks and ``#`` comments skipped."""

from __future__ import annotations


def parse_keywords(text: str) -> list[str]:
    """The keywords in a keyword file's text, in order, without duplicates."""
    words = [line.strip() for line in text.splitlines()]
    return list(dict.fromkeys(w for w in words if w and not w.startswith("#")))
