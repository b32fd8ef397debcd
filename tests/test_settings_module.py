"""settings/default.py (each setting is assigned once: a second assignment silently wins) and
the Scrapy settings a crawl is built from."""

import ast
from collections import Counter
from pathlib import Path

import pytest

import settings.default
from crawler.scrapy_settings import CONTROL_CHANNELS, crawl_settings

pytestmark = pytest.mark.fast


def test_each_default_setting_is_assigned_once() -> None:
    tree = ast.parse(Path(settings.default.__file__).read_text())
    names = Counter(
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    )
    assert [name for name, count in names.items() if count > 1] == []


def test_the_egress_and_context_middlewares_are_both_enabled() -> None:
    assert set(settings.default.DOWNLOADER_MIDDLEWARES) == {
        "crawler.egress.EgressMiddleware",
        "crawler.contexts.ContextMiddleware",
        "crawler.globalrate.GlobalRateMiddleware",  # off (NotConfigured) unless a fleet sets it
    }


def test_a_crawl_has_no_control_channel_not_even_imported() -> None:
    settings, _ = crawl_settings({}, {})
    extensions = settings.get_component_priority_dict_with_base("EXTENSIONS")
    assert not [path for path in extensions if path.rsplit(".", 1)[-1] in CONTROL_CHANNELS]
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")
