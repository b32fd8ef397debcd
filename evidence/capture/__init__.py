"""The capture-to-record path: from a captured page to recorded, hashed, archived evidence.

An entry point (a crawl, ``jasper capture``, a nightly check, a remote worker) builds a
:class:`~evidence.capture.page.PageCapture` and hands it to
:meth:`~evidence.capture.recorder.EvidenceRecorder.record`, which hashes
(:mod:`~evidence.capture.hashing`), stores and archives (:mod:`~evidence.capture.archive`),
records with the ledger (:mod:`~evidence.capture.record`) and queues the time-stamp
(:mod:`~evidence.capture.stamping`). Nothing here knows Scrapy or the browser.
"""
