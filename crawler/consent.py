"""Cookie-consent banners, handled by DuckDuckGo's autoconsent rules and recorded.

``make setup`` installs ``@duckduckgo/autoconsent`` from npm into ``.venv/share/jasper``;
its content script (the Playwright build) runs in every frame of the page with its rules (the
package's, and Jasper's few in ``consent_rules.json``): those for any URL come with the script,
and a frame whose URL a site-specific rule names asks us for its rules through a binding (the
script and the binding are registered once per page); it then finds the consent-management
platform (OneTrust, Cookiebot, Didomi, Quantcast, Amazon's own...) and opts out: it rejects
non-essential cookies, or, where a rule can only hide the banner, hides it. Once the page's
banner question is settled it stops looking, so nothing clicks after the capture's note.
What it reports (platform, whether a banner was shown, opt-out or hidden, succeeded or not,
clicks) becomes a note on the capture, in its WARC metadata and its record. Messages come
from the page's own JavaScript world, so they are treated as the page's claims: recorded as
reported, never executed here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import sys
import time
import weakref
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page

from crawler.regex_literals import required_literals

log = logging.getLogger(__name__)
PACKAGE = "@duckduckgo/autoconsent"
SCRIPT = Path("dist/autoconsent.playwright.js")
RULES = Path("dist/addon-mv3/rules.json")
OWN_RULES = Path(__file__).with_name("consent_rules.json")  # Jasper's, in the same syntax
CONFIG = {
    "enabled": True,
    "autoAction": "optOut",  # reject what can be rejected: the least the page may set
    "disabledCmps": [],
    "enablePrehide": False,  # never hide anything before a rule has decided
    "enableCosmeticRules": True,  # a banner only hideable is hidden, and recorded as such
    "enableGeneratedRules": True,
    # Banners no rule knows: only a button the heuristics classify as "reject" is clicked
    # (heuristicMode). enableHeuristicDetection only lists the page's consent-like phrases in
    # the state reports nobody reads (see FORWARD_JS), at the price of the whole page's
    # innerText, a forced layout, on every look.
    "enableHeuristicDetection": False,
    "heuristicMode": "reject",
    "detectRetries": 20,
    "isMainWorld": True,
    "prehideTimeout": 2000,
    "enablePopupMutationObserver": False,
    "visualTest": False,
    "performanceLoggingEnabled": False,
    "heuristicPopupSearchTimeout": 0,
    "logs": {
        "lifecycle": False, "rulesteps": False, "detectionsteps": False, "evals": False,
        "errors": False, "messages": False, "waits": False,
    },
}  # fmt: skip
# On a page that never settled, a banner has DETECTION_GRACE from the page's first byte to be
# noticed, and then at least DETECTION_AFTER_SETTLE. On a page whose DOM has been quiet for
# the settle window, the wait ends as soon as autoconsent has finished a look at the page as it
# stands (the page itself knows: see FORWARD_JS), within LOOK_AFTER_SETTLE: it looks again
# 0.5 s after each look and only once the DOM has changed since, so the look that matters may
# begin half a second late, and run late on a busy machine.
# A platform it names has DETECTION_MESSAGE for its message to reach us, and then
# POPUP_AFTER_DETECTION to show its banner. With 1.0 and 1.5 s, a Didomi banner present from
# the first byte was left undismissed, and unnoted, in three runs with two crawls sharing the
# two cores; with 2.0 and 3.0 s it was dismissed in three of three. Pages without a platform
# never wait on these two.
DETECTION_GRACE = 1.0
DETECTION_AFTER_SETTLE = 0.5
LOOK_AFTER_SETTLE = 1.5
DETECTION_MESSAGE = 2.0
POPUP_AFTER_DETECTION = 3.0
FINISHED = ("optOutResult", "optInResult", "autoconsentDone")
# Autoconsent tries its heuristics on every second look only, starting with the second; a page
# whose DOM is quiet gets one look (see LOOK_AFTER_SETTLE), so they would never run on it.
# They are moved to the first, third... look. The expression is that of the pinned version
# (scripts/setup.sh); another version without it keeps its own order, and the log says so.
HEURISTICS_ON_SECOND_LOOK = "this.state.findCmpAttempts % 2 === 0"
HEURISTICS_ON_FIRST_LOOK = "this.state.findCmpAttempts % 2 === 1"
# The end of a look (all its rule stages settled, before it waits for the next one) is told to
# the page (FORWARD_JS) by a message added there; without it the page guesses (two timers).
LOOK_END = "this.detectHeuristics();\n      if (foundCMPs.length === 0 && retries > 0) {"
LOOK_MESSAGE = (
    'this.sendContentMessage({type: "jasperLookOver", attempts: this.state.findCmpAttempts});'
)
LOOK_OVER = LOOK_END.replace("\n", f"\n      {LOOK_MESSAGE}\n", 1)


class ConsentUnavailable(RuntimeError):
    """Consent handling was asked for, but autoconsent is not installed."""


def installed_dir() -> Path:
    """Where ``make setup`` installs the package."""
    return Path(sys.prefix) / "share" / "jasper" / "node_modules" / PACKAGE


@dataclass(frozen=True)
class Autoconsent:
    """The installed package: its content script, its rules and its version."""

    script: str
    rules: list[dict[str, Any]]
    version: str
    tells_look_over: bool = True  # the script says when a look is over (LOOK_OVER)

    @property
    def name(self) -> str:
        return f"DuckDuckGo autoconsent {self.version}"

    @cached_property
    def _generic(self) -> dict[bool, list[str]]:
        """Rules for any URL, as JSON, for the main frame (True) and for other frames."""
        found: dict[bool, list[str]] = {True: [], False: []}
        for rule in self.rules:
            context = rule.get("runContext") or {}
            if context.get("urlPattern"):
                continue
            text = json.dumps(rule)
            if context.get("main", True):
                found[True].append(text)
            if context.get("frame", False):
                found[False].append(text)
        return found

    @cached_property
    def _specific(self) -> list[tuple[re.Pattern[str] | None, bool, bool, str]]:
        """Site-specific rules: (pattern, main, frame, JSON)."""
        found = []
        for rule in self.rules:
            context = rule.get("runContext") or {}
            pattern = context.get("urlPattern")
            if not pattern:
                continue
            try:
                compiled: re.Pattern[str] | None = re.compile(pattern)
            except re.error:
                compiled = None  # a JavaScript-only pattern: let the script judge it
            main, frame = context.get("main", True), context.get("frame", False)
            found.append((compiled, bool(main), bool(frame), json.dumps(rule)))
        return found

    @cached_property
    def forward_js(self) -> str:
        """The script that goes before autoconsent's in every frame (:data:`FORWARD_JS`),
        with the configuration, the rules for any URL and the site-specific rules' patterns."""
        pattern = [(rule.get("runContext") or {}).get("urlPattern") for rule in self.rules]
        generic = [rule for rule, p in zip(self.rules, pattern, strict=True) if not p]
        patterns = sorted({p for p in pattern if p})
        hints = [required_literals(p) for p in patterns]
        init = json.dumps(
            {
                "config": CONFIG,
                "rules": generic,
                "patterns": patterns,
                "hints": hints,
                "told": self.tells_look_over,
            }
        )
        return FORWARD_JS.replace("__JASPER_INIT__", f"JSON.parse({json.dumps(init)})")

    @cached_property
    def page_script(self) -> str:
        """What every document of a page runs first: :attr:`forward_js`, then autoconsent's
        script, except in the blank page a kept page waits on between requests (where there
        is nothing to look at, and compiling and starting them would cost every listing)."""
        return (
            "if (location.href !== 'about:blank' || window.top !== window) {\n"
            f"{self.forward_js}{self.script}\n}}"
        )

    def rules_json(self, url: str, main: bool) -> str:
        """The rules that may run in a frame (its place and URL), as a JSON array, filtered
        as autoconsent itself filters them."""
        chosen = list(self._generic[main])
        for pattern, in_main, in_frame, text in self._specific:
            if (in_main if main else in_frame) and (pattern is None or pattern.search(url)):
                chosen.append(text)
        return "[" + ",".join(chosen) + "]"


