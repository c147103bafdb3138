"""Fuzz the input readers, the configuration loader and the rule-pack loader.

    python bench/fuzz.py [--seconds 600] [--target readers|config|packs|all]

A hypothesis-driven campaign (no native fuzzer needed). Every input must end in
a result or a clean, one-line error of the documented kind - never an unexpected
exception. A crashing input is saved to tests/fuzz_corpus/<target>-<hash>.bin;
tests/test_fuzz_corpus.py replays every saved input on each test run, so a bug
found once stays fixed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import traceback
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fuzz_corpus"
sys.path.insert(0, str(CORPUS.parent))

from fuzz_targets import TARGETS  # noqa: E402


def save(target: str, data: bytes) -> Path:
    CORPUS.mkdir(exist_ok=True)
    path = CORPUS / f"{target}-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    return path


def main() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--target", default="all", choices=["all", *TARGETS])
    args = parser.parse_args()
    names = list(TARGETS) if args.target == "all" else [args.target]
    deadline = time.monotonic() + args.seconds
    crashes = 0
    rounds = 0

    def campaign(name: str) -> int:
        target, strategy = TARGETS[name]
        found = 0

        @settings(max_examples=500, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(strategy(st))
        def run(data: bytes) -> None:
            nonlocal found
            try:
                target(data)
            except Exception:
                found += 1
                path = save(name, data)
                print(f"CRASH in {name}: saved {path}\n{traceback.format_exc()}")

        run()
        return found

    while time.monotonic() < deadline:
        for name in names:
            crashes += campaign(name)
        rounds += 1
    print(f"{rounds} rounds over {', '.join(names)}; {crashes} crashing inputs saved")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
