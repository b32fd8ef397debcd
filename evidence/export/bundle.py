"""``jasper export``: a case's captures as a zipped BagIt bag, ready for court.

The steps: pick the listings, fix exhibit references, log the export, copy each artefact into
the bag (checking its SHA-256 against the one recorded at capture), pack the WARCs into a
WACZ, write the reports and drafts, make the bag, let signing seal it, zip it. Files are
copied and hashed in chunks; nothing is read whole into memory.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import bagit
from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.artefacts import ArtefactError
from evidence.capture.stamping import stamp_files
from evidence.clock import rfc3339
from evidence.custody import record_event
from evidence.export.custody_log import write_custody_log
from evidence.export.documents import write_hash_certificate, write_verify_txt, write_witness_list
from evidence.export.exhibits import (
    assign_exhibits,
    check_prefix,
    default_prefix,
    exhibit_folder,
)
from evidence.export.fonts import plan_for
from evidence.export.network_chart import SellerChart, seller_chart
from evidence.export.report_html import write_html_reports
from evidence.export.report_pdf import sheet_texts, write_pdf
from evidence.export.searches import SearchPages, find_search_pages
from evidence.export.sheets import ExhibitSheet, ExportInfo, check_time_zone, sheet_for
from evidence.export.tables import write_listings_csv, write_listings_json, write_search_json
from evidence.export.wacz import WaczPage, WaczWarc, write_wacz
from evidence.listings import case_listings
from evidence.models import Capture, Case
from evidence.models.base import utcnow
from evidence.provenance import SOFTWARE, jasper_version
from evidence.records import (
    BundlePaths,
    CaptureRecord,
    ListingRecord,
    TimestampInfo,
    artefact_of,
)
from evidence.review.decisions import configured_dispositions
from evidence.review.decisions import select_listings as select_listings_by_review
from evidence.signing import (
    SigningError,
    fingerprint,
    key_paths,
    load_private_key,
    seal_bag,
    signer_identity,
)
from evidence.store import CHUNK
from evidence.timestamps import CHAIN_SUFFIX, TOKEN_SUFFIX
from evidence.triage.contacts import extract_contacts
from evidence.triage.rules import RulesError
from evidence.triage.score import Triage
from evidence.workspace import Workspace

WACZ_NAME = "web-archive.wacz"
BAG_CHECKSUMS = ["sha256", "sha512"]
SHEETS_PER_PDF = 200  # bounds the memory reportlab holds for one document
# Artefacts copied as files, with the only suffixes they may get inside the bundle.
FILE_KINDS = {"screenshot": {".png", ".jpg", ".jpeg", ".webp"}, "dom": {".html"}, "page": {".html"}}
STORED_SUFFIXES = {".wacz", ".png", ".jpg", ".jpeg", ".webp", ".gz", ".pdf", ".zip"}
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
STAMPS = "timestamps"  # capture time-stamp manifests, tokens and TSA chains, under data/
STAMP_MANIFEST = re.compile(r"^[0-9a-f]{64}\.json$")
EXHIBITS = "exhibits"  # data/exhibits/AB-3/: one folder per exhibit
SEARCH_PAGES = "search-pages.json"
NETWORK_SVG = "seller-network.svg"


class ExportError(RuntimeError):
    """The export failed; the message says why."""


class ExportInputError(ExportError):
    """The request names something that does not exist (a case, a listing)."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where, and as whom."""

    case: str
    out: Path
    operator: str
    prefix: str | None = None
    listings: Sequence[str] = ()
    time_zone: str | None = None  # the case's local zone (IANA), shown beside UTC
    # Selection by review and triage: listings passing every filter given, plus ``listings``.
    dispositions: Sequence[str] = ()
    tags: Sequence[str] = ()
    min_score: float | None = None

    @property
    def filtered(self) -> bool:
        """Whether the request selects listings by disposition, tag or score."""
        return bool(self.dispositions or self.tags) or self.min_score is not None

    def describe(self) -> str:
        """The selection, as a person reads it (for errors and the custody log)."""
        parts = [f"disposition {' or '.join(self.dispositions)}"] if self.dispositions else []
        parts += [f"tag {' or '.join(self.tags)}"] if self.tags else []
        parts += [f"score >= {self.min_score}"] if self.min_score is not None else []
        return ", ".join(parts) or "every listing"


