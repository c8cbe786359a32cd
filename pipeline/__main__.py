"""``python -m pipeline``: the same command as the installed ``appendix`` (see ``appendix --help``)."""
from __future__ import annotations

from .cli import entry

if __name__ == "__main__":
    raise SystemExit(entry())
