"""System package installs: build-only packages stay in the builder.

`apt-get install`, `apk add`, `dnf`/`yum`/`microdnf install` are split into the
packages only the build needs (compilers, build tools, `-dev` headers) and the
ones the final stage installs: everything else, plus the run-time library each
`-dev` package stands for (libpq-dev -> libpq5). The mapping is
refactor/data/runtime-packages.json, generated from Debian's package index by
bench/gen_runtime_packages.py; a package it does not know stays in the final
stage, since a missing library breaks the program and an extra one only costs
size.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from refactor.plan.bases import debian_suite
from refactor.rules.base import (
    Claim,
    Command,
    PackageInstall,
    Role,
    StageState,
    program,
)

Manager = Literal["apt", "apk", "dnf", "yum", "microdnf", "zypper"]

# Suite the apt mapping was generated for; runtime names differ between suites
# (libjpeg62-turbo here, libjpeg-turbo8 on Ubuntu, libssl3t64 on trixie).
MAPPED_SUITE = "bookworm"

# Options that take the next word as their value, per family.
_VALUED = {
    "apt": frozenset({"-o", "-t", "--target-release", "-c", "--config-file"}),
    "apk": frozenset({"-t", "--virtual", "-X", "--repository", "-p", "--root"}),
    "rpm": frozenset(
        {"--setopt", "--enablerepo", "--disablerepo", "--releasever", "-c"}
    ),
}
_INSTALL_VERBS = {
    "apt-get": "install",
    "apt": "install",
    "apk": "add",
    "dnf": "install",
    "yum": "install",
    "microdnf": "install",
}
_MANAGERS: Mapping[str, Manager] = {
    "apt-get": "apt",
    "apt": "apt",
    "apk": "apk",
    "dnf": "dnf",
    "yum": "yum",
    "microdnf": "microdnf",
}
# Verbs whose effect the final stage never needs: it starts from a clean base.
_NOISE_VERBS = frozenset(
    {
        "update",
        "upgrade",
        "dist-upgrade",
        "clean",
        "autoclean",
        "autoremove",
        "purge",
        "remove",
        "del",
        "makecache",
        "cache",
        "dist-clean",
        "distclean",
        "info",
        "search",
        "policy",
        "show",
        "list",
    }
)
# Repository and package-system settings the final stage needs before it
# installs anything; replayed there.
_REPOSITORY_SETUP = frozenset(
    {
        "apt-key", "add-apt-repository", "apt-add-repository",
        "debconf-set-selections", "dpkg-divert", "yum-config-manager",
    }
)  # fmt: skip
# Commands that only read or mark packages in the builder.
_PACKAGE_QUERIES = frozenset(
    {"apt-mark", "apt-cache", "dpkg-query", "dpkg-architecture", "scanelf"}
)
_TOOLS = _REPOSITORY_SETUP | _PACKAGE_QUERIES | {"dpkg", "rpm"}
_DPKG_SETUP = frozenset({"--add-architecture", "--set-selections", "--import"})
_DPKG_INSTALL = frozenset({"-i", "--install", "-U", "--upgrade", "-ivh", "-Uvh"})


@dataclass(frozen=True)
class Table:
    build_only: frozenset[str]
    runtime: Mapping[str, tuple[str, ...]]


@cache
def tables() -> Mapping[str, Table]:
    """The shipped mapping, per family: "apt", "apk" and "rpm"."""
    text = resources.files("refactor").joinpath("data/runtime-packages.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    return {
        family: Table(
            build_only=frozenset(data[family]["build_only"]),
            runtime={k: tuple(v) for k, v in data[family]["runtime"].items()},
        )
        for family in ("apt", "apk", "rpm")
    }


def family(manager: Manager) -> str:
    return {"apt": "apt", "apk": "apk"}.get(manager, "rpm")


@dataclass(frozen=True)
class Request:
    """What an install command asks for: packages as written, and a virtual group."""

    manager: Manager
    packages: tuple[str, ...]
    virtual: str | None = None


def parse_install(command: Command) -> Request | None:
    """The packages an install command names, or None if it installs nothing."""
    name = program(command)
    if name not in _INSTALL_VERBS:
        return None
    words = command.arguments
    verbs = [w for w in _operand_words(words, name) if not w.startswith("-")]
    group_install = name in {"dnf", "yum"} and verbs[:1] in (
        ["groupinstall"],
        ["group"],
    )
    if not verbs or (verbs[0] != _INSTALL_VERBS[name] and not group_install):
        return None

    after = words[words.index(verbs[0]) + 1 :]
    if verbs[0] == "group":
        after = after[1:] if after[:1] == ("install",) else ()
    packages = tuple(w for w in _operand_words(after, name) if not w.startswith("-"))
    return Request(_MANAGERS[name], packages, _virtual(words))


def _operand_words(words: tuple[str, ...], name: str) -> list[str]:
    """`words` without option values (`-o Dpkg::X=y` drops both words)."""
    valued = _VALUED[family(_MANAGERS[name])]
    kept = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in valued:
            skip = True
            continue
        kept.append(word)
    return kept


def _virtual(words: tuple[str, ...]) -> str | None:
    for index, word in enumerate(words[:-1]):
        if word in {"-t", "--virtual"}:
            return words[index + 1]
    for word in words:
        if word.startswith("--virtual="):
            return word.partition("=")[2]
    return None


_PIN = re.compile(r"^(?P<name>[^=<>:~\s]+)(?::[\w-]+)?(?P<pin>(?:[=<>~]).*)?$")


def split_pin(package: str) -> tuple[str, str]:
    """`libpq-dev=15.3-1` -> ("libpq-dev", "=15.3-1"); `gcc:amd64` -> ("gcc", "")."""
    match = _PIN.match(package)
    if match is None:
        return package, ""
    return match.group("name"), match.group("pin") or ""


def split_packages(
    packages: Iterable[str], *, manager: Manager, mapped: bool = True
) -> PackageInstall:
    """Build-only packages and what the final stage installs instead.

    `mapped` False (a suite the apt table was not made for) still drops the
    build tools but keeps every `-dev` package, headers and all, in the final
    stage: a wrong run-time name would fail the final build.
    """
    table = tables()[family(manager)]
    build: list[str] = []
    runtime: list[str] = []
    for package in packages:
        name, pin = split_pin(package)
        if name in table.build_only:
            build.append(package)
        elif name in table.runtime and (mapped or manager != "apt"):
            build.append(package)
            # A -dev package and its library share a version when they share a
            # source, so a pin carries over (hadolint's DL3008 stays quiet).
            runtime += [library + pin for library in table.runtime[name]]
        else:
            runtime.append(package)
    return PackageInstall(manager, tuple(build), tuple(dict.fromkeys(runtime)))


def install_run(manager: Manager, packages: Iterable[str]) -> str:
    """The final stage's RUN line installing `packages` the way the family likes."""
    names = " ".join(packages)
    steps = {
        "apt": [
            "apt-get update",
            f"apt-get install -y --no-install-recommends {names}",
            "rm -rf /var/lib/apt/lists/*",
        ],
        "apk": [f"apk add --no-cache {names}"],
        "dnf": [f"dnf install -y {names}", "dnf clean all"],
        "yum": [f"yum install -y {names}", "yum clean all"],
        "microdnf": [f"microdnf install -y {names}", "microdnf clean all"],
        "zypper": [f"zypper --non-interactive install {names}", "zypper clean"],
    }[manager]
    line = "RUN " + " && ".join(steps)
    if len(line) <= 88:
        return line
    return "RUN " + " \\\n    && ".join(steps)


