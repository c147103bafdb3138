"""Files under ``--work-dir``: a local directory or any fsspec URL (``s3://``, ``gs://``).

Every file is written whole and then renamed (local) or put in one request
(object stores), so a reader never sees half a file; a stage's completion
marker is written last.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from typing import Any


def is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *parts])


def _local(path: str) -> str:
    return path[len("file://") :] if path.startswith("file://") else path


def write_bytes(path: str, data: bytes) -> None:
    if is_url(path):
        import fsspec

        with fsspec.open(path, "wb") as fh:
            fh.write(data)
        return
    path = _local(path)
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_bytes(path: str) -> bytes:
    if is_url(path):
        import fsspec

        with fsspec.open(path, "rb") as fh:
            data: bytes = fh.read()
            return data
    with open(_local(path), "rb") as fh:
        return fh.read()


def exists(path: str) -> bool:
    if is_url(path):
        import fsspec

        fs, _, paths = fsspec.get_fs_token_paths(path)
        return bool(fs.exists(paths[0]))
    return os.path.exists(_local(path))


def remove_tree(path: str) -> None:
    if is_url(path):
        import fsspec

        fs, _, paths = fsspec.get_fs_token_paths(path)
        if fs.exists(paths[0]):
            fs.rm(paths[0], recursive=True)
        return
    import shutil

    shutil.rmtree(_local(path), ignore_errors=True)


def dump(path: str, obj: Any) -> None:
    write_bytes(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def load(path: str) -> Any:
    # the work directory is as trusted as the cluster itself (Dask pickles too)
    return pickle.loads(read_bytes(path))
