"""What a built site gives its readers, as text: pages, scripts, data, PDFs, and what is inside its
zips. For tests that look for something that must never be there (a note, a local address) or
must be there (a running head), in every output at once."""

from __future__ import annotations

import subprocess
import tempfile
import zipfile
from pathlib import Path

TEXT_SUFFIXES = (".html", ".json", ".xml", ".js", ".txt", ".css", ".ics", ".webmanifest")


def pdf_text(path: Path, *pages: int) -> str:
    """The text of a PDF (or of `pages`, the first and last), as pdftotext lays it out."""
    selection = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-layout", *selection, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def every_output(site_dir: Path, *, besides: str | None = None) -> dict[str, str]:
    """The text of every file a reader gets, by its path in the site: pages, the search index, the
    sitemap, scripts, every PDF, and the same inside every zip ("<zip>!<path>"); but for the folder
    `besides`, where another edition is published."""
    texts = {}
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if besides is not None and path.relative_to(site_dir).parts[0] == besides:
            continue
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as unzipped:
                archive.extractall(unzipped)
                inside = every_output(Path(unzipped))
            texts.update({f"{name}!{inner}": text for inner, text in inside.items()})
        elif path.suffix in TEXT_SUFFIXES:
            texts[name] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            texts[name] = pdf_text(path)
    return texts
