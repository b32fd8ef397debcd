"""Tables a person reads in a terminal: fitted to its width, one line per row, and every
piece of page-derived text escaped (captured pages are hostile)."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Console, JustifyMethod
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
    justify: JustifyMethod = "left"
    max_width: int | None = None


def fitted_table(title: str | None, columns: Sequence[Col]) -> Table:
    """A borderless table as wide as the console at most, each row on one line: long cells
    end in an ellipsis instead of wrapping."""
    table = Table(
        title=None if title is None else Text(printable(title)),  # never read as markup
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
            justify=col.justify,
            min_width=len(col.header) if col.ratio is None else 6,
            max_width=col.max_width,
        )
    return table


STATUS_STYLES = {"complete": "", "partial": "bold yellow", "failed": "bold red"}


def status_text(status: str | None, http_status: int | None = None) -> Text:
    """A capture status, partial and failed ones marked loudly, and an HTTP error status
    (a complete capture of a 404 page is not a capture of the listing)."""
    if not status:
        return Text("none", style="bold red")
    text = Text(status if status != "complete" else "ok", style=STATUS_STYLES.get(status, "bold"))
    if http_status is not None and not 200 <= http_status < 400:
        text.append(f" {http_status}", style="bold yellow")
    return text


def captures_table(
    rows: Sequence[Mapping[str, Any]], listing_of: Mapping[int, int | None], title: str
) -> Table:
    """One line per capture of a run: the listing id, title, price, seller, capture status."""
    table = fitted_table(
        title,
        [Col("listing", justify="right"), Col("title", ratio=5), Col("price", justify="right"),
         Col("seller", ratio=2), Col("capture")],
    )  # fmt: skip
    for row in rows:
        listing = listing_of.get(row["id"])
        table.add_row(
            "-" if listing is None else str(listing),
            safe(row.get("title") or row.get("url")),
            price_text(row.get("price"), row.get("currency")),
            safe(row.get("seller")),
            status_text(row.get("status"), row.get("http_status")),
        )
    return table
