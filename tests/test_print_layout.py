"""Where print breaks pages, decided on the print HTML without a build: the lines of a lesson that
lead into a worksheet go with it (lead_in.py), a short last section stays whole (keep.py); and a
cover's mark in the accent (cover.py)."""

from __future__ import annotations

import base64
from pathlib import Path

from comeback.print.blocks import top_level_blocks
from comeback.print.cover import cover_mark
from comeback.print.keep import keep_last_section
from comeback.print.lead_in import split_lead_in

LONG = "A paragraph of a lesson that explains an idea at some length. " * 14


def test_blocks_are_the_top_level_elements_with_their_place_and_text() -> None:
    html = '<h2 id="x">Worksheets</h2>\n<p>First <em>one</em>.</p><img src="a.png" alt=""><ul>\n<li>a</li>\n<li>b</li>\n</ul>'
    blocks = top_level_blocks(html)

    assert [(block.tag, block.text) for block in blocks] == [
        ("h2", "Worksheets"),
        ("p", "First one."),
        ("img", ""),
        ("ul", "a b"),
    ]
    assert [html[block.start : block.end] for block in blocks][1] == "<p>First <em>one</em>.</p>"


def test_a_short_section_before_a_worksheet_goes_with_it_heading_and_all() -> None:
    html = f"<p>{LONG}</p>\n<h2>Worksheets</h2>\n<p>Next, the wins log.</p>\n"
    before, lead = split_lead_in(html)

    assert before.strip() == f"<p>{LONG}</p>"
    assert lead == "<h2>Worksheets</h2>\n<p>Next, the wins log.</p>"


def test_of_a_long_section_only_its_last_short_paragraph_goes_with_the_worksheet() -> None:
    html = f"<h2>Key ideas</h2><p>{LONG}</p><p>{LONG}</p><p>Last, the habit tracker.</p>"
    before, lead = split_lead_in(html)

    assert lead == "<p>Last, the habit tracker.</p>"
    assert before.count(LONG) == 2 and "<h2>Key ideas</h2>" in before


def test_text_that_is_not_a_lead_in_stays_where_it_is() -> None:
    for html in (f"<p>{LONG}</p>", "<table><tr><td>1</td></tr></table>", ""):
        assert split_lead_in(html) == (html, "")


def test_a_short_last_section_is_kept_whole_and_a_long_one_is_not() -> None:
    short = "<p>Some text.</p><h2>Key takeaways</h2><p>One line.</p><ul><li>Two.</li></ul>"
    kept = keep_last_section(short)

    assert (
        kept
        == '<p>Some text.</p><div class="keep-together"><h2>Key takeaways</h2><p>One line.</p><ul><li>Two.</li></ul></div>'
    )
    long = f"<h2>Why it matters</h2><p>{LONG}</p><p>{LONG}</p>"
    assert keep_last_section(long) == long
    assert keep_last_section("<p>No heading.</p>") == "<p>No heading.</p>"
    table = "<h2>Example</h2><table><tr><td>1</td></tr></table>"
    assert keep_last_section(table) == table


def test_a_cover_mark_without_colours_of_its_own_is_drawn_in_the_accent(tmp_path: Path) -> None:
    icon = tmp_path / "sprout.svg"
    icon.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2 22h20z"/></svg>')
    coloured = tmp_path / "logo.svg"
    coloured.write_text('<svg xmlns="http://www.w3.org/2000/svg"><path fill="#c00" d="M2 22h20z"/></svg>')
    picture = tmp_path / "logo.png"
    picture.write_bytes(b"\x89PNG")

    address = cover_mark(icon, "#0b5394")
    assert address.startswith("data:image/svg+xml;base64,")
    assert 'viewBox="0 0 24 24" fill="#0b5394">' in base64.b64decode(address.split(",", 1)[1]).decode()
    assert cover_mark(coloured, "#0b5394") == coloured.resolve().as_uri()
    assert cover_mark(picture, "#0b5394") == picture.resolve().as_uri()
