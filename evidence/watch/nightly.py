"""``jasper nightly``: run every due watchlist under a workdir lock, then record the night.

Each watchlist's crawl runs in a child process (Scrapy's reactor starts once per process); its
lifecycle events are computed here afterwards and inserted in one transaction together with
the watchlist run's completion, so a crash leaves either the whole night of a watchlist
recorded or none of it (the captures themselves are evidence and stay either way).
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from croniter import croniter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.models import Case, CrawlRun, Listing, ListingEvent, Takedown, Watchlist, WatchRun
from evidence.models.base import utcnow
from evidence.watch.digest import build_digest, write_digest
from evidence.watch.lifecycle import NightSummary, known_removed, record_events
from evidence.workspace import Workspace

LOCK_NAME = "nightly.lock"


class LockHeld(RuntimeError):
    """Another ``jasper nightly`` holds the workdir's lock."""


class NightlyLock:
    """An exclusive ``flock`` on ``WORKDIR/nightly.lock``.

    The kernel drops the lock when the holder dies, so a crashed run never leaves it stuck; the
    file's content (pid, host, start time) is only there to say who holds it. Child crawls
    inherit the descriptor, so the lock stays held while any part of the night still runs.
    """

    def __init__(self, workdir: Path) -> None:
        self.path = workdir / LOCK_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise :class:`LockHeld`."""
        handle = open(self.path, "a+", encoding="utf-8")  # held until release()
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown holder"
            handle.close()
            raise LockHeld(
                f"another jasper nightly is running on {self.path.parent} ({holder}); "
                "not starting a second one"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(
            f"pid {os.getpid()} on {socket.gethostname()}, since {utcnow():%Y-%m-%dT%H:%M:%SZ}"
        )
        handle.flush()
        self._file = handle

    @property
    def fileno(self) -> int:
        """The locked descriptor (passed to child crawls)."""
        assert self._file is not None
        return self._file.fileno()

    def release(self) -> None:
        """Drop the lock (the file stays; its content is stale once unlocked)."""
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> NightlyLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def is_due(schedule: str | None, last_started: datetime | None, now: datetime) -> bool:
    """Due when never run, unscheduled, or a scheduled time has passed since the last run."""
    if not schedule or last_started is None:
        return True
    previous: datetime = croniter(schedule, now).get_prev(datetime)
    return previous > last_started


def check_schedule(schedule: str) -> None:
    """Raise ``ValueError`` unless ``schedule`` is a valid cron expression."""
    if not croniter.is_valid(schedule):
        raise ValueError(f"{schedule!r} is not a cron expression (e.g. '0 3 * * *')")


@dataclass
class WatchResult:
    """How one watchlist's night went."""

    case: str
    watchlist: str
    status: str  # completed | failed | skipped
    error: str | None = None
    summary: NightSummary = field(default_factory=NightSummary)
    watch_run_id: int | None = None


@dataclass
class Night:
    """One ``jasper nightly`` invocation."""

    uuid: str
    started_at: datetime
    results: list[WatchResult] = field(default_factory=list)
    digests: list[dict[str, Any]] = field(default_factory=list)
    digest_files: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> list[WatchResult]:
        """The watchlists that failed."""
        return [r for r in self.results if r.status == "failed"]


@dataclass
class NightOptions:
    """What the caller asked for."""

    operator: str
    settings: dict[str, Any] = field(default_factory=dict)
    case: str | None = None
    force: bool = False  # run every active watchlist, due or not


Progress = Callable[[str], None]


def interrupt_stale_runs(session: Session, operator: str) -> int:
    """Mark runs left ``running`` by a crashed night as interrupted (we hold the lock)."""
    stale = session.scalars(select(WatchRun).where(WatchRun.status == "running")).all()
    for run in stale:
        run.status = "interrupted"
        run.finished_at = utcnow()
        run.error = "the nightly run stopped before recording this watchlist (crash or kill)"
        record_event(
            session,
            "watch-run-interrupted",
            operator,
            case_id=run.case_id,
            detail={"watch_run": run.uuid, "night": run.night},
        )
    return len(stale)


