"""Independent help is always there: crisis lines on the support and start pages, in the worksheets
that ask how someone feels (on screen and on paper) and in the workbook, with an organisation's
own contacts beside them and never instead of them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from comeback.core.support.model import DEFAULT_LINES, SupportError, known_lines, load_support
from conftest import REPO, BuiltSite, MakeSite, start_server
from outputs import pdf_text

SAMARITANS = "Samaritans"
PAGES_WITH_HELP = ("support/", "start/")
WORKSHEETS_WITH_HELP = ("setback-snapshot", "facts-vs-story", "self-talk-log")


# --- the settings ------------------------------------------------------------------------------


def test_by_default_several_countries_lines_and_an_international_directory_are_shown() -> None:
    support = load_support(None)

    assert [line.name for line in support.crisis_lines] == [known_lines()[key].name for key in DEFAULT_LINES]
    names = " ".join(f"{line.name} {line.how}" for line in support.crisis_lines)
    for expected in ("116 123", "988", "9-8-8", "13 11 14", "1737", "Find A Helpline"):
        assert expected in names


def test_an_organisation_can_choose_lines_by_region_or_list_its_own() -> None:
    support = load_support({"crisis_lines": ["uk-ie", {"name": "Helpline Ruritania", "how": "Call 0101, any time"}]})

    assert [line.name for line in support.crisis_lines] == ["Samaritans", "Helpline Ruritania"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"crisis_lines": []},
            "mkdocs.yml: extra.support.crisis_lines: independent help cannot be switched off: list at least one"
            " line (a key such as 'uk-ie', or your own {name, how, url}), or leave the key out for the default lines",
        ),
        (
            {"crisis_lines": ["mars"]},
            "mkdocs.yml: extra.support.crisis_lines: unknown crisis line 'mars' (the course knows: uk-ie, us, ca, au,"
            " nz, world)",
        ),
        (
            {"crisis_lines": [{"name": "No number"}]},
            "mkdocs.yml: extra.support.crisis_lines[0].how: missing required key 'how'; add it",
        ),
        (
            {"contacts": [{"nam": "HR"}]},
            "mkdocs.yml: extra.support.contacts[0].nam: unknown key 'nam' (did you mean 'name'?)",
        ),
    ],
    ids=["empty", "unknown-region", "a-line-without-a-number", "a-misspelt-key"],
)
def test_a_mistake_in_the_settings_names_the_key_and_the_fix(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(SupportError) as caught:
        load_support(raw)

    assert message in str(caught.value).splitlines()


def test_switching_independent_help_off_stops_the_build(make_site: MakeSite) -> None:
    built = make_site(
        {"content/support.md": "# Support\n\n::support\n"},
        config={"plugins": ["comeback/support"], "extra": {"support": {"crisis_lines": []}}},
    )

    assert not built.ok
    assert any("independent help cannot be switched off" in line for line in built.errors)


def test_a_support_block_anywhere_but_the_top_level_is_reported_on_its_line(make_site: MakeSite) -> None:
    built = make_site(
        {"content/support.md": "# Support\n\n- a list item\n  ::support\n"}, config={"plugins": ["comeback/support"]}
    )

    assert not built.ok
    assert built.errors == [
        "content/support.md:4: '::support' would show as text here; a directive stands on its own line at the top"
        " level of the page (not inside a list, a quote or another block, and not indented)"
    ]


# --- the course, as an organisation with contacts of its own builds it (organisation_site) -----------------------------


def expect_help_and_contacts(text: str, where: str) -> None:
    flat = re.sub(r"\s+", " ", text)
    assert SAMARITANS in flat and "116 123" in flat and "988" in flat and "findahelpline.com" in flat, where
    assert "Northwind assistance line" in flat and "0800 555 0100" in flat, where
    assert flat.index(SAMARITANS) < flat.index("Northwind assistance line"), f"{where}: independent help comes first"


@pytest.mark.parametrize("page", PAGES_WITH_HELP)
def test_pages_that_show_support_show_independent_help_beside_the_organisations_contacts(
    organisation_site: BuiltSite, page: str
) -> None:
    expect_help_and_contacts(organisation_site.page(page), page)


@pytest.mark.parametrize("worksheet", WORKSHEETS_WITH_HELP)
def test_worksheets_that_ask_how_you_feel_show_it_on_screen_and_on_paper(
    organisation_site: BuiltSite, worksheet: str
) -> None:
    html = organisation_site.page("start/" if worksheet == "setback-snapshot" else _page_of(worksheet))
    form = html.split(f'data-worksheet="{worksheet}"', 1)[1].split("</form>", 1)[0]
    expect_help_and_contacts(form, f"the {worksheet} form")
    expect_help_and_contacts(
        pdf_text(organisation_site.site_dir / f"pdf/worksheets/{worksheet}.pdf"), f"{worksheet}.pdf"
    )


def test_the_workbook_ends_with_independent_help_and_the_organisations_contacts(organisation_site: BuiltSite) -> None:
    text = pdf_text(organisation_site.site_dir / "pdf/comeback-workbook.pdf")
    last = text.split("Who you can contact")[-1]

    expect_help_and_contacts(last, "the workbook's last chapter")


def test_the_start_page_sends_anyone_feeling_very_low_to_the_support_page_first(built_site: BuiltSite) -> None:
    html = built_site.page("start/")
    intro = html.split("<h2", 1)[0]

    assert "If you are feeling very low right now" in intro and 'href="../support/"' in intro


def _page_of(worksheet: str) -> str:
    for path in (REPO / "content" / "lessons").glob("*.md"):
        if f"::worksheet[{worksheet}]" in path.read_text(encoding="utf-8"):
            return f"lessons/{path.stem}/"
    raise AssertionError(worksheet)


# --- a low score points to the help --------------------------------------------------------------


@pytest.mark.browser
def test_a_low_score_on_the_snapshot_shows_a_note_that_leads_to_the_help(built_site: BuiltSite, page: Page) -> None:
    server = start_server(built_site.site_dir)
    try:
        page.goto(server.base_url + "start/")
        page.wait_for_selector("form.ws[data-ws-ready]")
        energy = page.locator("[data-field='energy']")
        note = energy.locator(".ws-low > span")
        expect(note).to_be_hidden()

        page.locator("#ws-setback-snapshot-energy--1").check()
        expect(note).to_be_visible()
        expect(note).to_contain_text("you do not have to carry it alone")
        note.get_by_role("link").click()
        expect(page.locator("#ws-setback-snapshot--help")).to_be_in_viewport()
        expect(page.locator("#ws-setback-snapshot--help")).to_contain_text(SAMARITANS)

        page.locator("#ws-setback-snapshot-energy--7").check()
        expect(note).to_be_hidden()
        page.locator("#ws-setback-snapshot-energy--0").check()
        page.wait_for_selector("form.ws:not([data-ws-unsaved])", state="attached")
        page.reload()
        page.wait_for_selector("form.ws[data-ws-ready]")
        expect(note).to_be_visible()  # restored answers show it too
    finally:
        server.stop()


def test_on_paper_a_low_score_points_to_the_help_at_the_end_of_the_worksheet(built_site: BuiltSite) -> None:
    text = re.sub(r"\s+", " ", pdf_text(built_site.site_dir / "pdf/worksheets/setback-snapshot.pdf"))

    assert text.count("If you marked 2 or lower, please read “If you need to talk to someone now”") == 3
    assert text.index("If you marked 2 or lower") < text.rindex("If you need to talk to someone now")
