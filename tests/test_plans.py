"""Session plans are data (sessions/<format>.yml), checked at build time like worksheets: agendas that
add up, nothing named that does not exist, every lesson covered by each group format, and every
session after the first opening with a review; each problem with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from comeback.core.course.plans import PlanError, load_plans

LESSONS = ["1-one", "2-two"]
WORKSHEETS = {"goal-ladder": object()}
MATERIALS = {"cards": object()}
PLAN = """\
id: weekly
title: Two weekly sessions
summary: One lesson a week.
group: true
sessions:
  - id: week-1
    title: One
    minutes: 30
    lessons: [1-one]
    objectives: [Do one thing]
    materials: [cards]
    worksheets: [goal-ladder]
    pre_work: Read lesson one.
    agenda:
      - {minutes: 10, kind: welcome, title: Welcome}
      - {minutes: 15, kind: activity, title: The activity}
      - {minutes: 5, kind: close, title: Close}
    group_activity: Do it together.
    discussion: ["What did you notice?"]
    pairs: {exercise: Talk it over., odd_number: A group of three.}
    close: Say one thing.
    homework: [Read lesson two.]
  - id: week-2
    title: Two
    minutes: 30
    lessons: [2-two]
    objectives: [Do another thing]
    pre_work: Read lesson two.
    agenda:
      - {minutes: 10, kind: review, title: Last week}
      - {minutes: 15, kind: activity, title: The activity}
      - {minutes: 5, kind: close, title: Close}
    group_activity: Do it together.
    discussion: ["What did you notice?"]
    pairs: {exercise: Talk it over., odd_number: A group of three.}
    close: Say one thing.
    homework: [Keep going.]
