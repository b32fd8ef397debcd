"""Forged and hostile variants of a real Jasper export bundle, for ``jasper verify`` (issue 16).

Give it a bundle made by ``jasper export``; every variant is written next to the others:

    python -m tests.hostile.bundles BUNDLE.zip OUT_DIR [--verify] [--only NAME ...]

``--verify`` runs ``jasper verify`` on each variant and prints what it did against what
issue 16 requires (:func:`judge`). The bundle format is read from the bundle itself (the seal
is re-made from the bundle's own ``jasper-seal.json``), not imported from Jasper, whose modules
are moving; the format is the one ``evidence/signing.py`` and ``evidence/export/bundle.py``
write: a ZIP holding one top folder, a BagIt bag, sealed by ``jasper-seal.json`` (Ed25519 over
its exact bytes, in ``jasper-seal.json.sig``) naming the SHA-256 of ``tagmanifest-sha256.txt``.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import io
import json
import os
import pty
import random
import re
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import tty
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import bagit
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SEAL: Final[str] = "jasper-seal.json"
SIGNATURE: Final[str] = SEAL + ".sig"
PUBLIC_KEY: Final[str] = "public-key.pem"
FINGERPRINT: Final[str] = "public-key.fingerprint"
SEAL_FILES: Final[tuple[str, ...]] = (SEAL, SIGNATURE, PUBLIC_KEY, FINGERPRINT)
TAG_MANIFEST: Final[str] = "tagmanifest-sha256.txt"
LISTINGS: Final[str] = "data/listings.json"
LISTINGS_CSV: Final[str] = "data/listings.csv"
BAG_CHECKSUMS: Final[list[str]] = ["sha256", "sha512"]
# Jasper stores what is already compressed and deflates the rest (evidence/export/bundle.py).
STORED_SUFFIXES: Final[set[str]] = {
    ".wacz", ".png", ".jpg", ".jpeg", ".webp", ".gz", ".pdf", ".zip",
}  # fmt: skip
FORGED_SELLER: Final[str] = "Innocent Trader Ltd"
FORGED_PRICE: Final[float] = 1999.0
REPO: Final[Path] = Path(__file__).resolve().parents[2]
MAX_LINES: Final[int] = 1000  # verify output a person can read
MAX_SECONDS: Final[float] = 60.0
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")  # what a terminal acts on (not \t, \n)
# "OK: " drawn at the start of a line by a carriage return or an escape sequence
FORGED_LINE = re.compile(r"[\r\x1b](?:\x1b?\[[0-9;?]*[A-Za-z]|\r)*OK: ")

Maker = Callable[[Path, Path, "Options"], "Made"]


@dataclass(frozen=True)
class Options:
    """Sizes of the expensive variants (tests make them small)."""

    extra_bytes: int = 1 << 30  # oxum-bomb: bytes extracted beyond the declared payload
    extra_member: int = 8 << 20  # oxum-bomb: bytes per padding member
    entries: int = 100_000  # entry-flood: empty members added


@dataclass(frozen=True)
class Made:
    """A variant written to ``path``; ``signer`` is the fingerprint of the key that sealed it
    (the forger's when re-sealed, the bundle's own for the original)."""

    name: str
    path: Path
    signer: str | None = None


@dataclass(frozen=True)
class Variant:
    """A forged or hostile bundle, and what ``jasper verify`` must report for it.

    ``outcome``: ``fail`` (a named problem, non-zero exit), ``unconfirmed`` (the signer's
    fingerprint printed and said to be unconfirmed, non-zero exit; with ``--public-key`` of
    the original signer it must fail), ``verified`` (the honest control: passes when pinned,
    and is unconfirmed like the rest when not).
    Every variant: no traceback, and no control character printed raw.
    """

    name: str
    does: str
    expect: str
    outcome: str
    make: Maker


# -- reading and writing bags -----------------------------------------------------------------


def unpack(bundle: Path, dest: Path) -> Path:
    """Extract a bundle we trust (a real export) and return its bag folder."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(dest)
    (bag,) = [p for p in dest.iterdir() if p.is_dir()]
    return bag


