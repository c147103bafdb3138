"""Sub-commands that ``newslint check`` does not need, imported only when run.

``lazy_commands(main)`` registers them as light placeholders: ``newslint --help``
lists them without importing anything, and the real command module is imported
when the command is invoked.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# name -> (module, attribute, one-line help)
LAZY = {
    "dedup": (
        "newslint.commands.dedup",
        "dedup",
        "Cluster duplicate documents; write a unique copy.",
    ),
    "index": (
        "newslint.commands.index",
        "index",
        "Build or extend a persisted near-duplicate index.",
    ),
}


class LazyCommand(click.Command):
    """A placeholder that hands over to the real command when it is invoked."""

    def __init__(self, name: str, module: str, attribute: str, short_help: str) -> None:
        super().__init__(name, short_help=short_help, help=short_help)
        self._where = (module, attribute)

    def real(self) -> click.Command:
        module, attribute = self._where
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None,
                     **extra: Any) -> click.Context:  # fmt: skip
        return self.real().make_context(info_name, args, parent=parent, **extra)


def lazy_commands(group: click.Group) -> None:
    for name, (module, attribute, short_help) in LAZY.items():
        group.add_command(LazyCommand(name, module, attribute, short_help))