# Debian names a library package after its soname; these break the pattern.
_SONAME_EXCEPTIONS = {
    "libz.so.1": "zlib1g",
    "libxml2.so.2": "libxml2",
    "libjpeg.so.62": "libjpeg62-turbo",
    "libcrypto.so.3": "libssl3",
    "libexpat.so.1": "libexpat1",
    "libGL.so.1": "libgl1",
}
# glibc's own libraries, all in libc6.
_GLIBC = re.compile(
    r"(ld-linux[\w.-]*|lib(c|m|dl|pthread|rt|resolv|anl|util|mvec|BrokenLocale"
    r"|nss_(files|dns|compat|hesiod)|c_malloc_debug|thread_db))\.so\.[\d.]+"
)
_SONAME = re.compile(r"(lib[\w+.-]+?)\.so\.(\d+(?:\.\d+)*)")


def package_for_soname(soname: str) -> str | None:
    """The bookworm package shipping `soname` (libpq.so.5 -> libpq5), or None.

    Derived from Debian's naming policy (libNAME.so.N -> libnameN, or
    libname-N after a digit) and kept only when the shipped mapping knows that
    package; the index on this machine has no file lists to be exact.
    Against the 619 sonames this machine's dpkg records (*.shlibs), it
    answers 310 and gets none wrong.
    """
    if soname in _SONAME_EXCEPTIONS:
        return _SONAME_EXCEPTIONS[soname]
    if _GLIBC.fullmatch(soname):
        return "libc6"
    match = _SONAME.fullmatch(soname)
    if match is None:
        return None
    stem = match.group(1).lower().replace("_", "-")
    version = match.group(2)
    known = _known_libraries()
    for candidate in _soname_candidates(stem, version):
        if candidate in known:
            return candidate
    return None


