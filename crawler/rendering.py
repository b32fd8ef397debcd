"""Bringing a rendered page to rest and photographing it."""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import tempfile
import weakref
from pathlib import Path

import pyvips
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

log = logging.getLogger(__name__)
TILED_AT_ONCE = max(os.cpu_count() or 2, 2)  # tall pages photographed in tiles at once
pyvips.cache_set_max(0)  # stitching streams through once: nothing to gain from keeping results
_TILED: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)

# Registered before every document of a page (:func:`track_dom_changes`): remembers when
# the DOM last changed, from the first byte on, so that settling can tell how long it has
# been quiet without starting a new wait of its own.
DOM_TRACKER_JS = """(() => {
  if (window.__jasperDomChanged) return;
  const seen = {last: performance.now()};
  Object.defineProperty(window, '__jasperDomChanged', {value: seen});
  new MutationObserver(() => { seen.last = performance.now(); }).observe(
    document, {subtree: true, childList: true, attributes: true, characterData: true});
})();"""
# Resolves once the DOM has been quiet for `quiet` ms (counted from its last change when the
# tracker was there from the start, else from now), or with false after `limit` ms. With
# `load`, the quiet counts only once the page's load event has fired.
DOM_QUIET_JS = """([quiet, limit, load]) => new Promise(resolve => {
  const seen = window.__jasperDomChanged || {last: performance.now()};
  let timer = null, loading = Boolean(load) && document.readyState !== 'complete';
  const finish = settled => {
    obs.disconnect(); clearTimeout(timer); clearTimeout(hard);
    window.__jasperSettledAt = performance.now(); resolve(settled);
  };
  const check = () => {
    if (loading) return;
    const idle = performance.now() - seen.last;
    if (idle >= quiet) finish(true); else timer = setTimeout(check, quiet - idle);
  };
  const obs = new MutationObserver(() => {
    seen.last = performance.now(); clearTimeout(timer); timer = setTimeout(check, quiet);
  });
  obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const hard = setTimeout(() => finish(false), limit);
  if (loading) window.addEventListener('load', () => { loading = false; check(); }, {once: true});
  check();
})"""
# Resolves with whether the DOM changed since the page settled (as the tracker saw it: a
# change landing between reading the page and this look counts) or in the `first` ms from
# now, after waiting (within `limit` ms) until it has been quiet for `quiet` ms since its
# last change.
DOM_CHANGES_AGAIN_JS = """([first, quiet, limit]) => new Promise(resolve => {
  const seen = window.__jasperDomChanged, since = window.__jasperSettledAt;
  let changed = Boolean(seen && since !== undefined && seen.last > since), timer = null;
  const finish = () => {
    obs.disconnect(); clearTimeout(timer); clearTimeout(hard); resolve(changed);
  };
  const obs = new MutationObserver(() => {
    changed = true; clearTimeout(timer); timer = setTimeout(finish, quiet);
  });
  obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  const left = changed ? Math.max(0, quiet - (performance.now() - seen.last)) : first;
  timer = setTimeout(finish, left);
  const hard = setTimeout(finish, limit);
})"""
PAGE_SIZE_JS = """() => [
  Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0),
  Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)
]"""


async def track_dom_changes(page: Page) -> None:
    """Have every document of ``page`` note when its DOM last changed (see :func:`settle`)."""
    await page.add_init_script(script=DOM_TRACKER_JS)


