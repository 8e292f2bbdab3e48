"""An organisation's own copy: its name, logo and colour on the site (header, footer, home page),
on every PDF's cover and footer and on the support page, in colours that stay readable in both
palettes. Colours that would not are refused, with the nearest one that would be."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from playwright.sync_api import Page

import organisation
from accessibility import scan_pages
from comeback.core.brand.colour import AA, SLATE, SLATE_SURFACE, WHITE, contrast
from comeback.core.brand.model import BrandError, load_brand
from conftest import REPO, BuiltSite, MakeSite, Server, start_server
from organisation import BRAND
from outputs import pdf_text

# --- the colour --------------------------------------------------------------------------------------


def test_a_colour_too_light_for_white_text_is_refused_with_the_contrast_and_the_nearest_that_passes() -> None:
    with pytest.raises(BrandError) as caught:
        load_brand({"organisation": "Acme", "accent": "#4fc3f7"})

    assert str(caught.value) == (
        "mkdocs.yml: extra.brand.accent: the colour '#4fc3f7' has a contrast of 2.0:1 with white, below the 4.5:1"
        " WCAG 2.2 AA asks for (the header's white text is on it, and links in it are on the white page); the"
        " nearest colour that passes is '#087db2'"
    )
    assert contrast("#087db2", WHITE) >= AA > contrast("#0990cd", WHITE)  # nearest: a step lighter fails


def test_links_in_the_dark_palette_use_the_nearest_readable_tint_of_the_colour() -> None:
    brand = load_brand({"organisation": "Acme", "accent": "#0b5394"})

    assert brand is not None and brand.dark_links is not None
    assert contrast("#0b5394", SLATE) < AA
    assert contrast(brand.dark_links, SLATE_SURFACE) >= AA and contrast(brand.dark_links, SLATE) >= AA


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {"organisation": "Acme", "accent": "navy"},
            "mkdocs.yml: extra.brand.accent: write the colour as #rrggbb, e.g. '#0b5394', not 'navy'",
        ),
        (
            {"organisation": "Acme", "logo": "logo.gif"},
            "mkdocs.yml: extra.brand.logo: the logo must be an SVG or PNG file, not 'logo.gif'",
        ),
        ({"accent": "#0b5394"}, "mkdocs.yml: extra.brand.organisation: missing required key 'organisation'; add it"),
    ],
)
def test_other_mistakes_name_the_key_and_the_fix(raw: dict[str, str], message: str) -> None:
    with pytest.raises(BrandError) as caught:
        load_brand(raw)
    assert str(caught.value) == message


def test_a_logo_that_is_not_there_stops_the_build(make_site: MakeSite) -> None:
    built = make_site({}, config={"plugins": ["comeback/brand"], "extra": {"brand": BRAND}})

    assert not built.ok
    assert any(
        e.startswith("mkdocs.yml: extra.brand.logo: there is no content/assets/brand/logo.svg") for e in built.errors
    )


def test_a_brand_plugin_switched_off_brands_nothing_the_pdfs_included(make_site: MakeSite, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from comeback.mkdocs.course import check_project

    brand = {**BRAND, "logo": None}
    built = make_site({}, config={"plugins": [{"comeback/brand": {"enabled": 0}}], "extra": {"brand": brand}})

    assert built.ok, built.errors
    assert "Northwind" not in built.page("")
    assert not (built.site_dir / "assets/comeback/brand.css").exists()
    # The PDFs are branded from the course model, which has no brand now.
    assert check_project(load_config(str(tmp_path / "mkdocs.yml"))).brand is None


def test_our_copy_of_materials_logo_template_differs_from_it_only_by_the_alt_text() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/logo.html").read_text(encoding="utf-8")
    ours = (REPO / "overrides/partials/logo.html").read_text(encoding="utf-8")
    fixed = theirs.replace(
        'alt="logo"', """alt="{{ (config.extra.brand.organisation if config.extra.brand else 'logo') | e }}\""""
    )
    assert fixed != theirs, 'Material\'s logo template no longer has alt="logo": check whether the override is needed'
    assert ours.split("-#}", 1)[1] == fixed.split("-#}", 1)[1]


