"""``newslint dedup PATHS``: clusters of duplicate documents, and a unique copy.

Each cluster has an id, the document that is kept (the original, by the
``--keep`` policy) and its copies, each with how it matches (``exact``,
``near`` with its Jaccard similarity, ``contained`` with its containment) and
the document it was verified against. ``--write-unique OUT`` writes the corpus
without the copies; inputs are never modified.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from ._common import EXIT_ERROR, EXIT_OK, corpus_options, read_corpus


@click.command()
@corpus_options
@click.option("--threshold", type=click.FloatRange(0.0, 1.0, min_open=True), default=0.8,
              show_default=True, help="Minimum Jaccard similarity of a near copy.")  # fmt: skip
@click.option("--containment", is_flag=True, help="Also find documents contained in longer ones.")
@click.option("--containment-threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              default=0.9, show_default=True, help="Minimum containment.")  # fmt: skip
@click.option("--exact-only", is_flag=True, help="Only exact duplicates (after normalization).")
@click.option("--min-words", type=click.IntRange(min=1), default=10, show_default=True,
              help="Shorter documents are only compared exactly.")  # fmt: skip
@click.option("--keep", "policy", type=click.Choice(["first", "oldest", "longest"]),
              default="first", show_default=True,
              help="Which copy is the original: first in input order, oldest, longest.",
)  # fmt: skip
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True)  # fmt: skip
@click.option("--output-file", "-o", type=click.Path(path_type=Path), help="Write the report here.")
@click.option("--write-unique", type=click.Path(path_type=Path),
              help="Write the corpus without its duplicates here (a directory for text "
              "files, a JSONL file for records).")  # fmt: skip
def dedup(
    paths: tuple[Path, ...],
    config_file: Path | None,
    jobs: int | None,
    text_field: str,
    title_field: str,
    id_field: str,
    date_field: str,
    shingle_size: int,
    num_perm: int,
    keep_boilerplate: bool,
    threshold: float,
    containment: bool,
    containment_threshold: float,
    exact_only: bool,
    min_words: int,
    policy: str,
    output_format: str,
    output_file: Path | None,
    write_unique: Path | None,
) -> None:
    """Cluster duplicate documents in PATHS (files, directories, record files).

    Exit status: 0 when the report (and the unique copy) were written, 2 on an
    input or usage error. Finding duplicates is not an error here.
    """
    from .. import dedup as dd

    if write_unique is not None:
        _check_output(write_unique, paths)
    items, errors = read_corpus(
        paths, config_file=config_file, jobs=jobs, text_field=text_field,
        title_field=title_field, id_field=id_field, date_field=date_field,
        keep_boilerplate=keep_boilerplate,
    )  # fmt: skip
    options = dd.Options(
        threshold=threshold, num_perm=num_perm, shingle_size=shingle_size,
        containment=containment, containment_threshold=containment_threshold,
        policy=policy, min_words=min_words, near=not exact_only,
    )  # fmt: skip
    keys = [key for _, key in items]
    exact, near = dd.near_matches(keys, [ref.order for ref, _ in items], options)
    found = dd.clusters([*exact, *near])
    stream: TextIO = output_file.open("w", encoding="utf-8") if output_file else sys.stdout
    try:
        refs = [ref for ref, _ in items]
        if output_format == "json":
            _json(stream, refs, found, len(items))
        elif output_format == "csv":
            _csv(stream, refs, found)
        else:
            _text(stream, refs, found, len(items))
    finally:
        if output_file is not None:
            stream.close()
    if write_unique is not None:
        copies = {(refs[m.copy].path, refs[m.copy].record) for c in found for m in c.members}
        problem = write_unique_corpus(paths, write_unique, copies, refs)
        if problem:
            click.echo(f"newslint: error: {problem}", err=True)
            sys.exit(EXIT_ERROR)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


def _where(ref: Any) -> dict[str, Any]:
    return {"path": ref.path, "record": ref.record, "doc_id": ref.doc_id}


def _json(stream: TextIO, refs: list[Any], found: list[Any], documents: int) -> None:
    import json

    data = {
        "documents": documents,
        "duplicates": sum(len(c.members) for c in found),
        "clusters": [
            {
                "id": c.id,
                "kept": _where(refs[c.kept]),
                "members": [
                    {
                        **_where(refs[m.copy]),
                        "kind": m.kind,
                        "similarity": round(m.similarity, 4),
                        "original": _where(refs[m.original]),
                    }
                    for m in c.members
                ],
            }
            for c in found
        ],
    }
    stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _csv(stream: TextIO, refs: list[Any], found: list[Any]) -> None:
    import csv

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["cluster", "role", "path", "record", "doc_id", "kind", "similarity",
                     "original_path", "original_record", "original_doc_id"])  # fmt: skip
    for c in found:
        k = refs[c.kept]
        writer.writerow([c.id, "kept", k.path, k.record or "", k.doc_id or "", "", "", "", "", ""])
        for m in c.members:
            r, o = refs[m.copy], refs[m.original]
            writer.writerow([c.id, "copy", r.path, r.record or "", r.doc_id or "", m.kind,
                             f"{m.similarity:.4f}", o.path, o.record or "",
                             o.doc_id or ""])  # fmt: skip


def _text(stream: TextIO, refs: list[Any], found: list[Any], documents: int) -> None:
    from ..dedup import describe

    def name(i: int) -> str:
        r = refs[i]
        return describe(r.path, r.record, r.doc_id)

    for c in found:
        stream.write(f"cluster {c.id}: keep {name(c.kept)}\n")
        for m in c.members:
            via = "" if m.original == c.kept else f" (via {name(m.original)})"
            stream.write(f"  {m.kind:<9} {m.similarity:.2f}  {name(m.copy)}{via}\n")
    copies = sum(len(c.members) for c in found)
    stream.write(
        f"{len(found)} cluster{'s' if len(found) != 1 else ''}, {copies} duplicate"
        f"{'s' if copies != 1 else ''} among {documents} document{'s' if documents != 1 else ''}.\n"
    )


# -- --write-unique ---------------------------------------------------------------


def _check_output(out: Path, paths: tuple[Path, ...]) -> None:
    target = out.resolve()
    for p in paths:
        src = p.resolve()
        if (
            target == src
            or (src.is_dir() and src in target.parents)
            or (target.is_dir() and target in src.parents)
        ):
            click.echo(f"newslint: error: --write-unique {out} overlaps the input {p}; "
                       "inputs are never modified", err=True)  # fmt: skip
            sys.exit(EXIT_ERROR)


def write_unique_corpus(
    paths: tuple[Path, ...], out: Path, copies: set[tuple[str | None, int | None]], refs: list[Any]
) -> str | None:
    """Write the documents that are not copies; None, or what went wrong."""
    import json
    import os
    import shutil

    from ..io.records import load_csv, load_json_array, open_binary, record_format

    files = sorted({r.path for r in refs if r.path}, key=lambda p: p)
    record_files = [f for f in files if record_format(Path(f)) is not None]
    text_files = [f for f in files if record_format(Path(f)) is None]
    if record_files and text_files:
        return "--write-unique needs either text files or record files, not both"
    if text_files:
        root = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in text_files])
        for f in text_files:
            if (f, None) in copies:
                continue
            dest = out / os.path.relpath(os.path.abspath(f), root)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)
        return None
    order = list(dict.fromkeys(r.path for r in refs if r.path))
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("wb") as sink:
        for f in order:
            fmt = record_format(Path(f))
            if fmt == "jsonl":
                with open_binary(Path(f)) as stream:
                    for number, line in enumerate(stream, start=1):
                        if (f, number) in copies or not line.strip():
                            continue
                        sink.write(line if line.endswith(b"\n") else line + b"\n")
            else:
                rows = load_json_array(Path(f)) if fmt == "json" else load_csv(Path(f))
                for number, row in enumerate(rows, start=1):
                    if (f, number) not in copies:
                        sink.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    os.replace(tmp, out)
    return None
