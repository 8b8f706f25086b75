"""Choosing the final stage's base: a default policy, overridden by a base map.

The policy only transforms images it knows (the official python, node, golang,
rust, gcc, debian, ubuntu, alpine, eclipse-temurin, openjdk, maven and gradle
images, under any registry that mirrors them); anything else has no known slim
counterpart, so `final_base_for` returns None and the planner skips the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import yaml

SUITES = ("buster", "bullseye", "bookworm", "trixie")
UBUNTU_SUITES = ("focal", "jammy", "noble")
DEBIAN_NUMBERS = {"10": "buster", "11": "bullseye", "12": "bookworm", "13": "trixie"}
# The suite an official image means when its tag names none; the stand-ins and
# the shipped package mapping are bookworm too.
DEFAULT_SUITE = "bookworm"

DISTROLESS_STATIC = "gcr.io/distroless/static-debian{number}"
DISTROLESS_CC = "gcr.io/distroless/cc-debian{number}"


@dataclass(frozen=True)
class ImageRef:
    """`registry/namespace/name:tag@digest`, each part as written or None."""

    registry: str | None
    path: str
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def official(self) -> bool:
        """An official image: no namespace, or Docker Hub's `library/`."""
        return "/" not in self.path or self.path.startswith("library/")

    def with_tag(self, tag: str | None) -> ImageRef:
        return ImageRef(self.registry, self.path, tag, None)

    def __str__(self) -> str:
        text = f"{self.registry}/{self.path}" if self.registry else self.path
        if self.tag is not None:
            text += f":{self.tag}"
        if self.digest is not None:
            text += f"@{self.digest}"
        return text


def parse_image(text: str) -> ImageRef:
    """Split an image reference; Docker's rule says a first part with `.`, `:` or
    `localhost` is a registry."""
    rest, _, digest = text.partition("@")
    first, slash, remainder = rest.partition("/")
    registry = None
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    path, colon, tag = rest.rpartition(":")
    if not colon or "/" in tag:
        path, tag = rest, ""
    return ImageRef(registry, path, tag or None, digest or None)


_VARIABLE = re.compile(r"\$(?:\{(\w+)(?::?-([^}]*))?\}|(\w+))")


def substitute(base: str, args: Mapping[str, str]) -> str | None:
    """`python:${PY}` with the ARG defaults filled in, or None if one is unknown."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        name = match.group(1) or match.group(3)
        found = args.get(name, match.group(2))
        if found is None:
            missing = True
            return ""
        return found

    result = _VARIABLE.sub(value, base)
    return None if missing else result


def debian_suite(base: str) -> str | None:
    """The Debian or Ubuntu suite a base's tag names (`python:3.11-bullseye` ->
    "bullseye", `debian:12` -> "bookworm", `ubuntu:22.04` -> "ubuntu-22.04");
    None when the tag names none, which for official images means bookworm."""
    image = parse_image(base)
    tag = image.tag or ""
    if image.name == "ubuntu":
        return f"ubuntu-{tag or 'latest'}"
    if image.name == "debian" and tag.split("-")[0] in DEBIAN_NUMBERS:
        return DEBIAN_NUMBERS[tag.split("-")[0]]
    for part in re.split(r"[-.]", tag):
        if part in SUITES or part in UBUNTU_SUITES:
            return part
    return None


def _suite_of(tag: str | None) -> str:
    found = debian_suite(f"x:{tag}") if tag else None
    return found if found in SUITES else DEFAULT_SUITE


def _number(suite: str) -> str:
    return {v: k for k, v in DEBIAN_NUMBERS.items()}[suite]


def _alpine_version(tag: str) -> str:
    """`1.21-alpine3.18` -> "3.18"; no version given -> "3" (any 3.x)."""
    match = re.search(r"alpine(\d+\.\d+)", tag)
    return match.group(1) if match else "3"


def _slim_python(image: ImageRef) -> str:
    # python puts the variant before the suite: 3.11-slim-bookworm.
    tag = image.tag or "latest"
    for suite in SUITES:
        if tag == suite:
            return str(image.with_tag(f"slim-{suite}"))
        if tag.endswith(f"-{suite}"):
            return str(image.with_tag(f"{tag.removesuffix(suite)}slim-{suite}"))
    return str(image.with_tag("slim" if tag == "latest" else f"{tag}-slim"))


def _slim_node(image: ImageRef) -> str:
    # node puts it after: 18-bookworm-slim.
    tag = image.tag or "latest"
    return str(image.with_tag("slim" if tag == "latest" else f"{tag}-slim"))


def _compiled(image: ImageRef, needs_shell: bool, static_binary: bool) -> str:
    """A native binary's home: distroless static or cc, or Debian slim for a shell."""
    tag = image.tag or ""
    if "alpine" in tag:
        return f"alpine:{_alpine_version(tag)}"
    suite = _suite_of(tag)
    if needs_shell:
        return f"debian:{suite}-slim"
    pattern = DISTROLESS_STATIC if static_binary else DISTROLESS_CC
    return pattern.format(number=_number(suite))


def _debian(image: ImageRef) -> str:
    tag = image.tag or "latest"
    if tag in {"latest", "stable"}:
        return str(image.with_tag("stable-slim"))
    return str(image.with_tag(f"{tag}-slim"))


def _jre(version: str, tag: str) -> str:
    suffix = next((f"-{v}" for v in ("alpine", *UBUNTU_SUITES) if v in tag), "")
    return f"eclipse-temurin:{version}-jre{suffix}"