async def settle(page: Page, timeout: float, quiet: float) -> bool:
    """Wait, within ``timeout`` seconds in all, for the page's DOM, its ``load`` event, an
    idle network and a DOM that has not changed for ``quiet`` seconds; False if it never
    settled. The network's and the DOM's quiet are the same window when the page
    tracks DOM changes (:func:`track_dom_changes`): a DOM quiet all through the network's
    idle time is settled at once, with no further wait. A page whose ``load`` never comes
    costs the cap, not a failed navigation.

    Only the network's idle is waited for through Playwright; the ``load`` event, which
    nearly always comes before it, is waited for by the page's own DOM-quiet check (each
    Playwright wait is a round of driver messages, for every page of a crawl)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    idle = True
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout * 1000)
    except PlaywrightError:
        idle = False
        log.info("networkidle never came on %s within %ss", page.url, timeout)
    remaining = max(deadline - loop.time(), quiet + 0.1)
    waits = [int(quiet * 1000), int(remaining * 1000), idle]  # the cap spent: load not awaited
    return bool(await page.evaluate(DOM_QUIET_JS, waits))


async def changed_again(page: Page, first: float, quiet: float, limit: float) -> bool:
    """Whether the settled page's DOM has changed since it settled, or changes within
    another ``first`` seconds (a script on a timer, or its fetch, that a busy machine slowed
    past the settle window); if so, wait until it has been ``quiet`` for that long again,
    within ``limit`` seconds in all. A change that landed while the page was being read is
    seen through the page's tracker (:func:`track_dom_changes`), not missed."""
    waits = [int(first * 1000), int(quiet * 1000), int(limit * 1000)]
    return bool(await page.evaluate(DOM_CHANGES_AGAIN_JS, waits))


async def full_page_screenshot(
    page: Page, tile_height: int, max_pixels: int = 400_000_000
) -> tuple[bytes, str | None]:
    """A full-page PNG; pages taller than Chromium's limit are taken in tiles, written to
    disk and stitched as a stream, so memory holds a tile, never the whole canvas.

    Returns the PNG and a warning when the page had to be cut (at ``max_pixels``).
    """
    width, height = await page.evaluate(PAGE_SIZE_JS)
    width, height = max(int(width), 1), max(int(height), 1)
    warning = None
    limit = max(max_pixels // width, 1)
    if height > limit:
        warning = (
            f"page is {width}x{height}px; screenshot cut at {limit}px tall "
            f"(JASPER_SCREENSHOT_MAX_PIXELS {max_pixels:,})"
        )
        height = limit
    if height <= tile_height and warning is None:
        return await page.screenshot(full_page=True, type="png"), None
    async with _tiled():  # a few tall pages at a time: memory stays bounded whatever the crawl
        return await _tiled_screenshot(page, tile_height, width, height), warning


def _tiled() -> asyncio.Semaphore:
    """The semaphore of this event loop that lets as many tall pages be photographed at a
    time as there are cores (stitching is CPU work; each page holds a tile, not its canvas).
    One at a time left the other pages of a crawl of tall pages waiting on it."""
    loop = asyncio.get_running_loop()
    if loop not in _TILED:
        _TILED[loop] = asyncio.Semaphore(TILED_AT_ONCE)
    return _TILED[loop]


async def _tiled_screenshot(page: Page, tile_height: int, width: int, height: int) -> bytes:
    """Tiles taken by Chromium beyond the viewport (DevTools ``Page.captureScreenshot``, the
    call Playwright's full-page screenshot makes), encoded for speed since libvips
    re-encodes them, written to disk, then stitched."""
    cdp = await page.context.new_cdp_session(page)
    try:
        with tempfile.TemporaryDirectory(prefix="jasper-tiles-") as tmp:
            paths = []
            for n, top in enumerate(range(0, height, tile_height)):
                clip = {"x": 0, "y": top, "width": width, "height": min(tile_height, height - top),
                        "scale": 1}  # fmt: skip
                shot = await cdp.send(
                    "Page.captureScreenshot",
                    {"format": "png", "clip": clip, "captureBeyondViewport": True,
                     "optimizeForSpeed": True},
                )  # fmt: skip
                path = Path(tmp) / f"tile-{n:04d}.png"
                path.write_bytes(base64.b64decode(shot["data"]))
                del shot
                paths.append(path)
            return await asyncio.to_thread(stitch, paths, width, height, Path(tmp) / "page.png")
    finally:
        await cdp.detach()


def stitch(paths: list[Path], width: int, height: int, out: Path) -> bytes:
    """Tiles (top to bottom) joined into one PNG by libvips, streaming row by row."""
    tiles = []
    for path in paths:
        tile = pyvips.Image.new_from_file(str(path), access="sequential")
        if tile.hasalpha():
            tile = tile.flatten(background=[255, 255, 255])
        tiles.append(tile)
    joined = pyvips.Image.arrayjoin(tiles, across=1, background=[255, 255, 255])
    joined = joined.crop(0, 0, min(width, joined.width), min(height, joined.height))
    joined.pngsave(str(out))
    return out.read_bytes()
