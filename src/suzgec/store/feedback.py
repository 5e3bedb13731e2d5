"""The site's human decisions, read from the audit log for `suzgec train --feedback`.

Only what a person decided counts: a moderator's approval or rejection, an overturn, a
take-down ("remove"). The automatic decision (every comment's first audit entry), holds,
re-moderation runs and versions taken down because another version was published are the
system's own verdicts, not evidence about the comment. An undo takes back the decision it
undid. Of several human decisions on one comment, the latest that still stands is the label.

The store only reports what was decided; how a decision becomes a training label is the
classifier's business (`suzgec.classifier.feedback`), which never imports the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from suzgec.store.base import StoreBase, as_utc
from suzgec.store.tables import audit_log, comments

# Audit actions of a person's verdict on a comment, and the status each leaves. "remove"
# is a moderator taking a published comment down (Status.REMOVED).
HUMAN_VERDICTS = {
    "approve": "approved",
    "overturn_approve": "approved",
    "reject": "rejected",
    "overturn_reject": "rejected",
    "remove": "removed",
}
# An undo takes back the human decision just before it (Store.undo allows nothing else).
UNDO = "undo"
_SYSTEM = "system"


class FeedbackStore(StoreBase):
    def human_decisions(self, since: datetime | None = None) -> list[dict[str, Any]]:
        """One dict per comment whose latest standing decision is a person's, oldest
        comment first: comment_id, text, verdict ("approved" | "rejected" | "removed"),
        action, actor, note (of that decision; None when none was given, or redacted),
        decided_at, findings (clause ids of the stored automatic decision) and
        model_versions (the models that made it). `since`: only decisions from then on."""
        trail = (
            sa.select(
                audit_log.c.comment_id,
                audit_log.c.actor,
                audit_log.c.action,
                audit_log.c.note,
                audit_log.c.created_at,
            )
            .where(audit_log.c.comment_id.is_not(None))
            .order_by(audit_log.c.comment_id, audit_log.c.id)
        )
        standing: dict[int, list[Any]] = {}
        first_seen: set[int] = set()
        with self._read() as conn:
            for entry in conn.execute(trail):
                cid = int(entry.comment_id)
                if cid not in first_seen:  # the automatic decision (or a hold)
                    first_seen.add(cid)
                    continue
                stack = standing.setdefault(cid, [])
                if entry.action == UNDO:
                    if stack:
                        stack.pop()
                elif entry.action in HUMAN_VERDICTS and entry.actor != _SYSTEM:
                    stack.append(entry)
            decided = {cid: stack for cid, stack in standing.items() if stack}
            if since is not None:
                decided = {
                    cid: stack
                    for cid, stack in decided.items()
                    if as_utc(stack[-1].created_at) >= as_utc(since)
                }
            rows: dict[int, Any] = {}
            ids = sorted(decided)
            for lo in range(0, len(ids), 500):  # bounded IN lists
                chunk = ids[lo : lo + 500]
                query = sa.select(comments.c.id, comments.c.text, comments.c.decision).where(
                    comments.c.id.in_(chunk)
                )
                rows.update({r.id: r for r in conn.execute(query)})
        out = []
        for cid in ids:
            if cid not in rows:
                continue
            last = decided[cid][-1]
            stored = rows[cid].decision or {}
            out.append(
                {
                    "comment_id": cid,
                    "text": rows[cid].text,
                    "verdict": HUMAN_VERDICTS[last.action],
                    "action": last.action,
                    "actor": last.actor,
                    "note": last.note,
                    "decided_at": as_utc(last.created_at),
                    "findings": [str(f.get("clause")) for f in stored.get("findings", [])],
                    "model_versions": dict(stored.get("model_versions", {})),
                }
            )
        return out
