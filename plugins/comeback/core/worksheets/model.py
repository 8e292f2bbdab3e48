"""What a worksheet is: the typed models that every other part (validation, forms, PDFs, the JSON
Schema for editors) is derived from. The rules of the YAML format live here and nowhere else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from comeback.core.ids import ID_PATTERN

MAX_SCALE_POINTS = 11
MAX_ROWS = 200  # the most rows worksheets.js keeps (its MAX_ROWS): more would be cut off on restore
# Every row of a matrix has these cells beside one per criterion (pdf/fields.py names its PDF fields
# <field>.<row>.option and <field>.<row>.total), so no criterion may take their ids.
MATRIX_OPTION = "option"
MATRIX_TOTAL = "total"
MAX_TRACKER_ROWS = 20
MAX_WEIGHT = 5


class _Model(BaseModel):
    # strict: YAML already gives real types, so `version: "2"` or `label: yes` is a mistake worth
    # reporting rather than coercing. Attribute docstrings become the JSON Schema descriptions
    # that editors show as help.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1)]
Text = Annotated[str, Field(min_length=1)]
_T = TypeVar("_T")


def _unique_ids(key: str, noun: str) -> WrapValidator:
    """A check that the items of the list under `key` have different ids. It reads the raw items, so
    every repeat is reported together with whatever else is wrong in the list."""

    def check(items: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        repeats: list[InitErrorDetails] = []
        first_index: dict[str, int] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in first_index:
                first = f"{key}[{first_index[item_id]}]"
                error = duplicate_id_error(item_id, at=(index, "id"), first=first, noun=noun)
                repeats.append({"type": error, "loc": (), "input": item_id})
            else:
                first_index[item_id] = index
        return _validate_with(repeats, items, handler, title=key)

    return WrapValidator(check)


def _validate_with(problems: list[InitErrorDetails], data: Any, handler: Callable[[Any], _T], *, title: str) -> _T:
    """handler(data), failing with `problems` (found in the raw data) and the handler's own errors."""
    try:
        validated = handler(data)
    except ValidationError as error:
        if not problems:
            raise
        raise ValidationError.from_exception_data(title, [*_reraisable(error), *problems]) from None
    if problems:
        raise ValidationError.from_exception_data(title, problems)
    return validated


def duplicate_id_error(id_: str, *, at: tuple[str | int, ...], first: str, noun: str) -> PydanticCustomError:
    """An error for a repeated id. `at` is where the repeat is, relative to the error's location,
    so the loader can point at its line; `first` names where the id was first used."""
    return PydanticCustomError(
        "duplicate_id",
        f"duplicate id '{id_}' (already used by {first}); give each {noun} its own id",
        {"at": at},
    )


class Choice(_Model):
    """One option of a choice or checklist, one column of a table, or one row of a tracker."""

    id: Id
    """Stable id (lowercase letters, digits, hyphens); saved answers refer to it."""
    label: Text
    """What the learner sees (inline Markdown)."""


class Column(_Model):
    """One column of a table."""

    id: Id
    """Stable id (lowercase letters, digits, hyphens); saved answers refer to it."""
    label: Text
    """The column heading (inline Markdown)."""
    type: Literal["text", "check", "date"] = "text"
    """What each cell holds: a line of text (the default), a tick box ("check", e.g. for Done?) or a
    date ("date", e.g. for By when?)."""


class Criterion(_Model):
    """A weighted criterion (a column) of a matrix."""

    id: Id
    """Stable id (lowercase letters, digits, hyphens); saved answers refer to it."""
    label: Text
    """What the learner sees (inline Markdown)."""
    weight: int = Field(ge=1, le=MAX_WEIGHT)
    """How much this criterion counts, 1 (a little) to 5 (a lot)."""


class PrintHints(_Model):
    """How much room to leave for the answer on paper, and where a page begins."""

    lines: int | None = Field(default=None, ge=1)
    """Writing lines for text and long-text fields."""
    rows: int | None = Field(default=None, ge=1)
    """Rows for list, table, matrix and tracker fields."""
    new_page: bool = False
    """Start this field on a new page: where a worksheet longer than a page divides best."""


