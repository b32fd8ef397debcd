"""What an exhibit sheet and the report cover say, as plain typed data."""

from __future__ import annotations

from dataclasses import dataclass, field

from evidence.records import CaptureRecord, ListingRecord, artefact_of


@dataclass(frozen=True)
class ExportInfo:
    """The export as a whole: for the cover page, ``bag-info.txt`` and the draft documents."""

    export_id: str
    case: str
    organisation: str
    operator: str
    exported_at: str  # RFC 3339, UTC
    software: str
    version: str
    period_start: str | None
    period_end: str | None
    first_exhibit: str | None
    last_exhibit: str | None
    captures: int

    @property
    def exhibit_range(self) -> str:
        """``AB/1 to AB/7``, or ``none``."""
        if not self.first_exhibit:
            return "none"
        if self.first_exhibit == self.last_exhibit:
            return self.first_exhibit
        return f"{self.first_exhibit} to {self.last_exhibit}"


@dataclass(frozen=True)
class ArtefactLine:
    """One artefact of a capture: what it is, where it is in the bundle, its SHA-256."""

    kind: str
    bundle_path: str
    sha256: str


@dataclass(frozen=True)
class ExhibitSheet:
    """One capture as an exhibit."""

    reference: str
    capture_id: int
    capture_uuid: str
    status: str
    title: str | None
    url: str
    final_url: str | None
    captured_at: str | None
    http_status: int | None
    server_ip: str | None
    seller: str | None
    price: str | None
    keyword: str | None
    search_page: str | None
    rank: int | None
    screenshot: str | None  # path inside the bag, e.g. data/captures/capture-3/screenshot.png
    artefacts: tuple[ArtefactLine, ...]
    errors: tuple[str, ...] = field(default=())
    triage: tuple[tuple[str, str], ...] = field(default=())  # score, reasons, contacts, caveat


def price_text(capture: CaptureRecord) -> str | None:
    """``29.50 USD`` or ``None``."""
    if capture.get("price") is None:
        return None
    return f"{capture['price']:.2f} {capture.get('currency') or ''}".strip()


def triage_lines(listing: ListingRecord | None) -> tuple[tuple[str, str], ...]:
    """The listing's suspicion score, reasons and contacts, when triage scored it."""
    if not listing or "score" not in listing:
        return ()
    from evidence.triage.report import triage_rows

    return tuple((label, str(value)) for label, value in triage_rows(listing))


def sheet_for(capture: CaptureRecord, listing: ListingRecord | None = None) -> ExhibitSheet:
    """An exhibit sheet from a capture record of ``listings.json`` (with its ``bundle`` block)
    and the listing it belongs to."""
    bundle = capture["bundle"]
    artefacts = tuple(
        ArtefactLine(kind, path, digest)
        for kind, path in (
            ("screenshot", bundle.get("screenshot")),
            ("dom", bundle.get("dom")),
            ("page", bundle.get("page")),
            ("warc", f"{bundle['wacz']} > {bundle['warc']}" if bundle.get("warc") else None),
        )
        if path and (digest := artefact_of(capture, kind)[1])
    )
    return ExhibitSheet(
        reference=capture["exhibit"],
        capture_id=capture["id"],
        capture_uuid=capture["uuid"],
        status=capture["status"],
        title=capture.get("title"),
        url=capture["url"],
        final_url=capture.get("final_url"),
        captured_at=capture.get("captured_at"),
        http_status=capture.get("http_status"),
        server_ip=capture.get("server_ip"),
        seller=capture.get("seller"),
        price=price_text(capture),
        keyword=capture.get("keyword"),
        search_page=capture.get("search_page"),
        rank=capture.get("rank"),
        screenshot=bundle.get("screenshot"),
        artefacts=artefacts,
        errors=tuple(f"{e['step']}: {e['error']}" for e in capture.get("errors", [])),
        triage=triage_lines(listing),
    )


def found_text(sheet: ExhibitSheet) -> str:
    """How the listing was found, in one sentence."""
    if not sheet.keyword and not sheet.search_page:
        return "Captured directly (not found through a search)."
    parts = [f'search for "{sheet.keyword}"' if sheet.keyword else "a search"]
    if sheet.search_page:
        parts.append(f"on {sheet.search_page}")
    if sheet.rank is not None:
        parts.append(f"at rank {sheet.rank}")
    return "Found by " + " ".join(parts) + "."


def verify_steps() -> tuple[str, ...]:
    """How a third party checks the bundle, for the cover page (VERIFY.txt has the commands)."""
    return (
        "Unzip the bundle. Every file is listed with its SHA-256 and SHA-512 in manifest-*.txt "
        "(BagIt, RFC 8493); check them with `sha256sum -c` or `bagit.py --validate`.",
        "Each exhibit sheet gives the SHA-256 recorded at capture; it must equal the file's hash.",
        "The web archive (web-archive.wacz) validates with `wacz validate` and replays in pywb "
        "or ReplayWeb.page; each WARC carries SHA-256 record digests (`warcio check`).",
        "`jasper verify BUNDLE.zip` performs all of these checks at once.",
    )
