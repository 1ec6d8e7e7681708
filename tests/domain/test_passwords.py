"""Password hashes: scrypt with a salt, verified in constant time, never plain."""

from __future__ import annotations

import pytest

from desk.domain.passwords import hash_password, verify_password


def test_hash_verifies_its_own_password() -> None:
    stored = hash_password("Bürgerbüro-2024")
    assert verify_password("Bürgerbüro-2024", stored)


def test_wrong_password_does_not_verify() -> None:
    stored = hash_password("demo")
    assert not verify_password("Demo", stored)
    assert not verify_password("demo ", stored)
    assert not verify_password("", stored)


def test_hash_is_scrypt_and_never_the_plain_text() -> None:
    stored = hash_password("demo")
    assert stored.startswith("scrypt$")
    assert "demo" not in stored


def test_two_hashes_of_one_password_differ_by_salt() -> None:
    first, second = hash_password("demo"), hash_password("demo")
    assert first != second
    assert verify_password("demo", first)
    assert verify_password("demo", second)


def test_same_salt_gives_same_hash() -> None:
    salt = b"0123456789abcdef"
    assert hash_password("demo", salt=salt) == hash_password("demo", salt=salt)


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
