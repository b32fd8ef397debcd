"""Exhibit references: ``AB/1``, ``AB/2``, ... one per exported capture, never reused in a case."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, intpk, utc_time


class Exhibit(Base):
    """A capture's exhibit number under a producer's prefix, fixed by the first export."""

    __tablename__ = "exhibits"
    __table_args__ = (
        UniqueConstraint("case_id", "prefix", "number", name="uq_exhibits_number"),
        UniqueConstraint("case_id", "prefix", "capture_id", name="uq_exhibits_capture"),
    )

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id"))
    export_id: Mapped[str] = mapped_column(String(36))  # the export that first produced it
    created_at: Mapped[utc_time]

    @property
    def reference(self) -> str:
        """The reference as written in a witness statement, e.g. ``AB/3``."""
        return f"{self.prefix}/{self.number}"
