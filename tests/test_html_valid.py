"""Every page of the course is valid HTML by the W3C Nu checker (vnu-jar, installed from npm by
scripts/test), apart from what a bare Material site of the same version gets wrong too."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import REPO, BuiltSite, MakeSite

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_NAV_ITEM = "partials/nav-item.html"

Finding = tuple[str, str]
"""(message, the HTML it was found in): the same mistake in the same markup, wherever it is."""


def validate(site_dir: Path) -> list[dict[str, str]]:
    """The checker's errors for every page under site_dir."""
    java = shutil.which("java")
    assert java, "the W3C checker needs Java: run scripts/test (it installs default-jre-headless)"
    assert VNU.is_file(), f"{VNU} is missing: run scripts/test (it runs npm ci)"
    pages = sorted(str(path) for path in site_dir.rglob("*.html"))
    assert pages
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout)
    return [
        {"page": Path(message["url"].removeprefix("file:")).relative_to(site_dir).as_posix(), **message}
        for message in report["messages"]
        if message["type"] == "error"
    ]


def finding(error: dict[str, str]) -> Finding:
    return error["message"], error.get("extract", "").strip()


def findings(errors: list[dict[str, str]]) -> set[Finding]:
    return {finding(error) for error in errors}


def beyond(errors: list[dict[str, str]], baseline: set[Finding]) -> list[str]:
    """The errors a bare Material site does not have, as "page:line: message (markup)"."""
    return [
        f"{error['page']}:{error.get('lastLine')}: {error['message']} ({error.get('extract', '').strip()})"
        for error in errors
        if finding(error) not in baseline
    ]


@cache
def course_theme() -> dict[str, object]:
    """The course's Material configuration (features, palette, fonts), without its overrides."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_IgnoreTags)
    theme = dict(config["theme"])
    theme.pop("custom_dir", None)
    return theme


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def bare_material(tmp_path_factory: pytest.TempPathFactory) -> set[Finding]:
    """What the checker finds on a bare Material site with the course's theme settings."""
    root = tmp_path_factory.mktemp("bare-material")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n\nA page.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump({"site_name": "Bare", "theme": course_theme(), "plugins": ["search"]}), encoding="utf-8"
    )
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q"], cwd=root, check=True)
    return findings(validate(root / "site"))


def test_every_page_of_the_course_is_valid_html_but_for_what_bare_material_gets_wrong(
    built_site: BuiltSite, bare_material: set[Finding]
) -> None:
    errors = validate(built_site.site_dir)
    assert beyond(errors, bare_material) == []


def test_a_worksheet_with_every_field_type_is_valid_html(make_site: MakeSite, bare_material: set[Finding]) -> None:
    from sample_worksheets import every_field_type

    built = make_site(
        {
            "content/lesson.md": "# Lesson\n\n## Worksheet\n\n::worksheet[every-field]\n",
            "worksheets/every-field.yml": every_field_type(),
        }
    )
    assert built.ok, built.error
    assert beyond(validate(built.site_dir), bare_material) == []


def test_our_copy_of_materials_nav_template_differs_from_it_only_by_the_tabindex_fix() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates" / MATERIAL_NAV_ITEM).read_text(encoding="utf-8")
    ours = (REPO / "overrides" / MATERIAL_NAV_ITEM).read_text(encoding="utf-8")
    fixed = theirs.replace(
        '{% set tabindex = "0" if not is_section %}\n          <label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
        '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"{% if not is_section %} tabindex="0"{% endif %}>',
    ).replace(
        '{% set tabindex = "0" if not is_section %}\n              <label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
        '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"{% if not is_section %} tabindex="0"{% endif %}>',
    )
    assert fixed != theirs, (
        "Material's nav template no longer has the lines we fix: check whether the override is still needed"
    )
    assert ours.split("-#}", 1)[1] == fixed.split("-#}", 1)[1], (
        "Material's partials/nav-item.html changed: copy it to overrides/ again and re-apply the tabindex fix"
    )
