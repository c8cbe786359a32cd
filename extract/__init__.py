"""Extract stage: raw tables from an appendix PDF, every cell with its page, position and fill; nothing repaired."""
from .errors import InputError
from .run import extract_pdf
from .settings import ExtractSettings

__all__ = ["InputError", "ExtractSettings", "extract_pdf"]
