"""The HTML reports: ``report.html`` (every exhibit), a ``sheet.html`` in each exhibit's folder,
and ``index.html`` to browse them offline, with thumbnails and a search box.

Every value is escaped; the pages load nothing from outside the bundle (a Content Security
Policy says so to the browser) and use font subsets shipped in ``data/fonts/``, so listings
in any script read the same on any machine. The search box is a small script file in the
bundle; without it the index still lists everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TextIO

from evidence.export.fonts import font_face_css, plan_for, write_web_fonts
from evidence.export.images import top_thumbnail
from evidence.export.network_chart import SellerChart
from evidence.export.sheets import ExhibitSheet, ExportInfo, found_text, http_text, verify_steps
from evidence.triage import DISCLAIMER

FONTS = "fonts"
THUMB_WIDTH = 320
CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; font-src 'self'; "
    "script-src 'self'"
)
STYLE = (
    "body{{font-family:{families};max-width:64em;margin:2em auto;padding:0 1em;color:#222}}"
    "table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #999;padding:.3em;"
    "text-align:left;vertical-align:top;overflow-wrap:anywhere}}th{{background:#eee;width:14em}}"
    "img.shot{{max-width:100%;border:1px solid #999}}section{{page-break-before:always}}"
    ".what{{font-size:1.1em;background:#f6f6f0;padding:.5em;border-left:4px solid #b12704}}"
    "#list td{{border:none;border-bottom:1px solid #ddd}}#list img{{width:160px}}"
    "input{{font-size:1.1em;width:100%;padding:.3em;margin:.5em 0}}"
)
SEARCH_JS = """\
// Filters the exhibit list as you type; runs only what is in this file.
document.getElementById("q").addEventListener("input", function (event) {
  var words = event.target.value.toLowerCase().split(/\\s+/).filter(Boolean);
  var shown = 0;
  document.querySelectorAll("#list tr[data-text]").forEach(function (row) {
    var text = row.getAttribute("data-text");
    var match = words.every(function (w) { return text.indexOf(w) >= 0; });
    row.hidden = !match;
    if (match) shown++;
  });
  document.getElementById("count").textContent = shown;
});
"""


def _e(value: object) -> str:
    return escape("—" if value in (None, "") else str(value))


def _rows(out: TextIO, rows: Iterable[tuple[str, object]]) -> None:
    out.write("<table>\n")
    for label, value in rows:
        out.write(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>\n")
    out.write("</table>\n")


def _head(out: TextIO, title: str, fonts_at: str, fonts: list[tuple[str, str]]) -> None:
    rules, families = font_face_css(fonts, fonts_at)
    out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n')
    out.write(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n')
    out.write(f"<title>{_e(title)}</title>\n")
    out.write(f"<style>{rules}{STYLE.format(families=families)}</style></head><body>\n")


def _sheet(out: TextIO, info: ExportInfo, sheet: ExhibitSheet, to_data: str) -> None:
    """One exhibit; ``to_data`` leads from the page's folder to ``data/``."""
    out.write(
        f'<section id="{_e(sheet.reference)}"><h2>{_e(sheet.heading)}: '
        f"{_e(sheet.nature_label)}</h2>\n"
    )
    out.write(f'<p dir="auto"><strong>{_e(sheet.short_title)}</strong></p>\n')
    out.write(f'<p class="what">{_e(sheet.nature)}</p>\n')
    if sheet.screenshot:
        src = escape(to_data + sheet.screenshot.removeprefix("data/"), quote=True)
        out.write(
            f'<p><a href="{src}"><img class="shot" src="{src}" alt="Screenshot of '
            f'{_e(sheet.reference)}"></a></p>\n'
        )
    else:
        out.write(f"<p><strong>{_e(sheet.no_screenshot)}</strong></p>\n")
    out.write("<h3>What the page says (as extracted at capture)</h3>\n")
    if sheet.kind == "search":
        _rows(
            out,
            [
                ("Search", found_text(sheet)),
                ("Listings in this bundle found here", ", ".join(sheet.found_listings)),
            ],
        )
    else:
        out.write("<table>\n")
        for label, value in (
            ("Title", sheet.title),
            ("Description", sheet.description),
            ("Seller", sheet.seller),
            ("Price", sheet.price),
            ("Contacts in the text", "; ".join(sheet.contacts)),
        ):
            out.write(f'<tr><th>{_e(label)}</th><td dir="auto">{_e(value)}</td></tr>\n')
        out.write("</table>\n")
    out.write("<h3>The capture</h3>\n")
    rows: list[tuple[str, object]] = [
        ("Captured at", info.when(sheet.captured_at)),
        ("URL", sheet.url),
        ("Final URL", sheet.final_url),
        ("How found", found_text(sheet)),
        ("HTTP status", http_text(sheet)),
        ("Server IP address", sheet.server_ip),
        ("Server certificate", sheet.certificate),
        ("Capture", f"{sheet.capture_id} ({sheet.capture_uuid}), {sheet.status}"),
    ]
    rows += list(sheet.timestamp)
    rows += [(f"SHA-256 of the {a.kind}", f"{a.sha256} {a.bundle_path}") for a in sheet.artefacts]
    rows += [("Failed step", error) for error in sheet.errors]
    rows += list(sheet.triage)
    _rows(out, rows)
    out.write("</section>\n")


