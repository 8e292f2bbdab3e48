"""The SCORM 1.2 package: its manifest against the content-packaging structure, every file it uses
inside it, and the package run in real Chromium under a real LMS-side SCORM 1.2 runtime (the npm
package scorm-again, which .ci/run installs): launch, work through the lessons, leave, relaunch,
resume, finish. Every call the package makes is recorded and checked against the SCORM 1.2 data
model, and no answer the learner typed is ever in one."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Frame, Page, expect

from comeback.core.i18n import messages
from comeback.pages.links import Download, download_link
from conftest import REPO, BuiltSite, Published
from learner_journey import GENERIC_TEXT, PLAN_ANSWERS, do_what_each_lesson_asks, fields_of, parts
from lms import Lms, course_frame, hosting, leave, sets

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
MAX_SUSPEND_DATA = 4096  # CMIString4096: scorm-again accepts more, the standard does not
MAX_LOCATION = 255  # CMIString255
TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")  # CMITimespan, HHHH:MM:SS.SS
# What SCORM 1.2 lets a SCO write, and the values it allows (the run-time environment's data model).
WRITABLE = {
    "cmi.core.lesson_status": {"passed", "completed", "failed", "incomplete", "browsed"},
    "cmi.core.exit": {"time-out", "suspend", "logout", ""},
    "cmi.core.lesson_location": None,
    "cmi.core.session_time": None,
    "cmi.suspend_data": None,
}


@pytest.fixture(scope="module")
def package(published: Published) -> Path:
    """The package as `comeback build` publishes it."""
    zipped = published.downloads / "comeback-scorm12.zip"
    print(f"\nSCORM package: {zipped.stat().st_size / 1024 / 1024:.1f} MB")
    return zipped


# --- the package --------------------------------------------------------------------------------


def test_the_manifest_has_the_scorm_1_2_content_packaging_structure(package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        root = ElementTree.fromstring(archive.read("imsmanifest.xml"))

    assert root.tag == f"{IMSCP}manifest" and root.get("identifier")
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schema") == "ADL SCORM"
    assert root.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    identifiers = [element.get("identifier") for element in root.iter() if element.get("identifier")]
    assert len(identifiers) == len(set(identifiers))

    organizations = root.find(f"{IMSCP}organizations")
    assert organizations is not None
    (organization,) = organizations.findall(f"{IMSCP}organization")
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext(f"{IMSCP}title")
    (item,) = organization.findall(f"{IMSCP}item")  # one item: the whole course
    assert item.findtext(f"{IMSCP}title")
    (resource,) = root.findall(f"{IMSCP}resources/{IMSCP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get("type") == "webcontent" and resource.get(f"{ADLCP}scormtype") == "sco"
    assert resource.get("href") == "scorm.html" and "scorm.html" in names

    # No mastery score, nor anything else that would make the LMS score it.
    assert not [e for e in root.iter() if e.tag.startswith(ADLCP) and e.tag != f"{ADLCP}scormtype"]
    assert "masteryscore" not in ElementTree.tostring(root, encoding="unicode")

    listed = [file.get("href") or "" for file in resource.findall(f"{IMSCP}file")]
    assert set(listed) == names - {"imsmanifest.xml"}  # every file, each once
    assert len(listed) == len(set(listed))
    for href in listed:
        assert not urlsplit(href).scheme and not href.startswith("/") and ".." not in href.split("/"), href


class _Resources(HTMLParser):
    """The addresses of everything a page loads: scripts, stylesheets, icons, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.canonical: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonical.append(attributes.get("href") or "")
        elif tag == "link" or tag in ("script", "img", "iframe", "source", "embed"):
            address = attributes.get("href" if tag == "link" else "src")
            if address:
                self.found.append(address)


