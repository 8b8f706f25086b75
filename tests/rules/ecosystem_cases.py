"""Compare the tool's rewrite of a corpus case with the expert's file, in substance.

Substance: the final stage's base, the system packages it installs, and the
paths it copies from the builder. Layout, comments and the order of lines are
the golden files' business, not this one's.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from refactor.context import DirectoryContext
from refactor.plan.outcome import RewriteSettings, Rewritten
from refactor.rewrite import rewrite
from refactor.rules.packages import parse_install, split_pin
from refactor.syntax import shell
from refactor.syntax.parser import parse
from refactor.syntax.stages import stages

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


@dataclass(frozen=True)
class Final:
    base: str
    packages: frozenset[str]
    copied: frozenset[str]


def cases(kind: str, *prefixes: str) -> list[Path]:
    """Case folders under corpora/`kind` whose names start with a prefix."""
    folder = CORPORA / kind
    if not folder.is_dir():
        return []
    return sorted(
        case
        for case in folder.iterdir()
        if case.name.startswith(prefixes) and (case / "expert.Dockerfile").is_file()
    )


def rewritten(case: Path) -> Rewritten:
    text = (case / "Dockerfile").read_text()
    outcome = rewrite(text, settings=RewriteSettings(), context=DirectoryContext(case))
    assert isinstance(outcome, Rewritten), outcome
    return outcome


def final_stage(text: str) -> Final:
    """The final stage's base, installed packages and `COPY --from` targets."""
    last = stages(parse(text))[-1]
    packages: set[str] = set()
    copied: set[str] = set()
    workdir = "/"
    for instruction in last.instructions:
        if instruction.keyword == "WORKDIR":
            workdir = posixpath.join(workdir, instruction.value.strip())
        elif instruction.keyword == "RUN":
            packages |= _installed(instruction)
        elif instruction.keyword == "COPY" and instruction.flag("from"):
            target = instruction.value.split()[-1]
            copied.add(posixpath.normpath(posixpath.join(workdir, target)))
    return Final(last.base, frozenset(packages), frozenset(copied))


def _installed(instruction: object) -> set[str]:
    found = set()
    for script in shell.run_scripts(instruction):  # type: ignore[arg-type]
        for command in shell.commands(script):
            request = parse_install(command)
            if request is not None:
                found |= {split_pin(p)[0] for p in request.packages}
    return found


def covers(ours: frozenset[str], expert: frozenset[str]) -> set[str]:
    """Expert targets none of ours equals, contains or lies inside."""
    return {path for path in expert if not any(_related(path, mine) for mine in ours)}


def _related(one: str, other: str) -> bool:
    def under(path: str, folder: str) -> bool:
        return folder == "/" or path == folder or path.startswith(folder + "/")

    return under(one, other) or under(other, one)


# Where the tool knowingly differs from the expert, and why; anything else that
# differs fails the case.
KNOWN: dict[str, dict[str, str]] = {
    "go-ldflags-version": {
        "copied": "the builder's account files stand in for useradd on distroless",
    },
    "rust-tcp-server": {
        "copied": "the builder's account files stand in for useradd on distroless",
    },
    "rust-cargo-install": {"base": "distroless cc is enough for a glibc binary"},
    "cargo-install-crate": {"base": "distroless cc is enough for a glibc binary"},
    "alpine-go-static": {
        "base": "ca-certificates is installed, so the final needs apk",
        "packages": "ca-certificates stays: a Debian slim final would lack it",
    },
    "alpine-rust-musl": {"base": "the rust alpine tag does not name its alpine"},
    "autotools-debian": {"packages": "libevent-dev depends on all five libraries"},
    "ubuntu-apt-cmake": {"packages": "the apt mapping is bookworm's, not jammy's"},
}


def differences(case: Path) -> dict[str, str]:
    """What differs from the expert's final stage, by aspect, beyond KNOWN."""
    ours = final_stage(rewritten(case).text)
    expert = final_stage((case / "expert.Dockerfile").read_text())
    found = {}
    if ours.base != expert.base:
        found["base"] = f"{ours.base} where the expert has {expert.base}"
    if ours.packages != expert.packages:
        found["packages"] = f"{sorted(ours.packages)} vs {sorted(expert.packages)}"
    missing, extra = (
        covers(ours.copied, expert.copied),
        covers(expert.copied, ours.copied),
    )
    if missing or extra:
        found["copied"] = f"missing {sorted(missing)}, extra {sorted(extra)}"
    allowed = KNOWN.get(case.name, {})
    return {k: v for k, v in found.items() if k not in allowed}