def pack(bag: Path, out: Path) -> Path:
    """Zip ``bag`` as Jasper does: one top folder, files in path order, media stored."""
    with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            stored = path.suffix.lower() in STORED_SUFFIXES
            zf.write(
                path,
                f"{bag.name}/{path.relative_to(bag).as_posix()}",
                zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )
    return out


def public_key(bundle: Path, out: Path) -> Path:
    """Copy the bundle's own ``public-key.pem`` (the honest signer's key) to ``out``."""
    with zipfile.ZipFile(bundle) as zf:
        (name,) = [n for n in zf.namelist() if n.count("/") == 1 and n.endswith("/" + PUBLIC_KEY)]
        out.write_bytes(zf.read(name))
    return out


def forge_listings(bag: Path) -> tuple[str, float]:
    """Change the seller and price of the first listing (and its captures) in
    ``listings.json`` and ``listings.csv``; return what they were."""
    path = bag / LISTINGS
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    first = records[0]
    old_seller, old_price = str(first.get("seller")), float(first.get("price") or 0)
    for node in [first, *first.get("captures", [])]:
        node["seller"], node["price"] = FORGED_SELLER, FORGED_PRICE
    path.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    table = bag / LISTINGS_CSV
    if table.is_file():  # a careful forger keeps the two tables telling the same story
        with table.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            if row.get("listing_id") == str(first.get("id")):
                row["seller"], row["price"] = FORGED_SELLER, str(FORGED_PRICE)
        with table.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else [])
            writer.writeheader()
            writer.writerows(rows)
    return old_seller, old_price


def rebag(bag: Path) -> None:
    """Rebuild every manifest, tag manifest and ``Payload-Oxum`` over the bag as it is now.

    The seal files and the time-stamps beside them are kept out, as Jasper seals after
    bagging: they are not in the tag manifests of a real bundle either.
    """
    with tempfile.TemporaryDirectory() as aside:
        kept = []
        for name in sorted(os.listdir(bag)):
            if name in SEAL_FILES or name.endswith((".tsr", ".tsa-chain.pem")):
                shutil.move(bag / name, Path(aside) / name)
                kept.append(name)
        found = bagit.Bag(str(bag))
        found.save(processes=1, manifests=True)
        for name in kept:
            shutil.move(Path(aside) / name, bag / name)


