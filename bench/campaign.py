"""Campaign throughput on the local forge: repositories per minute at several --jobs.

    PYTHONPATH=. .venv/bin/python bench/campaign.py --repos 50 --jobs 1 2 4

Each --jobs value gets a fresh forge with `--repos` generated Go repositories and
a fresh state file, then runs the campaign in-process. The default mode,
`no-verify`, is the whole delivery path without image builds: API reads,
shallow clone, rewrite, commit, push, open the PR and label it. `rewrite` is
`--dry-run rewrite` (API read, clone, rewrite). Writes are not spaced here
(`--write-interval 0`); with the default 0.75 s, 50 PRs and their labels take
at least 75 s whatever --jobs is.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from refactor.deliver.fleet import CampaignSettings, run_campaign
from refactor.deliver.forge import Forge, ForgeSettings
from refactor.deliver.polite import IntervalPacer
from refactor.deliver.repository import DeliverySettings
from refactor.deliver.secret import Secret
from refactor.deliver.state import State
from tests.forge.fixtures import running_forge

GO_MOD = "module example.com/svc\n\ngo 1.19\n"
MAIN_GO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("svc") }\n'


def dockerfile(index: int) -> str:
    return (
        "FROM golang:1.19\n\nWORKDIR /src\nCOPY go.mod main.go ./\n"
        f"RUN go build -o /usr/local/bin/svc{index} .\n\n"
        f'ENTRYPOINT ["svc{index}"]\n'
    )


def one_run(count: int, jobs: int, mode: str, interval: float) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        with running_forge(root / "forge") as forge:
            names = [f"bench/svc{i:03d}" for i in range(count)]
            for index, name in enumerate(names):
                files = {
                    "Dockerfile": dockerfile(index),
                    "go.mod": GO_MOD,
                    "main.go": MAIN_GO,
                }
                forge.create_repo(name, files)
            delivery = DeliverySettings(
                verify_builds=False,
                dry_run="rewrite" if mode == "rewrite" else None,
                token=Secret(forge.token),
                labels=("dockerfile-refactor",),
            )
            client = Forge(
                ForgeSettings(base_url=forge.api_url, token=Secret(forge.token)),
                pacer=IntervalPacer(interval),
            )
            started = time.monotonic()
            outcomes = run_campaign(
                names,
                settings=CampaignSettings(delivery=delivery, jobs=jobs),
                forge=client,
                state=State(root / "state.sqlite"),
                on_result=lambda outcome: None,
            )
            elapsed = time.monotonic() - started
    wanted = "rewritten" if mode == "rewrite" else "opened"
    return elapsed, sum(1 for outcome in outcomes if outcome.status == wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=50)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--mode", choices=["no-verify", "rewrite"], default="no-verify")
    parser.add_argument("--write-interval", type=float, default=0.0)
    options = parser.parse_args()

    print(f"{options.repos} repositories, mode {options.mode}")
    print("jobs  seconds  repos/min  speed-up  done")
    baseline = None
    for jobs in options.jobs:
        elapsed, done = one_run(
            options.repos, jobs, options.mode, options.write_interval
        )
        rate = 60 * options.repos / elapsed
        baseline = baseline or rate
        print(
            f"{jobs:>4}  {elapsed:7.1f}  {rate:9.1f}  {rate / baseline:7.2f}x  {done}"
        )


if __name__ == "__main__":
    main()
