"""The worksheet models: what a valid worksheet is, its defaults and the print hints derived from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from comeback.core.worksheets.model import (
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
    print_lines,
    print_rows,
)
from sample_worksheets import every_field_type


def example() -> dict[str, Any]:
    """Every field type, all in the first section, with the optional keys left to their defaults."""
    data: dict[str, Any] = yaml.safe_load(every_field_type(one_section=True))
    return data


def test_every_field_type_becomes_its_own_model_in_order() -> None:
    worksheet = Worksheet.model_validate(example())

    assert [type(field) for field in worksheet.all_fields] == [
        TextField,
        LongTextField,
        ListField,
        TableField,
        ScaleField,
        ChoiceField,
        ChecklistField,
        DateField,
        TrackerField,
        MatrixField,
    ]
    assert [field.id for field in worksheet.all_fields][:3] == ["name", "story", "next-steps"]


def test_optional_keys_take_the_documented_defaults() -> None:
    fields = {field.id: field for field in Worksheet.model_validate(example()).all_fields}

    assert isinstance(fields["contacts"], TableField) and fields["contacts"].rows == 3
    assert isinstance(fields["mood"], ScaleField) and (fields["mood"].min, fields["mood"].max) == (0, 10)
    assert isinstance(fields["habits"], TrackerField) and fields["habits"].days == 7
    assert isinstance(fields["options"], MatrixField) and (fields["options"].rows, fields["options"].score_max) == (
        3,
        5,
    )
    assert fields["start"].hint is None and fields["start"].print_hints.lines is None


def test_print_hints_default_by_field_type() -> None:
    fields = {field.id: field for field in Worksheet.model_validate(example()).all_fields}

    assert {name: print_lines(fields[name]) for name in ("name", "story", "start")} == {
        "name": 1,
        "story": 6,
        "start": 1,
    }
    assert {name: print_rows(fields[name]) for name in ("next-steps", "contacts", "habits", "options", "mood")} == {
        "next-steps": 3,
        "contacts": 3,
        "habits": 2,
        "options": 3,
        "mood": 1,
    }


def test_print_hints_in_yaml_win_over_the_defaults() -> None:
    data = example()
    data["sections"][0]["fields"][1].pop("print")
    data["sections"][0]["fields"][3]["print"] = {"rows": 8}
    fields = Worksheet.model_validate(data).all_fields

    assert print_lines(fields[1]) == 5  # long-text default
    assert print_rows(fields[3]) == 8


def test_worksheets_are_immutable() -> None:
    worksheet = Worksheet.model_validate(example())
    with pytest.raises(ValidationError):
        worksheet.title = "Changed"


def test_the_source_path_is_not_part_of_the_data() -> None:
    worksheet = Worksheet.model_validate(example()).model_copy(update={"source": Path("worksheets/example-all.yml")})

    assert "source" not in worksheet.model_dump()
    assert worksheet.source == Path("worksheets/example-all.yml")


@pytest.mark.parametrize(
    ("change", "error_type"),
    [
        (lambda data: data.update(version="1"), "int_type"),  # strict: YAML gave text, not a number
        (lambda data: data.update(title=True), "string_type"),
        (lambda data: data.update(colour="red"), "extra_forbidden"),
        (lambda data: data["sections"][0]["fields"][4].update(max=0), "scale_range"),
        (lambda data: data["sections"][0]["fields"][5]["options"].pop(), "too_short"),
        (lambda data: data["sections"][0]["fields"][1].update(id="name"), "duplicate_id"),
    ],
)
def test_the_models_reject_what_the_format_forbids(change: Any, error_type: str) -> None:
    data = example()
    change(data)
    with pytest.raises(ValidationError) as caught:
        Worksheet.model_validate(data)
    assert [error["type"] for error in caught.value.errors()] == [error_type]


def test_a_repeated_field_id_is_reported_with_the_other_errors() -> None:
    data = example()
    data["version"] = 0
    data["sections"][0]["fields"][1]["id"] = "name"
    with pytest.raises(ValidationError) as caught:
        Worksheet.model_validate(data)
    assert [(error["type"], error["loc"]) for error in caught.value.errors()] == [
        ("greater_than_equal", ("version",)),
        ("duplicate_id", ()),
    ]
    assert caught.value.errors()[1]["ctx"]["at"] == ("sections", 0, "fields", 1, "id")
