"""Moderator logins end on the server; login attempts have their own throttle;
accounts are managed from the CLI (issue 8, items 2–4)."""

import re

from click.testing import CliRunner

from suzgec.cli import main
from suzgec.web import texts

HTML = {"accept": "text/html"}


def csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no csrf field"
    return match.group(1)


def login(client, username: str = "ayse", password: str = "gizli-parola"):
    token = csrf(client.get("/moderator/giris").text)
    return client.post(
        "/moderator/giris",
        data={"csrf": token, "username": username, "password": password},
        headers=HTML,
        follow_redirects=False,
    )


def api_token(client, username: str = "ayse", password: str = "gizli-parola"):
    return client.post("/api/moderator/token", json={"username": username, "password": password})


def opens_queue(client, cookie: str) -> bool:
    client.cookies.clear()
    client.cookies.set("suzgec_session", cookie)
    r = client.get("/moderator", follow_redirects=False)
    client.cookies.clear()
    return r.status_code == 200


def test_logout_ends_a_copied_session_cookie(make_client, add_moderator) -> None:
    client = make_client()
    add_moderator(client.app.state.suzgec.store)
    assert login(client).status_code == 303
    copied = client.cookies["suzgec_session"]
    page = client.get("/moderator").text
    client.post("/moderator/cikis", data={"csrf": csrf(page)}, headers=HTML)
    assert not opens_queue(client, copied)


def test_a_session_is_seen_by_another_server_and_ends_there_too(
    tmp_path, make_client, add_moderator
) -> None:
    # Two apps on one database stand for two replicas behind a load balancer.
    a = make_client()
    b = make_client()
    add_moderator(a.app.state.suzgec.store)
    login(a)
    cookie = a.cookies["suzgec_session"]
    assert opens_queue(b, cookie)
    a.post("/moderator/cikis", data={"csrf": csrf(a.get("/moderator").text)}, headers=HTML)
    assert not opens_queue(b, cookie)


def test_password_change_and_disable_end_sessions_and_tokens(
    tmp_path, make_client, add_moderator
) -> None:
    client = make_client(login_attempts_per_minute=50)
    add_moderator(client.app.state.suzgec.store)
    url = client.app.state.suzgec.settings.database_url
    login(client)
    cookie = client.cookies["suzgec_session"]
    bearer = {"Authorization": f"Bearer {api_token(client).json()['token']}"}
    assert client.get("/api/moderator/queue", headers=bearer).status_code == 200

    runner = CliRunner()
    passwd = ["moderator", "passwd", "ayse", "--password-stdin", "--db", url]
    result = runner.invoke(main, passwd, input="yepyeni-parola\n")
    assert result.exit_code == 0, result.output
    assert "2" in result.output  # the cookie session and the API token
    assert not opens_queue(client, cookie)
    assert client.get("/api/moderator/queue", headers=bearer).status_code == 401
    assert login(client, password="gizli-parola").status_code == 401
    assert login(client, password="yepyeni-parola").status_code == 303

    cookie = client.cookies["suzgec_session"]
    result = runner.invoke(main, ["moderator", "disable", "ayse", "--db", url])
    assert result.exit_code == 0, result.output
    assert not opens_queue(client, cookie)
    refused = login(client, password="yepyeni-parola")
    assert refused.status_code == 403 and texts.ACCOUNT_DISABLED in refused.text
    assert api_token(client, password="yepyeni-parola").status_code == 403

    assert runner.invoke(main, ["moderator", "enable", "ayse", "--db", url]).exit_code == 0
    assert login(client, password="yepyeni-parola").status_code == 303
    missing = runner.invoke(main, ["moderator", "disable", "kimse", "--db", url])
    assert missing.exit_code == 1 and "kimse" in missing.output


def test_api_logout_ends_the_bearer_token(make_client, add_moderator) -> None:
    client = make_client()
    add_moderator(client.app.state.suzgec.store)
    bearer = {"Authorization": f"Bearer {api_token(client).json()['token']}"}
    assert client.post("/api/moderator/logout", headers=bearer).status_code == 204
    assert client.get("/api/moderator/queue", headers=bearer).status_code == 401


def test_a_lost_demo_password_can_be_reset(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    add = ["moderator", "add", "demo", "--password-stdin", "--db", url]
    assert runner.invoke(main, add, input="ilk-parola-1\n").exit_code == 0
    again = runner.invoke(main, add, input="ikinci-parola\n")
    assert again.exit_code == 1 and "suzgec moderator passwd demo" in again.output
    passwd = ["moderator", "passwd", "demo", "--password-stdin", "--db", url]
    assert runner.invoke(main, passwd, input="ikinci-parola\n").exit_code == 0
    short = runner.invoke(main, passwd, input="kisa\n")
    assert short.exit_code == 1 and "8" in short.output


def test_login_throttle_stays_on_when_comments_are_unlimited(make_client, add_moderator) -> None:
    # rate_limit_per_minute=0 (the fixture's default) turns the comment limit off only.
    client = make_client(login_attempts_per_minute=3)
    add_moderator(client.app.state.suzgec.store)
    for _ in range(3):
        assert login(client, password="yanlis").status_code == 401
    throttled = login(client, password="gizli-parola")  # even the right password waits
    assert throttled.status_code == 429
    assert "giriş denemesi" in throttled.text and "yorum" not in texts.LOGIN_THROTTLED
    assert int(throttled.headers["retry-after"]) >= 1
    api = api_token(client)
    assert api.status_code == 429 and int(api.headers["retry-after"]) >= 1
    assert api.json()["error"]["code"] == "login_throttled"


def test_login_throttle_is_per_account_and_per_client(make_client, add_moderator) -> None:
    from starlette.testclient import TestClient

    client = make_client(login_attempts_per_minute=2)
    store = client.app.state.suzgec.store
    add_moderator(store)
    add_moderator(store, "mehmet")

    def from_address(address: str) -> TestClient:
        return TestClient(client.app, client=(address, 50000))

    # One account guessed at from two addresses: the account's budget runs out.
    api_token(from_address("10.0.0.1"), password="yanlis")
    api_token(from_address("10.0.0.2"), password="yanlis")
    assert api_token(from_address("10.0.0.3")).status_code == 429
    assert api_token(from_address("10.0.0.3"), "mehmet").status_code == 200
    # One address trying several accounts: its own budget runs out.
    guesser = from_address("10.0.0.9")
    assert api_token(guesser, "kimse", "yanlis").status_code == 401
    assert api_token(guesser, "biri", "yanlis").status_code == 401
    assert api_token(guesser, "mehmet").status_code == 429


def test_the_limits_are_shared_by_two_servers_and_survive_a_restart(
    make_client, add_moderator
) -> None:
    # Two apps on one database stand for two replicas; a third for a restart.
    a = make_client(rate_limit_per_minute=2, rate_limit_burst=2)
    b = make_client(rate_limit_per_minute=2, rate_limit_burst=2)
    comments = "/api/articles/rize-cay-hasadi-ikinci-surgun/comments"
    body = {"text": "Haber için teşekkürler, çok faydalı oldu."}
    assert a.post(comments, json=body).status_code == 201
    assert b.post(comments, json=body).status_code == 201
    assert a.post(comments, json=body).status_code == 429
    assert b.post(comments, json=body).status_code == 429
    restarted = make_client(rate_limit_per_minute=2, rate_limit_burst=2)
    assert restarted.post(comments, json=body).status_code == 429
    # The per-process limiter is still there for a single server that wants it.
    alone = make_client(rate_limit_per_minute=2, rate_limit_burst=2, rate_limit_store="memory")
    assert alone.post(comments, json=body).status_code == 201
