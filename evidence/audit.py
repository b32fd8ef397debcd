"""Audit a workdir: the ledger chain, the rows it vouches for, and every file on disk and in
the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from evidence.artefacts import ArtefactError, Artefacts, stored_in_store
from evidence.capture.stamping import stamp_tally
from evidence.ledger import ChainReport, Problem, verify_chain
from evidence.models import APPEND_ONLY_TABLES, CrawlRun, Timestamp
from evidence.runs import FAILED, INTERRUPTED
from evidence.store import sha256_file
from evidence.timestamps import TimestampConfig, TimestampError, stored_chain, verify_stamp


@dataclass
class AuditReport:
    """The chain report plus file checks; ``problems`` is empty when all is well."""

    chain: ChainReport
    files_checked: int = 0
    tokens_checked: int = 0
    tokens_trusted: int = 0  # traced to JASPER_TSA_CA_FILE at their genTime
    unstamped: int = 0  # captures whose time-stamp was refused or unreachable
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was found broken."""
        return not self.problems


def check_files(
    workdir: Path, files: dict[str, tuple[str, int]], artefacts: Artefacts | None = None
) -> list[Problem]:
    """Rehash every file the ledger vouches for; name each missing or altered one.

    With a store configured (``artefacts.store``), each file kept there is rehashed from the
    store too, and a file that is only there (a machine without the shared folder) is found.
    """
    artefacts = artefacts or Artefacts(workdir)
    store = artefacts.store
    problems: list[Problem] = []
    for rel, (digest, seq) in sorted(files.items(), key=lambda item: item[1][1]):
        in_store = store is not None and stored_in_store(rel)
        if in_store:
            try:
                artefacts.check_stored(rel, digest)
            except ArtefactError as exc:
                problems.append(Problem(seq, str(exc)))
        path = workdir / rel
        try:
            actual = sha256_file(path)
        except FileNotFoundError:
            if not in_store:
                problems.append(Problem(seq, f"file {rel} is missing"))
            continue
        except OSError as exc:
            problems.append(Problem(seq, f"file {rel} cannot be read ({exc.strerror or exc})"))
            continue
        if actual != digest:
            problems.append(Problem(seq, f"file {rel} was altered (sha256 {actual} != {digest})"))
    return problems


@dataclass(frozen=True)
class StoppedRun:
    """A run that ended failed or interrupted: what it wrote may never have been recorded."""

    id: int
    status: str
    started_at: datetime
    finished_at: datetime

    def ran_at(self, moment: datetime) -> bool:
        """Whether this run was running at ``moment`` (a second's slack either side)."""
        slack = timedelta(seconds=1)
        return self.started_at - slack <= moment <= self.finished_at + slack


def stopped_runs(session: Session) -> list[StoppedRun]:
    """The runs that ended failed or interrupted, with when they ran."""
    rows = session.execute(
        select(CrawlRun.id, CrawlRun.status, CrawlRun.started_at, CrawlRun.finished_at).where(
            CrawlRun.status.in_((FAILED, INTERRUPTED))
        )
    )
    return [StoppedRun(i, status, started, finished) for i, status, started, finished in rows
            if finished is not None]  # fmt: skip


def check_leftovers(
    workdir: Path, files: dict[str, tuple[str, int]], stopped: list[StoppedRun] | None = None
) -> tuple[list[Problem], list[str]]:
    """Files no record accounts for: ``.part`` files a crashed write left behind, and files
    under ``artefacts/`` that no ledgered row vouches for (written, never recorded).

    An unrecorded file written while a run that then failed or was interrupted was running
    (``stopped``: a database outage, a killed worker) is a warning naming that run: no
    record refers to it, so it is not evidence. Any other is a problem.
    """
    problems: list[Problem] = []
    warnings: list[str] = []
    for path in sorted(workdir.rglob("*.part")):
        rel = path.relative_to(workdir).as_posix()
        problems.append(
            Problem(
                None,
                f"leftover partial file {rel}: a write interrupted (crash or kill); "
                "it is not evidence",
            )
        )
    artefacts = workdir / "artefacts"
    if artefacts.is_dir():
        for path in sorted(artefacts.rglob("*")):
            rel = path.relative_to(workdir).as_posix()
            if not path.is_file() or rel in files or rel.endswith(".part"):
                continue
            written = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            run = next((r for r in stopped or () if r.ran_at(written)), None)
            if run is not None:
                warnings.append(
                    f"unrecorded file {rel}: written while run {run.id} ran, which ended "
                    f"{run.status} before recording it; no record refers to it (not evidence)"
                )
            else:
                problems.append(
                    Problem(
                        None,
                        f"unrecorded file {rel}: in artefacts/ but no record vouches "
                        "for it, and no run that stopped was running when it was written",
                    )
                )
    return problems, warnings


def check_tokens(
    session: Session,
    artefacts: Artefacts,
    tsa: TimestampConfig,
    files: dict[str, tuple[str, int]] | None = None,
) -> tuple[int, int, list[Problem]]:
    """Each granted time-stamp verified over its manifest (signature, imprint, ESS binding,
    EKU), and traced to the trust anchors at genTime when they are configured. Tokens,
    manifests and TSA chains missing from the workdir are read (checked) from the store.

    Returns how many were checked, how many traced to an anchor, and the problems.
    """
    roots, configured = tsa.roots(), tsa.chain()
    ledgered = {rel: digest for rel, (digest, _) in (files or {}).items()}
    problems: list[Problem] = []
    trusted = 0
    stamps = session.scalars(select(Timestamp).where(Timestamp.status == "granted")).all()
    for stamp in stamps:
        try:
            token_path = artefacts.path(stamp.token_path or "", stamp.token_sha256 or "")
            if stamp.chain_path and stamp.chain_path in ledgered:
                artefacts.path(stamp.chain_path, ledgered[stamp.chain_path])  # beside the token
            token = token_path.read_bytes()
            data = artefacts.path(stamp.manifest_path, stamp.manifest_sha256).read_bytes()
            verified = verify_stamp(token, data, roots, [*stored_chain(token_path), *configured])
            trusted += verified.trusted
        except (OSError, ArtefactError, TimestampError, ValueError) as exc:
            problems.append(Problem(None, f"time-stamp {stamp.id} ({stamp.token_path}): {exc}"))
    return len(stamps), trusted, problems


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


def audit(
    session: Session,
    workdir: Path,
    tsa: TimestampConfig | None = None,
    artefacts: Artefacts | None = None,
) -> AuditReport:
    """Verify the whole chain, every ledgered file under ``workdir`` (and in the store, when
    ``artefacts`` has one), and time-stamp tokens."""
    artefacts = artefacts or Artefacts(workdir)
    chain = verify_chain(session)
    report = AuditReport(chain, files_checked=len(chain.files), problems=list(chain.problems))
    report.problems.extend(check_files(workdir, chain.files, artefacts))
    leftovers, leftover_warnings = check_leftovers(workdir, chain.files, stopped_runs(session))
    report.problems.extend(leftovers)
    checked = check_tokens(session, artefacts, tsa or TimestampConfig(), chain.files)
    report.tokens_checked, report.tokens_trusted, token_problems = checked
    report.problems.extend(token_problems)
    report.unstamped = stamp_tally(session).failed
    # Problems sort by the entry they break, so the first reported is the first broken entry.
    report.problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    report.warnings = [
        f"table {t} has no append-only trigger" for t in missing_triggers(session.connection())
    ] + leftover_warnings
    return report
