"""Loading worksheets/*.yml: every problem in every file is reported at once, each with its file,
line and key path, in words that say how to fix it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from comeback.core.worksheets.load import Problem, WorksheetError, load_worksheets
from comeback.core.worksheets.model import ScaleField
from sample_worksheets import GOALS

# The line numbers in the expected messages below count from the first line of VALID.
VALID = GOALS
TYPES = "text, long-text, list, table, scale, choice, checklist, date, tracker, matrix"


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    directory = tmp_path / "worksheets"
    directory.mkdir(exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        load_worksheets(directory)
    return str(caught.value).splitlines()


def with_field(field: str) -> str:
    """VALID with one more field (written as at the top level), whose first line is line 11."""
    return VALID + textwrap.indent(field.strip() + "\n", " " * 6)


def test_a_valid_worksheet_loads_with_its_source(tmp_path: Path) -> None:
    (tmp_path / "worksheets").mkdir()
    (tmp_path / "worksheets" / "goals.yml").write_text(VALID, encoding="utf-8")

    worksheets = load_worksheets(tmp_path / "worksheets")

    assert list(worksheets) == ["goals"]
    assert worksheets["goals"].source == tmp_path / "worksheets" / "goals.yml"
    assert worksheets["goals"].all_fields[0].label == "Your goal"


def test_a_missing_folder_means_no_worksheets(tmp_path: Path) -> None:
    assert load_worksheets(tmp_path / "worksheets") == {}


def test_yaml_syntax_error_names_the_line_of_the_problem(tmp_path: Path) -> None:
    broken = VALID.replace("title: Goals", "title: Goals: the sequel")
    assert problems(tmp_path, {"goals.yml": broken}) == [
        "worksheets/goals.yml:2: invalid YAML: mapping values are not allowed here;"
        " check the indentation, and quote text that contains ': ' or ' #'"
    ]


def test_a_control_character_is_reported_on_its_line_in_one_line(tmp_path: Path) -> None:
    pasted = VALID.replace("label: Your goal", "label: Your\x07 goal")
    assert problems(tmp_path, {"goals.yml": pasted}) == [
        "worksheets/goals.yml:10: invalid YAML: the control character U+0007 is not allowed in YAML;"
        " delete it (it often comes with pasted text)"
    ]


def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    (tmp_path / "worksheets" / "goals.yml").mkdir(parents=True)
    assert problems(tmp_path, {}) == ["worksheets/goals.yml:1: cannot read the file: Is a directory"]


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": "- id: goals\n- title: Goals\n"}) == [
        "worksheets/goals.yml:1: the top level must be a mapping of keys"
        " (id, title, version, minutes and sections), not a list"
    ]


def test_an_empty_file_is_reported(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": "# nothing yet\n"}) == [
        "worksheets/goals.yml:1: the file is empty; a worksheet needs id, title, version, minutes and sections"
    ]


def test_unknown_key_suggests_the_closest_known_one(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace("  - title: Start", "  - title: Start\n    intor: Hi")}) == [
        "worksheets/goals.yml:7: sections[0].intor: unknown key 'intor' (did you mean 'intro'?)"
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": with_field("- id: when\n  type: date\n  label: When?\n  colour: red")}) == [
        "worksheets/goals.yml:14: sections[0].fields[1].colour: unknown key 'colour'"
        " (allowed here: id, label, hint, print, optional, plan, type, calendar)"
    ]


@pytest.mark.parametrize(
    ("key", "shown"), [("1", "the number 1"), ("yes", "true/false (true)"), ("~", "an empty value")]
)
def test_a_key_that_yaml_reads_as_no_text_says_which_keys_fit(tmp_path: Path, key: str, shown: str) -> None:
    worksheet = with_field(f"- id: when\n  type: date\n  label: When?\n  {key}: red")
    assert problems(tmp_path, {"goals.yml": worksheet}) == [
        f"worksheets/goals.yml:11: sections[0].fields[1]: a key must be text, not {shown};"
        " use one of the keys allowed here: id, label, hint, print, optional, plan, type, calendar"
    ]


def test_a_misspelt_top_level_key_is_unknown_and_the_real_one_missing(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace("title: Goals", "titel: Goals")}) == [
        "worksheets/goals.yml:1: title: missing required key 'title'; add it",
        "worksheets/goals.yml:2: titel: unknown key 'titel' (did you mean 'title'?)",
    ]


def test_missing_required_key_points_at_the_mapping_that_lacks_it(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": with_field("- id: when\n  type: date")}) == [
        "worksheets/goals.yml:11: sections[0].fields[1].label: missing required key 'label'; add it"
    ]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("minutes: 10", 'minutes: "10"', "4: minutes: must be a whole number, not the text '10'; remove the quotes"),
        ("minutes: 10", "minutes: 2.5", "4: minutes: must be a whole number, not the number 2.5"),
        (
            "label: Your goal",
            "label: yes",
            "10: sections[0].fields[0].label: must be text, not true/false (true); put it in quotes",
        ),
        (
            "label: Your goal",
            "label:",
            "10: sections[0].fields[0].label: is empty; write the text after the colon,"
            " or remove the key if it is optional",
        ),
        ("title: Goals", "title: ''", "2: title: is empty; write some text, or remove the key if it is optional"),
        (
            "  - title: Start",
            "  - Start\n  - title: Start",
            "6: sections[0]: must be a mapping of keys and values ('key: value' lines), not the text 'Start'",
        ),
    ],
)
def test_wrong_types_say_what_is_expected(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace(replace, by, 1)}) == [f"worksheets/goals.yml:{expected}"]


def test_sections_must_be_a_list(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.split("sections:")[0] + "sections: oops\n"}) == [
        "worksheets/goals.yml:5: sections: must be a list (one '- ' item per line), not the text 'oops'"
    ]


def test_unknown_field_type_lists_the_types(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace("type: text", "type: sliderr")}) == [
        f"worksheets/goals.yml:9: sections[0].fields[0].type: unknown type 'sliderr' (expected one of: {TYPES})"
    ]


def test_a_field_without_a_type_lists_the_types(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace("        type: text\n", "")}) == [
        f"worksheets/goals.yml:8: sections[0].fields[0].type: missing required key 'type' (one of: {TYPES})"
    ]


def test_duplicate_field_ids_in_a_worksheet(tmp_path: Path) -> None:
    second_section = "  - title: More\n    fields:\n      - id: goal\n        type: date\n        label: When?\n"
    assert problems(tmp_path, {"goals.yml": VALID + second_section}) == [
        "worksheets/goals.yml:13: sections[1].fields[0].id: duplicate id 'goal'"
        " (already used by sections[0].fields[0]); give each field its own id"
    ]


def test_duplicate_field_ids_are_reported_with_the_other_problems(tmp_path: Path) -> None:
    text = VALID.replace("version: 1", "version: 0") + "      - id: goal\n        type: date\n        label: When?\n"
    assert problems(tmp_path, {"goals.yml": text}) == [
        "worksheets/goals.yml:3: version: must be 1 or more, not 0",
        "worksheets/goals.yml:11: sections[0].fields[1].id: duplicate id 'goal'"
        " (already used by sections[0].fields[0]); give each field its own id",
    ]


@pytest.mark.parametrize(
    ("field", "line", "path", "noun"),
    [
        ("type: choice\n  options: [{id: a, label: A}, {id: a, label: B}]", 14, "options", "option"),
        ("type: checklist\n  options:\n    - {id: a, label: A}\n    - {id: a, label: B}", 16, "options", "option"),
        ("type: table\n  columns:\n    - {id: a, label: A}\n    - {id: a, label: B}", 16, "columns", "column"),
        ("type: tracker\n  items:\n    - {id: a, label: A}\n    - {id: a, label: B}", 16, "items", "item"),
        (
            "type: matrix\n  criteria:\n    - {id: a, label: A, weight: 1}\n    - {id: a, label: B, weight: 2}",
            16,
            "criteria",
            "criterion",
        ),
    ],
)
def test_duplicate_ids_within_a_field(tmp_path: Path, field: str, line: int, path: str, noun: str) -> None:
    found = problems(tmp_path, {"goals.yml": with_field(f"- id: pick\n  label: Pick\n  {field}")})
    assert found == [
        f"worksheets/goals.yml:{line}: sections[0].fields[1].{path}[1].id: duplicate id 'a'"
        f" (already used by {path}[0]); give each {noun} its own id"
    ]


def test_every_repeated_id_within_a_field_is_reported_with_the_other_problems_there(tmp_path: Path) -> None:
    options = "type: choice\n  options:\n    - {id: a, label: A}\n    - {id: a, label: B}\n    - {id: C, label: C}\n    - {id: a, label: D}"
    found = problems(tmp_path, {"goals.yml": with_field(f"- id: pick\n  label: Pick\n  {options}")})
    assert found == [
        "worksheets/goals.yml:16: sections[0].fields[1].options[1].id: duplicate id 'a'"
        " (already used by options[0]); give each option its own id",
        "worksheets/goals.yml:17: sections[0].fields[1].options[2].id: invalid id 'C':"
        " use only lowercase letters, digits and single hyphens, e.g. 'c'",
        "worksheets/goals.yml:18: sections[0].fields[1].options[3].id: duplicate id 'a'"
        " (already used by options[0]); give each option its own id",
    ]


def test_the_id_must_match_the_file_name(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goal.yml": VALID}) == [
        "worksheets/goal.yml:1: id: id 'goals' does not match the file name 'goal.yml';"
        " change the id to 'goal' or rename the file to 'goals.yml'"
    ]


def test_duplicate_worksheet_ids_across_files(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID, "copy.yml": VALID}) == [
        "worksheets/copy.yml:1: id: id 'goals' does not match the file name 'copy.yml';"
        " change the id to 'copy' or rename the file to 'goals.yml'",
        "worksheets/copy.yml:1: id: worksheet id 'goals' is already used by worksheets/goals.yml;"
        " give each worksheet its own id",
    ]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        (
            "id: goals",
            "id: Goal Ladder",
            "1: id: invalid id 'Goal Ladder': use only lowercase letters, digits and single hyphens, e.g. 'goal-ladder'",
        ),
        (
            "id: goal\n",
            "id: my_goal\n",
            "8: sections[0].fields[0].id: invalid id 'my_goal': use only lowercase letters, digits and single hyphens,"
            " e.g. 'my-goal'",
        ),
    ],
)
def test_ids_must_be_lowercase_words_joined_by_hyphens(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace(replace, by)}) == [f"worksheets/goals.yml:{expected}"]


def test_a_worksheet_needs_sections(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.split("sections:")[0] + "sections: []\n"}) == [
        "worksheets/goals.yml:5: sections: a worksheet needs at least one section; add one"
    ]


def test_a_section_needs_fields(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yml": VALID + "  - title: Empty\n    fields: []\n"}) == [
        "worksheets/goals.yml:12: sections[1].fields: a section needs at least one field; add one or remove the section"
    ]


SCALE = "- id: mood\n  type: scale\n  label: Mood\n  min_label: Low\n  max_label: High\n"


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        ("min: 5\n  max: 5", "max (5) must be greater than min (5)"),
        ("min: 3\n  max: 1", "max (1) must be greater than min (3)"),
        ("min: 0\n  max: 11", "a scale from 0 to 11 has 12 points; use at most 11, e.g. min: 0 and max: 10"),
    ],
)
def test_impossible_scales(tmp_path: Path, bounds: str, message: str) -> None:
    assert problems(tmp_path, {"goals.yml": with_field(SCALE + "  " + bounds)}) == [
        f"worksheets/goals.yml:17: sections[0].fields[1].max: {message}"
    ]


def test_a_scale_from_1_to_11_points_is_fine(tmp_path: Path) -> None:
    (tmp_path / "worksheets").mkdir()
    (tmp_path / "worksheets" / "goals.yml").write_text(with_field(SCALE + "  min: 1\n  max: 11"), encoding="utf-8")
    scale = load_worksheets(tmp_path / "worksheets")["goals"].all_fields[1]
    assert isinstance(scale, ScaleField) and scale.max == 11


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            "type: table\n  columns: []",
            "columns: a table needs at least one column; add one, e.g. '- {id: step, label: Step}'",
        ),
        (
            "type: matrix\n  criteria: []",
            "criteria: a matrix needs at least one criterion; add one, e.g. '- {id: pay, label: Pay, weight: 3}'",
        ),
        (
            "type: tracker\n  items: []",
            "items: a tracker needs at least one item; add one, e.g. '- {id: walk, label: A walk}'",
        ),
        ("type: choice\n  options: [{id: a, label: A}]", "options: needs at least 2 options; add more"),
        ("type: checklist\n  options: []", "options: needs at least one option; add one"),
    ],
)
def test_lists_a_field_cannot_do_without(tmp_path: Path, field: str, message: str) -> None:
    assert problems(tmp_path, {"goals.yml": with_field(f"- id: f\n  label: F\n  {field}")}) == [
        f"worksheets/goals.yml:14: sections[0].fields[1].{message}"
    ]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            "type: matrix\n  criteria: [{id: pay, label: P, weight: 0}]",
            "criteria[0].weight: must be between 1 and 5, not 0",
        ),
        (
            "type: matrix\n  criteria: [{id: pay, label: P, weight: 6}]",
            "criteria[0].weight: must be between 1 and 5, not 6",
        ),
        ("type: tracker\n  items: [{id: walk, label: Walk}]\n  days: 0", "days: must be between 1 and 31, not 0"),
        ("type: tracker\n  items: [{id: walk, label: Walk}]\n  days: 32", "days: must be between 1 and 31, not 32"),
    ],
)
def test_weights_and_days_out_of_range(tmp_path: Path, field: str, message: str) -> None:
    found = problems(tmp_path, {"goals.yml": with_field(f"- id: f\n  label: F\n  {field}")})
    line = 15 if "days" in message else 14
    assert found == [f"worksheets/goals.yml:{line}: sections[0].fields[1].{message}"]


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("version: 1", "version: 0", "3: version: must be 1 or more, not 0"),
        ("minutes: 10", "minutes: -5", "4: minutes: must be 1 or more, not -5"),
        (
            "type: text",
            "type: list\n        rows: 0",
            "10: sections[0].fields[0].rows: must be between 1 and 200, not 0",
        ),
        (
            "type: text",
            "type: text\n        print: {lines: 0}",
            "10: sections[0].fields[0].print.lines: must be 1 or more, not 0",
        ),
    ],
)
def test_counts_must_be_positive(tmp_path: Path, replace: str, by: str, expected: str) -> None:
    assert problems(tmp_path, {"goals.yml": VALID.replace(replace, by)}) == [f"worksheets/goals.yml:{expected}"]


@pytest.mark.parametrize(
    "kind",
    ["list", "table\n        columns: [{id: a, label: A}]", "matrix\n        criteria: [{id: a, label: A, weight: 1}]"],
)
def test_rows_stop_where_the_browser_stops_adding_them(tmp_path: Path, kind: str) -> None:
    # worksheets.js keeps at most MAX_ROWS rows: more would be cut off (and archived) on restore.
    worksheet = VALID.replace("type: text", f"type: {kind}\n        rows: 201")
    line = 10 + kind.count("\n")
    assert problems(tmp_path, {"goals.yml": worksheet}) == [
        f"worksheets/goals.yml:{line}: sections[0].fields[0].rows: must be between 1 and 200, not 201"
    ]


def test_duplicate_yaml_keys_are_reported_although_yaml_allows_them(tmp_path: Path) -> None:
    repeated = VALID.replace("        label: Your goal", "        label: Goal\n        label: Your goal")
    assert problems(tmp_path, {"goals.yml": repeated}) == [
        "worksheets/goals.yml:11: sections[0].fields[0].label: duplicate key (first on line 10);"
        " YAML keeps only the last one, so remove one of them"
    ]


def test_a_yaml_extension_is_asked_to_be_yml(tmp_path: Path) -> None:
    assert problems(tmp_path, {"goals.yaml": VALID}) == [
        "worksheets/goals.yaml:1: worksheet files end in .yml: rename it to goals.yml"
    ]


def test_every_problem_in_every_file_is_reported_at_once_sorted_by_file_and_line(tmp_path: Path) -> None:
    files = {
        "b-second.yml": VALID.replace("id: goals", "id: b-second")
        .replace("type: text", "type: sliderr")
        .replace("minutes: 10", "minutes: 0"),
        "a-first.yml": VALID.replace("id: goals", "id: a-first").replace("title: Goals", "titel: Goals"),
        "c-third.yml": "id: [\n",
    }
    assert problems(tmp_path, files) == [
        "worksheets/a-first.yml:1: title: missing required key 'title'; add it",
        "worksheets/a-first.yml:2: titel: unknown key 'titel' (did you mean 'title'?)",
        "worksheets/b-second.yml:4: minutes: must be 1 or more, not 0",
        f"worksheets/b-second.yml:9: sections[0].fields[0].type: unknown type 'sliderr' (expected one of: {TYPES})",
        "worksheets/c-third.yml:2: invalid YAML: expected the node content, but found '<stream end>'"
        " (while parsing a flow node); check the indentation, and quote text that contains ': ' or ' #'",
    ]


def test_problems_are_structured_for_tools(tmp_path: Path) -> None:
    (tmp_path / "worksheets").mkdir()
    (tmp_path / "worksheets" / "goals.yml").write_text(VALID.replace("version: 1", "version: 0"), encoding="utf-8")

    with pytest.raises(WorksheetError) as caught:
        load_worksheets(tmp_path / "worksheets", relative_to=tmp_path.parent)

    folder = tmp_path.name
    assert caught.value.problems == [
        Problem(f"{folder}/worksheets/goals.yml", 3, "version", "must be 1 or more, not 0")
    ]


# --- hostile YAML ------------------------------------------------------------------------------

LAUGHS = """\
id: goals
title: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
version: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
minutes: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
sections: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
"""


def test_anchors_and_aliases_are_refused_on_their_lines_before_anything_expands(tmp_path: Path) -> None:
    found = problems(tmp_path, {"goals.yml": LAUGHS})

    assert found[:3] == [
        "worksheets/goals.yml:2: YAML anchors and aliases ('&a') are not allowed here;"
        " write the value out in full each time it is needed",
        "worksheets/goals.yml:3: YAML anchors and aliases ('&b') are not allowed here;"
        " write the value out in full each time it is needed",
        "worksheets/goals.yml:3: YAML anchors and aliases ('*a') are not allowed here;"
        " write the value out in full each time it is needed",
    ]
    # One problem for each & and *, not one for each value they would expand into.
    assert len(found) == LAUGHS.count("&") + LAUGHS.count("*")


def test_a_merge_key_that_uses_an_alias_is_refused_too(tmp_path: Path) -> None:
    merged = VALID.replace("minutes: 10", "minutes: 10\nbase: &base {id: x}\nother:\n  <<: *base")
    found = problems(tmp_path, {"goals.yml": merged})

    assert found == [
        "worksheets/goals.yml:5: YAML anchors and aliases ('&base') are not allowed here;"
        " write the value out in full each time it is needed",
        "worksheets/goals.yml:7: YAML anchors and aliases ('*base') are not allowed here;"
        " write the value out in full each time it is needed",
    ]


def test_a_build_shows_at_most_fifty_problems_and_says_how_many_more_there_are(tmp_path: Path) -> None:
    many = {f"sheet-{number:03}.yml": "id: [broken\n" for number in range(120)}
    found = problems(tmp_path, many)

    assert len(found) == 51
    assert found[0].startswith("worksheets/sheet-000.yml:2: invalid YAML")
    assert found[-1] == "... and 70 more problems"


@pytest.mark.parametrize("reserved", ["option", "total"])
def test_a_matrix_criterion_cannot_take_the_id_of_a_rows_own_cell(tmp_path: Path, reserved: str) -> None:
    field = (
        "- id: options\n  label: Options\n  type: matrix\n  criteria:\n"
        f"    - {{id: pay, label: Pay, weight: 2}}\n    - {{id: {reserved}, label: Odd, weight: 1}}"
    )
    assert problems(tmp_path, {"goals.yml": with_field(field)}) == [
        f"worksheets/goals.yml:16: sections[0].fields[1].criteria[1].id: a criterion cannot have the id"
        f" '{reserved}': every row of a matrix already has an '{reserved}' cell; rename it, e.g. '{reserved}-score'"
    ]


def test_a_comparison_needs_another_worksheet_that_shares_a_field(tmp_path: Path) -> None:
    other = GOALS.replace("id: goals", "id: other").replace("id: goal\n", "id: something-else\n")

    def compare(worksheet_id: str, with_id: str) -> str:
        return GOALS.replace("id: goals", f"id: {worksheet_id}").replace(
            "minutes: 10", f"minutes: 10\ncompare_with: {with_id}"
        )

    assert problems(
        tmp_path,
        {
            "goals.yml": GOALS,
            "other.yml": other,
            "later.yml": compare("later", "nowhere"),
            "last.yml": compare("last", "other"),
            "self.yml": compare("self", "self"),
        },
    ) == [
        "worksheets/last.yml:5: compare_with: 'last' and 'other' share no field (the same id and type), so there is"
        " nothing to show side by side; give a field of each the same id and type, or remove compare_with",
        "worksheets/later.yml:5: compare_with: there is no worksheet 'nowhere' to compare with;"
        " use one of: goals, last, other, self",
        "worksheets/self.yml:5: compare_with: a worksheet cannot be compared with itself; name the worksheet taken earlier",
    ]
