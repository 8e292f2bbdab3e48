"""`comeback build`: the whole publishable site in one run, from one source.

    site/                the learner edition
    site/facilitator/    the facilitator edition (unless the course switches it off)
    site/downloads/      the copy that works from a folder and the SCORM package, made in this run

Three MkDocs builds, in the order the data flows: the copy for a folder first (it is zipped, with
the SCORM package), then the learner edition, which links and publishes both zips, then the
facilitator edition, which links them. They share the PDF cache, and their PDFs name the learner
edition's address, so each PDF is rendered once in the run, whichever builds use it. When nothing
the zips are made from has changed since the last run, its zips are used again and the copy for a
folder is not built (reuse.py).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from comeback.bundle.stamp import Stamp, read_stamp
from comeback.mkdocs import bundles
from comeback.mkdocs.links import project_dir
from comeback.mkdocs.options import FacilitatorOptions, OfflineOptions, Options
from comeback.mkdocs.state import FEATURES, BuildState, Run, state_of
from comeback.pages.links import human_size
from comeback.print.pipeline import BuildStats

from . import reuse
from .console import say, show_build_log

FACILITATOR_FOLDER = "facilitator"


def add(commands: Any) -> None:
    parser = commands.add_parser(
        "build",
        help="make the whole publishable site: both editions, the downloads, every PDF",
        description=__doc__.split("\n\n", 1)[0],
    )
    parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml", help="the course's mkdocs.yml (default: ./mkdocs.yml)"
    )
    parser.add_argument("-d", "--site-dir", help="where to write the site (default: mkdocs.yml's site_dir, site/)")
    parser.add_argument(
        "--site-url",
        help="the address the site is published at, e.g. https://you.github.io/course/ (default: mkdocs.yml's"
        " site_url); without one, no page or PDF names an address",
    )
    parser.add_argument("--no-strict", action="store_true", help="do not stop on a warning")
    parser.add_argument("-q", "--quiet", action="store_true", help="say only what is wrong")
    parser.set_defaults(run=run)


@dataclass
class Made:
    """One MkDocs build of the run."""

    what: str
    site_dir: Path
    seconds: float
    stats: BuildStats
    zips: dict[str, Path] = field(default_factory=dict)
    reused: bool = False
    """Not built: the zips an earlier run made from the same sources (reuse.py)."""


@dataclass
class Publication:
    site_dir: Path
    builds: list[Made]

    @property
    def rendered(self) -> list[str]:
        """Every PDF the run rendered (or put together anew), once for each time it was."""
        return [path for made in self.builds for path in made.stats.rendered]

    def summary(self) -> list[str]:
        """What was published where, with the sizes of the downloads: the run's last words."""
        seconds = sum(made.seconds for made in self.builds)
        lines = [f"published {self.site_dir} in {seconds:.1f} s:"]
        for made in self.builds:
            if made.site_dir.is_relative_to(self.site_dir):
                lines.append(f"  {made.site_dir}/  {made.what}")
        for path in sorted(self.site_dir.rglob("*.zip")):
            lines.append(f"  {path}  {human_size(path.stat().st_size)}")
        cached = sum(len(made.stats.cached) for made in self.builds)
        lines.append(f"  PDFs: {len(self.rendered)} rendered, {cached} reused from the cache")
        return lines


def run(args: argparse.Namespace) -> int:
    from . import config_file

    show_build_log(quiet=args.quiet)
    try:
        publication = publish(
            config_file(args.config_file),
            site_dir=Path(args.site_dir) if args.site_dir else None,
            site_url=args.site_url,
            strict=not args.no_strict,
        )
    except MkDocsException as error:
        say(f"the build stopped: {error}")
        return 1
    if not args.quiet:
        for line in publication.summary():
            say(line)
    return 0


