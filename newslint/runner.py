"""Check (and fix) files and standard input; the CLI is a thin layer over this."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .config import ConfigError, ConfigFinder
from .diagnostics import Diagnostic
from .document import Document
from .internal import INPUT_ERROR, internal
from .io.discover import discover
from .io.text import InputError, SourceText, decode, write_atomic
from .project import Overrides, Project


class Mode(NamedTuple):
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute fixes, write nothing
    encoding: str | None = None

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


class FileResult:
    """What happened to one file (or stdin)."""

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

    @property
    def changed(self) -> bool:
        return self.text is not None and self.original is not None and self.text != self.original

    @property
    def document(self) -> Document:
        return Document(self.text or "", path=self.path)


class Runner:
    def __init__(
        self,
        mode: Mode,
        overrides: Overrides | None = None,
        config_file: Path | None = None,
    ) -> None:
        self.mode = mode
        self.overrides = overrides or Overrides()
        self.finder = ConfigFinder(config_file)
        self._projects: dict[int, Project] = {}

    def project_for(self, path: Path | None) -> Project:
        config = self.finder.for_path(path)
        key = id(config)
        project = self._projects.get(key)
        if project is None:
            project = Project(config, self.overrides)
            self._projects[key] = project
        return project

    def files(self, paths: list[Path]) -> Iterator[tuple[Path, str | None]]:
        for path in paths:
            if path.is_dir():
                project = self.project_for(path / "__newslint_probe__")
                yield from discover([path], project.is_included, project.is_excluded)
            else:
                yield from discover([path], lambda p: True, lambda p: False)

    def check_path(self, path: Path) -> FileResult:
        name = str(path)
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            return self._error(name, "is a directory")
        except OSError as exc:
            return self._error(name, f"cannot read: {exc.strerror or exc}")
        try:
            source = decode(data, self.mode.encoding)
        except InputError as exc:
            return self._error(name, str(exc))
        result = self.check_text(source, name, config_path=path)
        if self.mode.fix and not self.mode.diff and result.changed and result.text is not None:
            try:
                if path.read_bytes() != data:
                    result.diagnostics.append(
                        internal(INPUT_ERROR, "file changed while it was being fixed; not written",
                                 path=name)
                    )  # fmt: skip
                    result.input_error = True
                    return result
                write_atomic(path, source.encode(result.text))
                result.written = True
            except (OSError, UnicodeEncodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                result.diagnostics.append(
                    internal(INPUT_ERROR, f"cannot write the fixed file: {reason}", path=name)
                )
                result.input_error = True
        return result

    def check_bytes(self, data: bytes, name: str, config_path: Path | None) -> FileResult:
        try:
            source = decode(data, self.mode.encoding)
        except InputError as exc:
            return self._error(name, str(exc))
        return self.check_text(source, name, config_path=config_path)

    def check_text(self, source: SourceText, name: str, config_path: Path | None) -> FileResult:
        project = self.project_for(config_path)
        linter = project.linter_for(str(config_path) if config_path else None)
        doc = Document(source.text, path=name)
        result = FileResult(path=name, original=source.text, source=source)
        if self.mode.fixing:
            from .fixer import fix_document

            fixed = fix_document(linter, doc, unsafe_fixes=self.mode.unsafe_fixes)
            result.text = fixed.text
            result.fixed = fixed.fixed
            result.diagnostics = fixed.remaining
        else:
            result.diagnostics = linter.lint(doc)
        return result

    def _error(self, name: str, message: str) -> FileResult:
        return FileResult(
            path=name,
            diagnostics=[internal(INPUT_ERROR, message, path=name)],
            input_error=True,
        )


__all__ = ["ConfigError", "FileResult", "Mode", "Runner"]
