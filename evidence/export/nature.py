"""What a capture is, in words that are true for it: first capture, changed, unchanged re-visit,
light check, removal, search page; and why a sheet has no screenshot."""

from __future__ import annotations

from http import HTTPStatus

from evidence.records import CaptureRecord

GONE = (404, 410)
FIELDS = (("title", "title"), ("price", "price"), ("currency", "currency"), ("seller", "seller"))


def status_text(code: int | None) -> str:
    """``404 Not Found``; the bare number when unknown."""
    if code is None:
        return "no HTTP response"
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def is_removal(capture: CaptureRecord) -> bool:
    """The server said the listing is gone (404 Not Found or 410 Gone)."""
    return capture.get("http_status") in GONE


def _ref(capture: CaptureRecord) -> str:
    exhibit = capture.get("exhibit")
    when = (capture.get("captured_at") or "")[:19].replace("T", " ")
    return f"exhibit {exhibit} ({when} UTC)" if exhibit else f"the capture of {when} UTC"


def label(capture: CaptureRecord, earlier: list[CaptureRecord]) -> str:
    """A few words for the exhibit index: what the capture is."""
    text = describe(capture, earlier)
    code = capture.get("http_status")
    for start, short in (
        ("A page of search results", "Search results"),
        ("Shows the listing's removal", f"Removal ({status_text(code)})"),
        ("The server answered", f"HTTP {code}"),
        ("Unchanged re-visit, checked lightly", "Unchanged (light check)"),
        ("First capture", "First capture"),
        ("The listing is back", "Back after removal"),
        ("Re-visit; changed", "Changed"),
        ("Unchanged re-visit", "Unchanged re-visit"),
    ):
        if text.startswith(start):
            return short
    return "Re-visit, page changed"


def describe(capture: CaptureRecord, earlier: list[CaptureRecord]) -> str:
    """One or two sentences saying what ``capture`` shows, given the listing's earlier captures
    (oldest first)."""
    if capture.get("kind") == "search":
        return (
            "A page of search results, kept as evidence of how listings were found: the "
            "listings' sheets name this exhibit under 'How found'."
        )
    code = capture.get("http_status")
    previous = earlier[-1] if earlier else None
    live_before = [c for c in earlier if not is_removal(c) and c.get("http_status")]
    if is_removal(capture):
        text = (
            f"Shows the listing's removal: the server answered {status_text(code)} for the "
            "listing's address at this time."
        )
        if live_before:
            text += f" The listing was last captured live in {_ref(live_before[-1])}."
        return text
    if code is not None and code >= 400:
        return f"The server answered {status_text(code)}: the page may not show the listing."
    if capture.get("kind") == "check":
        same = next(
            (c for c in reversed(earlier) if c.get("page_sha256") == capture.get("page_sha256")),
            previous,
        )
        vouched = f" as in {_ref(same)}" if same else ""
        return (
            "Unchanged re-visit, checked lightly over plain HTTP (no browser): the page served "
            f"was byte for byte the same (SHA-256 of the body){vouched}. A light check takes no "
            "screenshot; the page as received and its WARC are the evidence."
        )
    if not earlier:
        return "First capture of this listing."
    if previous is not None and is_removal(previous):
        return f"The listing is back: it had been removed ({_ref(previous)})."
    assert previous is not None
    changed = [label for key, label in FIELDS if capture.get(key) != previous.get(key)]
    same_body = capture.get("page_sha256") == previous.get("page_sha256")
    if changed:
        return f"Re-visit; changed since {_ref(previous)}: {', '.join(changed)} differ" + (
            "." if not same_body else ", though the page body is identical."
        )
    if same_body:
        return f"Unchanged re-visit: the page body is identical to {_ref(previous)}."
    return (
        f"Re-visit; the listing's title, price and seller are as in {_ref(previous)}, but the "
        "page body differs (other content on the page changed)."
    )


def no_screenshot_reason(capture: CaptureRecord) -> str:
    """Why a capture has no screenshot, from what was recorded."""
    if capture.get("kind") == "check":
        return "No screenshot: a light check over plain HTTP takes none."
    if any(n["step"] == "links" and (n.get("detail") or {}).get("rendered") is False
           for n in capture.get("notes") or []):  # fmt: skip
        return (
            "No screenshot: this search page was read over plain HTTP, as the server sent "
            "it, not rendered; its HTML is in the WARC."
        )
    errors = capture.get("errors") or []
    shot = [e for e in errors if "screenshot" in e["step"]]
    if shot:
        return "No screenshot: the screenshot step failed (" + shot[0]["error"] + ")."
    if errors:
        steps = ", ".join(e["step"] for e in errors)
        return f"No screenshot was recorded; the failed steps were: {steps} (listed below)."
    return "No screenshot was recorded, and no failed step was logged for it."
