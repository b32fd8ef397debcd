"""SQLAlchemy models: the provenance record of every case, run, listing and capture."""

from evidence.models.authorisation import Authorisation, AuthorisationRequirement
from evidence.models.base import Base
from evidence.models.core import (
    Artefact,
    Capture,
    CaptureError,
    CaptureStatus,
    Case,
    CrawlRun,
    Event,
    Listing,
)
from evidence.models.exhibits import Exhibit
from evidence.models.jobs import Job, JobClaim
from evidence.models.ledger import (
    APPEND_ONLY_TABLES,
    CaptureCorrection,
    LedgerEntry,
    Timestamp,
    TimestampCapture,
)
from evidence.models.review import ReviewEvent, ReviewUser
from evidence.models.triage import ListingScore, ReferenceImage
from evidence.models.watch import ListingEvent, Takedown, Watchlist, WatchRun

__all__ = [
    "APPEND_ONLY_TABLES",
    "Artefact",
    "Authorisation",
    "AuthorisationRequirement",
    "Base",
    "Capture",
    "CaptureCorrection",
    "CaptureError",
    "CaptureStatus",
    "Case",
    "CrawlRun",
    "Event",
    "Exhibit",
    "Job",
    "JobClaim",
    "LedgerEntry",
    "Listing",
    "ListingEvent",
    "ListingScore",
    "ReferenceImage",
    "ReviewEvent",
    "ReviewUser",
    "Takedown",
    "Timestamp",
    "TimestampCapture",
    "WatchRun",
    "Watchlist",
]
