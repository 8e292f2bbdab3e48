"""Shared fixtures: real MkDocs builds (the repo's own site and throwaway sites), a local static
server that can mount a site under a sub-path, and Playwright driving the system Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
import yaml

import organisation
from comeback.core.course.load import CourseError, Sources, load_course
from comeback.core.course.model import Course, Edition
from comeback.core.markup import DIRECTIVES
from comeback.core.support.model import Support
from comeback.pages.directives import Build, render_directive
from comeback.pages.guide import sessions_markdown
from comeback.pages.transform import page_markdown

DIRECTIVE_FEATURES = {directive.feature for directive in DIRECTIVES.values()} | {"comeback/scorm"}

REPO = Path(__file__).resolve().parent.parent
SUB_PATH = "/comeback/"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# --- MkDocs builds -------------------------------------------------------------------------


@dataclass
class BuiltSite:
    """The outcome of one real `mkdocs build`: where it went, whether it failed, what it logged."""

    root: Path
    site_dir: Path
    error: str | None = None
    logs: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    """Each plugin's own account of the build (its `stats`), by plugin name, taken right after it:
    MkDocs keeps plugin instances from one load_config to the next."""

    def dumps(self) -> str:
        """As JSON, for another test process (the plugins' stats stay behind)."""
        data = {"root": str(self.root), "site_dir": str(self.site_dir), "error": self.error, "logs": self.logs}
        return json.dumps(data)

    @staticmethod
    def loads(text: str) -> BuiltSite:
        data = json.loads(text)
        return BuiltSite(Path(data["root"]), Path(data["site_dir"]), data["error"], data["logs"])

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def errors(self) -> list[str]:
        """What the build reported as errors, one message line each: logged (a PluginError raised
        once the pages are read is logged, and the build ends "Aborted with a BuildError!") or
        raised (a PluginError raised before, such as the problems of the course's sources)."""
        logged = [
            message for line in self.logs if line.startswith("ERROR:") for message in line.split(":", 2)[2].splitlines()
        ]
        raised = [] if self.error is None or self.error.startswith("Aborted with") else self.error.splitlines()
        return logged + raised

    @property
    def warnings(self) -> list[str]:
        return [line.split(":", 2)[2] for line in self.logs if line.startswith("WARNING:")]

    def page(self, url_path: str) -> str:
        """The built HTML of a page, e.g. page("lessons/x/")."""
        target = self.site_dir / url_path
        if target.is_dir() or url_path.endswith("/") or not url_path:
            target = target / "index.html"
        return target.read_text(encoding="utf-8")


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}:{record.name}:{record.getMessage()}")


@contextlib.contextmanager
def captured_log() -> Iterator[list[str]]:
    """MkDocs' log (the plugins' included) while in the block, as "LEVEL:logger:message" lines."""
    handler = _ListHandler()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    # Every message, whatever level the `comeback` command set for a logger before, in this process.
    levels = {name: logging.getLogger(name).level for name in ("mkdocs", "mkdocs.commands.build")}
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").setLevel(logging.NOTSET)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def build_site(root: Path, *, strict: bool = True, site_dir: Path | None = None, **overrides: Any) -> BuiltSite:
    """Run a real `mkdocs build` of the project in `root` in this process and capture its log."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    built = BuiltSite(root=root, site_dir=site_dir or root / "site")
    cwd = os.getcwd()
    with captured_log() as built.logs:
        try:
            os.chdir(root)
            config = load_config(str(root / "mkdocs.yml"), strict=strict, site_dir=str(built.site_dir), **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                # The engine (comeback/course) makes the PDFs and keeps their account.
                engine = config.plugins.get("comeback/course")
                built.stats = {"comeback/pdf": engine.stats} if engine is not None and hasattr(engine, "stats") else {}
                config.plugins.on_shutdown()
        except MkDocsException as error:  # PluginError, ConfigurationError and Abort all land here
            built.error = str(error)
        finally:
            os.chdir(cwd)
    return built


MakeSite = Callable[..., BuiltSite]


def write_site(root: Path, files: dict[str, str], config: dict[str, Any]) -> Path:
    """Writes `files` (path relative to `root`: text) and `config` as mkdocs.yml; returns `root`.
    A site with a comeback plugin gets comeback/course, the engine they work through, if it lacks it."""
    plugins = config.get("plugins") or []
    names = [plugin if isinstance(plugin, str) else next(iter(plugin)) for plugin in plugins]
    if any(name.startswith("comeback/") for name in names) and "comeback/course" not in names:
        config = {**config, "plugins": ["comeback/course", *plugins]}
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


# --- The core, without MkDocs -----------------------------------------------------------------


def course_in(root: Path, files: dict[str, str] | None = None, **sources: Any) -> Course:
    """The course in `root` (content/, worksheets/, sessions/), loaded by the core alone: no MkDocs,
    no build. `files` are written first; `sources` go to core.course.load.Sources (features=...).
    Raises CourseError, as a build would report it."""
    for relative, text in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    docs = root / "content"
    pages = sources.pop("pages", None) or sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    return load_course(Sources(project=root, docs_dir=docs, pages=pages, **sources), Support())


def repo_course(**overrides: Any) -> Course:
    """This repository's course, as its build loads it (mkdocs.yml read, the plugins set up), but no build."""
    from mkdocs.config import load_config

    from comeback.mkdocs.course import check_project

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return check_project(load_config(str(REPO / "mkdocs.yml"), **overrides))


