from __future__ import annotations

import pytest

from refactor.plan.bases import (
    BaseMapError,
    debian_suite,
    final_base_for,
    parse_base_map,
    parse_image,
    substitute,
)


@pytest.mark.parametrize(
    ("text", "registry", "path", "tag", "digest"),
    [
        pytest.param("python", None, "python", None, None, id="bare"),
        pytest.param("python:3.11", None, "python", "3.11", None, id="tag"),
        pytest.param("library/node:18", None, "library/node", "18", None, id="ns"),
        pytest.param(
            "localhost:5000/team/app:1@sha256:ab",
            "localhost:5000",
            "team/app",
            "1",
            "sha256:ab",
            id="registry-port-digest",
        ),
        pytest.param(
            "gcr.io/distroless/cc-debian12",
            "gcr.io",
            "distroless/cc-debian12",
            None,
            None,
            id="dotted-registry",
        ),
        pytest.param("team/app", None, "team/app", None, None, id="not-a-registry"),
    ],
)
def test_parse_image_splits_and_renders_back(
    text: str, registry: str | None, path: str, tag: str | None, digest: str | None
) -> None:
    image = parse_image(text)

    assert (image.registry, image.path, image.tag, image.digest) == (
        registry,
        path,
        tag,
        digest,
    )
    assert str(image) == text


# (builder base, needs_shell, static_binary, final base)
POLICY = [
    ("python:3.11", False, False, "python:3.11-slim"),
    ("python:3.11-bookworm", False, False, "python:3.11-slim-bookworm"),
    ("python:3.12.1-bullseye", False, False, "python:3.12.1-slim-bullseye"),
    ("python", False, False, "python:slim"),
    ("python:3.11-slim", False, False, "python:3.11-slim"),
    ("python:3.11-alpine3.19", False, False, "python:3.11-alpine3.19"),
    ("python:3.11@sha256:abcd", False, False, "python:3.11-slim"),
    (
        "docker.io/library/python:3.11",
        False,
        False,
        "docker.io/library/python:3.11-slim",
    ),
    ("node:18", False, False, "node:18-slim"),
    ("node:18-bookworm", False, False, "node:18-bookworm-slim"),
    ("node:18-alpine", False, False, "node:18-alpine"),
    ("node:lts", False, False, "node:lts-slim"),
    ("golang:1.19", False, True, "gcr.io/distroless/static-debian12"),
    ("golang:1.19", False, False, "gcr.io/distroless/cc-debian12"),
    ("golang:1.19", True, True, "debian:bookworm-slim"),
    ("golang:1.20-bullseye", True, False, "debian:bullseye-slim"),
    ("golang:1.21-alpine3.18", False, True, "alpine:3.18"),
    ("golang:alpine", True, False, "alpine:3"),
    ("rust:1.63", False, False, "gcr.io/distroless/cc-debian12"),
    ("rust:1.63", True, False, "debian:bookworm-slim"),
    ("rust:1.70-slim-bullseye", False, False, "gcr.io/distroless/cc-debian11"),
    ("gcc:12", True, False, "debian:bookworm-slim"),
    ("gcc:12", False, False, "debian:bookworm-slim"),
    ("gcc:12-bullseye", False, True, "debian:bullseye-slim"),
    ("debian:bookworm", True, False, "debian:bookworm-slim"),
    ("debian:12", True, False, "debian:12-slim"),
    ("debian", True, False, "debian:stable-slim"),
    ("debian:bookworm-slim", True, False, "debian:bookworm-slim"),
    ("buildpack-deps:bullseye", True, False, "debian:bullseye-slim"),
    ("ubuntu:22.04", True, False, "ubuntu:22.04"),
    ("alpine:3.19", True, False, "alpine:3.19"),
    ("eclipse-temurin:17-jdk", True, False, "eclipse-temurin:17-jre"),
    ("eclipse-temurin:17", True, False, "eclipse-temurin:17-jre"),
    ("eclipse-temurin:21-jdk-jammy", True, False, "eclipse-temurin:21-jre-jammy"),
    ("eclipse-temurin:17-jdk-alpine", True, False, "eclipse-temurin:17-jre-alpine"),
    ("eclipse-temurin:17-jre", True, False, "eclipse-temurin:17-jre"),
    ("openjdk:17", True, False, "eclipse-temurin:17-jre"),
    ("openjdk:11-jdk-slim", True, False, "eclipse-temurin:11-jre"),
    ("openjdk:8-jre-alpine", True, False, "openjdk:8-jre-alpine"),
    ("maven:3.9-eclipse-temurin-17", True, False, "eclipse-temurin:17-jre"),
    (
        "maven:3.9-eclipse-temurin-17-alpine",
        True,
        False,
        "eclipse-temurin:17-jre-alpine",
    ),
    ("maven:3.8-openjdk-11", True, False, "eclipse-temurin:11-jre"),
    ("gradle:8.5-jdk17", True, False, "eclipse-temurin:17-jre"),
    ("gradle:jdk21-jammy", True, False, "eclipse-temurin:21-jre-jammy"),
    (
        "gcr.io/distroless/base-debian12",
        False,
        False,
        "gcr.io/distroless/base-debian12",
    ),
]


