"""A check cut into shards, run on an engine, with results identical to the local runner.

**Shards.** Every input file is a shard, numbered in input order (the order in
which the local runner reads them). A worker runs the local runner's own
:class:`~newslint.runner.Worker` code on its shard, with the document orders the
local runner would give them counted from the shard's start, and writes under the
run's work directory:

- ``shard-N.results``: the shard's per-document findings (file results, in order);
- ``shard-N.RULE.keys``: the small key each corpus rule collected per document;
- ``shard-N.done``: the completion marker (written last). A rerun with the same
  inputs, settings and ``--work-dir`` skips every shard that has one.

The client streams the results files into the report in shard order, and turns
shard-local orders into global ones (a prefix sum of the shards' sizes): the
``DocRef.order`` of every document is the one the local runner gives it.

**Corpus passes**, expressed on the engine's operations; each ends by calling the
rule's own ``finalize`` on the client, so the findings are the local ones by
construction:

- ``duplicate-document`` / ``near-duplicate-document``: every document emits
  integer rows (its exact-text hash; with near duplicates also one row per
  MinHash band); a shuffle on the key gives star edges to the smallest document
  of each bucket. Only a document that shares a key with another one can match
  anything, so ``finalize`` runs (verification, originals, clusters: exactly the
  local code) on the documents that have an edge, which are a superset of the
  documents that can interact, and gives the same findings as on all of them.
- ``template-boilerplate``: documents are counted per source and lines per
  (source, line); each document then keeps only the lines that can reach its
  source's threshold (the others' counts are exact in ``finalize`` too), and a
  document without such a line travels as a bare order.
- every other corpus rule (``source-consistency``, ``near-duplicate-document``
  with ``containment`` or ``index-file``, plug-ins): its keys are gathered to the
  client as they are (the fallback; these keys are small).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from .._version import __version__
from ..checks.template_boilerplate import kept_records, record_keys
from ..diagnostics import Diagnostic
from ..rule import DocRef
from ..runner import FileResult, Runner, Settings, error_result
from . import Engine, Rows, stable_hash
from .storage import dump, exists, join, load, read_bytes, remove_tree, write_bytes

_GOLDEN = 0x9E3779B97F4A7C15
_MIX = 0xBF58476D1CE4E5B9


SHARD_FILES = 256  # text files grouped into one shard, at most
SHARD_BYTES = 64 * 2**20  # ... and at most this many bytes


class Job(NamedTuple):
    settings: Settings
    run_dir: str
    number: int
    paths: tuple[str, ...]
    cwd: str  # the client's working directory: relative paths and configs start there


class ShardDone(NamedTuple):
    number: int
    documents: int
    span: int  # orders the shard uses (records, blank lines included, as the runner counts)
    rules: tuple[str, ...]  # corpus rules with keys in this shard


class Part(NamedTuple):
    """One shard as an input of a corpus pass."""

    run_dir: str
    number: int
    base: int  # global order of the shard's first document
    extra: Any = None  # what the pass needs (wanted orders, counts)


def _name(run_dir: str, index: int, what: str) -> str:
    return join(run_dir, f"shard-{index:06d}.{what}")


# -- the map stage (runs on the workers) -------------------------------------------

_RUNNERS: dict[bytes, Runner] = {}  # per worker process: projects are built once


def _runner(settings: Settings) -> Runner:
    key = pickle.dumps(settings)
    runner = _RUNNERS.get(key)
    if runner is None:
        s = settings
        runner = Runner(
            s.mode, s.overrides, Path(s.config_file) if s.config_file else None,
            fields=s.fields, jobs=1, corpus=s.corpus, max_bytes=s.max_bytes,
        )  # fmt: skip
        _RUNNERS[key] = runner
    return runner


def run_shard(job: Job) -> ShardDone:
    """Check one shard with the local runner's worker; write its results and keys."""
    marker = _name(job.run_dir, job.number, "done")
    if exists(marker):
        number, documents, span, rules = json.loads(read_bytes(marker))
        return ShardDone(number, documents, span, tuple(rules))
    if os.getcwd() != job.cwd and os.path.isdir(job.cwd):
        os.chdir(job.cwd)  # the worker sees the inputs as the client named them
    for path in job.paths:
        if not os.path.exists(path):
            import socket

            from . import EngineError

            raise EngineError(
                f"worker {socket.gethostname()} cannot read {path}: inputs must be on a "
                "file system that every worker shares, at the same path"
            )
    runner = _runner(job.settings)
    runner._order = 0  # orders counted from the shard's start
    results: list[FileResult] = []
    keys: dict[str, list[tuple[DocRef, Any]]] = {}
    documents = 0
    for item in runner.tasks([Path(p) for p in job.paths], None):
        result = item if isinstance(item, FileResult) else runner.local.run(item)
        documents += result.documents
        for ref, per_rule in result.corpus_keys:
            for name, key in per_rule.items():
                keys.setdefault(name, []).append((ref, key))
        result.corpus_keys = []
        results.append(result)
    dump(_name(job.run_dir, job.number, "results"), results)
    for name, items in keys.items():
        dump(_name(job.run_dir, job.number, f"{name}.keys"), items)
    done = ShardDone(job.number, documents, runner._order, tuple(sorted(keys)))
    write_bytes(marker, json.dumps(list(done)).encode())
    return done


