"""Shared Playwright fixtures for the end-to-end tests (headless Debian Chromium).

Fixtures:
- ``browser`` (session): one Chromium for the whole run, launched from /usr/bin/chromium.
- ``page``: a fresh browser context and page per test (default timeout 10 s).
- ``login``: a helper ``login(page, live_server, username, password)`` that signs in through
  the real sign-in page and waits for the dashboard.
- ``screenshot``: a helper ``screenshot(page, "name")`` saving test-artifacts/screenshots/name.png.
- ``storage``: blobs, the search index and uploads under the test's own folder, with the
  built-in document categories put back (transactional tests empty every table).
- ``serialize_requests(page)``: hold the browser's requests while the test thread runs
  background work (see its docstring).

Never run ``playwright install``: the system Chromium is used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the test session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new context (own cookies) and page per test, 1280x900, 10 s default timeout."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def do_login(page: Any, live_server: Any, username: str, password: str) -> None:
    """Sign in through the real sign-in page; return once the dashboard has loaded."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def login() -> Callable[[Any, Any, str, str], None]:
    """The sign-in helper: ``login(page, live_server, "ada", PASSWORD)``."""
    return do_login


def save_screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """The screenshot helper: ``screenshot(page, "dashboard")``."""
    return save_screenshot


def restore_builtin_categories() -> None:
    """Transactional tests empty every table, the data migration's categories included."""
    import importlib

    from casedesk.web.documents.models import Category

    migration = importlib.import_module("casedesk.web.documents.migrations.0002_builtin_categories")
    for position, (slug, name) in enumerate(migration.BUILTIN, start=1):
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "builtin": True, "position": position}
        )


@pytest.fixture
def storage(settings: Any, tmp_path: Path) -> Path:
    """Blobs, the search index and uploads under this test's own folder."""
    settings.CASEDESK_BLOB_DIR = tmp_path / "blobs"
    settings.CASEDESK_INDEX_DIR = tmp_path / "index"
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    settings.CASEDESK_UPLOAD_TMP_DIR = uploads
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    restore_builtin_categories()
    return tmp_path


def serialize_requests(page: Any) -> None:
    """Let the browser's requests through only while the test talks to Playwright.

    The live server shares the test's in-memory SQLite connection; the background work this
    test runs in its own thread (text reading) must not write while a polling request reads.
    Routed requests wait in the browser until the test thread is back in a Playwright call.
    """
    page.route("**/*", lambda route: route.continue_())
