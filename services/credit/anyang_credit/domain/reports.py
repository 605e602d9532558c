"""Credit report canonical form and verification code (spec: Credit report — genuine and unaltered)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

CODE_FIELD = "verification_code"  # never part of what is signed
GROUP = 5
BASIS = ("spec: Credit report (each report carries a verification code); Interpretation: HMAC-SHA256 of the "
         "canonical JSON (sorted keys, UTF-8, no insignificant whitespace), its first base32 characters "
         "(parameter credit.report.verification_code_chars)")


def _default(o: Any) -> Any:
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    if isinstance(o, Enum):
        return o.value
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(f"not JSON-serialisable: {type(o).__name__}")


def canonical_json(report: Mapping[str, Any]) -> bytes:
    """Sorted keys, UTF-8 (Chinese kept as is), compact separators; the verification code field excluded."""
    body = {k: v for k, v in report.items() if k != CODE_FIELD}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_default, allow_nan=False).encode("utf-8")


def _key(secret: bytes | str) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if not key:
        raise ValueError("an empty secret cannot sign reports")
    return key


def verification_code(report: Mapping[str, Any], secret: bytes | str, chars: int) -> str:
    """HMAC-SHA256 over the canonical JSON, base32, first `chars` characters in groups of five."""
    if chars < 10 or chars > 52:
        raise ValueError("chars must be 10..52")
    mac = hmac.new(_key(secret), canonical_json(report), hashlib.sha256).digest()
    code = base64.b32encode(mac).decode("ascii")[:chars]
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(code: str) -> str:
    """Upper case without separators or spaces; base32 has no 0/1/8/9, so read 0 as O, 1 as I, 8 as B."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))


def verify(report: Mapping[str, Any], code: str, secret: bytes | str, chars: int) -> bool:
    """True when `code` is the report's verification code under `secret` (constant-time comparison)."""
    given = normalise_code(code or "")
    if len(given) != chars:
        return False
    expected = normalise_code(verification_code(report, secret, chars))
    return hmac.compare_digest(given, expected)
