"""Each stand-in base image builds a small mono-stage Dockerfile that runs.

The stand-ins come from tests/engine/up. Every case builds on one of them with
BuildKit, runs the result as a bounded container without network, and checks
what it prints; the toolchain cases compile their program during the build.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.engine

TAG_PREFIX = "refactor-test-standin"
OUTPUT_LIMIT = 1 << 20
RUN_SECONDS = 60
BUILD_SECONDS = 300

HELLO_C = '#include <stdio.h>\nint main(void) { printf("c %d\\n", 6 * 7); return 0; }\n'
HELLO_CPP = (
    "#include <iostream>\n#include <string>\n"
    'int main() { std::cout << std::string("cc ") << 6 * 7 << std::endl; }\n'
)
HELLO_GO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("go", 6*7) }\n'
HELLO_RS = 'fn main() { println!("rust {}", 6 * 7); }\n'
HELLO_JAVA = (
    "public class Hello {\n"
    '  public static void main(String[] a) { System.out.println("java " + 6 * 7); }\n'
    "}\n"
)


@dataclass(frozen=True)
class Case:
    base: str
    dockerfile: str
    expect: str
    sources: dict[str, str] = field(default_factory=dict)


CASES = {
    "debian-bookworm": Case(
        base="debian:bookworm",
        dockerfile='FROM debian:bookworm\nRUN echo "debian $((6 * 7))" >/greeting\n'
        'CMD ["cat", "/greeting"]\n',
        expect="debian 42",
    ),
    "debian-bookworm-slim": Case(
        base="debian:bookworm-slim",
        dockerfile='FROM debian:bookworm-slim\nRUN echo "slim $((6 * 7))" >/greeting\n'
        'CMD ["cat", "/greeting"]\n',
        expect="slim 42",
    ),
    "python-3.11": Case(
        base="python:3.11",
        dockerfile="FROM python:3.11\n"
        "RUN pip --version && python -c 'import ssl, sqlite3, venv'\n"
        "RUN python -m venv /opt/venv && /opt/venv/bin/python -c 'import sys'\n"
        """CMD ["python", "-c", "print('python', 6 * 7)"]\n""",
        expect="python 42",
    ),
    "python-3.11-slim": Case(
        base="python:3.11-slim",
        dockerfile="FROM python:3.11-slim\n"
        'RUN pip --version && test -s "$PIP_CERT"\n'
        "RUN python -m venv /opt/venv && /opt/venv/bin/python -c 'import sys'\n"
        """CMD ["python", "-c", "print('python', 6 * 7)"]\n""",
        expect="python 42",
    ),
    "node-18": Case(
        base="node:18",
        dockerfile="FROM node:18\nRUN npm --version && npx --version\n"
        """CMD ["node", "-e", "console.log('node', 6 * 7)"]\n""",
        expect="node 42",
    ),
    "node-18-slim": Case(
        base="node:18-slim",
        dockerfile="FROM node:18-slim\n"
        'RUN npm --version && test -s "$NODE_EXTRA_CA_CERTS"\n'
        """CMD ["-e", "console.log('node', 6 * 7)"]\n""",
        expect="node 42",
    ),
    "golang-1.19": Case(
        base="golang:1.19",
        dockerfile="FROM golang:1.19\nWORKDIR /src\nCOPY hello.go .\n"
        "RUN CGO_ENABLED=0 go build -o /usr/local/bin/hello hello.go\n"
        'CMD ["hello"]\n',
        expect="go 42",
        sources={"hello.go": HELLO_GO},
    ),
    "rust-1.63": Case(
        base="rust:1.63",
        dockerfile="FROM rust:1.63\nWORKDIR /src\nCOPY hello.rs .\n"
        "RUN cargo --version && rustc -O -o /usr/local/bin/hello hello.rs\n"
        'CMD ["hello"]\n',
        expect="rust 42",
        sources={"hello.rs": HELLO_RS},
    ),
    "gcc-12": Case(
        base="gcc:12",
        dockerfile="FROM gcc:12\nWORKDIR /src\nCOPY hello.c .\n"
        "RUN make --version && gcc -O2 -o /usr/local/bin/hello hello.c\n"
        'CMD ["hello"]\n',
        expect="c 42",
        sources={"hello.c": HELLO_C},
    ),
    "eclipse-temurin-17-jdk": Case(
        base="eclipse-temurin:17-jdk",
        dockerfile="FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY Hello.java .\n"
        'RUN javac Hello.java && test -x "$JAVA_HOME/bin/java"\n'
        'CMD ["java", "-cp", "/app", "Hello"]\n',
        expect="java 42",
        sources={"Hello.java": HELLO_JAVA},
    ),
    "eclipse-temurin-17-jre": Case(
        base="eclipse-temurin:17-jre",
        dockerfile="FROM eclipse-temurin:17-jre\nRUN ! command -v javac\n"
        'CMD ["java", "-version"]\n',
        expect='openjdk version "17',
    ),
    "distroless-static": Case(
        base="gcr.io/distroless/static-debian12",
        dockerfile="FROM gcc:12 AS builder\nCOPY hello.c .\n"
        "RUN gcc -static -O2 -o /hello hello.c\n"
        "FROM gcr.io/distroless/static-debian12\nCOPY --from=builder /hello /hello\n"
        'USER nonroot\nCMD ["/hello"]\n',
        expect="c 42",
        sources={"hello.c": HELLO_C},
    ),
    "distroless-cc": Case(
        base="gcr.io/distroless/cc-debian12",
        dockerfile="FROM gcc:12 AS builder\nCOPY hello.cpp .\n"
        "RUN g++ -O2 -o /hello hello.cpp\n"
        "FROM gcr.io/distroless/cc-debian12\nCOPY --from=builder /hello /hello\n"
        'USER nonroot\nCMD ["/hello"]\n',
        expect="cc 42",
        sources={"hello.cpp": HELLO_CPP},
    ),
}

WITH_GCC = [
    "buildpack-deps:bookworm", "python:3.11", "node:18", "golang:1.19", "rust:1.63",
    "gcc:12",
]  # fmt: skip
WITHOUT_GCC = [
    "debian:bookworm-slim", "python:3.11-slim", "node:18-slim",
    "eclipse-temurin:17-jdk", "eclipse-temurin:17-jre",
]  # fmt: skip
TWINS = [("python:3.11", "python:3.11-slim"), ("node:18", "node:18-slim")]
CONFIG_KEYS = ("Env", "Cmd", "Entrypoint", "WorkingDir", "User")


def bounded_run(
    argv: list[str], *, timeout: float, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run argv with stdout and stderr together, reading at most OUTPUT_LIMIT."""
    with subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as process:
        assert process.stdout is not None
        try:
            output = process.stdout.read(OUTPUT_LIMIT)
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    return status, output.decode(errors="replace")


