"""Listings in every script, captured and exported as the seller wrote them.

A real crawl of demo listings written in Chinese, Arabic and emoji: the screenshots must show
the glyphs (not the empty boxes drawn when no font has them), the crawl must warn when the
browser lacks the fonts, and the PDF's text layer must hold the original characters. The same
export carries a removal (404) and a light re-visit, whose sheets must say what they are.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from crawler.browser import chromium_launch_options
from crawler.demo.catalogue import DemoListing
from crawler.demo.labelled import labelled_catalogue
from crawler.demo.server import DemoSite
from crawler.runner import CrawlJob
from evidence.signing import key_paths
from tests.conftest import jasper
from tests.test_export import ensure_signing_key, unzip

ARABIC = DemoListing(
    slug="rolex-arabic",
    title="ساعة رولكس صب مارينر أصلية",
    price=Decimal("950.00"),
    currency="AED",
    seller="متجر_الساعات",
    description="جودة عالية، شحن سريع. واتساب +971 50 123 4567",
    images=("rolex-arabic-1",),
    markup="jsonld",
)
EMOJI = DemoListing(
    slug="rolex-emoji",
    title="🔥 Rolex Daytona ⌚ best deal 💯",
    price=Decimal("150.00"),
    currency="USD",
    seller="deals_4_u",
    description="DM for price 📩 fast shipping 🚚",
    images=("rolex-emoji-1",),
    markup="jsonld",
)
CHINESE_TITLE = "劳力士 Rolex Yacht-Master 40 高仿"
# One module fixture crawls, re-visits, captures a removal and exports: several browser runs.
pytestmark = [pytest.mark.timeout(900), pytest.mark.slow]
NO_FONT_HAS = "\U0010fffd"
ONLY_DEJAVU = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def chinese_listing() -> DemoListing:
    return next(x for x, _ in labelled_catalogue() if x.title == CHINESE_TITLE)


@dataclass
class Scripts:
    site: DemoSite
    workdir: Path
    bag: Path
    listings: list[dict[str, Any]]
    crawl_output: str
    references: dict[str, tuple[Image.Image, Image.Image, dict[str, float]]]


def capture_records(listings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for listing in listings for c in listing["captures"]]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scripts]:
    """Crawl the three listings, re-visit one lightly, capture another after its removal,
    and export the case."""
    root = tmp_path_factory.mktemp("scripts")
    workdir = root / "work"
    with DemoSite([chinese_listing(), ARABIC, EMOJI]) as site:
        keywords = root / "kw.txt"
        keywords.write_text("rolex\nساعة\n")  # the Arabic listing never says "rolex"
        crawl = jasper(
            "crawl", "--case", "scripts", "--keywords", str(keywords),
            "--search-url", site.search_url_template, "--workdir", str(workdir),
            env={"JASPER_TSA_URLS": "http://127.0.0.1:9/tsa"},  # refused: stamps fail
        )  # fmt: skip
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
        urls = [f"{site.base_url}/item/{x.slug}" for x in (chinese_listing(), ARABIC, EMOJI)]
        references = _references(urls)
        emoji_url = f"{site.base_url}/item/{EMOJI.slug}"
        served = hashlib.sha256(urllib.request.urlopen(emoji_url).read()).hexdigest()
        job = root / "job.json"
        job.write_text(CrawlJob(case="scripts", operator="test-operator", kind="watch",
                                checks={emoji_url: served}).to_json())  # fmt: skip
        light = subprocess.run([sys.executable, "-m", "crawler.childcrawl", str(job)],
                               capture_output=True, text=True,
                               env=os.environ | {"JASPER_HOME": str(workdir)})  # fmt: skip
        assert light.returncode == 0, light.stdout + light.stderr
        site.remove_listing(ARABIC.slug)
        jasper("capture", "--case", "scripts", "--workdir", str(workdir),
               f"{site.base_url}/item/{ARABIC.slug}")  # fmt: skip
        ensure_signing_key(workdir)
        out = root / "bundle.zip"
        done = jasper("export", "--case", "scripts", "--workdir", str(workdir), "--out", str(out),
                      "--exhibit-prefix", "SC", "--time-zone", "Asia/Shanghai")  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert "TIME-STAMP FAILED for" in done.stdout, done.stdout
        _, public = key_paths(workdir)
        verified = jasper("verify", str(out), "--public-key", str(public))
        assert verified.returncode == 0, verified.stdout + verified.stderr
        bag = unzip(out, root / "bag")
        listings = json.loads((bag / "data" / "listings.json").read_text())
        yield Scripts(site, workdir, bag, listings, crawl.stdout + crawl.stderr, references)


def _references(urls: list[str]) -> dict[str, tuple[Image.Image, Image.Image, dict[str, float]]]:
    """Each listing's heading as Chromium draws it, the same heading with every non-ASCII
    character replaced by one that no font has (empty boxes), and the heading's box."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for url in urls:
            page.goto(url)
            heading = page.locator("h1")
            box = heading.bounding_box()
            assert box is not None
            real = Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB")
            heading.evaluate(
                "(h, tofu) => { h.textContent = Array.from(h.textContent).map("
                "c => c.charCodeAt(0) < 128 ? c : tofu).join(''); }",
                NO_FONT_HAS,
            )
            tofu = Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB")
            found[url] = (real, tofu, box)
        browser.close()
    return found


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute pixel difference (0 to 255)."""
    if a.size != b.size:
        b = b.resize(a.size)
    diff = ImageChops.difference(a.convert("L"), b.convert("L"))
    histogram = diff.histogram()
    return sum(i * n for i, n in enumerate(histogram)) / (diff.width * diff.height)


@pytest.mark.parametrize("slug", ["rolex-yachtmaster-cn", "rolex-arabic", "rolex-emoji"])
def test_screenshots_show_the_script_not_empty_boxes(scripts: Scripts, slug: str) -> None:
    listing = next(x for x in scripts.listings if x["url"].endswith(f"/item/{slug}"))
    first = listing["captures"][0]
    assert first["screenshot"], first
    captured = Image.open(scripts.bag / first["bundle"]["screenshot"]).convert("RGB")
    real, tofu, box = scripts.references[listing["url"]]
    region = captured.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]),
                            int(box["y"] + box["height"])))  # fmt: skip
    to_real, to_tofu = _difference(region, real), _difference(region, tofu)
    assert _difference(real, tofu) > 2, "the heading must look different drawn as boxes"
    assert to_real < to_tofu / 3, (slug, to_real, to_tofu)


def test_crawl_records_the_font_check(scripts: Scripts) -> None:
    assert "MISSING FONTS" not in scripts.crawl_output
    failed = re.search(r"(\d+) with failed time-stamps", scripts.crawl_output)
    assert failed and int(failed.group(1)) >= 3, scripts.crawl_output
    assert "TIME-STAMP FAILED" in scripts.crawl_output
    log = [json.loads(line) for line in (scripts.bag / "data" / "custody-log.jsonl").open()]
    checks = [e for e in log if e["kind"] == "font-check"]
    assert checks and checks[0]["detail"]["checked"] and checks[0]["detail"]["missing"] == []
    assert checks[0]["detail"]["colour_emoji"] is True


def test_crawl_without_fonts_warns_and_draws_boxes(scripts: Scripts, tmp_path: Path) -> None:
    """With fontconfig limited to DejaVu (no CJK, no emoji), the crawl says so loudly and
    records it; the screenshot then differs from the one made with the fonts."""
    config = tmp_path / "fonts.conf"
    config.write_text(ONLY_DEJAVU.format(cache=tmp_path / "cache"))
    workdir = tmp_path / "work"
    url = f"{scripts.site.base_url}/item/rolex-yachtmaster-cn"
    done = jasper("capture", "--case", "nofonts", "--workdir", str(workdir), url,
                  env={"FONTCONFIG_FILE": str(config)})  # fmt: skip
    output = done.stdout + done.stderr
    assert "MISSING FONTS" in output and "Chinese" in output, output
    import sqlite3

    db = sqlite3.connect(workdir / "jasper.db")
    (detail,) = db.execute("SELECT detail FROM events WHERE kind = 'font-check'").fetchone()
    assert "Chinese" in json.loads(detail)["missing"]
    (path,) = db.execute(
        "SELECT a.path FROM artefacts a JOIN captures c ON c.id = a.capture_id "
        "WHERE a.kind = 'screenshot'"
    ).fetchone()
    without = Image.open(workdir / path).convert("RGB")
    listing = next(x for x in scripts.listings if x["url"] == url)
    with_fonts = Image.open(scripts.bag / listing["captures"][0]["bundle"]["screenshot"])
    assert _difference(without.crop((0, 80, 700, 180)),
                       with_fonts.convert("RGB").crop((0, 80, 700, 180))) > 1  # fmt: skip


def _pdf_pages(bag: Path) -> list[str]:
    reader = PdfReader(bag / "data" / "report.pdf")
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


def _flat(text: str) -> str:
    """Without whitespace: the PDF wraps lines anywhere (long URLs, Chinese)."""
    return "".join(text.split())


def has(phrase: str, text: str) -> bool:
    return _flat(phrase) in text


def test_pdf_text_layer_holds_the_original_characters(scripts: Scripts) -> None:
    text = "\n".join(_pdf_pages(scripts.bag))
    assert CHINESE_TITLE in text
    assert "顶级复刻, 厂家直销" in text
    for word in ARABIC.title.split():
        assert word in text or word[::-1] in text, word
    for emoji in ("🔥", "⌚", "💯", "📩"):
        assert emoji in text, emoji
    # Fonts are embedded, never left to the reader's machine.
    reader = PdfReader(scripts.bag / "data" / "report.pdf")
    for page in reader.pages[:12]:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if font.get("/Subtype") == "/TrueType":
                assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_every_pdf_page_is_headed_and_numbered(scripts: Scripts) -> None:
    pages = _pdf_pages(scripts.bag)
    total = len(pages)
    for n, text in enumerate(pages, 1):
        assert f"page {n} of {total}" in text, (n, text[:200])
        assert "Exhibit SC/" in text or "Exhibits SC/" in text, (n, text[:200])
    cover = _flat(pages[0])
    assert has("sha256:", cover)
    assert has("jasper verify BUNDLE.zip --public-key PRODUCER-KEY.pem", cover)
    assert has("Asia/Shanghai", cover) and has("time-stamp FAILED", cover)
    index = next(p for p in pages if "Exhibit index" in p)
    for capture in capture_records(scripts.listings):
        assert capture["exhibit"] in index


def test_sheets_say_what_each_capture_is(scripts: Scripts) -> None:
    by_exhibit: dict[str, str] = {}
    for text in _pdf_pages(scripts.bag):
        heads = re.findall(r"^Exhibit (SC/\d+)(?: \(continued\))?$", text, re.MULTILINE)
        assert len(set(heads)) <= 1, heads
        if heads:
            by_exhibit[heads[0]] = by_exhibit.get(heads[0], "") + text
    arabic = next(x for x in scripts.listings if x["url"].endswith("/item/rolex-arabic"))
    first, removal = arabic["captures"][0], arabic["captures"][-1]
    assert removal["http_status"] == 404
    removed = _flat(by_exhibit[removal["exhibit"]])
    assert has("Shows the listing's removal", removed) and has("404 Not Found", removed)
    assert not has("Suspicion score", removed) and not has("Reason", removed)
    assert has(f"last captured live in exhibit {first['exhibit']}", removed)
    emoji = next(x for x in scripts.listings if x["url"].endswith("/item/rolex-emoji"))
    check = next(c for c in emoji["captures"] if c["kind"] == "check")
    light = _flat(by_exhibit[check["exhibit"]])
    assert has("light check over plain HTTP takes none", light)
    assert has("checked lightly over plain HTTP", light)
    assert not has("Captured directly", light) and has("first found by search", light)
    chinese = next(x for x in scripts.listings if "yachtmaster" in x["url"])
    sheet = _flat(by_exhibit[chinese["captures"][0]["exhibit"]])
    assert has("Trusted time-stamp FAILED", sheet)
    assert has("First capture of this listing", sheet)
    assert re.search(r"Capturedat\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\(.*?,Asia/Shanghai\)", sheet), (
        sheet
    )
    assert has("WeChat: szwatch2024", sheet)
    found_on = chinese["captures"][0]["bundle"]["found_on"]
    assert has(f"That results page is exhibit {found_on}", sheet)


def test_search_pages_are_exhibits_of_their_own(scripts: Scripts) -> None:
    data = scripts.bag / "data"
    searches = json.loads((data / "search-pages.json").read_text())
    refs = {s["exhibit"] for s in searches}
    for capture in capture_records(scripts.listings):
        if capture["search_page"]:
            assert capture["bundle"]["found_on"] in refs
            assert capture["bundle"]["folder"] == "data/exhibits/" + capture["exhibit"].replace(
                "/", "-"
            )
    for search in searches:
        assert (scripts.bag / search["bundle"]["screenshot"]).is_file()
        assert (scripts.bag / search["bundle"]["folder"] / "sheet.html").is_file()
    html = (data / "index.html").read_text()
    assert CHINESE_TITLE in html and '<script src="index.js"' in html
    assert "http://" not in html.split("<table")[0] and "https://" not in html.split("<table")[0]
    assert (data / "seller-network.svg").read_text().startswith("<svg")
    with zipfile.ZipFile(data / "web-archive.wacz") as wacz:
        pages = wacz.read("pages/pages.jsonl").decode()
    assert all(s["url"] in pages for s in searches)
