"""scripts/test, the README's test command, on a machine where nothing is installed yet: as root
with no sudo (a container), as a user with sudo, and as a user without it.

The script runs for real, in a copy of the repository's layout, with every program it calls
replaced by a stand-in on PATH that records how it was called, so the test sees the exact
commands a fresh machine would run (and runs none of them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

SYSTEM_TOOLS = ("sh", "dirname", "grep", "cat", "mkdir", "chmod")
PROGRAMS = (
    "chromium",
    "firefox-esr",
    "WebKitWebDriver",
    "xvfb-run",
    "xauth",
    "qpdf",
    "pdftotext",
    "java",
    "node",
    "npm",
)


def stand_in(path: Path, body: str) -> None:
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def fresh_machine(
    tmp_path: Path, *, uid: int, sudo: bool, installed: tuple[str, ...] = ()
) -> tuple[Path, dict[str, str]]:
    """A copy of scripts/test and a PATH of stand-ins; returns the log file and the environment."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "test", project / "scripts" / "test")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in SYSTEM_TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    log = tmp_path / "log"
    record = f'echo "$(basename "$0") $*" >> {log}'
    stand_in(bin_dir / "basename", 'echo "${1##*/}"')
    stand_in(bin_dir / "id", f'[ "$1" = "-u" ] && echo {uid}')
    stand_in(bin_dir / "dpkg-query", "exit 1")  # nothing is installed
    # apt-get records its call; installing npm puts an npm (that records its calls) on PATH.
    npm = bin_dir / "npm"
    stand_in(
        bin_dir / "apt-get",
        f'{record}\ncase " $* " in *" npm "*) printf \'#!/bin/sh\\n{record}\\n\' > {npm}; chmod +x {npm};; esac',
    )
    if sudo:
        stand_in(bin_dir / "sudo", f'echo "sudo $*" >> {log}; "$@"')
    for program in installed:
        stand_in(bin_dir / program, record)
    # python3: venv is available; `-m venv .venv` makes a venv whose pip and python record their calls.
    stand_in(
        bin_dir / "python3",
        f'[ "$1" = "-c" ] && exit 0\n{record}\n'
        "mkdir -p .venv/bin\n"
        f"for tool in pip python; do printf '#!/bin/sh\\necho \".venv/bin/%s $*\" >> {log}\\n' $tool"
        " > .venv/bin/$tool; chmod +x .venv/bin/$tool; done",
    )
    environment = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    return log, environment


def run(tmp_path: Path, environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "project" / "scripts" / "test"
    return subprocess.run([str(script), *arguments], env=environment, capture_output=True, text=True, check=False)


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


EVERY_PACKAGE = "chromium firefox-esr webkit2gtk-driver xvfb xauth qpdf poppler-utils libpangoft2-1.0-0 default-jre-headless nodejs npm"
AFTER_THE_PACKAGES = [
    "python3 -m venv .venv",
    ".venv/bin/pip install --quiet -e .[test]",
    "npm ci --silent --ignore-scripts",
    "npm test --silent",
    ".venv/bin/python -m pytest -n auto --dist loadfile -k pdf",
]


def test_as_root_without_sudo_it_installs_the_packages_itself_then_tests(tmp_path: Path) -> None:
    log, environment = fresh_machine(tmp_path, uid=0, sudo=False)
    result = run(tmp_path, environment, "-k", "pdf")

    assert result.returncode == 0, result.stderr
    assert calls(log) == [
        "apt-get update -qq",
        f"apt-get install -y -qq {EVERY_PACKAGE}",
        *AFTER_THE_PACKAGES,
    ]


def test_as_a_user_it_installs_the_packages_with_sudo(tmp_path: Path) -> None:
    log, environment = fresh_machine(tmp_path, uid=1000, sudo=True)
    result = run(tmp_path, environment, "-k", "pdf")

    assert result.returncode == 0, result.stderr
    assert calls(log)[:4] == [
        "sudo apt-get update -qq",
        "apt-get update -qq",
        f"sudo apt-get install -y -qq {EVERY_PACKAGE}",
        f"apt-get install -y -qq {EVERY_PACKAGE}",
    ]
    assert calls(log)[4:] == AFTER_THE_PACKAGES


def test_as_a_user_without_sudo_it_says_what_is_needed_and_changes_nothing(tmp_path: Path) -> None:
    log, environment = fresh_machine(tmp_path, uid=1000, sudo=False)
    result = run(tmp_path, environment)

    assert result.returncode == 1
    assert f"installing {EVERY_PACKAGE} needs root" in result.stderr
    assert calls(log) == []


@pytest.mark.parametrize("uid", [0, 1000])
def test_with_everything_installed_it_installs_no_system_package(tmp_path: Path, uid: int) -> None:
    log, environment = fresh_machine(tmp_path, uid=uid, sudo=False, installed=PROGRAMS)
    # Pango has no program of its own: it counts as installed when dpkg says so.
    stand_in(Path(environment["PATH"]) / "dpkg-query", 'echo "install ok installed"')
    result = run(tmp_path, environment, "-k", "pdf")

    assert result.returncode == 0, result.stderr
    assert calls(log) == AFTER_THE_PACKAGES


def test_the_script_is_executable_and_runs_under_plain_sh() -> None:
    script = REPO / "scripts" / "test"
    assert os.access(script, os.X_OK)
    assert script.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    assert subprocess.run(["sh", "-n", str(script)], check=False).returncode == 0
