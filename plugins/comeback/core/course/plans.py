"""Session plans: how a facilitator runs the course, as data (`sessions/<format>.yml`). One file a
format (six weekly sessions, a half-day workshop, one-to-one coaching), checked like worksheets:
every problem in every file at once, each with its file and line. The same data renders the guide's
pages and its PDFs."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from comeback.core.explain import explain
from comeback.core.ids import ID_PATTERN
from comeback.core.problems import Problem, SourceProblems, format_path
from comeback.core.yaml_nodes import YamlDocument, read_yaml

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
Kind = Literal["welcome", "review", "input", "activity", "writing", "discussion", "pairs", "break", "close"]
LONG_WITHOUT_A_BREAK = 90
"""Minutes after which a session needs a break in its agenda."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class AgendaItem(_Model):
    """One timed step of a session."""

    minutes: int = Field(ge=1, le=120)
    """How long it takes."""
    kind: Kind
    """What sort of step: welcome, review (of last time's homework), input, activity, writing,
    discussion, pairs, break or close."""
    title: Text
    """What the facilitator calls it on the agenda."""
    how: Text | None = None
    """What happens, in a sentence or two (Markdown)."""


class PairExercise(_Model):
    """Work in pairs, with what to do when the group is an odd number."""

    exercise: Text
    """What the pairs do (Markdown)."""
    odd_number: Text
    """What to do with an odd number of people (Markdown)."""


class Session(_Model):
    """One session of a format."""

    id: Id
    """Stable id, e.g. week-1; the session's handout pack is named after it."""
    title: Text
    minutes: int = Field(ge=10, le=480)
    """Its length; the agenda's minutes (breaks included) must add up to it."""
    lessons: list[Id] = Field(min_length=1)
    """The lessons it covers, by file name without .md (e.g. 1-reframe-the-setback)."""
    objectives: list[Text] = Field(min_length=1)
    """What people will be able to do by the end."""
    materials: list[Id] = Field(default_factory=list)
    """Materials it uses, by file name in content/facilitator/materials/ without .md."""
    worksheets: list[Id] = Field(default_factory=list)
    """Worksheets it uses, by id."""
    pre_work: Text
    """What people do before the session (Markdown)."""
    agenda: list[AgendaItem] = Field(min_length=2)
    """The timed steps, in order."""
    group_activity: Text
    """The main activity, step by step (Markdown)."""
    discussion: list[Text] = Field(min_length=1)
    """Questions for discussion."""
    pairs: PairExercise | None = None
    """The pair exercise (group formats need one)."""
    close: Text
    """How the session ends (Markdown)."""
    homework: list[Text] = Field(min_length=1)
    """What people do before next time; the next session opens by reviewing it."""


class Plan(_Model):
    """A format: sessions/<id>.yml."""

    model_config = ConfigDict(title="Comeback session plan")

    id: Id
    """Must equal the file name without .yml."""
    title: Text
    summary: Text
    """Who it suits and how it runs, in a sentence or two (Markdown)."""
    group: bool
    """A group format: it must cover every lesson, and every session needs a pair exercise."""
    sessions: list[Session] = Field(min_length=1)
    source: Path | None = Field(default=None, exclude=True)

    @property
    def minutes(self) -> int:
        return sum(session.minutes for session in self.sessions)


class PlanError(SourceProblems):
    """Every problem found in the session plans."""


def load_plans(
    directory: Path,
    *,
    relative_to: Path,
    lessons: Sequence[str],
    worksheets: Collection[str],
    materials: Mapping[str, object],
) -> dict[str, Plan]:
    """Every plan in `directory` by id, checked against the course: the lessons (ids in nav order),
    worksheets and materials it names must exist, its agendas must add up, a group format must
    cover every lesson, and every session after the first opens with a review."""
    if not directory.is_dir():
        return {}
    problems: list[Problem] = []
    plans: dict[str, Plan] = {}
    for path in sorted(directory.glob("*.yml")):
        file = path.relative_to(relative_to).as_posix() if path.is_relative_to(relative_to) else path.as_posix()
        read_problems, document = read_yaml(path, file)
        problems += read_problems
        if document is None:
            continue
        try:
            plan = Plan.model_validate(document.data)
        except ValidationError as error:
            for detail in error.errors():
                loc, message = explain(detail, Plan)
                problems.append(Problem(file, document.line_of(loc), format_path(loc), message))
            continue
        found = _check(plan, path, document, file, lessons, worksheets, materials)
        problems += found
        if not found:
            plans[plan.id] = plan.model_copy(update={"source": path})
    if problems:
        raise PlanError(problems)
    return plans


def _check(
    plan: Plan,
    path: Path,
    document: YamlDocument,
    file: str,
    lessons: Sequence[str],
    worksheets: Collection[str],
    materials: Mapping[str, object],
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(file, document.line_of(loc), format_path(loc), message))

    if plan.id != path.stem:
        problem(("id",), f"id '{plan.id}' does not match the file name '{path.name}'; make them the same")
    kinds: dict[str, Collection[str]] = {"lesson": lessons, "worksheet": worksheets, "material": materials}
    for index, session in enumerate(plan.sessions):
        at: tuple[str | int, ...] = ("sessions", index)
        for key, kind in (("lessons", "lesson"), ("worksheets", "worksheet"), ("materials", "material")):
            for position, name in enumerate(getattr(session, key)):
                if name not in kinds[kind]:
                    problem((*at, key, position), _unknown(kind, name, kinds[kind]))
        total = sum(item.minutes for item in session.agenda)
        if total != session.minutes:
            problem(
                (*at, "minutes"),
                f"the agenda adds up to {total} minutes, not the {session.minutes} this session lasts;"
                " make the steps fit, or change the session's minutes",
            )
        if session.minutes > LONG_WITHOUT_A_BREAK and not any(item.kind == "break" for item in session.agenda):
            problem((*at, "agenda"), f"a session of {session.minutes} minutes needs a break; add one (kind: break)")
        if index > 0 and session.agenda[0].kind != "review":
            problem(
                (*at, "agenda", 0, "kind"),
                "every session after the first opens with a review of the homework set last time (kind: review)",
            )
        if plan.group and session.pairs is None:
            problem(at, "a group session needs a pair exercise: add `pairs` with `exercise` and `odd_number`")
    if plan.group:
        covered = {lesson for session in plan.sessions for lesson in session.lessons}
        missing = [lesson for lesson in lessons if lesson not in covered]
        if missing:
            problem(("sessions",), f"a group format covers every lesson; no session covers {', '.join(missing)}")
    return problems


def _unknown(kind: str, name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind} '{name}'{hint}"
