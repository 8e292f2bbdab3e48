"""Zipping a built site into a copy that works from a folder. Knows nothing of MkDocs."""

from __future__ import annotations

import zipfile
from pathlib import Path

from comeback.core.i18n import messages

LEFT_OUT = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})
"""What a copy opened from a folder has no use for: sitemaps for search engines (they carry the
build's date and address, so the same sources would make a different zip each day) and the page a
server shows for a missing address (with links from the server's root, which a folder has not)."""


def readme(*, name: str, folder: str, language: str = "en") -> str:
    """The README.txt beside the folder: how to open the course from it, in the course's language."""
    t = messages(language)
    title = t("offline.readme_title", name=name)
    return f"{title}\n{'=' * len(title)}\n\n{t('offline.readme', folder=folder)}"


def zip_site(site_dir: Path, target: Path, *, name: str, folder: str, language: str = "en") -> int:
    """Zip `site_dir` into `target` under the folder `folder`, with a README in `language`; its size in bytes.
    Files go in sorted order with fixed dates, so the same site gives the same zip; LEFT_OUT stays out."""
    partial = target.with_name(f".{target.name}.partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(_entry(f"{folder}/README.txt"), readme(name=name, folder=folder, language=language))
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            if path.relative_to(site_dir).as_posix() in LEFT_OUT:
                continue
            archive.writestr(_entry(f"{folder}/{path.relative_to(site_dir).as_posix()}"), path.read_bytes())
    partial.replace(target)
    return target.stat().st_size


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
