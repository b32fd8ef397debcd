"""Safe extraction of a bundle: no zip-slip, no links, no zip bombs, nothing executed.

Before a byte is written, every member is screened (name, type, flags, sizes) and the whole
archive is held to what the bag itself declares (``Payload-Oxum`` in ``bag-info.txt``): a
bundle cannot make verification write much more than its declared payload, nor flood the
scratch folder with entries. Every refusal is a :class:`Problem` naming the member.
"""

from __future__ import annotations

import errno
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence.store import CHUNK
from evidence.verification.problems import Problem

BAGIT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MAX_BAG_INFO = 1 << 20
OXUM = re.compile(r"^Payload-Oxum:[ \t]*(\d+)\.(\d+)[ \t]*$", re.M | re.I)
# zipfile reads these; anything else is refused by name rather than failing mid-way
METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
# Errors reading a member's data: a damaged archive, never a traceback
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
               ValueError, struct.error)  # fmt: skip


class UnsafeArchive(ValueError):
    """The archive is refused; ``problems`` name each member and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems[:3]))


@dataclass(frozen=True)
class Limits:
    """What an archive may claim before we refuse to open it."""

    max_ratio: float = 200.0  # uncompressed / compressed, for members over ``ratio_floor``
    ratio_floor: int = 1 << 20
    max_total: int = 256 << 30  # uncompressed bytes, whatever the bag declares
    max_members: int = 1_000_000  # checked in the end record, before the directory is read
    max_name: int = 1024  # bytes in a member name
    max_part: int = 255  # bytes in one path component (NAME_MAX)
    payload_slack: int = 16 << 20  # over Payload-Oxum: tampering is then named, not refused
    tag_bytes: int = 32 << 20  # tag files (manifests, seal, tokens) beside the payload ...
    tag_bytes_per_file: int = 1024  # ... plus this per declared payload file
    extra_members: int = 256  # entries beyond the declared payload files (tags, folders)
    max_problems: int = 50  # stop screening after this many


def entry_count(archive: Path) -> int | None:
    """The entry count the ZIP's end record declares (ZIP64 too), read without parsing the
    central directory; None when there is no end record to read."""
    size = archive.stat().st_size
    with archive.open("rb") as fh:
        tail_size = min(size, 22 + 0xFFFF + 20)
        fh.seek(size - tail_size)
        tail = fh.read(tail_size)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) < at + 22:
            return None
        count: int = struct.unpack("<H", tail[at + 10 : at + 12])[0]
        locator = tail.rfind(b"PK\x06\x07", 0, at)
        if count == 0xFFFF and locator >= 0:
            (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
            if offset + 40 <= size:
                fh.seek(offset)
                record = fh.read(40)
                if record[:4] == b"PK\x06\x06":
                    (count,) = struct.unpack("<Q", record[32:40])
        return count


def _name_problem(name: str, parts: list[str], limits: Limits) -> str | None:
    """Why a member name (split into ``parts``) is unsafe, or None."""
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or ":" in parts[0]
        or any(part in ("..", ".", "") for part in parts)
    ):
        return "unsafe member name"
    if not name.isprintable():
        return "control characters in the member name"
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) > limits.max_name or any(
        len(part.encode("utf-8", "surrogateescape")) > limits.max_part for part in parts
    ):
        return f"member name too long ({len(encoded)} bytes; a part over {limits.max_part})"
    return None


def screen(
    infos: Sequence[zipfile.ZipInfo], limits: Limits, label: Callable[[str], str] = str
) -> list[Problem]:
    """Problems with the members themselves: names, types, flags, methods, ratios, clashes.

    ``label`` turns a member name into the name problems report.
    """
    problems: list[Problem] = []
    files: set[str] = set()
    entries: set[str] = set()  # folder entries as listed
    folders: set[str] = set()  # every folder a member implies
    total = 0
    for info in infos:
        if len(problems) >= limits.max_problems:
            problems.append(Problem("...", "unsafe", "more problems not listed"))
            break
        name = info.filename
        where = label(name)
        path = name.removesuffix("/") if info.is_dir() else name
        parts = path.split("/")
        why = _name_problem(name, parts, limits)
        if why:
            problems.append(Problem(where, "unsafe", why))
            continue
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            problems.append(Problem(where, "unsafe", "not a regular file (link or device)"))
            continue
        if info.flag_bits & 0x1:
            problems.append(Problem(where, "encrypted", "a bundle is never encrypted; refused"))
            continue
        if info.compress_type not in METHODS:
            problems.append(
                Problem(where, "unsafe", f"unsupported compression method {info.compress_type}")
            )
            continue
        if info.file_size > limits.ratio_floor and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            problems.append(Problem(
                where, "unsafe", f"compression ratio over {limits.max_ratio:.0f} (zip bomb?)"
            ))  # fmt: skip
            continue
        if path in files or path in entries:
            problems.append(Problem(where, "unsafe", "appears twice in the archive"))
            continue
        if info.is_dir():
            entries.add(path)
            folders.add(path)
        else:
            files.add(path)
        folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
        total += info.file_size
    if total > limits.max_total:
        detail = f"more than {limits.max_total} bytes uncompressed"
        problems.append(Problem("archive", "unsafe", detail))
    for clash in sorted(files & folders)[: limits.max_problems]:
        problems.append(Problem(label(clash), "unsafe", "both a file and a folder in the archive"))
    return problems


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise ValueError(f"over {limit} bytes")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"over {limit} bytes")
    return data


@dataclass(frozen=True)
class Layout:
    """Where the bag sits in the archive, and what it declares."""

    top: str  # "" when bagit.txt is at the archive's root, else "FOLDER/"
    oxum_bytes: int
    oxum_files: int


def _top(names: Sequence[str]) -> str | None:
    """The bag's folder in the archive: "" or "FOLDER/", or None when there is no bag."""
    if BAGIT in names:
        return ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1:
        (top,) = tops
        if f"{top}/{BAGIT}" in names:
            return f"{top}/"
    candidates = sorted(n.removesuffix(BAGIT) for n in names if n.endswith("/" + BAGIT))
    return candidates[0] if len(candidates) == 1 and candidates[0].count("/") == 1 else None


