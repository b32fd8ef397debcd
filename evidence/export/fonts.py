"""Fonts for the reports: which installed font draws each character of the exported text.

Listings are written in every script, so the PDF and HTML reports cannot rely on one font.
A :class:`FontPlan` reads the cmap of the Noto fonts (and a few fallbacks) installed on the
exporting machine and assigns every character to the first font that has it. The PDF embeds
subsets of those fonts (ReportLab needs TrueType outlines, so the CFF-outlined Noto CJK subset
is converted with fontTools); the HTML report ships subsets beside it. Characters no font has
are counted, so the report can say so rather than silently draw empty boxes.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
)
# (label, file name, collection index), in the order they are tried for a character. Noto
# first (Latin, Greek, Cyrillic), then the scripts of the trade, then symbols and fallbacks.
CANDIDATES: tuple[tuple[str, str, int], ...] = (
    ("Noto Sans", "NotoSans-Regular.ttf", 0),
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", 0),
    ("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", 0),
    ("Noto Sans Thai", "NotoSansThai-Regular.ttf", 0),
    ("Noto Sans Devanagari", "NotoSansDevanagari-Regular.ttf", 0),
    ("Noto Sans Bengali", "NotoSansBengali-Regular.ttf", 0),
    ("Noto Sans Tamil", "NotoSansTamil-Regular.ttf", 0),
    ("Noto Sans Armenian", "NotoSansArmenian-Regular.ttf", 0),
    ("Noto Sans Georgian", "NotoSansGeorgian-Regular.ttf", 0),
    ("Noto Sans Khmer", "NotoSansKhmer-Regular.ttf", 0),
    ("Noto Sans Lao", "NotoSansLao-Regular.ttf", 0),
    ("Noto Sans Myanmar", "NotoSansMyanmar-Regular.ttf", 0),
    ("Noto Sans Ethiopic", "NotoSansEthiopic-Regular.ttf", 0),
    ("Noto Sans CJK SC", "NotoSansCJK-Regular.ttc", 2),  # index 2: Simplified Chinese
    ("Noto Sans Symbols", "NotoSansSymbols-Regular.ttf", 0),
    ("Noto Sans Symbols 2", "NotoSansSymbols2-Regular.ttf", 0),
    ("Noto Color Emoji", "NotoColorEmoji.ttf", 0),  # bitmaps: HTML only
    ("Symbola", "Symbola_hint.ttf", 0),  # emoji as outlines, for the PDF
    ("Symbola", "Symbola.ttf", 0),
    ("DejaVu Sans", "DejaVuSans.ttf", 0),
    ("Noto Sans Math", "NotoSansMath-Regular.ttf", 0),
)
BOLD = {"NotoSans-Regular.ttf": "NotoSans-Bold.ttf", "DejaVuSans.ttf": "DejaVuSans-Bold.ttf"}
# Characters drawn with their neighbour's font (marks, joiners, variation selectors).
JOINING = {"Mn", "Me", "Cf"}
RTL = {"R", "AL"}


@dataclass(frozen=True)
class FontFile:
    """One installed font: its label, file, index in a collection, and outline kind."""

    label: str
    path: Path
    index: int
    outlines: str  # glyf | CFF | bitmap
    chars: frozenset[int] = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        """A short name without spaces, unique per file and index."""
        stem = "".join(ch for ch in self.label if ch.isalnum())
        return f"{stem}{self.index or ''}"


@cache
def _installed() -> dict[str, Path]:
    """Font files under the usual folders, by file name (first found wins)."""
    found: dict[str, Path] = {}
    for root in FONT_DIRS:
        if not root.is_dir():
            continue
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                found.setdefault(name, Path(folder) / name)
    return found


def find_font(name: str) -> Path | None:
    """An installed font file by name, e.g. ``NotoSans-Bold.ttf``."""
    return _installed().get(name)


@cache
def _load(label: str, path: Path, index: int) -> FontFile | None:
    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        chars = frozenset(font.getBestCmap() or {})
        if "glyf" in font:
            outlines = "glyf"
        elif "CFF " in font:
            outlines = "CFF"
        else:
            outlines = "bitmap"
        font.close()
    except Exception:  # an unreadable font file is just not a candidate
        return None
    return FontFile(label, path, index, outlines, chars)


@cache
def available_fonts() -> tuple[FontFile, ...]:
    """The candidate fonts installed on this machine, in the order they are tried."""
    fonts = []
    for label, name, index in CANDIDATES:
        path = find_font(name)
        if path is not None and (loaded := _load(label, path, index)) is not None:
            fonts.append(loaded)
    return tuple(fonts)


def _drawable(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp")


@dataclass
class FontPlan:
    """Which font draws each character of a body of text, for one medium (PDF or web)."""

    texts: tuple[str, ...]
    pdf: bool = True
    fonts: tuple[FontFile, ...] = field(default_factory=available_fonts)

    def __post_init__(self) -> None:
        self.usable = tuple(f for f in self.fonts if not (self.pdf and f.outlines == "bitmap"))
        chars = set().union(*map(set, self.texts)) if self.texts else set()
        self.choice: dict[str, FontFile | None] = {
            ch: next((f for f in self.usable if ord(ch) in f.chars), None) for ch in chars
        }
        # What each font must hold: whole words go to one font where one font has them all.
        self.font_chars: dict[int, set[str]] = {}
        for text in self.texts:
            for font, run in self.runs(text):
                if font is not None:
                    self.font_chars.setdefault(id(font), set()).update(run)

    @property
    def used(self) -> list[FontFile]:
        """The fonts that draw at least one character, in candidate order."""
        return [f for f in self.usable if id(f) in self.font_chars]

    @property
    def missing(self) -> list[str]:
        """Characters no installed font has (they would be drawn as empty boxes)."""
        return sorted(ch for ch, f in self.choice.items() if f is None and _drawable(ch))

    def chars_of(self, font: FontFile) -> str:
        """The characters this plan draws with ``font``."""
        return "".join(sorted(self.font_chars.get(id(font), ())))

    def _word_font(self, word: str) -> FontFile | None:
        """The first font that draws every character of ``word``, if one does."""
        drawable = [ord(ch) for ch in word if _drawable(ch)]
        return next((f for f in self.usable if all(c in f.chars for c in drawable)), None)

    def runs(self, text: str) -> Iterator[tuple[FontFile | None, str]]:
        """``text`` cut into runs of one font each: a whole word in one font where one font
        has all of it (shaping works word by word), else character by character (marks and
        joiners stay with the character before)."""
        current: FontFile | None = None
        run = ""
        for word in re.split(r"(\s+)", text):
            if not word:
                continue
            whole = self._word_font(word) if not word.isspace() else current
            pieces = (
                [(whole, word)]
                if whole is not None or word.isspace()
                else [(self.choice.get(ch), ch) for ch in word]
            )
            for font, piece in pieces:
                joins = run and unicodedata.category(piece[0]) in JOINING
                if run and (font is current or joins):
                    run += piece
                    continue
                if run:
                    yield current, run
                current, run = font, piece
        if run:
            yield current, run

    def mixed_words(self, text: str) -> bool:
        """True when a word of ``text`` needs two fonts (HarfBuzz shaping in ReportLab takes
        one font per word, so such a paragraph is laid out unshaped)."""
        return any(
            self._word_font(word) is None
            and len({id(self.choice.get(ch)) for ch in word if _drawable(ch)}) > 1
            for word in text.split()
        )


def plan_for(texts: Iterable[str], *, pdf: bool) -> FontPlan:
    """A plan for every character of ``texts``."""
    return FontPlan(tuple(t for t in texts if t), pdf=pdf)


# -- right-to-left text ---------------------------------------------------------------------


def has_rtl(text: str) -> bool:
    """True when ``text`` holds Arabic, Hebrew or other right-to-left letters."""
    return any(unicodedata.bidirectional(ch) in RTL for ch in text)


def visual_order(text: str) -> str:
    """Words in display order for a left-to-right layout engine, letters kept logical.

    ReportLab lays words out left to right and shapes each word with HarfBuzz (which turns a
    right-to-left word itself); the bidi algorithm (python-bidi) orders the words.
    """
    if not has_rtl(text):
        return text
    from bidi import get_display

    words = get_display(text).split(" ")
    return " ".join(w[::-1] if has_rtl(w) else w for w in words)


# -- PDF (ReportLab) -------------------------------------------------------------------------


def _to_truetype(font: TTFont) -> None:
    """Convert a CFF-outlined font to TrueType outlines in place (ReportLab embeds only those)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def subset_bytes(font: FontFile, chars: str, *, truetype: bool = False) -> bytes:
    """A subset of ``font`` holding ``chars`` (with its layout features, for shaping)."""
    loaded = TTFont(font.path, fontNumber=font.index)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars + " ")  # runs keep their spaces
    subsetter.subset(loaded)
    if truetype and "CFF " in loaded:
        _to_truetype(loaded)
    out = io.BytesIO()
    loaded.save(out)
    return out.getvalue()


