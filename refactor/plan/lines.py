"""The instruction lines the planner writes itself, in the style of the input."""

from __future__ import annotations

import json

from refactor.plan.facts import Facts
from refactor.plan.outcome import Artifact

# Each manager's usual one-layer install that leaves no package index behind.
_INSTALL = {
    "apt": (
        "apt-get update",
        "apt-get install -y --no-install-recommends {packages}",
        "rm -rf /var/lib/apt/lists/*",
    ),
    "apk": ("apk add --no-cache {packages}",),
    "dnf": ("dnf install -y {packages}", "dnf clean all"),
    "yum": ("yum install -y {packages}", "yum clean all"),
    "microdnf": ("microdnf install -y {packages}", "microdnf clean all"),
    "zypper": (
        "zypper --non-interactive install {packages}",
        "zypper clean --all",
    ),
}


def packages(facts: Facts, escape: str) -> str:
    """The final stage's one install of run-time packages, or nothing."""
    if not facts.runtime_packages or facts.manager is None:
        return ""
    return install(facts.manager, facts.runtime_packages, escape)


def copies(facts: Facts, builder: str) -> str:
    """The `COPY --from` lines and the ENV the rules ask for."""
    lines = [copy(a, builder, facts.owners.get(a.source)) for a in facts.artifacts]
    lines += [f"ENV {name}={_env_value(value)}" for name, value in facts.final_env]
    return "\n".join(lines)


def install(manager: str, packages: tuple[str, ...], escape: str) -> str:
    steps = [s.format(packages=" ".join(packages)) for s in _INSTALL[manager]]
    if len(steps) == 1:
        return f"RUN {steps[0]}"
    return f"RUN {steps[0]} {escape}\n" + f" {escape}\n".join(
        f"    && {s}" for s in steps[1:]
    )


def copy(artifact: Artifact, builder: str, owner: str | None) -> str:
    flags = f"--from={builder}" + (f" --chown={owner}" if owner else "")
    paths = (artifact.source, artifact.target)
    if any(char.isspace() or char in "\"'" for path in paths for char in path):
        return f"COPY {flags} {json.dumps(list(paths))}"
    return f"COPY {flags} {artifact.source} {artifact.target}"


def _env_value(value: str) -> str:
    if any(char.isspace() or char in "\"'\\" for char in value):
        return json.dumps(value)
    return value


def blank_part(leading: str) -> str:
    """The blank line of some leading trivia, without its comments (they stay put)."""
    return "\n" if any(not line.strip() for line in leading.splitlines()) else ""