def learner_worksheets() -> list[str]:
    """The course's worksheets a learner sees: all but the facilitator's forms the guide places
    (the rollout pack's), which only the facilitator edition has."""
    course = repo_course()
    return [worksheet for worksheet in course.worksheets if not course.is_guide(course.placements.get(worksheet, ""))]


def course_problems(root: Path, files: dict[str, str], **sources: Any) -> list[str]:
    """What the core says is wrong with the course in `root`, one line each."""
    with pytest.raises(CourseError) as caught:
        course_in(root, files, **sources)
    return str(caught.value).splitlines()


class FlatLinks:
    """pages.directives.Links for a page at the docs root of a site with directory URLs."""

    def page(self, src_path: str) -> str | None:
        return src_path.removesuffix(".md").removesuffix("index") + "/"

    def file(self, site_path: str) -> str:
        return site_path

    @property
    def to_docs(self) -> str:
        return ""


def markdown_of(course: Course, path: str, *, edition: Edition = "learner", pdfs: bool = False) -> str:
    """A page's Markdown as the page pass makes it for `edition`, without MkDocs."""
    page = course.pages[path]
    build = Build(course=course, features=frozenset(DIRECTIVE_FEATURES), pdfs=pdfs)
    lesson = course.lesson_at(path)
    to_docs = "../" * path.count("/")
    return page_markdown(
        page,
        edition=edition,
        references=course.references,
        render=lambda use: render_directive(use, page, build, FlatLinks()),
        notes_end=sessions_markdown(course, lesson.id, to_docs=to_docs) if lesson else "",
    )


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Write a small site into tmp_path and build it for real.

    make_site({"content/index.md": "# Hi", "worksheets/x.yml": "..."}, config={...}, strict=True)
    `config` is merged over a minimal Material config; pass `plugins` to choose plugins.
    """

    def make(files: dict[str, str], *, config: dict[str, Any] | None = None, strict: bool = True) -> BuiltSite:
        base: dict[str, Any] = {
            "site_name": "Test site",
            "site_url": "http://127.0.0.1/test/",
            "docs_dir": "content",
            "theme": {"name": "material", "font": False},
            "plugins": ["comeback/worksheets"],
        }
        base.update(config or {})
        return build_site(write_site(tmp_path, {"content/index.md": "# Home\n", **files}, base), strict=strict)

    return make


# --- The course, built once a run in each edition and variant ---------------------------------
#
# Each is built once however many test processes run (pytest-xdist): the first process to need it
# builds it under a lock, and the others read what it built. Each looks for the zips of the copy for
# a folder and of the SCORM package in a folder of its own, so that a zip an earlier build left in
# .cache changes nothing.


class Record(Protocol):
    def dumps(self) -> str: ...


R = TypeVar("R", bound=Record)


def shared(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], R], loads: Callable[[str], R]) -> R:
    """`build(folder)` once for the whole run, its result shared by every test process."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each process's own
    shared = base / "shared"
    shared.mkdir(exist_ok=True)
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = shared / f"{name}.json"
        if record.exists():
            return loads(record.read_text(encoding="utf-8"))
        built = build(shared / name)
        record.write_text(built.dumps(), encoding="utf-8")
    return built


def shared_build(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], BuiltSite]) -> BuiltSite:
    return shared(factory, name, build, BuiltSite.loads)


def course_build(folder: Path, environment: dict[str, str] | None = None, *, root: Path = REPO) -> BuiltSite:
    """The course in `root` built into `folder`/site by `mkdocs build --strict`, in this environment."""
    with pytest.MonkeyPatch.context() as patch:
        # Where to look for the zips of an earlier build: nowhere, whatever .cache holds.
        patch.setenv("COMEBACK_OFFLINE_ZIP", str(folder / "no-offline-copy.zip"))
        patch.setenv("COMEBACK_SCORM_ZIP", str(folder / "no-scorm-package.zip"))
        for key, value in (environment or {}).items():
            patch.setenv(key, value)
        built = build_site(root, strict=True, site_dir=folder / "site")
    if not built.ok:
        pytest.fail(f"the course does not build with --strict: {built.error}\n" + "\n".join(built.logs[-30:]))
    return built


PUBLIC_URL = "https://example.org/comeback/"
"""Where the course's `comeback build` says it is published."""


@dataclass
class Published:
    """One `comeback build` of the course, as the Pages workflow runs it: the learner edition in
    site/, the facilitator edition in site/facilitator/, the zips in site/downloads/."""

    site: BuiltSite
    rendered: list[str]
    """Each PDF the run rendered, once for each time it did."""

    @property
    def facilitator(self) -> BuiltSite:
        return BuiltSite(self.site.root, self.site.site_dir / "facilitator", logs=self.site.logs)

    @property
    def downloads(self) -> Path:
        return self.site.site_dir / "downloads"

    def dumps(self) -> str:
        return json.dumps({"site": self.site.dumps(), "rendered": self.rendered})

    @staticmethod
    def loads(text: str) -> Published:
        data = json.loads(text)
        return Published(BuiltSite.loads(data["site"]), data["rendered"])


