"""References: one YAML file, cited by id in the lessons' further reading and listed whole on the
About page, so that a lesson and the About page can never give a work differently."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from comeback.core.references.apa import format_reference
from comeback.core.references.load import ReferencesError, load_references
from comeback.core.references.model import Reference
from conftest import REPO, BuiltSite, MakeSite, course_in, course_problems, markdown_of

BOOK = """\
dweck-2006:
  type: book
  authors:
    - Dweck, C. S.
  year: 2006
  title: "Mindset: The new psychology of success"
  publisher: Random House
"""
ARTICLE = """\
lally-2010:
  type: article
  authors:
    - Lally, P.
    - van Jaarsveld, C. H. M.
    - Potts, H. W. W.
    - Wardle, J.
  year: 2010
  title: "How are habits formed: Modelling habit formation in the real world"
  journal: European Journal of Social Psychology
  volume: 40
  issue: 6
  pages: 998–1009
"""


def references_from(tmp_path: Path, text: str) -> dict[str, Reference]:
    path = tmp_path / "references.yml"
    path.write_text(text, encoding="utf-8")
    return load_references(path, shown="content/references.yml")


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ReferencesError) as caught:
        references_from(tmp_path, text)
    return str(caught.value).splitlines()


# --- the file ------------------------------------------------------------------------------------


def test_a_book_and_an_article_come_out_as_apa_7_gives_them(tmp_path: Path) -> None:
    references = references_from(tmp_path, BOOK + ARTICLE)

    assert format_reference(references["dweck-2006"]) == (
        "Dweck, C. S. (2006). *Mindset: The new psychology of success*. Random House."
    )
    assert format_reference(references["lally-2010"]) == (
        "Lally, P., van Jaarsveld, C. H. M., Potts, H. W. W., & Wardle, J. (2010). How are habits formed:"
        " Modelling habit formation in the real world. *European Journal of Social Psychology*, *40*(6), 998–1009."
    )


def test_a_doi_ends_the_reference_as_a_link_and_anything_but_a_doi_is_refused(tmp_path: Path) -> None:
    with_doi = ARTICLE + "  doi: 10.1002/ejsp.674\n"
    reference = references_from(tmp_path, with_doi)["lally-2010"]

    assert format_reference(reference).endswith(
        "998–1009. [https://doi.org/10.1002/ejsp.674](https://doi.org/10.1002/ejsp.674)"
    )
    assert problems(tmp_path, ARTICLE + "  doi: https://doi.org/10.1002/ejsp.674\n") == [
        "content/references.yml:14: lally-2010.doi: 'https://doi.org/10.1002/ejsp.674' is not a DOI; write it as it"
        " starts, with '10.' (e.g. 10.1037/0003-066X.57.9.705), without https://doi.org/"
    ]
    assert len(problems(tmp_path, ARTICLE + "  doi: 10.1002/ejsp.674)[x](javascript:alert(1)\n")) == 1


def test_two_authors_are_joined_with_a_comma_and_an_ampersand_and_a_title_keeps_its_question_mark(
    tmp_path: Path,
) -> None:
    text = ARTICLE.replace("    - van Jaarsveld, C. H. M.\n    - Potts, H. W. W.\n", "").replace(
        "How are habits formed: Modelling habit formation in the real world", "Are habits formed?"
    )
    reference = references_from(tmp_path, text)["lally-2010"]

    assert format_reference(reference).startswith("Lally, P., & Wardle, J. (2010). Are habits formed? *European")


def test_every_problem_in_the_file_is_reported_with_its_line(tmp_path: Path) -> None:
    broken = BOOK.replace("year: 2006", 'year: "2006"') + ARTICLE.replace("lally-2010:", "Lally_2010:").replace(
        "  volume: 40\n", "  volum: 40\n"
    )

    assert problems(tmp_path, broken) == [
        "content/references.yml:5: dweck-2006.year: must be a whole number, not the text '2006'; remove the quotes",
        "content/references.yml:8: Lally_2010: invalid id 'Lally_2010': use only lowercase letters, digits and"
        " single hyphens, e.g. 'lally-2010'",
        "content/references.yml:18: Lally_2010.volum: unknown key 'volum' (did you mean 'volume'?)",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  volume: 40\n", ""), "content/references.yml:1: lally-2010: an article needs 'volume'; add it"),
        (
            ("  pages: 998–1009\n", "  pages: 998–1009\n  publisher: Wiley\n"),
            "content/references.yml:14: lally-2010.publisher: 'publisher' is not part of an article's reference; remove it",
        ),
    ],
)
def test_a_reference_has_what_its_type_needs_and_nothing_else(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    assert problems(tmp_path, ARTICLE.replace(*change)) == [message]


def test_a_repeated_id_and_an_alias_are_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, BOOK + BOOK.replace("Random House", "Ballantine")) == [
        "content/references.yml:8: dweck-2006: duplicate id (first on line 1); give each reference its own id"
    ]
    assert problems(tmp_path, BOOK.replace("authors:\n    - Dweck, C. S.", "authors: &who\n    - Dweck, C. S.")) == [
        "content/references.yml:3: YAML anchors and aliases ('&who') are not allowed here;"
        " write the value out in full each time it is needed"
    ]


# --- citing in a page ----------------------------------------------------------------------------


def test_a_citation_becomes_the_full_reference_in_place_and_code_is_left_alone(tmp_path: Path) -> None:
    page = "# Reading\n\n- [@dweck-2006] A readable book.\n\nWrite `[@dweck-2006]` to cite it.\n\n```\n[@dweck-2006]\n```\n"
    course = course_in(tmp_path, {"content/references.yml": BOOK, "content/reading.md": page})

    assert markdown_of(course, "reading.md").split("\n") == [
        "# Reading",
        "",
        "- Dweck, C. S. (2006). *Mindset: The new psychology of success*. Random House. A readable book.",
        "",
        "Write `[@dweck-2006]` to cite it.",
        "",
        "```",
        "[@dweck-2006]",
        "```",
        "",
    ]


def test_an_unknown_or_malformed_citation_is_reported_on_its_file_line(tmp_path: Path) -> None:
    page = "---\ntitle: Reading\n---\n\n# Reading\n\n- [@dweck-2007] A book.\n- [@Dweck 2006] Again.\n- [@nobody-1900] No.\n"

    assert course_problems(tmp_path, {"content/references.yml": BOOK, "content/reading.md": page}) == [
        "content/reading.md:7: unknown reference '[@dweck-2007]' (did you mean '[@dweck-2006]'?)",
        "content/reading.md:8: unknown reference '[@Dweck 2006]' (did you mean '[@dweck-2006]'?)",
        "content/reading.md:9: unknown reference '[@nobody-1900]'; add it to content/references.yml, or check the id",
    ]


def test_the_list_of_every_reference_is_html_in_place_of_its_line(tmp_path: Path) -> None:
    course = course_in(
        tmp_path, {"content/references.yml": ARTICLE + BOOK, "content/about.md": "# About\n\n::references\n\nAfter.\n"}
    )
    lines = markdown_of(course, "about.md").split("\n")

    assert lines[-2] == "After."
    html = next(line for line in lines if line.startswith("<ul"))
    assert html.startswith('<ul class="comeback-references"><li id="ref-dweck-2006">Dweck, C. S. (2006).')
    assert html.index("ref-dweck-2006") < html.index("ref-lally-2010")  # by surname, as APA orders


def test_the_list_must_stand_alone_at_the_top_level(tmp_path: Path) -> None:
    problems = course_problems(
        tmp_path, {"content/references.yml": BOOK, "content/about.md": "# About\n\n- item\n  ::references\n"}
    )

    assert problems == [
        "content/about.md:4: '::references' would show as text here; a directive stands on its own line at the top"
        " level of the page (not inside a list, a quote or another block, and not indented)"
    ]


# --- in a real build -----------------------------------------------------------------------------

SITE_CONFIG = {"plugins": ["comeback/references"]}


def test_a_site_cites_and_lists_its_references_and_does_not_publish_the_yaml(make_site: MakeSite) -> None:
    built = make_site(
        {
            "content/references.yml": BOOK + ARTICLE,
            "content/lesson.md": "---\ntitle: Lesson\n---\n\n# Lesson\n\n## Further reading\n\n- [@lally-2010] Habits.\n",
            "content/about.md": "# About\n\n::references\n",
        },
        config=SITE_CONFIG,
    )

    assert built.ok, built.error
    assert "Lally, P., van Jaarsveld" in built.page(
        "lesson/"
    ) and "</em>, <em>40</em>(6), 998–1009. Habits." in built.page("lesson/")
    assert '<li id="ref-dweck-2006">Dweck, C. S. (2006). <em>Mindset' in built.page("about/")
    assert not (built.site_dir / "references.yml").exists()


def test_every_bad_citation_in_every_page_fails_the_build_in_one_error(make_site: MakeSite) -> None:
    built = make_site(
        {
            "content/references.yml": BOOK,
            "content/one.md": "---\ntitle: One\n---\n\n# One\n\n- [@dweck-2060] Book.\n",
            "content/two.md": "# Two\n\nSee [@gross-1998].\n",
        },
        config=SITE_CONFIG,
    )

    assert not built.ok
    assert built.errors == [
        "content/one.md:7: unknown reference '[@dweck-2060]' (did you mean '[@dweck-2006]'?)",
        "content/two.md:3: unknown reference '[@gross-1998]'; add it to content/references.yml, or check the id",
    ]


def test_a_worksheet_directive_after_a_citation_is_still_reported_on_its_own_line(make_site: MakeSite) -> None:
    built = make_site(
        {
            "content/references.yml": BOOK,
            "content/one.md": "---\ntitle: One\n---\n\n# One\n\n[@dweck-2006]\n\n::worksheet[nothing-here]\n",
        },
        config={"plugins": ["comeback/references", "comeback/worksheets"]},
    )

    assert not built.ok
    assert built.errors[0].startswith("content/one.md:9: unknown worksheet 'nothing-here'")


# --- the course ----------------------------------------------------------------------------------


def list_items(html: str, after_heading: str) -> list[str]:
    """The text of each item of the first list after the H2 with the given id."""
    section = html.split(f'<h2 id="{after_heading}">', 1)[1]
    listing = section.split("<ul", 1)[1].split("</ul>", 1)[0]
    return [
        unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", listing, re.S)
    ]


def test_the_course_lists_each_reference_of_its_file_once_on_the_about_page(built_site: BuiltSite) -> None:
    references = load_references(REPO / "content/references.yml", shown="content/references.yml")
    about = list_items(built_site.page("about/"), "references")

    assert len(about) == len(references) >= 14
    assert about == sorted(about, key=str.casefold)  # A to Z by first author


def test_every_lessons_further_reading_gives_its_works_exactly_as_the_about_page(built_site: BuiltSite) -> None:
    about = list_items(built_site.page("about/"), "references")
    lessons = sorted(path.stem for path in (REPO / "content/lessons").glob("*.md"))
    assert len(lessons) == 6
    for lesson in lessons:
        items = list_items(built_site.page(f"lessons/{lesson}/"), "further-reading")
        assert items, lesson
        for item in items:
            assert any(item.startswith(reference + " ") for reference in about), (lesson, item)
