"""The literal hints that spare each frame compiling every site-specific rule's URL pattern:
any URL a pattern matches holds one of its hints, for every pattern autoconsent ships."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.consent import load_autoconsent
from crawler.regex_literals import required_literals


def _patterns() -> list[str]:
    rules = load_autoconsent(None).rules
    found = {(rule.get("runContext") or {}).get("urlPattern") for rule in rules}
    usable = []
    for pattern in sorted(p for p in found if p):
        try:
            re.compile(pattern)
        except re.error:
            continue
        usable.append(pattern)
    return usable


PATTERNS = _patterns()


def test_hints_for_the_shapes_patterns_take() -> None:
    assert required_literals(r"^https?://(www\.)?alza\.de/") == ["alza.de/"]
    assert required_literals(r"^https://(www\.)?(m\.)?imdb.com/") == ["imdb"]
    assert required_literals(r"^https?://(www\.)?a\.com/|^https?://b\.co\.uk/") == [
        "a.com/", "://b.co.uk/"
    ]  # fmt: skip
    assert required_literals(r"^https://x\.y/a+b") == ["https://x.y/a"]
    assert required_literals(r"[abc]defg(h|i)") == ["defg"]
    assert required_literals(r"x{10,200}abc") == ["abc"]  # a bound's digits are not text
    assert required_literals(r"abc?d") is None  # nothing of three characters is certain
    assert required_literals(r"a\12bcdef") is None  # a back-reference: not read further
    assert required_literals(r"^https://(x|y)z") is None  # only the scheme is certain
    assert len(PATTERNS) > 400 and all(required_literals(p) for p in PATTERNS[:50])


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_url_a_shipped_pattern_matches_holds_one_of_its_hints(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(PATTERNS))
    hints = required_literals(pattern)
    if hints is None:
        return
    url = data.draw(st.from_regex(pattern))
    assert re.search(pattern, url)
    assert any(hint in url for hint in hints), (pattern, url, hints)
