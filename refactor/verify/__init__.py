"""Prove a rewrite: build both images on a real engine and compare them.

`verify` is the entry point; `Verification` is what it returns, rendered by
`refactor.verify.report`.
"""

from refactor.verify.model import (
    Check,
    ImageSize,
    Smoke,
    Verification,
    VerifySettings,
)
from refactor.verify.verifier import verify

__all__ = ["Check", "ImageSize", "Smoke", "Verification", "VerifySettings", "verify"]
