"""The API docs in a real browser: headless Chromium (Debian's package) opens the real gateway's
``/docs``, finds every tag of the merged document listed, signs in with a real token through
"Authorize", runs "Try it out" on a real route and sees its 200 and its body; ``/redoc`` renders
the same document. Neither page may report a CSP violation, a script error or an asset that did
not load (the pages work offline, from the gateway's own assets). The screenshots land in
``var/test-output/browser/`` (``browser.output_dir``)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .browser import SCREENSHOTS, PageProblems, chromium_path, output_dir
from .conftest import make_token
from .helpers import ok
from .stack import Stack, free_port

pytestmark = pytest.mark.browser

# Swagger UI lays out 100-odd operations: the first load of a page takes a few seconds.
LOAD_TIMEOUT_MS = 60_000
expect.set_options(timeout=LOAD_TIMEOUT_MS)
# ReDoc 2.5.3 always shows "API docs by Redocly" with this logo from its CDN: the docs policy
# blocks it (nothing leaves the machine) and the image hides itself when it fails to load. The
# one thing the ReDoc page may report; anything else fails the test.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


# take(page, name, **options): a named PNG of the page (Page.screenshot's options).
Screenshot = Callable[..., None]


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Screenshot:
    """Writes a named PNG under the run's output directory and records it for the summary."""

    def take(page: Page, name: str, **options: Any) -> None:
        path = output_dir() / f"{name}.png"
        page.screenshot(path=str(path), **options)
        request.config.stash.setdefault(SCREENSHOTS, []).append(path)

    return take


def merged_spec(stack: Stack) -> dict[str, Any]:
    spec: dict[str, Any] = ok(httpx.get(stack.gateway + "/openapi.json", timeout=30.0))
    return spec


def tag_names(spec: dict[str, Any]) -> list[str]:
    names = [tag["name"] for tag in spec["tags"]]
    used = {
        tag
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", [])
    }
    assert used == set(names), "every tag an operation uses is declared, and no other"
    return names


def test_swagger_ui_lists_every_tag_and_try_it_out_answers_200(
    stack: Stack, workspace: str, page: Page, screenshot: Screenshot
) -> None:
    spec = merged_spec(stack)
    tags = tag_names(spec)
    list_channels = spec["paths"]["/v1/channels"]["get"]
    token = make_token(workspace)
    name = f"Brand channel {uuid.uuid4().hex[:6]}"
    created = ok(
        httpx.post(
            stack.gateway + "/v1/channels",
            json={"platform": "weibo", "name": name, "handle": "brand_docs"},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
            timeout=10.0,
        ),
        201,
    )
    problems = PageProblems.watch(page)

    page.goto(stack.gateway + "/docs")
    expect(page.locator(".information-container .title")).to_contain_text("MediaOps API")
    listed = page.locator("h3.opblock-tag")
    expect(listed).to_have_count(len(tags))
    assert [listed.nth(i).get_attribute("data-tag") for i in range(len(tags))] == tags
    screenshot(page, "docs-page")

    # Authorize: the bearer token goes into its scheme's box of the dialog (the API key's box
    # is beside it); the padlock closes.
    page.locator(".auth-wrapper button.authorize").click()
    dialog = page.locator(".modal-ux")
    bearer = dialog.locator(".auth-container").filter(has_text="bearerAuth")
    bearer.locator("#auth-bearer-value").fill(token)
    bearer.locator("button.authorize").click()
    bearer.locator("button.btn-done").click()
    expect(page.locator(".auth-wrapper button.authorize")).to_have_class(re.compile(r"\blocked\b"))

    # GET /v1/channels: expand, Try it out, Execute.
    operation = page.locator(
        f'[id="operations-{list_channels["tags"][0]}-{list_channels["operationId"]}"]'
    )
    operation.locator(".opblock-summary-control").click()
    operation.locator("button.try-out__btn").click()
    with page.expect_response(lambda r: r.url.split("?")[0].endswith("/v1/channels")) as sent:
        operation.locator("button.execute").click()
    answer = sent.value
    # The picture first, so a failing run keeps what the page showed: from the operation's
    # summary to the answer it got (the documented responses below it would make it ten screens
    # long); boxes are in the viewport, the clip in the page.
    shown = operation.locator(".live-responses-table tr.response")
    expect(shown.locator(".response-col_description pre").first).to_be_visible()
    top = operation.bounding_box()
    end = operation.locator(".live-responses-table").first.bounding_box()
    assert top is not None
    assert end is not None
    scrolled: float = page.evaluate("window.scrollY")
    clip = {"x": top["x"], "y": top["y"] + scrolled, "width": top["width"]}
    clip["height"] = end["y"] + end["height"] - top["y"]
    screenshot(page, "docs-try-it-out", full_page=True, clip=clip)

    expect(shown.locator(".response-col_status").first).to_have_text("200")
    body = shown.locator(".response-col_description pre").first
    expect(body).to_contain_text(name)
    assert answer.status == 200
    assert answer.request.headers["authorization"] == f"Bearer {token}"
    items = answer.json()["items"]
    assert [item["id"] for item in items] == [created["id"]]
    assert json.loads(body.inner_text())["items"][0]["name"] == name
    problems.assert_none()


def test_redoc_renders_every_tag(stack: Stack, page: Page, screenshot: Screenshot) -> None:
    tags = tag_names(merged_spec(stack))
    problems = PageProblems.watch(page)

    page.goto(stack.gateway + "/redoc")
    expect(page.locator(".api-info h1")).to_contain_text("MediaOps API")
    menu = page.locator(".menu-content")
    for tag in tags:
        expect(menu.get_by_text(tag, exact=True).first).to_be_attached()
    screenshot(page, "redoc-page")
    problems.assert_none(allowed=(REDOCLY_LOGO,))


def test_the_watch_reports_what_the_docs_policy_blocks(stack: Stack, page: Page) -> None:
    """The check above would catch an asset from elsewhere: an image from another origin (a
    closed port on this machine, so nothing leaves it) is blocked by the docs policy and
    reported."""
    problems = PageProblems.watch(page)
    page.goto(stack.gateway + "/docs")
    expect(page.locator(".information-container .title")).to_contain_text("MediaOps API")
    assert problems.all() == []

    elsewhere = f"http://127.0.0.1:{free_port()}/logo.png"
    page.evaluate(
        "url => { const img = document.createElement('img'); img.src = url;"
        " document.body.append(img); }",
        elsewhere,
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    found = problems.all()
    assert f"CSP violation: img-src blocked {elsewhere}" in found, found
