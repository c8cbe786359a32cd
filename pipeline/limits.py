"""Bounds on one PDF's run, as settings with sane defaults: wall time and peak memory here; page area,
drawing and text objects per page and pages to OCR in :class:`extract.ExtractSettings`.

Time and memory are checked, not hoped for: a watchdog thread samples the process's resident memory
and the clock. Past a limit it interrupts the run, which then ends with one line
naming the limit and the option that raises it, and removes its staging folder. Where the run is stuck
inside a library's C code (a decompression bomb inflating in pdfium) and does not answer within a grace
period, the watchdog prints the same line and ends the process; the next run removes what it left.
"""
from __future__ import annotations

import _thread
import contextlib
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GRACE_SECONDS = 10.0
LIMIT_SIGNAL = signal.SIGUSR2  # how the watchdog interrupts the main thread
SAMPLE_SECONDS = 0.2
# option → (attribute, metavar, help); the first two are RunLimits', the rest ExtractSettings'.
LIMIT_OPTIONS = {
    "max-seconds": ("max_seconds", "S", "give up on a PDF after this many seconds"),
    "max-memory-mb": ("max_memory_mb", "MB", "give up on a PDF whose run needs more memory than this"),
    "max-page-area": ("max_page_area", "SQ_IN", "refuse a page larger than this many square inches"),
    "max-page-objects": ("max_page_objects", "N", "refuse a page with more drawing and text objects than this"),
    "max-ocr-pages": ("max_ocr_pages", "N", "refuse to OCR more pages than this"),
}


class LimitExceeded(Exception):
    """A run went past one of its limits; the message names it and the option that raises it."""


@dataclass(frozen=True)
class RunLimits:
    max_seconds: float = 1800.0
    max_memory_mb: float = 4096.0

    def __post_init__(self) -> None:
        if self.max_seconds <= 0 or self.max_memory_mb <= 0:
            raise ValueError("limits must be positive")

    @classmethod
    def from_args(cls, args: Any) -> RunLimits:
        return cls(max_seconds=args.max_seconds, max_memory_mb=args.max_memory_mb)


def resident_mb() -> float:
    """This process's resident memory now (MB), and what its children hold of their own (the run's writer,
    forked from it: the pages it shares with this process are counted once)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        mine = pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return mine + sum(private_mb(pid) for pid in children())


def children() -> list[int]:
    """This process's child processes (Linux; none elsewhere)."""
    found = []
    for path in Path("/proc/self/task").glob("*/children"):
        try:
            found += [int(pid) for pid in path.read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def private_mb(pid: int) -> float:
    """A process's memory of its own (MB): its private pages, not those it shares (0 when it is gone)."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0.0
    return sum(int(line.split()[1]) for line in lines if line.startswith(("Private_Clean:", "Private_Dirty:"))) / 1024


class Watchdog(threading.Thread):
    def __init__(self, limits: RunLimits):
        super().__init__(daemon=True, name="limits-watchdog")
        self.limits = limits
        self.tripped = ""
        self.stopped = threading.Event()
        self.started_at = time.monotonic()

    def check(self) -> str:
        elapsed = time.monotonic() - self.started_at
        if elapsed > self.limits.max_seconds:
            return f"the run took longer than {self.limits.max_seconds:g} s (--max-seconds raises the limit)"
        used = resident_mb()
        if used > self.limits.max_memory_mb:
            return (f"the run needed more than {self.limits.max_memory_mb:g} MB of memory ({used:.0f} MB; "
                    "--max-memory-mb raises the limit)")
        return ""

    def run(self) -> None:
        tripped_at = 0.0
        while not self.stopped.wait(SAMPLE_SECONDS):
            if not self.tripped:
                self.tripped = self.check()
                if self.tripped:
                    tripped_at = time.monotonic()
                    # Its own signal, not SIGINT: a job started in the background (nohup, a scheduler, a
                    # shell's `&`) ignores SIGINT, and an ignored signal cannot interrupt anything.
                    _thread.interrupt_main(LIMIT_SIGNAL)
            elif time.monotonic() - tripped_at > GRACE_SECONDS:
                # The main thread is inside C code and cannot be interrupted: end the process cleanly.
                sys.stderr.write(f"error: {self.tripped}\n")
                sys.stderr.flush()
                os._exit(4)


def limit_hit(signum: int, frame: Any) -> None:
    """The watchdog's signal: unwind the run as an interrupt does (cleaning up on the way)."""
    raise KeyboardInterrupt("limit")


@contextlib.contextmanager
def guarded(limits: RunLimits) -> Iterator[None]:
    """Run the body under the limits; a limit hit becomes :class:`LimitExceeded`."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(LIMIT_SIGNAL, limit_hit) if main else None
    dog = Watchdog(limits)
    dog.start()
    try:
        yield
    except KeyboardInterrupt:
        if dog.tripped:
            raise LimitExceeded(dog.tripped) from None
        raise
    finally:
        dog.stopped.set()
        dog.join()
        if main:
            signal.signal(LIMIT_SIGNAL, previous)
