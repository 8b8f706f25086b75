from __future__ import annotations

from pathlib import Path

import ecosystem_cases
import pytest

from refactor.context import MemoryContext
from refactor.rules.base import Claim, Role, StageState
from refactor.rules.native import RULE
from refactor.syntax.shell import commands
from tests.rules.claims import claim_in_app

MAKEFILE = """\
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin

tool: tool.c
\t$(CC) -o $@ tool.c

install: tool
\tinstall -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PREFIX)/share/tool
\tinstall -m 0755 tool $(DESTDIR)$(BINDIR)/tool
\t@cp -r data $(DESTDIR)$(PREFIX)/share/tool/data

.PHONY: install
"""
CMAKELISTS = """\
cmake_minimum_required(VERSION 3.16)
project(demo C)
add_executable(demo src/main.c)
add_library(demoshared SHARED src/lib.c)
add_library(demostatic STATIC src/static.c)
install(TARGETS demo RUNTIME DESTINATION bin)
install(TARGETS demoshared demostatic LIBRARY DESTINATION lib ARCHIVE DESTINATION lib)
install(FILES conf/demo.conf DESTINATION etc/demo)
"""
CONTEXT = MemoryContext(
    {
        "Makefile": MAKEFILE,
        "tool.c": "int main(void) { return 0; }\n",
        "cm/CMakeLists.txt": CMAKELISTS,
        "odd/CMakeLists.txt": "install(TARGETS x DESTINATION ${DIR})\n",
        "build.sh": "#!/bin/sh\nset -e\nmake\ngcc -o out/extra extra.c\n",
        "install.sh": "#!/bin/sh\nmake -C gen install\n",
        "generated/Makefile": (
            "include config.mk\ninstall:\n\tcp x $(DESTDIR)$(BINDIR)/x\n"
        ),
        "plain/Makefile": "install:\n\tcp x $(BINDIR)/x\n",
    }
)


def claim_for(
    text: str,
    *,
    entry: tuple[str, ...] = ("tool",),
    env: dict[str, str] | None = None,
) -> Claim | None:
    return claim_in_app(
        RULE,
        text,
        base="gcc:12",
        app="/src",
        entry=entry,
        env=env,
        context=CONTEXT,
        which=0,
    )


def sources(claim: Claim | None) -> list[str]:
    assert claim is not None and claim.role is Role.BUILD
    return [a.source for a in claim.artifacts]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ld -o x x.o", id="linker"),
        pytest.param("gccgo -o x x.go", id="gccgo"),
        pytest.param("./other.sh", id="script-not-in-context"),
    ],
)
def test_does_not_claim(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    ("text", "paths", "static"),
    [
        pytest.param("gcc -O2 -o app main.c -lz", ["/src/app"], False, id="gcc-o"),
        pytest.param(
            "g++-12 -std=c++17 -o/usr/local/bin/x x.cpp",
            ["/usr/local/bin/x"],
            False,
            id="gpp-attached",
        ),
        pytest.param("cc main.c", ["/src/a.out"], False, id="default-a-out"),
        pytest.param(
            "x86_64-linux-gnu-gcc -static -o s s.c", ["/src/s"], True, id="static"
        ),
        pytest.param("gcc -c -o main.o main.c", [], None, id="object-only"),
    ],
)
def test_compiler_calls(text: str, paths: list[str], static: bool | None) -> None:
    claim = claim_for(text)

    assert sources(claim) == paths
    assert claim is not None and claim.static_binary is static


@pytest.mark.parametrize(
    ("text", "entry", "env", "paths"),
    [
        pytest.param("make", ("./bin/app", "-v"), {}, ["/src/bin/app"], id="relative"),
        pytest.param("make -j4 app", ("/src/app",), {}, ["/src/app"], id="absolute"),
        pytest.param(
            "make", ("app",), {"PATH": "/src/bin:/usr/bin"}, ["/src/bin/app"], id="path"
        ),
        pytest.param("make -C sub", ("/usr/bin/env",), {}, [], id="entry-elsewhere"),
        pytest.param(
            "cmake --build build --parallel 2",
            ("./build/demo",),
            {},
            ["/src/build/demo"],
            id="cmake-build",
        ),
    ],
)
def test_build_tools_copy_what_the_entry_runs(
    text: str, entry: tuple[str, ...], env: dict[str, str], paths: list[str]
) -> None:
    assert sources(claim_for(text, entry=entry, env=env)) == paths


