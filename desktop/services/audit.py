"""The append-only, hash-chained audit log (Art. 15(3))."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..models import AuditEntry, utcnow
from ..models.enums import AuditOutcome
from .security import Actor

GENESIS = "0" * 64
_CHAIN_LOCK = 4505_0001  # PostgreSQL advisory lock key serialising chain appends


# Version 1 hashed what was done and its message, but not where, from which desk, nor by which
# account: an entry could be moved to another place (out of a county auditor's sight) unnoticed.
# Version 2 hashes every field, its version among them; entries written before keep version 1.
DIGEST_VERSION = 2


def _digest(entry: AuditEntry) -> str:
    fields = [entry.prev_hash, entry.at.isoformat(), entry.actor, entry.action, entry.target,
              entry.outcome.value, entry.message, entry.detail]
    if entry.digest_version >= 2:
        fields += [entry.digest_version, entry.user_id, entry.os_user, entry.desktop, entry.place_code]
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(session: Session, actor: Actor, action: str, *, outcome: AuditOutcome = AuditOutcome.OK,
           target: str | None = None, place_code: str | None = None, message: str = "",
           detail: dict | None = None) -> AuditEntry:
    """Add one entry to the chain in the session's transaction (the caller commits)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK})
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
    at = utcnow()
    detail = detail or {}
    entry = AuditEntry(
        at=at, user_id=actor.user_id, actor=actor.username, os_user=actor.os_user, desktop=actor.desktop,
        action=action, target=target, place_code=place_code, outcome=outcome, message=message,
        detail=detail, prev_hash=prev, digest_version=DIGEST_VERSION,
    )
    entry.hash = _digest(entry)
    session.add(entry)
    session.flush()
    return entry


# What verify_chain finds wrong with an entry (the audit window shows them translated).
UNLINKED = "与前一条记录的哈希不连续(记录被删除或插入)"
ALTERED = "内容与哈希不符(记录被篡改)"
CHAIN_PROBLEMS = (UNLINKED, ALTERED)


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    problem: str  # one of CHAIN_PROBLEMS


def verify_chain(session: Session) -> list[ChainProblem]:
    """Recompute every hash; any edited, removed or reordered entry shows up."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000):
        if entry.prev_hash != prev:
            problems.append(ChainProblem(entry.id, UNLINKED))
        expected = _digest(entry)
        if entry.hash != expected:
            problems.append(ChainProblem(entry.id, ALTERED))
        prev = entry.hash
    return problems
