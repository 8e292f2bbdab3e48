"""Print as a publisher would sign it off, read back from every PDF of the published course (the
shared build, both editions): no page of a few stray lines, help once and compactly, nothing that
only makes sense on screen, headings on the page of what they introduce, covers with the mark."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf

from conftest import Published
from outputs import pdf_text
from pdf_pages import PdfPages

HELP = "Samaritans"
"""A crisis line: independent help names it, in a line or in full."""
FULL_HELP = "confidential and independent of any employer"
"""Only the full block (support.html.j2) says this: the help line gives the numbers alone."""


def every_pdf(published: Published) -> list[Path]:
    return sorted(published.site.site_dir.rglob("*.pdf"))


def test_no_page_of_any_pdf_holds_only_a_few_stray_lines(published: Published) -> None:
    short = {
        path.relative_to(published.site.site_dir).as_posix(): [page.describe() for page in PdfPages(path).short]
        for path in every_pdf(published)
    }

    assert len(short) > 60  # every PDF of both editions was read
    assert {path: pages for path, pages in short.items() if pages} == {}


def test_every_handout_pack_and_worksheet_that_asks_how_you_feel_ends_with_help_once_in_a_few_lines(
    published: Published,
) -> None:
    site = published.site.site_dir
    pdfs = [
        *sorted((site / "pdf/handouts").glob("*.pdf")),
        *(site / f"pdf/worksheets/{name}.pdf" for name in ("setback-snapshot", "looking-back", "self-talk-log")),
        *(path for path in sorted((site / "facilitator/pdf/facilitator").glob("*.pdf")) if "guide" not in path.name),
    ]
    assert len(pdfs) > 15
    for path in pdfs:
        text = pdf_text(path)
        last = text.split("\f")[-2]  # the last page (pdftotext ends each page with a form feed)
        assert text.count(HELP) == 1 and HELP in last and "116 123" in last, path.name
        assert FULL_HELP not in re.sub(r"\s+", " ", text), f"{path.name}: the full crisis block, not a line"
    assert HELP not in pdf_text(site / "pdf/worksheets/goal-ladder.pdf")  # a worksheet that asks no feelings


def test_the_workbook_gives_the_full_crisis_block_once_at_its_end(published: Published) -> None:
    text = pdf_text(published.site.site_dir / "pdf/comeback-workbook.pdf")

    assert text.count(HELP) == 1 and re.sub(r"\s+", " ", text).count(FULL_HELP) == 1
    assert HELP in text.rsplit("Who you can contact", 1)[1]


def test_no_pdf_prints_what_only_makes_sense_on_screen(published: Published) -> None:
    for path in every_pdf(published):
        assert "saved on this device" not in re.sub(r"\s+", " ", pdf_text(path)), path.name


def test_a_heading_is_on_the_page_of_what_it_introduces(published: Published) -> None:
    for path in (
        published.site.site_dir / name for name in ("pdf/worksheets/goal-ladder.pdf", "pdf/comeback-workbook.pdf")
    ):
        pages = pdf_text(path).split("\f")
        with_heading = [page for page in pages if re.search(r"^\s*First steps\s*$", page, re.MULTILINE)]
        assert with_heading and all("Your first steps" in page for page in with_heading), path.name


def test_the_options_explorer_prints_captions_above_tables_and_headers_on_few_lines(published: Published) -> None:
    path = published.site.site_dir / "pdf/worksheets/options-explorer.pdf"
    layout = ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"]
    words = [
        (float(y), word)
        for y, word in re.findall(
            r'yMin="([\d.]+)"[^>]*>([^<]+)</word>',
            subprocess.run(layout, capture_output=True, text=True, check=True).stdout,
        )
    ]

    def top(*sequence: str) -> list[float]:
        """Where each run of these words starts, top to bottom."""
        texts = [word for _, word in words]
        return [words[i][0] for i in range(len(words)) if texts[i : i + len(sequence)] == list(sequence)]

    weights_header, scores_header = top("Pay", "and")
    assert top("Your", "weights:")[0] < weights_header < top("Score", "each", "option", "from")[-1] < scores_header
    headers = [words[i : i + 4] for i, (_, word) in enumerate(words) if word == "Chance"]
    assert len(headers) == 2
    for header in headers:
        assert [word for _, word in header] == ["Chance", "of", "getting", "there"]
        assert len({round(y) for y, _ in header}) <= 3, "a word a line"


def figures(path: Path) -> list[tuple[str, int]]:
    """The tagged figures of a PDF: (alt text, page from 0)."""
    found = []
    with pikepdf.open(path) as pdf:
        pending = [pdf.Root.StructTreeRoot.K]
        while pending:
            node = pending.pop()
            if isinstance(node, pikepdf.Array):
                pending.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Pg" in node:
                    found.append((str(node.get("/Alt", "")), pdf.pages.index(pikepdf.Page(node.Pg))))
                if "/K" in node:
                    pending.append(node.K)
    return found


def test_covers_carry_the_sites_mark_and_a_title_set_large(published: Published) -> None:
    site = published.site.site_dir
    for path in (site / "pdf/comeback-workbook.pdf", site / "facilitator/pdf/facilitator/weekly-week-1.pdf"):
        assert ("Comeback", 0) in figures(path), f"{path.name}: the mark, tagged, on the cover"
        layout = ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"]
        heights = [
            float(y_max) - float(y_min)
            for y_min, y_max in re.findall(
                r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
                subprocess.run(layout, capture_output=True, text=True, check=True).stdout,
            )
        ]
        assert max(heights) >= 3 * sorted(heights)[len(heights) // 2], f"{path.name}: the title is set large"
