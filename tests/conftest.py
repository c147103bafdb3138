from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "venezuela-2019.txt"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def run_cli(
    *args: str,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real command line (``python -m newslint``) in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NEWSLINT_CONFIG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def pack_patterns() -> list[str]:
    """Every ``pattern`` of the built-in rule packs (real regexes for property tests)."""
    out = []
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in spec.get("entries") or []:
            if isinstance(entry, dict) and isinstance(entry.get("pattern"), str):
                out.append(entry["pattern"])
    return out
