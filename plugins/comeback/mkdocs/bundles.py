"""The zips of a build: the copy that works from a folder and the SCORM package. The build that
makes them zips the finished site and stamps each zip (bundle/stamp.py); the others link the zips
of their own run (`comeback build`), or a zip an earlier build made whose stamp says it is theirs:
the same edition, the same mode (shared computers or not), the same sources."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from comeback.bundle.offline import zip_site
from comeback.bundle.scorm import zip_package
from comeback.bundle.stamp import Stamp, content_hash, engine_hash, read_stamp, write_stamp
from comeback.core.ids import slugify
from comeback.pages.links import Download, human_size

from .links import project_dir
from .options import CourseOptions, OfflineOptions, ScormOptions, WorksheetsOptions
from .state import BuildState

log = get_plugin_logger("comeback")
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">\s*')


def downloads(state: BuildState, files: Files, config: MkDocsConfig) -> dict[str, Download]:
    """The zips this build links, by name; one it publishes goes into the site."""
    found: dict[str, Download] = {}
    run = state.run
    for name, options in (("offline", state.get(OfflineOptions)), ("scorm", state.get(ScormOptions))):
        if options is None:
            continue
        if state.makes_packages:
            found[name] = Download(name, options.download, None, inside=True)
            continue
        if run is not None:
            path = run.downloads.get(name)
        else:
            path = _stamped(project_dir(config) / options.zip, state, config)
        if path is None or not path.is_file():
            found[name] = Download(name, options.download, None)
        elif run is not None and run.downloads_at:
            found[name] = Download(name, run.downloads_at + options.download, path.stat().st_size)
        else:
            files.append(File.generated(config, options.download, abs_src_path=str(path)))
            found[name] = Download(name, options.download, path.stat().st_size)
    return found


def _stamped(path: Path, state: BuildState, config: MkDocsConfig) -> Path | None:
    """A zip an earlier build made, if its stamp says it is this build's own; else None, and why."""
    if not path.is_file():
        return None
    stamp = read_stamp(path)
    mine = this_stamp(state, config)
    if stamp == mine:
        return path
    why = (
        "it has no stamp"
        if stamp is None
        else f"it holds the {stamp.edition} edition"
        if stamp.edition != mine.edition
        else "it was made for shared computers"
        if stamp.shared_computer != mine.shared_computer
        else f"its PDFs name another address ({stamp.url or 'none'})"
        if stamp.url != mine.url and stamp.content == mine.content
        else "the course has changed since it was made"
    )
    log.info(f"{path} is not published or linked: {why}")
    return None


def this_stamp(state: BuildState, config: MkDocsConfig) -> Stamp:
    """What a zip of this build is: its edition, its mode, its sources, the address its PDFs name."""
    course = state.get(CourseOptions)
    worksheets = state.get(WorksheetsOptions)
    project = project_dir(config)
    sources = [Path(config.docs_dir), Path(config.config_file_path)]
    if course is not None:
        sources += [project / course.worksheets_dir, project / course.sessions_dir]
    # What else shapes the pages: the theme's templates, the hooks' code, what mkdocs.yml says to watch.
    if config.theme.custom_dir:
        sources.append(Path(config.theme.custom_dir))
    hooks: dict[str, ModuleType] = config.hooks  # type: ignore[assignment]  # a dict, whatever MkDocs' type says
    sources += [Path(hook.__file__) for hook in hooks.values() if hook.__file__]
    sources += [Path(path) for path in config.watch]
    shared = worksheets is not None and bool(worksheets.shared_computer)
    return Stamp(state.edition, shared, content_hash(sources, project) + engine_hash(), state.pdf_url(config))


def without_canonical(output: str) -> str:
    return _CANONICAL.sub("", output, count=1)


def make(state: BuildState, config: MkDocsConfig) -> dict[str, Path]:
    """The zips this build makes, from the finished site: the copy for a folder, then the package,
    each stamped; by name."""
    if not state.makes_packages:
        return {}
    site_dir = Path(config.site_dir)
    folder = slugify(config.site_name) or "course"
    stamp = this_stamp(state, config)
    made: dict[str, Path] = {}
    offline = state.get(OfflineOptions)
    if offline is not None:
        index = site_dir / "search" / "search_index.json"
        if index.is_file():  # a fetch of the JSON is refused under file://; a script is not
            index.with_suffix(".js").write_text(f"var __index = {index.read_text(encoding='utf-8')}", encoding="utf-8")
        path = made["offline"] = _target(state, config, offline.zip, "comeback-offline.zip")
        language = str(config.theme.get("language") or "en")
        size = zip_site(site_dir, path, name=config.site_name, folder=folder, language=language)
        log.info(f"offline copy: {_shown(state, path)} ({human_size(size)})")
    scorm = state.get(ScormOptions)
    if scorm is not None and (scorm.make or state.run is not None):
        path = made["scorm"] = _target(state, config, scorm.zip, "comeback-scorm12.zip")
        language = str(config.theme.get("language") or "en")
        size = zip_package(site_dir, path, identifier=folder, title=config.site_name, lang=language)
        log.info(f"SCORM 1.2 package: {_shown(state, path)} ({human_size(size)})")
    for path in made.values():
        write_stamp(path, stamp)
    return made


def _target(state: BuildState, config: MkDocsConfig, configured: str, name: str) -> Path:
    """Where a zip goes: the run's folder for its packages, or the path mkdocs.yml gives."""
    if state.run is not None and state.run.packages_dir is not None:
        return state.run.packages_dir / name
    return project_dir(config) / configured


def _shown(state: BuildState, path: Path) -> str:
    """A zip's path as the author should see it: a run's own zips are published under their name."""
    return path.name if state.run is not None and state.run.packages_dir is not None else str(path)
