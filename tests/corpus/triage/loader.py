"""The labelled multi-concern triage corpus (``listings.yaml``): validated, served, looked up.

``load_corpus()`` reads and checks the YAML (pydantic, strict: unknown keys, unnormalised
contacts and duplicate slugs are errors). A :class:`TriageCorpus` gives each site's
:class:`~crawler.demo.catalogue.DemoListing` objects (markup kinds round-robin per site), serves
both sites with two :class:`~crawler.demo.server.DemoSite` instances (:meth:`TriageCorpus.serve`),
and answers what a perfect triage should find: labels, contacts and seller networks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

import networkx as nx
import phonenumbers
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from crawler.demo.catalogue import MARKUP_KINDS, DemoListing
from crawler.demo.pages import matches
from crawler.demo.server import DemoSite

CORPUS_PATH = Path(__file__).with_name("listings.yaml")
CONCERNS: tuple[str, ...] = ("counterfeit", "piracy", "unsafe")
SITES: tuple[str, ...] = ("a", "b")
PHONE_KINDS = frozenset({"phone", "whatsapp", "signal"})
ContactKind = Literal[
    "phone", "email", "whatsapp", "telegram", "wechat", "signal", "paypal", "payment", "url",
    "domain",
]  # fmt: skip
_HOST = re.compile(r"^(?!www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")
_HANDLE = re.compile(r"^@[a-z0-9_.-]+$")


class CorpusError(ValueError):
    """The corpus file cannot be read or breaks its own rules."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExpectedContact(_Strict):
    """A contact a perfect extractor finds, in its normalised form (see the YAML header)."""

    kind: ContactKind
    value: str
    public: bool = False

    @model_validator(mode="after")
    def _normalised(self) -> ExpectedContact:
        kind, value = self.kind, self.value
        if kind in PHONE_KINDS:
            try:
                number = phonenumbers.parse(value)
            except phonenumbers.NumberParseException as exc:
                raise ValueError(f"{value!r} is not a phone number in E.164: {exc}") from exc
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if value != e164 or not phonenumbers.is_possible_number(number):
                raise ValueError(f"{value!r} is not a possible number in E.164")
        elif kind == "email" and (value != value.casefold() or value.count("@") != 1):
            raise ValueError(f"{value!r} is not a lower-case e-mail address")
        elif kind in ("telegram", "wechat") and not _HANDLE.match(value):
            raise ValueError(f"{value!r} is not a lower-case @handle")
        elif kind == "paypal" and (
            value != value.casefold() or not (value.startswith("paypal.me/") or "@" in value)
        ):
            raise ValueError(f"{value!r} is not paypal.me/<name> or an e-mail, lower case")
        elif kind == "domain" and not _HOST.match(value):
            raise ValueError(f"{value!r} is not a lower-case host without www.")
        elif kind == "url":
            parts = urlsplit(value)
            if parts.scheme != "https" or not _HOST.match(parts.netloc) or not parts.path:
                raise ValueError(f"{value!r} is not https://<host>/<path> with a bare host")
        return self

    @property
    def link_key(self) -> str:
        """What must be equal for two contacts to link sellers (URLs and domains: the host)."""
        if self.kind == "url":
            return urlsplit(self.value).netloc
        return self.value


class Labels(_Strict):
    """The concerns a listing raises; all false means genuine."""

    counterfeit: bool
    piracy: bool
    unsafe: bool

    @property
    def genuine(self) -> bool:
        return not (self.counterfeit or self.piracy or self.unsafe)

    def of(self, concern: str) -> bool:
        """The label for one of :data:`CONCERNS`."""
        return bool(getattr(self, concern))


