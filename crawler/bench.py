"""``make bench``: what evidence costs against an honest floor.

Serves a generated marketplace and crawls it, back to back in one run: the floor (a plain
Scrapy + scrapy-playwright crawl recording nothing, :mod:`crawler.bench_floor`), Jasper at the
floor's concurrency (AutoThrottle off, everything else as shipped), the same rendering and
photographing every search page (``--search-pages rendered``) and Jasper with its polite
defaults. Each runs in its own process tree, timed from start to exit, its resident memory
(Python and Chromium together) sampled with psutil. Where Jasper's time per listing goes
comes from the ``jasper/seconds/<phase>`` stats every crawl records in its run.

The machine is shared and noisy: compare the ratio within one run, not figures across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

from crawler.demo import generated_catalogue
from crawler.demo.catalogue import GENERATED_KEYWORD, DemoListing
from crawler.demo.server import DemoSite

TARGET = 1.15  # Jasper's wall time at the floor's concurrency, at most this times the floor's
SHAPES = {  # marketplace shape -> generator arguments
    "plain": {},
    "tall": {"details": 400},  # listing pages some 20,000 px tall
    "images": {"images": 30},  # thirty pictures on every listing
}
# What the phases are called in the table, in the order a listing meets them.
PHASES = (
    ("settle", "settle (load, network idle, DOM quiet)"),
    ("consent", "cookie banner"),
    ("read", "DOM and product data"),
    ("lazy-images", "lazy images scrolled in"),
    ("screenshot", "full-page screenshot"),
    ("network", "raw traffic and TLS chain"),
    ("search", "search pages (read, scrolled, shot)"),
    ("hashing", "hashing (SHA-256, perceptual)"),
    ("storing", "artefact files"),
    ("warc", "WARC"),
    ("database", "database (captures, custody)"),
    ("ledger", "ledger (within database)"),
    ("timestamps", "trusted time-stamps"),
    ("triage", "triage (end of run)"),
)


@dataclass
class RunFigures:
    """What one benchmark crawl measured."""

    label: str
    listings: int
    seconds: float  # wall time of the whole process, start to exit
    peak_rss_mb: float
    cpu_seconds: float  # CPU time (user + system) of the process tree
    cpu_by_kind: dict[str, float] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def per_minute(self) -> float:
        return self.listings / self.seconds * 60 if self.seconds else 0.0


def process_kind(p: psutil.Process) -> str:
    """Python, the Playwright driver, or which Chromium process."""
    cmdline = p.cmdline()
    name = p.name()
    if "chromium" in name or "chrome" in name:
        kind = next((a.split("=", 1)[1] for a in cmdline if a.startswith("--type=")), "browser")
        return f"chromium {kind}"
    if name.startswith("node"):
        return "node (Playwright driver)"  # named node-MainThread once its thread is named
    return "python" if "python" in name else name


def tree_rss(proc: psutil.Process, cpu: dict[int, tuple[str, float]] | None = None) -> int:
    """Resident memory of a process and all its descendants, in bytes; ``cpu`` gets each
    one's CPU seconds so far (by pid)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                if cpu is not None:
                    times = p.cpu_times()
                    kind = cpu[p.pid][0] if p.pid in cpu else process_kind(p)
                    cpu[p.pid] = (kind, times.user + times.system)
        except psutil.Error:
            continue
    return total


