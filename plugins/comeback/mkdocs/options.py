"""The options of every comeback plugin in mkdocs.yml, in one place. Every plugin has `enabled`
first, which takes true/false, 1/0, yes/no or on/off (so `!ENV [COMEBACK_X, true]` works), and
`enabled: false` means the plugin does nothing at all."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as opt

from comeback.core.course.model import EDITIONS


class Switch(opt.Type[bool]):
    """A yes/no option that also takes what an environment variable gives through `!ENV`:
    COMEBACK_PDF=0 arrives as the integer 0, COMEBACK_PDF=off as the string "off"."""

    _WORDS: ClassVar[dict[str, bool]] = {
        "1": True,
        "true": True,
        "yes": True,
        "on": True,
        "0": False,
        "false": False,
        "no": False,
        "off": False,
    }

    def __init__(self, default: bool) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in self._WORDS:
            return self._WORDS[value.strip().lower()]
        raise base.ValidationError(f"expected true or false (or 1/0, yes/no, on/off), got {value!r}")


class Options(base.Config):
    enabled = Switch(default=True)
    """`false`: the plugin does nothing at all."""


AnyOptions = TypeVar("AnyOptions", bound=Options)


class CourseOptions(Options):
    """`comeback/course`: the engine every other comeback plugin works through, and where the course's
    sources are."""

    worksheets_dir = opt.Type(str, default="worksheets")
    """The folder of worksheet YAML files (`<id>.yml`), relative to mkdocs.yml."""

    sessions_dir = opt.Type(str, default="sessions")
    """The folder of session plans (`<format>.yml`), relative to mkdocs.yml."""

    references = opt.Type(str, default="references.yml")
    """The references, relative to the docs folder. The build reads it; the site does not publish it."""

    lessons = opt.Type(str, default="lessons/")
    """Pages whose path in the docs folder starts with this are lessons."""

    guide = opt.Type(str, default="facilitator/")
    """Pages whose path in the docs folder starts with this are the facilitator guide's: only the
    facilitator edition has them."""

    materials = opt.Type(str, default="facilitator/materials/")
    """Pages whose path in the docs folder starts with this are facilitator materials."""


class FacilitatorOptions(Options):
    """`comeback/facilitator`: the two editions. Off, a build is the learner edition."""

    edition = opt.Choice(EDITIONS, default="learner")
    """`learner` (the default) leaves every facilitator note and guide page out of the site, its
    search index and its PDFs; `facilitator` shows the notes, marked, and adds the guide.
    `edition: !ENV [COMEBACK_EDITION, learner]` lets COMEBACK_EDITION=facilitator choose it."""

    title = opt.Optional(opt.Type(str))
    """The guide's section in the navigation; default: "For facilitators", in the site's language."""

    nav = opt.Type(list, default=[])
    """The guide's pages, as MkDocs' `nav` takes them: in the facilitator edition only, the first
    section of the navigation."""

    home = opt.Optional(opt.Type(str))
    """A page of the guide (e.g. facilitator/guide.md) that is the facilitator edition's home page:
    at the site's root and first in its navigation, while the learners' home page (index.md) moves
    to learners/. Without it, the edition's home page is the learners'."""

    publish = Switch(default=True)
    """`comeback build` publishes the facilitator edition in the site's facilitator/ folder. A public
    address is not access control: `publish: false` leaves it out."""


class WorksheetsOptions(Options):
    """`comeback/worksheets`: `::worksheet[<id>]` forms that save in the learner's browser."""

    shared_computer = Switch(default=False)
    """Build for shared computers (a training room): answers live only for the browser session
    (sessionStorage), every worksheet says so and offers to erase them. Without it, a learner can
    still switch this on for themselves. `shared_computer: !ENV [COMEBACK_SHARED_COMPUTER, false]`."""


class LearnerOptions(Options):
    """`comeback/learner`: `::my-plan`, `::progress` and `::your-data`, and each lesson's progress."""

    printables = opt.Type(str, default="printables.md")
    """The page with the PDFs, which the plan points to where the browser cannot build it."""


class BrandOptions(Options):
    """`comeback/brand`: the organisation of `extra.brand` on the site and its PDFs."""


class SupportOptions(Options):
    """`comeback/support`: `extra.support` checked, and `::support` on the pages that place it."""


class ReferencesOptions(Options):
    """`comeback/references`: `[@id]` citations and `::references`, from the references file."""


class _Zip(Options):
    zip = opt.Type(str, default="")
    """Where the zip is written by the build that makes it, and found by the others (relative to mkdocs.yml)."""

    download = opt.Type(str, default="")
    """Where it goes in the sites that link it."""


class OfflineOptions(_Zip):
    """`comeback/offline`: the copy that works from a folder, zipped; `::download[offline]` links it."""

    make = Switch(default=False)
    """This build is the copy that works from a folder (plain .html links, no instant navigation),
    and zips itself: `make: !ENV [COMEBACK_OFFLINE, false]`. Otherwise, the build links the zip an
    earlier build made, if there is one."""

    zip = opt.Type(str, default=".cache/comeback-offline/comeback-offline.zip")
    download = opt.Type(str, default="downloads/comeback-offline.zip")


class ScormOptions(_Zip):
    """`comeback/scorm`: the same copy as a SCORM 1.2 package; `::download[scorm]` links it."""

    make = Switch(default=False)
    """Write the package. It is made from the copy that works from a folder, so it goes with
    comeback/offline's `make`: `make: !ENV [COMEBACK_OFFLINE, false]`."""

    zip = opt.Type(str, default=".cache/comeback-scorm/comeback-scorm12.zip")
    download = opt.Type(str, default="downloads/comeback-scorm12.zip")


class PdfOptions(Options):
    """`comeback/pdf`: fillable, tagged PDFs of the catalogue of printables."""

    paper = opt.Choice(("a4", "letter"), default="a4")
    """Paper size of every PDF."""

    serve = Switch(default=False)
    """Make PDFs during `mkdocs serve` too (unchanged ones come from the cache)."""

    cache = Switch(default=True)
    """Keep rendered PDFs between builds (as Material's social plugin does). With `cache: false`
    every PDF is rendered anew and the cache is neither read nor written."""

    cache_dir = opt.Type(str, default=".cache/comeback-pdf")
    """Where rendered PDFs are kept between builds, relative to mkdocs.yml."""

    workers = opt.Optional(opt.Type(int))
    """How many processes render PDFs at once; default: every core this process may use."""

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        if self.workers is not None and self.workers < 1:
            failed.append(("workers", base.ValidationError("must be at least 1")))
        return failed, warnings