@pytest.mark.parametrize(
    ("text", "artifacts"),
    [
        pytest.param(
            "make install",
            [
                ("/usr/local/bin/tool", "/usr/local/bin/tool"),
                ("/usr/local/share/tool/data", "/usr/local/share/tool/data"),
            ],
            id="make-install-recipe",
        ),
        pytest.param(
            "make install PREFIX=/opt/tool",
            [
                ("/opt/tool/bin/tool", "/opt/tool/bin/tool"),
                ("/opt/tool/share/tool/data", "/opt/tool/share/tool/data"),
            ],
            id="make-install-prefix",
        ),
        pytest.param(
            "make install DESTDIR=/stage",
            [("/stage", "/stage")],
            id="make-install-staged-by-the-dockerfile",
        ),
        pytest.param(
            "cmake --install cm/build --prefix /usr/local",
            [
                ("/usr/local/bin/demo", "/usr/local/bin/demo"),
                ("/usr/local/lib/libdemoshared.so*", "/usr/local/lib/"),
                ("/usr/local/etc/demo/demo.conf", "/usr/local/etc/demo/demo.conf"),
            ],
            id="cmake-install",
        ),
        pytest.param(
            "make -C plain install",
            [(f"/usr/local/{f}",) * 2 for f in ("bin", "lib", "share")],
            id="unreadable-recipe-without-destdir",
        ),
        pytest.param(
            "make -C plain install prefix=/opt/x",
            [("/opt/x", "/opt/x")],
            id="unreadable-recipe-other-prefix",
        ),
    ],
)
def test_installs(text: str, artifacts: list[tuple[str, str]]) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.BUILD
    assert [(a.source, a.target) for a in claim.artifacts] == artifacts


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param("./configure --prefix=/usr/local", Role.BUILD, id="configure"),
        pytest.param(
            "cmake -S . -B build -DCMAKE_BUILD_TYPE=Release", Role.BUILD, id="cmake"
        ),
        pytest.param("pkg-config --libs sqlite3", Role.NOISE, id="pkg-config"),
        pytest.param("gcc --version", Role.NOISE, id="compiler-version"),
        pytest.param("patch -p1 -i fix.patch", Role.BUILD, id="patch"),
    ],
)
def test_configuration_steps(text: str, role: Role) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is role
    assert claim.artifacts == ()


def test_build_script_gathers_its_commands() -> None:
    claim = claim_for("./build.sh", entry=("./out/extra",))

    assert sources(claim) == ["/src/out/extra"]


@pytest.mark.parametrize(
    ("text", "replacement"),
    [
        pytest.param(
            "make install",
            "make install DESTDIR=/out",
            id="generated-makefile-not-in-context",
        ),
        pytest.param(
            "make -C generated install",
            "make -C generated install DESTDIR=/out",
            id="prefix-from-an-included-file",
        ),
        pytest.param(
            "cmake --install odd/build",
            "DESTDIR=/out cmake --install odd/build",
            id="cmake-prefix-chosen-at-configure",
        ),
    ],
)
def test_installs_that_cannot_be_listed_are_staged(text: str, replacement: str) -> None:
    (command,) = commands(text)
    state = StageState(
        base="gcc:12",
        workdir="/src/build",
        cwd="/src/build",
        app_folders=("/src",),
        context=MemoryContext(
            {k: v for k, v in CONTEXT.contents.items() if k != "Makefile"}
        )
        if text == "make install"
        else CONTEXT,
    )

    claim = RULE.claim(command, state)

    assert claim is not None and claim.role is Role.BUILD
    assert claim.replacement == replacement
    assert [(a.source, a.target) for a in claim.artifacts] == [("/out/", "/")]


def test_a_script_needing_an_edit_inside_is_unsafe() -> None:
    claim = claim_for("sh install.sh")

    assert claim is not None and claim.role is Role.UNSAFE


@pytest.mark.parametrize(
    ("compiler", "base", "runtime"),
    [
        pytest.param("g++", "alpine:3.19", ("libgcc", "libstdc++"), id="alpine-cxx"),
        pytest.param("gcc", "alpine:3.19", None, id="alpine-c"),
        pytest.param("g++", "gcc:12", None, id="glibc-cxx"),
    ],
)
def test_cxx_on_alpine_needs_its_runtime(
    compiler: str, base: str, runtime: tuple[str, ...] | None
) -> None:
    (command,) = commands(f"{compiler} -o app main.cpp")
    state = StageState(base=base, workdir="/src", cwd="/src", app_folders=("/src",))

    claim = RULE.claim(command, state)

    assert claim is not None
    packages = claim.packages.runtime if claim.packages else None
    assert packages == runtime


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.name)
        for case in ecosystem_cases.cases("buildable", "c-", "cpp-")
        + ecosystem_cases.cases("static", "alpine-c-", "autotools-", "ubuntu-apt-cmake")
    ],
)
def test_corpus_case_matches_the_expert_in_substance(case: Path) -> None:
    assert ecosystem_cases.differences(case) == {}