@cache
def load_autoconsent(directory: Path | None) -> Autoconsent:
    """The package in ``directory`` (default: the one setup installed), read once."""
    root = directory or installed_dir()
    try:
        script = (root / SCRIPT).read_text(encoding="utf-8")
        rules = json.loads((root / RULES).read_text(encoding="utf-8"))["autoconsent"]
        version = json.loads((root / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise ConsentUnavailable(
            f"{PACKAGE} is not installed in {root} ({exc}); run `make setup`, or turn consent "
            "handling off with JASPER_CONSENT=false"
        ) from None
    own = json.loads(OWN_RULES.read_text(encoding="utf-8"))["autoconsent"]
    script, _ = _patched(
        script, HEURISTICS_ON_SECOND_LOOK, HEURISTICS_ON_FIRST_LOOK, f"{PACKAGE} {version}: its "
        "heuristics could not be moved to its first look; a banner no rule knows is found only "
        "on pages that change after loading",
    )  # fmt: skip
    script, told = _patched(
        script, LOOK_END, LOOK_OVER, f"{PACKAGE} {version}: the end of its looks is guessed "
        "(two timers after each begins); a look that takes longer may miss a banner on a busy "
        "machine",
    )  # fmt: skip
    return Autoconsent(script, [*rules, *own], str(version), told)


def _patched(script: str, old: str, new: str, otherwise: str) -> tuple[str, bool]:
    """``script`` with the one ``old`` in it made ``new``, and whether it was; if ``old`` is
    not there exactly once (another version), it is left as it is and ``otherwise`` logged."""
    if script.count(old) == 1:
        return script.replace(old, new), True
    log.warning("%s", otherwise)
    return script, False


@dataclass
class ConsentOutcome:
    """What autoconsent reported for a page."""

    cmp: str | None = None
    popup: bool = False
    result: bool | None = None
    cosmetic: bool = False
    clicks: int | None = None
    errors: list[str] = field(default_factory=list)
    looked: bool = True  # False: no look at the page as it stood had finished in time


BINDING = "jasperAutoconsentMessage"
# The script reports to autoconsentSendMessage, set here before it runs (INIT is filled in by
# Autoconsent.forward_js). Its "init" (a request for the rules) is answered in the page with
# the rules for any URL, unless a site-specific rule's pattern matches the frame's URL: then
# it asks us (ConsentWatcher._init). Its "report" messages (its whole state, on every change)
# cost a round trip each and are read by nobody: they stay in the page, where the frame notes
# when the script began its latest look for a platform, when that look was over (all its rule
# stages settled: the script says so, LOOK_OVER; a script that cannot is assumed done two
# timers later, its rules checked in one task's promise chain and its heuristics after one
# timer), and whether it named one. Once the page's banner is settled (LOOKED_JS) the frame is
# marked stopped: the script's next look then ends as it starts, with an error the page never
# sees, so nothing clicks in the page after its consent note is written, and the page is not
# searched again while it is scrolled and photographed.
FORWARD_JS = f"""(() => {{
  const init = __JASPER_INIT__;
  const look = {{attempts: 0, at: 0, done: 0, over: 0, detected: false, stopped: false}};
  Object.defineProperty(window, '__jasperConsentLook', {{value: look}});
  const stop = new Error('consent handling finished for this page');
  window.addEventListener('unhandledrejection', e => {{
    if (e.reason === stop) e.preventDefault();
  }});
  const specific = url => init.patterns.some((p, i) => {{
    const hints = init.hints[i];  // a URL it matches has one of these in it (required_literals)
    if (hints && !hints.some(h => url.includes(h))) return false;
    try {{ return new RegExp(p).test(url); }} catch (e) {{ return true; }}
  }});
  const ended = attempts => {{  // the look numbered `attempts` is over
    if (look.attempts === attempts) look.done = performance.now();
    look.over += 1;
  }};
  window.autoconsentSendMessage = m => {{
    if (m && m.type === 'init' && !specific(String(m.url))) {{
      const reply = {{type: 'initResp', config: init.config, rules: {{autoconsent: init.rules}}}};
      return Promise.resolve().then(() => window.autoconsentReceiveMessage(reply));
    }}
    if (m && m.type === 'cmpDetected') look.detected = true;
    if (m && m.type === 'jasperLookOver') {{
      ended(m.attempts);
      return Promise.resolve();
    }}
    if (!m || m.type !== 'report') return window.{BINDING}(m);
    const attempts = (m.state && m.state.findCmpAttempts) || 0;
    if (attempts !== look.attempts) {{
      if (look.stopped) throw stop;
      Object.assign(look, {{attempts, at: performance.now(), done: 0}});
      if (!init.told) setTimeout(() => setTimeout(() => ended(attempts), 0), 0);
    }}
    return Promise.resolve();
  }};
}})();
"""
# Resolves once autoconsent has finished a look at the page as it now stands (its latest look
# began after the DOM's last change, crawler.rendering's tracker, and is over): "detected" if
# a look named a platform, else "nothing", or "unknown" after `limit` ms. Unless a platform
# was named, the frame's autoconsent is stopped (see FORWARD_JS).
LOOKED_JS = """(limit) => new Promise(resolve => {
  const start = performance.now();
  const poll = () => {
    const look = window.__jasperConsentLook, dom = window.__jasperDomChanged;
    if (!look) {
      resolve('unknown');
    } else if (look.detected) {
      resolve('detected');
    } else if (dom && look.done && look.at >= dom.last) {
      look.stopped = true;
      resolve('nothing');
    } else if (performance.now() - start >= limit) {
      look.stopped = true;
      resolve('unknown');
    } else {
      setTimeout(poll, 25);
    }
  };
  poll();
})"""
# Stops the frame's autoconsent unless it has named a platform; says whether any of its looks
# was over (null: the script is not in the page).
STOP_JS = """() => {
  const look = window.__jasperConsentLook;
  if (!look) return null;
  if (!look.detected) look.stopped = true;
  return look.over > 0;
}"""


class ConsentHub:
    """Autoconsent in every page of the crawl: the script and the binding it reports through
    are registered with each page once (:meth:`register`; a page kept for the next request
    keeps them), and each message goes to the watcher of the page it came from."""

    def __init__(self, autoconsent: Autoconsent) -> None:
        self.autoconsent = autoconsent
        self.watchers: weakref.WeakKeyDictionary[Page, ConsentWatcher] = weakref.WeakKeyDictionary()

    async def register(self, page: Page) -> None:
        """Before a new page's first load: the script and the binding, for all its documents."""
        await page.expose_binding(BINDING, self._dispatch)
        await page.add_init_script(script=self.autoconsent.page_script)

    def watch(self, page: Page) -> ConsentWatcher:
        """Before the page loads: a new watcher for it (the page is registered already)."""
        watcher = self.watchers[page] = ConsentWatcher(self.autoconsent)
        return watcher

    async def _dispatch(self, source: dict[str, Any], message: Any) -> None:
        watcher = self.watchers.get(source.get("page"))  # type: ignore[arg-type]
        if watcher is not None:
            await watcher.receive(source, message)


class ConsentWatcher:
    """Collects what autoconsent reports for one page (through :class:`ConsentHub`)."""

    def __init__(self, autoconsent: Autoconsent) -> None:
        self.autoconsent = autoconsent
        self.messages: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        self._attached = time.monotonic()

    async def receive(self, source: dict[str, Any], message: Any) -> None:
        """A message from the script in one of the page's frames."""
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            return
        frame: Frame | None = source.get("frame")
        kind = message["type"]
        try:
            if kind == "init" and frame is not None:
                await self._init(frame)
            elif kind == "eval" and frame is not None:
                await self._eval(frame, message)
        except Exception as exc:  # the frame went away, or the page broke the script
            log.debug("autoconsent %s in %s: %s", kind, frame.url if frame else "?", exc)
        if kind in ("cmpDetected", "popupFound", "autoconsentError", *FINISHED):
            self.messages.append({k: v for k, v in message.items() if k != "state"})
            self._changed.set()

    async def _init(self, frame: Frame) -> None:
        rules = self.autoconsent.rules_json(frame.url, frame.parent_frame is None)
        reply = (
            f'{{"type":"initResp","config":{json.dumps(CONFIG)},"rules":{{"autoconsent":{rules}}}}}'
        )
        await frame.evaluate("m => window.autoconsentReceiveMessage(JSON.parse(m))", reply)

    @staticmethod
    async def _eval(frame: Frame, message: dict[str, Any]) -> None:
        """A rule's check run in the page's own world (where the page could run it anyway)."""
        try:
            result = await frame.evaluate(str(message.get("code", "")))
        except Exception:
            result = False
        reply = {"type": "evalResp", "id": message.get("id"), "result": result}
        await frame.evaluate("m => window.autoconsentReceiveMessage(m)", reply)

    def _found(self) -> bool:
        return any(m["type"] == "popupFound" for m in self.messages)

    def _detected(self) -> bool:
        return any(m["type"] == "cmpDetected" for m in self.messages)

    def _done(self) -> bool:
        """Done, or failed: nothing more will come."""
        return any(
            m["type"] == "autoconsentDone" or (m["type"] in FINISHED and m.get("result") is False)
            for m in self.messages
        )

    async def _wait(self, until: Any, timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not until():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return bool(until())
        return True

    async def outcome(self, page: Page, timeout: float, quiet: bool = False) -> ConsentOutcome:
        """Give a banner a moment to be noticed (on a page whose DOM has been ``quiet`` for
        the settle window, until autoconsent has looked at it as it stands), a platform
        found a moment to show its banner, and a banner found up to ``timeout`` seconds to
        go."""
        limit = max(DETECTION_GRACE - (time.monotonic() - self._attached), DETECTION_AFTER_SETTLE)
        looked: bool | None = None  # None: not known (the page went elsewhere)
        if not quiet:
            await self._wait(self._found, limit)
        elif not self._found():
            try:
                answer = await page.evaluate(LOOKED_JS, int(LOOK_AFTER_SETTLE * 1000))
                await asyncio.sleep(0)  # messages that came with the answer are read first
            except PlaywrightError:  # the page went elsewhere meanwhile: wait as if not quiet
                quiet = False
                await self._wait(self._found, limit)
            else:
                looked = answer != "unknown"
                if answer == "detected":  # named in the page: its message is on its way
                    await self._wait(self._detected, DETECTION_MESSAGE)
        if not self._found() and self._detected():
            await self._wait(self._found, POPUP_AFTER_DETECTION)
        if self._found():
            await self._wait(self._done, timeout)
        elif not quiet:
            with contextlib.suppress(PlaywrightError):
                looked = await page.evaluate(STOP_JS)
        outcome = self.summarise()
        outcome.looked = looked is not False
        return outcome

    def summarise(self) -> ConsentOutcome:
        """What the messages so far say."""
        outcome = ConsentOutcome()
        for message in self.messages:
            kind = message["type"]
            cmp = message.get("cmp")
            if kind == "cmpDetected" and outcome.cmp is None and isinstance(cmp, str):
                outcome.cmp = cmp[:100]
            elif kind == "popupFound":
                outcome.popup = True
                outcome.cmp = str(cmp)[:100] if cmp else outcome.cmp
            elif kind in ("optOutResult", "optInResult"):
                outcome.result = bool(message.get("result"))
            elif kind == "autoconsentDone":
                outcome.cosmetic = bool(message.get("isCosmetic"))
                clicks = message.get("totalClicks")
                outcome.clicks = clicks if isinstance(clicks, int) else None
            elif kind == "autoconsentError":
                outcome.errors.append(json.dumps(message.get("details"), default=str)[:300])
        return outcome

    def note(self, outcome: ConsentOutcome, timeout: float) -> tuple[str, dict[str, Any]] | None:
        """The capture's note, or None when autoconsent looked at the page as it stood and
        found neither a banner nor a consent platform."""
        by = f"by {self.autoconsent.name}, rule {outcome.cmp!r}"
        if not outcome.popup:
            if outcome.cmp is not None:
                text = (
                    f"consent platform found {by}, but it showed no banner within "
                    f"{POPUP_AFTER_DETECTION:g}s; one shown later may be in the screenshot"
                )
            elif not outcome.looked:
                text = (
                    f"cookie banner check unfinished: {self.autoconsent.name} had not finished "
                    f"a look at the page as it stood within {LOOK_AFTER_SETTLE:g}s; a banner "
                    "may show in the screenshot"
                )
            else:
                return None
            return text, self._detail(outcome)
        if outcome.result and outcome.cosmetic:
            text = f"cookie banner hidden (no choice made; the rule can only hide it) {by}"
        elif outcome.result:
            clicks = f", {outcome.clicks} click(s)" if outcome.clicks is not None else ""
            text = (
                "cookie banner dismissed by opting out "
                f"(non-essential cookies rejected{clicks}) {by}"
            )
        elif outcome.result is False:
            text = f"cookie banner found but opting out failed {by}; it may show in the screenshot"
        else:
            text = (
                f"cookie banner found but not dismissed within {timeout:g}s {by}; "
                "it may show in the screenshot"
            )
        return text, self._detail(outcome)

    def _detail(self, outcome: ConsentOutcome) -> dict[str, Any]:
        return {
            "tool": self.autoconsent.name,
            "cmp": outcome.cmp,
            "action": "optOut",
            "banner": outcome.popup,
            "dismissed": bool(outcome.result),
            "cosmetic": outcome.cosmetic,
            "clicks": outcome.clicks,
            "errors": outcome.errors,
            "looked": outcome.looked,
        }
