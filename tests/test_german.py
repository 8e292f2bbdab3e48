"""The engine speaks the course's language: a small course built in German (theme.language: de),
in both editions, with PDFs, the copy for a folder and the SCORM package, has no English sentence of
the engine's in any file it writes.

Every English message of the catalogue is cut at its {placeholders} and HTML tags; each piece of
three words or more is looked for in the text of every file the builds write: the pages (their
text, tags taken out), the scripts and course-data.js, the search index, each PDF (pdftotext) and
the README inside the zip. The course's own words here are German, so any English sentence found
is the engine's."""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from comeback.core.i18n import messages
from conftest import BuiltSite, Published, build_site, publish_starter, shared, write_site

WORKSHEET = """\
id: rueckschlag
title: Rückschlag-Bilanz
version: 1
minutes: 15
support: true
intro: Ein **kurzer** Blick darauf, wo Sie stehen.
sections:
  - title: Wo Sie stehen
    intro: Ein *Abschnitt* mit Einleitung.
    fields:
      - {id: name, type: text, label: Ihr Vorname, hint: Wie Freunde Sie nennen}
      - {id: geschichte, type: long-text, label: "Was ist passiert?"}
      - {id: schritte, type: list, label: Drei kleine Schritte, rows: 3}
      - id: kontakte
        type: table
        label: Menschen zum Ansprechen
        plan: true
        columns: [{id: person, label: Person}, {id: wann, label: Wann, type: date}, {id: erledigt, label: Erledigt, type: check}]
      - {id: stimmung, type: scale, label: "Wie geht es Ihnen heute?", min: 0, max: 10, min_label: Sehr schlecht, max_label: Sehr gut, support_below: 3}
  - title: Ihre Möglichkeiten
    fields:
      - id: art
        type: choice
        label: Welche Art Rückschlag war es?
        options: [{id: absage, label: Eine Absage}, {id: projekt, label: Ein gescheitertes Projekt}]
      - id: hilfen
        type: checklist
        label: Welche Unterstützung haben Sie?
        options: [{id: freundin, label: Eine Freundin}, {id: mentor, label: Ein Mentor}]
      - {id: beginn, type: date, label: "Wann fangen Sie an?", plan: true, calendar: Mit dem Ziel anfangen}
      - id: gewohnheiten
        type: tracker
        label: Tägliche Gewohnheiten
        items: [{id: gehen, label: Ein Spaziergang}, {id: schlaf, label: Früh ins Bett}]
      - {id: eigene, type: tracker, label: Eigene Gewohnheiten, rows: 2, days: 5}
      - id: wahl
        type: matrix
        label: Ihre Möglichkeiten vergleichen
        own_weights: true
        criteria: [{id: geld, label: Verdienst, weight: 3}, {id: kraft, label: Energie, weight: 5}]
      - id: wahl2
        type: matrix
        label: Noch ein Vergleich
        criteria: [{id: zeit, label: Zeitaufwand, weight: 2}]
"""
LATER = """\
id: rueckblick
title: Rückblick
version: 1
minutes: 1
compare_with: rueckschlag
sections:
  - title: Heute
    fields:
      - {id: name, type: text, label: Ihr Vorname, plan: true}
      - {id: stimmung, type: scale, label: "Wie geht es Ihnen jetzt?", min: 0, max: 10, min_label: Sehr schlecht, max_label: Sehr gut}
"""
LESSON = """\
---
number: 1
title: Den Rückschlag einordnen
duration: 30 Minuten
objectives: [Fakten und Deutung trennen]
---

# Den Rückschlag einordnen

Ein Rückschlag tut weh. Diese Lektion hilft, Fakten und Deutung zu trennen.

::worksheet[rueckschlag]

Lesen Sie nach, was Sie geschrieben haben.

::worksheet[rueckblick]

/// facilitator | Hinweise
Behutsam vorgehen.
///
"""
PLAN = """\
id: woechentlich
title: Wöchentliche Treffen
summary: Ein Treffen pro Woche.
group: true
sessions:
  - id: woche-1
    title: Die erste Woche
    minutes: 90
    lessons: [1-einordnen]
    objectives: [Fakten und Deutung trennen]
    materials: [karten]
    worksheets: [rueckschlag]
    pre_work: Die erste Lektion lesen.
    agenda:
      - {minutes: 30, kind: welcome, title: Ankommen, how: Eine Runde zum Namen.}
      - {minutes: 50, kind: pairs, title: Zu zweit}
      - {minutes: 10, kind: close, title: Abschluss}
    group_activity: Die Karten sortieren.
    discussion: ["Was hat Sie überrascht?"]
    pairs: {exercise: Darüber sprechen., odd_number: Eine Dreiergruppe.}
    close: Ein Schritt für jede Person.
    homework: [Den Schritt gehen.]
  - id: woche-2
    title: Die zweite Woche
    minutes: 90
    lessons: [1-einordnen]
    objectives: [Weitermachen]
    pre_work: Nichts.
    agenda:
      - {minutes: 80, kind: review, title: Rückblick}
      - {minutes: 10, kind: close, title: Abschluss}
    group_activity: Austausch.
    pairs: {exercise: Erzählen., odd_number: Zu dritt.}
    discussion: ["Was war leicht?"]
    close: Ende.
    homework: [Weitermachen.]
"""
FILES = {
    "content/index.md": "# Willkommen\n\nSchön, dass Sie da sind.\n\n::progress\n",
    "content/lessons/1-einordnen.md": LESSON,
    "content/plan.md": "# Mein Plan\n\n::my-plan\n",
    "content/daten.md": "# Ihre Daten\n\n::your-data\n",
    "content/hilfe.md": "# Hilfe\n\n::support\n",
    "content/drucken.md": "# Zum Ausdrucken\n\n::pdfs[workbook]\n\n::pdfs[handouts]\n\n::pdfs[worksheets]\n",
    "content/kopie.md": "# Ohne Internet\n\n::download[offline]\n\n::download[scorm]\n",
    "content/facilitator/index.md": "# Leitfaden\n\n::formats\n\n::materials\n\n::pdfs[facilitator]\n",
    "content/facilitator/woechentlich.md": "# Wöchentliche Treffen\n\n::plan[woechentlich]\n",
    "content/facilitator/hinweise.md": "# Hinweise\n\n::facilitator-notes\n",
    "content/facilitator/materials/karten.md": "# Karten\n\n- Eine Karte.\n",
    "worksheets/rueckschlag.yml": WORKSHEET,
    "worksheets/rueckblick.yml": LATER,
    "sessions/woechentlich.yml": PLAN,
}
SUPPORT = {
    "page": "hilfe.md",
    "emergency": "die 112",
    "crisis_lines": [
        {
            "name": "TelefonSeelsorge",
            "where": "Deutschland",
            "how": "Anruf unter 0800 111 0 111, kostenlos, rund um die Uhr",
            "url": "https://www.telefonseelsorge.de",
        }
    ],
    "organisation": "Beispiel GmbH",
    "contacts": [
        {"name": "Sozialberatung", "detail": "0800 123 456, rund um die Uhr", "url": "https://hilfe.example.org/"}
    ],
}


