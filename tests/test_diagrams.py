"""The lessons' diagrams in both palettes: drawn on the page itself, not on a white card, and every
word in them readable (WCAG 2.2 AA contrast), in the light palette, the dark one and on paper. Each
SVG carries its own dark colours (`@media (prefers-color-scheme: dark)`), which a browser applies
to an image when the page around it is dark: Material's dark palette sets `color-scheme: dark`."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any, Literal

import pytest
from PIL import Image
from playwright.sync_api import Page

from accessibility import TOGGLE
from conftest import REPO

DIAGRAMS = sorted((REPO / "content/assets/diagrams").glob("*.svg"))
LESSON_WITH_A_DIAGRAM = "lessons/1-reframe-the-setback/"

Rgb = tuple[int, int, int]


def luminance(colour: Rgb) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(value) for value in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: Rgb, other: Rgb) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgb(css: str) -> Rgb:
    r, g, b = (int(float(part)) for part in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


def page_background(page: Page, base_url: str, palette: str) -> Rgb:
    """The page's own background in a palette of the built site (Material's colours, as shipped)."""
    page.goto(base_url + LESSON_WITH_A_DIAGRAM)
    if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != palette:
        page.evaluate(f"document.querySelector('{TOGGLE}').control.click()")
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') == '{palette}'")
    return rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))


# Each <text>'s fill, its box, and whether it counts as large text (WCAG: 24px, or 18.66px bold).
TEXTS = """() => [...document.querySelectorAll('svg text')].map((text) => {
  const style = getComputedStyle(text);
  const box = text.getBoundingClientRect();
  const size = parseFloat(style.fontSize);
  const bold = parseInt(style.fontWeight, 10) >= 700;
  return {text: text.textContent, fill: style.fill, box: [box.left, box.top, box.right, box.bottom],
          large: size >= 24 || (bold && size >= 18.66)};
})"""


def drawn(
    page: Page, svg: Path, scheme: Literal["light", "dark"], background: Rgb
) -> tuple[list[dict[str, Any]], Image.Image]:
    """`svg` drawn inline on a page of `background` whose colour scheme is `scheme`: its texts, and
    a picture of what lies behind them (the texts hidden)."""
    markup = svg.read_text(encoding="utf-8")
    size = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', markup)
    assert size, f"{svg.name}: no viewBox"
    width, height = float(size[1]), float(size[2])
    page.emulate_media(color_scheme=scheme)  # what a dark page passes on to an image
    page.set_viewport_size({"width": int(width), "height": int(height)})
    page.set_content(
        f'<html style="color-scheme: {scheme}; background: rgb{background}"><body style="margin: 0">'
        f"{markup}</body></html>"
    )
    page.eval_on_selector("svg", f"(svg) => {{ svg.style.width = '{width}px'; svg.style.height = '{height}px'; }}")
    texts: list[dict[str, Any]] = page.evaluate(TEXTS)
    page.add_style_tag(content="svg text { visibility: hidden; }")
    return texts, Image.open(io.BytesIO(page.screenshot())).convert("RGB")


def unreadable(texts: list[dict[str, Any]], behind: Image.Image) -> list[str]:
    """The texts below AA contrast against what is drawn behind most of each."""
    found = []
    for text in texts:
        left, top, right, bottom = (round(value) for value in text["box"])
        pixels = [pixel(behind, x, y) for x in range(left, right) for y in range(top, bottom)]
        ground: Rgb = Counter(pixels).most_common(1)[0][0]
        needed = 3.0 if text["large"] else 4.5
        if (ratio := contrast(rgb(text["fill"]), ground)) < needed:
            found.append(f"{text['text']!r}: {ratio:.2f}:1 on rgb{ground}")
    return found


def pixel(image: Image.Image, x: int, y: int) -> Rgb:
    """The colour at (x, y) of an RGB picture."""
    r, g, b = image.getpixel((x, y))  # type: ignore[misc]
    return r, g, b


def light_share(image: Image.Image) -> float:
    """How much of a picture is light (relative luminance above 0.8)."""
    data = image.tobytes()
    light = sum(1 for at in range(0, len(data), 3) if luminance((data[at], data[at + 1], data[at + 2])) > 0.8)
    return light / (image.width * image.height)


@pytest.mark.browser
def test_every_word_of_every_diagram_is_readable_in_both_palettes_and_none_sits_on_a_card(
    page: Page, course_url: str
) -> None:
    backgrounds: dict[Literal["light", "dark"], Rgb] = {
        "light": page_background(page, course_url, "default"),
        "dark": page_background(page, course_url, "slate"),
    }
    found: dict[str, list[str]] = {}
    cards: dict[str, float] = {}
    for svg in DIAGRAMS:
        for scheme, background in backgrounds.items():
            texts, behind = drawn(page, svg, scheme, background)
            assert texts, f"{svg.name}: no text found"
            if problems := unreadable(texts, behind):
                found[f"{svg.name} ({scheme})"] = problems
            if scheme == "dark" and (share := light_share(behind)) > 0.05:
                cards[svg.name] = share

    assert len(DIAGRAMS) >= 7
    assert found == {}
    assert cards == {}  # in the dark palette, hardly a light pixel: no white card, no light fills


@pytest.mark.browser
def test_a_diagram_turns_dark_with_the_page_when_the_palette_is_switched(page: Page, course_url: str) -> None:
    page.emulate_media(color_scheme="light")  # the visitor's system is light; they choose dark on the site
    page_background(page, course_url, "slate")
    image = page.locator("article img[src$='.svg']").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())

    assert light_share(Image.open(io.BytesIO(image.screenshot())).convert("RGB")) < 0.05
