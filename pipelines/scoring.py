"""Score each captured listing for triage as it arrives (after it is recorded).

Cross-listing signals (shared contacts, reused images) change as other listings arrive, so
the whole case is rescored; only listings whose result changed get a new score row.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from sqlalchemy import select

from crawler.config import JasperConfig
from crawler.items import PageCapture
from evidence.db import Database
from evidence.models import Case
from evidence.triage.score import Triage


class CaseScorer:
    """Rescores one case in its own transaction."""

    def __init__(self, config: JasperConfig, db: Database) -> None:
        self.config = config
        self.db = db
        self.triage = Triage(config.workdir)

    def rescore(self) -> int:
        """Rescore the case; the number of listings scored."""
        with self.db.transaction() as session:
            case = session.scalar(select(Case).where(Case.name == self.config.case))
            if case is None:
                raise LookupError(f"case {self.config.case!r} does not exist")
            return len(self.triage.rescore(session, case))


class ScoreListingPipeline:
    """Runs triage off the reactor thread after each recorded listing."""

    def __init__(self, scorer: CaseScorer) -> None:
        self.scorer = scorer
        self._lock = asyncio.Lock()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScoreListingPipeline:
        config = JasperConfig.from_settings(crawler.settings)
        if not config.evidence:
            raise NotConfigured("JASPER_EVIDENCE is off (bare crawl)")
        return cls(CaseScorer(config, Database(config.db_url, upgrade=False)))

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, PageCapture) and item.is_listing and item.product is not None:
            async with self._lock:
                await asyncio.to_thread(self.scorer.rescore)
        return item

    def close_spider(self, spider: Any = None) -> None:
        self.scorer.db.close()
