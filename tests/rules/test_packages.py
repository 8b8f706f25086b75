from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from refactor.rules.base import Claim, Role, StageState
from refactor.rules.packages import (
    RULE,
    install_run,
    package_for_soname,
    split_packages,
    tables,
)
from refactor.syntax.shell import SimpleCommand, commands

REPO = Path(__file__).resolve().parents[2]


def command(text: str) -> SimpleCommand:
    (only,) = commands(text)
    return only


def claim_for(text: str, base: str = "python:3.11", **env: str) -> Claim | None:
    return RULE.claim(command(text), StageState(base=base, env=env))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("pip install -r requirements.txt", id="pip"),
        pytest.param("apt-get source hello", id="other-verb"),
        pytest.param("dnf repolist", id="dnf-other"),
    ],
)
def test_does_not_claim(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    ("text", "build", "runtime"),
    [
        pytest.param(
            "apt-get install -y --no-install-recommends gcc libpq-dev",
            ("gcc", "libpq-dev"),
            ("libpq5",),
            id="apt-dev-to-lib",
        ),
        pytest.param(
            "apt-get -o Dpkg::Options::=--force-confnew -y install curl libssl-dev",
            ("libssl-dev",),
            ("curl", "libssl3"),
            id="apt-option-value-before-verb",
        ),
        pytest.param(
            "apt install -y build-essential libjpeg-dev zlib1g-dev",
            ("build-essential", "libjpeg-dev", "zlib1g-dev"),
            ("libjpeg62-turbo", "zlib1g"),
            id="apt-meta-dev",
        ),
        pytest.param(
            "apt-get install -y libpq-dev=15.3-1 libfoo-dev",
            ("libpq-dev=15.3-1",),
            ("libpq5=15.3-1", "libfoo-dev"),
            id="apt-pin-carries-unknown-stays",
        ),
        pytest.param(
            "apt-get install -y libboost-dev",
            ("libboost-dev",),
            (),
            id="apt-header-only",
        ),
        pytest.param(
            "apk add --no-cache build-base postgresql-dev curl",
            ("build-base", "postgresql-dev"),
            ("libpq", "curl"),
            id="apk",
        ),
        pytest.param(
            "apk add g++ openssl-dev",
            ("g++", "openssl-dev"),
            ("libgcc", "libstdc++", "libssl3", "libcrypto3"),
            id="apk-cxx-runtime",
        ),
        pytest.param(
            "apk add --no-cache --virtual .build-deps gcc musl-dev libffi-dev",
            ("gcc", "musl-dev", "libffi-dev"),
            (),
            id="apk-virtual-group",
        ),
        pytest.param(
            "dnf install -y --setopt install_weak_deps=False gcc openssl-devel",
            ("gcc", "openssl-devel"),
            ("openssl-libs",),
            id="dnf",
        ),
        pytest.param(
            "yum groupinstall -y 'Development Tools'",
            ("Development Tools",),
            (),
            id="yum-group",
        ),
    ],
)
def test_install_is_split(
    text: str, build: tuple[str, ...], runtime: tuple[str, ...]
) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.INSTALL
    assert claim.packages is not None
    assert (claim.packages.build, claim.packages.runtime) == (build, runtime)


def test_split_packages_keeps_unknown_and_order() -> None:
    split = split_packages(["tini", "make", "libyaml-dev", "tini"], manager="apt")

    assert split.build == ("make", "libyaml-dev")
    assert split.runtime == ("tini", "libyaml-0-2")


def test_other_suite_keeps_headers_but_drops_tools() -> None:
    claim = claim_for("apt-get install -y gcc libjpeg-dev", base="ubuntu:22.04")

    assert claim is not None and claim.packages is not None
    assert claim.packages.build == ("gcc",)
    assert claim.packages.runtime == ("libjpeg-dev",)


def test_packages_from_env_are_expanded() -> None:
    claim = claim_for("apt-get install -y $DEPS", DEPS="gcc libpq-dev")

    assert claim is not None and claim.packages is not None
    assert claim.packages.runtime == ("libpq5",)


def test_a_virtual_group_from_an_unknown_variable_is_build_only() -> None:
    claim = claim_for("apk add --no-cache --virtual .build-deps $buildDeps")

    assert claim is not None and claim.role is Role.INSTALL
    assert claim.packages is not None and claim.packages.runtime == ()


