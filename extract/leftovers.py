"""Folders left behind by killed runs: each temporary folder carries its process's PID in its name, so the
next run can tell an abandoned one (its process is gone) from one in use, and remove it."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, alive
    return True


def remove_abandoned(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Entries of ``folder`` whose name matches ``pattern`` (group 1: the PID) and whose process is gone."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        m = pattern.match(path.name)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
