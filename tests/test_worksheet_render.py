"""The worksheet form as HTML: semantic, labelled, and safe whatever text the YAML holds."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser

import pytest
import yaml

from comeback.browser import ASSETS_DIR
from comeback.core.text import render_block, render_inline
from comeback.core.worksheets.model import Worksheet
from comeback.pages.forms import render_form
from sample_worksheets import every_field_type

EVERY_FIELD_TYPE = every_field_type(days=5, score_max=4)  # not the defaults (7 days, scores to 5)

VALID_ONE_FIELD = """
id: w
title: W
version: 1
minutes: 1
sections:
  - title: S
    fields:
      {field}
"""

VOID = {"input", "br", "hr", "img", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
CONTROLS = {"input", "select", "textarea"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.content: list[Element | str] = []

    def ancestors(self) -> list[Element]:
        node, found = self.parent, []
        while node:
            found.append(node)
            node = node.parent
        return found

    def all_text(self) -> str:
        return "".join(part if isinstance(part, str) else part.all_text() for part in self.content)


class Tree(HTMLParser):
    """A minimal DOM: enough to ask which element wraps which and what labels what."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.root = Element("#root", {}, None)
        self.elements: list[Element] = []
        self._open = self.root
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self._open)
        self._open.children.append(element)
        self._open.content.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self._open = element

    def handle_endtag(self, tag: str) -> None:
        node = self._open
        while node.parent and node.tag != tag:
            node = node.parent
        assert node.tag == tag, f"</{tag}> closes nothing"
        self._open = node.parent or self.root

    def handle_data(self, data: str) -> None:
        self._open.content.append(data)

    def find(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and all(e.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self, id_: str) -> Element:
        (element,) = [e for e in self.elements if e.attrs.get("id") == id_]
        return element


def worksheet(source: str = EVERY_FIELD_TYPE) -> Worksheet:
    return Worksheet.model_validate(yaml.safe_load(source))


@pytest.fixture(scope="module")
def tree() -> Tree:
    return Tree(render_form(worksheet(), site_key="my-course"))


def test_one_form_per_worksheet_named_by_its_h3_title(tree: Tree) -> None:
    (form,) = tree.find("form")
    assert form.attrs["id"] == "ws-every-field"
    assert form.attrs["data-worksheet"] == "every-field"
    assert form.attrs["data-version"] == "1"
    assert form.attrs["data-site"] == "my-course"
    title = tree.by_id(form.attrs["aria-labelledby"])
    assert title.tag == "h3" and title.all_text() == "Every field type"
    assert [h.tag for h in tree.elements if re.fullmatch(r"h\d", h.tag)] == ["h3", "h4", "h4"]


def test_the_header_says_how_long_it_takes_and_renders_the_intro(tree: Tree) -> None:
    (minutes,) = tree.find("p", **{"class": "ws-minutes"})
    assert minutes.all_text() == "About 15 minutes"
    assert any(e.tag == "strong" and e.all_text() == "Markdown" for e in tree.elements)
    one = worksheet(EVERY_FIELD_TYPE.replace("minutes: 15", "minutes: 1"))
    assert "About 1 minute<" in render_form(one, site_key="x")


def test_sections_are_fieldsets_with_a_legend(tree: Tree) -> None:
    sections = tree.find("fieldset", **{"class": "ws-section"})
    assert [s.children[0].tag for s in sections] == ["legend", "legend"]
    assert [s.children[0].all_text() for s in sections] == ["About you", "Your options"]


def test_every_id_is_unique_and_prefixed_by_worksheet_and_field(tree: Tree) -> None:
    ids = [e.attrs["id"] for e in tree.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    assert all(i == "ws-every-field" or i.startswith("ws-every-field-") for i in ids)
    for field_id in [
        "name",
        "story",
        "next-steps",
        "contacts",
        "mood",
        "kind",
        "supports",
        "start",
        "habits",
        "options",
    ]:
        assert any(i == f"ws-every-field-{field_id}" or i.startswith(f"ws-every-field-{field_id}--") for i in ids)


def test_every_reference_points_at_an_element(tree: Tree) -> None:
    ids = {e.attrs["id"] for e in tree.elements if "id" in e.attrs}
    for element in tree.elements:
        for attribute in ("aria-labelledby", "aria-describedby", "for"):
            for ref in element.attrs.get(attribute, "").split():
                assert ref in ids, f"{element.tag} {attribute}={ref!r} points nowhere"


def test_every_control_has_a_label(tree: Tree) -> None:
    label_for = {e.attrs.get("for") for e in tree.find("label")}
    controls = [e for e in tree.elements if e.tag in CONTROLS]
    assert len(controls) > 40
    for control in controls:
        labelled = (
            control.attrs.get("id") in label_for
            or any(a.tag == "label" for a in control.ancestors())
            or control.attrs.get("aria-label")
            or control.attrs.get("aria-labelledby")
        )
        assert labelled, f"unlabelled {control.tag} {control.attrs}"


def test_grouped_controls_sit_in_a_fieldset_named_by_the_field_label(tree: Tree) -> None:
    for field_id, label in [
        ("next-steps", "Three small next steps"),
        ("contacts", "People to contact"),
        ("mood", "How do you feel today?"),
        ("kind", "What kind of setback was it?"),
        ("supports", "Which supports do you have?"),
        ("habits", "Daily habits"),
        ("options", "Compare your options"),
    ]:
        group = tree.by_id(f"ws-every-field-{field_id}")
        assert group.tag == "fieldset" and group.attrs["data-field"] == field_id
        assert group.children[0].tag == "legend" and group.children[0].all_text() == label


def test_single_controls_have_the_right_input_types(tree: Tree) -> None:
    assert tree.by_id("ws-every-field-name").attrs["type"] == "text"
    assert tree.by_id("ws-every-field-story").tag == "textarea"
    assert tree.by_id("ws-every-field-story").attrs["rows"] == "6"
    assert tree.by_id("ws-every-field-start").attrs["type"] == "date"


def test_hints_are_tied_to_their_control(tree: Tree) -> None:
    name = tree.by_id("ws-every-field-name")
    assert tree.by_id(name.attrs["aria-describedby"]).all_text() == "As friends call you"


def test_scale_is_a_radio_row_with_its_end_labels(tree: Tree) -> None:
    radios = tree.find("input", name="ws-every-field-mood")
    assert [r.attrs["value"] for r in radios] == [str(n) for n in range(11)]
    assert {r.attrs["type"] for r in radios} == {"radio"}
    assert tree.by_id(radios[0].attrs["aria-describedby"]).all_text() == "Very low"
    assert tree.by_id(radios[-1].attrs["aria-describedby"]).all_text() == "Very good"


def test_choice_is_radios_and_checklist_is_checkboxes(tree: Tree) -> None:
    assert [e.attrs["type"] for e in tree.find("input", name="ws-every-field-kind")] == ["radio", "radio"]
    assert [e.attrs["type"] for e in tree.find("input", name="ws-every-field-supports")] == ["checkbox", "checkbox"]


def test_list_starts_with_its_rows_and_offers_another_line(tree: Tree) -> None:
    lines = [e for e in tree.elements if e.attrs.get("id", "").startswith("ws-every-field-next-steps--r")]
    assert [e.attrs["aria-label"] for e in lines] == ["Line 1", "Line 2", "Line 3"]
    item = lines[0].parent
    assert item and item.tag == "li" and item.parent and item.parent.tag == "ol"
    assert any(b.all_text() == "Add a line" for b in tree.find("button"))


def accessible_name(tree: Tree, control: Element) -> str:
    return " ".join(tree.by_id(ref).all_text() for ref in control.attrs["aria-labelledby"].split())


def test_table_cells_are_labelled_by_row_and_column(tree: Tree) -> None:
    headers = [
        th.all_text()
        for th in tree.find("th", scope="col")
        if th.attrs.get("id", "").startswith("ws-every-field-contacts")
    ]
    assert headers == ["Person", "What to ask"]
    assert accessible_name(tree, tree.by_id("ws-every-field-contacts--r2-ask")) == "Row 2 What to ask"


def test_tracker_is_items_by_days_of_checkboxes(tree: Tree) -> None:
    boxes = [
        e for e in tree.elements if e.attrs.get("id", "").startswith("ws-every-field-habits--") and e.tag == "input"
    ]
    assert len(boxes) == 2 * 5 and {b.attrs["type"] for b in boxes} == {"checkbox"}
    assert accessible_name(tree, tree.by_id("ws-every-field-habits--sleep-3")) == "In bed by 11 Day 3"


def test_tracker_ids_stay_unique_whatever_the_item_ids() -> None:
    # The cell of item "i" on day 1 and the row header of item "1" were both ...--i-1.
    items = "[{id: i, label: Walk}, {id: '1', label: Read}, {id: i-1, label: Call}, {id: 1-2, label: Sleep}]"
    tracker = f"- {{id: habits, type: tracker, label: Habits, days: 2, items: {items}}}"
    tree = Tree(render_form(worksheet(VALID_ONE_FIELD.format(field=tracker)), site_key="x"))
    ids = [e.attrs["id"] for e in tree.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids))
    assert accessible_name(tree, tree.by_id("ws-w-habits--1-1")) == "Read Day 1"
    assert accessible_name(tree, tree.by_id("ws-w-habits--i-1-2")) == "Call Day 2"


def test_matrix_shows_weights_scores_and_a_live_total(tree: Tree) -> None:
    assert tree.by_id("ws-every-field-options--c-pay").all_text() == "Pay (×3)"
    name = tree.by_id("ws-every-field-options--r1--name")
    assert accessible_name(tree, name) == "Option 1 Option"
    score = tree.by_id("ws-every-field-options--r2-energy")
    assert score.tag == "select" and score.attrs["data-weight"] == "5"
    assert accessible_name(tree, score) == "Option 2 Energy it gives me (×5)"
    assert [o.all_text() for o in score.children] == ["Not scored", "1", "2", "3", "4"]
    assert score.children[0].attrs["value"] == ""  # an empty choice, named so the checker and readers know it
    total = tree.by_id("ws-every-field-options--r1--total")
    assert total.tag == "output" and total.attrs["aria-live"] == "polite"


def test_toolbar_and_status(tree: Tree) -> None:
    actions = [
        b.attrs["data-ws-action"] for b in tree.find("button") if b.parent and b.parent.attrs.get("role") == "group"
    ]
    assert actions == ["print", "save-copy", "clear"]
    (file_input,) = tree.find("input", type="file")
    assert file_input.attrs["accept"] == ".json,application/json"
    assert tree.find("label", **{"for": file_input.attrs["id"]})[0].all_text() == "Load a copy"
    (status,) = tree.find("p", role="status")
    assert status.attrs["aria-live"] == "polite"
    warning, stale = tree.find("div", role="alert")
    assert "hidden" in warning.attrs and "not being saved" in warning.all_text()
    assert "hidden" in stale.attrs and "older version of this worksheet" in stale.all_text()
    assert [b.attrs["data-ws-action"] for b in stale.children if b.tag == "button"] == ["reload"]


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_html_in_any_yaml_text_shows_as_text() -> None:
    data = yaml.safe_load(EVERY_FIELD_TYPE)
    data["title"] = data["intro"] = HOSTILE
    for section in data["sections"]:
        section["title"] = section["intro"] = HOSTILE
        for field in section["fields"]:
            field["label"] = field["hint"] = HOSTILE
            for key in ("columns", "options", "items", "criteria"):
                for option in field.get(key, []):
                    option["label"] = HOSTILE
            if field["type"] == "scale":
                field["min_label"] = field["max_label"] = HOSTILE
    html = render_form(Worksheet.model_validate(data), site_key='"><script>alert(3)</script>')
    tree = Tree(html)
    assert not [e for e in tree.elements if e.tag in {"script", "img"}]
    assert not [a for e in tree.elements for a in e.attrs if a.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert tree.find("form")[0].attrs["data-site"] == '"><script>alert(3)</script>'


def test_markdown_links_cannot_run_script() -> None:
    html = render_inline("[click](javascript:alert(1)) and [ok](https://example.org)")
    assert "javascript:" not in str(html).replace("[click](javascript:alert(1))", "")
    assert 'href="https://example.org"' in html
    assert "<img" not in render_inline("![x](https://tracker.example/p.png)")


def test_markdown_inline_and_block() -> None:
    assert render_inline("a **b**") == "a <strong>b</strong>"
    assert render_block("one\n\ntwo") == "<p>one</p>\n<p>two</p>"
    assert render_inline(None) == ""


def test_the_browser_assets_stay_small() -> None:
    js = (ASSETS_DIR / "worksheets.js").read_bytes()
    css = (ASSETS_DIR / "worksheets.css").read_bytes()
    # 13 KiB since the phone layout (rows as cards, in container queries) and the tabs that follow
    # an erase came in; what is worth a kilobyte more should say so here.
    assert len(gzip.compress(js + css, 9)) <= 13 * 1024
