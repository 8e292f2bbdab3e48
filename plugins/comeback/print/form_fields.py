"""The names of a fillable worksheet PDF's form fields: one scheme, derived from the worksheet's
field ids, so that a filled-in PDF can be read back (or matched to saved web answers) by name.

    text, long-text, date      <field>                      e.g. goal
    scale, choice              <field>   (a radio group; its values are the numbers / option ids)
    list                       <field>.<row>                e.g. steps.1
    table                      <field>.<row>.<column>       e.g. contacts.2.person (a tick box
                                                            in a column of `type: check`)
    checklist                  <field>.<option>             e.g. supports.mentor
    tracker                    <field>.<item>.<day>         e.g. habits.walk.3
      rows the learner names   <field>.<row>.name           e.g. habits.2.name
                               <field>.<row>.<day>          e.g. habits.2.5
    matrix                     <field>.weight.<criterion>   the learner's own weight (own_weights)
                               <field>.<row>.option         the option the learner names
                               <field>.<row>.<criterion>    its score for that criterion
                               <field>.<row>.total          the weighted total (left empty)

Rows and days count from 1. The dots are real PDF field hierarchy (`steps` is a parent field with
kids `1`, `2`, ...; see acroform.py), so a PDF reader's fully qualified names are exactly these. In
a handout or the workbook, which hold several worksheets, each worksheet's fields sit under its id:
`goal-ladder.steps.1`. (The model refuses a matrix criterion with the id `option` or `total`,
which would clash with the row's own cells.)
"""

from __future__ import annotations

from comeback.core.worksheets.model import (
    MATRIX_OPTION,
    MATRIX_TOTAL,
    ChecklistField,
    ChoiceField,
    DateField,
    ListField,
    LongTextField,
    MatrixField,
    ScaleField,
    TableField,
    TextField,
    TrackerField,
    Worksheet,
    WorksheetField,
    print_rows,
)

__all__ = [
    "MATRIX_OPTION",
    "MATRIX_TOTAL",
    "MATRIX_WEIGHT",
    "TRACKER_NAME",
    "field_name",
    "field_names",
    "worksheet_field_names",
]
MATRIX_WEIGHT = "weight"
TRACKER_NAME = "name"


def field_name(*parts: str | int) -> str:
    return ".".join(str(part) for part in parts)


def field_names(field: WorksheetField) -> list[str]:
    """The PDF form field names of one worksheet field, in reading order."""
    match field:
        case TextField() | LongTextField() | DateField() | ScaleField() | ChoiceField():
            return [field.id]
        case ListField():
            return [field_name(field.id, row) for row in range(1, print_rows(field) + 1)]
        case TableField():
            return [
                field_name(field.id, row, column.id)
                for row in range(1, print_rows(field) + 1)
                for column in field.columns
            ]
        case ChecklistField():
            return [field_name(field.id, option.id) for option in field.options]
        case TrackerField() if field.items is None:
            return [
                field_name(field.id, row, cell)
                for row in range(1, print_rows(field) + 1)
                for cell in (TRACKER_NAME, *range(1, field.days + 1))
            ]
        case TrackerField():
            return [
                field_name(field.id, item.id, day) for item in field.items or () for day in range(1, field.days + 1)
            ]
        case MatrixField():
            weights = [field_name(field.id, MATRIX_WEIGHT, c.id) for c in field.criteria] if field.own_weights else []
            return weights + [
                field_name(field.id, row, cell)
                for row in range(1, print_rows(field) + 1)
                for cell in (MATRIX_OPTION, *(criterion.id for criterion in field.criteria), MATRIX_TOTAL)
            ]
    raise TypeError(f"no PDF field names for {type(field).__name__}")


def worksheet_field_names(worksheet: Worksheet) -> list[str]:
    """Every form field name of the worksheet's fillable PDF, in reading order."""
    return [name for field in worksheet.all_fields for name in field_names(field)]