@dataclass(frozen=True)
class ExportResult:
    """The bundle written: where, its SHA-256, and what it holds."""

    out: Path
    sha256: str
    export_id: str
    captures: int
    exhibit_range: str
    listings: int = 0
    search_pages: int = 0
    stamps_failed: int = 0  # captures whose trusted time-stamp failed
    stamps_missing: int = 0  # captures with no time-stamp at all
    public_key: Path | None = None  # the signing key's public half, to pin when verifying


def select_listings(
    records: list[ListingRecord], wanted: Sequence[str], picked: set[int] | None = None
) -> list[ListingRecord]:
    """The listings named by id or URL, plus those whose ids are ``picked`` (by a filter), in
    case order; all of them when none are named and nothing was filtered."""
    if not wanted and picked is None:
        return records
    by_key = {str(r["id"]): r for r in records} | {r["url"]: r for r in records}
    unknown = [w for w in wanted if w not in by_key]
    if unknown:
        raise ExportInputError(f"no listing with id or URL {unknown[0]!r} in this case")
    chosen = {by_key[w]["id"] for w in wanted} | (picked or set())
    return [r for r in records if r["id"] in chosen]


def filter_listings(
    session: Session, case: Case, records: list[ListingRecord], request: ExportRequest
) -> set[int] | None:
    """The ids of the listings passing every filter of the request (None: no filter)."""
    if not request.filtered:
        return None
    allowed = configured_dispositions()
    unknown = [d for d in request.dispositions if d not in allowed]
    if unknown:
        raise ExportInputError(
            f"unknown disposition {unknown[0]!r} (use one of {', '.join(allowed)})"
        )
    picked = select_listings_by_review(
        session,
        case.id,
        dispositions=tuple(request.dispositions),
        tags=tuple(request.tags),
        min_score=request.min_score,
    )
    return set(picked) & {r["id"] for r in records}


def _captures(records: list[ListingRecord]) -> Iterator[CaptureRecord]:
    for listing in records:
        yield from listing["captures"]


def _copy_checked(source: Path, target: Path, expected: str) -> None:
    """Copy in chunks, failing if the bytes no longer match the hash recorded at capture."""
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as fin, target.open("wb") as fout:
        while chunk := fin.read(CHUNK):
            digest.update(chunk)
            fout.write(chunk)
    if digest.hexdigest() != expected:
        raise ExportError(
            f"{source} no longer matches the SHA-256 recorded at capture ({expected}); "
            "not exporting altered evidence"
        )


