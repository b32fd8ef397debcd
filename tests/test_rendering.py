"""Rendering in real Chromium: settling on late JavaScript, and screenshots past 16,384 px."""

from __future__ import annotations

import asyncio
import io

from PIL import Image
from playwright.async_api import async_playwright

from crawler.browser import chromium_launch_options
from crawler.rendering import changed_again, full_page_screenshot, settle, track_dom_changes


def colour(i: int) -> tuple[int, int, int]:
    return ((i * 37) % 256, (i * 91) % 256, (i * 53) % 256)


TALL = "<html><body style='margin:0'>{}</body></html>".format(
    "".join(f'<div style="height:1000px;background:rgb{colour(i)}"></div>' for i in range(40))
)
LATE = """<html><body><div id=x>loading</div><script>
setTimeout(() => { document.getElementById('x').textContent = 'ready'; }, 700);
</script></body></html>"""

# Changes its DOM once, on a timer that fires after a settle window counted from the first byte.
LATER = """<html><body><div id=x>loading</div><script>
setTimeout(() => { document.getElementById('x').textContent = 'ready'; }, 800);
</script></body></html>"""

# Changes its DOM every 200 ms, six times, without touching the network.
TICKING = """<html><body><div id=x>tick 0</div><script>
let n = 0;
const t = setInterval(() => {
  document.getElementById('x').textContent = 'tick ' + (++n); if (n === 6) clearInterval(t);
}, 200);
</script></body></html>"""


async def _tall_screenshot() -> tuple[Image.Image, str | None]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page(viewport={"width": 800, "height": 600})
        await page.set_content(TALL)
        png, warning = await full_page_screenshot(page, 16_384)
        await browser.close()
    return Image.open(io.BytesIO(png)).convert("RGB"), warning


async def _settled_text() -> tuple[bool, str]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page()
        await page.set_content(LATE)
        settled = await settle(page, timeout=5, quiet=0.5)
        text = await page.inner_text("#x")
        await browser.close()
    return settled, text


async def _tracked_settle(
    html: str, look_again: bool = False, change_while_read: bool = False
) -> tuple[bool, str, str]:
    """Settle a page that tracked its DOM changes from the first byte: whether it
    settled, its text then, and its text after a second look when asked for one (with the
    page's script, played here, changing the DOM between the read and the look if asked)."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page()
        await track_dom_changes(page)
        await page.route("http://jasper.test/", lambda route: route.fulfill(body=html,
                         content_type="text/html"))  # fmt: skip
        await page.goto("http://jasper.test/", wait_until="commit")
        settled = await settle(page, timeout=5, quiet=0.5)
        text = later = await page.inner_text("#x")
        if change_while_read:
            await page.evaluate("document.getElementById('x').textContent = 'ready'")
        if look_again and await changed_again(page, first=2, quiet=0.5, limit=5):
            later = await page.inner_text("#x")
        await browser.close()
    return settled, text, later


def test_settle_with_tracked_dom_waits_until_it_stops_changing() -> None:
    settled, text, _ = asyncio.run(_tracked_settle(TICKING))
    assert settled and text == "tick 6"


def test_a_second_look_sees_a_change_the_settle_window_missed() -> None:
    settled, _, later = asyncio.run(_tracked_settle(LATER, look_again=True))
    assert settled and later == "ready"


def test_a_second_look_sees_a_change_made_while_the_page_was_read() -> None:
    settled, text, later = asyncio.run(
        _tracked_settle(LATE.replace("700", "60000"), look_again=True, change_while_read=True)
    )
    assert settled and text == "loading" and later == "ready"


def test_tall_page_screenshot_does_not_repeat_content() -> None:
    image, warning = asyncio.run(_tall_screenshot())
    assert image.size == (800, 40_000) and warning is None
    for i in range(40):  # each 1000 px band keeps its own colour, also past 16,384 px
        got = image.getpixel((400, i * 1000 + 500))
        assert max(abs(a - b) for a, b in zip(colour(i), got, strict=True)) <= 3, i


def test_settle_waits_for_late_dom_changes() -> None:
    settled, text = asyncio.run(_settled_text())
    assert settled and text == "ready"
