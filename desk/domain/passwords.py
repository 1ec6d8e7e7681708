"""Password hashing: argon2id at OWASP's recommended parameters (argon2-cffi); plain
passwords are never stored. Hashes of earlier versions (scrypt) still verify and are
replaced at the next sign-in (``needs_rehash``)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

#: OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
TIME_COST, MEMORY_KIB, PARALLELISM = 2, 19 * 1024, 1


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)


def hash_password(password: str) -> str:
    """An argon2id hash string (PHC format, random salt) for storage."""
    return _hasher().hash(password)


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored hash (argon2id, or scrypt of earlier
    versions); a corrupt or unknown stored hash refuses, never crashes."""
    if stored.startswith("scrypt$"):
        return _verify_scrypt(password, stored)
    if not stored.startswith("$argon2"):
        return False
    try:
        return _hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether a (verified) stored hash is of another scheme or other parameters than
    today's, so the sign-in replaces it."""
    if not stored.startswith("$argon2id$"):
        return True
    try:
        return _hasher().check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


def _verify_scrypt(password: str, stored: str) -> bool:
    """The scrypt scheme of version 1: ``scrypt$N$r$p$salt$hash`` (base64)."""
    try:
        _, n, r, p, salt_b64, digest_b64 = stored.split("$")
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
        if not salt or len(expected) < 16:
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=256 * 1024 * 1024,
            dklen=len(expected),
        )
    except (ValueError, binascii.Error):
        return False
    return hmac.compare_digest(digest, expected)