def due_watchlists(session: Session, options: NightOptions, now: datetime) -> list[Watchlist]:
    """Active watchlists that are due, oldest first."""
    query = select(Watchlist).where(Watchlist.removed_at.is_(None), Watchlist.paused.is_(False))
    if options.case:
        query = query.join(Case, Case.id == Watchlist.case_id).where(Case.name == options.case)
    due = []
    for watchlist in session.scalars(query.order_by(Watchlist.id)):
        last = session.scalar(
            select(func.max(WatchRun.started_at)).where(WatchRun.watchlist_id == watchlist.id)
        )
        if options.force or is_due(watchlist.schedule, last, now):
            due.append(watchlist)
    return due


def _watch_run_tag(options: dict[str, Any]) -> str | None:
    tag = options.get("watch_run")
    if isinstance(tag, str):
        return tag
    for item in options.get("settings") or []:
        if isinstance(item, str) and item.startswith("JASPER_WATCH_RUN="):
            return item.partition("=")[2]
    return None


def watchlist_crawl_runs(session: Session, watchlist: Watchlist) -> list[int]:
    """Crawl runs made for this watchlist, including those of interrupted nights."""
    tags = set(session.scalars(select(WatchRun.uuid).where(WatchRun.watchlist_id == watchlist.id)))
    runs = session.execute(
        select(CrawlRun.id, CrawlRun.options).where(CrawlRun.case_id == watchlist.case_id)
    ).all()
    return [run_id for run_id, opts in runs if _watch_run_tag(opts or {}) in tags]


def last_page_hashes(session: Session, listing_ids: list[int]) -> dict[int, str]:
    """Per listing: the SHA-256 of the page body its latest successful capture recorded."""
    from evidence.models import Artefact, Capture, CaptureStatus

    rows = session.execute(
        select(Capture.listing_id, Artefact.digest_hex)
        .join(Artefact, (Artefact.capture_id == Capture.id) & (Artefact.kind == "page"))
        .where(
            Capture.listing_id.in_(listing_ids),
            Capture.http_status == 200,
            Capture.status != CaptureStatus.FAILED,
        )
        .order_by(Capture.captured_at, Capture.id)
    )
    return {listing_id: digest for listing_id, digest in rows if listing_id is not None}


def revisit_listings(session: Session, watchlist: Watchlist, skip: set[str]) -> dict[str, int]:
    """Listings to re-visit: seen by the watchlist (or reported for takedown), not known removed."""
    from evidence.models import Capture

    ids: set[int] = set(
        session.scalars(
            select(ListingEvent.listing_id).where(ListingEvent.watchlist_id == watchlist.id)
        )
    )
    run_ids = watchlist_crawl_runs(session, watchlist)
    if run_ids:
        ids |= {
            lid
            for lid in session.scalars(
                select(Capture.listing_id).where(Capture.run_id.in_(run_ids))
            )
            if lid is not None
        }
    ids |= set(
        session.scalars(select(Takedown.listing_id).where(Takedown.case_id == watchlist.case_id))
    )
    revisits: dict[str, int] = {}
    for listing in session.scalars(select(Listing).where(Listing.id.in_(ids)).order_by(Listing.id)):
        if listing.url not in skip and not known_removed(session, listing.id):
            revisits[listing.url] = listing.id
    return revisits


def crawl_supports_site() -> bool:
    """True when this installation's ``jasper crawl`` accepts ``--site PROFILE``."""
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    return "--site" in result.stdout


def check_authorisation(session: Session, case_id: int, now: datetime) -> None:
    """Raise if the case's authorisation is not current (when authorisations are available)."""
    try:
        module = importlib.import_module("evidence.authorisation")
    except ImportError:
        return
    require_current = getattr(module, "require_current", None)
    if require_current is not None:
        require_current(session, case_id, now)


