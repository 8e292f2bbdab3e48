"""Worksheet YAML shared by the tests: the smallest valid worksheet, and one with every field type."""

from __future__ import annotations

from string import Template

# The smallest valid worksheet: one section, one text field. Tests count line numbers from its
# first line ("id: goals" is line 1, "label: Your goal" line 10).
GOALS = """\
id: goals
title: Goals
version: 1
minutes: 10
sections:
  - title: Start
    fields:
      - id: goal
        type: text
        label: Your goal
"""

_EVERY_FIELD_TYPE = Template("""\
id: ${worksheet_id}
title: Every field type
version: 1
minutes: 15
intro: Short **Markdown** shown under the title.
sections:
  - title: About you
    intro: A *section* intro.
    fields:
      - {id: name, type: text, label: Your first name, hint: As friends call you}
      - {id: story, type: long-text, label: "What happened?", print: {lines: 6}}
      - {id: next-steps, type: list, label: Three small next steps, rows: 3}
      - id: contacts
        type: table
        label: People to contact
        columns: [{id: person, label: Person}, {id: ask, label: What to ask}]${rows}
      - {id: mood, type: scale, label: "How do you feel today?", min: 0, max: 10, min_label: Very low, max_label: Very good}
${second_section}\
      - id: kind
        type: choice
        label: What kind of setback was it?
        options: [{id: rejection, label: A job rejection}, {id: project, label: A failed project}]
      - id: supports
        type: checklist
        label: Which supports do you have?
        options: [{id: friend, label: A friend}, {id: mentor, label: A mentor}]
      - {id: start, type: date, label: "When will you start?"}
      - id: habits
        type: tracker
        label: Daily habits
        items: [{id: walk, label: A 20-minute walk}, {id: sleep, label: In bed by 11}]${days}
      - id: options
        type: matrix
        label: Compare your options
        criteria: [{id: pay, label: Pay, weight: 3}, {id: energy, label: Energy it gives me, weight: 5}]${rows}${score_max}
""")


def every_field_type(
    worksheet_id: str = "every-field",
    *,
    one_section: bool = False,
    rows: int | None = None,
    days: int | None = None,
    score_max: int | None = None,
) -> str:
    """A worksheet with one field of each type, in the order the types are documented: name (text),
    story (long-text, 6 print lines), next-steps (list, 3 rows), contacts (table), mood (scale 0-10),
    kind (choice), supports (checklist), start (date), habits (tracker), options (matrix).

    The fields stand in two sections, "About you" and "Your options" (from kind on), or all in
    "About you" with one_section. rows (of the table and the matrix), days (of the tracker) and
    score_max (of the matrix) are left out when None, so the model's defaults apply: 3, 7 and 5.
    """

    def key(name: str, value: int | None) -> str:
        return "" if value is None else f"\n        {name}: {value}"

    second_section = "" if one_section else "  - title: Your options\n    fields:\n"
    return _EVERY_FIELD_TYPE.substitute(
        worksheet_id=worksheet_id,
        second_section=second_section,
        rows=key("rows", rows),
        days=key("days", days),
        score_max=key("score_max", score_max),
    )
