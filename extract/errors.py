"""The one exception the pipeline turns into the contract's ``error: <file>: <message>`` line."""


class InputError(Exception):
    """The input cannot be processed; the message says what is wrong and what to do."""