def fingerprint(key: Ed25519PublicKey) -> str:
    """``sha256:`` and the hex SHA-256 of the raw public key (as Jasper prints it)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def reseal(bag: Path, key: Ed25519PrivateKey) -> str:
    """Seal ``bag`` with ``key`` as Jasper would: the old seal's fields, a fresh signature.

    A time-stamp in the old seal is dropped (its token no longer matches); the ledger head is
    copied (a forger has it). Returns the new signer's fingerprint.
    """
    old = bag / SEAL
    seal: dict[str, Any] = json.loads(old.read_text()) if old.is_file() else {"version": 1}
    seal.pop("timestamp", None)
    for name in os.listdir(bag):
        if name.endswith((".tsr", ".tsa-chain.pem")):
            (bag / name).unlink()  # tokens over the old seal or signature
    public = key.public_key()
    found = fingerprint(public)
    digest = hashlib.sha256((bag / TAG_MANIFEST).read_bytes()).hexdigest()
    seal |= {
        "algorithm": "Ed25519",
        "signed": {TAG_MANIFEST: digest},
        "public_key_fingerprint": found,
        "sealed_at": datetime.now(UTC).isoformat(),
    }
    body = (json.dumps(seal, sort_keys=True, indent=1) + "\n").encode()
    (bag / SEAL).write_bytes(body)
    (bag / SIGNATURE).write_bytes(key.sign(body))
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (bag / PUBLIC_KEY).write_bytes(pem)
    (bag / FINGERPRINT).write_text(found + "\n")
    return found


# -- forgeries ----------------------------------------------------------------------------------


def _forged(bundle: Path, out: Path, then: Callable[[Path], str | None]) -> str | None:
    with tempfile.TemporaryDirectory() as tmp:
        bag = unpack(bundle, Path(tmp))
        forge_listings(bag)
        rebag(bag)
        signer = then(bag)
        pack(bag, out)
    return signer


def _original(bundle: Path, out: Path, opts: Options) -> Made:
    shutil.copyfile(bundle, out)
    with zipfile.ZipFile(bundle) as zf:
        signer = zf.read(f"{_top(zf)}/{FINGERPRINT}").decode().strip()
    return Made("original", out, signer)


def _stale_seal(bundle: Path, out: Path, opts: Options) -> Made:
    _forged(bundle, out, lambda bag: None)
    return Made("forged-stale-seal", out)


def _unsealed(bundle: Path, out: Path, opts: Options) -> Made:
    def strip(bag: Path) -> str | None:
        for name in os.listdir(bag):
            if name in SEAL_FILES or name.endswith((".tsr", ".tsa-chain.pem")):
                (bag / name).unlink()
        return None

    _forged(bundle, out, strip)
    return Made("forged-unsealed", out)


def _resealed(bundle: Path, out: Path, opts: Options) -> Made:
    key = Ed25519PrivateKey.generate()
    signer = _forged(bundle, out, lambda bag: reseal(bag, key))
    return Made("forged-resealed", out, signer)


# -- hostile archives ---------------------------------------------------------------------------


def _top(zf: zipfile.ZipFile) -> str:
    return zf.namelist()[0].split("/", 1)[0]


def _append(bundle: Path, out: Path, members: Iterable[tuple[zipfile.ZipInfo, bytes]]) -> None:
    """A copy of ``bundle`` with ``members`` appended (the original entries untouched)."""
    shutil.copyfile(bundle, out)
    with zipfile.ZipFile(out, "a", allowZip64=True) as zf:
        for info, data in members:
            zf.writestr(info, data)


def _info(name: str, mode: int = stat.S_IFREG | 0o644, deflate: bool = True) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    return info


def _entry_offsets(data: bytes, name: str) -> tuple[int, int]:
    """Offsets of ``name``'s local header and central directory entry in a ZIP."""
    with zipfile.ZipFile(_bytes_io(data)) as zf:
        local = zf.getinfo(name).header_offset
        pos = zf.start_dir
    while data[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        if data[pos + 46 : pos + 46 + n].decode("utf-8") == name:
            return local, pos
        pos += 46 + n + m + k
    raise KeyError(name)


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def _listings_member(bundle: Path) -> str:
    with zipfile.ZipFile(bundle) as zf:
        return f"{_top(zf)}/{LISTINGS}"


def _bad_crc(bundle: Path, out: Path, opts: Options) -> Made:
    """Flip one byte of ``listings.json``'s deflated data where it still inflates: bad CRC."""
    data = bytearray(bundle.read_bytes())
    name = _listings_member(bundle)
    local, _ = _entry_offsets(bytes(data), name)
    n, m = struct.unpack("<HH", data[local + 26 : local + 30])
    start = local + 30 + n + m
    with zipfile.ZipFile(bundle) as zf:
        size = zf.getinfo(name).compress_size
    for offset in range(start + size // 2, start + size - 8):
        for bit in (1, 2, 4, 8, 16, 32, 64, 128):
            data[offset] ^= bit
            try:
                with zipfile.ZipFile(_bytes_io(bytes(data))) as zf:
                    zf.read(name)
            except zipfile.BadZipFile as exc:
                if "CRC" in str(exc):
                    out.write_bytes(data)
                    return Made("bad-crc", out)
            except Exception:  # not inflatable with this flip: try the next bit
                pass
            data[offset] ^= bit
    raise RuntimeError(f"no single-bit flip in {name} gives a bad CRC")


def _encrypted(bundle: Path, out: Path, opts: Options) -> Made:
    """Set the 'encrypted' flag of ``listings.json`` in its local and central headers."""
    data = bytearray(bundle.read_bytes())
    local, central = _entry_offsets(bytes(data), _listings_member(bundle))
    data[local + 6] |= 0x01
    data[central + 8] |= 0x01
    out.write_bytes(data)
    return Made("encrypted-flag", out)


def _long_name(bundle: Path, out: Path, opts: Options) -> Made:
    with zipfile.ZipFile(bundle) as zf:
        prefix = f"{_top(zf)}/data/"
    name = prefix + "L" * (300 - len(prefix))  # one path component well over NAME_MAX (255)
    _append(bundle, out, [(_info(name), b"long name\n")])
    return Made("long-name", out)


def _name_clash(bundle: Path, out: Path, opts: Options) -> Made:
    name = _listings_member(bundle) + "/clash.txt"  # listings.json is a file already
    _append(bundle, out, [(_info(name), b"file and folder at once\n")])
    return Made("name-clash", out)


def _symlink(bundle: Path, out: Path, opts: Options) -> Made:
    with zipfile.ZipFile(bundle) as zf:
        name = f"{_top(zf)}/data/captures/evil-link"
    info = _info(name, stat.S_IFLNK | 0o777, deflate=False)
    _append(bundle, out, [(info, b"/etc/passwd")])
    return Made("symlink", out)


def _ansi_names(bundle: Path, out: Path, opts: Options) -> Made:
    """Members whose names, printed raw, erase their line and print a green OK; ``ESC[8m``
    then conceals everything printed after (no SGR reset follows in Jasper's output)."""
    with zipfile.ZipFile(bundle) as zf:
        prefix = f"{_top(zf)}/data/"
    forged = f"\x1b[2K\r\x1b[32mOK: {out} verified, no problems\x1b[0m\x1b[8m"
    names = [
        prefix + "a" + forged,
        prefix + "b" + "\x08" * 6 + "OK\x1b[8m",  # backspaces over "data/b"
        prefix + "c\x1b]0;verified\x07\u202etxt.exe",  # OSC window title, RTL override
    ]
    _append(bundle, out, [(_info(n), b"x") for n in names])
    return Made("ansi-names", out)


def _padding(size: int, seed: int = 16) -> bytes:
    """``size`` bytes that deflate about 100:1, under Jasper's 200:1 ratio limit."""
    rng = random.Random(seed)
    data = bytearray(size)
    for pos in range(0, size - 8, 1024):
        data[pos : pos + 8] = rng.randbytes(8)
    return bytes(data)


def _oxum_bomb(bundle: Path, out: Path, opts: Options) -> Made:
    """Extra members extracting to ``opts.extra_bytes`` in all, each under the ratio limit."""
    with zipfile.ZipFile(bundle) as zf:
        prefix = f"{_top(zf)}/data/padding/"
    block = _padding(opts.extra_member)
    count = max(1, opts.extra_bytes // opts.extra_member)
    members = ((_info(f"{prefix}part-{i:05d}.bin"), block) for i in range(count))
    _append(bundle, out, members)
    return Made("oxum-bomb", out)


def _entry_flood(bundle: Path, out: Path, opts: Options) -> Made:
    """``opts.entries`` empty members appended, written raw (zipfile is too slow for this)."""
    data = bundle.read_bytes()
    with zipfile.ZipFile(bundle) as zf:
        top = _top(zf)
        old_count = len(zf.infolist())
        cd_start = zf.start_dir
    eocd = data.rindex(b"PK\x05\x06")
    zip64 = data.rfind(b"PK\x06\x06", 0, eocd)
    cd_end = zip64 if zip64 >= cd_start else eocd
    locals_: list[bytes] = []
    central: list[bytes] = []
    offset = cd_start
    dostime, dosdate = 0, (2026 - 1980) << 9 | 1 << 5 | 1
    for i in range(opts.entries):
        name = f"{top}/data/flood/{i:x}".encode()
        locals_.append(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, dostime, dosdate,
                        0, 0, 0, len(name), 0) + name
        )  # fmt: skip
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 0, dostime, dosdate,
                        0, 0, 0, len(name), 0, 0, 0, 0, (stat.S_IFREG | 0o644) << 16, offset)
            + name
        )  # fmt: skip
        offset += len(locals_[-1])
    new_locals, new_central = b"".join(locals_), b"".join(central)
    cd = data[cd_start:cd_end] + new_central
    cd_offset = cd_start + len(new_locals)
    total = old_count + opts.entries
    zip64_at = cd_offset + len(cd)
    tail = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, total, total, len(cd),
                       cd_offset)  # fmt: skip
    tail += struct.pack("<IIQI", 0x07064B50, 0, zip64_at, 1)
    tail += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                        0xFFFFFFFF, 0)  # fmt: skip
    out.write_bytes(data[:cd_start] + new_locals + cd + tail)
    return Made("entry-flood", out)


