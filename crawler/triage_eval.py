"""Evaluate triage on the labelled demo marketplace: crawl it for real, then score the scores.

``python -m crawler.triage_eval [--workdir DIR]`` prints ROC AUC, precision and recall as JSON;
:func:`run` is what ``make bench`` calls.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.demo.images import render_png
from crawler.demo.labelled import (
    LABELLED_KEYWORDS,
    REFERENCE_IMAGES,
    labelled_catalogue,
    labels_by_slug,
)
from crawler.demo.server import DemoSite
from evidence.triage.evaluation import Evaluation, evaluate

CASE = "triage-eval"


def _jasper(*args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"JASPER_OPERATOR": os.environ.get("JASPER_OPERATOR", "triage-eval")}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def add_references(workdir: Path) -> None:
    """Put the labelled brands' official images in the reference library."""
    folder = workdir.parent / f"{workdir.name}-references"
    folder.mkdir(parents=True, exist_ok=True)
    for brand, names in REFERENCE_IMAGES.items():
        paths = []
        for name in names:
            path = folder / f"{name}.png"
            path.write_bytes(render_png(name))
            paths.append(str(path))
        result = _jasper("reference", "add", brand, *paths, "--workdir", str(workdir))
        if result.returncode != 0:
            raise RuntimeError(f"jasper reference add failed: {result.stderr.strip()}")


def crawl_labelled(site: DemoSite, workdir: Path, case: str = CASE) -> list[dict[str, Any]]:
    """Crawl the labelled site into ``workdir``; the triage queue (listings, highest first)."""
    add_references(workdir)
    keywords = workdir.parent / f"{workdir.name}-keywords.txt"
    keywords.write_text("\n".join(LABELLED_KEYWORDS) + "\n", encoding="utf-8")
    search = site.search_url_template
    result = _jasper("crawl", "--case", case, "--keywords", str(keywords),
                     "--search-url", search, "--workdir", str(workdir))  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"jasper crawl failed: {result.stdout[-2000:]}{result.stderr[-2000:]}")
    listed = _jasper("listings", "--case", case, "--workdir", str(workdir), "--format", "json",
                     "--sort", "score")  # fmt: skip
    if listed.returncode != 0:
        raise RuntimeError(f"jasper listings failed: {listed.stderr.strip()}")
    records: list[dict[str, Any]] = json.loads(listed.stdout)
    return records


def slug(url: str) -> str:
    """The demo listing slug of an item URL."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def score_listings(records: list[dict[str, Any]], threshold: float = 0.5) -> Evaluation:
    """Evaluate crawled listing records against the labels."""
    labels = labels_by_slug()
    pairs = [
        (r["score"] or 0.0, labels[slug(r["url"])]) for r in records if slug(r["url"]) in labels
    ]
    return evaluate(pairs, threshold)


def run(workdir: Path | None = None, threshold: float = 0.5) -> dict[str, Any]:
    """Crawl the labelled site and return the evaluation (and any missed listings)."""
    with tempfile.TemporaryDirectory(prefix="jasper-triage-") as tmp:
        target = workdir or Path(tmp) / "work"
        with DemoSite([listing for listing, _ in labelled_catalogue()]) as site:
            records = crawl_labelled(site, target)
        evaluation = score_listings(records, threshold)
        missing = sorted(set(labels_by_slug()) - {slug(r["url"]) for r in records})
        return {"evaluation": evaluation.as_json(), "listings": len(records), "missing": missing}


def bench_lines() -> Iterator[str]:
    """``make bench`` figures: triage quality on a real crawl of the labelled demo site."""
    e = run()["evaluation"]
    yield (
        f"Triage on the labelled demo ({e['n']} listings, {e['positives']} counterfeit): "
        f"ROC AUC {e['roc_auc']:.3f}; at score >= {e['threshold']}: precision "
        f"{e['precision']:.2f}, recall {e['recall']:.2f} ({e['false_positives']} false "
        f"positives, {e['false_negatives']} missed)."
    )


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point: print the evaluation as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=None, help="Keep the crawl here.")
    parser.add_argument("--threshold", type=float, default=0.5, help="Flag at this score.")
    args = parser.parse_args(argv)
    json.dump(run(args.workdir, args.threshold), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
