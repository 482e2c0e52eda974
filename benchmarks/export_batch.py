"""Benchmark: batch export in one process, as `esmtool export DRAFT... -o DIR` runs it.

Writes 1,000 draft files (variants of examples/care-coordination.yaml) to a
temporary folder, then times exporting them all to Markdown, and 100 of them
to Word, each into a fresh folder: reading, validating, rendering and
atomically writing every file. Targets on a 2-core machine: under 1.5 s for
the 1,000 Markdown files, under 1 s for the 100 Word files (issue 10; drafts
without actuals: no chart is drawn). Then, for figures only (no target), 100 drafts with
three years of actuals (variants of examples/care-coordination-actuals.yaml) to
Word, each with its turn-the-curve chart (a 300 dpi PNG drawn by matplotlib).
Prints figures; never fails on slowness.

    python benchmarks/export_batch.py [--md N] [--docx N] [--charts N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "care-coordination.yaml"
WITH_ACTUALS = ROOT / "examples" / "care-coordination-actuals.yaml"


def make_drafts(folder: Path, n: int, example: Path = EXAMPLE) -> list[str]:
    base = yaml.safe_load(example.read_text(encoding="utf-8"))
    paths = []
    for i in range(n):
        data = dict(base)
        data["esm"] = {**base["esm"], "id": f"ESM {i // 10 + 1}.{i % 10 + 1}"}
        data["esm"]["baseline"] = {"year": base["esm"]["baseline"]["year"], "value": 30 + i % 10}
        path = folder / f"{example.stem}-{i:04d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(label: str, fn: Callable[[], Any], target: float | None) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    verdict = ""
    if target is not None:
        verdict = f"  (target < {target:g} s: {'PASS' if elapsed < target else 'MISS'})"
    print(f"{label}: {elapsed:.3f} s wall, {cpu:.3f} s CPU{verdict}")
    failures = getattr(result, "failures", [])
    if failures:
        print(f"  {len(failures)} failed, e.g. {failures[0]}", file=sys.stderr)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--md", type=int, default=1000, help="drafts to export to Markdown")
    parser.add_argument("--docx", type=int, default=100, help="drafts to export to Word")
    parser.add_argument(
        "--charts", type=int, default=100, help="drafts with actuals (and a chart) to Word"
    )
    args = parser.parse_args()

    os.environ.setdefault("ESMTOOL_CACHE_DIR", tempfile.mkdtemp(prefix="esmtool-bench-cache-"))
    start = time.perf_counter()
    from esmtool.catalog import load_catalog
    from esmtool.export.batch import export_batch

    catalog = load_catalog(use_env=False)
    print(f"import + load catalog: {time.perf_counter() - start:.3f} s")
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory(prefix="esmtool-bench-") as tmp:
        root = Path(tmp)
        (root / "drafts").mkdir()
        sources = make_drafts(root / "drafts", max(args.md, args.docx))
        for fmt, n, target in (("md", args.md, 1.5), ("docx", args.docx, 1.0)):
            if n <= 0:
                continue
            out = root / f"out-{fmt}"
            out.mkdir()
            timed(
                f"export {n:,} drafts to {fmt}",
                lambda fmt=fmt, n=n, out=out: export_batch(sources[:n], catalog, fmt, out),
                target,
            )
            written = len(list(out.iterdir()))
            if written != n:
                print(f"  expected {n} files, found {written}", file=sys.stderr)
        if args.charts > 0:
            (root / "actuals").mkdir()
            with_actuals = make_drafts(root / "actuals", args.charts, WITH_ACTUALS)
            out = root / "out-charts"
            out.mkdir()
            timed(
                f"export {args.charts:,} drafts with actuals and a chart to docx",
                lambda: export_batch(with_actuals, catalog, "docx", out),
                None,
            )
        # the parts of the Markdown run, for finding what got slower
        from esmtool.checks import check_draft
        from esmtool.export import render
        from esmtool.export.batch import load_draft

        n = args.md
        start = time.perf_counter()
        drafts = [load_draft(s, catalog) for s in sources[:n]]
        loading = time.perf_counter() - start
        start = time.perf_counter()
        for d in drafts:
            check_draft(d, catalog)
        checking = time.perf_counter() - start
        start = time.perf_counter()
        for d in drafts:
            render(d, catalog, "md")
        rendering = time.perf_counter() - start
        # (a built-in document without --include review does not run the checks)
        print(
            f"  of which (serially, no writes): reading + validating {loading:.3f} s, "
            f"rendering {rendering:.3f} s; esmtool check on its own: {checking:.3f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
