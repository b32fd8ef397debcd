"""Archived pages replayed from their own WARC by pywb, run as a child process.

pywb (GPL, and pinned to an old redis client) stays in its own process, on its own port:
a separate origin, so a replayed page's scripts can never reach the workspace's cookies or
pages, and it only ever serves what the WARCs hold (no live web). Each WARC is linked into
pywb's collection by its SHA-256 name and indexed on first use.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import httpx
from cdxj_indexer.main import CDXJIndexer

COLLECTION = "jasper"
PR_SET_PDEATHSIG = 1
START_TIMEOUT = 30.0


class ReplayUnavailable(RuntimeError):
    """pywb is not installed or would not start; the message says what to do."""


def _die_with_parent() -> None:
    """In the child: be sent SIGTERM when the workspace process dies, however it dies."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: stop() on shutdown still ends it
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Replay:
    """A pywb server over the workdir's WARCs, started on first use, stopped with the app."""

    def __init__(self) -> None:
        self._root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._port = 0
        self._lock = threading.Lock()
        self._indexed: set[str] = set()

    @property
    def origin(self) -> str | None:
        """``http://127.0.0.1:PORT`` once running."""
        return f"http://127.0.0.1:{self._port}" if self._port else None

    @staticmethod
    def wayback() -> Path | None:
        """pywb's server script in this environment, if installed."""
        found = Path(sys.executable).parent / "wayback"
        return found if found.exists() else None

    def reserve(self) -> str:
        """Choose the port now, so the workspace's CSP can name the replay origin."""
        if not self._port:
            self._port = _free_port()
        return f"http://127.0.0.1:{self._port}"

    def _start(self) -> None:
        wayback = self.wayback()
        if wayback is None:
            raise ReplayUnavailable("pywb is not installed: run make setup (pip install pywb)")
        self._root = Path(tempfile.mkdtemp(prefix="jasper-replay-"))
        collection = self._root / "collections" / COLLECTION
        (collection / "archive").mkdir(parents=True)
        (collection / "indexes").mkdir()
        # No live web, no recording, no proxy: replay of what the collection holds, only.
        (self._root / "config.yaml").write_text(
            "collections:\n"
            f"  {COLLECTION}:\n"
            "    index_paths: ./collections/jasper/indexes/\n"
            "    archive_paths: ./collections/jasper/archive/\n"
            "framed_replay: false\n"
        )
        self.reserve()
        self._process = subprocess.Popen(
            [str(wayback), "-b", "127.0.0.1", "-p", str(self._port), "-t", "4"],
            cwd=self._root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ReplayUnavailable("pywb exited at start-up")
            try:
                httpx.get(f"{self.origin}/", timeout=1.0)
                return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise ReplayUnavailable("pywb did not start within 30 seconds")

    def url(self, warc: Path, warc_sha256: str, target: str, at: datetime) -> str:
        """The replay URL of ``target`` as archived in ``warc`` (started and indexed as
        needed)."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            assert self._root is not None
            if warc_sha256 not in self._indexed:
                collection = self._root / "collections" / COLLECTION
                link = collection / "archive" / f"{warc_sha256}.warc.gz"
                if not link.exists():
                    link.symlink_to(warc.resolve())
                index = collection / "indexes" / f"{warc_sha256}.cdxj"
                with index.open("wt", encoding="utf-8") as fh:
                    CDXJIndexer(fh, [str(link)], sort=True, post_append=True).process_all()
                self._indexed.add(warc_sha256)
        stamp = at.strftime("%Y%m%d%H%M%S")
        return f"{self.origin}/{COLLECTION}/{stamp}mp_/{quote(target, safe=':/?&=%#~+,;@!$')}"

    def stop(self) -> None:
        """Stop pywb and remove its scratch folder (the WARCs themselves are only linked)."""
        with self._lock:
            if self._process is not None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                self._process = None
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
                self._root = None
            self._indexed.clear()
