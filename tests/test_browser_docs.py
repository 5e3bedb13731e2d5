"""/api/docs in real headless Chromium: Swagger UI renders the operations under the site's
own Content-Security-Policy, and nothing is fetched from outside the loopback server.

Slow: run with `pytest -m slow tests/test_browser_docs.py`.
"""

from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow

# CSP violations are events in the page, not console errors Playwright would surface.
RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_api_docs_render_from_our_own_server(live_app: Any, browser: Any) -> None:
    from playwright.sync_api import expect

    base = live_app.serve(live_app.create())
    context = browser.new_context()
    outside: list[str] = []

    def only_loopback(route: Any) -> None:
        # Every request the page makes passes here; anything off loopback is refused and
        # recorded (this machine has no internet, so a CDN would fail anyway, silently).
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.add_init_script(RECORD_CSP)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(f"{base}/api/docs")
    assert response is not None and response.ok

    operation = page.locator(".opblock-summary-path[data-path='/api/moderate']")
    expect(operation).to_be_visible(timeout=15_000)
    expect(page.locator(".opblock-summary-path[data-path='/api/moderator/queue']")).to_be_visible()
    operation.click()  # the operation opens: Swagger UI is running, not just drawn
    expect(page.locator(".opblock.is-open")).to_contain_text("Moderate a text without storing it")

    assert outside == []
    assert errors == []
    assert page.evaluate("window.__csp") == []
    # The docs page has the same policy as every other page: nothing was loosened for it.
    page_csp = context.request.get(f"{base}/").headers["content-security-policy"]
    assert response.headers["content-security-policy"] == page_csp
    assert "unsafe" not in page_csp
    context.close()
