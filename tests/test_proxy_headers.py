"""Which address the rate limit sees: X-Forwarded-For counts only from trusted proxies.

The in-process tests pick the connecting address with the TestClient; the slow ones run
`suzgec serve` itself, because uvicorn's own proxy handling (which once believed any
loopback client) only exists in the real server.
"""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

import suzgec
from conftest import free_port
from suzgec.config import Settings
from suzgec.errors import ConfigError
from suzgec.web.demo import DEMO_SLUG

MODERATE = "/api/moderate"
TEXT = {"text": "Güzel bir haber olmuş."}
# One request per client, then 429: each new budget shows a new client address.
ONE_PER_CLIENT = {"rate_limit_per_minute": 1, "rate_limit_burst": 1}


def in_process(peer: str, review_moderator, tmp_path: Path, **overrides):
    from fastapi.testclient import TestClient

    from suzgec.web import create_app

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'proxy.db'}",
        secret_key="proxy-test",
        **ONE_PER_CLIENT,
    )
    app = create_app(replace(settings, **overrides), moderator=review_moderator)
    return TestClient(app, client=(peer, 50000))


def post(client, forwarded: str | None) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client.post(MODERATE, json=TEXT, headers=headers).status_code


# (settings, connecting address, X-Forwarded-For of each request, statuses expected)
CASES = {
    "trust off: a forged header from loopback buys nothing": (
        {},
        "127.0.0.1",
        ["203.0.113.1", "203.0.113.2"],
        [200, 429],
    ),
    "trust on, loopback proxy: each forwarded reader has a budget": (
        {"trust_proxy_headers": True},
        "127.0.0.1",
        ["203.0.113.1", "203.0.113.2", "203.0.113.2"],
        [200, 200, 429],
    ),
    "trust on, a peer not in trusted_proxies: its header is ignored": (
        {"trust_proxy_headers": True, "trusted_proxies": "10.0.0.0/8"},
        "192.0.2.50",
        ["203.0.113.1", "203.0.113.2"],
        [200, 429],
    ),
    "an address the client prepends is skipped (right to left)": (
        {"trust_proxy_headers": True, "trusted_proxies": "127.0.0.1, 10.0.0.0/8"},
        "127.0.0.1",
        ["198.51.100.7, 10.1.2.3", "203.0.113.9, 198.51.100.7, 10.1.2.3", "10.9.9.9"],
        # same reader behind two proxies; then a request from inside the proxy network,
        # all of whose hops are trusted, is that hop's own
        [200, 429, 200],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_forwarded_for_in_process(case: str, review_moderator, tmp_path: Path) -> None:
    overrides, peer, forwarded, expected = CASES[case]
    client = in_process(peer, review_moderator, tmp_path, **overrides)
    assert [post(client, f) for f in forwarded] == expected


def test_forwarded_proto_only_from_a_trusted_proxy(review_moderator, tmp_path: Path) -> None:
    """The share link is absolute: behind an HTTPS proxy it must say https."""
    proto = {"X-Forwarded-Proto": "https"}
    share = f"https://testserver/haber/{DEMO_SLUG}"
    page = f"/haber/{DEMO_SLUG}"
    trusted = in_process("127.0.0.1", review_moderator, tmp_path, trust_proxy_headers=True)
    assert f'href="{share}"' in trusted.get(page, headers=proto).text
    untrusted = in_process("127.0.0.1", review_moderator, tmp_path)
    assert f'href="{share}"' not in untrusted.get(page, headers=proto).text


@pytest.mark.parametrize(
    ("value", "named"),
    [("127.0.0.1, 10.0.0/8", "10.0.0/8"), ("proxy.internal", "proxy.internal"), (" , ", None)],
)
def test_bad_trusted_proxies_are_refused_in_turkish(value: str, named: str | None) -> None:
    from suzgec.web.proxies import trusted_proxies

    settings = replace(Settings(), trust_proxy_headers=True, trusted_proxies=value)
    with pytest.raises(ConfigError) as err:
        trusted_proxies(settings)
    assert "trusted_proxies" in str(err.value)
    assert (named or "boş") in str(err.value)


# --- the real server ------------------------------------------------------------------


@contextmanager
def suzgec_serve(cwd: Path, **settings: object) -> Iterator[str]:
    """`suzgec serve` in a subprocess, configured only by SUZGEC_* variables."""
    import httpx

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUZGEC_")}
    env.update({f"SUZGEC_{k.upper()}": str(v) for k, v in settings.items()})
    env["SUZGEC_PORT"] = str(port)
    # The package under test, wherever the working directory is.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(suzgec.__file__).parents[1]), env.get("PYTHONPATH", "")]
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", "from suzgec.cli import main; main()", "serve"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/articles", timeout=1)
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail("serve did not start:\n" + proc.communicate()[0])
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


SERVED = {
    "trust off": ({}, ["203.0.113.1", "203.0.113.2"], [200, 429]),
    "trust on, loopback trusted by default": (
        {"trust_proxy_headers": "true"},
        ["203.0.113.1", "203.0.113.2", "203.0.113.9, 203.0.113.2"],
        [200, 200, 429],
    ),
    "trust on, loopback not a trusted proxy": (
        {"trust_proxy_headers": "true", "trusted_proxies": "10.0.0.0/8"},
        ["203.0.113.1", "203.0.113.2"],
        [200, 429],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", SERVED)
def test_forwarded_for_through_suzgec_serve(case: str, tmp_path: Path) -> None:
    import httpx

    overrides, forwarded, expected = SERVED[case]
    settings = {"secret_key": "proxy-test", **ONE_PER_CLIENT, **overrides}
    with suzgec_serve(tmp_path, **settings) as base:
        statuses = [
            httpx.post(f"{base}{MODERATE}", json=TEXT, headers={"X-Forwarded-For": f}).status_code
            for f in forwarded
        ]
    assert statuses == expected
