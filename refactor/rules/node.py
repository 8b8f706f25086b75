"""Node: npm, yarn and pnpm installs, build scripts, TypeScript and global tools.

The application folder is built in the builder (dependencies, `npm run build`)
and copied whole; when the install brought development dependencies, a prune
after the last build step leaves production dependencies only. A global
install (`npm install -g`) is replayed in the final stage, where npm is there
too, after the application folder has arrived.
"""

from __future__ import annotations

import json
import posixpath
import re

from refactor.rules.base import (
    Claim,
    Command,
    Insertion,
    Role,
    StageState,
    operands,
    program,
)

ECOSYSTEM = "node"

_INSTALL_VERBS = frozenset({"install", "i", "ci", "add", "isntall", "in"})
_PRODUCTION_FLAGS = frozenset(
    {"--omit=dev", "--production", "--only=prod", "--only=production", "--prod", "-P"}
)
_GLOBAL_FLAGS = frozenset({"-g", "--global", "--location=global"})
_RUNNERS = frozenset({"npx", "tsc", "node", "corepack", "ng", "next", "vite", "nest"})
_MAJOR = re.compile(r":(\d+)")


class NodeRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command) or ""
        words = command.arguments
        if name in ("npm", "yarn", "pnpm"):
            return _manager(name, words, state)
        if name in _RUNNERS:
            if name == "corepack":
                return _setup("corepack sets up package managers")
            return _build(f"{name} at build time")
        return None


def _manager(name: str, words: tuple[str, ...], state: StageState) -> Claim:
    verbs = operands(words)
    verb = verbs[0] if verbs else ("install" if name == "yarn" else "")
    if name == "yarn" and verb == "global":
        return _setup("a global install, repeated in the final stage")
    if verb in ("cache", "prune", "dedupe", "config", "set", "version", "audit"):
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=f"{name} {verb}")
    if verb not in _INSTALL_VERBS:
        return _build(f"{name} {verb}".strip())
    if any(flag in _GLOBAL_FLAGS for flag in words):
        return _setup("a global install, repeated in the final stage")
    if _production_only(words, state):
        return _build("installs production dependencies")
    prune = Insertion(_prune(name, state), where="end", workdir=state.cwd)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why="installs dependencies, pruned after the build",
        keeps_app_folders=True,
        insertions=(prune,),
        left_behind=_pruned(state),
    )


def _pruned(state: StageState) -> tuple[str, ...]:
    """Globs of what the prune removes, for the verifier to expect missing.

    Read from the context's top-level lock file (the usual `COPY package*.json
    ./`); a project whose manifests sit in a subfolder gets the broad glob.
    """
    modules = posixpath.join(state.cwd, "node_modules")
    text = state.context.read_text("package-lock.json") if state.context else None
    try:
        packages = json.loads(text)["packages"] if text else {}
    except (ValueError, KeyError, TypeError):
        packages = {}
    dev = [path for path, entry in packages.items() if _dev(entry) and path]
    if not dev:
        return (f"{modules}/**",)
    globs = [f"{posixpath.join(state.cwd, path)}/**" for path in dev]
    return (f"{modules}/.bin/*", *globs)


def _dev(entry: object) -> bool:
    return isinstance(entry, dict) and bool(
        entry.get("dev") or entry.get("devOptional")
    )


def _production_only(words: tuple[str, ...], state: StageState) -> bool:
    if any(flag in _PRODUCTION_FLAGS for flag in words):
        return True
    return state.env.get("NODE_ENV") == "production"


def _prune(name: str, state: StageState) -> str:
    if name == "yarn":
        return "RUN yarn install --production --frozen-lockfile --ignore-scripts"
    if name == "pnpm":
        return "RUN pnpm prune --prod"
    major = _MAJOR.search(state.base)
    # npm 7 (node 15) and later know --omit; older npm only --production.
    if major is not None and int(major.group(1)) < 15:
        return "RUN npm prune --production"
    return "RUN npm prune --omit=dev"


def _build(why: str, insertions: tuple[Insertion, ...] = ()) -> Claim:
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        keeps_app_folders=True,
        insertions=insertions,
    )


def _setup(why: str) -> Claim:
    return Claim(ecosystem=ECOSYSTEM, role=Role.SETUP, why=why, keeps_app_folders=True)


RULE = NodeRule()
