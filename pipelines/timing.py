"""Where a crawl's time goes: seconds per phase, summed over pages, kept in the crawl's stats.

Each phase adds to the Scrapy stat ``jasper/seconds/<phase>``, which the run records with its
other stats (``crawl_runs.stats``); ``make bench`` divides them by the listings captured.
Pages are worked on at once, so the phases add up to more than the wall time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PREFIX = "jasper/seconds/"


def add_seconds(stats: Any, phase: str, seconds: float) -> None:
    """Add ``seconds`` to the phase's stat (``stats`` may be None: nothing is kept)."""
    if stats is not None:
        stats.inc_value(PREFIX + phase, round(seconds, 4), start=0.0)


@contextmanager
def timed(stats: Any, phase: str) -> Iterator[None]:
    """Time the block into the phase's stat, whether or not it raises."""
    started = time.perf_counter()
    try:
        yield
    finally:
        add_seconds(stats, phase, time.perf_counter() - started)
