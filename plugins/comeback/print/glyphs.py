"""Which characters the PDFs can print: those the shipped Noto Sans has a glyph for (Latin, Greek
and Cyrillic, not Hebrew, Arabic, the Indic scripts or CJK). A PDF is set in it alone, so that one
built here and one built in CI are the same; a character it lacks would print as an empty box or a
"?", so the build stops instead and names the characters and where they are.

The form-field font (fonts.form_font) is cut from the same font, to the characters a learner is
likely to type: Latin, and the blocks of any other script the course itself is written in.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from .fonts import BLOCK, TEXT_FONTS

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)


@cache
def printable() -> frozenset[int]:
    """Every code point the PDFs' fonts have a glyph for (all four cuts of Noto Sans)."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in TEXT_FONTS:
        covered.update(TTFont(path, lazy=True).getBestCmap())
    return frozenset(covered)


def unprintable(text: str) -> list[str]:
    """The characters of `text` no font of the PDFs has, once each, in order of code point."""
    return sorted(
        {
            character
            for character in set(text)
            if ord(character) not in printable()
            and not character.isspace()
            and unicodedata.category(character)[0] != "C"  # controls and invisible format characters
        }
    )


def named(characters: Iterable[str]) -> str:
    """e.g. "漢 (U+6F22), ש (U+05E9)"."""
    return ", ".join(f"{character} (U+{ord(character):04X})" for character in characters)


def visible_text(markup: str) -> str:
    """The text an HTML fragment shows: its tags, scripts and styles taken out."""
    return html.unescape(_TAG.sub(" ", markup))


def blocks_of(text: str) -> frozenset[int]:
    """The runs of BLOCK code points that hold a printable character of `text` beyond ASCII."""
    return frozenset(
        ord(character) // BLOCK * BLOCK
        for character in set(text)
        if ord(character) > 0x7F and ord(character) in printable()
    )


def problem(source: str, characters: Iterable[str]) -> str:
    return (
        f"{source}: the PDFs cannot print {named(characters)}: their font, Noto Sans, has no glyph for"
        " it (it covers Latin, Greek and Cyrillic); write it another way, or switch the PDFs off"
        " (enabled: false under comeback/pdf in mkdocs.yml)"
    )
