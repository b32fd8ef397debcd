"""Bad input: one clear line on stderr, a non-zero exit, and nothing already captured lost."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.conftest import Crawl, jasper


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def assert_one_line_error(result, fragment: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jasper: error:") and fragment in lines[0], lines[0]


@pytest.fixture
def keywords(tmp_path: Path) -> Path:
    path = tmp_path / "kw.txt"
    path.write_text("replica rolex\n")
    return path


def test_missing_keyword_file(tmp_path: Path) -> None:
    result = jasper(
        "crawl", "--case", "x", "--keywords", str(tmp_path / "nope.txt"),
        "--search-url", "http://127.0.0.1:1/s?q={keyword}", "--workdir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, "does not exist")


def test_empty_keyword_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# only a comment\n\n")
    result = jasper(
        "crawl", "--case", "x", "--keywords", str(empty),
        "--search-url", "http://127.0.0.1:1/s?q={keyword}", "--workdir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, "has no keywords")


def test_template_without_placeholder(tmp_path: Path, keywords: Path) -> None:
    result = jasper(
        "crawl", "--case", "x", "--keywords", str(keywords),
        "--search-url", "http://127.0.0.1:1/search", "--workdir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, "{keyword}")


def test_non_http_url(tmp_path: Path, keywords: Path) -> None:
    result = jasper(
        "crawl", "--case", "x", "--keywords", str(keywords),
        "--search-url", "ftp://example.org/?q={keyword}", "--workdir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, "http:// or https://")
    result = jasper("capture", "--case", "x", "file:///etc/passwd", "--workdir", str(tmp_path))
    assert_one_line_error(result, "http:// or https://")


def test_unreachable_site(tmp_path: Path, keywords: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/search?q={{keyword}}"
    result = jasper("crawl", "--case", "x", "--keywords", str(keywords),
                    "--search-url", url, "--workdir", str(tmp_path))  # fmt: skip
    assert_one_line_error(result, "cannot reach 127.0.0.1")


def test_workdir_not_writable(tmp_path: Path, keywords: Path, crawled: Crawl) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = jasper("crawl", "--case", "x", "--keywords", str(keywords),
                    "--search-url", crawled.site.search_url_template,
                    "--workdir", str(blocker / "sub"))  # fmt: skip
    assert_one_line_error(result, "is not writable")


def test_unknown_case_in_listings(crawled: Crawl) -> None:
    result = jasper("listings", "--case", "no-such-case", "--workdir", str(crawled.workdir))
    assert_one_line_error(result, "no case named")


def test_help_explains_commands() -> None:
    result = jasper("--help")
    assert result.returncode == 0
    for command in ("demo", "crawl", "capture", "listings"):
        assert command in result.stdout
    crawl_help = jasper("crawl", "--help").stdout
    assert "--search-url" in crawl_help and "{keyword}" in crawl_help


def test_the_process_ends_with_the_commands_exit_code_and_all_its_output() -> None:
    """The CLI ends without tearing the interpreter down: nothing printed is lost, and the
    exit code is the command's (click's usage error is 2)."""
    shown = jasper("--help")
    assert shown.returncode == 0 and not shown.stderr
    assert shown.stdout.endswith("\n") and "Cases:" in shown.stdout  # the last section
    unknown = jasper("no-such-command")
    assert unknown.returncode == 2 and "No such command" in unknown.stderr
