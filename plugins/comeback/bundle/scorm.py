"""Putting the SCORM package together from a built site: the site's files, the launch page, the
adapter and the manifest, at the zip's root as SCORM 1.2 requires. Knows nothing of MkDocs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from markupsafe import escape

from comeback.browser import ASSETS_DIR, ASSETS_URI, PROGRESS_SCRIPTS, SCORM_ADAPTER
from comeback.browser.course_data import URI as COURSE_DATA

from .manifest import manifest
from .offline import LEFT_OUT

LAUNCH = "scorm.html"
ADAPTER = f"{ASSETS_URI}/{SCORM_ADAPTER}"

# The scripts the launch page needs to work out progress from the answers in the browser.

# Files for search engines and servers, which nothing in the package reads (and which hold the
# public site's absolute addresses).

LAUNCH_PAGE = """\
<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ height: 100%; margin: 0; overflow: hidden; }}
iframe {{ display: block; width: 100%; height: 100%; border: 0; }}
</style>
<script src="{course_data}"></script>
<script type="application/json" id="comeback-pages">{pages}</script>
</head>
<body>
<iframe id="comeback-course" name="comeback-course" title="{title}"></iframe>
{scripts}
</body>
</html>
"""


def launch_page(*, title: str, lang: str, pages: list[str]) -> str:
    scripts = "\n".join(
        f'<script src="{script}"></script>'
        for script in (*(f"{ASSETS_URI}/{name}" for name in PROGRESS_SCRIPTS), ADAPTER)
    )
    listed = json.dumps(pages, ensure_ascii=False).replace("</", "<\\/")  # cannot end the script early
    return LAUNCH_PAGE.format(
        title=escape(title), lang=escape(lang), course_data=COURSE_DATA, pages=listed, scripts=scripts
    )


def zip_package(site_dir: Path, target: Path, *, identifier: str, title: str, lang: str) -> int:
    """Zip the site in `site_dir` as a SCORM 1.2 package at `target`; its size in bytes. Files go
    in sorted order with fixed dates, so the same site gives the same zip."""
    site = {
        name: path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file() and (name := path.relative_to(site_dir).as_posix()) not in LEFT_OUT
    }
    pages = sorted(path for path in site if path.endswith(".html"))
    files = {
        **site,
        LAUNCH: launch_page(title=title, lang=lang, pages=pages).encode(),
        ADAPTER: (ASSETS_DIR / SCORM_ADAPTER).read_bytes(),
    }
    files["imsmanifest.xml"] = manifest(identifier=identifier, title=title, launch=LAUNCH, files=files)
    partial = target.with_name(f".{target.name}.partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    partial.replace(target)
    return target.stat().st_size