def layout(zf: zipfile.ZipFile, infos: Sequence[zipfile.ZipInfo]) -> Layout:
    """The bag's folder and its ``Payload-Oxum`` (bytes and files under ``data/``)."""
    names = [i.filename for i in infos]
    top = _top(names)
    if top is None:
        raise UnsafeArchive([Problem(BAGIT, "missing", "not a BagIt bag")])
    outside = [n for n in names if not n.startswith(top)]
    if outside:
        raise UnsafeArchive(
            [Problem(n, "unsafe", f"outside the bag's folder {top}") for n in outside[:20]]
        )
    info = next((i for i in infos if i.filename == top + BAG_INFO), None)
    if info is None:
        raise UnsafeArchive([Problem(BAG_INFO, "missing", "no Payload-Oxum to bound unpacking")])
    try:
        text = _read_small(zf, info, MAX_BAG_INFO).decode("utf-8", "replace")
    except READ_ERRORS as exc:
        raise UnsafeArchive([Problem(BAG_INFO, "corrupt", str(exc))]) from None
    match = OXUM.search(text)
    if match is None:
        raise UnsafeArchive(
            [Problem(BAG_INFO, "invalid", "no Payload-Oxum: cannot bound what unpacking writes")]
        )
    return Layout(top, int(match.group(1)), int(match.group(2)))


