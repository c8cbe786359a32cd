"""Write into a temporary folder, then rename into place: a failed run never touches an earlier output,
and two runs of the same PDF at once end with one complete output, never a mix."""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def staging(out: Path, stem: str) -> Iterator[Path]:
    """A fresh folder beside ``out/<stem>`` (same filesystem, so the final rename is atomic)."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{stem}.tmp-", dir=out))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def publish(tmp: Path, final: Path) -> None:
    """Swap ``tmp`` in as ``final`` under a lock; the old output is removed only once the new one is in."""
    lock_path = final.parent / f".{final.name}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        old = None
        if final.exists():
            old = final.parent / f".{final.name}.old-{os.getpid()}"
            os.rename(final, old)
        os.rename(tmp, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
