"""The ``newslint`` command: a thin layer over :mod:`newslint.runner`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ._version import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


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
    type=click.Choice(["text", "json"]),
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
@click.option("--encoding", help="Decode files with this encoding (default: UTF-8 or the BOM's).")
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
) -> None:
    """Check PATHS (files, directories, or - for standard input) for damage."""
    from .config import ConfigError
    from .project import Overrides
    from .runner import FileResult, Mode, Runner

    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(
                f"unknown encoding {encoding!r}", param_hint="--encoding"
            ) from None
    mode = Mode(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, encoding=encoding)
    overrides = Overrides(
        select=_split(select) or None,
        ignore=_split(ignore),
        extend_select=_split(extend_select),
    )
    if not paths:
        paths = (Path("."),)
    results: list[FileResult] = []
    try:
        runner = Runner(mode, overrides, config_file)
        for path in paths:
            if str(path) == "-":
                name = stdin_filename or "-"
                config_path = Path(stdin_filename) if stdin_filename else None
                data = sys.stdin.buffer.read()
                results.append(runner.check_bytes(data, name, config_path))
                continue
            for file, error in runner.files([path]):
                if error is not None:
                    results.append(runner._error(str(file), error))
                else:
                    results.append(runner.check_path(file))
    except ConfigError as exc:
        click.echo(f"newslint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)

    stdin_fix = (
        fix
        and not diff
        and any(r.path == (stdin_filename or "-") for r in results)
        and ("-" in [str(p) for p in paths])
    )
    out = _render(results, output_format, mode, quiet, show_statistics, output_file)
    if diff:
        text = "".join(_diff(r) for r in results if r.changed)
        click.echo(text, nl=False)
        if out and (output_file or output_format != "text"):
            _emit(out, output_file, err=False)
        elif out and not quiet:
            _emit(out, None, err=True)
        sys.exit(_exit_code(results, exit_zero, changed=any(r.changed for r in results)))
    if stdin_fix:
        # fixed text on stdout, the report on stderr (like other fixers)
        for r in results:
            if r.source is not None and r.text is not None:
                sys.stdout.buffer.write(r.source.encode(r.text))
        _emit(out, output_file, err=True)
    else:
        _emit(out, output_file, err=False)
    sys.exit(_exit_code(results, exit_zero))


def _render(
    results: list[Any],
    output_format: str,
    mode: Any,
    quiet: bool,
    show_statistics: bool,
    output_file: Path | None,
) -> str:
    if output_format == "json":
        from .formats import json as fmt_json

        return fmt_json.render(results)
    from .formats import text as fmt_text

    color = output_file is None and sys.stdout.isatty()
    return fmt_text.render(
        results,
        unsafe_fixes=mode.unsafe_fixes,
        fixing=mode.fix and not mode.diff,
        quiet=quiet,
        show_statistics=show_statistics,
        color=color,
    )


def _emit(out: str, output_file: Path | None, err: bool) -> None:
    if output_file is not None:
        output_file.write_text(out, encoding="utf-8")
    elif out:
        click.echo(out, nl=False, err=err)


def _diff(result: Any) -> str:
    import difflib

    a = (result.original or "").splitlines(keepends=True)
    b = (result.text or "").splitlines(keepends=True)
    lines = list(difflib.unified_diff(a, b, f"a/{result.path}", f"b/{result.path}"))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)  # fmt: skip


def _exit_code(results: list[Any], exit_zero: bool, changed: bool = False) -> int:
    if any(r.input_error for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if changed or any(r.diagnostics for r in results):
        return EXIT_PROBLEMS
    return EXIT_OK


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
    from .project import Project

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
    from .project import Project

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