class _FieldBase(_Model):
    id: Id
    """Unique within the worksheet; saved answers refer to it, so keep it when you edit the label."""
    label: Text
    """The question or prompt (inline Markdown)."""
    hint: Text | None = None
    """Optional help shown under the label (inline Markdown)."""
    print_hints: PrintHints = Field(default_factory=PrintHints, alias="print")
    """Optional print hints, e.g. {lines: 4}."""
    optional: bool = False
    """Offered, not asked for: the form and the printout mark it optional, and the progress rule
    leaves it out (a worksheet is filled in once half of the questions it asks for have an answer)."""
    plan: bool = False
    """Show the answer on the learner's My plan page, under its lesson. A date, and every dated row
    of a table with a date column, also goes into the calendar file that page makes."""


class TextField(_FieldBase):
    """A one-line answer."""

    type: Literal["text"]


class LongTextField(_FieldBase):
    """A multi-line answer."""

    type: Literal["long-text"]


class ListField(_FieldBase):
    """Numbered lines; the learner can add more."""

    type: Literal["list"]
    rows: int = Field(default=3, ge=1, le=MAX_ROWS)
    """How many blank lines to start with."""


class TableField(_FieldBase):
    """Named columns by rows; the learner can add rows."""

    type: Literal["table"]
    columns: Annotated[list[Column], Field(min_length=1), _unique_ids("columns", "column")]
    """The columns, at least one: {id, label}, and `type: check` for a column of tick boxes."""
    rows: int = Field(default=3, ge=1, le=MAX_ROWS)
    """How many blank rows to start with."""


class ScaleField(_FieldBase):
    """Pick one number from min to max."""

    type: Literal["scale"]
    min: int = 0
    """The lowest number."""
    max: int = 10
    """The highest number; greater than min, at most 11 points in all."""
    min_label: Text
    """What the lowest number means."""
    max_label: Text
    """What the highest number means."""
    support_below: int | None = None
    """For a scale of how someone feels: a score below this shows a note that points to the
    worksheet's independent help (the worksheet needs `support: true`)."""

    @model_validator(mode="after")
    def _range_is_possible(self) -> Self:
        if self.max <= self.min:
            raise PydanticCustomError(
                "scale_range",
                f"max ({self.max}) must be greater than min ({self.min})",
                {"at": ("max",)},
            )
        if self.max - self.min + 1 > MAX_SCALE_POINTS:
            raise PydanticCustomError(
                "scale_range",
                f"a scale from {self.min} to {self.max} has {self.max - self.min + 1} points;"
                f" use at most {MAX_SCALE_POINTS}, e.g. min: 0 and max: 10",
                {"at": ("max",)},
            )
        if self.support_below is not None and not self.min < self.support_below <= self.max:
            raise PydanticCustomError(
                "scale_range",
                f"support_below ({self.support_below}) must be above min ({self.min}) and at most max ({self.max}),"
                " so that some scores are below it",
                {"at": ("support_below",)},
            )
        return self


class ChoiceField(_FieldBase):
    """Pick exactly one option."""

    type: Literal["choice"]
    options: Annotated[list[Choice], Field(min_length=2), _unique_ids("options", "option")]
    """The options, at least two: {id, label}."""


class ChecklistField(_FieldBase):
    """Tick any number of options."""

    type: Literal["checklist"]
    options: Annotated[list[Choice], Field(min_length=1), _unique_ids("options", "option")]
    """The options, at least one: {id, label}."""


class DateField(_FieldBase):
    """A calendar date."""

    type: Literal["date"]
    calendar: Text | None = None
    """With `plan: true`: the event's name in the learner's calendar, e.g. "Send my follow-up"
    (default: the worksheet's title and the field's label)."""