def run_container(docker: str, image: str, *argv: str) -> tuple[int, str]:
    command = [
        "timeout", str(RUN_SECONDS), docker, "run", "--rm", "--network", "none",
        "--log-driver", "none", "--memory", "512m", "--pids-limit", "256",
        image, *argv,
    ]  # fmt: skip
    return bounded_run(command, timeout=RUN_SECONDS + 10)


@pytest.fixture
def built(docker_cli: str) -> Iterator[list[str]]:
    """The tags a test builds, removed once it is done."""
    tags: list[str] = []
    yield tags
    if tags:
        subprocess.run([docker_cli, "rmi", "--force", *tags], capture_output=True)


def build(docker: str, context: Path, tag: str) -> str:
    command = ["timeout", str(BUILD_SECONDS), docker, "build", "--network", "host"]
    command += ["--progress", "plain", "-t", tag]
    env = dict(os.environ, DOCKER_BUILDKIT="1")
    status, output = bounded_run(
        [*command, str(context)], timeout=BUILD_SECONDS + 10, env=env
    )
    assert status == 0, output[-3000:]
    return tag


def require(docker: str, image: str) -> None:
    present = subprocess.run(
        [docker, "image", "inspect", image], capture_output=True, timeout=60
    )
    assert present.returncode == 0, f"{image} is missing: run tests/engine/up"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_mono_stage_dockerfile_builds_and_runs(
    name: str, docker_cli: str, tmp_path: Path, built: list[str]
) -> None:
    case = CASES[name]
    require(docker_cli, case.base)
    (tmp_path / "Dockerfile").write_text(case.dockerfile)
    for filename, text in case.sources.items():
        (tmp_path / filename).write_text(text)

    tag = build(docker_cli, tmp_path, f"{TAG_PREFIX}-{name}:latest")
    built.append(tag)
    status, output = run_container(docker_cli, tag)

    assert status == 0, output
    assert case.expect in output


def has_gcc_or_headers(docker: str, image: str) -> bool:
    probe = "command -v gcc || command -v cc || ls /usr/include/openssl/ssl.h"
    status, _ = run_container(docker, image, "sh", "-c", probe)
    return status == 0


@pytest.mark.parametrize("image", WITH_GCC)
def test_toolchain_images_have_gcc_and_headers(docker_cli: str, image: str) -> None:
    require(docker_cli, image)

    status, output = run_container(
        docker_cli, image, "sh", "-c", "gcc --version && ls /usr/include/openssl/ssl.h"
    )

    assert status == 0, output


@pytest.mark.parametrize("image", WITHOUT_GCC)
def test_runtime_images_have_no_gcc_nor_headers(docker_cli: str, image: str) -> None:
    require(docker_cli, image)

    assert not has_gcc_or_headers(docker_cli, image)


def config(docker: str, image: str) -> dict[str, object]:
    inspected = subprocess.run(
        [docker, "image", "inspect", "--format", "{{json .Config}}", image],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded: dict[str, object] = json.loads(inspected.stdout)
    return {key: loaded.get(key) for key in CONFIG_KEYS}


@pytest.mark.parametrize(("full", "slim"), TWINS, ids=["python", "node"])
def test_full_and_slim_twins_share_their_config(
    docker_cli: str, full: str, slim: str
) -> None:
    require(docker_cli, full)
    require(docker_cli, slim)

    assert config(docker_cli, full) == config(docker_cli, slim)
