"""What the compiled-language rules share: reading the context, placing binaries.

A build command runs in a folder of the image; its manifest (go.mod,
Cargo.toml, Makefile, pom.xml) is read from the build context at the path the
folder was copied from. The COPY that did it is not in the state, so the
candidates are the path relative to each application folder holding it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from refactor.plan.outcome import Artifact
from refactor.rules.base import StageState

# Final bases put these on PATH; a builder's own bin folders (/go/bin,
# /usr/local/cargo/bin) are not, so a binary the entry runs by name moves here.
ON_PATH = "/usr/local/bin"


def context_paths(state: StageState, absolute: str) -> tuple[str, ...]:
    """Where `absolute` may come from in the context, most specific guess first."""
    folders = sorted(
        (f for f in state.app_folders if _is_under(absolute, f)),
        key=len,
        reverse=True,
    )
    found = [posixpath.relpath(absolute, f) for f in folders]
    found = ["" if path == "." else path for path in found]
    return tuple(dict.fromkeys(found))


def read_context(state: StageState, absolute: str) -> str | None:
    """The text of the context file that became `absolute`, if it can be told."""
    if state.context is None:
        return None
    for relative in context_paths(state, absolute):
        text = state.context.read_text(relative)
        if text is not None:
            return text
    return None


def context_files_under(state: StageState, folder: str) -> tuple[str, ...]:
    """Context files (relative) that the image has under `folder`."""
    if state.context is None:
        return ()
    files = state.context.files()
    for relative in context_paths(state, folder):
        prefix = relative.rstrip("/") + "/" if relative else ""
        found = tuple(f for f in files if f.startswith(prefix))
        if found:
            return found
    return ()


def entry_words(state: StageState) -> tuple[str, ...]:
    """The words the image starts with, a shell-form command split on spaces."""
    entry = state.entry
    if entry[:2] == ("/bin/sh", "-c") and len(entry) > 2:
        return tuple(" ".join(entry[2:]).split())
    return entry


def entry_mentions(state: StageState, path: str) -> bool:
    """True when ENTRYPOINT/CMD names `path` (absolute, or relative to WORKDIR)."""
    for word in entry_words(state):
        if (
            "/" in word
            and posixpath.normpath(posixpath.join(state.workdir, word)) == path
        ):
            return True
    return False


def entry_files(state: StageState, folder: str, why: str) -> tuple[Artifact, ...]:
    """The program the entry runs, when it lies under `folder`: a build made it."""
    found = []
    for word in entry_words(state)[:1]:
        for path in _candidates(word, state):
            if path.startswith(folder.rstrip("/") + "/"):
                found.append(Artifact(path, path, why))
    return tuple(found)


def entry_program_name(state: StageState) -> tuple[str, ...]:
    """The name of the program the entry starts, for an install whose binary
    names cannot be read (no build context): it is the one the image needs."""
    words = entry_words(state)
    return (posixpath.basename(words[0]),) if words else ()


def entry_jar(state: StageState) -> str | None:
    """The absolute path of the jar a `java -jar X` entry runs, or None."""
    words = entry_words(state)
    for index, word in enumerate(words[:-1]):
        if word == "-jar":
            return posixpath.normpath(posixpath.join(state.workdir, words[index + 1]))
    return None


def _candidates(word: str, state: StageState) -> list[str]:
    if "/" in word:
        return [posixpath.normpath(posixpath.join(state.workdir, word))]
    search = state.env.get("PATH", "")
    return [posixpath.join(state.resolve(d), word) for d in search.split(":") if d]


def installed_binary(state: StageState, built: str, name: str, why: str) -> Artifact:
    """A binary from a tool's own bin folder: kept there if the entry names that
    path, otherwise put on the final base's PATH."""
    if entry_mentions(state, built):
        return Artifact(built, built, why)
    return Artifact(built, posixpath.join(ON_PATH, name), why)


def option_value(
    words: Iterable[str], names: tuple[str, ...], *, attached: bool = True
) -> str | None:
    """The last value of `-o VALUE`, `--out=VALUE` (or `-oVALUE` when attached)."""
    listed = list(words)
    found = None
    for index, word in enumerate(listed):
        for name in names:
            if word == name and index + 1 < len(listed):
                found = listed[index + 1]
            elif word.startswith(name + "="):
                found = word.partition("=")[2]
            elif attached and len(name) == 2 and word.startswith(name) and word != name:
                found = word[2:]
    return found


def _is_under(path: str, folder: str) -> bool:
    return folder == "/" or path == folder or path.startswith(folder.rstrip("/") + "/")
