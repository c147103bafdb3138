"""Rules written in code, one module per rule (each exposes ``RULE``)."""

from __future__ import annotations

import importlib

from ..rule import Rule

BUILTIN_MODULES = (
    "entity_debris",
    "mojibake",
    "duplicate_headline",
    "whitespace",
)


def builtin_rules() -> list[Rule]:
    rules = []
    for name in BUILTIN_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        rules.append(module.RULE)
    return rules
