"""Whose evidence a capture is: the case, the crawl run, the operator and the authorisation."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RunContext:
    """What every capture of one run records about how it was made."""

    case: str
    case_id: int
    run_id: int
    operator: str
    authorisation_id: int | None = None
    # Tool and dependency versions, as recorded with the run (the crawler adds its browser).
    software: dict[str, str] = field(default_factory=dict)
