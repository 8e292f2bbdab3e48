"""Placing worksheets in lessons with `::worksheet[<id>]`: the rules are the core's, tested on it
without a build; a few real builds show the forms where the directives were, the scripts they need
and what a strict build says of a worksheet no page places."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comeback.core.course.model import Course
from comeback.core.ids import site_key
from comeback.core.markup import Use, parse_page
from conftest import MakeSite, course_in, course_problems, markdown_of
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


def form_ids(html: str) -> list[str]:
    return re.findall(r'<form\b[^>]*\bid="([^"]+)"', html)


# --- In a real build: forms where the directives were ----------------------------------------


def test_a_placed_worksheet_becomes_a_form_where_the_directive_was_with_its_scripts_in_order(
    make_site: MakeSite,
) -> None:
    lesson = LESSON + "\nWrite it like this:\n\n```markdown\n::worksheet[wins]\n```\n\n    ::worksheet[wins]\n"
    built = make_site(
        {"content/lessons/goals.md": lesson, "content/stylesheets/site.css": "body {}\n", **worksheets(GOALS)},
        config={"extra_css": ["stylesheets/site.css"]},
    )

    assert built.ok, built.logs
    html = built.page("lessons/goals/")
    assert form_ids(html) == ["ws-goals"]
    assert html.index("Before the worksheet.") < html.index("<form") < html.index("After the worksheet.")
    assert "::worksheet[goals]" not in html and "data-comeback-worksheet" not in html
    assert html.count("::worksheet[wins]") == 2  # shown in code, as written
    assert not re.search(r"<p>\s*<form", html)
    assert (built.site_dir / "assets/comeback/worksheets.js").is_file()
    assert (built.site_dir / "assets/comeback/worksheets.css").is_file()
    # Classic scripts: a module is blocked when the site is opened from a folder.
    scripts = re.findall(r'<script src="[./]*(assets/comeback/[\w-]+\.js)"( type="module")?>', html)
    assert [name for name, _ in scripts] == [
        "assets/comeback/course-data.js",  # in the head, before Material's own scripts
        "assets/comeback/early.js",
        "assets/comeback/answers.js",  # what answers are, and the helpers every script after it uses
        "assets/comeback/store.js",
        "assets/comeback/worksheets.js",
        "assets/comeback/data.js",
        "assets/comeback/progress.js",
        "assets/comeback/calendar.js",
        "assets/comeback/plan.js",  # uses calendar.js
        "assets/comeback/compare.js",
    ]
    assert all(not module for _, module in scripts)
    assert html.index("early.js") < html.index("</head>") < html.index("answers.js")
    assert html.index("assets/comeback/worksheets.css") < html.index("stylesheets/site.css")


UNPLACED = (
    "comeback: worksheets/wins.yml: no page places worksheet 'wins'; add the line '::worksheet[wins]' to a lesson,"
    " or delete the file"
)


def test_an_unplaced_worksheet_fails_a_strict_build(make_site: MakeSite) -> None:
    built = make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS, WINS)})

    assert built.error == "Aborted with 1 warnings in strict mode!"
    assert built.warnings == [UNPLACED]


def test_a_site_without_worksheets_builds_and_a_disabled_plugin_makes_nothing(make_site: MakeSite) -> None:
    built = make_site({"content/index.md": "# Home\n"}, config={"plugins": [{"comeback/worksheets": {"enabled": 0}}]})

    assert built.ok, built.logs
    assert not (built.site_dir / "assets/comeback").exists()


def test_serve_watches_the_worksheets_folder(make_site: MakeSite, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    assert make_site({"content/lessons/goals.md": LESSON, **worksheets(GOALS)}).ok
    config = load_config(str(tmp_path / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_serve(Server(), config=config, builder=lambda: None)  # type: ignore[arg-type]

    assert str(tmp_path / "worksheets") in watched


# --- The core: where each worksheet is placed ---------------------------------------------------


def test_the_course_knows_which_page_places_each_worksheet_and_which_none_does(tmp_path: Path) -> None:
    course = course_in(tmp_path, {"content/lessons/goals.md": LESSON, **worksheets(GOALS, WINS)})

    assert course.placements == {"goals": "lessons/goals.md"}
    assert course.unplaced == ("wins",)
    assert [part.worksheets for part in course.parts] == [("goals",)]
    assert markdown_of(course, "lessons/goals.md").count('<div data-comeback-worksheet="goals"></div>') == 1


def placement_problems(tmp_path: Path, pages: dict[str, str], *texts: str) -> list[str]:
    return course_problems(tmp_path, {**pages, **worksheets(*(texts or (GOALS,)))})


def test_an_unknown_worksheet_suggests_the_closest_id(tmp_path: Path) -> None:
    assert placement_problems(tmp_path, {"content/lessons/goals.md": LESSON.replace("[goals]", "[goal]")}) == [
        "content/lessons/goals.md:9: unknown worksheet 'goal' (did you mean 'goals'?)"
    ]


def test_an_unknown_worksheet_without_a_close_id(tmp_path: Path) -> None:
    assert placement_problems(tmp_path, {"content/lessons/goals.md": LESSON.replace("[goals]", "[budget]")}) == [
        "content/lessons/goals.md:9: unknown worksheet 'budget': there is no worksheets/budget.yml;"
        " check the id or add the file"
    ]


def test_a_broken_worksheet_is_reported_once_and_what_names_it_is_not_called_unknown(tmp_path: Path) -> None:
    broken = GOALS.replace("title: Goals", "title: [Goals")  # a YAML error: the file cannot be read
    plan = "id: weekly\ntitle: Weekly\ngroup: false\nsessions: []\n"
    lesson = LESSON + "\n::worksheet[budget]\n"

    found = course_problems(
        tmp_path, {"content/lessons/goals.md": lesson, **worksheets(broken), "sessions/weekly.yml": plan}
    )

    assert [line for line in found if line.startswith("worksheets/goals.yml:")]  # its own problem
    assert not [line for line in found if "'goals'" in line]  # nothing else says it is unknown
    assert any(line.startswith("content/lessons/goals.md:13: unknown worksheet 'budget'") for line in found)


def test_a_worksheet_placed_twice_on_one_page(tmp_path: Path) -> None:
    assert placement_problems(tmp_path, {"content/lessons/goals.md": LESSON + "\n::worksheet[goals]\n"}) == [
        "content/lessons/goals.md:13: worksheet 'goals' is already placed at content/lessons/goals.md:9;"
        " place each worksheet once"
    ]


def test_a_worksheet_placed_on_two_pages_belongs_to_the_first_in_nav_order(tmp_path: Path) -> None:
    pages = {"content/lessons/a.md": "# A\n\n::worksheet[goals]\n", "content/lessons/b.md": LESSON}

    assert course_problems(tmp_path, {**pages, **worksheets(GOALS)}, pages=["lessons/b.md", "lessons/a.md"]) == [
        "content/lessons/a.md:3: worksheet 'goals' is already placed at content/lessons/b.md:9; place each worksheet once"
    ]


def test_two_worksheets_whose_html_ids_would_clash_cannot_share_a_page(tmp_path: Path) -> None:
    # ws-<worksheet>-<field>: worksheet "goals" field "plan-step" and worksheet "goals-plan" field
    # "step" would both be ws-goals-plan-step, and the form ws-goals-plan would share its id with a field.
    goals = GOALS + "      - {id: plan-step, type: text, label: Step}\n      - {id: plan, type: text, label: Plan}\n"
    goals_plan = GOALS.replace("id: goals", "id: goals-plan").replace("id: goal\n", "id: step\n")

    assert placement_problems(
        tmp_path, {"content/lessons/goals.md": LESSON + "\n::worksheet[goals-plan]\n"}, goals, goals_plan
    ) == [
        "content/lessons/goals.md:13: worksheets 'goals' and 'goals-plan' cannot share a page: both forms"
        " would use the HTML id 'ws-goals-plan'; place them on different pages, or rename a field or a worksheet"
    ]


def test_worksheets_with_overlapping_names_can_share_a_page_when_their_ids_do_not_clash(tmp_path: Path) -> None:
    goals_plan = GOALS.replace("id: goals", "id: goals-plan")
    pages = {"content/lessons/goals.md": LESSON + "\n::worksheet[goals-plan]\n"}
    course = course_in(tmp_path, {**pages, **worksheets(GOALS, goals_plan)})

    assert course.placements == {"goals": "lessons/goals.md", "goals-plan": "lessons/goals.md"}


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        (
            "::worksheet[Goals]",
            "malformed directive '::worksheet[Goals]'; write it alone on its line as '::worksheet[goals]'"
            " (ids use lowercase letters, digits and hyphens)",
        ),
        (
            "::worksheet[goals] please",
            "malformed directive '::worksheet[goals] please'; write it alone on its line as '::worksheet[goals]'"
            " (ids use lowercase letters, digits and hyphens)",
        ),
        (
            "::worksheet goals",
            "malformed directive '::worksheet goals'; write it alone on its line, e.g. '::worksheet[goal-ladder]'",
        ),
        ("::worksheet[]", "'::worksheet' needs a worksheet id, e.g. '::worksheet[goal-ladder]'"),
        ("::worksheets[goals]", "unknown directive '::worksheets[goals]' (did you mean '::worksheet[goals]'?)"),
        ("::suport", "unknown directive '::suport' (did you mean '::support'?)"),
        ("::support[goals]", "'::support' takes no argument; write it alone on its line as '::support'"),
    ],
)
def test_a_malformed_or_unknown_directive(tmp_path: Path, directive: str, message: str) -> None:
    assert placement_problems(tmp_path, {"content/lessons/goals.md": LESSON + f"\n{directive}\n"}) == [
        f"content/lessons/goals.md:13: {message}"
    ]


def misplaced(text: str) -> str:
    return (
        f"'{text}' would show as text here; a directive stands on its own line at the top level of the page"
        " (not inside a list, a quote or another block, and not indented)"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- A list item\n::worksheet[wins]\n", 14),  # no blank line: Markdown makes it part of the item
        ("- A list item\n\n    ::worksheet[wins]\n", 15),
        ("1. ::worksheet[wins]\n", 13),
        ('!!! note "Your turn"\n    ::worksheet[wins]\n', 14),
        ("???+ tip\n\n    ::worksheet[wins]\n", 15),
        ("> ::worksheet[wins]\n", 13),
        ("/// tip\n::worksheet[wins]\n///\n", 14),
        ("   ::worksheet[wins]\n", None),  # three spaces are still the top level
    ],
    ids=[
        "after-a-list-item",
        "in-a-list-item",
        "as-a-list-item",
        "in-an-admonition",
        "in-details",
        "in-a-quote",
        "in-a-block",
        "indented-three",
    ],
)
def test_a_directive_not_at_the_top_level_is_an_error_not_an_unplaced_worksheet(
    tmp_path: Path, text: str, line: int | None
) -> None:
    files = {"content/lessons/goals.md": LESSON + "\n" + text, **worksheets(GOALS, WINS)}
    if line is None:
        assert course_in(tmp_path, files).placements == {"goals": "lessons/goals.md", "wins": "lessons/goals.md"}
    else:
        assert course_problems(tmp_path, files) == [
            f"content/lessons/goals.md:{line}: {misplaced('::worksheet[wins]')}"
        ]


def test_a_worksheet_inside_a_facilitator_note_is_refused_with_its_line(tmp_path: Path) -> None:
    lesson = LESSON + "\n/// facilitator\nRun it in pairs.\n\n::worksheet[wins]\n\n///\n"

    assert placement_problems(tmp_path, {"content/lessons/goals.md": lesson}, GOALS, WINS) == [
        "content/lessons/goals.md:16: '::worksheet[wins]' would show as text here; inside a facilitator note,"
        " which is prose for facilitators; move it out of the note"
    ]


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_directive_in_a_fence_inside_an_admonition_stays_text(tmp_path: Path, gap: str) -> None:
    lesson = LESSON + f'\n!!! example "Write it like this"\n{gap}    ```markdown\n    ::worksheet[wins]\n    ```\n'
    course = course_in(tmp_path, {"content/lessons/goals.md": lesson, **worksheets(GOALS)})

    assert course.placements == {"goals": "lessons/goals.md"}
    assert "    ::worksheet[wins]" in markdown_of(course, "lessons/goals.md")


def test_every_mistake_of_every_page_is_reported_at_once(tmp_path: Path) -> None:
    pages = {
        "content/lessons/a.md": LESSON + "\n::worksheet[wins]\n",
        "content/lessons/b.md": "# B\n\n::worksheet[goals]\n\n::worksheet[nope]\n\n::worksheet[Wins]\n",
    }

    assert placement_problems(tmp_path, pages, GOALS, WINS) == [
        "content/lessons/b.md:3: worksheet 'goals' is already placed at content/lessons/a.md:9; place each worksheet once",
        "content/lessons/b.md:5: unknown worksheet 'nope': there is no worksheets/nope.yml; check the id or add the file",
        "content/lessons/b.md:7: malformed directive '::worksheet[Wins]'; write it alone on its line as"
        " '::worksheet[wins]' (ids use lowercase letters, digits and hyphens)",
    ]


def test_invalid_worksheets_are_reported_with_every_problem(tmp_path: Path) -> None:
    files = {
        "content/lessons/goals.md": LESSON,
        "worksheets/goals.yml": GOALS.replace("minutes: 10", "minutes: 0"),
        "worksheets/wins.yml": WINS.replace("type: text", "type: sliderr"),
    }

    assert course_problems(tmp_path, files) == [
        "worksheets/goals.yml:4: minutes: must be 1 or more, not 0",
        "worksheets/wins.yml:9: sections[0].fields[0].type: unknown type 'sliderr'"
        " (expected one of: text, long-text, list, table, scale, choice, checklist, date, tracker, matrix)",
    ]


def test_a_directive_of_a_plugin_the_site_does_not_use_fails_with_its_line(tmp_path: Path) -> None:
    features = {"comeback/course", "comeback/learner"}

    assert placement_problems_with(tmp_path, features) == [
        "content/lessons/goals.md:9: '::worksheet[goals]' needs the comeback/worksheets plugin, which this site"
        " does not use: add it to plugins in mkdocs.yml (or switch it on), or remove the line"
    ]


def placement_problems_with(tmp_path: Path, features: set[str]) -> list[str]:
    return course_problems(tmp_path, {"content/lessons/goals.md": LESSON, **worksheets(GOALS)}, features=features)


# --- Reading directives -----------------------------------------------------------------------


def test_directives_are_found_on_file_lines_outside_code() -> None:
    markdown = (
        "---\ntitle: Lesson\n---\n# Lesson\n\nText\n::worksheet[a]\n\n~~~\n::worksheet[b]\n~~~\n\n- ::worksheet[c]\n\n"
        "<!-- ::worksheet[d] -->\n\n::worksheet[e]\n\n`::worksheet[f]`\n"
    )
    page = parse_page(markdown, path="lesson.md", file="content/lesson.md")

    assert page.uses == (Use("worksheet", "a", 3, 7), Use("worksheet", "e", 13, 17))
    assert [str(problem) for problem in page.problems] == [f"content/lesson.md:13: {misplaced('::worksheet[c]')}"]


def test_front_matter_lines_count_as_mkdocs_counts_them(tmp_path: Path) -> None:
    page = "---\ntitle: x\nnotes: |\n  a\n\n  b\n---\n\n\n::worksheet[zzz]\n"

    assert course_problems(tmp_path, {"content/index.md": page}) == [
        "content/index.md:10: unknown worksheet 'zzz': there is no worksheets/zzz.yml; check the id or add the file"
    ]


def test_front_matter_that_is_not_yaml_fails_with_its_line(tmp_path: Path) -> None:
    page = "---\ntitle: One\nduration: [20\n---\n\n# One\n"

    assert course_problems(tmp_path, {"content/lessons/one.md": page}) == [
        "content/lessons/one.md:4: the front matter is not valid YAML (expected ',' or ']', but got '<stream end>');"
        " check its brackets, quotes and indentation"
    ]


def test_a_page_that_is_not_utf8_is_a_problem_with_its_file_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "content/lessons").mkdir(parents=True)
    (tmp_path / "content/lessons/one.md").write_bytes("# Café\n".encode("latin-1"))

    assert course_problems(tmp_path, {}) == ["content/lessons/one.md:1: the page is not UTF-8 text; save it as UTF-8"]


def test_a_build_of_a_page_that_is_not_utf8_stops_with_that_problem(make_site: MakeSite, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content/notes.md").write_bytes("# Café\n".encode("latin-1"))

    built = make_site({})

    assert built.errors == ["content/notes.md:1: the page is not UTF-8 text; save it as UTF-8"]


def test_a_directive_right_under_a_paragraph_line_stands_on_its_own(tmp_path: Path) -> None:
    course: Course = course_in(
        tmp_path, {"content/index.md": "# Home\n\nA paragraph, and right under it\n::progress\n"}
    )

    assert markdown_of(course, "index.md").split("\n")[2:4] == ["A paragraph, and right under it", ""]


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
