"""Independent help is always there: crisis lines on the support and start pages, in the worksheets
that ask how someone feels (on screen and on paper) and in the workbook, with an organisation's
own contacts beside them and never instead of them."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from comeback.core.support.model import DEFAULT_LINES, SupportError, known_lines, load_support, read_lines
from comeback.core.support.numbers import Link, href, linked
from comeback.pages.help import render_help, render_help_line
from conftest import REPO, BuiltSite, MakeSite, Published, start_server
from outputs import pdf_text

SAMARITANS = "Samaritans"
PAGES_WITH_HELP = ("support/", "start/")
WORKSHEETS_WITH_HELP = ("setback-snapshot", "facts-vs-story", "self-talk-log")


# --- the settings ------------------------------------------------------------------------------


def test_by_default_several_countries_lines_and_an_international_directory_are_shown() -> None:
    support = load_support(None)

    assert [line.name for line in support.crisis_lines] == [known_lines()[key].name for key in DEFAULT_LINES]
    names = " ".join(f"{line.name} {line.how}" for line in support.crisis_lines)
    for expected in (
        "116 123",
        "85258",
        "50808",
        "988",
        "9-8-8",
        "13 11 14",
        "0477 13 11 14",
        "1737",
        "Find A Helpline",
    ):
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
            "mkdocs.yml: extra.support.crisis_lines: unknown crisis line 'mars' (the course knows: uk-ie, uk-text,"
            " ie-text, us, ca, au, nz, world)",
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


# --- numbers to tap ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "kind", "expected"),
    [
        ("116 123", "call", "tel:116123"),
        ("9-8-8", "call", "tel:988"),
        ("9-8-8", "text", "sms:988"),
        ("13 11 14", "call", "tel:131114"),
        ("+44 (0)20 7946 0000", "call", "tel:+442079460000"),
        ("(020) 7946 0000", "call", "tel:02079460000"),
    ],
)
def test_a_number_is_dialled_as_written_without_its_spaces_and_hyphens(number: str, kind: str, expected: str) -> None:
    assert href(number, "call" if kind == "call" else "text") == expected


def test_each_number_becomes_a_link_where_the_text_shows_it_and_one_to_text_goes_beside_it() -> None:
    parts, beside = linked(
        "Call 0800 111 0 111 or 0800 111 0 222, text 1212", ("0800 111 0 111", "0800 111 0 222"), ("1212",)
    )

    assert parts == (
        "Call ",
        Link("0800 111 0 111", "call"),
        " or ",
        Link("0800 111 0 222", "call"),
        ", text ",
        Link("1212", "text"),
    )
    assert beside == ()
    assert linked("Call or text 988, any time", ("988",), ("988",)) == (
        ("Call or text ", Link("988", "call"), ", any time"),
        (Link("988", "text"),),
    )
    # Not the 11 inside 112: a number stands on its own.
    assert linked("999 or 112, 111 in New Zealand", ("111",))[0] == (
        "999 or 112, ",
        Link("111", "call"),
        " in New Zealand",
    )


def test_every_default_line_with_a_number_is_called_or_texted_with_a_tap() -> None:
    html = render_help(load_support(None), support_url=None)

    for number, link in [
        ("116 123", "tel:116123"),
        ("988", "tel:988"),
        ("Text 988", "sms:988"),
        ("9-8-8", "tel:988"),
        ("13 11 14", "tel:131114"),
        ("0477 13 11 14", "sms:0477131114"),  # Lifeline's text line
        ("85258", "sms:85258"),  # Shout (UK): a text line only
        ("50808", "sms:50808"),  # 50808 (Ireland)
        ("Text 9-8-8", "sms:988"),
        ("1737", "tel:1737"),
        ("Text 1737", "sms:1737"),
        ("999", "tel:999"),  # the emergency numbers too
        ("000", "tel:000"),
    ]:
        assert f'<a class="comeback-tel" href="{link}">{number}</a>' in html, number
    assert "Call 116 123" not in html  # the number is the link, not text beside one


def test_print_shows_the_numbers_as_its_text_writes_them() -> None:
    html = render_help(load_support(None), support_url=None, tappable=False)

    assert "tel:" not in html and "sms:" not in html
    assert "Call 116 123, free, any time." in html
    assert "Call or text 988, any time." in html


def test_the_organisations_numbers_are_links_too_in_the_block_and_in_short() -> None:
    support = load_support(
        {"contacts": [{"name": "EAP", "detail": "0800 555 0100, any hour", "call": "0800 555 0100"}]}
    )

    for html in (render_help(support, support_url=None), render_help_line(support, support_url="../support/")):
        assert '<a class="comeback-tel" href="tel:08005550100">0800 555 0100</a>, any hour' in html


def test_help_in_short_has_each_lines_numbers_and_links_to_the_whole_block() -> None:
    html = render_help_line(load_support(None), support_url="../../support/#comeback-help")

    assert '<a class="comeback-tel" href="tel:116123">116 123</a>' in html
    assert '<a class="comeback-tel" href="sms:1737">Text 1737</a>' in html
    assert '<a href="https://findahelpline.com">findahelpline.com</a>' in html  # a line with no number
    assert '<a href="../../support/#comeback-help">All the help, and what to do in an emergency</a>' in html
    assert "These lines are confidential" not in html  # short: the numbers, not the whole block


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"crisis_lines": [{"name": "Line", "how": "Call 0101, any time", "call": "0101 0101"}]},
            "mkdocs.yml: extra.support.crisis_lines[0].call: '0101 0101' is not in how ('Call 0101, any time');"
            " write it there as it is here, so that it is the link people tap",
        ),
        (
            {"crisis_lines": [{"name": "Line", "how": "Call 0101", "call": 101}]},
            'mkdocs.yml: extra.support.crisis_lines[0].call: write the number in quotes, e.g. "101": YAML reads'
            " some numbers, like 0700, as others",
        ),
        (
            {"crisis_lines": [{"name": "Line", "how": "Text HELP", "text": "HELP"}]},
            "mkdocs.yml: extra.support.crisis_lines[0].text[0]: 'HELP' is not a phone number: write it as people"
            " dial it, with digits, spaces or hyphens (e.g. '116 123', '9-8-8', '+44 20 7946 0000')",
        ),
        (
            {"contacts": [{"name": "EAP", "call": "0800 555 0100"}]},
            "mkdocs.yml: extra.support.contacts[0].call: '0800 555 0100' is not in detail (''); write it there as"
            " it is here, so that it is the link people tap",
        ),
        (
            {"emergency": "112 (Deutschland)", "emergency_call": ["112", "110"]},
            "mkdocs.yml: extra.support.emergency_call[1]: '110' is not in emergency ('112 (Deutschland)'); write it"
            " there as it is here, so that it is the link people tap",
        ),
    ],
    ids=["not-in-the-text", "unquoted", "not-a-number", "a-contact-without-detail", "emergency"],
)
def test_a_number_that_is_not_one_or_not_in_its_text_is_refused(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(SupportError) as caught:
        load_support(raw)

    assert message in str(caught.value).splitlines()


def test_a_mistake_in_mkdocs_yml_names_its_line() -> None:
    config = """site_name: x
