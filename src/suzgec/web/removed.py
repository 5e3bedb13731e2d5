"""What the widget shows of reports and takedowns beside the published threads.

A removed comment is hidden from everyone; the browser that posted it sees, in its
place, that it was removed and why, and where a removed comment has published replies,
the others see a placeholder, so the replies keep their context. The removed text is
never sent: the template shows only the line. The notice after a report is read here
from the address, as a fixed code (anyone can edit an address; nobody can put words in
the widget's mouth with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request

from suzgec import messages
from suzgec.model import Status
from suzgec.store import Page, Store, StoredComment
from suzgec.store.reports import MAX_REPORT_NOTE
from suzgec.web import texts

# ?sikayet=<code> after a report from the widget (see suzgec.web.reports_pages).
REPORT_NOTICES = {"alindi": texts.REPORT_RECEIVED, "zaten": texts.REPORT_ALREADY}


def place_removed(
    items: Sequence[StoredComment],
    removed: Sequence[StoredComment],
    viewer: str | None,
    after: int | None,
    last_root: int | None,
) -> list[StoredComment]:
    """The page's published comments plus the removed ones to show a line for.

    A removed comment is shown where something on the page hangs under it (a published
    reply, or another removed comment shown for its replies). The viewer's own removed
    comment is shown where it was: under its parent if that is on the page, or, for a
    top comment, on the page whose range of top comments holds it (`after` < id and,
    unless it is the last page, id <= `last_root`).
    """
    shown = {c.id for c in items}
    placed: dict[int, StoredComment] = {}
    changed = True
    while changed:  # a chain of removed comments is placed from the reply upwards
        changed = False
        hanging = {c.parent_id for c in items} | {c.parent_id for c in placed.values()}
        for r in removed:
            if r.id in placed:
                continue
            own = viewer is not None and r.commenter_id == viewer
            if r.parent_id is None:
                fits = r.id > (after or 0) and (last_root is None or r.id <= last_root)
            else:
                fits = r.parent_id in shown or r.parent_id in placed
            if r.id in hanging or (own and fits):
                placed[r.id] = r
                changed = True
    # The page's order is the reader's chosen sort: each placed comment goes in front of
    # the first comment of its thread (so its thread stays where it was), else last.
    listed = list(items)
    for r in sorted(placed.values(), key=lambda c: c.id):
        root = r.root_id or r.id
        at = next((i for i, c in enumerate(listed) if (c.root_id or c.id) == root), None)
        if at is None:
            listed.append(r)
        else:
            listed.insert(at, r)
    return listed


def widget_view(
    request: Request,
    store: Store,
    slug: str,
    page: Page,
    after: int | None,
    viewer: str | None,
) -> tuple[list[StoredComment], dict[str, Any]]:
    """The comments of a widget page (placeholders included) and what the template needs
    for reports and removed comments."""
    removed = store.removed_in_article(slug, viewer)
    items = place_removed(page.items, removed, viewer, after, page.next_cursor)
    own = [c.id for c in items if c.status is Status.REMOVED and c.commenter_id == viewer]
    shown = {c.id for c in items if c.status is Status.APPROVED}
    extras: dict[str, Any] = {
        "shown_ids": shown,  # published comments on this page: they get a report form
        "removed_reasons": store.takedown_reasons(own) if viewer else {},
        "report_reasons": messages.REPORT_REASON_NAMES,
        "max_report_note": MAX_REPORT_NOTE,
    }
    code = request.query_params.get("sikayet", "")
    target = request.query_params.get("yorum", "")
    if code in REPORT_NOTICES:
        at = int(target) if target.isdigit() and len(target) < 10 else None
        extras["report_notice"] = {
            "text": REPORT_NOTICES[code],
            "id": at if at in shown else None,  # beside the comment if still shown
        }
    return items, extras
