"""The library API: ``lint`` and ``fix`` on a string or a :class:`Document`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config, ConfigFinder
from .diagnostics import Diagnostic
from .document import Document
from .fixer import FixResult, fix_document
from .workspace import Overrides, Project


def _as_document(source: str | Document) -> Document:
    return source if isinstance(source, Document) else Document(source)


@lru_cache(maxsize=4)
def _default_project() -> Project:
    return Project(Config(root=Path.cwd()))


def project(
    *,
    config: Config | str | Path | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Project:
    """A reusable :class:`Project` (build it once when linting many texts)."""
    if isinstance(config, (str, Path)):
        config = ConfigFinder(Path(config)).for_path(None)
    if config is None and select is None and not ignore and not extend_select and not options:
        return _default_project()
    overrides = Overrides(
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore),
        extend_select=tuple(extend_select),
        rule_options={k: dict(v) for k, v in (options or {}).items()},
    )
    return Project(config or Config(root=Path.cwd()), overrides)


def lint(source: str | Document, **kwargs: Any) -> list[Diagnostic]:
    """Lint a text or document; keyword arguments as for :func:`project`."""
    doc = _as_document(source)
    return project(**kwargs).linter_for(doc.path).lint(doc)


def fix(source: str | Document, *, unsafe_fixes: bool = False, **kwargs: Any) -> FixResult:
    """Fix a text or document; ``result.text`` is the fixed text."""
    doc = _as_document(source)
    linter = project(**kwargs).linter_for(doc.path)
    return fix_document(linter, doc, unsafe_fixes=unsafe_fixes)
