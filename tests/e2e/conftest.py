"""Browser tests: Playwright driving Debian's Chromium against a live server, with axe.

Without Chromium these tests skip with a message, except in CI (CI=true), where they fail.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


_playwright = None


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_collection_finish(session):
    """Start Playwright before any database is set up.

    Playwright's sync API keeps an asyncio loop running in the main thread, and Django
    keeps a separate database connection for code running under a loop. Starting the loop
    first means the test database is created, flushed, restored and used through one
    connection, instead of changing connection halfway through the session.
    """
    global _playwright
    if any("/e2e/" in str(item.fspath) for item in session.items):
        from playwright.sync_api import sync_playwright

        _playwright = sync_playwright().start()


def pytest_sessionfinish(session):
    if _playwright is not None:
        _playwright.stop()


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run browser tests."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs go to the live server. Console errors,
    including Content Security Policy violations, fail the test."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors = []

    def console(message):
        # A page that is meant to answer 404 (or 403) reports its own status as an error.
        expected_status = message.location.get("url") == tab.url and "status of 4" in message.text
        if message.type == "error" and not expected_status:
            errors.append(f"{message.text} ({message.location.get('url')})")

    tab.on("console", console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, "Browser console errors:\n" + "\n".join(errors)


def assert_accessible(tab) -> None:
    """Run axe on the current page and fail with a readable report of any violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    assert results.violations_count == 0, f"axe found problems on {tab.url}:\n{results.generate_report()}"


def assert_page_basics(tab) -> None:
    """One h1, a title in the portal's pattern, a skip link to main."""
    tab.wait_for_load_state()
    assert tab.locator("h1").count() == 1, f"{tab.url} should have exactly one h1"
    assert tab.title().endswith(" – Luton AI Club"), tab.title()
    assert tab.locator("a.govuk-skip-link[href='#main-content']").count() == 1
    assert tab.locator("main#main-content").count() == 1
