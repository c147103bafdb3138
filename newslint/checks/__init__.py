"""Rules written in code, one module per rule (each exposes ``RULE``)."""

from __future__ import annotations

import importlib

from ..rule import Rule

BUILTIN_MODULES = (
    "entity_debris",
    "mojibake",
    "invisible_character",
    "lost_character",
    "unicode_normalization",
    "markup_debris",
    "duplicate_headline",
    "duplicate_paragraph",
    "duplicate_document",
    "near_duplicate_document",
    "whitespace",
    "name_variant",
    "honorific_style",
    "source_consistency",
    "boilerplate_block",
    "teaser",
    "template_boilerplate",
)


def builtin_rules() -> list[Rule]:
    rules = []
    for name in BUILTIN_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        rules.append(module.RULE)
    return rules
