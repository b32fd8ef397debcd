"""Bringing a rendered page to rest and photographing it."""

from __future__ import annotations

import asyncio
import io
import logging

from PIL import Image
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

log = logging.getLogger(__name__)

# Resolves once the DOM has been quiet for `quiet` ms, or with false after `limit` ms.
DOM_QUIET_JS = """([quiet, limit]) => new Promise(resolve => {
  let timer = null;
  const finish = settled => {
    obs.disconnect(); clearTimeout(timer); clearTimeout(hard); resolve(settled);
  };
  const obs = new MutationObserver(() => {
    clearTimeout(timer); timer = setTimeout(() => finish(true), quiet);
  });
  obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(() => finish(true), quiet);
  const hard = setTimeout(() => finish(false), limit);
})"""
PAGE_SIZE_JS = """() => [
  Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0),
  Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)
]"""


async def settle(page: Page, timeout: float, quiet: float) -> bool:
    """Wait until the network is idle and the DOM stops changing; False if it never did."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout * 1000)
    except PlaywrightError:
        log.info("network never went idle on %s", page.url)
    remaining = max(deadline - loop.time(), quiet + 0.1)
    settled = await page.evaluate(DOM_QUIET_JS, [int(quiet * 1000), int(remaining * 1000)])
    return bool(settled)


async def full_page_screenshot(page: Page, tile_height: int) -> tuple[bytes, str | None]:
    """A full-page PNG; pages taller than Chromium's limit are taken in tiles and stitched.

    Returns the PNG and a warning when the page had to be cut short.
    """
    width, height = await page.evaluate(PAGE_SIZE_JS)
    if height <= tile_height:
        return await page.screenshot(full_page=True, type="png"), None
    max_height = tile_height * 6
    warning = None
    if height > max_height:
        warning = f"page is {height}px tall; screenshot cut at {max_height}px"
        height = max_height
    tiles = []
    for top in range(0, height, tile_height):
        clip = {"x": 0, "y": top, "width": width, "height": min(tile_height, height - top)}
        tiles.append(await page.screenshot(full_page=True, clip=clip, type="png"))  # type: ignore[arg-type]
    return await asyncio.to_thread(_stitch, tiles, width, height), warning


def _stitch(tiles: list[bytes], width: int, height: int) -> bytes:
    canvas = Image.new("RGB", (width, height), "white")
    top = 0
    for data in tiles:
        with Image.open(io.BytesIO(data)) as tile:
            canvas.paste(tile, (0, top))
            top += tile.height
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()
