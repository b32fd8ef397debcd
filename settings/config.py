"""Jasper's settings, read once per process into one typed, validated configuration.

Three layers, in this order, each overriding the one before: the defaults in
:mod:`settings.default` (the only place they live), the environment (:data:`ENVIRONMENT`, the
one place environment variables are read), and the overrides of this run (command-line flags
and ``--set KEY=VALUE``). :func:`load_config` turns the result into a :class:`JasperConfig`;
a bad value raises :class:`ConfigError` naming the setting and what it allows, before anything
is recorded. Nothing here imports Scrapy: the evidence core reads the same configuration.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

from annotated_types import Ge, Gt, Le
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from settings import default

# Environment variable -> the setting it overrides. Nothing else in Jasper reads os.environ
# for settings.
ENVIRONMENT: dict[str, str] = {
    "JASPER_HOME": "JASPER_WORKDIR",
    "JASPER_DB_URL": "JASPER_DB_URL",
    "JASPER_OPERATOR": "JASPER_OPERATOR",
    "JASPER_TSA_URLS": "JASPER_TSA_URLS",
    "JASPER_TSA_CA_FILE": "JASPER_TSA_CA_FILE",
    "JASPER_TSA_CHAIN_FILE": "JASPER_TSA_CHAIN_FILE",
    "JASPER_CHROMIUM": "JASPER_CHROMIUM",
    "JASPER_PROXY": "JASPER_PROXY",
    "JASPER_RATE_LIMIT_STORAGE": "JASPER_RATE_LIMIT_STORAGE",
    "JASPER_SITE_RATE": "JASPER_SITE_RATE",
    "JASPER_STORE_URL": "JASPER_STORE_URL",
    "JASPER_DISPOSITIONS": "JASPER_DISPOSITIONS",
}
CAPTURE_KINDS = ("auto", "listing", "page", "profile", "post")
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


class ConfigError(ValueError):
    """A setting that cannot work; the message names it and says what it allows."""


def defaults(module: ModuleType = default) -> dict[str, Any]:
    """Every setting the defaults module defines (upper-case names)."""
    return {k: v for k, v in vars(module).items() if k.isupper()}


def from_environment(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings the environment overrides (empty variables count as unset)."""
    env = os.environ if env is None else env
    return {setting: env[name] for name, setting in ENVIRONMENT.items() if env.get(name)}


