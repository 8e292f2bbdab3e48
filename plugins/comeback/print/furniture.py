"""Page furniture: the running title at the top of a page, and "site · address" and "Page 3 of 41"
at its foot, drawn straight into an assembled PDF.

Parts are laid out without header or footer (their page numbers depend on where they end up), so
the furniture is added once the PDF is put together: a few lines of text per page, marked as a
pagination artifact as PDF/UA asks of headers and footers, with a ToUnicode map so the text can be
searched and copied. The font is the cut of Noto Sans that form fields use (fonts.form_font: Latin
and the course's own scripts), cut down further to the characters on the pages and embedded. A
character it lacks stops the PDF with an error that names it (glyphs.py checks the sources first).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .glyphs import named

SIZE = 8.0
GREY = 0.29
MM = 72 / 25.4
# The page box of every print document: printhtml puts the same margins into each document's @page.
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 18 * MM, 17 * MM, 20 * MM
GAP = 3 * MM  # between the text and the page area


@dataclass(frozen=True)
class Furniture:
    titles: Sequence[str | None]
    """Each page's running title; None for a page without furniture (the cover)."""
    footer: str
    """What the foot of every page says on the left, e.g. "Comeback · https://example.org/"."""
    font: Path
    numbers: str
    """How a page is numbered, with {page} and {pages}: "Page {page} of {pages}" in English (the
    course's catalogue, print.page_of)."""

    def lines(self, index: int) -> tuple[str, str, str] | None:
        """(running title, footer, "Page n of N") of the page at `index` (from 0); None: no furniture."""
        title = self.titles[index]
        if title is None:
            return None
        return title, self.footer, self.numbers.format(page=index + 1, pages=len(self.titles))


def stamp_furniture(pdf: Any, furniture: Furniture) -> None:
    """Draw `furniture` onto every page of the pikepdf.Pdf `pdf`."""
    from pikepdf import Name

    if len(furniture.titles) != len(pdf.pages):
        raise ValueError(f"furniture for {len(furniture.titles)} pages, but the PDF has {len(pdf.pages)}")
    texts = [furniture.lines(index) for index in range(len(pdf.pages))]
    characters = {character for lines in texts if lines for line in lines for character in line}
    if not characters:
        return
    characters.add(".")  # for the ellipsis of a line cut short
    font = _Font(furniture.font, characters)
    if lacking := sorted(characters - font.characters):
        raise ValueError(f"the running heads and footers use characters their font lacks: {named(lacking)}")
    font_object = font.embed(pdf)
    for page, lines in zip(pdf.pages, texts, strict=True):
        if lines is None:
            continue
        name = bytes(page.add_resource(font_object, Name.Font, prefix="Furniture").unparse())
        left, bottom, right, top = (float(value) for value in page.mediabox)
        title, footer, number = lines
        width_right = font.width(number)
        footer = font.fit(footer, right - left - 2 * MARGIN_SIDE - width_right - 8 * MM)
        header_y = top - MARGIN_TOP + GAP - font.descent  # descent is negative: the baseline sits above it
        footer_y = bottom + MARGIN_BOTTOM - GAP - font.ascent
        content = [b"q", b"/Artifact <</Type /Pagination>> BDC", b"BT", name + f" {SIZE:g} Tf {GREY:g} g".encode()]
        for text, x, y in (
            (font.fit(title, right - left - 2 * MARGIN_SIDE), left + MARGIN_SIDE, header_y),
            (footer, left + MARGIN_SIDE, footer_y),
            (number, right - MARGIN_SIDE - width_right, footer_y),
        ):
            content.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm <{font.encode(text)}> Tj".encode())
        content += [b"ET", b"EMC", b"Q"]
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"\nQ\n" + b"\n".join(content) + b"\n")


