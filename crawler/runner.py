"""Run one crawl in this process: open its run, check its settings, drive Scrapy.

The run's record is opened here (so that even a crawl that cannot start is on record) and
checked settings are handed to Scrapy; from then on the run's lifecycle belongs to the
:class:`crawler.extensions.crawlrun.CrawlRunLifecycle` extension, on the engine's signals.
Whatever happens, a finished process leaves no run ``running``: a crawl that failed to start
or died is finished here as failed, with its reason.
"""

from __future__ import annotations

import gc
import json
import logging
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from twisted.python.failure import Failure

from crawler.browser import browser_version
from crawler.fonts import FontCheck, check_fonts_for_run
from crawler.profiles.model import SiteProfile
from crawler.scrapy_settings import crawl_settings
from crawler.spiders.search import SearchSpider
from evidence.db import Database
from evidence.models import CrawlRun
from evidence.provenance import software_versions
from evidence.runs import FAILED, RunRefused, finish_run, open_run, resumable
from evidence.workspace import Workspace
from pipelines.runtime import CONFIG_KEY
from settings.config import ConfigError


class CrawlInputError(ValueError):
    """Input that cannot be crawled; the message says why."""


class CrawlFailed(RuntimeError):
    """The crawl could not run to its end; the run is recorded as failed with the reason."""


@dataclass
class CrawlJob:
    """Everything one crawl needs; JSON-serialisable, so a child process can run it."""

    case: str
    operator: str
    kind: str = "crawl"  # crawl | capture | watch
    keywords: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    # Re-visits with a known page: URL -> SHA-256 of the page body last captured. Fetched over
    # plain HTTP; an identical body is a light "still present" check, anything else a capture.
    checks: dict[str, str] = field(default_factory=dict)
    max_pages: int = 0
    options: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    progress: bool = False
    profiles: list[SiteProfile] = field(default_factory=list)
    storage_state: str | None = None  # Playwright storage state: browse signed in
    watch_run_id: int | None = None  # the nightly watchlist run this crawl is made for
    recapture: bool = False  # after an interrupted run: capture complete listings again too
    # Distributed work (crawler.distributed): a search job lists its candidate listings
    # instead of capturing them; a capture job captures the candidates it is given.
    search_only: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> str:
        """The job as JSON (profiles as their validated fields)."""
        data = asdict(self) | {"profiles": [p.model_dump(mode="json") for p in self.profiles]}
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> CrawlJob:
        """A job written by :meth:`to_json`."""
        data = json.loads(text)
        data["profiles"] = [SiteProfile.model_validate(p) for p in data.get("profiles", [])]
        return cls(**data)


@dataclass
class CrawlOutcome:
    """What a finished crawl reports."""

    run_id: int
    status: str
    stats: dict[str, Any]
    failed_searches: list[tuple[str, str]]
    log_file: Path
    login_walls: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    fonts: FontCheck | None = None  # what the browser could draw when the crawl started
    bot_walls: list[tuple[str, str]] = field(default_factory=list)
    resumed_from: int | None = None  # the interrupted run this one completes
    already_complete: int = 0  # listings that run left complete, not captured again
    candidates: list[dict[str, Any]] = field(default_factory=list)  # a search-only crawl's


def check_url(url: str, what: str) -> None:
    """Reject anything but an absolute http(s) URL with a usable host and port."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "http://[::1/", port 99999
        raise CrawlInputError(f"{what} {url!r} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CrawlInputError(f"{what} must be an http:// or https:// URL, got {url!r}")
    if port == 0:
        raise CrawlInputError(f"{what} {url!r} has port 0")


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Fail fast, with a clear message, when a site cannot be reached at all."""
    check_url(url, "URL")
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise CrawlInputError(
            f"cannot reach {parts.hostname}:{port} ({reason}); check the URL and the network"
        ) from exc


def _first_line(error: BaseException | str) -> str:
    text = str(error).strip()
    return (text.splitlines() or [type(error).__name__])[0][:500]


def _status(db: Database, run_id: int) -> tuple[str, str | None, dict[str, Any]]:
    with db.session() as session:
        run = session.get_one(CrawlRun, run_id)
        return run.status, run.error, dict(run.stats or {})