class TrackerField(_FieldBase):
    """A grid of checkboxes: one row per item, one column per day."""

    type: Literal["tracker"]
    items: Annotated[list[Choice] | None, Field(default=None, min_length=1), _unique_ids("items", "item")]
    """The rows, at least one: {id, label}. Or leave them out and give `rows`."""
    rows: int | None = Field(default=None, ge=1, le=MAX_TRACKER_ROWS)
    """Instead of items: this many rows that the learner names (their own habits, say)."""
    days: int = Field(default=7, ge=1, le=31)
    """How many day columns, 1 to 31."""

    @model_validator(mode="after")
    def _items_or_rows(self) -> Self:
        if self.items is not None and self.rows is not None:
            message = "give a tracker `items` (rows it names) or `rows` (how many rows the learner names), not both"
        elif self.items is None and self.rows is None:
            message = (
                "a tracker needs `items` (rows it names, e.g. '- {id: walk, label: A walk}') or `rows`"
                " (how many rows the learner names); add one of them"
            )
        else:
            return self
        raise PydanticCustomError("items_or_rows", message, {"at": ()})

    @property
    def named_by_learner(self) -> bool:
        return self.items is None


class MatrixField(_FieldBase):
    """Options the learner names, scored against weighted criteria, with live weighted totals."""

    type: Literal["matrix"]
    criteria: Annotated[list[Criterion], Field(min_length=1), _unique_ids("criteria", "criterion")]
    """The criteria, at least one: {id, label, weight}."""
    rows: int = Field(default=3, ge=1, le=MAX_ROWS)
    """How many blank option rows to start with."""
    score_max: int = Field(default=5, ge=2, le=10)
    """Each cell is scored from 1 to this number."""
    own_weights: bool = False
    """Let the learner change each criterion's weight (1 to 5); the YAML's weights are where they start."""

    @model_validator(mode="after")
    def _criteria_leave_the_rows_own_cells_alone(self) -> Self:
        for index, criterion in enumerate(self.criteria):
            if criterion.id in (MATRIX_OPTION, MATRIX_TOTAL):
                raise PydanticCustomError(
                    "reserved_id",
                    f"a criterion cannot have the id '{criterion.id}': every row of a matrix already has"
                    f" an '{criterion.id}' cell; rename it, e.g. '{criterion.id}-score'",
                    {"at": ("criteria", index, "id")},
                )
        return self


WorksheetField = Annotated[
    TextField
    | LongTextField
    | ListField
    | TableField
    | ScaleField
    | ChoiceField
    | ChecklistField
    | DateField
    | TrackerField
    | MatrixField,
    Field(discriminator="type"),
]

FIELD_TYPES: tuple[str, ...] = (
    "text",
    "long-text",
    "list",
    "table",
    "scale",
    "choice",
    "checklist",
    "date",
    "tracker",
    "matrix",
)


class Section(_Model):
    """A titled group of fields."""

    title: Text
    """The section heading."""
    intro: Text | None = None
    """Optional Markdown shown under the heading."""
    fields: list[WorksheetField] = Field(min_length=1)
    """The fields, at least one."""


