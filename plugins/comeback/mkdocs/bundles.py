"""The zips of a build: the copy that works from a folder and the SCORM package. The build that
makes them (`make: true`) zips the finished site; the others publish the zips an earlier build made,
for `::download[...]` to link with their sizes."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from comeback.bundle.offline import zip_site
from comeback.bundle.scorm import zip_package
from comeback.core.ids import slugify
from comeback.pages.links import Download, human_size

from .links import project_dir
from .options import OfflineOptions, ScormOptions
from .state import BuildState

log = get_plugin_logger("comeback")
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\s*')


def downloads(state: BuildState, files: Files, config: MkDocsConfig) -> dict[str, Download]:
    """The zips this build links, by name; a zip an earlier build made goes into the site."""
    found: dict[str, Download] = {}
    for name, options in (("offline", state.get(OfflineOptions)), ("scorm", state.get(ScormOptions))):
        if options is None:
            continue
        path = project_dir(config) / options.zip
        size = None
        if not options.make and path.is_file():
            size = path.stat().st_size
            files.append(File.generated(config, options.download, abs_src_path=str(path)))
        found[name] = Download(name, options.download, size, inside=options.make)
    return found


def without_canonical(output: str) -> str:
    return _CANONICAL.sub("", output, count=1)


def make(state: BuildState, config: MkDocsConfig) -> None:
    """The zips this build makes, from the finished site: the copy for a folder, then the package."""
    site_dir = Path(config.site_dir)
    folder = slugify(config.site_name) or "course"
    offline = state.get(OfflineOptions)
    if offline is not None and offline.make:
        index = site_dir / "search" / "search_index.json"
        if index.is_file():  # a fetch of the JSON is refused under file://; a script is not
            index.with_suffix(".js").write_text(f"var __index = {index.read_text(encoding='utf-8')}", encoding="utf-8")
        path = project_dir(config) / offline.zip
        language = str(config.theme.get("language") or "en")
        size = zip_site(site_dir, path, name=config.site_name, folder=folder, language=language)
        log.info(f"offline copy: {path} ({human_size(size)})")
    scorm = state.get(ScormOptions)
    if scorm is not None and scorm.make:
        path = project_dir(config) / scorm.zip
        language = str(config.theme.get("language") or "en")
        size = zip_package(site_dir, path, identifier=folder, title=config.site_name, lang=language)
        log.info(f"SCORM 1.2 package: {path} ({human_size(size)})")
