"""Split a crawl into jobs and put them on the queue; follow a submission to its end."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from crawler.distributed.actors import Fleet
from crawler.runner import CrawlJob
from evidence.jobs import SubmissionState, queue_job, submission_state
from evidence.workspace import Workspace


def search_jobs(crawl: CrawlJob) -> list[tuple[str, CrawlJob]]:
    """One search-only crawl per keyword and site (search URL or profile), with its label."""
    jobs = []
    base = replace(crawl, keywords=[], templates=[], profiles=[], search_only=True)
    for keyword in crawl.keywords:
        for template in crawl.templates:
            site = urlsplit(template).netloc
            jobs.append((f"{keyword!r} @ {site}", replace(base, keywords=[keyword],
                                                          templates=[template])))  # fmt: skip
        for profile in crawl.profiles:
            jobs.append((f"{keyword!r} @ {profile.name}", replace(base, keywords=[keyword],
                                                                  profiles=[profile])))  # fmt: skip
    return jobs


def submit(workspace: Workspace, fleet: Fleet, crawl: CrawlJob) -> str:
    """Queue ``crawl`` as search jobs (each queues its capture batches); the submission id."""
    submission = str(uuid.uuid4())
    with workspace.db.transaction() as session:
        case = workspace.case(session, crawl.case, crawl.operator, create=True)
        assert case is not None
        case_id = case.id
    crawl.options = crawl.options | {"distributed": "search", "submission": submission}
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
