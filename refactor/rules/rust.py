"""Rust: `cargo build` leaves binaries in the target folder, `cargo install` in
CARGO_HOME/bin. Binary names come from the Cargo.toml files in the context.

A built binary keeps its path (`CMD ["./target/release/app"]` still works); an
installed one moves onto the final PATH unless the entry names it where it is.
Binaries link glibc dynamically, so the final base needs libc (distroless cc),
unless the target is musl.
"""

from __future__ import annotations

import posixpath
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from refactor.plan.bases import parse_image
from refactor.plan.outcome import Artifact
from refactor.rules.base import (
    Claim,
    Command,
    PackageInstall,
    Role,
    StageState,
    program,
)
from refactor.rules.binaries import (
    context_files_under,
    context_paths,
    entry_files,
    entry_program_name,
    installed_binary,
    read_context,
)

ECOSYSTEM = "rust"

_VALUED = frozenset(
    {
        "--profile", "--target", "--target-dir", "--bin", "-p", "--package",
        "--manifest-path", "-j", "--jobs", "--features", "-F", "--color", "--config",
        "-Z", "--message-format", "--example", "--test", "--bench", "--exclude",
        "--path", "--root", "--git", "--branch", "--tag", "--rev", "--version",
        "--registry", "--index",
    }
)  # fmt: skip
# Published crates whose binaries are not named after the crate. Any other
# crate is assumed to install a binary of its own name; one that does not makes
# the final build fail at the COPY, which the verifier reports.
CRATE_BINARIES = {
    "ripgrep": ("rg",), "fd-find": ("fd",), "du-dust": ("dust",),
    "tealdeer": ("tldr",), "bottom": ("btm",), "git-delta": ("delta",),
    "watchexec-cli": ("watchexec",), "sqlx-cli": ("sqlx", "cargo-sqlx"),
    "diesel_cli": ("diesel",), "wasm-bindgen-cli": ("wasm-bindgen",),
}  # fmt: skip
_BUILDER_ONLY = frozenset(
    {
        "test", "check", "clippy", "fmt", "fetch", "doc", "vendor", "update",
        "generate-lockfile", "tree", "metadata", "version", "--version", "-V",
        "chef", "audit", "deny", "nextest",
    }
)  # fmt: skip


@dataclass(frozen=True)
class CargoCommand:
    verb: str
    options: Mapping[str, tuple[str, ...]]
    operands: tuple[str, ...]

    def last(self, *names: str) -> str | None:
        values = [v for name in names for v in self.options.get(name, ())]
        return values[-1] if values else None

    def all(self, *names: str) -> tuple[str, ...]:
        return tuple(v for name in names for v in self.options.get(name, ()))

    def has(self, *names: str) -> bool:
        return any(name in self.options for name in names)


def parse(command: Command) -> CargoCommand | None:
    words = list(command.arguments)
    # `cargo +nightly build`: a toolchain choice before the subcommand.
    while words and words[0].startswith("+"):
        words.pop(0)
    if not words:
        return None
    options: dict[str, list[str]] = {}
    operands = []
    index = 1
    while index < len(words):
        word = words[index]
        name, equals, value = word.partition("=")
        if word.startswith("-") and not equals and name in _VALUED:
            value = words[index + 1] if index + 1 < len(words) else ""
            index += 1
        if word.startswith("-"):
            options.setdefault(name, []).append(value)
        else:
            operands.append(word)
        index += 1
    frozen = {k: tuple(v) for k, v in options.items()}
    return CargoCommand(words[0], frozen, tuple(operands))


class RustRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        if program(command) == "rustup":
            why = "rustup changes the builder's toolchain"
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
        if program(command) != "cargo":
            return None
        parsed = parse(command)
        if parsed is None:
            return None
        if parsed.verb in _BUILDER_ONLY:
            why = f"cargo {parsed.verb} works on the sources only"
            return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
        if parsed.verb in ("build", "b"):
            return _build(parsed, state)
        if parsed.verb == "install":
            return _install(parsed, state)
        return None


