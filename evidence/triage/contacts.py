"""Off-platform contacts in listing text: phones, messengers, payment handles, shops, e-mails.

Phones come from ``phonenumbers.PhoneNumberMatcher`` at leniency POSSIBLE, so numbers in
ranges the library does not know as allocated (UK drama numbers, new ranges) are kept, in
E.164 with ``valid`` saying whether the number is in an allocated range. Being merely
"possible" is a weak test, so guards keep out what only looks like a number: anything the
library calls possible only for local dialling, a candidate glued to letters or digits, one
right after a word such as "order", "SKU", "batch" or "VAT" or a currency sign, one followed
by a unit ("240V", "5000mAh"), dates, ranges and version numbers.

Messenger handles and links (WhatsApp, Telegram, WeChat including 加V/VX, Signal, Viber, ...),
payment handles and links (PayPal.me, Revolut, Cash App, crypto addresses, IBANs), external
shop URLs and bare shop domains, and e-mail addresses are kept too. A contact quoted after a
cue such as "consumer helpline" (or listed in ``triage.yaml``) is ``public``: it is shown,
but it is not an off-platform contact of the seller and links nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import phonenumbers
import tldextract
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

# What kind of link a shared value makes between sellers.
FAMILY = {
    "phone": "phone", "whatsapp": "phone", "viber": "phone", "signal": "phone",
    "email": "email",
    "telegram": "handle", "wechat": "handle", "instagram": "handle", "snapchat": "handle",
    "line": "handle", "discord": "handle", "tiktok": "handle", "facebook": "handle",
    "paypal": "payment", "cashapp": "payment", "venmo": "payment", "revolut": "payment",
    "monzo": "payment", "wise": "payment", "bitcoin": "payment", "ethereum": "payment",
    "usdt": "payment", "iban": "payment",
    "url": "domain", "domain": "domain",
}  # fmt: skip
PHONE_KINDS = frozenset(k for k, f in FAMILY.items() if f == "phone")

# Words after which a number is an identifier, not a phone ("Order no. 7700900461").
_ID_WORDS = (
    r"order|orders|invoice|inv|receipt|ref|refs|reference|sku|ean|upc|gtin|isbn|issn|imei|"
    r"serial|s/n|sn|id|model|item|art|article|artikel|artikelnummer|tracking|track|parcel|"
    r"consignment|lot|batch|part|product|transaction|account|acct|company|reg|registration|"
    r"vat|tva|mwst|ust|iban|bic|swift|sort code|licence|license|lizenz|gphc|pzn|cas|set|"
    r"version|ver|firmware|build|"
    r"code|patent|pedido|commande|bestellung|bestellnummer|rechnung|ordine|fattura|"
    r"zamówienie|zamowienie|numer|nip|regon|krs|siret|siren|cif|nif|partita|piva|"
    r"订单号|订单|单号|编号|货号|型号|发票号|رقم الطلب|رقم"
)
_MARKER = r"(?:no|nr|n|nº|n\.º|num|number|numbers|id|code|#)(?![^\W\d_])\.?"
_NOT_A_PHONE = re.compile(
    rf"(?:(?<![^\W\d_])(?:{_ID_WORDS})(?![^\W\d_])(?:\s*{_MARKER}|\s+\w+\s*{_MARKER})?\s*"
    r"(?:[A-Z]{2}\s?)?[:#.\-–]?\s*|#\s*|[£$€¥₹₽]\s*|\b(?:gbp|eur|usd|pln|cny|rmb)\s*)$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"^\s?(?:v|vac|vdc|w|kw|mah|ah|a|ma|hz|khz|mhz|ghz|mm|cm|m|km|kg|g|mg|mcg|ml|l|gb|tb|mb|"
    r"pcs|pc|x|%|€|£|\$|zł|pln|eur|gbp|usd|yuan|元|件|个|mg/ml|iu|rpm|dpi|fps|k|p)\b",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(
    r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2}|"
    r"\d{1,2}:\d{2}.*)$"
)
_RANGE_LIKE = re.compile(r"^\d{1,4}\s*[-–/]\s*\d{1,4}$")
_VERSION_LIKE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3,}$")
# A messenger named right before a number (same clause) or right after it ("on WhatsApp").
_MESSENGERS = (
    ("whatsapp", r"whats\s?app|whatsap|wa\.me|wapp|\bwa\b|واتساب|واتس اب|واتس|وتساب|ватсап|вотсап"),
    ("signal", r"\bsignal\b|سيجنال"),
    ("viber", r"\bviber\b|فايبر|вайбер"),
    ("telegram", r"\btelegram\b|\btg\b|تيليجرام|تلغرام|تليجرام|телеграм"),
)
_MESSENGER_BEFORE = [
    (kind, re.compile(rf"(?:{words})[^\n.;!?]{{0,{25 if kind == 'whatsapp' else 8}}}$", re.I))
    for kind, words in _MESSENGERS
]
_MESSENGER_AFTER = [
    (kind, re.compile(rf"^[\s)\]]*(?:on|via|per|par|por|su|über|auf|na|w|en|sur|\(|/)?\s*"
                      rf"(?:{words})", re.I))
    for kind, words in _MESSENGERS
]  # fmt: skip
_WA_LINK = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:wa\.me|api\.whatsapp\.com/send\?phone=)/?\+?(\d{7,15})\b", re.I
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_OBFUSCATED_AT = re.compile(r"\s*[\[(\{]\s*(?:at|@)\s*[\])\}]\s*", re.IGNORECASE)
_OBFUSCATED_DOT = re.compile(r"\s*[\[(\{]\s*(?:dot|\.)\s*[\])\}]\s*", re.IGNORECASE)
_TRAIL = ".,;:!?)]}'\"»"


# Handles: after a link prefix anything goes; after a bare word the handle needs an "@" or a
# colon ("Telegram: name"), so "Telegram channel t.me/x" does not make "@channel".
def _link(host: str, name: str) -> re.Pattern[str]:
    """A link to ``host`` (scheme and ``www.`` optional) whose ``name`` is group 1."""
    return re.compile(rf"(?<![\w.-])(?:https?://)?(?:www\.)?{host}({name})", re.IGNORECASE)


_LINK_HANDLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("telegram", _link(r"(?:t|telegram)\.(?:me|dog)/(?:joinchat/|\+)?", r"[A-Za-z0-9_]{4,40}")),
    ("instagram", _link(r"instagram\.com/", r"[A-Za-z0-9_.]{2,30}")),
    ("tiktok", _link(r"tiktok\.com/@", r"[A-Za-z0-9_.]{2,30}")),
    (
        "facebook",
        _link(
            r"(?:m\.)?(?:facebook|fb)\.com/(?!groups/|events/|marketplace/|share/)",
            r"[A-Za-z0-9.]{5,50}",
        ),
    ),
    ("discord", _link(r"discord(?:\.gg|app\.com/invite|\.com/invite)/", r"[A-Za-z0-9-]{2,32}")),
    ("line", _link(r"line\.me/(?:R/)?(?:ti/p/)?~?@?", r"[A-Za-z0-9_.-]{3,30}")),
    ("signal", _link(r"signal\.me/#(?:eu|u)/", r"[A-Za-z0-9_.+/=-]{6,80}")),
    ("whatsapp", _link(r"chat\.whatsapp\.com/", r"[A-Za-z0-9]{10,40}")),
)
_HANDLE_CUES = {
    "telegram": r"telegram|tg|телеграм|تيليجرام|تلغرام|تليجرام|电报|飞机|纸飞机",
    "wechat": r"wechat|we\s?chat|weixin|wx|vx|v信|微信号?|加v|加微|薇信|威信|维信|\+v",
    "instagram": r"instagram|insta|ig",
    "snapchat": r"snapchat|snap|sc",
    "line": r"line\s?id",
    "signal": r"signal",
    "discord": r"discord",
    "viber": r"viber",
}
_HANDLE_CHARS = {
    "wechat": r"[A-Za-z][A-Za-z0-9_-]{5,19}",
    "telegram": r"[A-Za-z][A-Za-z0-9_]{4,31}",
    "instagram": r"[A-Za-z0-9_][A-Za-z0-9_.]{1,29}",
    "snapchat": r"[A-Za-z][A-Za-z0-9_.-]{2,14}",
    "line": r"[A-Za-z0-9_.-]{3,20}",
    "signal": r"[A-Za-z][A-Za-z0-9_]{2,31}\.\d{2,9}",
    "discord": r"[a-z0-9_.]{2,32}",
    "viber": r"[A-Za-z][A-Za-z0-9_.]{2,30}",
}


def _handle_pattern(kind: str) -> re.Pattern[str]:
    cue = _HANDLE_CUES[kind]
    chars = _HANDLE_CHARS[kind]
    # Latin cue words need word edges; CJK and Arabic ones do not.
    return re.compile(
        rf"(?:(?<![A-Za-z0-9_])(?:{cue})(?![A-Za-z0-9_])|(?:{cue}))\s*(?:id|ID|号)?\s*"
        rf"(?:(?:[:：=]|\W{{0,3}}@)\s*@?(?P<a>{chars})|\s+(?P<b>{chars}))(?![\w@]|\.\w)",
        re.IGNORECASE,
    )


_CUED_HANDLES = {kind: _handle_pattern(kind) for kind in _HANDLE_CUES}
# Wechat IDs after a bare cue ("wechat szpower88") must hold a digit, an underscore or a
# dash, so a following word ("WeChat accepted") is not read as one.
_WORD_LIKE = re.compile(r"^[A-Za-z]+$")
_PAYMENTS: tuple[tuple[str, re.Pattern[str], str, bool], ...] = (
    # kind, pattern (the handle is group 1), normal form, whether to lower-case it
    (
        "paypal",
        _link(r"paypal\.(?:me|com/paypalme)/", r"[A-Za-z0-9_.-]{2,40}"),
        "paypal.me/{}",
        True,
    ),
    ("revolut", _link(r"revolut\.me/", r"[A-Za-z0-9_.-]{3,30}"), "revolut.me/{}", True),
    ("revolut", re.compile(r"\brevtag\W{0,4}@([A-Za-z0-9_]{3,30})", re.I), "revolut.me/{}", True),
    ("monzo", _link(r"monzo\.me/", r"[A-Za-z0-9_.-]{3,30}"), "monzo.me/{}", True),
    ("wise", _link(r"wise\.com/pay/me/", r"[A-Za-z0-9_.-]{3,40}"), "wise.com/pay/me/{}", True),
    ("cashapp", _link(r"cash\.app/\$", r"[A-Za-z][A-Za-z0-9_]{1,20}"), "${}", True),
    ("cashapp", re.compile(r"(?<![\w$/])\$([A-Za-z][A-Za-z0-9_]{1,20})\b"), "${}", True),
    ("venmo", _link(r"(?:account\.)?venmo\.com/(?:u/)?", r"[A-Za-z0-9_-]{5,30}"), "@{}", True),
    ("venmo", re.compile(r"\bvenmo\b\W{0,6}@?([A-Za-z0-9_-]{5,30})", re.I), "@{}", True),
    # Crypto addresses are case-sensitive (base58): kept as written.
    (
        "bitcoin",
        re.compile(r"\b(bc1[a-z0-9]{25,60}|[13][A-HJ-NP-Za-km-z1-9]{25,34})\b"),
        "{}",
        False,
    ),
    ("ethereum", re.compile(r"\b(0x[0-9a-fA-F]{40})\b"), "{}", True),
    ("usdt", re.compile(r"\b(T[A-HJ-NP-Za-km-z1-9]{33})\b"), "{}", False),
)
_CURRENCY_CODES = frozenset(
    "usd aud cad nzd hkd sgd mxn ars clp cop twd brl eur gbp cny rmb jpy chf pln try zar inr "
    "usdt btc eth".split()
)
_PAYPAL_CUE = re.compile(r"\b(?:paypal|pp)\b[^\n@]{0,40}$", re.IGNORECASE)
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?)\b")
_URL = re.compile(r"(?<![\w@.-])(?:https?://|www\.)[^\s<>\"'，。、）]+", re.IGNORECASE)
_BARE_HOST = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w@-])"
    r"(/[^\s<>\"'，。、）]*)?",
    re.IGNORECASE,
)
# File extensions that are also top-level domains, or look like them: "setup.exe" is no shop.
_NOT_TLDS = frozenset(
    "exe zip mov pdf jpg png txt doc epub mp4 mkv avi apk iso dmg rar js py sh md".split()
)
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)
# Where brands have their own sites ("rolex.com"; a "rolex.shop" is someone else's shop).
_BRAND_SUFFIXES = frozenset(
    "com co.uk uk de fr it es pl nl be at ch eu com.cn cn jp co.jp com.au ca".split()
)
# Hosts whose links are read as handles or payments above, never as a seller's shop.
_HANDLED_HOSTS = frozenset(
    "wa.me whatsapp.com t.me telegram.me telegram.dog paypal.me paypal.com revolut.me monzo.me "
    "cash.app venmo.com wise.com instagram.com tiktok.com facebook.com fb.com discord.gg "
    "discord.com discordapp.com line.me signal.me".split()
)


@dataclass(frozen=True)
class ContactRules:
    """How contacts are read: the default phone region and what marks a public contact."""

    region: str = "GB"
    public_values: frozenset[str] = frozenset()
    public_cues: tuple[str, ...] = ()
    platform_domains: frozenset[str] = frozenset()
    # Brands' own names: "nike.com" quoted as where something was bought is no seller's shop.
    brand_names: frozenset[str] = frozenset()
    region_hints: dict[str, str] = field(default_factory=dict)  # currency -> region

    @property
    def public_cue_pattern(self) -> re.Pattern[str] | None:
        return _cue_pattern(self.public_cues)


@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    if not cues:
        return None
    body = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?:{body})[^\n.!?]{{0,40}}$", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    """One contact detail, normalised: E.164 phones, lower-case e-mails and handles."""

    kind: str
    value: str
    valid: bool | None = None  # phones: in an allocated range (True) or only possible (False)
    public: bool = False  # a public number (a helpline): shown, but links nobody

    @property
    def family(self) -> str:
        """What kind of link a shared value makes: phone, email, handle, payment or domain."""
        return FAMILY.get(self.kind, "handle")

    @property
    def link_key(self) -> str:
        """What two contacts must share to link sellers (web addresses: the shop's domain)."""
        if self.family == "domain":
            return registered_domain(self.value) or self.value
        return self.value

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "value": self.value}
        if self.kind in PHONE_KINDS and self.value.startswith("+"):
            data["valid"] = bool(self.valid)
        data["public"] = self.public
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Contact:
        return cls(data["kind"], data["value"], data.get("valid"), bool(data.get("public")))


