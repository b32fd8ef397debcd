"""Which Chromium Playwright drives: the system one when installed, Playwright's own otherwise."""

import os
import shutil
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
]


def system_chromium() -> str | None:
    """Path of a system Chromium, honouring ``JASPER_CHROMIUM``."""
    override = os.environ.get("JASPER_CHROMIUM")
    if override:
        return override
    for path in SYSTEM_CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def chromium_launch_options() -> dict[str, Any]:
    """Playwright launch options for a headless Chromium."""
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    options: dict[str, Any] = {"headless": True, "args": args}
    executable = system_chromium()
    if executable:
        options["executable_path"] = executable
    return options
