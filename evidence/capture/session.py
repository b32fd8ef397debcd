"""Record captures outside a crawl: a run opened, a recorder for it, the run finished.

    with recording(workspace, case="op-x", kind="capture") as recorder:
        recorder.record(page)

The run ends ``completed``, or ``failed`` with the error if the block raises; captures
already recorded stay recorded either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from evidence.capture.context import RunContext
from evidence.capture.recorder import EvidenceRecorder
from evidence.runs import COMPLETED, FAILED, finish_run, open_run
from evidence.stores import replica_store
from evidence.timestamps import TimestampConfig
from evidence.workspace import Workspace


@contextmanager
def recording(
    workspace: Workspace,
    *,
    case: str,
    operator: str | None = None,
    kind: str = "capture",
    options: dict[str, Any] | None = None,
    reason: str | None = None,
) -> Iterator[EvidenceRecorder]:
    """A recorder for a new run of ``case`` (created if new), finished when the block ends."""
    config = workspace.config
    who = operator or config.operator
    opened = open_run(
        workspace.db, case=case, operator=who, kind=kind, options=options or {}, reason=reason
    )
    context = RunContext(
        case,
        opened.case_id,
        opened.run_id,
        who,
        opened.authorisation["id"] if opened.authorisation else None,
    )
    recorder = EvidenceRecorder(
        context,
        workspace.db,
        workspace.workdir,
        gzip_level=config.warc_gzip_level,
        tsa=TimestampConfig.from_config(config),
        replica=replica_store(config),
    )
    try:
        yield recorder
        recorder.close()
    except BaseException as exc:
        recorder.close()
        finish_run(workspace.db, opened.run_id, FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    finish_run(workspace.db, opened.run_id, COMPLETED)
