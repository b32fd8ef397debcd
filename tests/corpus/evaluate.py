"""Score a product extractor over the real-web corpus, and over development sets if present.

An extractor is a callable ``(html, url) -> object | None``: None means "not a listing";
otherwise the object (or dict) carries ``title``, ``price``, ``currency`` and, where it can,
``brand``. Pages are given exactly as the corpus server serves them (no browser), redirects
followed inside the corpus, with the page's original URL. Run it on the current extractor with
``python -m tests.corpus.evaluate [--devset DIR] [--failures]``.

Comparisons: price by Decimal equality; currency as upper-case ISO 4217 code; title after
Unicode and whitespace normalisation and case folding, right when one contains the other and the
shorter keeps at least 60% of the longer (a site-name suffix or a brand prefix is not an error);
brand likewise, only where the page states a brand.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from tests.corpus.server import CORPUS_DIR, Corpus, CorpusPage

Extractor = Callable[[str, str], object | None]
WIDTH = 100
TITLE_SHARE = 0.6
MAX_REDIRECTS = 5


@dataclass
class Outcome:
    """How the extractor did on one page."""

    file: str
    kind: str
    features: list[str]
    kept: bool
    error: str | None = None
    checks: dict[str, bool] = field(default_factory=dict)  # price/currency/title/brand: right?
    got: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)

    @property
    def listing(self) -> bool:
        """Whether the page is labelled a listing."""
        return self.kind == "listing"

    @property
    def failed(self) -> list[str]:
        """What went wrong: missed, kept, or the fields that were wrong (brand included)."""
        if not self.listing:
            return ["kept"] if self.kept else []
        if not self.kept:
            return ["missed"]
        return [name for name, ok in self.checks.items() if not ok]

    @property
    def core_failed(self) -> bool:
        """Missed, wrongly kept, or price, currency or title wrong (brand is reported apart)."""
        return any(what != "brand" for what in self.failed)


def normalise(text: Any) -> str:
    """Text compared case-, width- and whitespace-insensitively."""
    value = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return " ".join(re.sub(r"[\"'“”‘’«»]", "", value).split())


def text_matches(expected: Any, got: Any) -> bool:
    """Equal after normalising, or one contains the other and the shorter is most of it."""
    e, g = normalise(expected), normalise(got)
    if not e or not g:
        return False
    if e == g or e in g:
        return True
    return g in e and len(g) >= TITLE_SHARE * len(e)


def price_matches(expected: Any, got: Any) -> bool:
    """Decimal equality; an unparseable price is wrong."""
    try:
        return Decimal(str(expected)) == Decimal(str(got))
    except (InvalidOperation, ValueError):
        return False


def attribute(obj: object, name: str) -> Any:
    """A field of the extractor's result, whether an object or a dict."""
    if isinstance(obj, dict):
        return obj.get(name)
    value = getattr(obj, name, None)
    if isinstance(value, dict):  # e.g. a brand given as {"name": ...}
        return value.get("name")
    return value


def served(corpus: Corpus, page: CorpusPage) -> tuple[str, str]:
    """The HTML and URL a client ends up with, following redirects inside the corpus."""
    for _ in range(MAX_REDIRECTS):
        location = page.serve.get("location")
        target = corpus.by_url(location) if location else None
        if target is None:
            break
        page = target
    return corpus.text(page), page.url


def judge(extract: Extractor, corpus: Corpus, page: CorpusPage) -> Outcome:
    """Run the extractor on one page and compare with its label."""
    label = page.label
    html, url = served(corpus, page)
    outcome = Outcome(label["file"], page.kind, list(label.get("features", [])), kept=False)
    if outcome.listing:
        outcome.expected = {k: label.get(k) for k in ("title", "price", "currency", "brand")}
    try:
        result = extract(html, url)
    except Exception as exc:  # one page's crash must not end the run; it is reported
        outcome.error = f"{type(exc).__name__}: {exc}"
        return outcome
    outcome.kept = result is not None
    if result is None or not outcome.listing:
        if result is not None:
            outcome.got = {"title": attribute(result, "title")}
        return outcome
    got = {name: attribute(result, name) for name in ("title", "price", "currency", "brand")}
    outcome.got = {k: None if v is None else str(v) for k, v in got.items()}
    if label.get("price") is not None:
        outcome.checks["price"] = price_matches(label["price"], got["price"])
    if label.get("currency"):
        outcome.checks["currency"] = str(got["currency"] or "").upper() == label["currency"]
    outcome.checks["title"] = text_matches(label.get("title"), got["title"])
    if label.get("brand"):
        outcome.checks["brand"] = text_matches(label["brand"], got["brand"]) or text_matches(
            got["brand"], label["brand"]
        )
    return outcome


def score(outcomes: list[Outcome], seconds: float) -> dict[str, Any]:
    """The figures for one set of pages."""
    listings = [o for o in outcomes if o.listing]
    others = [o for o in outcomes if not o.listing]

    def right(name: str) -> tuple[int, int]:
        # a missed listing counts as wrong on every field its label gives
        judged = [o for o in listings if o.expected.get(name) is not None]
        return sum(1 for o in judged if o.checks.get(name)), len(judged)

    features: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        for feature in o.features or ["(none)"]:
            features[feature]["pages"] += 1
            failed = o.failed
            if o.core_failed:
                features[feature]["failed"] += 1
            for what in failed:
                features[feature][what] += 1
    return {
        "pages": len(outcomes),
        "listings": len(listings),
        "non_listings": len(others),
        "recognised": sum(1 for o in listings if o.kept),
        "wrongly_kept": sum(1 for o in others if o.kept),
        "wrongly_kept_by_kind": dict(Counter(o.kind for o in others if o.kept)),
        "price": right("price"),
        "currency": right("currency"),
        "title": right("title"),
        "brand": right("brand"),
        "errors": sum(1 for o in outcomes if o.error),
        "seconds_per_page": seconds / len(outcomes) if outcomes else 0.0,
        "features": {k: dict(v) for k, v in sorted(features.items())},
        "failures": [
            {
                "file": o.file,
                "kind": o.kind,
                "failed": o.failed,
                "expected": o.expected,
                "got": o.got,
                "error": o.error,
            }
            for o in outcomes
            if o.failed or o.error
        ],
    }