def publish_course(folder: Path) -> Published:
    from mkdocs.exceptions import MkDocsException

    from comeback.cli.build import publish

    site = BuiltSite(REPO, folder / "site")
    with captured_log() as site.logs:
        try:
            publication = publish(REPO / "mkdocs.yml", site_dir=site.site_dir, site_url=PUBLIC_URL, reuse_site=False)
        except MkDocsException as error:
            pytest.fail(f"`comeback build` of the course failed: {error}\n" + "\n".join(site.logs[-30:]))
    return Published(site, publication.rendered)


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """`comeback build` of the course, PDFs and zips included: what the Pages workflow publishes."""
    return shared(tmp_path_factory, "published", publish_course, Published.loads)


@pytest.fixture(scope="session")
def built_site(published: Published) -> BuiltSite:
    """The course's learner edition, as published."""
    return published.site


@pytest.fixture(scope="session")
def facilitator_site(published: Published) -> BuiltSite:
    """The facilitator edition, as published beside the learner edition, in its facilitator/ folder."""
    return published.facilitator


def starter_course(folder: Path, language: str = "en") -> Path:
    """`comeback new` in `folder`/course: the starter course in `language`; its folder."""
    from comeback.cli.new import write_starter

    root = folder / "course"
    write_starter(root, language)
    return root


def publish_starter(language: str) -> Callable[[Path], Published]:
    """`comeback build` of a new starter course in `language`, with no site URL, every PDF made anew."""

    def publish_it(folder: Path) -> Published:
        from mkdocs.exceptions import MkDocsException

        from comeback.cli.build import publish

        root = starter_course(folder, language)
        site = BuiltSite(root, root / "site")
        with captured_log() as site.logs, pytest.MonkeyPatch.context() as patch:
            patch.delenv("SITE_URL", raising=False)
            try:
                publication = publish(root / "mkdocs.yml", reuse_site=False)
            except MkDocsException as error:
                pytest.fail(f"`comeback build` of the starter failed: {error}\n" + "\n".join(site.logs[-30:]))
        return Published(site, publication.rendered)

    return publish_it


@pytest.fixture(scope="session")
def starter_published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """`comeback new` then `comeback build` without a site URL: the starter course, published."""
    return shared(tmp_path_factory, "starter-en", publish_starter("en"), Published.loads)


@pytest.fixture(scope="session")
def training_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The course built for a training room's shared computers (no PDFs: they are not the point)."""

    def build(folder: Path) -> BuiltSite:
        return course_build(folder, {"COMEBACK_SHARED_COMPUTER": "1", "COMEBACK_PDF": "0"})

    return shared_build(tmp_path_factory, "training-room", build)


@pytest.fixture(scope="session")
def organisation_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The course as Northwind Trust builds it: a copy of the repository with its logo, colour and
    contacts (tests/organisation.py), PDFs included."""

    def build(folder: Path) -> BuiltSite:
        root = folder / "project"
        for name in ("content", "worksheets", "sessions", "overrides"):
            shutil.copytree(REPO / name, root / name)
        (root / "content/assets/brand").mkdir(parents=True)
        (root / "content/assets/brand/logo.svg").write_text(organisation.LOGO, encoding="utf-8")
        text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        extra = {"extra": {"generator": False, "brand": organisation.BRAND, "support": organisation.SUPPORT}}
        (root / "mkdocs.yml").write_text(
            text.split("\nextra:\n", 1)[0] + "\n" + yaml.safe_dump(extra, sort_keys=False), encoding="utf-8"
        )
        return course_build(folder, root=root)

    return shared_build(tmp_path_factory, "organisation", build)


# --- A static server that mounts a site under a sub-path -----------------------------------


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only below `prefix`, as GitHub Pages serves a project site."""

    prefix = SUB_PATH

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Server:
    base_url: str
    stop: Callable[[], None]


def start_server(site_dir: Path, prefix: str = SUB_PATH) -> Server:
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()

    return Server(base_url=f"http://127.0.0.1:{httpd.server_address[1]}{prefix}", stop=stop)


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """serve(site_dir, prefix="/comeback/") -> base URL ending in the prefix; stopped after the test."""
    servers: list[Server] = []

    def start(site_dir: Path, prefix: str = SUB_PATH) -> str:
        server = start_server(site_dir, prefix)
        servers.append(server)
        return server.base_url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def course_url(built_site: BuiltSite) -> Iterator[str]:
    """The repo's own built course, served under /comeback/ for the whole session."""
    server = start_server(built_site.site_dir)
    yield server.base_url
    server.stop()


# --- Playwright on the system Chromium ----------------------------------------------------


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` or set CHROMIUM_PATH")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """pytest-playwright's base URL: none, as each test serves the site it needs. (Defined here so
    that pytest-playwright's own fallback, a deprecated kind of session fixture, is never used.)"""
    return None
