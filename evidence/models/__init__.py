"""SQLAlchemy models: the provenance record of every case, run, listing and capture."""

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
from evidence.models.triage import ListingScore, ReferenceImage

__all__ = [
    "Artefact",
    "Base",
    "Capture",
    "CaptureError",
    "CaptureStatus",
    "Case",
    "CrawlRun",
    "Event",
    "Exhibit",
    "Listing",
    "ListingScore",
    "ReferenceImage",
]
