"""Finding and loading site profiles: a YAML file, or the name of a shipped profile."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from crawler.profiles.model import SiteProfile

SHIPPED = "crawler.profiles.sites"


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


def shipped_profiles() -> dict[str, str]:
    """Names of the profiles shipped with Jasper, with their YAML text."""
    found: dict[str, str] = {}
    for entry in resources.files(SHIPPED).iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            found[entry.name.rsplit(".", 1)[0]] = entry.read_text(encoding="utf-8")
    return dict(sorted(found.items()))


def _describe(error: ErrorDetails) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    elif error["type"] == "missing":
        message = "required key is missing"
    return f"{key}: {message}"


def parse_profile(text: str, origin: str, base_dir: Path | None = None) -> SiteProfile:
    """A validated profile from YAML ``text``; ``origin`` names it in errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "unreadable"
        raise ProfileError(f"site profile {origin}: not valid YAML ({first})") from None
    if not isinstance(data, dict):
        raise ProfileError(f"site profile {origin}: must be a mapping of keys to values")
    try:
        profile = SiteProfile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(f"site profile {origin}: {_describe(exc.errors()[0])}") from None
    state = profile.storage_state
    if state is not None:
        state = state.expanduser()
        if not state.is_absolute() and base_dir is not None:
            state = base_dir / state
        check_storage_state(state, f"site profile {origin}: storage_state")
    return profile.model_copy(update={"storage_state": state})


def check_storage_state(path: Path, what: str) -> None:
    """A Playwright storage-state file: JSON with ``cookies`` and ``origins``."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{what}: {path} does not exist") from None
    except (OSError, ValueError) as exc:
        raise ProfileError(f"{what}: {path} is not readable JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cookies"), list):
        raise ProfileError(f"{what}: {path} is not a Playwright storage state (no 'cookies' list)")


def load_profile(ref: str) -> SiteProfile:
    """A profile from a file path, or from a shipped profile's name."""
    path = Path(ref).expanduser()
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"site profile {path}: cannot read it ({exc})") from None
        return parse_profile(text, str(path), path.resolve().parent)
    shipped = shipped_profiles()
    if ref in shipped:
        return parse_profile(shipped[ref], ref, Path.cwd())
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        raise ProfileError(f"site profile {ref} does not exist")
    names = ", ".join(shipped) or "none"
    raise ProfileError(f"no site profile named {ref!r} (shipped profiles: {names})")
