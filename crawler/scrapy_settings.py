"""The Scrapy settings of one crawl: the resolved configuration, with overrides checked.

``--set KEY=VALUE`` may name any Scrapy or Jasper setting; a value of the wrong type, or a
name that is no setting at all, is refused with one line before the crawl starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy.settings import Settings, default_settings

from settings.config import ConfigError, JasperConfig, config_from, defaults, resolve

# scrapy-playwright's settings have no defaults module to check names against.
OPEN_PREFIXES = ("PLAYWRIGHT_",)
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
# Control channels into a crawl, never wanted (and off in settings.default): left out of
# Scrapy's base list, since naming them None in EXTENSIONS still imports them, and the remote
# control's import pulls in aiohttp's web server (some 0.2 s of every start).
CONTROL_CHANNELS = ("TelnetConsole", "RemoteControl")


def known_settings() -> dict[str, Any]:
    """Every setting with a default: Scrapy's, then Jasper's own."""
    scrapy = {k: getattr(default_settings, k) for k in dir(default_settings) if k.isupper()}
    return scrapy | defaults()


def _coerce(name: str, value: Any, default: Any) -> Any:
    """``value`` as the type of ``default``, or a ConfigError naming the setting."""
    sneaky_bool = isinstance(value, bool) and not isinstance(default, bool)  # True is an int
    if default is None or (isinstance(value, type(default)) and not sneaky_bool):
        return value
    text = str(value).strip().lower()
    if isinstance(default, bool):
        if text in TRUE | FALSE:
            return text in TRUE
        raise ConfigError(f"{name} must be true or false (got {value!r})")
    if isinstance(default, int) and not isinstance(value, bool):
        try:
            return int(text)
        except ValueError:
            pass
        raise ConfigError(f"{name} must be a whole number (got {value!r})")
    if isinstance(default, float) and not isinstance(value, bool):
        try:
            return float(text)
        except ValueError:
            pass
        raise ConfigError(f"{name} must be a number (got {value!r})")
    if isinstance(default, str) and isinstance(value, int | float):
        return str(value)
    if isinstance(default, list | tuple) and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    kind = type(default).__name__
    raise ConfigError(f"{name} must be a {kind} like its default {default!r} (got {value!r})")


def check_overrides(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Overrides with their values of the right type; unknown names are refused."""
    known = known_settings()
    checked: dict[str, Any] = {}
    for name, value in overrides.items():
        if name not in known and not name.startswith(OPEN_PREFIXES):
            raise ConfigError(f"{name} is not a Scrapy or Jasper setting")
        checked[name] = _coerce(name, value, known.get(name))
    return checked


def crawl_settings(
    overrides: Mapping[str, Any], run_values: Mapping[str, Any]
) -> tuple[Settings, JasperConfig]:
    """Scrapy settings for a crawl and its checked configuration (ConfigError if unusable)."""
    checked = check_overrides(overrides)
    values = resolve({**run_values, **checked})
    config = config_from(values)
    settings = Settings()
    settings.setmodule("settings.default", priority="project")
    settings.set("EXTENSIONS_BASE", _extensions_base(), priority="project")
    base = defaults()
    changed = {k: v for k, v in values.items() if k not in base or base[k] != v}
    settings.setdict(changed, priority="cmdline")
    return settings, config


def _extensions_base() -> dict[str, int]:
    return {
        path: order
        for path, order in default_settings.EXTENSIONS_BASE.items()
        if path.rsplit(".", 1)[-1] not in CONTROL_CHANNELS
    }


def politeness(settings: Mapping[str, Any] | Settings) -> dict[str, Any]:
    """The politeness settings a run used, for its record."""
    keys = (
        "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
        "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_TARGET_CONCURRENCY",
        "AUTOTHROTTLE_MAX_DELAY",
    )  # fmt: skip
    return {key: settings.get(key) for key in keys}