def test_the_organisations_name_is_escaped_in_the_logos_alt_text(make_site: MakeSite) -> None:
    hostile = 'Acme" onload="alert(document.domain)'
    files = {
        "content/assets/brand/logo.svg": organisation.LOGO,
        "overrides/partials/logo.html": (REPO / "overrides/partials/logo.html").read_text(encoding="utf-8"),
    }
    config = {
        "theme": {"name": "material", "font": False, "custom_dir": "overrides"},
        "plugins": ["comeback/brand"],
        "extra": {"brand": {**BRAND, "organisation": hostile}},
    }

    built = make_site(files, config=config)

    assert built.ok, built.errors
    logos = re.findall(r'<img src="[^"]*logo\.svg"[^>]*>', built.page(""))
    assert logos and all(tag.endswith('alt="Acme&#34; onload=&#34;alert(document.domain)">') for tag in logos), logos


# --- a branded copy of the course --------------------------------------------------------------------


@pytest.fixture(scope="module")
def branded(organisation_site: BuiltSite) -> Iterator[tuple[BuiltSite, Server]]:
    """The course as Northwind Trust builds it (conftest's organisation_site), served."""
    server = start_server(organisation_site.site_dir)
    yield organisation_site, server
    server.stop()


def test_the_site_shows_the_organisation_in_the_header_the_footer_and_on_the_home_page(
    branded: tuple[BuiltSite, Server],
) -> None:
    built, _ = branded
    home = built.page("")

    assert re.search(r'<img src="assets/brand/logo.svg" alt="Northwind Trust"', home)  # the header's logo
    assert "This copy is provided by Northwind Trust" in home.split('class="md-footer', 1)[1]
    assert 'class="comeback-brand"' in home and "provided by <strong>Northwind Trust</strong>" in home
    css = (built.site_dir / "assets/comeback/brand.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #0b5394;" in css and "--md-typeset-a-color: #0b5394;" in css
    assert home.index("stylesheets/comeback.css") < home.index("assets/comeback/brand.css")  # the brand wins


def test_the_support_page_gives_the_organisations_contacts_beside_independent_help(
    branded: tuple[BuiltSite, Server],
) -> None:
    built, _ = branded
    support = " ".join(re.sub(r"<[^>]+>", " ", built.page("support/")).split())

    assert "Northwind Trust also offers these confidential contacts: Northwind assistance line" in support
    assert support.index("Samaritans") < support.index("Northwind assistance line")


def test_every_pdf_has_the_organisation_on_its_cover_and_footer(branded: tuple[BuiltSite, Server]) -> None:
    built, _ = branded
    workbook = built.site_dir / "pdf/comeback-workbook.pdf"
    cover, second = pdf_text(workbook, 1), pdf_text(workbook, 2)

    assert "Provided by Northwind Trust" in cover
    assert "Comeback · Northwind Trust" in second
    for path in (built.site_dir / "pdf").rglob("*.pdf"):
        assert "Northwind Trust" in pdf_text(path, 1), path.name  # a cover, or a footer on page 1
    with pikepdf.open(workbook) as pdf:
        assert "/XObject" in pdf.pages[0].Resources  # the logo, drawn on the cover


@pytest.mark.browser
def test_a_branded_site_keeps_zero_axe_violations_in_either_palette_and_asks_nothing_of_another_host(
    branded: tuple[BuiltSite, Server], page: Page
) -> None:
    _, server = branded
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if "127.0.0.1" not in request.url else None)

    # Where the brand shows: the header's logo and colour, the home page's line, links in a lesson,
    # the organisation's contacts.
    assert scan_pages(page, server.base_url, ["", "lessons/6-new-paths/", "support/"]) == {}
    assert foreign == []
