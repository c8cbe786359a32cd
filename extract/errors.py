"""The one exception the pipeline turns into the contract's ``error: <file>: <message>`` line."""
from __future__ import annotations


class InputError(Exception):
    """The input cannot be processed; the message says what is wrong and what to do.
    ``source`` names the file when a command handles several (``diff``)."""

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.source = source
