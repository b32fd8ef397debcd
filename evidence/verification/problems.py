"""What verification reports: problems naming files, and each check's outcome."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Outcome(enum.StrEnum):
    """A check passed, failed, or could not be made (and says why)."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_CHECKABLE = "not checkable"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: missing, extra, altered, invalid or unsafe."""

    path: str
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.kind}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one named check and the problems it found."""

    name: str
    outcome: Outcome
    problems: tuple[Problem, ...] = ()
    note: str = ""


def result(name: str, problems: list[Problem], note: str = "") -> CheckResult:
    """Passed when there are no problems, failed otherwise."""
    outcome = Outcome.FAILED if problems else Outcome.PASSED
    return CheckResult(name, outcome, tuple(problems), note)
