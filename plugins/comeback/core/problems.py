"""How a problem in a source file is reported: one line that says where and what to do, and a
build's problems reported together, at most MAX_SHOWN of them, so that a hostile or badly broken
file cannot bury the first problems under thousands of lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Loc = tuple[str | int, ...]
MAX_SHOWN = 50


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


class SourceProblems(Exception):
    """Every problem found in some source files, sorted by file then line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        # sorted() is stable, so problems on one line keep the order they were found in
        self.problems = sorted(problems, key=lambda problem: (problem.file, problem.line))
        super().__init__(str(self))

    def __str__(self) -> str:
        return summarize([str(problem) for problem in self.problems])


def summarize(lines: list[str], limit: int = MAX_SHOWN) -> str:
    """`lines` one a line, the first `limit` of them and then how many more there are."""
    if len(lines) <= limit:
        return "\n".join(lines)
    hidden = len(lines) - limit
    return "\n".join([*lines[:limit], f"... and {hidden} more problem{'s' if hidden != 1 else ''}"])


def format_path(loc: Loc) -> str:
    """("sections", 1, "fields", 0, "type") -> "sections[1].fields[0].type"."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
