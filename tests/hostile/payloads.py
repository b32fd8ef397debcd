"""Hostile bodies built lazily: small on the wire or in memory, huge once decoded.

Deflate output after a full flush does not depend on what came before, so one compressed
block repeated N times is a valid stream of N blocks: bombs cost one block of CPU, not N.
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

MIB = 1 << 20


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png(ihdr: bytes, idat: bytes) -> bytes:
    chunks = _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def png(width: int, height: int, grey: int = 128) -> bytes:
    """A plain, valid 8-bit greyscale PNG of one shade."""
    row = b"\x00" + bytes([grey & 0xFF]) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(row * height, 9)
    return _png(ihdr, idat)


@functools.lru_cache(maxsize=2)
def png_bomb(side: int = 40_000) -> bytes:
    """A 1-bit ``side`` x ``side`` PNG of about 200 KB: Pillow refuses it as a bomb (over
    twice ``Image.MAX_IMAGE_PIXELS``); a decoder that tries holds gigabytes."""
    row = b"\x00" + bytes((side + 7) // 8)
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows_per_block = 256
    blocks, rest = divmod(side, rows_per_block)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(row * rows_per_block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(row * rest) + compressor.flush()
    adler = 1
    for _ in range(blocks):
        adler = zlib.adler32(row * rows_per_block, adler)
    adler = zlib.adler32(row * rest, adler)
    # zlib stream: header (deflate, 32K window, best compression), blocks, Adler-32
    idat = b"\x78\xda" + block * blocks + tail + struct.pack(">I", adler)
    return _png(ihdr, idat)


@functools.lru_cache(maxsize=8)
def _filler_crc(block: bytes, count: int, start: int) -> int:
    crc = start
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    return crc


@dataclass(frozen=True)
class GzipBomb:
    """A gzip body: ``prefix``, ``mib`` MiB of spaces, ``suffix``; about 1 KB per MiB."""

    prefix: bytes
    mib: int
    suffix: bytes

    @functools.cached_property
    def _parts(self) -> tuple[bytes, bytes, bytes]:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        head = compressor.compress(self.prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
        block = compressor.compress(b" " * MIB) + compressor.flush(zlib.Z_FULL_FLUSH)
        tail = compressor.compress(self.suffix) + compressor.flush()
        crc = zlib.crc32(self.prefix)
        crc = _filler_crc(b" " * MIB, self.mib, crc)
        crc = zlib.crc32(self.suffix, crc)
        size = len(self.prefix) + self.mib * MIB + len(self.suffix)
        # gzip header: magic, deflate, no flags, no mtime, max compression, unknown OS
        header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + head
        trailer = tail + struct.pack("<II", crc, size & 0xFFFFFFFF)
        return header, block, trailer

    @property
    def decoded_size(self) -> int:
        """Bytes once decompressed."""
        return len(self.prefix) + self.mib * MIB + len(self.suffix)

    @property
    def wire_size(self) -> int:
        """Bytes on the wire (the Content-Length)."""
        header, block, trailer = self._parts
        return len(header) + self.mib * len(block) + len(trailer)

    def chunks(self) -> Iterator[bytes]:
        """The compressed body, a block at a time."""
        header, block, trailer = self._parts
        yield header
        for _ in range(self.mib):
            yield block
        yield trailer


@dataclass(frozen=True)
class HugeBody:
    """``prefix``, then ``filler`` repeated until about ``size`` bytes, then ``suffix``."""

    prefix: bytes
    filler: bytes
    size: int
    suffix: bytes

    @property
    def repeats(self) -> int:
        """How many times the filler is sent."""
        return max(0, (self.size - len(self.prefix) - len(self.suffix)) // len(self.filler))

    @property
    def length(self) -> int:
        """The exact Content-Length."""
        return len(self.prefix) + self.repeats * len(self.filler) + len(self.suffix)

    def chunks(self, batch: int = 64) -> Iterator[bytes]:
        """The body in chunks of ``batch`` fillers."""
        yield self.prefix
        whole, rest = divmod(self.repeats, batch)
        big = self.filler * batch
        for _ in range(whole):
            yield big
        yield self.filler * rest
        yield self.suffix
