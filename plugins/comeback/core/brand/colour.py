"""Colour contrast as WCAG 2.2 measures it, and the nearest colour of the same hue that passes."""

from __future__ import annotations

import colorsys
import re

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = "#ffffff"
# Material's dark ("slate") palette: the page, hsl(225, 15%, 14%) (--md-default-bg-color), and the
# lightest surface links sit on, hsl(225, 15%, 18%) (--md-code-bg-color: code, the help block).
SLATE = "#1e2129"
SLATE_SURFACE = "#272a35"
AA = 4.5
"""The contrast WCAG 2.2 AA asks for text of ordinary size (1.4.3)."""


def rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    red, green, blue = (int(digits[index : index + 2], 16) / 255 for index in (0, 2, 4))
    return red, green, blue


def hex_of(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, part)) * 255):02x}" for part in (red, green, blue))


def luminance(colour: str) -> float:
    def linear(part: float) -> float:
        return part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(part) for part in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def nearest_passing(colour: str, against: str, ratio: float = AA) -> str:
    """The colour of the same hue and saturation, as little lighter or darker as it takes, that has
    `ratio` against `against` (darker against a light background, lighter against a dark one)."""
    if contrast(colour, against) >= ratio:
        return hex_of(*rgb(colour))
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb(colour))
    step = -0.005 if luminance(against) > 0.5 else 0.005
    while 0.0 <= lightness <= 1.0:
        lightness += step
        candidate = hex_of(*colorsys.hls_to_rgb(hue, max(0.0, min(1.0, lightness)), saturation))
        if contrast(candidate, against) >= ratio:
            return candidate
    return "#000000" if step < 0 else WHITE
