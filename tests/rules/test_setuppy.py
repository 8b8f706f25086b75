from __future__ import annotations

from pathlib import Path

import pytest

from refactor.context import DirectoryContext, MemoryContext
from refactor.plan.outcome import RewriteSettings, Rewritten
from refactor.rewrite import rewrite
from refactor.rules.base import Role, StageState
from refactor.rules.python import RULE
from refactor.rules.setuppy import (
    extension_libraries,
    pip_projects,
    python_projects,
    runtime_packages_for,
)
from refactor.syntax.shell import commands

YAML_SETUP = """\
from setuptools import Extension, setup

setup(
    name="fastyaml",
    ext_modules=[Extension("fastyaml._c", ["src/c.c"], libraries=["yaml"])],
)
"""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(YAML_SETUP, ("yaml",), id="plain Extension"),
        pytest.param(
            "import setuptools\n"
            "setuptools.setup(ext_modules=[setuptools.Extension(\n"
            "    'x', sources=['x.c'], libraries=('pq', 'ssl'))])\n",
            ("pq", "ssl"),
            id="setuptools.Extension with a tuple",
        ),
        pytest.param(
            "from distutils.core import Extension\n"
            "LIBS = ['z']\n"
            "LIBS = ['xml2', 'z']\n"
            "ext = Extension('x', ['x.c'], libraries=LIBS)\n",
            ("xml2", "z"),
            id="a module-level name, last binding",
        ),
        pytest.param(
            "from setuptools import Extension\n"
            "a = Extension('a', ['a.c'], libraries=['ffi'])\n"
            "b = Extension('b', ['b.c'], libraries=['ffi', 'sqlite3'])\n",
            ("ffi", "sqlite3"),
            id="two extensions, each library once",
        ),
        pytest.param(
            "from setuptools import Extension\n"
            "opts = {'libraries': ['yaml']}\n"
            "Extension('x', ['x.c'], libraries=['jpeg'], **opts)\n",
            ("jpeg",),
            id="explicit libraries beside **kwargs",
        ),
    ],
)
def test_reads_libraries(source: str, expected: tuple[str, ...]) -> None:
    assert extension_libraries(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "from setuptools import Extension\nExtension('x', ['x.c'])\n",
            id="no libraries",
        ),
        pytest.param("from setuptools import (\n", id="syntax error"),
        pytest.param(
            "from setuptools import Extension\n"
            "opts = {'libraries': ['yaml']}\n"
            "Extension('x', ['x.c'], **opts)\n",
            id="libraries only through **kwargs",
        ),
        pytest.param(
            "import os\nfrom setuptools import Extension\n"
            "Extension('x', ['x.c'], libraries=os.environ['LIBS'].split())\n",
            id="a computed value",
        ),
        pytest.param(
            "from setuptools import Extension\n"
            "LIBS = ['yaml']\nLIBS = find_libs()\n"
            "Extension('x', ['x.c'], libraries=LIBS)\n",
            id="a name rebound to something unknown",
        ),
        pytest.param(
            "setup(libraries=['yaml'])\nLibrary('x', libraries=['yaml'])\n",
            id="libraries outside an Extension call",
        ),
    ],
)
def test_reads_no_libraries(source: str) -> None:
    assert extension_libraries(source) == ()


@pytest.mark.parametrize(
    ("libraries", "expected"),
    [
        pytest.param(("yaml",), ("libyaml-0-2",), id="yaml"),
        pytest.param(("pq",), ("libpq5",), id="pq"),
        pytest.param(("ssl", "crypto"), ("libssl3",), id="ssl and crypto, once"),
        pytest.param(("z",), ("zlib1g",), id="z"),
        pytest.param(("sqlite3",), ("libsqlite3-0",), id="sqlite3"),
        pytest.param(("ffi",), ("libffi8",), id="ffi"),
        pytest.param(("xml2",), ("libxml2",), id="xml2"),
        pytest.param(("jpeg",), ("libjpeg62-turbo",), id="jpeg"),
        pytest.param(("m", "pthread"), (), id="glibc needs nothing"),
        pytest.param(("no-such-library",), (), id="unknown"),
    ],
)
def test_runtime_packages_for(
    libraries: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert runtime_packages_for(libraries) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("pip install .", (".",), id="pip ."),
        pytest.param("pip install --no-cache-dir -e .[dev]", (".",), id="-e extras"),
        pytest.param("pip install --editable=./lib", ("./lib",), id="--editable="),
        pytest.param("pip install /src flask", ("/src",), id="absolute folder"),
        pytest.param("pip install -r ./req.txt flask", (), id="a -r value"),
        pytest.param("pip install git+https://x/y.git", (), id="a URL"),
        pytest.param("pip download .", (), id="not an install"),
        pytest.param("python -m pip install .", (".",), id="python -m pip"),
        pytest.param("python setup.py install", (".",), id="setup.py install"),
        pytest.param("python pkg/setup.py build_ext", ("pkg",), id="setup.py build"),
        pytest.param("python setup.py sdist", (), id="setup.py sdist"),
    ],
)
def test_projects(text: str, expected: tuple[str, ...]) -> None:
    (command,) = commands(text)
    words = command.arguments
    found = pip_projects(words) if text.startswith("pip") else python_projects(words)
    assert found == expected


def claim_for(text: str, base: str) -> tuple[Role, tuple[str, ...]]:
    (command,) = commands(text)
    context = MemoryContext({"setup.py": YAML_SETUP})
    state = StageState(
        base=base, workdir="/app", cwd="/app", app_folders=("/app",), context=context
    )
    claim = RULE.claim(command, state)
    assert claim is not None
    return claim.role, claim.packages.runtime if claim.packages else ()


@pytest.mark.parametrize(
    ("text", "base"),
    [
        pytest.param("pip install -r requirements.txt", "python:3.11", id="no project"),
        pytest.param("pip install ./other", "python:3.11", id="no setup.py there"),
        pytest.param("pip install .", "python:3.11-alpine", id="alpine"),
        pytest.param("pip install .", "python:3.11-bullseye", id="another suite"),
    ],
)
def test_claim_unchanged(text: str, base: str) -> None:
    assert claim_for(text, base) == (Role.BUILD, ())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("pip install .", id="pip"),
        pytest.param("python3 -m pip install -e .", id="python -m pip -e"),
        pytest.param("python setup.py install", id="setup.py"),
    ],
)
def test_claim_installs_the_library(text: str) -> None:
    assert claim_for(text, "python:3.11-bookworm") == (Role.INSTALL, ("libyaml-0-2",))


DOCKERFILE = """\
FROM python:3.11

WORKDIR /usr/src/app
COPY . .
RUN pip install --no-cache-dir .

CMD ["fastyaml"]
"""


def final_stage(outcome: object) -> str:
    assert isinstance(outcome, Rewritten)
    return outcome.text.split("FROM python:3.11-slim", 1)[1]


def test_rewrite_installs_the_linked_library(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(YAML_SETUP)
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)

    outcome = rewrite(
        DOCKERFILE, settings=RewriteSettings(), context=DirectoryContext(tmp_path)
    )

    final = final_stage(outcome)
    assert "apt-get install -y --no-install-recommends libyaml-0-2" in final
    assert "COPY --from=builder /opt/venv /opt/venv" in final


def test_rewrite_without_libraries_installs_nothing() -> None:
    setup = YAML_SETUP.replace(', libraries=["yaml"]', "")
    context = MemoryContext({"setup.py": setup})

    outcome = rewrite(DOCKERFILE, settings=RewriteSettings(), context=context)

    assert "apt-get" not in final_stage(outcome)
