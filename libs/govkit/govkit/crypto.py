"""Natural persons' ID numbers at rest: AES-256-GCM encryption and a keyed hash for look-up.

安政〔2023〕2号 四（四）(不得侵犯…个人隐私). Keys rotate: the first encryption key encrypts and every
listed key decrypts (a token names its key by a key id); the first hash key makes ``lookup_hash`` and
``lookup_hashes`` gives the hash under every key, to find rows stored before a rotation.

Token format: ``v1.<key id>.<urlsafe base64 of nonce(12) + ciphertext + tag(16)>``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TOKEN_VERSION = "v1"
_AAD = b"govkit.idvault.v1"
_NONCE_BYTES = 12


class VaultError(ValueError):
    """A key or token that cannot be used; messages never contain key material or plaintext."""


def generate_key() -> str:
    """A new random 32-byte key, urlsafe base64 (for settings)."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def _decode_key(key: str, what: str, index: int) -> bytes:
    if not isinstance(key, str):
        raise VaultError(f"{what}[{index}] must be a urlsafe base64 string")
    text = key.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise VaultError(f"{what}[{index}] is not urlsafe base64") from None
    if len(raw) != 32:
        raise VaultError(f"{what}[{index}] must decode to 32 bytes, got {len(raw)}")
    return raw


def key_id(raw_key: bytes) -> str:
    """A short public name of a key (not reversible to the key)."""
    return hashlib.sha256(b"govkit.kid:" + raw_key).hexdigest()[:8]


def _normalise(s: str) -> str:
    return s.strip().upper()


class IdVault:
    """Encrypts, decrypts and hashes ID numbers (normalised: stripped, upper case)."""

    def __init__(self, encryption_keys: list[str], hash_keys: list[str]) -> None:
        if not encryption_keys:
            raise VaultError("at least one encryption key is required")
        if not hash_keys:
            raise VaultError("at least one hash key is required")
        self._enc: dict[str, AESGCM] = {}
        self._current_kid = ""
        for i, key in enumerate(encryption_keys):
            raw = _decode_key(key, "encryption_keys", i)
            kid = key_id(raw)
            self._current_kid = self._current_kid or kid
            self._enc.setdefault(kid, AESGCM(raw))
        self._hash_keys = [_decode_key(k, "hash_keys", i) for i, k in enumerate(hash_keys)]

    @property
    def current_key_id(self) -> str:
        return self._current_kid

    def encrypt(self, s: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._enc[self._current_kid].encrypt(nonce, _normalise(s).encode("utf-8"), _AAD)
        body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
        return f"{TOKEN_VERSION}.{self._current_kid}.{body}"

    def _parse(self, token: str) -> tuple[str, bytes]:
        parts = token.split(".") if isinstance(token, str) else []
        if len(parts) != 3 or parts[0] != TOKEN_VERSION:
            raise VaultError("not an IdVault token")
        try:
            blob = base64.urlsafe_b64decode(parts[2] + "=" * (-len(parts[2]) % 4))
        except (binascii.Error, ValueError):
            raise VaultError("IdVault token body is not urlsafe base64") from None
        if len(blob) < _NONCE_BYTES + 16:
            raise VaultError("IdVault token is truncated")
        return parts[1], blob

    def decrypt(self, token: str) -> str:
        kid, blob = self._parse(token)
        cipher = self._enc.get(kid)
        if cipher is None:
            raise VaultError(f"IdVault token was encrypted with key {kid}, which is not configured")
        try:
            plain = cipher.decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], _AAD)
        except InvalidTag:
            raise VaultError("IdVault token failed authentication (altered, or wrong key)") from None
        return plain.decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        """True when the token was not made with the current encryption key."""
        return self._parse(token)[0] != self._current_kid

    def rotate(self, token: str) -> str:
        """The same ID number encrypted with the current key (unchanged token if already current)."""
        return self.encrypt(self.decrypt(token)) if self.needs_rotation(token) else token

    @staticmethod
    def _hmac(key: bytes, s: str) -> str:
        return hmac.new(key, _normalise(s).encode("utf-8"), hashlib.sha256).hexdigest()

    def lookup_hash(self, s: str) -> str:
        """HMAC-SHA256 (hex) of the normalised ID number with the current hash key: store and index this."""
        return self._hmac(self._hash_keys[0], s)

    def lookup_hashes(self, s: str) -> list[str]:
        """The hash under every configured hash key, current first: query ``WHERE hash IN (...)``."""
        return list(dict.fromkeys(self._hmac(k, s) for k in self._hash_keys))


class PersonRef:
    """How events and other services refer to a natural person: HMAC-SHA256 of the normalised ID number
    under the one platform-wide look-up key (`PERSON_REF_KEYS`, first current), never the number itself,
    so a producer's and a consumer's references match. Rotation: consumers match ``refs`` (every key)."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise VaultError("at least one person reference key is required")
        self._keys = [_decode_key(k, "person_ref_keys", i) for i, k in enumerate(keys)]

    def ref(self, id_number: str) -> str:
        return IdVault._hmac(self._keys[0], id_number)

    def refs(self, id_number: str) -> list[str]:
        return list(dict.fromkeys(IdVault._hmac(k, id_number) for k in self._keys))
