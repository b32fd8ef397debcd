"""What a listing page says about the product it offers, as read at capture time."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Product:
    """A listing's product fields and where they were read from (``source``)."""

    title: str | None
    price: Decimal | None
    currency: str | None
    seller: str | None
    description: str | None
    images: list[str] = field(default_factory=list)
    source: str = ""  # json-ld | microdata | opengraph | profile | ... (joined with "+")
    raw: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """A JSON-safe dict (prices as strings, exactly as parsed)."""
        data = asdict(self)
        data["price"] = None if self.price is None else str(self.price)
        return data