def _keys(part: Part, name: str) -> list[tuple[DocRef, Any]]:
    path = _name(part.run_dir, part.number, f"{name}.keys")
    items: list[tuple[DocRef, Any]] = load(path)
    return [(ref._replace(order=part.base + ref.order), key) for ref, key in items]


# -- corpus rows (run on the workers) ----------------------------------------------


def _empty() -> Rows:
    import numpy as np

    return np.empty(0, np.int64), np.empty(0, np.int64)


def dedup_rows(name: str, options: Any, near: bool, part: Part) -> Rows:
    """Exact-text rows and, for near duplicates, one row per MinHash band."""
    import numpy as np

    items = _keys(part, name)
    if not items:
        return _empty()
    keys: list[Any] = []
    docs: list[Any] = []
    exact = [(ref.order, key) for ref, key in items if key.words > 0]
    keys.append(
        np.array([int.from_bytes(k.exact[:8], "big", signed=True) for _, k in exact], np.int64)
    )
    docs.append(np.array([order for order, _ in exact], np.int64))
    if near:
        from ..checks.near_duplicate_document import dedup_options
        from ..dedup import sketches

        settings = dedup_options(options)
        reps = [(ref.order, key) for ref, key in items if key.words >= settings.min_words]
        bands = sketches([k.ids for _, k in reps], settings.shingle_size, settings.lsh)
        rows = [(order, b) for (order, _), b in zip(reps, bands, strict=True) if b is not None]
        if rows:
            matrix = np.array([b for _, b in rows], dtype=np.uint64)
            n_bands = matrix.shape[1]
            with np.errstate(over="ignore"):
                mixed = matrix * np.uint64(_GOLDEN) + np.arange(1, n_bands + 1, dtype=np.uint64)
            keys.append(mixed.reshape(-1).view(np.int64))
            docs.append(np.repeat(np.array([o for o, _ in rows], np.int64), n_bands))
    return np.concatenate(keys), np.concatenate(docs)


def source_rows(name: str, part: Part) -> Rows:
    import numpy as np

    items = _keys(part, name)
    if not items:
        return _empty()
    keys = np.array([stable_hash(key[0]) for _, key in items], np.int64)
    return keys, np.array([ref.order for ref, _ in items], np.int64)


def _line_hashes(source_hash: int, line_keys: Sequence[int]) -> Any:
    import numpy as np

    x = np.array(line_keys, dtype=np.uint64)
    with np.errstate(over="ignore"):
        x = x * np.uint64(_GOLDEN) ^ np.uint64(source_hash & 0xFFFFFFFFFFFFFFFF)
        x ^= x >> np.uint64(31)
        x *= np.uint64(_MIX)
        x ^= x >> np.uint64(29)
    return x.view(np.int64)


def line_rows(name: str, part: Part) -> Rows:
    """(source, line) rows of the documents whose source has enough documents."""
    import numpy as np

    frequent = part.extra
    keys: list[Any] = []
    docs: list[Any] = []
    for ref, (source, lines) in _keys(part, name):
        h = stable_hash(source)
        if h not in frequent or not lines:
            continue
        hashes = record_keys(lines)
        keys.append(_line_hashes(h, hashes))
        docs.append(np.full(len(hashes), ref.order, np.int64))
    if not keys:
        return _empty()
    return np.concatenate(keys), np.concatenate(docs)


