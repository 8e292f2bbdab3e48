"""Placing worksheets in lessons with `::worksheet[<id>]`, through real MkDocs builds: forms appear
where the directive was, and every mistake fails the build naming the file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comeback.core.course.directives import Directive, MalformedDirective, scan_directives
from comeback.core.ids import site_key
from comeback.mkdocs.worksheets import WorksheetsPlugin
from conftest import BuiltSite, MakeSite, build_site
from sample_worksheets import GOALS

WINS = GOALS.replace("id: goals", "id: wins").replace("title: Goals", "title: Wins")
LESSON = """\
---
title: Set goals
---

# Set goals

Before the worksheet.

::worksheet[goals]

After the worksheet.
"""


def worksheets(*texts: str) -> dict[str, str]:
    files = {}
    for text in texts:
        worksheet_id = text.split("\n", 1)[0].removeprefix("id: ")
        files[f"worksheets/{worksheet_id}.yml"] = text
    return files


def errors(built: BuiltSite) -> list[str]:
    """The build's error messages, each line on its own."""
    return [
        message for line in built.logs if line.startswith("ERROR:") for message in line.split(":", 2)[2].splitlines()
    ]


def form_ids(html: str) -> list[str]:
    return re.findall(r'<form\b[^>]*\bid="([^"]+)"', html)


# --- Forms where the directives were ---------------------------------------------------------


def test_a_placed_worksheet_becomes_a_form_where_the_directive_was(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS)})

    assert built.ok, built.logs
    html = built.page("lessons/goals/")
    assert form_ids(html) == ["ws-goals"]
    assert html.index("Before the worksheet.") < html.index("<form") < html.index("After the worksheet.")
    assert "::worksheet" not in html
    assert "data-comeback-worksheet" not in html
    assert not re.search(r"<p>\s*<form", html)


def test_a_directive_in_a_code_block_stays_text(make_site: MakeSite) -> None:
    lesson = LESSON + "\nWrite it like this:\n\n```markdown\n::worksheet[wins]\n```\n\n    ::worksheet[wins]\n"
    built = make_site({"content/lessons/goals.md": lesson, **worksheets(GOALS)})

    assert built.ok, built.logs
    html = built.page("lessons/goals/")
    assert form_ids(html) == ["ws-goals"]
    assert html.count("::worksheet[wins]") == 2


def test_the_browser_assets_are_shipped_as_classic_scripts_in_order_and_before_the_site_css(
    make_site: MakeSite,
) -> None:
    built = make_site(
        {"content/lessons/goals.md": LESSON, "content/stylesheets/site.css": "body {}\n", **worksheets(GOALS)},
        config={"extra_css": ["stylesheets/site.css"]},
    )

    assert built.ok, built.logs
    assert (built.site_dir / "assets/comeback/worksheets.js").is_file()
    assert (built.site_dir / "assets/comeback/worksheets.css").is_file()
    html = built.page("lessons/goals/")
    # Classic scripts: a module is blocked when the site is opened from a folder.
    scripts = re.findall(r'<script src="[./]*(assets/comeback/[\w-]+\.js)"( type="module")?>', html)
    assert [name for name, _ in scripts] == [
        "assets/comeback/course-data.js",  # in the head, before Material's own scripts
        "assets/comeback/early.js",
        "assets/comeback/store.js",
        "assets/comeback/answers.js",  # what answers are: read by every script after it
        "assets/comeback/worksheets.js",
        "assets/comeback/data.js",
        "assets/comeback/progress.js",
        "assets/comeback/calendar.js",
        "assets/comeback/plan.js",  # uses calendar.js
        "assets/comeback/compare.js",
    ]
    assert all(not module for _, module in scripts)
    assert html.index("early.js") < html.index("</head>") < html.index("store.js")
    assert html.index("assets/comeback/worksheets.css") < html.index("stylesheets/site.css")


def test_a_site_without_worksheets_builds(make_site: MakeSite) -> None:
    assert make_site({"content/index.md": "# Home\n"}).ok


