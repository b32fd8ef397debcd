"""What an exhibit sheet and the report cover say, as plain typed data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from evidence.clock import rfc3339
from evidence.export.nature import (
    describe,
    is_removal,
    label,
    no_screenshot_reason,
    status_text,
)
from evidence.records import CaptureRecord, ListingRecord, artefact_of


class TimeZoneError(ValueError):
    """A time zone name that is not in the IANA database."""


def check_time_zone(name: str | None) -> str | None:
    """``name`` if it is an IANA time zone (``Europe/London``), else :class:`TimeZoneError`."""
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise TimeZoneError(
            f"unknown time zone {name!r} (use an IANA name: Europe/London)"
        ) from None
    return name


def when_text(value: str | None, zone: str | None = None) -> str | None:
    """An RFC 3339 time to the second in UTC, with the local time in ``zone`` when given."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    text = rfc3339(when, seconds=True) or value
    if zone:
        local = when.astimezone(ZoneInfo(zone))
        text += f" ({local.strftime('%Y-%m-%d %H:%M:%S %Z')}, {zone})"
    return text


def exhibit_runs(references: tuple[str, ...]) -> str:
    """Exhibit references as runs: ``AB/1 to AB/3, AB/7``."""
    prefix = references[0].rsplit("/", 1)[0]
    numbers = sorted({int(r.rsplit("/", 1)[1]) for r in references})
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(
        f"{prefix}/{a}" if a == b else f"{prefix}/{a} to {prefix}/{b}" for a, b in runs
    )


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
    fingerprint: str | None = None  # the signing key's, ``sha256:...``
    time_zone: str | None = None  # the case's local zone, shown beside UTC
    listings: int = 0
    search_pages: int = 0
    stamps_failed: int = 0  # captures whose trusted time-stamp failed
    stamps_missing: int = 0  # captures with no time-stamp at all
    undrawable: tuple[str, ...] = ()  # characters no installed font could draw in the PDF
    references: tuple[str, ...] = ()  # every exhibit in the export

    @property
    def exhibit_range(self) -> str:
        """``AB/1 to AB/7``, ``AB/1 to AB/2, AB/9``, or ``none``."""
        if not self.first_exhibit:
            return "none"
        if self.first_exhibit == self.last_exhibit:
            return self.first_exhibit
        if not self.references:
            return f"{self.first_exhibit} to {self.last_exhibit}"
        return exhibit_runs(self.references)

    def when(self, value: str | None) -> str | None:
        """A time as the report prints it (UTC to the second, plus the case's zone)."""
        return when_text(value, self.time_zone)


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
    kind: str  # listing | search | check
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
    screenshot: str | None  # path inside the bag, e.g. data/exhibits/AB-3/screenshot.png
    artefacts: tuple[ArtefactLine, ...]
    errors: tuple[str, ...] = field(default=())
    triage: tuple[tuple[str, str], ...] = field(default=())  # score, reasons, contacts, caveat
    description: str | None = None
    contacts: tuple[str, ...] = ()
    nature: str = ""  # what the capture is, in words true for it
    nature_label: str = ""  # the same in a few words, for the index
    no_screenshot: str | None = None  # why there is none
    found_on: str | None = None  # the exhibit of the search page it was found on
    revisit_of: str | None = None  # for re-visits: how the listing was first found
    certificate: str | None = None  # the server certificate's subject (HTTPS)
    certificate_issuer: str | None = None
    timestamp: tuple[tuple[str, str], ...] = ()  # label/value rows
    stamp_failed: bool = False
    listing_id: int | None = None
    folder: str = ""  # data/exhibits/AB-3
    found_listings: tuple[str, ...] = ()  # for a search page: exhibits found on it

    @property
    def heading(self) -> str:
        """``Exhibit AB/3``."""
        return f"Exhibit {self.reference}"

    @property
    def short_title(self) -> str:
        """A line for indexes."""
        if self.kind == "search":
            return f'Search results for "{self.keyword}"' if self.keyword else "Search results"
        return self.title or self.url


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


def stamp_rows(capture: CaptureRecord, zone: str | None) -> tuple[tuple[str, str], ...]:
    """The capture's trusted time-stamp as label/value rows (granted, failed or absent)."""
    stamp = capture.get("timestamp")
    bundle = capture.get("bundle") or {}
    if not stamp:
        return (
            (
                "Trusted time-stamp",
                "none: no time-stamping authority (TSA) was configured when this capture was made",
            ),
        )
    if stamp.get("status") != "granted":
        return (
            (
                "Trusted time-stamp",
                f"FAILED: {stamp.get('error') or 'no reason recorded'}; "
                "no trusted time proves when this capture was made",
            ),
        )
    token = bundle.get("timestamp")
    return (
        ("Trusted time-stamp", f"granted by {stamp.get('tsa')}"),
        ("Time-stamp time (genTime)", when_text(stamp.get("gen_time"), zone) or "—"),
        ("Time-stamp token", f"{token}.tsr (over the batch manifest {token})" if token else "—"),
    )


