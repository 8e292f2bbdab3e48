"""Zipping a built site into a copy that works from a folder. Knows nothing of MkDocs."""

from __future__ import annotations

import zipfile
from pathlib import Path

README = """\
{name}, to use without the internet
{underline}

1. Unzip this file (on Windows: right-click it, then "Extract All").
2. Open the folder "{folder}" and double-click index.html.

Everything works from the folder: the lessons, search, the worksheets and the PDFs. Your answers
are kept in this browser on this computer only. On a shared computer, tick "This is a shared
computer" on any worksheet, and erase your answers when you finish.
"""


def zip_site(site_dir: Path, target: Path, *, name: str, folder: str) -> int:
    """Zip `site_dir` into `target` under the folder `folder`, with a README; its size in bytes.
    Files go in sorted order with fixed dates, so the same site gives the same zip."""
    partial = target.with_name(f".{target.name}.partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        readme = README.format(name=name, underline="=" * (len(name) + 30), folder=folder)
        archive.writestr(_entry(f"{folder}/README.txt"), readme)
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            archive.writestr(_entry(f"{folder}/{path.relative_to(site_dir).as_posix()}"), path.read_bytes())
    partial.replace(target)
    return target.stat().st_size


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
