"""The accessibility statement (content/accessibility.md) says only what the test suite does: each
way of testing it names is one the suite runs, and the browsers it names are the ones the browser
tests drive. Read from the sources and the suite itself, with no build."""

from __future__ import annotations

import inspect
import re

import pytest

import accessibility
import test_firefox
import test_html_valid
import test_pdf
import test_webkit
import test_worksheet_browser
from conftest import REPO

STATEMENT = REPO / "content" / "accessibility.md"
# pytest-playwright's names for the browsers it can drive, as the statement names them (Debian ships
# Firefox as its ESR).
BROWSER_NAMES = {"chromium": "Chromium", "firefox": "Firefox ESR", "webkit": "WebKit"}


def statement() -> str:
    return STATEMENT.read_text(encoding="utf-8")


def how_it_is_tested() -> str:
    found = re.search(r"^## How it is tested\n(.*?)^## ", statement(), re.M | re.S)
    assert found, "content/accessibility.md should have a section '## How it is tested'"
    return found[1]


def test_the_browsers_it_names_are_the_ones_the_browser_tests_drive(pytestconfig: pytest.Config) -> None:
    driven = {BROWSER_NAMES[name] for name in (pytestconfig.getoption("browser") or ["chromium"])}
    # The journeys beside them: Debian's Firefox ESR through puppeteer, WebKit through WebKitWebDriver.
    if "firefox-esr" in test_firefox.FIREFOX and test_firefox.JOURNEYS:
        driven.add("Firefox ESR")
    if "WebKitWebDriver" in inspect.getsource(test_webkit):
        driven.add("WebKit")
    line = re.search(r"\*\*Browsers tested:\*\*\s*(.+?)\.", how_it_is_tested(), re.M)
    assert line, "the statement should say '- **Browsers tested:** <browser>, <browser>.'"
    named = {name.strip() for name in re.split(r",| and ", line[1]) if name.strip()}

    assert named == driven, f"the statement names {sorted(named)}; the browser tests drive {sorted(driven)}"


def test_axe_runs_the_wcag_2_2_aa_rules_in_both_palettes_as_it_says() -> None:
    text = how_it_is_tested()
    assert "axe" in text and "WCAG 2.2 A and AA" in text and "light" in text and "dark" in text
    assert {"wcag22a", "wcag22aa"} <= set(accessibility.WCAG_TAGS)
    assert accessibility.PALETTES == ("default", "slate")  # Material's light and dark palettes


def test_every_page_is_checked_by_the_w3c_nu_checker_as_it_says() -> None:
    assert "W3C Nu HTML checker" in how_it_is_tested()
    assert test_html_valid.VNU.name == "vnu.jar"
    assert 'rglob("*.html")' in inspect.getsource(test_html_valid.validate)  # every page, not a sample


def test_every_pdf_is_checked_for_tags_as_it_says() -> None:
    assert "Tagged PDFs" in how_it_is_tested()
    assert "pdf.tagged" in inspect.getsource(test_pdf.assert_sound)


def test_a_test_fills_in_worksheets_by_keyboard_alone_as_it_says() -> None:
    assert "keyboard alone" in how_it_is_tested()
    source = inspect.getsource(test_worksheet_browser.test_a_learner_can_fill_in_everything_by_keyboard)
    assert "keyboard.press" in source and ".click(" not in source
