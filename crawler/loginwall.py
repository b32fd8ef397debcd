"""Recognising a wall where content was expected: a sign-in wall (an expired or missing
session) or a bot wall (a CAPTCHA or anti-bot interstitial). Either is reported against the
run and nothing is recorded from the page as a listing.

A sign-in wall is a redirect to a sign-in page, the profile's ``login_wall`` selector, or a
password form that is the page's main content on a page without content: a shop's header
sign-in form or a sign-in pop-up over a listing is not a wall.

A bot wall is a page carrying the markers of an anti-bot service's challenge (Cloudflare,
DataDome, PerimeterX/HUMAN, Akamai, Imperva, Kasada, AWS WAF, Alibaba's slider, Amazon's
robot check) or a CAPTCHA widget (hCaptcha, reCAPTCHA, Turnstile) with little else on it.
Real product pages load some of the same scripts (Cloudflare's beacon, invisible reCAPTCHA),
so a marker counts only on a page with little visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from parsel import Selector

from crawler.extract.page import PageView
from crawler.profiles.fields import select

LOGIN_PATH = re.compile(
    r"(^|/)(log-?in|sign-?in|signin|auth|authenticate|session/new|accounts?/login|sso)(/|$|\.)",
    re.I,
)
PASSWORD_FORM = "form input[type=password]"  # noqa: S105 - a selector, not a secret
# Visible text outside the sign-in form (header, navigation and footer left out) up to which
# the form is the page's main content.
LOGIN_MAIN_TEXT = 800
LOGIN_DIALOG_TEXT = 200  # ... and for a form in a pop-up over the page
LOGIN_FORM_TEXT = 1500  # a sign-in form's own text is short
# Visible text up to which a page carrying a bot-wall marker is the wall itself.
WALL_TEXT = 2500

# (service, markers in the page's markup): any marker names the service.
BOT_WALLS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Cloudflare challenge", re.compile(
        r"<title>\s*(just a moment|attention required!? \| cloudflare|checking your browser)"
        r"|id=[\"']?challenge-(running|stage|form|body-text)|cf-turnstile|_cf_chl_opt|"
        r"/cdn-cgi/challenge-platform/h/|cf-error-details|sorry, you have been blocked", re.I)),
    ("DataDome", re.compile(r"captcha-delivery\.com|title=[\"']datadome", re.I)),
    ("PerimeterX/HUMAN", re.compile(
        r"id=[\"']px-captcha|/px/[\w-]+/captcha|captcha\.px-cdn\.net|_pxAppId|"
        r"press &(amp;)? hold", re.I)),
    ("Akamai", re.compile(r"errors\.edgesuite\.net|<title>\s*access denied\s*</title>", re.I)),
    ("Imperva/Incapsula", re.compile(
        r"_Incapsula_Resource|incapsula incident id|request unsuccessful\. incapsula", re.I)),
    ("Distil", re.compile(r"distil_r_captcha|pardon our interruption", re.I)),
    ("Kasada", re.compile(r"KPSDK|/149e9513-01fa-4fb0-aad4-566afd725d1b/", re.I)),
    ("AWS WAF", re.compile(r"awswaf\.com|aws-waf-token|AwsWafIntegration", re.I)),
    ("Alibaba slider", re.compile(
        r"/sd/punish/|nc_1_n1z|x5secdata|_____tmd_____|baxia-dialog|captcha interception", re.I)),
    ("Amazon robot check", re.compile(
        r"/errors/validateCaptcha|enter the characters you see below|"
        r"type the characters you see in this image", re.I)),
    ("CAPTCHA", re.compile(
        r"hcaptcha\.com/1/api\.js|class=[\"'][^\"']*\bh-captcha\b|google\.com/recaptcha/|"
        r"class=[\"'][^\"']*\bg-recaptcha\b|challenges\.cloudflare\.com/turnstile", re.I)),
)  # fmt: skip
# Words a wall says to its visitor, needed for the generic CAPTCHA widgets.
WALL_WORDS = re.compile(
    r"captcha|robot|are you (a )?human|verify (that )?you are (a )?human|unusual traffic|"
    r"security check|access denied|blocked|verify you are|not a robot|bot detection|"
    r"请输入验证码|人机验证|ロボット|보안 문자",
    re.I,
)


@dataclass(frozen=True)
class Wall:
    """A page that stands where content was expected: ``kind`` is ``login`` or ``bot``."""

    kind: str
    reason: str


def is_login_url(url: str) -> bool:
    """True when the URL's path looks like a sign-in page."""
    return bool(LOGIN_PATH.search(urlsplit(url).path))


