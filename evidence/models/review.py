"""Review decisions: dispositions, notes and tags on listings, one append-only event each."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, intpk, utc_time


class ReviewEvent(Base):
    """A reviewer's decision on a listing; a changed decision is a new row, never an edit."""

    __tablename__ = "review_events"
    __table_args__ = (
        Index("ix_review_events_listing_kind", "listing_id", "kind"),
        Index("ix_review_events_case_kind", "case_id", "kind", "listing_id", "id"),
    )

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"))
    kind: Mapped[str] = mapped_column(String(20))  # disposition | note | tag | untag
    value: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))  # the signed-in user, or the OS user
    at: Mapped[utc_time]


class ReviewUser(Base):
    """A local account of the review workspace: a name, a role and an argon2 password hash."""

    __tablename__ = "review_users"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # investigator | reviewer | legal | admin
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, as argon2-cffi encodes it
    created_at: Mapped[utc_time]
    created_by: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(default=False)
