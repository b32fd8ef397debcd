"""Recognising a sign-in wall where content was expected (an expired or missing session)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.profiles.fields import select

LOGIN_PATH = re.compile(
    r"(^|/)(log-?in|sign-?in|signin|auth|authenticate|session/new|accounts?/login|sso)(/|$|\.)",
    re.I,
)
PASSWORD_FORM = "form input[type=password]"  # noqa: S105 - a selector, not a secret


def is_login_url(url: str) -> bool:
    """True when the URL's path looks like a sign-in page."""
    return bool(LOGIN_PATH.search(urlsplit(url).path))


def login_wall(
    requested: str,
    final: str,
    html: str | None,
    profile_selector: str | None = None,
    content_found: bool = False,
) -> str | None:
    """Why this page is a sign-in wall rather than content, or None when it is not.

    A redirect to a sign-in page, the profile's ``login_wall`` selector, or a password form
    where content was expected (``content_found`` false: no product, no listing links) on a
    page that was not itself a sign-in link; a shop's header may carry a sign-in form.
    """
    if is_login_url(final) and not is_login_url(requested):
        return f"redirected to a sign-in page ({final})"
    if not html:
        return None
    sel = Selector(text=html)
    if profile_selector and select(sel, profile_selector):
        return f"the profile's login_wall selector {profile_selector!r} matched"
    if not content_found and not is_login_url(requested) and sel.css(PASSWORD_FORM):
        return "a password form where content was expected"
    return None