@dataclass
class PdfFonts:
    """The plan's fonts registered with ReportLab, and the markup that uses them."""

    plan: FontPlan
    names: dict[int, str]  # id(FontFile) -> ReportLab font name
    regular: str
    bold: str

    def markup(self, text: str | None, *, bold: bool = False) -> str:
        """``text`` as ReportLab paragraph markup, each run in a font that has it."""
        if not text:
            return "—"
        text = visual_order(text)
        parts = []
        for font, run in self.plan.runs(text):
            if font is None or (bold and self.names.get(id(font)) == self.regular):
                name = self.bold if bold else self.regular
            else:
                name = self.names[id(font)]
            parts.append(f'<font face="{name}">{escape(run)}</font>')
        return "".join(parts).replace("\n", "<br/>")

    def best_single(self, text: str) -> str:
        """The one font that draws most of ``text`` (for drawings, one font per label)."""
        counts: dict[str, int] = {}
        for font, run in self.plan.runs(text):
            name = self.names.get(id(font), self.regular) if font else self.regular
            counts[name] = counts.get(name, 0) + len(run)
        return max(counts, key=lambda k: counts[k]) if counts else self.regular


def register_pdf_fonts(plan: FontPlan) -> PdfFonts:
    """Register every font the plan uses with ReportLab (embedded as subsets in the PDF)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont

    _fix_reportlab_astral_cmap()
    names: dict[int, str] = {}
    for font in plan.used:
        if font.outlines == "glyf":
            source: object = str(font.path)
            name = f"J-{font.key}"
        else:  # CFF: a TrueType subset of just the characters used, named by its content
            data = subset_bytes(font, plan.chars_of(font), truetype=True)
            source = io.BytesIO(data)
            name = f"J-{font.key}-{hashlib.sha256(data).hexdigest()[:10]}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(
                ReportLabFont(
                    name, source, subfontIndex=font.index if font.outlines == "glyf" else 0
                )
            )
        names[id(font)] = name
    regular, bold = "Helvetica", "Helvetica-Bold"
    primary = next((f for f in plan.usable if f.path.name in BOLD), None)
    if primary is not None:
        if id(primary) not in names:
            name = f"J-{primary.key}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(ReportLabFont(name, str(primary.path)))
            names[id(primary)] = name
        regular = names[id(primary)]
        bold_path = find_font(BOLD[primary.path.name])
        if bold_path is not None:
            bold = f"J-{primary.key}-Bold"
            if bold not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(ReportLabFont(bold, str(bold_path)))
        else:
            bold = regular
    return PdfFonts(plan, names, regular, bold)


def _to_unicode_cmap(fontname: str, codes: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF spelled in UTF-16."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(codes) - 1:02X}>",
        "endcodespacerange",
        f"{len(codes)} beginbfchar",
    ]
    lines += [
        f"<{i:02X}> <{chr(c).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, c in enumerate(codes)
    ]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


@cache
def _fix_reportlab_astral_cmap() -> None:
    """Make ReportLab's ToUnicode maps spell emoji (beyond U+FFFF) correctly.

    ReportLab writes ``<%04X>`` for every character, which for U+1F525 gives five hex digits
    that PDF readers misread: the text layer would hold the wrong character.
    """
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


# -- web (HTML) ------------------------------------------------------------------------------


def write_web_fonts(plan: FontPlan, folder: Path) -> list[tuple[str, str]]:
    """Write a subset of each font the plan uses to ``folder``; return (family, file name)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for font in plan.used:
        suffix = ".otf" if font.outlines == "CFF" else ".ttf"
        name = f"{font.key}{suffix}"
        (folder / name).write_bytes(subset_bytes(font, plan.chars_of(font)))
        written.append((f"Jasper {font.label}", name))
    return written


def font_face_css(fonts: list[tuple[str, str]], prefix: str) -> tuple[str, str]:
    """``@font-face`` rules for fonts under ``prefix``, and the font-family list using them."""
    rules = "".join(
        f"@font-face{{font-family:'{family}';src:url('{prefix}{name}')}}" for family, name in fonts
    )
    families = ",".join(f"'{family}'" for family, _ in fonts)
    return rules, (families + "," if families else "") + "sans-serif"
