"""Worksheet browser figures: the gzipped size of the scripts and styles every page loads, and how
long a page takes to restore the saved answers of a 40-field worksheet in headless Chromium
(median of 20 loads).

    .venv/bin/python bench/worksheets_bench.py [--loads 20]

Targets: the worksheet form's own worksheets.js + worksheets.css <= 12 KB gzipped; everything
comeback adds to a page (the form, progress, the plan, the data panel, the calendar file) <= 32 KB
gzipped, less than Material's own script bundle (about 34 KB); restore <= 30 ms median.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from comeback.browser import ASSETS_DIR  # noqa: E402
from conftest import CHROMIUM_FLAGS, build_site, chromium_path, start_server  # noqa: E402

SIZE_TARGET = 12 * 1024
ALL_TARGET = 32 * 1024
RESTORE_TARGET_MS = 30.0
TYPES = ["text", "long-text", "list", "table", "scale", "choice", "checklist", "date", "tracker", "matrix"]


def field(index: int, kind: str) -> dict[str, Any]:
    base: dict[str, Any] = {"id": f"f{index}", "type": kind, "label": f"Question {index} ({kind})"}
    options = [{"id": f"o{n}", "label": f"Option {n}"} for n in range(1, 5)]
    extra: dict[str, dict[str, Any]] = {
        "list": {"rows": 3},
        "table": {"columns": [{"id": "a", "label": "Who"}, {"id": "b", "label": "What"}], "rows": 3},
        "scale": {"min_label": "Low", "max_label": "High"},
        "choice": {"options": options},
        "checklist": {"options": options},
        "tracker": {"items": options[:3], "days": 7},
        "matrix": {
            "criteria": [{"id": "c1", "label": "Pay", "weight": 3}, {"id": "c2", "label": "Joy", "weight": 5}],
            "rows": 3,
        },
    }
    return {**base, **extra.get(kind, {})}


def answer(kind: str) -> Any:
    return {
        "text": "A short answer",
        "long-text": "A longer answer\nover two lines",
        "list": ["one", "two", "three", "four"],
        "table": [
            {"a": "Sam", "b": "Advice"},
            {"a": "Priya", "b": "An intro"},
            {"a": "", "b": ""},
            {"a": "Lee", "b": "Lunch"},
        ],
        "scale": 7,
        "choice": "o2",
        "checklist": ["o1", "o3"],
        "date": "2025-03-14",
        "tracker": {"o1": [1, 2, 5], "o2": [3], "o3": []},
        "matrix": [{"name": "Stay", "scores": {"c1": 4, "c2": 2}}, {"name": "Move", "scores": {"c1": 5, "c2": 4}}],
    }[kind]


def worksheet(count: int = 40) -> tuple[dict[str, Any], dict[str, Any]]:
    fields = [field(i, TYPES[i % len(TYPES)]) for i in range(count)]
    sections = [{"title": f"Part {n + 1}", "fields": fields[n * 10 : n * 10 + 10]} for n in range(count // 10)]
    data = {"id": "bench", "title": "Forty questions", "version": 1, "minutes": 40, "sections": sections}
    answers = {f["id"]: answer(f["type"]) for f in fields}
    return data, answers


def asset_sizes() -> dict[str, int]:
    """Each shipped script and stylesheet, gzipped on its own (as a server sends it)."""
    return {
        path.name: len(gzip.compress(path.read_bytes(), 9))
        for path in sorted(ASSETS_DIR.iterdir())
        if path.suffix in (".js", ".css")
    }


def restore_times(loads: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    data, answers = worksheet()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        server = start_server(root / "site")
        (root / "worksheets").mkdir()
        (root / "content").mkdir()
        (root / "worksheets" / "bench.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
        (root / "content" / "index.md").write_text("# Bench\n\n::worksheet[bench]\n", encoding="utf-8")
        config = {
            "site_name": "Bench",
            "site_url": server.base_url,
            "docs_dir": "content",
            "theme": {"name": "material", "font": False},
            "plugins": ["comeback/worksheets"],
        }
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        built = build_site(root)
        if not built.ok:
            raise SystemExit(f"the bench site does not build: {built.error}")
        stored = {
            "worksheet": "bench",
            "version": 1,
            "saved": "2025-01-01T00:00:00.000Z",
            "answers": answers,
            "archived": {},
        }
        restore, since_response = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(server.base_url)
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", ["comeback:comeback:ws:bench", json.dumps(stored)])
            for _ in range(loads + 1):  # the first load warms the caches and is not counted
                page.reload()
                page.wait_for_selector("form.ws[data-ws-ready]")
                init, restored, response_end = page.evaluate(
                    """() => [performance.getEntriesByName('comeback:init')[0].startTime,
                              performance.getEntriesByName('comeback:restored')[0].startTime,
                              performance.getEntriesByType('navigation')[0].responseEnd]"""
                )
                restore.append(restored - init)
                since_response.append(restored - response_end)
            if (
                page.input_value("#ws-bench-f30") != "A short answer"
                or page.locator("#ws-bench-f9--r2--total").text_content() != "35"
            ):
                raise SystemExit("the answers were not restored")
            browser.close()
        server.stop()
    return restore[1:], since_response[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20)
    loads = parser.parse_args().loads

    sizes = asset_sizes()
    for name, size in sizes.items():
        print(f"{name:16} {size / 1024:6.2f} KB gzipped")
    form = sizes["worksheets.js"] + sizes["worksheets.css"]
    everything = sum(sizes.values())
    ok_size = form <= SIZE_TARGET and everything <= ALL_TARGET
    for label, size, target in (("the form", form, SIZE_TARGET), ("everything", everything, ALL_TARGET)):
        verdict = "ok" if size <= target else "OVER"
        print(f"{label:16} {size / 1024:6.2f} KB gzipped (target <= {target // 1024} KB: {verdict})")

    restore, since_response = restore_times(loads)
    median = statistics.median(restore)
    ok_time = median <= RESTORE_TARGET_MS
    print(
        f"restore 40 fields, median of {loads} loads: {median:.1f} ms (min {min(restore):.1f}, max {max(restore):.1f};"
        f" target <= {RESTORE_TARGET_MS:.0f} ms: {'ok' if ok_time else 'OVER'})"
    )
    print(f"from the page's response end to restored answers, median: {statistics.median(since_response):.1f} ms")
    raise SystemExit(0 if ok_size and ok_time else 1)


if __name__ == "__main__":
    main()
