"""What one crawl shares: its configuration, database handle and evidence recorder.

Built once per crawler, the first time a component asks (:meth:`CrawlRuntime.of`), and
closed when the engine stops; every component reads the same objects instead of its own
copy of the settings or its own connection pool.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler

from evidence.capture.context import RunContext
from evidence.capture.recorder import EvidenceRecorder
from evidence.db import Database
from evidence.models import CrawlRun
from evidence.stores import replica_store
from evidence.timestamps import TimestampConfig
from settings.config import JasperConfig, config_from

CONFIG_KEY = "JASPER_CONFIG"  # the runner's already-checked JasperConfig, if any
_ATTRIBUTE = "_jasper_runtime"


class CrawlRuntime:
    """One configuration, one database handle and one recorder for a crawl."""

    def __init__(self, config: JasperConfig) -> None:
        self.config = config
        self.tsa = TimestampConfig.from_config(config)
        self.db = Database(config.db_url, upgrade=False)
        self._recorder: EvidenceRecorder | None = None

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlRuntime:
        """The crawl's runtime, built on first use."""
        runtime: CrawlRuntime | None = getattr(crawler, _ATTRIBUTE, None)
        if runtime is None:
            given = crawler.settings.get(CONFIG_KEY)
            config = (
                given
                if isinstance(given, JasperConfig)
                else config_from(crawler.settings.copy_to_dict())
            )
            runtime = cls(config)
            setattr(crawler, _ATTRIBUTE, runtime)
            crawler.signals.connect(runtime.close, signal=signals.engine_stopped)
        return runtime

    @property
    def run_id(self) -> int:
        """The crawl run being recorded (``JASPER_RUN_ID``)."""
        if self.config.run_id is None:
            raise LookupError("JASPER_RUN_ID is required when recording evidence")
        return self.config.run_id

    @property
    def recorder(self) -> EvidenceRecorder:
        """The evidence recorder for this run."""
        if self._recorder is None:
            with self.db.session() as session:
                run = session.get(CrawlRun, self.run_id)
                if run is None:
                    raise LookupError(f"crawl run {self.run_id} does not exist")
                case_id, software = run.case_id, dict(run.software)
            context = RunContext(
                self.config.case,
                case_id,
                self.run_id,
                self.config.operator,
                self.config.authorisation_id,
                software,
            )
            self._recorder = EvidenceRecorder(
                context,
                self.db,
                self.config.workdir,
                gzip_level=self.config.warc_gzip_level,
                tsa=self.tsa,
                replica=replica_store(self.config),
            )
        return self._recorder

    def close(self) -> None:
        """Release the database connections."""
        self.db.close()
