"""A ``jasper serve`` subprocess on 127.0.0.1 port 0, for the review workspace tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

START_TIMEOUT = 90.0


@contextmanager
def served(workdir: Path, *args: str, operator: str = "test-operator") -> Iterator[str]:
    """Run ``jasper serve`` over ``workdir`` and yield its base URL; stopped afterwards."""
    env = os.environ | {"JASPER_OPERATOR": operator}
    env.pop("JASPER_HOME", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "serve", "--workdir", str(workdir),
         "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )  # fmt: skip
    assert process.stdout is not None
    url, seen, deadline = None, [], time.monotonic() + START_TIMEOUT
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if "open http://" in line:
            url = line.split("open ", 1)[1].split()[0].rstrip("/")
    if url is None:
        process.kill()
        raise AssertionError("jasper serve did not start:\n" + "".join(seen))
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
