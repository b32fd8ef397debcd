"""Who, what and where: operator, host, and the exact software that made the evidence."""

from __future__ import annotations

import platform
import socket
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

SOFTWARE = "Jasper"
DEPENDENCIES = (
    "scrapy", "scrapy-playwright", "playwright", "twisted", "sqlalchemy", "alembic", "warcio",
    "pillow", "imagehash", "extruct", "price-parser",
)  # fmt: skip


@lru_cache(maxsize=1)
def jasper_version() -> str:
    """The installed Jasper version (read from its metadata once per process)."""
    try:
        return version("jasper")
    except PackageNotFoundError:
        return "0+unknown"


@lru_cache(maxsize=1)
def _library_versions() -> dict[str, str]:
    versions = {"jasper": jasper_version(), "python": platform.python_version()}
    for name in DEPENDENCIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def software_versions(**tools: str) -> dict[str, str]:
    """Jasper, Python and every evidence-relevant dependency, with versions, plus ``tools``
    the caller used (the crawler adds ``browser``)."""
    return _library_versions() | tools


def host_name() -> str:
    """This machine's fully qualified name."""
    return socket.getfqdn()


def software_string() -> str:
    """``Jasper/x.y.z`` for WARC and report headers."""
    return f"{SOFTWARE}/{jasper_version()}"
