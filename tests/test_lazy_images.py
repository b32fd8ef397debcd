"""Lazy images in real Chromium: a page is scrolled when something on it would notice, and
left alone (saying why) when nothing would."""

from __future__ import annotations

import asyncio

import pytest
from playwright.async_api import Route, async_playwright

from crawler.browser import chromium_launch_options
from crawler.scrolling import LazyOutcome, bring_in_lazy_images
from crawler.scrollwatchers import scroll_watchers

FILLER = "".join(f'<p style="height:900px">part {n}</p>' for n in range(6))
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
# An image at the bottom, loaded by an intersection observer once it comes into view.
OBSERVED = f"""<html><body>{FILLER}<img id=late data-url="/late.gif" width=10 height=10>
<script>
new IntersectionObserver((seen, me) => seen.forEach(e => {{
  if (e.isIntersecting) {{ e.target.src = e.target.dataset.url; me.disconnect(); }}
}})).observe(document.getElementById('late'));
</script></body></html>"""
# The same, loaded by a scroll handler checking where the image is.
HANDLED = f"""<html><body>{FILLER}<img id=late data-url="/late.gif" width=10 height=10>
<script>
window.addEventListener('scroll', () => {{
  const img = document.getElementById('late');
  if (!img.src && img.getBoundingClientRect().top < innerHeight) img.src = img.dataset.url;
}});
</script></body></html>"""
PLAIN = f"<html><body>{FILLER}<img src='/late.gif' width=10 height=10></body></html>"
LOADED_JS = "() => document.images[0].complete && document.images[0].naturalWidth > 0"
# Two screens, nothing watching: scrolled without asking DevTools (asking costs more).
SHORT = "<html><body><p style='height:900px'>part</p><img src='/late.gif'></body></html>"
PAGES = {"/observed": OBSERVED, "/handled": HANDLED, "/plain": PLAIN, "/short": SHORT}


async def _serve(route: Route) -> None:
    path = "/" + route.request.url.split("/", 3)[3]
    if path == "/late.gif":
        await route.fulfill(status=200, content_type="image/gif", body=PIXEL)
    else:
        await route.fulfill(status=200, content_type="text/html", body=PAGES[path])


async def _lazy_pass(path: str) -> tuple[LazyOutcome, bool]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page(viewport={"width": 800, "height": 600})
        await page.route("http://lazy.test/**", _serve)
        await page.goto("http://lazy.test" + path, wait_until="networkidle")
        outcome = await bring_in_lazy_images(page, 30_000, 10.0, 0.3)
        loaded = await page.evaluate(LOADED_JS)
        await browser.close()
    return outcome, loaded


@pytest.mark.parametrize("path", ["/observed", "/handled"])
def test_a_page_that_watches_scrolling_is_scrolled_and_its_images_arrive(path: str) -> None:
    outcome, loaded = asyncio.run(_lazy_pass(path))
    assert outcome.steps > 0 and outcome.stopped == "bottom", outcome.note
    assert loaded, outcome.note


def test_a_page_nothing_watches_is_not_scrolled_and_says_why() -> None:
    outcome, loaded = asyncio.run(_lazy_pass("/plain"))
    assert outcome.steps == 0 and outcome.stopped == "nothing-watches"
    note = outcome.note
    assert note.startswith("not scrolled: nothing on the page reacts to scrolling"), note
    assert loaded  # an ordinary image loads without being scrolled to


def test_a_short_page_is_scrolled_without_asking_what_watches() -> None:
    outcome, loaded = asyncio.run(_lazy_pass("/short"))
    assert outcome.steps == 1 and outcome.stopped == "bottom", outcome.note
    assert loaded


async def _watchers(html: str) -> tuple[int, int] | None:
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page()
        await page.set_content(html)
        found = await scroll_watchers(page)
        await browser.close()
    return None if found is None else (found.handlers, found.observers)


def test_handlers_and_observers_are_found_without_running_anything_in_the_page() -> None:
    assert asyncio.run(_watchers(PLAIN)) == (0, 0)
    assert asyncio.run(_watchers(HANDLED)) == (1, 0)
    assert asyncio.run(_watchers(OBSERVED)) == (0, 1)
    onscroll = "<html><body><script>document.onscroll = () => 0;</script></body></html>"
    assert asyncio.run(_watchers(onscroll)) == (1, 0)
