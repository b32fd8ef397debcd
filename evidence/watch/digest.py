"""The nightly digest of a case: new (highest score first), changed, taken down, failed."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.listings import case_listings
from evidence.models import Case
from evidence.models.base import utcnow
from evidence.watch.changes import case_events
from evidence.watch.takedown import takedown_report


def build_digest(
    session: Session,
    case: Case,
    night: str,
    watch_run_ids: list[int],
    failures: list[dict[str, Any]],
) -> dict[str, Any]:
    """The digest of one night for one case, as a plain record."""
    events = case_events(
        session,
        case.id,
        kinds=("new", "changed", "removed", "returned", "failed"),
        watch_run_ids=watch_run_ids,
    )
    scores = {r["id"]: r.get("score") for r in case_listings(session, case)}
    for event in events:
        event["score"] = scores.get(event["listing_id"])
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_kind.setdefault(event["event"], []).append(event)
    new = by_kind.get("new", [])
    if any(e["score"] is not None for e in new):  # triage scores, when the case has them
        new.sort(key=lambda e: -(e["score"] or 0.0))
    checked_tonight = {e["url"] for e in events}
    takedowns = takedown_report(session, case)
    failed_checks = [
        {"url": e["url"], "error": e["detail"].get("why"), "capture": e["capture"]}
        for e in by_kind.get("failed", [])
    ]
    return {
        "case": case.name,
        "night": night,
        "generated_at": rfc3339(utcnow()),
        "counts": {kind: len(items) for kind, items in by_kind.items()},
        "new": new,
        "changed": by_kind.get("changed", []),
        "returned": by_kind.get("returned", []),
        "removed": by_kind.get("removed", []),
        "takedowns": [t | {"checked_tonight": t["url"] in checked_tonight} for t in takedowns],
        "failed": failures + failed_checks,
    }


def write_digest(digest: dict[str, Any], workdir: Path) -> tuple[Path, Path]:
    """Write the digest as JSON and HTML under ``WORKDIR/digests/CASE/``."""
    folder = workdir / "digests" / re.sub(r"[^A-Za-z0-9._-]+", "_", digest["case"])
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^0-9T]", "", digest["generated_at"][:19]) + "Z-" + digest["night"][:8]
    json_path, html_path = folder / f"{stem}.json", folder / f"{stem}.html"
    json_path.write_text(json.dumps(digest, indent=2, ensure_ascii=False), encoding="utf-8")
    html_path.write_text(render_html(digest), encoding="utf-8")
    return json_path, html_path


def _fields(fields: dict[str, list[Any]]) -> str:
    return "; ".join(f"{k}: {_short(v[0])} → {_short(v[1])}" for k, v in fields.items())


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def _evidence(capture: dict[str, Any] | None) -> str:
    if not capture:
        return "-"
    return (
        f"HTTP {capture['http_status']}, capture {capture['uuid']}<br>"
        f"screenshot <code>{capture['screenshot_sha256'] or '-'}</code><br>"
        f"WARC <code>{capture['warc_sha256'] or '-'}</code>"
    )


def _rows(items: list[dict[str, Any]], extra: str) -> str:
    if not items:
        return "<p>None.</p>"
    lines = [f"<table><tr><th>URL</th><th>{extra}</th><th>Evidence</th></tr>"]
    for item in items:
        if extra == "score":
            info = "-" if item.get("score") is None else f"{item['score']:.2f}"
            info += f" {html.escape((item.get('capture') or {}).get('title') or '')}"
        else:
            info = html.escape(_fields(item.get("fields") or {}) or item["detail"].get("why", ""))
        lines.append(
            f"<tr><td><a href='{html.escape(item['url'])}'>{html.escape(item['url'])}</a></td>"
            f"<td>{info}</td><td>{_evidence(item.get('capture'))}</td></tr>"
        )
    return "\n".join([*lines, "</table>"])


def render_html(digest: dict[str, Any]) -> str:
    """A self-contained HTML page of the digest."""
    takedowns = "".join(
        f"<tr><td>{html.escape(t['url'])}</td><td>{html.escape(t['reference'] or '-')}</td>"
        f"<td>{t['status']}</td><td>{t['checked_at'] or '-'}</td>"
        f"<td>{_evidence(t['capture'])}</td></tr>"
        for t in digest["takedowns"]
    )
    failed = "".join(
        f"<li>{html.escape(f.get('watchlist') or f.get('url') or '')}: "
        f"{html.escape(str(f.get('error')))}</li>"
        for f in digest["failed"]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Jasper digest: {html.escape(digest["case"])}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:13px}}
code{{font-size:11px}}</style></head><body>
<h1>Nightly digest: case {html.escape(digest["case"])}</h1>
<p>Night {digest["night"]}, generated {digest["generated_at"]}.</p>
<h2>New listings (highest score first)</h2>{_rows(digest["new"], "score")}
<h2>Changed</h2>{_rows(digest["changed"], "changes")}
<h2>Returned after removal</h2>{_rows(digest["returned"], "changes")}
<h2>Removed</h2>{_rows(digest["removed"], "why")}
<h2>Takedowns</h2>
<table><tr><th>URL</th><th>Reference</th><th>Status</th><th>Checked</th><th>Evidence</th></tr>
{takedowns}</table>
<h2>Failed</h2><ul>{failed or "<li>Nothing failed.</li>"}</ul>
</body></html>
"""