def config(edition: str) -> dict[str, Any]:
    return {
        "site_name": "Neustart",
        "site_url": "https://example.org/neustart/",
        "site_author": "Das Team",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False, "language": "de"},
        "markdown_extensions": ["admonition", "attr_list", "tables"],
        "nav": [
            "index.md",
            {"Lektionen": ["lessons/1-einordnen.md"]},
            "plan.md",
            "daten.md",
            "hilfe.md",
            "drucken.md",
            "kopie.md",
        ],
        "extra": {"support": SUPPORT, "brand": {"organisation": "Beispiel GmbH"}},
        "plugins": [
            "search",
            "comeback/course",
            "comeback/brand",
            "comeback/support",
            {
                "comeback/facilitator": {
                    "edition": edition,
                    "nav": [
                        "facilitator/index.md",
                        "facilitator/woechentlich.md",
                        "facilitator/hinweise.md",
                        {"Materialien": ["facilitator/materials/karten.md"]},
                    ],
                }
            },
            "comeback/worksheets",
            "comeback/learner",
            "comeback/pdf",
            {"comeback/offline": {"make": edition == "learner", "zip": "zips/offline.zip"}},
            {"comeback/scorm": {"make": edition == "learner", "zip": "zips/scorm.zip"}},
        ],
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuiltSite]:
    root = tmp_path_factory.mktemp("german")
    built: dict[str, BuiltSite] = {}
    for edition in ("learner", "facilitator"):
        write_site(root, FILES, config(edition))
        built[edition] = build_site(root, site_dir=root / f"site-{edition}")
        assert built[edition].ok, f"{built[edition].error}\n" + "\n".join(built[edition].logs[-20:])
    return built


def english_sentences() -> set[str]:
    """Every piece of three words or more of an English message, between its placeholders and tags,
    that its German is not the same in (a file name, such as "in mkdocs.yml")."""
    found: set[str] = set()
    german = messages("de").texts
    for key, text in messages("en").texts.items():
        for piece in re.split(r"\{\w+\}|<[^>]+>", text):
            words = re.sub(r"\s+", " ", piece).strip(" ,.:;()“”\"'")
            if len(re.findall(r"[A-Za-z]+", words)) >= 3 and words not in german[key]:
                found.add(words)
    return found


def texts(built: BuiltSite) -> Iterator[tuple[str, str]]:
    """(file, its text) of every file a build wrote that holds words: pages, scripts, data, PDFs,
    and what the zips hold."""
    for path in sorted(built.site_dir.rglob("*")):
        name = path.relative_to(built.site_dir).as_posix()
        if path.suffix == ".pdf":
            yield name, pdf_text(path)
        elif path.suffix in {".html", ".js", ".json", ".txt", ".xml"} and not _left_out(name):
            text = path.read_text(encoding="utf-8")
            yield (
                name,
                readable(without_comments(text) if path.suffix == ".js" else text, html_page=path.suffix == ".html"),
            )
    for zipped in sorted((built.root / "zips").glob("*.zip")) + sorted(built.site_dir.rglob("*.zip")):
        with zipfile.ZipFile(zipped) as archive:
            for entry in archive.namelist():
                if entry.endswith((".txt", "scorm.html", "imsmanifest.xml")):
                    yield f"{zipped.name}:{entry}", readable(archive.read(entry).decode("utf-8"), html_page=True)