def wanted_keys(name: str, part: Part) -> list[tuple[DocRef, Any]]:
    """The keys of the documents in ``part.extra`` (a set of orders; None: all)."""
    items = _keys(part, name)
    wanted = part.extra
    if wanted is None:
        return items
    return [item for item in items if item[0].order in wanted]


def template_keys(name: str, part: Part) -> list[tuple[DocRef, Any]]:
    """Each document of a big enough source with only the lines that can be frequent."""
    import numpy as np

    sources, (line_keys, line_counts), min_share = part.extra
    out: list[tuple[DocRef, Any]] = []
    for ref, (source, lines) in _keys(part, name):
        h = stable_hash(source)
        total = sources.get(h)
        if total is None:
            continue  # too few documents: finalize skips the source
        need = max(3, math.ceil(min_share * total))
        kept = b""
        if lines:
            hashes = _line_hashes(h, record_keys(lines))
            pos = np.searchsorted(line_keys, hashes)
            pos = np.minimum(pos, max(len(line_keys) - 1, 0))
            found = (line_keys[pos] == hashes) if len(line_keys) else np.zeros(len(hashes), bool)
            counts = np.where(found, line_counts[pos] if len(line_keys) else 0, 0)
            kept = kept_records(lines, [c >= need for c in counts.tolist()])
        # a document without a candidate line is only counted: its place is all it needs
        out.append((ref if kept else DocRef(ref.order, None), (source, kept)))
    return out


# -- the client side -----------------------------------------------------------------


def plan_shards(entries: Sequence[tuple[Path, str | None]]) -> list[tuple[str, ...]]:
    """Shards in input order: a record file alone (it can be big), consecutive text
    files together (up to :data:`SHARD_FILES` files or :data:`SHARD_BYTES` bytes)."""
    from ..io.records import record_format

    shards: list[tuple[str, ...]] = []
    group: list[str] = []
    size = 0
    for path, error in entries:
        if error is not None or record_format(path) is not None:
            if group:
                shards.append(tuple(group))
                group, size = [], 0
            if error is None:
                shards.append((str(path),))
            continue
        try:
            nbytes = path.stat().st_size
        except OSError:
            nbytes = 0
        if group and (len(group) >= SHARD_FILES or size + nbytes > SHARD_BYTES):
            shards.append(tuple(group))
            group, size = [], 0
        group.append(str(path))
        size += nbytes
    if group:
        shards.append(tuple(group))
    return shards


