"""Safe extraction of a bundle: no zip-slip, no links, no zip bombs, nothing executed."""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from evidence.store import CHUNK


class UnsafeArchive(ValueError):
    """The archive cannot be opened safely; the message names the member and why."""


@dataclass(frozen=True)
class Limits:
    """What an archive may claim before we refuse to open it."""

    max_ratio: float = 200.0  # uncompressed / compressed, for members over ``ratio_floor``
    ratio_floor: int = 1 << 20
    max_total: int = 256 << 30
    max_members: int = 2_000_000


def check_member_name(name: str) -> None:
    """Refuse absolute paths, ``..``, drive letters and backslashes."""
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or (path.parts and ":" in path.parts[0])
        or any(part in ("..", ".") for part in path.parts)
    ):
        raise UnsafeArchive(f"{name!r}: unsafe member name")


def check_members(zf: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    """Every member, after checking names, types, sizes and compression ratios."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise UnsafeArchive(f"{len(infos)} members (limit {limits.max_members})")
    seen: set[str] = set()
    total = 0
    for info in infos:
        check_member_name(info.filename)
        if info.filename in seen:
            raise UnsafeArchive(f"{info.filename}: appears twice in the archive")
        seen.add(info.filename)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise UnsafeArchive(f"{info.filename}: not a regular file (link or device)")
        if info.file_size > limits.ratio_floor and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise UnsafeArchive(
                f"{info.filename}: compression ratio over {limits.max_ratio:.0f} (zip bomb?)"
            )
        total += info.file_size
        if total > limits.max_total:
            raise UnsafeArchive(f"more than {limits.max_total} bytes uncompressed")
    return infos


def safe_extract(archive: Path, dest: Path, limits: Limits | None = None) -> None:
    """Extract ``archive`` under ``dest`` only, in chunks, refusing anything unsafe."""
    limits = limits or Limits()
    root = dest.resolve()
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeArchive(f"not a readable ZIP file: {exc}") from exc
    with zf:
        for info in check_members(zf, limits):
            target = (root / info.filename).resolve()
            if not target.is_relative_to(root):
                raise UnsafeArchive(f"{info.filename}: would extract outside the scratch folder")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            # Files are written without execute bits, whatever the archive says.
            with zf.open(info) as src, target.open("xb") as out:
                while chunk := src.read(CHUNK):
                    written += len(chunk)
                    if written > info.file_size:
                        raise UnsafeArchive(f"{info.filename}: larger than declared")
                    out.write(chunk)


def find_bag(dest: Path) -> Path | None:
    """The bag root: ``dest`` itself or its single top-level folder, holding ``bagit.txt``."""
    if (dest / "bagit.txt").is_file():
        return dest
    tops = [p for p in dest.iterdir()]
    if len(tops) == 1 and tops[0].is_dir() and not tops[0].is_symlink():
        return tops[0]
    return None
