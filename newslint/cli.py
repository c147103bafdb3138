"""The ``newslint`` command: a thin layer over :mod:`newslint.runner`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from ._version import __version__

EXIT_ERROR = 2
_STANDALONE = False  # set by run(): this process is the newslint command itself
FORMAT_CHOICES = ("text", "json", "jsonl", "sarif", "github", "junit", "html")


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newslint")
def main() -> None:
    """newslint: find and fix the damage scrapers leave in news text."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--select", multiple=True, help="Rules to check (code, prefix, name or category).")
@click.option("--ignore", multiple=True, help="Rules to skip (code, prefix, name or category).")
@click.option("--extend-select", multiple=True, help="Rules to check in addition.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (with --fix) or show unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_CHOICES),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--output-file", "-o", type=click.Path(path_type=Path), help="Write the report here.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even if problems remain.")
@click.option("--statistics", "show_statistics", is_flag=True, help="Count problems per rule.")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Configuration file."
)
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, no summary.")
@click.option("--stdin-filename", help="Name of the text read from standard input.")
@click.option("--encoding", help="Decode text files with this encoding (default: UTF-8 or BOM).")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Worker processes (default: all cores).",
)  # fmt: skip
@click.option("--no-corpus", is_flag=True, help="Do not run rules that compare documents.")
@click.option(
    "--index",
    "index_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Also compare with the documents of this near-duplicate index (`newslint index`).",
)
@click.option(
    "--max-file-size", type=click.FloatRange(min=0.001), default=64, show_default=True,
    help="Skip (and report) text files and records larger than this many MiB.",
)  # fmt: skip
@click.option(
    "--cache", "cache_file", type=click.Path(path_type=Path),
    help="Reuse results of unchanged documents from this cache file (SQLite).",
)  # fmt: skip
@click.option(
    "--baseline", "baseline_file", type=click.Path(path_type=Path),
    help="Report only problems that are not in this baseline file.",
)  # fmt: skip
@click.option(
    "--write-baseline", type=click.Path(path_type=Path),
    help="Write all current problems to this baseline file, then exit 0.",
)  # fmt: skip
@click.option("--text-field", default="text", show_default=True, help="Record field with the text.")
@click.option("--title-field", default="title", show_default=True, help="Record field: title.")
@click.option("--id-field", default="id", show_default=True, help="Record field: document id.")
@click.option(
    "--source-field", default="source", show_default=True,
    help="Record field: source (falls back to url).",
)  # fmt: skip
@click.option("--date-field", default="date", show_default=True, help="Record field: date.")
@click.option(
    "--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
    help="Where to run: this machine, or a Dask cluster (pip install 'newslint[dask]').",
)  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1), help="Dask: workers of a local cluster.")
@click.option("--scheduler", help="Dask: scheduler address (default: $DASK_SCHEDULER_ADDRESS).")
@click.option("--scheduler-file", help="Dask: scheduler file written by `dask scheduler`.")
@click.option("--work-dir", help="Dask: directory or URL for shard outputs (resumable).")
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    output_format: str,
    output_file: Path | None,
    exit_zero: bool,
    show_statistics: bool,
    config_file: Path | None,
    quiet: bool,
    stdin_filename: str | None,
    encoding: str | None,
    jobs: int | None,
    no_corpus: bool,
    index_file: Path | None,
    max_file_size: float,
    cache_file: Path | None,
    baseline_file: Path | None,
    write_baseline: Path | None,
    text_field: str,
    title_field: str,
    id_field: str,
    source_field: str,
    date_field: str,
    engine: str,
    workers: int | None,
    scheduler: str | None,
    scheduler_file: str | None,
    work_dir: str | None,
) -> None:
    """Check PATHS (files, directories, record files, or - for standard input).

    Text files (*.txt, *.md) are one article each; JSONL (.jsonl, .jsonl.gz),
    JSON arrays (.json) and CSV files hold one article per record.
    """
    from .io.records import FieldMap
    from .runner import Mode
    from .session import CheckRequest, DaskTarget, run_check
    from .workspace import Overrides

    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(
                f"unknown encoding {encoding!r}", param_hint="--encoding"
            ) from None
    stdin: tuple[str, bytes, str | None] | None = None
    file_paths = [p for p in paths if str(p) != "-"]
    if len(file_paths) != len(paths):
        stdin = (stdin_filename or "-", sys.stdin.buffer.read(), stdin_filename)
    elif not paths:
        file_paths = [Path(".")]
    dask = None
    if engine == "dask":
        from .engines.sharded import unsupported  # dask: imported only when asked for

        problem = unsupported(fix or diff, stdin is not None, cache_file is not None)
        if problem:
            raise click.UsageError(problem)
        dask = DaskTarget(workers, scheduler, scheduler_file, work_dir)
    elif workers or scheduler or scheduler_file or work_dir:
        raise click.UsageError(
            "--workers, --scheduler, --scheduler-file and --work-dir need --engine dask"
        )
    request = CheckRequest(
        paths=file_paths,
        mode=Mode(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, encoding=encoding),
        overrides=Overrides(
            select=_split(select) or None,
            ignore=_split(ignore),
            extend_select=_split(extend_select),
            rule_options={"near-duplicate-document": {"index-file": str(index_file)}}
            if index_file
            else {},
        ),
        fields=FieldMap(
            text_field,
            title_field or None,
            id_field or None,
            source_field or None,
            date_field or None,
        ),
        stdin=stdin,
        config_file=config_file,
        output_format=output_format,
        output_file=output_file,
        quiet=quiet,
        statistics=show_statistics,
        exit_zero=exit_zero,
        jobs=jobs or os.cpu_count() or 1,
        corpus=not no_corpus,
        cache_file=cache_file,
        max_bytes=int(max_file_size * 2**20),
        baseline_file=baseline_file,
        write_baseline=write_baseline,
        dask=dask,
    )
    code = run_check(request)
    sys.stdout.flush()
    _fast_exit(code)