def _build(parsed: CargoCommand, state: StageState) -> Claim:
    manifest = parsed.last("--manifest-path")
    folder = posixpath.dirname(state.resolve(manifest)) if manifest else state.cwd
    root = _workspace_root(state, folder)
    target_base = _target_base(parsed, state, root)
    target = _profile_folder(parsed, target_base)
    why = "built by cargo build"
    names = _binaries(parsed, state, folder, root)
    artifacts = tuple(
        Artifact(posixpath.join(target, n), posixpath.join(target, n), why)
        for n in names
    )
    if not artifacts:
        # No Cargo.toml to read: what the entry runs from the target folder.
        artifacts = entry_files(state, target, why)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=artifacts,
        static_binary=_musl(parsed),
        left_behind=(f"{root.rstrip('/')}/**/*.rs", f"{target_base}/**"),
        inputs=_cargo_inputs(state),
        packages=_musl_runtime(parsed, state),
    )


def _install(parsed: CargoCommand, state: StageState) -> Claim:
    why = "installed by cargo install"
    path = parsed.last("--path")
    if path is not None:
        folder = state.resolve(path)
        names = _binaries(parsed, state, folder, folder) or entry_program_name(state)
        left_behind: tuple[str, ...] = (f"{folder.rstrip('/')}/**/*.rs",)
    else:
        crates = [o.split("@")[0] for o in parsed.operands]
        names = parsed.all("--bin") or tuple(
            name for crate in crates for name in CRATE_BINARIES.get(crate, (crate,))
        )
        left_behind = ()
    bin_folder = posixpath.join(_install_root(parsed, state), "bin")
    artifacts = tuple(
        installed_binary(state, posixpath.join(bin_folder, n), n, why) for n in names
    )
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=artifacts,
        static_binary=_musl(parsed),
        left_behind=left_behind,
        inputs=_cargo_inputs(state),
    )


def _cargo_inputs(state: StageState) -> tuple[str, ...]:
    """Cargo's configuration files: read by the build, not by the program."""
    home = _cargo_home(state)
    return (f"{home}/config.toml", f"{home}/config", f"{home}/credentials.toml")


def _musl_runtime(parsed: CargoCommand, state: StageState) -> PackageInstall | None:
    """On alpine a binary that links anything dynamically unwinds with libgcc_s."""
    image = parse_image(state.base)
    alpine = image.name == "alpine" or "alpine" in (image.tag or "")
    if not alpine or _musl(parsed):
        return None
    return PackageInstall("apk", (), ("libgcc",))


def _musl(parsed: CargoCommand) -> bool:
    return "musl" in (parsed.last("--target") or "")


def _install_root(parsed: CargoCommand, state: StageState) -> str:
    root = parsed.last("--root") or state.env.get("CARGO_INSTALL_ROOT")
    if root is not None:
        return state.resolve(root)
    return _cargo_home(state)


def _cargo_home(state: StageState) -> str:
    if "CARGO_HOME" in state.env:
        return state.resolve(state.env["CARGO_HOME"])
    # The official rust images set CARGO_HOME=/usr/local/cargo; cargo's own
    # default is ~/.cargo.
    if parse_image(state.base).name == "rust":
        return "/usr/local/cargo"
    if state.user in (None, "", "root", "0"):
        return "/root/.cargo"
    return f"/home/{state.user}/.cargo"


def _target_base(parsed: CargoCommand, state: StageState, root: str) -> str:
    chosen = parsed.last("--target-dir") or state.env.get("CARGO_TARGET_DIR")
    return state.resolve(chosen) if chosen else posixpath.join(root, "target")


def _profile_folder(parsed: CargoCommand, base: str) -> str:
    """Where the binaries land: target/[TRIPLE/]PROFILE."""
    profile = parsed.last("--profile")
    if parsed.has("--release", "-r"):
        profile = "release"
    folder = {None: "debug", "dev": "debug", "test": "debug"}.get(profile, profile)
    triple = parsed.last("--target")
    parts = [base, triple, folder] if triple else [base, folder]
    return posixpath.join(*[p for p in parts if p])


