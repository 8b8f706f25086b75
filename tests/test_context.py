from __future__ import annotations

from pathlib import Path

import pytest

from refactor.context import (
    DirectoryContext,
    MemoryContext,
    is_ignored,
    parse_dockerignore,
)

IGNORE = """\
# comment
.git
**/*.pyc
node_modules
build/
!build/keep.txt
/secrets/*.key
docs/?.md
"""


@pytest.mark.parametrize(
    ("path", "ignored"),
    [
        pytest.param("app.py", False, id="plain file"),
        pytest.param(".git/config", True, id="inside an ignored folder"),
        pytest.param("pkg/mod/x.pyc", True, id="double star"),
        pytest.param("x.pyc", True, id="double star at the top"),
        pytest.param("node_modules/a/index.js", True, id="folder name"),
        pytest.param("src/node_modules/a.js", False, id="only at the top"),
        pytest.param("build/out.o", True, id="trailing slash"),
        pytest.param("build/keep.txt", False, id="re-included"),
        pytest.param("secrets/id.key", True, id="leading slash"),
        pytest.param("docs/a.md", True, id="question mark"),
        pytest.param("docs/ab.md", False, id="question mark is one character"),
    ],
)
def test_dockerignore(path: str, ignored: bool) -> None:
    assert is_ignored(path, parse_dockerignore(IGNORE)) is ignored


def test_directory_context_applies_dockerignore(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("*.log\nsecret/\n")
    (tmp_path / "app.py").write_text("print(1)\n")
    (tmp_path / "run.log").write_text("noise\n")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "token").write_text("x\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.go").write_text("package main\n")

    context = DirectoryContext(tmp_path)

    assert context.files() == (".dockerignore", "app.py", "src/main.go")
    assert context.read_text("./src/main.go") == "package main\n"
    assert context.read_text("run.log") is None
    assert context.read_text("secret/token") is None
    assert context.read_text("../outside") is None


def test_memory_context() -> None:
    context = MemoryContext({"go.mod": "module x\n"})

    assert context.files() == ("go.mod",)
    assert context.read_text("/go.mod") == "module x\n"
    assert context.read_text("missing") is None
