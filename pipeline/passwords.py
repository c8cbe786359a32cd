"""Where a PDF's password comes from, never a shell: a file, the environment, or (visible in ps) an option."""
from __future__ import annotations

import argparse
import os

from extract.errors import InputError


def password_from(args: argparse.Namespace) -> str | None:
    """``--password-file`` (its first line), else ``$APPENDIX_PASSWORD``, else ``--password``."""
    if getattr(args, "password_file", None):
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read the password file ({exc.strerror})", source=str(args.password_file)) \
                from None
        return lines[0] if lines else ""
    return os.environ.get("APPENDIX_PASSWORD") or getattr(args, "password", None) or None