def _fast_exit(code: int) -> None:
    """Exit without tearing down every module and cached pattern: on a pre-commit
    run over one file, interpreter finalization is a noticeable share of the time.
    Everything newslint writes is flushed (or atomically renamed) by now."""
    if not _STANDALONE or os.environ.get("NEWSLINT_NO_FAST_EXIT"):
        sys.exit(code)  # called from Python (tests, an embedding program): exit politely
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@main.command("rules")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True,
)  # fmt: skip
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Configuration file."
)
def rules_cmd(output_format: str, config_file: Path | None) -> None:
    """List the available rules."""
    from .config import ConfigError, ConfigFinder
    from .workspace import Project

    try:
        project = Project(ConfigFinder(config_file).for_path(None))
    except ConfigError as exc:
        click.echo(f"newslint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    selected = {r.meta.name for r in project.selected()}
    rows: list[dict[str, Any]] = []
    for rule in project.registry:
        m = rule.meta
        rows.append(
            {
                "code": m.code,
                "name": m.name,
                "category": m.category,
                "severity": m.severity.value,
                "fix": m.fix.value if m.fix else None,
                "scope": m.scope,
                "selected": m.name in selected,
                "summary": m.summary,
                "origin": m.origin,
            }
        )
    if output_format == "json":
        import json

        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    w_code = max(len(r["code"]) for r in rows)
    w_name = max(len(r["name"]) for r in rows)
    w_cat = max(len(r["category"]) for r in rows)
    click.echo(f"{'code':<{w_code}} {'name':<{w_name}} {'category':<{w_cat}} {'fix':<7} summary")
    for r in rows:
        fix_kind = r["fix"] or "-"
        flag = "" if r["selected"] else " (not selected)"
        click.echo(
            f"{r['code']:<{w_code}} {r['name']:<{w_name}} {r['category']:<{w_cat}} "
            f"{fix_kind:<7} {r['summary']}{flag}"
        )


@main.command()
@click.argument("rule")
@click.option(
    "--config", "config_file", type=click.Path(path_type=Path), help="Configuration file."
)
def explain(rule: str, config_file: Path | None) -> None:
    """Explain a rule: what it does, why, examples, fix safety, options."""
    from .config import ConfigError, ConfigFinder
    from .explain import explain_rule
    from .workspace import Project

    try:
        project = Project(ConfigFinder(config_file).for_path(None))
    except ConfigError as exc:
        click.echo(f"newslint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    found = project.registry.get(rule)
    if found is None:
        click.echo(f"newslint: error: unknown rule {rule!r} (see `newslint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(explain_rule(found))


from .commands import lazy_commands  # noqa: E402 (dedup, index: imported when run)

lazy_commands(main)


def run() -> None:
    """The console script (and ``python -m newslint``)."""
    global _STANDALONE
    _STANDALONE = True
    main(prog_name="newslint")