class _Font:
    """The font at `path` cut down to `characters`, glyph ids kept (so CID = glyph id)."""

    def __init__(self, path: Path, characters: set[str]) -> None:
        self.path = path
        metrics = _metrics(path)
        self.characters = {character for character in characters if ord(character) in metrics.cmap}
        self.glyphs = {character: metrics.glyph_id[metrics.cmap[ord(character)]] for character in self.characters}
        self.advances = {glyph: metrics.advance[glyph] for glyph in self.glyphs.values()}
        self.ascent = metrics.ascent * SIZE
        self.descent = metrics.descent * SIZE
        self.metrics = metrics

    def glyph(self, character: str) -> int:
        return self.glyphs[character]

    def encode(self, text: str) -> str:
        return "".join(f"{self.glyph(character):04X}" for character in text)

    def width(self, text: str) -> float:
        return sum(self.advances[self.glyph(character)] for character in text) * SIZE

    def fit(self, text: str, room: float) -> str:
        """`text`, cut short with an ellipsis if it is wider than `room`."""
        if self.width(text) <= room:
            return text
        while text and self.width(text + "...") > room:
            text = text[:-1]
        return text.rstrip() + "..."

    def embed(self, pdf: Any) -> Any:
        from pikepdf import Array, Dictionary, Name, Stream, String

        metrics = self.metrics
        program = _subset(self.path, frozenset(self.glyphs.values()))
        base = Name("/" + _tag(self.glyphs) + "+ComebackFurniture-Regular")
        descriptor = Dictionary(
            Type=Name.FontDescriptor,
            FontName=base,
            Flags=32,
            FontBBox=Array(metrics.bbox),
            ItalicAngle=0,
            Ascent=round(metrics.ascent * 1000),
            Descent=round(metrics.descent * 1000),
            CapHeight=round(metrics.cap_height * 1000),
            StemV=80,
            FontFile2=Stream(pdf, program, Length1=len(program)),
        )
        widths = Array()
        for glyph in sorted(self.advances):
            # pikepdf makes PDF numbers of Python ints; its type hints only admit pikepdf objects
            widths.extend([glyph, Array([round(self.advances[glyph] * 1000)])])  # type: ignore[list-item]
        cid_font = Dictionary(
            Type=Name.Font,
            Subtype=Name.CIDFontType2,
            BaseFont=base,
            CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
            FontDescriptor=pdf.make_indirect(descriptor),
            W=widths,
            CIDToGIDMap=Name.Identity,
        )
        return pdf.make_indirect(
            Dictionary(
                Type=Name.Font,
                Subtype=Name.Type0,
                BaseFont=base,
                Encoding=Name("/Identity-H"),
                DescendantFonts=Array([pdf.make_indirect(cid_font)]),
                ToUnicode=Stream(pdf, self._to_unicode()),
            )
        )

    def _to_unicode(self) -> bytes:
        mappings = sorted((glyph, character) for character, glyph in self.glyphs.items())
        lines = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<0000> <FFFF>",
            "endcodespacerange",
        ]
        for start in range(0, len(mappings), 100):  # at most 100 entries a block
            block = mappings[start : start + 100]
            lines.append(f"{len(block)} beginbfchar")
            lines += [f"<{glyph:04X}> <{character.encode('utf-16-be').hex().upper()}>" for glyph, character in block]
            lines.append("endbfchar")
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines).encode()


@dataclass(frozen=True)
class _Metrics:
    cmap: dict[int, str]
    glyph_id: dict[str, int]
    advance: dict[int, float]
    """Advance width of each glyph, in ems."""
    ascent: float
    descent: float
    cap_height: float
    bbox: list[int]


@cache
def _metrics(path: Path) -> _Metrics:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    scale = 1 / font["head"].unitsPerEm
    glyph_id = font.getReverseGlyphMap()
    hmtx = font["hmtx"].metrics
    head = font["head"]
    return _Metrics(
        cmap=dict(font.getBestCmap()),
        glyph_id=glyph_id,
        advance={glyph_id[name]: width * scale for name, (width, _) in hmtx.items()},
        ascent=font["hhea"].ascent * scale,
        descent=font["hhea"].descent * scale,
        cap_height=getattr(font["OS/2"], "sCapHeight", 714) * scale,
        bbox=[round(value * scale * 1000) for value in (head.xMin, head.yMin, head.xMax, head.yMax)],
    )


@cache
def _subset(path: Path, glyphs: frozenset[int]) -> bytes:
    """The font program with only `glyphs` (at their own ids) left in it."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.retain_gids = True
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = ["*"]
    font = TTFont(path)
    names = font.getGlyphOrder()
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=[names[glyph] for glyph in glyphs])
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _tag(glyphs: dict[str, int]) -> str:
    """The six capital letters that name a font subset, derived from what is in it."""
    number = zlib.crc32(",".join(str(glyph) for glyph in sorted(glyphs.values())).encode())
    return "".join(chr(ord("A") + (number >> (5 * position)) % 26) for position in range(6))
