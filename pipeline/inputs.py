"""What the user named → the PDFs to run: files, folders and globs, with every name taken as data.

Names are never given to a shell: a glob is expanded by Python's ``glob``; a folder gives the files in it
whose name ends in ``.pdf`` in any case. A missing file, a folder with no PDF in it, and two inputs that
would write the same ``OUT/<stem>/`` are refused before anything runs.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from extract.errors import InputError

GLOB_CHARS = set("*?[")


def folder_pdfs(folder: Path) -> list[Path]:
    """The PDFs directly in a folder, ``.pdf`` in any case, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.casefold() == ".pdf")


def expand_one(arg: str) -> list[Path]:
    path = Path(arg)
    name = path.name or arg
    if path.is_dir():
        found = folder_pdfs(path)
        if not found:
            raise InputError("the folder holds no PDF (no file ending in .pdf): give a folder with the "
                             "appendices in it", source=name)
        return found
    if path.is_file():
        return [path]
    if GLOB_CHARS & set(arg):
        matched = sorted(Path(p) for p in glob.glob(arg) if os.path.isfile(p))
        if matched:
            return matched
        raise InputError("no file matches this pattern", source=name)
    if not path.parent.is_dir():
        raise InputError(f"no such file or folder (the folder {path.parent} does not exist either)", source=name)
    raise InputError(f"no such file or folder ({arg}): check the path", source=name)


def expand_inputs(args: Iterable[str]) -> list[Path]:
    """Every PDF the arguments name, once each, in the order named; same-stem pairs refused."""
    seen: dict[Path, None] = {}
    for arg in args:
        for p in expand_one(arg):
            seen.setdefault(p.resolve(), None)
    pdfs = list(seen)
    if not pdfs:
        raise InputError("no input PDF given: name PDFs, folders or patterns", source="appendix")
    check_distinct_stems(pdfs)
    return pdfs


def check_distinct_stems(pdfs: list[Path]) -> None:
    """Two PDFs with one stem (``v1/appendix.pdf``, ``v2/appendix.pdf``) would write one OUT/<stem>/."""
    by_stem: dict[str, Path] = {}
    for p in pdfs:
        other = by_stem.setdefault(p.stem, p)
        if other != p:
            raise InputError(f"{other} and {p} would both write OUT/{p.stem}/: run them with different --out "
                             "folders, or rename one", source=p.name)