class BundleBuilder:
    """Builds one bundle in a scratch folder next to the output file."""

    def __init__(self, workspace: Workspace, request: ExportRequest) -> None:
        self.workspace = workspace
        self.request = request
        self.export_id = str(uuid.uuid4())
        self.exported_at = utcnow()
        self.stamp_files: dict[str, str] = {}  # time-stamp files -> SHA-256, as ledgered

    def artefact_path(self, relative: str, sha256: str) -> Path:
        """An artefact's file: the workdir's own copy, else the store's (checked against
        ``sha256`` as it is fetched); refuses paths that leave the workdir."""
        try:
            return self.workspace.artefacts.path(relative, sha256)
        except ArtefactError as exc:
            raise ExportError(f"{exc}; not exporting") from None

    def stage_captures(self, payload: Path, captures: list[CaptureRecord]) -> list[WaczWarc]:
        """Copy screenshots, DOMs and pages into each exhibit's folder; add bundle paths."""
        warcs: list[WaczWarc] = []
        for capture in captures:
            folder = f"{EXHIBITS}/{exhibit_folder(capture['exhibit'])}"
            bundle: BundlePaths = {
                "wacz": f"data/{WACZ_NAME}",
                "warc": None,
                "folder": f"data/{folder}",
            }
            for kind, suffixes in FILE_KINDS.items():
                relative, digest = artefact_of(capture, kind)
                staged = None
                if relative and digest:
                    suffix = Path(relative).suffix.lower()
                    name = f"{folder}/{kind}{suffix if suffix in suffixes else '.bin'}"
                    _copy_checked(self.artefact_path(relative, digest), payload / name, digest)
                    staged = f"data/{name}"
                bundle[kind] = staged  # type: ignore[literal-required]
            relative, digest = artefact_of(capture, "warc")
            if relative and digest:
                warc = WaczWarc(self.artefact_path(relative, digest), digest)
                warcs.append(warc)
                bundle["warc"] = warc.member
            bundle["timestamp"] = self.stage_stamp(payload, capture.get("timestamp"))
            capture["bundle"] = bundle
        return warcs

    def stage_stamp(self, payload: Path, stamp: TimestampInfo | None) -> str | None:
        """Copy a capture's stamped batch manifest with its token and TSA chain (once each)."""
        if not stamp or stamp.get("status") != "granted" or not stamp.get("manifest"):
            return None
        manifest = str(stamp["manifest"])
        name = Path(manifest).name
        if not STAMP_MANIFEST.match(name):
            raise ExportError(f"unexpected time-stamp manifest name {name!r}")
        target = payload / STAMPS / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", TOKEN_SUFFIX, CHAIN_SUFFIX):
                rel = manifest + suffix
                digest = self.stamp_files.get(rel)
                if digest is None:  # a file older ledger entries did not list: as it is
                    local = self.workspace.artefacts.local(rel)
                    if local.is_file():
                        shutil.copyfile(local, target.with_name(name + suffix))
                    continue
                _copy_checked(self.artefact_path(rel, digest), target.with_name(name + suffix),
                              digest)  # fmt: skip
        return f"data/{STAMPS}/{name}"

    def info(self, case: Case, records: list[ListingRecord], searches: SearchPages) -> ExportInfo:
        """The cover-page facts of this export."""
        every = [*_captures(records), *searches.records]
        times = sorted(c["captured_at"] for c in every if c["captured_at"])
        refs = [c["exhibit"] for c in every]
        stamps = [c.get("timestamp") for c in every]
        key = load_private_key(self.workspace.workdir).public_key()
        return ExportInfo(
            export_id=self.export_id,
            case=case.name,
            organisation=case.organisation,
            operator=self.request.operator,
            exported_at=rfc3339(self.exported_at, seconds=True) or "",
            software=SOFTWARE,
            version=jasper_version(),
            period_start=times[0] if times else None,
            period_end=times[-1] if times else None,
            first_exhibit=min(refs, key=_ref_number) if refs else None,
            last_exhibit=max(refs, key=_ref_number) if refs else None,
            captures=len(refs),
            references=tuple(refs),
            fingerprint=fingerprint(key),
            time_zone=self.request.time_zone,
            listings=len(records),
            search_pages=len(searches.records),
            stamps_failed=sum(1 for s in stamps if s and s.get("status") != "granted"),
            stamps_missing=sum(1 for s in stamps if not s),
        )

    def sheets(
        self, session: Session, case: Case, records: list[ListingRecord], searches: SearchPages
    ) -> list[ExhibitSheet]:
        """One sheet per listing capture (oldest first per listing), then per search page."""
        ids = [c["id"] for c in _captures(records)]
        descriptions: dict[int, str | None] = {}
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(Capture.id, Capture.description).where(
                    Capture.id.in_(ids[start : start + 500])
                )
            )
            descriptions.update({capture_id: text for capture_id, text in rows})
        rules = Triage(self.workspace.workdir).rules(case.name)
        zone = self.request.time_zone
        sheets = []
        for listing in records:
            for n, capture in enumerate(listing["captures"]):
                text = descriptions.get(capture["id"])
                found = extract_contacts(
                    " ".join(x for x in (capture.get("title"), text) if x), rules.contact_rules
                )
                contacts = tuple(f"{c.kind}: {c.value}" for c in found)
                sheets.append(
                    sheet_for(
                        capture,
                        listing,
                        earlier=listing["captures"][:n],
                        description=text,
                        contacts=contacts,
                        zone=zone,
                    )
                )
        for capture in searches.records:
            found_here = tuple(searches.found_on.get(capture["id"], ()))
            sheets.append(sheet_for(capture, None, zone=zone, found_listings=found_here))
        return sheets

    def write_payload(
        self,
        session: Session,
        case: Case,
        payload: Path,
        records: list[ListingRecord],
        searches: SearchPages,
    ) -> ExportInfo:
        """Everything under ``data/``."""
        captures = [*_captures(records), *searches.records]
        warcs = self.stage_captures(payload, captures)
        searches.link(records)
        info = self.info(case, records, searches)
        pages = [
            WaczPage(c["uuid"], c["final_url"] or c["url"], c["captured_at"], c["title"])
            for c in captures
            if c["warc"] and c["captured_at"]
        ]
        created = max(
            (datetime.fromisoformat(c["captured_at"]) for c in captures if c["captured_at"]),
            default=self.exported_at,
        )
        write_wacz(
            payload / WACZ_NAME,
            warcs,
            pages,
            title=f"Case {case.name}",
            created=created,
            software=f"{SOFTWARE} {jasper_version()}",
        )
        write_listings_json(payload / "listings.json", records)
        write_listings_csv(payload / "listings.csv", records)
        write_search_json(payload / SEARCH_PAGES, searches.records)
        write_custody_log(session, case.id, payload / "custody-log.jsonl")
        sheets = self.sheets(session, case, records, searches)
        chart = seller_chart(session, case, self.workspace.workdir, records)
        chart.write_svg(payload / NETWORK_SVG)
        texts = [t for sheet in sheets for t in sheet_texts(sheet)] + chart.labels()
        undrawable = plan_for(texts, pdf=True).missing
        info = replace(info, undrawable=tuple(undrawable))
        drafts = payload / "drafts"
        drafts.mkdir()
        write_witness_list(drafts / "DRAFT-witness-statement-exhibit-list.txt", info, sheets)
        write_hash_certificate(drafts / "DRAFT-hash-certificate-FRE-902-14.txt", info, sheets)
        write_verify_txt(payload / "VERIFY.txt", info, signer_identity(self.workspace.workdir))
        write_html_reports(payload, info, sheets, chart, texts)
        self.write_pdfs(payload, info, sheets, chart)
        return info

    def write_pdfs(
        self, payload: Path, info: ExportInfo, sheets: list[ExhibitSheet], chart: SellerChart
    ) -> None:
        """``report.pdf``, or numbered volumes of :data:`SHEETS_PER_PDF` sheets for big cases."""
        volumes = [sheets[i : i + SHEETS_PER_PDF] for i in range(0, len(sheets), SHEETS_PER_PDF)]
        if len(volumes) <= 1:
            write_pdf(payload / "report.pdf", payload, info, sheets, "report.pdf", chart)
            return
        for n, volume in enumerate(volumes, 1):
            name = f"report-volume-{n:03d}.pdf"
            label = f"{name}, volume {n} of {len(volumes)}"
            write_pdf(payload / name, payload, info, volume, label, chart if n == 1 else None)

    def stage(
        self, session: Session, bag_dir: Path, prefix: str, out: Path
    ) -> tuple[int, ExportInfo]:
        """Fix exhibits, log the export, write the payload and make the bag in ``bag_dir``."""
        request = self.request
        case = self.workspace.case(session, request.case, request.operator, create=False)
        if case is None:
            raise ExportInputError(f"no case named {request.case!r} in {self.workspace.workdir}")
        triage = Triage(self.workspace.workdir)
        try:  # scores as of today's signals, reference images and case overrides
            triage.ensure_fresh(session, case)
            version = triage.version(session, case)
        except RulesError as exc:
            raise ExportInputError(str(exc)) from None
        everything = case_listings(session, case, version)
        picked = filter_listings(session, case, everything, request)
        records = select_listings(everything, request.listings, picked)
        if picked is not None and not records:
            raise ExportInputError(
                f"no listing of case {request.case!r} matches {request.describe()}"
            )
        ids = [c["id"] for c in _captures(records)]
        if not ids:
            raise ExportInputError(f"case {request.case!r} has no captures to export")
        searches = find_search_pages(session, case.id, records)
        search_ids = [c["id"] for c in searches.records]
        # Listing captures first, so their numbers do not depend on the search pages.
        refs = assign_exhibits(session, case.id, prefix, ids + search_ids, self.export_id)
        for listing in records:
            listing["exhibits"] = [refs[c["id"]] for c in listing["captures"]]
            for capture in listing["captures"]:
                capture["exhibit"] = refs[capture["id"]]
        for capture in searches.records:
            capture["exhibit"] = refs[capture["id"]]
        detail = {
            "export_id": self.export_id,
            "bundle": str(out),
            "listings": [r["id"] for r in records],
            "selection": {
                "listings": list(request.listings),
                "dispositions": list(request.dispositions),
                "tags": list(request.tags),
                "min_score": request.min_score,
            },
            "captures": ids,
            "search_pages": search_ids,
            "exhibit_prefix": prefix,
            "exhibits": sorted(set(refs.values()), key=_ref_number),
        }
        record_event(session, "export", request.operator, case_id=case.id, detail=detail)
        self.stamp_files = stamp_files(session, case.id)
        info = self.write_payload(session, case, bag_dir, records, searches)
        # make_bag moves what we wrote into data/ and hashes it in chunks.
        bagit.make_bag(str(bag_dir), self.bag_info(info), checksums=BAG_CHECKSUMS)
        return case.id, info

    def bag_info(self, info: ExportInfo) -> dict[str, str]:
        """``bag-info.txt``: standard BagIt labels, then Jasper's."""
        fields = {
            "Source-Organization": info.organisation,
            "Contact-Name": info.operator,
            "External-Identifier": info.export_id,
            "External-Description": (
                f"Evidence bundle for case {info.case}: {info.captures} captures, "
                f"exhibits {info.exhibit_range}"
            ),
            "Case": info.case,
            "Organisation": info.organisation,
            "Operator": info.operator,
            "Export-Time": info.exported_at,
            "Software": info.software,
            "Software-Version": info.version,
            "Exhibit-Range": info.exhibit_range,
            "Capture-Period": f"{info.period_start} to {info.period_end}",
            "Signing-Key-Fingerprint": info.fingerprint or "",
            "Local-Time-Zone": info.time_zone or "",
            "Timestamps-Failed": str(info.stamps_failed),
        }
        return {k: " ".join(v.split()) for k, v in fields.items() if v}


