"""``jasper verify`` treats a bundle as hostile: no zip-slip, no links, no zip bombs."""

from __future__ import annotations

import stat
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from evidence.export.bundle import _copy_checked, zip_bag
from evidence.verification.unpack import Limits, UnsafeArchive, safe_extract
from evidence.verification.verifier import verify_bundle
from tests.conftest import jasper


def make_zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("name", ["../escape.txt", "/abs.txt", "bag/../../escape.txt",
                                  "C:/win.txt", "bag\\..\\escape.txt"])  # fmt: skip
@pytest.mark.fast
def test_zip_slip_is_refused(name: str, tmp_path: Path) -> None:
    bundle = make_zip(tmp_path / "evil.zip", {"bag/bagit.txt": b"x", name: b"owned"})
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with pytest.raises(UnsafeArchive, match="unsafe member name"):
        safe_extract(bundle, scratch)
    assert not (tmp_path / "escape.txt").exists()


@pytest.mark.fast
def test_links_are_refused(tmp_path: Path) -> None:
    bundle = make_zip(tmp_path / "link.zip", {"bag/bagit.txt": b"x"}, symlink="bag/data/x")
    with pytest.raises(UnsafeArchive, match="not a regular file"):
        safe_extract(bundle, tmp_path)


def test_zip_bombs_are_refused_before_extraction(tmp_path: Path) -> None:
    bundle = make_zip(tmp_path / "bomb.zip", {"bag/data/zeros": bytes(16 << 20)})
    report = verify_bundle(bundle)
    assert not report.passed
    (problem,) = report.problems
    assert problem.kind == "unsafe" and "compression ratio" in problem.detail
    with pytest.raises(UnsafeArchive, match="bytes uncompressed"):
        safe_extract(bundle, tmp_path / "out", Limits(max_ratio=10_000, max_total=1 << 20))


def test_verify_cli_reports_hostile_and_non_bag_input(tmp_path: Path) -> None:
    evil = make_zip(tmp_path / "evil.zip", {"../x": b"x"})
    result = jasper("verify", str(evil))
    assert result.returncode == 1 and "../x: unsafe (unsafe member name)" in result.stdout
    plain = make_zip(tmp_path / "plain.zip", {"a.txt": b"a", "b.txt": b"b"})
    result = jasper("verify", str(plain))
    assert result.returncode == 1 and "bagit.txt: missing" in result.stdout
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    result = jasper("verify", str(junk))
    assert result.returncode == 1 and "junk.zip: invalid (not a readable ZIP file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.fast
def test_a_bag_must_declare_its_payload(tmp_path: Path) -> None:
    """Payload-Oxum bounds what unpacking may write: without it, nothing is unpacked."""
    bag = {"bag/bagit.txt": b"BagIt-Version: 1.0\n", "bag/data/a.txt": b"a"}
    no_info = make_zip(tmp_path / "no-info.zip", bag)
    with pytest.raises(UnsafeArchive, match=r"bag-info\.txt: missing"):
        safe_extract(no_info, tmp_path / "a")
    no_oxum = make_zip(tmp_path / "no-oxum.zip", bag | {"bag/bag-info.txt": b"Case: x\n"})
    with pytest.raises(UnsafeArchive, match="no Payload-Oxum"):
        safe_extract(no_oxum, tmp_path / "b")
    declared = make_zip(tmp_path / "ok.zip", bag | {"bag/bag-info.txt": b"Payload-Oxum: 1.1\n"})
    assert safe_extract(declared, tmp_path / "c") == (tmp_path / "c" / "bag").resolve()


def test_copy_and_zip_stream_in_bounded_memory(tmp_path: Path) -> None:
    """Files are hashed and copied in chunks: peak memory stays far below the file size."""
    big = tmp_path / "bag" / "data" / "big.bin"
    big.parent.mkdir(parents=True)
    with big.open("wb") as fh:
        for i in range(48):
            fh.write(bytes([i]) * (1 << 20))
    import hashlib

    digest = hashlib.sha256(big.read_bytes()).hexdigest()
    tracemalloc.start()
    _copy_checked(big, tmp_path / "copy.bin", digest)
    zip_bag(tmp_path / "bag", tmp_path / "out.zip")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 << 20, peak