def test_packages_from_unknown_variable_are_unsafe() -> None:
    claim = claim_for("apt-get install -y $DEPS")

    assert claim is not None and claim.role is Role.UNSAFE


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("apt-get update", id="update"),
        pytest.param("apt-get -y purge --auto-remove gcc", id="purge"),
        pytest.param("apk del .build-deps", id="apk-del"),
        pytest.param("dnf clean all", id="dnf-clean"),
        pytest.param("apt-cache policy libpq5", id="apt-cache"),
        pytest.param("apt-mark auto '.*'", id="apt-mark"),
        pytest.param("dpkg --print-architecture", id="dpkg-query"),
        pytest.param("apk --print-arch", id="apk-arch"),
    ],
)
def test_cleanup_verbs_are_noise(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.NOISE


@pytest.mark.parametrize(
    ("manager", "packages", "expected"),
    [
        pytest.param(
            "apt",
            ["libpq5"],
            "RUN apt-get update \\\n"
            "    && apt-get install -y --no-install-recommends libpq5 \\\n"
            "    && rm -rf /var/lib/apt/lists/*",
            id="apt-wraps",
        ),
        pytest.param(
            "apt",
            ["libpq5", "libjpeg62-turbo", "libxml2"],
            "RUN apt-get update \\\n"
            "    && apt-get install -y --no-install-recommends libpq5 libjpeg62-turbo"
            " libxml2 \\\n"
            "    && rm -rf /var/lib/apt/lists/*",
            id="apt-wrapped",
        ),
        pytest.param("apk", ["libpq"], "RUN apk add --no-cache libpq", id="apk"),
        pytest.param(
            "dnf", ["libpq"], "RUN dnf install -y libpq && dnf clean all", id="dnf"
        ),
    ],
)
def test_install_run(manager: str, packages: list[str], expected: str) -> None:
    assert install_run(manager, packages) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libpq.so.5", "libpq5"),
        ("libssl.so.3", "libssl3"),
        ("libsqlite3.so.0", "libsqlite3-0"),
        ("libyaml-0.so.2", "libyaml-0-2"),
        ("libz.so.1", "zlib1g"),
        ("libstdc++.so.6", "libstdc++6"),
        ("libmariadb.so.3", "libmariadb3"),
        ("libnotalibrary.so.9", None),
        ("libm.so.6", "libc6"),
        ("libnss_mdns.so.2", None),
        ("libdb-5.3.so", None),
        ("ld-linux-x86-64.so.2", "libc6"),
    ],
)
def test_package_for_soname(soname: str, package: str | None) -> None:
    assert package_for_soname(soname) == package


def test_shipped_data_names_its_origin_and_the_classic_pairs() -> None:
    apt = tables()["apt"].runtime

    assert {k: apt[k] for k in ("libpq-dev", "libssl-dev", "libsqlite3-dev")} == {
        "libpq-dev": ("libpq5",),
        "libssl-dev": ("libssl3",),
        "libsqlite3-dev": ("libsqlite3-0",),
    }
    header = json.loads((REPO / "refactor/data/runtime-packages.json").read_text())
    assert header["generated"]["suite"] == "debian bookworm"


def test_generator_reads_a_packages_file(tmp_path: Path) -> None:
    index = tmp_path / "Packages"
    index.write_text(
        "Package: libdemo-dev\nSource: demo\nInstalled-Size: 300\n"
        "Depends: libdemo7 (= 1.0), libother-dev, libc6\n\n"
        "Package: libdemo7\nSource: demo\nInstalled-Size: 90\nDepends: libc6\n\n"
        "Package: libother-dev\nSource: other\nInstalled-Size: 50\n"
        "Depends: libother1\n\n"
        "Package: libother1\nSource: other\nInstalled-Size: 50\n\n"
        "Package: libc6\nSource: glibc\nInstalled-Size: 9000\n"
    )
    script = REPO / "bench/gen_runtime_packages.py"
    output = tmp_path / "out.json"

    subprocess.run(
        [sys.executable, str(script), "--output", str(output), str(index)], check=True
    )

    runtime = json.loads(output.read_text())["apt"]["runtime"]
    assert runtime == {"libdemo-dev": ["libdemo7"], "libother-dev": ["libother1"]}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param("apt-key adv --recv-keys ABC", Role.SETUP, id="apt-key"),
        pytest.param("add-apt-repository ppa:x/y", Role.SETUP, id="ppa"),
        pytest.param("dpkg --add-architecture i386", Role.SETUP, id="architecture"),
        pytest.param("dpkg -i /tmp/tool.deb", Role.UNSAFE, id="local-deb"),
        pytest.param("rpm -ivh /tmp/tool.rpm", Role.UNSAFE, id="local-rpm"),
    ],
)
def test_package_system_setup(text: str, role: Role) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is role


def test_build_dep_is_build_only() -> None:
    claim = claim_for("apt-get build-dep -y python3")

    assert claim is not None and claim.packages is not None
    assert claim.role is Role.INSTALL
    assert claim.packages.runtime == ()