def _manifest(state: StageState, folder: str) -> dict[str, Any] | None:
    text = read_context(state, posixpath.join(folder, "Cargo.toml"))
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _workspace_root(state: StageState, folder: str) -> str:
    """The nearest folder at or above `folder` whose Cargo.toml has [workspace]."""
    current = folder
    while True:
        manifest = _manifest(state, current)
        if manifest is not None and "workspace" in manifest:
            return current
        if current == "/" or not any(
            current.startswith(f.rstrip("/") + "/") for f in state.app_folders
        ):
            return folder
        current = posixpath.dirname(current)


def _binaries(
    parsed: CargoCommand, state: StageState, folder: str, root: str
) -> tuple[str, ...]:
    wanted = parsed.all("-p", "--package")
    packages = _packages(
        state, folder, root, wanted, parsed.has("--workspace", "--all")
    )
    names: list[str] = []
    for package_folder, manifest in packages:
        names += _package_binaries(state, package_folder, manifest)
    chosen = parsed.all("--bin")
    if chosen:
        names = [n for n in names if n in chosen] or list(chosen)
    return tuple(dict.fromkeys(names))


def _packages(
    state: StageState, folder: str, root: str, wanted: tuple[str, ...], everything: bool
) -> list[tuple[str, dict[str, Any]]]:
    """(folder, manifest) of each package the command builds."""
    manifest = _manifest(state, folder)
    if manifest is None:
        return []
    workspace_wide = wanted or everything or "package" not in manifest
    members = _members(state, root) if workspace_wide else []
    if not members:
        return [(folder, manifest)] if "package" in manifest else []
    if wanted:
        return [m for m in members if m[1].get("package", {}).get("name") in wanted]
    defaults = _members(state, root, key="default-members")
    return defaults or members


def _members(
    state: StageState, root: str, key: str = "members"
) -> list[tuple[str, dict[str, Any]]]:
    workspace = (_manifest(state, root) or {}).get("workspace", {})
    found = []
    for pattern in workspace.get(key, []):
        for member in _expand_member(state, root, str(pattern)):
            manifest = _manifest(state, member)
            if manifest is not None and "package" in manifest:
                found.append((member, manifest))
    root_manifest = _manifest(state, root) or {}
    if key == "members" and "package" in root_manifest:
        found.insert(0, (root, root_manifest))
    return found


def _expand_member(state: StageState, root: str, pattern: str) -> list[str]:
    if "*" not in pattern:
        return [posixpath.normpath(posixpath.join(root, pattern))]
    prefix = pattern.split("*")[0].rstrip("/")
    base = posixpath.join(root, prefix)
    folders = set()
    for relative in context_files_under(state, base):
        if relative.endswith("/Cargo.toml"):
            inside = relative.rsplit("/", 2)
            if len(inside) >= 2:
                folders.add(posixpath.join(base, inside[-2]))
    return sorted(folders)


def _package_binaries(
    state: StageState, folder: str, manifest: dict[str, Any]
) -> list[str]:
    """Cargo's target discovery: [[bin]] names, src/main.rs, src/bin/*."""
    package = manifest.get("package", {})
    declared = [str(b["name"]) for b in manifest.get("bin", []) if "name" in b]
    declared_paths = {str(b.get("path", "")) for b in manifest.get("bin", [])}
    if package.get("autobins", True) is False:
        return declared
    names = list(declared)
    files = _package_files(state, folder)
    if "src/main.rs" in files and "src/main.rs" not in declared_paths and not declared:
        names.append(str(package.get("name", posixpath.basename(folder))))
    for relative in files:
        parts = relative.split("/")
        if parts[:2] == ["src", "bin"] and relative not in declared_paths:
            if len(parts) == 3 and parts[2].endswith(".rs"):
                names.append(parts[2].removesuffix(".rs"))
            elif len(parts) == 4 and parts[3] == "main.rs":
                names.append(parts[2])
    return names


def _package_files(state: StageState, folder: str) -> set[str]:
    """The package's files, relative to its folder."""
    found = set()
    prefixes = [p.rstrip("/") + "/" if p else "" for p in context_paths(state, folder)]
    for relative in context_files_under(state, folder):
        for prefix in prefixes:
            if relative.startswith(prefix):
                found.add(relative[len(prefix) :])
                break
    return found


RULE = RustRule()
