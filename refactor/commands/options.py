"""What several commands read the same way: the `--base-map` file."""

from __future__ import annotations

from pathlib import Path

from refactor.plan.bases import BaseMapError, parse_base_map


def load_base_map(path: Path | None) -> dict[str, str] | str:
    """The mapping in `path` (empty without one), or one sentence saying why not."""
    if path is None:
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return f"cannot read the base map {path}: it is not UTF-8 text"
    except OSError as error:
        why = (error.strerror or str(error)).lower()
        return f"cannot read the base map {path}: {why}"

    parsed = parse_base_map(text)
    if isinstance(parsed, BaseMapError):
        return f"{path}: {parsed.message}"
    return parsed
