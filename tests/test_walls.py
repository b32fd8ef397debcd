"""Walls where content was expected: bot walls (CAPTCHAs, anti-bot challenges) and sign-in
walls, and the pages that look like them but are not (a header sign-in form, a sign-in
pop-up over a listing, a page wrapped in one form, a product page loading an invisible
CAPTCHA). The corpus's own walls are checked too."""

from __future__ import annotations

import pytest

from crawler.extract import extract_product
from crawler.loginwall import bot_wall, login_wall, page_wall
from tests.corpus.evaluate import served
from tests.corpus.server import Corpus

pytestmark = pytest.mark.fast


def doc(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


PRODUCT_TEXT = "<p>" + "A long product description with specifications and reviews. " * 60 + "</p>"


@pytest.mark.parametrize(
    ("service", "html"),
    [
        ("Cloudflare", doc("Just a moment...",
                           "<h2 id='challenge-running'>Checking your browser</h2>")),
        ("Cloudflare", doc("shop", "<div class='cf-turnstile' data-sitekey='x'></div>")),
        ("DataDome", doc("shop", "<iframe src='https://geo.captcha-delivery.com/captcha/?x=1'></iframe>")),
        ("PerimeterX", doc("Robot or human?", "<div id='px-captcha'>Press &amp; Hold</div>")),
        ("Akamai", doc("Access Denied", "You don't have permission. https://errors.edgesuite.net/18.x")),
        ("Incapsula", doc("shop",
                          "<iframe src='/_Incapsula_Resource?x'></iframe>Request unsuccessful.")),
        ("Alibaba", doc("Captcha Interception",
                        "<span id='nc_1_n1z'></span>Please slide to verify")),
        ("Amazon", doc("Amazon.com", "<form action='/errors/validateCaptcha'>"
                       "Enter the characters you see below</form>")),
        ("CAPTCHA", doc("Security check", "<div class='h-captcha' data-sitekey='x'></div>",
                        "<script src='https://hcaptcha.com/1/api.js'></script>")),
        ("CAPTCHA", doc("Are you a robot?", "<div class='g-recaptcha'></div>",
                        "<script src='https://www.google.com/recaptcha/api.js'></script>")),
    ],
)  # fmt: skip
def test_bot_walls_are_recognised(service: str, html: str) -> None:
    wall = page_wall("https://shop.example/item/1", "https://shop.example/item/1", html)
    assert wall is not None and wall.kind == "bot", service
    assert service.split("/")[0].lower()[:5] in wall.reason.lower() or service == "CAPTCHA"


def test_product_pages_loading_anti_bot_scripts_are_not_walls() -> None:
    beacon = doc(
        "Air Max 90 | Shop",
        f"<h1>Air Max 90</h1><span>£129.99</span><button>Add to basket</button>{PRODUCT_TEXT}",
        "<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>"
        "<script src='https://www.google.com/recaptcha/api.js?render=6Lc'></script>",
    )
    assert bot_wall(beacon) is None
    contact = doc("Contact us", "<form><textarea></textarea><div class='g-recaptcha'></div></form>")
    assert bot_wall(contact) is None  # a CAPTCHA on a small page that says nothing of robots


HEADER_FORM = (
    "<header><a href='/'>Shop</a><form class='login'><input name='user'>"
    "<input type='password' name='pass'><button>Log in</button></form></header>"
)


def test_sign_in_walls_and_what_is_not_one() -> None:
    url = "https://shop.example/item/1"
    wall = doc(
        "Log in",
        "<h2>You must log in to continue.</h2><form id='login_form'><input name='email'>"
        "<input type='password' name='pass'><button>Log in</button></form>",
    )
    assert (found := page_wall(url, url, wall)) is not None and found.kind == "login"
    redirected = login_wall(url, "https://shop.example/account/login?next=/item/1", "")
    assert redirected is not None and "redirected" in redirected
    header = doc(
        "Watch | Shop", f"{HEADER_FORM}<main><h1>Watch</h1><p>249,00 €</p>{PRODUCT_TEXT}</main>"
    )
    assert page_wall(url, url, header) is None
    popup = doc(
        "Bag | Marketplace",
        "<main><h1>Neverfull MM</h1><span>€350</span><p>" + "Collection only, dust bag. " * 20
        + "</p></main><div role='dialog'><form><input name='email'><input type='password'>"
        "<button>Log in</button></form></div>",
    )  # fmt: skip
    assert page_wall(url, url, popup) is None
    aspnet = doc("Shop", f"<form id='aspnetForm'><input type='password'>{PRODUCT_TEXT}</form>")
    assert page_wall(url, url, aspnet) is None
    signin_link = "https://shop.example/account/login"
    assert page_wall(signin_link, signin_link, wall) is None  # the sign-in page itself, asked for


@pytest.mark.slow
def test_the_corpus_walls_and_no_false_ones() -> None:
    """Every labelled wall of the real-web corpus is found as the right kind, and no other
    page is a wall, even when its listing is not recognised (content_found false)."""
    corpus = Corpus()
    wrong = []
    for page in corpus.pages:
        html, url = served(corpus, page)
        expected = {"botwall": "bot", "loginwall": "login"}.get(page.kind)
        found = page_wall(page.url, url, html, None, extract_product(html, url) is not None)
        blind = page_wall(page.url, url, html, None, False)
        if (found.kind if found else None) != expected:
            wrong.append((page.label["file"], expected, found))
        if expected is None and blind is not None and page.kind == "listing":
            wrong.append((page.label["file"], "no wall without the listing", blind))
    assert not wrong, wrong