def _soname_candidates(stem: str, version: str) -> list[str]:
    """libfoo.so.5 -> libfoo5; libfoo2.so.0 -> libfoo2-0; libatk-bridge-2.0.so.0
    -> libatk-bridge2.0-0; libdb.so.5.3 -> libdb5.3 (the whole version)."""
    found = []
    stems = [stem, re.sub(r"-(\d[\d.]*)$", r"\1", stem)]
    for name in dict.fromkeys(stems):
        # A whole version only when short (libdb5.3): longer ones name
        # variants (libboost-regex1.74.0-icu72) that a guess gets wrong.
        whole = [version] if version.count(".") == 1 else []
        for number in dict.fromkeys([version.split(".")[0], *whole]):
            found.append(
                f"{name}-{number}" if name[-1].isdigit() else f"{name}{number}"
            )
    return found


@cache
def _known_libraries() -> frozenset[str]:
    return frozenset(
        library for values in tables()["apt"].runtime.values() for library in values
    )


def _expanded(words: Iterable[str], state: StageState) -> list[str] | None:
    """Package words with ENV/ARG values split into names; None if one is unknown."""
    packages = []
    for word in words:
        value = state.expand(word)
        if "$" in value or "`" in value:
            return None
        # A quoted group name ("Development Tools") is one word as written.
        packages += value.split() if value != word else [word]
    return packages


@dataclass(frozen=True)
class PackagesRule:
    ecosystem: str = "packages"

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command)
        if name in _TOOLS:
            return _tool(name, command)
        if name not in _MANAGERS:
            return None

        request = parse_install(command)
        if request is None:
            return self._build_dep(command) or self._other_verb(command)
        packages = _expanded(request.packages, state)
        if packages is None and request.virtual is not None:
            # A virtual group is deleted later whatever it holds: all build-only.
            packages = list(request.packages)
        if packages is None:
            return Claim(
                ecosystem=self.ecosystem,
                role=Role.UNSAFE,
                why=f"packages from a value not known statically: {command.text}",
            )

        split = self._split(request, packages, state)
        return Claim(
            ecosystem=self.ecosystem,
            role=Role.INSTALL,
            why=f"{name} install: {len(split.build)} build-only package(s)",
            packages=split,
        )

    def _split(
        self, request: Request, packages: list[str], state: StageState
    ) -> PackageInstall:
        # `apk add --virtual .build-deps ...` names a group made to be deleted.
        if request.virtual is not None:
            return PackageInstall(request.manager, tuple(packages), ())
        suite = debian_suite(state.base)
        mapped = suite is None or suite == MAPPED_SUITE
        return split_packages(packages, manager=request.manager, mapped=mapped)

    def _build_dep(self, command: Command) -> Claim | None:
        """`apt-get build-dep X`: whatever it installs serves the build."""
        words = [w for w in command.arguments if not w.startswith("-")]
        if program(command) not in ("apt-get", "apt") or words[:1] != ["build-dep"]:
            return None
        packages = PackageInstall("apt", tuple(f"build-dep:{w}" for w in words[1:]), ())
        why = "build dependencies of a source package"
        return Claim(
            ecosystem=self.ecosystem, role=Role.INSTALL, why=why, packages=packages
        )

    def _other_verb(self, command: Command) -> Claim | None:
        verbs = [w for w in command.arguments if not w.startswith("-")]
        if not verbs and command.arguments:
            why = f"{program(command)} prints what it is asked"
            return Claim(ecosystem=self.ecosystem, role=Role.NOISE, why=why)
        if verbs and verbs[0] in _NOISE_VERBS:
            return Claim(
                ecosystem=self.ecosystem,
                role=Role.NOISE,
                why=f"{program(command)} {verbs[0]}: the final base starts clean",
            )
        return None


def _tool(name: str, command: Command) -> Claim:
    words = set(command.arguments)
    if name in _REPOSITORY_SETUP or words & _DPKG_SETUP:
        why = f"{name} configures where packages come from"
        return Claim(ecosystem="packages", role=Role.SETUP, why=why, needs_shell=True)
    if name in ("dpkg", "rpm") and words & _DPKG_INSTALL:
        why = "it installs a package file the final stage cannot reach"
        return Claim(ecosystem="packages", role=Role.UNSAFE, why=why)
    why = f"{name} reads or marks packages in the builder"
    return Claim(ecosystem="packages", role=Role.NOISE, why=why)


RULE = PackagesRule()