VARIANTS: Final[tuple[Variant, ...]] = (
    Variant("original", "The bundle as exported (control).",
            "with --public-key of the signer: OK, exit 0; without a trusted key: the signer's "
            "fingerprint printed and said to be unconfirmed, non-zero exit", "verified",
            _original),
    Variant("forged-stale-seal",
            "listings.json seller and price changed (and listings.csv), manifests and "
            "Payload-Oxum rebuilt, the old seal left as it was.",
            "FAILED, naming tagmanifest-sha256.txt as changed since the bag was signed",
            "fail", _stale_seal),
    Variant("forged-unsealed", "The same forgery, with the seal files removed.",
            "FAILED: a Jasper bundle without a valid seal fails (seal missing)", "fail",
            _unsealed),
    Variant("forged-resealed", "The same forgery, re-sealed with a fresh Ed25519 key.",
            "not OK: the signer's (forger's) fingerprint printed and said to be unconfirmed, "
            "non-zero exit; with --public-key of the original signer: FAILED naming "
            "public-key.pem as not the expected key", "unconfirmed", _resealed),
    Variant("bad-crc", "One bit flipped inside listings.json's deflated data (bad CRC-32).",
            "FAILED naming data/listings.json as corrupt (bad CRC); no traceback", "fail",
            _bad_crc),
    Variant("long-name", "An extra member whose name is 300 characters (one part > 255).",
            "FAILED naming the member as unsafe (name too long); no traceback", "fail",
            _long_name),
    Variant("name-clash", "A member data/listings.json/clash.txt: listings.json is a file.",
            "FAILED naming the file/folder clash; no traceback", "fail", _name_clash),
    Variant("encrypted-flag", "The 'encrypted' flag set on data/listings.json (both headers).",
            "FAILED naming data/listings.json as encrypted; no traceback", "fail", _encrypted),
    Variant("oxum-bomb",
            "Extra members extracting to far more than the bag's Payload-Oxum, each under "
            "the 200:1 ratio limit (about 100:1).",
            "FAILED (unsafe: more than the declared payload) before writing much more than "
            "the declared payload to scratch", "fail", _oxum_bomb),
    Variant("ansi-names",
            "Members named with ANSI CSI/OSC, CR, backspaces and an RTL override, forging "
            "'OK: ... verified, no problems' and hiding what follows.",
            "FAILED naming the extra members with control characters escaped; nothing "
            "printed raw", "fail", _ansi_names),
    Variant("symlink", "A symlink member data/captures/evil-link -> /etc/passwd.",
            "FAILED: unsafe member (link), nothing extracted", "fail", _symlink),
    Variant("entry-flood", "100,000 empty members appended (ZIP64 end records).",
            "FAILED quickly naming the flood (absurd entry count for the payload), in bounded "
            "time, memory and output", "fail", _entry_flood),
)  # fmt: skip