def check_declared(infos: Sequence[zipfile.ZipInfo], bag: Layout, limits: Limits) -> list[Problem]:
    """The archive against what the bag declares: bytes and entries under ``data/`` within
    ``Payload-Oxum`` (plus slack, so a tampered file is named by fixity, not refused here),
    tag files within a budget, entries within what that payload could need."""
    data = bag.top + "data/"
    payload_bytes = sum(i.file_size for i in infos if i.filename.startswith(data))
    tag_bytes = sum(i.file_size for i in infos if not i.filename.startswith(data))
    refused = "refused before unpacking"
    problems = []
    if len(infos) > 2 * (bag.oxum_files + limits.extra_members):
        detail = f"{len(infos)} entries for a bag that declares {bag.oxum_files} payload files"
        problems.append(Problem("archive", "unsafe", f"{detail} (Payload-Oxum); {refused}"))
    if payload_bytes > bag.oxum_bytes + max(limits.payload_slack, bag.oxum_bytes // 10):
        detail = f"{payload_bytes} bytes uncompressed, but bag-info.txt declares {bag.oxum_bytes}"
        problems.append(Problem("data/", "unsafe", f"{detail} (Payload-Oxum); {refused}"))
    budget = limits.tag_bytes + limits.tag_bytes_per_file * bag.oxum_files
    if tag_bytes > budget:
        detail = f"{tag_bytes} bytes outside data/ (limit {budget} for this payload)"
        problems.append(Problem("archive", "unsafe", f"{detail}; {refused}"))
    return problems


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, where: str) -> None:
    """One member to ``target``, in chunks, never more than it declares."""
    if info.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    # Files are written without execute bits, whatever the archive says.
    with zf.open(info) as src, target.open("xb") as out:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            if written > info.file_size:
                raise UnsafeArchive([Problem(where, "unsafe", "larger than declared")])
            out.write(chunk)


def _extract_problem(exc: BaseException, where: str) -> Problem:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return Problem(where, "unsafe", "no space left in the scratch folder")
        if exc.errno in (errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
            return Problem(where, "unsafe", "clashes with another member (file and folder)")
        return Problem(where, "unsafe", f"cannot be extracted ({exc.strerror or exc})")
    text = str(exc)
    if "CRC" in text:
        return Problem(where, "corrupt", "bad CRC-32: the archive member is damaged")
    detail = f"the archive member is damaged ({type(exc).__name__}: {text})"
    return Problem(where, "corrupt", detail)


def safe_extract(archive: Path, dest: Path, limits: Limits | None = None) -> Path:
    """Extract the bag in ``archive`` under ``dest`` only; return the bag's folder.

    Raises :class:`UnsafeArchive` naming every refused member, or the first one that cannot
    be extracted (damaged, or refused by the file system).
    """
    limits = limits or Limits()
    root = dest.resolve()
    try:
        declared = entry_count(archive)
    except OSError as exc:
        raise UnsafeArchive([Problem(archive.name, "invalid", f"unreadable: {exc}")]) from None
    if declared is not None and declared > limits.max_members:
        detail = f"{declared} entries in the ZIP directory (limit {limits.max_members})"
        raise UnsafeArchive([Problem(archive.name, "unsafe", detail)])
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, *READ_ERRORS) as exc:
        problem = Problem(archive.name, "invalid", f"not a readable ZIP file: {exc}")
        raise UnsafeArchive([problem]) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            detail = f"{len(infos)} members (limit {limits.max_members})"
            raise UnsafeArchive([Problem(archive.name, "unsafe", detail)])
        top = _top([i.filename for i in infos])
        label = _labeller(top or "")
        # What the bag declares is checked first: a flood or a bomb is refused before the
        # member-by-member screening spends time on it.
        bag: Layout | UnsafeArchive
        try:
            bag = layout(zf, infos)
        except UnsafeArchive as exc:
            bag = exc
        if isinstance(bag, Layout) and (problems := check_declared(infos, bag, limits)):
            raise UnsafeArchive(problems)
        if problems := screen(infos, limits, label):
            raise UnsafeArchive(problems)
        if isinstance(bag, UnsafeArchive):
            raise bag
        for info in infos:
            where = label(info.filename)
            target = (root / info.filename).resolve()
            if not target.is_relative_to(root):
                detail = "would extract outside the scratch folder"
                raise UnsafeArchive([Problem(where, "unsafe", detail)])
            try:
                _extract(zf, info, target, where)
            except UnsafeArchive:
                raise
            except (OSError, *READ_ERRORS) as exc:
                raise UnsafeArchive([_extract_problem(exc, where)]) from None
    return root / bag.top if bag.top else root


def _labeller(top: str) -> Callable[[str], str]:
    """Member names as problems report them: relative to the bag's folder."""

    def label(name: str) -> str:
        return name[len(top) :] if top and name.startswith(top) and name != top else name

    return label
