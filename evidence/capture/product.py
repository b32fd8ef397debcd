"""What a listing page says about the product it offers, as read at capture time, and how
each field was read (so that an investigator can explain it in a statement)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

FIELDS = ("title", "price", "currency", "seller", "seller_url", "description", "images",
          "brand", "sku", "gtin", "mpn", "availability", "condition")  # fmt: skip


@dataclass
class FieldSource:
    """How one field was read.

    ``source`` is where the value came from: ``json-ld``, ``microdata``, ``opengraph``
    (structured data), ``state`` (JSON the page carries for its scripts), ``page`` (the
    visible page, by a documented heuristic), ``profile`` (a site profile's selector) or
    ``inferred`` (a currency from the site's domain or language). ``how`` says what was read
    in words; ``selector`` finds it again (a CSS selector in the page, or a path in the
    structured data or state); ``text`` is the text as found.
    """

    source: str
    how: str
    selector: str | None = None
    text: str | None = None

    def as_json(self) -> dict[str, Any]:
        """A JSON-safe dict."""
        return asdict(self)


@dataclass
class Product:
    """A listing's product fields and where they were read from (``source``, ``extraction``)."""

    title: str | None
    price: Decimal | None
    currency: str | None
    seller: str | None
    description: str | None
    images: list[str] = field(default_factory=list)
    source: str = ""  # json-ld | microdata | opengraph | state | page | profile (joined with "+")
    raw: dict[str, Any] = field(default_factory=dict)
    brand: str | None = None
    sku: str | None = None
    gtin: str | None = None
    mpn: str | None = None
    availability: str | None = None  # schema.org names: InStock, OutOfStock, ...
    condition: str | None = None  # schema.org names: NewCondition, UsedCondition, ...
    seller_url: str | None = None
    # None for a fixed price; "current-bid" or "starting-bid" for an auction; "from" for the
    # lowest of a range or of quantity tiers.
    price_kind: str | None = None
    extraction: dict[str, FieldSource] = field(default_factory=dict)

    def read(self, name: str, value: Any, how: FieldSource) -> None:
        """Set a field and record how it was read (an empty value is not set)."""
        if value is None or value == "" or value == []:
            return
        setattr(self, name, value)
        self.extraction[name] = how

    def as_json(self) -> dict[str, Any]:
        """A JSON-safe dict (prices as strings, exactly as parsed)."""
        data = asdict(self)
        data["price"] = None if self.price is None else str(self.price)
        data["extraction"] = {k: v.as_json() for k, v in self.extraction.items()}
        return data
