"""Amounts and currency symbols from price text as shops print it.

Amounts are parsed with ``price-parser`` (thousands and decimal separators of any locale);
what is done here first is only what it does not do: other digit scripts and full-width
characters are folded to ASCII, Swedish ``599:-`` and German ``89,-`` are read as whole
amounts, and the currency symbol or code printed next to the number is found (``US $``,
``R$``, ``TL``, the rouble and won abbreviations...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from price_parser import Price

from crawler.extract.currency import ALIASES, SHARED, SYMBOLS

# Longest first, so that "US$" wins over "$" and "NT$" over "$".
_TOKENS = sorted({*SYMBOLS, *SHARED, "US $", "AU $", "CA $", "NZ $", "HK $", "C $", "A $"},
                 key=len, reverse=True)  # fmt: skip
_TOKEN_RE = re.compile("|".join(re.escape(t) for t in _TOKENS))
_WORDY = re.compile(r"^[^\W\d_]+\.?$")  # tokens made of letters need word boundaries
_CODES = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])")
_NUMBER = re.compile(r"\d")
# Whole-unit endings: "599:-" (Swedish), "89,-" / "89,--" / "89.-" (German, Dutch, Swiss).
_WHOLE_DASH = re.compile(r"(\d)\s*[,.]-{1,2}(?!\d)")
_COLON_DASH = re.compile(r"(\d)\s*:-")
MAX_AMOUNT = Decimal("1e12")


@dataclass(frozen=True)
class ParsedPrice:
    """A price read from text: the amount, the currency marker as printed, and the text."""

    amount: Decimal
    symbol: str | None
    text: str


def fold(text: str) -> str:
    """Text with other digit scripts (Arabic-Indic, Devanagari...) and full-width forms
    folded to ASCII, and Arabic separators to ``.`` and ``,``."""
    out = []
    for char in text:
        if char in "٫":
            out.append(".")
        elif char in "٬،":
            out.append(",")
        elif char.isdigit() and not char.isascii():
            try:
                out.append(str(unicodedata.digit(char)))
            except (TypeError, ValueError):
                out.append(char)
        elif "\uff01" <= char <= "\uff5e" and char != "\uffe5":  # full-width ASCII, not ￥
            out.append(unicodedata.normalize("NFKC", char))
        else:
            out.append(char)
    return "".join(out).replace("\u00a0", " ").replace("\u202f", " ").replace("\u200f", "")


def currency_token(text: str) -> str | None:
    """The currency symbol, word or ISO code printed in a price text, as printed."""
    if "￥" in text:
        return "¥"
    if ":-" in text and _COLON_DASH.search(text):
        return ":-"
    codes = [c for c in _CODES.findall(text) if c in _known_codes() or c in ALIASES]
    if codes:
        return codes[0]
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        index = match.start()
        before = text[index - 1] if index else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if not _WORDY.match(token) or not (
            before.isalpha() or after.isalpha() or (before.isdigit() and after.isdigit())
        ):
            return token.replace(" ", "")
    return None


def _known_codes() -> frozenset[str]:
    from crawler.extract.currency import known_codes

    return known_codes()


def parse(text: Any) -> ParsedPrice | None:
    """The first price in ``text`` (for a range, its first, lower end); None if no amount."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        try:
            amount = Decimal(str(text))
        except InvalidOperation:
            return None
        return ParsedPrice(amount, None, str(text)) if 0 <= amount < MAX_AMOUNT else None
    raw = " ".join(str(text).split())
    if not raw or not _NUMBER.search(raw):
        return None
    folded = fold(raw)
    cleaned = _COLON_DASH.sub(r"\1", _WHOLE_DASH.sub(r"\1", folded))
    parsed = Price.fromstring(cleaned)
    if parsed.amount is None or not 0 <= parsed.amount < MAX_AMOUNT:
        return None
    return ParsedPrice(parsed.amount, currency_token(folded), raw)


def amount(value: Any) -> Decimal | None:
    """Just the amount of a price value (a number or a text)."""
    parsed = parse(value)
    return parsed.amount if parsed else None
