"""Literal strings a regular expression's every match must hold: a cheap test that lets a
page skip compiling the patterns that cannot match a URL (see crawler.consent)."""

from __future__ import annotations

import re


def required_literals(pattern: str) -> list[str] | None:
    """Strings one of which is in any text the (JavaScript) ``pattern`` matches, or None when
    that cannot be told simply. A frame's consent script compiles a site-specific rule's URL
    pattern only if its URL holds one of them: compiling all ~570 cost some 8 ms a document."""
    if re.search(r"\\[0-9cxukpP]", pattern):  # references, code points: longer escapes
        return None
    found = []
    for branch in _top_level_branches(pattern):
        runs = [run for run in _literal_runs(branch) if run not in "https://www."]
        best = max(runs, key=len, default="")
        if len(best) < 3:
            return None
        found.append(best)
    return found or None


def _top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|``."""
    branches, start, depth, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":
            i = _class_end(pattern, i)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*branches, pattern[start:]]


def _class_end(pattern: str, i: int) -> int:
    """The index of the ``]`` closing the character class opened at ``i``."""
    i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _literal_runs(branch: str) -> list[str]:
    """The runs of plain characters that every match of a branch (no top-level ``|``) holds:
    outside groups and classes, and not made optional or repeated by a quantifier."""
    runs: list[str] = []
    run: list[str] = []
    depth, i = 0, 0
    while i < len(branch):
        c = branch[i]
        if c == "\\" and i + 1 < len(branch):
            if depth == 0 and not branch[i + 1].isalnum():
                run.append(branch[i + 1])  # an escaped punctuation mark stands for itself
            else:
                runs.append("".join(run))
                run = []
            i += 2
            continue
        if c == "[":
            i = _class_end(branch, i)
        elif c == "{":  # a bound {n,m}: its digits are no literal
            end = branch.find("}", i)
            i = end if end != -1 else len(branch)
        if depth == 0 and c not in "()[.^$*+?{}":
            run.append(c)
        else:
            if c in "*?{" and run:
                run.pop()  # the quantified character may be absent
            runs.append("".join(run))
            run = []
            depth += {"(": 1, ")": -1}.get(c, 0)
        i += 1
    runs.append("".join(run))
    return runs
