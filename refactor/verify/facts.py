"""What verification needs to know from a Dockerfile's text, nothing more.

The last stage's base and the paths its COPY/ADD instructions write (with
`--from` or not), each resolved against the WORKDIR in force at that point.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from dataclasses import dataclass

FLAGS = re.compile(r"(?:--\S+\s+)+")


@dataclass(frozen=True)
class Copy:
    destination: str
    source_stage: str | None


@dataclass(frozen=True)
class StageFacts:
    base: str
    name: str | None
    workdir: str
    copies: tuple[Copy, ...]


def _logical_lines(text: str) -> list[str]:
    """Instructions with continuations joined and comment lines dropped."""
    escape = "`" if text.lstrip().lower().startswith("# escape=`") else "\\"
    lines: list[str] = []
    pending = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not pending):
            continue
        if stripped.endswith(escape):
            pending += stripped[:-1] + " "
            continue
        lines.append(pending + stripped)
        pending = ""
    if pending.strip():
        lines.append(pending)
    return lines


def _words(arguments: str) -> list[str]:
    if arguments.startswith("["):
        try:
            decoded = json.loads(arguments)
            if isinstance(decoded, list):
                return [str(word) for word in decoded]
        except ValueError:
            pass
    try:
        return shlex.split(arguments)
    except ValueError:
        return arguments.split()


def stages(text: str) -> tuple[StageFacts, ...]:
    """Each stage's base, name, final WORKDIR and COPY/ADD destinations."""
    found: list[StageFacts] = []
    for line in _logical_lines(text):
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            found.append(_from(arguments))
        elif found and keyword == "WORKDIR":
            current = found[-1]
            workdir = posixpath.join(current.workdir, _words(arguments)[0])
            found[-1] = StageFacts(current.base, current.name, workdir, current.copies)
        elif found and keyword in ("COPY", "ADD"):
            current = found[-1]
            copy = _copy(arguments, current.workdir)
            if copy is not None:
                copies = (*current.copies, copy)
                found[-1] = StageFacts(
                    current.base, current.name, current.workdir, copies
                )
    return tuple(found)


def _from(arguments: str) -> StageFacts:
    words = [w for w in arguments.split() if not w.startswith("--")]
    name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
    return StageFacts(words[0] if words else "", name, "/", ())


def _copy(arguments: str, workdir: str) -> Copy | None:
    leading = FLAGS.match(arguments)
    flags = leading.group(0).split() if leading else []
    paths = _words(arguments[leading.end() if leading else 0 :])
    if len(paths) < 2:
        return None
    source = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
    destination = posixpath.normpath(posixpath.join(workdir, paths[-1]))
    return Copy(destination, source)


def final_stage(text: str) -> StageFacts | None:
    found = stages(text)
    return found[-1] if found else None


def application_paths(text: str) -> tuple[str, ...]:
    """WORKDIR and COPY/ADD destinations of the last stage, without the root."""
    last = final_stage(text)
    if last is None:
        return ()
    paths = [last.workdir, *(c.destination for c in last.copies)]
    return tuple(sorted({p for p in paths if p != "/"}))


def copied_from_stages(text: str) -> tuple[str, ...]:
    """Destinations in the last stage that were copied from another stage."""
    last = final_stage(text)
    if last is None:
        return ()
    return tuple(c.destination for c in last.copies if c.source_stage is not None)
