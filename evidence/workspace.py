"""A workdir: where the database, artefacts and logs of an installation live."""

from __future__ import annotations

import tempfile
from functools import cached_property
from pathlib import Path

from sqlalchemy.orm import Session

from evidence.artefacts import Artefacts
from evidence.cases import find_case
from evidence.db import Database
from evidence.models import Case
from settings.config import JasperConfig, load_config


class WorkspaceError(RuntimeError):
    """The workdir or database cannot be used; the message says what to do."""


class Workspace:
    """An opened workdir and its database, with the configuration they came from."""

    def __init__(
        self,
        workdir: Path | None = None,
        db_url: str | None = None,
        *,
        config: JasperConfig | None = None,
    ) -> None:
        given = {"JASPER_WORKDIR": workdir, "JASPER_DB_URL": db_url}
        self.config = config or load_config(given)
        self.workdir = self.config.workdir
        self.ensure_writable()
        self.db_url = self.config.db_url
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

    @cached_property
    def artefacts(self) -> Artefacts:
        """Its evidence files, read from the workdir or (checked) from the configured store."""
        return Artefacts.of(self.config)

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
        return find_case(session, name, operator, create=create)

    def close(self) -> None:
        """Release database connections."""
        self.db.close()
