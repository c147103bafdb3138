"""An example newslint plugin: what the entry point ``example`` provides.

``pyproject.toml`` declares::

    [project.entry-points."newslint.rules"]
    example = "newslint_example_plugin:rules"

newslint loads it only when a configuration lists it (``plugins = ["example"]``).
"""

from __future__ import annotations

from pathlib import Path

from newslint import Rule

from .dateline import RULE as DATELINE_RULE

PACKS = Path(__file__).resolve().parent / "packs"


def rules() -> list[Rule | Path]:
    """The plugin's rules: one written in code, and a directory of data packs."""
    return [DATELINE_RULE, PACKS]
