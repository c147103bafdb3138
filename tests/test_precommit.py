"""End-to-end test of ``.pre-commit-hooks.yaml`` with the real ``pre-commit``.

Each test makes a throwaway git repository holding an article excerpt and runs
``pre-commit try-repo`` on it, exactly as a user trying the hooks would. The
hook repository is a snapshot of *this* working tree (tracked and untracked
files, minus what ``.gitignore`` excludes) committed once per module, so the
test checks the code as it is now, not the last commit.

Why a snapshot rather than ``try-repo`` on the checkout itself: ``try-repo``'s
own shadow commit of a dirty tree takes only tracked files (``git add -u``), so
a new, not yet added file, such as the hook manifest or a new rule module,
would be missing from what gets installed.

Note that ``try-repo`` installs the hook environment into its own temporary
store on every call (it does not reuse ``PRE_COMMIT_HOME``); with a warm pip
cache that costs a few seconds per call, so the tests keep the calls few.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]

# Verbatim lines of ../shared/data/seed/venezuela-2019.txt (= examples/venezuela-2019.txt):
# line 1 (the headline), line 3 (entity debris), line 5 (the headline again)
# and the last line (boilerplate, with no final newline, as in the seed).
HEADLINE = (
    "Venezuela's Juan Guaido urges military uprising to topple socialist leader Nicolas Maduro"
)
DEBRIS_LINE = "39;Venezuela confronting coup attempt of soldier group'"
REPAIRED_LINE = "'Venezuela confronting coup attempt of soldier group'"
DAMAGED = f"{HEADLINE}\n\n{DEBRIS_LINE}\n\n{HEADLINE}\n\nLatest News"

# Clean paragraphs of the same seed article (lines 11, 13 and 23).
CLEAN_TXT = (
    "Detained in 2014 for leading a previous round of anti-government unrest, Lopez said he"
    " had been released from house arrest by security forces adhering to an order from"
    " Guaido.\n"
    "\n"
    'Pompeo added that Washington had been told in recent weeks by "senior leaders" within'
    " the Venezuelan government that they would defect in the event of an uprising.\n"
)
CLEAN_MD = (
    "# Guaido said he was at the Caracas airbase La Carlota.\n"
    "\n"
    "Germany is one of 54 countries to recognize Guaido's role as interim president and"
    " called for new elections, but it has not declared Maduro's presidency invalid.\n"
)

TIMEOUT = 300  # seconds per pre-commit call: generous, for a cold pip cache


def _find_pre_commit() -> str | None:
    """The ``pre-commit`` installed next to this Python, else the one on PATH."""
    bindir = Path(sys.executable).parent
    for name in ("pre-commit", "pre-commit.exe"):
        candidate = bindir / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("pre-commit")


PRE_COMMIT = _find_pre_commit()
GIT = shutil.which("git")

if PRE_COMMIT is None:
    pytest.skip(
        "the pre-commit executable is not installed (neither next to "
        f"{sys.executable} nor on PATH); install newslint[dev]",
        allow_module_level=True,
    )
if GIT is None:
    pytest.skip("git is not installed; pre-commit needs it", allow_module_level=True)


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without variables that would point git or newslint elsewhere."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "NEWSLINT_CONFIG"
    }
    env.update(extra)
    return env


def _git(*args: str, cwd: Path) -> str:
    proc = subprocess.run(
        [str(GIT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=60,
    )
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def _init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _git("init", "-q", cwd=path)
    _git("config", "user.name", "newslint tests", cwd=path)
    _git("config", "user.email", "tests@newslint.invalid", cwd=path)
    _git("config", "commit.gpgsign", "false", cwd=path)


def _working_tree_files(root: Path) -> list[str]:
    """Files of the working tree that git would not ignore (tracked or not)."""
    try:
        out = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=root)
    except AssertionError:
        out = None
    if out is not None:
        return sorted({p for p in out.split("\0") if p and (root / p).is_file()})
    # not a git checkout (an unpacked sdist, say): take everything but build debris
    junk = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".newslint",
            ".mypy_cache", ".ruff_cache", ".pytest_cache"}  # fmt: skip
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and not junk.intersection(p.relative_to(root).parts)
        and not p.name.endswith((".pyc", ".egg-info"))
    )


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME for the module, so nothing touches the user's cache."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A one-commit git repository holding the current working tree; (path, commit)."""
    assert (REPO / ".pre-commit-hooks.yaml").is_file(), "the hook manifest is missing"
    snapshot = tmp_path_factory.mktemp("newslint-snapshot")
    for rel in _working_tree_files(REPO):
        target = snapshot / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    _init_repo(snapshot)
    _git("add", "-A", cwd=snapshot)
    _git("commit", "-q", "--no-verify", "-m", "snapshot of the working tree", cwd=snapshot)
    return snapshot, _git("rev-parse", "HEAD", cwd=snapshot).strip()


@pytest.fixture(scope="module")
def rule_codes() -> dict[str, str]:
    """Rule name -> code, from the newslint under test (codes are not repeated here)."""
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "rules", "--format", "json"],
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return {row["name"]: row["code"] for row in json.loads(proc.stdout)}


