"""Benchmark: state plans, and the memory of checking many drafts.

- `plan check` over one plan of 600 drafts (the whole country: about 59 jurisdictions × 10
  ESMs), in one process: reading, validating and reviewing every draft, then the plan rules.
  Target: under 2 s on the 2-core machine.
- A 20-ESM plan exported to Word and to Excel (in one process). Target: under 3 s each.
- Peak memory (RSS) of `esmtool check --format json` over 1,000 and 10,000 drafts, each in a
  fresh process: it should stay flat as the number of drafts grows (results are streamed).

Drafts are variants of examples/care-coordination.yaml with their own wording (so caches of
repeated text do not flatter the figures). Prints figures; never fails on slowness.

    python benchmarks/plan.py [--plan N] [--export N] [--rss N,N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "care-coordination.yaml"
NPMS = {
    "postpartum-visit": "postpartum-visit-07",
    "medical-home-personal": "medical-home-personal-01",
    "breastfeeding": "4-2",
    "developmental-screening": "developmental-screening-02",
    "adolescent-well-visit": "adolescent-well-visit-06",
    "transition": "12-4",
}
PLACES = ["Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Mountain", "River"]


def make_drafts(folder: Path, n: int, *, vary_npm: bool) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    codes = list(NPMS)
    paths = []
    for i in range(n):
        place = f"{PLACES[i % len(PLACES)]} region {i}"
        data: dict[str, Any] = dict(base)
        if vary_npm:
            data["npm"] = codes[i % len(codes)]
            data["strategy"] = NPMS[data["npm"]]
        esm = dict(base["esm"])
        esm["id"] = f"ESM {i // 10 + 1}.{i % 10 + 1}"
        esm["title"] = esm["title"] + f" in the {place}"
        esm["numerator"] = esm["numerator"] + f" in the {place}"
        esm["denominator"] = esm["denominator"] + f" in the {place}"
        esm["baseline"] = {"year": 2025, "value": 30 + i % 40}
        data["esm"] = esm
        data["measures"] = [{**m, "text": m["text"] + f" in the {place}"} for m in base["measures"]]
        path = folder / f"d{i:05d}.yaml"
        path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False), encoding="utf-8")
        paths.append(path.name)
    return paths


def write_plan(folder: Path) -> Path:
    plan = {
        "schema": "esmtool.plan/1",
        "state": "Benchmark State",
        "npms": list(NPMS),
        "drafts": ["drafts/"],
    }
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    return path


def bench_plan_check(root: Path, n: int, catalog: Any) -> None:
    from esmtool.plan.check import PlanCheck
    from esmtool.plan.model import read_plan

    folder = root / f"plan-{n}"
    make_drafts(folder / "drafts", n, vary_npm=True)
    path = write_plan(folder)
    start, cpu = time.perf_counter(), time.process_time()
    check = PlanCheck(read_plan(path), catalog)
    for _ in check.drafts():
        pass
    report = check.result()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    verdict = "PASS" if elapsed < 2.0 else "MISS"
    print(
        f"plan check, {n} drafts in one plan: {elapsed:.3f} s wall, {cpu:.3f} s CPU "
        f"({len(check.esms)} checked, {len(report.findings)} plan findings) "
        f"(target < 2 s: {verdict})"
    )


def bench_plan_export(root: Path, n: int, catalog: Any) -> None:
    from esmtool.plan.export import render_plan
    from esmtool.plan.model import read_plan

    folder = root / f"export-{n}"
    make_drafts(folder / "drafts", n, vary_npm=True)
    loaded = read_plan(write_plan(folder))
    for fmt in ("docx", "xlsx"):
        start, cpu = time.perf_counter(), time.process_time()
        result = render_plan(loaded, catalog, fmt)
        (folder / f"plan.{fmt}").write_bytes(result.payload)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        verdict = "PASS" if elapsed < 3.0 else "MISS"
        size = len(result.payload) // 1024
        print(
            f"plan export, {n} ESMs to {fmt}: {elapsed:.3f} s wall, {cpu:.3f} s CPU, {size} KiB "
            f"(target < 3 s: {verdict})"
        )


def peak_rss_of_check(root: Path, n: int) -> None:
    folder = root / f"check-{n}"
    names = make_drafts(folder, n, vary_npm=False)
    cmd = [sys.executable, "-m", "esmtool", "check", "--format", "json", *names]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(
        f"esmtool check, {n:,} drafts: peak RSS {usage.ru_maxrss / 1024:.0f} MB, "
        f"{elapsed:.2f} s wall (exit {code})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=int, default=600, help="drafts in the checked plan")
    parser.add_argument("--export", type=int, default=20, help="ESMs in the exported plan")
    parser.add_argument(
        "--rss", default="1000,10000", help="draft counts for the peak-RSS runs of check"
    )
    args = parser.parse_args()
    os.environ.setdefault("ESMTOOL_CACHE_DIR", tempfile.mkdtemp(prefix="esmtool-bench-cache-"))
    from esmtool.catalog import load_catalog

    catalog = load_catalog(use_env=False)
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="esmtool-bench-plan-") as tmp:
        root = Path(tmp)
        if args.plan > 0:
            bench_plan_check(root, args.plan, catalog)
        if args.export > 0:
            bench_plan_export(root, args.export, catalog)
        for n in (int(x) for x in args.rss.split(",") if x.strip()):
            peak_rss_of_check(root, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
