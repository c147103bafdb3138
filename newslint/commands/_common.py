"""What ``dedup`` and ``index`` share: reading a corpus into duplicate keys."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

EXIT_OK, EXIT_ERROR = 0, 2


def corpus_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the commands that read a corpus."""
    for decorator in reversed(
        [
            click.argument("paths", nargs=-1, required=True,
                           type=click.Path(path_type=Path, exists=True)),
            click.option("--config", "config_file", type=click.Path(path_type=Path),
                         help="Configuration file."),
            click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                         help="Worker processes (default: all cores)."),
            click.option("--text-field", default="text", show_default=True,
                         help="Record field with the text."),
            click.option("--title-field", default="title", show_default=True,
                         help="Record field: title."),
            click.option("--id-field", default="id", show_default=True,
                         help="Record field: document id."),
            click.option("--date-field", default="date", show_default=True,
                         help="Record field: date (for --keep oldest)."),
            click.option("--shingle-size", type=click.IntRange(1, 16), default=5,
                         show_default=True, help="Words per shingle."),
            click.option("--num-perm", type=click.IntRange(8, 1024), default=128,
                         show_default=True, help="MinHash signature length."),
            click.option("--keep-boilerplate", is_flag=True,
                         help="Compare boilerplate lines too (default: ignore them)."),
        ]
    ):  # fmt: skip
        func = decorator(func)
    return func


def read_corpus(
    paths: tuple[Path, ...],
    *,
    config_file: Path | None,
    jobs: int | None,
    text_field: str,
    title_field: str,
    id_field: str,
    date_field: str,
    keep_boilerplate: bool,
) -> tuple[list[tuple[Any, Any]], int]:
    """``([(DocRef, DocKey), ...] in input order, input errors)`` for the paths."""
    import os

    from ..config import ConfigError
    from ..io.records import FieldMap
    from ..runner import Mode, Runner
    from ..workspace import Overrides

    rule = "near-duplicate-document"
    overrides = Overrides(
        select=(rule,),
        rule_options={rule: {"min-words": 1, "ignore-boilerplate": not keep_boilerplate}},
    )
    fields = FieldMap(text_field, title_field or None, id_field or None, "source",
                      date_field or None)  # fmt: skip
    items: list[tuple[Any, Any]] = []
    errors = 0
    try:
        runner = Runner(Mode(), overrides, config_file, fields=fields,
                        jobs=jobs or os.cpu_count() or 1, corpus=True)  # fmt: skip
        # The tasks are run here rather than through ``runner.run``, which skips
        # corpus keys when it sees a single text file (nothing to compare with in a
        # check run; but an index needs the key of every document).
        from ..runner import FileResult

        planned = runner.tasks(list(paths), None)
        for item in planned:
            result = item if isinstance(item, FileResult) else runner.local.run(item)
            for d in result.diagnostics:
                if d.category == "input":
                    errors += 1
                    click.echo(f"newslint: {d.path}: {d.message}", err=True)
            for ref, keys in result.corpus_keys:
                if rule in keys:
                    items.append((ref, keys[rule]))
    except ConfigError as exc:
        click.echo(f"newslint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    items.sort(key=lambda item: item[0].order)
    return items, errors
