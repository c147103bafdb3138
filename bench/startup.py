"""Start-up cost of ``newslint check`` on one clean file, against ``import click``.

The foundation issue's target: on one clean 3 KB ASCII article, ``newslint check``
costs at most 2x the wall time of ``python -c "import click"`` (medians of
interleaved runs, measured in the same run on the same machine).

    python bench/startup.py [--runs 21] [--file PATH]

The clean article is built from a Reuters-21578 story in ``../shared/data`` (or
``--file``). Runs are interleaved so that machine load affects both sides alike.
The installed newslint package is byte-compiled first, as ``pip install`` does
(an editable install under ``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile
every module from source on every run and measure the compiler, not newslint).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "dupes" / "reuters21578_docs.jsonl"


def clean_article(directory: Path) -> Path:
    """A clean ~3 KB ASCII news article (a real Reuters story, decoded text)."""
    import re

    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"].strip()
            if text.isascii() and 2500 < len(text) < 3500 and not re.search(r"\S  +\S", text):
                path = directory / "clean.txt"
                path.write_text(doc["title"].title() + "\n\n" + text + "\n", encoding="utf-8")
                return path
    raise SystemExit("no suitable article found in " + str(DATA))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise SystemExit(f"{cmd} exited {proc.returncode}: {proc.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--file", type=Path)
    args = parser.parse_args()
    import compileall

    import newslint

    compileall.compile_dir(str(Path(newslint.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        article = args.file or clean_article(Path(tmp))
        newslint = [sys.executable, "-m", "newslint", "check", str(article)]
        click = [sys.executable, "-c", "import click"]
        bare = [sys.executable, "-c", "pass"]
        for cmd in (newslint, click):  # warm the OS cache and newslint's pack cache
            timed(cmd)
        samples: dict[str, list[float]] = {"newslint check": [], "import click": [], "python": []}
        for _ in range(args.runs):
            samples["newslint check"].append(timed(newslint))
            samples["import click"].append(timed(click))
            samples["python"].append(timed(bare))
    med = {k: statistics.median(v) for k, v in samples.items()}
    print(f"file: {article.name if args.file else 'clean Reuters story'}, runs: {args.runs}")
    for name, value in med.items():
        print(f"  {name:<16} median {value * 1000:7.1f} ms")
    ratio = med["newslint check"] / med["import click"]
    print(f"  ratio newslint / import click: {ratio:.2f} (target <= 2.0)")
    sys.exit(0 if ratio <= 2.0 else 1)


if __name__ == "__main__":
    main()