site_url: !ENV SITE_URL
extra:
  support:
    crisis_lines:
      - name: Line
        how: Call 0101
        call: "0202"
"""
    with pytest.raises(SupportError) as caught:
        load_support(yaml.load(config, Loader=_IgnoreTags)["extra"]["support"], config=config)

    assert str(caught.value).startswith("mkdocs.yml:8: extra.support.crisis_lines[0].call: '0202' is not in how")


def test_a_mistake_in_the_lines_the_course_knows_names_its_file_and_line(tmp_path: Path) -> None:
    lines = tmp_path / "lines.yml"
    lines.write_text('uk-ie:\n  name: Samaritans\n  how: Call 116 123\n  call: "116 124"\n', encoding="utf-8")

    with pytest.raises(SupportError) as caught:
        read_lines(lines, "lines.yml")

    assert str(caught.value).startswith("lines.yml:4: uk-ie.call: '116 124' is not in how ('Call 116 123')")
    assert known_lines()["uk-ie"].call == ("116 123",)  # and the course's own file is right


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_a_wrong_number_in_mkdocs_yml_stops_the_build_at_its_line(make_site: MakeSite) -> None:
    built = make_site(
        {"content/support.md": "# Support\n\n::support\n"},
        config={
            "plugins": ["comeback/support"],
            "extra": {"support": {"crisis_lines": [{"name": "Line", "how": "Call 0101", "call": "0102"}]}},
        },
    )

    written = (built.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    number_line = next(index for index, line in enumerate(written, 1) if "0102" in line)
    assert not built.ok
    (line,) = [line for line in built.errors if "0102" in line]
    assert line.startswith(f"mkdocs.yml:{number_line}: extra.support.crisis_lines[0].call: '0102' is not in how")


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


# --- one tap away: the header of every page, and each lesson's help in short -----------------------

PAGES_OF_EVERY_KIND = ("", "start/", "lessons/2-set-new-goals/", "finish/", "plan/", "privacy/", "support/", "about/")
HELP_NOW = re.compile(r'<a href="([^"]*)" class="comeback-help-now">Get help now</a>')
NOT_ADVICE = re.compile(
    r'<div class="md-copyright__highlight">\s*<a href="([^"]*)">[^<]*not therapy or medical advice\.</a>'
)


def test_every_page_of_every_copy_links_the_support_page_from_its_header_and_footer(published: Published) -> None:
    """The website's editions, the copy for a folder and the SCORM package: each page's "Get help
    now", and its footer's "not therapy or medical advice", is a relative link to that copy's own
    support page."""
    copies: dict[str, dict[str, str]] = {}
    for edition in (published.site.site_dir, published.facilitator.site_dir):
        copies[str(edition)] = {
            path.relative_to(edition).as_posix(): path.read_text(encoding="utf-8")
            for path in edition.rglob("*.html")
            if edition == published.facilitator.site_dir or "facilitator" not in path.relative_to(edition).parts
        }
    for name in ("comeback-offline.zip", "comeback-scorm12.zip"):
        with zipfile.ZipFile(published.downloads / name) as archive:
            copies[name] = {
                entry.split("/", 1)[1] if name.startswith("comeback-offline") else entry: archive.read(entry).decode()
                for entry in archive.namelist()
                if entry.endswith(".html")
            }
    for copy, pages in copies.items():
        support = "support.html" if "support.html" in pages else "support/index.html"
        checked = 0
        for path, html in pages.items():
            if path in {"404.html", "scorm.html"}:
                continue  # a server's page for a missing address; the SCORM launch page
            for pattern in (HELP_NOW, NOT_ADVICE):
                links = pattern.findall(html)
                assert len(links) == 1, f"{copy}: {path}: {pattern.pattern}"
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), links[0]))
                assert target in (support, support.removesuffix("index.html").rstrip("/")), (
                    f"{copy}: {path} -> {links[0]}"
                )
            checked += 1
        assert checked >= 10, copy


def test_every_lesson_carries_the_help_once_in_short_with_numbers_to_tap(built_site: BuiltSite) -> None:
    lessons = sorted((built_site.site_dir / "lessons").glob("*/index.html"))
    assert len(lessons) == 6
    for lesson in lessons:
        html = lesson.read_text(encoding="utf-8")
        assert html.count('class="comeback-help-line"') == 1, lesson.parent.name
        line = html.split('class="comeback-help-line"', 1)[1].split("</div>", 1)[0]
        assert '<a class="comeback-tel" href="tel:116123">116 123</a>' in line, lesson.parent.name
        assert 'href="../../support/#comeback-help"' in line, lesson.parent.name
        assert 'class="comeback-help"' not in html, lesson.parent.name  # the whole block stays on the support page
    support = built_site.page("support/")
    assert support.count('<div class="comeback-help" id="comeback-help">') == 1
    # Lesson 1's worksheet that asks how someone feels carries it there; Lesson 2 (no such worksheet) at its end.
    lesson_1 = built_site.page("lessons/1-reframe-the-setback/")
    assert 'class="comeback-help-line" id="ws-facts-vs-story--help"' in lesson_1
    lesson_2 = built_site.page("lessons/2-set-new-goals/")
    assert lesson_2.index('class="comeback-help-line"') > lesson_2.rindex("</form>")


@pytest.mark.browser
def test_on_a_phone_get_help_now_is_in_view_on_every_page_and_leads_to_a_number_in_view(
    built_site: BuiltSite, facilitator_site: BuiltSite, page: Page
) -> None:
    learner, facilitator = start_server(built_site.site_dir), start_server(facilitator_site.site_dir)
    try:
        page.set_viewport_size({"width": 360, "height": 740})
        urls = [learner.base_url + path for path in PAGES_OF_EVERY_KIND]
        # The facilitator edition's home is its guide; a lesson there shows the notes too.
        urls += [facilitator.base_url, facilitator.base_url + "lessons/1-reframe-the-setback/"]
        for url in urls:
            page.goto(url)
            link = page.get_by_role("link", name="Get help now")
            expect(link).to_be_in_viewport(ratio=1)  # without opening the menu
            assert not page.locator("#__drawer").is_checked()
            box, header = link.bounding_box(), page.locator("header.md-header").bounding_box()
            assert box and header and box["height"] >= 24 and box["width"] >= 24, url
            assert box["y"] + box["height"] <= header["y"] + header["height"], (
                f"{url}: over the page, not in the header"
            )

        for width in (768, 1280):  # a tablet's, a laptop's
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(learner.base_url + "lessons/2-set-new-goals/")
            expect(page.get_by_role("link", name="Get help now")).to_be_in_viewport(ratio=1)

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(learner.base_url + "lessons/2-set-new-goals/")
        page.get_by_role("link", name="Get help now").click()
        expect(page).to_have_url(learner.base_url + "support/")
        first = page.locator("a[href^='tel:']").first
        expect(first).to_be_in_viewport(ratio=1)  # the first crisis number, without scrolling
        expect(first).to_have_text("999")  # the emergency number comes first
        expect(page.locator("a[href='tel:116123']")).to_be_in_viewport(ratio=1)  # and the first line's
        # No number breaks across two lines, at any width down to 320.
        for width in (390, 320):
            page.set_viewport_size({"width": width, "height": 844})
            broken = page.eval_on_selector_all(
                "a.comeback-tel", "links => links.filter(a => a.getClientRects().length > 1).map(a => a.textContent)"
            )
            assert broken == [], width
    finally:
        learner.stop()
        facilitator.stop()


@pytest.mark.parametrize(
    ("partial", "ours_instead", "theirs"),
    [
        ("header.html", '    {% include "partials/comeback-help-now.html" %}\n', ""),
        (
            "copyright.html",
            '      {% include "partials/comeback-copyright.html" %}\n',
            "      {{ config.copyright }}\n",
        ),
    ],
)
def test_the_header_and_footer_are_materials_own_with_the_links_to_help_added(
    partial: str, ours_instead: str, theirs: str
) -> None:
    import material

    from comeback.mkdocs.plugins import THEME_DIR

    material_partial = (Path(material.__file__).parent / "templates/partials" / partial).read_text(encoding="utf-8")
    ours = (THEME_DIR / "partials" / partial).read_text(encoding="utf-8")

    assert ours.count(ours_instead) == 1
    assert ours.replace(ours_instead, theirs).split("-#}", 1)[1] == material_partial.split("-#}", 1)[1], (
        f"Material's partials/{partial} changed: copy it to mkdocs/theme/partials/ again and add the link to help"
    )


# --- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(document.domain)", "'javascript:' is not a link people can follow"),
        ("JavaScript:alert(1)", "'javascript:' is not a link people can follow"),
        ("data:text/html,hi", "'data:' is not a link people can follow"),
        ("www.example.org/help", "it has no scheme, so it is not a link people can follow"),
        ("https:/help", "names no site"),
    ],
)
@pytest.mark.parametrize("where", ["crisis_lines", "contacts"])
def test_a_link_that_is_no_web_page_address_or_number_is_refused(url: str, message: str, where: str) -> None:
    entry = {"name": "Help", "how": "Call 0101"} if where == "crisis_lines" else {"name": "Help"}
    with pytest.raises(SupportError) as caught:
        load_support({where: [{**entry, "url": url}]})

    problem = str(caught.value)
    assert problem.startswith(f"mkdocs.yml: extra.support.{where}[0].url: '{url}': ") and message in problem
    assert "start it with https://" in problem or "write it whole" in problem


@pytest.mark.parametrize(
    "url", ["https://www.example.org/help", "http://example.org", "mailto:hr@example.org", "tel:+441234", "sms:85258"]
)
def test_links_to_pages_addresses_and_numbers_are_shown(url: str) -> None:
    support = load_support({"contacts": [{"name": "HR", "url": url}], "crisis_lines": [{**LINE, "url": url}]})

    for html in (render_help(support, support_url=None), render_help_line(support, support_url=None)):
        assert f'href="{url}"' in html


LINE = {"name": "Helpline Ruritania", "how": "Call 0101, any time"}


def test_a_refused_link_in_mkdocs_yml_names_its_line() -> None:
    config = """site_name: x
extra:
  support:
    contacts:
      - name: HR
        url: javascript:alert(document.domain)
"""
    with pytest.raises(SupportError) as caught:
        load_support(yaml.load(config, Loader=_IgnoreTags)["extra"]["support"], config=config)

    assert str(caught.value).startswith("mkdocs.yml:6: extra.support.contacts[0].url: 'javascript:alert(")
