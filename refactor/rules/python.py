"""Python: pip, setup.py, poetry, pipenv and uv installs, and build-time scripts.

Installs move into a virtualenv at /opt/venv, created in the builder before
the first install and copied whole into the final stage, whose PATH gains its
bin folder: console scripts keep working because the venv's interpreter link
points at the same python path in the slim image. An install that already has
a home (an existing virtualenv, `--user`, `--target`, `--prefix`, a non-root
user's implicit user install) keeps it, and that folder is copied instead.
Every Python claim keeps the application folders, since the program runs from
its sources.
"""

from __future__ import annotations

import posixpath
import re

from refactor.plan.outcome import Artifact
from refactor.rules.base import (
    Claim,
    Command,
    Insertion,
    Role,
    StageState,
    operands,
    program,
)
from refactor.rules.setuppy import pip_projects, python_projects, with_linked_libraries

ECOSYSTEM = "python"
VENV = "/opt/venv"
VENV_PATH = f"{VENV}/bin:$PATH"

_PYTHON = re.compile(r"^python(\d(\.\d+)?)?$")
_PIP = re.compile(r"^pip(\d(\.\d+)?)?$")
_INSTALLS = frozenset({"install"})
_HOMES = {"--target": "target", "-t": "target", "--prefix": "prefix", "--root": "root"}
_ROOT_USERS = (None, "", "root", "0")


class PythonRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command) or ""
        words = command.arguments
        if _PIP.match(name):
            found = _pip(command, words, state)
            return with_linked_libraries(found, pip_projects(words), state)
        if _PYTHON.match(name):
            found = _python(command, words, state)
            return with_linked_libraries(found, python_projects(words), state)
        if name == "poetry":
            return _poetry(words, state)
        if name == "pipenv":
            return _pipenv(words, state)
        if name == "uv":
            return _uv(words, state)
        if name in ("virtualenv", "pyvenv"):
            return _new_venv(operands(words), state)
        return None


def _python(command: Command, words: tuple[str, ...], state: StageState) -> Claim:
    if words[:2] == ("-m", "pip"):
        return _pip(command, words[2:], state)
    if words[:2] in (("-m", "venv"), ("-m", "virtualenv")):
        return _new_venv(operands(words[2:]), state)
    if (
        len(words) >= 2
        and words[0].endswith("setup.py")
        and words[1]
        in (
            "install",
            "develop",
        )
    ):
        return _installed(state, command)
    return _build("runs Python at build time")


def _pip(command: Command, words: tuple[str, ...], state: StageState) -> Claim:
    verbs = operands(words)
    if not verbs or verbs[0] not in _INSTALLS:
        return _build(f"pip {verbs[0] if verbs else ''}".strip())
    return _installed(state, command, words=words)


def _installed(
    state: StageState,
    command: Command,
    *,
    words: tuple[str, ...] = (),
) -> Claim:
    """An install: into its own home if it names one, else into the virtualenv."""
    home = _named_home(words, state) or _existing_venv(command, state)
    if home is None and ("--user" in words or state.user not in _ROOT_USERS):
        home = _user_base(state)
    if home is not None:
        artifact = Artifact(home, home, "Python packages installed by the build")
        return _build("pip install into its own folder", artifacts=(artifact,))
    return _into_venv(state)


def _into_venv(state: StageState) -> Claim:
    if not _official_python(state.base):
        # A distribution's python needs its venv package to make a virtualenv;
        # its pip installs into /usr/local, which is copied whole instead.
        artifact = Artifact("/usr/local", "/usr/local", "packages pip installed")
        return _build("pip install into /usr/local", artifacts=(artifact,))
    insertions = (
        Insertion(f"RUN python -m venv {VENV}"),
        Insertion(f'ENV VIRTUAL_ENV={VENV} PATH="{VENV_PATH}"'),
    )
    artifact = Artifact(VENV, VENV, "the virtualenv holding the installed packages")
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why="install into the virtualenv",
        keeps_app_folders=True,
        artifacts=(artifact,),
        insertions=insertions,
        final_env=(("PATH", VENV_PATH),),
    )


def _named_home(words: tuple[str, ...], state: StageState) -> str | None:
    for index, word in enumerate(words):
        option, equals, value = word.partition("=")
        if option in _HOMES:
            found = (
                value
                if equals
                else (words[index + 1] if index + 1 < len(words) else "")
            )
            return state.resolve(found) if found else None
    return None


def _existing_venv(command: Command, state: StageState) -> str | None:
    """The virtualenv this command installs into, when the file made one itself."""
    if command.name and command.name.startswith("/"):
        folder = posixpath.dirname(posixpath.dirname(state.resolve(command.name)))
        if folder not in ("/", "/usr", "/usr/local"):
            return folder
    if state.env.get("VIRTUAL_ENV"):
        return state.resolve(state.env["VIRTUAL_ENV"])
    for entry in state.env.get("PATH", "").split(":"):
        if entry.endswith("/bin") and "venv" in entry.lower():
            return posixpath.dirname(entry)
    return None


def _user_base(state: StageState) -> str:
    home = state.env.get("HOME") or (
        "/root" if state.user in _ROOT_USERS else f"/home/{state.user}"
    )
    return state.env.get("PYTHONUSERBASE") or posixpath.join(home, ".local")


def _new_venv(paths: tuple[str, ...], state: StageState) -> Claim:
    if not paths:
        return _build("creates a virtualenv")
    folder = state.resolve(paths[-1])
    artifact = Artifact(folder, folder, "the virtualenv the file creates")
    return _build("creates a virtualenv", artifacts=(artifact,))


def _poetry(words: tuple[str, ...], state: StageState) -> Claim:
    verbs = operands(words)
    if verbs[:1] == ("install",):
        return _into_venv(state)
    return _build(f"poetry {verbs[0] if verbs else ''}".strip())


def _pipenv(words: tuple[str, ...], state: StageState) -> Claim:
    verbs = operands(words)
    if verbs[:1] in (("install",), ("sync",)):
        if "--system" in words:
            return _into_venv(state)
        home = posixpath.join(_user_base(state), "share", "virtualenvs")
        artifact = Artifact(home, home, "the virtualenvs pipenv creates")
        return _build("pipenv install", artifacts=(artifact,))
    return _build("pipenv at build time")


def _uv(words: tuple[str, ...], state: StageState) -> Claim:
    verbs = operands(words)
    if verbs[:2] == ("pip", "install"):
        return _into_venv(state)
    return _build("uv at build time")


def _build(why: str, artifacts: tuple[Artifact, ...] = ()) -> Claim:
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        keeps_app_folders=True,
        artifacts=artifacts,
    )


def _official_python(base: str) -> bool:
    name = base.rsplit("/", 1)[-1]
    return name.startswith("python:") or name == "python"


RULE = PythonRule()
