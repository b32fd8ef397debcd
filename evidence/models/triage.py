"""Triage results: suspicion scores (append-only, latest wins) and brands' reference images."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, hex_digest, intpk, json_doc, utc_time


class ListingScore(Base):
    """A listing's triage: the overall score, the concern driving it, a score per concern
    (counterfeit, piracy, unsafe) with reasons, and everything needed to recompute it.

    Rows are never updated: a rescore that changes anything inserts a new row.
    """

    __tablename__ = "listing_scores"
    __table_args__ = (
        Index("ix_listing_scores_listing_scored", "listing_id", "scored_at"),
        # the latest score of every listing of a case, from the index alone (0011)
        Index("ix_listing_scores_case_listing", "case_id", "listing_id", "id"),
    )

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"))
    capture_id: Mapped[int | None] = mapped_column(ForeignKey("captures.id"))
    scored_at: Mapped[utc_time]
    score: Mapped[float] = mapped_column(Float)
    # The concern driving the overall score (None: no concern-specific signal).
    concern: Mapped[str | None] = mapped_column(String(20))
    # concern -> {"score": float, "reasons": [str]}
    concerns: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    contacts: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    signals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    inputs: Mapped[json_doc]  # listing text, weights, rules digest and sources, image matches
    rules_digest: Mapped[str] = mapped_column(String(64))
    # The version of the signals used: rules, reference images and scoring algorithm.
    signals_digest: Mapped[str | None] = mapped_column(String(64))


class ReferenceImage(Base):
    """A brand's official product image, for spotting listings that reuse it."""

    __tablename__ = "reference_images"

    id: Mapped[intpk]
    brand: Mapped[str] = mapped_column(String(200), index=True)
    source_name: Mapped[str] = mapped_column(Text)  # the file as given to ``jasper reference add``
    path: Mapped[str] = mapped_column(Text)  # stored copy, relative to the workdir
    media_type: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int]
    digest_hex: Mapped[hex_digest] = mapped_column(index=True)
    phash: Mapped[str | None] = mapped_column(String(64))
    dhash: Mapped[str | None] = mapped_column(String(64))
    added_at: Mapped[utc_time]
    added_by: Mapped[str] = mapped_column(String(200))
