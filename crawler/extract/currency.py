"""Currencies: ISO 4217 codes normalised, and inferred from a price's symbol, the site's
country (its domain) or the page's language when a page does not say.

Codes and which country uses which currency come from the CLDR (through Babel); the symbols
and words shops print next to prices, and the few obsolete or unofficial codes still seen in
structured data, are listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from babel.core import get_global
from babel.numbers import get_territory_currencies, list_currencies

# Codes pages still print for the current currency (RUR was replaced by RUB in 1998 at 1000:1,
# yet Russian shops' feeds still label roubles RUR), and common unofficial codes.
ALIASES = {
    "RUR": "RUB", "TRL": "TRY", "YTL": "TRY", "BYR": "BYN", "RMB": "CNY", "NTD": "TWD",
    "NIS": "ILS", "UKP": "GBP", "STG": "GBP", "EURO": "EUR", "EUROS": "EUR", "YEN": "JPY",
    "SFR": "CHF", "KRO": "SEK", "MXP": "MXN", "VEF": "VES", "GHC": "GHS", "ZMK": "ZMW",
}  # fmt: skip

# Symbols and words printed next to prices that name one currency wherever they appear.
SYMBOLS = {
    "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "원": "KRW", "₽": "RUB", "руб": "RUB",
    "руб.": "RUB", "р.": "RUB", "₴": "UAH", "грн": "UAH", "zł": "PLN", "zl": "PLN", "Kč": "CZK",
    "Ft": "HUF", "lei": "RON", "лв": "BGN", "лв.": "BGN", "₺": "TRY", "TL": "TRY", "₫": "VND",
    "đ": "VND", "Rp": "IDR", "RM": "MYR", "₱": "PHP", "₦": "NGN", "KSh": "KES", "₪": "ILS",
    "₸": "KZT", "₾": "GEL", "฿": "THB", "บาท": "THB", "円": "JPY", "元": "CNY",
    "人民币": "CNY", "R$": "BRL", "US$": "USD", "U$S": "USD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "NT$": "TWD",
    "MX$": "MXN", "COL$": "COP", "CLP$": "CLP", "RD$": "DOP", "ر.س": "SAR", "ر.س.": "SAR",
    "ريال": "SAR", "د.إ": "AED", "درهم": "AED", "ج.م": "EGP", "د.ك": "KWD", "ر.ق": "QAR",
    "د.م.": "MAD", "৳": "BDT", "₭": "LAK", "៛": "KHR", "₮": "MNT", "CHF": "CHF", "Fr.": "CHF",
    "zł.": "PLN", "Rs": "INR", "Rs.": "INR", "₨": "PKR", "GH₵": "GHS", "₵": "GHS",
}  # fmt: skip

# Symbols several currencies share: the country decides, else the first (most common) one.
SHARED = {
    "$": ("USD", "CAD", "AUD", "NZD", "MXN", "ARS", "CLP", "COP", "SGD", "HKD", "TWD", "UYU",
          "DOP", "CUP", "BSD", "JMD", "TTD", "FJD", "NAD", "LRD"),
    "¥": ("JPY", "CNY"),
    "kr": ("SEK", "NOK", "DKK", "ISK"),
    "kr.": ("DKK", "ISK", "SEK", "NOK"),
    ":-": ("SEK",),  # Swedish "599:-"
    "R": ("ZAR",),
    "Fr": ("CHF", "XOF", "XAF"),
    "Q": ("GTQ",),
    "S/": ("PEN",),
    "Bs": ("BOB", "VES"),
}  # fmt: skip

# Country-code domains whose code is not the country's ISO 3166 code.
TLD_COUNTRY = {"uk": "GB", "eu": "EU", "su": "RU"}
# The currency of a language when nothing else tells (only languages spoken in one country).
LANGUAGE_TERRITORY_ONLY = {
    "ja", "ko", "th", "vi", "id", "tr", "pl", "ru", "uk", "cs", "hu", "ro", "bg", "sv", "da",
    "nb", "no", "nn", "is", "he", "ka", "hy", "ms", "fil", "tl", "bn", "zh", "el", "hr", "lt",
    "lv", "et", "sk", "sl", "fi", "nl", "it", "fa",
}  # fmt: skip


@lru_cache(maxsize=1)
def current_codes() -> frozenset[str]:
    """Every ISO 4217 code some country uses today (CLDR)."""
    codes: set[str] = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory))
    return frozenset(codes)


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every ISO 4217 code, current or historic (CLDR)."""
    return frozenset(list_currencies())


def normalise_code(value: str | None) -> str | None:
    """An ISO 4217 code in use today from a code as pages write it (``usd``, ``RUR``, ``€``);
    None when the value names no currency."""
    if not value:
        return None
    text = " ".join(str(value).split())
    upper = text.upper()
    if upper in ALIASES:
        return ALIASES[upper]
    if upper in known_codes():
        return upper
    return SYMBOLS.get(text) or SYMBOLS.get(text.rstrip(".")) or None


@lru_cache(maxsize=4096)
def territory_of(url: str) -> str | None:
    """The country a site addresses, from its country-code domain (``.co.uk`` is GB)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2:
        return None
    return TLD_COUNTRY.get(tld, tld.upper())


def currency_of_territory(territory: str | None) -> str | None:
    """The currency a country uses today (the euro for ``EU``)."""
    if not territory:
        return None
    if territory == "EU":
        return "EUR"
    try:
        found = get_territory_currencies(territory)
    except Exception:  # an unknown territory code
        return None
    return found[0] if found else None


def territory_of_language(lang: str | None) -> str | None:
    """The country a page's language points to: its region (``es-AR``), or for languages
    spoken in one country only, that country (``ja`` is JP)."""
    if not lang:
        return None
    parts = re.split(r"[-_]", lang.strip())
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region:
        return region
    language = parts[0].lower()
    if language not in LANGUAGE_TERRITORY_ONLY:
        return None
    likely = get_global("likely_subtags").get(language)
    return likely.rsplit("_", 1)[-1] if likely else None


def from_symbol(symbol: str | None, territory: str | None) -> str | None:
    """The currency a printed symbol or word names; for a shared symbol ($, ¥, kr) the one
    of the site's country when it uses that symbol, else the symbol's most common currency."""
    if not symbol:
        return None
    symbol = symbol.strip()
    code = normalise_code(symbol)
    if code:
        return code
    shared = SHARED.get(symbol) or SHARED.get(symbol.rstrip("."))
    if not shared:
        return None
    local = currency_of_territory(territory)
    return local if local in shared else shared[0]


def infer(url: str, lang: str | None) -> tuple[str | None, str | None]:
    """The currency a page most likely prices in when it names none, and why."""
    territory = territory_of(url)
    code = currency_of_territory(territory)
    if code:
        return code, f"the site's country-code domain (.{territory.lower() if territory else ''})"
    territory = territory_of_language(lang)
    code = currency_of_territory(territory)
    if code:
        return code, f"the page's language ({lang})"
    return None, None
