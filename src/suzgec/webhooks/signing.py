"""The signature of a webhook POST: HMAC-SHA256 over "<timestamp>.<body>".

The timestamp is signed with the body so a captured request cannot be replayed later
than the receiver's tolerance; the header names the scheme (v1) so it can change.
"""

from __future__ import annotations

import hashlib
import hmac


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of `timestamp`, a dot and the body, keyed by `secret`."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    """The value of X-Suzgec-Signature: `t=<timestamp>,v1=<hex>`."""
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, now: int, tolerance: int = 300) -> bool:
    """What a receiver does: the header's v1 matches and its time is within `tolerance`
    seconds of `now` (the operator guide shows the same check)."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(fields.get("v1", ""), sign(secret, timestamp, body))
