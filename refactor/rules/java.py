"""Java: javac, jar, Maven and Gradle. The final stage gets the jars on a JRE.

Jars keep their paths, so `java -jar target/app.jar` and a CLASSPATH naming
them still work. Class folders from javac are copied only when the entry or
CLASSPATH names them; otherwise they are an intermediate step towards a jar.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable

from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Command, Role, StageState, program
from refactor.rules.binaries import entry_jar, entry_words, read_context
from refactor.rules.scripts import claim_script

ECOSYSTEM = "java"
TOOLS = frozenset({"javac", "jar", "mvn", "mvnw", "gradle", "gradlew"})

_JAVAC_VALUED = frozenset(
    {
        "-d", "-cp", "-classpath", "--class-path", "-sourcepath", "--source-path",
        "-source", "--source", "-target", "--target", "--release", "-encoding", "-s",
        "-h", "-processorpath", "--processor-path", "--module-path", "-p",
        "--module", "-m", "--add-modules", "--module-source-path", "-bootclasspath",
    }
)  # fmt: skip
_MAVEN_VALUED = frozenset(
    {"-f", "--file", "-s", "--settings", "-gs", "-P", "-pl", "--projects", "-T",
     "--threads", "-t", "-l", "--log-file", "-rf", "-b", "-D"}
)  # fmt: skip
_MAVEN_JARS = re.compile(r"^(package|install|verify|deploy|.*:repackage)$")
_GRADLE_VALUED = frozenset(
    {"-p", "--project-dir", "-b", "--build-file", "-c", "--settings-file", "-x",
     "--exclude-task", "-I", "--init-script", "-g", "--gradle-user-home"}
)  # fmt: skip
_GRADLE_JARS = frozenset({"build", "assemble", "jar", "bootJar", "shadowJar", "war"})
_POM = "{http://maven.apache.org/POM/4.0.0}"


class JavaRule:
    ecosystem = ECOSYSTEM

    def claim(self, command: Command, state: StageState) -> Claim | None:
        name = program(command)
        if name == "javac":
            return _javac(command, state)
        if name == "jar":
            return _jar(command, state)
        if name in ("mvn", "mvnw"):
            return _maven(command, state)
        if name in ("gradle", "gradlew"):
            return _gradle(command, state)
        return claim_script(command, state, ECOSYSTEM, TOOLS)


def _operands(
    words: Iterable[str], valued: frozenset[str]
) -> tuple[list[str], dict[str, str]]:
    """Operands and the last value of each option (`-o v`, `--o=v`)."""
    listed = list(words)
    operands: list[str] = []
    options: dict[str, str] = {}
    index = 0
    while index < len(listed):
        word = listed[index]
        name, equals, value = word.partition("=")
        if word.startswith("-") and not equals and name in valued:
            value = listed[index + 1] if index + 1 < len(listed) else ""
            index += 1
        if word.startswith("-"):
            options[name] = value
        else:
            operands.append(word)
        index += 1
    return operands, options


def _javac(command: Command, state: StageState) -> Claim:
    _, options = _operands(command.arguments, _JAVAC_VALUED)
    why = "compiled by javac"
    artifacts: tuple[Artifact, ...] = ()
    if "-d" in options:
        classes = state.resolve(options["-d"])
        if _on_classpath(state, classes):
            artifacts = (Artifact(classes, classes, why),)
    return Claim(ecosystem=ECOSYSTEM, role=Role.BUILD, why=why, artifacts=artifacts)


def _on_classpath(state: StageState, folder: str) -> bool:
    """True when the entry's `-cp` or the CLASSPATH names `folder` (or inside it)."""
    words = list(entry_words(state))
    values = [
        words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-cp", "-classpath")
    ]
    values.append(state.env.get("CLASSPATH", ""))
    for value in values:
        for element in value.split(":"):
            if not element:
                continue
            path = posixpath.normpath(posixpath.join(state.workdir, element))
            if path == folder or path.startswith(folder.rstrip("/") + "/"):
                return True
    return False


def _jar(command: Command, state: StageState) -> Claim | None:
    words = list(command.arguments)
    if not words:
        return None
    output = _jar_file(words)
    creates = _jar_mode(words) in ("c", "u")
    why = "packed by jar"
    if output is None or not creates:
        return Claim(
            ecosystem=ECOSYSTEM, role=Role.BUILD, why="jar work in the builder"
        )
    path = state.resolve(output)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=(Artifact(path, path, why),),
    )


def _jar_mode(words: list[str]) -> str | None:
    for word in words:
        if word in ("--create", "-c"):
            return "c"
        if word in ("--update", "-u"):
            return "u"
        if word in ("--extract", "-x", "--list", "-t"):
            return "x"
    first = words[0].lstrip("-")
    if not words[0].startswith("--") and first and first[0] in "cuxt":
        return first[0]
    return None