BY_NAME: Final[dict[str, Variant]] = {v.name: v for v in VARIANTS}


def make_variants(
    bundle: Path, out_dir: Path, names: Iterable[str] = (), opts: Options | None = None
) -> dict[str, Made]:
    """Write the variants named (all when none) to ``out_dir/NAME.zip``; also write the
    original signer's key to ``out_dir/original-public-key.pem``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    public_key(bundle, out_dir / "original-public-key.pem")
    chosen = [BY_NAME[n] for n in names] or list(VARIANTS)
    return {v.name: v.make(bundle, out_dir / f"{v.name}.zip", opts or Options()) for v in chosen}


# -- running and judging jasper verify ------------------------------------------------------------


@dataclass
class VerifyRun:
    """One ``jasper verify`` run: exit status, output, time and peak scratch bytes."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    scratch_peak: int
    args: list[str] = field(default_factory=list)
    scratch_files: int = 0


def _tree_size(root: Path) -> tuple[int, int]:
    """Bytes and files under ``root``."""
    total = count = 0
    for dirpath, _, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
                count += 1
            except OSError:
                pass
    return total, count


def _run_on_terminal(args: list[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    """Run with standard output on a pseudo-terminal, as a user sees it: Click strips ANSI
    codes only when writing to a pipe, and a pipe read as text would turn ``\r`` into ``\n``."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # no \n -> \r\n translation: keep the bytes exactly as printed
    proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.PIPE, env=env, cwd=REPO)
    os.close(slave)
    chunks: list[bytes] = []

    def pump() -> None:
        while True:
            try:
                data = os.read(master, 1 << 16)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        _, err = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        code, err = -9, err + f"\ntimed out after {timeout}s".encode()
    reader.join(5)
    os.close(master)
    decode = functools.partial(bytes.decode, encoding="utf-8", errors="surrogateescape")
    return code, decode(b"".join(chunks)), decode(err)


def run_verify(bundle: Path, public_key: Path | None = None, timeout: float = 600) -> VerifyRun:
    """Run the real ``jasper verify`` on a terminal, with a private TMPDIR whose peak size
    is measured."""
    args = [sys.executable, "-m", "crawler.cli", "verify", str(bundle)]
    if public_key is not None:
        args += ["--public-key", str(public_key)]
    with tempfile.TemporaryDirectory(prefix="hostile-verify-") as scratch:
        env = os.environ | {"TMPDIR": scratch, "COLUMNS": "200", "TERM": "xterm"}
        peak = files = 0
        done = threading.Event()

        def watch() -> None:
            nonlocal peak, files
            while not done.wait(0.1):
                size, count = _tree_size(Path(scratch))
                peak, files = max(peak, size), max(files, count)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        start = time.monotonic()
        code, out, err = _run_on_terminal(args, env, timeout)
        seconds = time.monotonic() - start
        done.set()
        watcher.join()
    return VerifyRun(code, out, err, seconds, peak, args[3:], files)


def payload_oxum(bundle: Path) -> int:
    """The payload size the bag declares (``Payload-Oxum`` in ``bag-info.txt``)."""
    with zipfile.ZipFile(bundle) as zf:
        text = zf.read(f"{_top(zf)}/bag-info.txt").decode("utf-8", "replace")
    match = re.search(r"^Payload-Oxum:\s*(\d+)\.", text, re.M)
    return int(match.group(1)) if match else 0


def judge(variant: Variant, made: Made, run: VerifyRun, declared: int) -> list[str]:
    """Where a ``jasper verify`` run falls short of issue 16 for this variant (empty: fine)."""
    text = run.stdout + run.stderr
    pinned = "--public-key" in run.args
    wrong: list[str] = []
    if "Traceback" in text:
        wrong.append("traceback")
    if CONTROL.search(text):
        wrong.append("control characters printed raw")
    if FORGED_LINE.search(text):
        wrong.append("a forged 'OK' shows on the terminal")
    said_ok = bool(re.search(r"^OK: ", run.stdout, re.M))
    must_fail = variant.outcome == "fail" or (variant.outcome == "unconfirmed" and pinned)
    if must_fail and (run.returncode == 0 or said_ok):
        wrong.append(f"passed (exit {run.returncode})")
    if variant.outcome in ("unconfirmed", "verified") and not pinned:
        if run.returncode == 0:
            wrong.append("exit 0 for an unconfirmed signer")
        if made.signer and made.signer not in text:
            wrong.append("signer's fingerprint not printed")
        if not re.search(r"not confirmed|unconfirmed|not trusted|untrusted", text, re.I):
            wrong.append("does not say the signer is unconfirmed")
    if variant.outcome == "verified" and pinned and run.returncode != 0:
        wrong.append(f"honest bundle failed when pinned (exit {run.returncode})")
    if declared and run.scratch_peak > 2 * declared + (64 << 20):
        wrong.append(f"scratch peaked at {run.scratch_peak >> 20} MiB for {declared >> 10} KiB")
    # Bounds of our own (issue 16 asks for bounded input, not these numbers).
    lines = text.count("\n")
    if lines > MAX_LINES:
        wrong.append(f"{lines} lines printed")
    if run.seconds > MAX_SECONDS:
        wrong.append(f"took {run.seconds:.0f}s")
    return wrong


def summary(run: VerifyRun) -> str:
    """The line that matters: the exception of a traceback, else the OK/FAILED verdict."""
    lines = [ln for ln in (run.stdout + run.stderr).splitlines() if ln.strip()]
    trace = [ln for ln in lines if re.match(r"^\w+(\.\w+)*(Error|Exception|Zip\w*): ", ln)]
    verdicts = [ln for ln in lines if ln.startswith(("OK: ", "FAILED: ", "NOT CONFIRMED: "))]
    last = (trace or verdicts or [""])[-1]
    return repr(last[:160])


def main(argv: list[str] | None = None) -> None:
    """CLI: write the variants of a bundle and, with ``--verify``, judge ``jasper verify``."""
    parser = argparse.ArgumentParser(description="Forge hostile variants of a Jasper bundle.")
    parser.add_argument("bundle", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--only", nargs="*", default=[], choices=sorted(BY_NAME))
    parser.add_argument("--verify", action="store_true", help="run jasper verify on each")
    parser.add_argument("--extra-bytes", type=int, default=Options.extra_bytes)
    parser.add_argument("--entries", type=int, default=Options.entries)
    args = parser.parse_args(argv)
    opts = Options(extra_bytes=args.extra_bytes, entries=args.entries)
    made = make_variants(args.bundle, args.out_dir, args.only, opts)
    key = args.out_dir / "original-public-key.pem"
    declared = payload_oxum(args.bundle)
    for name, item in made.items():
        size = item.path.stat().st_size
        signer = f" signer {item.signer}" if item.signer else ""
        print(f"{name}: {item.path} ({size} bytes){signer}")
        if not args.verify:
            continue
        variant = BY_NAME[name]
        runs = [run_verify(item.path)]
        if variant.outcome in ("unconfirmed", "verified") or name.startswith("forged"):
            runs.append(run_verify(item.path, key))
        for run in runs:
            pinned = " --public-key" if "--public-key" in run.args else ""
            wrong = judge(variant, item, run, declared)
            print(
                f"  verify{pinned}: exit {run.returncode}, {run.seconds:.1f}s, scratch "
                f"{run.scratch_peak >> 10} KiB in {run.scratch_files} files, "
                f"{(run.stdout + run.stderr).count(chr(10))} lines, last {summary(run)}; "
                + ("meets issue 16" if not wrong else "FALLS SHORT: " + "; ".join(wrong))
            )
            log = args.out_dir / f"{name}{pinned.replace(' --', '.')}.verify.txt"
            report = f"exit {run.returncode}\n--- stdout\n{run.stdout}--- stderr\n{run.stderr}"
            log.write_bytes(report.encode("utf-8", "surrogateescape"))


if __name__ == "__main__":
    main()
