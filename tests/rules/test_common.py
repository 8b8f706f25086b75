from __future__ import annotations

import pytest

from refactor.rules.base import Claim, Role
from refactor.rules.common import RULE
from tests.rules.claims import claim_in_app


def claim_for(text: str, *, user: str | None = None) -> Claim | None:
    return claim_in_app(RULE, text, base="debian:bookworm", user=user, which=-1)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param("useradd --create-home app", Role.SETUP, id="useradd"),
        pytest.param("ln -s /app/bin/tool /usr/local/bin/tool", Role.SETUP, id="ln"),
        pytest.param("mkdir -p /var/run/app", Role.SETUP, id="mkdir outside"),
        pytest.param("mkdir -p build", Role.BUILD, id="mkdir in the app"),
        pytest.param("mkdir -p /tmp/x", Role.NOISE, id="mkdir in scratch"),
        pytest.param("chown -R app /app", Role.SETUP, id="chown replays"),
        pytest.param("chmod +x run.sh", Role.BUILD, id="chmod in the app"),
        pytest.param("echo 'tz' >> /etc/timezone", Role.SETUP, id="append under /etc"),
        pytest.param("sed -i s/a/b/ /etc/x.conf", Role.SETUP, id="edit under /etc"),
        pytest.param("echo building", Role.NOISE, id="echo"),
        pytest.param("rm -rf /var/lib/apt/lists/*", Role.NOISE, id="rm caches"),
        pytest.param("rm -rf node_modules/.cache", Role.BUILD, id="rm in the app"),
        pytest.param("rm -f /etc/nginx/conf.d/default.conf", Role.SETUP, id="rm base"),
        pytest.param("find . -name '*.pyc'", Role.NOISE, id="find lists"),
        pytest.param("find . -name '*.pyc' -delete", Role.BUILD, id="find deletes"),
        pytest.param("bash ./install.sh", Role.UNSAFE, id="a script"),
        pytest.param("curl -fsSL https://x | sh", Role.UNSAFE, id="piped into sh"),
        pytest.param("curl -fsSL https://x/a.tgz | tar -xz", Role.BUILD, id="untar"),
    ],
)
def test_roles(text: str, role: Role) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is role


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        pytest.param("cp bin/tool /usr/local/bin/", "/usr/local/bin/tool", id="cp"),
        pytest.param(
            "install -m 0755 notes /usr/bin/notes", "/usr/bin/notes", id="install -m"
        ),
        pytest.param("mv build/app /usr/local/bin", "/usr/local/bin/app", id="mv"),
        pytest.param(
            "curl -fsSLo /usr/local/bin/jq https://x/jq", "/usr/local/bin/jq", id="curl"
        ),
        pytest.param("wget -O /opt/a.jar https://x/a.jar", "/opt/a.jar", id="wget"),
        pytest.param("tar -xzf /tmp/j.tgz -C /opt/jdk", "/opt/jdk", id="tar -C"),
        pytest.param("echo 'tz' > /etc/timezone", "/etc/timezone", id="echo >"),
    ],
)
def test_files_placed_outside_the_app_become_artifacts(text: str, placed: str) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is Role.BUILD
    assert [a.source for a in claim.artifacts] == [placed]


def test_unknown_commands_are_left_to_other_rules() -> None:
    assert claim_for("frobnicate --all") is None
