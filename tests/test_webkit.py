"""A learner's journey in WebKit, Safari's engine: Debian's WebKitGTK MiniBrowser, driven by its
WebKitWebDriver (package webkit2gtk-driver) over WebDriver. MiniBrowser has no headless mode: it
runs on a virtual display (xvfb-run). The same served course and offline copy as the Firefox
journeys: fill and reload, erase and Back, shared-computer mode in a second tab, and the offline
copy from a folder."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Published, start_server

DRIVER = "/usr/bin/WebKitWebDriver"
# Debian puts it under the architecture's folder, with the API version in its name.
MINIBROWSER = next(iter(sorted(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"))), Path("MiniBrowser"))
EVENT = "#ws-facts-vs-story-event"
WAIT = 15.0


class WebDriver:
    """The few WebDriver commands a journey needs, over HTTP."""

    def __init__(self, base: str) -> None:
        self.base = base
        capabilities = {"webkitgtk:browserOptions": {"binary": str(MINIBROWSER), "args": ["--automation"]}}
        session = self.call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = f"/session/{session['sessionId']}"
        self.version = f"{session['capabilities']['browserName']} {session['capabilities']['browserVersion']}"

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data, {"Content-Type": "application/json"}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.read().decode()}") from error

    def go(self, url: str) -> None:
        self.call("POST", f"{self.session}/url", {"url": url})

    def back(self) -> None:
        self.call("POST", f"{self.session}/back", {})

    def run(self, script: str, *args: Any) -> Any:
        return self.call("POST", f"{self.session}/execute/sync", {"script": script, "args": list(args)})

    def until(self, script: str, what: str, *args: Any) -> None:
        """Asks the page until `script` returns true (a condition, asked again while it is false)."""
        deadline = time.monotonic() + WAIT
        while not self.run(script, *args):
            assert time.monotonic() < deadline, f"WebKit: not {what}"
            time.sleep(0.05)

    def type(self, selector: str, text: str) -> None:
        found = self.call("POST", f"{self.session}/element", {"using": "css selector", "value": selector})
        element = next(iter(found.values()))
        self.call("POST", f"{self.session}/element/{element}/clear", {})
        self.call("POST", f"{self.session}/element/{element}/value", {"text": text})
        saved = "return !document.querySelector(arguments[0]).closest('form').hasAttribute('data-ws-unsaved')"
        self.until(saved, f"{selector} saved", selector)

    def value(self, selector: str) -> str:
        return str(self.run("return document.querySelector(arguments[0]).value", selector))

    def ready(self) -> None:
        self.until("return !!document.querySelector('form.ws[data-ws-ready]')", "the worksheets ready")

    def new_tab(self) -> str:
        """Opens a tab of the same browser and switches to it; the handle of the tab it left."""
        left = str(self.call("GET", f"{self.session}/window"))
        tab = self.call("POST", f"{self.session}/window/new", {"type": "tab"})["handle"]
        self.switch(tab)
        return left

    def switch(self, handle: str) -> None:
        self.call("POST", f"{self.session}/window", {"handle": handle})

    def quit(self) -> None:
        self.call("DELETE", self.session)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def webkit() -> Iterator[WebDriver]:
    for program in (DRIVER, str(MINIBROWSER), "/usr/bin/xvfb-run"):
        assert Path(program).is_file(), f"{program} is missing: scripts/test installs it"
    port = free_port()
    # On a display of its own (-a: a free one); in a process group of its own, ended as a whole.
    driver = subprocess.Popen(
        ["xvfb-run", "-a", DRIVER, f"--port={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and driver.poll() is None, "WebKitWebDriver did not start"
                time.sleep(0.05)
        browser = WebDriver(f"http://127.0.0.1:{port}")
        yield browser
        browser.quit()
    finally:
        os.killpg(driver.pid, signal.SIGTERM)
        driver.wait(timeout=30)


@pytest.mark.webkit
def test_a_learner_journey_in_webkit(published: Published, webkit: WebDriver, tmp_path: Path) -> None:
    server = start_server(published.site.site_dir)
    try:
        lesson = server.base_url + "lessons/1-reframe-the-setback/"
        # Fill and reload.
        webkit.go(lesson)
        webkit.ready()
        webkit.type(EVENT, "The panel chose someone else")
        webkit.go(lesson)
        webkit.ready()
        assert webkit.value(EVENT) == "The panel chose someone else"
        # Erase, then Back: nothing of the previous learner comes back.
        webkit.go(server.base_url + "privacy/")
        webkit.run("document.querySelector('button[data-comeback-action=erase-all]').click()")
        webkit.run("document.querySelector('dialog.comeback-dialog button.comeback-danger').click()")
        webkit.until("return Object.keys(localStorage).every((k) => !k.startsWith('comeback:'))", "erased")
        webkit.back()
        webkit.until("return document.querySelector(arguments[0])?.value === ''", "empty after Back", EVENT)
        # Shared-computer mode, switched on in one tab, holds in a tab opened after, with its answers.
        webkit.run("document.querySelector('form#ws-facts-vs-story input[data-comeback-action=shared]').click()")
        webkit.type(EVENT, "Kept for this session")
        first = webkit.new_tab()
        webkit.go(lesson)
        webkit.ready()
        webkit.until(
            "return document.querySelector('input[data-comeback-action=shared]').checked", "shared in the new tab"
        )
        webkit.until(
            "return document.querySelector(arguments[0]).value === arguments[1]",
            "the answer there",
            EVENT,
            "Kept for this session",
        )
        assert webkit.run("return Object.keys(localStorage).filter((k) => k.startsWith('comeback:'))") == []
        webkit.switch(first)
    finally:
        server.stop()
    # The offline copy, from a folder.
    with zipfile.ZipFile(published.downloads / "comeback-offline.zip") as archive:
        archive.extractall(tmp_path)
    offline = (tmp_path / "comeback/lessons/1-reframe-the-setback.html").as_uri()
    webkit.go(offline)
    webkit.ready()
    webkit.type(EVENT, "Typed in a training room")
    webkit.go(offline)
    webkit.ready()
    assert webkit.value(EVENT) == "Typed in a training room"
    print(f"\n{webkit.version}: fill and reload, erase and Back, shared-computer mode in two tabs, the offline copy")
