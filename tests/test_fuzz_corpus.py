"""Replay every input the fuzzing campaign (bench/fuzz.py) ever saved, plus a short
campaign on each run, so a crash found once stays fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_targets import TARGETS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).parent / "fuzz_corpus"
SAVED = sorted(CORPUS.glob("*.bin"))


@pytest.mark.parametrize("path", SAVED, ids=[p.name for p in SAVED])
def test_saved_crash_inputs(path: Path) -> None:
    target, _ = TARGETS[path.name.split("-", 1)[0]]
    target(path.read_bytes())


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_short_campaign(name: str) -> None:
    target, strategy = TARGETS[name]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy(st))
    def run(data: bytes) -> None:
        target(data)

    run()
