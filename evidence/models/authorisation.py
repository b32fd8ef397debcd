"""Authorisations for covert monitoring (e.g. RIPA directed surveillance) held on a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, intpk, utc_time


class Authorisation(Base):
    """An authorisation reference with its validity; captures record the one they ran under."""

    __tablename__ = "authorisations"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reference: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[utc_time]
    expires_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[utc_time]
    created_by: Mapped[str] = mapped_column(String(200))

    def current(self, now: datetime) -> bool:
        """True when ``now`` falls within the authorisation's validity."""
        return self.valid_from <= now < self.expires_at


class AuthorisationRequirement(Base):
    """Whether a case needs a current authorisation before it may capture (latest row wins)."""

    __tablename__ = "authorisation_requirements"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    required: Mapped[bool]
    reason: Mapped[str | None] = mapped_column(Text)
    set_at: Mapped[utc_time]
    set_by: Mapped[str] = mapped_column(String(200))