def _ref_number(ref: str) -> int:
    return int(ref.rsplit("/", 1)[1])


def seal(bag_dir: Path, workspace: Workspace) -> bool:
    """Sign the bag (and time-stamp it when TSAs are configured)."""
    seal_bag(bag_dir, workspace)
    return True


def require_signing_key(workspace: Workspace) -> None:
    """Every export is signed: refuse before doing any work when there is no key."""
    try:
        load_private_key(workspace.workdir)
    except SigningError as exc:
        raise ExportInputError(str(exc)) from exc


def zip_bag(bag_dir: Path, out: Path) -> str:
    """Zip ``bag_dir`` (as a single top folder) to ``out`` in chunks; return its SHA-256."""
    partial = out.with_name(out.name + ".part")
    with zipfile.ZipFile(partial, "w", allowZip64=True) as zf:
        for path in sorted(p for p in bag_dir.rglob("*") if p.is_file()):
            member = f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}"
            info = zipfile.ZipInfo.from_file(path, member)
            info.compress_type = (
                zipfile.ZIP_STORED
                if path.suffix.lower() in STORED_SUFFIXES
                else zipfile.ZIP_DEFLATED
            )
            with path.open("rb") as fin, zf.open(info, "w", force_zip64=True) as fout:
                shutil.copyfileobj(fin, fout, CHUNK)
    digest = hashlib.sha256()
    with partial.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    os.replace(partial, out)
    return digest.hexdigest()


