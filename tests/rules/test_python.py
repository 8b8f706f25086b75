from __future__ import annotations

import pytest

from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Insertion, Role
from refactor.rules.python import RULE
from tests.rules.claims import claim_in_app

VENV = Artifact(
    "/opt/venv", "/opt/venv", "the virtualenv holding the installed packages"
)


def claim_for(
    text: str,
    *,
    base: str = "python:3.11",
    user: str | None = None,
    env: dict[str, str] | None = None,
) -> Claim | None:
    return claim_in_app(RULE, text, base=base, user=user, env=env)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("npm ci", id="npm"),
        pytest.param("go build ./...", id="go"),
        pytest.param("pipx", id="a name that only starts like pip"),
        pytest.param("pythonic --x", id="a name that only starts like python"),
    ],
)
def test_not_python(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("pip install -r requirements.txt", id="pip -r"),
        pytest.param("pip3 install --no-cache-dir .", id="pip3 ."),
        pytest.param("python -m pip install -e .", id="python -m pip editable"),
        pytest.param("python3.11 -m pip install flask==3.0", id="versioned python"),
        pytest.param("poetry install --only main", id="poetry"),
        pytest.param("pipenv install --system --deploy", id="pipenv --system"),
        pytest.param("uv pip install -r requirements.txt", id="uv pip"),
    ],
)
def test_installs_go_into_the_virtualenv(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is Role.BUILD
    assert claim.artifacts == (VENV,)
    assert claim.keeps_app_folders
    assert claim.final_env == (("PATH", "/opt/venv/bin:$PATH"),)
    assert Insertion("RUN python -m venv /opt/venv") in claim.insertions


@pytest.mark.parametrize(
    ("text", "options", "home"),
    [
        pytest.param("pip install --user -r r.txt", {}, "/root/.local", id="--user"),
        pytest.param(
            "pip install -r r.txt",
            {"user": "svc"},
            "/home/svc/.local",
            id="a non-root user installs into its home",
        ),
        pytest.param("pip install --prefix=/install .", {}, "/install", id="--prefix="),
        pytest.param("pip install -t deps flask", {}, "/app/deps", id="--target"),
        pytest.param(
            "pip install flask",
            {"env": {"VIRTUAL_ENV": "/venv"}},
            "/venv",
            id="the file's own virtualenv",
        ),
        pytest.param(
            "/srv/env/bin/pip install flask", {}, "/srv/env", id="a pip by its path"
        ),
        pytest.param(
            "pip3 install flask",
            {"base": "ubuntu:22.04"},
            "/usr/local",
            id="a distribution's python has no venv module",
        ),
    ],
)
def test_installs_that_have_a_home_keep_it(
    text: str, options: dict[str, object], home: str
) -> None:
    claim = claim_for(text, **options)  # type: ignore[arg-type]

    assert claim is not None
    assert [a.source for a in claim.artifacts] == [home]
    assert claim.insertions == ()
    assert claim.final_env == ()


def test_a_new_virtualenv_is_an_artifact() -> None:
    claim = claim_for("python -m venv /opt/env")

    assert claim is not None
    assert [a.source for a in claim.artifacts] == ["/opt/env"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("python manage.py collectstatic --noinput", id="django"),
        pytest.param("python -m compileall .", id="compileall"),
        pytest.param("pip wheel -w /wheels -r r.txt", id="pip wheel"),
        pytest.param("poetry config virtualenvs.create false", id="poetry config"),
    ],
)
def test_other_python_work_is_a_build_step(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is Role.BUILD
    assert claim.artifacts == ()
    assert claim.keeps_app_folders
