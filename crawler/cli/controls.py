"""Crawl controls shared by ``jasper crawl``: site profiles, signed-in sessions, scope and
politeness. Overriding robots.txt or capturing signed in needs a recorded ``--reason``."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from crawler.blocking import BlocklistError, describe_lists
from crawler.cli.options import JasperError
from crawler.egress import describe_proxy_url, redact_setting
from crawler.profiles import ProfileError, SiteProfile, load_profile
from crawler.profiles.loader import check_storage_state
from crawler.runner import CrawlInputError, CrawlJob, check_url
from settings.config import check_proxy

F = TypeVar("F", bound=Callable[..., Any])

OPTIONS = (
    click.option(
        "--site",
        "sites",
        multiple=True,
        metavar="FILE|NAME",
        help="Site profile: a YAML file, or the name of a shipped profile (repeatable).",
    ),
    click.option(
        "--base-url",
        default=None,
        help="Site for profiles whose search_url is a path, e.g. the demo's http://127.0.0.1:PORT.",
    ),
    click.option(
        "--storage-state",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Playwright storage-state JSON: browse signed in with that session (needs --reason).",
    ),
    click.option(
        "--persona",
        default=None,
        help="Name of the account or persona signed in, recorded with every capture "
        "(default: the storage-state file name). The session itself is never recorded.",
    ),
    click.option(
        "--reason",
        default=None,
        help="Justification recorded with the run; required by --ignore-robots and signed-in "
        "capture.",
    ),
    click.option(
        "--include", multiple=True, metavar="REGEX", help="Only capture URLs matching (any of) it."
    ),
    click.option("--exclude", multiple=True, metavar="REGEX", help="Never capture URLs matching."),
    click.option(
        "--max-depth",
        type=click.IntRange(min=0),
        default=None,
        help="Link depth from a search page (1 = first results page only; 0 = unlimited).",
    ),
    click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (needs --reason)."),
    click.option(
        "--delay",
        type=click.FloatRange(min=0),
        default=None,
        help="Seconds between requests to one site (DOWNLOAD_DELAY).",
    ),
    click.option(
        "--concurrency",
        type=click.IntRange(min=1),
        default=None,
        help="Concurrent requests per site (CONCURRENT_REQUESTS_PER_DOMAIN).",
    ),
    click.option(
        "--search-pages",
        type=click.Choice(["rendered", "served"]),
        default=None,
        help="How search pages are read. served (default): over plain HTTP when the HTML "
        "the server sends has listing links and, on a search's first page, a link to the "
        "next page (no screenshot of the search page); one without them is rendered, as are "
        "feeds and signed-in searches. rendered: each is rendered in Chromium, scrolled and "
        "photographed. Each search page records which way it was read, and why.",
    ),
    click.option(
        "--autothrottle/--no-autothrottle",
        default=None,
        help="Adapt the delay to the site's response times (AUTOTHROTTLE_ENABLED; default on).",
    ),
)


RENDER_OPTIONS = (
    click.option(
        "--proxy",
        default=None,
        metavar="URL",
        help="Send every request of the crawl through this proxy (http://[user:pass@]host:port "
        "or socks5://host:port; default: $JASPER_PROXY, else direct). Each capture records the "
        "proxy used, never its credentials.",
    ),
    click.option(
        "--block-trackers",
        is_flag=True,
        default=None,
        help="Block requests to ad and tracking hosts (EasyList + EasyPrivacy); the run and "
        "each capture record the lists and what was blocked. Off by default: a capture shows "
        "the page as any visitor saw it.",
    ),
    click.option(
        "--consent/--no-consent",
        default=None,
        help="Dismiss cookie-consent banners by opting out, with DuckDuckGo's autoconsent "
        "rules, and record it on the capture (default: on).",
    ),
)


def control_options(func: F) -> F:
    """Add the crawl-control options to a command."""
    return render_options(_add(OPTIONS, func))


def render_options(func: F) -> F:
    """Add the options on how pages are rendered and reached (proxy, blocking, consent)."""
    return _add(RENDER_OPTIONS, func)


def _add(options: tuple[Callable[[F], F], ...], func: F) -> F:
    for option in reversed(options):
        func = option(func)
    return func


@dataclass(frozen=True)
class Rendering:
    """The render options as given."""

    proxy: str | None = None
    block_trackers: bool | None = None
    consent: bool | None = None


def apply_rendering(job: CrawlJob, given: Rendering) -> None:
    """Check the render options and put them on ``job``: settings and (credential-free)
    options, with the identity of the filter lists when blocking is on."""
    values: dict[str, Any] = {}
    if given.proxy is not None:
        try:
            check_proxy(given.proxy)
        except ValueError as exc:
            raise JasperError(f"--proxy {describe_proxy_url(given.proxy)}: {exc}") from None
        values["JASPER_PROXY"] = given.proxy
    if given.block_trackers:
        values["JASPER_BLOCK_TRACKERS"] = True
    if given.consent is not None:
        values["JASPER_CONSENT"] = given.consent
    job.settings = values | job.settings  # an explicit --set still wins
    blocking = job.settings.get("JASPER_BLOCK_TRACKERS") in (True, "true", "1", "yes", "on")
    job.options |= {
        "proxy": describe_proxy_url(given.proxy),
        "block_trackers": given.block_trackers,
        "consent": given.consent,
    }
    if blocking:
        try:
            job.options["blocklists"] = describe_lists(job.settings.get("JASPER_BLOCKLISTS"))
        except BlocklistError as exc:
            raise JasperError(str(exc)) from None
    job.options["settings"] = [redact_setting(s) for s in job.options.get("settings", [])]


@dataclass(frozen=True)
class Controls:
    """The crawl-control options as given."""

    sites: tuple[str, ...] = ()
    base_url: str | None = None
    storage_state: Path | None = None
    persona: str | None = None
    reason: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_depth: int | None = None
    ignore_robots: bool = False
    delay: float | None = None
    concurrency: int | None = None
    autothrottle: bool | None = None
    search_pages: str | None = None
    proxy: str | None = None
    block_trackers: bool | None = None
    consent: bool | None = None


def load_sites(sites: tuple[str, ...], base_url: str | None) -> list[SiteProfile]:
    """Load and check every profile now, so a bad one fails before the crawl starts."""
    if base_url is not None:
        try:
            check_url(base_url, "--base-url")
        except CrawlInputError as exc:
            raise JasperError(str(exc)) from None
    profiles = []
    for ref in sites:
        try:
            profile = load_profile(ref)
        except ProfileError as exc:
            raise JasperError(str(exc)) from None
        if profile.relative:
            if base_url is None:
                raise JasperError(
                    f"site profile {ref}: search_url is a path ({profile.search_url}); "
                    "give the site with --base-url"
                )
            profile = profile.with_base(base_url)
        profiles.append(profile)
    return profiles


def _fingerprint(path: Path) -> dict[str, str]:
    """Which session file was used, without its content: name and SHA-256."""
    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def apply_controls(job: CrawlJob, controls: Controls) -> None:
    """Check the controls and put them on ``job``: profiles, session, settings, options."""
    profiles = load_sites(controls.sites, controls.base_url)
    state = controls.storage_state
    if state is not None:
        try:
            check_storage_state(state, "--storage-state")
        except ProfileError as exc:
            raise JasperError(str(exc)) from None
    reason = (controls.reason or "").strip() or None
    signed_in = [p.name for p in profiles if p.storage_state] + (
        ["--storage-state"] if state else []
    )
    if controls.ignore_robots and not reason:
        raise JasperError("--ignore-robots overrides robots.txt: record why with --reason TEXT")
    if signed_in and not reason:
        raise JasperError(
            f"capturing signed in ({', '.join(signed_in)}) needs a recorded justification: "
            "add --reason TEXT"
        )
    for pattern in (*controls.include, *controls.exclude):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise JasperError(f"--include/--exclude {pattern!r} is not a regex: {exc}") from None
    values: dict[str, Any] = {}
    if controls.ignore_robots:
        values |= {"ROBOTSTXT_OBEY": False}  # the reason is recorded with the run (job.reason)
    if controls.delay is not None:
        values["DOWNLOAD_DELAY"] = controls.delay
    if controls.concurrency is not None:
        values["CONCURRENT_REQUESTS_PER_DOMAIN"] = controls.concurrency
    if controls.autothrottle is not None:
        values["AUTOTHROTTLE_ENABLED"] = controls.autothrottle
    if controls.search_pages is not None:
        values["JASPER_SEARCH_PAGES"] = controls.search_pages
    if controls.max_depth is not None:
        values["JASPER_MAX_DEPTH"] = controls.max_depth
    if controls.include:
        values["JASPER_INCLUDE"] = list(controls.include)
    if controls.exclude:
        values["JASPER_EXCLUDE"] = list(controls.exclude)
    if controls.persona:
        values["JASPER_PERSONA"] = controls.persona
    slots = {
        p.host: {
            k: v for k, v in (("concurrency", p.concurrency), ("delay", p.delay)) if v is not None
        }
        for p in profiles
        if p.host and (p.concurrency is not None or p.delay is not None)
    }
    if slots:
        values["DOWNLOAD_SLOTS"] = slots
    job.settings = values | job.settings  # an explicit --set still wins
    job.profiles = profiles
    job.storage_state = str(state.resolve()) if state else None
    job.reason = reason or job.reason
    job.options |= {
        "sites": [
            {
                "name": p.name,
                "ref": ref,
                "search_url": p.search_url,
                "profile": p.model_dump(mode="json")
                | {"proxy": describe_proxy_url(p.proxy)},  # never its credentials
            }
            for ref, p in zip(controls.sites, profiles, strict=True)
        ],
        "storage_state": _fingerprint(state) if state else None,
        "signed_in_profiles": {
            p.name: _fingerprint(p.storage_state) for p in profiles if p.storage_state
        },
        "persona": controls.persona,
        "reason": reason,
        "include": list(controls.include),
        "exclude": list(controls.exclude),
        "max_depth": controls.max_depth,
        "ignore_robots": controls.ignore_robots,
        "delay": controls.delay,
        "concurrency": controls.concurrency,
        "autothrottle": controls.autothrottle,
        "search_pages": controls.search_pages,
    }
    apply_rendering(job, Rendering(controls.proxy, controls.block_trackers, controls.consent))
