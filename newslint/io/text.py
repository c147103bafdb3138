"""Decode and re-encode text files exactly.

The document text always uses ``\\n`` line breaks. A file whose lines all end in
``\\r\\n`` is read as ``\\n`` and written back with ``\\r\\n``; a file with mixed line
endings is kept as it is (its ``\\r`` stay in the text). The encoding and a BOM
are kept too, and so is the final newline or its absence: what a fix did not
touch comes back byte for byte.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A file cannot be read as text; the message is one line for the user."""


class SourceText(NamedTuple):
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, encoding: str | None = None) -> SourceText:
    bom = b""
    enc = encoding or "utf-8"
    if encoding is None:
        for mark, name in _BOMS:
            if data.startswith(mark):
                bom, enc = mark, name
                break
    body = data[len(bom) :]
    if not bom and b"\x00" in body[:8192]:
        raise InputError("binary file (contains NUL bytes), not checked")
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise InputError(
            f"not valid {enc.upper()}: byte 0x{body[exc.start]:02x} at offset {offset} "
            "cannot be decoded (use --encoding for legacy files)"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {enc!r}") from None
    newline = "\n"
    if (
        "\r\n" in text
        and text.count("\r\n") == text.count("\n")
        and "\r" not in text.replace("\r\n", "")
    ):
        newline = "\r\n"
        text = text.replace("\r\n", "\n")
    return SourceText(text, enc, bom, newline)


def read_source(path: Path, encoding: str | None = None) -> SourceText:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return decode(data, encoding)


@contextmanager
def replace_atomic(path: Path) -> Iterator[IO[bytes]]:
    """Write a replacement for ``path`` through the yielded file: a temporary file in
    the same directory, fsynced and renamed over ``path`` only if the block succeeds.
    The file's permission bits are kept; a crash at any point leaves the old file."""
    import tempfile

    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".newslint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`replace_atomic`)."""
    with replace_atomic(path) as fh:
        fh.write(data)


def _fsync_dir(directory: Path) -> None:
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
