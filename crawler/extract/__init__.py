"""Reading listings from rendered pages: is a page a listing, and what does it say?

- :mod:`.reading` puts it together (:func:`read_page`, :func:`extract_product`).
- :mod:`.structured` reads schema.org data (JSON-LD, microdata, data-vocabulary, OpenGraph).
- :mod:`.state` reads the JSON a page carries for its scripts (``__NEXT_DATA__``...).
- :mod:`.page` and :mod:`.heuristics` read the visible page: its main heading, its prices and
  what surrounds them, its buy and contact actions.
- :mod:`.prices` and :mod:`.currency` parse amounts and name currencies.

Every field of a product records how it was read (``Product.extraction``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from crawler.extract import currency, prices
from crawler.extract.reading import Reading, extract_product, read_page
from crawler.extract.structured import prepare

__all__ = [
    "Reading",
    "extract_product",
    "normalise_currency",
    "parse_price",
    "prepare",
    "read_page",
]


def normalise_currency(value: str | None) -> str | None:
    """An ISO 4217 code from a code or an unambiguous symbol; None when unsure."""
    return currency.normalise_code(value) or currency.from_symbol(value, None)


def parse_price(value: Any, currency_hint: str | None = None) -> tuple[Decimal | None, str | None]:
    """Amount and ISO 4217 currency from a price such as ``35``, ``"£35.00"`` or ``"35,00 €"``;
    ``currency_hint`` (a code or symbol) wins over the symbol printed with the amount."""
    parsed = prices.parse(value)
    hinted = normalise_currency(currency_hint)
    if parsed is None:
        return None, hinted
    return parsed.amount, hinted or (normalise_currency(parsed.symbol) if parsed.symbol else None)
