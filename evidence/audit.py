"""Audit a workdir: the ledger chain, the rows it vouches for, and every file on disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from evidence.ledger import ChainReport, Problem, verify_chain
from evidence.models import APPEND_ONLY_TABLES, Timestamp
from evidence.store import sha256_file
from evidence.timestamps import TimestampConfig, TimestampError, imprint_matches, verify_stamp


@dataclass
class AuditReport:
    """The chain report plus file checks; ``problems`` is empty when all is well."""

    chain: ChainReport
    files_checked: int = 0
    tokens_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was found broken."""
        return not self.problems


def check_files(workdir: Path, files: dict[str, tuple[str, int]]) -> list[Problem]:
    """Rehash every file the ledger vouches for; name each missing or altered one."""
    problems: list[Problem] = []
    for rel, (digest, seq) in sorted(files.items(), key=lambda item: item[1][1]):
        path = workdir / rel
        try:
            actual = sha256_file(path)
        except FileNotFoundError:
            problems.append(Problem(seq, f"file {rel} is missing"))
            continue
        except OSError as exc:
            problems.append(Problem(seq, f"file {rel} cannot be read ({exc.strerror or exc})"))
            continue
        if actual != digest:
            problems.append(Problem(seq, f"file {rel} was altered (sha256 {actual} != {digest})"))
    return problems


def check_tokens(
    session: Session, workdir: Path, tsa: TimestampConfig
) -> tuple[int, list[Problem]]:
    """Each granted time-stamp still stamps its manifest; against the trust anchors if set."""
    roots = tsa.roots()
    problems: list[Problem] = []
    stamps = session.scalars(select(Timestamp).where(Timestamp.status == "granted")).all()
    for stamp in stamps:
        try:
            token = (workdir / (stamp.token_path or "")).read_bytes()
            data = (workdir / stamp.manifest_path).read_bytes()
            if roots:
                verify_stamp(token, data, roots)
            elif not imprint_matches(token, data):
                raise TimestampError("the token does not stamp the manifest")
        except (OSError, TimestampError, ValueError) as exc:
            problems.append(Problem(None, f"time-stamp {stamp.id} ({stamp.token_path}): {exc}"))
    return len(stamps), problems


def missing_triggers(conn: Connection) -> list[str]:
    """Evidence tables that have lost their append-only triggers."""
    if conn.dialect.name == "postgresql":
        found = set(
            conn.scalars(
                text(
                    "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    "WHERE t.tgname = c.relname || '_append_only' "
                    "AND c.relnamespace = ANY (current_schemas(false)::regnamespace[])"
                )
            )
        )
    else:
        names = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        found = {t for t in APPEND_ONLY_TABLES if {f"{t}_no_update", f"{t}_no_delete"} <= names}
    return [t for t in APPEND_ONLY_TABLES if t not in found]


def audit(session: Session, workdir: Path, tsa: TimestampConfig | None = None) -> AuditReport:
    """Verify the whole chain, every ledgered file under ``workdir``, and time-stamp tokens."""
    chain = verify_chain(session)
    report = AuditReport(chain, files_checked=len(chain.files), problems=list(chain.problems))
    report.problems.extend(check_files(workdir, chain.files))
    report.tokens_checked, token_problems = check_tokens(session, workdir, tsa or TimestampConfig())
    report.problems.extend(token_problems)
    # Problems sort by the entry they break, so the first reported is the first broken entry.
    report.problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    report.warnings = [
        f"table {t} has no append-only trigger" for t in missing_triggers(session.connection())
    ]
    return report
