"""axe-core, run the way every test of the suite runs it: injected once a page, WCAG 2.2 A and AA
rules only, in the light and then the dark palette (switched as a visitor does, with Material's
toggle), reporting violations only."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PALETTES = ("default", "slate")
TOGGLE = "form[data-md-component=palette] label:not([hidden])"


@cache
def _axe() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page: Page, *, include: str | None = None, passes: bool = False) -> dict[str, Any]:
    """axe's results for the page as it is now (or for the elements `include` selects)."""
    if not page.evaluate("typeof window.axe != 'undefined'"):
        page.evaluate(_axe())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations", *(["passes"] * passes)]}
    context = json.dumps({"include": [[include]]}) if include else "document"
    results: dict[str, Any] = page.evaluate(f"axe.run({context}, {json.dumps(options)})")
    return results


def violations(results: dict[str, Any]) -> list[str]:
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:160]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def scan(page: Page, url: str) -> dict[str, list[str]]:
    """The violations on the page at `url`, by palette ("default: ...", "slate: ..."), loaded once."""
    page.emulate_media(color_scheme="light")
    page.goto(url)
    if page.locator("form.ws").count():
        page.wait_for_selector("form.ws[data-ws-ready]")
    found: dict[str, list[str]] = {}
    for palette in PALETTES:
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != palette:
            # The toggle's own input, as a click on it checks it: a pointer over the button would also
            # show its tooltip, fading in while axe measures its contrast.
            page.evaluate(f"document.querySelector({json.dumps(TOGGLE)}).control.click()")
            page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') == '{palette}'")
        if problems := violations(run_axe(page)):
            found[palette] = problems
    return found


def scan_pages(page: Page, base_url: str, paths: list[str]) -> dict[str, dict[str, list[str]]]:
    """Every violation on each page, in both palettes: {} when there is none."""
    return {path or "/": found for path in paths if (found := scan(page, base_url + path))}
