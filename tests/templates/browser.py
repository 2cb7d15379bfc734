"""Headless Chromium driven by Playwright: what a page logs, and signing up and in by its forms."""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

from playwright.sync_api import Browser, Locator, Page, sync_playwright

SIGN_UP = re.compile(r"sign\s*up|register|create\s+(an\s+)?account", re.IGNORECASE)
LOG_IN = re.compile(r"log\s*in|sign\s*in", re.IGNORECASE)
#: The password every sign-up uses: long and mixed, so that any password policy accepts it.
PASSWORD = "Harness-Pass-9731-xq"


def chromium() -> str | None:
    """Return the system Chromium (Debian's ``chromium``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def launched(executable: str) -> Iterator[Browser]:
    """Run headless Chromium from ``executable`` (Playwright's own download is not used)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """One browser session (its own cookies) that records every problem its pages report."""

    page: Page
    base: str
    problems: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        """Load ``path`` and wait until the network is quiet (scripts have run)."""
        self.page.goto(self.base + path, wait_until="networkidle")

    def icon_status(self) -> int:
        """Return the status of the page's icon: its ``<link rel=icon>``, else /favicon.ico."""
        links = self.page.locator("link[rel~='icon']")
        href = (links.first.get_attribute("href") if links.count() else None) or "/favicon.ico"
        return self.page.request.get(urljoin(self.page.url, href)).status

    def follow(self, text: re.Pattern[str]) -> None:
        """Click the first link whose text matches ``text``; fail if the page has none."""
        link = self.page.get_by_role("link", name=text)
        assert link.count(), f"no link matching {text.pattern!r} on {self.page.url}"
        with self.page.expect_navigation(wait_until="networkidle"):
            link.first.click()

    def submit(self, username: str, email: str) -> None:
        """Fill the page's password form as a person would, and submit it."""
        form = self.page.locator("form:has(input[type='password'])")
        assert form.count(), f"no form with a password field on {self.page.url}"
        form = form.first
        for field_ in _fields(form):
            kind = (field_.get_attribute("type") or "text").lower()
            name = (field_.get_attribute("name") or "").lower()
            if kind == "password":
                field_.fill(PASSWORD)
            elif kind == "email" or "email" in name or "mail" in name:
                field_.fill(email)
            elif kind in {"text", "search", ""}:
                field_.fill(username)
        button = form.locator("button[type='submit'], input[type='submit'], button:not([type])")
        with self.page.expect_navigation(wait_until="networkidle"):
            button.first.click() if button.count() else form.locator("input").last.press("Enter")


def sign_up_and_log_in(browser: Browser, base: str) -> list[str]:
    """Sign up through the home page's link, then log in afresh; return every problem seen."""
    username = f"harness{secrets.token_hex(3)}"
    email = f"{username}@example.com"
    problems: list[str] = []
    with visiting(browser, base) as visit:
        visit.open("/")
        visit.follow(SIGN_UP)
        visit.submit(username, email)
        problems += visit.problems
    with visiting(browser, base) as visit:
        visit.open("/")
        visit.follow(LOG_IN)
        visit.submit(username, email)
        visit.open("/")
        if username not in visit.page.content():
            problems.append(f"after logging in, the home page does not name {username}")
        problems += visit.problems
    return problems


@contextmanager
def visiting(browser: Browser, base: str) -> Iterator[Visit]:
    """Open a fresh browser context whose console errors and failed loads become problems."""
    context = browser.new_context()
    page = context.new_page()
    visit = Visit(page, base)
    page.on("console", lambda message: _console(visit, message.type, message.text))
    page.on("pageerror", lambda error: visit.problems.append(f"page error: {error}"))
    page.on("response", lambda r: r.status >= 400 and visit.problems.append(f"{r.status} {r.url}"))
    try:
        yield visit
    finally:
        context.close()


def _console(visit: Visit, kind: str, text: str) -> None:
    """Record console errors (CSP violations among them) with the page they came from."""
    if kind == "error":
        visit.problems.append(f"console error on {visit.page.url}: {text}")


def _fields(form: Locator) -> list[Locator]:
    """Return the visible inputs of ``form`` a person would type into."""
    inputs = form.locator("input:visible")
    return [inputs.nth(i) for i in range(inputs.count())]
