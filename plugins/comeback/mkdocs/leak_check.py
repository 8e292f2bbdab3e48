"""The learner edition's last check: no file it wrote carries facilitator material. Read back from
the finished site: every page, the search index, every script and sitemap (the PDFs are checked
from their print HTML, pdfs.py), before anything is zipped."""

from __future__ import annotations

import json
import re
from pathlib import Path

from comeback.core.course.leaks import FacilitatorText
from comeback.core.text import strings

CHECKED = (".html", ".json", ".js", ".xml", ".txt")
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)")


def facilitator_material(site_dir: Path, facilitator: FacilitatorText) -> list[str]:
    """ "<file>: <where the material is from>" for every file of the site that carries some."""
    found: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in CHECKED:
            continue
        for where in facilitator.found_in(_text(path)):
            found.append(f"{path.relative_to(site_dir).as_posix()}: {where}")
    return found


def _text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            return " ".join(strings(json.loads(text)))
        except ValueError:
            pass
    if path.suffix in (".js", ".json"):
        return _ESCAPE.sub(lambda escape: _unescape(escape[0]), text)
    return text


def _unescape(escape: str) -> str:
    if escape.startswith("\\u"):
        return chr(int(escape[2:], 16))
    return " " if escape[1] in "nrtbf" else escape[1]
