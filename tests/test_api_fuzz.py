"""Schemathesis drives every operation of /api/openapi.json in-process (ASGI), valid and
invalid inputs alike, as a signed-in moderator, on SQLite and PostgreSQL: no answer may be
a 5xx. Deterministic and bounded (SUZGEC_FUZZ_EXAMPLES per operation, default 25); raise it
locally to look harder. With the newsroom endpoints it runs about 140 operations x 2
databases, so it is in the slow step (`pytest -m slow tests/test_api_fuzz.py`), which CI
runs too."""

import os
from dataclasses import replace

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from suzgec.config import Settings
from suzgec.web import create_app

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("SUZGEC_FUZZ_EXAMPLES", "25"))

# The schema is read once, from an app on an in-memory database that serves nothing else;
# each test sends its cases to its own app (`case.call(app=...)`). A pytest fixture cannot
# build the schema: schemathesis.pytest.from_fixture fails under pytest 9.
_schema_app = create_app(
    replace(Settings(), database_url="sqlite://", secret_key="schema", demo_article=False)
)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", _schema_app)
schema.config.generation.update(
    max_examples=EXAMPLES,
    deterministic=True,
)


@pytest.fixture
def signed_in(store, make_client, add_moderator):
    """An app on the parametrised store, with the demo article, and a moderator's token."""
    client = make_client(store=store)
    add_moderator(store)
    r = client.post("/api/moderator/token", json={"username": "ayse", "password": "gizli-parola"})
    assert r.status_code == 200, r.text
    return client.app, {"Authorization": f"Bearer {r.json()['token']}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gets_a_server_error(case, signed_in) -> None:
    app, auth = signed_in
    response = case.call(app=app, headers=auth)
    case.validate_response(response, checks=[not_a_server_error])
