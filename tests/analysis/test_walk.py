from __future__ import annotations

from refactor.analysis.walk import Placement, copy_destination, entry_argv, walk
from refactor.context import MemoryContext
from refactor.rules.base import Role, StageState
from refactor.syntax.parser import parse
from refactor.syntax.stages import stages


def walked(text: str, context: MemoryContext | None = None):  # type: ignore[no-untyped-def]
    stage = stages(parse(text))[0]
    return walk(stage, global_args={"V": "1"}, context=context)


def test_state_follows_workdir_env_arg_and_user() -> None:
    result = walked(
        "FROM python:3.11\nARG V\nENV HOME=/home/app\nWORKDIR /srv\nWORKDIR app\n"
        "USER app:app\nRUN echo $V\n"
    )

    state = result.steps[-1].state
    assert state.workdir == "/srv/app"
    assert state.env == {"HOME": "/home/app"}
    assert state.args == {"V": "1"}
    assert state.user == "app"


def test_placements() -> None:
    result = walked("FROM node:18\nWORKDIR /a\nCOPY . .\nRUN npm ci\nEXPOSE 1\n")

    assert [s.placement for s in result.steps] == [
        Placement.BOTH,
        Placement.INPUT,
        Placement.RUN,
        Placement.FINAL,
    ]
    assert result.app_folders == ("/a",)


def test_cd_moves_the_commands_that_follow() -> None:
    result = walked("FROM gcc:12\nWORKDIR /src\nRUN cd sub && make && cd / && true\n")

    folders = [c.state.cwd for c in result.steps[-1].commands]
    assert folders == ["/src/sub", "/src/sub", "/", "/"]


def test_sh_c_scripts_are_walked_and_heredoc_shells_are_noise() -> None:
    result = walked(
        "FROM node:18\nRUN sh -c 'npm ci && npm run build'\n"
        "RUN <<EOF bash\nnpm test\nEOF\n"
    )

    names = [c.command.name for s in result.steps for c in s.commands]
    roles = [c.claim.role for s in result.steps for c in s.commands if c.claim]
    assert names == ["npm", "npm", "bash", "npm"]
    assert roles[2] is Role.NOISE


def test_rm_of_an_app_folder_is_remembered() -> None:
    result = walked(
        "FROM python:3.11\nWORKDIR /build\nCOPY . .\n"
        "RUN pip install . && rm -rf /build\n"
    )

    assert result.removed == {"/build"}


def test_copy_destinations() -> None:
    state = StageState(base="x", workdir="/app", context=MemoryContext({"src/a": ""}))
    run = stages(parse("FROM x\nCOPY src dest\nCOPY a.txt b.txt\nCOPY x y/\n"))[0]

    found = [copy_destination(i, state) for i in run.instructions]

    assert found == [("/app/dest", True), ("/app/b.txt", False), ("/app/y", True)]


def test_entry_argv() -> None:
    stage = stages(parse('FROM x\nCMD ["a"]\nENTRYPOINT ["e"]\n'))[0]
    shell = stages(parse("FROM x\nCMD run it\n"))[0]

    assert entry_argv(stage.instructions) == ("e", "a")
    assert entry_argv(shell.instructions) == ("/bin/sh", "-c", "run it")


def test_the_redirect_of_the_last_command_in_a_list_is_seen() -> None:
    result = walked("FROM rust:1.63\nRUN cargo build && printf 'x' > /etc/app.yml\n")

    printf = result.steps[-1].commands[-1].command
    assert printf.redirects == ("/etc/app.yml",)
    assert printf.text == "printf 'x' > /etc/app.yml"
