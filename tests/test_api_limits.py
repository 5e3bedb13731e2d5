"""Page sizes of the list endpoints: out-of-range `limit` is a 422, never every row or a 500."""

import pytest

from suzgec.web.api import MAX_PAGE
from suzgec.web.demo import DEMO_SLUG

LISTS = [
    f"/api/articles/{DEMO_SLUG}/comments",
    "/api/moderator/queue",
    "/api/moderator/rejected",
]


@pytest.mark.parametrize("limit", ["-1", "0", str(MAX_PAGE + 1)])
def test_out_of_range_limit_is_refused(store, make_client, add_moderator, limit) -> None:
    """limit=-1 used to list every row on SQLite (LIMIT -1) and fail on PostgreSQL."""
    client = make_client(store=store)
    for _ in range(3):
        client.post(f"/api/articles/{DEMO_SLUG}/comments", json={"text": "Güzel haber."})
    add_moderator(store)
    login = {"username": "ayse", "password": "gizli-parola"}
    auth = {
        "Authorization": "Bearer " + client.post("/api/moderator/token", json=login).json()["token"]
    }
    for path in LISTS:
        r = client.get(path, params={"limit": limit}, headers=auth)
        assert r.status_code == 422, (path, r.text)
        error = r.json()["error"]
        assert error["code"] == "invalid_request" and "limit" in error["message"]
    ok = client.get(LISTS[0], params={"limit": "1"})
    assert ok.status_code == 200 and len(ok.json()["comments"]) == 1
