from __future__ import annotations

from pathlib import Path

import ecosystem_cases
import pytest

from refactor.context import MemoryContext
from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Role
from refactor.rules.go import RULE
from tests.rules.claims import claim_in_app

MAIN = "package main\n\nfunc main() {}\n"
CGO = 'package main\n\n// #include <zlib.h>\nimport "C"\n\nfunc main() {}\n'
CONTEXT = MemoryContext(
    {
        "go.mod": "module example.com/shop/v2\n\ngo 1.19\n",
        "main.go": MAIN,
        "cmd/api/main.go": MAIN,
        "cmd/worker/main.go": MAIN,
        "internal/store/store.go": "package store\n",
    }
)


def claim_for(
    text: str,
    *,
    context: MemoryContext | None = CONTEXT,
    entry: tuple[str, ...] = ("server",),
    env: dict[str, str] | None = None,
    base: str = "golang:1.19",
) -> Claim | None:
    return claim_in_app(RULE, text, base=base, entry=entry, env=env, context=context)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("gofmt -l .", id="gofmt"),
        pytest.param("go run ./tools/gen", id="go-run-unknown"),
        pytest.param("go", id="bare-go"),
        pytest.param("cargo build", id="other-tool"),
    ],
)
def test_does_not_claim(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("go mod download", id="mod-download"),
        pytest.param("go test -run TestX -count 1 ./...", id="test"),
        pytest.param("go vet ./...", id="vet"),
        pytest.param("godep restore", id="godep"),
        pytest.param("go-wrapper download", id="go-wrapper-download"),
    ],
)
def test_builder_only_commands_are_noise(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.NOISE


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        pytest.param("go build -o server", ["/app/server"], id="o-relative"),
        pytest.param("go build -o=/usr/local/bin/x .", ["/usr/local/bin/x"], id="o-eq"),
        pytest.param("go build", ["/app/shop"], id="module-name-major-skipped"),
        pytest.param("go build ./cmd/api", ["/app/api"], id="package-name"),
        pytest.param("go build main.go", ["/app/main"], id="file-name"),
        pytest.param(
            "go build -o bin/ ./cmd/...",
            ["/app/bin/api", "/app/bin/worker"],
            id="o-folder-many",
        ),
        pytest.param("go build ./...", [], id="many-discarded"),
        pytest.param(
            "go build -C cmd/api -o /out/api", ["/out/api"], id="change-folder"
        ),
    ],
)
def test_build_outputs(text: str, paths: list[str]) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.BUILD
    assert [a.source for a in claim.artifacts] == paths
    assert all(a.source == a.target for a in claim.artifacts)


def test_install_moves_onto_path_unless_entry_names_it() -> None:
    by_name = claim_for("go install ./cmd/api", entry=("api",))
    by_path = claim_for("go install ./cmd/api", entry=("/go/bin/api",))
    with_gobin = claim_for("go install .", env={"GOBIN": "/opt/bin"}, entry=("x",))

    assert by_name is not None and by_path is not None and with_gobin is not None
    why = "built by go install"
    assert by_name.artifacts == (Artifact("/go/bin/api", "/usr/local/bin/api", why),)
    assert by_path.artifacts == (Artifact("/go/bin/api", "/go/bin/api", why),)
    assert with_gobin.artifacts == (
        Artifact("/opt/bin/shop", "/usr/local/bin/shop", why),
    )


def test_install_elsewhere_uses_home_go() -> None:
    claim = claim_for("go install ./cmd/api", base="debian:bookworm", entry=("api",))

    assert claim is not None
    assert claim.artifacts[0].source == "/root/go/bin/api"


def test_static_build_turns_cgo_off() -> None:
    claim = claim_for("go build -o server .")

    assert claim is not None
    assert claim.replacement == "CGO_ENABLED=0 go build -o server ."
    assert claim.static_binary is True
    assert claim.left_behind == ("/app/**/*.go",)


@pytest.mark.parametrize(
    ("text", "env", "context", "static"),
    [
        pytest.param("CGO_ENABLED=0 go build", {}, CONTEXT, True, id="assigned-off"),
        pytest.param("CGO_ENABLED=1 go build", {}, CONTEXT, False, id="assigned-on"),
        pytest.param("go build", {"CGO_ENABLED": "0"}, CONTEXT, True, id="env-off"),
        pytest.param("go build -race", {}, CONTEXT, False, id="race"),
        pytest.param(
            "go build",
            {},
            MemoryContext({"go.mod": "module crc\n", "main.go": CGO}),
            False,
            id="imports-c",
        ),
    ],
)
def test_the_dockerfile_or_the_code_decides_cgo(
    text: str, env: dict[str, str], context: MemoryContext, static: bool
) -> None:
    claim = claim_for(text, env=env, context=context)

    assert claim is not None
    assert claim.replacement is None
    assert claim.static_binary is static


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.name)
        for case in ecosystem_cases.cases("buildable", "go-")
        + ecosystem_cases.cases("static", "alpine-go", "run-mount-cache-go")
    ],
)
def test_corpus_case_matches_the_expert_in_substance(case: Path) -> None:
    assert ecosystem_cases.differences(case) == {}


def test_install_without_context_names_the_entry_program() -> None:
    claim = claim_for("go install ./...", context=None, entry=("gateway", "-v"))

    assert claim is not None
    assert claim.artifacts == (
        Artifact("/go/bin/gateway", "/usr/local/bin/gateway", "built by go install"),
    )


def test_go_wrapper_install_is_go_install_of_the_folder() -> None:
    claim = claim_for("go-wrapper install", entry=("shop",))

    assert claim is not None and claim.role is Role.BUILD
    assert claim.replacement == "CGO_ENABLED=0 go-wrapper install"
    assert [(a.source, a.target) for a in claim.artifacts] == [
        ("/go/bin/shop", "/usr/local/bin/shop")
    ]
