"""Expand the paths given on the command line into the files to check."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path


def discover(
    paths: list[Path],
    included: Callable[[Path], bool],
    excluded: Callable[[Path], bool],
) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(path, error)``: files named explicitly are always checked; inside
    directories only included, non-excluded files are, in sorted order."""
    seen: set[Path] = set()
    for path in paths:
        if not os.path.lexists(path):
            yield path, "no such file or directory"
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                rootp = Path(root)
                dirs[:] = sorted(d for d in dirs if not excluded(rootp / d))
                for name in sorted(files):
                    p = rootp / name
                    if included(p) and not excluded(p) and p not in seen:
                        seen.add(p)
                        yield p, None
        elif path not in seen:
            seen.add(path)
            yield path, None