def test_a_disabled_plugin_leaves_directives_alone(make_site: MakeSite) -> None:
    built = make_site(
        {"content/lessons/goals.md": LESSON, **worksheets(GOALS)},
        config={"plugins": [{"comeback/worksheets": {"enabled": False}}]},
    )

    assert built.ok, built.logs
    assert "::worksheet[goals]" in built.page("lessons/goals/")
    assert not (built.site_dir / "assets/comeback").exists()


# --- Mistakes fail the build with file and line ---------------------------------------------


def test_an_unknown_worksheet_suggests_the_closest_id(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON.replace("[goals]", "[goal]"), **worksheets(GOALS)})

    assert not built.ok
    assert errors(built) == ["content/lessons/goals.md:9: unknown worksheet 'goal' (did you mean 'goals'?)"]


def test_an_unknown_worksheet_without_a_close_id(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON.replace("[goals]", "[budget]"), **worksheets(GOALS)})

    assert errors(built) == [
        "content/lessons/goals.md:9: unknown worksheet 'budget': there is no worksheets/budget.yml;"
        " check the id or add the file"
    ]


def test_a_worksheet_placed_twice_on_one_page(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON + "\n::worksheet[goals]\n", **worksheets(GOALS)})

    assert errors(built) == [
        "content/lessons/goals.md:13: worksheet 'goals' is already placed at content/lessons/goals.md:9;"
        " place each worksheet once"
    ]


def test_a_worksheet_placed_on_two_pages(make_site: MakeSite) -> None:
    built = make_site(
        {"content/lessons/a.md": LESSON, "content/lessons/b.md": "# B\n\n::worksheet[goals]\n", **worksheets(GOALS)}
    )

    assert errors(built) == [
        "content/lessons/b.md:3: worksheet 'goals' is already placed at content/lessons/a.md:9; place each worksheet once"
    ]


def test_two_worksheets_whose_html_ids_would_clash_cannot_share_a_page(make_site: MakeSite) -> None:
    # ws-<worksheet>-<field>: worksheet "goals" field "plan-step" and worksheet "goals-plan" field
    # "step" would both be ws-goals-plan-step, and the form ws-goals-plan would share its id with a field.
    goals = GOALS + "      - {id: plan-step, type: text, label: Step}\n      - {id: plan, type: text, label: Plan}\n"
    goals_plan = GOALS.replace("id: goals", "id: goals-plan").replace("id: goal\n", "id: step\n")
    lesson = LESSON + "\n::worksheet[goals-plan]\n"
    built = make_site({"content/lessons/goals.md": lesson, **worksheets(goals, goals_plan)})

    assert errors(built) == [
        "content/lessons/goals.md:13: worksheets 'goals' and 'goals-plan' cannot share a page: both forms"
        " would use the HTML id 'ws-goals-plan'; place them on different pages, or rename a field or a worksheet"
    ]


def test_worksheets_with_overlapping_names_can_share_a_page_when_their_ids_do_not_clash(make_site: MakeSite) -> None:
    goals_plan = GOALS.replace("id: goals", "id: goals-plan")
    built = make_site(
        {"content/lessons/goals.md": LESSON + "\n::worksheet[goals-plan]\n", **worksheets(GOALS, goals_plan)}
    )

    assert built.ok, built.error
    assert form_ids(built.page("lessons/goals/")) == ["ws-goals", "ws-goals-plan"]


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        (
            "::worksheet[Goals]",
            "malformed worksheet directive '::worksheet[Goals]'; write it alone on its line as '::worksheet[goals]'"
            " (ids use lowercase letters, digits and hyphens)",
        ),
        (
            "::worksheet[goals] please",
            "malformed worksheet directive '::worksheet[goals] please'; write it alone on its line as '::worksheet[goals]'"
            " (ids use lowercase letters, digits and hyphens)",
        ),
        (
            "::worksheet goals",
            "malformed worksheet directive '::worksheet goals'; write it alone on its line as '::worksheet[<worksheet-id>]'",
        ),
    ],
)
def test_a_malformed_directive(make_site: MakeSite, directive: str, message: str) -> None:
    built = make_site({"content/lessons/goals.md": LESSON + f"\n{directive}\n", **worksheets(GOALS)})

    assert errors(built) == [f"content/lessons/goals.md:13: {message}"]