def deobfuscate(text: str) -> str:
    """Undo ``name [at] host [dot] com`` spellings."""
    return _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", text))


def registered_domain(url_or_host: str) -> str:
    """The registrable domain of a host or URL (``shop.example.co.uk`` -> ``example.co.uk``)."""
    host = re.sub(r"^[a-z]+://", "", url_or_host.casefold()).split("/", 1)[0].split(":", 1)[0]
    parts = _EXTRACT(host)
    return parts.top_domain_under_public_suffix or ""


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the given spans replaced by spaces (positions kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _clause_start(text: str, at: int, limit: int) -> int:
    """Where the clause holding ``at`` starts, looking back at most ``limit`` characters."""
    start = max(0, at - limit)
    for sep in ("\n", ". ", "! ", "? ", "; ", "。", "；"):
        found = text.rfind(sep, start, at)
        if found >= 0:
            start = max(start, found + len(sep))
    return start


def _public(text: str, start: int, value: str, rules: ContactRules) -> bool:
    if value in rules.public_values:
        return True
    cue = rules.public_cue_pattern
    return bool(cue and cue.search(text[_clause_start(text, start, 60) : start]))


def _messenger(text: str, start: int, end: int, prev_end: int) -> str:
    """The messenger named right before (same clause) or right after a number, else phone."""
    before = text[max(prev_end, _clause_start(text, start, 40)) : start]
    for kind, pattern in _MESSENGER_BEFORE:
        if pattern.search(before):
            return kind
    after = text[end : end + 20]
    for kind, pattern in _MESSENGER_AFTER:
        if pattern.search(after):
            return kind
    return "phone"


def _shaped_like_a_phone(text: str, start: int, end: int, raw: str) -> bool:
    """The guards: what a possible number must also be to count as a phone."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_/.#"):
        return False
    if end < len(text) and (text[end].isalnum() or text[end] in "_/@"):
        return False
    core = raw.strip()
    if _DATE_LIKE.match(core) or _RANGE_LIKE.match(core) or _VERSION_LIKE.match(core):
        return False
    line = text.rfind("\n", 0, start) + 1
    if _NOT_A_PHONE.search(text[max(line, start - 40) : start]):
        return False
    return not _UNIT_AFTER.match(text[end : end + 8])


def _region_for(number: phonenumbers.PhoneNumber, raw: str, hints: Iterable[str]) -> Any:
    """A national number that is not valid in the default region but is in a hinted one."""
    if raw.lstrip().startswith(("+", "00")) or phonenumbers.is_valid_number(number):
        return number
    for region in hints:
        try:
            other = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if _good_guess(other, raw):
            return other
    return number


def _good_guess(number: phonenumbers.PhoneNumber, raw: str) -> bool:
    """A national number read in a hinted region must be valid there, and dialled with the
    trunk prefix or a mobile number (a bare "36 124270" is a watch reference, not a Hessian
    landline)."""
    if not phonenumbers.is_valid_number(number):
        return False
    return phonenumbers.number_type(number) in _MOBILE or raw.lstrip().startswith("0")


_MOBILE = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _candidates(
    text: str, region: str, hints: tuple[str, ...]
) -> list[tuple[int, int, str, phonenumbers.PhoneNumber]]:
    """Possible numbers in the default region, then national numbers only a hinted region
    reads (valid there: a guess must be a good one), by position."""
    found = []
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
        number = _region_for(match.number, match.raw_string, hints)
        # Possible only for local dialling ("2024", "36-46"): not a phone, and no obstacle.
        if phonenumbers.is_possible_number_with_reason(number) == 0:  # IS_POSSIBLE
            found.append((match.start, match.end, match.raw_string, number))
    for hint in hints:
        for match in PhoneNumberMatcher(text, hint, leniency=Leniency.POSSIBLE):
            if match.raw_string.lstrip().startswith(("+", "00")):
                continue  # international: the default region read it already
            if not _good_guess(match.number, match.raw_string):
                continue
            if not any(a < match.end and match.start < b for a, b, _, _ in found):
                found.append((match.start, match.end, match.raw_string, match.number))
    return sorted(found, key=lambda f: f[0])


def phones(
    text: str, rules: ContactRules | None = None, hints: Iterable[str] = ()
) -> list[Contact]:
    """Every possible phone number in E.164, named after the messenger it is offered on."""
    rules = rules or ContactRules()
    found = []
    prev_end = 0
    for start, end, raw, number in _candidates(text, rules.region, tuple(hints)):
        if not _shaped_like_a_phone(text, start, end, raw):
            continue
        value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        kind = _messenger(text, start, end, prev_end)
        prev_end = end
        public = _public(text, start, value, rules)
        found.append(Contact(kind, value, phonenumbers.is_valid_number(number), public))
    return found


def _wa_links(text: str, rules: ContactRules) -> list[Contact]:
    """``wa.me/<number>`` links: always international, whatever the default region."""
    found = []
    for match in _WA_LINK.finditer(text):
        try:
            number = phonenumbers.parse("+" + match.group(1), None)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_possible_number(number):
            continue
        value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        found.append(Contact("whatsapp", value, phonenumbers.is_valid_number(number),
                             _public(text, match.start(), value, rules)))  # fmt: skip
    return found


def emails(text: str, rules: ContactRules | None = None) -> list[Contact]:
    """E-mail addresses, lower-cased; those offered for PayPal are PayPal handles."""
    rules = rules or ContactRules()
    found = []
    for match in _EMAIL.finditer(text):
        value = match.group(0).rstrip(".").casefold()
        before = text[_clause_start(text, match.start(), 60) : match.start()]
        kind = "paypal" if _PAYPAL_CUE.search(before) else "email"
        found.append(Contact(kind, value, None, _public(text, match.start(), value, rules)))
    return found


def _iban_ok(iban: str) -> bool:
    """The ISO 13616 check digits (mod 97) of an IBAN."""
    code = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in code)
    return 15 <= len(iban) <= 34 and int(digits) % 97 == 1


def handles(text: str) -> list[Contact]:
    """Messenger and social handles (lower-cased, with their ``@``) and payment handles."""
    found: list[Contact] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _LINK_HANDLES:
        for m in pattern.finditer(text):
            name = m.group(1).rstrip(_TRAIL)
            keep_case = kind in ("whatsapp", "signal", "discord")  # invite codes are exact
            found.append(Contact(kind, "@" + (name if keep_case else name.casefold())))
            taken.append(m.span())
    rest = _blank(text, taken)
    for kind, pattern in _CUED_HANDLES.items():
        for m in pattern.finditer(rest):
            name = m.group("a") or m.group("b")
            bare = m.group("a") is None
            if bare and (_WORD_LIKE.match(name) or name.casefold() in _STOP_WORDS):
                continue  # "Telegram channel ...", "WeChat accepted"
            if name.casefold() in _STOP_WORDS:
                continue
            found.append(Contact(kind, "@" + name.casefold()))
    for kind, pattern, shape, fold in _PAYMENTS:
        for m in pattern.finditer(text):
            name = m.group(1).rstrip(_TRAIL)
            if kind == "cashapp" and name.casefold() in _CURRENCY_CODES:
                continue
            found.append(Contact(kind, shape.format(name.casefold() if fold else name)))
    for m in _IBAN.finditer(text):
        iban = m.group(1).replace(" ", "")
        if _iban_ok(iban):
            found.append(Contact("iban", iban))
    return found


_STOP_WORDS = frozenset(
    "channel group groups link links bio profile account me us here only and or for the our "
    "id number contact support admin please accepted available pay payment".split()
)


def web(text: str, rules: ContactRules | None = None) -> list[Contact]:
    """External shop URLs (``url``, with a path) and bare shop domains (``domain``)."""
    rules = rules or ContactRules()
    found = []
    spans = []
    for m in _URL.finditer(text):
        raw = m.group(0).rstrip(_TRAIL)
        url = raw if raw.casefold().startswith("http") else "https://" + raw
        scheme, _, rest = url.partition("://")
        host, slash, path = rest.partition("/")
        host = host.casefold().removeprefix("www.")
        spans.append(m.span())
        if not _shop_host(host, rules):
            continue
        if slash and path:
            found.append(Contact("url", f"{scheme.casefold()}://{host}/{path}"))
        else:
            found.append(Contact("domain", host))
    rest = _blank(text, spans)
    for m in _BARE_HOST.finditer(rest):
        host = m.group(1).casefold().removeprefix("www.")
        if not _shop_host(host, rules):
            continue
        path = (m.group(2) or "").rstrip(_TRAIL)
        found.append(Contact("url", f"https://{host}{path}") if len(path) > 1 else
                     Contact("domain", host))  # fmt: skip
    return found


def _shop_host(host: str, rules: ContactRules) -> bool:
    """A host that can identify a seller: a real public suffix, not a platform or a file."""
    parts = _EXTRACT(host)
    if not parts.suffix or not parts.domain or parts.suffix.rsplit(".", 1)[-1] in _NOT_TLDS:
        return False
    domain = parts.top_domain_under_public_suffix
    if domain in _HANDLED_HOSTS or host in _HANDLED_HOSTS:
        return False
    if parts.domain.replace("-", "") in rules.brand_names and parts.suffix in _BRAND_SUFFIXES:
        return False
    return not any(
        domain == p or host == p or host.endswith("." + p) or parts.domain == p.rstrip(".*")
        for p in rules.platform_domains
    )


def extract_contacts(
    text: str, rules: ContactRules | None = None, hints: Iterable[str] = ()
) -> list[Contact]:
    """Every contact detail in ``text``, each once, in a stable order."""
    rules = rules or ContactRules()
    text = deobfuscate(text)
    mails = emails(text, rules)
    # An e-mail address or a web address is not also read as a handle, phone or domain.
    no_mail = _blank(text, (m.span() for m in _EMAIL.finditer(text)))
    links = [m.span() for m in _URL.finditer(no_mail)]
    links += [m.span() for m in _BARE_HOST.finditer(no_mail) if m.group(2)]
    found = _wa_links(no_mail, rules) + mails + handles(no_mail) + web(no_mail, rules)
    # Handles and payment links are not phones either ("wa.me/44...", "@shop2024").
    taken = [m.span() for _, p in _LINK_HANDLES for m in p.finditer(no_mail)]
    taken += [m.span() for _, p, _, _ in _PAYMENTS for m in p.finditer(no_mail)]
    taken += [m.span() for m in _IBAN.finditer(no_mail)]
    found += phones(_blank(no_mail, links + taken), rules, hints)
    seen: dict[str, Contact] = {}
    for contact in found:
        # One value, one contact: a WhatsApp number is not listed again as a plain phone.
        old = seen.get(contact.value)
        if old is None or (old.kind in ("phone", "email") and contact.kind != old.kind):
            seen[contact.value] = contact
        elif contact.public and not old.public:
            seen[contact.value] = Contact(old.kind, old.value, old.valid, True)
    return sorted(seen.values(), key=lambda c: (c.family, c.kind, c.value))
