"""What the cases_load benchmark's generator, locustfile and runner share.

The bench coordinators' usernames, password and TOTP keys are fixed and public: they exist
only in a throw-away benchmark database, never in a real one.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
import time

BENCH_REGION_NAME = "Benchregio Utrecht-Zuid (benchmark)"
BENCH_MUNICIPALITIES = ["GM0344", "GM0356", "GM0321", "GM0353", "GM0331", "GM0632", "GM0355"]
BENCH_COORDINATORS = 20
BENCH_PASSWORD = "bench-Schakel-2025-werkvoorraad"  # noqa: S105 - bench database only
TOTP_STEP = 30


def coordinator_username(number: int) -> str:
    """``number`` counts from 1."""
    return f"bench-zc-{number:02d}"


def coordinator_totp_hex(number: int) -> str:
    """The fixed 20-byte TOTP key (hex, as django_otp stores it) of coordinator ``number``."""
    return hashlib.sha256(f"schakel-bench-coordinator-{number}".encode()).hexdigest()[:40]


def totp(hex_key: str, at: float | None = None, *, step: int = TOTP_STEP, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1, T0 = 0), the same as django_otp's TOTPDevice defaults."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{code:0{digits}d}"
