"""Does the browser have fonts for the scripts sellers write in? Checked when a crawl starts.

Without a font for a script, Chromium draws every character of it as an empty box (tofu) and
the screenshot no longer shows what the seller wrote. The check draws sample characters of
each script on a canvas in the crawl's own Chromium (same executable, same flags, same
fontconfig) and compares each with the box drawn for a character no font has: a sample that
draws nothing, or draws the box, has no font. Emoji must also come out in colour.

Launching a browser for it costs seconds, so a check is kept in the user's cache directory
under a key made of everything that decides its result: the Chromium version and launch
options, the fontconfig environment and the list of font files fontconfig offers. A crawl
with the same browser and fonts reuses it and records when it was made; any change to them
checks afresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.browser import browser_version, chromium_launch_options
from evidence.custody import record_event
from evidence.db import Database
from evidence.models import CrawlRun

log = logging.getLogger(__name__)

# Script -> sample characters (each must draw as itself). Emoji are checked for colour too.
SAMPLES: dict[str, str] = {
    "Latin": "Aé",
    "Greek": "Ωλ",
    "Cyrillic": "Жд",
    "Chinese": "劳仿",
    "Japanese": "あカ",
    "Korean": "한국",
    "Arabic": "ضع",
    "Hebrew": "של",
    "Thai": "กข",
    "Devanagari": "कघ",
    "Emoji": "🔥⌚",
}
EMOJI = "Emoji"
# Drawn with each sample, so that a box or blank for a sample is recognised as such.
NO_FONT_HAS = "\U0010fffd"  # a private-use code point of plane 16: no font maps it
TIMEOUT_MS = 30_000

MEASURE = """
([samples, missingChar]) => {
  const canvas = document.createElement('canvas');
  canvas.width = 96; canvas.height = 96;
  const g = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (ch) => {
    g.clearRect(0, 0, 96, 96);
    g.font = '48px sans-serif';
    g.textBaseline = 'top';
    g.fillStyle = '#000';
    g.fillText(ch, 8, 8);
    const px = g.getImageData(0, 0, 96, 96).data;
    let sig = 0, ink = 0, colour = 0;
    for (let i = 0; i < px.length; i += 4) {
      const a = px[i + 3];
      if (a) { ink++; sig = (sig * 31 + a + i) % 2147483647; }
      if (a > 128 && (Math.abs(px[i] - px[i + 1]) > 40 || Math.abs(px[i + 1] - px[i + 2]) > 40))
        colour++;
    }
    return {sig, ink, colour, width: g.measureText(ch).width};
  };
  const box = draw(missingChar);
  const out = {};
  for (const [script, chars] of Object.entries(samples)) {
    out[script] = Array.from(chars).map((ch) => {
      const d = draw(ch);
      return {char: ch, drawn: d.ink > 0 && !(d.sig === box.sig && d.ink === box.ink),
              colour: d.colour > 20};
    });
  }
  return out;
}
"""


@dataclass(frozen=True)
class FontCheck:
    """What the crawl's browser can draw: scripts without a font, and colour emoji."""

    checked: bool
    missing: list[str] = field(default_factory=list)  # scripts drawn as boxes or not at all
    colour_emoji: bool = False
    characters: dict[str, list[str]] = field(default_factory=dict)  # script -> chars missing
    error: str | None = None  # why the check could not be made
    measured_at: str | None = None  # when the browser drew the samples (ISO 8601, UTC)
    cached: bool = False  # reused from an earlier check with the same browser and fonts

    def as_json(self) -> dict[str, Any]:
        """For the run's custody log."""
        return asdict(self) | {"scripts": list(SAMPLES)}

    def warning(self) -> str | None:
        """A loud sentence for the operator, or None when every script draws."""
        if not self.checked:
            return f"could not check the browser's fonts ({self.error})"
        problems = []
        if self.missing:
            problems.append(
                f"no font for {', '.join(self.missing)}: screenshots will show empty boxes "
                "instead of what the seller wrote"
            )
        if EMOJI not in self.missing and not self.colour_emoji:
            problems.append("emoji are not drawn in colour")
        if not problems:
            return None
        return "; ".join(problems) + (
            " (install the fonts: make setup, or apt-get install fonts-noto-core "
            "fonts-noto-cjk fonts-noto-color-emoji)"
        )


def _measure(launch_options: dict[str, Any]) -> FontCheck:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options, timeout=TIMEOUT_MS)
        try:
            page = browser.new_page()
            page.set_content("<!DOCTYPE html><html><body></body></html>")
            found: dict[str, list[dict[str, Any]]] = page.evaluate(MEASURE, [SAMPLES, NO_FONT_HAS])
        finally:
            browser.close()
    characters = {
        script: [c["char"] for c in chars if not c["drawn"]] for script, chars in found.items()
    }
    missing = [script for script in SAMPLES if characters.get(script)]
    colour = all(c["drawn"] and c["colour"] for c in found.get(EMOJI, [])[:1])
    return FontCheck(
        checked=True,
        missing=missing,
        colour_emoji=colour,
        characters={k: v for k, v in characters.items() if v},
        measured_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def cache_dir() -> Path:
    """Where font checks are kept: ``$XDG_CACHE_HOME/jasper/font-checks``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jasper" / "font-checks"


def cache_key(chromium: str | None, options: dict[str, Any]) -> str | None:
    """What decides the check's result, hashed; None when the font list cannot be read."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{file}|%{family}|%{style}\n"],
            capture_output=True, text=True, timeout=20, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    fontconfig = {k: v for k, v in os.environ.items() if k.startswith("FONTCONFIG")}
    basis = {
        "browser": browser_version(chromium),
        "options": options,
        "fontconfig": fontconfig,
        "fonts": sorted(listed.splitlines()),
        "samples": SAMPLES,
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()


def _cached(key: str) -> FontCheck | None:
    try:
        data = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
        return FontCheck(**data) if data.get("checked") else None
    except (OSError, ValueError, TypeError):
        return None


def _keep(key: str, found: FontCheck) -> None:
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(asdict(found)), encoding="utf-8")
        tmp.replace(folder / f"{key}.json")
    except OSError as exc:  # a cache that cannot be written costs time next crawl, no more
        log.debug("font check not cached: %s", exc)


def check_browser_fonts(chromium: str | None = None) -> FontCheck:
    """The fonts the Chromium a crawl drives can draw: an earlier check with the same browser
    and fonts, or a fresh one (kept for next time); never raises."""
    options = chromium_launch_options(chromium)
    key = cache_key(chromium, options)
    if key is not None and (found := _cached(key)) is not None:
        return FontCheck(**(asdict(found) | {"cached": True}))
    found = _draw(options)
    if key is not None and found.checked:
        _keep(key, found)
    return found


def _draw(options: dict[str, Any]) -> FontCheck:
    """Draw every script's samples in a browser launched with ``options``."""
    # Playwright's sync API runs its own event loop: keep it off this thread, where the
    # crawl's reactor (and its loop) will run next.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="font-check") as pool:
        try:
            return pool.submit(_measure, options).result()
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            return FontCheck(checked=False, error=reason)


def check_fonts_for_run(db: Database, run_id: int, chromium: str | None = None) -> FontCheck:
    """Check the browser's fonts, record the result with the run, and warn when any is missing."""
    found = check_browser_fonts(chromium)
    with db.transaction() as session:
        run = session.get_one(CrawlRun, run_id)
        record_event(
            session,
            "font-check",
            run.operator,
            case_id=run.case_id,
            run_id=run_id,
            detail=found.as_json(),
        )
    if warning := found.warning():
        log.warning("MISSING FONTS: %s", warning)
    return found
