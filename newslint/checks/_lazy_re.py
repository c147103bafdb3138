"""Regular expressions compiled on first use.

Every built-in rule module is imported when the registry loads, including on a
pre-commit run over one clean file; compiling every rule's patterns at import
would cost that run milliseconds for rules that never get past their
pre-screen. :func:`lazy` returns an object that behaves as the compiled pattern
and compiles it the first time one of its attributes is used; after that, the
pattern's methods are plain instance attributes, so hot loops pay nothing extra.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # only reached before the first compile, or for rarely used attributes
        compiled = re.compile(self._source, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.__dict__["_compiled"] = compiled
        return getattr(compiled, name)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, deferred until the pattern is first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
