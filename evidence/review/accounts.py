"""Local accounts of the review workspace: roles, argon2 password hashes, permissions.

Accounts exist for a workspace bound beyond this machine; every action is attributed to the
signed-in name. Creating or changing an account is a custody event like any other.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.models import ReviewUser

ROLES = ("investigator", "reviewer", "legal", "admin")
# What each role may do: everyone may look; deciding, exporting and managing accounts differ.
PERMISSIONS: dict[str, frozenset[str]] = {
    "investigator": frozenset({"view", "decide", "export"}),
    "reviewer": frozenset({"view", "decide"}),
    "legal": frozenset({"view", "export"}),
    "admin": frozenset({"view", "decide", "export", "admin"}),
}
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = _HASHER.hash("not a password of anyone")


class AccountError(ValueError):
    """An account that cannot be made as asked; the message says why."""


def may(role: str | None, action: str) -> bool:
    """Whether ``role`` may do ``action`` (view, decide, export, admin)."""
    return action in PERMISSIONS.get(role or "", frozenset())


def add_user(session: Session, name: str, role: str, password: str, *, actor: str) -> ReviewUser:
    """Create an account, or reset the role and password of an existing one."""
    name = name.strip()
    if not name or len(name) > 200:
        raise AccountError("a user name is 1 to 200 characters")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (use one of {', '.join(ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password is at least {MIN_PASSWORD} characters")
    user = session.scalar(select(ReviewUser).where(ReviewUser.name == name))
    if user is None:
        user = ReviewUser(name=name, role=role, password_hash="", created_by=actor)
        session.add(user)
    user.role, user.password_hash, user.disabled = role, _HASHER.hash(password), False
    session.flush()
    record_event(session, "account", actor, detail={"user": name, "role": role})
    return user


def authenticate(session: Session, name: str, password: str) -> ReviewUser | None:
    """The enabled account ``name`` when ``password`` is its password, else None."""
    user = session.scalar(select(ReviewUser).where(ReviewUser.name == name.strip()))
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or user.disabled:
        return None
    return user


def users(session: Session) -> list[ReviewUser]:
    """Every account, by name."""
    return list(session.scalars(select(ReviewUser).order_by(ReviewUser.name)))
