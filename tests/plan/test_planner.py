"""Where the planner puts things in the two stages."""

from __future__ import annotations

import pytest

from refactor.plan.outcome import RewriteSettings, Rewritten, Skipped
from refactor.rewrite import rewrite


def final_stage(text: str) -> str:
    outcome = rewrite(text, settings=RewriteSettings())
    assert isinstance(outcome, Rewritten), outcome
    return outcome.text[outcome.text.rindex("\nFROM ") + 1 :]


def builder_stage(text: str) -> str:
    outcome = rewrite(text, settings=RewriteSettings())
    assert isinstance(outcome, Rewritten), outcome
    return outcome.text[: outcome.text.rindex("\nFROM ") + 1]


def test_copies_come_after_the_setup_that_precedes_the_build() -> None:
    final = final_stage(
        "FROM python:3.11\nRUN useradd -m app\nWORKDIR /home/app\nCOPY . .\n"
        "RUN pip install -r requirements.txt\n"
    )

    assert final.index("RUN useradd -m app") < final.index("COPY --from=builder")


def test_an_unused_arg_leaves_its_blank_line() -> None:
    final = final_stage(
        "FROM gcc:12\n\nARG JOBS=2\nWORKDIR /src\nCOPY . .\n"
        'RUN make -j$JOBS && cp app /usr/local/bin/\nCMD ["app"]\n'
    )

    assert "ARG JOBS" not in final
    assert final.startswith("FROM debian:bookworm-slim\n\nWORKDIR /src\n")


def test_prune_after_an_env_is_a_run_of_its_own() -> None:
    builder = builder_stage(
        'FROM node:18\nWORKDIR /a\nCOPY . .\nRUN npm ci\nENV X=1\nCMD ["node", "i"]\n'
    )

    assert builder.endswith("ENV X=1\nRUN npm prune --omit=dev\n\n")


def test_prune_in_another_folder_moves_there() -> None:
    builder = builder_stage(
        "FROM node:18\nWORKDIR /a\nCOPY . .\nRUN npm ci\nWORKDIR /b\n"
        'CMD ["node", "/a/i.js"]\n'
    )

    assert builder.endswith("WORKDIR /b\nWORKDIR /a\nRUN npm prune --omit=dev\n\n")


def test_a_moved_build_output_is_copied_from_where_it_went() -> None:
    final = final_stage(
        "FROM gcc:12\nWORKDIR /src\nCOPY . .\n"
        'RUN gcc -o tool tool.c && mv tool /usr/local/bin/\nCMD ["tool"]\n'
    )

    assert "COPY --from=builder /usr/local/bin/tool /usr/local/bin/tool\n" in final
    assert "/src/tool " not in final


def test_user_owned_installs_are_copied_with_their_owner() -> None:
    final = final_stage(
        "FROM python:3.11\nRUN useradd -m svc\nUSER svc\n"
        'RUN pip install --user flask\nCMD ["flask", "run"]\n'
    )

    assert (
        "COPY --from=builder --chown=svc /home/svc/.local /home/svc/.local\n" in final
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            'FROM rust:1.63\nRUN cargo build --release\nCMD ["x"]\n',
            id="a build whose output no rule can name",
        ),
    ],
)
def test_nothing_to_copy_is_not_a_rewrite(text: str) -> None:
    outcome = rewrite(text, settings=RewriteSettings())

    assert isinstance(outcome, Skipped)
    assert outcome.code == "unsafe-step"


def test_the_workdir_of_a_deleted_build_folder_stays_in_the_builder() -> None:
    final = final_stage(
        "FROM python:3.11\nWORKDIR /build\nCOPY . .\n"
        "RUN pip install . && rm -rf /build\n\nWORKDIR /data\nCMD app\n"
    )

    assert "/build" not in final
    assert "\nWORKDIR /data\n" in final


GO_WITH_ACCOUNT = (
    "FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app .\n"
    'RUN {account}\nUSER app\nENTRYPOINT ["app"]\n'
)


@pytest.mark.parametrize(
    ("account", "base", "replayed"),
    [
        pytest.param(
            "useradd --uid 10001 app",
            "gcr.io/distroless/static-debian12",
            False,
            id="useradd-copies-account-files-to-distroless",
        ),
        pytest.param(
            "useradd -m app", "debian:bookworm-slim", True, id="home-needs-a-shell"
        ),
        pytest.param(
            "adduser --disabled-password app",
            "debian:bookworm-slim",
            True,
            id="adduser-is-replayed",
        ),
    ],
)
def test_account_setup_and_the_final_base(
    account: str, base: str, replayed: bool
) -> None:
    final = final_stage(GO_WITH_ACCOUNT.format(account=account))

    assert f"FROM {base}\n" in final
    assert (f"RUN {account}" in final) is replayed
    copied = "COPY --from=builder /etc/passwd /etc/passwd" in final
    assert copied is not replayed
