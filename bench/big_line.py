"""A 1 GiB single-line JSONL record and a 1 GiB text file: skipped with a message,
in bounded memory (issue 9).

    python bench/big_line.py [--gib 1]

Prints the wall time and peak RSS of `newslint check` on both files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=1.0)
    args = parser.parse_args()
    size = int(args.gib * 2**30)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "huge.jsonl"
        with jsonl.open("wb") as fh:
            fh.write(b'{"id": "ok", "text": "It#39;s fine."}\n{"id": "huge", "text": "')
            chunk = b"x" * 2**20
            for _ in range(size // len(chunk)):
                fh.write(chunk)
            fh.write(b'"}\n{"id": "after", "text": "Don39;t stop."}\n')
        text = Path(tmp) / "huge.txt"
        text.symlink_to(jsonl)
        cmd = ["/usr/bin/time", "-f", "%e s, %M KiB peak RSS", sys.executable, "-m", "newslint",
               "check", str(jsonl), str(text)]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True)
        print(proc.stdout)
        print(proc.stderr.strip().splitlines()[-1], f"(exit {proc.returncode})")


if __name__ == "__main__":
    main()
