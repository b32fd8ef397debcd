"""settings/default.py: each setting is assigned once (a second assignment silently wins)."""

import ast
from collections import Counter
from pathlib import Path

import pytest

import settings.default

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
