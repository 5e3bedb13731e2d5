"""Health endpoints for load balancers and orchestrators: `/healthz` and `/readyz`.

`/healthz` only says the process answers (liveness: restart it when this fails).
`/readyz` says whether this instance should get traffic: the models are loaded, the
database answers, its schema is at the newest migration, and no clause check has failed
in the last few minutes (a failing check holds every comment for review, see the
pipeline, so the site is then "degraded"). 200 when ready, 503 otherwise; neither is
rate limited, and neither says more than versions and error types.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from suzgec.web import texts
from suzgec.web.state import get_state

router = APIRouter(tags=["health"])

# Check failures within this window make /readyz "degraded".
FAILURE_WINDOW_SECONDS = 300

_NOT_READY = {
    "description": "Hazır değil: `status` ve her denetimin `message` alanı nedenini söyler."
}


@cache
def newest_migration() -> str | None:
    """The head revision of the shipped migrations (they cannot change while running)."""
    from alembic.script import ScriptDirectory

    from suzgec.store.store import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: 200 `{"status": "ok"}` while the process answers requests."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: _NOT_READY})
def readyz(request: Request) -> JSONResponse:
    """Readiness: `status` is `ready` (200), `degraded` (503: clause checks failed in the
    last 5 minutes, comments are being held for review) or `unavailable` (503: the database
    does not answer or its schema is not at the newest migration). `checks` has one entry
    per part (`models`, `database`, `migrations`, `clause_checks`) with `ok` and, when not
    ok, a `message` saying what to do."""
    state = get_state(request)
    checks: dict[str, dict[str, Any]] = {
        # create_app builds the Moderator, so its models are loaded once the app answers.
        "models": {"ok": True, "versions": dict(state.moderator.model_versions)},
    }
    head = newest_migration()
    try:
        current = state.store.current_revision()
    except Exception as exc:  # any driver error: the type only, the message may hold the URL
        kind = type(exc).__name__
        checks["database"] = {"ok": False, "message": texts.READY_DATABASE.format(kind=kind)}
        checks["migrations"] = {"ok": False, "head": head, "message": texts.READY_UNKNOWN}
    else:
        checks["database"] = {"ok": True}
        checks["migrations"] = {"ok": current == head, "current": current, "head": head}
        if current != head:
            checks["migrations"]["message"] = texts.READY_MIGRATIONS.format(
                current=current or "boş", head=head
            )
    failures = state.moderator.recent_failures(FAILURE_WINDOW_SECONDS)
    checks["clause_checks"] = {"ok": failures == 0, "recent_failures": failures}
    if failures:
        minutes = FAILURE_WINDOW_SECONDS // 60
        checks["clause_checks"]["message"] = texts.READY_HELD.format(n=failures, minutes=minutes)
    if not (checks["database"]["ok"] and checks["migrations"]["ok"]):
        status = "unavailable"
    elif failures:
        status = "degraded"
    else:
        status = "ready"
    body = {"status": status, "checks": checks}
    return JSONResponse(body, status_code=200 if status == "ready" else 503)