MISPLACED = (
    "worksheet directive '::worksheet[wins]' would show as text here; it must stand on its own line at the top"
    " level of the page, with a blank line before and after (not inside a list or admonition)"
)
ADMONITIONS = {"markdown_extensions": ["admonition", "pymdownx.details", "pymdownx.superfences"]}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- A list item\n::worksheet[wins]\n", 14),  # no blank line: Markdown makes it part of the item
        ("- A list item\n\n    ::worksheet[wins]\n", 15),
        ("1. ::worksheet[wins]\n", 13),
        ('!!! note "Your turn"\n    ::worksheet[wins]\n', 14),
        ("???+ tip\n\n    ::worksheet[wins]\n", 15),
        ("> ::worksheet[wins]\n", 13),
    ],
    ids=["after-a-list-item", "in-a-list-item", "as-a-list-item", "in-an-admonition", "in-details", "in-a-quote"],
)
def test_a_directive_not_at_the_top_level_is_an_error_not_an_unplaced_worksheet(
    make_site: MakeSite, text: str, line: int
) -> None:
    built = make_site({"content/lessons/goals.md": LESSON + "\n" + text, **worksheets(GOALS, WINS)}, config=ADMONITIONS)

    assert errors(built) == [f"content/lessons/goals.md:{line}: {MISPLACED}"]
    assert built.warnings == []


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_directive_in_a_fence_inside_an_admonition_stays_text(make_site: MakeSite, gap: str) -> None:
    lesson = LESSON + f'\n!!! example "Write it like this"\n{gap}    ```markdown\n    ::worksheet[wins]\n    ```\n'
    built = make_site({"content/lessons/goals.md": lesson, **worksheets(GOALS)}, config=ADMONITIONS)

    assert built.ok, built.logs
    html = built.page("lessons/goals/")
    assert form_ids(html) == ["ws-goals"]
    assert html.count("::worksheet[wins]") == 1


def test_every_page_mistake_is_reported_in_one_failure(make_site: MakeSite) -> None:
    built = make_site(
        {
            "content/lessons/a.md": LESSON + "\n::worksheet[wins]\n",
            "content/lessons/b.md": "# B\n\n::worksheet[goals]\n\n::worksheet[nope]\n\n::worksheet[Wins]\n",
            **worksheets(GOALS, WINS),
        }
    )

    assert built.error == "Aborted with a BuildError!"
    assert errors(built) == [
        "content/lessons/b.md:3: worksheet 'goals' is already placed at content/lessons/a.md:9; place each worksheet once",
        "content/lessons/b.md:5: unknown worksheet 'nope': there is no worksheets/nope.yml; check the id or add the file",
        "content/lessons/b.md:7: malformed worksheet directive '::worksheet[Wins]'; write it alone on its line as"
        " '::worksheet[wins]' (ids use lowercase letters, digits and hyphens)",
    ]


def test_invalid_worksheets_fail_the_build_with_every_problem(make_site: MakeSite) -> None:
    built = make_site(
        {
            "content/lessons/goals.md": LESSON,
            "worksheets/goals.yml": GOALS.replace("minutes: 10", "minutes: 0"),
            "worksheets/wins.yml": WINS.replace("type: text", "type: sliderr"),
        }
    )

    assert errors(built) == [
        "worksheets/goals.yml:4: minutes: must be 1 or more, not 0",
        "worksheets/wins.yml:9: sections[0].fields[0].type: unknown type 'sliderr'"
        " (expected one of: text, long-text, list, table, scale, choice, checklist, date, tracker, matrix)",
    ]


# --- A worksheet no page places --------------------------------------------------------------


