"""Reading every worksheets/*.yml into Worksheet models, collecting every problem before failing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from comeback.core.explain import explain
from comeback.core.ids import ID_PATTERN
from comeback.core.problems import Problem, SourceProblems, format_path
from comeback.core.yaml_nodes import YamlDocument, read_yaml

from .model import FIELD_TYPES, Worksheet, shared_fields

__all__ = ["Problem", "WorksheetError", "load_worksheets"]


class WorksheetError(SourceProblems):
    """Every problem found in the worksheets, sorted by file then line; with the worksheets that are
    sound (`loaded`) and the ids of those that are not (`broken`), so that what names a broken
    worksheet is not reported as naming an unknown one."""

    def __init__(
        self, problems: Iterable[Problem], loaded: dict[str, Worksheet] | None = None, broken: Iterable[str] = ()
    ) -> None:
        super().__init__(problems)
        self.loaded = loaded or {}
        self.broken = frozenset(broken)


TOP_LEVEL_KEYS = "id, title, version, minutes and sections"
FIELD_TYPE_NAMES = ", ".join(FIELD_TYPES)
# What a list that must not be empty needs, by its key (options: see explain).
TOO_SHORT = {
    "sections": "a worksheet needs at least one section; add one",
    "fields": "a section needs at least one field; add one or remove the section",
    "columns": "a table needs at least one column; add one, e.g. '- {id: step, label: Step}'",
    "items": "a tracker needs at least one item; add one, e.g. '- {id: walk, label: A walk}'",
    "criteria": "a matrix needs at least one criterion; add one, e.g. '- {id: pay, label: Pay, weight: 3}'",
}


def load_worksheets(directory: Path, *, relative_to: Path | None = None) -> dict[str, Worksheet]:
    """Every worksheet in `directory` by id, in file-name order.

    Raises WorksheetError listing every problem in every file. File names in messages are relative
    to `relative_to` (default: the directory's parent, giving `worksheets/<id>.yml`). A missing
    directory means a site without worksheets.
    """
    if not directory.is_dir():
        return {}
    base = relative_to or directory.parent
    problems: list[Problem] = []
    worksheets: dict[str, Worksheet] = {}
    claimed_ids: dict[str, list[tuple[Path, int]]] = {}
    compared: dict[str, tuple[str, int]] = {}  # worksheet id -> where its compare_with is

    for path in sorted(directory.glob("*.yaml")):
        message = f"worksheet files end in .yml: rename it to {path.stem}.yml"
        problems.append(Problem(_shown(path, base), 1, "", message))

    broken: set[str] = set()
    for path in sorted(directory.glob("*.yml")):
        file = _shown(path, base)
        file_problems, document = read_yaml(path, file)
        worksheet_id = None
        if document is not None:
            checked, worksheet = _check_document(document, path, file)
            file_problems += checked
            worksheet_id = document.data.get("id") if isinstance(document.data, dict) else None
            if isinstance(worksheet_id, str):
                claimed_ids.setdefault(worksheet_id, []).append((path, document.line_of(("id",))))
            if worksheet is not None and not file_problems:
                worksheets[worksheet.id] = worksheet.model_copy(update={"source": path})
                if worksheet.compare_with is not None:
                    compared[worksheet.id] = (file, document.line_of(("compare_with",)))
        if file_problems:  # what names it by its file name or its id is not told it names nothing
            broken.update(name for name in (path.stem, worksheet_id) if isinstance(name, str))
        problems += file_problems

    problems += _duplicate_ids(claimed_ids, base)
    problems += _comparison_problems(worksheets, compared)
    if problems:
        raise WorksheetError(problems, worksheets, broken)
    return worksheets


def _check_document(document: YamlDocument, path: Path, file: str) -> tuple[list[Problem], Worksheet | None]:
    """The problems in one parsed file, and its worksheet when the models accept it."""
    data = document.data
    if data is None:
        return [Problem(file, 1, "", f"the file is empty; a worksheet needs {TOP_LEVEL_KEYS}")], None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        line = document.line_of(())
        message = f"the top level must be a mapping of keys ({TOP_LEVEL_KEYS}), not {kind}"
        return [Problem(file, line, "", message)], None

    problems = [
        Problem(
            file,
            duplicate.line,
            format_path(duplicate.loc),
            f"duplicate key (first on line {duplicate.first_line});"
            " YAML keeps only the last one, so remove one of them",
        )
        for duplicate in document.duplicate_keys
    ]
    worksheet_id = data.get("id")
    if isinstance(worksheet_id, str) and re.fullmatch(ID_PATTERN, worksheet_id) and worksheet_id != path.stem:
        problems.append(
            Problem(
                file,
                document.line_of(("id",)),
                "id",
                f"id '{worksheet_id}' does not match the file name '{path.name}';"
                f" change the id to '{path.stem}' or rename the file to '{worksheet_id}.yml'",
            )
        )
    try:
        return problems, Worksheet.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            loc, message = explain(detail, Worksheet, type_names=FIELD_TYPE_NAMES, too_short=TOO_SHORT)
            problems.append(Problem(file, document.line_of(loc), format_path(loc), message))
        return problems, None


def _duplicate_ids(claimed_ids: dict[str, list[tuple[Path, int]]], base: Path) -> list[Problem]:
    problems: list[Problem] = []
    for worksheet_id, claims in claimed_ids.items():
        if len(claims) < 2:
            continue
        # The file named after the id owns it; the others are the ones to change.
        owner = next((claim for claim in claims if claim[0].stem == worksheet_id), claims[0])
        for path, line in claims:
            if (path, line) != owner:
                problems.append(
                    Problem(
                        _shown(path, base),
                        line,
                        "id",
                        f"worksheet id '{worksheet_id}' is already used by {_shown(owner[0], base)};"
                        " give each worksheet its own id",
                    )
                )
    return problems


def _comparison_problems(worksheets: dict[str, Worksheet], compared: dict[str, tuple[str, int]]) -> list[Problem]:
    """A `compare_with` must name another worksheet that shares at least one field with it."""
    problems: list[Problem] = []
    for worksheet_id, (file, line) in compared.items():
        other_id = worksheets[worksheet_id].compare_with
        other = worksheets.get(other_id or "")
        if other_id == worksheet_id:
            message = "a worksheet cannot be compared with itself; name the worksheet taken earlier"
        elif other is None:
            known = ", ".join(sorted(set(worksheets) - {worksheet_id})) or "none"
            message = f"there is no worksheet '{other_id}' to compare with; use one of: {known}"
        elif not shared_fields(worksheets[worksheet_id], other):
            message = (
                f"'{worksheet_id}' and '{other_id}' share no field (the same id and type), so there is"
                f" nothing to show side by side; give a field of each the same id and type, or remove compare_with"
            )
        else:
            continue
        problems.append(Problem(file, line, "compare_with", message))
    return problems


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
