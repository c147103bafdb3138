"""Rule types that data packs in ``rules/`` instantiate (``extends: KIND``)."""

from __future__ import annotations

from .base import PackError, PackRule
from .consistency import ConsistencyRule
from .existence import ExistenceRule
from .line_pattern import LinePatternRule
from .substitution import SubstitutionRule

KINDS: dict[str, type[PackRule]] = {
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
    "line-pattern": LinePatternRule,
}

__all__ = ["KINDS", "PackError", "PackRule"]