class NightlyRunner:
    """Runs the due watchlists of one workspace, one child crawl at a time."""

    def __init__(
        self,
        workspace: Workspace,
        options: NightOptions,
        lock: NightlyLock,
        progress: Progress = lambda _: None,
    ) -> None:
        self.workspace = workspace
        self.options = options
        self.lock = lock
        self.progress = progress
        self.night = Night(uuid=str(uuid.uuid4()), started_at=utcnow())
        self._site_support: bool | None = None
        self._visited: dict[int, set[str]] = {}  # case id -> URLs re-visited this night

    def run(self) -> Night:
        """Run every due watchlist; a failure of one does not stop the others."""
        db = self.workspace.db
        with db.transaction() as session:
            interrupted = interrupt_stale_runs(session, self.options.operator)
            if interrupted:
                self.progress(f"marked {interrupted} run(s) of an interrupted night as interrupted")
            watchlists = due_watchlists(session, self.options, self.night.started_at)
            names = {w.id: session.get_one(Case, w.case_id).name for w in watchlists}
        for watchlist in watchlists:
            case = names[watchlist.id]
            self.progress(f"{case} / {watchlist.name}: running")
            result = self.run_watchlist(watchlist, case)
            self.night.results.append(result)
            self.progress(f"{case} / {watchlist.name}: {result.status}")
        self.write_digests()
        return self.night

    def write_digests(self) -> None:
        """One digest per case this night touched, as JSON and HTML in the workdir."""
        cases: dict[str, list[WatchResult]] = {}
        for result in self.night.results:
            cases.setdefault(result.case, []).append(result)
        with self.workspace.db.session() as session:
            for name, results in cases.items():
                case = session.scalars(select(Case).where(Case.name == name)).one()
                failures = [
                    {"watchlist": r.watchlist, "error": r.error} for r in results if r.error
                ]
                ids = [r.watch_run_id for r in results if r.watch_run_id is not None]
                digest = build_digest(session, case, self.night.uuid, ids, failures)
                self.night.digests.append(digest)
                self.night.digest_files.extend(write_digest(digest, self.workspace.workdir))

    def run_watchlist(self, watchlist: Watchlist, case: str) -> WatchResult:
        """Start the watchlist's run, crawl in a child process, record the lifecycle events."""
        db = self.workspace.db
        now = utcnow()
        with db.transaction() as session:
            run = WatchRun(
                uuid=str(uuid.uuid4()),
                night=self.night.uuid,
                watchlist_id=watchlist.id,
                case_id=watchlist.case_id,
                started_at=now,
                status="running",
                summary={},
            )
            session.add(run)
            session.flush()
            record_event(
                session,
                "watch-run-started",
                self.options.operator,
                case_id=watchlist.case_id,
                detail={"watchlist": watchlist.name, "watch_run": run.uuid, "night": run.night},
            )
            run_id, run_uuid = run.id, run.uuid
            error = self._preflight(session, watchlist, now)
            visited = self._visited.setdefault(watchlist.case_id, set())
            revisits = revisit_listings(session, watchlist, visited) if error is None else {}
            hashes = last_page_hashes(session, list(revisits.values()))
            checks = {url: hashes[lid] for url, lid in revisits.items() if lid in hashes}
        result = WatchResult(case, watchlist.name, "failed", error, watch_run_id=run_id)
        crawl_runs: list[int] = []
        complete = False
        if error is None:
            visited.update(revisits)
            crawl_runs, complete, error = self._crawl(
                watchlist, case, run_uuid, sorted(revisits), checks
            )
        with db.transaction() as session:
            run = session.get_one(WatchRun, run_id)
            run.crawl_run_ids = crawl_runs
            if complete:  # an unfinished crawl records no events: its listings come back next night
                result.summary = record_events(session, run, crawl_runs, revisits)
            if result.summary.unchecked and error is None:
                error = f"{len(result.summary.unchecked)} listing(s) could not be re-visited"
            run.status = "failed" if error else "completed"
            run.error = error
            run.finished_at = utcnow()
            run.summary = {"events": result.summary.counts, "unchecked": result.summary.unchecked}
            record_event(
                session,
                "watch-run-finished",
                self.options.operator,
                case_id=watchlist.case_id,
                detail={"watch_run": run_uuid, "status": run.status, "error": error} | run.summary,
            )
        result.status, result.error = run.status, error
        return result

    def _preflight(self, session: Session, watchlist: Watchlist, now: datetime) -> str | None:
        try:
            check_authorisation(session, watchlist.case_id, now)
        except Exception as exc:
            return f"authorisation: {exc}"
        from crawler.runner import CrawlInputError, check_reachable

        try:
            for template in dict.fromkeys(watchlist.templates):
                check_reachable(template.replace("{keyword}", "x"))
        except CrawlInputError as exc:
            return str(exc)
        if watchlist.sites:
            if self._site_support is None:
                self._site_support = crawl_supports_site()
            if not self._site_support:
                return (
                    f"site profile(s) {', '.join(watchlist.sites)} cannot be searched: this "
                    "installation's `jasper crawl` has no --site option"
                )
        return None

    def _crawl(
        self,
        watchlist: Watchlist,
        case: str,
        run_uuid: str,
        revisits: list[str],
        checks: dict[str, str],
    ) -> tuple[list[int], bool, str | None]:
        """Run the child crawls: their crawl run ids, whether all finished, the first error."""
        logs = self.workspace.workdir / "logs"
        logs.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="jasper-nightly-") as tmp:
            keywords = Path(tmp) / "keywords.txt"
            keywords.write_text("\n".join(watchlist.keywords) + "\n", encoding="utf-8")
            commands: list[list[str]] = []
            if watchlist.templates or revisits:
                job = Path(tmp) / "job.json"
                spec = self._job(watchlist, case, run_uuid, revisits, checks)
                job.write_text(json.dumps(spec))
                commands.append([sys.executable, "-m", "crawler.watchcrawl", str(job)])
            sets = [f"--set={k}={json.dumps(v)}" for k, v in self.options.settings.items()]
            for site in watchlist.sites:
                commands.append(
                    [sys.executable, "-m", "crawler.cli", "crawl", "--case", case,
                     "--keywords", str(keywords), "--site", site,
                     "--workdir", str(self.workspace.workdir),
                     f"--set=JASPER_WATCH_RUN={run_uuid}", *sets]
                )  # fmt: skip
            errors: list[str] = []
            log_file = logs / f"nightly-{run_uuid}.log"
            with open(log_file, "a", encoding="utf-8") as log:
                for command in commands:
                    code = subprocess.run(
                        command,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        pass_fds=(self.lock.fileno,),
                        env=os.environ  # the database URL by environment, not on a command line
                        | {
                            "JASPER_OPERATOR": self.options.operator,
                            "JASPER_DB_URL": self.workspace.db_url,
                        },
                        check=False,
                    ).returncode
                    if code != 0:
                        errors.append(self._crawl_error(command, code, log_file))
        with self.workspace.db.session() as session:
            tagged = select(CrawlRun.id, CrawlRun.options, CrawlRun.status).where(
                CrawlRun.case_id == watchlist.case_id
            )
            runs = {
                rid: status
                for rid, opts, status in session.execute(tagged)
                if _watch_run_tag(opts or {}) == run_uuid
            }
        # Finished means every child's crawl ran to its end (failed steps are recorded in it).
        complete = len(runs) == len(commands) and all(s == "completed" for s in runs.values())
        return sorted(runs), complete, (errors[0] if errors else None)

    def _crawl_error(self, command: list[str], code: int, log_file: Path) -> str:
        """What went wrong in a child that exited non-zero."""
        outcome = Path(command[-1] + ".out")
        if command[2] == "crawler.watchcrawl" and outcome.exists():
            result = json.loads(outcome.read_text(encoding="utf-8"))
            failed = result.get("failed_searches") or []
            if failed and result.get("status") == "completed":
                return f"search page(s) failed: {', '.join(url for url, _ in failed)}"
            return f"crawl run {result['run_id']} {result['status']} (see {log_file})"
        lines = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        said = next((line for line in reversed(lines) if line.startswith("jasper: error:")), None)
        reason = said.removeprefix("jasper: error:").strip() if said else f"exit status {code}"
        return f"{' '.join(command[2:4])} failed: {reason} (see {log_file})"

    def _job(
        self,
        watchlist: Watchlist,
        case: str,
        run_uuid: str,
        revisits: list[str],
        checks: dict[str, str],
    ) -> dict[str, Any]:
        """The child crawl: searches, full re-visits, and light checks of known pages."""
        return {
            "workdir": str(self.workspace.workdir),
            "db_url": self.workspace.db_url,
            "case": case,
            "operator": self.options.operator,
            "kind": "watch",
            "keywords": watchlist.keywords if watchlist.templates else [],
            "templates": watchlist.templates,
            "urls": [url for url in revisits if url not in checks],
            "checks": checks,
            "settings": self.options.settings,
            "options": {
                "command": "nightly",
                "watch_run": run_uuid,
                "night": self.night.uuid,
                "watchlist": watchlist.name,
                "keywords_sha256": watchlist.keywords_sha256,
                "search_urls": watchlist.templates,
                "revisits": revisits,
                "settings": [f"{k}={v}" for k, v in self.options.settings.items()],
            },
            "reason": f"watchlist {watchlist.name!r}: scheduled search and re-visit",
        }


@contextlib.contextmanager
def nightly_lock(workdir: Path) -> Iterator[NightlyLock]:
    """Hold the workdir's nightly lock for the duration of the block."""
    lock = NightlyLock(workdir)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
