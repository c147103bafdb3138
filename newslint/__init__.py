"""newslint: a linter and fixer for scraped news text.

The public API is imported lazily, so that ``newslint check`` on one clean file
does not pay for what it does not use::

    import newslint
    for d in newslint.lint("39;Venezuela confronting coup attempt"):
        print(d.line, d.column, d.code, d.message)
    print(newslint.fix("don39;t").text)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import fix, lint, project
    from .config import Config, ConfigError
    from .diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
    from .document import Document
    from .fixer import FixResult
    from .rule import Rule, RuleMeta

_EXPORTS = {
    "lint": "api",
    "fix": "api",
    "project": "api",
    "Config": "config",
    "ConfigError": "config",
    "Applicability": "diagnostics",
    "Diagnostic": "diagnostics",
    "Edit": "diagnostics",
    "Fix": "diagnostics",
    "Related": "diagnostics",
    "Severity": "diagnostics",
    "Document": "document",
    "FixResult": "fixer",
    "Rule": "rule",
    "RuleMeta": "rule",
}

__all__ = [
    "Applicability",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Document",
    "Edit",
    "Fix",
    "FixResult",
    "Related",
    "Rule",
    "RuleMeta",
    "Severity",
    "__version__",
    "fix",
    "lint",
    "project",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
