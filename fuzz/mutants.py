"""Seeded mutations of a PDF's bytes: the damage downloads, broken tools and attackers do to a file.

Each mutant is named for its seed and kind, so a failure is rebuilt from its name alone.
"""
from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from pathlib import Path

Mutation = Callable[[bytes, random.Random], bytes]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def delete_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096):]


def duplicate_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start:start + rng.randint(1, 8192)]
    at = rng.randrange(len(data))
    return data[:at] + piece + data[at:]


def zero_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    n = rng.randint(1, 2048)
    return data[:start] + b"\0" * min(n, len(data) - start) + data[start + n:]


def break_xref(data: bytes, rng: random.Random) -> bytes:
    """A wrong startxref offset or a mangled xref table: readers must rebuild or refuse."""
    at = data.rfind(b"startxref")
    if at < 0:
        return flip_bytes(data, rng)
    return data[:at] + b"startxref\n" + str(rng.randrange(len(data))).encode() + b"\n%%EOF\n"


def swap_numbers(data: bytes, rng: random.Random) -> bytes:
    """Object numbers, lengths and coordinates changed: every number-looking run of digits is a target."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(out))
        while at < len(out) and not chr(out[at]).isdigit():
            at += 1
        if at < len(out):
            out[at] = ord(str(rng.randrange(10)))
    return bytes(out)


def inflate_bomb(data: bytes, rng: random.Random) -> bytes:
    """An extra page content stream that inflates to many times its size (bounded here to 64 MB)."""
    co = zlib.compressobj(9)
    chunk = b" " * 2**20
    body = b"".join(co.compress(chunk) for _ in range(rng.randint(8, 64))) + co.flush()
    head = b"\n9999 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
    stream = head + body + b"\nendstream\nendobj\n"
    at = data.find(b"\n1 0 obj") if b"\n1 0 obj" in data else len(data) // 2
    return data[:at] + stream + data[at:]


MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate, "flip": flip_bytes, "delete": delete_range, "duplicate": duplicate_range,
    "zero": zero_range, "xref": break_xref, "numbers": swap_numbers, "bomb": inflate_bomb,
}


def make_mutants(source: Path, folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` mutants of ``source`` in ``folder``, kinds in turn, each from its own seed."""
    data = source.read_bytes()
    folder.mkdir(parents=True, exist_ok=True)
    kinds = list(MUTATIONS)
    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        rng = random.Random(f"{seed}-{i}")
        path = folder / f"mutant-{seed}-{i:04d}-{kind}.pdf"
        path.write_bytes(MUTATIONS[kind](data, rng))
        out.append(path)
    return out
