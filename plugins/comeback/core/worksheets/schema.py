"""The JSON Schema of worksheets/*.yml, generated from the models so editors can autocomplete and
explain every key. The committed copy must match the models; a test fails when it does not.

    python -m comeback.core.worksheets.schema            # write worksheets/worksheet.schema.json
    python -m comeback.core.worksheets.schema --check    # exit 1 if the committed schema is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .model import Worksheet

DEFAULT_PATH = Path("worksheets/worksheet.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def worksheet_schema() -> dict[str, Any]:
    return {"$schema": DIALECT, **Worksheet.model_json_schema(mode="validation")}


def schema_text() -> str:
    """The schema exactly as committed: stable key order, two-space indent, final newline."""
    return json.dumps(worksheet_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m comeback.core.worksheets.schema", description=__doc__.splitlines()[0]
    )
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help=f"default: {DEFAULT_PATH}")
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    path: Path = args.path
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != schema_text():
            print(f"{path} is out of date: run `python -m comeback.core.worksheets.schema`", file=sys.stderr)
            return 1
        return 0
    if current != schema_text():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
