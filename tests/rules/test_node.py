from __future__ import annotations

import pytest

from refactor.context import MemoryContext
from refactor.rules.base import Claim, Insertion, Role, StageState
from refactor.rules.node import RULE
from refactor.syntax.shell import commands
from tests.rules.claims import claim_in_app


def claim_for(
    text: str, *, base: str = "node:18", env: dict[str, str] | None = None
) -> Claim | None:
    return claim_in_app(RULE, text, base=base, app="/srv", env=env)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("pip install x", id="pip"),
        pytest.param("npmx ci", id="a name that only starts like npm"),
    ],
)
def test_not_node(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    ("text", "prune"),
    [
        pytest.param("npm ci", "RUN npm prune --omit=dev", id="npm ci"),
        pytest.param("npm install", "RUN npm prune --omit=dev", id="npm install"),
        pytest.param(
            "yarn install --frozen-lockfile",
            "RUN yarn install --production --frozen-lockfile --ignore-scripts",
            id="yarn",
        ),
        pytest.param(
            "yarn",
            "RUN yarn install --production --frozen-lockfile --ignore-scripts",
            id="bare yarn",
        ),
        pytest.param(
            "pnpm install --frozen-lockfile", "RUN pnpm prune --prod", id="pnpm"
        ),
    ],
)
def test_installs_with_dev_dependencies_are_pruned_after_the_build(
    text: str, prune: str
) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is Role.BUILD
    assert claim.keeps_app_folders
    assert claim.insertions == (Insertion(prune, where="end", workdir="/srv"),)


def test_old_npm_prunes_with_production() -> None:
    claim = claim_for("npm ci", base="node:12")

    assert claim is not None
    assert claim.insertions[0].text == "RUN npm prune --production"


@pytest.mark.parametrize(
    ("text", "env"),
    [
        pytest.param("npm ci --omit=dev", {}, id="--omit=dev"),
        pytest.param("npm install --production", {}, id="--production"),
        pytest.param("npm ci", {"NODE_ENV": "production"}, id="NODE_ENV"),
        pytest.param("yarn install --prod", {}, id="yarn --prod"),
    ],
)
def test_production_only_installs_need_no_prune(text: str, env: dict[str, str]) -> None:
    claim = claim_for(text, env=env)

    assert claim is not None
    assert claim.insertions == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("npm install -g pm2@5", id="npm -g"),
        pytest.param("yarn global add serve", id="yarn global"),
        pytest.param("corepack enable", id="corepack"),
    ],
)
def test_global_tools_are_replayed_in_the_final_stage(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is Role.SETUP


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param("npm run build", Role.BUILD, id="npm run"),
        pytest.param("npx tsc -p .", Role.BUILD, id="npx"),
        pytest.param("yarn build", Role.BUILD, id="yarn script"),
        pytest.param("npm cache clean --force", Role.NOISE, id="cache"),
    ],
)
def test_scripts_and_housekeeping(text: str, role: Role) -> None:
    claim = claim_for(text)

    assert claim is not None
    assert claim.role is role


def test_the_prune_reports_the_dev_packages_it_removes() -> None:
    lock = (
        '{"lockfileVersion": 3, "packages": {"": {}, '
        '"node_modules/express": {}, "node_modules/typescript": {"dev": true}}}'
    )
    (command,) = commands("npm ci")
    state = StageState(
        base="node:18",
        workdir="/srv",
        cwd="/srv",
        app_folders=("/srv",),
        context=MemoryContext({"package-lock.json": lock}),
    )

    claim = RULE.claim(command, state)

    assert claim is not None
    assert claim.left_behind == (
        "/srv/node_modules/.bin/*",
        "/srv/node_modules/typescript/**",
    )


def test_without_a_lock_file_the_whole_node_modules_may_shrink() -> None:
    claim = claim_for("npm ci")

    assert claim is not None
    assert claim.left_behind == ("/srv/node_modules/**",)
