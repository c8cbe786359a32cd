"""Builds the regression corpus: sample appendix PDFs made as councils make them, and their expected datasets.

The truth for each sample lives in ``samples/<name>/source/`` (``document.json`` and ``actions.csv``);
everything else in ``samples/<name>/`` is generated from it by ``make samples``.
"""