def resolve(
    overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Defaults, then the environment, then ``overrides`` (``None`` values are ignored)."""
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    return defaults() | from_environment(env) | given


def sqlite_url(workdir: Path) -> str:
    """SQLite inside the workdir: the embedded default database."""
    return f"sqlite:///{(workdir / 'jasper.db').resolve()}"


def login_name() -> str:
    """The login name of the user running Jasper."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def check_proxy(url: str) -> str:
    """A proxy URL Chromium and Scrapy can both use; ValueError (never echoing the URL, which
    may hold credentials) when it is not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"is not a valid proxy URL ({exc})") from None
    if parts.scheme not in PROXY_SCHEMES or not parts.hostname or parts.path not in ("", "/"):
        raise ValueError(
            "must be a proxy URL like http://host:port or socks5://host:port "
            f"(schemes: {', '.join(PROXY_SCHEMES)})"
        )
    if port == 0:
        raise ValueError("has port 0")
    if parts.scheme.startswith("socks") and (parts.username or parts.password):
        raise ValueError(
            "Chromium cannot authenticate to a SOCKS proxy: use one without credentials "
            "(or an HTTP proxy with them)"
        )
    return url


NonNegative = Annotated[int, Ge(0)]
Positive = Annotated[float, Gt(0)]


class JasperConfig(BaseModel):
    """Jasper's own settings (``JASPER_*``), checked; field aliases are the setting names."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    workdir: Path = Field(alias="JASPER_WORKDIR")
    db_url: str = Field(alias="JASPER_DB_URL")
    case: str = Field(alias="JASPER_CASE", min_length=1)
    operator: str = Field(alias="JASPER_OPERATOR")
    run_id: Annotated[int, Ge(0)] | None = Field(alias="JASPER_RUN_ID")
    evidence: bool = Field(alias="JASPER_EVIDENCE")
    max_pages: NonNegative = Field(alias="JASPER_MAX_PAGES")
    max_candidates: NonNegative = Field(alias="JASPER_MAX_CANDIDATES")
    settle_timeout: Positive = Field(alias="JASPER_SETTLE_TIMEOUT")
    settle_quiet: Positive = Field(alias="JASPER_SETTLE_QUIET")
    page_deadline: Positive = Field(alias="JASPER_PAGE_DEADLINE")
    retry_status_times: Annotated[int, Ge(0), Le(10)] = Field(alias="JASPER_RETRY_STATUS_TIMES")
    retry_max_wait: Annotated[float, Ge(0), Le(600)] = Field(alias="JASPER_RETRY_MAX_WAIT")
    screenshot_tile_height: Annotated[int, Ge(1024), Le(16_384)] = Field(
        alias="JASPER_SCREENSHOT_MAX_HEIGHT"
    )
    screenshot_max_pixels: Annotated[int, Ge(1_000_000)] = Field(
        alias="JASPER_SCREENSHOT_MAX_PIXELS"
    )
    lazy_scroll: bool = Field(alias="JASPER_LAZY_SCROLL")
    lazy_scroll_max_height: NonNegative = Field(alias="JASPER_LAZY_SCROLL_MAX_HEIGHT")
    lazy_scroll_timeout: Positive = Field(alias="JASPER_LAZY_SCROLL_TIMEOUT")
    consent: bool = Field(alias="JASPER_CONSENT")
    consent_timeout: Positive = Field(alias="JASPER_CONSENT_TIMEOUT")
    autoconsent_dir: Path | None = Field(alias="JASPER_AUTOCONSENT_DIR")
    block_trackers: bool = Field(alias="JASPER_BLOCK_TRACKERS")
    blocklists: tuple[Path, ...] = Field(alias="JASPER_BLOCKLISTS")
    proxy: str | None = Field(alias="JASPER_PROXY")
    rate_limit_storage: str = Field(alias="JASPER_RATE_LIMIT_STORAGE")
    site_rate: str = Field(alias="JASPER_SITE_RATE")
    store_url: str = Field(alias="JASPER_STORE_URL")
    store_lock_mode: Literal["COMPLIANCE", "GOVERNANCE"] = Field(alias="JASPER_STORE_LOCK_MODE")
    store_retain_days: Annotated[int, Ge(1)] = Field(alias="JASPER_STORE_RETAIN_DAYS")
    capture_kind: str = Field(alias="JASPER_CAPTURE_KIND")
    warc_gzip_level: Annotated[int, Ge(0), Le(9)] = Field(alias="JASPER_WARC_GZIP_LEVEL")
    pages_per_context: Annotated[int, Ge(1)] = Field(alias="JASPER_PAGES_PER_CONTEXT")
    reuse_pages: bool = Field(alias="JASPER_REUSE_PAGES")
    max_contexts: Annotated[int, Ge(2)] = Field(alias="JASPER_MAX_CONTEXTS")
    triage_interval: Annotated[float, Ge(0)] = Field(alias="JASPER_TRIAGE_INTERVAL")
    scroll: bool = Field(alias="JASPER_SCROLL")
    search_pages: Literal["rendered", "served"] = Field(alias="JASPER_SEARCH_PAGES")
    scroll_max: NonNegative = Field(alias="JASPER_SCROLL_MAX")
    scroll_timeout: Positive = Field(alias="JASPER_SCROLL_TIMEOUT")
    scroll_quiet: Positive = Field(alias="JASPER_SCROLL_QUIET")
    max_depth: NonNegative = Field(alias="JASPER_MAX_DEPTH")
    include: tuple[str, ...] = Field(alias="JASPER_INCLUDE")
    exclude: tuple[str, ...] = Field(alias="JASPER_EXCLUDE")
    persona: str | None = Field(alias="JASPER_PERSONA")
    authorisation_id: Annotated[int, Ge(0)] | None = Field(alias="JASPER_AUTHORISATION_ID")
    progress: bool = Field(alias="JASPER_PROGRESS")
    chromium: str = Field(alias="JASPER_CHROMIUM")
    context_options: dict[str, Any] = Field(alias="JASPER_CONTEXT_OPTIONS")
    tsa_urls: tuple[str, ...] = Field(alias="JASPER_TSA_URLS")
    tsa_ca_file: Path | None = Field(alias="JASPER_TSA_CA_FILE")
    tsa_chain_file: Path | None = Field(alias="JASPER_TSA_CHAIN_FILE")
    require_timestamp: bool = Field(alias="JASPER_REQUIRE_TIMESTAMP")
    tsa_batch_size: Annotated[int, Ge(1)] = Field(alias="JASPER_TSA_BATCH_SIZE")
    tsa_batch_seconds: Positive = Field(alias="JASPER_TSA_BATCH_SECONDS")
    tsa_timeout: Positive = Field(alias="JASPER_TSA_TIMEOUT")
    dispositions: tuple[str, ...] = Field(alias="JASPER_DISPOSITIONS", min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _derived(cls, values: Any) -> Any:
        """Fill in what an empty setting means: the login name, SQLite in the workdir."""
        if not isinstance(values, dict):
            return values
        values = dict(values)
        workdir = Path(str(values.get("JASPER_WORKDIR") or "jasper-data")).expanduser()
        values["JASPER_WORKDIR"] = workdir.resolve()
        values["JASPER_DB_URL"] = values.get("JASPER_DB_URL") or sqlite_url(workdir)
        values["JASPER_OPERATOR"] = values.get("JASPER_OPERATOR") or login_name()
        for key in ("JASPER_RUN_ID", "JASPER_AUTHORISATION_ID", "JASPER_PERSONA"):
            values[key] = values.get(key) or None  # 0 or "": not set
        return values

    @field_validator("include", "exclude", "tsa_urls", "dispositions", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        if isinstance(value, str):  # from the environment or --set: comma-separated
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value

    @field_validator("tsa_ca_file", "tsa_chain_file", "autoconsent_dir", mode="before")
    @classmethod
    def _optional_path(cls, value: Any) -> Any:
        return None if value in ("", None) else Path(str(value)).expanduser()

    @field_validator("blocklists", mode="before")
    @classmethod
    def _paths(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        return tuple(Path(str(v)).expanduser() for v in value or ())

    @field_validator("proxy", mode="before")
    @classmethod
    def _proxy(cls, value: Any) -> Any:
        return None if value in ("", None) else check_proxy(str(value))

    @field_validator("site_rate")
    @classmethod
    def _site_rate(cls, value: str) -> str:
        from limits import parse

        try:
            parse(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a rate such as 2/second or 30/minute") from None
        return value

    @field_validator("rate_limit_storage")
    @classmethod
    def _rate_storage(cls, value: str) -> str:
        if value and not value.startswith(("async+valkey", "async+redis", "async+memory")):
            raise ValueError(f"{value!r}: give async+valkey://host:6379 (or empty for off)")
        return value

    @field_validator("dispositions")
    @classmethod
    def _dispositions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError(f"names a disposition twice ({', '.join(value)})")
        return value

    @field_validator("capture_kind")
    @classmethod
    def _capture_kind(cls, value: str) -> str:
        if value not in CAPTURE_KINDS:
            raise ValueError(f"must be one of {', '.join(CAPTURE_KINDS)} (got {value!r})")
        return value

    @field_validator("include", "exclude")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a regular expression ({exc})") from None
        return value

    @field_validator("tsa_urls")
    @classmethod
    def _tsa_urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for url in value:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise ValueError(f"{url!r} is not an http(s) URL")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> JasperConfig:
        if self.settle_timeout <= self.settle_quiet:
            raise ValueError(
                "JASPER_SETTLE_TIMEOUT must exceed JASPER_SETTLE_QUIET "
                f"(got {self.settle_timeout} and {self.settle_quiet})"
            )
        if self.require_timestamp and not self.tsa_urls:
            raise ValueError("a required time-stamp needs JASPER_TSA_URLS (none set)")
        for name, path in (("JASPER_TSA_CA_FILE", self.tsa_ca_file),
                           ("JASPER_TSA_CHAIN_FILE", self.tsa_chain_file)):  # fmt: skip
            if path is not None and not path.is_file():
                raise ValueError(f"{name} {path} does not exist")
        return self


def _allowed(name: str) -> str:
    """What a setting allows, from its field's type and bounds."""
    field = next(f for f in JasperConfig.model_fields.values() if f.alias == name)
    if get_origin(field.annotation) is Literal:
        return "one of " + ", ".join(map(str, get_args(field.annotation)))
    kind = {int: "a whole number", float: "a number", bool: "true or false"}.get(
        field.annotation,  # type: ignore[arg-type]
        "a value",
    )
    low = next((m.ge if hasattr(m, "ge") else m.gt for m in field.metadata if hasattr(m, "ge")
                or hasattr(m, "gt")), None)  # fmt: skip
    high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
    strict = any(hasattr(m, "gt") for m in field.metadata)
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}"
    if low is not None:
        return f"{kind} {'above' if strict else 'of at least'} {low}"
    return kind


def _describe(error: ValidationError, values: Mapping[str, Any]) -> str:
    """The first problem, as one line naming the setting and what it allows."""
    first = error.errors()[0]
    loc = first.get("loc") or ()
    name = str(loc[0]) if loc else ""
    if not name:  # a check across settings: its message already names them
        return str(first.get("msg", "invalid settings")).removeprefix("Value error, ")
    got = values.get(name)
    if first["type"].startswith("value_error"):
        return f"{name}: {str(first['msg']).removeprefix('Value error, ')}"
    return f"{name} must be {_allowed(name)} (got {got!r})"


def load_config(
    overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
) -> JasperConfig:
    """The configuration for this process: defaults, environment, then ``overrides``."""
    return config_from(resolve(overrides, env))


def config_from(values: Mapping[str, Any]) -> JasperConfig:
    """Check ``values`` (every setting, already resolved) and read Jasper's into a config."""
    try:
        return JasperConfig.model_validate(dict(values))
    except ValidationError as exc:
        raise ConfigError(_describe(exc, values)) from None