class CorpusListing(_Strict):
    """One labelled listing as written in the corpus."""

    slug: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    site: Literal["a", "b"]
    lang: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    title: Annotated[str, Field(min_length=1)]
    price: Annotated[Decimal, Field(gt=0)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    seller: Annotated[str, Field(min_length=1)]
    description: Annotated[str, Field(min_length=1)]
    labels: Labels
    contacts: tuple[ExpectedContact, ...]
    why: Annotated[str, Field(min_length=1)]
    images: tuple[str, ...] = ()
    network: str | None = None

    @field_validator("price", mode="before")
    @classmethod
    def _price_as_text(cls, value: object) -> object:
        # A YAML float (59.99) would turn into a binary approximation: prices are strings.
        if not isinstance(value, str):
            raise ValueError('write prices as strings, e.g. "59.99"')
        return value

    @property
    def seller_id(self) -> tuple[str, str]:
        """A seller is identified by site and name."""
        return (self.site, self.seller)

    @property
    def text(self) -> str:
        """What triage reads for contacts and vocabulary: title and description."""
        return f"{self.title}\n{self.description}"

    @property
    def image_names(self) -> tuple[str, ...]:
        return self.images or (f"{self.slug}-1",)

    def demo_listing(self, markup: str) -> DemoListing:
        """This listing on the demo marketplace, marked up as ``markup``."""
        return DemoListing(
            slug=self.slug,
            title=self.title,
            price=self.price,
            currency=self.currency,
            seller=self.seller,
            description=self.description,
            images=self.image_names,
            markup=markup,
        )


class _File(_Strict):
    references: dict[str, tuple[str, ...]]
    listings: tuple[CorpusListing, ...]


@dataclass(frozen=True)
class TriageCorpus:
    """The labelled listings of both sites and the brands' official (reference) images."""

    listings: tuple[CorpusListing, ...]
    references: dict[str, tuple[str, ...]]

    def on(self, site: str) -> list[CorpusListing]:
        """The listings of one site, in file order."""
        return [x for x in self.listings if x.site == site]

    def catalogue(self, site: str) -> list[DemoListing]:
        """One site's demo catalogue; markup kinds round-robin over that site's listings."""
        return [
            x.demo_listing(MARKUP_KINDS[n % len(MARKUP_KINDS)]) for n, x in enumerate(self.on(site))
        ]

    @contextmanager
    def serve(self) -> Iterator[dict[str, DemoSite]]:
        """Both sites on 127.0.0.1 (ephemeral ports), stopped on exit."""
        with ExitStack() as stack:
            yield {s: stack.enter_context(DemoSite(self.catalogue(s))) for s in SITES}

    def crawl_keywords(self, site: str) -> list[str]:
        """Few title words whose searches on ``site`` find every one of its listings."""
        catalogue = self.catalogue(site)
        left = {x.slug for x in catalogue}
        words = sorted({w.casefold() for x in catalogue for w in re.findall(r"\w{3,}", x.title)})
        chosen = []
        while left:
            # Greedy set cover; max() keeps the alphabetically first of equals: a stable list.
            found = {w: {x.slug for x in catalogue if x.slug in left and matches(x, w)}
                     for w in words}  # fmt: skip
            best = max(words, key=lambda w: len(found[w]))
            chosen.append(best)
            left -= found[best]
        return chosen

    @cached_property
    def by_slug(self) -> dict[str, CorpusListing]:
        return {x.slug: x for x in self.listings}

    def labels_by_slug(self) -> dict[str, Labels]:
        """Slug -> labels."""
        return {x.slug: x.labels for x in self.listings}

    def contacts_by_slug(self) -> dict[str, tuple[ExpectedContact, ...]]:
        """Slug -> the contacts a perfect extractor finds."""
        return {x.slug: x.contacts for x in self.listings}

    def sellers(self) -> set[tuple[str, str]]:
        """Every (site, seller name)."""
        return {x.seller_id for x in self.listings}

    def expected_networks(self) -> dict[str, frozenset[tuple[str, str]]]:
        """Network name -> its sellers: what a perfect linker clusters, and nothing else."""
        found: dict[str, set[tuple[str, str]]] = {}
        for x in self.listings:
            if x.network:
                found.setdefault(x.network, set()).add(x.seller_id)
        return {name: frozenset(sellers) for name, sellers in found.items()}

    def linked_groups(self) -> list[frozenset[tuple[str, str]]]:
        """Sellers connected by the corpus's own contacts and images (public numbers and
        reference images excluded): must equal :meth:`expected_networks`."""
        graph: nx.Graph = nx.Graph()
        official = {name for names in self.references.values() for name in names}
        for x in self.listings:
            graph.add_node(x.seller_id)
            keys = [f"contact:{c.link_key}" for c in x.contacts if not c.public]
            keys += [f"image:{i}" for i in x.image_names if i not in official]
            graph.add_edges_from((x.seller_id, key) for key in keys)
        groups = []
        for component in nx.connected_components(graph):
            sellers = frozenset(n for n in component if isinstance(n, tuple))
            if len(sellers) > 1:
                groups.append(sellers)
        return groups


def load_corpus(path: Path = CORPUS_PATH) -> TriageCorpus:
    """Read and check the corpus file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = _File.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise CorpusError(f"cannot read triage corpus {path}: {exc}") from exc
    slugs = [x.slug for x in data.listings]
    if duplicates := sorted({s for s in slugs if slugs.count(s) > 1}):
        raise CorpusError(f"duplicate slugs (image names derive from them): {duplicates}")
    networks: dict[tuple[str, str], set[str | None]] = {}
    for x in data.listings:
        networks.setdefault(x.seller_id, set()).add(x.network)
    if split := sorted(s for s, names in networks.items() if len(names) > 1):
        raise CorpusError(f"sellers with listings in different networks: {split}")
    return TriageCorpus(data.listings, data.references)