def export_case(workspace: Workspace, request: ExportRequest) -> ExportResult:
    """Export a case (or some of its listings) to ``request.out``; log it in the custody log."""
    builder = BundleBuilder(workspace, request)
    out = request.out.expanduser().resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = check_prefix(request.prefix or default_prefix(request.operator))
    check_time_zone(request.time_zone)
    require_signing_key(workspace)
    stem = SAFE_NAME.sub("-", out.stem).strip(".-")[:64] or "bundle"
    with tempfile.TemporaryDirectory(prefix=".jasper-export-", dir=out.parent) as tmp:
        bag_dir = Path(tmp) / stem
        bag_dir.mkdir()
        # One unit of work: exhibits are fixed and the export logged only if the bag is made.
        with workspace.db.transaction() as session:
            case_id, info = builder.stage(session, bag_dir, prefix, out)
        # Sealing opens its own transactions, so it runs after ours has committed.
        try:
            sealed = seal(bag_dir, workspace)
            sha256 = zip_bag(bag_dir, out)
        except Exception as exc:
            with workspace.db.transaction() as session:
                detail = {"export_id": builder.export_id, "error": str(exc)}
                record_event(
                    session, "export-failed", request.operator, case_id=case_id, detail=detail
                )
            raise ExportError(f"export {builder.export_id} failed: {exc}") from exc
    with workspace.db.transaction() as session:
        record_event(
            session,
            "export-written",
            request.operator,
            case_id=case_id,
            detail={
                "export_id": builder.export_id,
                "bundle": str(out),
                "sha256": sha256,
                "sealed": sealed,
                "exhibits": info.exhibit_range,
            },
        )
    return ExportResult(
        out,
        sha256,
        builder.export_id,
        info.captures,
        info.exhibit_range,
        info.listings,
        info.search_pages,
        info.stamps_failed,
        info.stamps_missing,
        key_paths(workspace.workdir)[1],
    )
