"""The same report as HTML, written line by line, every value escaped."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TextIO

from evidence.export.sheets import ExhibitSheet, ExportInfo, found_text, verify_steps

STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em;"
    "text-align:left;vertical-align:top;word-break:break-all}th{background:#eee;width:12em}"
    "img{max-width:100%;max-height:40em;border:1px solid #999}"
    "section{page-break-before:always}"
)


def _e(value: object) -> str:
    return escape("—" if value in (None, "") else str(value))


def _rows(out: TextIO, rows: list[tuple[str, object]]) -> None:
    out.write("<table>\n")
    for label, value in rows:
        out.write(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>\n")
    out.write("</table>\n")


def _sheet(out: TextIO, sheet: ExhibitSheet) -> None:
    out.write(f'<section id="{_e(sheet.reference)}"><h2>Exhibit {_e(sheet.reference)}</h2>\n')
    out.write(f"<p>{_e(sheet.title)}</p>\n")
    if sheet.screenshot:
        # The report sits in data/, beside captures/.
        src = escape(sheet.screenshot.removeprefix("data/"), quote=True)
        out.write(f'<p><a href="{src}"><img src="{src}" alt="Screenshot"></a></p>\n')
    rows: list[tuple[str, object]] = [
        ("URL", sheet.url),
        ("Final URL", sheet.final_url),
        ("Captured at (UTC)", sheet.captured_at),
        ("HTTP status", sheet.http_status),
        ("Server IP", sheet.server_ip),
        ("Capture", f"{sheet.capture_id} ({sheet.capture_uuid}), {sheet.status}"),
        ("Seller", sheet.seller),
        ("Price", sheet.price),
        ("How found", found_text(sheet)),
    ]
    rows += [(f"SHA-256 {a.kind}", f"{a.sha256} {a.bundle_path}") for a in sheet.artefacts]
    rows += [("Error", error) for error in sheet.errors]
    rows += list(sheet.triage)
    _rows(out, rows)
    out.write("</section>\n")


def write_html(out: Path, info: ExportInfo, sheets: Iterable[ExhibitSheet]) -> None:
    """Write the report to ``out`` (in the bag's ``data/``; screenshots linked relatively)."""
    with out.open("w", encoding="utf-8") as fh:
        fh.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n')
        fh.write(f"<title>Evidence report: case {_e(info.case)}</title>\n")
        # No scripts, no remote resources: the report must open offline and run nothing.
        fh.write(
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "img-src 'self'; style-src 'unsafe-inline'\">\n"
        )
        fh.write(f"<style>{STYLE}</style></head><body>\n")
        fh.write(f"<h1>Evidence report: case {_e(info.case)}</h1>\n")
        _rows(
            fh,
            [
                ("Case", info.case),
                ("Organisation", info.organisation),
                ("Operator (export)", info.operator),
                ("Capture period (UTC)", f"{info.period_start} to {info.period_end}"),
                ("Exhibits", info.exhibit_range),
                ("Captures", info.captures),
                ("Exported at (UTC)", info.exported_at),
                ("Export id", info.export_id),
                ("Software", f"{info.software} {info.version}"),
            ],
        )
        fh.write("<h2>How to verify</h2>\n<ol>\n")
        fh.writelines(f"<li>{_e(step)}</li>\n" for step in verify_steps())
        fh.write("</ol>\n")
        for sheet in sheets:
            _sheet(fh, sheet)
        fh.write("</body></html>\n")
