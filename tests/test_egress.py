"""Egress, blocking, consent and huge-image hashing without a browser (seconds)."""

from __future__ import annotations

import io

import pytest
import pyvips
from PIL import Image

from crawler.blocking import describe_lists, load_blocklist
from crawler.consent import ConsentOutcome, ConsentWatcher, load_autoconsent
from crawler.egress import EgressPlan, Proxy, describe_proxy_url, redact_setting
from crawler.profiles.model import SiteProfile
from evidence.capture.hashing import HASH_MAX_PIXELS, image_hashes
from settings.config import ConfigError, load_config
from tests.conftest import jasper

pytestmark = pytest.mark.fast


def test_a_proxy_is_recorded_without_its_credentials() -> None:
    proxy = Proxy("http://alice:s3cret@proxy.example:3128", "--proxy")
    assert proxy.describe() == {
        "scheme": "http", "host": "proxy.example", "port": 3128, "authenticated": True,
        "source": "--proxy",
    }  # fmt: skip
    assert proxy.for_browser() == {
        "server": "http://proxy.example:3128",
        "username": "alice",
        "password": "s3cret",
    }
    assert "s3cret" not in proxy.key
    assert (
        describe_proxy_url("http://alice:s3cret@proxy.example:3128") == "http://proxy.example:3128"
    )
    assert redact_setting("JASPER_PROXY=http://alice:s3cret@p:1") == "JASPER_PROXY=http://p:1"
    assert redact_setting("DOWNLOAD_DELAY=2") == "DOWNLOAD_DELAY=2"
    socks = Proxy("socks5h://10.0.0.5", "profile x")
    assert socks.for_browser() == {"server": "socks5://10.0.0.5:1080"}  # Chromium's spelling
    assert socks.socks and socks.describe()["port"] == 1080


def test_each_request_goes_through_its_profile_or_the_crawl_proxy() -> None:
    config = load_config({"JASPER_PROXY": "http://office-vpn:8080"})
    german = SiteProfile(
        name="de-shop", search_url="https://shop.de/s?q={keyword}", proxy="socks5://de-exit:1080"
    )
    other = SiteProfile(name="other", search_url="https://other.example/s?q={keyword}")
    plan = EgressPlan.build(config, [german, other])
    assert plan.route("https://shop.de/item/1", german).host == "de-exit"  # type: ignore[union-attr]
    assert plan.route("https://other.example/p", other).host == "office-vpn"  # type: ignore[union-attr]
    # robots.txt of a host the spider routed follows that host's proxy; others the crawl's
    assert plan.for_url("https://shop.de/robots.txt").host == "de-exit"  # type: ignore[union-attr]
    assert plan.for_url("https://elsewhere.example/robots.txt").host == "office-vpn"  # type: ignore[union-attr]
    assert EgressPlan.record(None) == {"route": "direct", "proxy": None}
    assert EgressPlan.record(plan.default)["proxy"]["source"] == "--proxy"


def test_bad_proxies_are_refused_in_one_line_without_echoing_secrets() -> None:
    with pytest.raises(ConfigError, match="cannot authenticate to a SOCKS proxy") as info:
        load_config({"JASPER_PROXY": "socks5://bob:hunter2@h:1080"})
    assert "hunter2" not in str(info.value)
    with pytest.raises(ConfigError, match="schemes: http, https, socks5"):
        load_config({"JASPER_PROXY": "ftp://h:21"})
    result = jasper("capture", "--case", "c", "--proxy", "socks5://bob:hunter2@127.0.0.1:9",
                    "http://shop.example/item/1")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("jasper: error: --proxy socks5://127.0.0.1:9:")
    assert "hunter2" not in result.stderr + result.stdout and "Traceback" not in result.stderr


def test_an_unreachable_proxy_is_reported_and_the_site_is_not_contacted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = jasper("capture", "--case", "c", "--workdir", str(tmp_path), "--proxy",
                    "http://u:pw@127.0.0.1:9", "http://127.0.0.1:1/item")  # fmt: skip
    assert result.returncode == 1
    assert "cannot reach 127.0.0.1:9" in result.stderr and "pw@" not in result.stderr


def test_huge_images_are_hashed_from_a_downscaled_copy() -> None:
    width, height = 1000, HASH_MAX_PIXELS // 1000 + 5000  # past the limit; Pillow never opens it
    band = pyvips.Image.black(width, height // 2) + 255
    png = band.join(pyvips.Image.black(width, height - height // 2), "vertical").pngsave_buffer()
    hashes = image_hashes(png)
    assert hashes.phash and hashes.dhash
    assert hashes.note and "downscaled copy" in hashes.note and f"{width}x{height}px" in hashes.note
    small = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(small, "PNG")
    assert image_hashes(small.getvalue()).note is None


def test_filter_lists_block_trackers_and_say_which_rule() -> None:
    blocklist = load_blocklist(())
    rule = blocklist.match(
        "https://www.googletagmanager.com/gtm.js?id=GTM-1", "https://shop.example/p", "script"
    )
    assert rule is not None
    assert (
        blocklist.match("https://shop.example/images/a.jpg", "https://shop.example/p", "image")
        is None
    )
    described = describe_lists("")
    assert [f["file"] for f in described["lists"]] == ["easylist.txt", "easyprivacy.txt"]
    assert all(len(f["sha256"]) == 64 for f in described["lists"])
    assert "webext-ublock-origin" in described["source"]


def test_consent_rules_are_filtered_per_frame_and_notes_say_what_happened() -> None:
    autoconsent = load_autoconsent(None)
    assert autoconsent.tells_look_over  # the pinned script's end of a look was found
    main = autoconsent.rules_json("https://www.example.de/p", True)
    assert '"name": "jasper-cookiebot-markup"' in main and '"name": "didomi"' in main
    assert len(autoconsent.rules_json("https://ads.example/frame", False)) < len(main) / 10
    watcher = ConsentWatcher(autoconsent)
    assert watcher.note(ConsentOutcome(), 10) is None  # looked, found nothing
    text, detail = watcher.note(ConsentOutcome(cmp="didomi", popup=False), 10)  # type: ignore[misc]
    assert "consent platform found" in text and "showed no banner" in text, text
    assert (detail["cmp"], detail["banner"], detail["dismissed"]) == ("didomi", False, False)
    text, detail = watcher.note(ConsentOutcome(looked=False), 10)  # type: ignore[misc]
    assert "check unfinished" in text and "may show in the screenshot" in text
    assert detail["looked"] is False
    text, detail = watcher.note(ConsentOutcome(cmp="didomi", popup=True, result=True, clicks=1), 10)  # type: ignore[misc]
    assert "dismissed by opting out" in text and detail["cmp"] == "didomi"
    text, _ = watcher.note(ConsentOutcome(cmp="x", popup=True), 10)  # type: ignore[misc]
    assert "not dismissed within 10s" in text and "may show in the screenshot" in text