def publish(
    config_file: Path, *, site_dir: Path | None = None, site_url: str | None = None, strict: bool = True
) -> Publication:
    """Build everything; raises MkDocsException (a PluginError, an Abort) on the first build that fails."""
    base = load_config(str(config_file))
    url = _with_slash(site_url) if site_url is not None else (base.site_url or None)
    target = Path(site_dir) if site_dir is not None else Path(base.site_dir)
    offline = _options(base, OfflineOptions, "comeback/offline")
    facilitator = _options(base, FacilitatorOptions, "comeback/facilitator")
    builds: list[Made] = []
    with tempfile.TemporaryDirectory(prefix="comeback-") as work:
        zips: dict[str, Path] = {}
        if offline is not None:
            run = Run(packages_dir=Path(work) / "downloads", public_url=url)
            copy = _packages(config_file, base, run, Path(work) / "offline", strict)
            builds.append(copy)
            zips = copy.zips
        builds.append(
            _build(config_file, "the learner edition", target, url, Run(downloads=zips, public_url=url), strict)
        )
        if facilitator is not None and facilitator.publish:
            facilitator_url = f"{url}{FACILITATOR_FOLDER}/" if url else None
            run = Run(edition="facilitator", downloads=zips, downloads_at="../", public_url=url)
            builds.append(
                _build(
                    config_file, "the facilitator edition", target / FACILITATOR_FOLDER, facilitator_url, run, strict
                )
            )
    return Publication(target, builds)


def _packages(config_file: Path, base: MkDocsConfig, run: Run, site_dir: Path, strict: bool) -> Made:
    """The copy for a folder and the SCORM package: an earlier run's if nothing they are made from
    has changed (reuse.py), else built, and kept for the next run if the build warned about nothing."""
    what = "the copy that works from a folder, and the packages"
    assert run.packages_dir is not None
    clock = time.perf_counter()
    project = project_dir(base)
    stamp, key = packages_key(base, run)
    if key is not None and (zips := reuse.find(project, key, stamp, run.packages_dir)):
        say(f"{what}: nothing they are made from has changed since the last build, so they are reused")
        return Made(what, site_dir, time.perf_counter() - clock, BuildStats(), zips, reused=True)
    with _counted_warnings() as warnings:
        # No address of its own: it is opened from a folder, or inside a learning platform.
        made = _build(config_file, what, site_dir, None, run, strict)
    if key is not None and not warnings and all(read_stamp(path) == stamp for path in made.zips.values()):
        reuse.keep(project, key, made.zips)
    return made


def packages_key(config: MkDocsConfig, run: Run) -> tuple[Stamp, str | None]:
    """The stamp of the zips a build of `config` in `run` makes, and the fingerprint of everything
    they are made from (None: they cannot be reused)."""
    stamp = bundles.this_stamp(_registered(config, run), config)
    return stamp, reuse.fingerprint(config, stamp)


def _registered(config: MkDocsConfig, run: Run) -> BuildState:
    """The state a build of `config` in `run` has once its plugins have registered (each one that
    is on, in its on_config), without building it."""
    state = BuildState(run=run)
    for name in FEATURES.values():
        options = _options(config, Options, name)
        if options is not None:
            state.register(options)
    return state


@contextmanager
def _counted_warnings() -> Iterator[list[logging.LogRecord]]:
    """The warnings MkDocs and the plugins (which log under it) say meanwhile."""
    counter = _Counter(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        yield counter.records
    finally:
        logger.removeHandler(counter)


class _Counter(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _build(config_file: Path, what: str, site_dir: Path, site_url: str | None, run: Run, strict: bool) -> Made:
    say(f"building {what}")
    clock = time.perf_counter()
    config = load_config(str(config_file), site_dir=str(site_dir), site_url=site_url, strict=strict)
    state_of(config).run = run
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    engine = config.plugins.get("comeback/course")
    stats = getattr(engine, "stats", BuildStats())
    zips = dict(getattr(engine, "made", {}))
    return Made(what, site_dir, time.perf_counter() - clock, stats, zips)


def _options(config: MkDocsConfig, kind: type[Options], name: str) -> Any:
    """A comeback plugin's options, if the course uses it and it is on."""
    plugin = config.plugins.get(name)
    options = getattr(plugin, "config", None)
    return options if isinstance(options, kind) and options.enabled else None


def _with_slash(url: str) -> str:
    return url if url.endswith("/") or not url else url + "/"
