"""``make bench``: the cost of evidence, measured.

Crawls a generated marketplace of N listings twice through Scrapy + Playwright: once bare
(same rendering and screenshots, evidence pipelines off) and once recording evidence, and
prints listings per minute, their ratio, and peak memory of each run's process tree
(Python and Chromium together).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

from crawler.demo import generated_catalogue
from crawler.demo.catalogue import GENERATED_KEYWORD
from crawler.demo.server import DemoSite


@dataclass
class RunFigures:
    """What one benchmark crawl measured."""

    label: str
    listings: int
    seconds: float
    peak_rss_mb: float
    stats: dict[str, Any]

    @property
    def per_minute(self) -> float:
        return self.listings / self.seconds * 60 if self.seconds else 0.0


def tree_rss(proc: psutil.Process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def crawl(label: str, site: DemoSite, workdir: Path, evidence: bool) -> RunFigures:
    """One crawl in a child process, sampling its memory; figures from the run's own stats."""
    workdir.mkdir(parents=True, exist_ok=True)
    keywords = workdir / "keywords.txt"
    keywords.write_text(GENERATED_KEYWORD + "\n")
    cmd = [
        sys.executable, "-m", "crawler.cli", "crawl", "--case", "bench",
        "--keywords", str(keywords), "--search-url", site.search_url_template,
        "--workdir", str(workdir), "--set", f"JASPER_EVIDENCE={json.dumps(evidence)}",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, tree_rss(watched))
            except psutil.Error:
                pass
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(
            f"bench: {label} crawl failed ({proc.returncode}): {stderr.strip()[-500:]}"
        )
    db = sqlite3.connect(workdir / "jasper.db")
    (raw,) = db.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    stats = json.loads(raw)
    return RunFigures(
        label,
        int(stats.get("jasper/listings_captured", 0)),
        float(stats.get("elapsed_time_seconds", 0.0)),
        peak / 2**20,
        stats,
    )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=300, help="generated listings (>= 300)")
    args = parser.parse_args(argv)
    console = Console()
    with DemoSite(generated_catalogue(args.listings)) as site, tempfile.TemporaryDirectory() as tmp:
        console.print(f"Generated marketplace: {args.listings} listings at {site.base_url}")
        runs = []
        for label, evidence in (("bare Scrapy+Playwright", False), ("Jasper evidence", True)):
            with console.status(f"crawling ({label})…"):
                runs.append(crawl(label, site, Path(tmp) / label.split()[0], evidence))
    bare, full = runs
    table = Table(title="Jasper benchmark")
    for column in ("run", "listings", "seconds", "listings/min", "peak memory (MB)"):
        table.add_column(column, justify="right")
    for run in runs:
        table.add_row(
            run.label, str(run.listings), f"{run.seconds:.1f}", f"{run.per_minute:.1f}",
            f"{run.peak_rss_mb:.0f}",
        )  # fmt: skip
    console.print(table)
    overhead = full.seconds / bare.seconds if bare.seconds else float("nan")
    console.print(
        f"Evidence overhead: {overhead:.2f}x the bare crawl's time "
        f"({(overhead - 1) * 100:+.1f}%; target at most +15%)."
    )
    ledger = full.stats.get("jasper/ledger_seconds")
    if ledger is not None and full.seconds:
        console.print(f"Ledger share of crawl time: {ledger / full.seconds * 100:.2f}%")
    for extra in _extra_figures():
        console.print(extra)


def _extra_figures() -> list[Any]:
    """Figures other components contribute (triage quality, listing extraction)."""
    from crawler import bench_extraction
    from crawler.triage_eval import bench_lines

    return [*bench_lines(), *bench_extraction.bench_lines()]


if __name__ == "__main__":
    main()