UNPLACED = (
    "comeback: worksheets/wins.yml: no page places worksheet 'wins'; add the line '::worksheet[wins]' to a lesson,"
    " or delete the file"
)


def test_an_unplaced_worksheet_fails_a_strict_build(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS, WINS)})

    assert built.error == "Aborted with 1 warnings in strict mode!"
    assert built.warnings == [UNPLACED]


def test_an_unplaced_worksheet_is_a_warning_without_strict(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS, WINS)}, strict=False)

    assert built.ok
    assert built.warnings == [UNPLACED]


# --- What the plugin tells other plugins ------------------------------------------------------


def test_the_plugin_exposes_worksheets_and_placements(make_site: MakeSite, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    assert make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS)}).ok
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "again"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    plugin = config.plugins["comeback/worksheets"]

    assert isinstance(plugin, WorksheetsPlugin)
    assert list(plugin.worksheets) == ["goals"]
    assert plugin.placements == {"goals": "lessons/goals.md"}
    assert plugin.is_serve is False


def test_serve_watches_the_worksheets_folder(make_site: MakeSite, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    # comeback/course loads the worksheets, and watches their folder while serving.
    plugins = {"plugins": ["comeback/course", "comeback/worksheets"]}
    assert make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS)}, config=plugins).ok
    config = load_config(str(tmp_path / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_serve(Server(), config=config, builder=lambda: None)  # type: ignore[arg-type]

    assert config.plugins["comeback/worksheets"].is_serve  # type: ignore[attr-defined]
    assert str(tmp_path / "worksheets") in watched


@pytest.mark.parametrize(
    ("site_url", "site_name", "key"),
    [
        ("https://someone.github.io/comeback/", "Comeback", "comeback"),
        ("https://someone.github.io/career/course/", "Comeback", "career-course"),
        ("https://comeback.example.org/", "Comeback course", "comeback-course"),
        (None, "Comeback", "comeback"),
    ],
)
def test_the_storage_key_keeps_sites_on_one_origin_apart(site_url: str | None, site_name: str, key: str) -> None:
    assert site_key(site_url, site_name) == key


# --- Finding directives ------------------------------------------------------------------------


def test_directives_are_found_on_file_lines_outside_code() -> None:
    markdown = (
        "# Lesson\n\nText\n::worksheet[a]\n\n~~~\n::worksheet[b]\n~~~\n\n- ::worksheet[c]\n\n"
        "<!-- ::worksheet[d] -->\n\n::worksheet[e]\n\n::worksheet[]\n"
    )
    scan = scan_directives(markdown, line_offset=3)

    assert scan.directives == [Directive("a", 7), Directive("e", 17)]
    assert [(bad.line, bad.text) for bad in scan.misplaced] == [(13, "::worksheet[c]")]
    assert scan.malformed == [
        MalformedDirective(
            19,
            "::worksheet[]",
            "malformed worksheet directive '::worksheet[]'; write it alone on its line as '::worksheet[<worksheet-id>]'",
        )
    ]


def test_front_matter_lines_count(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("---\ntitle: x\nnotes: |\n  a\n\n  b\n---\n\n::worksheet[zzz]\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\nplugins: [comeback/worksheets]\n")

    assert [line for line in build_site(tmp_path).logs if line.startswith("ERROR:")] == [
        "ERROR:mkdocs.commands.build:content/index.md:9: unknown worksheet 'zzz': there is no worksheets/zzz.yml;"
        " check the id or add the file"
    ]


@pytest.mark.parametrize("directive", ["::my-plan", "::progress", "::your-data"])
def test_a_misplaced_line_of_the_learner_plugin_fails_the_build(make_site: MakeSite, directive: str) -> None:
    built = make_site(
        {"content/index.md": f"# Home\n\nA paragraph, and right under it\n{directive}\n"},
        config={"plugins": ["comeback/worksheets", "comeback/learner"]},
    )
    assert not built.ok
    assert (
        f"content/index.md:4: '{directive}' must stand on its own line at the top level of the page,"
        " with a blank line before and after"
    ) in built.errors
