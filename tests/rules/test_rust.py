from __future__ import annotations

from pathlib import Path

import ecosystem_cases
import pytest

from refactor.context import MemoryContext
from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Role, StageState
from refactor.rules.rust import RULE
from refactor.syntax.shell import commands
from tests.rules.claims import claim_in_app

SINGLE = MemoryContext(
    {
        "Cargo.toml": '[package]\nname = "web-app"\nversion = "0.1.0"\n',
        "src/main.rs": "fn main() {}\n",
        "src/bin/migrate.rs": "fn main() {}\n",
        "src/bin/seed/main.rs": "fn main() {}\n",
    }
)
WORKSPACE = MemoryContext(
    {
        "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
        "crates/core/Cargo.toml": '[package]\nname = "core"\n',
        "crates/core/src/lib.rs": "",
        "crates/cli/Cargo.toml": (
            '[package]\nname = "tool-cli"\n\n[[bin]]\nname = "tool"\n'
            'path = "src/main.rs"\n'
        ),
        "crates/cli/src/main.rs": "fn main() {}\n",
        "crates/daemon/Cargo.toml": '[package]\nname = "daemon"\n',
        "crates/daemon/src/main.rs": "fn main() {}\n",
    }
)


def claim_for(
    text: str,
    *,
    context: MemoryContext = SINGLE,
    entry: tuple[str, ...] = ("app",),
    env: dict[str, str] | None = None,
    base: str = "rust:1.63",
) -> Claim | None:
    return claim_in_app(
        RULE, text, base=base, app="/src", entry=entry, env=env, context=context
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("cargo run --release", id="run"),
        pytest.param("rustc main.rs", id="rustc"),
        pytest.param("cargo", id="bare"),
    ],
)
def test_does_not_claim(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("cargo test --workspace --release", id="test"),
        pytest.param("cargo fetch --locked", id="fetch"),
        pytest.param("cargo +nightly clippy", id="toolchain-clippy"),
        pytest.param("cargo chef cook --release", id="chef"),
        pytest.param("rustup target add x86_64-unknown-linux-musl", id="rustup"),
    ],
)
def test_source_only_commands_are_noise(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.NOISE


@pytest.mark.parametrize(
    ("text", "context", "env", "paths"),
    [
        pytest.param(
            "cargo build --release",
            SINGLE,
            {},
            [
                "/src/target/release/web-app",
                "/src/target/release/migrate",
                "/src/target/release/seed",
            ],
            id="package-and-src-bin",
        ),
        pytest.param(
            "cargo build --release --bin migrate",
            SINGLE,
            {},
            ["/src/target/release/migrate"],
            id="one-bin",
        ),
        pytest.param(
            "cargo build --bin web-app",
            SINGLE,
            {},
            ["/src/target/debug/web-app"],
            id="debug",
        ),
        pytest.param(
            "cargo build -r --target x86_64-unknown-linux-musl --bin web-app",
            SINGLE,
            {},
            ["/src/target/x86_64-unknown-linux-musl/release/web-app"],
            id="triple",
        ),
        pytest.param(
            "cargo build --profile=dist --bin seed",
            SINGLE,
            {"CARGO_TARGET_DIR": "/cache/target"},
            ["/cache/target/dist/seed"],
            id="profile-and-target-dir",
        ),
        pytest.param(
            "cargo build --release -p tool-cli",
            WORKSPACE,
            {},
            ["/src/target/release/tool"],
            id="workspace-package",
        ),
        pytest.param(
            "cargo build --release",
            WORKSPACE,
            {},
            ["/src/target/release/daemon", "/src/target/release/tool"],
            id="workspace-all",
        ),
    ],
)
def test_build_outputs(
    text: str, context: MemoryContext, env: dict[str, str], paths: list[str]
) -> None:
    claim = claim_for(text, context=context, env=env)

    assert claim is not None and claim.role is Role.BUILD
    assert sorted(a.source for a in claim.artifacts) == sorted(paths)
    assert all(a.source == a.target for a in claim.artifacts)


def test_build_in_a_member_folder_uses_the_workspace_target() -> None:
    (command,) = commands("cargo build --release")
    state = StageState(
        base="rust:1.63",
        workdir="/src/crates/daemon",
        cwd="/src/crates/daemon",
        app_folders=("/src",),
        context=WORKSPACE,
    )

    claim = RULE.claim(command, state)

    assert claim is not None
    assert [a.source for a in claim.artifacts] == ["/src/target/release/daemon"]


def test_static_only_for_musl() -> None:
    glibc = claim_for("cargo build --release")
    musl = claim_for("cargo build --release --target x86_64-unknown-linux-musl")

    assert glibc is not None and musl is not None
    assert (glibc.static_binary, musl.static_binary) == (False, True)
    assert glibc.left_behind == ("/src/**/*.rs", "/src/target/**")


@pytest.mark.parametrize(
    ("text", "entry", "env", "artifacts"),
    [
        pytest.param(
            "cargo install --path . --bin web-app",
            ("web-app",),
            {},
            [("/usr/local/cargo/bin/web-app", "/usr/local/bin/web-app")],
            id="path-onto-PATH",
        ),
        pytest.param(
            "cargo install --path . --root /out --bin seed",
            ("/out/bin/seed",),
            {},
            [("/out/bin/seed", "/out/bin/seed")],
            id="root-named-by-entry",
        ),
        pytest.param(
            "cargo install --locked ripgrep@14.1.0",
            ("rg",),
            {"CARGO_HOME": "/opt/cargo"},
            [("/opt/cargo/bin/rg", "/usr/local/bin/rg")],
            id="registry-crate-known-binary",
        ),
        pytest.param(
            "cargo install hyperfine",
            ("hyperfine",),
            {},
            [("/usr/local/cargo/bin/hyperfine", "/usr/local/bin/hyperfine")],
            id="registry-crate-own-name",
        ),
    ],
)
def test_install(
    text: str,
    entry: tuple[str, ...],
    env: dict[str, str],
    artifacts: list[tuple[str, str]],
) -> None:
    claim = claim_for(text, entry=entry, env=env)

    assert claim is not None and claim.role is Role.BUILD
    why = "installed by cargo install"
    assert claim.artifacts == tuple(Artifact(s, t, why) for s, t in artifacts)


def test_without_a_manifest_the_entry_names_the_binary() -> None:
    claim = claim_for(
        "cargo build --release",
        context=MemoryContext({}),
        entry=("./target/release/fetcher", "--once"),
    )

    assert claim is not None
    assert [a.source for a in claim.artifacts] == ["/src/target/release/fetcher"]
    assert "/usr/local/cargo/config.toml" in claim.inputs


def test_install_outside_the_rust_image_uses_home_cargo() -> None:
    claim = claim_for("cargo install --path . --bin seed", base="debian:bookworm")

    assert claim is not None
    assert claim.artifacts[0].source == "/root/.cargo/bin/seed"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.name)
        for case in ecosystem_cases.cases("buildable", "rust-")
        + ecosystem_cases.cases("static", "alpine-rust", "cargo-")
    ],
)
def test_corpus_case_matches_the_expert_in_substance(case: Path) -> None:
    assert ecosystem_cases.differences(case) == {}


def test_install_without_context_names_the_entry_program() -> None:
    claim = claim_for(
        "cargo install --path .", context=MemoryContext({}), entry=("tool",)
    )

    assert claim is not None
    assert [a.source for a in claim.artifacts] == ["/usr/local/cargo/bin/tool"]
