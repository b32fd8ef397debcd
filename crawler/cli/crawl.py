"""``jasper crawl`` and ``jasper capture``: acquire evidence."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from crawler.browser import browser_version
from crawler.cli.controls import (
    Controls,
    Rendering,
    apply_controls,
    apply_rendering,
    control_options,
    render_options,
)
from crawler.cli.distribute import distributed_options, submit_distributed
from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    open_workspace,
    operator_name,
    operator_option,
    parse_settings,
    process_config,
    settings_option,
    workdir_option,
)
from crawler.cli.report import print_outcome
from crawler.runner import (
    CrawlFailed,
    CrawlInputError,
    CrawlJob,
    check_reachable,
    check_url,
    run_crawl,
)
from evidence.keywords import parse_keywords
from settings.config import CAPTURE_KINDS, resolve

MAX_KEYWORD_BYTES = 1_000_000  # a keyword file is read no further than this
MAX_KEYWORDS = 10_000


def read_keyword_file(path: Path) -> str:
    """A keyword file's text, or a one-line error saying why it cannot be read; never more
    than ``MAX_KEYWORD_BYTES`` is read (``/dev/zero`` or a huge file is refused)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_KEYWORD_BYTES + 1)
        if len(data) > MAX_KEYWORD_BYTES:
            raise JasperError(
                f"keyword file {path} is larger than {MAX_KEYWORD_BYTES:,} bytes; "
                "split it into several crawls"
            )
        return data.decode("utf-8")
    except FileNotFoundError:
        raise JasperError(f"keyword file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JasperError(f"cannot read keyword file {path}: {exc}") from None


def read_keywords(path: Path) -> list[str]:
    """Keywords from a file, one per line; blank lines and ``#`` comments are skipped."""
    keywords = parse_keywords(read_keyword_file(path))
    if not keywords:
        raise JasperError(f"keyword file {path} has no keywords (one per line)")
    if len(keywords) > MAX_KEYWORDS:
        raise JasperError(
            f"keyword file {path} has {len(keywords):,} keywords; at most {MAX_KEYWORDS:,} "
            "per crawl"
        )
    return keywords


def check_templates(templates: tuple[str, ...]) -> list[str]:
    """Search URL templates must be http(s) URLs holding ``{keyword}``."""
    for template in templates:
        if "{keyword}" not in template:
            raise JasperError(f"search URL {template!r} has no {{keyword}} placeholder")
        try:
            check_url(template.replace("{keyword}", "x"), "search URL")
        except CrawlInputError as exc:
            raise JasperError(str(exc)) from None
    return list(templates)


def first_hops(job: CrawlJob) -> list[str]:
    """What the crawl will connect to first: each site, or the proxy that carries its traffic
    (a proxied site is never contacted directly, not even to check that it is up)."""
    default = resolve(job.settings).get("JASPER_PROXY") or None
    sites = [(p.search_url, p.proxy or default) for p in job.profiles]
    sites += [(t, default) for t in job.templates or ([] if job.profiles else job.urls)]
    hops = [_proxy_hop(proxy) if proxy else site.replace("{keyword}", "x") for site, proxy in sites]
    return list(dict.fromkeys(hops))


def _proxy_hop(proxy: str) -> str:
    """A proxy as a URL to check the reachability of: its host and port, no credentials."""
    parts = urlsplit(proxy)
    port = parts.port or (1080 if parts.scheme.startswith("socks") else 80)
    return f"http://{parts.hostname}:{port}"


def execute(job: CrawlJob, workdir: Path | None, db_url: str | None) -> None:
    """Check the sites (or their proxies) are reachable, run the job and report; exit
    non-zero on failure."""
    try:
        for hop in first_hops(job):
            check_reachable(hop)
    except CrawlInputError as exc:
        raise JasperError(str(exc), exit_code=1) from None
    chromium = process_config(workdir, db_url).chromium or None
    with ThreadPoolExecutor(1) as asking:  # Chromium tells its version while the schema opens
        version = asking.submit(browser_version, chromium)  # remembered for the run's record
        workspace = open_workspace(workdir, db_url)
        version.result()
    job.progress = sys.stderr.isatty()
    try:
        ok = print_outcome(workspace, job, run_crawl(workspace, job))
    except CrawlInputError as exc:  # bad settings, or a case needing an authorisation it lacks
        raise JasperError(str(exc)) from None
    except CrawlFailed as exc:
        raise JasperError(str(exc), exit_code=1) from None
    finally:
        workspace.close()
    if not ok:
        sys.exit(1)


def run_settings(require: bool, overrides: tuple[str, ...]) -> dict[str, Any]:
    """The run's ``--set`` values, with ``--require-timestamp`` applied (checked by the run)."""
    values = parse_settings(overrides)
    if require:
        values["JASPER_REQUIRE_TIMESTAMP"] = True
    return values


require_timestamp_option = click.option(
    "--require-timestamp",
    is_flag=True,
    help="Fail closed: a capture without an RFC 3161 time-stamp counts as failed evidence "
    "(needs JASPER_TSA_URLS).",
)


def _options(**values: Any) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in values.items()}