def _jar_file(words: list[str]) -> str | None:
    """The jar file named by `cf X`, `cvfe X Main`, `-f X` or `--file=X`."""
    for index, word in enumerate(words):
        if word.startswith("--file="):
            return word.partition("=")[2]
        if word in ("-f", "--file") and index + 1 < len(words):
            return words[index + 1]
    letters = words[0].lstrip("-")
    if words[0].startswith("--") or not letters or letters[0] not in "cuxt":
        return None
    # Bundled letters take their values in order: `cfm X.jar manifest`.
    valued = [letter for letter in letters if letter in "fme"]
    if "f" not in valued:
        return None
    position = 1 + valued.index("f")
    return words[position] if position < len(words) else None


def _maven(command: Command, state: StageState) -> Claim:
    goals, options = _operands(command.arguments, _MAVEN_VALUED)
    folder = state.resolve(options.get("-f") or options.get("--file") or ".")
    if folder.endswith(".xml"):
        folder = posixpath.dirname(folder)
    if not any(_MAVEN_JARS.match(goal) for goal in goals):
        why = "maven fetches, compiles or tests in the builder"
        inputs = _maven_inputs(state, options)
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why, inputs=inputs)
    why = "packaged by maven"
    artifacts = tuple(_maven_jars(state, folder, why))
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=artifacts,
        inputs=_maven_inputs(state, options),
        left_behind=(f"{folder.rstrip('/')}/src/**", f"{folder.rstrip('/')}/target/**"),
    )


def _maven_inputs(state: StageState, options: dict[str, str]) -> tuple[str, ...]:
    """Maven's settings files: they configure the build, not the program."""
    root = state.user in (None, "", "root", "0")
    home = state.env.get("HOME") or ("/root" if root else f"/home/{state.user}")
    found = [f"{home}/.m2/settings.xml", f"{home}/.m2/settings-security.xml"]
    for flag in ("-s", "--settings", "-gs"):
        if flag in options:
            found.append(state.resolve(options[flag]))
    return tuple(found)


def _maven_jars(state: StageState, folder: str, why: str) -> list[Artifact]:
    pom = _pom(state, folder)
    modules = (
        [m.text.strip() for m in pom.iter(f"{_POM}module") if m.text]
        if pom is not None
        else []
    )
    if modules:
        found = []
        for module in modules:
            found += _maven_jars(state, posixpath.join(folder, module), why)
        return found
    if pom is not None and _text(pom, "packaging") == "pom":
        return []
    target = posixpath.join(folder, "target")
    name = _jar_name(pom) if pom is not None else None
    if name is None:
        return [_jars_in(state, target, why)]
    return [Artifact(f"{target}/{name}", f"{target}/{name}", why)]


def _jars_in(state: StageState, folder: str, why: str) -> Artifact:
    """The jar a `java -jar` entry names in `folder`, else every jar there."""
    named = entry_jar(state)
    if named is not None and posixpath.dirname(named) == folder:
        return Artifact(named, named, why)
    return Artifact(f"{folder}/*.jar", f"{folder}/", why)


def _pom(state: StageState, folder: str) -> ElementTree.Element | None:
    text = read_context(state, posixpath.join(folder, "pom.xml"))
    if text is None:
        return None
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    return root if root.tag == f"{_POM}project" else None


def _text(pom: ElementTree.Element, tag: str) -> str | None:
    element = pom.find(f"{_POM}{tag}")
    return element.text.strip() if element is not None and element.text else None


def _jar_name(pom: ElementTree.Element) -> str | None:
    build = pom.find(f"{_POM}build")
    final = build.find(f"{_POM}finalName") if build is not None else None
    packaging = _text(pom, "packaging") or "jar"
    if final is not None and final.text:
        stem = final.text.strip()
    else:
        version = _text(pom, "version")
        parent = pom.find(f"{_POM}parent")
        if version is None and parent is not None:
            version = _text(parent, "version")
        stem = f"{_text(pom, 'artifactId')}-{version}"
    if "${" in stem or "None" in stem.split("-"):
        return None
    return f"{stem}.{packaging}"


def _gradle(command: Command, state: StageState) -> Claim:
    tasks, options = _operands(command.arguments, _GRADLE_VALUED)
    project = options.get("-p") or options.get("--project-dir") or "."
    folder = state.resolve(project)
    names = {task.rsplit(":", 1)[-1] for task in tasks}
    why = "built by gradle"
    artifacts = []
    if names & _GRADLE_JARS:
        artifacts.append(_jars_in(state, posixpath.join(folder, "build/libs"), why))
    if "installDist" in names:
        install = posixpath.join(folder, "build/install")
        artifacts.append(Artifact(install, install, why))
    if not artifacts:
        why = "gradle fetches, compiles or tests in the builder"
        return Claim(ecosystem=ECOSYSTEM, role=Role.NOISE, why=why)
    return Claim(
        ecosystem=ECOSYSTEM,
        role=Role.BUILD,
        why=why,
        artifacts=tuple(artifacts),
        left_behind=(
            f"{folder.rstrip('/')}/src/**",
            f"{folder.rstrip('/')}/.gradle/**",
        ),
    )


RULE = JavaRule()
