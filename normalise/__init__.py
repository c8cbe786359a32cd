"""Normalise stage: repair the noise in raw tables, canonicalise names, type dates, write the clean tables."""
