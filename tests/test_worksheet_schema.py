"""The JSON Schema editors use for worksheets/*.yml: generated from the models and kept in step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import yaml

from comeback.core.worksheets.schema import main, schema_text, worksheet_schema
from sample_worksheets import every_field_type

EXAMPLE = every_field_type(rows=3, days=7, score_max=5)  # with the optional keys written out
COMMITTED = Path(__file__).resolve().parent.parent / "worksheets" / "worksheet.schema.json"


def test_the_committed_schema_matches_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "worksheets/worksheet.schema.json is stale: run `python -m comeback.core.worksheets.schema`"
    )


def test_the_schema_accepts_the_documented_example() -> None:
    jsonschema.Draft202012Validator(worksheet_schema()).validate(yaml.safe_load(EXAMPLE))


def test_the_schema_rejects_unknown_keys_and_types() -> None:
    validator = jsonschema.Draft202012Validator(worksheet_schema())
    data = yaml.safe_load(EXAMPLE)
    data["titel"] = "typo"
    data["sections"][0]["fields"][0]["type"] = "sliderr"

    assert not validator.is_valid(data)


def test_every_key_explains_itself_in_the_editor() -> None:
    schema = worksheet_schema()
    undocumented = [
        f"{name}.{key}"
        for name, definition in [("Worksheet", schema), *schema["$defs"].items()]
        for key, prop in definition["properties"].items()
        if key != "type" and not prop.get("description")
    ]
    assert undocumented == []
    assert "source" not in schema["properties"]  # set by the loader, never written in YAML


def test_the_command_writes_the_schema_and_check_spots_a_stale_one(tmp_path: Path, capsys: Any) -> None:
    target = tmp_path / "worksheet.schema.json"
    target.write_text("{}\n", encoding="utf-8")

    assert main(["--check", str(target)]) == 1
    assert "is out of date: run `python -m comeback.core.worksheets.schema`" in capsys.readouterr().err
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert main(["--check", str(target)]) == 0
