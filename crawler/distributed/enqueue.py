"""Split a crawl into jobs and put them on the queue; follow a submission to its end."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from crawler.distributed.actors import BATCH, Fleet
from crawler.runner import CrawlJob
from evidence.jobs import SubmissionState, claim, queue_job, submission_state
from evidence.workspace import Workspace


def search_jobs(crawl: CrawlJob) -> list[tuple[str, CrawlJob]]:
    """One search-only crawl per keyword and site (search URL or profile), with its label."""
    jobs = []
    base = replace(crawl, keywords=[], templates=[], profiles=[], urls=[], checks={},
                   search_only=True)  # fmt: skip
    for keyword in crawl.keywords:
        for template in crawl.templates:
            site = urlsplit(template).netloc
            jobs.append((f"{keyword!r} @ {site}", replace(base, keywords=[keyword],
                                                          templates=[template])))  # fmt: skip
        for profile in crawl.profiles:
            jobs.append((f"{keyword!r} @ {profile.name}", replace(base, keywords=[keyword],
                                                                  profiles=[profile])))  # fmt: skip
    return jobs


def revisit_jobs(crawl: CrawlJob, batch: int) -> list[tuple[str, CrawlJob]]:
    """Known pages to re-visit (``urls``) and to check (``checks``), in batches."""
    pages: list[tuple[str, str | None]] = [(u, None) for u in crawl.urls]
    pages += list(crawl.checks.items())
    jobs = []
    for start in range(0, len(pages), batch):
        part = pages[start : start + batch]
        job = replace(crawl, keywords=[], templates=[], search_only=False,
                      urls=[u for u, h in part if h is None],
                      checks={u: h for u, h in part if h is not None})  # fmt: skip
        jobs.append((f"{len(part)} known pages to re-visit", job))
    return jobs


def submit(workspace: Workspace, fleet: Fleet, crawl: CrawlJob, batch: int = BATCH) -> str:
    """Queue ``crawl`` as search jobs (each queues its capture batches) and re-visit batches;
    the submission id."""
    submission = str(uuid.uuid4())
    with workspace.db.transaction() as session:
        case = workspace.case(session, crawl.case, crawl.operator, create=True)
        assert case is not None
        case_id = case.id
    crawl.options = crawl.options | {"distributed": "search", "submission": submission}
    # Known pages first, claimed for their batches: a search that finds one again leaves it
    # to its re-visit (captured once a night, as in one process).
    for label, job in revisit_jobs(crawl, batch):
        pages = [*job.urls, *job.checks]
        job_id = queue_job(
            workspace.db,
            submission=submission,
            case_id=case_id,
            kind="capture",
            label=label,
            payload=job.to_json(),
            pages=len(pages),
        )
        claim(workspace.db, submission, job_id, pages)
        fleet.capture.send(job_id)
    for label, job in search_jobs(crawl):
        job_id = queue_job(
            workspace.db,
            submission=submission,
            case_id=case_id,
            kind="search",
            label=label,
            payload=job.to_json(),
        )
        fleet.search.send(job_id)
    return submission


def wait(
    workspace: Workspace,
    submission: str,
    show: Callable[[SubmissionState], None],
    interval: float = 2.0,
) -> SubmissionState:
    """Poll the submission until every job has finished or failed, showing each change."""
    last = ""
    while True:
        state = submission_state(workspace.db, submission)
        if state.line() != last:
            show(state)
            last = state.line()
        if state.done:
            return state
        time.sleep(interval)
