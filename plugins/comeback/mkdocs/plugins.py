"""The comeback plugins besides the engine (comeback/course). Each one, when it is on, registers its
options with the build (state.py) and changes what only MkDocs' config can: a stylesheet, a script,
the theme's logo, the navigation. The engine does the rest, in the order the data flows.

With `enabled: false` a plugin registers nothing, so the build has none of it: no branding, no zip
published or linked, no PDFs; a page that still uses one of its directives fails the build, naming
the line."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files

from comeback import browser
from comeback.browser.course_data import URI as COURSE_DATA
from comeback.core.brand.model import BrandError, load_brand
from comeback.core.i18n import messages

from .home import facilitator_nav
from .options import (
    BrandOptions,
    FacilitatorOptions,
    LearnerOptions,
    OfflineOptions,
    Options,
    PdfOptions,
    ReferencesOptions,
    ScormOptions,
    SupportOptions,
    WorksheetsOptions,
)
from .state import FEATURES, BuildState, state_of

STYLESHEET = f"{browser.ASSETS_URI}/{browser.STYLESHEET}"
PAGES_STYLESHEET = f"{browser.ASSETS_URI}/{browser.PAGES_STYLESHEET}"
THEME_DIR = Path(__file__).with_name("theme")
"""Material's partials that the engine changes: the header, with the link to independent help."""
BRAND_STYLESHEET = f"{browser.ASSETS_URI}/brand.css"
# Classic scripts, in this order: each reads what the ones before it set up (browser/__init__.py).
HEAD_SCRIPTS = (COURSE_DATA, *(f"{browser.ASSETS_URI}/{name}" for name in browser.HEAD_SCRIPTS))
SCRIPTS = tuple(f"{browser.ASSETS_URI}/{name}" for name in browser.SCRIPTS)
OFFLINE_SHIM = f"{browser.ASSETS_URI}/{browser.OFFLINE_SHIM[0]}"


class Feature(BasePlugin[Options]):
    """A comeback plugin other than the engine: on, it registers its options; off, nothing. Each
    names its own options' class (config_class)."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        state = state_of(config)
        state.register(self.config)
        self.configure(config, state)
        return config

    def configure(self, config: MkDocsConfig, state: BuildState) -> None:
        """What the plugin changes in MkDocs' config."""

    # Every on_config has run by now: the engine registered itself, or is not in the build.
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if self.config.enabled and "comeback/course" not in state_of(config).features:
            name = FEATURES[type(self.config)]
            raise PluginError(
                f"{name} works through comeback/course: add `- comeback/course` to plugins in mkdocs.yml"
                " (or switch it on)"
            )
        return None


class FacilitatorPlugin(Feature):
    config_class = FacilitatorOptions
    config: FacilitatorOptions

    def configure(self, config: MkDocsConfig, state: BuildState) -> None:
        if state.edition == "facilitator" and self.config.nav and config.nav is not None:
            t = messages(str(config.theme.get("language") or "en"))
            config.nav = facilitator_nav(
                config.nav,
                self.config.nav,
                title=self.config.title or t("pages.facilitator_note"),
                home=self.config.home,
                learner_home=t("pages.learner_home"),
            )


class WorksheetsPlugin(Feature):
    config_class = WorksheetsOptions
    config: WorksheetsOptions

    def configure(self, config: MkDocsConfig, state: BuildState) -> None:
        config.extra_css.insert(0, STYLESHEET)  # first, so that the site's own CSS wins
        config.extra_javascript.extend(ExtraScriptValue(script) for script in SCRIPTS)


class LearnerPlugin(Feature):
    config_class = LearnerOptions
    config: LearnerOptions


class SupportPlugin(Feature):
    config_class = SupportOptions
    config: SupportOptions

    def configure(self, config: MkDocsConfig, state: BuildState) -> None:
        """Material's header with the link to independent help (the engine names its page in
        on_env); after the site's own overrides (custom_dir), so that a header of its own wins."""
        theme = config.theme
        if theme.name == "material" and str(THEME_DIR) not in theme.dirs:
            theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))


class ReferencesPlugin(Feature):
    config_class = ReferencesOptions
    config: ReferencesOptions


class BrandPlugin(Feature):
    config_class = BrandOptions
    config: BrandOptions

    """The organisation of `extra.brand`: its logo in the header, its name in the footer and its
    colours; the engine puts it on the home page (`::brand`) and the PDFs."""

    def configure(self, config: MkDocsConfig, state: BuildState) -> None:
        try:
            brand = state.brand = load_brand(config.extra.get("brand"))
        except BrandError as error:
            raise PluginError(str(error)) from None
        if brand is None:
            return
        if brand.logo:
            config.theme["logo"] = brand.logo
        t = messages(str(config.theme.get("language") or "en"))
        provided = t("pages.brand_footer", organisation=escape(brand.organisation))
        config.copyright = f"{config.copyright} · {provided}" if config.copyright else provided
        if brand.accent:
            config.extra_css.append(BRAND_STYLESHEET)  # last, so that it wins over the site's own colours
            get_plugin_logger("comeback/brand").info(
                f"{brand.accent}, with links in the dark palette in {brand.dark_links}"
            )


class OfflinePlugin(Feature):
    config_class = OfflineOptions
    config: OfflineOptions

    """The copy that works from a folder: plain .html links (no directory URLs), no instant
    navigation (it fetches pages, which a browser refuses under file://), and the iframe-worker shim
    that lets Material's search worker start from a file, shipped instead of the CDN address
    Material's own offline plugin would add."""

    def configure(self, config: MkDocsConfig, state: BuildState) -> None:
        if not state.makes_packages:
            return
        config.use_directory_urls = False
        features = config.theme.get("features") or []
        config.theme["features"] = [feature for feature in features if not feature.startswith("navigation.instant")]
        polyfills = [script for script in config.extra.get("polyfills", []) if "iframe-worker" not in str(script)]
        config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]


class ScormPlugin(Feature):
    config_class = ScormOptions
    config: ScormOptions


class PdfPlugin(Feature):
    config_class = PdfOptions
    config: PdfOptions
