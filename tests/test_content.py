"""Content checks that read the Markdown and YAML sources directly (no site build).

They fail when a lesson loses a section, a worksheet goes missing or is placed twice, the prose
drifts out of length or readability, a diagram breaks, a reference is not listed on the about
page, or course text starts to repeat the source articles.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import textstat
import yaml

from comeback.core.markup import parse_page
from lesson_text import FENCE, lesson_text, split_front_matter, word_count

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CONTENT = REPO / "content"
LESSONS_DIR = CONTENT / "lessons"
WORKSHEETS_DIR = REPO / "worksheets"
DIAGRAMS_DIR = CONTENT / "assets" / "diagrams"

SECTIONS = [
    "Why it matters",
    "Key ideas",
    "Worked example",
    "Worksheets",
    "Common traps",
    "Key takeaways",
    "Further reading",
]
FACILITATOR_SECTION = "For facilitators"
FIELD_TYPES = {"text", "long-text", "list", "table", "scale", "choice", "checklist", "date", "tracker", "matrix"}
MIN_WORDS, MAX_WORDS = 1200, 2500
MIN_FLESCH = 60
MIN_WORKSHEETS = 15

WORKSHEET_DIRECTIVE = re.compile(r"^::worksheet\[([^\]]*)\]\s*$", re.MULTILINE)
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
LINK = re.compile(r"(?<!!)\[[^\]]+\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# "Lally, P., van Jaarsveld, C. H. M., ... (2010)." -> first author's surname and the year
REFERENCE = re.compile(r"([A-Z][A-Za-zÀ-ÿ'’-]+),\s+(?:[A-Z]\.\s*)+[^()]*?\((\d{4})\)")
NOT_ADVICE = re.compile(r"\b(?:not|isn['’]t|is\s+no)\b[^.!?\n]*?\b(?:therapy|medical advice)\b", re.IGNORECASE)


# --- helpers ---------------------------------------------------------------------------------


def lesson_files() -> list[Path]:
    return sorted(LESSONS_DIR.glob("*.md")) if LESSONS_DIR.is_dir() else []


def worksheet_files() -> list[Path]:
    return sorted(WORKSHEETS_DIR.glob("*.yml")) if WORKSHEETS_DIR.is_dir() else []


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@cache
def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def without_code(markdown: str) -> str:
    return FENCE.sub("", markdown)


def headings(markdown: str, level: int) -> list[str]:
    pattern = re.compile(rf"^{'#' * level}\s+(.+?)\s*#*\s*$", re.MULTILINE)
    return [h.strip() for h in pattern.findall(without_code(markdown))]


def section(markdown: str, title: str) -> str:
    """The body of one H2 section, up to the next H2."""
    body = without_code(split_front_matter(markdown)[1])
    match = re.search(rf"^##\s+{re.escape(title)}[^\n]*$(.*?)(?=^##\s|\Z)", body, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def placements(markdown: str) -> list[str]:
    return WORKSHEET_DIRECTIVE.findall(without_code(markdown))


@cache
def load_worksheet(worksheet_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(read(WORKSHEETS_DIR / f"{worksheet_id}.yml")) or {}
    return data


def fields(worksheet: dict[str, Any]) -> list[dict[str, Any]]:
    return [field for sec in worksheet.get("sections") or [] for field in sec.get("fields") or []]


def references(markdown: str, heading: str = "Further reading") -> list[tuple[str, str]]:
    """(first author surname, year) for every reference in one H2 section, by default Further reading."""
    text = re.sub(r"[*_]", "", section(markdown, heading))
    text = re.sub(r"\s+", " ", text)
    return [(m.group(1), m.group(2)) for m in REFERENCE.finditer(text)]


lesson_params = [pytest.param(path, id=path.stem) for path in lesson_files()]
worksheet_params = [pytest.param(path, id=path.stem) for path in worksheet_files()]


# --- the six lessons -------------------------------------------------------------------------


def test_all_six_lessons_exist_with_unique_numbers() -> None:
    files = lesson_files()
    assert files, f"no lessons found in {rel(LESSONS_DIR)}"
    prefixes = []
    for path in files:
        match = re.match(r"(\d+)-[a-z0-9-]+$", path.stem)
        assert match, f"{rel(path)}: lesson file names look like '<number>-<slug>.md'"
        prefixes.append(int(match.group(1)))
    numbers = [split_front_matter(read(path))[0].get("number") for path in files]
    assert sorted(prefixes) == list(range(1, 7)), f"expected lesson files 1..6, found prefixes {sorted(prefixes)}"
    assert sorted(n for n in numbers if isinstance(n, int)) == list(range(1, 7)), f"front matter numbers: {numbers}"


@pytest.mark.parametrize("path", lesson_params)
def test_front_matter(path: Path) -> None:
    meta, _ = split_front_matter(read(path))
    assert meta, f"{rel(path)}: no YAML front matter"
    assert set(meta) >= {"number", "title", "duration", "objectives"}, f"{rel(path)}: front matter keys {sorted(meta)}"
    assert isinstance(meta["number"], int) and not isinstance(meta["number"], bool), f"number: {meta['number']!r}"
    assert meta["number"] == int(path.stem.split("-", 1)[0]), f"number {meta['number']} does not match the file name"
    assert isinstance(meta["title"], str) and meta["title"].strip(), f"title: {meta['title']!r}"
    assert isinstance(meta["duration"], str) and re.fullmatch(r"\d+ minutes", meta["duration"]), (
        f"duration should read like '40 minutes', got {meta['duration']!r}"
    )
    objectives = meta["objectives"]
    assert isinstance(objectives, list) and 3 <= len(objectives) <= 5, (
        f"objectives: want a list of 3-5, got {objectives!r}"
    )
    assert all(isinstance(o, str) and o.strip() for o in objectives), (
        f"objectives must be non-empty strings: {objectives!r}"
    )


@pytest.mark.parametrize("path", lesson_params)
def test_single_h1_equals_title(path: Path) -> None:
    meta, body = split_front_matter(read(path))
    h1s = headings(body, 1)
    assert h1s == [meta.get("title")], f"{rel(path)}: want one H1 equal to the title {meta.get('title')!r}, got {h1s}"
    first_line = next(line for line in body.splitlines() if line.strip())
    assert first_line.startswith("# "), f"{rel(path)}: the lesson should start with its H1, got {first_line!r}"


@pytest.mark.parametrize("path", lesson_params)
def test_sections_in_order(path: Path) -> None:
    learner = parse_page(read(path), path=rel(path), file=rel(path)).without_notes()
    assert headings(learner, 2) == SECTIONS, f"{rel(path)}: a learner's H2 sections must be exactly {SECTIONS}"


@pytest.mark.parametrize("path", lesson_params)
def test_the_notes_for_facilitators_are_in_a_facilitator_block_at_the_end(path: Path) -> None:
    page = parse_page(read(path), path=rel(path), file=rel(path))
    assert not page.problems and len(page.notes) == 1, f"{rel(path)}: one /// facilitator block, well closed"
    notes = page.notes[0].markdown
    assert headings(notes, 2) == [FACILITATOR_SECTION], f"{rel(path)}: the block starts with '## {FACILITATOR_SECTION}'"
    assert headings(notes, 3), f"{rel(path)}: the notes say what to watch for in the activities, under an H3"
    after = page.markdown.split("\n")[page.notes[0].end + 1 :]
    assert not "".join(after).strip(), f"{rel(path)}: the facilitator block ends the lesson"


TIMING = re.compile(r"\b\d+\s*(?:-\s*)?(?:minutes?|mins?|hours?)\b|\bgroup activity\b", re.IGNORECASE)


@pytest.mark.parametrize("path", lesson_params)
def test_the_notes_for_facilitators_leave_timings_and_activities_to_the_session_plans(path: Path) -> None:
    """A session's agenda has one source, its plan (sessions/*.yml): a lesson's notes give no timings
    and no activity of their own, so they can never disagree with it (lesson 1's once gave a
    45-minute activity beside the plan's 60-minute agenda)."""
    notes = parse_page(read(path), path=rel(path), file=rel(path)).notes[0].markdown

    assert TIMING.findall(notes) == [], f"{rel(path)}: the notes time an activity; the session plans do that"


@pytest.mark.parametrize("path", lesson_params)
def test_key_ideas_have_subsections(path: Path) -> None:
    h3s = headings(section(read(path), "Key ideas"), 3)
    assert len(h3s) >= 3, f"{rel(path)}: 'Key ideas' should have several H3 subsections, found {h3s}"


@pytest.mark.parametrize("path", lesson_params)
def test_worked_example_is_a_composite(path: Path) -> None:
    example = section(read(path), "Worked example")
    assert re.search(r"\bcomposite\b", example, re.IGNORECASE), (
        f"{rel(path)}: the worked example should say its person is a composite, not a real person"
    )


@pytest.mark.parametrize("path", lesson_params)
def test_length_within_range(path: Path) -> None:
    words = word_count(lesson_text(read(path)))
    assert MIN_WORDS <= words <= MAX_WORDS, f"{rel(path)}: {words} words, want {MIN_WORDS}-{MAX_WORDS}"


@pytest.mark.parametrize("path", lesson_params)
def test_readability(path: Path) -> None:
    score = textstat.flesch_reading_ease(lesson_text(read(path)))
    assert score >= MIN_FLESCH, f"{rel(path)}: Flesch reading ease {score:.1f}, want >= {MIN_FLESCH}"


@pytest.mark.parametrize("path", lesson_params)
def test_internal_links_resolve(path: Path) -> None:
    broken = []
    for target in LINK.findall(without_code(read(path))):
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            continue
        file_part = target.split("#", 1)[0]
        if not file_part.endswith(".md") or not (path.parent / file_part).resolve().is_file():
            broken.append(target)
    assert not broken, f"{rel(path)}: links should be relative .md links to existing pages: {broken}"


# --- diagrams --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", lesson_params)
def test_lesson_has_a_diagram(path: Path) -> None:
    images = IMAGE.findall(without_code(read(path)))
    assert images, f"{rel(path)}: no image"
    diagrams = []
    for alt, target in images:
        assert alt.strip(), f"{rel(path)}: image {target} has no alt text"
        resolved = (path.parent / target).resolve()
        if resolved.suffix == ".svg" and resolved.is_relative_to(DIAGRAMS_DIR.resolve()):
            assert resolved.is_file(), f"{rel(path)}: diagram {target} does not exist"
            diagrams.append(resolved)
    assert diagrams, f"{rel(path)}: no .svg diagram under {rel(DIAGRAMS_DIR)}; images: {[t for _, t in images]}"
    for svg in diagrams:
        try:
            root = ET.parse(svg).getroot()
        except ET.ParseError as error:
            pytest.fail(f"{rel(svg)} is not well-formed XML: {error}")
        titles = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title" and (el.text or "").strip()]
        assert titles, f"{rel(svg)}: the SVG needs a non-empty <title>"


# --- worksheets ------------------------------------------------------------------------------


def all_placements() -> Counter[str]:
    counts: Counter[str] = Counter()
    for page in sorted(CONTENT.rglob("*.md")):
        counts.update(placements(read(page)))
    return counts


@pytest.mark.parametrize("path", lesson_params)
def test_lesson_places_worksheets_that_exist(path: Path) -> None:
    ids = placements(read(path))
    assert len(ids) >= 2, f"{rel(path)}: places {len(ids)} worksheet(s), want at least 2"
    missing = [i for i in ids if not (WORKSHEETS_DIR / f"{i}.yml").is_file()]
    assert not missing, f"{rel(path)}: no worksheets/<id>.yml for {missing}"
    in_section = placements(section(read(path), "Worksheets"))
    assert sorted(in_section) == sorted(ids), f"{rel(path)}: place worksheets in the 'Worksheets' section"


@pytest.mark.parametrize("path", lesson_params)
def test_directives_stand_alone(path: Path) -> None:
    lines = read(path).splitlines()
    for n, line in enumerate(lines):
        if line.lstrip().startswith("::worksheet"):
            assert WORKSHEET_DIRECTIVE.fullmatch(line), f"{rel(path)}:{n + 1}: malformed directive {line!r}"
            around = [lines[n - 1] if n else "", lines[n + 1] if n + 1 < len(lines) else ""]
            assert all(not a.strip() for a in around), f"{rel(path)}:{n + 1}: a directive needs blank lines around it"


@pytest.mark.parametrize("path", worksheet_params)
def test_worksheet_placed_exactly_once(path: Path) -> None:
    count = all_placements()[path.stem]
    assert count == 1, f"worksheet {path.stem!r} is placed {count} times across content/**/*.md, want exactly 1"


def test_every_placed_worksheet_exists() -> None:
    missing = sorted(i for i in all_placements() if not (WORKSHEETS_DIR / f"{i}.yml").is_file())
    assert not missing, f"placed but no worksheets/<id>.yml: {missing}"


def test_start_page_places_setback_snapshot() -> None:
    start = CONTENT / "start.md"
    assert start.is_file(), "content/start.md is missing"
    assert "setback-snapshot" in placements(read(start)), "content/start.md should place ::worksheet[setback-snapshot]"


@pytest.mark.parametrize("path", worksheet_params)
def test_worksheet_basics(path: Path) -> None:
    sheet = yaml.safe_load(read(path))
    assert isinstance(sheet, dict), f"{rel(path)}: not a YAML mapping"
    assert sheet.get("id") == path.stem, f"{rel(path)}: id {sheet.get('id')!r} must equal the file name"
    assert isinstance(sheet.get("title"), str) and sheet["title"].strip(), f"{rel(path)}: needs a title"
    for key in ("version", "minutes"):
        assert isinstance(sheet.get(key), int) and sheet[key] >= 1, f"{rel(path)}: {key} must be an int >= 1"
    assert fields(sheet), f"{rel(path)}: needs at least one section with fields"
    types = {field.get("type") for field in fields(sheet)}
    assert types <= FIELD_TYPES, f"{rel(path)}: unknown field types {sorted(types - FIELD_TYPES, key=str)}"
    # A comma in an unquoted flow-mapping label ({id: x, label: Kind, true}) silently adds a key.
    allowed = {
        "columns": {"id", "label", "type"},
        "options": {"id", "label"},
        "items": {"id", "label"},
        "criteria": {"id", "label", "weight"},
    }
    for field in fields(sheet):
        for key, keys in allowed.items():
            for entry in field.get(key) or []:
                assert isinstance(entry, dict) and set(entry) <= keys and isinstance(entry.get("label"), str), (
                    f"{rel(path)}: field {field.get('id')!r} has a malformed {key} entry {entry!r} "
                    "(quote labels that contain a comma)"
                )


def test_enough_worksheets_using_every_field_type() -> None:
    files = worksheet_files()
    assert len(files) >= MIN_WORKSHEETS, f"{len(files)} worksheets, want at least {MIN_WORKSHEETS}"
    used = {field.get("type") for path in files for field in fields(load_worksheet(path.stem))}
    assert used >= FIELD_TYPES, f"no worksheet uses the field type(s) {sorted(FIELD_TYPES - used)}"


def lesson_by_number(number: int) -> Path:
    for path in lesson_files():
        if split_front_matter(read(path))[0].get("number") == number:
            return path
    pytest.fail(f"no lesson with number {number}")


def test_lesson_5_has_a_seven_day_tracker() -> None:
    path = lesson_by_number(5)
    trackers = [
        field for i in placements(read(path)) for field in fields(load_worksheet(i)) if field.get("type") == "tracker"
    ]
    # The learner names their own habits: rows, not items the worksheet fixes, as many as the lesson suggests.
    assert any(field.get("days", 7) == 7 and field.get("rows") == 4 and "items" not in field for field in trackers), (
        f"{rel(path)}: should place a 7-day tracker whose four rows the learner names; trackers found: {trackers}"
    )
    assert "up to four small habits" in read(path)


def test_lesson_6_options_explorer_has_weighted_matrix() -> None:
    path = lesson_by_number(6)
    assert "options-explorer" in placements(read(path)), f"{rel(path)}: should place ::worksheet[options-explorer]"
    matrices = [f for f in fields(load_worksheet("options-explorer")) if f.get("type") == "matrix"]
    assert matrices, "options-explorer has no matrix field"
    criteria = matrices[0].get("criteria") or []
    assert len(criteria) >= 2, f"the options matrix needs several criteria, got {criteria}"
    weights = [c.get("weight") for c in criteria]
    assert all(isinstance(w, int) and 1 <= w <= 5 for w in weights), f"criteria weights must be ints 1..5: {weights}"


# --- references and pages --------------------------------------------------------------------


@pytest.mark.parametrize("path", lesson_params)
def test_further_reading_cites_references_by_id_only(path: Path) -> None:
    """Each work is written once, in content/references.yml (test_references.py checks what the
    pages show); a lesson names it by id, so it cannot give it differently from the About page."""
    items = [line for line in section(read(path), "Further reading").splitlines() if line.startswith("- ")]
    assert items, f"{rel(path)}: no further reading"
    for item in items:
        assert re.match(r"- \[@[a-z0-9-]+\] \S", item), (
            f"{rel(path)}: write further reading as '- [@<id>] why it is worth reading', not {item[:60]!r}"
        )
    typed_out = references(read(path))
    assert not typed_out, f"{rel(path)}: references typed out by hand {typed_out}; cite them as [@<id>]"


@pytest.mark.parametrize("page", ["support.md", "start.md"])
def test_page_says_not_therapy_or_medical_advice(page: str) -> None:
    path = CONTENT / page
    assert path.is_file(), f"content/{page} is missing"
    assert NOT_ADVICE.search(read(path)), f"content/{page} should say the course is not therapy or medical advice"


# --- our own words ---------------------------------------------------------------------------


def test_no_text_shared_with_source_articles() -> None:
    """The course is in our own words. The source articles are not part of the repository: where
    they lie beside it (as in CI), the shared checker runs; elsewhere the test says it skipped."""
    tool, seeds = SHARED / "tools" / "seed_overlap.py", SHARED / "seeds"
    if not (tool.is_file() and seeds.is_dir()):
        pytest.skip(f"the source articles are not here ({seeds} and {tool}), so there is nothing to compare against")
    result = subprocess.run(
        [sys.executable, str(tool), "content", "worksheets"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"seed_overlap.py exited {result.returncode}:\n{result.stdout}{result.stderr}"


# --- how long things take ------------------------------------------------------------------------

READING_WORDS_A_MINUTE = 200


def learner_text(markdown: str) -> str:
    """What a learner reads of a lesson (lesson_text leaves the notes for facilitators out)."""
    return lesson_text(markdown)


def worksheet_minutes(path: Path) -> int:
    return sum(load_worksheet(worksheet_id)["minutes"] for worksheet_id in placements(read(path)))


@pytest.mark.parametrize("path", lesson_params)
def test_a_lessons_duration_is_its_reading_and_its_worksheets(path: Path) -> None:
    """The parts add up: reading time plus the worksheets' minutes, to the nearest five minutes."""
    stated = int(split_front_matter(read(path))[0]["duration"].split()[0])
    reading = -(-word_count(learner_text(read(path))) // READING_WORDS_A_MINUTE)  # whole minutes, rounded up
    needed = reading + worksheet_minutes(path)

    nearest = 5 * ((needed + 2) // 5)
    assert stated == nearest, (
        f"{rel(path)}: says {stated} minutes; reading takes about {reading} and its worksheets"
        f" {worksheet_minutes(path)}, so say {nearest} minutes"
    )


def test_the_home_page_states_the_course_length_from_the_lessons_durations() -> None:
    """Typed out, the home page's figures would drift from the lessons' own; ::course-length adds them up."""
    assert re.search(r"^::course-length$", read(CONTENT / "index.md"), re.M), (
        "content/index.md should say how long the course takes with ::course-length"
    )
    assert not re.search(r"\d+ (to \d+ )?(minutes|hours)", read(CONTENT / "index.md")), (
        "content/index.md types out a duration; let ::course-length work it out"
    )


# --- rights, a lost job, and help on a low answer -------------------------------------------------

OFFICIAL_SERVICES = {
    "England, Scotland and Wales": "https://www.acas.org.uk/",
    "Northern Ireland": "https://www.lra.org.uk/",
    "A settlement agreement in the UK": "https://www.acas.org.uk/",
    "United States": "https://www.eeoc.gov/",
    "Ireland": "https://www.workplacerelations.ie/",
    "New Zealand": "https://www.employment.govt.nz/",
    "Australia": "https://www.fwc.gov.au/",
    "Canada": "https://www.canada.ca/",
}


def test_each_rights_signpost_links_its_official_service_and_defers_to_it_where_a_change_is_due() -> None:
    rights = section(read(CONTENT / "support.md"), "Rights and time limits where you live")
    items = {m[1]: m[2] for m in re.finditer(r"^- \*\*(.+?)\.\*\*(.*?)(?=^- |\Z)", rights, re.M | re.S)}
    for place, service in OFFICIAL_SERVICES.items():
        assert place in items, f"content/support.md: no signpost for {place}"
        assert f"]({service}" in " ".join(items[place].split()), f"{place} should link {service}"
    assert "not Acas" in items["Northern Ireland"]
    assert "check the current limit with" in " ".join(items["England, Scotland and Wales"].split())


def test_people_who_lost_their_job_have_a_path_that_the_lessons_speaking_of_it_link() -> None:
    path = " ".join(section(read(CONTENT / "support.md"), "If you lost your job").split())
    for step in ("Claim benefits now", "If your visa depends on your job", "Redundancy pay and notice", "dismissed"):
        assert step in path, f"content/support.md's path for people who lost their job should cover {step!r}"
    for lesson in (1, 6):
        assert "support.md#if-you-lost-your-job" in read(lesson_by_number(lesson)), f"lesson {lesson}"
    assert "visa" in section(read(lesson_by_number(6)), "Key ideas")  # beside freelancing


def test_feeling_very_alone_in_the_support_circle_shows_help() -> None:
    worksheet = load_worksheet("support-circle")
    connected = next(field for field in fields(worksheet) if field["id"] == "connected")
    assert worksheet.get("support") is True
    assert connected["min_label"] == "Very alone" and connected.get("support_below", 0) > connected["min"]
