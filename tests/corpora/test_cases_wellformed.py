"""Every corpus case folder is well formed: files present, case.toml valid, FROMs right.

Static checks only (no engine): BuildKit's own parser (the `dockerfile` package)
reads each Dockerfile, and tomllib reads each case.toml.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import dockerfile
import pytest

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
BUILDABLE = sorted(p for p in (CORPORA / "buildable").iterdir() if p.is_dir())
STATIC = sorted(p for p in (CORPORA / "static").iterdir() if p.is_dir())
STATIC_WITH_EXPERT = [p for p in STATIC if (p / "expert.Dockerfile").is_file()]

ECOSYSTEMS = {"python", "node", "go", "rust", "java", "c"}
FOLDER_PREFIXES = {"c": ("c-", "cpp-")}
SKIP_CODES = {
    "already-multi-stage",
    "no-build-step",
    "windows-image",
    "unknown-base",
    "unsafe-step",
    "parse-error",
}
PORTS = range(18000, 19000)


def load_case(case: Path) -> dict[str, Any]:
    return tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))


def instructions(path: Path) -> tuple[dockerfile.Command, ...]:
    commands: tuple[dockerfile.Command, ...] = dockerfile.parse_file(str(path))
    return commands


def count(commands: tuple[dockerfile.Command, ...], keyword: str) -> int:
    return sum(1 for c in commands if c.cmd.upper() == keyword)


def copies_from_a_stage(commands: tuple[dockerfile.Command, ...]) -> bool:
    return any(
        c.cmd.upper() == "COPY" and any(f.startswith("--from=") for f in c.flags)
        for c in commands
    )


def assert_expert_is_multi_stage(path: Path) -> None:
    commands = instructions(path)
    assert count(commands, "FROM") > 1, f"{path} has a single FROM"
    assert copies_from_a_stage(commands), f"{path} has no COPY --from"


def test_there_are_enough_cases() -> None:
    assert len(BUILDABLE) >= 32
    assert len(STATIC) >= 32


@pytest.mark.parametrize("case", BUILDABLE, ids=lambda p: p.name)
def test_buildable_case(case: Path) -> None:
    for name in ("Dockerfile", "expert.Dockerfile", "case.toml"):
        assert (case / name).is_file(), f"{case.name} has no {name}"
    meta = load_case(case)

    assert set(meta) <= {"ecosystem", "description", "smoke"}
    assert meta["ecosystem"] in ECOSYSTEMS
    prefixes = FOLDER_PREFIXES.get(meta["ecosystem"], (f"{meta['ecosystem']}-",))
    assert case.name.startswith(prefixes), "folder name must start with its ecosystem"
    assert isinstance(meta["description"], str) and meta["description"].strip()

    assert count(instructions(case / "Dockerfile"), "FROM") == 1
    assert_expert_is_multi_stage(case / "expert.Dockerfile")


@pytest.mark.parametrize("case", BUILDABLE, ids=lambda p: p.name)
def test_buildable_smoke_table(case: Path) -> None:
    smoke = load_case(case)["smoke"]

    assert set(smoke) <= {"argv", "expect", "port", "path"}
    assert isinstance(smoke["expect"], str) and smoke["expect"].strip()
    if "port" in smoke:
        assert "argv" not in smoke, "a server smoke is probed, not run with argv"
        assert smoke["port"] in PORTS
        assert str(smoke.get("path", "/")).startswith("/")
    else:
        assert "path" not in smoke
    if "argv" in smoke:
        argv = smoke["argv"]
        assert isinstance(argv, list) and all(isinstance(a, str) for a in argv)


def test_server_ports_are_distinct() -> None:
    ports = [load_case(c)["smoke"].get("port") for c in BUILDABLE]
    used = [p for p in ports if p is not None]
    assert len(used) == len(set(used)), "two server cases share a port"


def test_server_cases_default_the_port_they_are_probed_on() -> None:
    for case in BUILDABLE:
        port = load_case(case)["smoke"].get("port")
        if port is None:
            continue
        text = (case / "Dockerfile").read_text()
        assert re.search(rf"\bPORT={port}\b", text), f"{case.name} sets no PORT={port}"


@pytest.mark.parametrize("case", BUILDABLE, ids=lambda p: p.name)
def test_buildable_sources_fit_this_machine(case: Path) -> None:
    """No registry but PyPI, npm and Debian: Go and Rust cases use no dependencies."""
    go_mod = case / "go.mod"
    if go_mod.is_file():
        assert "require" not in go_mod.read_text(), "no Go module proxy here"
    cargo_lock = case / "Cargo.lock"
    if cargo_lock.is_file():
        text = cargo_lock.read_text()
        assert "version = 3" in text, "cargo 1.63 reads lockfile version 3 at most"
        assert "source = " not in text, "the crate registry is not reachable"
    if "npm ci" in (case / "Dockerfile").read_text():
        assert (case / "package-lock.json").is_file()


@pytest.mark.parametrize("case", STATIC, ids=lambda p: p.name)
def test_static_case(case: Path) -> None:
    assert (case / "Dockerfile").is_file()
    meta = load_case(case)

    assert set(meta) <= {"expect", "code", "description"}
    assert isinstance(meta["description"], str) and meta["description"].strip()
    assert meta["expect"] in {"rewrite", "skip"}
    if meta["expect"] == "skip":
        assert meta["code"] in SKIP_CODES
    else:
        assert "code" not in meta


@pytest.mark.parametrize("case", STATIC, ids=lambda p: p.name)
def test_static_dockerfile_matches_its_expectation(case: Path) -> None:
    meta = load_case(case)
    path = case / "Dockerfile"

    if meta.get("code") == "parse-error":
        with pytest.raises(dockerfile.GoParseError):
            instructions(path)
        return
    froms = count(instructions(path), "FROM")
    if meta.get("code") == "already-multi-stage":
        assert froms > 1
    else:
        assert froms == 1


@pytest.mark.parametrize("case", STATIC_WITH_EXPERT, ids=lambda p: p.name)
def test_static_expert_is_multi_stage(case: Path) -> None:
    assert load_case(case)["expect"] == "rewrite"
    assert_expert_is_multi_stage(case / "expert.Dockerfile")


def test_every_case_is_listed_in_the_readme() -> None:
    readme = (CORPORA / "README.md").read_text()
    missing = [c.name for c in BUILDABLE + STATIC if f"`{c.name}`" not in readme]
    assert not missing, f"corpora/README.md does not list {missing}"


def test_the_skip_codes_are_all_covered() -> None:
    codes = {load_case(c).get("code") for c in STATIC}
    assert codes >= SKIP_CODES
