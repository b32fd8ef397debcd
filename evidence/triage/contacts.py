"""Off-platform contacts in listing text: phones (E.164), e-mails, messenger and payment handles.

Phone numbers come from ``phonenumbers.PhoneNumberMatcher`` (leniency VALID by default), then
two guards keep prices, dates, SKUs and order numbers out: a candidate right after a word
such as "order", "SKU", "ref" or "#" is dropped, and one right after a currency sign too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

LENIENCY = {
    "possible": Leniency.POSSIBLE,
    "valid": Leniency.VALID,
    "strict_grouping": Leniency.STRICT_GROUPING,
    "exact_grouping": Leniency.EXACT_GROUPING,
}
# Link families: contacts of these kinds with the same value tie two sellers together.
FAMILY = {
    "phone": "phone",
    "whatsapp": "phone",
    "viber": "phone",
    "signal": "phone",
    "email": "email",
    "telegram": "handle",
    "wechat": "handle",
    "instagram": "handle",
    "snapchat": "handle",
    "line": "handle",
    "paypal": "payment",
    "cashapp": "payment",
    "venmo": "payment",
    "revolut": "payment",
    "bitcoin": "payment",
    "usdt": "payment",
}
_NOT_A_PHONE = re.compile(
    r"(?:\b(?:order|invoice|receipt|ref|reference|sku|ean|upc|gtin|isbn|imei|serial|model|item|"
    r"art|article|tracking|parcel|lot|batch|part|product|transaction|account|acct)\b"
    r"(?:\s*(?:no|nr|num|number|id|code)\b)?\W{0,4}|#\s*|[£$€¥]\s*)$",
    re.IGNORECASE,
)
_MESSENGER_CUE = re.compile(r"(whats\s*app|wa\.me/|\bwa\b|viber|signal)[^\n]{0,25}$", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_OBFUSCATED_AT = re.compile(r"\s*[\[(\{]\s*at\s*[\])\}]\s*", re.IGNORECASE)
_OBFUSCATED_DOT = re.compile(r"\s*[\[(\{]\s*dot\s*[\])\}]\s*", re.IGNORECASE)
_HANDLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("telegram", re.compile(r"(?:t\.me/|telegram\.me/)([A-Za-z0-9_]{4,32})", re.IGNORECASE)),
    (
        "telegram",
        re.compile(r"\b(?:telegram|tg)\b\W{0,6}@?([A-Za-z][A-Za-z0-9_]{3,31})", re.IGNORECASE),
    ),
    (
        "wechat",
        re.compile(
            r"(?:\bwechat|\bweixin|\bwx|微信)(?:\s*id)?\W{0,6}@?([A-Za-z][A-Za-z0-9_-]{4,19})",
            re.IGNORECASE,
        ),
    ),
    (
        "instagram",
        re.compile(r"(?:\binstagram|\binsta|\big)\b\W{0,6}@([A-Za-z0-9_.]{2,30})", re.IGNORECASE),
    ),
    ("instagram", re.compile(r"instagram\.com/([A-Za-z0-9_.]{2,30})", re.IGNORECASE)),
    ("snapchat", re.compile(r"\bsnap(?:chat)?\b\W{0,6}@?([A-Za-z][A-Za-z0-9_.-]{2,14})", re.I)),
)
_PAYMENTS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("paypal", re.compile(r"paypal\.me/([A-Za-z0-9_.-]{2,40})", re.IGNORECASE), "paypal.me/{}"),
    ("cashapp", re.compile(r"(?:cash\.app/)?(?<![\w$])\$([A-Za-z][A-Za-z0-9_]{1,19})\b"), "${}"),
    ("venmo", re.compile(r"\bvenmo\b\W{0,6}@?([A-Za-z0-9_-]{5,30})", re.IGNORECASE), "@{}"),
    ("revolut", re.compile(r"revolut\.me/([A-Za-z0-9_-]{3,30})", re.IGNORECASE), "revolut.me/{}"),
    ("bitcoin", re.compile(r"\b(bc1[a-z0-9]{25,60}|[13][A-HJ-NP-Za-km-z1-9]{25,34})\b"), "{}"),
    ("usdt", re.compile(r"\b(T[A-HJ-NP-Za-km-z1-9]{33})\b"), "{}"),
)
_PAYPAL_CUE = re.compile(r"paypal\W{0,12}$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Contact:
    """One contact detail, normalised: E.164 phones, lower-case e-mails, ``@handles``."""

    kind: str
    value: str

    @property
    def family(self) -> str:
        """What kind of link a shared value makes: phone, email, handle or payment."""
        return FAMILY.get(self.kind, "handle")

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}


def deobfuscate(text: str) -> str:
    """Undo ``name [at] host [dot] com`` spellings."""
    return _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", text))


def phones(text: str, region: str = "GB", leniency: str = "valid") -> list[Contact]:
    """Phone numbers in E.164; kind ``whatsapp`` (viber, signal) when the messenger is named."""
    found = []
    for match in PhoneNumberMatcher(text, region, leniency=LENIENCY[leniency]):
        before = text[max(0, match.start - 30) : match.start]
        if _NOT_A_PHONE.search(before):
            continue
        cue = _MESSENGER_CUE.search(before)
        kind = "phone"
        if cue:
            word = cue.group(1).casefold().replace(" ", "")
            kind = "whatsapp" if word.startswith(("whats", "wa")) else word
        value = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        found.append(Contact(kind, value))
    return found


def emails(text: str) -> list[Contact]:
    """E-mail addresses, lower-cased; those right after "PayPal" are payment handles."""
    found = []
    for match in _EMAIL.finditer(text):
        value = match.group(0).rstrip(".").casefold()
        paypal = _PAYPAL_CUE.search(text[max(0, match.start() - 14) : match.start()])
        found.append(Contact("paypal" if paypal else "email", value))
    return found


def handles(text: str) -> list[Contact]:
    """Messenger and social handles (lower-cased, with their ``@``) and payment handles."""
    found = []
    for kind, pattern in _HANDLES:
        found += [Contact(kind, "@" + m.group(1).casefold()) for m in pattern.finditer(text)]
    for kind, pattern, shape in _PAYMENTS:
        found += [
            Contact(kind, shape.format(m.group(1).casefold())) for m in pattern.finditer(text)
        ]
    return found


def extract_contacts(text: str, region: str = "GB", leniency: str = "valid") -> list[Contact]:
    """Every contact detail in ``text``, each once, in a stable order."""
    text = deobfuscate(text)
    # An e-mail's local part must not also read as a handle or phone.
    mails = emails(text)
    rest = _EMAIL.sub(" ", text)
    found = phones(rest, region, leniency) + mails + handles(rest)
    seen: dict[str, Contact] = {}
    for contact in found:
        # One value, one contact: a WhatsApp number is not listed again as a plain phone.
        if contact.value not in seen or seen[contact.value].kind == "phone":
            seen[contact.value] = contact
    return sorted(seen.values(), key=lambda c: (c.family, c.kind, c.value))