def test_every_file_the_pages_use_is_inside_the_package_at_a_relative_address(package: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        pages = {name: archive.read(name).decode() for name in names if name.endswith(".html")}
        styles = {name: archive.read(name).decode() for name in names if name.endswith(".css")}

    checked = 0
    for name, html in pages.items():
        parser = _Resources()
        parser.feed(html)
        assert parser.canonical == [], name  # no address of the public site
        for address in parser.found:
            assert not urlsplit(address).scheme and not address.startswith("//"), (name, address)
            target = unquote(urlsplit(urljoin(f"https://package/{name}", address)).path).lstrip("/")
            assert target in names, (name, address)
            checked += 1
    for name, css in styles.items():
        for address in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            if address.startswith("data:"):
                continue
            assert not urlsplit(address).scheme, (name, address)
            assert unquote(urlsplit(urljoin(f"https://package/{name}", address)).path).lstrip("/") in names
            checked += 1
    assert checked > 100
    assert not names & {"sitemap.xml", "sitemap.xml.gz"}


def test_the_adapter_is_only_in_the_package(package: Path, built_site: BuiltSite) -> None:
    with zipfile.ZipFile(package) as archive:
        assert {"scorm.html", "assets/comeback/scorm.js"} <= set(archive.namelist())
    assert not (built_site.site_dir / "scorm.html").exists()
    assert not (built_site.site_dir / "assets/comeback/scorm.js").exists()
    assert "scorm.js" not in built_site.page("")


# --- in a learning platform ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def lms(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lms]:
    """The test LMS hosting the course's package."""
    with hosting(package, tmp_path_factory.mktemp("lms")) as platform:
        yield platform


def check_valid_for_scorm_1_2(calls: list[dict[str, Any]]) -> None:
    """LMSInitialize first, LMSFinish last and once; every call succeeded; every value written is
    one SCORM 1.2 lets a SCO write, within its limits."""
    assert calls[0]["name"] == "LMSInitialize" and calls[0]["args"] == [""]
    assert calls[-1]["name"] == "LMSFinish" and calls[-1]["args"] == [""]
    assert [c["name"] for c in calls].count("LMSFinish") == 1
    for call in calls:
        assert call["result"] in ("true", "") or call["name"] == "LMSGetValue", call
        assert call["error"] == "0", call
    for element, value in sets(calls):
        assert element in WRITABLE, element
        allowed = WRITABLE[element]
        assert allowed is None or value in allowed, (element, value)
    for element, value in sets(calls):
        if element == "cmi.core.session_time":
            assert TIMESPAN.match(value), value
        if element == "cmi.suspend_data":
            assert len(value) <= MAX_SUSPEND_DATA
        if element == "cmi.core.lesson_location":
            assert len(value) <= MAX_LOCATION
    assert ("cmi.core.lesson_status", "passed") not in sets(calls) and ("cmi.core.lesson_status", "failed") not in sets(
        calls
    )


def answers_typed() -> list[str]:
    """Every piece of text the test learner types into a worksheet."""
    typed = [GENERIC_TEXT, "Team lead where I am", "A walk before work"]
    for fields in PLAN_ANSWERS.values():
        for answer in fields.values():
            if isinstance(answer, str):
                typed.append(answer)
            elif isinstance(answer, list):
                typed += [cell for row in answer for cell in (row.values() if isinstance(row, dict) else [row])]
    return [text for text in typed if not re.fullmatch(r"\d{4}-\d\d-\d\d", text)]


def check_no_answer_sent(calls: list[dict[str, Any]]) -> None:
    sent = json.dumps([c["args"] for c in calls])
    for text in answers_typed():
        assert text not in sent, text


@pytest.mark.browser
def test_launch_leave_relaunch_resume_and_finish_in_an_lms(lms: Lms, page: Page) -> None:
    """Sam does exactly what each lesson asks, no more (nothing marked optional, not the start
    page's snapshot nor the closing look back), over two visits: that is enough for the platform to
    hear *completed*."""
    elsewhere: list[str] = []
    page.on("request", lambda request: None if "//127.0.0.1:" in request.url else elsewhere.append(request.url))
    # First visit: the first three lessons, then the learner closes the course.
    page.goto(lms.url)
    frame = course_frame(page)
    expect(frame.locator("h1").first).to_be_visible()
    lessons = [part for part in parts(frame) if part["lesson"]]
    answered = do_what_each_lesson_asks(frame, lms.package_url, only=slice(0, 3))
    expect(frame.locator(".comeback-lesson-status")).to_contain_text("Done")
    first = leave(page)
    check_valid_for_scorm_1_2(first)
    check_no_answer_sent(first)
    assert ("cmi.core.lesson_status", "incomplete") in sets(first)  # from "not attempted"
    assert ("cmi.core.exit", "suspend") in sets(first)
    assert [v for e, v in sets(first) if e == "cmi.core.lesson_status"] == ["incomplete"]
    assert [v for e, v in sets(first) if e == "cmi.core.lesson_location"][-1] == lessons[2]["page"]
    assert [v for e, v in sets(first) if e == "cmi.suspend_data"][-1] == json.dumps(
        {"v": 1, "lessons": "dddnnn"}, separators=(",", ":")
    )
    assert "LMSCommit" in [c["name"] for c in first]
    cmi = page.evaluate("JSON.parse(JSON.stringify(window.lms.cmi))")
    assert cmi["core"]["lesson_status"] == "incomplete"

    # Second visit: the LMS gives back what it kept, and the course opens where the learner left it.
    earlier = {
        "core": {
            "entry": "resume",
            "lesson_status": cmi["core"]["lesson_status"],
            "lesson_location": cmi["core"]["lesson_location"],
        },
        "suspend_data": cmi["suspend_data"],
    }
    page.evaluate("earlier => sessionStorage.setItem('lms-earlier', JSON.stringify(earlier))", earlier)
    page.goto(lms.url)
    frame = course_frame(page)
    assert frame.url == lms.package_url + lessons[2]["page"]
    answered |= do_what_each_lesson_asks(frame, lms.package_url, only=slice(3, None))
    check_sam_stored_only_what_was_asked(frame, lessons, answered)
    for lesson in lessons:
        frame.goto(lms.package_url + lesson["page"])
        expect(frame.locator(".comeback-lesson-status")).to_contain_text("Done")
    frame.goto(lms.package_url + "index.html")
    expect(frame.locator("[data-progress-summary]")).to_have_text(f"You have done all {len(lessons)} lessons.")
    second = leave(page)
    check_valid_for_scorm_1_2(second)
    check_no_answer_sent(second)
    statuses = [v for e, v in sets(second) if e == "cmi.core.lesson_status"]
    assert statuses[-1] == "completed" and set(statuses) <= {"incomplete", "completed"}
    assert page.evaluate("window.lms.cmi.core.lesson_status") == "completed"
    completed_at = next(i for i, c in enumerate(second) if c["args"][:2] == ["cmi.core.lesson_status", "completed"])
    assert "LMSCommit" in [c["name"] for c in second[completed_at:]]

    assert elsewhere == []  # in a learning platform too, nothing asks another host for anything
    every = first + second
    # The facilitator guide's table of what the platform receives names every element written.
    table = (REPO / "content/facilitator/lms.md").read_text(encoding="utf-8")
    assert {element for element, _ in sets(every)} == set(re.findall(r"^\| `(cmi\.[a-z_.]+)`", table, re.M))
    longest = max((len(v) for e, v in sets(every) if e == "cmi.suspend_data"), default=0)
    print("\nAPI calls, first visit:", " ".join(describe(c) for c in first))
    print("API calls, second visit:", " ".join(describe(c) for c in second))
    print(f"longest suspend_data: {longest} characters")


def check_sam_stored_only_what_was_asked(
    frame: Frame, lessons: list[dict[str, Any]], answered: dict[str, list[str]]
) -> None:
    """Sam answered every worksheet of every lesson, and the browser keeps an answer for exactly
    the fields Sam answered: none marked optional."""
    assert set(answered) == {worksheet for lesson in lessons for worksheet in lesson["worksheets"]}
    optional = {ws: [f["id"] for f in fields_of(ws) if f.get("optional")] for ws in answered}
    assert optional["small-experiments"], "small experiments offers optional kinds of experiment"
    # What the browser keeps: the fields with an answer that says something, by worksheet.
    stored = frame.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.includes(":ws:")).map((k) => {
          const answers = JSON.parse(localStorage.getItem(k)).answers;
          return [k.split(":ws:")[1], Object.keys(answers).filter((f) => window.comeback.answers.filled(answers[f]))];
        }))"""
    )
    assert {ws: sorted(ids) for ws, ids in stored.items()} == {ws: sorted(ids) for ws, ids in answered.items()}
    assert not any(set(stored[ws]) & set(optional[ws]) for ws in answered)  # nothing optional touched
    print("\nWhat Sam filled in:", json.dumps(answered))


def describe(call: dict[str, Any]) -> str:
    if call["name"] == "LMSSetValue":
        return f"LMSSetValue({call['args'][0]}={call['args'][1]!r})"
    if call["name"] == "LMSGetValue":
        return f"LMSGetValue({call['args'][0]})"
    return f"{call['name']}()"


@pytest.mark.browser
def test_when_the_course_is_hidden_it_commits_and_when_it_comes_back_it_goes_on(lms: Lms, page: Page) -> None:
    page.goto(lms.url)  # a first launch: the page is new, with nothing of an earlier visit
    course_frame(page)
    launch = next(frame for frame in page.frames if frame.url.endswith("/scorm.html"))
    # Headless Chromium never hides a page by itself: the launch page is told it is hidden, as a
    # browser does when the learner switches tab or app, and then visible again.
    visibility = """state => {
        Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    launch.evaluate(visibility, "hidden")
    calls: list[dict[str, Any]] = page.evaluate("window.calls")
    hidden_at = next(i for i, c in enumerate(calls) if c["args"][:1] == ["cmi.core.session_time"])
    assert TIMESPAN.match(calls[hidden_at]["args"][1])
    assert [c["name"] for c in calls[hidden_at + 1 :]] == ["LMSCommit"]  # kept, and not finished

    launch.evaluate(visibility, "visible")
    frame = course_frame(page)
    frame.goto(lms.package_url + "lessons/2-set-new-goals.html")
    page.wait_for_function(
        "() => window.calls.some(c => c.args[0] == 'cmi.core.lesson_location'"
        " && c.args[1] == 'lessons/2-set-new-goals.html')"
    )
    calls = leave(page)
    check_valid_for_scorm_1_2(calls)
    assert [c["name"] for c in calls].count("LMSCommit") >= 2  # hidden, then leaving


@pytest.mark.browser
def test_outside_an_lms_the_package_is_the_course_as_on_the_website(lms: Lms, page: Page) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    page.goto(lms.package_url + "scorm.html")  # no API anywhere above it
    expect(page).to_have_url(lms.package_url + "index.html")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.goto(lms.package_url + "lessons/2-set-new-goals.html")
    page.wait_for_selector("form.ws[data-ws-ready]")
    page.fill("#ws-goal-ladder-goal", "Lead a team")
    page.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")
    assert messages == []


def test_the_facilitator_guide_links_the_package_with_its_size(package: Path, facilitator_site: BuiltSite) -> None:
    size = f"{package.stat().st_size / 1024 / 1024:.1f} MB"
    link = f'<a href="../../../downloads/comeback-scorm12.zip" download>The SCORM 1.2 package</a> (zip, {size})'
    assert link in facilitator_site.page("facilitator/lms/")


def test_without_a_package_the_guide_leaves_the_link_out() -> None:
    """The guide speaks to facilitators: how to make the package is the build log's to say."""
    missing = Download("scorm", "downloads/comeback-scorm12.zip", None)
    t = messages("en")

    assert download_link(missing, None, None, t) == ""
    inside = Download("scorm", "downloads/comeback-scorm12.zip", 1000, inside=True)
    assert download_link(inside, "x.zip", "1 KB", t) == "<p><em>This copy is the one inside the SCORM package.</em></p>"


# --- platforms that are not quite as the standard expects -----------------------------------------


def launch_with(page: Page, lms: Lms, earlier: dict[str, Any]) -> None:
    """Launches the course with `earlier` as what the platform kept from an earlier visit."""
    page.goto(lms.url)
    page.evaluate("earlier => sessionStorage.setItem('lms-earlier', JSON.stringify(earlier))", earlier)
    page.goto(lms.url)


@pytest.mark.browser
def test_the_api_is_found_in_the_window_that_opened_the_course_window(lms: Lms, page: Page) -> None:
    # Many platforms open the course in a pop-up that frames it: the API is then neither in the
    # package's frame nor above it, but in the window that opened the pop-up (top.opener).
    page.goto(lms.server.base_url + "opener.html")
    with page.expect_popup() as opened:
        page.evaluate("() => { window.open('popup.html', 'course') }")
    popup = opened.value
    page.wait_for_function("() => window.calls.some(c => c.name == 'LMSInitialize')")
    frame = popup.frame(name="comeback-course")
    assert frame is not None
    expect(frame.locator("h1").first).to_be_visible()
    popup.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("() => window.calls.some(c => c.name == 'LMSFinish')")
    calls = page.evaluate("window.calls")
    check_valid_for_scorm_1_2(calls)
    assert ("cmi.core.lesson_status", "incomplete") in sets(calls)


@pytest.mark.browser
def test_when_the_platform_will_not_start_the_course_it_says_so_and_the_course_still_works(
    lms: Lms, page: Page
) -> None:
    page.goto(lms.url + "?initialize=false")
    launch = page.frame_locator("#sco")
    notice = launch.get_by_role("status")
    expect(notice).to_contain_text("The learning platform did not start this course")
    course = page.frame(name="comeback-course")
    assert course is not None
    course.goto(lms.package_url + "lessons/2-set-new-goals.html")
    course.wait_for_selector("form.ws[data-ws-ready]")
    course.fill("#ws-goal-ladder-goal", "Lead a team")
    course.wait_for_selector("form#ws-goal-ladder:not([data-ws-unsaved])", state="attached")
    page.evaluate("document.getElementById('sco').remove()")
    # After a refused LMSInitialize the package calls nothing more (SCORM 1.2: not initialised).
    assert [c["name"] for c in page.evaluate("window.calls")] == ["LMSInitialize"]


@pytest.mark.browser
def test_when_the_platform_throws_on_a_read_the_course_still_shows(lms: Lms, page: Page) -> None:
    page.goto(lms.url + "?getvalue=throw")
    frame = course_frame(page)
    expect(frame.locator("h1").first).to_be_visible()
    calls = leave(page)
    # It cannot know the status the platform keeps, so it writes none: never "incomplete" over "passed".
    assert [v for e, v in sets(calls) if e == "cmi.core.lesson_status"] == []


@pytest.mark.browser
@pytest.mark.parametrize("status", ["passed", "completed"])
def test_a_status_the_platform_keeps_is_never_taken_back_to_incomplete(lms: Lms, page: Page, status: str) -> None:
    launch_with(page, lms, {"core": {"entry": "resume", "lesson_status": status}})
    frame = course_frame(page)
    expect(frame.locator("h1").first).to_be_visible()
    calls = leave(page)
    check_valid_for_scorm_1_2(calls)
    assert [v for e, v in sets(calls) if e == "cmi.core.lesson_status"] == []
    assert page.evaluate("window.lms.cmi.core.lesson_status") == status


@pytest.mark.browser
def test_in_review_mode_it_writes_no_exit_location_or_suspend_data(lms: Lms, page: Page) -> None:
    earlier = {
        "core": {
            "entry": "resume",
            "lesson_mode": "review",
            "lesson_status": "completed",
            "lesson_location": "lessons/2-set-new-goals.html",
        },
        "suspend_data": json.dumps({"v": 1, "lessons": "dddddd"}, separators=(",", ":")),
    }
    launch_with(page, lms, earlier)
    assert page.evaluate("window.lms.cmi.core.lesson_mode") == "review"
    frame = course_frame(page)
    assert frame.url == lms.package_url + "lessons/2-set-new-goals.html"  # it still opens where the learner was
    frame.goto(lms.package_url + "lessons/3-lean-on-your-network.html")
    frame.wait_for_selector("form.ws[data-ws-ready]")
    calls = leave(page)
    check_valid_for_scorm_1_2(calls)
    written = {element for element, _ in sets(calls)}
    assert not written & {"cmi.core.exit", "cmi.core.lesson_location", "cmi.suspend_data", "cmi.core.lesson_status"}