def _cover(out: TextIO, info: ExportInfo) -> None:
    _rows(
        out,
        [
            ("Case", info.case),
            ("Organisation", info.organisation),
            ("Producer (who exported)", info.operator),
            ("Exhibits", info.exhibit_range),
            ("Capture period", f"{info.when(info.period_start)} to {info.when(info.period_end)}"),
            ("Exported at", info.when(info.exported_at)),
            ("Export id", info.export_id),
            ("Software", f"{info.software} {info.version}"),
            ("Signing key", info.fingerprint),
            ("Time-stamps failed", info.stamps_failed),
        ],
    )
    out.write("<h2>How to verify</h2>\n<ol>\n")
    out.writelines(f"<li>{_e(step)}</li>\n" for step in verify_steps(info))
    out.write("</ol>\n")


def _thumbnail(payload: Path, sheet: ExhibitSheet) -> str | None:
    """A small picture of the top of the screenshot, in the exhibit's folder."""
    if not sheet.screenshot or not sheet.folder:
        return None
    target = payload / sheet.folder.removeprefix("data/") / "thumbnail.jpg"
    top_thumbnail(payload / sheet.screenshot.removeprefix("data/"), target, THUMB_WIDTH)
    return f"{sheet.folder.removeprefix('data/')}/thumbnail.jpg"


def _index(out: TextIO, payload: Path, info: ExportInfo, sheets: list[ExhibitSheet]) -> None:
    out.write(f"<h1>Evidence bundle: case {_e(info.case)}</h1>\n")
    out.write(
        f'<p>Exhibits {_e(info.exhibit_range)}. Open <a href="report.html">the full report'
        '</a>, <a href="report.pdf">the PDF</a> (or its volumes), <a href="seller-network.svg'
        '">the seller network</a>, <a href="listings.json">listings.json</a>, and '
        '<a href="VERIFY.txt">VERIFY.txt</a> (how to check this bundle and replay the web '
        "archive).</p>\n"
    )
    out.write(
        '<input id="q" type="search" placeholder="Search exhibits: title, seller, '
        'address, reference..." aria-label="Search exhibits">\n'
    )
    out.write(f'<p><span id="count">{len(sheets)}</span> of {len(sheets)} exhibits</p>\n')
    out.write('<table id="list">\n')
    for sheet in sheets:
        thumb = _thumbnail(payload, sheet)
        folder = sheet.folder.removeprefix("data/")
        text = " ".join(
            x
            for x in (
                sheet.reference,
                sheet.title,
                sheet.seller,
                sheet.url,
                sheet.description,
                sheet.keyword,
                sheet.nature_label,
                sheet.price,
            )
            if x
        ).lower()
        picture = (
            f'<a href="{escape(sheet.screenshot.removeprefix("data/"), quote=True)}">'
            f'<img src="{escape(thumb, quote=True)}" alt="Screenshot of '
            f'{_e(sheet.reference)}"></a>'
            if thumb and sheet.screenshot
            else _e(sheet.no_screenshot)
        )
        out.write(
            f'<tr data-text="{escape(text, quote=True)}"><td>{picture}</td><td>'
            f'<a href="{escape(folder, quote=True)}/sheet.html"><strong>{_e(sheet.reference)}'
            f'</strong></a> · {_e(sheet.nature_label)}<br><span dir="auto">'
            f"{_e(sheet.short_title)}</span><br>"
            + (
                f"{escape(' '.join(x for x in (sheet.seller, sheet.price) if x))}<br>"
                if sheet.seller or sheet.price
                else ""
            )
            + f"<small>{_e(info.when(sheet.captured_at))}<br>{_e(sheet.url)}</small></td></tr>\n"
        )
    out.write('</table>\n<script src="index.js"></script>\n')


def write_html_reports(
    payload: Path,
    info: ExportInfo,
    sheets: list[ExhibitSheet],
    chart: SellerChart,
    texts: list[str],
) -> None:
    """``report.html``, ``index.html`` and each exhibit's ``sheet.html`` under ``payload``."""
    plan = plan_for([*texts, info.case, info.organisation, info.operator], pdf=False)
    fonts = write_web_fonts(plan, payload / FONTS)
    title = f"Evidence report: case {info.case}"
    with (payload / "report.html").open("w", encoding="utf-8") as fh:
        _head(fh, title, f"{FONTS}/", fonts)
        fh.write(f"<h1>{_e(title)}</h1>\n")
        _cover(fh, info)
        fh.write(
            f"<h2>Seller network</h2>\n<p><em>{_e(DISCLAIMER)}</em></p>\n"
            '<p><img src="seller-network.svg" alt="Seller network"></p>\n'
        )
        for sheet in sheets:
            _sheet(fh, info, sheet, "")
        fh.write("</body></html>\n")
    for sheet in sheets:
        folder = payload / sheet.folder.removeprefix("data/")
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "sheet.html").open("w", encoding="utf-8") as fh:
            _head(fh, f"{sheet.heading}: case {info.case}", f"../../{FONTS}/", fonts)
            fh.write(f'<p><a href="../../index.html">All exhibits</a> · case {_e(info.case)}</p>\n')
            _sheet(fh, info, sheet, "../../")
            fh.write("</body></html>\n")
    with (payload / "index.html").open("w", encoding="utf-8") as fh:
        _head(fh, f"Exhibits: case {info.case}", f"{FONTS}/", fonts)
        _index(fh, payload, info, sheets)
        fh.write("</body></html>\n")
    (payload / "index.js").write_text(SEARCH_JS, encoding="utf-8")
    (payload / FONTS / "README.txt").write_text(
        "Subsets of the fonts used by the HTML reports (Noto and others, SIL Open Font "
        "License), holding only the characters the reports need.\n"
        + json.dumps(dict(fonts), indent=1)
        + "\n",
        encoding="utf-8",
    )
