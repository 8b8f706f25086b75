"""The build context as rules see it: file names and small text files, read-only.

This is the only place the rewriter touches the filesystem. Rules get a
`ContextView`; `DirectoryContext` implements it over a folder with
`.dockerignore` applied the way BuildKit applies it, and `MemoryContext` over a
mapping, for tests and for callers that already hold the files.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

# Rules read manifests (requirements.txt, package.json, go.mod), never big files.
MAX_TEXT_BYTES = 1_000_000


class ContextView(Protocol):
    def read_text(self, relpath: str) -> str | None: ...

    def files(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class IgnorePattern:
    regex: re.Pattern[str]
    exclusion: bool


def parse_dockerignore(text: str) -> tuple[IgnorePattern, ...]:
    """The patterns of a `.dockerignore`, in order (the last match decides)."""
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exclusion = line.startswith("!")
        line = line[1:].strip() if exclusion else line
        cleaned = posixpath.normpath(line).lstrip("/")
        if cleaned in ("", "."):
            continue
        patterns.append(IgnorePattern(_compile(cleaned), exclusion))
    return tuple(patterns)


def _compile(pattern: str) -> re.Pattern[str]:
    """Go's filepath.Match syntax plus `**` for any number of folders."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and "]" in pattern[index:]:
            end = pattern.index("]", index)
            body = pattern[index + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
            index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def is_ignored(path: str, patterns: tuple[IgnorePattern, ...]) -> bool:
    """True when `path` or one of its parent folders is excluded by the patterns."""
    ignored = False
    candidates = _self_and_parents(path)
    for pattern in patterns:
        if any(pattern.regex.match(candidate) for candidate in candidates):
            ignored = not pattern.exclusion
    return ignored


def _self_and_parents(path: str) -> tuple[str, ...]:
    parts = path.split("/")
    return tuple("/".join(parts[: count + 1]) for count in range(len(parts)))


@dataclass(frozen=True)
class MemoryContext:
    """A context held in memory: relative POSIX path -> text."""

    contents: Mapping[str, str]

    def read_text(self, relpath: str) -> str | None:
        return self.contents.get(_clean(relpath))

    def files(self) -> tuple[str, ...]:
        return tuple(sorted(self.contents))


class DirectoryContext:
    """A folder on disk seen through its `.dockerignore`."""

    def __init__(self, path: Path | str) -> None:
        self.root = Path(path)

    @cached_property
    def _patterns(self) -> tuple[IgnorePattern, ...]:
        ignore = self.root / ".dockerignore"
        if not ignore.is_file():
            return ()
        return parse_dockerignore(ignore.read_text(encoding="utf-8", errors="replace"))

    def read_text(self, relpath: str) -> str | None:
        cleaned = _clean(relpath)
        if cleaned.startswith("../") or is_ignored(cleaned, self._patterns):
            return None
        path = self.root / cleaned
        if not path.is_file() or path.stat().st_size > MAX_TEXT_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")

    @cached_property
    def _files(self) -> tuple[str, ...]:
        return tuple(sorted(self._walk()))

    def files(self) -> tuple[str, ...]:
        return self._files

    def _walk(self) -> Iterable[str]:
        for folder, subfolders, names in os.walk(self.root):
            relative = Path(folder).relative_to(self.root).as_posix()
            prefix = "" if relative == "." else relative + "/"
            # Skipping ignored folders is safe only without `!` re-inclusions.
            if not any(p.exclusion for p in self._patterns):
                subfolders[:] = [
                    s for s in subfolders if not is_ignored(prefix + s, self._patterns)
                ]
            for name in names:
                if not is_ignored(prefix + name, self._patterns):
                    yield prefix + name


def _clean(relpath: str) -> str:
    return posixpath.normpath(relpath.replace("\\", "/")).lstrip("/")
