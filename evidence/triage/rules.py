"""The signal files (shipped defaults plus per-case overrides), loaded into one typed object.

One file per concern holds its coded vocabulary, by language: ``vocabulary.yaml``
(counterfeit), ``piracy.yaml`` and ``unsafe.yaml``, all in one format (see
:class:`ConcernRules`). ``brands.yaml`` holds brands, their names and reference prices,
``wholesale.yaml`` and ``sellers.yaml`` concern-neutral terms, ``triage.yaml`` the weights and
the contact and image settings. A case overrides any file with one of the same name in
``<workdir>/cases/<case>/triage/``: its top-level keys replace the shipped ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml

from evidence.triage.contacts import ContactRules

DATA = Path(__file__).parent / "data"
CONCERNS: tuple[str, ...] = ("counterfeit", "piracy", "unsafe")
CONCERN_FILES = {"counterfeit": "vocabulary", "piracy": "piracy", "unsafe": "unsafe"}
FILES = ("triage", "vocabulary", "piracy", "unsafe", "brands", "wholesale", "sellers")
TIERS = ("strong", "weak")


class RulesError(ValueError):
    """A signal file that cannot be read or makes no sense."""


def case_rules_dir(workdir: Path, case: str) -> Path:
    """Where a case's overrides live: ``<workdir>/cases/<case>/triage/``."""
    return workdir / "cases" / case / "triage"


def _read(path: Path) -> dict[str, Any]:
    try:
        # The C loader when libyaml is there: rules are reread whenever their files change.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError(f"cannot read signal file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(f"signal file {path} must hold a mapping")
    return data


_EDGE = "0-9a-zà-öø-ÿœßąćęłńóśźżа-яё"  # letters and digits that make up a word of a Latin
# or Cyrillic script; terms in scripts written without spaces (CJK) match anywhere.
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640\u200e\u200f]")


def normalise(text: str) -> str:
    """Text as terms are matched on: Arabic without vowel marks or tatweel, no LRM/RLM."""
    return _ARABIC_MARKS.sub("", text)


