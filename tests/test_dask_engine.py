"""``--engine dask`` gives exactly the findings of ``--engine local``.

A generated corpus (several JSONL shards and text files) plants what the corpus
rules look for across shards: exact and near duplicates (a near copy of a
document of the first shard in the last one, a chain of copies), template lines
per source and a source whose house style one article breaks. Every run here is
the real command line; the clusters are real (a 2-worker ``LocalCluster``, and a
``dask scheduler`` with ``dask worker`` processes started as a user would).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_cli

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

VOCABULARY = (
    "the a of to in and for on said with by at from its was is that company market "
    "bank shares percent year government trade oil prices rate officials week new "
    "analysts quarter profit billion million growth exports report minister central "
    "talks agreement sales loss dollar economy stock index rose fell higher lower "
    "plans deal group board chairman statement expected months earlier total output"
)
WORDS = VOCABULARY.split()

SOURCES = ("example.com", "news.example.org", "wire.example.net")
TEMPLATE = {
    "example.com": ("Sections Home Politics World Sport", "Follow us on Twitter and Facebook"),
    "news.example.org": ("Subscribe to our daily newsletter", "All rights reserved News Org"),
    "wire.example.net": ("Wire service menu Markets Companies",),
}


def _article(rng: random.Random, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        n = rng.randint(8, 18)
        s = " ".join(rng.choice(WORDS) for _ in range(n))
        sentences.append(s[0].upper() + s[1:] + ".")
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs)


def _near_copy(rng: random.Random, text: str, changes: int = 2) -> str:
    words = text.split(" ")
    for _ in range(changes):
        i = rng.randrange(len(words))
        words[i] = rng.choice(WORDS)
    return " ".join(words)


def make_corpus(root: Path, shards: int = 6, per_shard: int = 40, seed: int = 7) -> list[Path]:
    """JSONL shards plus a directory of text files; returns the paths to check."""
    rng = random.Random(seed)
    docs: list[list[dict[str, str]]] = [[] for _ in range(shards)]
    n = 0
    for s in range(shards):
        for _ in range(per_shard):
            n += 1
            source = SOURCES[n % len(SOURCES)]
            body = _article(rng, rng.randint(60, 160))
            lines = [body]
            if rng.random() < 0.8:  # the site's template, on most of its pages
                lines = [TEMPLATE[source][0], body, *TEMPLATE[source][1:]]
            if source == "example.com" and rng.random() < 0.5:
                lines.append("The U.S. economy grew while U.S. officials said little.")
            url = f"https://{source}/a/{n}"
            doc = {"id": f"doc-{n}", "title": f"Story {n}", "source": url, "text": "\n".join(lines)}
            docs[s].append(doc)
    # planted across shards: near copies, exact copies (case and spacing), a chain
    first, last = docs[0], docs[-1]
    last[3]["text"] = _near_copy(rng, first[5]["text"])
    last[7]["text"] = first[9]["text"].upper().replace(" ", "  ")
    docs[2][1]["text"] = _near_copy(rng, first[11]["text"])
    docs[4][2]["text"] = _near_copy(rng, docs[2][1]["text"])
    docs[3][0]["text"] = first[5]["text"]
    # one article breaks its source's house style; some per-document damage
    docs[1][4]["source"] = "https://example.com/odd"
    docs[1][4]["text"] += "\nThe USA economy grew while USA officials said little."
    docs[2][5]["text"] = docs[2][5]["text"].replace("said", "saidâ€™s", 1)
    docs[3][6]["text"] += "\nSee the report &amp; the chart &#39;here&#39;."
    # and a blank line and an invalid record, which count in the runner's orders
    paths = []
    for s, shard in enumerate(docs):
        lines = [json.dumps(d) for d in shard]
        if s == 1:
            lines.insert(10, "")
            lines.insert(20, "{not json")
        path = root / f"part-{s:03d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    texts = root / "texts"
    texts.mkdir()
    for i in range(6):
        body = first[5]["text"] if i == 2 else _article(rng, 80)
        (texts / f"story-{i}.txt").write_text(f"Story headline {i}\n\n{body}\n", encoding="utf-8")
    return [*paths, texts]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("corpus")
    paths = make_corpus(root)
    return root, [str(p.relative_to(root)) for p in paths]


@pytest.fixture(scope="module")
def local_report(corpus: tuple[Path, list[str]]) -> str:
    root, paths = corpus
    proc = run_cli("check", *paths, "--format", "json", "--jobs", "2", cwd=root)
    assert proc.returncode == 1, proc.stderr
    return proc.stdout


def _codes(report: str) -> Counter[str]:
    return Counter(d["code"] for d in json.loads(report))


def test_local_report_has_every_kind_of_finding(local_report: str) -> None:
    codes = _codes(local_report)
    # exact and near duplicates, template lines, a source's house style, per-document
    for code in ("NL203", "NL204", "NL304", "NL404", "NL101", "NL301"):
        assert codes[code], (code, codes)
    near = [d for d in json.loads(local_report) if d["code"] == "NL204"]
    assert any(d["path"] == "part-005.jsonl" and "part-000.jsonl" in d["message"] for d in near)


def test_dask_local_cluster_gives_identical_findings(
    corpus: tuple[Path, list[str]], local_report: str
) -> None:
    root, paths = corpus
    proc = run_cli("check", *paths, "--format", "json", "--engine", "dask", "--workers", "2",
                   cwd=root)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == local_report


def test_text_report_identical_too(corpus: tuple[Path, list[str]]) -> None:
    root, paths = corpus
    local = run_cli("check", *paths, "--statistics", cwd=root)
    dask = run_cli("check", *paths, "--statistics", "--engine", "dask", "--workers", "2",
                   cwd=root)  # fmt: skip
    assert (dask.returncode, dask.stdout) == (local.returncode, local.stdout), dask.stderr


def test_sharded_pipeline_on_the_local_engine(corpus: tuple[Path, list[str]]) -> None:
    """The same passes on the process-pool engine: same corpus findings as the runner."""
    from newslint.corpus import CorpusCollector
    from newslint.engines.local import LocalEngine
    from newslint.engines.sharded import ShardedRun
    from newslint.runner import Mode, Runner

    root, paths = corpus
    cwd = os.getcwd()
    os.chdir(root)
    try:
        runner = Runner(Mode(), jobs=1)
        collector = CorpusCollector()
        expected = []
        for result in runner.run([Path(p) for p in paths]):
            collector.add(result.corpus_keys)
            expected.extend(result.diagnostics)
        expected_corpus = collector.finish(runner.project_for(None), runner.documents)
        run = ShardedRun(Runner(Mode(), jobs=1), [Path(p) for p in paths], LocalEngine(2))
        try:
            got = [d for r in run.results() for d in r.diagnostics]
            got_corpus = run.corpus()
        finally:
            run.close()
    finally:
        os.chdir(cwd)
    assert got == expected
    assert got_corpus == expected_corpus
    assert {d.code for d in got_corpus} >= {"NL203", "NL204", "NL304", "NL404"}


# -- a cluster started as a user starts one -------------------------------------------


def _dask(*args: str) -> list[str]:
    exe = shutil.which("dask", path=os.path.dirname(sys.executable))
    return [exe, *args] if exe else [sys.executable, "-m", "dask", *args]


class Cluster:
    def __init__(self, root: Path, workers: int = 2) -> None:
        self.file = root / "scheduler.json"
        env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
        self.scheduler = subprocess.Popen(
            _dask("scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(self.file)),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not self.file.exists() or not self.file.read_text().strip():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = [
            subprocess.Popen(
                _dask(
                    "worker",
                    "--scheduler-file",
                    str(self.file),
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--name",
                    f"w{i}",
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
            for i in range(workers)
        ]

    def close(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


@pytest.fixture
def cluster(tmp_path: Path) -> object:
    c = Cluster(tmp_path)
    yield c
    c.close()


def test_connect_by_scheduler_address(
    corpus: tuple[Path, list[str]], local_report: str, cluster: Cluster, tmp_path: Path
) -> None:
    root, paths = corpus
    work = tmp_path / "work"
    args = ("check", *paths, "--format", "json", "--engine", "dask", "--work-dir", str(work))
    proc = run_cli(*args, "--scheduler", cluster.address, cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == local_report
    # the same through DASK_SCHEDULER_ADDRESS and through the scheduler file; the
    # second run resumes: every shard has its marker, none is checked again
    markers = sorted(work.rglob("*.done"))
    assert len(markers) == 7
    stamps = [m.stat().st_mtime_ns for m in markers]
    proc = run_cli(*args, cwd=root, env={"DASK_SCHEDULER_ADDRESS": cluster.address})
    assert proc.stdout == local_report, proc.stderr
    proc = run_cli(*args, "--scheduler-file", str(cluster.file), cwd=root)
    assert proc.stdout == local_report, proc.stderr
    assert [m.stat().st_mtime_ns for m in markers] == stamps


def test_a_worker_killed_mid_run_changes_nothing(tmp_path: Path) -> None:
    # more shards, so that the run is still going when a worker dies
    big = tmp_path / "big"
    big.mkdir()
    big_paths = [str(p.relative_to(big)) for p in make_corpus(big, shards=24, per_shard=60)]
    expected = run_cli("check", *big_paths, "--format", "json", "--jobs", "2", cwd=big)
    cluster = Cluster(tmp_path)
    try:
        work = tmp_path / "work"
        cmd = [sys.executable, "-m", "newslint", "check", *big_paths, "--format", "json"]
        cmd += ["--engine", "dask", "--scheduler", cluster.address, "--work-dir", str(work)]
        run = subprocess.Popen(cmd, cwd=big, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while len(list(work.rglob("*.done"))) < 2:
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        victim = cluster.workers[0]
        os.killpg(victim.pid, signal.SIGKILL)
        done_when_killed = len(list(work.rglob("*.done")))
        out, err = run.communicate(timeout=240)
        assert victim.wait(timeout=10) is not None
    finally:
        cluster.close()
    assert done_when_killed < 25, "the run ended before the worker was killed"
    assert run.returncode == 1, err.decode()
    assert out.decode() == expected.stdout


# -- what a user gets wrong ---------------------------------------------------------------


def test_options_that_need_the_dask_engine(corpus: tuple[Path, list[str]]) -> None:
    root, paths = corpus
    proc = run_cli("check", *paths, "--scheduler", "tcp://127.0.0.1:1", cwd=root)
    assert proc.returncode == 2
    assert "need --engine dask" in proc.stderr
    proc = run_cli("check", *paths, "--engine", "dask", "--fix", cwd=root)
    assert proc.returncode == 2
    assert "--fix and --diff run with --engine local" in proc.stderr


def test_scheduler_needs_a_work_dir_and_a_reachable_scheduler(
    corpus: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, paths = corpus
    proc = run_cli("check", *paths, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                   cwd=root)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("newslint: error: --work-dir is needed")
    proc = run_cli("check", *paths, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                   "--work-dir", str(tmp_path), cwd=root,
                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})  # fmt: skip
    assert proc.returncode == 2
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_worker_with_another_newslint_is_refused() -> None:
    from newslint.engines import EngineError
    from newslint.engines.dask import DaskEngine, worker_versions

    class FakeClient:
        def wait_for_workers(self, n: int, timeout: float) -> None:
            pass

        def run(self, fn: object) -> dict[str, dict[str, str]]:
            return {
                "tcp://10.0.0.1:4000": worker_versions(),
                "tcp://10.0.0.2:4000": {**worker_versions(), "newslint": "0.0.1"},
            }

    engine = DaskEngine.__new__(DaskEngine)
    engine.client = FakeClient()
    with pytest.raises(EngineError, match=r"tcp://10\.0\.0\.2:4000 runs newslint 0\.0\.1"):
        engine._check_workers("tcp://scheduler:8786")
