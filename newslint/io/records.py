"""Record-aware inputs: JSONL (plain, ``.gz``, ``.zst``), JSON arrays and CSV.

A record is one article. Its fields are mapped to a document by a
:class:`FieldMap` (``text``, ``title``, ``id``, ``source``, ``date``). Records are
numbered from 1: for JSONL the record number *is* the line number in the file,
so ``corpus.jsonl:17`` opens the right line in an editor.

For ``--fix`` on JSONL only the fixed string values are spliced into the
original line (:func:`splice_json_string`): key order, spacing, escaping style,
other fields and every untouched line stay byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NamedTuple

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
RECORD_SUFFIXES = (*JSONL_SUFFIXES, ".json", ".csv")


class FieldMap(NamedTuple):
    """Which record fields hold what. ``source`` falls back to ``url``."""

    text: str = "text"
    title: str | None = "title"
    id: str | None = "id"
    source: str | None = "source"
    date: str | None = "date"


class RecordError(ValueError):
    """A record that cannot be used (bad JSON, missing or non-string field)."""


def record_format(path: Path) -> str | None:
    """``jsonl``, ``json`` or ``csv`` for record files, None for plain text files."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith(".csv"):
        return "csv"
    return None


def open_binary(path: Path) -> IO[bytes]:
    name = path.name.lower()
    if name.endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".zst"):
        try:
            import zstandard  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            raise RecordError(
                "reading .zst needs the zstandard package (pip install 'newslint[zstd]')"
            ) from None
        stream: IO[bytes] = zstandard.open(path, "rb")
        return stream
    return path.open("rb")


def is_compressed(path: Path) -> bool:
    return path.name.lower().endswith((".gz", ".zst"))


def read_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)``; a line longer than ``limit`` bytes is skipped without
    being held in memory and comes back as ``None``."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                piece = stream.readline(1 << 20)
                if not piece or piece.endswith(b"\n"):
                    break
            yield number, None
        else:
            yield number, line


def copy_lines(src: IO[bytes], dst: IO[bytes], changes: Mapping[int, bytes]) -> None:
    """Copy ``src`` to ``dst`` replacing the numbered lines; long lines are copied
    piece by piece, so memory stays bounded whatever the file holds."""
    number = 0
    while True:
        line = src.readline(1 << 20)
        if not line:
            return
        number += 1
        replacement = changes.get(number)
        dst.write(line if replacement is None else replacement)
        while not line.endswith(b"\n"):
            line = src.readline(1 << 20)
            if not line:
                return
            if replacement is None:
                dst.write(line)


def parse_json_line(raw: bytes) -> Any:
    """Decode one JSONL line; :class:`RecordError` with the reason if it is not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(f"not valid UTF-8 at byte {exc.start}") from None
    text = text.strip()
    if not text:
        raise RecordError("empty line")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None


class Fields(NamedTuple):
    text: str
    title: str | None
    id: str | None
    source: str | None
    date: str | None
    metadata: Mapping[str, Any]


def extract(obj: Any, fields: FieldMap) -> Fields:
    """The mapped fields of a decoded record, or :class:`RecordError` saying which.
    (Runs once per record: no closure, and the tuple is built without the named
    tuple's Python-level ``__new__``.)"""
    if not isinstance(obj, dict):
        raise RecordError(f"expected a JSON object, got {type(obj).__name__}")
    if fields.text not in obj:
        raise RecordError(f"missing field {fields.text!r}")
    text = obj[fields.text]
    if not isinstance(text, str):
        raise RecordError(f"field {fields.text!r} is {type(text).__name__}, not a string")
    source = _optional(obj, fields.source)
    if source is None and fields.source == "source":
        source = _optional(obj, "url")
    title = obj.get(fields.title) if fields.title else None
    if title is not None and not isinstance(title, str):
        raise RecordError(f"field {fields.title!r} is {type(title).__name__}, not a string")
    date = _optional(obj, fields.date)
    meta = {"source": source, "date": date}
    return _new_tuple(Fields, (text, title, _optional(obj, fields.id), source, date, meta))


def _optional(obj: dict[str, Any], name: str | None) -> str | None:
    if name is None:
        return None
    value = obj.get(name)
    if value is None:
        return None
    if value.__class__ is str:
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise RecordError(f"field {name!r} is {type(value).__name__}, not a string")
    return str(value)


_new_tuple = tuple.__new__


# -- splicing fixed values into the original line ------------------------------------


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\r\n":
        i += 1
    return i


def string_value_span(line: str, key: str) -> tuple[int, int] | None:
    """Span of the JSON string token that is the value of top-level ``key``."""
    from json.decoder import scanstring  # type: ignore[attr-defined]

    decoder = json.JSONDecoder()
    i = _skip_ws(line, 0)
    if i >= len(line) or line[i] != "{":
        return None
    i = _skip_ws(line, i + 1)
    found: tuple[int, int] | None = None
    while i < len(line) and line[i] != "}":
        if line[i] != '"':
            return None
        name, i = scanstring(line, i + 1)
        i = _skip_ws(line, i)
        if i >= len(line) or line[i] != ":":
            return None
        i = _skip_ws(line, i + 1)
        start = i
        if line[i] == '"':
            _, i = scanstring(line, i + 1)
            if name == key:
                found = (start, i)  # the last occurrence wins, as in json.loads
        else:
            _, i = decoder.raw_decode(line, i)
        i = _skip_ws(line, i)
        if i < len(line) and line[i] == ",":
            i = _skip_ws(line, i + 1)
    return found


def encode_like(old_token: str, value: str) -> str:
    """JSON-encode ``value`` in the style of ``old_token`` (escaped or raw UTF-8)."""
    raw_unicode = any(ord(c) > 127 for c in old_token)
    escaped_ascii = "\\u" in old_token
    ensure_ascii = escaped_ascii and not raw_unicode
    return json.dumps(value, ensure_ascii=ensure_ascii)


def splice_json_string(raw: bytes, changes: Mapping[str, str]) -> bytes:
    """Replace the string values of top-level keys in one JSONL line, nothing else."""
    line = raw.decode("utf-8")
    spans = []
    for key, value in changes.items():
        span = string_value_span(line, key)
        if span is None:
            raise RecordError(f"cannot locate field {key!r} in the record")
        spans.append((span, value))
    for (start, end), value in sorted(spans, reverse=True):
        line = line[:start] + encode_like(line[start:end], value) + line[end:]
    return line.encode("utf-8")


def load_json_array(path: Path) -> list[Any]:
    with open_binary(path) as fh:
        data = fh.read()
    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RecordError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None
    if not isinstance(value, list):
        raise RecordError("a .json input must be an array of records")
    return value


def load_csv(path: Path) -> list[dict[str, str]]:
    import csv
    import io

    with open_binary(path) as fh:
        text = fh.read().decode("utf-8-sig")
    csv.field_size_limit(1 << 30)
    return list(csv.DictReader(io.StringIO(text, newline="")))
