"""Every page of a PDF read back as a reader sees it: how many lines of text its body holds, how much
of it is room to write, and whether it is a page by design (a cover, a contents page) or one that
a publisher would not let through: a page with only a few lines on it.

A page's *body* is what lies between its running head and its foot (furniture.py draws those in
the margins, so they are left out). Its text is counted in lines as the eye sees them: the words of
a table row sit on one line, however many cells hold them.

What a short page is, precisely:

* it has fewer than `MIN_LINES` lines of body text, and
* it is not a **cover** (the first page of a PDF, with no page number at its foot), not a
  **contents** page (its running head is the contents' title), and not **answer space by
  design**: a page where at least `MIN_WIDGETS` form fields (their widget annotations, read with
  pypdf) take up at least `MIN_ANSWER_SHARE` of the body: a grid, a tracker or rows to write on,
  which fill a page with room to write rather than with words. One lone field left over from the
  page before (a single box, or a scale's row of circles) is not answer space by design.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from xml.etree import ElementTree

import pypdf

from comeback.print.furniture import MARGIN_BOTTOM, MARGIN_TOP

MIN_LINES = 6
MIN_WIDGETS = 3
MIN_ANSWER_SHARE = 0.2
CONTENTS_TITLES = frozenset({"Contents", "Inhalt"})
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Page:
    number: int
    """From 1."""
    head: str
    """The running head ("" on a page without one)."""
    numbered: bool
    """Its foot says "Page n of N" (a cover's does not)."""
    lines: tuple[str, ...]
    """The body's lines of text, top to bottom."""
    widgets: int
    answer_share: float
    """The share of the body that form fields cover."""

    @property
    def kind(self) -> str:
        """cover, contents, answer space, short or full."""
        if self.number == 1 and not self.numbered:
            return "cover"
        if self.head in CONTENTS_TITLES:
            return "contents"
        if len(self.lines) >= MIN_LINES:
            return "full"
        if self.widgets >= MIN_WIDGETS and self.answer_share >= MIN_ANSWER_SHARE:
            return "answer space"
        return "short"

    def describe(self) -> str:
        text = " / ".join(self.lines) or "(no text)"
        return f"page {self.number} ({len(self.lines)} lines, {self.widgets} fields): {text[:160]}"


@dataclass(frozen=True)
class PdfPages:
    path: Path

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        reader = pypdf.PdfReader(self.path)
        layout = subprocess.run(
            ["pdftotext", "-bbox-layout", str(self.path), "-"], capture_output=True, text=True, check=True
        ).stdout
        tree = ElementTree.fromstring(layout.replace("<!DOCTYPE", "<!-- ").replace('.dtd">', '.dtd" -->', 1))
        found = []
        for number, (page, element) in enumerate(zip(reader.pages, tree.iter(f"{_XHTML}page"), strict=True), 1):
            height = float(element.get("height", "0"))
            top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM
            head, foot, body = [], [], []
            for line in element.iter(f"{_XHTML}line"):
                words = " ".join(word.text or "" for word in line.iter(f"{_XHTML}word"))
                y_min, y_max = float(line.get("yMin", "0")), float(line.get("yMax", "0"))
                if y_max <= top:
                    head.append(words)
                elif y_min >= bottom:
                    foot.append(words)
                else:
                    body.append((y_min, y_max, words))
            widgets, area = _widgets(page)
            width = float(element.get("width", "0"))
            found.append(
                Page(
                    number,
                    " ".join(head),
                    any(f"Page {number} of" in text or f"Seite {number} von" in text for text in foot),
                    tuple(_visual_lines(body)),
                    widgets,
                    area / (width * (bottom - top)) if width else 0.0,
                )
            )
        return tuple(found)

    @property
    def short(self) -> list[Page]:
        return [page for page in self.pages if page.kind == "short"]


def _widgets(page: pypdf.PageObject) -> tuple[int, float]:
    """How many form-field widgets the page has, and the area they cover (in square points)."""
    count, area = 0, 0.0
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        if annotation.get("/Subtype") != "/Widget":
            continue
        left, low, right, high = (float(value) for value in annotation["/Rect"])
        count += 1
        area += abs(right - left) * abs(high - low)
    return count, area


def _visual_lines(body: list[tuple[float, float, str]]) -> Iterator[str]:
    """pdftotext's lines merged into the lines the eye sees: those whose heights overlap by more
    than half (the cells of one table row, a label beside its box)."""
    rows: list[tuple[float, float, list[str]]] = []
    for y_min, y_max, words in sorted(body):
        if rows:
            low, high, texts = rows[-1]
            overlap = min(high, y_max) - max(low, y_min)
            if overlap > 0.5 * min(high - low, y_max - y_min):
                rows[-1] = (low, max(high, y_max), [*texts, words])
                continue
        rows.append((y_min, y_max, [words]))
    for _, _, texts in rows:
        yield "  ".join(texts)
