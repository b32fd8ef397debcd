"""``jasper nightly``: run every due watchlist under the workdir lock, one child crawl each.

For each due watchlist: its run is opened and its re-visits listed
(:func:`evidence.watch.nightly.start_watch_run`), one crawl runs in a child process through
the one child entry point (:mod:`crawler.childcrawl`): its searches, its site profiles, full
re-visits and light checks of known pages; then the run is finished with its lifecycle
events (:func:`evidence.watch.nightly.finish_watch_run`). The crawl run is linked to the
watch run by a foreign key.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from crawler.profiles import ProfileError, SiteProfile, load_profile
from crawler.runner import CrawlInputError, CrawlJob, check_reachable
from evidence.clock import utcnow
from evidence.models import Case, Watchlist
from evidence.watch.digest import build_digest, write_digest
from evidence.watch.nightly import (
    Night,
    NightlyLock,
    NightOptions,
    Progress,
    WatchResult,
    WatchStart,
    due_watchlists,
    finish_watch_run,
    interrupt_stale_runs,
    start_watch_run,
)
from evidence.workspace import Workspace


class NightlyRunner:
    """Runs the due watchlists of one workspace, one child crawl at a time."""

    def __init__(
        self,
        workspace: Workspace,
        options: NightOptions,
        lock: NightlyLock,
        progress: Progress = lambda _: None,
        distribute: Callable[[CrawlJob], str | None] | None = None,
    ) -> None:
        self.workspace = workspace
        # --distributed: queue each watchlist's crawl for the workers and wait for it; the
        # watch run is opened and finished here as for a local crawl.
        self.distribute = distribute
        self.options = options
        self.lock = lock
        self.progress = progress
        self.night = Night(uuid=str(uuid.uuid4()), started_at=utcnow())
        self._visited: dict[int, set[str]] = {}  # case id -> URLs re-visited this night

    def run(self) -> Night:
        """Run every due watchlist; a failure of one does not stop the others."""
        db = self.workspace.db
        with db.transaction() as session:
            interrupted = interrupt_stale_runs(session, self.options.operator)
            if interrupted:
                self.progress(f"marked {interrupted} run(s) of an interrupted night as interrupted")
            watchlists = due_watchlists(session, self.options, self.night.started_at)
            names = {w.id: session.get_one(Case, w.case_id).name for w in watchlists}
        for watchlist in watchlists:
            case = names[watchlist.id]
            self.progress(f"{case} / {watchlist.name}: running")
            result = self.run_watchlist(watchlist, case)
            self.night.results.append(result)
            self.progress(f"{case} / {watchlist.name}: {result.status}")
        self.write_digests()
        return self.night

    def write_digests(self) -> None:
        """One digest per case this night touched, as JSON and HTML in the workdir."""
        cases: dict[str, list[WatchResult]] = {}
        for result in self.night.results:
            cases.setdefault(result.case, []).append(result)
        with self.workspace.db.session() as session:
            for name, results in cases.items():
                case = session.scalars(select(Case).where(Case.name == name)).one()
                failures = [
                    {"watchlist": r.watchlist, "error": r.error} for r in results if r.error
                ]
                ids = [r.watch_run_id for r in results if r.watch_run_id is not None]
                digest = build_digest(session, case, self.night.uuid, ids, failures)
                self.night.digests.append(digest)
                self.night.digest_files.extend(write_digest(digest, self.workspace.workdir))

    def run_watchlist(self, watchlist: Watchlist, case: str) -> WatchResult:
        """Open the watchlist's run, crawl in a child process, record the lifecycle events."""
        operator = self.options.operator
        visited = self._visited.setdefault(watchlist.case_id, set())
        start = start_watch_run(self.workspace.db, self.night.uuid, watchlist, operator, visited)
        error = start.error
        if error is None:
            visited.update(start.revisits)
            error = self._crawl(watchlist, case, start)
        status, error, summary = finish_watch_run(
            self.workspace.db, start, watchlist, operator, error
        )
        return WatchResult(case, watchlist.name, status, error, summary, start.run_id)

    def _profiles(self, watchlist: Watchlist) -> list[SiteProfile]:
        profiles = []
        for ref in watchlist.sites:
            profile = load_profile(ref)
            if profile.relative:
                raise ProfileError(
                    f"site profile {ref}: search_url is a path ({profile.search_url}); a "
                    "watchlist needs a profile whose search_url is a full URL"
                )
            profiles.append(profile)
        return profiles

    def _job(self, watchlist: Watchlist, case: str, start: WatchStart) -> CrawlJob:
        """The child crawl: searches, full re-visits, and light checks of known pages."""
        searching = bool(watchlist.templates or watchlist.sites)
        revisits = sorted(start.revisits)
        return CrawlJob(
            case=case,
            operator=self.options.operator,
            kind="watch",
            keywords=list(watchlist.keywords) if searching else [],
            templates=list(watchlist.templates),
            urls=[url for url in revisits if url not in start.checks],
            checks=start.checks,
            settings=dict(self.options.settings),
            profiles=self._profiles(watchlist),
            watch_run_id=start.run_id,
            options={
                "command": "nightly",
                "watch_run": start.run_uuid,
                "night": self.night.uuid,
                "watchlist": watchlist.name,
                "keywords_sha256": watchlist.keywords_sha256,
                "search_urls": watchlist.templates,
                "sites": watchlist.sites,
                "revisits": revisits,
                "settings": [f"{k}={v}" for k, v in self.options.settings.items()],
            },
            reason=f"watchlist {watchlist.name!r}: scheduled search and re-visit",
        )

    def _crawl(self, watchlist: Watchlist, case: str, start: WatchStart) -> str | None:
        """Run the watchlist's crawl in a child process; why it could not run, if it could not.

        How the crawl itself went is read from its crawl run when the watch run is finished.
        """
        try:
            job = self._job(watchlist, case, start)
            sites = [*job.templates, *(p.search_url for p in job.profiles)]
            for site in dict.fromkeys(sites):
                check_reachable(site.replace("{keyword}", "x"))
        except (CrawlInputError, ProfileError) as exc:
            return str(exc)
        if not (job.keywords or job.urls or job.checks):
            return None
        if self.distribute is not None:
            return self.distribute(job)
        logs = self.workspace.workdir / "logs"
        logs.mkdir(exist_ok=True)
        log_file = logs / f"nightly-{start.run_uuid}.log"
        with tempfile.TemporaryDirectory(prefix="jasper-nightly-") as tmp:
            job_file = Path(tmp) / "job.json"
            job_file.write_text(job.to_json(), encoding="utf-8")
            with open(log_file, "a", encoding="utf-8") as log:
                code = subprocess.run(
                    [sys.executable, "-m", "crawler.childcrawl", str(job_file)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=(self.lock.fileno,),
                    # The workdir and database by environment, never on a command line.
                    env=os.environ
                    | {
                        "JASPER_OPERATOR": self.options.operator,
                        "JASPER_HOME": str(self.workspace.workdir),
                        "JASPER_DB_URL": self.workspace.db_url,
                    },
                    check=False,
                ).returncode
        if code not in (0, 1):  # 1: the crawl ran and recorded why it did not complete
            said = _last_error(log_file)
            return f"crawl failed: {said or f'exit status {code}'} (see {log_file})"
        return None


def _last_error(log_file: Path) -> str | None:
    lines = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    said = next((line for line in reversed(lines) if line.startswith("jasper: error:")), None)
    return said.removeprefix("jasper: error:").strip() if said else None
