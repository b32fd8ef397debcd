"""Which Chromium Playwright drives: the system one when installed, Playwright's own otherwise."""

import os
import shutil
import subprocess
from functools import cache
from typing import Any

SYSTEM_CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags that keep Chromium quiet on a closed network and runnable as root.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    # WebRTC must not bypass the proxy: with one set, UDP that would go around it (and
    # reveal the office's own address to a page's STUN server) is refused.
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
]


def system_chromium(override: str | None = None) -> str | None:
    """Path of the Chromium to drive: ``override`` (``JASPER_CHROMIUM``), else the system one."""
    if override:
        return override
    for path in SYSTEM_CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def chromium_launch_options(override: str | None = None) -> dict[str, Any]:
    """Playwright launch options for a headless Chromium (``override``: its executable)."""
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    options: dict[str, Any] = {"headless": True, "args": args}
    executable = system_chromium(override)
    if executable:
        options["executable_path"] = executable
    return options


@cache
def browser_version(override: str | None = None) -> str:
    """The version string of the Chromium Playwright will drive."""
    path = system_chromium(override)
    if not path:
        return "playwright-bundled chromium"
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
        return out.stdout.strip() or path
    except (OSError, subprocess.TimeoutExpired):
        return path
