"""What one build of the site knows, shared by the comeback plugins of that build: the options
each plugin that is on registers (in its on_config), the course the engine loads once every plugin
has registered, and what the engine's later steps hand to each other. Plugins never reach each other
through `config.plugins`; they meet here, in data, keyed by the build's config."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from comeback.core.brand.model import Brand
from comeback.core.course.model import Course, Edition
from comeback.print.documents import PageHtml

from .options import (
    AnyOptions,
    BrandOptions,
    CourseOptions,
    FacilitatorOptions,
    LearnerOptions,
    OfflineOptions,
    Options,
    PdfOptions,
    ReferencesOptions,
    ScormOptions,
    SupportOptions,
    WorksheetsOptions,
)

FEATURES: dict[type[Options], str] = {
    CourseOptions: "comeback/course",
    FacilitatorOptions: "comeback/facilitator",
    WorksheetsOptions: "comeback/worksheets",
    LearnerOptions: "comeback/learner",
    BrandOptions: "comeback/brand",
    SupportOptions: "comeback/support",
    ReferencesOptions: "comeback/references",
    OfflineOptions: "comeback/offline",
    ScormOptions: "comeback/scorm",
    PdfOptions: "comeback/pdf",
}
"""Every comeback plugin by the type of its options."""


@dataclass(frozen=True)
class Run:
    """What `comeback build` or `comeback serve` decides about one build of its run, where
    mkdocs.yml's options would decide for a build of MkDocs' own."""

    edition: Edition = "learner"
    packages_dir: Path | None = None
    """This build is the copy that works from a folder: it zips itself into this folder, with the
    SCORM package (where those plugins are on)."""
    downloads: Mapping[str, Path] = field(default_factory=dict)
    """The zips made earlier in this run, by name (offline, scorm): this build links them."""
    downloads_at: str = ""
    """Where this build's site finds the run's downloads folder, from its own root: "" when the
    zips go into it, "../" for the facilitator edition published in the learner edition's
    facilitator/ folder."""
    public_url: str | None = None
    """Where the learner edition is published: PDFs are the same in every build of the run, so
    their links and footers name it."""


@dataclass
class BuildState:
    options: dict[str, Options] = field(default_factory=dict)
    """The options of every comeback plugin that is on, by its name in mkdocs.yml."""
    brand: Brand | None = None
    """extra.brand, checked by comeback/brand when it is on."""
    course: Course | None = None
    """Loaded by the engine once every plugin has registered (its on_files)."""
    pages: dict[str, PageHtml] = field(default_factory=dict)
    """Every page's content HTML as Markdown made it (worksheet placeholders, no forms yet), for print."""
    problems: list[str] = field(default_factory=list)
    """Problems found while the pages are made, reported together once every page is read."""
    run: Run | None = None
    """Set by the `comeback` command before the build: what its run decides."""

    def register(self, options: Options) -> None:
        """A plugin that is on says so, with its options."""
        self.options[FEATURES[type(options)]] = options

    def get(self, kind: type[AnyOptions]) -> AnyOptions | None:
        """The options of a plugin that is on, or None."""
        found = self.options.get(FEATURES[kind])
        return found if isinstance(found, kind) else None

    @property
    def features(self) -> frozenset[str]:
        return frozenset(self.options)

    @property
    def edition(self) -> Edition:
        facilitator = self.get(FacilitatorOptions)
        if facilitator is None:
            return "learner"
        return self.run.edition if self.run is not None else facilitator.edition

    @property
    def makes_packages(self) -> bool:
        """This build is the copy that works from a folder (comeback/offline's `make`, or the run's)."""
        offline = self.get(OfflineOptions)
        return offline is not None and (offline.make if self.run is None else self.run.packages_dir is not None)

    def pdf_url(self, config: MkDocsConfig) -> str | None:
        """The address the build's PDFs name: in a run, where its learner edition is published (the
        same in every build of the run, so that they share their PDFs); else the site's own."""
        return (self.run.public_url if self.run is not None else None) or config.site_url or None

    def the_course(self) -> Course:
        assert self.course is not None, "the engine loads the course in on_files"
        return self.course


_states: dict[int, tuple[weakref.ref[MkDocsConfig], BuildState]] = {}
_process: dict[str, Run | None] = {"run": None}
"""The run of every build this process makes (`comeback serve`, whose server loads the config
again for each rebuild)."""


def set_process_run(run: Run | None) -> None:
    _process["run"] = run


def state_of(config: MkDocsConfig) -> BuildState:
    """The state of the build whose config this is (made on first use: a new config is a new build,
    which is what `mkdocs serve` makes for every rebuild)."""
    found = _states.get(id(config))
    if found is not None and found[0]() is config:
        return found[1]
    for key in [key for key, (ref, _) in _states.items() if ref() is None]:
        del _states[key]
    state = BuildState(run=_process["run"])
    _states[id(config)] = (weakref.ref(config), state)
    return state
