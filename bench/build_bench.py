"""What publishing the whole course costs: one `comeback build` (the learner edition, the facilitator
edition, the copy for a folder, the SCORM package, every PDF) against a plain learner build without
PDFs. Prints figures and ratios measured in one run; not a test.

    .venv/bin/python bench/build_bench.py [--runs N]

Each build runs in its own process, timed by the wall clock (the best of N runs, the machine being
shared), in a copy of the course in a temporary folder, so the project's own caches are untouched:

    plain   `mkdocs build --strict`, PDFs off (COMEBACK_PDF=0)            the yardstick
    cold    `comeback build`, nothing cached: every PDF rendered           target <= 4x plain
    warm    `comeback build` again, nothing changed: the last site put back  target <= 1.5x plain
    edited  `comeback build` after one lesson changed: every build runs, the PDFs of that lesson
            (its handout, the workbook, the guide, the packs that hold it) are rendered again
    check   `comeback check`                                              target < 3 s
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGETS = {"cold": 4.0, "warm": 1.5}
SOURCES = ("content", "worksheets", "sessions", "overrides", "mkdocs.yml")


def timed(command: list[str], project: Path, **environment: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment}
    env.pop("SITE_URL", None)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return seconds


def copy_course(folder: Path) -> Path:
    project = folder / "course"
    project.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy(source, project / name)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each build; the best counts (default 3)")
    args = parser.parse_args()
    url = ["--site-url", "https://example.org/comeback/"]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="comeback-bench-") as folder:
        project = copy_course(Path(folder))
        plain = [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(Path(folder) / "plain")]
        figures["plain"] = min(timed(plain, project, COMEBACK_PDF="0") for _ in range(args.runs))
        colds = []
        for _ in range(args.runs):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            colds.append(timed([str(BIN / "comeback"), "build", "-q", *url], project))
        figures["cold"] = min(colds)
        figures["warm"] = min(timed([str(BIN / "comeback"), "build", "-q", *url], project) for _ in range(args.runs))
        lesson = next((project / "content/lessons").glob("*.md"))
        edits = []
        for run in range(args.runs):
            lesson.write_text(
                lesson.read_text(encoding="utf-8") + f"\nA line written since ({run}).\n", encoding="utf-8"
            )
            edits.append(timed([str(BIN / "comeback"), "build", "-q", *url], project))
        figures["edited"] = min(edits)
        figures["check"] = min(timed([str(BIN / "comeback"), "check"], project) for _ in range(args.runs))
    print(f"{'build':<8}{'seconds':>9}{'x plain':>10}{'target':>10}")
    for name, seconds in figures.items():
        ratio = seconds / figures["plain"]
        target = f"<= {TARGETS[name]:g}x" if name in TARGETS else "< 3 s" if name == "check" else ""
        met = (
            ""
            if not target
            else " ok"
            if (ratio <= TARGETS.get(name, 99) and (name != "check" or seconds < 3))
            else " MISSED"
        )
        print(f"{name:<8}{seconds:>9.2f}{ratio:>9.2f}x{target:>10}{met}")


if __name__ == "__main__":
    main()