def measured(label: str, cmd: list[str]) -> tuple[float, float, float, dict[str, float]]:
    """Run ``cmd`` to its end: its wall time, the peak memory of its process tree (MB), the
    tree's CPU seconds (from the kernel: every descendant that was waited for, renderers of
    closed pages included) and those by kind of process (as last sampled, so short-lived
    processes are undercounted)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, tuple[str, float]] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, tree_rss(watched, cpu))
            except psutil.Error:
                pass
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench: {label} failed ({proc.returncode}): {stderr.strip()[-500:]}")
    by_kind: dict[str, float] = {}
    for kind, seconds_used in cpu.values():
        by_kind[kind] = by_kind.get(kind, 0.0) + seconds_used
    return seconds, peak / 2**20, max(reaped, sum(by_kind.values())), by_kind


def floor(site: DemoSite, concurrency: int, workdir: Path) -> RunFigures:
    """The plain Scrapy + scrapy-playwright crawl."""
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / "floor.json"
    cmd = [sys.executable, "-m", "crawler.bench_floor", site.search_url_template,
           GENERATED_KEYWORD, str(concurrency), str(out)]  # fmt: skip
    seconds, peak, used, cpu = measured("floor", cmd)
    figures = json.loads(out.read_text(encoding="utf-8"))
    label = "floor (Scrapy+Playwright)"
    return RunFigures(label, figures["listings"], seconds, peak, used, cpu)


def jasper(label: str, site: DemoSite, workdir: Path, settings: dict[str, Any]) -> RunFigures:
    """``jasper crawl`` of the marketplace, recording evidence, with these ``--set`` values."""
    workdir.mkdir(parents=True, exist_ok=True)
    keywords = workdir / "keywords.txt"
    keywords.write_text(GENERATED_KEYWORD + "\n")
    cmd = [
        sys.executable, "-m", "crawler.cli", "crawl", "--case", "bench",
        "--keywords", str(keywords), "--search-url", site.search_url_template,
        "--workdir", str(workdir),
    ]  # fmt: skip
    for key, value in settings.items():
        cmd += ["--set", f"{key}={value}"]
    seconds, peak, used, cpu = measured(label, cmd)
    db = sqlite3.connect(workdir / "jasper.db")
    (raw,) = db.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    stats = json.loads(raw)
    listings = int(stats.get("jasper/listings_captured", 0))
    return RunFigures(label, listings, seconds, peak, used, cpu, stats)


def same_concurrency(concurrency: int) -> dict[str, Any]:
    """Jasper's settings for the floor's concurrency: AutoThrottle off, nothing else changed."""
    return {
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "AUTOTHROTTLE_ENABLED": "false",
    }


def catalogue(listings: int, shape: str) -> list[DemoListing]:
    """The generated marketplace of this size and shape."""
    return generated_catalogue(listings, **SHAPES[shape])


def figures_table(runs: Sequence[RunFigures]) -> Table:
    """The runs side by side."""
    table = Table(title="Throughput and memory")
    columns = ("run", "listings", "failed/skipped", "wall s", "listings/min", "peak MB", "CPU s")
    table.add_column(columns[0], no_wrap=True)
    for column in columns[1:]:
        table.add_column(column, justify="right")
    for run in runs:
        table.add_row(
            run.label, str(run.listings), _not_captured(run), f"{run.seconds:.1f}",
            f"{run.per_minute:.0f}", f"{run.peak_rss_mb:.0f}", f"{run.cpu_seconds:.0f}",
        )  # fmt: skip
    return table


def cpu_table(runs: Sequence[RunFigures]) -> Table:
    """CPU seconds of each kind of process (as last sampled), one column per run."""
    table = Table(title="CPU seconds by process")
    table.add_column("process")
    for run in runs:
        table.add_column(run.label, justify="right")
    kinds = sorted({k for run in runs for k in run.cpu_by_kind},
                   key=lambda k: -max(run.cpu_by_kind.get(k, 0.0) for run in runs))  # fmt: skip
    for kind in kinds:
        table.add_row(kind, *(f"{run.cpu_by_kind.get(kind, 0.0):.0f}" for run in runs))
    return table


def _not_captured(run: RunFigures) -> str:
    """Pages Jasper set out to capture that failed, and candidates it passed over as having
    no product data: a listing missing from the count shows here ("-" for the floor)."""
    if not run.stats:
        return "-"
    failed = int(run.stats.get("jasper/captures_failed", 0))
    skipped = int(run.stats.get("jasper/pages_without_product", 0))
    return f"{failed}/{skipped}"


def phases_table(run: RunFigures) -> Table:
    """Where Jasper's time per listing goes (summed over pages worked on at once)."""
    table = Table(title=f"Where the time goes ({run.label})")
    table.add_column("phase")
    table.add_column("ms per listing", justify="right")
    listings = max(run.listings, 1)
    for key, name in PHASES:
        value = run.stats.get(f"jasper/seconds/{key}")
        if key == "ledger":
            value = run.stats.get("jasper/ledger_seconds")
        if value is None:
            continue
        table.add_row(name, f"{float(value) / listings * 1000:.1f}")
    return table


