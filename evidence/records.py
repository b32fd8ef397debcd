"""The records a case is read back as: the schema of ``jasper listings --format json``, of
``listings.json`` in a bundle, and of every view built on them (typed, key for key)."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class StepFailure(TypedDict):
    """A capture step that failed."""

    step: str
    error: str
    at: str | None


class CaptureNoteInfo(TypedDict):
    """Something done to the page, or learnt about it, while capturing it."""

    step: str
    note: str
    at: str | None
    detail: dict[str, Any] | None


class TimestampInfo(TypedDict):
    """The trusted time-stamp covering a capture (granted or failed)."""

    status: str
    tsa: str | None
    gen_time: str | None
    manifest: str | None
    token: str | None
    error: str | None


class CorrectionInfo(TypedDict):
    """A later re-rating of a capture (tables are append-only: a new row, never an edit)."""

    status: str
    reason: str
    at: str | None


class BundlePaths(TypedDict, total=False):
    """Where an exported capture's files are inside the bundle."""

    wacz: str
    warc: str | None
    screenshot: str | None
    dom: str | None
    page: str | None
    timestamp: str | None
    folder: str  # data/exhibits/AB-3: the exhibit's own folder
    found_on: str | None  # the exhibit of the search-results page the listing was found on


class FieldSourceInfo(TypedDict):
    """How one field of a listing was read (see ``evidence.capture.product.FieldSource``)."""

    source: str  # json-ld | microdata | opengraph | state | page | profile | inferred
    how: str
    selector: str | None
    text: str | None


class ProductDetails(TypedDict):
    """The fields investigators and triage need beyond title, price and seller, and how
    every field was read; the same keys on a listing (its latest capture) and a capture."""

    brand: str | None
    sku: str | None
    gtin: str | None
    mpn: str | None
    availability: str | None  # schema.org name: InStock, OutOfStock, ...
    condition: str | None  # schema.org name: NewCondition, UsedCondition, ...
    seller_url: str | None
    price_kind: str | None  # None (fixed), current-bid, starting-bid, from (lowest of a range)
    extraction: dict[str, FieldSourceInfo]  # field name -> how it was read


class CaptureRecord(TypedDict):
    """One capture's evidence: paths relative to the workdir, SHA-256 of each artefact."""

    id: int
    uuid: str
    kind: str
    status: str
    captured_at: str | None
    started_at: str | None
    url: str
    final_url: str | None
    redirects: list[str]
    http_status: int | None
    server_ip: str | None
    screenshot: str | None
    screenshot_sha256: str | None
    page: str | None
    page_sha256: str | None
    dom: str | None
    dom_sha256: str | None
    warc: str | None
    warc_sha256: str | None
    warc_record_id: str | None
    tls: dict[str, Any] | None
    tls_chain: str | None
    tls_chain_sha256: str | None
    keyword: str | None
    search_page: str | None
    rank: int | None
    title: str | None
    price: float | None
    currency: str | None
    seller: str | None
    images: list[str]
    brand: str | None
    sku: str | None
    gtin: str | None
    mpn: str | None
    availability: str | None
    condition: str | None
    seller_url: str | None
    price_kind: str | None
    extraction: dict[str, FieldSourceInfo]
    run_id: int
    errors: list[StepFailure]
    notes: list[CaptureNoteInfo]
    egress: dict[str, Any] | None
    timestamp: NotRequired[TimestampInfo | None]
    corrections: NotRequired[list[CorrectionInfo]]
    exhibit: NotRequired[str]  # in an export
    bundle: NotRequired[BundlePaths]  # in an export


class ConcernScore(TypedDict):
    """A listing's triage for one concern: its score (0 to 1) and the reasons behind it."""

    score: float
    reasons: list[str]


class ListingRecord(TypedDict):
    """A listing with its latest extracted data, its triage and every capture, oldest first."""

    id: int
    url: str
    title: str | None
    price: float | None
    currency: str | None
    seller: str | None
    description: str | None
    images: list[str]
    brand: str | None
    sku: str | None
    gtin: str | None
    mpn: str | None
    availability: str | None
    condition: str | None
    seller_url: str | None
    price_kind: str | None
    extraction: dict[str, FieldSourceInfo]
    first_seen: str | None
    last_seen: str | None
    keyword: str | None
    search_page: str | None
    rank: int | None
    captures: list[CaptureRecord]
    # The latest capture's outcome: complete, partial or failed (a page refused, never loaded,
    # past its deadline or interrupted), its HTTP status and the steps that failed.
    status: NotRequired[str | None]
    http_status: NotRequired[int | None]
    errors: NotRequired[list[StepFailure]]
    # Triage (evidence.triage): the overall score and its reasons, the concern driving it
    # (counterfeit | piracy | unsafe | None), each concern's score and reasons, the contacts
    # found, and whether the score predates the signals or capture it should use.
    score: NotRequired[float | None]
    reasons: NotRequired[list[str]]
    concern: NotRequired[str | None]
    concerns: NotRequired[dict[str, ConcernScore]]
    contacts: NotRequired[list[Any]]
    score_stale: NotRequired[bool]
    exhibits: NotRequired[list[str]]  # in an export


def artefact_of(capture: CaptureRecord, kind: str) -> tuple[str | None, str | None]:
    """The workdir path and SHA-256 of one of a capture's artefacts (``screenshot``,
    ``page``, ``dom``, ``warc``, ``tls_chain``)."""
    files = {
        "screenshot": (capture["screenshot"], capture["screenshot_sha256"]),
        "page": (capture["page"], capture["page_sha256"]),
        "dom": (capture["dom"], capture["dom_sha256"]),
        "warc": (capture["warc"], capture["warc_sha256"]),
        "tls_chain": (capture["tls_chain"], capture["tls_chain_sha256"]),
    }
    return files[kind]
