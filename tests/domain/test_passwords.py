"""Password hashes: argon2id with a salt, never plain; version 1's scrypt hashes still
verify and are marked for a rehash."""

from __future__ import annotations

import base64
import hashlib

import pytest

from desk.domain.passwords import hash_password, needs_rehash, verify_password


def test_hash_verifies_its_own_password() -> None:
    stored = hash_password("Bürgerbüro-2024")
    assert verify_password("Bürgerbüro-2024", stored)


def test_wrong_password_does_not_verify() -> None:
    stored = hash_password("demo")
    assert not verify_password("Demo", stored)
    assert not verify_password("demo ", stored)
    assert not verify_password("", stored)


def test_hash_is_argon2id_at_owasp_parameters_and_never_the_plain_text() -> None:
    stored = hash_password("demo")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "demo" not in stored
    assert not needs_rehash(stored)


def test_two_hashes_of_one_password_differ_by_salt() -> None:
    first, second = hash_password("demo"), hash_password("demo")
    assert first != second
    assert verify_password("demo", first)
    assert verify_password("demo", second)


def _scrypt_of_version_1(password: str) -> str:
    """A hash as version 1 stored it (scrypt, N=2^14)."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    b64 = base64.b64encode
    return f"scrypt$16384$8$1${b64(salt).decode()}${b64(digest).decode()}"


def test_scrypt_hash_of_version_1_still_verifies_and_asks_for_a_rehash() -> None:
    stored = _scrypt_of_version_1("Bürgerbüro-2024")
    assert verify_password("Bürgerbüro-2024", stored)
    assert not verify_password("Bürgerbüro-2025", stored)
    assert needs_rehash(stored)


def test_argon2_hash_with_weaker_parameters_asks_for_a_rehash() -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("demo")
    assert verify_password("demo", weak)
    assert needs_rehash(weak)


@pytest.mark.parametrize("password", ["Größe", "Käthe-Öztürk", "ÄÖÜäöüß", "ﬁ ünï©ødé 🔑"])
def test_umlauts_and_non_ascii_passwords_work(password: str) -> None:
    stored = hash_password(password)
    assert verify_password(password, stored)
    assert not verify_password(password.upper() + "x", stored)


def test_composed_and_decomposed_umlauts_are_different_passwords() -> None:
    # "ü" as one code point vs. "u" + combining diaeresis: bytes differ, so does the hash input.
    stored = hash_password("M\u00fcller")
    assert verify_password("M\u00fcller", stored)
    assert not verify_password("Mu\u0308ller", stored)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "demo",
        "scrypt",
        "scrypt$",
        "scrypt$16384$8$1$c2FsdA==",
        "bcrypt$16384$8$1$c2FsdHNhbHRzYWx0c2E=$ZGlnZXN0",
        "scrypt$16384$8$1$c2FsdA==$ZGlnZXN0$extra",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA",
        "$argon2id$",
    ],
)
def test_malformed_stored_strings_with_wrong_shape_do_not_verify(stored: str) -> None:
    assert verify_password("demo", stored) is False


@pytest.mark.parametrize(
    "stored",
    [
        "scrypt$abc$8$1$c2FsdA==$ZGlnZXN0",  # N not a number
        "scrypt$3$8$1$c2FsdA==$ZGlnZXN0",  # N not a power of two
        "scrypt$16384$8$1$!!!$!!!",  # not base64: decodes to nothing
        "scrypt$16384$8$1$$",  # empty salt and digest
        "scrypt$16384$8$1$c2FsdA==$Z",  # truncated base64
    ],
)
def test_malformed_stored_strings_with_bad_fields_do_not_verify(stored: str) -> None:
    assert verify_password("demo", stored) is False
