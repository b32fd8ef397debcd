"""Extraction quality and cost on the real-web corpus (and the development sets present).

``python -m crawler.bench_extraction [--devset DIR]`` (and ``make bench``) scores
:func:`crawler.extract.extract_product` with ``tests/corpus/evaluate.py`` in a child process
and prints, per page set: listings recognised, fields right (price, currency, title, brand),
non-listings wrongly kept, seconds per page and the child's peak memory. The corpus lives in
the source tree (``tests/corpus/realweb``): run it from a checkout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
from rich import box
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "realweb"
# Development sets (third-party pages, never committed): every set under shared/devsets
# beside the checkout, unless --devset names others.
SHARED_DEVSETS = ROOT.parent / "shared" / "devsets"
EXTRACTOR = "crawler.extract:extract_product"


def devsets() -> list[Path]:
    """The development sets present beside the checkout."""
    return sorted(p for p in SHARED_DEVSETS.glob("*") if (p / "labels.json").is_file())


def _peak_rss(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait for a child, sampling its resident memory; (peak bytes, its stderr)."""
    watched = psutil.Process(proc.pid)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, watched.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    done.set()
    sampler.join()
    return peak, stderr


def measure(devsets: list[Path]) -> tuple[dict[str, Any], float]:
    """Score the extractor on the corpus and ``devsets`` in a child process: (figures, peak
    memory of the child in MB)."""
    if not CORPUS.is_dir():
        raise SystemExit(f"bench: the real-web corpus is not at {CORPUS}: run from a checkout")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        cmd = [sys.executable, "-m", "tests.corpus.evaluate", "--extractor", EXTRACTOR,
               "--corpus", str(CORPUS), "--json", str(out)]  # fmt: skip
        for devset in devsets:
            cmd += ["--devset", str(devset)]
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        peak, stderr = _peak_rss(proc)
        if proc.returncode != 0:
            raise SystemExit(f"bench: extraction scoring failed: {stderr.strip()[-500:]}")
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return figures, peak / 2**20


def _pct(pair: list[int]) -> str:
    hit, total = pair
    return f"{hit}/{total} {hit / total:.0%}" if total else "-"


def table(figures: dict[str, Any], peak_mb: float) -> Table:
    """The figures as a table: one column per page set."""
    out = Table(title="Listing extraction on labelled pages", box=box.SIMPLE, title_justify="left")
    out.add_column("")
    for name, f in figures.items():
        out.add_column(f"{name.removeprefix('devset:')} ({f['pages']} pages)", justify="right")
    rows: list[tuple[str, Any]] = [
        ("Listings recognised", lambda f: _pct([f["recognised"], f["listings"]])),
        ("Price right (priced listings)", lambda f: _pct(f["price"])),
        ("Currency right", lambda f: _pct(f["currency"])),
        ("Title right", lambda f: _pct(f["title"])),
        ("Brand right (where stated)", lambda f: _pct(f["brand"])),
        ("Non-listings wrongly kept", lambda f: _pct([f["wrongly_kept"], f["non_listings"]])),
        ("Seconds per page", lambda f: f"{f['seconds_per_page']:.3f}"),
    ]
    for label, value in rows:
        out.add_row(label, *(value(f) for f in figures.values()))
    out.add_row("Peak memory (scoring process)", f"{peak_mb:.0f} MB")
    return out


def bench_lines(sets: list[Path] | None = None) -> Iterator[Table]:
    """What ``make bench`` prints about extraction (the dev sets found on this machine)."""
    found = [d for d in (sets if sets is not None else devsets()) if d.is_dir()]
    figures, peak = measure(found)
    yield table(figures, peak)


def main(argv: list[str] | None = None) -> None:
    """Score extraction and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devset", type=Path, action="append", default=None,
                        help="a development set (labels.json and pages/); repeatable")  # fmt: skip
    args = parser.parse_args(argv)
    console = Console(width=100)
    for line in bench_lines(args.devset):
        console.print(line)


if __name__ == "__main__":
    main()