def phrase_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex for whole-word terms (CJK terms match anywhere)."""
    return _pattern(tuple(terms))


@lru_cache(maxsize=4096)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Scoring asks for the same brands' patterns for every listing (some 110 times each):
    # the terms as given are the key, before they are normalised and sorted.
    return _compile(
        tuple(sorted({normalise(t).casefold() for t in terms if t}, key=lambda t: (-len(t), t)))
    )


def _edges(term: str) -> tuple[str, str]:
    """The checks before and after a term that keep it a whole word."""
    head = rf"(?<![{_EDGE}])" if re.match(rf"[{_EDGE}]", term) else ""
    tail = rf"(?![{_EDGE}])" if re.search(rf"[{_EDGE}]$", term) else ""
    if _ARABIC.match(term):  # a word, perhaps with a prefix (و, ال, ب), never inside one
        head = r"(?<![\u0621-\u064a]{4})"
    return head, tail


@lru_cache(maxsize=2048)
def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "aaa+" wins over "aaa". Neighbours with the same word-edge checks
    # share them, "head(?:a|b)tail" for "head a tail|head b tail": the same matches in the
    # same order, and a quarter of the compile time (each check is a large character class).
    parts = []
    for (head, tail), run in groupby(terms, key=_edges):
        bodies = [r"[\s\-]+".join(re.escape(w) for w in term.split()) for term in run]
        body = bodies[0] if len(bodies) == 1 else f"(?:{'|'.join(bodies)})"
        parts.append(f"{head}{body}{tail}")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def _terms(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(t, str | int | float) for t in value):
        raise RulesError(f"{where} must be a list of terms")
    return tuple(str(t) for t in value)


@dataclass(frozen=True)
class Combination:
    """Terms that mean something together: one term of every group must appear."""

    reason: str
    tier: str
    groups: tuple[tuple[str, ...], ...]

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(phrase_pattern(g) for g in self.groups)


@dataclass(frozen=True)
class Market:
    """Where a listing is sold (by its currency), and terms that are a defect only there."""

    name: str
    currencies: frozenset[str]
    tiers: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Pattern:
    """A regular expression for what terms cannot list (a count of channels, of films)."""

    regex: re.Pattern[str]
    tier: str
    reason: str


class ConcernRules:
    """One concern's signal file.

    Keys: ``languages`` (language -> ``strong``/``weak`` terms), ``allow`` (honest phrases
    that contain a term), ``negations`` (words or characters that cancel a term just after
    them in the same clause), ``honest`` (phrases after which this concern's weak terms do
    not count, e.g. "prescription required"), ``combinations`` (``reason``, ``strength``,
    ``all``: groups of terms that must all appear), ``markets`` (terms that count only when
    the listing is sold into a market, by currency), ``patterns`` (regular expressions with a
    ``reason``) and, for unsafe goods, ``when_counterfeit`` (products that are unsafe when
    counterfeit: chargers, brake pads, cosmetics).
    """

    def __init__(self, concern: str, doc: dict[str, Any]) -> None:
        self.concern = concern
        self.doc = doc
        name = CONCERN_FILES[concern]
        langs = doc.get("languages") or {}
        if not isinstance(langs, dict):
            raise RulesError(f"{name}.yaml: languages must map a language to its terms")
        self.languages: dict[str, dict[str, tuple[str, ...]]] = {
            str(lang): {
                tier: _terms((tiers or {}).get(tier), f"{name}.yaml {lang}.{tier}")
                for tier in TIERS
            }
            for lang, tiers in langs.items()
        }
        self.allow = phrase_pattern(_terms(doc.get("allow"), f"{name}.yaml allow"))
        self.honest = phrase_pattern(_terms(doc.get("honest"), f"{name}.yaml honest"))
        negations = _terms(doc.get("negations"), f"{name}.yaml negations")
        # Chinese and Japanese negations are characters glued to the term; others are words.
        self.negation_words = frozenset(n.casefold() for n in negations if not _CJK.search(n))
        self.negation_marks = tuple(n for n in negations if _CJK.search(n))
        self.combinations = tuple(
            Combination(
                str(c["reason"]),
                str(c.get("strength", "strong")),
                tuple(_terms(g, f"{name}.yaml combinations") for g in c["all"]),
            )
            for c in doc.get("combinations") or []
        )
        self.markets = tuple(
            Market(
                str(market),
                frozenset(str(c).upper() for c in spec.get("currencies") or []),
                {t: _terms(spec.get(t), f"{name}.yaml markets.{market}.{t}") for t in TIERS},
            )
            for market, spec in (doc.get("markets") or {}).items()
        )
        try:
            self.patterns = tuple(
                Pattern(
                    re.compile(str(p["pattern"]), re.IGNORECASE),
                    str(p.get("strength", "strong")),
                    str(p["reason"]),
                )
                for p in doc.get("patterns") or []
            )
        except (re.error, KeyError, TypeError) as exc:
            raise RulesError(f"{name}.yaml patterns: {exc}") from exc
        self.when_counterfeit = phrase_pattern(
            _terms(doc.get("when_counterfeit"), f"{name}.yaml when_counterfeit")
        )
        for combo in self.combinations:
            if combo.tier not in TIERS or len(combo.groups) < 2:
                raise RulesError(f"{name}.yaml: a combination needs a strength and 2+ groups")

    @cached_property
    def tier_patterns(self) -> dict[tuple[str, str], re.Pattern[str]]:
        """(language, tier) -> one regex for all its terms."""
        return {
            (lang, tier): phrase_pattern(terms)
            for lang, tiers in self.languages.items()
            for tier, terms in tiers.items()
            if terms
        }


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Brand:
    """A brand: its names, reference prices by product type, and the concern misuse raises."""

    name: str
    aliases: tuple[str, ...]
    products: dict[str, tuple[tuple[str, ...], float]]  # type -> (keywords, reference price)
    default_price: float | None
    price_ratio: float
    vocabulary: tuple[str, ...]
    concern: str

    def names(self, shared: Iterable[str]) -> list[str]:
        """What names the brand in a title: its aliases and its products' keywords, except
        keywords other brands share (``shared``, casefolded)."""
        keywords = [k for ks, _ in self.products.values() for k in ks]
        return list(self.aliases) + [k for k in keywords if k.casefold() not in shared]


@dataclass(frozen=True)
class Rules:
    """Every signal setting for one case; ``digest`` identifies the exact rules used."""

    doc: dict[str, dict[str, Any]]
    sources: tuple[str, ...]

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the merged rules, stored with every score."""
        blob = json.dumps(self.doc, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    @property
    def weights(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.doc["triage"]["weights"].items()}

    @property
    def contact_strengths(self) -> dict[str, float]:
        """Family (messenger, payment, phone, email, domain) -> strength of an off-platform
        contact of that family."""
        raw = self.doc["triage"].get("contacts", {}).get("strengths", {})
        return {str(k): float(v) for k, v in raw.items()}

    @cached_property
    def contact_rules(self) -> ContactRules:
        spec = self.doc["triage"].get("contacts", {})
        public = {str(v) for v in spec.get("public", []) or []}
        return ContactRules(
            region=str(spec.get("default_region", "GB")).upper(),
            public_values=frozenset(public),
            public_cues=tuple(str(c) for c in spec.get("public_cues", []) or []),
            platform_domains=frozenset(str(d).casefold() for d in spec.get("platforms") or []),
            brand_names=frozenset(
                re.sub(r"[\s&'.-]", "", alias.casefold())
                for brand in self.brands
                for alias in brand.aliases
                if alias.isascii() and len(alias) > 2
            ),
            region_hints={
                str(k).upper(): str(v).upper()
                for k, v in (spec.get("currency_regions") or {}).items()
            },
        )

    @property
    def image_thresholds(self) -> tuple[int, int]:
        images = self.doc["triage"].get("images", {})
        return int(images.get("phash_distance", 10)), int(images.get("dhash_distance", 10))

    @cached_property
    def concerns(self) -> dict[str, ConcernRules]:
        """Concern -> its signal file, read."""
        return {c: ConcernRules(c, self.doc[CONCERN_FILES[c]]) for c in CONCERNS}

    @cached_property
    def wholesale_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(_terms(self.doc["wholesale"].get("terms"), "wholesale.yaml terms"))

    @cached_property
    def seller_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(_terms(self.doc["sellers"].get("name_terms"), "sellers.yaml"))

    @cached_property
    def brands(self) -> list[Brand]:
        doc = self.doc["brands"]
        ratio = float(doc.get("price_ratio", 0.5))
        brands = []
        for name, spec in (doc.get("brands") or {}).items():
            spec = spec or {}
            try:
                products = {
                    str(kind): (tuple(str(k) for k in p.get("keywords", [])), float(p["price"]))
                    for kind, p in (spec.get("products") or {}).items()
                }
                default = spec.get("default_price")
                concern = str(spec.get("concern", "counterfeit"))
                if concern not in CONCERNS:
                    raise RulesError(f"brands.yaml {name}: unknown concern {concern!r}")
                brands.append(
                    Brand(
                        name=str(name),
                        aliases=tuple(str(a) for a in spec.get("aliases") or [name]),
                        products=products,
                        default_price=None if default is None else float(default),
                        price_ratio=float(spec.get("price_ratio", ratio)),
                        vocabulary=tuple(str(v) for v in spec.get("vocabulary") or []),
                        concern=concern,
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                if isinstance(exc, RulesError):
                    raise
                raise RulesError(f"brands.yaml {name}: {exc}") from exc
        return brands

    @cached_property
    def shared_keywords(self) -> frozenset[str]:
        return frozenset(k.casefold() for k in self.doc["brands"].get("shared_keywords", []))

    @cached_property
    def brand_name_patterns(self) -> tuple[tuple[Brand, re.Pattern[str]], ...]:
        """Each brand with the pattern of what names it in a title (:meth:`Brand.names`)."""
        shared = self.shared_keywords
        return tuple((brand, phrase_pattern(brand.names(shared))) for brand in self.brands)

    @property
    def rates(self) -> dict[str, float]:
        return {k.upper(): float(v) for k, v in self.doc["brands"].get("rates", {}).items()}

    @property
    def reference_currency(self) -> str:
        return str(self.doc["brands"].get("reference_currency", "GBP")).upper()

    @property
    def used_factor(self) -> float:
        return float(self.doc["brands"].get("used_factor", 1.0))

    @property
    def vintage_factor(self) -> float:
        return float(self.doc["brands"].get("vintage_factor", self.used_factor))

    @cached_property
    def vintage_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("vintage_terms", [])))

    @cached_property
    def non_product_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("non_product_terms", [])))

    @cached_property
    def accessory_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("accessory_terms", [])))

    @cached_property
    def accessory_cue_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("accessory_cues", [])))

    @cached_property
    def used_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("used_terms", [])))

    def compile_patterns(self) -> None:
        """Compile every term pattern now (a few hundred milliseconds of regex compilation,
        remembered for the process), so the first scoring does not pay for it."""
        for concern in self.concerns.values():
            _ = concern.tier_patterns
            for combo in concern.combinations:
                _ = combo.patterns
            for market in concern.markets:
                for terms in market.tiers.values():
                    phrase_pattern(terms)
        for brand, _ in self.brand_name_patterns:
            for ks, _ in brand.products.values():
                phrase_pattern(list(ks))
            phrase_pattern(list(brand.vocabulary))
        _ = (self.vintage_pattern, self.non_product_pattern, self.accessory_pattern)
        _ = (self.accessory_cue_pattern, self.used_pattern)

    def check(self) -> Rules:
        """Read every part once, so a bad file fails here with its name, not mid-scoring."""
        _ = (self.weights, self.contact_rules, self.concerns, self.brands, self.rates)
        _ = (self.wholesale_pattern, self.seller_pattern, self.contact_strengths)
        return self


def rules_key(workdir: Path | None, case: str | None) -> tuple[tuple[str, int], ...]:
    """What the rules of a case depend on: its override files and their modification times."""
    if workdir is None or not case:
        return ()
    folder = case_rules_dir(workdir, case)
    paths = [folder / f"{name}.yaml" for name in FILES]
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file())


def load_rules(workdir: Path | None = None, case: str | None = None) -> Rules:
    """The shipped signal files, each overridden key by key by the case's own file if present."""
    doc: dict[str, dict[str, Any]] = {}
    sources: list[str] = []
    override = case_rules_dir(workdir, case) if workdir is not None and case else None
    for name in FILES:
        doc[name] = _read(DATA / f"{name}.yaml")
        sources.append(f"default:{name}.yaml")
        if override is not None and (path := override / f"{name}.yaml").is_file():
            doc[name] = doc[name] | _read(path)
            sources.append(str(path))
    if "weights" not in doc["triage"]:
        raise RulesError("triage.yaml has no weights")
    try:
        return Rules(doc, tuple(sources)).check()
    except (TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, RulesError):
            raise
        raise RulesError(f"signal files {', '.join(sources)}: {exc}") from exc
