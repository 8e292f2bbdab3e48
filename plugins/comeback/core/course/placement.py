"""Which lesson places which worksheet, checked across the whole site: every directive must name a
known worksheet, and each worksheet is placed once (its answers and its form ids are per worksheet)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from comeback.core.ids import form_ids
from comeback.core.worksheets.model import Worksheet

from .directives import Directive, scan_directives


@dataclass(frozen=True)
class PlacementError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class Placements:
    """Collects the directives of every page, then answers what was placed where and what is wrong."""

    def __init__(self, worksheets: Mapping[str, Worksheet], *, worksheets_dir: str = "worksheets") -> None:
        self.worksheets = worksheets
        self.worksheets_dir = worksheets_dir
        """How messages name the folder of worksheets."""
        self.pages: dict[str, str] = {}
        """Worksheet id -> the page (its src_uri) that places it."""
        self._where: dict[str, str] = {}
        self._errors: list[PlacementError] = []

    def add_page(self, markdown: str, *, page: str, file: str, line_offset: int = 0) -> list[Directive]:
        """Check one page's directives and return the ones to expand into forms.

        `page` is the page's id for `pages` (its src_uri); `file` is how messages name it
        (e.g. content/lessons/2-goals.md); `line_offset` counts the front-matter lines.
        """
        scan = scan_directives(markdown, line_offset=line_offset)
        self._errors += [PlacementError(file, bad.line, bad.message) for bad in scan.malformed + scan.misplaced]
        placed: list[Directive] = []
        html_ids: dict[str, str] = {}  # id -> the worksheet on this page whose form uses it
        for directive in scan.directives:
            worksheet_id = directive.worksheet_id
            if worksheet_id not in self.worksheets:
                self._errors.append(PlacementError(file, directive.line, self._unknown(worksheet_id)))
            elif worksheet_id in self._where:
                first = self._where[worksheet_id]
                message = f"worksheet '{worksheet_id}' is already placed at {first}; place each worksheet once"
                self._errors.append(PlacementError(file, directive.line, message))
            elif clashes := sorted(_form_ids(self.worksheets[worksheet_id]) & html_ids.keys()):
                # A repeated id breaks the labels of both forms (for=, aria-labelledby).
                other = html_ids[clashes[0]]
                message = (
                    f"worksheets '{other}' and '{worksheet_id}' cannot share a page: both forms would use the"
                    f" HTML id '{clashes[0]}'; place them on different pages, or rename a field or a worksheet"
                )
                self._errors.append(PlacementError(file, directive.line, message))
            else:
                self._where[worksheet_id] = f"{file}:{directive.line}"
                self.pages[worksheet_id] = page
                html_ids.update(dict.fromkeys(_form_ids(self.worksheets[worksheet_id]), worksheet_id))
                placed.append(directive)
        return placed

    @property
    def errors(self) -> list[PlacementError]:
        return sorted(self._errors, key=lambda error: (error.file, error.line))

    def unplaced(self) -> list[Worksheet]:
        return [worksheet for worksheet_id, worksheet in self.worksheets.items() if worksheet_id not in self.pages]

    def _unknown(self, worksheet_id: str) -> str:
        close = difflib.get_close_matches(worksheet_id, list(self.worksheets), n=1)
        if close:
            return f"unknown worksheet '{worksheet_id}' (did you mean '{close[0]}'?)"
        return (
            f"unknown worksheet '{worksheet_id}': there is no {self.worksheets_dir}/{worksheet_id}.yml;"
            " check the id or add the file"
        )


def _form_ids(worksheet: Worksheet) -> set[str]:
    return form_ids(worksheet.id, (field.id for field in worksheet.all_fields))
