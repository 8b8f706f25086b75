"""A repository's own settings for the bot: `.github/dockerfile-refactor.yml`.

A bad file never crashes the bot: it becomes a `ConfigError` whose sentence the
bot posts back to the repository, and the bot leaves that repository alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import yaml

PATH = ".github/dockerfile-refactor.yml"
SCHEDULES = ("always", "daily", "weekly", "never")
DEFAULT_PATHS = ("Dockerfile", "*.Dockerfile", "Dockerfile.*")
KNOWN_KEYS = frozenset({"enabled", "paths", "base_map", "labels", "draft", "schedule"})


@dataclass(frozen=True, kw_only=True)
class BotConfig:
    enabled: bool = True
    paths: tuple[str, ...] = DEFAULT_PATHS
    base_map: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    labels: tuple[str, ...] = ("dockerfile-refactor",)
    draft: bool = False
    schedule: str = "always"


@dataclass(frozen=True)
class ConfigError:
    message: str


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"`{key}` must be a list of strings")
    return tuple(value)


def _base_map(value: Any) -> Mapping[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError("`base_map` must map image names to image names")
    return MappingProxyType(dict(value))


def _flag(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"`{key}` must be true or false")
    return value


def _schedule(value: Any) -> str:
    if value not in SCHEDULES:
        raise ValueError(f"`schedule` must be one of {', '.join(SCHEDULES)}")
    return str(value)


def _read(document: dict[str, Any]) -> BotConfig:
    unknown = sorted(set(document) - KNOWN_KEYS)
    if unknown:
        raise ValueError(f"unknown key `{unknown[0]}`")

    defaults = BotConfig()
    return BotConfig(
        enabled=_flag(document.get("enabled", defaults.enabled), "enabled"),
        paths=_strings(document.get("paths", list(defaults.paths)), "paths"),
        base_map=_base_map(document.get("base_map", {})),
        labels=_strings(document.get("labels", list(defaults.labels)), "labels"),
        draft=_flag(document.get("draft", defaults.draft), "draft"),
        schedule=_schedule(document.get("schedule", defaults.schedule)),
    )


def parse(text: str | None) -> BotConfig | ConfigError:
    """The settings in `text`; None (no file) gives the defaults."""
    if text is None:
        return BotConfig()

    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f" at line {line + 1}" if line is not None else ""
        return ConfigError(f"{PATH} is not valid YAML{where}.")

    if document is None:
        return BotConfig()
    if not isinstance(document, dict):
        return ConfigError(f"{PATH} must be a mapping of settings.")

    try:
        return _read(document)
    except ValueError as error:
        return ConfigError(f"{PATH}: {error}.")