class Worksheet(_Model):
    """A worksheet: worksheets/<id>.yml."""

    model_config = ConfigDict(title="Comeback worksheet")

    id: Id
    """Must equal the file name without .yml (lowercase letters, digits, hyphens)."""
    title: Text
    """The worksheet title (plain text)."""
    version: int = Field(ge=1)
    """Bump it when you remove or rename a field, so saved answers are archived, not lost."""
    minutes: int = Field(ge=1)
    """Estimated minutes to complete."""
    intro: Text | None = None
    """Optional Markdown shown under the title."""
    support: bool = False
    """Show independent help (crisis lines, and the organisation's contacts) with the worksheet, on
    screen and on paper: for worksheets that ask how someone feels."""
    sections: list[Section] = Field(min_length=1)
    """The sections, at least one."""
    compare_with: Id | None = None
    """Another worksheet taken earlier, e.g. a snapshot at the start of the course: the form shows
    that worksheet's answers beside this one's for every field the two share (same id and type)."""
    source: SkipJsonSchema[Path | None] = Field(default=None, exclude=True)
    """The YAML file it came from; set by the loader, never written in YAML."""

    @property
    def all_fields(self) -> list[WorksheetField]:
        return [field for section in self.sections for field in section.fields]

    @model_validator(mode="after")
    def _a_low_score_has_help_to_point_to(self) -> Self:
        for section_index, section in enumerate(self.sections):
            for field_index, field in enumerate(section.fields):
                if isinstance(field, ScaleField) and field.support_below is not None and not self.support:
                    raise PydanticCustomError(
                        "needs_support",
                        "support_below points to the worksheet's independent help, which it shows only with"
                        " 'support: true' at the top level; add that, or remove support_below",
                        {"at": ("sections", section_index, "fields", field_index, "support_below")},
                    )
        return self

    @model_validator(mode="after")
    def _asks_for_something(self) -> Self:
        # The progress rule counts only the questions a worksheet asks for: with none, it could
        # never be filled in, and its lesson never done.
        if all(field.optional for field in self.all_fields):
            raise PydanticCustomError(
                "all_optional",
                "every field is marked optional, so the worksheet could never count as filled in;"
                " leave 'optional: true' off at least one field",
                {"at": ("sections",)},
            )
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _field_ids_are_unique(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        # Checked on the raw input, not after validation, so a repeated id is reported together
        # with every other problem in the file instead of only once they are all fixed.
        return _validate_with(_duplicate_field_ids(data), data, handler, title=cls.__name__)


def _duplicate_field_ids(data: Any) -> list[InitErrorDetails]:
    """Repeated field ids in raw worksheet data, skipping whatever is malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return []
    first_seen: dict[str, str] = {}
    errors: list[InitErrorDetails] = []
    for section_index, section in enumerate(data["sections"]):
        if not isinstance(section, dict) or not isinstance(section.get("fields"), list):
            continue
        for field_index, field in enumerate(section["fields"]):
            field_id = field.get("id") if isinstance(field, dict) else None
            if not isinstance(field_id, str):
                continue
            path = f"sections[{section_index}].fields[{field_index}]"
            if field_id in first_seen:
                at = ("sections", section_index, "fields", field_index, "id")
                errors.append(
                    {
                        "type": duplicate_id_error(field_id, at=at, first=first_seen[field_id], noun="field"),
                        "loc": (),
                        "input": field_id,
                    }
                )
            else:
                first_seen[field_id] = path
    return errors


_PYDANTIC_ERROR_TYPES = frozenset(get_args(core_schema.ErrorType))


def _reraisable(error: ValidationError) -> list[InitErrorDetails]:
    """The errors of `error` in the form ValidationError.from_exception_data takes back."""
    details: list[InitErrorDetails] = []
    for item in error.errors():
        ctx = item.get("ctx")
        # pydantic rebuilds its own error types from their name; ours must carry their message
        error_type: str | PydanticCustomError = item["type"]
        if error_type not in _PYDANTIC_ERROR_TYPES:
            error_type = PydanticCustomError(item["type"], item["msg"], ctx)
        detail: InitErrorDetails = {"type": error_type, "loc": item["loc"], "input": item["input"]}
        if ctx:
            detail["ctx"] = ctx
        details.append(detail)
    return details


def shared_fields(worksheet: Worksheet, other: Worksheet) -> list[str]:
    """The ids of the fields of `worksheet` that `other` has too, with the same type, in order."""
    types = {field.id: field.type for field in other.all_fields}
    return [field.id for field in worksheet.all_fields if types.get(field.id) == field.type]


def print_lines(field: WorksheetField) -> int:
    """Writing lines to leave on paper for a field's answer."""
    if field.print_hints.lines is not None:
        return field.print_hints.lines
    return 5 if isinstance(field, LongTextField) else 1


def print_rows(field: WorksheetField) -> int:
    """Rows to print for list, table, matrix and tracker fields (1 for the other types)."""
    if field.print_hints.rows is not None:
        return field.print_hints.rows
    if isinstance(field, ListField | TableField | MatrixField):
        return field.rows
    if isinstance(field, TrackerField):
        return len(field.items) if field.items is not None else field.rows or 1
    return 1
