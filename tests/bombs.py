"""Hostile files made on the spot: image bombs (small files announcing huge images) and deeply
nested HTML. Shared by the tests and bench/faults.py; nothing here is stored in the repository."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG of width × height black pixels, compressed to a few hundred
    KB however large it decodes (Pillow decodes it to one byte per pixel)."""
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte + the row's bits
    packer = zlib.compressobj(9)
    parts = []
    rows_at_once = max(1, (1 << 20) // len(row))
    remaining = height
    while remaining:
        n = min(rows_at_once, remaining)
        parts.append(packer.compress(row * n))
        remaining -= n
    parts.append(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def nested_divs(depth: int, text: str = "deep inside") -> str:
    return "<div>" * depth + text + "</div>" * depth
