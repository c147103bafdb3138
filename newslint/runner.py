"""Check (and fix) files, record files and standard input; the CLI is a thin layer.

The work is cut into *tasks*: a text file is one task, a JSONL file is read in
chunks of records, each chunk a task. Tasks run in this process (``jobs=1``) or
in a pool of worker processes; results come back **in input order** whatever the
number of workers, so output is deterministic. Per-document findings stream out
as tasks finish; corpus rules collect a small key per document in the workers
and decide once everything has been seen (:mod:`newslint.corpus`).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .config import ConfigError, ConfigFinder
from .diagnostics import Diagnostic
from .document import Document
from .engine import Linter
from .internal import INPUT_ERROR, INVALID_RECORD, internal
from .io.discover import discover
from .io.records import FieldMap, RecordError, record_format
from .io.text import InputError, SourceText, decode, write_atomic
from .rule import DocRef
from .workspace import Overrides, Project

if TYPE_CHECKING:
    from .cache import Cache

CHUNK_RECORDS = 500  # records per task: big enough to amortize, small enough to stream
DEFAULT_MAX_BYTES = 64 * 2**20  # a text file or one record larger than this is skipped


class Mode(NamedTuple):
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute fixes, write nothing
    encoding: str | None = None

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


class Settings(NamedTuple):
    """Everything a worker needs to build the same linters as the main process."""

    mode: Mode = Mode()
    overrides: Overrides = Overrides()
    config_file: str | None = None
    fields: FieldMap = FieldMap()
    corpus: bool = True
    cache: str | None = None  # result cache file (plain checks only)
    max_bytes: int = 64 * 2**20


class FileResult:
    """What happened to one file, one chunk of records, or stdin."""

    def __init__(
        self,
        path: str,
        diagnostics: list[Diagnostic] | None = None,
        original: str | None = None,
        source: SourceText | None = None,
        input_error: bool = False,
    ) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = diagnostics or []  # what is left to report
        self.fixed: list[Diagnostic] = []
        self.original = original
        self.text = original  # final text (after fixes, if any)
        self.source = source
        self.input_error = input_error
        self.written = False
        self.documents = 0
        self.bytes = 0  # input bytes this result covers (for progress)
        self.record_diffs: list[tuple[str, str, str]] = []  # (label, before, after)
        self.new_records: dict[int, bytes] = {}  # JSONL record number -> fixed line
        self.corpus_keys: list[tuple[DocRef, dict[str, Any]]] = []
        self.sources: dict[int, str] = {}  # record number -> its source/url (when it has one)

    @property
    def changed(self) -> bool:
        if self.new_records or self.record_diffs:
            return True
        return self.text is not None and self.original is not None and self.text != self.original

    @property
    def document(self) -> Document:
        return Document(self.text or "", path=self.path)


class Task(NamedTuple):
    path: str
    kind: str  # "text" | "jsonl" | "objects"
    order: int  # input order of the first document of the task
    data: bytes | None = None  # stdin's bytes; None: read the file
    records: tuple[tuple[int, Any], ...] = ()  # (record number, raw line or object)
    config_path: str | None = None


# -- the worker side -------------------------------------------------------------------


class Worker:
    """Lints tasks; one per process, with its own projects (registries)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.finder = ConfigFinder(Path(settings.config_file) if settings.config_file else None)
        self._projects: dict[int, Project] = {}
        self.collect_corpus = settings.corpus
        self.cache: Cache | None = None
        if settings.cache and not settings.mode.fixing:
            from .cache import Cache

            self.cache = Cache(Path(settings.cache))

    def project_for(self, path: Path | None) -> Project:
        config = self.finder.for_path(path)
        project = self._projects.get(id(config))
        if project is None:
            project = Project(config, self.settings.overrides)
            self._projects[id(config)] = project
        return project

    def run(self, task: Task) -> FileResult:
        result = self._text(task) if task.kind == "text" else self._records(task)
        if self.cache is not None:
            self.cache.flush()
        return result

    def _cache_key(self, project: Project, path: str, data: bytes) -> bytes | None:
        if self.cache is None:
            return None
        from .cache import Cache

        s = self.settings
        return Cache.key(project.digest(path, s.fields, s.corpus, s.mode.encoding), data)

    # text files and stdin

    def _text(self, task: Task) -> FileResult:
        name = task.path
        path = Path(task.config_path or task.path)
        data = task.data
        if data is None:
            try:
                data = Path(task.path).read_bytes()
            except IsADirectoryError:
                return error_result(name, "is a directory")
            except OSError as exc:
                return error_result(name, f"cannot read: {exc.strerror or exc}")
        try:
            source = decode(data, self.settings.mode.encoding)
        except InputError as exc:
            return error_result(name, str(exc))
        project = self.project_for(path if task.config_path or task.data is None else None)
        doc = Document(source.text, path=name)
        result = FileResult(path=name, original=source.text, source=source)
        result.documents = 1
        result.bytes = len(data)
        # a text file's findings name its path (baseline keys too): the path is in the key
        key = self._cache_key(project, name, name.encode() + b"\0" + data)
        hit = self.cache.get(key) if self.cache is not None and key is not None else None
        if hit is not None:
            diagnostics, keys, lines, last = hit
            result.diagnostics.extend(diagnostics)
            if keys and self.collect_corpus:
                ref = DocRef(task.order, name, None, None, lines, last)
                result.corpus_keys.append((ref, keys))
            return result
        self._lint(project.linter_for(doc.path), doc, result)
        keys = project.collect(doc) if self.collect_corpus else {}
        if keys:
            result.corpus_keys.append((_ref(task.order, doc), keys))
        if self.cache is not None and key is not None:
            ref = _ref(task.order, doc)
            self.cache.put(key, (result.diagnostics, keys, ref.lines, ref.last_column))
        mode = self.settings.mode
        if mode.fix and not mode.diff and task.data is None and result.changed:
            self._write(Path(task.path), data, source, result)
        return result

    def _lint(self, linter: Linter, doc: Document, result: FileResult) -> None:
        found, text = self._check(linter, doc, result.fixed)
        if text is not doc.text:
            result.text = text
        result.diagnostics.extend(found)

    def _check(
        self, linter: Linter, doc: Document, fixed: list[Diagnostic]
    ) -> tuple[list[Diagnostic], str]:
        """The findings left in ``doc`` (fingerprinted) and its final text; applied
        fixes go to ``fixed``. The final text is ``doc.text`` itself when unchanged."""
        mode = self.settings.mode
        text = doc.text
        if mode.fixing:
            from .fixer import fix_document

            outcome = fix_document(linter, doc, unsafe_fixes=mode.unsafe_fixes)
            if outcome.text != text:
                text = outcome.text
            fixed.extend(outcome.fixed)
            found = outcome.remaining
        else:
            found = linter.lint(doc)
        if found:
            from .baseline import document_key, fingerprinted

            found = fingerprinted(found, document_key(doc.id, doc.path, doc.text, doc.record), text)
        return found, text

    def _write(self, path: Path, data: bytes, source: SourceText, result: FileResult) -> None:
        assert result.text is not None
        try:
            if not path.stat().st_mode & 0o222:
                result.diagnostics.append(
                    internal(INPUT_ERROR, "file is read-only; fixes not written", path=result.path)
                )
                result.input_error = True
                return
            if path.read_bytes() != data:
                result.diagnostics.append(
                    internal(
                        INPUT_ERROR,
                        "file changed while it was being fixed; not written",
                        path=result.path,
                    )
                )
                result.input_error = True
                return
            write_atomic(path, source.encode(result.text))
            result.written = True
        except (OSError, UnicodeEncodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            result.diagnostics.append(
                internal(INPUT_ERROR, f"cannot write the fixed file: {reason}", path=result.path)
            )
            result.input_error = True

    # records

    def _records(self, task: Task) -> FileResult:
        from .io.records import extract, parse_json_line, splice_json_string

        fields = self.settings.fields
        mode = self.settings.mode
        path = task.path
        project = self.project_for(Path(path))
        # one path per task: the linters (per-file ignores) are the same for every record
        linter = project.linter_for(path)
        title_field = fields.title
        title_linter = project.title_linter_for(path) if title_field else None
        collect = project.collect if self.collect_corpus else None
        cache = self.cache
        jsonl = task.kind == "jsonl"
        result = FileResult(path=path)
        diagnostics = result.diagnostics
        if jsonl:
            result.bytes = sum(len(raw or b"") for _, raw in task.records)
        for offset, (number, raw) in enumerate(task.records):
            order = task.order + offset
            if raw is None:
                limit = self.settings.max_bytes / 2**20
                diagnostics.append(
                    internal(INPUT_ERROR, f"record {number} is larger than {limit:g} MiB "
                             "(--max-file-size); skipped", path=path, record=number)
                )  # fmt: skip
                result.input_error = True
                continue
            try:
                obj = parse_json_line(raw) if jsonl else raw
                values = extract(obj, fields)
            except RecordError as exc:
                if jsonl and not raw.strip():
                    continue  # blank lines are not records
                diagnostics.append(
                    internal(
                        INVALID_RECORD,
                        f"record {number}: {exc}",
                        path=path,
                        line=1,
                        record=number,
                    )
                )
                continue
            result.documents += 1
            if values.source:
                result.sources[number] = values.source
            key = None
            if cache is not None:
                key = self._cache_key(
                    project, path, raw if isinstance(raw, bytes) else repr(raw).encode()
                )
                hit = cache.get(key) if key is not None else None
                if hit is not None:
                    found, keys, lines, last = hit
                    diagnostics.extend(d._replace(path=path, record=number) for d in found)
                    if keys and collect is not None:
                        ref = DocRef(order, path, number, values.id, lines, last, fields.text)
                        result.corpus_keys.append((ref, keys))
                    continue
            doc = Document(
                values.text,
                title=values.title,
                path=path,
                id=values.id,
                metadata=values.metadata,
                record=number,
                field=fields.text,
            )
            changes: dict[str, str] = {}
            found, text = self._check(linter, doc, result.fixed)
            if text is not values.text:
                changes[fields.text] = text
            if values.title and title_field and title_linter is not None:
                title = Document(values.title, path=path, id=values.id, record=number,
                                 field=title_field)  # fmt: skip
                # a title is a span of text: only rules of scope "line" look at it
                title_found, title_text = self._check(title_linter, title, result.fixed)
                if title_found:
                    found = found + title_found if found else title_found
                if title_text is not values.title:
                    changes[title_field] = title_text
            if found:
                diagnostics.extend(found)
            keys = collect(doc) if collect is not None else {}
            if keys:
                result.corpus_keys.append((_ref(order, doc), keys))
            if cache is not None and key is not None:
                ref = _ref(order, doc)
                cache.put(key, (found, keys, ref.lines, ref.last_column))
            if changes:
                label = f"{path}:{number}" + (f" ({values.id})" if values.id else "")
                for name, new in changes.items():
                    old = values.text if name == fields.text else (values.title or "")
                    if mode.diff:
                        result.record_diffs.append((f"{label} {name}", old, new))
                if jsonl:
                    try:
                        result.new_records[number] = splice_json_string(raw, changes)
                    except (RecordError, ValueError) as exc:
                        diagnostics.append(
                            internal(INVALID_RECORD, f"record {number}: fix not written: {exc}",
                                     path=path, record=number)
                        )  # fmt: skip
                elif mode.fix and not mode.diff:
                    diagnostics.append(
                        internal(INVALID_RECORD,
                                 f"record {number}: fixes are written to JSONL files only",
                                 path=path, record=number)
                    )  # fmt: skip
        diagnostics.sort(key=_sort_key)
        return result


_sort_key = Diagnostic.sort_key.fget  # type: ignore[attr-defined]


def _ref(order: int, doc: Document) -> DocRef:
    lines = doc.line_texts  # (the Line tuples are not needed here)
    return DocRef(order, doc.path, doc.record, doc.id, len(lines), len(lines[-1]) + 1, doc.field)


def error_result(name: str, message: str, record: int | None = None) -> FileResult:
    return FileResult(
        path=name,
        diagnostics=[internal(INPUT_ERROR, message, path=name, record=record)],
        input_error=True,
    )


_WORKER: Worker | None = None  # one per worker process (multiprocessing initializer)


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Worker(settings)


def _run_in_worker(task: Task) -> FileResult:
    assert _WORKER is not None
    return _WORKER.run(task)


# -- the main side --------------------------------------------------------------------


class Runner:
    """Plans tasks, runs them (in parallel if asked), writes fixed record files."""

    def __init__(
        self,
        mode: Mode,
        overrides: Overrides | None = None,
        config_file: Path | None = None,
        *,
        fields: FieldMap | None = None,
        jobs: int = 1,
        corpus: bool = True,
        cache: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.max_bytes = max_bytes
        self.settings = Settings(
            mode, overrides or Overrides(), str(config_file) if config_file else None,
            fields or FieldMap(), corpus, str(cache) if cache else None, max_bytes,
        )  # fmt: skip
        self.mode = mode
        self.jobs = max(1, jobs)
        self.local = Worker(self.settings)  # validates the configuration up front
        self.documents = 0
        self._order = 0

    def project_for(self, path: Path | None) -> Project:
        return self.local.project_for(path)

    def files(self, paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
        for path in paths:
            if path.is_dir():
                project = self.project_for(path / "__newslint_probe__")
                yield from discover([path], project.is_included, project.is_excluded)
            else:
                yield from discover([path], lambda p: True, lambda p: False)

    # planning

    def tasks(
        self, paths: Iterable[Path], stdin: tuple[str, bytes, str | None] | None
    ) -> Iterator[Task | FileResult]:
        """Tasks in input order; unreadable inputs come through as results directly."""
        if stdin is not None:
            name, data, config_path = stdin
            yield self._next_task(Task(name, "text", 0, data=data, config_path=config_path))
        for path, error in self.files(paths):
            if error is not None:
                yield error_result(str(path), error)
                continue
            fmt = record_format(path)
            too_big = fmt != "jsonl" and _size(path) > self.max_bytes
            if too_big:
                yield error_result(
                    str(path),
                    f"file is larger than {self.max_bytes / 2**20:g} MiB (--max-file-size); "
                    "not checked",
                )
            elif fmt is None:
                yield self._next_task(Task(str(path), "text", 0))
            elif fmt == "jsonl":
                yield from self._jsonl_tasks(path)
            else:
                yield from self._object_tasks(path, fmt)

    def _next_task(self, task: Task, count: int = 1) -> Task:
        task = task._replace(order=self._order)
        self._order += count
        return task

    def _jsonl_tasks(self, path: Path) -> Iterator[Task | FileResult]:
        from .io.records import open_binary, read_lines

        chunk: list[tuple[int, bytes | None]] = []
        limit = self.max_bytes
        try:
            with open_binary(path) as stream:
                for number, line in read_lines(stream, limit):
                    # an oversized record travels as None, so its finding keeps its place
                    chunk.append((number, line))
                    if len(chunk) >= CHUNK_RECORDS:
                        yield self._next_task(Task(str(path), "jsonl", 0, records=tuple(chunk)),
                                              len(chunk))  # fmt: skip
                        chunk = []
        except (OSError, EOFError, RecordError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if chunk:
                yield self._next_task(Task(str(path), "jsonl", 0, records=tuple(chunk)), len(chunk))
            yield error_result(str(path), f"cannot read: {reason}")
            return
        if chunk:
            yield self._next_task(Task(str(path), "jsonl", 0, records=tuple(chunk)), len(chunk))

    def _object_tasks(self, path: Path, fmt: str) -> Iterator[Task | FileResult]:
        from .io.records import load_csv, load_json_array

        try:
            rows: list[Any] = load_json_array(path) if fmt == "json" else load_csv(path)
        except (OSError, RecordError, UnicodeDecodeError) as exc:
            yield error_result(str(path), str(exc))
            return
        for start in range(0, len(rows), CHUNK_RECORDS):
            part = tuple(
                (start + i + 1, row) for i, row in enumerate(rows[start : start + CHUNK_RECORDS])
            )
            yield self._next_task(Task(str(path), "objects", 0, records=part), len(part))

    # running

    def run(
        self, paths: Iterable[Path], stdin: tuple[str, bytes, str | None] | None = None
    ) -> Iterator[FileResult]:
        """Results in input order; JSONL files are rewritten once all their records are in."""
        planned = self.tasks(paths, stdin)
        pending: dict[str, dict[int, bytes]] = {}
        previous: str | None = None
        for result in self._execute(planned):
            self.documents += result.documents
            if previous is not None and result.path != previous:
                yield from self._flush_records(previous, pending)
            previous = result.path
            if result.new_records:
                pending.setdefault(result.path, {}).update(result.new_records)
            yield result
        if previous is not None:
            yield from self._flush_records(previous, pending)

    def _execute(self, planned: Iterator[Task | FileResult]) -> Iterator[FileResult]:
        # Look at the first two tasks. A pool costs a fork per worker: not worth it
        # for one file (pre-commit). And one text file is one document: corpus rules
        # have nothing to compare it with, so their keys are not even collected.
        head: list[Task | FileResult] = []
        for item in planned:
            head.append(item)
            if sum(isinstance(i, Task) for i in head) > 1:
                break
        tasks = [i for i in head if isinstance(i, Task)]
        single = len(tasks) == 1 and tasks[0].kind == "text"
        if single and not self.local.project_for(None).corpus_needs_single_document():
            self.local.collect_corpus = False
        if self.jobs == 1 or len(tasks) <= 1:
            for item in itertools.chain(head, planned):
                yield item if isinstance(item, FileResult) else self.local.run(item)
            return
        planned = itertools.chain(head, planned)
        import multiprocessing
        from collections import deque

        ctx = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
        window = self.jobs * 4  # tasks in flight: bounded, so memory stays flat
        with ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.settings,)) as pool:
            inflight: deque[Any] = deque()
            for item in planned:
                if isinstance(item, FileResult):
                    inflight.append(item)
                else:
                    inflight.append(pool.apply_async(_run_in_worker, (item,)))
                while len(inflight) >= window:
                    yield _resolve(inflight.popleft())
            while inflight:
                yield _resolve(inflight.popleft())

    def _flush_records(
        self, path: str, pending: dict[str, dict[int, bytes]]
    ) -> Iterator[FileResult]:
        changes = pending.pop(path, None)
        mode = self.mode
        if not changes or not mode.fix or mode.diff:
            return
        problem = rewrite_jsonl(Path(path), changes)
        if problem:
            yield error_result(path, problem)


def _resolve(item: Any) -> FileResult:
    result: FileResult = item if isinstance(item, FileResult) else item.get()
    return result


def rewrite_jsonl(path: Path, changes: dict[int, bytes]) -> str | None:
    """Write ``path`` with the given lines replaced, every other byte kept; atomic
    (a temporary file in the same directory, renamed over the original)."""
    from .io.records import copy_lines, open_binary
    from .io.text import replace_atomic

    name = path.name.lower()
    if name.endswith(".zst"):
        return "fixes are not written back to .zst files"
    try:
        if not path.stat().st_mode & 0o222:
            return "file is read-only; fixes not written"
        with open_binary(path) as src, replace_atomic(path) as out:
            if name.endswith(".gz"):
                import gzip

                with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as dst:
                    copy_lines(src, dst, changes)  # type: ignore[arg-type]
            else:
                copy_lines(src, out, changes)
    except OSError as exc:
        return f"cannot write the fixed file: {exc.strerror or exc}"
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


__all__ = ["ConfigError", "FileResult", "Mode", "Runner", "Settings"]