def bot_wall(html: str | None) -> str | None:
    """Why the page is a bot wall (a CAPTCHA or an anti-bot challenge), or None."""
    if not html:
        return None
    head = html[:400_000]
    found = [(name, pattern.search(head)) for name, pattern in BOT_WALLS]
    hits = [(name, match) for name, match in found if match]
    if not hits:
        return None
    view = PageView(html, "about:blank")
    body = view.root.find(".//body")
    text = view.text_of(body) if body is not None else ""
    if len(text) > WALL_TEXT:
        return None
    name, match = hits[0]
    if name == "CAPTCHA" and not WALL_WORDS.search(text + " " + (view.document_title or "")):
        return None
    return f"{name} ({match.group(0)[:60]!r} on a page with {len(text)} characters of text)"


def _main_login_form(html: str) -> HtmlElement | None:
    """The sign-in form, if it is the page's main content: little visible text outside it,
    leaving out the page's header, navigation and footer."""
    view = PageView(html, "about:blank")
    for field in view.root.iter("input"):
        if (field.get("type") or "").lower() != "password" or view.hidden(field):
            continue
        form = next((a for a in view.ancestors(field) if a.tag == "form"), None)
        if form is None or view.chrome(form):
            continue
        if len(view.text_of(form)) > LOGIN_FORM_TEXT:
            continue  # a form wrapping a whole page (ASP.NET) is not a sign-in form
        body = view.root.find(".//body")
        if body is None:
            return form
        outside = _text_outside(view, body, form)
        limit = LOGIN_DIALOG_TEXT if _in_dialog(view, form) else LOGIN_MAIN_TEXT
        if len(outside) <= limit:
            return form
    return None


def _in_dialog(view: PageView, form: HtmlElement) -> bool:
    """Whether the form sits in a dialog or pop-up over the page."""
    for node in view.ancestors(form):
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if (
            node.tag == "dialog"
            or (node.get("role") or "").lower() in ("dialog", "alertdialog")
            or (node.get("aria-modal") or "").lower() == "true"
            or re.search(r"modal|popup|pop-up|overlay|lightbox|flyout|dropdown", marks)
        ):
            return True
    return False


def _text_outside(view: PageView, body: HtmlElement, form: HtmlElement) -> str:
    """Visible text of the page outside the form and outside the page chrome."""
    parts: list[str] = []
    for el in view.visible():
        if el is form or form in view.ancestors(el) or view.chrome(el):
            continue
        if el.text and el.text.strip():
            parts.append(el.text.strip())
        if el.tail and el.tail.strip() and el is not form:
            parent = el.getparent()
            if parent is not None and not view.hidden(parent) and not view.chrome(parent):
                parts.append(el.tail.strip())
    return " ".join(parts)


def login_wall(
    requested: str,
    final: str,
    html: str | None,
    profile_selector: str | None = None,
    content_found: bool = False,
) -> str | None:
    """Why this page is a sign-in wall rather than content, or None when it is not.

    A redirect to a sign-in page, the profile's ``login_wall`` selector, or a password form
    that is the page's main content where content was expected (``content_found`` false: no
    product, no listing links) on a page that was not itself a sign-in link.
    """
    if is_login_url(final) and not is_login_url(requested):
        return f"redirected to a sign-in page ({final})"
    if not html:
        return None
    sel = Selector(text=html)
    if profile_selector and select(sel, profile_selector):
        return f"the profile's login_wall selector {profile_selector!r} matched"
    if content_found or is_login_url(requested) or not sel.css(PASSWORD_FORM):
        return None
    if _main_login_form(html) is not None:
        return "a sign-in form is the page's main content where content was expected"
    return None


def page_wall(
    requested: str,
    final: str,
    html: str | None,
    profile_selector: str | None = None,
    content_found: bool = False,
) -> Wall | None:
    """The wall standing where content was expected (a bot wall first), or None."""
    if not content_found:
        bot = bot_wall(html)
        if bot is not None:
            return Wall("bot", bot)
    login = login_wall(requested, final, html, profile_selector, content_found)
    return Wall("login", login) if login is not None else None