@pytest.fixture
def work_repo(tmp_path: Path) -> Iterator[Path]:
    """A fresh git repository with a damaged and a clean article, staged."""
    work = tmp_path / "articles"
    _init_repo(work)
    (work / "damaged.txt").write_bytes(DAMAGED.encode("utf-8"))
    (work / "clean.txt").write_bytes(CLEAN_TXT.encode("utf-8"))
    (work / "clean.md").write_bytes(CLEAN_MD.encode("utf-8"))
    # damaged too, but not a .txt or .md file: the hooks must leave it alone
    (work / "damaged.csv").write_bytes(DAMAGED.encode("utf-8"))
    _git("add", "-A", cwd=work)
    yield work


def _try_repo(
    work: Path,
    hook_repo: tuple[Path, str],
    home: Path,
    hook: str,
    *files: str,
) -> subprocess.CompletedProcess[str]:
    repo, rev = hook_repo
    cmd = [
        str(PRE_COMMIT), "try-repo", str(repo), hook, "--ref", rev,
        "--verbose", "--color", "never", "--files", *files,
    ]  # fmt: skip
    proc = subprocess.run(
        cmd,
        cwd=work,
        capture_output=True,
        text=True,
        env=_clean_env(PRE_COMMIT_HOME=str(home)),
        timeout=TIMEOUT,
    )
    # pre-commit writes the hook's report to stdout; keep stderr too for messages
    proc.stdout = f"{proc.stdout}{proc.stderr}"
    return proc


def test_check_hook_fails_on_damaged_article(
    work_repo: Path,
    hook_repo: tuple[Path, str],
    precommit_home: Path,
    rule_codes: dict[str, str],
) -> None:
    before = (work_repo / "damaged.txt").read_bytes()
    proc = _try_repo(work_repo, hook_repo, precommit_home, "newslint", "damaged.txt", "damaged.csv")
    out = proc.stdout
    assert proc.returncode == 1, out
    assert "- hook id: newslint\n" in out, out
    assert "Failed" in out, out
    assert "- exit code: 1\n" in out, out  # problems found, not a usage or input error (2)
    for line, rule in ((3, "entity-debris"), (5, "duplicate-headline"), (7, "boilerplate")):
        assert f"damaged.txt:{line}:1: {rule_codes[rule]} [{rule}]" in out, out
    assert "damaged.csv" not in out, out  # filtered out by the hook's `files`
    # the check hook reports; it never writes
    assert (work_repo / "damaged.txt").read_bytes() == before


def test_check_hook_passes_on_clean_articles(
    work_repo: Path, hook_repo: tuple[Path, str], precommit_home: Path
) -> None:
    proc = _try_repo(work_repo, hook_repo, precommit_home, "newslint", "clean.txt", "clean.md")
    assert proc.returncode == 0, proc.stdout
    assert "Passed" in proc.stdout, proc.stdout
    assert (work_repo / "clean.txt").read_bytes() == CLEAN_TXT.encode("utf-8")
    assert (work_repo / "clean.md").read_bytes() == CLEAN_MD.encode("utf-8")


def test_fix_hook_repairs_damaged_article(
    work_repo: Path, hook_repo: tuple[Path, str], precommit_home: Path
) -> None:
    damaged = work_repo / "damaged.txt"

    first = _try_repo(
        work_repo, hook_repo, precommit_home, "newslint-fix", "damaged.txt", "damaged.csv"
    )
    assert first.returncode == 1, first.stdout  # pre-commit fails a hook that changed files
    assert "- hook id: newslint-fix\n" in first.stdout, first.stdout
    assert "- files were modified by this hook" in first.stdout, first.stdout

    fixed = damaged.read_text(encoding="utf-8")
    assert "39;" not in fixed, fixed
    assert REPAIRED_LINE in fixed.splitlines(), fixed
    assert fixed.count(HEADLINE) == 1 and fixed.startswith(HEADLINE + "\n"), fixed
    assert "Latest News" not in fixed, fixed
    # nothing but the damage went: the two remaining paragraphs, in order
    assert [line for line in fixed.splitlines() if line.strip()] == [HEADLINE, REPAIRED_LINE]
    # the file had no final newline; the fix must not add one
    assert not fixed.endswith("\n"), repr(fixed)
    # not a .txt or .md file: untouched
    assert (work_repo / "damaged.csv").read_bytes() == DAMAGED.encode("utf-8")

    fixed_bytes = damaged.read_bytes()
    second = _try_repo(work_repo, hook_repo, precommit_home, "newslint-fix", "damaged.txt")
    assert second.returncode == 0, second.stdout
    assert "Passed" in second.stdout, second.stdout
    assert damaged.read_bytes() == fixed_bytes

    # and the fixed file now passes the check hook as well
    check = _try_repo(work_repo, hook_repo, precommit_home, "newslint", "damaged.txt")
    assert check.returncode == 0, check.stdout
    assert damaged.read_bytes() == fixed_bytes
