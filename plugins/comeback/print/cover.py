"""The mark at the head of a cover: the site's logo, as an image address WeasyPrint reads.

A theme's icon (Material's material/sprout) is a bare SVG path with no colour of its own, which
would print black: it is given the accent's. A logo with colours of its own is left as it is.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

COVER_ACCENT = "#00564d"
"""The covers' accent when the organisation gives none (print.css uses the same)."""
_SVG_ROOT = re.compile(r"<svg\b[^>]*>")


def cover_mark(path: Path, accent: str) -> str:
    """The address of the mark's image: a data: URL for an SVG drawn in `accent` when it has no
    colours of its own, else the file's."""
    if path.suffix.lower() != ".svg":
        return path.resolve().as_uri()
    svg = path.read_text(encoding="utf-8")
    root = _SVG_ROOT.search(svg)
    if root is None or re.search(r"\bfill\s*[=:]", svg):
        return path.resolve().as_uri()
    coloured = svg[: root.end() - 1] + f' fill="{accent}"' + svg[root.end() - 1 :]
    return "data:image/svg+xml;base64," + base64.b64encode(coloured.encode("utf-8")).decode("ascii")
