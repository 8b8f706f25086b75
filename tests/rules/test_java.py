from __future__ import annotations

from pathlib import Path

import ecosystem_cases
import pytest

from refactor.context import MemoryContext
from refactor.plan.outcome import Artifact
from refactor.rules.base import Claim, Role
from refactor.rules.java import RULE
from tests.rules.claims import claim_in_app

POM = """<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>orders</artifactId>
  <version>1.4.0</version>
  {extra}
</project>
"""
MODULES = POM.format(
    extra="<packaging>pom</packaging><modules><module>api</module></modules>"
)
CONTEXT = MemoryContext(
    {
        "pom.xml": POM.format(extra=""),
        "named/pom.xml": POM.format(extra="<build><finalName>app</finalName></build>"),
        "props/pom.xml": POM.format(extra="").replace("1.4.0", "${revision}"),
        "multi/pom.xml": MODULES,
        "multi/api/pom.xml": POM.format(extra="").replace("orders", "orders-api"),
        "build.sh": (
            "#!/bin/sh\nset -eu\nmkdir -p out dist\njavac -d out $(find src -name "
            "'*.java')\njar cf dist/lib.jar -C out .\n"
        ),
        "setup.sh": "#!/bin/sh\njavac -d out A.java\nuseradd app\n",
        "other.sh": "#!/bin/sh\necho hello\n",
    }
)


def claim_for(
    text: str,
    *,
    entry: tuple[str, ...] = ("java", "-jar", "app.jar"),
    env: dict[str, str] | None = None,
) -> Claim | None:
    return claim_in_app(
        RULE,
        text,
        base="eclipse-temurin:17-jdk",
        entry=entry,
        env=env,
        context=CONTEXT,
        which=0,
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("java -jar app.jar", id="java"),
        pytest.param("./other.sh", id="script-without-java"),
        pytest.param("./missing.sh", id="script-not-in-context"),
        pytest.param("jar", id="bare-jar"),
    ],
)
def test_does_not_claim(text: str) -> None:
    assert claim_for(text) is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("mvn -B dependency:go-offline", id="maven-fetch"),
        pytest.param("./mvnw -q test", id="maven-test"),
        pytest.param("gradle dependencies --no-daemon", id="gradle-deps"),
    ],
)
def test_fetch_and_test_are_noise(text: str) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.NOISE


@pytest.mark.parametrize(
    ("text", "artifacts"),
    [
        pytest.param("jar cf app.jar -C classes .", [("/app/app.jar",) * 2], id="cf"),
        pytest.param(
            "jar cvfe out/app.jar org.example.Main -C classes .",
            [("/app/out/app.jar",) * 2],
            id="cvfe",
        ),
        pytest.param(
            "jar cmf MANIFEST.MF app.jar -C classes .",
            [("/app/app.jar",) * 2],
            id="manifest-before-file",
        ),
        pytest.param(
            "jar --create --file=/opt/x.jar --main-class M -C c .",
            [("/opt/x.jar",) * 2],
            id="long-options",
        ),
        pytest.param("jar xf lib.jar", [], id="extract"),
        pytest.param(
            "mvn -B -DskipTests package",
            [("/app/target/orders-1.4.0.jar",) * 2],
            id="maven-named-from-pom",
        ),
        pytest.param(
            "mvn -f named/pom.xml clean install",
            [("/app/named/target/app.jar",) * 2],
            id="maven-final-name",
        ),
        pytest.param(
            "./mvnw -f props package",
            [("/app/props/target/*.jar", "/app/props/target/")],
            id="maven-property-name",
        ),
        pytest.param(
            "mvn -f multi package",
            [("/app/multi/api/target/orders-api-1.4.0.jar",) * 2],
            id="maven-modules",
        ),
        pytest.param(
            "./gradlew build -x test --no-daemon",
            [("/app/build/libs/*.jar", "/app/build/libs/")],
            id="gradle",
        ),
        pytest.param(
            "gradle -p service installDist",
            [("/app/service/build/install",) * 2],
            id="gradle-install-dist",
        ),
        pytest.param("./build.sh", [("/app/dist/lib.jar",) * 2], id="build-script"),
    ],
)
def test_build_artifacts(text: str, artifacts: list[tuple[str, str]]) -> None:
    claim = claim_for(text)

    assert claim is not None and claim.role is Role.BUILD
    assert [(a.source, a.target) for a in claim.artifacts] == artifacts


@pytest.mark.parametrize(
    ("entry", "env", "copied"),
    [
        pytest.param(("java", "-jar", "app.jar"), {}, False, id="jar-entry"),
        pytest.param(("java", "-cp", "classes:lib/*", "Main"), {}, True, id="cp"),
        pytest.param(("java", "Main"), {"CLASSPATH": "/app/classes"}, True, id="env"),
    ],
)
def test_class_folder_is_copied_when_named(
    entry: tuple[str, ...], env: dict[str, str], copied: bool
) -> None:
    claim = claim_for("javac -d classes src/Main.java", entry=entry, env=env)

    assert claim is not None and claim.role is Role.BUILD
    expected = (Artifact("/app/classes", "/app/classes", "compiled by javac"),)
    assert claim.artifacts == (expected if copied else ())


def test_script_that_changes_the_image_is_unsafe() -> None:
    claim = claim_for("sh setup.sh")

    assert claim is not None and claim.role is Role.UNSAFE
    assert "useradd app" in claim.why


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, id=case.name)
        for case in ecosystem_cases.cases("buildable", "java-")
        + ecosystem_cases.cases("static", "gradle-", "maven-")
    ],
)
def test_corpus_case_matches_the_expert_in_substance(case: Path) -> None:
    assert ecosystem_cases.differences(case) == {}