@click.command()
@case_option
@click.option(
    "--keywords",
    "keywords_file",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="File of keywords, one per line ('#' starts a comment).",
)
@click.option(
    "--search-url",
    "templates",
    multiple=True,
    help="Search URL with {keyword}, e.g. 'https://shop.example/search?q={keyword}'; a feed or "
    "group page is rendered and scrolled. Repeatable; needed unless --site is given.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Result pages to follow per keyword and search URL (0 = all).",
)
@click.option(
    "--recapture",
    is_flag=True,
    help="After an interrupted or failed run of the case, capture again the listings it left "
    "complete (by default a re-run only completes the case).",
)
@require_timestamp_option
@control_options
@distributed_options
@workdir_option
@db_option
@operator_option
@settings_option
def crawl(
    case: str,
    keywords_file: Path,
    templates: tuple[str, ...],
    max_pages: int,
    recapture: bool,
    require_timestamp: bool,
    distributed: bool,
    broker_url: str | None,
    queue: str,
    wait: bool,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
    overrides: tuple[str, ...],
    **controls: Any,
) -> None:
    """Search sites for keywords and capture every listing found as evidence.

    For each keyword and search URL, Jasper opens the results, follows pagination and the
    links on each results page, renders every candidate page in Chromium, and keeps as a
    listing each page that carries product data (schema.org JSON-LD or microdata, or
    OpenGraph product tags). Each listing gets a full-page screenshot, the rendered DOM and
    a WARC of the raw HTTP traffic, all hashed (SHA-256) and recorded in the case. The search
    and feed pages themselves are kept as evidence too (scrolled until no new content).

    A --site profile says how to search one site and read its listings where structured
    data is missing; --storage-state browses signed in. An expired session (a sign-in wall)
    is reported as a LOGIN WALL and nothing is recorded from it.
    """
    if not templates and not controls["sites"]:
        raise JasperError("give a --search-url or a --site profile to search")
    keywords = read_keywords(keywords_file)
    job = CrawlJob(
        case=case,
        operator=operator_name(operator),
        keywords=keywords,
        templates=check_templates(templates),
        max_pages=max_pages,
        recapture=recapture,
        settings=run_settings(require_timestamp, overrides),
        options=_options(
            command="crawl",
            keywords_file=keywords_file,
            keywords=keywords,
            search_urls=list(templates),
            max_pages=max_pages,
            recapture=recapture,
            require_timestamp=require_timestamp,
            settings=list(overrides),
        ),
    )
    apply_controls(job, Controls(**controls))
    if distributed:
        submit_distributed(job, workdir, db_url, broker_url, queue, wait)
        return
    execute(job, workdir, db_url)


@click.command()
@case_option
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--kind",
    type=click.Choice(CAPTURE_KINDS),
    default="auto",
    show_default=True,
    help="What the pages are: a listing, a page (a shop's contact page...), a profile (a "
    "seller's or user's), a post (a social post); auto: listing when the page carries "
    "product data, else page.",
)
@require_timestamp_option
@render_options
@workdir_option
@db_option
@operator_option
@settings_option
def capture(
    case: str,
    urls: tuple[str, ...],
    kind: str,
    require_timestamp: bool,
    proxy: str | None,
    block_trackers: bool | None,
    consent: bool | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Capture the given URLs as evidence directly (no search): a listing, or any page (a
    seller's profile, a social post, a shop's contact page), recorded with its kind.

    Each page is rendered in Chromium and recorded like a listing found by search: full-page
    screenshot, rendered DOM, WARC of the raw traffic, product data where the page has it.
    """
    for url in urls:
        try:
            check_url(url, "URL")
        except CrawlInputError as exc:
            raise JasperError(str(exc)) from None
    job = CrawlJob(
        case=case,
        operator=operator_name(operator),
        kind="capture",
        urls=list(dict.fromkeys(urls)),
        settings={"JASPER_CAPTURE_KIND": kind} | run_settings(require_timestamp, overrides),
        options=_options(
            command="capture",
            urls=list(urls),
            capture_kind=kind,
            require_timestamp=require_timestamp,
            settings=list(overrides),
        ),
    )
    apply_rendering(job, Rendering(proxy, block_trackers, consent))
    execute(job, workdir, db_url)
