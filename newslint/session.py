"""One ``newslint check`` run, from a parsed request to an exit code.

The command line (:mod:`newslint.cli`) parses and validates options into a
:class:`CheckRequest`; :func:`run_check` does the rest: it runs the
:class:`~newslint.runner.Runner` (or the Dask engine), streams each file's result
through the baseline and into the writer, runs the corpus rules at the end,
prints diffs and the fixed text of standard input, and returns the exit code.
Errors the user can fix (configuration, baseline file) are one line on stderr
and exit code 2.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any, NamedTuple

from .io.records import FieldMap
from .runner import FileResult, Mode
from .workspace import Overrides

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


class DaskTarget(NamedTuple):
    """Where ``--engine dask`` runs (see docs/distributed.md)."""

    workers: int | None = None
    scheduler: str | None = None
    scheduler_file: str | None = None
    work_dir: str | None = None


class CheckRequest(NamedTuple):
    paths: list[Path]
    mode: Mode = Mode()
    overrides: Overrides = Overrides()
    fields: FieldMap = FieldMap()
    stdin: tuple[str, bytes, str | None] | None = None  # (display name, bytes, filename)
    config_file: Path | None = None
    output_format: str = "text"
    output_file: Path | None = None
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    jobs: int = 1
    corpus: bool = True
    cache_file: Path | None = None
    max_bytes: int = 64 * 2**20
    baseline_file: Path | None = None
    write_baseline: Path | None = None
    dask: DaskTarget | None = None  # None: this machine

    @property
    def stdin_fix(self) -> bool:
        """The fixed text of standard input goes to stdout (and the report to stderr)."""
        return self.stdin is not None and self.mode.fix and not self.mode.diff


def _error(message: str) -> int:
    sys.stderr.write(f"newslint: error: {message}\n")
    return EXIT_ERROR


class _LongLived:
    """Keeps the cyclic garbage collector's work in a run proportional to the run.

    The corpus keys live until the end of the run. They are mostly named tuples,
    which the collector never untracks: every full collection would traverse all
    the keys collected so far again, and full collections come each time the heap
    has grown by a quarter (2 s of a 20 s corpus run). :meth:`settle` moves every
    object alive now to the permanent generation (``gc.freeze()``, O(1)). And the
    youngest generation is collected after 10,000 net allocations instead of 700
    (a chunk of records keeps a few thousand objects alive a while: 0.5 s of that
    run). A check run makes almost no cyclic garbage (a few hundred objects in a
    15,000-document run), so nothing is held that the collector would have freed,
    except until the end of the run: :meth:`release` puts it all back. Off when
    the caller froze objects or turned the collector off itself. Worker processes
    are forked with the same settings."""

    YOUNG = 10_000

    def __init__(self) -> None:
        self.on = gc.isenabled() and gc.get_freeze_count() == 0
        self.thresholds = gc.get_threshold()
        if self.on and self.thresholds[0] < self.YOUNG:
            gc.set_threshold(self.YOUNG, *self.thresholds[1:])

    def settle(self) -> None:
        if self.on:
            gc.freeze()

    def release(self) -> None:
        if self.on:
            gc.unfreeze()
            gc.set_threshold(*self.thresholds)
            self.on = False


def run_check(req: CheckRequest) -> int:
    """Run one check as the command line does; return the exit code."""
    from .config import ConfigError
    from .corpus import CorpusCollector
    from .formats import Report, WriterOptions, make_writer
    from .runner import Runner

    baseline = new_baseline = None
    if req.baseline_file is not None or req.write_baseline is not None:
        from .baseline import Baseline, BaselineError  # hashlib: only when asked for
    if req.baseline_file is not None:
        try:
            baseline = Baseline.load(req.baseline_file)
        except BaselineError as exc:
            return _error(str(exc))
    if req.write_baseline is not None:
        new_baseline = Baseline()

    mode = req.mode
    to_stderr = req.stdin_fix or (mode.diff and req.output_file is None)
    for std in (sys.stdout, sys.stderr):  # a lone surrogate in a record must not crash output
        if hasattr(std, "reconfigure"):
            std.reconfigure(errors="backslashreplace")
    stream: Any = (
        req.output_file.open("w", encoding="utf-8", errors="backslashreplace")
        if req.output_file is not None
        else (sys.stderr if to_stderr else sys.stdout)
    )
    sharded = None
    stdin_results: list[FileResult] = []
    keep = _LongLived()
    try:
        runner = Runner(
            mode, req.overrides, req.config_file, fields=req.fields, jobs=req.jobs,
            corpus=req.corpus, cache=req.cache_file, max_bytes=req.max_bytes,
        )  # fmt: skip
        options = WriterOptions(
            unsafe_fixes=mode.unsafe_fixes,
            fixing=mode.fix and not mode.diff,
            quiet=req.quiet,
            statistics=req.statistics,
            color=req.output_file is None and stream.isatty(),
            registry=runner.project_for(None).registry,
            fields=req.fields,
        )
        writer = make_writer(req.output_format, stream, options)
        report = Report()
        corpus = CorpusCollector()
        progress = None
        # on a terminal, and only when the report does not go to that same terminal
        if sys.stderr.isatty() and not to_stderr and not stream.isatty():
            from .progress import Progress

            files = runner.files(req.paths)
            progress = Progress(sum(f.stat().st_size for f, err in files if err is None))

        def suppress(result: FileResult) -> None:
            if new_baseline is not None:
                new_baseline.add(result.diagnostics)
            if baseline is not None:
                result.diagnostics, hidden = baseline.filter(result.diagnostics)
                report.suppressed += hidden

        if req.dask is not None:
            from .engines.sharded import dask_run

            d = req.dask
            sharded = dask_run(runner, req.paths, d.workers, d.scheduler, d.scheduler_file,
                               d.work_dir)  # fmt: skip
        results = sharded.results() if sharded else runner.run(req.paths, req.stdin)
        for result in results:
            if result.corpus_keys:
                corpus.add(result.corpus_keys)
                result.corpus_keys = []
                keep.settle()
            suppress(result)
            report.add(result, mode.unsafe_fixes)
            if progress is not None:
                progress.update(result.documents, result.bytes)
            writer.write(result)
            if mode.diff and result.changed:
                sys.stdout.write(unified_diff(result))
            if req.stdin_fix and req.stdin and result.path == req.stdin[0] and result.source:
                stdin_results.append(result)
        if progress is not None:
            progress.close()
        if sharded is not None:
            findings = sharded.corpus()
        else:
            findings = corpus.finish(runner.project_for(None), runner.documents)
        if findings:
            from .baseline import corpus_fingerprint

            # in place: the corpus findings are held at once, and a copy of the list
            # would hold every finding twice at the peak of the run
            for i, finding in enumerate(findings):
                if not finding.fingerprint:
                    findings[i] = finding._replace(fingerprint=corpus_fingerprint(finding))
            extra = FileResult(path=findings[0].path or "<corpus>", diagnostics=findings)
            suppress(extra)
            report.add(extra, mode.unsafe_fixes)
            writer.write(extra)
        writer.close(report)
    except ConfigError as exc:
        if req.output_file is not None:
            stream.close()
            req.output_file.unlink(missing_ok=True)  # no half report for a later CI step
        return _error(str(exc))
    finally:
        keep.release()
        if sharded is not None:
            sharded.close()
        if req.output_file is not None and not stream.closed:
            stream.close()
    if new_baseline is not None and req.write_baseline is not None:
        new_baseline.save(req.write_baseline)
        total = sum(new_baseline.counts.values())
        s = "s" if total != 1 else ""
        sys.stderr.write(f"Wrote {total} problem{s} to {req.write_baseline}.\n")
        return EXIT_ERROR if report.input_errors else EXIT_OK
    for r in stdin_results:
        if r.source is not None and r.text is not None:
            sys.stdout.buffer.write(r.source.encode(r.text))
    return exit_code(report, req.exit_zero, changed=mode.diff and bool(report.changed_paths))


def unified_diff(result: FileResult) -> str:
    """The fixes of one file (or of its records) as a unified diff."""
    import difflib

    def udiff(a: str, b: str, label: str) -> str:
        lines = difflib.unified_diff(
            a.splitlines(keepends=True), b.splitlines(keepends=True), f"a/{label}", f"b/{label}"
        )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        )

    if result.record_diffs:
        return "".join(udiff(before, after, label) for label, before, after in result.record_diffs)
    return udiff(result.original or "", result.text or "", result.path)


def exit_code(report: Any, exit_zero: bool, changed: bool = False) -> int:
    if report.input_errors:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if changed or report.problems:
        return EXIT_PROBLEMS
    return EXIT_OK