def _temurin(image: ImageRef) -> str | None:
    tag = image.tag or ""
    if "-jre" in tag:
        return str(image)
    if not tag or tag == "latest":
        return None
    version = tag.split("-")[0]
    rest = tag[len(version) :].replace("-jdk", "", 1)
    return f"eclipse-temurin:{version}-jre{rest}"


def _openjdk(image: ImageRef) -> str | None:
    if "jre" in (image.tag or ""):
        return str(image)
    match = re.match(r"(\d+)", image.tag or "")
    return _jre(match.group(1), image.tag or "") if match else None


def _build_tool_jdk(image: ImageRef) -> str | None:
    """maven:3.9-eclipse-temurin-17 / gradle:8-jdk17 -> eclipse-temurin:17-jre."""
    tag = image.tag or ""
    match = re.search(r"(?:eclipse-temurin-|openjdk-|jdk-?)(\d+)", tag)
    return _jre(match.group(1), tag) if match else None


Policy = Callable[[ImageRef, bool, bool], "str | None"]

_POLICIES: Mapping[str, Policy] = {
    "python": lambda image, shell, static: _slim_python(image),
    "node": lambda image, shell, static: _slim_node(image),
    "golang": lambda image, shell, static: _compiled(image, shell, static),
    "rust": lambda image, shell, static: _compiled(image, shell, static),
    # C programs more often read system files (locales, zoneinfo, a shell
    # in system()), so a full slim Debian, as experts choose, not distroless.
    "gcc": lambda image, shell, static: _compiled(image, True, static),
    "debian": lambda image, shell, static: _debian(image),
    "buildpack-deps": lambda image, shell, static: (
        f"debian:{_suite_of(image.tag)}-slim"
    ),
    "ubuntu": lambda image, shell, static: str(image),
    "alpine": lambda image, shell, static: str(image),
    "eclipse-temurin": lambda image, shell, static: _temurin(image),
    "openjdk": lambda image, shell, static: _openjdk(image),
    "maven": lambda image, shell, static: _build_tool_jdk(image),
    "gradle": lambda image, shell, static: _build_tool_jdk(image),
}
# Final images already: a slim or alpine tag of a language image keeps its base.
_KEEP_VARIANTS = ("slim", "alpine")
_WINDOWS = ("windowsservercore", "nanoserver")
_KEEPS = frozenset({"python", "node", "debian", "ubuntu", "alpine"})


def final_base_for(
    base: str, *, needs_shell: bool, static_binary: bool, base_map: Mapping[str, str]
) -> str | None:
    """The final stage's base for a builder on `base`, or None if none is known.

    `needs_shell`: the final stage runs a shell (shell-form CMD, RUN lines,
    package installs), so distroless is out. `static_binary`: the program
    needs no libc. A base-map entry wins over the policy.
    """
    mapped = lookup_base_map(base, base_map)
    if mapped is not None:
        return mapped

    image = parse_image(base)
    if image.registry == "gcr.io" and image.path.startswith("distroless/"):
        return str(image)
    if not image.official or image.name not in _POLICIES:
        return None
    tag = image.tag or ""
    if any(windows in tag for windows in _WINDOWS):
        return None
    if image.name in _KEEPS and any(v in tag for v in _KEEP_VARIANTS):
        return str(image)
    return _POLICIES[image.name](image, needs_shell, static_binary)


def lookup_base_map(base: str, base_map: Mapping[str, str]) -> str | None:
    """An exact entry for `base` (digest ignored), else a `repository:*` one.

    Docker Hub spellings are one image: `python:3.11`, `library/python:3.11`
    and `docker.io/library/python:3.11` find the same entry. In a wildcard
    entry's value, `*` stands for the base's tag: `python:*:
    mirror.corp/python:*-slim` sends python:3.11 to mirror.corp/python:3.11-slim.
    """
    entries = {_canonical(key): value for key, value in base_map.items()}
    image = parse_image(base)
    found = entries.get(_canonical(str(image.with_tag(image.tag or "latest"))))
    if found is not None:
        return found
    wildcard = entries.get(_canonical(str(image.with_tag(None)) + ":*"))
    if wildcard is None:
        return None
    return wildcard.replace("*", image.tag or "latest")


_DOCKER_HUB = (None, "docker.io", "index.docker.io", "registry-1.docker.io")


def _canonical(reference: str) -> str:
    """One spelling per image: no Docker Hub registry, no `library/`, a tag."""
    wildcard = reference.endswith(":*")
    image = parse_image(reference.removesuffix(":*"))
    path = (
        image.path.removeprefix("library/")
        if image.registry in _DOCKER_HUB
        else image.path
    )
    registry = None if image.registry in _DOCKER_HUB else image.registry
    text = str(ImageRef(registry, path, None, None))
    if wildcard:
        return text + ":*"
    return f"{text}:{image.tag or 'latest'}"


@dataclass(frozen=True)
class BaseMapError:
    message: str


def parse_base_map(text: str) -> dict[str, str] | BaseMapError:
    """A base-map file's mapping: YAML or JSON, image reference -> final base."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return BaseMapError(f"the base map is not valid YAML or JSON: {error}")
    if data is None:
        return {}
    if not isinstance(data, dict):
        return BaseMapError("the base map must map image references to final bases")
    bad = [
        k for k, v in data.items() if not isinstance(k, str) or not isinstance(v, str)
    ]
    if bad:
        return BaseMapError(f"the base map entry for {bad[0]!r} is not a pair of names")
    return dict(data)
