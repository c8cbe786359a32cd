"""Write into a staging folder, then swap it into place: a failed, killed or concurrent run never leaves
``OUT/<stem>`` half-written or missing.

The swap is ``renameat2(RENAME_EXCHANGE)``: the old and new folders trade names in one atomic step, so at
every instant ``OUT/<stem>`` is either the complete old output or the complete new one. Only then is the
old one (now under the staging name) removed. Staging folders carry the writing process's PID, so one left
by a killed run is recognised and removed by the next run into the same folder.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from extract.errors import InputError
from extract.leftovers import remove_abandoned

STAGING = re.compile(r"^\.tmp-[0-9a-f]{12}-(\d+)-[0-9a-f]{8}$")
AT_FDCWD = -100
RENAME_EXCHANGE = 2
_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)


def check_stem(stem: str, source: str) -> None:
    """A stem that cannot name an output folder of its own (``..pdf`` has the stem ``.``) is refused."""
    if stem in ("", ".", "..") or "/" in stem or "\0" in stem:
        raise InputError(f"its name gives no usable output folder name ({stem!r}); rename the file", source=source)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_staging(out: Path) -> list[Path]:
    """Staging folders of processes that no longer run (killed mid-run): removed, and returned."""
    return remove_abandoned(out, STAGING)


@contextlib.contextmanager
def staging(out: Path, stem: str) -> Iterator[Path]:
    """A fresh folder in ``out`` (same filesystem, so the swap is atomic), permissioned as the umask says.
    Its name does not contain the stem, so a stem of any allowed length fits."""
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out)
    tag = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    tmp = out / f".tmp-{tag}-{os.getpid()}-{secrets.token_hex(4)}"
    tmp.mkdir(mode=0o777 & ~current_umask())
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the kernel or filesystem cannot."""
    if _renameat2 is None:
        return False
    rc = _renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder itself (no lock file is left behind)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def publish(tmp: Path, final: Path) -> None:
    """Put ``tmp`` in place as ``final``; the old output goes only once the new one is in. Afterwards the
    old output sits at ``tmp``, which :func:`staging` removes."""
    with locked(final.parent):
        if not final.exists():
            os.rename(tmp, final)
            return
        if exchange(tmp, final):
            shutil.rmtree(tmp, ignore_errors=True)
            return
        # No RENAME_EXCHANGE here (an old kernel, some network filesystems): two renames, the old kept
        # under a staging name until the new one is in.
        old = tmp.with_name(tmp.name[:-8] + secrets.token_hex(4))
        os.rename(final, old)
        os.rename(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
