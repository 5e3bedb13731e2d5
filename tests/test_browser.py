"""Real headless Chromium (Playwright) against `suzgec serve`'s app on loopback.

Slow: run with `pytest -m slow tests/test_browser.py`. Needs the `playwright` package and
a Chromium at $SUZGEC_TEST_CHROMIUM (default /usr/bin/chromium); skipped otherwise.
Screenshots go to pytest's tmp dir, never into the repository.
"""

import os
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import free_port
from suzgec import messages
from suzgec.web.demo import DEMO_SLUG

pytestmark = pytest.mark.slow

HOST_SITE = "http://gazete.example"
CLEAN = "Haber için teşekkürler, çok faydalı oldu."
SHOUTED = "BU HABER ÇOK KÖTÜ"


@pytest.fixture
def server(live_app: Any, review_moderator: Any, add_moderator: Any) -> str:
    app = live_app.create(moderator=review_moderator, allowed_origins=HOST_SITE)
    add_moderator(app.state.suzgec.store)
    return str(live_app.serve(app))


def test_reader_and_moderator(server: str, browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{server}/haber/{DEMO_SLUG}")
    expect(page.locator("h1")).to_contain_text("Rize")
    photo = page.locator("img.zoomable")
    photo.click()
    expect(photo).to_have_class("zoomable zoomed")
    photo.click()
    widget = page.frame_locator("iframe.suzgec-frame")
    expect(widget.locator(".rule")).to_contain_text(messages.SITE_RULE)

    # A clean comment appears at once.
    widget.locator("input[name=author]").fill("Zeynep")
    widget.locator("textarea[name=text]").fill(CLEAN)
    widget.get_by_role("button", name="Gönder").click()
    expect(widget.locator(".notice")).to_contain_text("Yorumunuz yayımlandı.")
    expect(widget.locator(".thread .comment-text").first).to_have_text(CLEAN)
    page.screenshot(path=str(tmp_path / "1-approved.png"), full_page=True)

    # Shouting is refused with the reason and the span; one click accepts the fix.
    widget.locator("textarea[name=text]").fill(SHOUTED)
    widget.get_by_role("button", name="Gönder").click()
    expect(widget.locator(".result")).to_contain_text(messages.CAPITALS)
    expect(widget.locator(".result mark")).to_have_text(SHOUTED)
    expect(widget.locator(".suggested")).to_have_text("Bu haber çok kötü")
    page.screenshot(path=str(tmp_path / "2-rejected.png"), full_page=True)
    widget.get_by_role("button", name="Öneriyi kabul et ve gönder").click()
    expect(widget.locator(".notice")).to_contain_text("Yorumunuz yayımlandı.")
    expect(widget.locator(".thread")).to_contain_text("Bu haber çok kötü")

    # A comment the checks send to review waits for a moderator.
    widget.locator("textarea[name=text]").fill("Bu incelensin lütfen.")
    widget.get_by_role("button", name="Gönder").click()
    expect(widget.locator(".notice")).to_contain_text("onayını bekliyor")
    expect(widget.locator(".thread")).not_to_contain_text("incelensin")

    mod = browser.new_page()
    mod.goto(f"{server}/moderator")
    mod.locator("input[name=username]").fill("ayse")
    mod.locator("input[name=password]").fill("gizli-parola")
    mod.get_by_role("button", name="Giriş").click()
    card = mod.locator("article.card").first
    expect(card.locator("mark")).to_have_text("incelensin")
    mod.screenshot(path=str(tmp_path / "3-queue.png"), full_page=True)
    card.locator("input[name=note]").fill("Uygun.")
    card.get_by_role("button", name="Onayla").click()
    expect(mod.locator(".notice")).to_contain_text("numaralı yorum onaylandı")
    expect(mod.locator(".empty")).to_have_text("Bekleyen yorum yok.")
    mod.goto(f"{server}/moderator/panel")
    expect(mod.locator("svg.chart")).to_have_count(2)
    mod.screenshot(path=str(tmp_path / "4-dashboard.png"), full_page=True)

    page.reload()
    expect(widget.locator(".thread")).to_contain_text("Bu incelensin lütfen.")
    assert len(list(tmp_path.glob("*.png"))) == 4


def test_widget_on_another_site(server: str, browser: Any) -> None:
    """The snippet a CMS pastes, on an allowed origin: the thread loads in the iframe.

    Both sites get public names (routed by Playwright) because Chromium keeps public
    pages from loading loopback addresses (Local Network Access).
    """
    from playwright.sync_api import expect

    suzgec_site = "http://yorum.example"
    snippet = f'<script src="{suzgec_site}/static/embed.js" data-article="{DEMO_SLUG}" async>'
    page = browser.new_page()
    page.route(
        f"{HOST_SITE}/**",
        lambda route: route.fulfill(
            content_type="text/html; charset=utf-8",
            body=f"<!doctype html><h1>Gazete</h1><p>Haber metni.</p>{snippet}</script>",
        ),
    )

    def proxy(route: Any) -> None:
        url = route.request.url.replace(suzgec_site, server, 1)
        route.fulfill(response=route.fetch(url=url))

    page.route(f"{suzgec_site}/**", proxy)
    page.goto(f"{HOST_SITE}/haber")
    frame = page.locator("iframe.suzgec-frame")
    expect(frame).to_have_attribute("src", f"{suzgec_site}/embed/{DEMO_SLUG}")
    widget = page.frame_locator("iframe.suzgec-frame")
    expect(widget.locator(".rule")).to_contain_text(messages.SITE_RULE)
    expect(frame).not_to_have_css("height", "420px")  # resized to its content by postMessage


def test_serve_on_a_fresh_directory(tmp_path: Path) -> None:
    """`suzgec serve` with no arguments: creates the data directory with the DB and the
    secret, seeds the demo, serves."""
    import stat
    import subprocess
    import sys

    import httpx

    import suzgec

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUZGEC_")}
    env["SUZGEC_PORT"] = str(port)  # the only change from a bare `suzgec serve`
    # The package under test, not whichever one the working directory would find.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(suzgec.__file__).parents[1]), env.get("PYTHONPATH", "")]
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", "from suzgec.cli import main; main()", "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/haber/{DEMO_SLUG}", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and "Rize" in r.text
        data = tmp_path / "suzgec-data"
        assert (data / "suzgec.db").exists() and (data / "suzgec.secret").exists()
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE((data / "suzgec.secret").stat().st_mode) == 0o600
        assert [p.name for p in tmp_path.iterdir()] == ["suzgec-data"]
    finally:
        proc.terminate()
        output = proc.communicate(timeout=15)[0]
    assert f"http://127.0.0.1:{port}/" in output
    assert "suzgec moderator add" in output
