"""The fonts every PDF uses, shipped with the package so that a PDF built here and in CI is the same.

Text is set in Noto Sans (SIL OFL 1.1, see assets/fonts/OFL.txt); WeasyPrint embeds only the
glyphs a document uses. Form fields are different: a viewer must be able to draw whatever the
learner types, so WeasyPrint embeds the whole font of every field, about 420 KB for Noto Sans.
Fields therefore use "Comeback Form", a subset of Noto Sans made here with fontTools: Latin, and
the scripts the course is written in (glyphs.py). In Latin alone it keeps a one-page fillable PDF
near 45 KB.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from .cache import write_atomically

ASSETS_DIR = Path(__file__).parent / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
TEXT_FONTS = (
    FONTS_DIR / "NotoSans-Regular.ttf",
    FONTS_DIR / "NotoSans-Bold.ttf",
    FONTS_DIR / "NotoSans-Italic.ttf",
    FONTS_DIR / "NotoSans-BoldItalic.ttf",
)
FORM_FONT_SOURCE = FONTS_DIR / "NotoSans-Regular.ttf"
FORM_FONT_FAMILY = "Comeback Form"

# What a learner is likely to type in a Latin-script course: ASCII, Latin-1 and Latin Extended-A
# (Western, Central and Northern European languages), typographic punctuation, currency signs.
BLOCK = 0x80
"""The form font takes another script's characters in runs of this many code points (about a Unicode block)."""
FORM_FONT_UNICODES: tuple[int, ...] = (
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x2010, 0x2050),
    *range(0x20A0, 0x20C0),
    0x2122,
    0x2190,
    0x2192,
)


def form_font(directory: Path, blocks: Iterable[int] = ()) -> tuple[Path, Path]:
    """The form-field font, made once from the shipped Noto Sans and kept in `directory`, and a
    stylesheet that declares it: FORM_FONT_UNICODES, and the `blocks` (each BLOCK code points from
    its start) of the scripts the course is written in (glyphs.blocks_of)."""
    unicodes = tuple(sorted({*FORM_FONT_UNICODES, *(code for start in blocks for code in range(start, start + BLOCK))}))
    source = FORM_FONT_SOURCE.read_bytes()
    recipe = hashlib.sha256(source + repr(unicodes).encode()).hexdigest()[:16]
    font = directory / f"comeback-form-{recipe}.ttf"
    stylesheet = font.with_suffix(".css")
    if not font.exists() or not stylesheet.exists():
        write_atomically(font, _subset(source, unicodes))
        write_atomically(
            stylesheet, f'@font-face {{ font-family: "{FORM_FONT_FAMILY}"; src: url("{font.name}"); }}\n'.encode()
        )
    return font, stylesheet


def _subset(source: bytes, unicodes: tuple[int, ...]) -> bytes:
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []  # form fields are drawn glyph by glyph: no kerning, no ligatures
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(io.BytesIO(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    _rename(font, FORM_FONT_FAMILY)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _rename(font: object, family: str) -> None:
    """A subset is a Modified Version under the OFL: give it a name of its own."""
    names = font["name"]  # type: ignore[index]
    postscript = family.replace(" ", "") + "-Regular"
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} Regular"
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = f"{postscript};subset"
