"""Jasper's settings, read once from Scrapy settings into a typed, validated config."""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from pathlib import Path

from scrapy.settings import BaseSettings


class ConfigError(ValueError):
    """A setting that cannot work; the message says which and why."""


def current_operator() -> str:
    """Who is running Jasper: ``JASPER_OPERATOR`` or the login name."""
    try:
        return os.environ.get("JASPER_OPERATOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class JasperConfig:
    """Jasper's own settings (``JASPER_*``)."""

    workdir: Path
    db_url: str
    case: str
    operator: str
    run_id: int | None
    evidence: bool
    max_pages: int
    max_candidates: int
    settle_timeout: float
    settle_quiet: float
    screenshot_tile_height: int
    warc_gzip_level: int
    pages_per_context: int
    scroll: bool
    scroll_max: int
    scroll_timeout: float
    scroll_quiet: float
    max_depth: int
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    persona: str | None
    authorisation_id: int | None

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> JasperConfig:
        """Read and check the ``JASPER_*`` settings."""
        from evidence.db import default_db_url

        workdir = Path(settings.get("JASPER_WORKDIR") or "jasper-data").expanduser()
        run_id = settings.getint("JASPER_RUN_ID") or None
        config = cls(
            workdir=workdir,
            db_url=settings.get("JASPER_DB_URL") or default_db_url(workdir),
            case=settings.get("JASPER_CASE") or "default",
            operator=settings.get("JASPER_OPERATOR") or current_operator(),
            run_id=run_id,
            evidence=settings.getbool("JASPER_EVIDENCE", True),
            max_pages=settings.getint("JASPER_MAX_PAGES"),
            max_candidates=settings.getint("JASPER_MAX_CANDIDATES"),
            settle_timeout=settings.getfloat("JASPER_SETTLE_TIMEOUT"),
            settle_quiet=settings.getfloat("JASPER_SETTLE_QUIET"),
            screenshot_tile_height=settings.getint("JASPER_SCREENSHOT_MAX_HEIGHT"),
            warc_gzip_level=settings.getint("JASPER_WARC_GZIP_LEVEL"),
            pages_per_context=settings.getint("JASPER_PAGES_PER_CONTEXT", 40),
            scroll=settings.getbool("JASPER_SCROLL"),
            scroll_max=settings.getint("JASPER_SCROLL_MAX"),
            scroll_timeout=settings.getfloat("JASPER_SCROLL_TIMEOUT"),
            scroll_quiet=settings.getfloat("JASPER_SCROLL_QUIET"),
            max_depth=settings.getint("JASPER_MAX_DEPTH"),
            include=tuple(settings.getlist("JASPER_INCLUDE")),
            exclude=tuple(settings.getlist("JASPER_EXCLUDE")),
            persona=settings.get("JASPER_PERSONA") or None,
            authorisation_id=settings.getint("JASPER_AUTHORISATION_ID") or None,
        )
        config.check()
        return config

    def check(self) -> None:
        """Reject contradictory or impossible values."""
        if self.max_pages < 0:
            raise ConfigError("JASPER_MAX_PAGES must be 0 (unlimited) or more")
        if not 0 <= self.warc_gzip_level <= 9:
            raise ConfigError("JASPER_WARC_GZIP_LEVEL must be between 0 and 9")
        if self.settle_quiet <= 0 or self.settle_timeout <= self.settle_quiet:
            raise ConfigError("JASPER_SETTLE_TIMEOUT must exceed JASPER_SETTLE_QUIET (> 0)")
        if not 1024 <= self.screenshot_tile_height <= 16_384:
            raise ConfigError("JASPER_SCREENSHOT_MAX_HEIGHT must be between 1024 and 16384")
        if self.pages_per_context < 1:
            raise ConfigError("JASPER_PAGES_PER_CONTEXT must be at least 1")
        if self.scroll_max < 0 or self.scroll_timeout <= 0 or self.scroll_quiet <= 0:
            raise ConfigError("JASPER_SCROLL_MAX must be >= 0; JASPER_SCROLL_TIMEOUT, _QUIET > 0")
        if self.max_depth < 0:
            raise ConfigError("JASPER_MAX_DEPTH must be 0 (unlimited) or more")
        for pattern in (*self.include, *self.exclude):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"URL pattern {pattern!r} is not valid: {exc}") from None
        if self.evidence and self.run_id is None:
            raise ConfigError("JASPER_RUN_ID is required when recording evidence")
