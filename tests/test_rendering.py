"""Rendering in real Chromium: settling on late JavaScript, and screenshots past 16,384 px."""

from __future__ import annotations

import asyncio
import io

from PIL import Image
from playwright.async_api import async_playwright

from crawler.browser import chromium_launch_options
from crawler.rendering import full_page_screenshot, settle


def colour(i: int) -> tuple[int, int, int]:
    return ((i * 37) % 256, (i * 91) % 256, (i * 53) % 256)


TALL = "<html><body style='margin:0'>{}</body></html>".format(
    "".join(f'<div style="height:1000px;background:rgb{colour(i)}"></div>' for i in range(40))
)
LATE = """<html><body><div id=x>loading</div><script>
setTimeout(() => { document.getElementById('x').textContent = 'ready'; }, 700);
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


def test_tall_page_screenshot_does_not_repeat_content() -> None:
    image, warning = asyncio.run(_tall_screenshot())
    assert image.size == (800, 40_000) and warning is None
    for i in range(40):  # each 1000 px band keeps its own colour, also past 16,384 px
        got = image.getpixel((400, i * 1000 + 500))
        assert max(abs(a - b) for a, b in zip(colour(i), got, strict=True)) <= 3, i


def test_settle_waits_for_late_dom_changes() -> None:
    settled, text = asyncio.run(_settled_text())
    assert settled and text == "ready"