def _left_out(name: str) -> bool:
    """Material's own scripts and its search worker: the theme's code (its words for a German site
    come from its own translations). And the JSON Schema of a saved copy of answers: a published
    specification of the file format for developers, in English like the code, which no page shows."""
    return name.removeprefix("facilitator/").startswith("assets/javascripts/") or name.endswith(
        "comeback-answers.schema.json"
    )


def without_comments(script: str) -> str:
    """A script without its comments: what a developer reads there is not what a learner is shown."""
    script = re.sub(r"/\*.*?\*/", " ", script, flags=re.DOTALL)
    return re.sub(r"(?m)(^|[\s;,(){}])//.*$", r"\1", script)


def readable(text: str, *, html_page: bool) -> str:
    """Text as a person reads it, one space between words; a page without its tags."""
    if html_page:
        text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("\\n", " ").replace('\\"', '"')
    return re.sub(r"\s+", " ", text)


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", result.stdout)


def test_no_english_sentence_of_the_engine_in_any_file_of_a_german_course(builds: dict[str, BuiltSite]) -> None:
    sentences = english_sentences()
    assert len(sentences) > 150  # the catalogue's English, cut into pieces to look for
    found = sorted(
        f"{edition}/{name}: {sentence!r}"
        for edition, built in builds.items()
        for name, text in texts(built)
        for sentence in sentences
        if sentence in text
    )
    assert found == [], "\n".join(found)


@pytest.fixture(scope="module")
def german_starter(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """`comeback new --language de`, then `comeback build`: both editions and the downloads."""
    return shared(tmp_path_factory, "starter-de", publish_starter("de"), Published.loads)


def test_the_german_starter_course_as_published_has_no_english_sentence_of_the_engine(
    german_starter: Published,
) -> None:
    site = german_starter.site
    names = [name for name, _ in texts(site)]
    assert any(name.startswith("facilitator/") for name in names) and any(".zip:" in name for name in names)
    sentences = english_sentences()

    found = sorted(f"{name}: {sentence!r}" for name, text in texts(site) for sentence in sentences if sentence in text)

    assert found == [], "\n".join(found)
    assert "Wochenrückblick" in pdf_text(next((site.site_dir / "pdf").glob("*workbook.pdf")))


def test_the_german_words_are_there(builds: dict[str, BuiltSite]) -> None:
    learner, facilitator = builds["learner"], builds["facilitator"]
    lesson = learner.page("lessons/1-einordnen.html")
    for words in ("Etwa 15 Minuten", "Kopie sichern", "Zeile hinzufügen", "Damals und heute"):
        assert words in lesson
    assert "Möchten Sie jetzt mit jemandem sprechen?" in lesson  # the help in short
    assert "Alle Hilfsangebote und was im Notfall zu tun ist" in lesson
    assert 'class="comeback-help-now">Jetzt Hilfe holen</a>' in lesson  # in the header
    assert "Diese Stellen sind vertraulich" in learner.page("hilfe.html")  # the whole block
    assert "Ihr Fortschritt" in learner.page("")
    assert "Lektion 1: Den Rückschlag einordnen" in learner.page("drucken.html")
    assert "Meinen Plan drucken" in learner.page("plan.html")
    assert "Was diese Website in diesem Browser speichert" in learner.page("daten.html")
    course_data = (learner.site_dir / "assets/comeback/course-data.js").read_text(encoding="utf-8")
    assert '"language": "de"' in course_data
    assert '"progress.rule": "Eine Lektion gilt als erledigt' in course_data
    workbook = pdf_text(learner.site_dir / "pdf/neustart-workbook.pdf")
    for words in (
        "Arbeitsheft",
        "Inhalt",
        "Seite 2 von",
        "Arbeitsblatt · etwa 15 Minuten",
        "In dieser Lektion werden Sie",
    ):
        assert words.lower() in workbook.lower()
    plan = facilitator.page("facilitator/woechentlich/")
    assert "Ablauf" in plan and "1 Stunde 30 Minuten" not in plan and "90 Minuten" in plan
    assert "2 × 90 Minuten" in facilitator.page("facilitator/")
    assert "Für Moderierende" not in learner.page("lessons/1-einordnen.html")
    assert "Für Moderierende" in facilitator.page("")  # the guide's section in the navigation
    with zipfile.ZipFile(learner.root / "zips/offline.zip") as archive:
        readme = archive.read("neustart/README.txt").decode("utf-8")
    assert readme.startswith("Neustart, ohne Internet zu nutzen\n")