class ShardedRun:
    """Plan shards, run them on an engine, stream results, run the corpus passes."""

    def __init__(self, runner: Runner, paths: Sequence[Path], engine: Engine,
                 work_dir: str | None = None) -> None:  # fmt: skip
        self.runner = runner
        self.engine = engine
        self.entries = list(runner.files(paths))
        self.shards = plan_shards(self.entries)
        self.temporary = work_dir is None
        if work_dir is None:
            import tempfile

            work_dir = tempfile.mkdtemp(prefix="newslint-work-")
        self.work_dir = work_dir
        self.run_dir = join(work_dir, "run-" + self._run_id())
        self.done: list[ShardDone] = []
        self.documents = 0

    def _run_id(self) -> str:
        """Same inputs (names, sizes, times), settings, rules and version: same run."""
        h = hashlib.blake2b(digest_size=10)
        h.update(__version__.encode())
        h.update(repr(self.runner.settings).encode())
        h.update(self.runner.project_for(None).digest(None))
        for n, shard in enumerate(self.shards):
            for path in shard:
                try:
                    st = Path(path).stat()
                    h.update(f"\0{n}\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
                except OSError:
                    h.update(f"\0{n}\0{path}\0-".encode())
        return h.hexdigest()

    def results(self) -> Iterator[FileResult]:
        """File results in input order, as the local runner yields them."""
        cwd = os.getcwd()
        settings, run_dir = self.runner.settings, self.run_dir
        jobs = [Job(settings, run_dir, i, p, cwd) for i, p in enumerate(self.shards)]
        done = self.engine.map(run_shard, jobs)
        planned = iter(self.shards)
        left = 0  # files of the current shard still to pass
        for path, error in self.entries:
            if error is not None:
                yield error_result(str(path), error)
                continue
            if left:
                left -= 1
                continue
            left = len(next(planned)) - 1
            shard = next(done)
            self.done.append(shard)
            self.documents += shard.documents
            results: list[FileResult] = load(_name(self.run_dir, shard.number, "results"))
            yield from results

    def corpus(self) -> list[Diagnostic]:
        """The corpus rules' findings, sorted, as :class:`CorpusCollector` gives them."""
        from ..checks.duplicate_document import DuplicateDocument
        from ..checks.near_duplicate_document import NearDuplicateDocument
        from ..checks.template_boilerplate import TemplateBoilerplate
        from ..corpus import CorpusCollector

        project = self.runner.project_for(None)
        collector = CorpusCollector()
        documents = self.documents
        if documents < 2 and not (documents and project.corpus_needs_single_document()):
            return []
        bases: list[int] = []
        total = 0
        for shard in self.done:
            bases.append(total)
            total += shard.span
        for rule, options in project.corpus_rules():
            name = rule.meta.name
            parts = [Part(self.run_dir, s.number, base) for s, base in
                     zip(self.done, bases, strict=True) if name in s.rules]  # fmt: skip
            if not parts:
                continue
            items: list[tuple[DocRef, Any]]
            if isinstance(rule, DuplicateDocument) or (
                isinstance(rule, NearDuplicateDocument)
                and not options.containment
                and not options.index_file
            ):
                near = isinstance(rule, NearDuplicateDocument)
                src, dst = self.engine.star_edges(partial(dedup_rows, name, options, near), parts)
                items = self._gather(name, parts, set(src.tolist()) | set(dst.tolist()))
            elif isinstance(rule, TemplateBoilerplate):
                items = self._template(name, parts, options)
            else:  # the fallback: the rule's keys as they are
                items = self.engine.collect(partial(wanted_keys, name), parts)
            collector.keys[name] = items
        return collector.finish(project, documents)

    def _gather(self, name: str, parts: list[Part], wanted: set[int]) -> list[tuple[DocRef, Any]]:
        ends = [p.base for p in parts[1:]] + [None]
        split = []
        for part, end in zip(parts, ends, strict=True):
            mine = {o for o in wanted if o >= part.base and (end is None or o < end)}
            if mine:
                split.append(part._replace(extra=frozenset(mine)))
        return self.engine.collect(partial(wanted_keys, name), split)

    def _template(self, name: str, parts: list[Part], options: Any) -> list[tuple[DocRef, Any]]:
        src_keys, src_counts = self.engine.count_by_key(
            partial(source_rows, name), parts, options.min_documents
        )
        sources = dict(zip(src_keys.tolist(), src_counts.tolist(), strict=True))
        if not sources:
            return []
        with_sources = [p._replace(extra=frozenset(sources)) for p in parts]
        line_keys, line_counts = self.engine.count_by_key(partial(line_rows, name), with_sources, 3)
        order = line_keys.argsort()
        lines = (line_keys[order], line_counts[order])
        extra = (sources, lines, options.min_share)
        return self.engine.collect(partial(template_keys, name),
                                   [p._replace(extra=extra) for p in parts])  # fmt: skip

    def close(self) -> None:
        self.engine.close()
        if self.temporary:
            remove_tree(self.work_dir)


def unsupported(fixing: bool, stdin: bool, cache: bool) -> str | None:
    """Why ``--engine dask`` cannot run with these options (None: it can)."""
    if fixing:
        return "--engine dask checks; --fix and --diff run with --engine local"
    if stdin:
        return "--engine dask reads files, not standard input"
    if cache:
        return "--engine dask resumes from --work-dir; --cache is for --engine local"
    return None


def dask_run(
    runner: Runner,
    paths: Sequence[Path],
    workers: int | None,
    scheduler: str | None,
    scheduler_file: str | None,
    work_dir: str | None,
) -> ShardedRun:
    from . import EngineError
    from .dask import DaskEngine

    remote = bool(scheduler or scheduler_file or os.environ.get("DASK_SCHEDULER_ADDRESS"))
    if remote and work_dir is None:
        raise EngineError(
            "--work-dir is needed with a Dask scheduler: a directory or URL (s3://...) that "
            "this machine and every worker can read and write"
        )
    if remote and workers:
        raise EngineError("--workers sizes a local cluster; a running cluster has its own")
    engine = DaskEngine(workers=workers, scheduler=scheduler, scheduler_file=scheduler_file)
    try:
        return ShardedRun(runner, paths, engine, work_dir)
    except BaseException:
        engine.close()
        raise


__all__ = ["ShardedRun", "dask_run", "run_shard", "unsupported"]
