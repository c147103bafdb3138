"""``newslint index build|add PATHS``: a persisted near-duplicate index (SQLite).

The index keeps, per document, where it came from, its LSH band keys and its
word ids (to verify a candidate exactly), so that ``newslint check --index
FILE new.txt`` compares a new article with a whole corpus without reading the
corpus again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._common import EXIT_ERROR, EXIT_OK, corpus_options, read_corpus

DEFAULT_INDEX = Path(".newslint") / "index.sqlite"

_index_option = click.option(
    "--index", "index_path", type=click.Path(path_type=Path), default=DEFAULT_INDEX,
    show_default=True, help="The index file (SQLite).",
)  # fmt: skip


@click.group()
def index() -> None:
    """Build or extend a persisted near-duplicate index."""


@index.command()
@corpus_options
@_index_option
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=0.8,
              show_default=True, help="Jaccard threshold the LSH bands are tuned for.")  # fmt: skip
def build(index_path: Path, threshold: float, shingle_size: int, num_perm: int,
          **corpus: object) -> None:  # fmt: skip
    """Index the documents of PATHS in a new index (replacing an old one)."""
    from ..dedup import Options

    _run(index_path, Options(threshold=threshold, num_perm=num_perm, shingle_size=shingle_size),
         corpus, create=True)  # fmt: skip


@index.command()
@corpus_options
@_index_option
def add(index_path: Path, shingle_size: int, num_perm: int, **corpus: object) -> None:
    """Add the documents of PATHS to an existing index (its own parameters apply)."""
    _run(index_path, None, corpus, create=False)


def _run(index_path: Path, options: object, corpus: dict[str, object], *, create: bool) -> None:
    from ..dedup import Index, IndexError_

    items, errors = read_corpus(**corpus)  # type: ignore[arg-type]
    try:
        if create:
            index_path.parent.mkdir(parents=True, exist_ok=True)
        idx = Index(str(index_path), create=create, options=options)  # type: ignore[arg-type]
    except IndexError_ as exc:
        click.echo(f"newslint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    try:
        added = idx.add(items)
        total = len(idx)
    finally:
        idx.close()
    click.echo(f"indexed {added} document{'s' if added != 1 else ''} in {index_path} "
               f"({total} in total)")  # fmt: skip
    sys.exit(EXIT_ERROR if errors else EXIT_OK)
