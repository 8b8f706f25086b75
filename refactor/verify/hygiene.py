"""Warnings about a build context that would send secrets to the engine.

Verification builds the user's context as it is; a `.git` folder or a
credentials file that `.dockerignore` does not exclude ends up in the build
context (and possibly in a layer), so the user is told, by path only.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from refactor.context import DirectoryContext

CREDENTIALS = re.compile(
    r"(?:^|/)(?:\.env(?:\.[\w-]+)?|id_rsa|id_ed25519|id_ecdsa|[^/]+\.pem|[^/]+\.key"
    r"|\.aws/credentials|\.netrc|\.pypirc|\.docker/config\.json)$"
)
NPM_TOKEN = re.compile(r"_authToken\s*=|_auth\s*=")


def warnings(context: Path) -> tuple[str, ...]:
    """One sentence per risky path the build context sends to the engine."""
    view = DirectoryContext(context)
    found: list[str] = []
    paths = view.files()
    if any(p.startswith(".git/") for p in paths):
        found.append(".git is in the build context; add it to .dockerignore")
    for path in paths:
        if CREDENTIALS.search(path) and not path.endswith(".env.example"):
            found.append(
                f"{path} looks like a credentials file and is not in .dockerignore"
            )
        elif posixpath.basename(path) == ".npmrc" and NPM_TOKEN.search(
            view.read_text(path) or ""
        ):
            found.append(f"{path} holds a registry token and is not in .dockerignore")
    return tuple(found)
