"""Run the local forge as a process: `python -m tests.forge --port 8765 --root DIR`.

`--org acme --seed corpora/buildable` turns each folder of the seed into a
repository acme/<folder>. It prints the API URL and serves until interrupted.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from tests.forge.forge import DEFAULT_TOKEN, Forge


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    if options.seed is not None and not options.seed.is_dir():
        print(f"the seed folder {options.seed} does not exist", file=sys.stderr)
        return 2
    try:
        forge = Forge(options.root.resolve(), port=options.port, token=options.token)
    except OSError as error:
        print(
            f"cannot listen on 127.0.0.1:{options.port}: {error.strerror}",
            file=sys.stderr,
        )
        return 1

    if options.git_over_http:
        forge.serve_git_over_http()
    if options.writes_per_minute is not None:
        forge.limit_writes(options.writes_per_minute)
    with forge:
        if options.seed is not None:
            for name in seed(forge, options.org, options.seed):
                print(f"seeded {name}", file=sys.stderr)
        print(forge.api_url, flush=True)
        _wait_for_signal()
    return 0


def seed(forge: Forge, org: str, folder: Path) -> list[str]:
    """One repository per sub-folder of `folder`, its files in the first commit."""
    created = []
    for source in sorted(path for path in folder.iterdir() if path.is_dir()):
        paths = sorted(item for item in source.rglob("*") if item.is_file())
        files = {str(item.relative_to(source)): item.read_bytes() for item in paths}
        executable = frozenset(
            str(item.relative_to(source)) for item in paths if os.access(item, os.X_OK)
        )
        repo = forge.create_repo(f"{org}/{source.name}", files, executable=executable)
        created.append(repo.full_name)
    return created


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.forge", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--root", type=Path, required=True, help="where bare repos live"
    )
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the token clients send")
    parser.add_argument(
        "--org", default="acme", help="the organisation seeded repos join"
    )
    parser.add_argument("--seed", type=Path, help="a folder of repositories to create")
    parser.add_argument(
        "--writes-per-minute",
        type=int,
        help="refuse content-creating calls past this many a minute (GitHub: about 80)",
    )
    parser.add_argument(
        "--git-over-http",
        action="store_true",
        help="hand out http clone URLs that need the token (default: file:// URLs)",
    )
    return parser


def _wait_for_signal() -> None:
    stop = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())
    stop.wait()


if __name__ == "__main__":
    sys.exit(main())
