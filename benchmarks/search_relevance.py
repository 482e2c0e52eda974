"""Search relevance: the share of the relevance cases (tests/search_cases.py) that pass.

Each case is a realistic query with the catalog entries that must rank first or in the top 3.
Prints one line per failing case, then the share that pass. Exit 0 unless a case cannot run.

    python benchmarks/search_relevance.py [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="print every case's top 3")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ESMTOOL_CACHE_DIR"] = tmp
        os.environ.pop("ESMTOOL_CATALOG", None)
        from tests.search_cases import CASES

        from esmtool.catalog import load_catalog
        from esmtool.catalog.search import build_index, run

        catalog = load_catalog(use_env=False)
        index = build_index(catalog)
        passed = 0
        start = time.perf_counter()
        for case in CASES:
            ids = [h.doc.key for h in run(catalog, case.query, index=index).hits]
            wrong = case.failures(ids)
            if not wrong:
                passed += 1
            if wrong or args.verbose:
                mark = "FAIL" if wrong else "ok  "
                print(f"{mark} {case.query!r}: {'; '.join(wrong) or ids[:3]}")
        per_query = (time.perf_counter() - start) / len(CASES) * 1000
    share = passed / len(CASES)
    print(
        f"relevance: {passed}/{len(CASES)} cases pass ({share:.0%}); {per_query:.1f} ms per query"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
