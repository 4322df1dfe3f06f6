"""A real browser for the end-to-end tests: Debian's Chromium driven by Playwright, a watch on
what the page reports going wrong, and where the screenshots go.

Playwright's Python wheel carries its own driver, so nothing is downloaded at run time; the
browser is the machine's Chromium (``make browser`` installs Debian's package), never a build
Playwright would fetch. Playwright rather than Selenium: it reports console messages, page errors
and failed requests as events (Selenium needs ChromeDriver, a second Debian package, and reads the
console through a logging capability after the fact), and it waits for elements by itself.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response

from .stack import ROOT

# The paths of the screenshots a run wrote, for the summary at the end of the run (conftest.py).
SCREENSHOTS = pytest.StashKey[list[Path]]()


def chromium_path() -> str:
    """The Chromium to drive: ``MEDIAOPS_CHROMIUM``, else ``chromium`` on ``PATH``. A missing one
    fails the test (never a skip): whoever runs the browser test means it to run."""
    found = os.environ.get("MEDIAOPS_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "the browser test needs Debian's chromium: `make browser` installs it "
            "(or set MEDIAOPS_CHROMIUM to a Chromium binary)",
            pytrace=False,
        )
    return found


def output_dir() -> Path:
    """Where the browser tests write their screenshots: ``$MEDIAOPS_TEST_OUTPUT/browser``, by
    default ``var/test-output/browser`` in the repository (ignored by git)."""
    base = os.environ.get("MEDIAOPS_TEST_OUTPUT")
    path = (Path(base) if base else ROOT / "var" / "test-output") / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


# Recorded in the page before any of its own scripts runs (Playwright's init scripts are not
# subject to the page's Content-Security-Policy), so every violation is seen, whatever the
# console says about it.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


@dataclass
class PageProblems:
    """What a page reported going wrong: console errors (CSP violations among them), uncaught
    exceptions, requests that failed and answers of 400 or more."""

    page: Page
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @classmethod
    def watch(cls, page: Page) -> PageProblems:
        problems = cls(page)
        page.add_init_script(RECORD_CSP_VIOLATIONS)
        page.on("console", problems._on_console)
        page.on("pageerror", lambda exc: problems.errors.append(str(exc)))
        page.on("requestfailed", problems._on_request_failed)
        page.on("response", problems._on_response)
        return problems

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text}")

    def _on_request_failed(self, request: Request) -> None:
        self.failed.append(f"{request.method} {request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.refused.append(f"{response.request.method} {response.url}: {response.status}")

    def csp_violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__cspViolations || []")
        return found

    def all(self, *, allowed: tuple[str, ...] = ()) -> list[str]:
        """Every problem, less the lines naming one of the ``allowed`` URLs."""
        found = [
            *(f"CSP violation: {v}" for v in self.csp_violations()),
            *(f"console {line}" for line in self.console),
            *(f"page error: {line}" for line in self.errors),
            *(f"request failed: {line}" for line in self.failed),
            *(f"answered: {line}" for line in self.refused),
        ]
        return [line for line in found if not any(url in line for url in allowed)]

    def assert_none(self, *, allowed: tuple[str, ...] = ()) -> None:
        found = self.all(allowed=allowed)
        assert not found, "the page reported:\n" + "\n".join(found)
