"""Reading content/references.yml into Reference models, every problem reported with its line."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from comeback.core.explain import explain
from comeback.core.problems import Problem, SourceProblems, format_path
from comeback.core.yaml_nodes import read_yaml

from .model import Reference, ReferencesFile


class ReferencesError(SourceProblems):
    """Every problem found in the references file."""


def load_references(path: Path, *, shown: str) -> dict[str, Reference]:
    """Every reference in `path` by id, in the file's order; `shown` names the file in messages.
    A missing file means a course without references."""
    if not path.is_file():
        return {}
    problems, document = read_yaml(path, shown)
    references: dict[str, Reference] = {}
    if document is not None:
        problems += [
            Problem(
                shown,
                duplicate.line,
                format_path(duplicate.loc),
                f"duplicate id (first on line {duplicate.first_line}); give each reference its own id",
            )
            for duplicate in document.duplicate_keys
        ]
        if document.data is not None:
            try:
                references = ReferencesFile.model_validate(document.data).root
            except ValidationError as error:
                for detail in error.errors():
                    loc, message = explain(detail, ReferencesFile)
                    problems.append(Problem(shown, document.line_of(loc), format_path(loc), message))
    if problems:
        raise ReferencesError(problems)
    return references
