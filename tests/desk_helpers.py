"""Shared by the desk tests: log in on the pages and through the API."""

import re

HTML = {"Accept": "text/html"}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field"
    return match.group(1)


def page_login(client, username: str = "ayse", password: str = "gizli-parola") -> str:
    token = csrf_of(client.get("/moderator/giris").text)
    r = client.post(
        "/moderator/giris",
        data={"csrf": token, "username": username, "password": password},
        headers=HTML,
        follow_redirects=False,
    )
    assert r.status_code == 303
    return csrf_of(client.get("/moderator", headers=HTML).text)


def bearer(client, username: str = "ayse", password: str = "gizli-parola") -> dict[str, str]:
    r = client.post("/api/moderator/token", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}