@pytest.mark.parametrize(
    ("base", "shell", "static", "final"), [pytest.param(*p, id=p[0]) for p in POLICY]
)
def test_default_policy(base: str, shell: bool, static: bool, final: str) -> None:
    assert (
        final_base_for(base, needs_shell=shell, static_binary=static, base_map={})
        == final
    )


@pytest.mark.parametrize(
    "base",
    [
        pytest.param("bitnami/python:3.11", id="namespaced"),
        pytest.param("mcr.microsoft.com/windows/servercore:ltsc2022", id="windows"),
        pytest.param("python:3.11-windowsservercore", id="windows-tag"),
        pytest.param("maven:3.9", id="maven-unknown-jdk"),
        pytest.param("eclipse-temurin", id="temurin-untagged"),
        pytest.param("scratch", id="scratch"),
        pytest.param("centos:7", id="unknown"),
    ],
)
def test_no_known_final_base(base: str) -> None:
    assert (
        final_base_for(base, needs_shell=True, static_binary=False, base_map={}) is None
    )


BASE_MAP = {
    "python:3.11": "mirror.corp/python:3.11-slim-hardened",
    "golang:*": "mirror.corp/static:latest",
    "mirror.corp/node:*": "mirror.corp/node:*-slim",
    "centos:7": "centos:7",
}


@pytest.mark.parametrize(
    ("base", "final"),
    [
        pytest.param(
            "python:3.11", "mirror.corp/python:3.11-slim-hardened", id="exact"
        ),
        pytest.param(
            "python:3.11@sha256:ab",
            "mirror.corp/python:3.11-slim-hardened",
            id="exact-ignoring-digest",
        ),
        pytest.param("python:3.12", "python:3.12-slim", id="no-entry-policy"),
        pytest.param("golang:1.19", "mirror.corp/static:latest", id="wildcard"),
        pytest.param("mirror.corp/node:18", "mirror.corp/node:18-slim", id="star-tag"),
        pytest.param("centos:7", "centos:7", id="unknown-made-known"),
        pytest.param(
            "docker.io/library/golang:1.22",
            "mirror.corp/static:latest",
            id="hub-spelling-wildcard",
        ),
        pytest.param(
            "library/python:3.11",
            "mirror.corp/python:3.11-slim-hardened",
            id="hub-spelling-exact",
        ),
    ],
)
def test_base_map_overrides(base: str, final: str) -> None:
    answer = final_base_for(
        base, needs_shell=False, static_binary=True, base_map=BASE_MAP
    )

    assert answer == final


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "python:3.11: py-slim:3.11\n", {"python:3.11": "py-slim:3.11"}, id="yaml"
        ),
        pytest.param('{"golang:*": "static"}', {"golang:*": "static"}, id="json"),
        pytest.param("", {}, id="empty"),
    ],
)
def test_parse_base_map(text: str, expected: dict[str, str]) -> None:
    assert parse_base_map(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- python\n", id="a-list"),
        pytest.param("python: [a, b]\n", id="not-a-name"),
        pytest.param("python: {\n", id="broken"),
    ],
)
def test_parse_base_map_refuses(text: str) -> None:
    assert isinstance(parse_base_map(text), BaseMapError)


@pytest.mark.parametrize(
    ("base", "args", "expected"),
    [
        pytest.param("python:${PY}", {"PY": "3.11"}, "python:3.11", id="braces"),
        pytest.param("python:$PY-slim", {"PY": "3.11"}, "python:3.11-slim", id="bare"),
        pytest.param("python:${PY:-3.10}", {}, "python:3.10", id="default"),
        pytest.param("${REG}/python:3.11", {}, None, id="unknown"),
        pytest.param("node:18", {}, "node:18", id="no-variable"),
    ],
)
def test_substitute(base: str, args: dict[str, str], expected: str | None) -> None:
    assert substitute(base, args) == expected


@pytest.mark.parametrize(
    ("base", "suite"),
    [
        pytest.param("python:3.11", None, id="unsaid"),
        pytest.param("python:3.11-slim-bullseye", "bullseye", id="python-suite"),
        pytest.param("debian:12-slim", "bookworm", id="debian-number"),
        pytest.param("debian:trixie", "trixie", id="debian-name"),
        pytest.param("ubuntu:22.04", "ubuntu-22.04", id="ubuntu"),
        pytest.param("eclipse-temurin:17-jdk-jammy", "jammy", id="ubuntu-suite-tag"),
    ],
)
def test_debian_suite(base: str, suite: str | None) -> None:
    assert debian_suite(base) == suite
