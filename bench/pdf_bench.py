"""How much the PDFs cost a build of the real course. Prints figures and ratios; not a test.

    .venv/bin/python bench/pdf_bench.py [--runs N]

Each build is a whole `mkdocs build --strict` in its own process, timed by the wall clock (the best
of N runs, the machine being shared), into a throwaway site directory:

    plain        PDFs off (COMEBACK_PDF=0)                                   the yardstick
    cold         every PDF rendered, the PDF cache emptied first             target <= 6x plain
    warm         nothing changed since the last build                        target <= 1.3x plain
    one sheet    one worksheet's text changed (a new word in a label)        target <= 2.5x plain
    comment      a comment appended to that worksheet's YAML (no output changes)

The worksheet is restored afterwards, and the cache rebuilt for it. Uses the project's cache
directory (.cache/comeback-pdf), so it leaves the cache warm for the course as it is.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "comeback-pdf"
WORKSHEET = ROOT / "worksheets" / "goal-ladder.yml"
TARGETS = {"cold": 6.0, "warm": 1.3, "one sheet": 2.5}
STATS = re.compile(r"comeback/pdf: (rendered \d+ PDFs, \d+ from cache)")


def build(site_dir: Path, *, pdfs: bool = True) -> tuple[float, str]:
    """Seconds one `mkdocs build` takes, and what the PDF plugin said it did."""
    env = {**os.environ, "COMEBACK_PDF": "1" if pdfs else "0", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    said = STATS.search(done.stderr)
    return seconds, said.group(1) if said else "no PDFs"


def best(runs: int, setup: Callable[[int], object], site_dir: Path, **options: bool) -> tuple[float, str]:
    results = []
    for run in range(runs):
        setup(run)
        results.append(build(site_dir, **options))
    return min(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the best counts)")
    runs = parser.parse_args().runs
    original = WORKSHEET.read_text(encoding="utf-8")

    def nothing(_run: int) -> None:
        pass

    def empty_cache(_run: int) -> None:
        shutil.rmtree(CACHE, ignore_errors=True)

    def new_label(run: int) -> None:
        # A real change: the label of the worksheet's first field gets one more word each run.
        changed, count = re.subn(r"(\n        label: )([^\n]+)", rf"\1\2 (bench {run + 1})", original, count=1)
        assert count == 1, f"no label found in {WORKSHEET}"
        WORKSHEET.write_text(changed, encoding="utf-8")

    def comment(run: int) -> None:
        WORKSHEET.write_text(original + f"# bench {run + 1}\n", encoding="utf-8")

    figures: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory(prefix="comeback-bench-") as temporary:
        site = Path(temporary) / "site"
        try:
            figures["plain"] = best(runs, nothing, site, pdfs=False)
            figures["cold"] = best(runs, empty_cache, site)
            figures["warm"] = best(runs, nothing, site)
            figures["one sheet"] = best(runs, new_label, site)
            WORKSHEET.write_text(original, encoding="utf-8")
            build(site)  # back in step, so that the comment is the only change
            figures["comment"] = best(runs, comment, site)
        finally:
            WORKSHEET.write_text(original, encoding="utf-8")
            build(site)  # the cache back in step with the course as it is
        sizes = sorted((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.pdf"))

    plain = figures["plain"][0]
    print(f"comeback/pdf benchmark: the real course, best of {runs} runs, {os.cpu_count()} cores\n")
    print(f"{'build':<11} {'seconds':>8} {'x plain':>8} {'target':>8}   PDF plugin")
    for name, (seconds, said) in figures.items():
        target = f"<= {TARGETS[name]}" if name in TARGETS else ""
        verdict = "" if name not in TARGETS else ("  ok" if seconds / plain <= TARGETS[name] else "  MISSED")
        print(f"{name:<11} {seconds:8.2f} {seconds / plain:8.2f} {target:>8}   {said}{verdict}")
    print(f"\n{len(sizes)} PDFs, {sum(size for size, _ in sizes) / 1024:.0f} KB in all:")
    for size, path in sizes:
        print(f"  {size / 1024:8.1f} KB  {path}")


if __name__ == "__main__":
    main()