"""


def problems(tmp_path: Path, text: str, name: str = "weekly.yml") -> list[str]:
    (tmp_path / "sessions").mkdir(exist_ok=True)
    (tmp_path / "sessions" / name).write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plans(
            tmp_path / "sessions", relative_to=tmp_path, lessons=LESSONS, worksheets=WORKSHEETS, materials=MATERIALS
        )
    return str(caught.value).splitlines()


def test_a_sound_plan_loads(tmp_path: Path) -> None:
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "weekly.yml").write_text(PLAN, encoding="utf-8")
    plans = load_plans(
        tmp_path / "sessions", relative_to=tmp_path, lessons=LESSONS, worksheets=WORKSHEETS, materials=MATERIALS
    )

    assert list(plans) == ["weekly"] and plans["weekly"].minutes == 60


def test_an_agenda_that_does_not_add_up_is_reported_on_the_sessions_minutes(tmp_path: Path) -> None:
    assert problems(
        tmp_path,
        PLAN.replace(
            "{minutes: 15, kind: activity, title: The activity}",
            "{minutes: 20, kind: activity, title: The activity}",
            1,
        ),
    ) == [
        "sessions/weekly.yml:8: sessions[0].minutes: the agenda adds up to 35 minutes, not the 30 this session lasts;"
        " make the steps fit, or change the session's minutes"
    ]


def test_everything_a_plan_names_must_exist(tmp_path: Path) -> None:
    broken = (
        PLAN.replace("lessons: [1-one]", "lessons: [1-onne]")
        .replace("[goal-ladder]", "[goal-ladders]")
        .replace("[cards]", "[postcards, nothing]")
    )

    assert problems(tmp_path, broken) == [
        "sessions/weekly.yml:5: sessions: a group format covers every lesson; no session covers 1-one",
        "sessions/weekly.yml:9: sessions[0].lessons[0]: unknown lesson '1-onne' (did you mean '1-one'?)",
        "sessions/weekly.yml:11: sessions[0].materials[0]: unknown material 'postcards' (did you mean 'cards'?)",
        "sessions/weekly.yml:11: sessions[0].materials[1]: unknown material 'nothing'",
        "sessions/weekly.yml:12: sessions[0].worksheets[0]: unknown worksheet 'goal-ladders' (did you mean 'goal-ladder'?)",
    ]


def test_a_group_format_covers_every_lesson_but_one_to_one_need_not(tmp_path: Path) -> None:
    one_lesson = PLAN.split("  - id: week-2", maxsplit=1)[0]

    assert problems(tmp_path, one_lesson) == [
        "sessions/weekly.yml:5: sessions: a group format covers every lesson; no session covers 2-two"
    ]
    coaching = one_lesson.replace("id: weekly", "id: coaching").replace("group: true", "group: false")
    (tmp_path / "sessions" / "weekly.yml").unlink()
    (tmp_path / "sessions" / "coaching.yml").write_text(coaching, encoding="utf-8")
    assert list(
        load_plans(
            tmp_path / "sessions", relative_to=tmp_path, lessons=LESSONS, worksheets=WORKSHEETS, materials=MATERIALS
        )
    ) == ["coaching"]


def test_every_session_after_the_first_opens_with_a_review_of_the_homework(tmp_path: Path) -> None:
    assert problems(tmp_path, PLAN.replace("kind: review, title: Last week", "kind: welcome, title: Hello again")) == [
        "sessions/weekly.yml:30: sessions[1].agenda[0].kind: every session after the first opens with a review of"
        " the homework set last time (kind: review)"
    ]


def test_a_long_session_needs_a_break_and_its_breaks_count_towards_its_length(tmp_path: Path) -> None:
    activity = "{minutes: 15, kind: activity, title: The activity}"
    long = PLAN.replace("minutes: 30\n    lessons: [1-one]", "minutes: 120\n    lessons: [1-one]").replace(
        activity, "{minutes: 105, kind: activity, title: The activity}", 1
    )
    assert problems(tmp_path, long) == [
        "sessions/weekly.yml:14: sessions[0].agenda: a session of 120 minutes needs a break; add one (kind: break)"
    ]
    with_break = long.replace(
        "{minutes: 105, kind: activity, title: The activity}",
        "{minutes: 90, kind: activity, title: The activity}\n      - {minutes: 15, kind: break, title: Break}",
    )
    (tmp_path / "sessions" / "weekly.yml").write_text(with_break, encoding="utf-8")
    plans = load_plans(
        tmp_path / "sessions", relative_to=tmp_path, lessons=LESSONS, worksheets=WORKSHEETS, materials=MATERIALS
    )
    assert plans["weekly"].minutes == 150


def test_a_group_session_needs_a_pair_exercise_with_what_to_do_with_an_odd_number(tmp_path: Path) -> None:
    no_pairs = PLAN.replace("    pairs: {exercise: Talk it over., odd_number: A group of three.}\n", "", 1)
    no_odd = PLAN.replace("{exercise: Talk it over., odd_number: A group of three.}", "{exercise: Talk it over.}", 1)

    assert problems(tmp_path, no_pairs) == [
        "sessions/weekly.yml:6: sessions[0]: a group session needs a pair exercise: add `pairs` with `exercise` and `odd_number`"
    ]
    assert problems(tmp_path, no_odd) == [
        "sessions/weekly.yml:20: sessions[0].pairs.odd_number: missing required key 'odd_number'; add it"
    ]


def test_the_plans_own_mistakes_are_reported_with_their_lines(tmp_path: Path) -> None:
    broken = PLAN.replace("kind: activity, title: The activity}", "kind: game, title: The activity}", 1).replace(
        "id: weekly", "id: Weekly"
    )

    assert problems(tmp_path, broken) == [
        "sessions/weekly.yml:1: id: invalid id 'Weekly': use only lowercase letters, digits and single hyphens, e.g. 'weekly'",
        "sessions/weekly.yml:16: sessions[0].agenda[1].kind: input should be 'welcome', 'review', 'input', 'activity',"
        " 'writing', 'discussion', 'pairs', 'break' or 'close'",
    ]


def test_a_plans_id_must_match_its_file_name(tmp_path: Path) -> None:
    assert problems(tmp_path, PLAN, name="monthly.yml") == [
        "sessions/monthly.yml:1: id: id 'weekly' does not match the file name 'monthly.yml'; make them the same"
    ]
