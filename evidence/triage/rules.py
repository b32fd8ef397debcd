"""The signal files (shipped defaults plus per-case overrides), loaded into one typed object."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
FILES = ("triage", "vocabulary", "brands", "wholesale", "sellers")


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


_EDGE = "0-9a-zà-öø-ÿœß"  # letters and digits that make up a Latin-script word


def phrase_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex for whole-word terms (CJK terms match anywhere)."""
    return _compile(tuple(sorted({t.casefold() for t in terms if t}, key=lambda t: (-len(t), t))))


@lru_cache(maxsize=1024)
def _compile(terms: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for term in terms:  # longest first, so "aaa+" wins over "aaa"
        body = r"[\s\-]+".join(re.escape(w) for w in term.split())
        head = rf"(?<![{_EDGE}])" if re.match(rf"[{_EDGE}]", term) else ""
        tail = rf"(?![{_EDGE}])" if re.search(rf"[{_EDGE}]$", term) else ""
        parts.append(f"{head}{body}{tail}")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


@dataclass(frozen=True)
class Brand:
    """A brand: its names and reference prices by product type."""

    name: str
    aliases: tuple[str, ...]
    products: dict[str, tuple[tuple[str, ...], float]]  # type -> (keywords, reference price)
    default_price: float
    price_ratio: float
    vocabulary: tuple[str, ...]


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
    def default_region(self) -> str:
        return str(self.doc["triage"].get("contacts", {}).get("default_region", "GB"))

    @property
    def leniency(self) -> str:
        return str(self.doc["triage"].get("contacts", {}).get("leniency", "valid"))

    @property
    def image_thresholds(self) -> tuple[int, int]:
        images = self.doc["triage"].get("images", {})
        return int(images.get("phash_distance", 10)), int(images.get("dhash_distance", 10))

    @cached_property
    def vocabulary(self) -> dict[str, dict[str, list[str]]]:
        """Language -> strength ("strong"/"weak") -> terms."""
        langs = self.doc["vocabulary"].get("languages", {})
        return {lang: {k: list(v or []) for k, v in tiers.items()} for lang, tiers in langs.items()}

    @cached_property
    def allow_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["vocabulary"].get("allow", [])))

    @cached_property
    def negations(self) -> frozenset[str]:
        return frozenset(str(n).casefold() for n in self.doc["vocabulary"].get("negations", []))

    @cached_property
    def wholesale_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["wholesale"].get("terms", [])))

    @cached_property
    def seller_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["sellers"].get("name_terms", [])))

    @cached_property
    def brands(self) -> list[Brand]:
        doc = self.doc["brands"]
        ratio = float(doc.get("price_ratio", 0.5))
        brands = []
        for name, spec in (doc.get("brands") or {}).items():
            products = {
                kind: (tuple(p.get("keywords", [])), float(p["price"]))
                for kind, p in (spec.get("products") or {}).items()
            }
            brands.append(
                Brand(
                    name=str(name),
                    aliases=tuple(spec.get("aliases") or [name]),
                    products=products,
                    default_price=float(spec.get("default_price", 0)),
                    price_ratio=float(spec.get("price_ratio", ratio)),
                    vocabulary=tuple(spec.get("vocabulary") or []),
                )
            )
        return brands

    @property
    def shared_keywords(self) -> frozenset[str]:
        return frozenset(k.casefold() for k in self.doc["brands"].get("shared_keywords", []))

    @property
    def rates(self) -> dict[str, float]:
        return {k.upper(): float(v) for k, v in self.doc["brands"].get("rates", {}).items()}

    @property
    def reference_currency(self) -> str:
        return str(self.doc["brands"].get("reference_currency", "GBP")).upper()

    @property
    def used_factor(self) -> float:
        return float(self.doc["brands"].get("used_factor", 1.0))

    @cached_property
    def non_product_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("non_product_terms", [])))

    @cached_property
    def accessory_cue_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("accessory_cues", [])))

    @cached_property
    def used_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(list(self.doc["brands"].get("used_terms", [])))


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
    return Rules(doc, tuple(sources))
