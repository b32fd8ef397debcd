"""What verification reports: problems naming files, and each check's outcome.

Everything here may carry text from the bundle (member names, JSON values), which is hostile:
:func:`printable` escapes what a terminal would act on, and every ``str()`` goes through it,
so a crafted name cannot erase its line and print a false verdict.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

# Unicode categories a terminal acts on or that reorder or hide text: controls (C0, DEL, C1),
# format characters (bidi overrides, zero-width), surrogates (undecodable bytes), line and
# paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(text: str) -> str:
    """``text`` with every control, format and separator character escaped (``\\x1b``,
    ``\\u202e``); everything else, including non-Latin scripts, kept."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if unicodedata.category(char) in _UNSAFE_CATEGORIES:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


class Outcome(enum.StrEnum):
    """A check passed, failed, or could not be made (and says why)."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_CHECKABLE = "not checkable"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: missing, extra, altered, invalid, corrupt, encrypted,
    unsafe or untrusted."""

    path: str
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return printable(f"{self.path}: {self.kind}{detail}")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one named check, the problems it found, and what it saw (``note``)."""

    name: str
    outcome: Outcome
    problems: tuple[Problem, ...] = ()
    note: str = ""


def result(name: str, problems: list[Problem], note: str = "") -> CheckResult:
    """Passed when there are no problems, failed otherwise."""
    outcome = Outcome.FAILED if problems else Outcome.PASSED
    return CheckResult(name, outcome, tuple(problems), note)


def not_checkable(name: str, why: str) -> CheckResult:
    """A check that could not be made, and why."""
    return CheckResult(name, Outcome.NOT_CHECKABLE, note=why)
