"""A workdir: where the database, artefacts and logs of an installation live."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.db import Database, default_db_url
from evidence.models import Case


class WorkspaceError(RuntimeError):
    """The workdir or database cannot be used; the message says what to do."""


def default_workdir() -> Path:
    """``$JASPER_HOME`` or ``./jasper-data``."""
    return Path(os.environ.get("JASPER_HOME") or "jasper-data")


class Workspace:
    """An opened workdir and its database."""

    def __init__(self, workdir: Path | None = None, db_url: str | None = None) -> None:
        self.workdir = (workdir or default_workdir()).expanduser().resolve()
        self.ensure_writable()
        self.db_url = db_url or os.environ.get("JASPER_DB_URL") or default_db_url(self.workdir)
        try:
            self.db = Database(self.db_url)
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise WorkspaceError(f"cannot open database {self.safe_db_url}: {first}") from exc

    @property
    def safe_db_url(self) -> str:
        """The database URL with any password hidden."""
        from sqlalchemy.engine import make_url

        return make_url(self.db_url).render_as_string(hide_password=True)

    def ensure_writable(self) -> None:
        """Create the workdir if needed and prove we can write to it."""
        try:
            self.workdir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.workdir):
                pass
        except OSError as exc:
            raise WorkspaceError(
                f"workdir {self.workdir} is not writable ({exc.strerror or exc}); "
                "choose another with --workdir or JASPER_HOME"
            ) from exc

    def case(self, session: Session, name: str, operator: str, *, create: bool) -> Case | None:
        """The case called ``name``; created (and logged) when ``create`` is set."""
        case = session.scalar(select(Case).where(Case.name == name))
        if case is None and create:
            case = Case(name=name, created_by=operator)
            session.add(case)
            session.flush()
            record_event(session, "case-created", operator, case_id=case.id, detail={"name": name})
        return case

    def close(self) -> None:
        """Release database connections."""
        self.db.close()