def _tls(capture: CaptureRecord) -> tuple[str | None, str | None]:
    tls = capture.get("tls") or {}
    if not isinstance(tls, dict):
        return None, None
    return tls.get("subjectName"), tls.get("issuer")


def sheet_for(
    capture: CaptureRecord,
    listing: ListingRecord | None = None,
    *,
    earlier: list[CaptureRecord] | None = None,
    description: str | None = None,
    contacts: tuple[str, ...] = (),
    zone: str | None = None,
    found_listings: tuple[str, ...] = (),
) -> ExhibitSheet:
    """An exhibit sheet from a capture record of ``listings.json`` (with its ``bundle`` block),
    the listing it belongs to, and the listing's captures before it (oldest first)."""
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
    earlier = earlier or []
    removal = is_removal(capture)
    # A removal, a light check or a failed page shows no listing: old suspicion reasons would
    # read as if they were current, so they are left to the captures they were scored on.
    shows_listing = not removal and capture.get("kind") == "listing" and bool(capture.get("title"))
    is_latest = listing is not None and listing["captures"] and listing["captures"][-1] is capture
    triage = triage_lines(listing) if shows_listing and is_latest else ()
    revisit_of = None
    if listing and not capture.get("keyword") and listing.get("keyword") and earlier:
        revisit_of = found_text_of(
            listing.get("keyword"), listing.get("search_page"), listing.get("rank")
        )
    certificate, issuer = _tls(capture)
    stamp = capture.get("timestamp")
    return ExhibitSheet(
        reference=capture["exhibit"],
        capture_id=capture["id"],
        capture_uuid=capture["uuid"],
        kind=capture.get("kind") or "listing",
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
        triage=triage,
        description=description,
        contacts=contacts if shows_listing else (),
        nature=describe(capture, earlier),
        nature_label=label(capture, earlier),
        no_screenshot=None if bundle.get("screenshot") else no_screenshot_reason(capture),
        found_on=bundle.get("found_on"),
        revisit_of=revisit_of,
        certificate=certificate,
        certificate_issuer=issuer,
        timestamp=stamp_rows(capture, zone),
        stamp_failed=bool(stamp and stamp.get("status") != "granted"),
        listing_id=listing["id"] if listing else None,
        folder=bundle.get("folder") or "",
        found_listings=found_listings,
    )


def found_text_of(keyword: str | None, search_page: str | None, rank: int | None) -> str:
    """``search for "x" on URL at rank 3``."""
    parts = [f'search for "{keyword}"' if keyword else "a search"]
    if search_page:
        parts.append(f"on {search_page}")
    if rank is not None:
        parts.append(f"at rank {rank}")
    return " ".join(parts)


def found_text(sheet: ExhibitSheet) -> str:
    """How the page was found, in one sentence."""
    if sheet.kind == "search":
        return (
            f'The results page of a search for "{sheet.keyword}".'
            if sheet.keyword
            else ("A search or feed page.")
        )
    if sheet.keyword or sheet.search_page:
        text = "Found by " + found_text_of(sheet.keyword, sheet.search_page, sheet.rank) + "."
        if sheet.found_on:
            text += f" That results page is exhibit {sheet.found_on}."
        return text
    if sheet.revisit_of:
        return f"Re-visit of a known listing, first found by {sheet.revisit_of}."
    if sheet.kind == "check":
        return "Re-visit of a known listing (light check)."
    return "Captured directly from its address (not found through a search)."


def http_text(sheet: ExhibitSheet) -> str:
    """``200 OK``."""
    return status_text(sheet.http_status)


def verify_steps(info: ExportInfo) -> tuple[str, ...]:
    """How a third party checks the bundle, for the cover page (VERIFY.txt has the commands)."""
    key = (
        f"The bundle is signed with the producer's Ed25519 key, fingerprint {info.fingerprint}. "
        "A seal proves who made the bundle only against the producer's public key obtained "
        "from the producer (not from this bundle): with it saved as PRODUCER-KEY.pem and its "
        "fingerprint checked, run: jasper verify BUNDLE.zip --public-key PRODUCER-KEY.pem"
        if info.fingerprint
        else "Run: jasper verify BUNDLE.zip"
    )
    return (
        "Unzip the bundle. Every file is listed with its SHA-256 and SHA-512 in manifest-*.txt "
        "(BagIt, RFC 8493); check them with `sha256sum -c manifest-sha256.txt` or "
        "`bagit.py --validate`.",
        "Each exhibit sheet gives the SHA-256 recorded at capture; it must equal the file's hash.",
        "The web archive (data/web-archive.wacz) validates with `wacz validate` and replays in "
        "pywb or ReplayWeb.page; each WARC carries SHA-256 record digests (`warcio check`).",
        key + " (performs all of these checks at once).",
        "data/VERIFY.txt gives every command, and how to replay the web archive.",
    )