def _spare_the_collector() -> None:
    """What start-up built (modules, settings, compiled rules: some 190,000 objects) lives as
    long as the process, so the cyclic garbage collector stops scanning it (``gc.freeze``), and
    the youngest generation is collected after 10,000 allocations, not 700: a crawl allocates
    millions of short-lived containers (protocol messages, parsed pages). Measured on the
    bench's 120 listings: 3.0 s of collection down to 1.9 s. Start-up's little garbage is frozen
    with the rest rather than collected first (a full collection costs 0.15 s of every start)."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _quiet_browser_traffic_log(level: str | int) -> None:
    """scrapy-playwright logs every request and response of every page at DEBUG, and reads a
    header of each through the driver to do it; it attaches those listeners whenever its logger
    would pass DEBUG, which it does under Scrapy's root handler even at ``LOG_LEVEL = INFO``.
    Its logger is held at the crawl's level instead (some 1,000 driver round trips a 120-listing
    crawl); ``LOG_LEVEL=DEBUG`` still gets every line."""
    wanted = logging.getLevelName(level) if isinstance(level, str) else level
    logging.getLogger("scrapy-playwright").setLevel(wanted if isinstance(wanted, int) else 0)


def run_crawl(workspace: Workspace, job: CrawlJob) -> CrawlOutcome:
    """Run ``job`` to completion in this process (Scrapy's reactor starts once per process).

    Raises :class:`CrawlInputError` for settings or input that cannot work and
    :class:`CrawlFailed` when the crawl could not run; either way its run is finished first.
    """
    db = workspace.db
    try:
        opened = open_run(
            db,
            case=job.case,
            operator=job.operator,
            kind=job.kind,
            options=job.options,
            reason=job.reason,
            watch_run_id=job.watch_run_id,
            software=software_versions(browser=browser_version(workspace.config.chromium or None)),
        )
    except RunRefused as exc:
        raise CrawlInputError(str(exc)) from None
    run_id = opened.run_id
    resumed_from: int | None = None
    done: list[str] = []
    if job.kind == "crawl" and not job.recapture:  # a re-run after a crash: finish the case
        resumed_from, done = resumable(db, opened.case_id, run_id, job.kind)
    fonts = check_fonts_for_run(db, run_id, workspace.config.chromium or None)
    log_dir = workspace.workdir / "logs"
    log_dir.mkdir(exist_ok=True)
    log_file = log_dir / f"run-{run_id}.log"
    run_values = {
        "JASPER_WORKDIR": str(workspace.workdir),
        "JASPER_DB_URL": workspace.db_url,
        "JASPER_CASE": job.case,
        "JASPER_OPERATOR": job.operator,
        "JASPER_RUN_ID": run_id,
        "JASPER_MAX_PAGES": job.max_pages,
        "JASPER_PROGRESS": job.progress,
        "JASPER_AUTHORISATION_ID": opened.authorisation["id"] if opened.authorisation else 0,
        "LOG_FILE": str(log_file),
        "LOG_FILE_APPEND": False,
    }
    try:
        settings, config = crawl_settings(job.settings, run_values)
    except ConfigError as exc:
        finish_run(db, run_id, FAILED, error=f"settings: {exc}")
        raise CrawlInputError(str(exc)) from None
    settings.set(CONFIG_KEY, config, priority="cmdline")
    failures: list[Failure] = []
    try:
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(SearchSpider)
        deferred = process.crawl(
            crawler,
            keywords=job.keywords,
            templates=job.templates,
            urls=job.urls,
            checks=job.checks,
            profiles=job.profiles,
            storage_state=job.storage_state,
            done=done,
            candidates=job.candidates,
            search_only=job.search_only,
            claims_since=job.options.get("claims_since"),  # a distributed capture job's
            candidates_file=job.options.get("candidates_file"),  # a distributed search job's
        )
        deferred.addErrback(failures.append)  # a crawl that could not start, with its reason
        _quiet_browser_traffic_log(settings.get("LOG_LEVEL"))
        _spare_the_collector()
        process.start()
    except BaseException as exc:
        why = "interrupted" if isinstance(exc, KeyboardInterrupt) else _first_line(exc)
        finish_run(db, run_id, FAILED, error=f"crawl stopped: {why}")
        raise
    if failures:
        reason = _first_line(failures[0].value or failures[0].getErrorMessage())
        finish_run(db, run_id, FAILED, error=f"crawl could not start: {reason}")
    status, error, stats = _status(db, run_id)
    if status == "running":  # the engine never reported its end
        error = "the crawl ended without recording its outcome"
        finish_run(db, run_id, FAILED, error=error)
        status = FAILED
    spider = crawler.spider
    outcome = CrawlOutcome(
        run_id,
        status,
        stats,
        list(getattr(spider, "failed_searches", [])),
        log_file,
        list(getattr(spider, "login_walls", [])),
        error,
        fonts,
        list(getattr(spider, "bot_walls", [])),
        resumed_from,
        len(done),
        list(getattr(spider, "candidates", [])),
    )
    if failures:
        raise CrawlFailed(f"run {run_id} failed: {error} (see {log_file})")
    return outcome
