"""Run one crawl: open the case, record the run, drive Scrapy, and close the run."""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.profiles.model import SiteProfile
from crawler.spiders.search import SearchSpider
from evidence.authorisation import AuthorisationRequired, require_current
from evidence.custody import record_event
from evidence.models import CrawlRun
from evidence.models.base import utcnow
from evidence.provenance import host_name, software_versions
from evidence.workspace import Workspace


class CrawlInputError(ValueError):
    """Input that cannot be crawled; the message says why."""


@dataclass
class CrawlJob:
    """Everything one crawl needs."""

    case: str
    operator: str
    kind: str = "crawl"  # crawl | capture
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


@dataclass
class CrawlOutcome:
    """What a finished crawl reports."""

    run_id: int
    status: str
    stats: dict[str, Any]
    failed_searches: list[tuple[str, str]]
    log_file: Path
    login_walls: list[tuple[str, str]] = field(default_factory=list)


def check_url(url: str, what: str) -> None:
    """Reject anything but an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CrawlInputError(f"{what} must be an http:// or https:// URL, got {url!r}")


def check_reachable(url: str, timeout: float = 5.0) -> None:
    """Fail fast, with a clear message, when a site cannot be reached at all."""
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


def scrapy_settings(workspace: Workspace, job: CrawlJob, run_id: int, log_file: Path) -> Settings:
    """The project settings with this job's values on top."""
    settings = Settings()
    settings.setmodule("settings.default", priority="project")
    values: dict[str, Any] = {
        "JASPER_WORKDIR": str(workspace.workdir),
        "JASPER_DB_URL": workspace.db_url,
        "JASPER_CASE": job.case,
        "JASPER_OPERATOR": job.operator,
        "JASPER_RUN_ID": run_id,
        "JASPER_MAX_PAGES": job.max_pages,
        "JASPER_PROGRESS": job.progress,
        "LOG_FILE": str(log_file),
        "LOG_FILE_APPEND": False,
    }
    settings.setdict(values | job.settings, priority="cmdline")
    return settings


def politeness(settings: Settings) -> dict[str, Any]:
    """The politeness settings a run used, for its record."""
    keys = (
        "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
        "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_TARGET_CONCURRENCY",
        "AUTOTHROTTLE_MAX_DELAY",
    )  # fmt: skip
    return {key: settings.get(key) for key in keys}


def run_crawl(workspace: Workspace, job: CrawlJob) -> CrawlOutcome:
    """Run ``job`` to completion in this process (Scrapy's reactor starts once per process)."""
    with workspace.db.transaction() as session:
        case = workspace.case(session, job.case, job.operator, create=True)
        assert case is not None
        try:  # a case that requires authorisation captures nothing without a current one
            authorisation = require_current(session, case.id, utcnow())
        except AuthorisationRequired as exc:
            raise CrawlInputError(f"case {job.case!r}: {exc}") from None
        granted = (
            {"id": authorisation.id, "reference": authorisation.reference,
             "expires_at": authorisation.expires_at.isoformat()}
            if authorisation else None
        )  # fmt: skip
        run = CrawlRun(
            uuid=str(uuid.uuid4()),
            case_id=case.id,
            kind=job.kind,
            started_at=utcnow(),
            operator=job.operator,
            host=host_name(),
            options=job.options,
            software=software_versions(),
            politeness={},
            reason=job.reason,
        )
        session.add(run)
        session.flush()
        run_id, case_id = run.id, case.id
    log_dir = workspace.workdir / "logs"
    log_dir.mkdir(exist_ok=True)
    log_file = log_dir / f"run-{run_id}.log"
    settings = scrapy_settings(workspace, job, run_id, log_file)
    settings.set("JASPER_AUTHORISATION_ID", granted["id"] if granted else 0, priority="cmdline")
    with workspace.db.transaction() as session:
        run = session.get_one(CrawlRun, run_id)
        run.politeness = politeness(settings)
        record_event(
            session,
            "crawl-started",
            job.operator,
            case_id=case_id,
            run_id=run_id,
            detail={
                "options": job.options,
                "politeness": run.politeness,
                "reason": job.reason,
                "authorisation": granted,
            },
        )
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(SearchSpider)
    process.crawl(
        crawler,
        keywords=job.keywords,
        templates=job.templates,
        urls=job.urls,
        checks=job.checks,
        profiles=job.profiles,
        storage_state=job.storage_state,
    )
    status = "completed"
    try:
        process.start()
    except BaseException:
        status = "failed"
        raise
    finally:
        stats = {
            k: _jsonable(v) for k, v in (crawler.stats.get_stats() if crawler.stats else {}).items()
        }
        spider = crawler.spider
        failed = list(getattr(spider, "failed_searches", []))
        walls = list(getattr(spider, "login_walls", []))
        if stats.get("finish_reason") not in (None, "finished"):
            status = "failed"
        with workspace.db.transaction() as session:
            run = session.get_one(CrawlRun, run_id)
            run.finished_at = utcnow()
            run.status = status
            run.stats = stats
            for url, why in walls:  # loud, and against the run: nothing was recorded from it
                record_event(
                    session,
                    "login-wall",
                    job.operator,
                    case_id=case_id,
                    run_id=run_id,
                    detail={"url": url, "reason": why},
                )
            record_event(
                session,
                "crawl-finished",
                job.operator,
                case_id=case_id,
                run_id=run_id,
                detail={"status": status, "failed_searches": failed, "login_walls": walls},
            )
    return CrawlOutcome(run_id, status, stats, failed, log_file, walls)


def _jsonable(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
