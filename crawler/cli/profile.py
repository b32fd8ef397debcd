"""``jasper profile``: list shipped site profiles and show what one extracts from a page."""

from __future__ import annotations

import asyncio
import json
import textwrap
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import click
from parsel import Selector

from crawler.cli.options import JasperError, process_config
from crawler.loginwall import page_wall
from crawler.profiles import ProfileError, SiteProfile, load_profile, shipped_profiles
from crawler.profiles.apply import listing_links, next_page_link, read_listing
from crawler.profiles.fields import select
from crawler.runner import CrawlInputError, check_url
from settings.config import JasperConfig, defaults


def fetch_plain(url: str, config: JasperConfig) -> tuple[str, str]:
    """The page over plain HTTP, as a ``render: false`` profile reads search pages."""
    # The URL was checked to be http(s) by the caller.
    request = urllib.request.Request(url, headers={"User-Agent": str(defaults()["USER_AGENT"])})  # noqa: S310
    timeout = float(defaults()["DOWNLOAD_TIMEOUT"])
    with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310
        charset = reply.headers.get_content_charset() or "utf-8"
        return reply.read().decode(charset, "replace"), reply.geturl()


async def fetch_rendered(
    profile: SiteProfile, url: str, config: JasperConfig
) -> tuple[str, str, dict[str, Any] | None]:
    """The page rendered in Chromium as the crawl would: signed in, waited for, scrolled."""
    from playwright.async_api import async_playwright

    from crawler.browser import chromium_launch_options
    from crawler.profiles.apply import prepare, scroll, scroll_plan

    known = defaults()
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(**chromium_launch_options(config.chromium or None))
        options = dict(config.context_options) | {"user_agent": str(known["USER_AGENT"])}
        if profile.storage_state is not None:
            options["storage_state"] = str(profile.storage_state)
        context = await browser.new_context(**options)
        page = await context.new_page()
        await page.goto(url, timeout=int(known["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"]))
        await prepare(page, profile, config)
        plan = scroll_plan(profile, config)
        scrolled: dict[str, Any] | None = None
        if plan.enabled or plan.see_more:
            outcome = await scroll(page, plan)
            scrolled = {"scrolls": outcome.scrolls, "expanded": outcome.expanded,
                        "stopped": outcome.stopped}  # fmt: skip
        html, final = await page.content(), page.url
        await browser.close()
    return html, final, scrolled


def check_page(profile: SiteProfile, url: str, html: str, final: str) -> dict[str, Any]:
    """What the profile extracts from one page, read exactly as the crawl reads it."""
    sel = Selector(text=html)
    found_links = listing_links(sel, final, profile, set(), urlsplit(url).path)
    read = read_listing(html, final, profile)
    product = read.product
    wall = page_wall(url, final, html, profile.login_wall, bool(found_links or product))
    return {
        "profile": profile.name,
        "url": url,
        "final_url": final,
        "render": profile.render,
        "login_wall": wall.reason if wall and wall.kind == "login" else None,
        "bot_wall": wall.reason if wall and wall.kind == "bot" else None,
        "listing_links": found_links,
        "next_page": next_page_link(sel, final, profile),
        "selected": {name: select(sel, query) for name, query in profile.fields.named().items()},
        "structured_data": next(
            (s for s in STRUCTURED if product is not None and product.source.startswith(s)), None
        ),
        "structured_data_problems": read.problems,
        "is_listing": product is not None,
        "reasons": read.reasons,
        "product": product.as_json() | {"raw": None} if product else None,
    }


STRUCTURED = ("json-ld", "microdata", "opengraph")
WIDTH = 100
FIELD_ORDER = ("title", "price", "currency", "seller", "seller_url", "brand", "sku", "gtin", "mpn",
               "availability", "condition", "description", "images")  # fmt: skip


def _print_text(report: dict[str, Any]) -> None:
    echo = click.echo
    echo(f"Profile {report['profile']} on {report['final_url']}")
    if report["login_wall"]:
        echo(f"LOGIN WALL: {report['login_wall']}")
    if report["bot_wall"]:
        echo(f"BOT WALL: {report['bot_wall']}")
    if report.get("scroll"):
        echo(f"Scrolled: {report['scroll']}")
    echo(f"Listing links ({len(report['listing_links'])}):")
    for link in report["listing_links"]:
        echo(f"  {link}")
    echo(f"Next page: {report['next_page'] or '-'}")
    echo(f"Structured data: {report['structured_data'] or 'none'}")
    for problem in report["structured_data_problems"]:
        echo(f"  problem: {problem}")
    for name, values in report["selected"].items():
        echo(f"  {name}: {values if values else 'NOTHING MATCHED'}")
    product = report["product"]
    if product:
        echo(f"Listing (read from {product['source']}):")
        how = product.get("extraction", {})
        for key in FIELD_ORDER:
            value = product.get(key)
            if value in (None, [], ""):
                continue
            shown = value if key != "description" else _short(str(value))
            if key == "price" and product.get("price_kind"):
                shown = f"{value} ({product['price_kind']})"
            echo(_wrap(f"  {key}: {shown}", "    "))
            if key in how:
                source = how[key]
                where = f" [{source['selector']}]" if source.get("selector") else ""
                echo(_wrap(f"      read from {source['source']}: {source['how']}{where}", " " * 8))
        echo(_wrap("Why a listing: " + "; ".join(report["reasons"]), "  "))
    else:
        echo(_wrap("Not a listing: " + ("; ".join(report["reasons"]) or "no product data"), "  "))


def _wrap(text: str, indent: str) -> str:
    """A line wrapped at 100 columns, continued with ``indent``."""
    return textwrap.fill(text, WIDTH, subsequent_indent=indent, break_on_hyphens=False)


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group()
def profile() -> None:
    """Site profiles: how to search a site and read its listings (YAML)."""


@profile.command("list")
def list_command() -> None:
    """The profiles shipped with Jasper (use them by name with --site)."""
    for name, text in shipped_profiles().items():
        first = next((ln for ln in text.splitlines() if ln.startswith("# Site profile")), "")
        click.echo(f"{name}\t{first.removeprefix('# Site profile: ')}")


@profile.command("check")
@click.argument("profile_ref", metavar="FILE|NAME")
@click.option("--url", required=True, help="A search, feed or listing page to try it on.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def check_command(profile_ref: str, url: str, fmt: str) -> None:
    """Validate a profile and show what it extracts from one page."""
    try:
        loaded = load_profile(profile_ref)
        check_url(url, "--url")
    except (ProfileError, CrawlInputError) as exc:
        raise JasperError(str(exc)) from None
    config = process_config()
    scrolled = None
    try:
        if loaded.render:
            html, final, scrolled = asyncio.run(fetch_rendered(loaded, url, config))
        else:
            html, final = fetch_plain(url, config)
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise JasperError(f"cannot load {url}: {first}", exit_code=1) from None
    report = check_page(loaded, url, html, final) | {"scroll": scrolled}
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, default=str))
    else:
        _print_text(report)
