"""Accounts and roles: an admin manages accounts (audited, never the password); a
moderator gets a Turkish 403 on the pages and the API. On SQLite and PostgreSQL."""

from click.testing import CliRunner

from desk_helpers import HTML, bearer, csrf_of, page_login
from suzgec.store import Store
from suzgec.web.security import hash_password, verify_password


def admin(store: Store) -> None:
    store.add_moderator("yonetici", hash_password("gizli-parola"), role="admin")


def test_moderator_is_refused_in_turkish(store: Store, make_client, add_moderator) -> None:
    client = make_client(store=store)
    add_moderator(store)
    page_login(client)
    page = client.get("/moderator/hesaplar", headers=HTML)
    assert page.status_code == 403 and "yalnızca yöneticilere açık" in page.text
    assert 'href="/moderator/hesaplar"' not in client.get("/moderator", headers=HTML).text
    auth = bearer(client)
    r = client.get("/api/moderation/accounts", headers=auth)
    assert r.status_code == 403 and "yalnızca yöneticilere" in r.json()["error"]["message"]
    body = {"username": "kotu", "password": "uzun-parola", "role": "admin"}
    assert client.post("/api/moderation/accounts", json=body, headers=auth).status_code == 403
    assert store.get_moderator("kotu") is None


def test_admin_manages_accounts_on_the_page(store: Store, make_client) -> None:
    client = make_client(store=store)
    admin(store)
    page_login(client, "yonetici")
    page = client.get("/moderator/hesaplar", headers=HTML)
    assert page.status_code == 200 and 'href="/moderator/hesaplar"' in page.text
    csrf = csrf_of(page.text)
    short = client.post(
        "/moderator/hesaplar",
        data={"csrf": csrf, "username": "zeynep", "password": "kisa", "role": "moderator"},
        headers=HTML,
    )
    assert short.status_code == 422 and "en az 8 karakter" in short.text
    assert 'value="zeynep"' in short.text  # what was written stays
    added = client.post(
        "/moderator/hesaplar",
        data={"csrf": csrf, "username": "zeynep", "password": "ilk-parola-1", "role": "moderator"},
        headers=HTML,
    )
    assert "“zeynep” hesabı açıldı" in added.text
    account = store.get_moderator("zeynep")
    assert account and account.role == "moderator" and not account.is_admin
    # zeynep logs in; disabling her ends that login at once.
    other = make_client(store=store)
    zeynep_auth = bearer(other, "zeynep", "ilk-parola-1")
    assert other.get("/api/moderation/comments", headers=zeynep_auth).status_code == 200
    client.post("/moderator/hesaplar/zeynep", data={"csrf": csrf, "do": "disable"}, headers=HTML)
    assert other.get("/api/moderation/comments", headers=zeynep_auth).status_code == 401
    client.post("/moderator/hesaplar/zeynep", data={"csrf": csrf, "do": "enable"}, headers=HTML)
    client.post(
        "/moderator/hesaplar/zeynep",
        data={"csrf": csrf, "do": "password", "password": "yeni-parola-2"},
        headers=HTML,
    )
    assert verify_password(store.get_moderator("zeynep").password_hash, "yeni-parola-2")
    client.post(
        "/moderator/hesaplar/zeynep",
        data={"csrf": csrf, "do": "role", "role": "admin"},
        headers=HTML,
    )
    assert store.get_moderator("zeynep").is_admin
    trail = [
        (e.actor, e.action, e.note)
        for e in store.audit_page(
            __import__("suzgec.store.audit_search", fromlist=["x"]).AuditFilter(
                subject="moderator:zeynep"
            ),
            limit=20,
        ).items
    ][::-1]
    assert [a for _, a, _ in trail] == [
        "account_add",
        "account_disable",
        "account_enable",
        "account_password",
        "account_role",
    ]
    assert all(actor == "yonetici" for actor, _, _ in trail)
    assert not any("parola-" in (note or "") for _, _, note in trail)  # never the password


def test_admin_api_and_the_last_admin(store: Store, make_client) -> None:
    client = make_client(store=store)
    admin(store)
    auth = bearer(client, "yonetici")
    r = client.post(
        "/api/moderation/accounts",
        json={"username": "ali", "password": "uzun-parola", "role": "moderator"},
        headers=auth,
    )
    assert r.status_code == 201
    again = client.post(
        "/api/moderation/accounts",
        json={"username": "ali", "password": "uzun-parola"},
        headers=auth,
    )
    assert again.status_code == 409 and "zaten var" in again.json()["error"]["message"]
    names = [
        a["username"]
        for a in client.get("/api/moderation/accounts", headers=auth).json()["accounts"]
    ]
    assert names == ["ali", "yonetici"]
    last = client.post(
        "/api/moderation/accounts/yonetici",
        json={"action": "role", "role": "moderator"},
        headers=auth,
    )
    assert last.status_code == 409 and "son etkin yönetici" in last.json()["error"]["message"]
    off = client.post("/api/moderation/accounts/yonetici", json={"action": "disable"}, headers=auth)
    assert off.status_code == 409
    gone = client.post("/api/moderation/accounts/yok", json={"action": "enable"}, headers=auth)
    assert gone.status_code == 409 and "“yok” adlı moderatör yok" in gone.json()["error"]["message"]
    ok = client.post("/api/moderation/accounts/ali", json={"action": "disable"}, headers=auth)
    assert ok.status_code == 200 and store.get_moderator("ali").disabled


def test_cli_add_admin_and_role(tmp_path) -> None:
    from suzgec.cli import main

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    r = runner.invoke(
        main,
        ["moderator", "add", "ayse", "--admin", "--password-stdin", "--db", db],
        input="gizli-parola\n",
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(
        main, ["moderator", "add", "veli", "--password-stdin", "--db", db], input="gizli-parola\n"
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["moderator", "role", "veli", "admin", "--db", db])
    assert r.exit_code == 0 and "veli artık yönetici" in r.output
    store = Store(db)
    assert store.get_moderator("ayse").is_admin and store.get_moderator("veli").is_admin
    actions = [(e.actor, e.action) for e in store.audit(limit=10)]
    assert actions == [("cli", "account_add"), ("cli", "account_add"), ("cli", "account_role")]
    store.close()
