"""C extensions in a local setup.py: the system libraries they link at run time.

A full python image ships the `-dev` headers of common libraries, so a
project can build `Extension(..., libraries=["yaml"])` with no apt-get line in
the Dockerfile; the slim final image then lacks libyaml-0-2 and the extension
fails to import. The setup.py is read with libcst and never executed: only
`libraries=` written as a list or tuple of string literals (or a module-level
name bound to one) is understood, and any other shape is ignored.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import replace

import libcst as cst
import libcst.matchers as m

from refactor.plan.bases import debian_suite, parse_image
from refactor.rules.base import Claim, PackageInstall, Role, StageState, operands
from refactor.rules.binaries import read_context
from refactor.rules.packages import MAPPED_SUITE, tables

_EXTENSION = m.Call(func=m.Name("Extension") | m.Attribute(attr=m.Name("Extension")))

# Link names whose -dev package is not called lib<name>-dev or <name>-dev.
_DEV_PACKAGES = {
    "crypto": "libssl-dev",
    "curl": "libcurl4-openssl-dev",
    "exslt": "libxslt1-dev",
    "mysqlclient": "default-libmysqlclient-dev",
}
# glibc's libraries: every Debian image has libc6, nothing to install.
_GLIBC = frozenset({"c", "m", "dl", "pthread", "rt", "util", "resolv"})

# pip options whose next word is a value, never a project to install.
_PIP_VALUED = frozenset(
    {
        "-r", "--requirement", "-c", "--constraint", "-i", "--index-url",
        "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix",
        "--root", "--src", "--cache-dir", "--log", "--proxy", "--timeout",
        "--retries", "--trusted-host", "--cert", "--client-cert", "--platform",
        "--python-version", "--implementation", "--abi", "--no-binary",
        "--only-binary", "--progress-bar", "--upgrade-strategy", "-C",
        "--config-settings", "--global-option", "--report",
    }
)  # fmt: skip
# setup.py commands that compile the extensions.
_SETUP_VERBS = frozenset(
    {"install", "develop", "build", "build_ext", "bdist_wheel", "bdist_egg"}
)


def extension_libraries(source: str) -> tuple[str, ...]:
    """The `libraries=` of every Extension call in `source`, in order, once each.

    A source libcst cannot parse gives (): a broken setup.py fails the build
    anyway. A list grown later (`LIBS.append("x")`) is read as first written.
    """
    try:
        module = cst.parse_module(source)
    except Exception:  # libcst raises more than ParserSyntaxError on odd input
        return ()

    bound = _module_lists(module)
    found: list[str] = []
    calls = [c for c in m.findall(module, _EXTENSION) if isinstance(c, cst.Call)]
    for call in calls:
        for argument in call.args:
            if argument.keyword is not None and argument.keyword.value == "libraries":
                found += _strings(argument.value, bound)
    return tuple(dict.fromkeys(found))


def _module_lists(module: cst.Module) -> Mapping[str, tuple[str, ...]]:
    """Module-level names bound to a literal list of strings; the last binding wins."""
    bound: dict[str, tuple[str, ...]] = {}
    for line in module.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for statement in line.body:
            if not isinstance(statement, cst.Assign):
                continue
            for target in statement.targets:
                if isinstance(target.target, cst.Name):
                    name = target.target.value
                    bound.pop(name, None)
                    literal = _literal(statement.value)
                    if literal is not None:
                        bound[name] = literal
    return bound


def _strings(
    value: cst.BaseExpression, bound: Mapping[str, tuple[str, ...]]
) -> tuple[str, ...]:
    if isinstance(value, cst.Name):
        return bound.get(value.value, ())
    return _literal(value) or ()


def _literal(value: cst.BaseExpression) -> tuple[str, ...] | None:
    """The strings of a list or tuple written with string literals only, or None."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    strings = []
    for element in value.elements:
        item = element.value
        if not isinstance(element, cst.Element) or not isinstance(
            item, cst.SimpleString
        ):
            return None
        text = item.evaluated_value
        if not isinstance(text, str):
            return None
        strings.append(text)
    return tuple(strings)


def runtime_packages_for(libraries: Iterable[str]) -> tuple[str, ...]:
    """The bookworm packages shipping the run-time side of `libraries` (link names).

    A name whose -dev package the shipped mapping does not know gives nothing:
    no package can be named for it, so that library stays missing.
    """
    runtime = tables()["apt"].runtime
    found: list[str] = []
    for library in libraries:
        if library in _GLIBC:
            continue
        candidates = (_DEV_PACKAGES.get(library), f"lib{library}-dev", f"{library}-dev")
        for dev in candidates:
            if dev is not None and dev in runtime:
                found += runtime[dev]
                break
    return tuple(dict.fromkeys(found))


def pip_projects(words: tuple[str, ...]) -> tuple[str, ...]:
    """The local folders a pip command installs (`.`, `-e .`, `./lib`, `/app`)."""
    if operands(words)[:1] != ("install",):
        return ()
    found = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in _PIP_VALUED:
            skip = True
            continue
        word = word.removeprefix("--editable=")
        path = word.split("[")[0]
        if path.startswith((".", "/")) and "://" not in path:
            found.append(path)
    return tuple(found)


def python_projects(words: tuple[str, ...]) -> tuple[str, ...]:
    """The local folders a `python ...` command builds (`-m pip`, `setup.py`)."""
    if words[:2] == ("-m", "pip"):
        return pip_projects(words[2:])
    if len(words) >= 2 and words[0].endswith("setup.py") and words[1] in _SETUP_VERBS:
        return (posixpath.dirname(words[0]) or ".",)
    return ()


def with_linked_libraries(
    claim: Claim, folders: tuple[str, ...], state: StageState
) -> Claim:
    """`claim` plus the run-time libraries the setup.py in `folders` links."""
    if claim.packages is not None or not folders or not _mapped_debian(state.base):
        return claim

    libraries: list[str] = []
    for folder in folders:
        text = read_context(state, posixpath.join(state.resolve(folder), "setup.py"))
        libraries += extension_libraries(text or "")
    packages = runtime_packages_for(libraries)
    if not packages:
        return claim

    # The planner installs run-time packages at the first INSTALL step; the
    # final stage's copies still come at the COPY that brought the project in.
    install = PackageInstall("apt", (), packages)
    return replace(claim, role=Role.INSTALL, packages=install)


def _mapped_debian(base: str) -> bool:
    """A base whose packages are bookworm's, the suite the mapping was made for."""
    image = parse_image(base)
    suite = debian_suite(base)
    if suite is None:
        # Official images without a suite in the tag are bookworm, but alpine
        # variants use apk and other names.
        return image.name in ("python", "debian") and "alpine" not in (image.tag or "")
    return suite == MAPPED_SUITE
