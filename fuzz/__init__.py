"""Fuzzing scripts (``make fuzz-pdf``): mutated PDFs run through the command as a user would."""
