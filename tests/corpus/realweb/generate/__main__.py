"""Write every generated page to ``pages/`` and the labels to ``labels.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import amazon, classifieds, ebay, marketplaces, regional, shops, styles, tweaks, walls
from .kit import Page

ROOT = Path(__file__).resolve().parent.parent
MODULES = [amazon, ebay, marketplaces, shops, classifieds, regional, walls]


def build() -> list[Page]:
    """Every page of the corpus, in a stable order."""
    pages: list[Page] = []
    for module in MODULES:
        pages.extend(module.listings())
        pages.extend(module.nonlistings())
    tweaks.apply(pages)
    styles.apply(pages)
    slugs = [p.slug for p in pages]
    dupes = {s for s in slugs if slugs.count(s) > 1}
    if dupes:
        raise SystemExit(f"duplicate slugs: {sorted(dupes)}")
    return pages


def main() -> None:
    """Regenerate ``pages/`` and ``labels.json`` (files not generated here are left alone)."""
    pages = build()
    out = ROOT / "pages"
    out.mkdir(exist_ok=True)
    for page in pages:
        (out / f"{page.slug}.html").write_bytes(page.data())
    labels = [page.label() for page in pages]
    (ROOT / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    listings = sum(1 for p in pages if p.kind == "listing")
    print(f"{len(pages)} pages ({listings} listings) written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
