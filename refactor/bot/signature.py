"""GitHub's webhook signature: HMAC-SHA256 of the raw body, hex, `sha256=` prefix."""

from __future__ import annotations

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: bytes, body: bytes) -> str:
    """The `X-Hub-Signature-256` value GitHub would send for `body`."""
    return PREFIX + hmac.new(secret, body, hashlib.sha256).hexdigest()


def is_valid(secret: bytes, body: bytes, header: str | None) -> bool:
    """True only for a well-formed header whose digest matches, compared in
    constant time so the answer's timing leaks nothing about the secret."""
    if not secret or header is None or not header.startswith(PREFIX):
        return False

    expected = sign(secret, body)
    return hmac.compare_digest(expected.encode(), header.strip().encode())
