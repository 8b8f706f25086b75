"""The checks as pure functions: configs, file trees and runs given as data."""

from __future__ import annotations

import pytest

from refactor.verify import checks, elf
from refactor.verify.filesystem import Entry, Tree, glob_matcher
from refactor.verify.smoke import Observed, compare

BASE = {"Env": ["PATH=/usr/local/bin:/usr/bin:/bin"], "Cmd": ["bash"]}
SLIM = {"Env": ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"], "Cmd": ["sh"]}


def _config(env: list[str], **fields: object) -> dict[str, object]:
    return {"Env": env, "Cmd": ["app"], "WorkingDir": "/app", **fields}


def test_identical_configs_pass() -> None:
    config = _config(["PATH=/usr/bin", "MODE=prod"])
    check = checks.config(
        config, config, bases=checks.Bases(BASE, SLIM), planned_env={}
    )
    assert check.status == "passed"


def test_a_lost_env_fails_with_the_variable_named() -> None:
    original = _config(["PATH=/usr/bin", "MODE=prod"])
    rewrite = _config(["PATH=/usr/bin"])
    check = checks.config(
        original, rewrite, bases=checks.Bases(BASE, SLIM), planned_env={}
    )
    assert check.status == "failed"
    assert "Env MODE: 'prod' -> None" in check.evidence


def test_planned_env_and_base_values_are_listed_not_failed() -> None:
    original = _config(["PATH=/usr/local/bin:/usr/bin:/bin"])
    rewrite = _config(
        ["PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"]
    )
    planned = {"PATH": "/opt/venv/bin:$PATH"}
    check = checks.config(
        original, rewrite, bases=checks.Bases(BASE, SLIM), planned_env=planned
    )
    assert check.status == "passed"
    assert "planned by the rewrite" in check.evidence
    assert "LANG" in check.evidence and "final base" in check.evidence


def test_a_changed_user_fails() -> None:
    original = _config([], User="app")
    rewrite = _config([])
    check = checks.config(
        original, rewrite, bases=checks.Bases(BASE, SLIM), planned_env={}
    )
    assert check.status == "failed"
    assert "User" in check.evidence


def test_tree_follows_symlinks_and_sees_dangling_links() -> None:
    tree = Tree(
        {
            "/": Entry("dir"),
            "/usr": Entry("dir"),
            "/usr/bin": Entry("dir"),
            "/bin": Entry("symlink", "usr/bin"),
            "/usr/bin/python3": Entry("file", executable=True),
            "/usr/bin/python": Entry("symlink", "python3"),
            "/usr/bin/gone": Entry("symlink", "/nowhere"),
        }
    )
    assert tree.resolve("/bin/python") == "/usr/bin/python3"
    assert not tree.exists("/usr/bin/gone")
    assert tree.lexists("/bin/gone")


def test_closure_fails_for_a_missing_library_and_a_missing_program() -> None:
    tree = Tree(
        {
            "/": Entry("dir"),
            "/app": Entry("dir"),
            "/app/tool": Entry("file", executable=True),
            "/lib64": Entry("dir"),
            "/lib64/ld-linux-x86-64.so.2": Entry("file"),
        },
        elves={
            "/app/tool": elf.ElfInfo("/lib64/ld-linux-x86-64.so.2", ("libz.so.1",), ())
        },
    )
    ok = checks.closure({"Cmd": ["/app/tool"]}, tree, ("/app",))
    assert ok.status == "failed"
    assert "libz.so.1" in ok.evidence

    moved = checks.closure({"Cmd": ["/srv/tool"]}, tree, ())
    assert moved.status == "failed"
    assert "'/srv/tool' is not in the image" in moved.evidence


def test_closure_checks_the_shebang_interpreter() -> None:
    tree = Tree(
        {
            "/": Entry("dir"),
            "/app": Entry("dir"),
            "/app/run": Entry("file", executable=True),
        },
        heads={"/app/run": b"#!/usr/bin/env python3\nprint(1)\n"},
    )
    check = checks.closure({"Cmd": ["./run"], "WorkingDir": "/app"}, tree, ())
    assert check.status == "failed"
    assert "python3" in check.evidence


def test_files_lists_what_is_missing_except_what_is_left_behind() -> None:
    original = Tree(
        {
            "/app": Entry("dir"),
            "/app/main.go": Entry("file"),
            "/app/server": Entry("file"),
            "/app/static": Entry("dir"),
            "/app/static/index.html": Entry("file"),
        }
    )
    rewrite = Tree(
        {"/": Entry("dir"), "/app": Entry("dir"), "/app/server": Entry("file")}
    )
    left = glob_matcher(["/app/**/*.go"])
    check = checks.files(original, ("/app",), rewrite, left_behind=left)
    assert check.status == "failed"
    assert "/app/static/index.html" in check.evidence
    assert "main.go" not in check.evidence


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        pytest.param("/app/**/*.go", "/app/cmd/x/main.go", True, id="deep"),
        pytest.param("/app/**/*.go", "/app/main.go", True, id="shallow"),
        pytest.param("/app/target", "/app/target/release/app", True, id="folder"),
        pytest.param("/app/*.c", "/app/src/a.c", False, id="one-level"),
    ],
)
def test_left_behind_globs(pattern: str, path: str, matches: bool) -> None:
    assert glob_matcher([pattern])(path) is matches


def test_smoke_compares_exit_code_and_output() -> None:
    same = compare(Observed(0, "hi\n"), Observed(0, "hi\n"), expect=None, what="run")
    assert same.status == "passed"
    differs = compare(Observed(0, "hi\n"), Observed(1, ""), expect=None, what="run")
    assert differs.status == "failed"
    expected = compare(
        Observed(0, "v1 ok"), Observed(0, "v2 ok"), expect="ok", what="run"
    )
    assert expected.status == "passed"
    stopped = Observed(None, "y\n" * 10, "printed more than 20 bytes, stopped")
    assert compare(Observed(0, "y"), stopped, expect="y", what="run").status == "failed"
