"""/healthz and /readyz: ready, degraded by failing checks, unavailable without the database
or with a schema that is not at the newest migration; never rate limited."""

import sqlalchemy as sa

from suzgec.clauses.form import CapitalsCheck
from suzgec.pipeline import Moderator
from suzgec.store import Store
from suzgec.web.health import newest_migration


class BrokenCheck:
    version = "broken-1"

    def __call__(self, comment):
        raise RuntimeError("bozuk")


def test_newest_migration_is_what_migrate_reaches(sqlite_store) -> None:
    assert newest_migration() is not None
    assert sqlite_store.current_revision() == newest_migration()


def test_ready(make_client, review_moderator) -> None:
    client = make_client(moderator=review_moderator)
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ready"
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["migrations"]["current"] == newest_migration()
    assert body["checks"]["models"]["versions"] == review_moderator.model_versions


def test_failing_checks_make_it_degraded(make_client) -> None:
    client = make_client(moderator=Moderator(checks=[CapitalsCheck(), BrokenCheck()]))
    assert client.get("/readyz").status_code == 200
    held = client.post("/api/moderate", json={"text": "Güzel bir haber."})
    assert held.json()["decision"] == "review"
    r = client.get("/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "degraded"
    assert body["checks"]["clause_checks"]["recent_failures"] == 1
    assert "günlüğündeki" in body["checks"]["clause_checks"]["message"]
    assert body["checks"]["database"]["ok"] and body["checks"]["migrations"]["ok"]
    assert client.get("/healthz").status_code == 200  # alive all the same


def test_a_schema_behind_the_code_is_unavailable(make_client, tmp_path) -> None:
    # As when the database is restored from an older backup under a running app.
    store = Store(f"sqlite:///{tmp_path / 'old.db'}")
    store.migrate("0001")
    store.migrate = lambda revision="head": None  # type: ignore[method-assign]
    client = make_client(
        store=store, moderator=Moderator(checks=[CapitalsCheck()]), demo_article=False
    )
    r = client.get("/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "unavailable"
    migrations = body["checks"]["migrations"]
    assert (migrations["ok"], migrations["current"]) == (False, "0001")
    assert "suzgec db upgrade" in migrations["message"]
    store.close()


def test_an_unreachable_database_is_unavailable(make_client, tmp_path) -> None:
    client = make_client(moderator=Moderator(checks=[CapitalsCheck()]))
    store = client.app.state.suzgec.store
    store.engine = sa.create_engine(f"sqlite:///{tmp_path / 'yok' / 'yok.db'}")
    r = client.get("/readyz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert "OperationalError" in body["checks"]["database"]["message"]
    assert str(tmp_path) not in r.text  # the driver's message (with the path) stays out


def test_health_is_not_rate_limited(make_client) -> None:
    client = make_client(
        moderator=Moderator(checks=[CapitalsCheck()]), rate_limit_per_minute=1, rate_limit_burst=1
    )
    assert client.post("/api/moderate", json={"text": "Güzel."}).status_code == 200
    assert client.post("/api/moderate", json={"text": "Güzel."}).status_code == 429
    for _ in range(5):
        assert client.get("/readyz").status_code == 200
        assert client.get("/healthz").status_code == 200


def test_in_the_openapi_schema(make_client) -> None:
    paths = make_client(moderator=Moderator(checks=[CapitalsCheck()])).get("/api/openapi.json")
    assert {"/healthz", "/readyz"} <= set(paths.json()["paths"])
