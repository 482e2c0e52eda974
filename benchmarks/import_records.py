"""Benchmark: `esmtool import` of a file of 50 state ESM records, as a person runs it.

Builds a record file of 50 records (the three records of
tests/fixtures/import/results-page.txt and the messy ones of messy.txt, repeated with new ESM
numbers), then times the whole command in a fresh process (start-up, catalog, parsing, mapping,
validation, 50 atomic writes and the reports), and the core alone in this process. Target on a
2-core machine: under 1 s for the command. Prints figures; never fails on slowness.

    python benchmarks/import_records.py [--records N]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"


def record_file(folder: Path, n: int) -> Path:
    blocks: list[str] = []
    for name in ("results-page.txt", "messy.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        parts = re.split(r"(?m)^(?=ESM \d)", text)
        blocks += [p.split("This project is supported")[0] for p in parts[1:]]
    out = []
    for i in range(n):
        block = blocks[i % len(blocks)]
        out.append(re.sub(r"^ESM (\d+)\.\d+", rf"ESM \g<1>.{i + 1}", block))
    path = folder / "records.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = record_file(folder, args.records)
        env = {**os.environ, "ESMTOOL_CACHE_DIR": str(folder / "cache")}
        cmd = [sys.executable, "-m", "esmtool", "import", str(path)]
        subprocess.run([*cmd, "-o", str(folder / "warm")], env=env, capture_output=True, check=True)
        start = time.perf_counter()
        r = subprocess.run([*cmd, "-o", str(folder / "out")], env=env, capture_output=True)
        elapsed = time.perf_counter() - start
        written = len(list((folder / "out").iterdir()))
        verdict = "ok" if elapsed < 1.0 and r.returncode == 0 else "SLOWER"
        print(
            f"esmtool import, {args.records} records -> {written} drafts: {elapsed:.3f} s wall "
            f"(target < 1 s: {verdict})"
        )

        from esmtool.catalog import load_catalog
        from esmtool.importers import import_files

        cat = load_catalog(use_env=False)
        start = time.perf_counter()
        (result,) = import_files([str(path)], cat)
        core = time.perf_counter() - start
        print(f"core (read, map, validate) of {len(result.imported)} records: {core:.3f} s")


if __name__ == "__main__":
    main()
