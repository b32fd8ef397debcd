"""Tables a person reads in a terminal: fitted to its width, one line per row, and every
piece of page-derived text escaped (captured pages are hostile)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from evidence.verification.problems import printable

FALLBACK_WIDTH = 100  # when output is not a terminal and COLUMNS is not set


def terminal_width() -> int:
    """The terminal's width in columns (``COLUMNS`` wins; 100 when not a terminal)."""
    return shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns


def terminal() -> Console:
    """A console as wide as the terminal, so tables are cut to fit rather than wrapped."""
    return Console(width=terminal_width(), highlight=False)


def safe(value: Any, empty: str = "-") -> Text:
    """Page-derived text as plain text: control and format characters escaped, no markup."""
    if value is None or value == "":
        return Text(empty)
    return Text(printable(str(value)))


def price_text(price: float | None, currency: str | None) -> str:
    """``1,234.50 GBP``, or ``-``."""
    return "-" if price is None else f"{price:,.2f} {currency or ''}".strip()


def score_text(score: float | None) -> str:
    """A triage score to two places, or ``-`` when not scored."""
    return "-" if score is None else f"{score:.2f}"


@dataclass(frozen=True)
class Col:
    """One column: fixed columns take what they need, ``ratio`` columns share the rest."""

    header: str
    ratio: int | None = None
    justify: str = "left"


def fitted_table(title: str | None, columns: Sequence[Col]) -> Table:
    """A borderless table as wide as the console at most, each row on one line: long cells
    end in an ellipsis instead of wrapping."""
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1, 0, 0),
        expand=any(c.ratio for c in columns),
        title_justify="left",
        title_style="bold",
    )
    for col in columns:
        table.add_column(
            col.header,
            no_wrap=True,
            overflow="ellipsis",
            ratio=col.ratio,
            justify=col.justify,  # type: ignore[arg-type]
            min_width=len(col.header) if col.ratio is None else 6,
        )
    return table


STATUS_STYLES = {"complete": "", "partial": "bold yellow", "failed": "bold red"}


def status_text(status: str | None) -> Text:
    """A capture status, partial and failed ones marked loudly."""
    if not status:
        return Text("none", style="bold red")
    return Text(status if status != "complete" else "ok", style=STATUS_STYLES.get(status, "bold"))
