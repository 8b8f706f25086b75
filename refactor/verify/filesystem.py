"""An image's file tree as data: which paths exist, where symlinks lead, and the
run-time needs of the ELF files we were asked about.

`index_tar` reads a tar stream (from `docker export` or `docker cp`) once,
keeping headers for every entry, the first bytes of executables (for shebang
lines) and the parsed ELF needs of files under the selected paths. Everything
else is pure lookups on that data.
"""

from __future__ import annotations

import posixpath
import re
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Literal

from refactor.verify import elf

Kind = Literal["file", "dir", "symlink", "other"]
HEAD = 256
ELF_LIMIT = 512 * 1024 * 1024
MAX_HOPS = 40


@dataclass(frozen=True)
class Entry:
    kind: Kind
    link: str | None = None
    executable: bool = False


@dataclass(frozen=True)
class Tree:
    entries: dict[str, Entry]
    heads: dict[str, bytes] = field(default_factory=dict)
    elves: dict[str, elf.ElfInfo] = field(default_factory=dict)

    def resolve(self, path: str) -> str | None:
        """The real path `path` leads to through symlinks, or None if it is absent."""
        parts = [p for p in posixpath.normpath("/" + path).split("/") if p]
        current = "/"
        hops = 0
        while parts:
            candidate = posixpath.join(current, parts.pop(0))
            entry = self.entries.get(candidate)
            if entry is None:
                return None
            if entry.kind == "symlink" and entry.link is not None:
                hops += 1
                if hops > MAX_HOPS:
                    return None
                base = "/" if entry.link.startswith("/") else current
                target = posixpath.normpath(posixpath.join(base, entry.link))
                parts = [p for p in target.split("/") if p] + parts
                current = "/"
                continue
            current = candidate
        return current

    def exists(self, path: str) -> bool:
        return self.resolve(path) is not None

    def lexists(self, path: str) -> bool:
        """Whether the entry itself exists, even a symlink that leads nowhere."""
        parent = self.resolve(posixpath.dirname(path))
        return (
            parent is not None
            and posixpath.join(parent, posixpath.basename(path)) in self.entries
        )

    def is_file(self, path: str) -> bool:
        real = self.resolve(path)
        return real is not None and self.entries[real].kind == "file"

    def files_under(self, root: str) -> list[str]:
        """Non-directory entries at or below `root`, as stored (not resolved)."""
        prefix = root.rstrip("/") + "/"
        return sorted(
            path
            for path, entry in self.entries.items()
            if entry.kind != "dir" and (path == root or path.startswith(prefix))
        )


def normal(name: str, *, parent: str = "/") -> str:
    return posixpath.normpath(posixpath.join(parent, name.lstrip("/")))


def index_tar(
    stream: IO[bytes], *, parent: str = "/", inspect_elf: Callable[[str], bool]
) -> Tree:
    """Index a tar stream whose names are relative to `parent`."""
    entries: dict[str, Entry] = {}
    heads: dict[str, bytes] = {}
    elves: dict[str, elf.ElfInfo] = {}
    try:
        with tarfile.open(fileobj=stream, mode="r|") as archive:
            for member in archive:
                path = normal(member.name, parent=parent)
                entries[path] = _entry(member)
                if member.isfile() and (_wanted(member, path) or inspect_elf(path)):
                    _read(archive, member, path, heads, elves)
    except tarfile.ReadError:
        pass  # an empty stream: the path is not in the image
    return Tree(entries, heads, elves)


def _wanted(member: tarfile.TarInfo, path: str) -> bool:
    # Executables for their #! line, the loader's config for its library folders.
    return bool(member.mode & 0o111) or path.startswith("/etc/ld.so.conf")


def _entry(member: tarfile.TarInfo) -> Entry:
    if member.issym():
        return Entry("symlink", member.linkname)
    if member.isdir():
        return Entry("dir")
    if member.isfile() or member.islnk():
        return Entry("file", executable=bool(member.mode & 0o111))
    return Entry("other")


def _read(
    archive: tarfile.TarFile,
    member: tarfile.TarInfo,
    path: str,
    heads: dict[str, bytes],
    elves: dict[str, elf.ElfInfo],
) -> None:
    handle = archive.extractfile(member)
    if handle is None:
        return
    head = handle.read(HEAD)
    heads[path] = head
    if elf.is_elf(head) and member.size <= ELF_LIMIT:
        info = elf.parse(head + handle.read())
        if info is not None:
            elves[path] = info


def glob_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether a path, or a folder above it, matches one of the absolute globs."""
    compiled = [re.compile(_glob_regex(p)) for p in patterns]

    def matches(path: str) -> bool:
        candidates = [path]
        while path not in ("/", ""):
            path = posixpath.dirname(path)
            candidates.append(path)
        return any(r.fullmatch(c) for r in compiled for c in candidates)

    return matches


def _glob_regex(pattern: str) -> str:
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        else:
            char = pattern[index]
            out.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
            index += 1
    return "".join(out)
