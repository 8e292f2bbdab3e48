"""The code stays as it is meant to be kept: ruff finds nothing and the format is ruff's, mypy
(strict) finds nothing in the package, the benchmarks or the tests. Settings: pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "plugins", "tests", "bench"],
        ["ruff", "format", "--check", "plugins", "tests", "bench"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_the_checkers_find_nothing(command: list[str]) -> None:
    tool = BIN / command[0]
    assert tool.exists(), f"{command[0]} is missing: install the test extras (scripts/test does)"
    result = subprocess.run([str(tool), *command[1:]], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
