"""The whole pipeline: PDF → extract → normalise → ``OUT/<stem>/``, published atomically."""
