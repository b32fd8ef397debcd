"""Who, what and where: operator, host, and the exact software that made the evidence."""

from __future__ import annotations

import platform
import socket
import subprocess
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

from crawler.browser import system_chromium

SOFTWARE = "Jasper"
DEPENDENCIES = (
    "scrapy", "scrapy-playwright", "playwright", "twisted", "sqlalchemy", "alembic", "warcio",
    "pillow", "imagehash", "extruct", "price-parser",
)  # fmt: skip


def jasper_version() -> str:
    """The installed Jasper version."""
    try:
        return version("jasper")
    except PackageNotFoundError:
        return "0+unknown"


@lru_cache(maxsize=1)
def software_versions() -> dict[str, str]:
    """Jasper, Python, the browser and every evidence-relevant dependency, with versions."""
    versions = {"jasper": jasper_version(), "python": platform.python_version()}
    for name in DEPENDENCIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    versions["browser"] = browser_version()
    return versions


def browser_version() -> str:
    """The version string of the Chromium Playwright will drive."""
    path = system_chromium()
    if not path:
        return "playwright-bundled chromium"
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
        return out.stdout.strip() or path
    except (OSError, subprocess.TimeoutExpired):
        return path


def host_name() -> str:
    """This machine's fully qualified name."""
    return socket.getfqdn()


def software_string() -> str:
    """``Jasper/x.y.z`` for WARC and report headers."""
    return f"{SOFTWARE}/{jasper_version()}"
