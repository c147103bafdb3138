"""Regular expressions compiled on first use.

Every built-in rule module is imported when the registry loads, including on a
pre-commit run over one clean file; compiling a rule's larger patterns at import
would cost that run several milliseconds for rules that never get past their
pre-screen. :func:`lazy` returns an object that behaves as the compiled pattern
and compiles it the first time one of its methods is used.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _LazyPattern:
    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, deferred until the pattern is first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