def describe_machine() -> str:
    """One line about the machine the figures were taken on."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.machine()}, {psutil.cpu_count()} CPU cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM, load average {load}"
    )


def compare(console: Console, args: argparse.Namespace, tmp: Path) -> None:
    """Floor and Jasper at the floor's concurrency (alternately, ``--pairs`` times), then
    Jasper rendering every search page and Jasper polite, on one marketplace."""
    with DemoSite(catalogue(args.listings, args.shape)) as site:
        console.print(
            f"Marketplace: {args.listings} listings ({args.shape}) at {site.base_url}; "
            f"concurrency {args.concurrency}"
        )
        pairs: list[tuple[RunFigures, RunFigures]] = []
        for n in range(args.pairs):
            mark = f" #{n + 1}" if args.pairs > 1 else ""
            with console.status(f"crawling (floor{mark})…"):
                base = floor(site, args.concurrency, tmp / f"floor-{n}")
            if mark:  # "floor #2": the table has no room for more
                base.label = f"floor{mark}"
            label = f"Jasper at concurrency {args.concurrency}{mark}"
            with console.status(f"crawling ({label})…"):
                settings = same_concurrency(args.concurrency)
                pairs.append((base, jasper(label, site, tmp / f"same-{n}", settings)))
        others = []
        rendered = None
        if not args.skip_rendered:
            label = "Jasper, search rendered"
            settings = same_concurrency(args.concurrency) | {"JASPER_SEARCH_PAGES": "rendered"}
            with console.status(f"crawling ({label})…"):
                rendered = jasper(label, site, tmp / "rendered", settings)
            others.append(rendered)
        if not args.skip_polite:
            with console.status("crawling (Jasper polite defaults)…"):
                others.append(jasper("Jasper polite defaults", site, tmp / "polite", {}))
    runs = [run for pair in pairs for run in pair] + others
    console.print(figures_table(runs))
    base, same = median_pair(pairs)
    console.print(against_floor(pairs, f"at concurrency {args.concurrency}"))
    if rendered is not None:
        how = f"at {args.concurrency}, search rendered"
        console.print(against_floor([(base, rendered)], how))
    for run in runs:
        if run.listings != base.listings:
            console.print(f"[red]listings differ: floor {base.listings}, {run.label} "
                          f"{run.listings}[/red]")  # fmt: skip
    console.print(cpu_table([base, same, *others]))
    console.print(phases_table(same))
    served, pages = (same.stats.get(f"jasper/search_pages{k}", 0) for k in ("_not_rendered", ""))
    console.print(f"Search pages read as served (not rendered): {served} of {pages}")


def ratio(pair: tuple[RunFigures, RunFigures]) -> float:
    """Jasper's wall time over the floor's."""
    base, run = pair
    return run.seconds / base.seconds if base.seconds else float("nan")


def median_pair(pairs: Sequence[tuple[RunFigures, RunFigures]]) -> tuple[RunFigures, RunFigures]:
    """The pair whose ratio is the median (the lower middle one of an even number)."""
    ordered = sorted(pairs, key=ratio)
    return ordered[(len(ordered) - 1) // 2]


def against_floor(pairs: Sequence[tuple[RunFigures, RunFigures]], how: str) -> str:
    """Jasper's wall time, memory and CPU against the floor's (each pair's, and the median
    pair's), and the verdict."""
    base, run = median_pair(pairs)
    wall = ratio((base, run))
    verdict = "within" if wall <= TARGET else "OVER"
    text = (
        f"Jasper/floor {how}: wall time {wall:.2f}x ({verdict} the {TARGET:.2f}x target), "
        f"memory {run.peak_rss_mb / base.peak_rss_mb:.2f}x, "
        f"CPU {run.cpu_seconds / base.cpu_seconds:.2f}x"
    )
    if len(pairs) > 1:
        each = ", ".join(f"{ratio(pair):.2f}x" for pair in pairs)
        text += f"; the median of {len(pairs)} pairs run alternately ({each})"
    return text


def long_check(console: Console, args: argparse.Namespace, tmp: Path) -> None:
    """Jasper's peak memory at two crawl sizes: flat means within 20%."""
    small, large = args.long_sizes
    runs = []
    for size in (small, large):
        with DemoSite(catalogue(size, args.shape)) as site:
            label = f"Jasper, {size:,} listings"
            with console.status(f"crawling ({label})…"):
                settings = same_concurrency(args.concurrency)
                runs.append(jasper(label, site, tmp / f"long-{size}", settings))
    console.print(figures_table(runs))
    growth = runs[1].peak_rss_mb / runs[0].peak_rss_mb if runs[0].peak_rss_mb else float("nan")
    console.print(
        f"Peak memory at {large:,} listings: {growth:.2f}x the peak at {small:,} "
        f"({'flat' if growth <= 1.2 else 'GROWING'}: the target is at most 1.20x)"
    )


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=120, help="generated listings")
    parser.add_argument("--concurrency", type=int, default=8, help="the floor's concurrency")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="plain",
                        help="plain; tall pages; or 30 images per listing")  # fmt: skip
    parser.add_argument("--pairs", type=int, default=5,
                        help="floor and Jasper at its concurrency, alternately, this many "
                             "times; the median pair is the verdict (default 5)")  # fmt: skip
    parser.add_argument("--skip-polite", action="store_true", help="no polite-defaults run")
    parser.add_argument("--skip-rendered", action="store_true",
                        help="no run rendering every search page")  # fmt: skip
    parser.add_argument("--long", action="store_true",
                        help="memory check instead: 1,000 vs 10,000 listings")  # fmt: skip
    parser.add_argument("--long-sizes", type=int, nargs=2, default=(1000, 10_000),
                        metavar=("SMALL", "LARGE"),
                        help="the two crawl sizes of --long (default 1000 10000)")  # fmt: skip
    parser.add_argument("--no-extras", action="store_true",
                        help="skip the triage and extraction quality figures")  # fmt: skip
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    console = Console(width=100)
    console.print(f"Machine: {describe_machine()}")
    with tempfile.TemporaryDirectory(prefix="jasper-bench-") as tmp:
        if args.long:
            long_check(console, args, Path(tmp))
        else:
            compare(console, args, Path(tmp))
    if not args.no_extras and not args.long:
        for extra in _extra_figures():
            console.print(extra)


def _extra_figures() -> list[Any]:
    """Figures other components contribute (triage quality, listing extraction)."""
    from crawler import bench_extraction
    from crawler.triage_eval import bench_lines

    return [*bench_lines(), *bench_extraction.bench_lines()]


if __name__ == "__main__":
    main()