def run(extract: Extractor, corpus: Corpus) -> dict[str, Any]:
    """Score the extractor on every page of ``corpus``."""
    started = time.perf_counter()
    outcomes = []
    for page in corpus.pages:
        outcomes.append(judge(extract, corpus, page))
    return score(outcomes, time.perf_counter() - started)


def _pct(pair: tuple[int, int] | list[int]) -> str:
    hit, total = pair
    return f"{hit}/{total} ({hit / total:.0%})" if total else "n/a"


def report(name: str, figures: dict[str, Any], console: Console, failures: bool = False) -> None:
    """Print one set's figures at 100 columns."""
    console.rule(f"[bold]{name}[/bold]: {figures['pages']} pages, {figures['listings']} listings")
    rows = [
        ("Listings recognised", _pct((figures["recognised"], figures["listings"]))),
        (
            "Non-listings wrongly kept",
            _pct((figures["wrongly_kept"], figures["non_listings"]))
            + (f"  {figures['wrongly_kept_by_kind']}" if figures["wrongly_kept_by_kind"] else ""),
        ),
        ("Price right (of priced listings)", _pct(figures["price"])),
        ("Currency right", _pct(figures["currency"])),
        ("Title right", _pct(figures["title"])),
        ("Brand right (where stated)", _pct(figures["brand"])),
        ("Extractor errors", str(figures["errors"])),
        ("Seconds per page", f"{figures['seconds_per_page']:.3f}"),
    ]
    summary = Table(show_header=False, box=None, pad_edge=False)
    summary.add_column(style="bold", width=34)
    summary.add_column()
    for label, value in rows:
        summary.add_row(label, value)
    console.print(summary)
    table = Table(
        title="Failures per feature: a page counts once under each feature it carries;"
        " Failed = missed, kept, or price, currency or title wrong",
        width=WIDTH,
        title_justify="left",
    )
    for col, justify in (
        ("Feature", "left"),
        ("Pages", "right"),
        ("Failed", "right"),
        ("Missed", "right"),
        ("Price", "right"),
        ("Curr.", "right"),
        ("Title", "right"),
        ("Brand", "right"),
        ("Kept", "right"),
    ):
        table.add_column(col, justify=justify, no_wrap=col == "Feature")  # type: ignore[arg-type]
    ranked = sorted(figures["features"].items(), key=lambda kv: (-kv[1].get("failed", 0), kv[0]))
    clean = [feature for feature, c in ranked if not c.get("failed") and not c.get("brand")]
    for feature, c in ranked:
        if feature not in clean:
            table.add_row(
                feature,
                *(
                    str(c.get(k, 0) or "")
                    for k in (
                        "pages",
                        "failed",
                        "missed",
                        "price",
                        "currency",
                        "title",
                        "brand",
                        "kept",
                    )
                ),
            )
    console.print(table)
    if clean:
        console.print(f"No failures on: {', '.join(clean)}", highlight=False, soft_wrap=False)
    if failures:
        for f in figures["failures"]:
            console.print(
                f"[bold]{f['file']}[/bold] ({f['kind']}): {', '.join(f['failed'])}"
                f"{'  ' + f['error'] if f['error'] else ''}",
                highlight=False,
            )
            if f["expected"]:
                console.print(
                    f"    expected {f['expected']}\n    got      {f['got']}",
                    highlight=False,
                    soft_wrap=True,
                )


def evaluate(
    extract: Extractor,
    corpus_dir: Path = CORPUS_DIR,
    devsets: Iterable[Path] = (),
    console: Console | None = None,
    failures: bool = False,
) -> dict[str, Any]:
    """Score ``extract`` on the corpus and every dev set present; print and return the figures."""
    console = console or Console(width=WIDTH)
    figures = {"corpus": run(extract, Corpus(corpus_dir))}
    report("real-web corpus", figures["corpus"], console, failures)
    for devset in devsets:
        if not (devset / "labels.json").is_file():
            console.print(f"dev set {devset}: no labels.json there, skipped")
            continue
        key = f"devset:{devset.name}"
        figures[key] = run(extract, Corpus(devset))
        report(f"dev set {devset.name}", figures[key], console, failures)
    return figures


def load_extractor(spec: str) -> Extractor:
    """``module:function`` to the function."""
    module, _, name = spec.partition(":")
    function: Extractor = getattr(importlib.import_module(module), name)
    return function


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m tests.corpus.evaluate [--devset DIR]... [--extractor MOD:FN]``."""
    parser = argparse.ArgumentParser(description="Score an extractor over the real-web corpus.")
    parser.add_argument("--extractor", default="crawler.extract:extract_product")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument(
        "--devset",
        type=Path,
        action="append",
        default=[],
        help="a directory with labels.json and pages/ (repeatable)",
    )
    parser.add_argument("--failures", action="store_true", help="list every failing page")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--verbose", action="store_true", help="show the extractor's log")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR)
    figures = evaluate(
        load_extractor(args.extractor), args.corpus, args.devset, failures=args.failures
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False, default=list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
