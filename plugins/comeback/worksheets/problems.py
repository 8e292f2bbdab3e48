"""How a problem in a worksheet file is reported: one line that says where and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, e.g. `worksheets/x.yml:14: sections[1].fields[0].type: ...`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class WorksheetError(Exception):
    """Every problem found in the worksheets, sorted by file then line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        # sorted() is stable, so problems on one line keep the order they were found in
        self.problems = sorted(problems, key=lambda problem: (problem.file, problem.line))
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def format_path(loc: Loc) -> str:
    """("sections", 1, "fields", 0, "type") -> "sections[1].fields[0].type"."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
