"""Regenerate refactor/data/runtime-packages.json from Debian package metadata.

Usage: .venv/bin/python bench/gen_runtime_packages.py [--output F] [PACKAGES ...]

With no arguments it reads the bookworm `Packages` lists that `apt-get update`
left in /var/lib/apt/lists (main, updates and security, amd64). A `-dev`
package maps to the run-time libraries it depends on that come from its own
source package (libpq-dev -> libpq5); a `-dev` package with no library of its
own (libjpeg-dev, default-libmysqlclient-dev) is followed through the `-dev`
packages it depends on. The alpine and dnf/yum tables are written by hand
below: their indexes are not on this machine.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

SUITE = "bookworm"
LISTS = Path("/var/lib/apt/lists")
OUTPUT = Path(__file__).resolve().parent.parent / "refactor/data/runtime-packages.json"

# Installing these only ever serves a build: compilers, build systems, VCS,
# and headers for the interpreter an image already has.
DEBIAN_BUILD_ONLY = (
    "autoconf", "automake", "autopoint", "bison", "build-essential", "byacc",
    "cargo", "ccache", "clang", "cmake", "cpp", "default-jdk",
    "default-jdk-headless", "dpkg-dev", "flex", "g++", "g++-12", "gcc", "gcc-12",
    "gfortran", "git", "golang", "golang-go", "gradle", "libtool", "libtool-bin",
    "llvm", "m4", "make", "maven", "meson", "nasm", "ninja-build",
    "openjdk-17-jdk", "openjdk-17-jdk-headless", "patch", "pkg-config", "pkgconf",
    "python3-dev", "python3.11-dev", "python-dev-is-python3", "rustc", "scons",
    "swig", "yasm",
)  # fmt: skip

ALPINE_BUILD_ONLY = (
    "autoconf", "automake", "bison", "build-base", "cargo", "clang", "cmake",
    "flex", "gcc", "git", "go", "gradle", "libc-dev", "libtool",
    "linux-headers", "make", "maven", "meson", "musl-dev", "ninja",
    "openjdk17-jdk", "patch", "pkgconf", "pkgconfig", "python3-dev", "rust",
    "samurai",
)  # fmt: skip

ALPINE_RUNTIME = {
    # musl images lack the C++ run-time that glibc images always carry; plain
    # build-base is mostly for C, and the native rule adds it for C++ builds.
    "g++": ["libgcc", "libstdc++"],
    "bzip2-dev": ["libbz2"], "curl-dev": ["libcurl"], "expat-dev": ["libexpat"],
    "freetype-dev": ["freetype"], "gdbm-dev": ["gdbm"], "geos-dev": ["geos"],
    "gmp-dev": ["gmp"], "icu-dev": ["icu-libs"], "jpeg-dev": ["libjpeg-turbo"],
    "krb5-dev": ["krb5-libs"], "libevent-dev": ["libevent"],
    "libffi-dev": ["libffi"], "libjpeg-turbo-dev": ["libjpeg-turbo"],
    "libpng-dev": ["libpng"], "libpq-dev": ["libpq"], "libsodium-dev": ["libsodium"],
    "libuv-dev": ["libuv"], "libwebp-dev": ["libwebp"], "libxml2-dev": ["libxml2"],
    "libxslt-dev": ["libxslt"], "lz4-dev": ["lz4-libs"],
    "mariadb-connector-c-dev": ["mariadb-connector-c"],
    "mariadb-dev": ["mariadb-connector-c"], "ncurses-dev": ["ncurses-libs"],
    "openblas-dev": ["openblas"], "openldap-dev": ["libldap"],
    "openssl-dev": ["libssl3", "libcrypto3"], "pcre-dev": ["pcre"],
    "pcre2-dev": ["pcre2"], "postgresql-dev": ["libpq"],
    "readline-dev": ["readline"], "sqlite-dev": ["sqlite-libs"],
    "xz-dev": ["xz-libs"], "yaml-dev": ["yaml"], "zeromq-dev": ["libzmq"],
    "zlib-dev": ["zlib"], "zstd-dev": ["zstd-libs"],
}  # fmt: skip

RPM_BUILD_ONLY = (
    "Development Tools", "autoconf", "automake", "bison", "cmake", "flex", "gcc",
    "gcc-c++",
    "gcc-gfortran", "git", "glibc-devel", "golang", "java-17-openjdk-devel",
    "kernel-headers", "libtool", "make", "maven", "meson", "ninja-build", "patch",
    "pkgconf", "pkgconf-pkg-config", "pkgconfig", "python3-devel", "redhat-rpm-config",
    "rust", "cargo",
)  # fmt: skip

RPM_RUNTIME = {
    "bzip2-devel": ["bzip2-libs"], "expat-devel": ["expat"],
    "freetype-devel": ["freetype"], "gmp-devel": ["gmp"],
    "krb5-devel": ["krb5-libs"], "libcurl-devel": ["libcurl"],
    "libevent-devel": ["libevent"], "libffi-devel": ["libffi"],
    "libjpeg-turbo-devel": ["libjpeg-turbo"], "libpng-devel": ["libpng"],
    "libpq-devel": ["libpq"], "libuuid-devel": ["libuuid"],
    "libxml2-devel": ["libxml2"], "libxslt-devel": ["libxslt"],
    "libyaml-devel": ["libyaml"], "mariadb-connector-c-devel": ["mariadb-connector-c"],
    "mariadb-devel": ["mariadb-connector-c"], "ncurses-devel": ["ncurses-libs"],
    "openssl-devel": ["openssl-libs"], "pcre-devel": ["pcre"],
    "pcre2-devel": ["pcre2"], "postgresql-devel": ["libpq"],
    "readline-devel": ["readline"], "sqlite-devel": ["sqlite-libs"],
    "xz-devel": ["xz-libs"], "zlib-devel": ["zlib"],
}  # fmt: skip


@dataclass(frozen=True)
class Package:
    name: str
    source: str
    depends: tuple[str, ...]
    provides: tuple[str, ...]
    installed_kib: int


# A meta package only points at the real one; anything larger ships headers.
META_KIB = 100

# apt pulls these in through the library when it needs them.
NOT_A_LIBRARY = ("-bin", "-common", "-data", "-dbg", "-doc", "-tools", "-utils")


# Debian's packaging of crates, Haskell and OCaml libraries: no one apt-installs
# these in a Dockerfile, and they are thousands of entries.
LANGUAGE_PACKAGES = ("librust-", "libghc-", "libppx-", "libdune-", "libjs-")


def is_dev(name: str) -> bool:
    return name.endswith(("-dev", "-multidev")) or "-dev-" in name


def _names(field: str) -> tuple[str, ...]:
    """Package names of a Depends/Provides field; the first of each `a | b`."""
    names = []
    for clause in field.split(","):
        first = clause.split("|")[0].strip()
        if first:
            names.append(re.split(r"[\s(:]", first, maxsplit=1)[0])
    return tuple(names)


def parse_packages(text: str) -> Iterator[Package]:
    for paragraph in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in paragraph.splitlines():
            if line and not line[0].isspace() and ":" in line:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        if "Package" in fields:
            name = fields["Package"]
            yield Package(
                name=name,
                source=fields.get("Source", name).split()[0],
                depends=_names(fields.get("Depends", "")),
                provides=_names(fields.get("Provides", "")),
                installed_kib=int(fields.get("Installed-Size", "0")),
            )


def _is_c_library(name: str) -> bool:
    return name.startswith("lib") and not name.startswith(LANGUAGE_PACKAGES)


def _own_libraries(package: Package, index: Mapping[str, Package]) -> list[str]:
    stem = package.name.removesuffix("-dev")
    found = []
    for name in package.depends:
        dependency = index.get(name)
        if dependency is None or dependency.source != package.source:
            continue
        if is_dev(name) or name.endswith(NOT_A_LIBRARY):
            continue
        if name.startswith("lib") or name == stem:
            found.append(name)
    return found


def runtime_libraries(
    name: str, index: Mapping[str, Package], seen: frozenset[str] = frozenset()
) -> list[str]:
    package = index.get(name)
    if package is None or name in seen:
        return []

    found = _own_libraries(package, index)
    for dependency in package.depends:
        target = index.get(dependency)
        if target is None or not is_dev(dependency):
            continue
        # Another source's -dev is followed only out of a meta package
        # (default-libmysqlclient-dev); libpq-dev needing libssl-dev to build
        # does not make libssl3 libpq's to install: apt pulls it via libpq5.
        meta = not found and package.installed_kib <= META_KIB
        if target.source == package.source or meta:
            found += runtime_libraries(dependency, index, seen | {name})
    return sorted(set(found))


def debian_map(packages: Iterable[Package]) -> dict[str, list[str]]:
    index = {package.name: package for package in packages}
    mapping = {}
    for name in sorted(index):
        if is_dev(name):
            libraries = runtime_libraries(name, index)
            # An empty list is knowledge too (libboost-dev is headers only),
            # but not worth shipping for other languages' source packages.
            if libraries or _is_c_library(name):
                mapping[name] = libraries

    providers: dict[str, list[str]] = {}
    for package in index.values():
        for virtual in package.provides:
            providers.setdefault(virtual, []).append(package.name)
    for virtual, names in sorted(providers.items()):
        if virtual not in mapping and len(names) == 1 and names[0] in mapping:
            mapping[virtual] = mapping[names[0]]
    return dict(sorted(mapping.items()))


def _family(value: Mapping[str, object]) -> str:
    runtime = value["runtime"]
    assert isinstance(runtime, dict)
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in runtime.items())
    build_only = json.dumps(value["build_only"])
    return f'{{\n "build_only": {build_only},\n "runtime": {{\n{rows}\n }}\n}}'


def render(data: Mapping[str, Mapping[str, object]]) -> str:
    """Sorted JSON with one mapping a line, so a regeneration diffs readably."""
    entries = []
    # The header first, then the package families in order.
    for key, value in sorted(
        data.items(), key=lambda kv: (kv[0] != "generated", kv[0])
    ):
        text = (
            _family(value) if "runtime" in value else json.dumps(value, sort_keys=True)
        )
        entries.append(f"{json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(entries) + "\n}\n"


def read_list(path: Path) -> str:
    if path.suffix in {".lz4", ".xz", ".gz", ".bz2", ".zst"}:
        # apt's own helper knows every compression apt writes its lists in.
        return subprocess.run(
            ["/usr/lib/apt/apt-helper", "cat-file", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return path.read_text()


def default_lists() -> list[Path]:
    return sorted(LISTS.glob(f"*_dists_{SUITE}*_main_binary-amd64_Packages*"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("packages", nargs="*", type=Path, help="Packages files")
    options = parser.parse_args(argv)
    paths = options.packages or default_lists()
    if not paths:
        print(
            f"no {SUITE} Packages lists in {LISTS}; run apt-get update.",
            file=sys.stderr,
        )
        return 2

    packages = [p for path in paths for p in parse_packages(read_list(path))]
    debian = debian_map(packages)
    data = {
        "generated": {
            "suite": f"debian {SUITE}",
            "by": "bench/gen_runtime_packages.py",
            "from": sorted(path.name for path in paths),
            "rule": "a -dev package maps to the lib packages of its own source it "
            "depends on; alpine and rpm tables are hand-written",
        },
        "apt": {"build_only": sorted(DEBIAN_BUILD_ONLY), "runtime": debian},
        "apk": {"build_only": sorted(ALPINE_BUILD_ONLY), "runtime": ALPINE_RUNTIME},
        "rpm": {"build_only": sorted(RPM_BUILD_ONLY), "runtime": RPM_RUNTIME},
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(render(data))
    print(f"wrote {len(debian)} apt mappings to {options.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
